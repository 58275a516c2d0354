//! SAML times (`xs:dateTime`, e.g. `2027-01-15T10:05:00Z`) to Unix seconds, and durations in
//! words for the Time window line.

use super::checks::{ENCRYPTED_HOW_TO, fail, first, pass, saml};
use super::{Check, CheckLine, Status};
use crate::text::date::UtcDateTime;
use roxmltree::Node;

/// Unix seconds of an `xs:dateTime` with a `Z` or `±hh:mm` offset (fractions of a second
/// ignored), between 1970 and 9999; `None` for anything else.
pub fn parse(text: &str) -> Option<i64> {
    let text = text.trim();
    let (date, rest) = text.split_once('T')?;
    let mut date_parts = date.split('-');
    let year: u16 = date_parts.next()?.parse().ok()?;
    let month: u8 = date_parts.next()?.parse().ok()?;
    let day: u8 = date_parts.next()?.parse().ok()?;
    if date_parts.next().is_some() || rest.len() < 8 {
        return None;
    }
    let (clock, zone) = rest.split_at(8);
    let mut clock_parts = clock.split(':');
    let hour: u8 = clock_parts.next()?.parse().ok()?;
    let minute: u8 = clock_parts.next()?.parse().ok()?;
    let second: u8 = clock_parts.next()?.parse().ok()?;
    let zone = match zone.strip_prefix('.') {
        Some(fraction) => fraction.trim_start_matches(|c: char| c.is_ascii_digit()),
        None => zone,
    };
    let offset = match zone {
        "Z" => 0,
        _ => {
            let sign = match zone.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let (h, m) = zone.get(1..)?.split_once(':')?;
            let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
            if h > 14 || m > 59 {
                return None;
            }
            sign * (h * 3600 + m * 60)
        }
    };
    let time = UtcDateTime {
        year: year.into(),
        month,
        day,
        hour,
        minute,
        second,
    };
    let seconds = i64::try_from(time.to_unix()?).ok()?;
    Some(seconds - offset)
}

/// `2 h 3 min`, `45 s`, `3 days 2 h`: a duration in words, largest two units.
pub fn words(seconds: u64) -> String {
    let (days, hours, minutes, secs) = (
        seconds / 86_400,
        seconds / 3600 % 24,
        seconds / 60 % 60,
        seconds % 60,
    );
    let day_word = if days == 1 { "day" } else { "days" };
    match (days, hours, minutes) {
        (0, 0, 0) => format!("{secs} s"),
        (0, 0, m) if secs == 0 => format!("{m} min"),
        (0, 0, m) => format!("{m} min {secs} s"),
        (0, h, 0) => format!("{h} h"),
        (0, h, m) => format!("{h} h {m} min"),
        (d, 0, _) => format!("{d} {day_word}"),
        (d, h, _) => format!("{d} {day_word} {h} h"),
    }
}

/// ISO 8601 UTC for display; the raw number when out of range.
pub fn iso(unix: i64) -> String {
    u64::try_from(unix)
        .ok()
        .and_then(|u| crate::pki::iso8601_utc(u).ok())
        .unwrap_or_else(|| unix.to_string())
}

/// How far apart this device's clock and JumpCloud's may be before the Time window line fails,
/// in seconds (3 minutes), shown in the line. Stricter than python3-saml's
/// `ALLOWED_CLOCK_DRIFT` (300 s; onelogin/python3-saml src/onelogin/saml2/constants.py), so
/// every fixture keeps its verdict.
pub const SKEW_TOLERANCE: i64 = 180;

