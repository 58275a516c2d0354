//! The key workers: the built-in RSA path (no WebCrypto on this origin) off the main thread.
//!
//! A worker is the page's own code: a classic script blob made of the texts of the page's three
//! scripts (the base64 of the LZMA-compressed wasm as `EMBEDDED_WASM`, the loader, the glue
//! with its bootstrap; see xtask/src/dist/page.rs), so nothing is fetched and the page stays
//! one file.
//! It instantiates the same wasm and calls `key_worker_generate` (src/browser/handover.rs).
//! The page tells it the key size and the certificate's public fields (subject, lifetime,
//! profile); it answers with the key as PKCS#8 DER, its public half (SPKI DER) and the signed
//! certificate, in transferred buffers; the page copies the key into a zeroizing buffer and
//! wipes the buffer, and checks the halves at the DER level and the certificate's signature
//! (no re-parse of the key).
//!
//! The workers of one key are a [`KeyWorkers`] crew (one, or two racing: src/app/race.rs). A
//! crew can be started ahead of time ([`prestart_key_workers`]), so its start-up (unpacking and
//! compiling the wasm) is not on the Generate path; it learns nothing until Generate. Every
//! worker of a crew is terminated once the first answer arrives, on Cancel, or when the crew
//! is dropped; a message still on its way from a terminated worker has its key buffer wiped.
//!
//! Where a worker cannot start (a page without the three scripts, as under `cargo xtask
//! serve`; a host policy without `worker-src blob:`; an old browser), the crew says so and the
//! caller uses the main thread.
//!
//! The page's policy requires Trusted Types for script sinks (`require-trusted-types-for
//! 'script'`) and allows one policy (worker/trusted_types.rs); the worker's script URL is the
//! page's only use of a sink, made through that policy, which passes exactly the `blob:` URL
//! made here and throws for anything else. Where the browser has no `trustedTypes` (Firefox
//! before 148, for one), the URL is the plain string.

mod trusted_types;

use super::handover::{KeyAnswer, wipe_key_buffer};
use super::{describe, window};
use crate::pki::{CertificateOptions, KeySize};
use js_sys::{Array, Object, Promise, Reflect};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use trusted_types::{new_worker, trusted_script_url};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How long the workers may take to start (unpack and compile the wasm), counted from
/// Generate, before the page gives up on them and uses the main thread: an engine that
/// silently refuses a worker never answers.
pub const START_TIMEOUT_MS: i32 = 10_000;

/// The ids of the page's scripts the worker is made of (xtask/src/dist/page.html).
const DATA_BLOCK_ID: &str = "wasm-data";
const LOADER_ID: &str = "loader-script";
const MODULE_ID: &str = "app-script";

/// What one of a crew's workers (by index), or the page, said.
#[derive(Debug)]
pub enum WorkerEvent {
    /// The worker with this index has compiled its wasm and waits for the request.
    Ready(usize),
    /// The worker with this index could not run, for this reason.
    Refused(usize, String),
    /// The worker with this index answered: a key, or its own error. Read it with
    /// [`KeyAnswer::read`].
    Answered(usize, KeyAnswer),
    /// The page has painted since [`KeyWorkers::notify_after_paint`].
    Painted,
    /// [`START_TIMEOUT_MS`] passed since the crew was taken for a key.
    TimedOut,
    /// [`cancel_key_workers`] ended the crew.
    Cancelled,
}

/// A crew's messages in arrival order, and the resolver of the wait for the next one.
#[derive(Default)]
struct Mailbox {
    inbox: RefCell<VecDeque<Message>>,
    wake: RefCell<Option<js_sys::Function>>,
}

/// One message, as it arrived.
enum Message {
    /// The data of a message from the worker with this index.
    Data(usize, JsValue),
    /// The worker with this index failed to load its script, or threw.
    Error(usize, String),
    /// The page has painted (see [`KeyWorkers::notify_after_paint`]).
    Painted,
    TimedOut,
    Cancelled,
}

impl Mailbox {
    fn post(&self, message: Message) {
        self.inbox.borrow_mut().push_back(message);
        if let Some(wake) = self.wake.borrow_mut().take() {
            let _ = wake.call0(&JsValue::NULL);
        }
    }

    async fn next(&self) -> Message {
        loop {
            if let Some(message) = self.inbox.borrow_mut().pop_front() {
                return message;
            }
            let promise = Promise::new(&mut |resolve, _reject| {
                *self.wake.borrow_mut() = Some(resolve);
            });
            let _ = JsFuture::from(promise).await;
        }
    }
}

/// The workers for one key. Dropping the crew terminates them.
pub struct KeyWorkers {
    workers: Vec<web_sys::Worker>,
    mailbox: Rc<Mailbox>,
    stopped: Cell<bool>,
    _handlers: Vec<Closure<dyn FnMut(JsValue)>>,
}

