//! Reading what the user brings: an existing private key (Renew certificate), the current
//! certificate (Inspect) and JumpCloud's exported IdP metadata (From JumpCloud metadata).
//!
//! Everything here is pure and runs the same natively, in the fuzz targets and in wasm32: the
//! page hands in the bytes it read with the File API (or the pasted text as UTF-8) and gets a
//! value or an [`Error`] whose message is written for the person who chose the file.
//!
//! What each input accepts:
//! - [`private_key`]: PEM `PRIVATE KEY` (PKCS#8) or `RSA PRIVATE KEY` (PKCS#1), unencrypted,
//!   RSA 2048, 3072 or 4096 bits with exponent 65537. Also raw DER (`openssl pkey -outform DER`):
//!   PKCS#8 is tried first, then PKCS#1, because WebCrypto and OpenSSL 3 write PKCS#8. Also the
//!   bare base64 body of either, pasted without the BEGIN and END lines.
//! - [`certificate`]: PEM `CERTIFICATE`, DER, or the bare base64 body (as JumpCloud and
//!   Cloudflare show it).
//! - [`jumpcloud_metadata`]: SAML 2.0 IdP metadata XML, UTF-8, without DTD.
//!
//! Every input is limited to [`MAX_INPUT_BYTES`] before anything parses it; no parser here
//! recurses on input structure, and the one big-number step (loading an RSA key) only runs once
//! the modulus is known to be 2048, 3072 or 4096 bits, so hostile input fails fast.

mod metadata;

pub use metadata::{IdpMetadata, jumpcloud_metadata, setup_from_metadata};
pub(crate) use metadata::{MAX_XML_NODES, refuse_declarations};

use crate::pki::{self, Certificate, KeyFormat, KeyPair};
use crate::setup::FormError;
use der::asn1::{ObjectIdentifier, OctetStringRef};
use der::{Decode, Reader};

/// The largest file accepted by any input: 1 MiB. A key, a certificate or JumpCloud's metadata
/// is a few kilobytes.
pub const MAX_INPUT_BYTES: usize = 1024 * 1024;

/// How much of a value taken from a file is quoted back in a message.
const MAX_QUOTED_CHARS: usize = 120;

/// The three file inputs, as the page labels them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputKind {
    /// "Private key file" (Renew certificate).
    PrivateKey,
    /// "Certificate file" (Renew certificate, inspect).
    Certificate,
    /// "JumpCloud metadata file" (From JumpCloud metadata).
    Metadata,
    /// "Certificate to check against" (Check a SAML response).
    CheckCertificate,
}

impl InputKind {
    /// Every input, in page order.
    pub const ALL: [InputKind; 4] = [
        InputKind::PrivateKey,
        InputKind::Certificate,
        InputKind::Metadata,
        InputKind::CheckCertificate,
    ];

    /// The input's visible label.
    pub fn label(self) -> &'static str {
        match self {
            InputKind::PrivateKey => "Private key file",
            InputKind::Certificate => "Certificate file",
            InputKind::Metadata => "JumpCloud metadata file",
            InputKind::CheckCertificate => "Certificate to check against",
        }
    }

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

/// Everything that can go wrong while reading a key, a certificate or metadata.
///
/// Each message says what was found and what to do, in words for the person who chose the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The input is larger than [`MAX_INPUT_BYTES`]; nothing was parsed.
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

/// Result alias for this module.
pub type Result<T> = core::result::Result<T, Error>;

/// Refuses inputs over [`MAX_INPUT_BYTES`]. The page calls this with the File's size before
/// reading it; every function here calls it again first.
pub fn check_size(len: usize) -> Result<()> {
    if len > MAX_INPUT_BYTES {
        Err(Error::TooLarge { bytes: len })
    } else {
        Ok(())
    }
}

