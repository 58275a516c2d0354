//! The key and certificate core: every generated certificate re-parsed and checked field by field.

use crate::common::*;
use der::asn1::OctetString;
use der::{Decode, Encode};
use saml_idp_kit::pki::{
    Certificate, CertificateOptions, CertificateProfile, Error, KeyFormat, KeyPair, KeySize,
    Subject, SubjectField, random_serial,
};
use sha2::Digest;
use x509_cert::ext::pkix::{
    AuthorityKeyIdentifier, BasicConstraints, KeyUsage, SubjectKeyIdentifier,
};
use x509_cert::time::Time;

mod dn;
mod warm_up;

const DAY: u64 = 86_400;

fn parsed(certificate: &Certificate) -> x509_cert::Certificate {
    x509_cert::Certificate::from_der(certificate.der()).expect("our certificate must re-parse")
}

fn extension<'a, T: der::Decode<'a> + der::oid::AssociatedOid>(
    certificate: &'a x509_cert::Certificate,
) -> Option<(bool, T)> {
    certificate
        .tbs_certificate()
        .get_extension::<T>()
        .expect("an extension of ours must decode")
}

fn ski_of(certificate: &x509_cert::Certificate) -> Vec<u8> {
    let bits = certificate
        .tbs_certificate()
        .subject_public_key_info()
        .subject_public_key
        .raw_bytes();
    sha1::Sha1::digest(bits).to_vec()
}

#[test]
fn a_generated_key_gets_a_certificate_that_verifies_with_its_own_key() -> Result<(), Error> {
    let key = KeyPair::generate(&mut getrandom::SysRng, KeySize::Rsa2048)?;
    assert_eq!(key.size(), KeySize::Rsa2048);
    let certificate = Certificate::issue(
        &key,
        &CertificateOptions::default(),
        NOW,
        &mut getrandom::SysRng,
    )?;
    let reread = Certificate::from_der(certificate.der().to_vec())?;
    assert_eq!(reread, certificate);
    assert!(certificate.is_self_signature_valid());
    assert!(certificate.matches_key(&key));
    assert_eq!(certificate.key_bits(), Some(2048));
    Ok(())
}

#[test]
fn the_certificate_is_v3_sha256_with_rsa_self_issued() {
    let certificate = parsed(&fixed_certificate());
    let tbs = certificate.tbs_certificate();
    assert_eq!(tbs.version(), x509_cert::certificate::Version::V3);
    let algorithm = certificate.signature_algorithm();
    assert_eq!(algorithm.oid.to_string(), "1.2.840.113549.1.1.11");
    // sha256WithRSAEncryption carries explicit NULL parameters (RFC 4055 §5).
    let parameters = algorithm.parameters.as_ref().map(|p| p.to_der().unwrap());
    assert_eq!(parameters, Some(vec![0x05, 0x00]));
    assert_eq!(tbs.signature(), algorithm);
    assert_eq!(tbs.issuer(), tbs.subject());
    assert_eq!(tbs.subject().to_string(), "CN=JumpCloud SAML IdP");
}

#[test]
fn saml_signing_profile_is_a_non_ca_signing_certificate() {
    let certificate = parsed(&fixed_certificate());
    let (critical, constraints) =
        extension::<BasicConstraints>(&certificate).expect("basicConstraints missing");
    assert!(critical);
    assert!(!constraints.ca);
    let (critical, usage) = extension::<KeyUsage>(&certificate).expect("keyUsage missing");
    assert!(critical);
    assert!(usage.digital_signature());
    assert_eq!(usage.0.bits(), 1, "digitalSignature only");
    let (critical, ski) = extension::<SubjectKeyIdentifier>(&certificate).expect("SKI missing");
    assert!(!critical);
    assert_eq!(ski.0.as_bytes(), ski_of(&certificate).as_slice());
    let (critical, aki) = extension::<AuthorityKeyIdentifier>(&certificate).expect("AKI missing");
    assert!(!critical);
    assert_eq!(aki.key_identifier, Some(ski.0.clone()));
    assert_eq!(aki.authority_cert_issuer, None);
    assert_eq!(aki.authority_cert_serial_number, None);
    let count = certificate
        .tbs_certificate()
        .extensions()
        .expect("extensions")
        .len();
    assert_eq!(count, 4);
}

