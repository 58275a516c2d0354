//! Everything that can go wrong while reading a key, a certificate or metadata, each message
//! written for the person who chose the file.

use super::InputKind;
use crate::pki;
use crate::setup::FormError;

/// Everything that can go wrong while reading a key, a certificate or metadata.
///
/// Each message says what was found and what to do, in words for the person who chose the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The input is larger than [`super::MAX_INPUT_BYTES`]; nothing was parsed.
    #[error(
        "This file is larger than 1 MiB ({bytes} bytes), so it was not read. A key, a certificate or JumpCloud's metadata is a few kilobytes: check that this is the right file."
    )]
    TooLarge {
        /// Its size in bytes.
        bytes: usize,
    },
    /// The input is empty or only whitespace.
    #[error("This file is empty. Choose {} instead.", .0.wanted())]
    Empty(InputKind),
    /// The input is binary but not DER, or text in no encoding we read.
    #[error(
        "This file is neither text nor DER, so it cannot be {}. Choose {}.",
        .0.thing(),
        .0.wanted()
    )]
    Binary(InputKind),
    /// The input is UTF-16 text (Windows "Unicode"); we read UTF-8 only.
    #[error(
        "This file is saved as UTF-16 (Windows \"Unicode\") text. Save it as UTF-8 and choose it again."
    )]
    Utf16,
    /// An XML file was given to the key or certificate input.
    #[error(
        "This is an XML file, perhaps JumpCloud's metadata: choose it under \"JumpCloud metadata file\". Here {} is needed.",
        .0.wanted()
    )]
    XmlGiven(InputKind),
    /// Text that is neither PEM nor a base64 body.
    #[error("{}", not_pem_text(*.0))]
    NotPemText(InputKind),
    /// A PEM block whose label this input does not take (e.g. `CERTIFICATE REQUEST`).
    #[error("This file holds \"{label}\", not {}.", .input.pem_wanted())]
    WrongPemLabel {
        /// The input it was given to.
        input: InputKind,
        /// The label found, shortened.
        label: String,
    },
    /// A public key was given where the private key is expected.
    #[error(
        "This is a public key. Renewing needs the private key (samlidp.key), which holds both halves."
    )]
    PublicKeyNotPrivate,
    /// An OpenSSH private key (`BEGIN OPENSSH PRIVATE KEY`), which needs converting first.
    #[error(
        "This is an OpenSSH key. Convert a copy to PKCS#8 first: ssh-keygen -p -N \"\" -m PKCS8 -f copy-of-key (only RSA keys work for JumpCloud)."
    )]
    OpenSshKey,
    /// A key or certificate problem (encrypted, not RSA, wrong size, certificate instead of
    /// key, damaged DER …), with `pki`'s own message.
    #[error("{0}")]
    Pki(#[from] pki::Error),
    /// A PEM key or certificate was given to the metadata input.
    #[error(
        "This is a PEM key or certificate, not JumpCloud's metadata. Choose the XML file from JumpCloud's Export Metadata."
    )]
    PemNotMetadata,
    /// The metadata is not well-formed XML (the parser's message).
    #[error(
        "This is not well-formed XML ({detail}). Choose the XML file from JumpCloud's Export Metadata, unchanged.",
        detail = .0
    )]
    NotXml(String),
    /// The XML has a DOCTYPE or declarations (`<!ENTITY`, `<!ELEMENT` …); refused before parsing.
    #[error(
        "This XML has a DOCTYPE or entity declarations, which are refused for safety. JumpCloud's metadata has none: export it again."
    )]
    XmlDtd,
    /// The XML uses XInclude, an external reference; refused before parsing.
    #[error(
        "This XML refers to other files (XInclude), which is refused for safety. JumpCloud's metadata has no such references: export it again."
    )]
    XmlExternalReference,
    /// The XML is not SAML 2.0 metadata (no `md:EntityDescriptor`).
    #[error(
        "This XML is not SAML 2.0 metadata: it has no EntityDescriptor. Choose the file from JumpCloud's Export Metadata."
    )]
    NotMetadata,
    /// The metadata describes a service provider (e.g. Cloudflare's), not an identity provider.
    #[error(
        "This is service provider metadata (such as Cloudflare's sp-metadata.xml), not identity provider metadata. Choose the file from the JumpCloud app's Export Metadata."
    )]
    SpMetadata,
    /// The metadata has an entity but no `IDPSSODescriptor`.
    #[error(
        "This metadata describes no identity provider (no IDPSSODescriptor). Choose the file from the JumpCloud app's Export Metadata."
    )]
    NoIdentityProvider,
    /// The metadata holds several identity providers; which one is meant is unclear.
    #[error(
        "This metadata describes {count} identity providers; choose the export of the one JumpCloud app for Cloudflare Access.",
        count = .0
    )]
    SeveralIdentityProviders(usize),
    /// The identity provider does not list the SAML 2.0 protocol.
    #[error(
        "This identity provider does not offer SAML 2.0 (protocolSupportEnumeration), which Cloudflare Access needs."
    )]
    NotSaml2,
    /// The `EntityDescriptor` has no `entityID`.
    #[error(
        "This metadata has no entityID, which Cloudflare needs as the IdP Entity ID. Export the metadata again from JumpCloud."
    )]
    NoEntityId,
    /// The `entityID` cannot be used (the form's check for the IdP Entity ID).
    #[error("The metadata's entityID cannot be used: {reason}", reason = .0)]
    EntityIdInvalid(FormError),
    /// No `SingleSignOnService` with the HTTP-Redirect or HTTP-POST binding.
    #[error(
        "This metadata has no SingleSignOnService with the HTTP-Redirect or HTTP-POST binding, so there is no SSO URL for Cloudflare."
    )]
    NoSsoUrl,
    /// The SSO URL is `http://`.
    #[error(
        "The metadata's SSO URL {url} is not https://. Cloudflare needs an https:// Single Sign On URL; JumpCloud's starts with https://sso.jumpcloud.com/.",
        url = .0
    )]
    SsoUrlNotHttps(String),
    /// The SSO URL cannot be used.
    #[error("The metadata's SSO URL {url} cannot be used: {reason}")]
    SsoUrlInvalid {
        /// The URL, shortened.
        url: String,
        /// The form's check for the SSO URL.
        reason: FormError,
    },
    /// No signing certificate (`KeyDescriptor` with `use="signing"` or no `use`).
    #[error(
        "This metadata has no signing certificate (KeyDescriptor use=\"signing\" with an X509Certificate). In JumpCloud, upload or generate the IdP certificate, then export the metadata again."
    )]
    NoSigningCertificate,
    /// A signing certificate in the metadata cannot be read.
    #[error("Signing certificate {position} in the metadata cannot be read: {error}")]
    MetadataCertificate {
        /// Which one, counting from 1 in document order.
        position: usize,
        /// Why.
        #[source]
        error: pki::Error,
    },
}

