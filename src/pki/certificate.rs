//! Self-signed X.509 v3 certificates for SAML signing, and reading existing ones.

use super::encoding::{base64_one_line, colon_hex, iso8601_utc, pem};
use super::key::single_pem_block;
use super::{Error, KeyPair, Result, Subject};
use der::asn1::ObjectIdentifier;
use der::referenced::OwnedToRef;
use der::{Decode, Encode};
use sha1::Sha1;
use sha2::{Digest, Sha256};

/// The longest certificate lifetime offered, in days (about ten years).
pub const MAX_VALIDITY_DAYS: u32 = 3650;
/// The guide's `-days 1095` (three years).
pub const DEFAULT_VALIDITY_DAYS: u32 = 1095;
pub(super) use crate::text::date::SECONDS_PER_DAY;
/// A serial number is at most 20 octets (RFC 5280 §4.1.2.2).
pub(super) const SERIAL_OCTETS: usize = 20;
/// sha256WithRSAEncryption.
pub(super) const SHA256_WITH_RSA: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");

/// Which extensions the certificate carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
pub enum CertificateProfile {
    /// basicConstraints critical CA:FALSE, keyUsage critical digitalSignature, SKI and AKI:
    /// a signing certificate that RFC 5280 linters accept.
    #[default]
    SamlSigning,
    /// What OpenSSL 3 `req -new -x509` adds: SKI, AKI and basicConstraints critical CA:TRUE.
    OpenSslCompatible,
}

impl CertificateProfile {
    /// Both profiles, in the order offered.
    pub const ALL: [CertificateProfile; 2] = [
        CertificateProfile::SamlSigning,
        CertificateProfile::OpenSslCompatible,
    ];

    /// The name shown in the form.
    pub fn label(self) -> &'static str {
        match self {
            CertificateProfile::SamlSigning => "SAML signing",
            CertificateProfile::OpenSslCompatible => "OpenSSL compatible",
        }
    }
}

/// What the certificate should say. The key worker is told it as plain values
/// ([`CertificateOptions::to_worker_fields`]), not as JSON: a JSON reader would cost the wasm
/// serde_json's deserializer (docs/size.md).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateOptions {
    /// The subject (and issuer: the certificate is self-signed).
    pub subject: Subject,
    /// Lifetime in days, 1..=3650.
    pub validity_days: u32,
    /// Which extensions to include.
    pub profile: CertificateProfile,
}

impl CertificateOptions {
    /// The options as the key worker receives them: the lifetime in days, the profile's index
    /// in [`CertificateProfile::ALL`] and the subject's fields ([`Subject::to_fields`]).
    pub fn to_worker_fields(&self) -> (u32, u32, [String; 7]) {
        let profile = CertificateProfile::ALL
            .iter()
            .position(|p| *p == self.profile)
            .unwrap_or(0) as u32;
        (self.validity_days, profile, self.subject.to_fields())
    }

    /// The options back from [`CertificateOptions::to_worker_fields`]; `None` for a profile
    /// index that does not exist. The certificate core checks the values when it issues.
    pub fn from_worker_fields(
        validity_days: u32,
        profile: u32,
        subject: [String; 7],
    ) -> Option<CertificateOptions> {
        Some(CertificateOptions {
            subject: Subject::from_fields(subject),
            validity_days,
            profile: *CertificateProfile::ALL.get(profile as usize)?,
        })
    }
}

impl Default for CertificateOptions {
    fn default() -> Self {
        CertificateOptions {
            subject: Subject::default(),
            validity_days: DEFAULT_VALIDITY_DAYS,
            profile: CertificateProfile::default(),
        }
    }
}

/// Checks a lifetime in days.
pub(crate) fn check_validity_days(days: u32) -> Result<()> {
    if (1..=MAX_VALIDITY_DAYS).contains(&days) {
        Ok(())
    } else {
        Err(Error::ValidityDaysOutOfRange(days))
    }
}

/// A certificate (DER) together with the values derived from it for display and outputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    der: Vec<u8>,
    subject: String,
    issuer: String,
    serial: Vec<u8>,
    not_before: u64,
    not_after: u64,
    key_bits: Option<usize>,
    modulus: Option<Vec<u8>>,
    self_signature_valid: bool,
}

impl Certificate {
    /// Reads a DER certificate and works out its derived values.
    pub fn from_der(der: Vec<u8>) -> Result<Certificate> {
        let parsed =
            x509_cert::Certificate::from_der(&der).map_err(|e| Error::Malformed(e.to_string()))?;
        let tbs = parsed.tbs_certificate();
        let public_key =
            rsa::PublicKey::try_from(tbs.subject_public_key_info().owned_to_ref()).ok();
        let self_signature_valid = match &public_key {
            Some(public_key) => verify_signature(&parsed, public_key),
            None => false,
        };
        use rsa::traits::PublicKeyParts;
        Ok(Certificate {
            subject: super::dn::rfc4514(tbs.subject()),
            issuer: super::dn::rfc4514(tbs.issuer()),
            serial: tbs.serial_number().as_bytes().to_vec(),
            not_before: tbs.validity().not_before.to_unix_duration().as_secs(),
            not_after: tbs.validity().not_after.to_unix_duration().as_secs(),
            key_bits: public_key
                .as_ref()
                .map(|k| k.n().bit_width_vartime() as usize),
            modulus: public_key.as_ref().map(|k| k.n_bytes().into_vec()),
            self_signature_valid,
            der,
        })
    }