#[test]
fn openssl_compatible_profile_matches_openssl_req_x509() {
    let certificate = parsed(&certificate_with(&CertificateOptions {
        profile: CertificateProfile::OpenSslCompatible,
        ..CertificateOptions::default()
    }));
    let extensions = certificate
        .tbs_certificate()
        .extensions()
        .expect("extensions")
        .to_vec();
    let oids: Vec<String> = extensions.iter().map(|e| e.extn_id.to_string()).collect();
    assert_eq!(
        oids,
        ["2.5.29.14", "2.5.29.35", "2.5.29.19"],
        "SKI, AKI, basicConstraints in OpenSSL's order"
    );
    let (critical, constraints) =
        extension::<BasicConstraints>(&certificate).expect("basicConstraints missing");
    assert!(critical);
    assert!(constraints.ca);
    assert!(extension::<KeyUsage>(&certificate).is_none());
    let (_, aki) = extension::<AuthorityKeyIdentifier>(&certificate).expect("AKI missing");
    assert_eq!(
        aki.key_identifier,
        Some(OctetString::new(ski_of(&certificate)).unwrap())
    );
}

#[test]
fn a_thousand_serials_are_positive_twenty_octets_with_non_zero_first_octet() -> Result<(), Error> {
    let mut seen = std::collections::HashSet::new();
    for _ in 0..1000 {
        let serial = random_serial(&mut getrandom::SysRng)?;
        assert_eq!(serial.len(), 20);
        assert_ne!(serial[0], 0, "first octet must be non-zero");
        assert_eq!(serial[0] & 0x80, 0, "serial must be positive");
        let encoded =
            x509_cert::serial_number::SerialNumber::<x509_cert::certificate::Rfc5280>::new(&serial)
                .map_err(|e| Error::Encoding(e.to_string()))?;
        assert_eq!(encoded.as_bytes(), serial.as_slice());
        assert!(seen.insert(serial), "serials must not repeat");
    }
    Ok(())
}

#[test]
fn the_certificate_serial_comes_from_the_random_generator() -> Result<(), Error> {
    let certificate = fixed_certificate();
    let expected = random_serial(&mut TestRng::new("serial"))?;
    assert_eq!(certificate.serial(), expected.as_slice());
    Ok(())
}

#[test]
fn validity_starts_now_and_lasts_the_chosen_days() {
    let certificate = certificate_with(&CertificateOptions {
        validity_days: 30,
        ..CertificateOptions::default()
    });
    assert_eq!(certificate.not_before(), NOW);
    assert_eq!(certificate.not_after(), NOW + 30 * DAY);
    assert_eq!(certificate.not_before_iso(), "2026-11-29T16:20:00Z");
    assert_eq!(certificate.not_after_iso(), "2026-12-29T16:20:00Z");
    let default = fixed_certificate();
    assert_eq!(default.not_after(), NOW + 1095 * DAY);
    assert_eq!(default.days_left(NOW), 1095);
}

#[test]
fn times_before_2050_are_utc_time_and_from_2050_generalized_time() -> Result<(), Error> {
    let before = parsed(&fixed_certificate());
    assert!(matches!(
        before.tbs_certificate().validity().not_before,
        Time::UtcTime(_)
    ));
    assert!(matches!(
        before.tbs_certificate().validity().not_after,
        Time::UtcTime(_)
    ));
    // 2049-12-01: notBefore still UTCTime, notAfter (2050-01-30) must be GeneralizedTime.
    let late = Certificate::issue(
        &fixed_key(),
        &CertificateOptions {
            validity_days: 60,
            ..CertificateOptions::default()
        },
        2_522_016_000,
        &mut TestRng::new("late"),
    )?;
    let late = parsed(&late);
    assert!(matches!(
        late.tbs_certificate().validity().not_before,
        Time::UtcTime(_)
    ));
    assert!(matches!(
        late.tbs_certificate().validity().not_after,
        Time::GeneralTime(_)
    ));
    Ok(())
}

#[test]
fn a_dn_string_typed_into_the_cn_stays_one_cn() {
    let certificate = parsed(&certificate_with(&CertificateOptions {
        subject: Subject {
            common_name: "a+O=evil, OU=x".into(),
            ..Subject::default()
        },
        ..CertificateOptions::default()
    }));
    let subject = certificate.tbs_certificate().subject();
    assert_eq!(subject.len(), 1);
    let cn = subject
        .common_name()
        .unwrap()
        .map(|cn| cn.value().into_owned());
    assert_eq!(cn.as_deref(), Some("a+O=evil, OU=x"));
    assert!(subject.organization().unwrap().is_none());
}

