//! Why a key or certificate could not be made, and why a file was not taken: typed values
//! with no browser types (the browser edge describes its own failures in words), so the
//! reducer keeps them and is tested natively. Each message is what the page shows.

use crate::{import, pki, response};

/// Why a key or its certificate could not be made here.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GenerationError {
    /// The key or certificate core refused (its own message).
    #[error("{0}")]
    Pki(#[from] pki::Error),
    /// The browser failed (WebCrypto, the key worker, no window), as the browser edge says it.
    #[error("{0}")]
    Browser(String),
}

/// Why a file given to an input was not taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportProblem {
    /// Its contents were refused (too large, not a key, damaged …).
    #[error("{0}")]
    Refused(#[from] import::Error),
    /// The browser could not read it, in the browser edge's words.
    #[error("{0}")]
    Unread(String),
    /// No certificate could be issued for the key it holds.
    #[error("{0}")]
    NotIssued(GenerationError),
    /// It is the new certificate made here, which cannot be its own predecessor.
    #[error(
        "This is the new certificate made here. Choose the certificate Cloudflare trusts today: the one JumpCloud signs with now (Download certificate on the app's SSO tab, or Export Metadata)."
    )]
    NewCertificate,
}

/// A file an input did not take, and the earlier file it keeps using, if any. The message is
/// the problem's, followed by "samlidp.key is still in use." when an earlier file stays.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", with_in_use(.problem, .still_in_use.as_deref()))]
pub struct ImportError {
    /// Why it was not taken.
    pub problem: ImportProblem,
    /// The sentence naming the earlier file that stays in use ("… is still in use.").
    pub still_in_use: Option<String>,
}

impl From<ImportProblem> for ImportError {
    fn from(problem: ImportProblem) -> ImportError {
        ImportError {
            problem,
            still_in_use: None,
        }
    }
}

impl From<import::Error> for ImportError {
    fn from(error: import::Error) -> ImportError {
        ImportProblem::Refused(error).into()
    }
}

/// The problem's message, with the still-in-use sentence after it when there is one.
fn with_in_use(message: &ImportProblem, in_use: Option<&str>) -> String {
    match in_use {
        Some(in_use) => format!("{message} {in_use}"),
        None => message.to_string(),
    }
}

/// Why "Check response" gave no report, or what it still needs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckError {
    /// The response could not be checked at all (the checker's message).
    #[error("{0}")]
    Response(#[from] response::Error),
    /// "Certificate file" is chosen but there is no team name.
    #[error("Enter your team name above: the response is checked against its callback URL.")]
    NoTeamName,
    /// "Certificate file" is chosen but no certificate was read.
    #[error("Choose the certificate to check against (the one Cloudflare has).")]
    NoCertificate,
    /// The latest setup's outputs are not made yet (nothing to say: the page shows no message).
    #[error("")]
    NotReady,
    /// A dropped file could not be read as text, in the browser edge's words.
    #[error("{0}")]
    Unread(String),
}
