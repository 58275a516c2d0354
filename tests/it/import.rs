//! Importing what the user brings: existing keys and certificates (Renew certificate, inspect)
//! and JumpCloud's IdP metadata (From JumpCloud metadata). Every accepted shape, every refusal
//! with its own message, the round trip from the New-key flow, and hostile inputs.

use crate::common::*;
use saml_idp_kit::import::{
    self, Error, IdpMetadata, InputKind, MAX_INPUT_BYTES, certificate, check_size, inspect,
    jumpcloud_metadata, private_key, setup_from_metadata,
};
use saml_idp_kit::pki::{self, Certificate, CertificateOptions, KeyFormat, KeyPair, KeySize};
use saml_idp_kit::setup::{Field, FormInput, cloudflare, metadata};
use std::collections::BTreeSet;

const ED25519: &str = include_str!("../fixtures/ed25519.key");
const EC_P256_SEC1: &str = include_str!("../fixtures/ec-p256-sec1.key");
const RSA2048_ENCRYPTED_LEGACY: &str = include_str!("../fixtures/rsa2048-encrypted-legacy.key");
const RSA2048_PUBLIC: &str = include_str!("../fixtures/rsa2048.pub");
const OPENSSH_RSA2048: &str = include_str!("../fixtures/openssh-rsa2048.key");
const JUMPCLOUD_METADATA: &str = include_str!("../fixtures/jumpcloud-idp-metadata.xml");
const SSO_URL: &str = "https://sso.jumpcloud.com/saml2/cloudflare-access";
const TRUNCATED_KEY: &str = "-----BEGIN PRIVATE KEY-----\nMIQ=\n-----END PRIVATE KEY-----\n";
const TRUNCATED_CERTIFICATE: &str =
    "-----BEGIN CERTIFICATE-----\nMIQ=\n-----END CERTIFICATE-----\n";

fn der_of(pem: &str) -> Vec<u8> {
    match der::pem::decode_vec(pem.as_bytes()) {
        Ok((_, der)) => der,
        Err(error) => panic!("fixture PEM must decode: {error}"),
    }
}

/// The base64 body of a PEM, lines kept.
fn body_of(pem: &str) -> String {
    pem.lines()
        .filter(|line| !line.starts_with("-----"))
        .map(|line| format!("{line}\n"))
        .collect()
}

fn key_error(input: impl AsRef<[u8]>) -> Error {
    match private_key(input.as_ref()) {
        Ok((key, _)) => panic!("expected a refusal, got {key:?}"),
        Err(error) => error,
    }
}

fn certificate_error(input: impl AsRef<[u8]>) -> Error {
    match certificate(input.as_ref()) {
        Ok(certificate) => panic!("expected a refusal, got {}", certificate.subject()),
        Err(error) => error,
    }
}

fn metadata_error(input: impl AsRef<[u8]>) -> Error {
    match jumpcloud_metadata(input.as_ref()) {
        Ok(metadata) => panic!("expected a refusal, got {metadata:?}"),
        Err(error) => error,
    }
}

fn is_malformed(error: &Error) -> bool {
    matches!(error, Error::Pki(pki::Error::Malformed(_)))
}

/// Bytes from a fixed seed (SHA-256 in counter mode), the same on every run.
fn pseudo_random_bytes(seed: &str, len: usize) -> Vec<u8> {
    use rand_core::TryRng;
    let mut bytes = vec![0u8; len];
    let Ok(()) = TestRng::new(seed).try_fill_bytes(&mut bytes);
    bytes
}

// ---------------------------------------------------------------------------------------------
// Private keys
// ---------------------------------------------------------------------------------------------

#[test]
fn pem_keys_in_both_formats_and_three_sizes_are_read() -> Result<(), Error> {
    let expected = fixed_key();
    assert_eq!(
        private_key(RSA2048_PKCS8.as_bytes())?,
        (expected.clone(), KeyFormat::Pkcs8)
    );
    assert_eq!(
        private_key(RSA2048_PKCS1.as_bytes())?,
        (expected, KeyFormat::Pkcs1)
    );
    for (pem, size) in [
        (RSA2048_PKCS8, KeySize::Rsa2048),
        (RSA3072_PKCS8, KeySize::Rsa3072),
        (RSA4096_PKCS8, KeySize::Rsa4096),
    ] {
        let (key, format) = private_key(pem.as_bytes())?;
        assert_eq!((key.size(), format), (size, KeyFormat::Pkcs8));
        let pkcs1 = key.to_pem(KeyFormat::Pkcs1)?;
        assert!(pkcs1.starts_with("-----BEGIN RSA PRIVATE KEY-----"));
        assert_eq!(private_key(pkcs1.as_bytes())?, (key, KeyFormat::Pkcs1));
    }
    Ok(())
}