/// At most [`MAX_QUOTED_CHARS`] characters of `text`, with `…` when cut, for quoting file
/// content back in a message.
pub(crate) fn shorten(text: &str) -> String {
    match text.char_indices().nth(MAX_QUOTED_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// What an input turned out to be, before parsing it as a key or certificate.
enum Shape<'a> {
    /// Starts like DER (a SEQUENCE tag) and is not UTF-8 text.
    Der(&'a [u8]),
    /// UTF-8 text that starts like DER: tried as DER, then as text.
    DerOrText(&'a [u8], &'a str),
    /// UTF-8 text, byte-order mark removed.
    Text(&'a str),
}

/// The DER tag of a SEQUENCE, the first byte of every key and certificate.
const SEQUENCE_TAG: u8 = 0x30;

fn shape(bytes: &[u8], input: InputKind) -> Result<Shape<'_>> {
    check_size(bytes.len())?;
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(Error::Utf16);
    }
    let text = std::str::from_utf8(bytes)
        .ok()
        .map(|text| text.strip_prefix('\u{feff}').unwrap_or(text));
    match (bytes.first(), text) {
        (None, _) => Err(Error::Empty(input)),
        (Some(&SEQUENCE_TAG), None) => Ok(Shape::Der(bytes)),
        (Some(&SEQUENCE_TAG), Some(text)) => Ok(Shape::DerOrText(bytes, text)),
        (_, Some(text)) if text.trim().is_empty() => Err(Error::Empty(input)),
        (_, Some(text)) => Ok(Shape::Text(text)),
        (_, None) => Err(Error::Binary(input)),
    }
}

/// The one PEM block's label, or the errors that need no decoding (several blocks, no block).
fn pem_label(text: &str) -> Option<Result<String>> {
    let start = text.find("-----BEGIN ")?;
    if text[start + 1..].contains("-----BEGIN ") {
        return Some(Err(pki::Error::MoreThanOneBlock.into()));
    }
    let block = text[start..].trim_end();
    Some(
        der::pem::decode_label(block.as_bytes())
            .map(|label| label.to_owned())
            .map_err(|_| Error::Pki(pki::Error::NotPem)),
    )
}

/// Whether the text is only base64 characters and whitespace (a pasted body without header
/// lines).
fn is_base64_body(text: &str) -> bool {
    let mut any = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=') {
            any = true;
        } else if !c.is_ascii_whitespace() {
            return false;
        }
    }
    any
}

/// Decodes a pasted base64 body. Text that is not valid base64 (a word, a sentence) is not a
/// body at all, so it gets the input's "not PEM" message rather than "damaged".
fn decode_base64_body(text: &str, input: InputKind) -> Result<Vec<u8>> {
    use base64ct::Encoding;
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    base64ct::Base64::decode_vec(&compact).map_err(|_| Error::NotPemText(input))
}

/// Reads an existing private key for Renew certificate.
///
/// Accepts PEM (PKCS#8 `PRIVATE KEY` or PKCS#1 `RSA PRIVATE KEY`), raw DER (PKCS#8 tried
/// first, then PKCS#1) and a pasted base64 body. Refuses, each with its own message: inputs over
/// 1 MiB, empty files, encrypted keys (PKCS#8 and OpenSSL's legacy `Proc-Type: 4,ENCRYPTED`),
/// EC, Ed25519, DSA and OpenSSH keys, RSA keys other than 2048/3072/4096 bits or with an
/// exponent other than 65537, certificates and public keys, several PEM blocks, other PEM
/// labels, XML, damaged DER and binary garbage.
///
/// Returns the key with the format it came in: the one whose decoder read it (the PEM label,
/// or for DER and bare base64 the decoder that succeeded), so it can be offered back unchanged.
pub fn private_key(text_or_bytes: &[u8]) -> Result<(KeyPair, KeyFormat)> {
    let input = InputKind::PrivateKey;
    match shape(text_or_bytes, input)? {
        Shape::Der(der) => key_from_der(der),
        Shape::DerOrText(der, text) => match key_from_der(der) {
            Err(Error::Pki(pki::Error::Malformed(_))) => key_from_text(text),
            other => other,
        },
        Shape::Text(text) => key_from_text(text),
    }
}

