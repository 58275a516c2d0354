//! `samlidp-expiry.ics`: a calendar reminder to renew the certificate before it expires.

use super::Setup;
use super::escape::{ics_line, ics_text};
use super::time::{UtcDateTime, next_day};
use crate::pki::Certificate;

/// How long before notAfter the renewal reminder falls.
pub const REMIND_DAYS_BEFORE: u64 = 30;
const SECONDS_PER_DAY: u64 = 86_400;
/// Keeps UIDs globally unique (RFC 5545 §3.8.4.7) without naming a host.
const UID_DOMAIN: &str = "saml-idp-kit";

/// An RFC 5545 calendar with two all-day events: "renew" on the later of notBefore and
/// notAfter − 30 days, and "expires" on the day of notAfter (both UTC dates). `DTSTAMP` is
/// the generation time; the UIDs derive from the certificate serial, so re-importing the same
/// certificate's reminder updates the events instead of duplicating them.
pub fn expiry_ics(setup: &Setup, certificate: &Certificate, generated_at_unix: u64) -> String {
    let not_after = certificate.not_after();
    let renew_at = not_after
        .saturating_sub(REMIND_DAYS_BEFORE * SECONDS_PER_DAY)
        .max(certificate.not_before());
    let expiry_date = UtcDateTime::from_unix(not_after).iso_date();
    let label = &setup.display_label;
    let description = format!(
        "The SAML signing certificate of the JumpCloud app \"{label}\" expires on {expiry} (UTC).\n\
         Cloudflare Access login method: \"{method}\" (team {team}).\n\
         Certificate SHA-256 fingerprint: {fingerprint}\n\
         Certificate serial: {serial}\n\
         Before it expires: make a new certificate (SAML IdP Kit, Renew certificate), add it to the \
         Cloudflare login method next to the current one, upload it with its key to the JumpCloud \
         app, press Test in Cloudflare, then remove the old certificate from Cloudflare.",
        expiry = certificate.not_after_iso(),
        method = setup.login_method_name,
        team = setup.team.as_str(),
        fingerprint = certificate.sha256_fingerprint(),
        serial = certificate.serial_hex(),
    );
    let stamp = UtcDateTime::from_unix(generated_at_unix).ics_date_time();
    let serial = certificate.serial_hex();
    let event = |kind: &str, at: u64, summary: String| -> String {
        [
            "BEGIN:VEVENT".to_owned(),
            format!("UID:{serial}-{kind}@{UID_DOMAIN}"),
            format!("DTSTAMP:{stamp}"),
            format!(
                "DTSTART;VALUE=DATE:{}",
                UtcDateTime::from_unix(at).ics_date()
            ),
            format!(
                "DTEND;VALUE=DATE:{}",
                UtcDateTime::from_unix(next_day(at)).ics_date()
            ),
            format!("SUMMARY:{}", ics_text(&summary)),
            format!("DESCRIPTION:{}", ics_text(&description)),
            "TRANSP:TRANSPARENT".to_owned(),
            "END:VEVENT".to_owned(),
        ]
        .iter()
        .map(|line| ics_line(line))
        .collect()
    };
    let mut calendar: String = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//SAML IdP Kit//Certificate expiry reminder//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    .iter()
    .map(|line| ics_line(line))
    .collect();
    calendar.push_str(&event(
        "renew",
        renew_at,
        format!("Renew the SAML certificate of JumpCloud app \"{label}\" (expires {expiry_date})"),
    ));
    calendar.push_str(&event(
        "expires",
        not_after,
        format!("The SAML certificate of JumpCloud app \"{label}\" expires today"),
    ));
    calendar.push_str(&ics_line("END:VCALENDAR"));
    calendar
}