#[test]
fn der_keys_are_read_pkcs8_first_then_pkcs1() -> Result<(), Error> {
    let expected = fixed_key();
    // The format is the one whose decoder read the key, so it is offered back unchanged.
    assert_eq!(
        private_key(&der_of(RSA2048_PKCS8))?,
        (expected.clone(), KeyFormat::Pkcs8)
    );
    assert_eq!(
        private_key(&der_of(RSA2048_PKCS1))?,
        (expected, KeyFormat::Pkcs1)
    );
    let (key4096, format) = private_key(&der_of(RSA4096_PKCS8))?;
    assert_eq!(
        (key4096.size(), format),
        (KeySize::Rsa4096, KeyFormat::Pkcs8)
    );
    let pkcs1 = key4096.to_pem(KeyFormat::Pkcs1)?;
    assert_eq!(private_key(&der_of(&pkcs1))?, (key4096, KeyFormat::Pkcs1));
    Ok(())
}

#[test]
fn pasted_keys_are_read_with_crlf_bom_surrounding_text_or_as_a_bare_body() -> Result<(), Error> {
    let expected = fixed_key();
    let crlf = RSA2048_PKCS8.replace('\n', "\r\n");
    let pkcs8 = (expected.clone(), KeyFormat::Pkcs8);
    let pkcs1 = (expected, KeyFormat::Pkcs1);
    assert_eq!(private_key(crlf.as_bytes())?, pkcs8);
    let bom = format!("\u{feff}{RSA2048_PKCS1}");
    assert_eq!(private_key(bom.as_bytes())?, pkcs1);
    // `openssl pkcs12 -nodes` prints bag attributes before the block.
    let attributes = format!("Bag Attributes\n    friendlyName: samlidp\n{RSA2048_PKCS8}\n\n");
    assert_eq!(private_key(attributes.as_bytes())?, pkcs8);
    // A bare base64 body has no label: the decoder that read it names the format.
    assert_eq!(private_key(body_of(RSA2048_PKCS8).as_bytes())?, pkcs8);
    assert_eq!(private_key(body_of(RSA2048_PKCS1).as_bytes())?, pkcs1);
    Ok(())
}

#[test]
fn encrypted_keys_are_refused_as_encrypted() {
    let encrypted = Error::Pki(pki::Error::EncryptedKey);
    assert_eq!(key_error(RSA2048_ENCRYPTED), encrypted);
    assert_eq!(key_error(RSA2048_ENCRYPTED_LEGACY), encrypted);
    assert_eq!(key_error(der_of(RSA2048_ENCRYPTED)), encrypted);
    assert!(encrypted.to_string().contains("openssl pkey"));
}

#[test]
fn ec_and_ed25519_keys_are_refused_as_not_rsa() {
    let not_rsa = Error::Pki(pki::Error::NotRsa);
    assert_eq!(key_error(EC_P256), not_rsa);
    assert_eq!(key_error(EC_P256_SEC1), not_rsa);
    assert_eq!(key_error(ED25519), not_rsa);
    assert_eq!(key_error(der_of(EC_P256)), not_rsa);
    assert_eq!(key_error(der_of(ED25519)), not_rsa);
}

#[test]
fn small_keys_and_other_exponents_are_refused() {
    let small = Error::Pki(pki::Error::UnsupportedKeySize(1024));
    assert_eq!(key_error(RSA1024_PKCS8), small);
    assert_eq!(key_error(der_of(RSA1024_PKCS8)), small);
    assert!(small.to_string().contains("1024 bits"));
    assert_eq!(
        key_error(RSA2048_E3),
        Error::Pki(pki::Error::UnsupportedExponent)
    );
}

#[test]
fn a_certificate_given_as_the_key_is_named_as_such() {
    let certificate_not_key = Error::Pki(pki::Error::CertificateNotKey);
    assert_eq!(key_error(OPENSSL_GUIDE_CERT), certificate_not_key);
    assert_eq!(key_error(der_of(OPENSSL_GUIDE_CERT)), certificate_not_key);
    assert_eq!(key_error(body_of(OPENSSL_GUIDE_CERT)), certificate_not_key);
}

