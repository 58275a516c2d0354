//! Why a pasted response could not be checked at all.

use super::MAX_DEPTH;
use core::fmt;

/// Why a pasted response could not be checked at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// Nothing was pasted.
    Empty,
    /// Larger than 1 MiB; nothing was decoded.
    TooLarge {
        /// Its size in bytes.
        bytes: usize,
    },
    /// Not UTF-8 text.
    NotText,
    /// A form body without a `SAMLResponse` field.
    NoSamlResponseField,
    /// The form value's percent-encoding is broken.
    BadPercentEncoding,
    /// Neither XML nor base64.
    NotBase64,
    /// Base64 that does not decode to XML text.
    NotXmlInside,
    /// A DOCTYPE or declarations; refused before parsing.
    Dtd,
    /// XInclude; refused before parsing.
    ExternalReference,
    /// Not well-formed XML (the parser's message).
    NotXml(String),
    /// Well-formed, but not a `samlp:Response` (the root's name).
    NotResponse(String),
    /// Elements nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// A name whose written prefix cannot be told (two prefixes for one namespace URI).
    AmbiguousPrefix(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Empty => write!(f, "Paste the SAML response first."),
            Error::TooLarge { bytes } => write!(
                f,
                "This is larger than 1 MiB ({bytes} bytes), so it was not read. A SAML response from JumpCloud is a few kilobytes: paste only the SAMLResponse value."
            ),
            Error::NotText => write!(
                f,
                "This is not UTF-8 text. Paste the SAMLResponse value as text."
            ),
            Error::NoSamlResponseField => write!(
                f,
                "This form body has no SAMLResponse field. Capture the POST to /cdn-cgi/access/callback, not the SAMLRequest sent to JumpCloud."
            ),
            Error::BadPercentEncoding => write!(
                f,
                "The SAMLResponse value's %-encoding is damaged. Copy the form body again, or paste the decoded value."
            ),
            Error::NotBase64 => write!(
                f,
                "This is neither XML nor base64. Paste the SAMLResponse value, the whole form body, or the decoded XML."
            ),
            Error::NotXmlInside => write!(
                f,
                "This base64 does not decode to XML. Paste the SAMLResponse value from the POST to /cdn-cgi/access/callback."
            ),
            Error::Dtd => write!(
                f,
                "This XML has a DOCTYPE or entity declarations, which are refused for safety. JumpCloud's responses have none."
            ),
            Error::ExternalReference => write!(
                f,
                "This XML refers to other files (XInclude), which is refused for safety. JumpCloud's responses have no such references."
            ),
            Error::NotXml(detail) => write!(
                f,
                "This is not well-formed XML ({detail}). Paste the response unchanged."
            ),
            Error::NotResponse(root) => write!(
                f,
                "This XML is a {root}, not a SAML Response. Paste the SAMLResponse sent to /cdn-cgi/access/callback."
            ),
            Error::TooDeep => write!(
                f,
                "This XML nests elements more than {MAX_DEPTH} deep; a SAML response nests about 8. Paste the response unchanged."
            ),
            Error::AmbiguousPrefix(uri) => write!(
                f,
                "This XML binds two prefixes to the namespace {uri}, so its signature cannot be checked faithfully."
            ),
        }
    }
}

impl std::error::Error for Error {}
