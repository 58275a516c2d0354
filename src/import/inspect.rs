//! What the page shows about a certificate: subject, dates, fingerprints and checks.

use crate::pki::{Certificate, KeyPair};

/// What the page shows about a certificate in Renew mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspection {
    /// Subject DN (RFC 4514), e.g. `CN=JumpCloud SAML IdP`.
    pub subject: String,
    /// Issuer DN (RFC 4514); the same as the subject for a self-signed certificate.
    pub issuer: String,
    /// Serial number, lowercase hex.
    pub serial_hex: String,
    /// notBefore, ISO 8601 UTC.
    pub not_before_iso: String,
    /// notAfter, ISO 8601 UTC.
    pub not_after_iso: String,
    /// Whole days from now until notAfter; negative once expired.
    pub days_left: i64,
    /// SHA-1 fingerprint, `AB:CD:…` (what JumpCloud shows).
    pub sha1: String,
    /// SHA-256 fingerprint, `AB:CD:…`.
    pub sha256: String,
    /// RSA modulus length in bits; `None` for a non-RSA certificate.
    pub key_bits: Option<usize>,
    /// Whether the certificate carries the given key's public half; `None` without a key.
    pub matches_key: Option<bool>,
    /// Whether the certificate's SHA-256 RSA signature verifies with its own public key.
    pub self_signed_valid: bool,
}

impl Inspection {
    /// Whether the certificate has expired at the time given to [`inspect`].
    pub fn is_expired(&self) -> bool {
        self.days_left < 0
    }
}

/// Everything the page shows about `certificate`, checked against `key` when one is given.
pub fn inspect(certificate: &Certificate, key: Option<&KeyPair>, now_unix: u64) -> Inspection {
    Inspection {
        subject: certificate.subject().to_owned(),
        issuer: certificate.issuer().to_owned(),
        serial_hex: certificate.serial_hex(),
        not_before_iso: certificate.not_before_iso(),
        not_after_iso: certificate.not_after_iso(),
        days_left: certificate.days_left(now_unix),
        sha1: certificate.sha1_fingerprint(),
        sha256: certificate.sha256_fingerprint(),
        key_bits: certificate.key_bits(),
        matches_key: key.map(|key| certificate.matches_key(key)),
        self_signed_valid: certificate.is_self_signature_valid(),
    }
}
