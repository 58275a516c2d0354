//! WebCrypto's share of a new key and certificate: `generateKey`, the public key's export, and
//! `sign` over the certificate's to-be-signed bytes, which src/pki builds; and a new
//! certificate for a key the page already holds (changed options, Renew), signed by WebCrypto
//! off the main thread after `importKey`. Part of the browser edge (src/browser.rs); the
//! certificate rules stay in the pure core.
//!
//! The order keeps the time from the key's arrival to the certificate short: the public key
//! (SPKI) is exported first and the certificate built from it, WebCrypto signs it off the main
//! thread, and the PKCS#8 export the key file needs runs alongside. The `rsa` crate never parses
//! the key on this path; [`KeyPair::from_der_halves`] checks it at the DER level, and the
//! certificate's signature is verified once against its public key before it is shown.

use super::{Error, describe, subtle};
use crate::pki::{Certificate, CertificateOptions, KeyPair, KeySize, UnsignedCertificate};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use zeroize::Zeroizing;

/// WebCrypto's name of the signature scheme (RSASSA-PKCS1-v1_5; the hash, SHA-256, is part of
/// the key), as in the Web Cryptography API's `RsaHashedKeyGenParams`.
const ALGORITHM: &str = "RSASSA-PKCS1-v1_5";

fn webcrypto(error: JsValue) -> Error {
    Error::WebCrypto(describe(&error))
}

/// A promise's result as bytes; the JS buffer is wiped once copied (it may hold a key).
async fn bytes_of(promise: js_sys::Promise) -> Result<Zeroizing<Vec<u8>>, Error> {
    let buffer = JsFuture::from(promise).await.map_err(webcrypto)?;
    let view = Uint8Array::new(&buffer);
    let bytes = Zeroizing::new(view.to_vec());
    view.fill(0, 0, view.length());
    Ok(bytes)
}

/// WebCrypto, or the error that says it is missing.
fn require_subtle() -> Result<web_sys::SubtleCrypto, Error> {
    subtle().ok_or_else(|| Error::WebCrypto("not available here".into()))
}

/// The algorithm object for RSASSA-PKCS1-v1_5 with SHA-256, with `extra` fields (what
/// `generateKey` needs besides; `importKey` needs nothing more).
fn algorithm(extra: &[(&str, &JsValue)]) -> Result<Object, Error> {
    let algorithm = Object::new();
    let fields = [
        ("name", &JsValue::from_str(ALGORITHM)),
        ("hash", &JsValue::from_str("SHA-256")),
    ];
    for (name, value) in fields.iter().chain(extra) {
        Reflect::set(&algorithm, &JsValue::from_str(name), value)
            .map_err(|_| Error::WebCrypto("could not describe the key".into()))?;
    }
    Ok(algorithm)
}

/// WebCrypto's signature over the certificate's to-be-signed bytes, made on its own thread.
fn sign(
    subtle: &web_sys::SubtleCrypto,
    private: &web_sys::CryptoKey,
    unsigned: &UnsignedCertificate,
) -> Result<js_sys::Promise, Error> {
    let data = Uint8Array::from(unsigned.tbs_der());
    subtle
        .sign_with_str_and_buffer_source(ALGORITHM, private, &data)
        .map_err(webcrypto)
}

/// `generateKey` for an extractable RSA signing key of `size` bits, exponent 65537, SHA-256.
async fn generate_pair(
    subtle: &web_sys::SubtleCrypto,
    size: KeySize,
) -> Result<web_sys::CryptoKeyPair, Error> {
    let exponent = Uint8Array::from(&[0x01u8, 0x00, 0x01][..]);
    let algorithm = algorithm(&[
        ("modulusLength", &JsValue::from_f64(size.bits() as f64)),
        ("publicExponent", &exponent),
    ])?;
    let usages = Array::of2(&JsValue::from_str("sign"), &JsValue::from_str("verify"));
    let promise = subtle
        .generate_key_with_object(&algorithm, true, &usages)
        .map_err(webcrypto)?;
    Ok(JsFuture::from(promise)
        .await
        .map_err(webcrypto)?
        .unchecked_into())
}

/// Makes a key with WebCrypto and its self-signed certificate, signed by WebCrypto with that
/// key. The certificate's notBefore is the moment the key arrived (`now_unix_seconds` is called
/// then).
pub async fn generate_webcrypto(
    size: KeySize,
    options: &CertificateOptions,
    now_unix_seconds: fn() -> u64,
) -> Result<(KeyPair, Certificate), Error> {
    let subtle = require_subtle()?;
    let pair = generate_pair(&subtle, size).await?;
    let now = now_unix_seconds();
    let private = pair.get_private_key();
    let spki = subtle
        .export_key("spki", &pair.get_public_key())
        .map_err(webcrypto)?;
    // Started now, awaited after the signature: it runs while the certificate is signed.
    let pkcs8 = subtle.export_key("pkcs8", &private).map_err(webcrypto)?;
    let signed = async {
        let spki = bytes_of(spki).await?;
        let unsigned = UnsignedCertificate::new(&spki, options, now, &mut getrandom::SysRng)?;
        let signature = sign(&subtle, &private, &unsigned)?;
        Ok::<_, Error>((spki, unsigned, signature))
    }
    .await;
    // The export is awaited (and its buffer wiped by `bytes_of`) whatever happened meanwhile.
    let pkcs8 = bytes_of(pkcs8).await?;
    let (spki, unsigned, signature) = signed?;
    let signature = bytes_of(signature).await?;
    let key = KeyPair::from_der_halves(&spki, pkcs8)?;
    let certificate = unsigned.assemble(&signature)?;
    Ok((key, certificate))
}

/// A new certificate for `key` (changed certificate options, or Renew), signed by WebCrypto:
/// the key is imported (not extractable, for signing only) from its PKCS#8 DER, whose JS copy
/// is overwritten with zeros once imported, and the signature is made on WebCrypto's own
/// thread, so even a 4096-bit key does not hold up the page as the `rsa` crate would.
pub async fn issue_webcrypto(
    key: &KeyPair,
    options: &CertificateOptions,
    now_unix_seconds: u64,
) -> Result<Certificate, Error> {
    let subtle = require_subtle()?;
    let algorithm = algorithm(&[])?;
    let pkcs8 = key.to_pkcs8_der()?;
    let der = Uint8Array::from(&pkcs8[..]);
    let usages = Array::of1(&JsValue::from_str("sign"));
    let imported = match subtle.import_key_with_object("pkcs8", &der, &algorithm, false, &usages) {
        Ok(promise) => JsFuture::from(promise).await,
        Err(error) => Err(error),
    };
    der.fill(0, 0, der.length());
    let private: web_sys::CryptoKey = imported.map_err(webcrypto)?.unchecked_into();
    let unsigned = UnsignedCertificate::new(
        &key.public_key_der()?,
        options,
        now_unix_seconds,
        &mut getrandom::SysRng,
    )?;
    let signature = bytes_of(sign(&subtle, &private, &unsigned)?).await?;
    Ok(unsigned.assemble(&signature)?)
}
