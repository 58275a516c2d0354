//! The components' own effects, so no component spawns a task itself: copying to the clipboard
//! and a ticking clock as named hooks (they keep state), and reading a chosen or dropped file as
//! plain callbacks (they keep none).

use crate::app::components::file_input::{FileBytes, FileError};
use crate::browser;
use crate::import::InputKind;
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// A Copy button's behaviour: pressing it copies `text` to the clipboard and announces it
/// ("Copied `what`."), or says to copy by hand; the returned status ("Copied", "Select and
/// copy") shows on the button for two seconds.
#[hook]
pub(crate) fn use_copy(
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
pub(crate) fn file_reader(
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
pub(crate) fn text_file_reader(
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
pub(crate) fn use_elapsed_ms() -> f64 {
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
