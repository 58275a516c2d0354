//! RSA private keys: generation, parsing (WebCrypto's PKCS#8 export and user-supplied PEM),
//! validation and PEM encoding.

use super::{Error, Result};
use der::Decode;
use der::asn1::ObjectIdentifier;
use der::pem::LineEnding;
use rand_core::TryCryptoRng;
use rsa::pkcs1::{DecodeRsaPrivateKey, EncodeRsaPrivateKey};
use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey};
use rsa::traits::PublicKeyParts;
use zeroize::Zeroizing;

/// The RSA key sizes offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
pub enum KeySize {
    /// 2048 bits: what the guide's `openssl genrsa 2048` makes.
    #[default]
    Rsa2048,
    /// 3072 bits.
    Rsa3072,
    /// 4096 bits.
    Rsa4096,
}

impl KeySize {
    /// Every size, in the order offered.
    pub const ALL: [KeySize; 3] = [KeySize::Rsa2048, KeySize::Rsa3072, KeySize::Rsa4096];

    /// The modulus length in bits.
    pub fn bits(self) -> usize {
        match self {
            KeySize::Rsa2048 => 2048,
            KeySize::Rsa3072 => 3072,
            KeySize::Rsa4096 => 4096,
        }
    }

    /// The size with this many bits, if offered.
    pub fn from_bits(bits: usize) -> Option<KeySize> {
        KeySize::ALL.into_iter().find(|size| size.bits() == bits)
    }
}

/// How the private key file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
pub enum KeyFormat {
    /// `BEGIN PRIVATE KEY`: what OpenSSL 3 writes.
    #[default]
    Pkcs8,
    /// `BEGIN RSA PRIVATE KEY`: what OpenSSL 1.1 wrote, which some SAML tools demand.
    Pkcs1,
}

impl KeyFormat {
    /// Both formats, in the order offered.
    pub const ALL: [KeyFormat; 2] = [KeyFormat::Pkcs8, KeyFormat::Pkcs1];

    /// The name shown in the form.
    pub fn label(self) -> &'static str {
        match self {
            KeyFormat::Pkcs8 => "PKCS#8",
            KeyFormat::Pkcs1 => "PKCS#1",
        }
    }
}

const PUBLIC_EXPONENT: u64 = 65537;
/// rsaEncryption (PKCS #1).
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");

/// A validated RSA private key (2048, 3072 or 4096 bits, exponent 65537).
///
/// The key material is zeroized when dropped; PEM text handed out is wrapped in [`Zeroizing`].
#[derive(Clone, PartialEq, Eq)]
pub struct KeyPair {
    key: rsa::PrivateKey,
    size: KeySize,
}

impl core::fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        // Never print key material, not even in debug output.
        write!(f, "KeyPair(RSA {} bits)", self.size.bits())
    }
}

impl KeyPair {
    /// Generates a new key with the `rsa` crate. Used natively and as the browser's fallback
    /// when WebCrypto is missing; it blocks the calling thread for tens to hundreds of ms.
    pub fn generate<R: TryCryptoRng + ?Sized>(rng: &mut R, size: KeySize) -> Result<KeyPair> {
        let key = rsa::PrivateKey::new(rng, size.bits()).map_err(|error| match error {
            rsa::Error::Rng => Error::Randomness,
            other => Error::Encoding(other.to_string()),
        })?;
        KeyPair::validated(key)
    }

