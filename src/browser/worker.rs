//! The key worker: the built-in RSA path (no WebCrypto on this origin) off the main thread.
//!
//! The worker is the page's own code: a classic script blob made of the texts of the page's three
//! scripts (the base64 of the deflated wasm as `EMBEDDED_WASM`, the loader, the glue with its
//! bootstrap; see xtask/src/dist/page.rs), so nothing is fetched and the page stays one file.
//! It instantiates the same wasm and calls [`key_worker_generate`]. The page tells it the key
//! size and the certificate's public fields (subject, lifetime, profile); it answers with the
//! key as PKCS#8 DER, its public half (SPKI DER) and the signed certificate, in transferred
//! buffers; the page copies the key into a zeroizing buffer and wipes the buffer, and checks
//! the halves at the DER level and the certificate's signature (no re-parse of the key). One worker per key, terminated afterwards
//! (or on Cancel).
//!
//! Where a worker cannot start (a page without the three scripts, as under `cargo xtask
//! serve`; a host policy without `worker-src blob:`; an old browser), the answer is
//! [`WorkerOutcome::Refused`] with the reason, and the caller uses the main thread.

use super::{Error, describe, window};
use crate::pki::{Certificate, CertificateOptions, KeyPair, KeySize};
use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use zeroize::Zeroizing;

/// How long a worker may take to start (inflate and compile the wasm) before the page gives up
/// on it and uses the main thread: an engine that silently refuses a worker never answers.
const START_TIMEOUT_MS: i32 = 10_000;

/// The ids of the page's scripts the worker is made of (xtask/src/dist/page.html).
const DATA_BLOCK_ID: &str = "wasm-data";
const LOADER_ID: &str = "loader-script";
const MODULE_ID: &str = "app-script";

/// The worker's entry point (called by the page's bootstrap inside the worker): makes a key of
/// `bits` bits with the `rsa` crate, seeded by `crypto.getRandomValues`, and its self-signed
/// certificate as the options say (lifetime, profile index, subject fields: see
/// `CertificateOptions::to_worker_fields`), valid from now. Returns
/// `{ der, certificate }`: the key as PKCS#8 DER and the certificate as DER. The Rust copy of
/// the key is wiped when this returns.
#[wasm_bindgen]
pub fn key_worker_generate(
    bits: u32,
    validity_days: u32,
    profile: u32,
    subject: Array,
) -> Result<Object, JsError> {
    let size = KeySize::from_bits(bits as usize)
        .ok_or_else(|| JsError::new(&format!("{bits}-bit keys are not offered")))?;
    let fields: [String; 7] =
        core::array::from_fn(|i| subject.get(i as u32).as_string().unwrap_or_default());
    let options = CertificateOptions::from_worker_fields(validity_days, profile, fields)
        .ok_or_else(|| JsError::new("unreadable certificate options"))?;
    let failed = |error: crate::pki::Error| JsError::new(&error.to_string());
    let key = KeyPair::generate(&mut getrandom::SysRng, size).map_err(failed)?;
    let now = super::now_unix_seconds();
    let issued = Certificate::issue(&key, &options, now, &mut getrandom::SysRng).map_err(failed)?;
    let der = key.to_pkcs8_der().map_err(failed)?;
    let answer = Object::new();
    let set = |name: &str, bytes: &[u8]| {
        Reflect::set(&answer, &JsValue::from_str(name), &Uint8Array::from(bytes))
    };
    let spki = key.public_key_der().map_err(failed)?;
    if set("der", &der).is_err()
        || set("spki", &spki).is_err()
        || set("certificate", issued.der()).is_err()
    {
        return Err(JsError::new("could not hand over the key"));
    }
    Ok(answer)
}

/// Generates an RSA key with the `rsa` crate on the main thread, seeded by
/// `crypto.getRandomValues` (never a weaker source: if that fails, so does this). Blocks the
/// page; used only where [`generate_key_in_worker`] is refused.
pub fn generate_key_wasm(size: KeySize) -> Result<KeyPair, Error> {
    Ok(KeyPair::generate(&mut getrandom::SysRng, size)?)
}

