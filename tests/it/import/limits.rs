//! Size limits: inputs over 1 MiB and keys too large to load are refused before any work.

use super::*;

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
