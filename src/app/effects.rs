//! Effects that end in an action: key generation (WebCrypto, or the built-in RSA), a new
//! certificate for a key the page holds, reading an imported file, saving an output file;
//! and the hooks that hold the components' own effects (copying, reading a file, a ticking
//! clock), so no component spawns a task itself.

use super::components::file_input::{FileBytes, FileError};
use super::outputs::{FileSpec, Outputs};
use super::state::{
    self, Action, Generated, GenerationError, ImportProblem, Issued, KeyOrigin, State,
};
use crate::browser;
use crate::import::InputKind;
use crate::pki::{Certificate, CertificateOptions, KeyPair};
use crate::setup::Setup;
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// Reads one imported file and reports the result, with the file's name, as an action.
pub(super) fn import_action(kind: InputKind, file: FileBytes) -> Action {
    let bytes = file.bytes.as_ref().map(|bytes| bytes.as_slice());
    state::file_read(kind, file.name, bytes.map_err(|error| error.clone().into()))
}

/// Saves `spec`'s file of `outputs`, and says which file was saved (the state marks the
/// mode's key saved when the file holds it).
pub(super) fn save(outputs: &Outputs, spec: FileSpec) -> Action {
    match outputs.file(spec.file) {
        Ok(Some(file)) => match browser::save_file(&file.name, file.mime, &file.bytes) {
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

/// When `due` (new certificate options for a key the page made) changes: a new certificate
/// for `key`, the same key, reported as [`Action::CertificateReissued`].
#[hook]
pub(super) fn use_reissue(
    dispatch: &UseReducerDispatcher<State>,
    key: Option<Rc<KeyPair>>,
    due: Option<CertificateOptions>,
) {
    let dispatch = dispatch.clone();
    use_effect_with(due, move |due| {
        if let (Some(options), Some(key)) = (due.clone(), key) {
            issue_certificate(dispatch, key, options, |key, result| match result {
                Ok(issued) => Action::CertificateReissued {
                    key,
                    certificate: issued.certificate,
                    options: issued.options,
                },
                Err(error) => Action::Announce(error.to_string()),
            });
        }
    });
}

/// A Copy button's behaviour: pressing it copies `text` to the clipboard and announces it
/// ("Copied `what`."), or says to copy by hand; the returned status ("Copied", "Select and
/// copy") shows on the button for two seconds.
#[hook]
pub(super) fn use_copy(
    text: AttrValue,
    what: AttrValue,
    onannounce: Callback<String>,
) -> (Option<&'static str>, Callback<MouseEvent>) {
    let status = use_state(|| None::<&'static str>);
    let onclick = {
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            let (status, text, what) = (status.clone(), text.clone(), what.clone());
            let onannounce = onannounce.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match browser::copy_text(&text).await {
                    Ok(()) => {
                        status.set(Some("Copied"));
                        onannounce.emit(format!("Copied {what}."));
                    }
                    Err(error) => {
                        status.set(Some("Select and copy"));
                        onannounce.emit(format!("{error} Select the text and copy it by hand."));
                    }
                }
                browser::sleep_ms(2000).await;
                status.set(None);
            });
        })
    };
    (*status, onclick)
}

/// A file input's reader: a chosen, dropped or pasted file is read with the File API and
/// handed to `onbytes` with its name, for input `kind`.
#[hook]
pub(super) fn use_file_reader(
    kind: InputKind,
    onbytes: Callback<(InputKind, FileBytes)>,
) -> Callback<browser::File> {
    Callback::from(move |file: browser::File| {
        let onbytes = onbytes.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let bytes = browser::read_file(&file)
                .await
                .map(Rc::new)
                .map_err(FileError::Read);
            let name = Some(browser::file_name(&file));
            onbytes.emit((kind, FileBytes { name, bytes }));
        });
    })
}

/// The response text area's reader: a dropped file's text goes to `onfile`, or why it could
/// not be read (not UTF-8, or the browser's error).
#[hook]
pub(super) fn use_text_file_reader(
    onfile: Callback<Result<String, String>>,
) -> Callback<browser::File> {
    Callback::from(move |file: browser::File| {
        let onfile = onfile.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let text = match browser::read_file(&file).await {
                Ok(bytes) => String::from_utf8(bytes.to_vec()).map_err(|_| {
                    "This file is not UTF-8 text. Drop the saved SAMLResponse value or the XML."
                        .to_owned()
                }),
                Err(error) => Err(error.to_string()),
            };
            onfile.emit(text);
        });
    })
}

/// Milliseconds since the calling component appeared, updated ten times a second while it
/// stays.
#[hook]
pub(super) fn use_elapsed_ms() -> f64 {
    let started = use_memo((), |()| browser::now_ms());
    let now = use_state(browser::now_ms);
    {
        let now = now.setter();
        use_effect_with((), move |()| {
            let alive = Rc::new(Cell::new(true));
            let ticking = alive.clone();
            wasm_bindgen_futures::spawn_local(async move {
                while ticking.get() {
                    browser::sleep_ms(100).await;
                    if ticking.get() {
                        now.set(browser::now_ms());
                    }
                }
            });
            move || alive.set(false)
        });
    }
    (*now - *started).max(0.0)
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
