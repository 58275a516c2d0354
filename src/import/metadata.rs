//! JumpCloud's exported IdP metadata → the values Cloudflare needs.
//!
//! The reader is namespace-aware (`md` = SAML 2.0 metadata, `ds` = XML Signature, whatever
//! prefixes the file uses) and takes:
//! - the `entityID` of the `EntityDescriptor` (the root, or inside an `EntitiesDescriptor`)
//!   that has the one `IDPSSODescriptor`;
//! - every `SingleSignOnService` (`Binding`, `Location`), in document order;
//! - every `ds:X509Certificate` in `KeyDescriptor`s with `use="signing"` or no `use`
//!   (`use="encryption"` ones are skipped), in document order, duplicates dropped.
//!
//! Before parsing, any DTD (`<!DOCTYPE`, `<!ENTITY`, any `<!` other than a comment or CDATA)
//! and XInclude are refused. roxmltree never fetches anything (external entities need a
//! resolver callback, which we do not give) and only expands internal entities when DTDs are
//! allowed, which we do not allow either; the text check refuses such files with a clear
//! message instead of a parser error.

use super::{Error, InputKind, Result, check_size, shorten};
use crate::pki::Certificate;
use crate::setup::form::{check_entity_id, check_https_url};
use crate::setup::metadata::{BINDING_POST, BINDING_REDIRECT, METADATA_NS, PROTOCOL, XMLDSIG_NS};
use crate::setup::{FormInput, FormProblems, Setup};
use roxmltree::{Document, Node, ParsingOptions};

/// The XInclude namespace: `xi:include` pulls in other files.
const XINCLUDE_NS: &str = "http://www.w3.org/2001/XInclude";
/// The most XML nodes read. JumpCloud's metadata has about 20; a 1 MiB file of empty elements
/// could have 260 000.
pub(crate) const MAX_XML_NODES: u32 = 20_000;

/// What Cloudflare needs from JumpCloud's IdP metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdpMetadata {
    /// The IdP Entity ID (`EntityDescriptor/@entityID`): Cloudflare's `issuer_url`.
    pub entity_id: String,
    /// Every `SingleSignOnService` as (`Binding`, `Location`), in document order.
    pub sso_urls: Vec<(String, String)>,
    /// The signing certificates, in document order, without duplicates; at least one.
    pub certificates: Vec<Certificate>,
    /// `IDPSSODescriptor/@WantAuthnRequestsSigned`: whether JumpCloud wants Cloudflare to sign
    /// its requests (the page can preset "Sign SAML authentication request" from it).
    pub want_authn_requests_signed: bool,
}

impl IdpMetadata {
    /// The URL for Cloudflare's Single Sign On URL (`sso_target_url`): the HTTP-Redirect
    /// location, else the HTTP-POST one.
    ///
    /// Cloudflare Access starts a login by redirecting the browser to this URL with the
    /// `SAMLRequest` in the query string, i.e. the HTTP-Redirect binding. JumpCloud lists the
    /// same URL for both bindings, and its endpoint accepts either, so the POST location is
    /// the fallback when a file lists only that.
    pub fn sso_target_url(&self) -> Option<&str> {
        [BINDING_REDIRECT, BINDING_POST]
            .into_iter()
            .find_map(|binding| {
                self.sso_urls
                    .iter()
                    .find(|(found, _)| found == binding)
                    .map(|(_, location)| location.as_str())
            })
    }

    /// The certificates as [`crate::setup::cloudflare::api_body`] and
    /// [`crate::setup::cloudflare::terraform`] take them: all go into `idp_public_certs`.
    pub fn certificate_refs(&self) -> Vec<&Certificate> {
        self.certificates.iter().collect()
    }

    /// The certificate that expires first: the one the expiry reminder is for.
    pub fn first_to_expire(&self) -> Option<&Certificate> {
        self.certificates.iter().min_by_key(|c| c.not_after())
    }
}