#[test]
fn every_subject_field_is_encoded_with_its_string_type() {
    let subject = Subject {
        common_name: "JumpCloud SAML IdP".into(),
        organization: Some("Acme Ünïcode".into()),
        organizational_unit: Some("IT".into()),
        locality: Some("Berlin".into()),
        state_or_province: Some("Berlin".into()),
        country: Some("DE".into()),
        email_address: Some("admin@example.com".into()),
    };
    let certificate = certificate_with(&CertificateOptions {
        subject,
        ..CertificateOptions::default()
    });
    let tbs_subject = parsed(&certificate).tbs_certificate().subject().clone();
    assert_eq!(tbs_subject.len(), 7);
    let tags: Vec<(String, u8)> = tbs_subject
        .iter()
        .map(|atv| (atv.oid.to_string(), atv.value.to_der().unwrap()[0]))
        .collect();
    assert_eq!(
        tags,
        [
            ("2.5.4.6".to_owned(), 0x13), // C: PrintableString
            ("2.5.4.8".to_owned(), 0x0c), // ST: UTF8String
            ("2.5.4.7".to_owned(), 0x0c),
            ("2.5.4.10".to_owned(), 0x0c),
            ("2.5.4.11".to_owned(), 0x0c),
            ("2.5.4.3".to_owned(), 0x0c),
            ("1.2.840.113549.1.9.1".to_owned(), 0x16), // emailAddress: IA5String
        ]
    );
    assert!(certificate.subject().contains("O=Acme Ünïcode"));
}

fn issue_error(options: CertificateOptions) -> Option<Error> {
    Certificate::issue(&fixed_key(), &options, NOW, &mut TestRng::new("bad")).err()
}

fn with_subject(change: impl FnOnce(&mut Subject)) -> CertificateOptions {
    let mut options = CertificateOptions::default();
    change(&mut options.subject);
    options
}

#[test]
fn a_65_character_cn_is_rejected() {
    let error = issue_error(with_subject(|s| s.common_name = "x".repeat(65)));
    assert_eq!(
        error,
        Some(Error::FieldTooLong {
            field: SubjectField::CommonName,
            max: 64
        })
    );
    assert!(
        issue_error(with_subject(|s| s.common_name = "é".repeat(64))).is_none(),
        "64 characters (128 bytes) are fine"
    );
}

#[test]
fn an_empty_cn_is_rejected() {
    assert_eq!(
        issue_error(with_subject(|s| s.common_name.clear())),
        Some(Error::FieldEmpty(SubjectField::CommonName))
    );
}

#[test]
fn a_three_letter_country_is_rejected() {
    assert_eq!(
        issue_error(with_subject(|s| s.country = Some("DEU".into()))),
        Some(Error::CountryNotTwoLetters)
    );
}

#[test]
fn validity_of_0_and_3651_days_is_rejected() {
    for days in [0, 3651] {
        let options = CertificateOptions {
            validity_days: days,
            ..CertificateOptions::default()
        };
        assert_eq!(
            issue_error(options),
            Some(Error::ValidityDaysOutOfRange(days))
        );
    }
    let options = CertificateOptions {
        validity_days: 3650,
        ..CertificateOptions::default()
    };
    assert_eq!(issue_error(options), None);
}

#[test]
fn a_line_break_in_a_subject_field_is_rejected() {
    assert_eq!(
        issue_error(with_subject(|s| s.organization = Some("Acme\nEvil".into()))),
        Some(Error::FieldHasControlCharacter(SubjectField::Organization))
    );
}

#[test]
fn a_malformed_email_address_is_rejected() {
    for bad in ["admin", "a b@example.com", "ädmin@example.com", "a@b@c"] {
        assert_eq!(
            issue_error(with_subject(|s| s.email_address = Some(bad.into()))),
            Some(Error::EmailAddressInvalid),
            "{bad}"
        );
    }
}

