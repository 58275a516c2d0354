//! Which file each file input holds, by the name the browser gave it: the line under an input
//! names the file that was read, and a refused file's message says the earlier one is still in
//! use (the state keeps it).

use super::{Action, CheckAction, ImportProblem, State};
use crate::import::{self, InputKind};
use crate::pki;
use std::rc::Rc;

/// Longest file name shown whole, in characters; longer names keep their start and their end
/// (where the extension is) around a `…`.
pub const MAX_SHOWN_NAME: usize = 60;

/// The action for a file chosen, dropped or pasted for input `kind`: [`Action::Import`] with
/// the browser's name for it (`None` when pasted) and what its `bytes` make (the import, or
/// [`Action::ImportFailed`] with why they were refused, or why the browser could not read them).
///
/// In Renew certificate, a private key given to "Certificate file" (the only file input
/// "Make a new key" shows) is read as the key: the admin has it after all, so it is kept
/// ("Keep my current key") rather than refused.
pub fn file_read(
    kind: InputKind,
    name: Option<String>,
    bytes: Result<&[u8], ImportProblem>,
) -> Action {
    if kind == InputKind::Certificate
        && let Ok(bytes) = &bytes
        && let Some(key) = key_given_as_certificate(bytes)
    {
        return Action::Import {
            kind: InputKind::PrivateKey,
            name,
            outcome: Box::new(key),
        };
    }
    let outcome = bytes.and_then(|bytes| {
        match kind {
            InputKind::PrivateKey => {
                import::private_key(bytes).map(|(key, format)| Action::KeyImported {
                    key: Rc::new(key),
                    format,
                })
            }
            InputKind::Certificate => import::current_certificate(bytes).map(|read| match read {
                import::CurrentCertificate::Certificate(c) => {
                    Action::CertificateImported(Rc::new(c))
                }
                import::CurrentCertificate::Metadata(m) => {
                    Action::CurrentMetadataImported(Rc::new(m))
                }
            }),
            InputKind::Metadata => {
                import::jumpcloud_metadata(bytes).map(|m| Action::MetadataImported(Rc::new(m)))
            }
            InputKind::CheckCertificate => import::certificate(bytes)
                .map(|c| Action::ResponseCheck(CheckAction::CertificateImported(Rc::new(c)))),
        }
        .map_err(ImportProblem::Refused)
    });
    Action::Import {
        kind,
        name,
        outcome: Box::new(
            outcome.unwrap_or_else(|problem| Action::ImportFailed(kind, problem.into())),
        ),
    }
}

/// [`Action::KeyImported`] for `bytes` given to "Certificate file" that are not a certificate
/// but a private key this page takes; `None` for anything else (read as a certificate).
fn key_given_as_certificate(bytes: &[u8]) -> Option<Action> {
    match import::current_certificate(bytes) {
        Err(import::Error::Pki(pki::Error::KeyNotCertificate)) => import::private_key(bytes)
            .ok()
            .map(|(key, format)| Action::KeyImported {
                key: Rc::new(key),
                format,
            }),
        _ => None,
    }
}

/// The file each input took last: the browser's name for it (`None` when it was pasted).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FileNames(Vec<(InputKind, Option<String>)>);

impl FileNames {
    /// The line under input `kind` once its file was read: "Read samlidp.key: `what`", or
    /// "Read `what`" when no file name was recorded for it.
    pub fn read_line(&self, kind: InputKind, what: &str) -> String {
        match self.shown(kind) {
            Some(name) => format!("Read {name}: {what}"),
            None => format!("Read {what}"),
        }
    }

    /// How the page names the file input `kind` took, if it took one.
    pub fn shown(&self, kind: InputKind) -> Option<String> {
        let (_, name) = self.0.iter().find(|(k, _)| *k == kind)?;
        Some(match name {
            Some(name) => shown_name(name),
            None => "the pasted text".to_owned(),
        })
    }

    /// The sentence a refused file's message ends with while input `kind` keeps its file.
    fn still_in_use(&self, kind: InputKind) -> Option<String> {
        let (_, name) = self.0.iter().find(|(k, _)| *k == kind)?;
        Some(match name {
            Some(name) => format!("{} is still in use.", shown_name(name)),
            None => "The pasted text is still in use.".to_owned(),
        })
    }

    fn set(&mut self, kind: InputKind, name: Option<String>) {
        self.0.retain(|(k, _)| *k != kind);
        self.0.push((kind, name));
    }
}

/// A file name as the page shows it: it is user input, so characters that would reorder or
/// hide the text around them (controls, bidirectional overrides) become `�`, and a name longer
/// than [`MAX_SHOWN_NAME`] characters is cut in the middle with `…`.
pub fn shown_name(name: &str) -> String {
    let chars: Vec<char> = name
        .chars()
        .map(|c| {
            let bidi = matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            if c.is_control() || bidi { '\u{FFFD}' } else { c }
        })
        .collect();
    if chars.len() <= MAX_SHOWN_NAME {
        return chars.into_iter().collect();
    }
    let tail = MAX_SHOWN_NAME / 3;
    let head = MAX_SHOWN_NAME - tail - 1;
    let mut shown: String = chars[..head].iter().collect();
    shown.push('…');
    shown.extend(&chars[chars.len() - tail..]);
    shown
}

impl State {
    /// The name of the file input `kind` holds now, when one is loaded and its name is known.
    pub fn file_in_use(&self, kind: InputKind) -> Option<String> {
        self.holds_file(kind)
            .then(|| self.imports.files.shown(kind))
            .flatten()
    }

    /// Whether input `kind`'s file is loaded (the state keeps what it read).
    fn holds_file(&self, kind: InputKind) -> bool {
        match kind {
            InputKind::PrivateKey => self.renewal.is_some(),
            InputKind::Certificate => self.imports.current.is_some(),
            InputKind::Metadata => self.imports.metadata.is_some(),
            InputKind::CheckCertificate => self.response.certificate.is_some(),
        }
    }

    /// A file for input `kind` was read ([`Action::Import`]): a taken file becomes the one in
    /// use; a refused one leaves the earlier file in use, and its message says so.
    pub(super) fn import(&mut self, kind: InputKind, name: Option<String>, outcome: Action) {
        match outcome {
            Action::ImportFailed(failed, mut error) => {
                if self.holds_file(failed) {
                    error.still_in_use = self.imports.files.still_in_use(failed);
                }
                self.apply(Action::ImportFailed(failed, error));
            }
            taken => {
                self.apply(taken);
                self.imports.files.set(kind, name);
            }
        }
    }
}
