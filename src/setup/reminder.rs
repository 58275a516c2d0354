//! `samlidp-expiry.ics`: a calendar event on the certificate's expiry day, with alarms before it.

use super::Setup;
use super::escape::{ics_line, ics_text};
use crate::pki::Certificate;
use crate::text::date::{UtcDateTime, next_day};

/// When the alarms fire, before the start of the expiry day: JumpCloud's own schedule for its
/// expiry emails (JumpCloud article "Manage Public Certificate and Private Key Pairs": "60
/// days, 30 days, 7 days, and 24 hours before expiration").
pub const ALARM_TRIGGERS: [&str; 4] = ["-P60D", "-P30D", "-P7D", "-P1D"];
/// Keeps UIDs globally unique (RFC 5545 §3.8.4.7) without naming a host.
const UID_DOMAIN: &str = "saml-idp-kit";

/// An RFC 5545 calendar with one all-day event on the day of notAfter (UTC date) and four
/// display alarms ([`ALARM_TRIGGERS`]). `DTSTAMP` is the generation time; the UID derives from
/// the certificate serial, so re-importing the same certificate's reminder updates the event
/// instead of duplicating it.
pub fn expiry_ics(setup: &Setup, certificate: &Certificate, generated_at_unix: u64) -> String {
    let not_after = certificate.not_after();
    let label = &setup.display_label;
    let description = format!(
        "The SAML signing certificate of the JumpCloud app \"{label}\" expires on {expiry} (UTC).\n\
         Cloudflare Access identity provider: \"{name}\" (team {team}).\n\
         Certificate SHA-256 fingerprint: {fingerprint}\n\
         Certificate serial: {serial}\n\
         Before it expires: make a new certificate (SAML IdP Kit, Renew certificate), add it to the \
         Cloudflare identity provider next to the current one, upload it with its key to the \
         JumpCloud app (Actions menu), select Test in Cloudflare, then remove the old certificate \
         from Cloudflare.",
        expiry = certificate.not_after_iso(),
        name = setup.identity_provider_name,
        team = setup.team.as_str(),
        fingerprint = certificate.sha256_fingerprint(),
        serial = certificate.serial_hex(),
    );
    let stamp = UtcDateTime::from_unix(generated_at_unix).ics_date_time();
    let serial = certificate.serial_hex();
    let expiry_date = UtcDateTime::from_unix(not_after).iso_date();
    let summary = format!(
        "Renew the SAML certificate of JumpCloud app \"{label}\": it expires on {expiry_date}"
    );
    let mut lines: Vec<String> = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//SAML IdP Kit//Certificate expiry reminder//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
    ]
    .iter()
    .map(|line| (*line).to_owned())
    .collect();
    lines.extend([
        format!("UID:{serial}-expires@{UID_DOMAIN}"),
        format!("DTSTAMP:{stamp}"),
        format!(
            "DTSTART;VALUE=DATE:{}",
            UtcDateTime::from_unix(not_after).ics_date()
        ),
        format!(
            "DTEND;VALUE=DATE:{}",
            UtcDateTime::from_unix(next_day(not_after)).ics_date()
        ),
        format!("SUMMARY:{}", ics_text(&summary)),
        format!("DESCRIPTION:{}", ics_text(&description)),
        "TRANSP:TRANSPARENT".to_owned(),
    ]);
    for trigger in ALARM_TRIGGERS {
        lines.extend([
            "BEGIN:VALARM".to_owned(),
            "ACTION:DISPLAY".to_owned(),
            format!("TRIGGER:{trigger}"),
            format!("DESCRIPTION:{}", ics_text(&summary)),
            "END:VALARM".to_owned(),
        ]);
    }
    lines.push("END:VEVENT".to_owned());
    lines.push("END:VCALENDAR".to_owned());
    lines.iter().map(|line| ics_line(line)).collect()
}