/// What became of a key request to the worker.
#[derive(Debug)]
pub enum WorkerOutcome {
    /// The key and its certificate, signed in the worker.
    Made(Box<(KeyPair, Certificate)>),
    /// No worker could run here, for this reason: use the main thread.
    Refused(String),
    /// [`cancel_key_worker`] ended it; nothing was made.
    Cancelled,
    /// The worker ran and failed (e.g. no secure randomness), or its key was refused.
    Failed(Error),
}

/// A running worker, its object URL and its event handlers. Dropping it terminates the worker
/// and revokes the URL.
struct Running {
    worker: web_sys::Worker,
    url: String,
    /// Resolves the pending wait with a message, an error or a cancellation.
    resolve: Rc<RefCell<Option<js_sys::Function>>>,
    _onmessage: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _onerror: Closure<dyn FnMut(JsValue)>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
        let _ = web_sys::Url::revoke_object_url(&self.url);
    }
}

impl Running {
    /// Waits for the worker's next message or error, a cancellation, or `timeout_ms`.
    async fn next(&self, timeout_ms: Option<i32>) -> JsValue {
        let slot = self.resolve.clone();
        let promise = Promise::new(&mut |resolve, _reject| {
            if let (Some(ms), Ok(window)) = (timeout_ms, window()) {
                let timeout = tagged("timeout", &JsValue::TRUE);
                let fire = resolve.clone();
                let callback = Closure::once_into_js(move || {
                    let _ = fire.call1(&JsValue::NULL, &timeout);
                });
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                    callback.unchecked_ref(),
                    ms,
                );
            }
            *slot.borrow_mut() = Some(resolve);
        });
        JsFuture::from(promise).await.unwrap_or(JsValue::UNDEFINED)
    }
}

thread_local! {
    /// The worker making a key right now, if any (one at a time: Generate is disabled meanwhile).
    static RUNNING: RefCell<Option<Rc<Running>>> = const { RefCell::new(None) };
}

/// `{ name: value }`.
fn tagged(name: &str, value: &JsValue) -> JsValue {
    let object = Object::new();
    let _ = Reflect::set(&object, &JsValue::from_str(name), value);
    object.into()
}

fn field(object: &JsValue, name: &str) -> Option<JsValue> {
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

/// Starts a worker from the page's own scripts.
fn start() -> Result<Rc<Running>, String> {
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
    let refused = |e: JsValue| format!("the browser refused a worker: {}", describe(&e));
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(refused)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(refused)?;
    // A classic worker: a module worker from a `blob:null` URL (a page opened from file://)
    // does not start in Chromium. The page's module script runs as a classic script too.
    let worker = match web_sys::Worker::new(&url) {
        Ok(worker) => worker,
        Err(error) => {
            let _ = web_sys::Url::revoke_object_url(&url);
            return Err(refused(error));
        }
    };
    let resolve: Rc<RefCell<Option<js_sys::Function>>> = Rc::new(RefCell::new(None));
    let answer = {
        let resolve = resolve.clone();
        move |value: JsValue| {
            if let Some(resolve) = resolve.borrow_mut().take() {
                let _ = resolve.call1(&JsValue::NULL, &value);
            }
        }
    };
    let on_message = answer.clone();
    let onmessage =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            on_message(event.data())
        });
    // A worker script that fails to load fires a plain `Event` named "error"; one that throws
    // fires an `ErrorEvent` with a message.
    let onerror = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        if let Some(event) = event.dyn_ref::<web_sys::Event>() {
            event.prevent_default();
        }
        let message = field(&event, "message")
            .and_then(|m| m.as_string())
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| {
                "the browser or this site's security policy refused a background worker".to_owned()
            });
        answer(tagged("workerError", &JsValue::from_str(&message)));
    });
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    Ok(Rc::new(Running {
        worker,
        url,
        resolve,
        _onmessage: onmessage,
        _onerror: onerror,
    }))
}

