//! RSA private keys: generation, parsing (WebCrypto's PKCS#8 export and user-supplied PEM),
//! validation and PEM encoding.

use super::encoding::pem;
use super::{Error, Result};
use der::Decode;
use der::asn1::ObjectIdentifier;
use rand_core::TryCryptoRng;
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey};
use rsa::traits::PublicKeyParts;
use std::cell::OnceCell;
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
/// 65537 as DER INTEGER content octets.
const PUBLIC_EXPONENT_BYTES: [u8; 3] = [0x01, 0x00, 0x01];
/// rsaEncryption (PKCS #1).
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");

/// A validated RSA private key (2048, 3072 or 4096 bits, exponent 65537).
///
/// The key is held as its PKCS#8 DER; the `rsa` crate's form (needed only to sign with the
/// built-in code) is made from it on first use. Keys from WebCrypto are checked at the DER level
/// when read (sizes, exponent, the same modulus as the public key) and parsed only if the
/// built-in code ever signs with them, so the page never pays for that parse before it shows the
/// certificate. The key material is zeroized when dropped; PEM text handed out is wrapped in
/// [`Zeroizing`].
#[derive(Clone)]
pub struct KeyPair {
    size: KeySize,
    /// SubjectPublicKeyInfo DER of the public half.
    public_der: Vec<u8>,
    /// The modulus, big-endian, without leading zeros.
    modulus: Vec<u8>,
    /// PrivateKeyInfo DER (PKCS#8).
    pkcs8: Zeroizing<Vec<u8>>,
    /// The `rsa` crate's key, made from `pkcs8` when first needed.
    parsed: OnceCell<rsa::PrivateKey>,
}

impl PartialEq for KeyPair {
    fn eq(&self, other: &KeyPair) -> bool {
        self.public_der == other.public_der && *self.pkcs8 == *other.pkcs8
    }
}

impl Eq for KeyPair {}

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

    /// Reads a PKCS#8 DER private key, fully validated (imported keys).
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

    /// A key made elsewhere and handed over as its two halves: WebCrypto's `exportKey("spki")`
    /// and `exportKey("pkcs8")`, or the key worker's answer. Checked at the DER level only (RSA, an offered size, exponent 65537, the same modulus and exponent
    /// in both); the arithmetic checks happen if the built-in code ever signs with it. A
    /// certificate signed with this key (by WebCrypto or the worker) proves the halves belong together
    /// ([`super::UnsignedCertificate::assemble`] verifies it).
    pub fn from_der_halves(spki_der: &[u8], pkcs8_der: Zeroizing<Vec<u8>>) -> Result<KeyPair> {
        let (modulus, exponent) = spki_numbers(spki_der)?;
        let size = size_of_modulus(&modulus)?;
        if exponent != PUBLIC_EXPONENT_BYTES {
            return Err(Error::UnsupportedExponent);
        }
        let info = rsa::pkcs8::PrivateKeyInfoRef::from_der(&pkcs8_der)
            .map_err(|e| Error::Malformed(e.to_string()))?;
        if info.algorithm.oid != RSA_ENCRYPTION {
            return Err(Error::NotRsa);
        }
        let private = rsa::pkcs1::RsaPrivateKeyRef::from_der(info.private_key.as_bytes())
            .map_err(|e| Error::Malformed(e.to_string()))?;
        if private.modulus.as_bytes() != modulus.as_slice()
            || private.public_exponent.as_bytes() != exponent.as_slice()
        {
            return Err(Error::InconsistentKey);
        }
        Ok(KeyPair {
            size,
            public_der: spki_der.to_vec(),
            modulus,
            pkcs8: pkcs8_der,
            parsed: OnceCell::new(),
        })
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

    fn checked(key: &rsa::PrivateKey) -> Result<KeySize> {
        let bits = key.n().bit_width_vartime() as usize;
        let size = KeySize::from_bits(bits).ok_or(Error::UnsupportedKeySize(bits))?;
        if key.e() != &rsa::BoxedUint::from(PUBLIC_EXPONENT) {
            return Err(Error::UnsupportedExponent);
        }
        key.validate().map_err(|_| Error::InconsistentKey)?;
        Ok(size)
    }

    fn validated(key: rsa::PrivateKey) -> Result<KeyPair> {
        let size = KeyPair::checked(&key)?;
        let encoding = |e: &dyn core::fmt::Display| Error::Encoding(e.to_string());
        let public_der = key
            .to_public_key()
            .to_public_key_der()
            .map_err(|e| encoding(&e))?
            .into_vec();
        let pkcs8 = Zeroizing::new(
            key.to_pkcs8_der()
                .map_err(|e| encoding(&e))?
                .as_bytes()
                .to_vec(),
        );
        let modulus = key.n_bytes().into_vec();
        Ok(KeyPair {
            size,
            public_der,
            modulus,
            pkcs8,
            parsed: OnceCell::from(key),
        })
    }

    /// The key size.
    pub fn size(&self) -> KeySize {
        self.size
    }

    /// The private key as PEM in the chosen format (an encoding of the DER held: no arithmetic).
    pub fn to_pem(&self, format: KeyFormat) -> Result<Zeroizing<String>> {
        let text = match format {
            KeyFormat::Pkcs8 => pem("PRIVATE KEY", &self.pkcs8)?,
            KeyFormat::Pkcs1 => {
                let info = rsa::pkcs8::PrivateKeyInfoRef::from_der(&self.pkcs8)
                    .map_err(|e| Error::Encoding(e.to_string()))?;
                pem("RSA PRIVATE KEY", info.private_key.as_bytes())?
            }
        };
        Ok(Zeroizing::new(text))
    }

    /// The private key as PKCS#8 DER (what WebCrypto's `exportKey("pkcs8")` gives), in a buffer
    /// wiped when dropped: how the key worker hands its key to the page.
    pub fn to_pkcs8_der(&self) -> Result<Zeroizing<Vec<u8>>> {
        Ok(self.pkcs8.clone())
    }

    /// The SubjectPublicKeyInfo (DER) of the public half.
    pub fn public_key_der(&self) -> Result<Vec<u8>> {
        Ok(self.public_der.clone())
    }

    /// The modulus, big-endian, without leading zeros (for matching a key to a certificate).
    pub fn modulus(&self) -> Vec<u8> {
        self.modulus.clone()
    }

    /// Whether the `rsa` crate's form of the key has been made (tests show WebCrypto keys are
    /// not parsed until the built-in code signs with them).
    pub fn is_parsed(&self) -> bool {
        self.parsed.get().is_some()
    }

    /// The `rsa` crate's form of the key, parsed and validated on first use.
    fn private(&self) -> Result<&rsa::PrivateKey> {
        if let Some(key) = self.parsed.get() {
            return Ok(key);
        }
        let info = rsa::pkcs8::PrivateKeyInfoRef::from_der(&self.pkcs8)
            .map_err(|e| Error::Malformed(e.to_string()))?;
        let key = rsa::PrivateKey::try_from(info).map_err(|_| Error::InconsistentKey)?;
        if KeyPair::checked(&key)? != self.size || key.n_bytes().as_ref() != self.modulus.as_slice()
        {
            return Err(Error::InconsistentKey);
        }
        Ok(self.parsed.get_or_init(|| key))
    }

    pub(crate) fn signing_key(&self) -> Result<rsa::pkcs1v15::SigningKey<sha2::Sha256>> {
        Ok(rsa::pkcs1v15::SigningKey::new(self.private()?.clone()))
    }
}