fn key_from_text(text: &str) -> Result<(KeyPair, KeyFormat)> {
    let input = InputKind::PrivateKey;
    if text.trim_start().starts_with('<') {
        return Err(Error::XmlGiven(input));
    }
    let Some(label) = pem_label(text) else {
        if is_base64_body(text) {
            return key_from_der(&decode_base64_body(text, input)?);
        }
        return Err(Error::NotPemText(input));
    };
    let label = label?;
    // OpenSSL 1.x `-des3` / `-aes256` on a traditional key: headers inside the block.
    if text.contains("Proc-Type: 4,ENCRYPTED") {
        return Err(pki::Error::EncryptedKey.into());
    }
    let format = match label.as_str() {
        "PRIVATE KEY" => KeyFormat::Pkcs8,
        "RSA PRIVATE KEY" => KeyFormat::Pkcs1,
        "ENCRYPTED PRIVATE KEY" => return Err(pki::Error::EncryptedKey.into()),
        "CERTIFICATE" | "TRUSTED CERTIFICATE" | "X509 CERTIFICATE" => {
            return Err(pki::Error::CertificateNotKey.into());
        }
        "EC PRIVATE KEY" | "DSA PRIVATE KEY" => return Err(pki::Error::NotRsa.into()),
        "OPENSSH PRIVATE KEY" => return Err(Error::OpenSshKey),
        "PUBLIC KEY" | "RSA PUBLIC KEY" => return Err(Error::PublicKeyNotPrivate),
        _ => {
            return Err(Error::WrongPemLabel {
                input,
                label: shorten(&label),
            });
        }
    };
    // The label picks the decoder inside `from_pem`, so it names the format that was read.
    Ok((KeyPair::from_pem(text)?, format))
}

/// A DER key: PKCS#8 first (what WebCrypto and OpenSSL 3 write), then PKCS#1; failing both,
/// says what the DER is instead when it is recognisable.
fn key_from_der(der: &[u8]) -> Result<(KeyPair, KeyFormat)> {
    let pkcs8_error = match KeyPair::from_pkcs8_der(der) {
        Ok(key) => return Ok((key, KeyFormat::Pkcs8)),
        Err(error @ pki::Error::Malformed(_)) => error,
        Err(error) => return Err(error.into()),
    };
    if rsa::pkcs1::RsaPrivateKeyRef::from_der(der).is_ok() {
        return Ok((KeyPair::from_pkcs1_der(der)?, KeyFormat::Pkcs1));
    }
    if is_encrypted_pkcs8(der) {
        return Err(pki::Error::EncryptedKey.into());
    }
    if x509_cert::Certificate::from_der(der).is_ok() {
        return Err(pki::Error::CertificateNotKey.into());
    }
    if spki::SubjectPublicKeyInfoOwned::from_der(der).is_ok()
        || rsa::pkcs1::RsaPublicKey::<der::asn1::UintRef<'_>>::from_der(der).is_ok()
    {
        return Err(Error::PublicKeyNotPrivate);
    }
    Err(pkcs8_error.into())
}

/// Whether `der` is a PKCS#8 `EncryptedPrivateKeyInfo`: a SEQUENCE of an AlgorithmIdentifier
/// for a PKCS#5 or PKCS#12 password-based scheme and an OCTET STRING.
fn is_encrypted_pkcs8(der: &[u8]) -> bool {
    /// pkcs-5 (PBES1, PBES2, PBKDF2 …)
    const PKCS5: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5");
    /// pkcs-12 pkcs-12PbeIds
    const PKCS12_PBE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.1");
    let Ok(mut reader) = der::SliceReader::new(der) else {
        return false;
    };
    let algorithm = reader.sequence(|body| {
        let algorithm = spki::AlgorithmIdentifierRef::decode(body)?;
        <&OctetStringRef>::decode(body)?;
        Ok::<_, der::Error>(algorithm.oid)
    });
    match algorithm {
        Ok(oid) => matches!(oid.parent(), Some(parent) if parent == PKCS5 || parent == PKCS12_PBE),
        Err(_) => false,
    }
}

/// Reads the current certificate for inspection and rotation.
///
/// Accepts PEM (`CERTIFICATE`), DER and the bare base64 body as JumpCloud and Cloudflare show
/// it. A private or public key, XML, several PEM blocks and other PEM labels each get their own
/// message. Certificates with non-RSA keys are read (inspection shows no key size for them).
pub fn certificate(bytes: &[u8]) -> Result<Certificate> {
    let input = InputKind::Certificate;
    match shape(bytes, input)? {
        Shape::Der(der) => certificate_from_der(der),
        Shape::DerOrText(der, text) => match certificate_from_der(der) {
            Err(Error::Pki(pki::Error::Malformed(_))) => certificate_from_text(text),
            other => other,
        },
        Shape::Text(text) => certificate_from_text(text),
    }
}

/// What Renew certificate's "Certificate file" input read: the certificate Cloudflare trusts
/// today, or JumpCloud's exported metadata with every signing certificate it lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CurrentCertificate {
    /// One certificate (PEM, DER or the bare base64 body).
    Certificate(Certificate),
    /// JumpCloud's metadata (Export Metadata on the app's SSO tab).
    Metadata(IdpMetadata),
}

