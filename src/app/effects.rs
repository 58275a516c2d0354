//! Effects that end in an action: reading an imported file, saving an output file.

use super::components::file_input::FileBytes;
use super::outputs::Outputs;
use super::state::{Action, CheckAction};
use crate::browser;
use crate::import::{self, InputKind};
use std::rc::Rc;

/// Reads one imported file and reports the result as an action.
pub(super) fn import_action(kind: InputKind, bytes: FileBytes) -> Action {
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(error) => return Action::ImportFailed(kind, error.to_string()),
    };
    let result = match kind {
        InputKind::PrivateKey => {
            import::private_key(&bytes).map(|(key, format)| Action::KeyImported {
                key: Rc::new(key),
                format,
            })
        }
        InputKind::Certificate => {
            import::certificate(&bytes).map(|c| Action::CertificateImported(Rc::new(c)))
        }
        InputKind::Metadata => {
            import::jumpcloud_metadata(&bytes).map(|m| Action::MetadataImported(Rc::new(m)))
        }
        InputKind::CheckCertificate => import::certificate(&bytes)
            .map(|c| Action::ResponseCheck(CheckAction::CertificateImported(Rc::new(c)))),
    };
    result.unwrap_or_else(|error| Action::ImportFailed(kind, error.to_string()))
}

/// Saves the file `name` of `outputs`, and says which file was saved (the state marks the
/// mode's key saved when the file holds it).
pub(super) fn save(outputs: &Outputs, name: &str) -> Action {
    let spec = outputs.spec(name);
    match (outputs.file(name), spec) {
        (Ok(Some(file)), Some(spec)) => {
            match browser::save_file(&file.name, file.mime, &file.bytes) {
                Ok(()) => Action::FileSaved {
                    mode: outputs.mode,
                    name: spec.name,
                    holds_key: spec.holds_key,
                },
                Err(error) => Action::Announce(error.to_string()),
            }
        }
        (Ok(_), _) => Action::Announce(format!("{name} is not ready yet.")),
        (Err(error), _) => Action::Announce(error.to_string()),
    }
}
