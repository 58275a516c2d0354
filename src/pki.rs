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

/// Everything that can go wrong while making, reading or encoding a key or certificate.
///
/// Each message is written for the person who typed the input or chose the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A subject field that must have a value is empty.
    #[error("Enter a {}.", .0.noun())]
    FieldEmpty(SubjectField),
    /// A subject field is longer than X.520 allows.
    #[error("{} can be at most {max} characters.", .field.label())]
    FieldTooLong {
        /// Which field.
        field: SubjectField,
        /// The most characters it may have.
        max: usize,
    },
    /// A subject field contains a line break or another control character.
    #[error("{} cannot contain line breaks or control characters.", .0.label())]
    FieldHasControlCharacter(SubjectField),
    /// The country is not two letters.
    #[error("Country must be a two-letter code such as US or DE.")]
    CountryNotTwoLetters,
    /// The email address is not a plain ASCII address.
    #[error("Enter a plain email address such as admin@example.com (ASCII, no spaces).")]
    EmailAddressInvalid,
    /// The certificate lifetime is outside 1..=3650 days.
    #[error("Validity must be a whole number of days from 1 to {MAX_VALIDITY_DAYS}.")]
    ValidityDaysOutOfRange(u32),
    /// The clock gave a time that cannot be written in a certificate.
    #[error("This device's clock gives a date a certificate cannot carry; check the system date.")]
    ClockOutOfRange,
    /// The key size is not 2048, 3072 or 4096 bits.
    #[error("The key has {bits} bits; use an RSA key of 2048, 3072 or 4096 bits.", bits = .0)]
    UnsupportedKeySize(usize),
    /// The public exponent is not 65537.
    #[error("The key's public exponent is not 65537, which JumpCloud and Cloudflare expect.")]
    UnsupportedExponent,
    /// The key's numbers do not fit together (a damaged or forged key).
    #[error("The key is damaged: its numbers do not fit together. Use an intact key file.")]
    InconsistentKey,
    /// The secure random number generator failed.
    #[error(
        "This browser did not provide secure random numbers, so no key was made. Try an up-to-date browser."
    )]
    Randomness,
    /// The text is not PEM at all.
    #[error("This is not a PEM file: expected text starting with -----BEGIN …-----.")]
    NotPem,
    /// The PEM holds something other than a private key.
    #[error(
        "This file holds \"{label}\", not an RSA private key (PRIVATE KEY or RSA PRIVATE KEY).",
        label = .0
    )]
    WrongPemLabel(String),
    /// The private key is encrypted with a passphrase.
    #[error(
        "This key is encrypted with a passphrase. Decrypt it first: openssl pkey -in samlidp.key -out samlidp-plain.key"
    )]
    EncryptedKey,
    /// A certificate was given where a private key is expected.
    #[error("This is a certificate, not a private key. Choose the private key file (samlidp.key).")]
    CertificateNotKey,
    /// A private key was given where a certificate is expected.
    #[error("This is a private key, not a certificate. Choose the certificate file (samlidp.crt).")]
    KeyNotCertificate,
    /// The key is not an RSA key.
    #[error("This is not an RSA key. JumpCloud's SAML signing needs an RSA key.")]
    NotRsa,
    /// The file holds more than one PEM block.
    #[error("This file holds more than one PEM block. Give one key or one certificate per file.")]
    MoreThanOneBlock,
    /// The DER inside is damaged or truncated.
    #[error("The file is damaged or truncated ({detail}).", detail = .0)]
    Malformed(String),
    /// Encoding a value failed (an internal error; please report it).
    #[error("Could not encode the result ({detail}). This is a bug; please report it.", detail = .0)]
    Encoding(String),
    /// The signature made for a new certificate does not verify with its public key.
    #[error(
        "The new certificate's signature did not verify with its key, so it was not used. Generate again; if it keeps failing, try another browser."
    )]
    SignatureInvalid,
}

/// Result alias for this module.
pub type Result<T> = core::result::Result<T, Error>;
