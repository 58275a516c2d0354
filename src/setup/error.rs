//! Why a field's text was refused: one variant per rule, its message what the page shows next
//! to the field.

use super::checks::ALLOWED_GROUPS_HINT;
use super::field::Field;
use super::form::{DEFAULT_SSO_URL, MAX_ENTITY_ID_CHARS, MAX_NAME_CHARS, MAX_URL_CHARS};
use super::team::{MAX_TEAM_NAME_CHARS, TEAM_NAME_HINT};
use crate::pki::{DEFAULT_VALIDITY_DAYS, MAX_VALIDITY_DAYS};

/// Why a field's text was refused. Its message is what the page shows next to the field.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FormError {
    /// A required field is empty; the message says what to enter.
    #[error("{0}")]
    Empty(&'static str),
    /// The text is not a bare team name or its Cloudflare Access address.
    #[error("{TEAM_NAME_HINT}")]
    NotATeamName,
    /// A team name with characters a DNS label cannot hold.
    #[error("A team name can use only letters, digits and hyphens.")]
    TeamNameCharacters,
    /// A team name longer than a DNS label.
    #[error("A team name can be at most {MAX_TEAM_NAME_CHARS} characters.")]
    TeamNameTooLong,
    /// A team name starting or ending with a hyphen.
    #[error("A team name cannot start or end with a hyphen.")]
    TeamNameHyphen,
    /// An empty SSO URL.
    #[error("Enter the JumpCloud SSO URL, for example {DEFAULT_SSO_URL}.")]
    UrlEmpty,
    /// A URL longer than [`MAX_URL_CHARS`].
    #[error("The URL can be at most {MAX_URL_CHARS} characters.")]
    UrlTooLong,
    /// A URL with whitespace or control characters.
    #[error("The URL cannot contain spaces, line breaks or control characters.")]
    UrlWhitespace,
    /// An `http://` URL.
    #[error("Use the https:// address JumpCloud shows, not http://.")]
    UrlNotHttps,
    /// Not a full URL.
    #[error("Enter a full URL starting with https://.")]
    UrlNotFull,
    /// A URL with characters a URL cannot hold unescaped.
    #[error(
        "The URL can contain only ASCII letters, digits and URL punctuation (no quotes, <, >, \\ or accented letters)."
    )]
    UrlCharacters,
    /// A URL with a user name or password.
    #[error("The URL cannot contain a user name or password.")]
    UrlUserInfo,
    /// A URL without a host.
    #[error("The URL needs a host name, for example sso.jumpcloud.com.")]
    UrlNoHost,
    /// A URL whose host is not a DNS name.
    #[error("The host name in the URL is not valid.")]
    UrlBadHost,
    /// A URL with a bad port.
    #[error("The port in the URL must be a number from 1 to 65535.")]
    UrlBadPort,
    /// An entity ID with whitespace or control characters.
    #[error("The IdP Entity ID cannot contain spaces, line breaks or control characters.")]
    EntityIdWhitespace,
    /// An entity ID longer than [`MAX_ENTITY_ID_CHARS`].
    #[error("The IdP Entity ID can be at most {MAX_ENTITY_ID_CHARS} characters.")]
    EntityIdTooLong,
    /// A name with line breaks or control characters.
    #[error("{} cannot contain line breaks or control characters.", .0.label())]
    NameControlCharacters(Field),
    /// A name longer than [`MAX_NAME_CHARS`].
    #[error("{} can be at most {MAX_NAME_CHARS} characters.", .0.label())]
    NameTooLong(Field),
    /// An empty validity.
    #[error("Enter the validity in days, for example {DEFAULT_VALIDITY_DAYS}.")]
    ValidityDaysEmpty,
    /// A validity that is not a whole number of days in range.
    #[error("Validity must be a whole number of days from 1 to {MAX_VALIDITY_DAYS}.")]
    ValidityDays,
    /// Quotes in an attribute name.
    #[error(
        "Attribute names cannot contain quotes; separate them with commas, for example email, name, username."
    )]
    AttributeQuotes,
    /// Control characters in an attribute name.
    #[error("Attribute names cannot contain control characters.")]
    AttributeControlCharacters,
    /// An attribute name longer than [`MAX_NAME_CHARS`].
    #[error("Each attribute name can be at most {MAX_NAME_CHARS} characters.")]
    AttributeTooLong,
    /// A bad "JumpCloud groups allowed" list.
    #[error("{ALLOWED_GROUPS_HINT}")]
    AllowedGroups,
    /// An attribute listed twice.
    #[error("The attribute {0} is listed twice.")]
    AttributeTwice(String),
    /// More than one name where one is expected.
    #[error("Enter one attribute name without spaces or commas, or leave it empty.")]
    OneAttributeName,
    /// A certificate subject field the certificate core refused.
    #[error("{0}")]
    Subject(crate::pki::Error),
    /// A SAML header row with a header name but no attribute.
    #[error("Enter the SAML attribute to pass on, for example department.")]
    HeaderAttributeEmpty,
    /// A SAML header row with an attribute but no header name.
    #[error("Enter the HTTP header name, for example X-Department.")]
    HeaderNameEmpty,
    /// A header name that is not an HTTP token (RFC 9110 §5.6.2) or too long.
    #[error(
        "A header name can use only letters, digits and ! # $ % & ' * + - . ^ _ ` | ~ (no spaces or colons)."
    )]
    HeaderNameCharacters,
    /// A header name used by an earlier row (HTTP field names are case-insensitive).
    #[error("The header {0} is already used by another row.")]
    HeaderNameTwice(String),
    /// The first bad SAML header input, reported under the "SAML headers" field.
    #[error("{}: {error}", part.label(*row))]
    SamlHeaderRow {
        /// The row, counted from 0.
        row: usize,
        /// Which input of the row.
        part: super::options::HeaderPart,
        /// What is wrong with it.
        error: Box<FormError>,
    },
}

/// Every bad field of a form, in form order, as one message ("Field: message" each), for
/// places that show them together (the metadata mode's Cloudflare section).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", problems_text(.0))]
pub struct FormProblems(pub Vec<(Field, FormError)>);

/// The problems as one line: "Field: message" each, separated by a space.
fn problems_text(problems: &[(Field, FormError)]) -> String {
    let lines: Vec<String> = problems
        .iter()
        .map(|(field, error)| format!("{}: {error}", field.label()))
        .collect();
    lines.join(" ")
}
