//! Small text encodings shared by keys, certificates and outputs.

use super::{Error, Result};
use crate::text::date::{LAST_FOUR_DIGIT_YEAR, UtcDateTime};
use der::DateTime;
use std::time::Duration;

/// Uppercase, colon-separated hex (`AB:CD:…`), the form `openssl x509 -fingerprint` prints.
pub fn colon_hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// A Unix time as ISO 8601 UTC with seconds, e.g. `2026-11-29T16:20:00Z`; an error past
/// 9999, where certificates end.
pub fn iso8601_utc(unix_seconds: u64) -> Result<String> {
    if unix_seconds > LAST_FOUR_DIGIT_YEAR {
        return Err(Error::ClockOutOfRange);
    }
    Ok(UtcDateTime::from_unix(unix_seconds).iso8601())
}

/// A Unix time as a calendar date and time (UTC).
pub(crate) fn date_time(unix_seconds: u64) -> Result<DateTime> {
    DateTime::from_unix_duration(Duration::from_secs(unix_seconds))
        .map_err(|_| Error::ClockOutOfRange)
}

/// PEM with 64-column lines and LF line endings, as OpenSSL writes it.
pub(crate) fn pem(label: &str, der: &[u8]) -> Result<String> {
    der::pem::encode_string(label, der::pem::LineEnding::LF, der)
        .map_err(|e| Error::Encoding(e.to_string()))
}

/// Standard base64 on one line, no header lines.
pub(crate) fn base64_one_line(der: &[u8]) -> String {
    use base64ct::Encoding;
    base64ct::Base64::encode_string(der)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colon_hex_is_uppercase_and_colon_separated() {
        assert_eq!(colon_hex(&[0xab, 0x01, 0xff]), "AB:01:FF");
        assert_eq!(colon_hex(&[]), "");
    }

    #[test]
    fn iso8601_formats_epoch_and_a_known_date() -> Result<()> {
        assert_eq!(iso8601_utc(0)?, "1970-01-01T00:00:00Z");
        assert_eq!(iso8601_utc(1_795_969_200)?, "2026-11-29T16:20:00Z");
        assert_eq!(iso8601_utc(253_402_300_799)?, "9999-12-31T23:59:59Z");
        assert!(iso8601_utc(253_402_300_800).is_err());
        Ok(())
    }
}