#[test]
fn public_and_openssh_keys_get_their_own_messages() {
    assert_eq!(key_error(RSA2048_PUBLIC), Error::PublicKeyNotPrivate);
    assert_eq!(
        key_error(der_of(RSA2048_PUBLIC)),
        Error::PublicKeyNotPrivate
    );
    assert_eq!(key_error(OPENSSH_RSA2048), Error::OpenSshKey);
    assert!(Error::OpenSshKey.to_string().contains("ssh-keygen"));
}

#[test]
fn two_blocks_wrong_labels_xml_and_garbage_are_refused() {
    let two_keys = format!("{RSA2048_PKCS8}{RSA3072_PKCS8}");
    let more_than_one = Error::Pki(pki::Error::MoreThanOneBlock);
    assert_eq!(key_error(two_keys), more_than_one);
    assert_eq!(
        key_error(format!("{RSA2048_PKCS8}{OPENSSL_GUIDE_CERT}")),
        more_than_one
    );
    let request = "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n";
    assert_eq!(
        key_error(request),
        Error::WrongPemLabel {
            input: InputKind::PrivateKey,
            label: "CERTIFICATE REQUEST".to_owned()
        }
    );
    assert_eq!(
        key_error(JUMPCLOUD_METADATA),
        Error::XmlGiven(InputKind::PrivateKey)
    );
    assert_eq!(
        key_error("hello, world"),
        Error::NotPemText(InputKind::PrivateKey)
    );
    assert_eq!(key_error(""), Error::Empty(InputKind::PrivateKey));
    assert_eq!(key_error(" \n\t"), Error::Empty(InputKind::PrivateKey));
    assert_eq!(
        key_error([0xff, 0x00, 0x13, 0x37]),
        Error::Binary(InputKind::PrivateKey)
    );
    assert_eq!(
        key_error([0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a]),
        Error::Binary(InputKind::PrivateKey)
    );
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(RSA2048_PKCS8.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_eq!(key_error(utf16), Error::Utf16);
}

#[test]
fn truncated_der_fails_at_once() {
    assert!(is_malformed(&key_error(TRUNCATED_KEY)));
    assert!(is_malformed(&key_error([0x30, 0x84])));
    let der = der_of(RSA2048_PKCS8);
    assert!(is_malformed(&key_error(&der[..der.len() / 2])));
    let pkcs1 = der_of(RSA2048_PKCS1);
    assert!(is_malformed(&key_error(&pkcs1[..pkcs1.len() - 1])));
}

/// A DER TLV with a definite length in the shortest form.
fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len
            .to_be_bytes()
            .into_iter()
            .skip_while(|&b| b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(content);
    out
}

/// A PKCS#1 RSAPrivateKey whose numbers are `modulus_bytes` long: well-formed DER, nonsense
/// key.
fn pkcs1_with_modulus_bytes(modulus_bytes: usize) -> Vec<u8> {
    let modulus = tlv(0x02, &vec![0x7f; modulus_bytes]);
    let small = tlv(0x02, &[0x03]);
    let mut body = tlv(0x02, &[0x00]);
    body.extend(modulus);
    body.extend(tlv(0x02, &[0x01, 0x00, 0x01]));
    for _ in 0..6 {
        body.extend(small.iter().copied());
    }
    tlv(0x30, &body)
}

#[test]
fn a_megabit_modulus_is_refused_by_its_size_before_any_arithmetic() {
    let der = pkcs1_with_modulus_bytes(900_000);
    assert!(der.len() <= MAX_INPUT_BYTES);
    let bits = 900_000 * 8 - 1;
    let too_big = Error::Pki(pki::Error::UnsupportedKeySize(bits));
    assert_eq!(key_error(&der), too_big);
    // The same key wrapped in PKCS#8.
    let mut info = tlv(0x02, &[0x00]);
    info.extend(tlv(
        0x30,
        &[
            0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
        ],
    ));
    info.extend(tlv(0x04, &pkcs1_with_modulus_bytes(700_000)));
    assert_eq!(
        key_error(tlv(0x30, &info)),
        Error::Pki(pki::Error::UnsupportedKeySize(700_000 * 8 - 1))
    );
}

#[test]
fn inputs_over_one_mebibyte_are_refused_before_parsing() {
    let too_big = Error::TooLarge {
        bytes: MAX_INPUT_BYTES + 1,
    };
    assert_eq!(check_size(MAX_INPUT_BYTES), Ok(()));
    assert_eq!(check_size(MAX_INPUT_BYTES + 1), Err(too_big.clone()));
    assert!(
        too_big
            .to_string()
            .starts_with("This file is larger than 1 MiB")
    );
    // Padded with trailing newlines a valid key would otherwise still be read.
    let mut padded = RSA2048_PKCS8.as_bytes().to_vec();
    padded.resize(MAX_INPUT_BYTES + 1, b'\n');
    assert_eq!(key_error(&padded), too_big);
    let mut certificate_padded = OPENSSL_GUIDE_CERT.as_bytes().to_vec();
    certificate_padded.resize(MAX_INPUT_BYTES + 1, b'\n');
    assert_eq!(certificate_error(&certificate_padded), too_big);
    let mut metadata_padded = JUMPCLOUD_METADATA.as_bytes().to_vec();
    metadata_padded.resize(MAX_INPUT_BYTES + 1, b'\n');
    assert_eq!(metadata_error(&metadata_padded), too_big);
}

// ---------------------------------------------------------------------------------------------
// Certificates and inspection
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// JumpCloud metadata
// ---------------------------------------------------------------------------------------------

fn acme_form() -> FormInput {
    FormInput {
        team_name: "acme".to_owned(),
        ..FormInput::default()
    }
}

fn guide_base64() -> String {
    body_of(OPENSSL_GUIDE_CERT).replace('\n', "")
}

/// The fixture with a second signing certificate (the one the New-key flow makes) after the first.
fn metadata_with_two_certificates() -> String {
    let second = format!(
        r#"    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
        <ds:X509Data>
          <ds:X509Certificate>{}</ds:X509Certificate>
        </ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>
    <md:NameIDFormat>"#,
        fixed_certificate().base64()
    );
    JUMPCLOUD_METADATA.replacen("    <md:NameIDFormat>", &second, 1)
}

fn read(xml: &str) -> IdpMetadata {
    match jumpcloud_metadata(xml.as_bytes()) {
        Ok(metadata) => metadata,
        Err(error) => panic!("metadata must be read: {error}"),
    }
}

#[test]
fn jumpclouds_export_gives_entity_id_sso_urls_and_certificate() {
    let metadata = read(JUMPCLOUD_METADATA);
    assert_eq!(metadata.entity_id, "https://acme.cloudflareaccess.com/");
    assert_eq!(
        metadata.sso_urls,
        vec![
            (metadata::BINDING_REDIRECT.to_owned(), SSO_URL.to_owned()),
            (metadata::BINDING_POST.to_owned(), SSO_URL.to_owned()),
        ]
    );
    assert_eq!(metadata.sso_target_url(), Some(SSO_URL));
    assert_eq!(metadata.certificates.len(), 1);
    assert_eq!(metadata.certificates[0].base64(), guide_base64());
    assert!(!metadata.want_authn_requests_signed);
    assert_eq!(
        metadata.first_to_expire().map(Certificate::serial_hex),
        Some("103f841f04b90518a612f3bdab8081e464fab3e1".to_owned())
    );
}

#[test]
fn jumpclouds_export_yields_the_expected_cloudflare_api_body() -> Result<(), serde_json::Error> {
    let metadata = read(JUMPCLOUD_METADATA);
    let setup = match setup_from_metadata(&metadata, &acme_form()) {
        Ok(setup) => setup,
        Err(problems) => panic!("setup must validate: {problems:?}"),
    };
    let body = cloudflare::api_body(&setup, &metadata.certificate_refs());
    let expected = serde_json::json!({
        "config": {
            "issuer_url": "https://acme.cloudflareaccess.com/",
            "sso_target_url": SSO_URL,
            "attributes": ["email", "name", "username"],
            "email_attribute_name": "",
            "sign_request": false,
            "idp_public_certs": [guide_base64()],
        },
        "type": "saml",
        "name": "JumpCloud",
    });
    assert_eq!(serde_json::from_str::<serde_json::Value>(&body)?, expected);
    // Byte for byte, in the key order of Cloudflare's guide, as the New-key flow writes it.
    let expected_text = format!(
        r#"{{
  "config": {{
    "issuer_url": "https://acme.cloudflareaccess.com/",
    "sso_target_url": "{SSO_URL}",
    "attributes": [
      "email",
      "name",
      "username"
    ],
    "email_attribute_name": "",
    "sign_request": false,
    "idp_public_certs": [
      "{}"
    ]
  }},
  "type": "saml",
  "name": "JumpCloud"
}}
"#,
        guide_base64()
    );
    assert_eq!(body, expected_text);
    Ok(())
}