#[test]
fn both_key_formats_round_trip_through_pem() -> Result<(), Error> {
    let key = fixed_key();
    let pkcs8 = key.to_pem(KeyFormat::Pkcs8)?;
    assert!(pkcs8.starts_with("-----BEGIN PRIVATE KEY-----\n"));
    assert_eq!(KeyPair::from_pem(&pkcs8)?, key);
    let pkcs1 = key.to_pem(KeyFormat::Pkcs1)?;
    assert!(pkcs1.starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
    assert_eq!(KeyPair::from_pem(&pkcs1)?, key);
    // OpenSSL wrote the fixtures: our PKCS#1 encoding is byte-identical to `openssl rsa -traditional`.
    assert_eq!(pkcs1.as_str(), RSA2048_PKCS1);
    assert_eq!(pkcs8.as_str(), RSA2048_PKCS8);
    Ok(())
}

#[test]
fn keys_of_each_offered_size_load() -> Result<(), Error> {
    assert_eq!(KeyPair::from_pem(RSA3072_PKCS8)?.size(), KeySize::Rsa3072);
    assert_eq!(KeyPair::from_pem(RSA4096_PKCS8)?.size(), KeySize::Rsa4096);
    Ok(())
}

#[test]
fn unsuitable_keys_are_refused_with_their_own_message() {
    assert_eq!(
        KeyPair::from_pem(RSA1024_PKCS8).err(),
        Some(Error::UnsupportedKeySize(1024))
    );
    assert_eq!(
        KeyPair::from_pem(RSA2048_E3).err(),
        Some(Error::UnsupportedExponent)
    );
    assert_eq!(
        KeyPair::from_pem(RSA2048_ENCRYPTED).err(),
        Some(Error::EncryptedKey)
    );
    assert_eq!(KeyPair::from_pem(EC_P256).err(), Some(Error::NotRsa));
    assert_eq!(
        KeyPair::from_pem(OPENSSL_GUIDE_CERT).err(),
        Some(Error::CertificateNotKey)
    );
    assert_eq!(KeyPair::from_pem("hello").err(), Some(Error::NotPem));
    let two = format!("{RSA2048_PKCS8}{RSA2048_PKCS8}");
    assert_eq!(KeyPair::from_pem(&two).err(), Some(Error::MoreThanOneBlock));
    let truncated = "-----BEGIN PRIVATE KEY-----\nMIQ=\n-----END PRIVATE KEY-----\n";
    assert!(matches!(
        KeyPair::from_pem(truncated),
        Err(Error::Malformed(_))
    ));
}

#[test]
fn webcrypto_pkcs8_der_goes_through_the_same_validation() -> Result<(), Error> {
    let der = der::pem::decode_vec(RSA2048_PKCS8.as_bytes())
        .map(|(_, der)| der)
        .map_err(|e| Error::Malformed(e.to_string()))?;
    assert_eq!(KeyPair::from_pkcs8_der(&der)?, fixed_key());
    let small = der::pem::decode_vec(RSA1024_PKCS8.as_bytes())
        .map(|(_, der)| der)
        .map_err(|e| Error::Malformed(e.to_string()))?;
    assert_eq!(
        KeyPair::from_pkcs8_der(&small).err(),
        Some(Error::UnsupportedKeySize(1024))
    );
    Ok(())
}

#[test]
fn without_secure_randomness_nothing_is_made() {
    assert_eq!(
        KeyPair::generate(&mut BrokenRng, KeySize::Rsa2048).err(),
        Some(Error::Randomness)
    );
    let result = Certificate::issue(
        &fixed_key(),
        &CertificateOptions::default(),
        NOW,
        &mut BrokenRng,
    );
    assert_eq!(result.err(), Some(Error::Randomness));
}

#[test]
fn derived_values_match_the_der() -> Result<(), Error> {
    let certificate = fixed_certificate();
    let pem = certificate.to_pem()?;
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----\n"));
    assert!(pem.ends_with("-----END CERTIFICATE-----\n"));
    assert!(pem.lines().all(|line| line.len() <= 64));
    assert_eq!(Certificate::from_pem(&pem)?, certificate);
    let base64 = certificate.base64();
    assert!(!base64.contains('\n') && !base64.contains("BEGIN"));
    assert_eq!(Certificate::from_base64(&base64)?, certificate);
    let sha256 = sha2::Sha256::digest(certificate.der());
    let expected: Vec<String> = sha256.iter().map(|b| format!("{b:02X}")).collect();
    assert_eq!(certificate.sha256_fingerprint(), expected.join(":"));
    assert_eq!(certificate.sha1_fingerprint().len(), 20 * 3 - 1);
    assert_eq!(certificate.key_bits(), Some(2048));
    Ok(())
}

#[test]
fn the_openssl_guide_certificate_is_read_and_verified() -> Result<(), Error> {
    let certificate = Certificate::from_pem(OPENSSL_GUIDE_CERT)?;
    assert!(certificate.is_self_signature_valid());
    assert!(certificate.matches_key(&fixed_key()));
    assert_eq!(certificate.subject(), "CN=JumpCloud SAML IdP");
    assert_eq!(
        Certificate::from_pem(RSA2048_PKCS8).err(),
        Some(Error::KeyNotCertificate)
    );
    Ok(())
}

#[test]
fn certificate_options_reach_the_key_worker_unchanged() {
    let full = CertificateOptions {
        subject: Subject {
            common_name: "JumpCloud SAML IdP".to_owned(),
            organization: Some("Acme".to_owned()),
            organizational_unit: Some("IT".to_owned()),
            locality: Some("Berlin".to_owned()),
            state_or_province: Some("BE".to_owned()),
            country: Some("DE".to_owned()),
            email_address: Some("it@acme.example".to_owned()),
        },
        validity_days: 730,
        profile: CertificateProfile::OpenSslCompatible,
    };
    for options in [full, CertificateOptions::default()] {
        let (days, profile, subject) = options.to_worker_fields();
        assert_eq!(
            CertificateOptions::from_worker_fields(days, profile, subject),
            Some(options.clone())
        );
    }
    let (days, _, subject) = CertificateOptions::default().to_worker_fields();
    assert_eq!(
        CertificateOptions::from_worker_fields(days, 2, subject),
        None,
        "an unknown profile index is refused"
    );
}
