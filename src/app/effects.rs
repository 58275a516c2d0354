//! Effects that end in an action: key generation (WebCrypto, or the built-in RSA), a new
//! certificate for a key the page holds, reading an imported file, saving an output file;
//! and, as named hooks, the components' own effects (copying, reading a file, a ticking clock:
//! `components`) and the page's (`page`), so no component spawns a task itself.

use super::components::file_input::{FileBytes, FileError};
use super::outputs::{FileSpec, Outputs};
use super::state::{
    self, Action, Generated, GenerationError, ImportProblem, Issued, KeyOrigin, State,
};
use crate::browser;
use crate::import::InputKind;
use crate::pki::{Certificate, CertificateOptions, KeyPair};
use crate::setup::Setup;
use std::rc::Rc;
use yew::prelude::*;

mod components;
mod page;

pub(crate) use components::{file_reader, text_file_reader, use_copy, use_elapsed_ms};
pub(crate) use page::{
    generate_callback, key_size_callback, use_leave_guard, use_reissue, use_remember_inputs,
    use_renewal, use_staged_catch_up, use_warm_up, use_workers_ahead,
};

/// Reads one imported file and reports the result, with the file's name, as an action.
pub(super) fn import_action(kind: InputKind, file: FileBytes) -> Action {
    // The error is moved, not cloned: cloning it would bring every error type's `Clone`
    // into the page (about 1 KB).
    match file.bytes {
        Ok(bytes) => state::file_read(kind, file.name, Ok(bytes.as_slice())),
        Err(error) => state::file_read(kind, file.name, Err(error.into())),
    }
}

/// Saves `spec`'s file of `outputs`, and says which file was saved (the state marks the
/// mode's key saved when the file holds it).
pub(super) fn save(outputs: &Outputs, spec: FileSpec) -> Action {
    match outputs.file(spec.file) {
        Ok(Some(file)) => match browser::save_file(&file.name, file.mime(), &file.bytes) {
            Ok(()) => Action::FileSaved {
                mode: outputs.mode,
                file: spec,
            },
            Err(error) => Action::Announce(error.to_string()),
        },
        Ok(None) => Action::Announce(format!("{} is not ready yet.", spec.name)),
        Err(error) => Action::Announce(error.to_string()),
    }
}

/// Starts key generation for `setup`; reports back through `dispatch`.
pub(super) fn start_generation(dispatch: UseReducerDispatcher<State>, setup: Setup) {
    let started = browser::now_ms();
    let origin = if browser::has_webcrypto() {
        KeyOrigin::WebCrypto
    } else {
        KeyOrigin::Wasm
    };
    dispatch.dispatch(Action::GenerationStarted(origin));
    wasm_bindgen_futures::spawn_local(async move {
        let result = match origin {
            // WebCrypto makes the key and signs the certificate (src/browser/webcrypto.rs).
            KeyOrigin::WebCrypto => {
                browser::generate_webcrypto(
                    setup.key_size,
                    &setup.certificate,
                    browser::now_unix_seconds,
                )
                .await
            }
            // The key and its certificate, both made in the worker (or, refused, on this thread).
            KeyOrigin::Wasm => match super::builtin::key(&dispatch, &setup).await {
                Some(made) => made,
                None => return, // cancelled: Cancel already put the state back
            },
        };
        match result {
            Ok((key, certificate)) => dispatch.dispatch(Action::Generated(Generated {
                key: Rc::new(key),
                generated_at: certificate.not_before(),
                certificate: Rc::new(certificate),
                options: setup.certificate.clone(),
                took_ms: browser::now_ms() - started,
                origin,
                saved: false,
            })),
            Err(error) => dispatch.dispatch(Action::GenerationFailed(error.into())),
        }
    });
}

/// A new certificate for `key` with `options` (changed certificate options, or Renew), reported
/// through `done` as an action. Where WebCrypto exists it signs, off the main thread, and the
/// action comes later (the reducer ignores it if the key was replaced meanwhile); without it
/// the `rsa` crate signs here and now.
pub(super) fn issue_certificate(
    dispatch: UseReducerDispatcher<State>,
    key: Rc<KeyPair>,
    options: CertificateOptions,
    done: impl FnOnce(Rc<KeyPair>, Result<Issued, GenerationError>) -> Action + 'static,
) {
    let started = browser::now_ms();
    let now = browser::now_unix_seconds();
    let issued = move |certificate: Certificate, options| Issued {
        certificate: Rc::new(certificate),
        options,
        issued_at: now,
        took_ms: browser::now_ms() - started,
    };
    if !browser::has_webcrypto() {
        let result = Certificate::issue(&key, &options, now, &mut getrandom::SysRng)
            .map(|certificate| issued(certificate, options))
            .map_err(GenerationError::from);
        dispatch.dispatch(done(key, result));
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let result = browser::issue_webcrypto(&key, &options, now)
            .await
            .map(|certificate| issued(certificate, options))
            .map_err(GenerationError::from);
        dispatch.dispatch(done(key, result));
    });
}

/// A browser failure as the state keeps it: the core's error stays typed, the browser's own
/// failures in the words the browser edge gives them.
impl From<browser::Error> for GenerationError {
    fn from(error: browser::Error) -> GenerationError {
        match error {
            browser::Error::Pki(error) => GenerationError::Pki(error),
            other => GenerationError::Browser(other.to_string()),
        }
    }
}

/// A file the input could not take before its contents were read: refused by its size, or
/// not read by the browser (in the browser edge's words).
impl From<FileError> for ImportProblem {
    fn from(error: FileError) -> ImportProblem {
        match error {
            FileError::Refused(error) => ImportProblem::Refused(error),
            FileError::Read(error) => ImportProblem::Unread(error.to_string()),
        }
    }
}