/// The Time window line for an encrypted Assertion, whose bounds are inside the encryption:
/// the Response's IssueInstant against the clock (a time in the future beyond
/// [`SKEW_TOLERANCE`] fails, as NotBefore would), the bounds Not checked.
pub fn issued_line(response: Node<'_, '_>, now_unix: u64) -> CheckLine {
    let now = i64::try_from(now_unix).unwrap_or(i64::MAX - SKEW_TOLERANCE);
    let tolerance = format!(
        " Allowed clock skew: {}.",
        words(SKEW_TOLERANCE.unsigned_abs())
    );
    let inside =
        " NotBefore and NotOnOrAfter are inside the encrypted assertion, so they were not checked.";
    let Some(value) = response.attribute("IssueInstant") else {
        return CheckLine {
            check: Check::TimeWindow,
            status: Status::NotChecked,
            detail: format!("The Response has no IssueInstant.{inside}"),
            fix: Some(ENCRYPTED_HOW_TO.to_owned()),
        };
    };
    let fresh = "Capture a new response and check it at once (the window is a few minutes). If a fresh one fails too, this device's clock or JumpCloud's is off by the difference shown.";
    let Some(issued) = parse(value) else {
        return fail(
            Check::TimeWindow,
            format!("IssueInstant \"{value}\" is not a valid time."),
            fresh.to_owned(),
        );
    };
    if issued > now + SKEW_TOLERANCE {
        return fail(
            Check::TimeWindow,
            format!(
                "Not yet valid: the Response's IssueInstant is {value}, {} after this device's clock ({}).{tolerance}",
                words((issued - now).unsigned_abs()),
                iso(now)
            ),
            "JumpCloud's clock is ahead of this device's: check this device's date and time, then capture a new response.".to_owned(),
        );
    }
    CheckLine {
        check: Check::TimeWindow,
        status: Status::NotChecked,
        detail: format!(
            "The Response was issued at {value}, {} before this device's clock ({}).{inside}",
            words((now - issued).unsigned_abs()),
            iso(now)
        ),
        fix: Some(ENCRYPTED_HOW_TO.to_owned()),
    }
}

/// The Time window line: every bound against the clock (with [`SKEW_TOLERANCE`]), the
/// IssueInstant skew shown.
pub fn window_line(assertion: Node<'_, '_>, now_unix: u64) -> CheckLine {
    let now = i64::try_from(now_unix).unwrap_or(i64::MAX - SKEW_TOLERANCE);
    let tolerance = format!(
        " Allowed clock skew: {}.",
        words(SKEW_TOLERANCE.unsigned_abs())
    );
    let conditions = first(assertion, &["Conditions"]);
    let mut bounds: Vec<(&str, Option<&str>)> = vec![
        (
            "NotBefore",
            conditions.and_then(|c| c.attribute("NotBefore")),
        ),
        (
            "NotOnOrAfter",
            conditions.and_then(|c| c.attribute("NotOnOrAfter")),
        ),
    ];
    for data in first(assertion, &["Subject"])
        .into_iter()
        .flat_map(|s| saml(s, "SubjectConfirmation"))
        .flat_map(|c| saml(c, "SubjectConfirmationData"))
    {
        bounds.push((
            "SubjectConfirmationData NotOnOrAfter",
            data.attribute("NotOnOrAfter"),
        ));
    }
    for statement in saml(assertion, "AuthnStatement") {
        bounds.push((
            "SessionNotOnOrAfter",
            statement.attribute("SessionNotOnOrAfter"),
        ));
    }
    let skew = assertion
        .attribute("IssueInstant")
        .and_then(parse)
        .map(|issued| match issued - now {
            d if d > 0 => format!(
                " IssueInstant is {} ahead of this device's clock.",
                words(d.unsigned_abs())
            ),
            d => format!(
                " IssueInstant was {} before this device's clock.",
                words(d.unsigned_abs())
            ),
        })
        .unwrap_or_default();
    let fresh = "Capture a new response and check it at once (the window is a few minutes). If a fresh one fails too, this device's clock or JumpCloud's is off by the difference shown.";
    for (name, value) in bounds.iter().filter_map(|(n, v)| v.map(|v| (*n, v))) {
        let Some(at) = parse(value) else {
            return fail(
                Check::TimeWindow,
                format!("{name} \"{value}\" is not a valid time."),
                fresh.to_owned(),
            );
        };
        if name == "NotBefore" && at > now + SKEW_TOLERANCE {
            return fail(Check::TimeWindow, format!("Not yet valid: NotBefore is {value}, {} after this device's clock ({}).{skew}{tolerance}", words((at - now).unsigned_abs()), iso(now)), "JumpCloud's clock is ahead of this device's: check this device's date and time, then capture a new response.".to_owned());
        }
        if name != "NotBefore" && at + SKEW_TOLERANCE <= now {
            return fail(
                Check::TimeWindow,
                format!(
                    "Expired: {name} was {value}, {} before this device's clock ({}).{skew}{tolerance}",
                    words((now - at).unsigned_abs()),
                    iso(now)
                ),
                fresh.to_owned(),
            );
        }
    }
    pass(
        Check::TimeWindow,
        format!("Valid now ({}).{skew}{tolerance}", iso(now)),
    )
}
