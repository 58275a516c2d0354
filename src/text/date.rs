//! UTC dates and times from and to Unix seconds (proleptic Gregorian calendar), and the ways
//! the page writes them. From Unix seconds it is infallible for any `u64` (unlike
//! `der::DateTime`, which stops at 9999), so formatting a timestamp for a calendar or a ZIP
//! entry cannot fail; back to Unix seconds it accepts what `der::DateTime` accepts.

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
    /// (day 31 of a 30-day month, 29 February of a common year, hour 24, …). Accepts exactly
    /// what `der::DateTime::new` accepts.
    pub fn to_unix(self) -> Option<u64> {
        let leap = self.year.is_multiple_of(4)
            && (!self.year.is_multiple_of(100) || self.year.is_multiple_of(400));
        let month_days = match self.month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            1..=12 => 31,
            _ => return None,
        };
        if self.year < 1970
            || self.day == 0
            || self.day > month_days
            || self.hour > 23
            || self.minute > 59
            || self.second > 59
        {
            return None;
        }
        // Howard Hinnant's `days_from_civil`, the inverse of `from_unix`'s; years past 9999
        // are out of range anyway, and capping them keeps the arithmetic from overflowing.
        let y = self.year.min(10_000) - u64::from(self.month <= 2);
        let (era, yoe) = (y / 400, y % 400);
        let mp = (u64::from(self.month) + 9) % 12;
        let doy = (153 * mp + 2) / 5 + u64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        let unix = days * SECONDS_PER_DAY
            + u64::from(self.hour) * 3600
            + u64::from(self.minute) * 60
            + u64::from(self.second);
        (unix <= LAST_FOUR_DIGIT_YEAR).then_some(unix)
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
    fn accepts_what_der_accepts() {
        for year in [1969u16, 1970, 1972, 1999, 2000, 2023, 2024, 2100, 9999] {
            for month in 0..=13u8 {
                for day in 0..=32u8 {
                    for (hour, minute, second) in
                        [(0, 0, 0), (23, 59, 59), (24, 0, 0), (0, 60, 0), (0, 0, 60)]
                    {
                        let t = UtcDateTime {
                            year: year.into(),
                            month,
                            day,
                            hour,
                            minute,
                            second,
                        };
                        let der = der::DateTime::new(year, month, day, hour, minute, second)
                            .ok()
                            .map(|d| d.unix_duration().as_secs());
                        assert_eq!(t.to_unix(), der, "{t:?}");
                    }
                }
            }
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