#[test]
fn two_signing_certificates_both_go_into_idp_public_certs() -> Result<(), serde_json::Error> {
    let metadata = read(&metadata_with_two_certificates());
    assert_eq!(metadata.certificates.len(), 2);
    let setup = match setup_from_metadata(&metadata, &acme_form()) {
        Ok(setup) => setup,
        Err(problems) => panic!("setup must validate: {problems:?}"),
    };
    let certificates = metadata.certificate_refs();
    let body: serde_json::Value =
        serde_json::from_str(&cloudflare::api_body(&setup, &certificates))?;
    assert_eq!(
        body["config"]["idp_public_certs"],
        serde_json::json!([guide_base64(), fixed_certificate().base64()])
    );
    let terraform = cloudflare::terraform(&setup, &certificates);
    assert!(terraform.contains(&guide_base64()));
    assert!(terraform.contains(&fixed_certificate().base64()));

    // The body has no single-certificate field: the API schema declares only the list.
    assert!(body["config"].get("idp_public_cert").is_none());
    Ok(())
}

#[test]
fn the_setup_takes_cloudflare_choices_from_the_form_and_ignores_the_certificate_fields() {
    let metadata = read(JUMPCLOUD_METADATA);
    let form = FormInput {
        identity_provider_name: "JumpCloud SAML".to_owned(),
        saml_attributes: "email groups".to_owned(),
        sign_request: true,
        force_authn: true,
        // A half-typed New-key form must not block this mode.
        common_name: String::new(),
        validity_days: "abc".to_owned(),
        sso_url: "http://ignored.example".to_owned(),
        idp_entity_id: "ignored".to_owned(),
        idp_entity_id_edited: true,
        ..acme_form()
    };
    let setup = match setup_from_metadata(&metadata, &form) {
        Ok(setup) => setup,
        Err(problems) => panic!("setup must validate: {problems:?}"),
    };
    assert_eq!(setup.team.as_str(), "acme");
    assert_eq!(setup.sso_url, SSO_URL);
    assert_eq!(setup.idp_entity_id, "https://acme.cloudflareaccess.com/");
    assert_eq!(setup.identity_provider_name, "JumpCloud SAML");
    assert_eq!(setup.attributes, vec!["email", "groups"]);
    assert!(setup.sign_request);
    assert!(setup.force_authn);

    let no_team = FormInput::default();
    let problems = match setup_from_metadata(&metadata, &no_team) {
        Ok(setup) => panic!("a team name is required, got {setup:?}"),
        Err(problems) => problems,
    };
    let fields: Vec<Field> = problems.0.iter().map(|(field, _)| *field).collect();
    assert_eq!(fields, vec![Field::TeamName]);
    assert_eq!(
        problems.to_string(),
        "Team name: Enter your team name.",
        "the metadata mode shows every problem with its field's label"
    );
}

