//! The key's hand-over between a key worker and the page (src/browser/worker.rs): the
//! worker's side ([`key_worker_generate`], called by the page's bootstrap inside the worker)
//! and the page's ([`KeyAnswer`]), and the main-thread fallback where no worker can run.

use super::worker::field;
use super::{Error, describe};
use crate::pki::{Certificate, CertificateOptions, KeyPair, KeySize};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use zeroize::Zeroizing;

/// The worker's entry point (called by the page's bootstrap inside the worker): makes a key of
/// `bits` bits with the `rsa` crate, seeded by `crypto.getRandomValues`, and its self-signed
/// certificate as the options say (lifetime, profile index, subject fields: see
/// `CertificateOptions::to_worker_fields`), valid from now. Returns
/// `{ der, spki, certificate }`: the key as PKCS#8 DER, its public half and the certificate as
/// DER. The Rust copy of the key is wiped when this returns.
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
/// page; used only where no key worker can run.
pub fn generate_key_wasm(size: KeySize) -> Result<KeyPair, Error> {
    Ok(KeyPair::generate(&mut getrandom::SysRng, size)?)
}

/// A worker's answer, not yet read. Its key buffer is wiped when it is dropped unread.
#[derive(Debug)]
pub struct KeyAnswer(JsValue);

/// Zeroes the `der` buffer of a worker's message, if it has one.
pub(super) fn wipe_key_buffer(message: &JsValue) {
    if let Some(der) = field(message, "der").and_then(|d| d.dyn_into::<Uint8Array>().ok()) {
        der.fill(0, 0, der.length());
    }
}

impl Drop for KeyAnswer {
    fn drop(&mut self) {
        wipe_key_buffer(&self.0);
    }
}

impl KeyAnswer {
    /// A worker's message that is not "ready" or a start-up failure.
    pub(super) fn new(message: JsValue) -> KeyAnswer {
        KeyAnswer(message)
    }

    /// The key and its certificate. The key's buffer is copied and wiped first, whatever else
    /// the answer lacks; the halves are checked at the DER level, not re-parsed (a long task
    /// for large keys), and the certificate's signature, verified with the public half, ties
    /// them together.
    pub fn read(self) -> Result<(KeyPair, Certificate), Error> {
        let answer = &self.0;
        if let Some(error) = field(answer, "error") {
            return Err(Error::Worker(describe(&error)));
        }
        let bytes = |name: &str| field(answer, name).and_then(|d| d.dyn_into::<Uint8Array>().ok());
        let key_bytes = bytes("der").map(|der| {
            let copy = Zeroizing::new(der.to_vec());
            der.fill(0, 0, der.length());
            copy
        });
        let (Some(key_bytes), Some(spki), Some(certificate)) =
            (key_bytes, bytes("spki"), bytes("certificate"))
        else {
            return Err(Error::Worker("the worker sent no key".into()));
        };
        let key = KeyPair::from_der_halves(&spki.to_vec(), key_bytes)?;
        let certificate = Certificate::from_der(certificate.to_vec())?;
        if certificate.matches_key(&key) && certificate.is_self_signature_valid() {
            Ok((key, certificate))
        } else {
            Err(Error::Worker(
                "the certificate is not for the key it came with".into(),
            ))
        }
    }
}
