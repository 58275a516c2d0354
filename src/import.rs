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

mod certificate;
mod error;
mod inspect;
mod key;
mod metadata;

pub use certificate::{CurrentCertificate, certificate, current_certificate};
pub use error::Error;
pub use inspect::{Inspection, inspect};
pub use key::private_key;
pub use metadata::{IdpMetadata, jumpcloud_metadata, setup_from_metadata};
pub(crate) use metadata::{MAX_XML_NODES, refuse_declarations};

use crate::pki;

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

/// Reads `bytes` given to `input` as its [`Shape`] says: DER with `from_der`, text with
/// `from_text`, and text that starts like DER with `from_der` first, then, when that DER is
/// damaged, as text.
fn read<T>(
    bytes: &[u8],
    input: InputKind,
    from_der: fn(&[u8]) -> Result<T>,
    from_text: fn(&str) -> Result<T>,
) -> Result<T> {
    match shape(bytes, input)? {
        Shape::Der(der) => from_der(der),
        Shape::DerOrText(der, text) => match from_der(der) {
            Err(Error::Pki(pki::Error::Malformed(_))) => from_text(text),
            other => other,
        },
        Shape::Text(text) => from_text(text),
    }
}

/// What a text input holds: one PEM block (its label), or a bare base64 body (its DER).
enum Pem {
    /// The label of the one PEM block.
    Label(String),
    /// The decoded DER of a body pasted without the BEGIN and END lines.
    Body(Vec<u8>),
}

/// Reads text given to `input` up to its PEM label. XML, several PEM blocks and text that is
/// neither PEM nor a base64 body are refused; a bare base64 body is decoded.
fn pem_or_body(text: &str, input: InputKind) -> Result<Pem> {
    if text.trim_start().starts_with('<') {
        return Err(Error::XmlGiven(input));
    }
    match pem_label(text) {
        Some(label) => label.map(Pem::Label),
        None if is_base64_body(text) => decode_base64_body(text, input).map(Pem::Body),
        None => Err(Error::NotPemText(input)),
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
