//! The warm-up run: the whole certificate path on a made-up key, ending in a certificate whose
//! signature does not verify (so the check ran) and which is never mistaken for a real one.

use crate::common::*;
use saml_idp_kit::pki::{Certificate, Error, warm_up};

#[test]
fn runs_the_whole_certificate_path_and_its_certificate_fails_the_signature_check() {
    let certificate = warm_up(NOW, &mut TestRng::new("warm-up")).unwrap();
    // Built for the made-up 2048-bit key, with the default subject, from `now`.
    assert_eq!(certificate.key_bits(), Some(2048));
    assert_eq!(certificate.subject(), "CN=JumpCloud SAML IdP");
    assert_eq!(certificate.not_before(), NOW);
    // Read back from its DER, and its made-up signature checked and refused.
    assert!(!certificate.is_self_signature_valid());
    let again = Certificate::from_der(certificate.der().to_vec()).unwrap();
    assert_eq!(again.sha256_fingerprint(), certificate.sha256_fingerprint());
    assert!(!again.is_self_signature_valid());
}

#[test]
fn fails_like_the_real_path_when_randomness_fails() {
    assert_eq!(warm_up(NOW, &mut BrokenRng).unwrap_err(), Error::Randomness);
}
