//! The browser edge: the only code that touches web-sys and js-sys (with its submodules
//! [`worker`], the key workers of the built-in RSA path, `handover`, what a key worker hands
//! the page, and `webcrypto`, WebCrypto key generation and signing). The clock, downloads, the clipboard, localStorage and the
//! leave-page guard. Small and boring on purpose: every decision lives in the pure modules.

mod handover;
mod worker;

pub use handover::{KeyAnswer, generate_key_wasm};
pub use worker::{
    KeyWorkers, START_TIMEOUT_MS, WorkerEvent, cancel_key_workers, in_window, prestart_key_workers,
    take_key_workers,
};

mod webcrypto;

pub use webcrypto::{generate_webcrypto, issue_webcrypto};

use crate::pki;
use js_sys::{Array, Reflect, Uint8Array};
use std::cell::Cell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use zeroize::Zeroizing;

/// What can go wrong at the browser edge.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The page is not running in a browser window (no `window`).
    #[error("This page must run in a browser window.")]
    NoWindow,
    /// WebCrypto refused or failed; the message is the browser's.
    #[error("The browser's WebCrypto failed: {detail}", detail = .0)]
    WebCrypto(String),
    /// The key or certificate core refused the result.
    #[error("{0}")]
    Pki(#[from] pki::Error),
    /// Saving a file failed.
    #[error("The browser did not save the file: {detail}", detail = .0)]
    Download(String),
    /// The clipboard refused the text.
    #[error("The clipboard is not available here: {detail}", detail = .0)]
    Clipboard(String),
    /// A file could not be read, or is too large to read.
    #[error("{0}")]
    File(String),
    /// The key worker ran and failed; the message is its own.
    #[error("The built-in RSA worker failed: {detail}", detail = .0)]
    Worker(String),
}

fn describe(value: &JsValue) -> String {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}

fn window() -> Result<web_sys::Window, Error> {
    web_sys::window().ok_or(Error::NoWindow)
}

/// Now, as Unix seconds, from `Date.now()` (`SystemTime` panics on wasm32).
pub fn now_unix_seconds() -> u64 {
    (js_sys::Date::now() / 1000.0).floor().max(0.0) as u64
}

/// A monotonic clock in milliseconds for measuring how long things take.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// Calls `callback` from a new task (`setTimeout` 0), so the browser can paint and handle input
/// in between: how the page renders a large change in small steps.
pub fn in_next_task(callback: impl FnOnce() + 'static) {
    let Ok(window) = window() else { return };
    let callback = Closure::once_into_js(callback);
    let _ = window.set_timeout_with_callback(callback.unchecked_ref());
}

/// The WebCrypto `SubtleCrypto`, when this context has one (secure contexts only).
fn subtle() -> Option<web_sys::SubtleCrypto> {
    let crypto = window().ok()?.crypto().ok()?;
    let subtle = Reflect::get(&crypto, &JsValue::from_str("subtle")).ok()?;
    if subtle.is_undefined() || subtle.is_null() {
        return None;
    }
    subtle.dyn_into::<web_sys::SubtleCrypto>().ok()
}

/// Whether WebCrypto key generation is available here.
pub fn has_webcrypto() -> bool {
    subtle().is_some()
}

/// How many logical processors the browser reports (`navigator.hardwareConcurrency`), if any.
pub fn hardware_concurrency() -> Option<u32> {
    let cores = window().ok()?.navigator().hardware_concurrency();
    (cores.is_finite() && cores >= 1.0).then_some(cores as u32)
}