/// Reads the XML from the JumpCloud app's Export Metadata (SSO → the app → Export Metadata).
///
/// Refuses, each with its own message: inputs over 1 MiB; non-UTF-8 and UTF-16 text; PEM given
/// here; DOCTYPE or other declarations and XInclude (before parsing); malformed XML or more than
/// 20 000 nodes; XML that is not SAML metadata; SP metadata; several or no identity providers;
/// no SAML 2.0 support; a missing or unusable `entityID`; no HTTP-Redirect or HTTP-POST SSO
/// URL, or one that is not `https://`; no signing certificate or an unreadable one.
pub fn jumpcloud_metadata(bytes: &[u8]) -> Result<IdpMetadata> {
    let input = InputKind::Metadata;
    check_size(bytes.len())?;
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(Error::Utf16);
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(Error::Binary(input));
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(Error::Empty(input));
    }
    if !trimmed.starts_with('<') {
        if text.contains("-----BEGIN ") {
            return Err(Error::PemNotMetadata);
        }
        return Err(Error::NotXml("it does not start with <".to_owned()));
    }
    refuse_declarations(text)?;
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_XML_NODES,
        ..ParsingOptions::default()
    };
    let document = Document::parse_with_options(text, options).map_err(|error| match error {
        roxmltree::Error::DtdDetected => Error::XmlDtd,
        roxmltree::Error::NodesLimitReached => {
            Error::NotXml(format!("more than {MAX_XML_NODES} nodes"))
        }
        other => Error::NotXml(shorten(&other.to_string())),
    })?;
    read_metadata(&document)
}

/// Refuses DTDs and external references by looking at the text, before any parser runs: any
/// `<!` that does not open a comment or a CDATA section is a DOCTYPE or a declaration.
pub(crate) fn refuse_declarations(text: &str) -> Result<()> {
    for (at, _) in text.match_indices("<!") {
        let rest = &text[at + 2..];
        if !(rest.starts_with("--") || rest.starts_with("[CDATA[")) {
            return Err(Error::XmlDtd);
        }
    }
    if text.contains(XINCLUDE_NS) {
        return Err(Error::XmlExternalReference);
    }
    Ok(())
}

fn is_md(node: &Node<'_, '_>, name: &str) -> bool {
    node.is_element() && node.has_tag_name((METADATA_NS, name))
}

fn is_ds(node: &Node<'_, '_>, name: &str) -> bool {
    node.is_element() && node.has_tag_name((XMLDSIG_NS, name))
}

/// Element children of `node` in namespace `md` named `name`.
fn md_children<'a, 'input: 'a>(
    node: Node<'a, 'input>,
    name: &'static str,
) -> impl Iterator<Item = Node<'a, 'input>> {
    node.children().filter(move |child| is_md(child, name))
}

fn read_metadata(document: &Document<'_>) -> Result<IdpMetadata> {
    let root = document.root_element();
    let entities: Vec<Node<'_, '_>> = if is_md(&root, "EntityDescriptor") {
        vec![root]
    } else if is_md(&root, "EntitiesDescriptor") {
        // Nested EntitiesDescriptors are allowed by the schema; descendants() walks them
        // without recursion.
        root.descendants()
            .filter(|node| is_md(node, "EntityDescriptor"))
            .collect()
    } else {
        return Err(Error::NotMetadata);
    };
    let identity_providers: Vec<(Node<'_, '_>, Node<'_, '_>)> = entities
        .iter()
        .flat_map(|entity| md_children(*entity, "IDPSSODescriptor").map(|idp| (*entity, idp)))
        .collect();
    let (entity, idp) = match identity_providers.as_slice() {
        [one] => *one,
        [] => {
            let is_sp = entities
                .iter()
                .any(|entity| md_children(*entity, "SPSSODescriptor").next().is_some());
            return Err(if is_sp {
                Error::SpMetadata
            } else if entities.is_empty() {
                Error::NotMetadata
            } else {
                Error::NoIdentityProvider
            });
        }
        many => return Err(Error::SeveralIdentityProviders(many.len())),
    };

    let protocols = idp
        .attribute("protocolSupportEnumeration")
        .unwrap_or_default();
    if !protocols.split_ascii_whitespace().any(|p| p == PROTOCOL) {
        return Err(Error::NotSaml2);
    }

    let entity_id = match entity.attribute("entityID") {
        Some(id) if !id.trim().is_empty() => id.trim(),
        _ => return Err(Error::NoEntityId),
    };
    let entity_id = check_entity_id(entity_id).map_err(Error::EntityIdInvalid)?;

    let sso_urls: Vec<(String, String)> = md_children(idp, "SingleSignOnService")
        .filter_map(|service| {
            let binding = service.attribute("Binding")?.trim();
            let location = service.attribute("Location")?.trim();
            (!binding.is_empty() && !location.is_empty())
                .then(|| (binding.to_owned(), location.to_owned()))
        })
        .collect();

    let certificates = signing_certificates(idp)?;

    let metadata = IdpMetadata {
        entity_id,
        sso_urls,
        certificates,
        want_authn_requests_signed: matches!(
            idp.attribute("WantAuthnRequestsSigned").map(str::trim),
            Some("true" | "1")
        ),
    };
    let url = metadata.sso_target_url().ok_or(Error::NoSsoUrl)?;
    let scheme = url.get(..7).unwrap_or_default();
    if scheme.eq_ignore_ascii_case("http://") {
        return Err(Error::SsoUrlNotHttps(shorten(url)));
    }
    check_https_url(url).map_err(|reason| Error::SsoUrlInvalid {
        url: shorten(url),
        reason,
    })?;
    Ok(metadata)
}