/// Makes a key of `size` and its certificate (`options`) in a worker, leaving the main thread
/// free. The worker is terminated afterwards, whatever the outcome.
pub async fn generate_key_in_worker(size: KeySize, options: &CertificateOptions) -> WorkerOutcome {
    cancel_key_worker();
    let running = match start() {
        Ok(running) => running,
        Err(reason) => return WorkerOutcome::Refused(reason),
    };
    RUNNING.with(|slot| *slot.borrow_mut() = Some(running.clone()));
    let outcome = run(&running, size, options).await;
    RUNNING.with(|slot| {
        let mut slot = slot.borrow_mut();
        if slot.as_ref().is_some_and(|r| Rc::ptr_eq(r, &running)) {
            *slot = None;
        }
    });
    outcome
}

async fn run(running: &Running, size: KeySize, options: &CertificateOptions) -> WorkerOutcome {
    // First the worker says it is ready (its wasm compiled); only then is the key size sent,
    // so a worker that cannot run is told apart from a key that failed.
    let ready = running.next(Some(START_TIMEOUT_MS)).await;
    if let Some(outcome) = interrupted(&ready) {
        return outcome;
    }
    if let Some(error) = field(&ready, "error") {
        return WorkerOutcome::Refused(describe(&error));
    }
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
    if let Err(error) = running.worker.post_message(&request) {
        return WorkerOutcome::Refused(format!(
            "the worker refused the request: {}",
            describe(&error)
        ));
    }
    let answer = running.next(None).await;
    if let Some(outcome) = interrupted(&answer) {
        return outcome;
    }
    if let Some(error) = field(&answer, "error") {
        return WorkerOutcome::Failed(Error::Worker(describe(&error)));
    }
    let bytes = |name: &str| field(&answer, name).and_then(|d| d.dyn_into::<Uint8Array>().ok());
    // The key's buffer is copied and wiped first, whatever else the answer lacks.
    let key_bytes = bytes("der").map(|der| {
        let copy = Zeroizing::new(der.to_vec());
        der.fill(0, 0, der.length());
        copy
    });
    let (Some(key_bytes), Some(spki), Some(certificate)) =
        (key_bytes, bytes("spki"), bytes("certificate"))
    else {
        return WorkerOutcome::Failed(Error::Worker("the worker sent no key".into()));
    };
    // Checked at the DER level, not re-parsed (a long task for large keys); the certificate's
    // signature, verified with the public half, ties the halves together.
    let made = KeyPair::from_der_halves(&spki.to_vec(), key_bytes).and_then(|key| {
        let certificate = Certificate::from_der(certificate.to_vec())?;
        Ok((key, certificate))
    });
    match made {
        Ok((key, certificate))
            if certificate.matches_key(&key) && certificate.is_self_signature_valid() =>
        {
            WorkerOutcome::Made(Box::new((key, certificate)))
        }
        Ok(_) => WorkerOutcome::Failed(Error::Worker(
            "the certificate is not for the key it came with".into(),
        )),
        Err(error) => WorkerOutcome::Failed(error.into()),
    }
}

/// A cancellation, a timeout or a worker error, as the outcome it means.
fn interrupted(value: &JsValue) -> Option<WorkerOutcome> {
    if field(value, "cancelled").is_some() {
        return Some(WorkerOutcome::Cancelled);
    }
    if field(value, "timeout").is_some() {
        return Some(WorkerOutcome::Refused(format!(
            "the worker did not start within {} s",
            START_TIMEOUT_MS / 1000
        )));
    }
    field(value, "workerError").map(|e| WorkerOutcome::Refused(describe(&e)))
}

/// Terminates the key worker, if one is running; its pending request ends as
/// [`WorkerOutcome::Cancelled`]. Nothing else changes: an earlier key stays as it was.
pub fn cancel_key_worker() {
    let running = RUNNING.with(|slot| slot.borrow_mut().take());
    if let Some(running) = running {
        running.worker.terminate();
        if let Some(resolve) = running.resolve.borrow_mut().take() {
            let _ = resolve.call1(&JsValue::NULL, &tagged("cancelled", &JsValue::TRUE));
        }
    }
}

/// Whether this code runs in a window (the page) rather than in the key worker.
pub fn in_window() -> bool {
    web_sys::window().is_some()
}