/// Resolves after the browser has painted, so a progress message shows before blocking work.
pub async fn next_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let Ok(window) = window() else {
            let _ = resolve.call0(&JsValue::NULL);
            return;
        };
        // Two animation frames: the first runs before the paint, the second after it.
        let inner_window = window.clone();
        let second = Closure::once_into_js(move || {
            let _ = inner_window.set_timeout_with_callback(resolve.unchecked_ref());
        });
        let first = Closure::once_into_js(move || {
            let _ = web_sys::window().map(|w| w.request_animation_frame(second.unchecked_ref()));
        });
        if window
            .request_animation_frame(first.unchecked_ref())
            .is_err()
        {
            // No animation frames (a background tab): a plain timeout still yields.
            let _ = window.set_timeout_with_callback(first.unchecked_ref());
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Offers `bytes` as a download named `name` through a Blob URL and a temporary `<a download>`.
pub fn save_file(name: &str, mime: &str, bytes: &[u8]) -> Result<(), Error> {
    let window = window()?;
    let document = window.document().ok_or(Error::NoWindow)?;
    let parts = Array::of1(&Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|e| Error::Download(describe(&e)))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|e| Error::Download(describe(&e)))?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| Error::Download(describe(&e)))?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.set_class_name("visually-hidden");
    let body = document.body().ok_or(Error::NoWindow)?;
    body.append_child(&anchor)
        .map_err(|e| Error::Download(describe(&e)))?;
    anchor.click();
    anchor.remove();
    // Revoke later: some engines read the Blob asynchronously after the click.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    Ok(())
}

/// Copies text with the Clipboard API; where that is refused (e.g. `file://` in some engines)
/// falls back to a hidden textarea and `execCommand("copy")`.
pub async fn copy_text(text: &str) -> Result<(), Error> {
    let window = window()?;
    let clipboard = Reflect::get(&window.navigator(), &JsValue::from_str("clipboard"))
        .ok()
        .filter(|c| !c.is_undefined() && !c.is_null());
    if let Some(clipboard) = clipboard {
        let clipboard: web_sys::Clipboard = clipboard.unchecked_into();
        if JsFuture::from(clipboard.write_text(text)).await.is_ok() {
            return Ok(());
        }
    }
    copy_with_exec_command(&window, text)
}

fn copy_with_exec_command(window: &web_sys::Window, text: &str) -> Result<(), Error> {
    let document = window.document().ok_or(Error::NoWindow)?;
    let area: web_sys::HtmlTextAreaElement = document
        .create_element("textarea")
        .map_err(|e| Error::Clipboard(describe(&e)))?
        .unchecked_into();
    area.set_value(text);
    area.set_read_only(true);
    area.set_class_name("visually-hidden");
    let body = document.body().ok_or(Error::NoWindow)?;
    body.append_child(&area)
        .map_err(|e| Error::Clipboard(describe(&e)))?;
    area.select();
    let html_document: web_sys::HtmlDocument = document.unchecked_into();
    let copied = html_document.exec_command("copy").unwrap_or(false);
    area.remove();
    if copied {
        Ok(())
    } else {
        Err(Error::Clipboard("the browser refused to copy".into()))
    }
}

const STORAGE_KEY: &str = "saml-idp-kit.inputs.v1";

fn storage() -> Option<web_sys::Storage> {
    window().ok()?.local_storage().ok().flatten()
}

/// Reads the remembered (non-secret) inputs, if any.
pub fn load_inputs() -> Option<String> {
    storage()?.get_item(STORAGE_KEY).ok().flatten()
}

/// Remembers the (non-secret) inputs. Failures (private mode, quota) are ignored: remembering
/// is a convenience.
pub fn save_inputs(json: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(STORAGE_KEY, json);
    }
}

/// Forgets the remembered inputs.
pub fn forget_inputs() {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(STORAGE_KEY);
    }
}