/// The certificates of the signing `KeyDescriptor`s (`use="signing"` or no `use`):
/// `ds:KeyInfo/ds:X509Data/ds:X509Certificate`, base64 with any whitespace.
fn signing_certificates(idp: Node<'_, '_>) -> Result<Vec<Certificate>> {
    let mut certificates: Vec<Certificate> = Vec::new();
    let mut position = 0;
    let signing = md_children(idp, "KeyDescriptor").filter(|descriptor| {
        matches!(
            descriptor.attribute("use").map(str::trim),
            None | Some("signing")
        )
    });
    for descriptor in signing {
        let bodies = descriptor
            .children()
            .filter(|node| is_ds(node, "KeyInfo"))
            .flat_map(|info| info.children().filter(|node| is_ds(node, "X509Data")))
            .flat_map(|data| {
                data.children()
                    .filter(|node| is_ds(node, "X509Certificate"))
            });
        for body in bodies {
            position += 1;
            let text: String = body
                .children()
                .filter(|node| node.is_text())
                .filter_map(|node| node.text())
                .collect();
            let certificate = Certificate::from_base64(&text)
                .map_err(|error| Error::MetadataCertificate { position, error })?;
            if !certificates
                .iter()
                .any(|seen| seen.der() == certificate.der())
            {
                certificates.push(certificate);
            }
        }
    }
    if certificates.is_empty() {
        return Err(Error::NoSigningCertificate);
    }
    Ok(certificates)
}

/// The validated setup for the Cloudflare outputs of "From JumpCloud metadata".
///
/// The IdP Entity ID and the SSO URL ([`IdpMetadata::sso_target_url`]) come from the metadata;
/// from the form come the team name, identity provider name, JumpCloud display label, SAML
/// attributes, email attribute name, "Sign SAML authentication request", SCIM, groups, SAML
/// headers and the Terraform provider. The certificate options, key size and key format are
/// left at their
/// defaults: no key or certificate is made in this mode, so a half-typed subject from the
/// New-key flow cannot block it.
///
/// The team name stays required: [`Setup`] carries it because the curl commands, the Terraform
/// file and the expiry reminder name the team, and the dashboard note for signed requests links
/// the team's SP metadata. The dashboard values and the API body themselves do not use it.
///
/// Problems are reported per field as [`FormInput::validate`] does; a problem with the values
/// taken from the metadata is reported on [`Field::SsoUrl`] or [`Field::IdpEntityId`] (which
/// cannot happen for metadata read by [`jumpcloud_metadata`], as it applies the same checks).
pub fn setup_from_metadata(
    metadata: &IdpMetadata,
    form: &FormInput,
) -> core::result::Result<Setup, FormProblems> {
    // Everything the user chose on the form carries over (identity provider name, display
    // label, attributes, SCIM, groups, SAML headers, Terraform provider); the certificate
    // settings go back to their defaults.
    let defaults = FormInput::default();
    let input = FormInput {
        sso_url: metadata.sso_target_url().unwrap_or_default().to_owned(),
        idp_entity_id: metadata.entity_id.clone(),
        idp_entity_id_edited: true,
        common_name: defaults.common_name,
        organization: defaults.organization,
        organizational_unit: defaults.organizational_unit,
        locality: defaults.locality,
        state_or_province: defaults.state_or_province,
        country: defaults.country,
        email_address: defaults.email_address,
        validity_days: defaults.validity_days,
        key_size: defaults.key_size,
        key_format: defaults.key_format,
        profile: defaults.profile,
        ..form.clone()
    };
    input.validate().map_err(FormProblems)
}
