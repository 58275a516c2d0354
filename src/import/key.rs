//! Reading an existing private key (Renew certificate): PEM, DER or a pasted base64 body.

use super::{Error, InputKind, Pem, Result, pem_or_body, read, shorten};
use crate::pki::{self, KeyFormat, KeyPair};
use der::asn1::{ObjectIdentifier, OctetStringRef};
use der::{Decode, Reader};

/// Reads an existing private key for Renew certificate.
///
/// Accepts PEM (PKCS#8 `PRIVATE KEY` or PKCS#1 `RSA PRIVATE KEY`), raw DER (PKCS#8 tried
/// first, then PKCS#1) and a pasted base64 body. Refuses, each with its own message: inputs over
/// 1 MiB, empty files, encrypted keys (PKCS#8 and OpenSSL's legacy `Proc-Type: 4,ENCRYPTED`),
/// EC, Ed25519, DSA and OpenSSH keys, RSA keys other than 2048/3072/4096 bits or with an
/// exponent other than 65537, certificates and public keys, several PEM blocks, other PEM
/// labels, XML, damaged DER and binary garbage.
///
/// Returns the key with the format it came in: the one whose decoder read it (the PEM label,
/// or for DER and bare base64 the decoder that succeeded), so it can be offered back unchanged.
pub fn private_key(text_or_bytes: &[u8]) -> Result<(KeyPair, KeyFormat)> {
    read(
        text_or_bytes,
        InputKind::PrivateKey,
        key_from_der,
        key_from_text,
    )
}

fn key_from_text(text: &str) -> Result<(KeyPair, KeyFormat)> {
    let input = InputKind::PrivateKey;
    let label = match pem_or_body(text, input)? {
        Pem::Label(label) => label,
        Pem::Body(der) => return key_from_der(&der),
    };
    // OpenSSL 1.x `-des3` / `-aes256` on a traditional key: headers inside the block.
    if text.contains("Proc-Type: 4,ENCRYPTED") {
        return Err(pki::Error::EncryptedKey.into());
    }
    let format = match label.as_str() {
        "PRIVATE KEY" => KeyFormat::Pkcs8,
        "RSA PRIVATE KEY" => KeyFormat::Pkcs1,
        "ENCRYPTED PRIVATE KEY" => return Err(pki::Error::EncryptedKey.into()),
        "CERTIFICATE" | "TRUSTED CERTIFICATE" | "X509 CERTIFICATE" => {
            return Err(pki::Error::CertificateNotKey.into());
        }
        "EC PRIVATE KEY" | "DSA PRIVATE KEY" => return Err(pki::Error::NotRsa.into()),
        "OPENSSH PRIVATE KEY" => return Err(Error::OpenSshKey),
        "PUBLIC KEY" | "RSA PUBLIC KEY" => return Err(Error::PublicKeyNotPrivate),
        _ => {
            return Err(Error::WrongPemLabel {
                input,
                label: shorten(&label),
            });
        }
    };
    // The label picks the decoder inside `from_pem`, so it names the format that was read.
    Ok((KeyPair::from_pem(text)?, format))
}

/// A DER key: PKCS#8 first (what WebCrypto and OpenSSL 3 write), then PKCS#1; failing both,
/// says what the DER is instead when it is recognisable.
fn key_from_der(der: &[u8]) -> Result<(KeyPair, KeyFormat)> {
    let pkcs8_error = match KeyPair::from_pkcs8_der(der) {
        Ok(key) => return Ok((key, KeyFormat::Pkcs8)),
        Err(error @ pki::Error::Malformed(_)) => error,
        Err(error) => return Err(error.into()),
    };
    if rsa::pkcs1::RsaPrivateKeyRef::from_der(der).is_ok() {
        return Ok((KeyPair::from_pkcs1_der(der)?, KeyFormat::Pkcs1));
    }
    if is_encrypted_pkcs8(der) {
        return Err(pki::Error::EncryptedKey.into());
    }
    if x509_cert::Certificate::from_der(der).is_ok() {
        return Err(pki::Error::CertificateNotKey.into());
    }
    if spki::SubjectPublicKeyInfoOwned::from_der(der).is_ok()
        || rsa::pkcs1::RsaPublicKey::<der::asn1::UintRef<'_>>::from_der(der).is_ok()
    {
        return Err(Error::PublicKeyNotPrivate);
    }
    Err(pkcs8_error.into())
}

/// Whether `der` is a PKCS#8 `EncryptedPrivateKeyInfo`: a SEQUENCE of an AlgorithmIdentifier
/// for a PKCS#5 or PKCS#12 password-based scheme and an OCTET STRING.
pub(super) fn is_encrypted_pkcs8(der: &[u8]) -> bool {
    /// pkcs-5 (PBES1, PBES2, PBKDF2 …)
    const PKCS5: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5");
    /// pkcs-12 pkcs-12PbeIds
    const PKCS12_PBE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.1");
    let Ok(mut reader) = der::SliceReader::new(der) else {
        return false;
    };
    let algorithm = reader.sequence(|body| {
        let algorithm = spki::AlgorithmIdentifierRef::decode(body)?;
        <&OctetStringRef>::decode(body)?;
        Ok::<_, der::Error>(algorithm.oid)
    });
    match algorithm {
        Ok(oid) => matches!(oid.parent(), Some(parent) if parent == PKCS5 || parent == PKCS12_PBE),
        Err(_) => false,
    }
}
