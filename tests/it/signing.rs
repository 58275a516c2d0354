//! Keys as WebCrypto hands them over (SPKI and PKCS#8 DER) and certificates finished with a
//! signature made outside the core: checked at the DER level, parsed only when the built-in code
//! signs, and a signature that does not verify never becomes a certificate.

use crate::common::*;
use saml_idp_kit::pki::{
    Certificate, CertificateOptions, Error, KeyFormat, KeyPair, UnsignedCertificate,
};
use zeroize::Zeroizing;

fn der_of(pem: &str) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(der::pem::decode_vec(pem.as_bytes()).unwrap().1)
}

fn spki_of(pem: &str) -> Vec<u8> {
    KeyPair::from_pem(pem).unwrap().public_key_der().unwrap()
}

#[test]
fn a_webcrypto_key_is_the_same_key_and_is_not_parsed_to_be_shown_or_saved() {
    let key = KeyPair::from_der_halves(&spki_of(RSA2048_PKCS8), der_of(RSA2048_PKCS8)).unwrap();
    assert_eq!(key, fixed_key());
    assert_eq!(key.modulus(), fixed_key().modulus());
    assert!(!key.is_parsed());
    // Both key files are encodings of the DER held: OpenSSL's own bytes, still no parse.
    assert_eq!(
        key.to_pem(KeyFormat::Pkcs8).unwrap().as_str(),
        RSA2048_PKCS8
    );
    assert_eq!(
        key.to_pem(KeyFormat::Pkcs1).unwrap().as_str(),
        RSA2048_PKCS1
    );
    assert!(!key.is_parsed());
    // The built-in signer parses it on first use (Renew, changed certificate options).
    let certificate = Certificate::issue(
        &key,
        &CertificateOptions::default(),
        NOW,
        &mut TestRng::new("s"),
    )
    .unwrap();
    assert!(key.is_parsed());
    assert!(certificate.is_self_signature_valid() && certificate.matches_key(&key));
}

#[test]
fn a_webcrypto_key_is_refused_when_its_halves_or_numbers_are_wrong() {
    let mismatched = KeyPair::from_der_halves(&spki_of(RSA3072_PKCS8), der_of(RSA2048_PKCS8));
    assert_eq!(mismatched.err(), Some(Error::InconsistentKey));
    let small = KeyPair::from_der_halves(&spki_of(RSA2048_PKCS8), der_of(RSA1024_PKCS8));
    assert_eq!(small.err(), Some(Error::InconsistentKey));
    let e3 = der_of(RSA2048_E3);
    let e3_spki = {
        // The public half of the e=3 key, encoded by the rsa crate directly (the core refuses it).
        use rsa::pkcs8::{DecodePrivateKey, EncodePublicKey};
        let private = rsa::PrivateKey::from_pkcs8_der(&e3).unwrap();
        private
            .to_public_key()
            .to_public_key_der()
            .unwrap()
            .into_vec()
    };
    assert_eq!(
        KeyPair::from_der_halves(&e3_spki, e3).err(),
        Some(Error::UnsupportedExponent)
    );
    let ec = der_of(EC_P256);
    assert_eq!(
        KeyPair::from_der_halves(&spki_of(RSA2048_PKCS8), ec).err(),
        Some(Error::NotRsa)
    );
    assert!(matches!(
        KeyPair::from_der_halves(b"not der", der_of(RSA2048_PKCS8)),
        Err(Error::Malformed(_))
    ));
}

#[test]
fn a_signature_that_does_not_verify_never_becomes_a_certificate() {
    let key = fixed_key();
    let options = CertificateOptions::default();
    let unsigned = |seed| {
        UnsignedCertificate::new(
            &key.public_key_der().unwrap(),
            &options,
            NOW,
            &mut TestRng::new(seed),
        )
        .unwrap()
    };
    let good = Certificate::issue(&key, &options, NOW, &mut TestRng::new("bad")).unwrap();
    let signature = good.der()[good.der().len() - 256..].to_vec();
    assert_eq!(unsigned("bad").assemble(&signature).unwrap(), good);
    let mut flipped = signature.clone();
    flipped[100] ^= 1;
    assert_eq!(
        unsigned("bad").assemble(&flipped).err(),
        Some(Error::SignatureInvalid)
    );
    // A signature over other bytes (another serial) does not fit either.
    assert_eq!(
        unsigned("other").assemble(&signature).err(),
        Some(Error::SignatureInvalid)
    );
    assert_eq!(
        unsigned("bad").assemble(&signature[1..]).err(),
        Some(Error::SignatureInvalid)
    );
}
