//! Certificates and inspection: every accepted format, refusals, and the round trip from the
//! New-key flow.

use super::*;

#[test]
fn certificates_are_read_from_pem_der_and_base64() -> Result<(), Error> {
    let expected = Certificate::from_pem(OPENSSL_GUIDE_CERT)?;
    assert_eq!(certificate(OPENSSL_GUIDE_CERT.as_bytes())?, expected);
    assert_eq!(certificate(&der_of(OPENSSL_GUIDE_CERT))?, expected);
    assert_eq!(
        certificate(body_of(OPENSSL_GUIDE_CERT).as_bytes())?,
        expected
    );
    assert_eq!(certificate(expected.base64().as_bytes())?, expected);
    let crlf = OPENSSL_GUIDE_CERT.replace('\n', "\r\n");
    assert_eq!(certificate(crlf.as_bytes())?, expected);
    Ok(())
}

#[test]
fn keys_and_other_things_given_as_the_certificate_are_refused() {
    let key_not_certificate = Error::Pki(pki::Error::KeyNotCertificate);
    assert_eq!(certificate_error(RSA2048_PKCS8), key_not_certificate);
    assert_eq!(certificate_error(RSA2048_PKCS1), key_not_certificate);
    assert_eq!(certificate_error(RSA2048_ENCRYPTED), key_not_certificate);
    assert_eq!(
        certificate_error(der_of(RSA2048_PKCS8)),
        key_not_certificate
    );
    assert_eq!(
        certificate_error(der_of(RSA2048_PKCS1)),
        key_not_certificate
    );
    assert_eq!(
        certificate_error(der_of(RSA2048_ENCRYPTED)),
        key_not_certificate
    );
    assert_eq!(
        certificate_error(body_of(RSA2048_PKCS8)),
        key_not_certificate
    );
    assert_eq!(certificate_error(OPENSSH_RSA2048), key_not_certificate);
    assert_eq!(
        certificate_error(RSA2048_PUBLIC),
        Error::WrongPemLabel {
            input: InputKind::Certificate,
            label: "PUBLIC KEY".to_owned()
        }
    );
    let chain = format!("{OPENSSL_GUIDE_CERT}{OPENSSL_GUIDE_CERT}");
    assert_eq!(
        certificate_error(chain),
        Error::Pki(pki::Error::MoreThanOneBlock)
    );
    assert!(is_malformed(&certificate_error(TRUNCATED_CERTIFICATE)));
    assert!(is_malformed(&certificate_error([0x30, 0x84])));
    assert_eq!(
        certificate_error(JUMPCLOUD_METADATA),
        Error::XmlGiven(InputKind::Certificate)
    );
    assert_eq!(
        certificate_error("not a certificate"),
        Error::NotPemText(InputKind::Certificate)
    );
    assert_eq!(certificate_error(""), Error::Empty(InputKind::Certificate));
    assert_eq!(
        certificate_error([0x00, 0xff, 0xfe]),
        Error::Binary(InputKind::Certificate)
    );
}

#[test]
fn inspection_shows_what_the_page_lists() -> Result<(), Error> {
    let guide = certificate(OPENSSL_GUIDE_CERT.as_bytes())?;
    let key = fixed_key();
    let shown = inspect(&guide, Some(&key), NOW);
    assert_eq!(shown.subject, "CN=JumpCloud SAML IdP");
    assert_eq!(shown.issuer, "CN=JumpCloud SAML IdP");
    assert_eq!(shown.serial_hex, "103f841f04b90518a612f3bdab8081e464fab3e1");
    assert_eq!(shown.not_before_iso, "2026-11-29T16:22:51Z");
    assert_eq!(shown.not_after_iso, "2029-11-28T16:22:51Z");
    assert_eq!(shown.days_left, 1095);
    assert!(!shown.is_expired());
    assert_eq!(shown.sha1, guide.sha1_fingerprint());
    assert_eq!(shown.sha256, guide.sha256_fingerprint());
    assert_eq!(shown.sha256.len(), 32 * 3 - 1);
    assert_eq!(shown.key_bits, Some(2048));
    assert_eq!(shown.matches_key, Some(true));
    assert!(shown.self_signed_valid);

    let (other_key, _) = private_key(RSA3072_PKCS8.as_bytes())?;
    assert_eq!(
        inspect(&guide, Some(&other_key), NOW).matches_key,
        Some(false)
    );
    let later = inspect(&guide, None, guide.not_after() + 86_400);
    assert_eq!(later.matches_key, None);
    assert_eq!(later.days_left, -1);
    assert!(later.is_expired());
    Ok(())
}

#[test]
fn a_key_exported_by_the_new_key_flow_renews_with_the_same_public_key() -> Result<(), Error> {
    let original = KeyPair::generate(&mut getrandom::SysRng, KeySize::Rsa2048)?;
    let first = Certificate::issue(
        &original,
        &CertificateOptions::default(),
        NOW,
        &mut TestRng::new("first"),
    )?;
    for format in KeyFormat::ALL {
        let exported = original.to_pem(format)?;
        let (imported, read_as) = private_key(exported.as_bytes())?;
        assert_eq!(read_as, format);
        assert_eq!(imported, original);
        assert_eq!(imported.public_key_der()?, original.public_key_der()?);
        let renewed = Certificate::issue(
            &imported,
            &CertificateOptions::default(),
            NOW + 1000 * 86_400,
            &mut TestRng::new("renewed"),
        )?;
        assert!(renewed.matches_key(&original));
        assert!(renewed.is_self_signature_valid());
        assert_ne!(renewed.serial(), first.serial());
        let shown = inspect(&renewed, Some(&imported), NOW + 1000 * 86_400);
        assert_eq!(shown.matches_key, Some(true));
        assert_eq!(shown.days_left, 1095);
        // The first certificate still matches the imported key: rotation keeps both valid.
        assert_eq!(
            inspect(&first, Some(&imported), NOW).matches_key,
            Some(true)
        );
    }
    Ok(())
}
