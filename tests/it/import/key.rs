//! Private keys: every accepted format and size, and every refusal with its own message.

use super::*;

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
