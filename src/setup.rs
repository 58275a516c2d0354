//! Pure form validation and setup outputs.
//!
//! One validated [`Setup`] (from the form's [`FormInput`]) plus the generated certificate is the
//! single source of truth: every value shown for JumpCloud and Cloudflare and every file is a
//! pure function of them, so the two consoles can never disagree (an entity ID typed twice, a
//! certificate pasted with header lines, a wrong callback URL).
//!
//! Nothing here touches the browser; the clock comes in as Unix seconds.
//!
//! Escaping rules, because free text (identity provider name, display label, IdP Entity ID,
//! attribute names) reaches several languages:
//! - JSON is written by `serde_json` from typed structs.
//! - XML escapes `& < > " '` in text and attributes.
//! - HCL strings escape `"`, `\`, control characters and the template openers `${` and `%{`.
//! - The curl command only names the JSON file and shell variables; user text never reaches the
//!   shell line.
//! - iCalendar TEXT escapes `\ ; ,` and line breaks, uses CRLF and folds lines at 75 octets
//!   without splitting a UTF-8 character.

mod archive;
mod checks;
pub mod cloudflare;
pub mod curl;
mod error;
mod escape;
mod field;
pub mod files;
pub mod form;
pub mod guide;
pub mod jumpcloud;
pub mod metadata;
pub mod options;
pub mod reminder;
pub mod rotation;
pub mod stored;
mod team;
pub mod terraform;
mod validated;

pub use checks::{ALLOWED_GROUPS_HINT, MAX_GROUP_NAME_CHARS, is_http_token};
pub use error::{FormError, FormProblems};
pub use form::{Field, FormInput, Setup, TeamName, normalise_team_name};
pub use guide::Step;
pub use options::{
    HeaderAttribute, HeaderPart, IdentityUpdateBehavior, JumpCloudApp, SamlHeaderInput,
    ScimOptions, TerraformProvider,
};
pub use team::TEAM_NAME_HELP;

use crate::pki;

/// One value to show with a copy button, labelled as the target console labels its field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedValue {
    /// The console's name for the field, e.g. "SP Entity ID".
    pub label: String,
    /// What to paste (or, for an upload, the file name to choose).
    pub value: String,
    /// A short hint shown under the value, when one helps.
    pub note: Option<String>,
}

impl NamedValue {
    pub(crate) fn new(label: impl Into<String>, value: impl Into<String>) -> NamedValue {
        NamedValue {
            label: label.into(),
            value: value.into(),
            note: None,
        }
    }

    pub(crate) fn with_note(mut self, note: impl Into<String>) -> NamedValue {
        self.note = Some(note.into());
        self
    }
}

/// The SAML NameID format both sides agree on: the user's email address.
pub const NAME_ID_FORMAT_EMAIL: &str = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

/// Everything that can go wrong while writing the output files.
///
/// Validation problems are not errors here: they are reported per field by
/// [`FormInput::problems`]. What remains are encoding failures, each a bug to report.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The certificate could not be written as PEM.
    #[error("{0}")]
    Certificate(#[from] pki::Error),
    /// The ZIP archive could not be written (what went wrong, in a few words).
    #[error(
        "Could not make the ZIP file ({detail}). This is a bug; please report it. The files can still be downloaded one by one.",
        detail = .0
    )]
    Zip(&'static str),
}

/// Result alias for this module.
pub type Result<T> = core::result::Result<T, Error>;