/// The modulus (without leading zeros) and public exponent of an RSA SubjectPublicKeyInfo,
/// read without any arithmetic.
fn spki_numbers(spki_der: &[u8]) -> Result<(Vec<u8>, Vec<u8>)> {
    // The owned form, which the certificate builder decodes too: one decoder in the wasm.
    let spki = spki::SubjectPublicKeyInfoOwned::from_der(spki_der)
        .map_err(|e| Error::Malformed(e.to_string()))?;
    if spki.algorithm.oid != RSA_ENCRYPTION {
        return Err(Error::NotRsa);
    }
    let bits = spki
        .subject_public_key
        .as_bytes()
        .ok_or_else(|| Error::Malformed("public key bit string".into()))?;
    let public =
        rsa::pkcs1::RsaPublicKeyRef::from_der(bits).map_err(|e| Error::Malformed(e.to_string()))?;
    Ok((
        public.modulus.as_bytes().to_vec(),
        public.public_exponent.as_bytes().to_vec(),
    ))
}

/// The offered size a big-endian modulus (no leading zeros) has.
fn size_of_modulus(modulus: &[u8]) -> Result<KeySize> {
    let bits = match modulus.iter().position(|&byte| byte != 0) {
        Some(first) => (modulus.len() - first) * 8 - modulus[first].leading_zeros() as usize,
        None => 0,
    };
    KeySize::from_bits(bits).ok_or(Error::UnsupportedKeySize(bits))
}

/// Refuses a PKCS#1 `RSAPrivateKey` whose modulus is not 2048, 3072 or 4096 bits before the
/// `rsa` crate does any arithmetic with it: it sets up Montgomery parameters for the modulus
/// before checking its size, which takes seconds for a hostile megabit modulus.
fn check_modulus_size(pkcs1_der: &[u8]) -> Result<()> {
    let parsed = rsa::pkcs1::RsaPrivateKeyRef::from_der(pkcs1_der)
        .map_err(|e| Error::Malformed(e.to_string()))?;
    size_of_modulus(parsed.modulus.as_bytes()).map(|_| ())
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