    /// Reads a PEM certificate (`BEGIN CERTIFICATE`), refusing keys and several blocks.
    pub fn from_pem(text: &str) -> Result<Certificate> {
        let (label, der) = single_pem_block(text)?;
        match label.as_str() {
            "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => {
                Certificate::from_der(der)
            }
            "PRIVATE KEY" | "RSA PRIVATE KEY" | "ENCRYPTED PRIVATE KEY" | "EC PRIVATE KEY" => {
                Err(Error::KeyNotCertificate)
            }
            _ => Err(Error::WrongPemLabel(label)),
        }
    }

    /// Reads a certificate given as base64 DER without header lines (as in SAML metadata).
    pub fn from_base64(text: &str) -> Result<Certificate> {
        use base64ct::Encoding;
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let der = base64ct::Base64::decode_vec(&compact)
            .map_err(|e| Error::Malformed(format!("base64: {e}")))?;
        Certificate::from_der(der)
    }

    /// The DER bytes.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// PEM (`BEGIN CERTIFICATE`, 64-column lines): the `samlidp.crt` file.
    pub fn to_pem(&self) -> Result<String> {
        pem("CERTIFICATE", &self.der)
    }

    /// The base64 body on one line without header lines (Cloudflare fields, metadata XML).
    pub fn base64(&self) -> String {
        base64_one_line(&self.der)
    }

    /// SHA-1 fingerprint, `AB:CD:…`.
    pub fn sha1_fingerprint(&self) -> String {
        colon_hex(&Sha1::digest(&self.der))
    }

    /// SHA-256 fingerprint, `AB:CD:…`.
    pub fn sha256_fingerprint(&self) -> String {
        colon_hex(&Sha256::digest(&self.der))
    }

    /// The serial number as lowercase hex without separators.
    pub fn serial_hex(&self) -> String {
        self.serial.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The serial number's DER content octets.
    pub fn serial(&self) -> &[u8] {
        &self.serial
    }

    /// The subject as an RFC 4514 string, e.g. `CN=JumpCloud SAML IdP`.
    pub fn subject(&self) -> &str {
        &self.subject
    }

    /// The issuer as an RFC 4514 string.
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// notBefore as Unix seconds.
    pub fn not_before(&self) -> u64 {
        self.not_before
    }

    /// notAfter as Unix seconds.
    pub fn not_after(&self) -> u64 {
        self.not_after
    }

    /// notBefore as ISO 8601 UTC.
    pub fn not_before_iso(&self) -> String {
        iso8601_utc(self.not_before).unwrap_or_default()
    }

    /// notAfter as ISO 8601 UTC.
    pub fn not_after_iso(&self) -> String {
        iso8601_utc(self.not_after).unwrap_or_default()
    }

    /// The RSA modulus length in bits, or `None` for a non-RSA certificate.
    pub fn key_bits(&self) -> Option<usize> {
        self.key_bits
    }

    /// Whether the certificate's signature verifies with its own public key.
    pub fn is_self_signature_valid(&self) -> bool {
        self.self_signature_valid
    }

    /// Whether the certificate carries the public half of `key`.
    pub fn matches_key(&self, key: &KeyPair) -> bool {
        self.modulus.as_deref() == Some(key.modulus().as_slice())
    }

    /// Whole days from `now_unix_seconds` until notAfter (negative once expired).
    pub fn days_left(&self, now_unix_seconds: u64) -> i64 {
        let left = self.not_after as i128 - now_unix_seconds as i128;
        (left.div_euclid(SECONDS_PER_DAY as i128)) as i64
    }
}

fn verify_signature(certificate: &x509_cert::Certificate, public_key: &rsa::PublicKey) -> bool {
    use rsa::signature::Verifier;
    if certificate.signature_algorithm().oid != SHA256_WITH_RSA {
        return false;
    }
    let Ok(tbs) = certificate.tbs_certificate().to_der() else {
        return false;
    };
    let Some(signature_bytes) = certificate.signature().as_bytes() else {
        return false;
    };
    let Ok(signature) = rsa::pkcs1v15::Signature::try_from(signature_bytes) else {
        return false;
    };
    rsa::pkcs1v15::VerifyingKey::<Sha256>::new(public_key.clone())
        .verify(&tbs, &signature)
        .is_ok()
}
