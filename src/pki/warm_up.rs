//! One run of the certificate path on a made-up public key, before any real key exists.
//!
//! Browsers compile a wasm function the first time it is called (V8 compiles lazily, on the
//! main thread). Without this run, the first key's certificate paid for compiling the whole
//! path (DER encoding and parsing, the signature check, the fingerprints). The page runs this
//! once when it is idle after start-up, so that work is done before Generate is pressed. The
//! measurements: docs/speed.md, "Post-key latency".

use super::{Certificate, CertificateOptions, Result, UnsignedCertificate};
use rand_core::TryCryptoRng;
use rsa::pkcs8::EncodePublicKey;

/// Modulus length of the made-up key in bytes: 2048 bits, the default key size.
const MODULUS_BYTES: usize = 256;

/// A made-up 2048-bit RSA public key (SubjectPublicKeyInfo DER): an odd modulus with its top
/// bit set, of no known factors, so no private key exists for it here or anywhere.
fn made_up_public_key() -> Result<Vec<u8>> {
    let modulus: [u8; MODULUS_BYTES] = core::array::from_fn(|i| match i {
        0 => 0xc9,
        _ if i == MODULUS_BYTES - 1 => 0x3f,
        _ => (i as u8).wrapping_mul(167) ^ 0x5a,
    });
    let n = rsa::BoxedUint::from_be_slice_vartime(&modulus);
    let key = rsa::PublicKey::new(n, rsa::BoxedUint::from(65537u64))
        .map_err(|e| super::Error::Encoding(e.to_string()))?;
    let der = key
        .to_public_key_der()
        .map_err(|e| super::Error::Encoding(e.to_string()))?;
    Ok(der.into_vec())
}

/// Builds, assembles and reads back a certificate for a made-up public key with a made-up
/// signature, and computes what the page shows of it (fingerprints, PEM). Returns that
/// certificate, whose self-signature is invalid; nothing of it is shown or kept.
pub fn warm_up<R: TryCryptoRng + ?Sized>(
    now_unix_seconds: u64,
    rng: &mut R,
) -> Result<Certificate> {
    let public_key = made_up_public_key()?;
    let unsigned = UnsignedCertificate::new(
        &public_key,
        &CertificateOptions::default(),
        now_unix_seconds,
        rng,
    )?;
    // Below the modulus, so the signature check runs to its end (and fails).
    let signature = [0x5au8; MODULUS_BYTES];
    let certificate = unsigned.assemble_unchecked(&signature)?;
    core::hint::black_box((
        certificate.sha256_fingerprint(),
        certificate.sha1_fingerprint(),
        certificate.to_pem()?,
    ));
    Ok(certificate)
}
