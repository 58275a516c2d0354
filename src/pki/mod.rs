//! Pure RSA key and self-signed certificate building.
//!
//! Nothing here touches the browser: randomness comes in as a [`rand_core::TryCryptoRng`] and the
//! clock as Unix seconds, so the same code runs natively in `cargo test` and in wasm32.

mod certificate;
mod dn;
mod encoding;
mod key;
mod subject;
mod unsigned;
mod warm_up;

pub use certificate::{
    Certificate, CertificateOptions, CertificateProfile, DEFAULT_VALIDITY_DAYS, MAX_VALIDITY_DAYS,
};
pub use dn::rfc4514;
pub use encoding::{colon_hex, iso8601_utc};
pub use key::{KeyFormat, KeyPair, KeySize};
pub use subject::{Subject, SubjectField};
pub use unsigned::{UnsignedCertificate, random_serial};
pub use warm_up::warm_up;

use core::fmt;

/// Everything that can go wrong while making, reading or encoding a key or certificate.
///
/// Each message is written for the person who typed the input or chose the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// A subject field that must have a value is empty.
    FieldEmpty(SubjectField),
    /// A subject field is longer than X.520 allows.
    FieldTooLong {
        /// Which field.
        field: SubjectField,
        /// The most characters it may have.
        max: usize,
    },
    /// A subject field contains a line break or another control character.
    FieldHasControlCharacter(SubjectField),
    /// The country is not two letters.
    CountryNotTwoLetters,
    /// The email address is not a plain ASCII address.
    EmailAddressInvalid,
    /// The certificate lifetime is outside 1..=3650 days.
    ValidityDaysOutOfRange(u32),
    /// The clock gave a time that cannot be written in a certificate.
    ClockOutOfRange,
    /// The key size is not 2048, 3072 or 4096 bits.
    UnsupportedKeySize(usize),
    /// The public exponent is not 65537.
    UnsupportedExponent,
    /// The key's numbers do not fit together (a damaged or forged key).
    InconsistentKey,
    /// The secure random number generator failed.
    Randomness,
    /// The text is not PEM at all.
    NotPem,
    /// The PEM holds something other than a private key.
    WrongPemLabel(String),
    /// The private key is encrypted with a passphrase.
    EncryptedKey,
    /// A certificate was given where a private key is expected.
    CertificateNotKey,
    /// A private key was given where a certificate is expected.
    KeyNotCertificate,
    /// The key is not an RSA key.
    NotRsa,
    /// The file holds more than one PEM block.
    MoreThanOneBlock,
    /// The DER inside is damaged or truncated.
    Malformed(String),
    /// Encoding a value failed (an internal error; please report it).
    Encoding(String),
    /// The signature made for a new certificate does not verify with its public key.
    SignatureInvalid,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::FieldEmpty(field) => write!(f, "Enter a {}.", field.noun()),
            Error::FieldTooLong { field, max } => {
                write!(f, "{} can be at most {max} characters.", field.label())
            }
            Error::FieldHasControlCharacter(field) => write!(
                f,
                "{} cannot contain line breaks or control characters.",
                field.label()
            ),
            Error::CountryNotTwoLetters => {
                write!(f, "Country must be a two-letter code such as US or DE.")
            }
            Error::EmailAddressInvalid => write!(
                f,
                "Enter a plain email address such as admin@example.com (ASCII, no spaces)."
            ),
            Error::ValidityDaysOutOfRange(_) => write!(
                f,
                "Validity must be a whole number of days from 1 to {MAX_VALIDITY_DAYS}."
            ),
            Error::ClockOutOfRange => write!(
                f,
                "This device's clock gives a date a certificate cannot carry; check the system date."
            ),
            Error::UnsupportedKeySize(bits) => write!(
                f,
                "The key has {bits} bits; use an RSA key of 2048, 3072 or 4096 bits."
            ),
            Error::UnsupportedExponent => write!(
                f,
                "The key's public exponent is not 65537, which JumpCloud and Cloudflare expect."
            ),
            Error::InconsistentKey => write!(
                f,
                "The key is damaged: its numbers do not fit together. Use an intact key file."
            ),
            Error::Randomness => write!(
                f,
                "This browser did not provide secure random numbers, so no key was made. Try an up-to-date browser."
            ),
            Error::NotPem => write!(
                f,
                "This is not a PEM file: expected text starting with -----BEGIN …-----."
            ),
            Error::WrongPemLabel(label) => write!(
                f,
                "This file holds \"{label}\", not an RSA private key (PRIVATE KEY or RSA PRIVATE KEY)."
            ),
            Error::EncryptedKey => write!(
                f,
                "This key is encrypted with a passphrase. Decrypt it first: openssl pkey -in samlidp.key -out samlidp-plain.key"
            ),
            Error::CertificateNotKey => write!(
                f,
                "This is a certificate, not a private key. Choose the private key file (samlidp.key)."
            ),
            Error::KeyNotCertificate => write!(
                f,
                "This is a private key, not a certificate. Choose the certificate file (samlidp.crt)."
            ),
            Error::NotRsa => write!(
                f,
                "This is not an RSA key. JumpCloud's SAML signing needs an RSA key."
            ),
            Error::MoreThanOneBlock => write!(
                f,
                "This file holds more than one PEM block. Give one key or one certificate per file."
            ),
            Error::Malformed(detail) => {
                write!(f, "The file is damaged or truncated ({detail}).")
            }
            Error::Encoding(detail) => write!(
                f,
                "Could not encode the result ({detail}). This is a bug; please report it."
            ),
            Error::SignatureInvalid => write!(
                f,
                "The new certificate's signature did not verify with its key, so it was not used. Generate again; if it keeps failing, try another browser."
            ),
        }
    }
}

impl std::error::Error for Error {}

/// Result alias for this module.
pub type Result<T> = core::result::Result<T, Error>;
