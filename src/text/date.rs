//! UTC dates and times from and to Unix seconds (proleptic Gregorian calendar), and the ways
//! the page writes them. From Unix seconds it is infallible for any `u64` (unlike
//! `der::DateTime`, which stops at 9999), so formatting a timestamp for a calendar or a ZIP
//! entry cannot fail; back to Unix seconds it is `der::DateTime`'s.

/// Seconds in a UTC day (no leap seconds, as in Unix time).
pub const SECONDS_PER_DAY: u64 = 86_400;

/// The last second with a four-digit year, 9999-12-31T23:59:59Z: the end of X.509's
/// GeneralizedTime and of `der::DateTime`.
pub const LAST_FOUR_DIGIT_YEAR: u64 = 253_402_300_799;

/// A UTC date and time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UtcDateTime {
    pub year: u64,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl UtcDateTime {
    /// The UTC date and time of a Unix timestamp.
    pub fn from_unix(unix_seconds: u64) -> UtcDateTime {
        let days = unix_seconds / SECONDS_PER_DAY;
        let secs = unix_seconds % SECONDS_PER_DAY;
        // Howard Hinnant's `civil_from_days`, with days counted from 0000-03-01 so every
        // quantity stays non-negative.
        let z = days + 719_468;
        let era = z / 146_097;
        let doe = z % 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + u64::from(month <= 2);
        // Each narrowing below is in range by construction (day ≤ 31, month ≤ 12, …).
        UtcDateTime {
            year,
            month: month as u8,
            day: day as u8,
            hour: (secs / 3600) as u8,
            minute: (secs / 60 % 60) as u8,
            second: (secs % 60) as u8,
        }
    }

    /// Unix seconds of a date and time from 1970 to 9999, or None when a part is out of range
    /// (day 31 of a 30-day month, 29 February of a common year, hour 24, …): `der::DateTime`'s
    /// own check and arithmetic, which the certificate code links anyway (a copy here made the
    /// page larger).
    pub fn to_unix(self) -> Option<u64> {
        let year = u16::try_from(self.year).ok()?;
        let time = der::DateTime::new(
            year,
            self.month,
            self.day,
            self.hour,
            self.minute,
            self.second,
        );
        Some(time.ok()?.unix_duration().as_secs())
    }

    /// `2026-11-29T16:20:00Z`, ISO 8601 UTC with seconds.
    pub fn iso8601(&self) -> String {
        format!(
            "{}T{:02}:{:02}:{:02}Z",
            self.iso_date(),
            self.hour,
            self.minute,
            self.second
        )
    }

    /// `20261129`, an iCalendar DATE.
    pub fn ics_date(&self) -> String {
        format!("{:04}{:02}{:02}", self.year, self.month, self.day)
    }

    /// `20261129T162000Z`, an iCalendar UTC DATE-TIME.
    pub fn ics_date_time(&self) -> String {
        format!(
            "{}T{:02}{:02}{:02}Z",
            self.ics_date(),
            self.hour,
            self.minute,
            self.second
        )
    }

    /// `2026-11-29`
    pub fn iso_date(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The start of the next UTC day after `unix_seconds`.
pub fn next_day(unix_seconds: u64) -> u64 {
    (unix_seconds / SECONDS_PER_DAY + 1).saturating_mul(SECONDS_PER_DAY)
}
#[cfg(test)]
mod tests {
    use super::*;

    fn ymd_hms(unix: u64) -> (u64, u8, u8, u8, u8, u8) {
        let t = UtcDateTime::from_unix(unix);
        (t.year, t.month, t.day, t.hour, t.minute, t.second)
    }

    #[test]
    fn known_dates() {
        assert_eq!(ymd_hms(0), (1970, 1, 1, 0, 0, 0));
        assert_eq!(ymd_hms(1_795_969_200), (2026, 11, 29, 16, 20, 0));
        assert_eq!(ymd_hms(951_782_400), (2000, 2, 29, 0, 0, 0));
        assert_eq!(ymd_hms(4_107_542_399), (2100, 2, 28, 23, 59, 59));
        assert_eq!(ymd_hms(4_107_542_400), (2100, 3, 1, 0, 0, 0));
        assert_eq!(ymd_hms(253_402_300_799), (9999, 12, 31, 23, 59, 59));
    }

    #[test]
    fn agrees_with_der_for_every_day_of_a_few_centuries() {
        for day in (0..150_000u64).step_by(7) {
            let unix = day * SECONDS_PER_DAY + 45_296;
            let Ok(der) = der::DateTime::from_unix_duration(core::time::Duration::from_secs(unix))
            else {
                panic!("der cannot represent day {day}");
            };
            assert_eq!(
                ymd_hms(unix),
                (
                    u64::from(der.year()),
                    der.month(),
                    der.day(),
                    der.hour(),
                    der.minutes(),
                    der.seconds()
                ),
                "day {day}"
            );
        }
    }

    #[test]
    fn never_panics_at_the_end_of_u64() {
        let t = UtcDateTime::from_unix(u64::MAX);
        assert!(t.year > 9999);
        assert_eq!(next_day(86_399), 86_400);
        assert_eq!(next_day(86_400), 172_800);
        assert_eq!(next_day(u64::MAX), u64::MAX);
    }

    #[test]
    fn back_to_unix_for_every_day_it_covers() {
        for day in (0..=LAST_FOUR_DIGIT_YEAR / SECONDS_PER_DAY).step_by(3) {
            let unix = day * SECONDS_PER_DAY + (day * 7919) % SECONDS_PER_DAY;
            assert_eq!(
                UtcDateTime::from_unix(unix).to_unix(),
                Some(unix),
                "day {day}"
            );
        }
        assert_eq!(
            UtcDateTime::from_unix(LAST_FOUR_DIGIT_YEAR + 1).to_unix(),
            None
        );
        assert_eq!(UtcDateTime::from_unix(u64::MAX).to_unix(), None);
    }

    #[test]
    fn refuses_what_is_no_date_or_outside_1970_to_9999() {
        let at = |year: u64, month: u8, day: u8, hour: u8, minute: u8, second: u8| {
            UtcDateTime {
                year,
                month,
                day,
                hour,
                minute,
                second,
            }
            .to_unix()
        };
        assert_eq!(at(1970, 1, 1, 0, 0, 0), Some(0));
        assert_eq!(at(2000, 2, 29, 12, 0, 0), Some(951_825_600));
        assert_eq!(at(2024, 2, 29, 23, 59, 59), Some(1_709_251_199));
        assert_eq!(at(9999, 12, 31, 23, 59, 59), Some(LAST_FOUR_DIGIT_YEAR));
        for refused in [
            (1969, 12, 31, 23, 59, 59),
            (10_000, 1, 1, 0, 0, 0),
            (u64::from(u16::MAX) + 2000, 1, 1, 0, 0, 0),
            (2023, 2, 29, 0, 0, 0),
            (2100, 2, 29, 0, 0, 0),
            (2026, 4, 31, 0, 0, 0),
            (2026, 0, 1, 0, 0, 0),
            (2026, 13, 1, 0, 0, 0),
            (2026, 1, 0, 0, 0, 0),
            (2026, 1, 1, 24, 0, 0),
            (2026, 1, 1, 0, 60, 0),
            (2026, 1, 1, 0, 0, 60),
        ] {
            let (year, month, day, hour, minute, second) = refused;
            assert_eq!(
                at(year, month, day, hour, minute, second),
                None,
                "{refused:?}"
            );
        }
    }

    #[test]
    fn formats() {
        let t = UtcDateTime::from_unix(1_795_969_200);
        assert_eq!(t.iso8601(), "2026-11-29T16:20:00Z");
        assert_eq!(t.ics_date(), "20261129");
        assert_eq!(t.ics_date_time(), "20261129T162000Z");
        assert_eq!(t.iso_date(), "2026-11-29");
    }
}