#[test]
fn other_shapes_of_valid_metadata_are_read() {
    // Default namespace instead of prefixes, inside an EntitiesDescriptor, POST binding only,
    // a KeyDescriptor without `use`, an encryption key (skipped) and the signing certificate
    // repeated (dropped).
    let body = guide_base64();
    let encryption = fixed_certificate().base64();
    let xml = format!(
        r#"<EntitiesDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata">
  <EntityDescriptor entityID="JumpCloud">
    <IDPSSODescriptor WantAuthnRequestsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol urn:oasis:names:tc:SAML:1.1:protocol">
      <KeyDescriptor use="encryption"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>{encryption}</X509Certificate></X509Data></KeyInfo></KeyDescriptor>
      <KeyDescriptor><dsig:KeyInfo xmlns:dsig="http://www.w3.org/2000/09/xmldsig#"><dsig:X509Data><dsig:X509Certificate>{body}</dsig:X509Certificate></dsig:X509Data></dsig:KeyInfo></KeyDescriptor>
      <KeyDescriptor use="signing"><dsig:KeyInfo xmlns:dsig="http://www.w3.org/2000/09/xmldsig#"><dsig:X509Data><dsig:X509Certificate>{body}</dsig:X509Certificate></dsig:X509Data></dsig:KeyInfo></KeyDescriptor>
      <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:SOAP" Location="https://soap.example/"/>
      <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sso.jumpcloud.com/saml2/post-only"/>
    </IDPSSODescriptor>
  </EntityDescriptor>
</EntitiesDescriptor>"#
    );
    let metadata = read(&xml);
    assert_eq!(metadata.entity_id, "JumpCloud");
    assert_eq!(
        metadata.sso_target_url(),
        Some("https://sso.jumpcloud.com/saml2/post-only")
    );
    assert_eq!(metadata.sso_urls.len(), 2);
    assert_eq!(metadata.certificates.len(), 1);
    assert_eq!(metadata.certificates[0].base64(), body);
    assert!(metadata.want_authn_requests_signed);
}