/// Reads Renew certificate's "Certificate file": a certificate as [`certificate`] reads it, or
/// XML as [`jumpcloud_metadata`] reads it, with that reader's limits and refusals.
pub fn current_certificate(bytes: &[u8]) -> Result<CurrentCertificate> {
    match certificate(bytes) {
        Err(Error::XmlGiven(_)) => jumpcloud_metadata(bytes).map(CurrentCertificate::Metadata),
        other => other.map(CurrentCertificate::Certificate),
    }
}

fn certificate_from_text(text: &str) -> Result<Certificate> {
    let input = InputKind::Certificate;
    if text.trim_start().starts_with('<') {
        return Err(Error::XmlGiven(input));
    }
    let Some(label) = pem_label(text) else {
        if is_base64_body(text) {
            return certificate_from_der(&decode_base64_body(text, input)?);
        }
        return Err(Error::NotPemText(input));
    };
    let label = label?;
    match label.as_str() {
        "CERTIFICATE"
        | "X509 CERTIFICATE"
        | "TRUSTED CERTIFICATE"
        | "PRIVATE KEY"
        | "RSA PRIVATE KEY"
        | "ENCRYPTED PRIVATE KEY"
        | "EC PRIVATE KEY" => Ok(Certificate::from_pem(text)?),
        "OPENSSH PRIVATE KEY" | "DSA PRIVATE KEY" => Err(pki::Error::KeyNotCertificate.into()),
        _ => Err(Error::WrongPemLabel {
            input,
            label: shorten(&label),
        }),
    }
}

fn certificate_from_der(der: &[u8]) -> Result<Certificate> {
    match Certificate::from_der(der.to_vec()) {
        Ok(certificate) => Ok(certificate),
        Err(error @ pki::Error::Malformed(_)) => {
            let is_key = rsa::pkcs8::PrivateKeyInfoRef::from_der(der).is_ok()
                || rsa::pkcs1::RsaPrivateKeyRef::from_der(der).is_ok()
                || is_encrypted_pkcs8(der);
            if is_key {
                Err(pki::Error::KeyNotCertificate.into())
            } else {
                Err(error.into())
            }
        }
        Err(error) => Err(error.into()),
    }
}

/// What the page shows about a certificate in Renew mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspection {
    /// Subject DN (RFC 4514), e.g. `CN=JumpCloud SAML IdP`.
    pub subject: String,
    /// Issuer DN (RFC 4514); the same as the subject for a self-signed certificate.
    pub issuer: String,
    /// Serial number, lowercase hex.
    pub serial_hex: String,
    /// notBefore, ISO 8601 UTC.
    pub not_before_iso: String,
    /// notAfter, ISO 8601 UTC.
    pub not_after_iso: String,
    /// Whole days from now until notAfter; negative once expired.
    pub days_left: i64,
    /// SHA-1 fingerprint, `AB:CD:…` (what JumpCloud shows).
    pub sha1: String,
    /// SHA-256 fingerprint, `AB:CD:…`.
    pub sha256: String,
    /// RSA modulus length in bits; `None` for a non-RSA certificate.
    pub key_bits: Option<usize>,
    /// Whether the certificate carries the given key's public half; `None` without a key.
    pub matches_key: Option<bool>,
    /// Whether the certificate's SHA-256 RSA signature verifies with its own public key.
    pub self_signed_valid: bool,
}

impl Inspection {
    /// Whether the certificate has expired at the time given to [`inspect`].
    pub fn is_expired(&self) -> bool {
        self.days_left < 0
    }
}

/// Everything the page shows about `certificate`, checked against `key` when one is given.
pub fn inspect(certificate: &Certificate, key: Option<&KeyPair>, now_unix: u64) -> Inspection {
    Inspection {
        subject: certificate.subject().to_owned(),
        issuer: certificate.issuer().to_owned(),
        serial_hex: certificate.serial_hex(),
        not_before_iso: certificate.not_before_iso(),
        not_after_iso: certificate.not_after_iso(),
        days_left: certificate.days_left(now_unix),
        sha1: certificate.sha1_fingerprint(),
        sha256: certificate.sha256_fingerprint(),
        key_bits: certificate.key_bits(),
        matches_key: key.map(|key| certificate.matches_key(key)),
        self_signed_valid: certificate.is_self_signature_valid(),
    }
}