impl Drop for KeyWorkers {
    fn drop(&mut self) {
        self.stop();
    }
}

thread_local! {
    /// The `blob:` URL of the workers' script, made once: the page's own code, no secret in it
    /// (copying the half-megabyte script into a new blob for each key is a task of its own). A
    /// `TrustedScriptURL` where the browser has Trusted Types, else the string.
    static SCRIPT_URL: RefCell<Option<JsValue>> = const { RefCell::new(None) };
    /// A crew started ahead of time, waiting for Generate.
    static SPARE: RefCell<Option<KeyWorkers>> = const { RefCell::new(None) };
    /// The crew making a key right now, if any (one at a time: Generate is disabled meanwhile).
    static RUNNING: RefCell<Option<Rc<KeyWorkers>>> = const { RefCell::new(None) };
    /// The message handler of terminated workers: wipes the key of an answer still on its way.
    static WIPE: Closure<dyn FnMut(JsValue)> = Closure::new(|event: JsValue| {
        if let Some(data) = field(&event, "data") {
            wipe_key_buffer(&data);
        }
    });
}

impl KeyWorkers {
    /// How many workers the crew has.
    pub fn len(&self) -> usize {
        self.workers.len()
    }

    /// Whether the crew has no worker (never: a crew starts with at least one).
    pub fn is_empty(&self) -> bool {
        self.workers.is_empty()
    }

    /// The next thing a worker or the page said.
    pub async fn next(&self) -> WorkerEvent {
        match self.mailbox.next().await {
            Message::Data(i, data) => {
                if field(&data, "ready").is_some() {
                    WorkerEvent::Ready(i)
                } else if let Some(error) = field(&data, "startError") {
                    WorkerEvent::Refused(i, describe(&error))
                } else {
                    WorkerEvent::Answered(i, KeyAnswer::new(data))
                }
            }
            Message::Error(i, reason) => WorkerEvent::Refused(i, reason),
            Message::Painted => WorkerEvent::Painted,
            Message::TimedOut => WorkerEvent::TimedOut,
            Message::Cancelled => WorkerEvent::Cancelled,
        }
    }

    /// Makes the crew's next events include [`WorkerEvent::Painted`] once the page has painted.
    pub fn notify_after_paint(&self) {
        let mailbox = self.mailbox.clone();
        wasm_bindgen_futures::spawn_local(async move {
            super::next_paint().await;
            mailbox.post(Message::Painted);
        });
    }

    /// Tells worker `i` to make a key of `size` with its certificate (`options`).
    pub fn send(
        &self,
        i: usize,
        size: KeySize,
        options: &CertificateOptions,
    ) -> Result<(), String> {
        let worker = self.workers.get(i).ok_or("no such worker")?;
        let request = tagged("bits", &JsValue::from_f64(size.bits() as f64));
        let (validity_days, profile, subject) = options.to_worker_fields();
        let subject: Array = subject.iter().map(|f| JsValue::from_str(f)).collect();
        for (name, value) in [
            ("validityDays", JsValue::from_f64(f64::from(validity_days))),
            ("profile", JsValue::from_f64(f64::from(profile))),
            ("subject", subject.into()),
        ] {
            let _ = Reflect::set(&request, &JsValue::from_str(name), &value);
        }
        worker
            .post_message(&request)
            .map_err(|error| format!("the worker refused the request: {}", describe(&error)))
    }

    /// Terminates every worker of the crew at once; a message still on its way has its key
    /// wiped.
    pub fn stop(&self) {
        // Taken out of the slot, and let go only after the borrow has ended.
        let _running = RUNNING.with(|slot| {
            let mut slot = slot.borrow_mut();
            let mine = slot
                .as_ref()
                .is_some_and(|crew| std::ptr::eq(Rc::as_ptr(crew), self));
            if mine { slot.take() } else { None }
        });
        if self.stopped.replace(true) {
            return;
        }
        for worker in &self.workers {
            worker.terminate();
            WIPE.with(|wipe| worker.set_onmessage(Some(wipe.as_ref().unchecked_ref())));
            worker.set_onerror(None);
        }
    }
}

/// `{ name: value }`.
fn tagged(name: &str, value: &JsValue) -> JsValue {
    let object = Object::new();
    let _ = Reflect::set(&object, &JsValue::from_str(name), value);
    object.into()
}