/// The fixture with `from` replaced by `to` (which must occur).
fn fixture_with(from: &str, to: &str) -> String {
    assert!(JUMPCLOUD_METADATA.contains(from), "fixture lacks {from}");
    JUMPCLOUD_METADATA.replace(from, to)
}

#[test]
fn metadata_that_cannot_configure_cloudflare_is_refused_with_its_reason() {
    let team = saml_idp_kit::setup::normalise_team_name("acme").ok();
    let sp = match team {
        Some(team) => metadata::sp_metadata_xml(&team),
        None => panic!("acme is a valid team"),
    };
    assert_eq!(metadata_error(sp), Error::SpMetadata);
    assert_eq!(metadata_error("<html><body/></html>"), Error::NotMetadata);
    assert_eq!(
        metadata_error(fixture_with(
            "urn:oasis:names:tc:SAML:2.0:metadata",
            "urn:example:not-metadata"
        )),
        Error::NotMetadata
    );
    assert_eq!(
        metadata_error(fixture_with(
            "IDPSSODescriptor",
            "AttributeAuthorityDescriptor"
        )),
        Error::NoIdentityProvider
    );
    let two = format!(
        r#"<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">{}{}</md:EntitiesDescriptor>"#,
        JUMPCLOUD_METADATA.replacen("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "", 1),
        JUMPCLOUD_METADATA.replacen("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "", 1)
    );
    assert_eq!(metadata_error(two), Error::SeveralIdentityProviders(2));
    assert_eq!(
        metadata_error(fixture_with(
            "protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\"",
            "protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:1.1:protocol\""
        )),
        Error::NotSaml2
    );
    assert_eq!(
        metadata_error(fixture_with(
            " entityID=\"https://acme.cloudflareaccess.com/\"",
            ""
        )),
        Error::NoEntityId
    );
    assert!(matches!(
        metadata_error(fixture_with(
            "entityID=\"https://acme.cloudflareaccess.com/\"",
            "entityID=\"Jump Cloud\""
        )),
        Error::EntityIdInvalid(_)
    ));
    assert_eq!(
        metadata_error(fixture_with("SingleSignOnService", "SingleLogoutService")),
        Error::NoSsoUrl
    );
    assert_eq!(
        metadata_error(fixture_with("bindings:HTTP-", "bindings:SOAP-")),
        Error::NoSsoUrl
    );
    assert_eq!(
        metadata_error(fixture_with("https://sso.", "http://sso.")),
        Error::SsoUrlNotHttps("http://sso.jumpcloud.com/saml2/cloudflare-access".to_owned())
    );
    assert!(matches!(
        metadata_error(fixture_with("https://sso.", "https://user@sso.")),
        Error::SsoUrlInvalid { .. }
    ));
    assert_eq!(
        metadata_error(fixture_with("use=\"signing\"", "use=\"encryption\"")),
        Error::NoSigningCertificate
    );
    assert_eq!(
        metadata_error(fixture_with("X509Certificate>", "X509SubjectName>")),
        Error::NoSigningCertificate
    );
    assert!(matches!(
        metadata_error(fixture_with("MIIDGzCCAgOg", "MIIDGzCCAgOg!")),
        Error::MetadataCertificate { position: 1, .. }
    ));
    assert!(matches!(
        metadata_error(fixture_with("MIIDGzCCAgOg", "MIQ=")),
        Error::MetadataCertificate { position: 1, .. }
    ));
}

#[test]
fn non_xml_given_as_metadata_is_refused() {
    assert_eq!(metadata_error(OPENSSL_GUIDE_CERT), Error::PemNotMetadata);
    assert_eq!(metadata_error(RSA2048_PKCS8), Error::PemNotMetadata);
    assert!(matches!(metadata_error("hello"), Error::NotXml(_)));
    assert!(matches!(metadata_error("<a><b></a>"), Error::NotXml(_)));
    assert!(matches!(
        metadata_error("<a>&undefined;</a>"),
        Error::NotXml(_)
    ));
    assert_eq!(metadata_error(""), Error::Empty(InputKind::Metadata));
    assert_eq!(
        metadata_error([0x3c, 0xff, 0x3e]),
        Error::Binary(InputKind::Metadata)
    );
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(JUMPCLOUD_METADATA.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_eq!(metadata_error(utf16), Error::Utf16);
}

// ---------------------------------------------------------------------------------------------
// Hostile input: each returns an error (and promptly; the fuzz targets watch for hangs).
// ---------------------------------------------------------------------------------------------

#[test]
fn billion_laughs_and_any_doctype_are_refused_before_parsing() {
    let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<lolz>&lol9;</lolz>"#;
    assert_eq!(metadata_error(laughs), Error::XmlDtd);
    let external = r#"<?xml version="1.0"?>
<!DOCTYPE md:EntityDescriptor [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="&xxe;"/>"#;
    assert_eq!(metadata_error(external), Error::XmlDtd);
    let external_dtd = fixture_with(
        "<md:EntityDescriptor ",
        "<!DOCTYPE md:EntityDescriptor SYSTEM \"https://evil.example/x.dtd\">\n<md:EntityDescriptor ",
    );
    assert_eq!(metadata_error(external_dtd), Error::XmlDtd);
    // A bare declaration without DOCTYPE is refused too.
    assert_eq!(metadata_error("<!ENTITY x \"y\"><a/>"), Error::XmlDtd);
    let xinclude = fixture_with(
        "<md:NameIDFormat>",
        "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file:///etc/passwd\" parse=\"text\"/>\n    <md:NameIDFormat>",
    );
    assert_eq!(metadata_error(xinclude), Error::XmlExternalReference);
    // Comments and CDATA are fine.
    let commented = fixture_with(
        "<md:NameIDFormat>",
        "<!-- a comment --><![CDATA[ data ]]>\n    <md:NameIDFormat>",
    );
    assert_eq!(read(&commented), read(JUMPCLOUD_METADATA));
}

#[test]
fn deeply_nested_elements_are_refused_or_read_without_recursion() {
    let depth = 140_000;
    let deep = format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth));
    assert!(deep.len() <= MAX_INPUT_BYTES);
    assert!(matches!(metadata_error(&deep), Error::NotXml(_)));
    // Under the node limit, deep nesting inside valid metadata is walked iteratively.
    let nested = 15_000;
    let extensions = format!(
        "<md:Extensions>{}{}</md:Extensions>\n    <md:KeyDescriptor use=\"signing\">",
        "<x:n xmlns:x=\"urn:example\">".to_owned() + &"<x:n>".repeat(nested - 1),
        "</x:n>".repeat(nested)
    );
    let xml = JUMPCLOUD_METADATA.replacen("<md:KeyDescriptor use=\"signing\">", &extensions, 1);
    assert_eq!(read(&xml).certificates.len(), 1);
    // Unclosed nesting.
    assert!(matches!(
        metadata_error("<a>".repeat(300_000)),
        Error::NotXml(_)
    ));
}

#[test]
fn random_bytes_are_refused_by_every_input() {
    for (index, len) in [1, 2, 16, 1000, 65_536, MAX_INPUT_BYTES]
        .into_iter()
        .enumerate()
    {
        let bytes = pseudo_random_bytes(&format!("garbage {index}"), len);
        assert!(private_key(&bytes).is_err(), "{len} random bytes as key");
        assert!(
            certificate(&bytes).is_err(),
            "{len} random bytes as certificate"
        );
        assert!(
            jumpcloud_metadata(&bytes).is_err(),
            "{len} random bytes as metadata"
        );
        let mut der_like = bytes.clone();
        der_like[0] = 0x30;
        assert!(private_key(&der_like).is_err());
        assert!(certificate(&der_like).is_err());
    }
    let base64_garbage = "QUJD".repeat(1000);
    assert!(private_key(base64_garbage.as_bytes()).is_err());
    assert!(certificate(base64_garbage.as_bytes()).is_err());
}

#[test]
fn a_huge_pem_body_of_valid_base64_fails_cleanly() {
    let line = "A".repeat(64);
    let body: String = (0..15_000).map(|_| format!("{line}\n")).collect();
    let pem = format!("-----BEGIN PRIVATE KEY-----\n{body}-----END PRIVATE KEY-----\n");
    assert!(pem.len() <= MAX_INPUT_BYTES);
    assert!(is_malformed(&key_error(&pem)));
    let certificate_pem = pem.replace("PRIVATE KEY", "CERTIFICATE");
    assert!(is_malformed(&certificate_error(&certificate_pem)));
}

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

#[test]
fn every_refusal_has_its_own_message() {
    let errors = vec![
        key_error(RSA2048_ENCRYPTED),
        key_error(EC_P256),
        key_error(RSA1024_PKCS8),
        key_error(RSA2048_E3),
        key_error(OPENSSL_GUIDE_CERT),
        key_error(format!("{RSA2048_PKCS8}{RSA2048_PKCS8}")),
        key_error("-----BEGIN X-----\nAAAA\n-----END X-----\n"),
        key_error(TRUNCATED_KEY),
        key_error("garbage"),
        key_error([0x89, 0x00]),
        key_error(""),
        key_error(JUMPCLOUD_METADATA),
        key_error(RSA2048_PUBLIC),
        key_error(OPENSSH_RSA2048),
        key_error([0xff, 0xfe, 0x00]),
        key_error(vec![b'\n'; MAX_INPUT_BYTES + 1]),
        certificate_error(RSA2048_PKCS8),
        certificate_error(RSA2048_PUBLIC),
        certificate_error("garbage"),
        certificate_error(""),
        certificate_error(JUMPCLOUD_METADATA),
        certificate_error([0x89, 0x00]),
        metadata_error(OPENSSL_GUIDE_CERT),
        metadata_error("<a"),
        metadata_error("<!DOCTYPE a><a/>"),
        metadata_error(fixture_with(
            "<md:NameIDFormat>",
            "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"x\"/><md:NameIDFormat>",
        )),
        metadata_error("<a/>"),
        metadata_error(fixture_with("IDPSSODescriptor", "SPSSODescriptor")),
        metadata_error(fixture_with("IDPSSODescriptor", "PDPDescriptor")),
        metadata_error(format!(
            r#"<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">{0}{0}</md:EntitiesDescriptor>"#,
            JUMPCLOUD_METADATA.replacen("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "", 1)
        )),
        metadata_error(fixture_with("SAML:2.0:protocol", "SAML:1.1:protocol")),
        metadata_error(fixture_with(
            " entityID=\"https://acme.cloudflareaccess.com/\"",
            "",
        )),
        metadata_error(fixture_with(
            "entityID=\"https://acme.cloudflareaccess.com/\"",
            "entityID=\"a b\"",
        )),
        metadata_error(fixture_with("SingleSignOnService", "SingleLogoutService")),
        metadata_error(fixture_with("https://sso.", "http://sso.")),
        metadata_error(fixture_with("https://sso.", "https://u@sso.")),
        metadata_error(fixture_with("use=\"signing\"", "use=\"encryption\"")),
        metadata_error(fixture_with("MIIDGzCCAgOg", "!")),
        metadata_error([0x3c, 0xff]),
        metadata_error(""),
    ];
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let distinct: BTreeSet<&String> = messages.iter().collect();
    assert_eq!(
        distinct.len(),
        messages.len(),
        "two refusals share a message: {messages:#?}"
    );
    for message in &messages {
        assert!(!message.contains("Error"), "internal wording in {message}");
    }
    // Every input's label, as the page shows it.
    let labels: Vec<&str> = InputKind::ALL.iter().map(|input| input.label()).collect();
    assert_eq!(
        labels,
        [
            "Private key file",
            "Certificate file",
            "JumpCloud metadata file",
            "Certificate to check against"
        ]
    );
    let _ = import::MAX_INPUT_BYTES;
}
