//! Why a pasted response could not be checked at all.

use super::MAX_DEPTH;

/// Why a pasted response could not be checked at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// Nothing was pasted.
    #[error("Paste the SAML response first.")]
    Empty,
    /// Larger than 1 MiB; nothing was decoded.
    #[error(
        "This is larger than 1 MiB ({bytes} bytes), so it was not read. A SAML response from JumpCloud is a few kilobytes: paste only the SAMLResponse value."
    )]
    TooLarge {
        /// Its size in bytes.
        bytes: usize,
    },
    /// Not UTF-8 text.
    #[error("This is not UTF-8 text. Paste the SAMLResponse value as text.")]
    NotText,
    /// A form body without a `SAMLResponse` field.
    #[error(
        "This form body has no SAMLResponse field. Capture the POST to /cdn-cgi/access/callback, not the SAMLRequest sent to JumpCloud."
    )]
    NoSamlResponseField,
    /// The form value's percent-encoding is broken.
    #[error(
        "The SAMLResponse value's %-encoding is damaged. Copy the form body again, or paste the decoded value."
    )]
    BadPercentEncoding,
    /// Neither XML nor base64.
    #[error(
        "This is neither XML nor base64. Paste the SAMLResponse value, the whole form body, or the decoded XML."
    )]
    NotBase64,
    /// Base64 that does not decode to XML text.
    #[error(
        "This base64 does not decode to XML. Paste the SAMLResponse value from the POST to /cdn-cgi/access/callback."
    )]
    NotXmlInside,
    /// A DOCTYPE or declarations; refused before parsing.
    #[error(
        "This XML has a DOCTYPE or entity declarations, which are refused for safety. JumpCloud's responses have none."
    )]
    Dtd,
    /// XInclude; refused before parsing.
    #[error(
        "This XML refers to other files (XInclude), which is refused for safety. JumpCloud's responses have no such references."
    )]
    ExternalReference,
    /// Not well-formed XML (the parser's message).
    #[error("This is not well-formed XML ({detail}). Paste the response unchanged.", detail = .0)]
    NotXml(String),
    /// Well-formed, but not a `samlp:Response` (the root's name).
    #[error(
        "This XML is a {root}, not a SAML Response. Paste the SAMLResponse sent to /cdn-cgi/access/callback.",
        root = .0
    )]
    NotResponse(String),
    /// Elements nested deeper than [`MAX_DEPTH`].
    #[error(
        "This XML nests elements more than {MAX_DEPTH} deep; a SAML response nests about 8. Paste the response unchanged."
    )]
    TooDeep,
    /// A name whose written prefix cannot be told (two prefixes for one namespace URI).
    #[error(
        "This XML binds two prefixes to the namespace {uri}, so its signature cannot be checked faithfully.",
        uri = .0
    )]
    AmbiguousPrefix(String),
}