/// Asks the user a yes/no question with the browser's own dialog.
pub fn confirm(message: &str) -> bool {
    window()
        .ok()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

thread_local! {
    static GUARD_ARMED: Cell<bool> = const { Cell::new(false) };
    static GUARD_INSTALLED: Cell<bool> = const { Cell::new(false) };
}

/// Arms or disarms the browser's leave-page prompt (armed while an undownloaded key exists).
pub fn set_leave_guard(armed: bool) {
    GUARD_ARMED.with(|flag| flag.set(armed));
    if !armed || GUARD_INSTALLED.with(Cell::get) {
        return;
    }
    let Ok(window) = window() else { return };
    let listener = Closure::<dyn FnMut(web_sys::BeforeUnloadEvent)>::new(
        |event: web_sys::BeforeUnloadEvent| {
            if GUARD_ARMED.with(Cell::get) {
                event.prevent_default();
                event.set_return_value("The private key has not been downloaded yet.");
            }
        },
    );
    if window
        .add_event_listener_with_callback("beforeunload", listener.as_ref().unchecked_ref())
        .is_ok()
    {
        // The listener lives as long as the page.
        listener.forget();
        GUARD_INSTALLED.with(|flag| flag.set(true));
    }
}

/// Resolves after `ms` milliseconds.
pub async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Ok(window) = window() {
            let _ = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Reads a file the user chose or dropped, with the File API only. Files over the import limit
/// are refused before a byte is read; the JS copy of the bytes is wiped once copied.
pub async fn read_file(file: &web_sys::File) -> Result<Zeroizing<Vec<u8>>, Error> {
    let size = file.size().max(0.0) as usize;
    crate::import::check_size(size).map_err(|e| Error::File(e.to_string()))?;
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|e| {
        Error::File(format!(
            "The browser could not read the file: {}",
            describe(&e)
        ))
    })?;
    let view = Uint8Array::new(&buffer);
    let bytes = Zeroizing::new(view.to_vec());
    view.fill(0, 0, view.length());
    Ok(bytes)
}

// ---------------------------------------------------------------------------------------------
// Reading form controls and moving focus, so the components need no web-sys of their own.

/// A file the user chose or dropped (read with [`read_file`]).
pub type File = web_sys::File;

/// The name the browser gives a chosen or dropped file (`File.name`: user input, for text only).
pub fn file_name(file: &web_sys::File) -> String {
    file.name()
}

/// The text of the `<input>` or `<textarea>` an input event came from (its `value`).
pub fn input_text(event: &web_sys::Event) -> String {
    event
        .target()
        .and_then(|target| Reflect::get(&target, &JsValue::from_str("value")).ok())
        .and_then(|value| value.as_string())
        .unwrap_or_default()
}

/// Whether the checkbox a change event came from is now ticked.
pub fn checkbox_checked(event: &web_sys::Event) -> bool {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
        .is_some_and(|input| input.checked())
}

/// The value of the `<select>` a change event came from.
pub fn select_value(event: &web_sys::Event) -> String {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|select| select.value())
        .unwrap_or_default()
}

/// Puts a `<select>` back on the option with value `value` (after the user declined a change
/// the state never made, so nothing re-renders it).
pub fn reset_select(select: &yew::NodeRef, value: &str) {
    if let Some(select) = select.cast::<web_sys::HtmlSelectElement>() {
        select.set_value(value);
    }
}

/// Moves keyboard focus to the element behind `node`.
pub fn focus(node: &yew::NodeRef) {
    if let Some(element) = node.cast::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

/// The file chosen in the `<input type=file>` a change event came from. The input is cleared,
/// so choosing the same file again after fixing it fires again.
pub fn chosen_file(event: &web_sys::Event) -> Option<web_sys::File> {
    let input = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())?;
    let file = input.files().and_then(|files| files.get(0));
    input.set_value("");
    file
}

/// The first file dropped in a drop event.
pub fn dropped_file(event: &web_sys::DragEvent) -> Option<web_sys::File> {
    event
        .data_transfer()
        .and_then(|data| data.files())
        .and_then(|files| files.get(0))
}

/// The text of a paste event, as bytes that are wiped when dropped (it may be a key). The
/// default paste is cancelled, so the text never lands in the DOM.
pub fn pasted_bytes(event: &web_sys::Event) -> Option<Zeroizing<Vec<u8>>> {
    let event = event.dyn_ref::<web_sys::ClipboardEvent>()?;
    event.prevent_default();
    let text = event.clipboard_data()?.get_data("text").ok()?;
    Some(Zeroizing::new(text.into_bytes()))
}