/// The message for text that is neither PEM nor a base64 body, given to `input`.
fn not_pem_text(input: InputKind) -> String {
    match input {
        InputKind::Certificate => String::from(
            "This is not a certificate: expected PEM text starting with -----BEGIN CERTIFICATE-----, a DER file, or the certificate's base64 body.",
        ),
        _ => format!(
            "This is not a PEM file: expected text starting with -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----. Choose {}.",
            input.wanted()
        ),
    }
}

/// The words the messages use for each input.
impl InputKind {
    /// What the input wants, in a sentence ("… here the private key (samlidp.key) is needed").
    fn wanted(self) -> &'static str {
        match self {
            InputKind::PrivateKey => "the private key (samlidp.key)",
            InputKind::Certificate => "the certificate (samlidp.crt)",
            InputKind::Metadata => "the XML file from JumpCloud's Export Metadata",
            InputKind::CheckCertificate => "the certificate Cloudflare has (samlidp.crt)",
        }
    }

    /// What the input reads, for "… so it cannot be a private key".
    fn thing(self) -> &'static str {
        match self {
            InputKind::PrivateKey => "a private key",
            InputKind::Certificate | InputKind::CheckCertificate => "a certificate",
            InputKind::Metadata => "metadata XML",
        }
    }

    /// The PEM block the input takes, for "This file holds \"…\", not …".
    fn pem_wanted(self) -> &'static str {
        match self {
            InputKind::Certificate => "a certificate (BEGIN CERTIFICATE)",
            _ => "an RSA private key (BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY)",
        }
    }
}