pub(super) fn field(object: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(object, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// The text of the page script with this id, left a JavaScript string (the data block is over
/// half a megabyte: copying it into wasm memory and back would cost a long task).
fn script_text(document: &web_sys::Document, id: &str) -> Result<JsValue, String> {
    document
        .get_element_by_id(id)
        .and_then(|element| Reflect::get(&element, &JsValue::from_str("textContent")).ok())
        .filter(|text| {
            text.dyn_ref::<js_sys::JsString>()
                .is_some_and(|s| s.length() > 0)
        })
        .ok_or_else(|| format!("this copy of the page has no #{id} script to make a worker from"))
}

fn refused(error: JsValue) -> String {
    format!("the browser refused a worker: {}", describe(&error))
}

/// The `blob:` URL of the workers' script, made from the page's scripts the first time.
fn script_url() -> Result<JsValue, String> {
    if let Some(url) = SCRIPT_URL.with(|url| url.borrow().clone()) {
        return Ok(url);
    }
    let document = window()
        .ok()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let data = script_text(&document, DATA_BLOCK_ID)?;
    let loader = script_text(&document, LOADER_ID)?;
    let module = script_text(&document, MODULE_ID)?;
    let parts = Array::of5(
        &JsValue::from_str("const EMBEDDED_WASM = \""),
        &data,
        &JsValue::from_str("\";\n"),
        &loader,
        &module,
    );
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(refused)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(refused)?;
    let url = trusted_script_url(&url)?;
    SCRIPT_URL.with(|slot| *slot.borrow_mut() = Some(url.clone()));
    Ok(url)
}

/// Starts a crew of `count` workers from the page's own scripts (fewer if the browser refuses
/// some; an error if it refuses the first).
fn start(count: usize) -> Result<KeyWorkers, String> {
    let url = script_url()?;
    let mut crew = KeyWorkers {
        workers: Vec::new(),
        mailbox: Rc::new(Mailbox::default()),
        stopped: Cell::new(false),
        _handlers: Vec::new(),
    };
    for i in 0..count.max(1) {
        // A classic worker: a module worker from a `blob:null` URL (a page opened from file://)
        // does not start in Chromium. The page's module script runs as a classic script too.
        let worker = match new_worker(&url) {
            Ok(worker) => worker,
            Err(error) if i == 0 => return Err(refused(error)),
            Err(_) => break,
        };
        let mailbox = crew.mailbox.clone();
        let onmessage = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            let data = field(&event, "data").unwrap_or(JsValue::UNDEFINED);
            mailbox.post(Message::Data(i, data));
        });
        // A worker script that fails to load fires a plain `Event` named "error"; one that
        // throws fires an `ErrorEvent` with a message.
        let mailbox = crew.mailbox.clone();
        let onerror = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            if let Some(event) = event.dyn_ref::<web_sys::Event>() {
                event.prevent_default();
            }
            let message = field(&event, "message")
                .and_then(|m| m.as_string())
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| {
                    "the browser or this site's security policy refused a background worker"
                        .to_owned()
                });
            mailbox.post(Message::Error(i, message));
        });
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        crew.workers.push(worker);
        crew._handlers.extend([onmessage, onerror]);
    }
    Ok(crew)
}

/// Starts a crew of `count` workers ahead of time, unless one is waiting already; Generate
/// then takes it ([`take_key_workers`]). The workers learn nothing until then. Nothing happens
/// while a key is being made.
pub fn prestart_key_workers(count: usize) {
    if SPARE.with(|spare| spare.borrow().is_none())
        && RUNNING.with(|running| running.borrow().is_none())
        && let Ok(crew) = start(count)
    {
        SPARE.with(|spare| *spare.borrow_mut() = Some(crew));
    }
}

/// The crew for the key about to be made: the one started ahead of time, else a new one of
/// `count` workers; an error says why no worker can run here. Cancel ends it
/// ([`cancel_key_workers`]); its start-up time runs from now.
pub fn take_key_workers(count: usize) -> Result<Rc<KeyWorkers>, String> {
    cancel_key_workers();
    let crew = match SPARE.with(|spare| spare.borrow_mut().take()) {
        Some(crew) => crew,
        None => start(count)?,
    };
    let crew = Rc::new(crew);
    let mailbox = crew.mailbox.clone();
    if let Ok(window) = window() {
        let callback = Closure::once_into_js(move || mailbox.post(Message::TimedOut));
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            callback.unchecked_ref(),
            START_TIMEOUT_MS,
        );
    }
    RUNNING.with(|slot| *slot.borrow_mut() = Some(crew.clone()));
    Ok(crew)
}

/// Ends the crew making a key, if any: every worker is terminated and the crew's next event is
/// [`WorkerEvent::Cancelled`]. Nothing else changes: an earlier key stays as it was.
pub fn cancel_key_workers() {
    let running = RUNNING.with(|slot| slot.borrow_mut().take());
    if let Some(crew) = running {
        crew.stop();
        crew.mailbox.post(Message::Cancelled);
    }
}

/// Whether this code runs in a window (the page) rather than in a key worker.
pub fn in_window() -> bool {
    web_sys::window().is_some()
}