    /// Reads a PKCS#8 DER private key, as WebCrypto's `exportKey("pkcs8")` gives it.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<KeyPair> {
        let info = rsa::pkcs8::PrivateKeyInfoRef::from_der(der)
            .map_err(|e| Error::Malformed(e.to_string()))?;
        if info.algorithm.oid != RSA_ENCRYPTION {
            return Err(Error::NotRsa);
        }
        check_modulus_size(info.private_key.as_bytes())?;
        let key = rsa::PrivateKey::try_from(info).map_err(|_| Error::InconsistentKey)?;
        KeyPair::validated(key)
    }

    /// Reads a PKCS#1 DER private key.
    pub fn from_pkcs1_der(der: &[u8]) -> Result<KeyPair> {
        check_modulus_size(der)?;
        let key =
            rsa::PrivateKey::from_pkcs1_der(der).map_err(|e| Error::Malformed(e.to_string()))?;
        KeyPair::validated(key)
    }

    /// Reads a PEM private key in either format (`PRIVATE KEY` or `RSA PRIVATE KEY`), refusing
    /// encrypted keys, certificates, other algorithms and files with several blocks.
    pub fn from_pem(text: &str) -> Result<KeyPair> {
        let (label, der) = single_pem_block(text)?;
        match label.as_str() {
            "PRIVATE KEY" => KeyPair::from_pkcs8_der(&der),
            "RSA PRIVATE KEY" => KeyPair::from_pkcs1_der(&der),
            "ENCRYPTED PRIVATE KEY" => Err(Error::EncryptedKey),
            "CERTIFICATE" | "TRUSTED CERTIFICATE" | "X509 CERTIFICATE" => {
                Err(Error::CertificateNotKey)
            }
            "EC PRIVATE KEY" | "DSA PRIVATE KEY" | "OPENSSH PRIVATE KEY" => Err(Error::NotRsa),
            _ => Err(Error::WrongPemLabel(label)),
        }
    }

    fn validated(key: rsa::PrivateKey) -> Result<KeyPair> {
        let bits = key.n().bit_width_vartime() as usize;
        let size = KeySize::from_bits(bits).ok_or(Error::UnsupportedKeySize(bits))?;
        if key.e() != &rsa::BoxedUint::from(PUBLIC_EXPONENT) {
            return Err(Error::UnsupportedExponent);
        }
        key.validate().map_err(|_| Error::InconsistentKey)?;
        Ok(KeyPair { key, size })
    }

    /// The key size.
    pub fn size(&self) -> KeySize {
        self.size
    }

    /// The private key as PEM in the chosen format.
    pub fn to_pem(&self, format: KeyFormat) -> Result<Zeroizing<String>> {
        match format {
            KeyFormat::Pkcs8 => self
                .key
                .to_pkcs8_pem(LineEnding::LF)
                .map_err(|e| Error::Encoding(e.to_string())),
            KeyFormat::Pkcs1 => self
                .key
                .to_pkcs1_pem(LineEnding::LF)
                .map_err(|e| Error::Encoding(e.to_string())),
        }
    }

    /// The private key as PKCS#8 DER (what WebCrypto's `exportKey("pkcs8")` gives), in a buffer
    /// wiped when dropped: how the key worker hands its key to the page.
    pub fn to_pkcs8_der(&self) -> Result<Zeroizing<Vec<u8>>> {
        self.key
            .to_pkcs8_der()
            .map(|doc| doc.to_bytes())
            .map_err(|e| Error::Encoding(e.to_string()))
    }

    /// The SubjectPublicKeyInfo (DER) of the public half.
    pub fn public_key_der(&self) -> Result<Vec<u8>> {
        self.key
            .to_public_key()
            .to_public_key_der()
            .map(|doc| doc.into_vec())
            .map_err(|e| Error::Encoding(e.to_string()))
    }

    /// The modulus, big-endian, without leading zeros (for matching a key to a certificate).
    pub fn modulus(&self) -> Vec<u8> {
        self.key.n_bytes().into_vec()
    }

    pub(crate) fn signing_key(&self) -> rsa::pkcs1v15::SigningKey<sha2::Sha256> {
        rsa::pkcs1v15::SigningKey::new(self.key.clone())
    }
}

/// Refuses a PKCS#1 `RSAPrivateKey` whose modulus is not 2048, 3072 or 4096 bits before the
/// `rsa` crate does any arithmetic with it: it sets up Montgomery parameters for the modulus
/// before checking its size, which takes seconds for a hostile megabit modulus.
fn check_modulus_size(pkcs1_der: &[u8]) -> Result<()> {
    let parsed = rsa::pkcs1::RsaPrivateKeyRef::from_der(pkcs1_der)
        .map_err(|e| Error::Malformed(e.to_string()))?;
    let modulus = parsed.modulus.as_bytes();
    let bits = match modulus.iter().position(|&byte| byte != 0) {
        Some(first) => (modulus.len() - first) * 8 - modulus[first].leading_zeros() as usize,
        None => 0,
    };
    match KeySize::from_bits(bits) {
        Some(_) => Ok(()),
        None => Err(Error::UnsupportedKeySize(bits)),
    }
}

/// Splits PEM text into its one block's label and DER bytes, refusing text that holds no block
/// or more than one.
pub(crate) fn single_pem_block(text: &str) -> Result<(String, Vec<u8>)> {
    let begins = text.matches("-----BEGIN ").count();
    if begins == 0 {
        return Err(Error::NotPem);
    }
    if begins > 1 {
        return Err(Error::MoreThanOneBlock);
    }
    let start = text.find("-----BEGIN ").ok_or(Error::NotPem)?;
    let block = text[start..].trim_end();
    let label = der::pem::decode_label(block.as_bytes())
        .map_err(|_| Error::NotPem)?
        .to_owned();
    let (_, der) =
        der::pem::decode_vec(block.as_bytes()).map_err(|e| Error::Malformed(e.to_string()))?;
    Ok((label, der))
}
