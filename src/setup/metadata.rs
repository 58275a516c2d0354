//! SAML 2.0 metadata: the IdP side for Cloudflare's metadata upload and the SP side for
//! JumpCloud's "Upload Metadata".

use super::{NAME_ID_FORMAT_EMAIL, Setup, TeamName};
use crate::pki::Certificate;
use crate::text::xml::{self, escape};
use core::fmt::Write;

/// The SAML 2.0 metadata namespace.
pub const METADATA_NS: &str = "urn:oasis:names:tc:SAML:2.0:metadata";
/// The XML Signature namespace (for `KeyInfo`).
pub const XMLDSIG_NS: &str = "http://www.w3.org/2000/09/xmldsig#";
/// The SAML 2.0 protocol, for `protocolSupportEnumeration`.
pub const PROTOCOL: &str = "urn:oasis:names:tc:SAML:2.0:protocol";
/// The HTTP-Redirect binding.
pub const BINDING_REDIRECT: &str = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
/// The HTTP-POST binding.
pub const BINDING_POST: &str = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";

/// `idp-metadata.xml`: an `EntityDescriptor` for JumpCloud as IdP, with one signing
/// `KeyDescriptor` per certificate (in the order given), the emailAddress NameID format, and
/// `SingleSignOnService` for HTTP-Redirect and HTTP-POST at the SSO URL. Elements follow the
/// schema's sequence order.
pub fn idp_metadata_xml(setup: &Setup, certificates: &[&Certificate]) -> String {
    let mut key_descriptors = String::new();
    for certificate in certificates {
        // Base64 is XML-safe; one line, no header lines.
        let _ = write!(
            key_descriptors,
            r#"    <md:KeyDescriptor use="signing">
      <ds:KeyInfo>
        <ds:X509Data>
          <ds:X509Certificate>{}</ds:X509Certificate>
        </ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>
"#,
            certificate.base64()
        );
    }
    let location = escape(&setup.sso_url, xml::document);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="{METADATA_NS}" xmlns:ds="{XMLDSIG_NS}" entityID="{entity_id}">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="{signed}" protocolSupportEnumeration="{PROTOCOL}">
{key_descriptors}    <md:NameIDFormat>{NAME_ID_FORMAT_EMAIL}</md:NameIDFormat>
    <md:SingleSignOnService Binding="{BINDING_REDIRECT}" Location="{location}"/>
    <md:SingleSignOnService Binding="{BINDING_POST}" Location="{location}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
"#,
        entity_id = escape(&setup.idp_entity_id, xml::document),
        signed = setup.sign_request,
    )
}

/// `sp-metadata.xml`: Cloudflare as SP for the team: entityID and the HTTP-POST
/// `AssertionConsumerService` at the callback URL, NameID format emailAddress. Needs nothing
/// but the team, so it is offered before generating.
pub fn sp_metadata_xml(team: &TeamName) -> String {
    // The team name is a checked DNS label, so the URL needs no escaping; escape anyway so
    // the function stays safe if that ever changes.
    let callback = escape(&team.callback_url(), xml::document);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="{METADATA_NS}" entityID="{callback}">
  <md:SPSSODescriptor protocolSupportEnumeration="{PROTOCOL}">
    <md:NameIDFormat>{NAME_ID_FORMAT_EMAIL}</md:NameIDFormat>
    <md:AssertionConsumerService Binding="{BINDING_POST}" Location="{callback}" index="0" isDefault="true"/>
  </md:SPSSODescriptor>
</md:EntityDescriptor>
"#
    )
}
