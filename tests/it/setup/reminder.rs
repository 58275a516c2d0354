//! The expiry reminder, parsed with a real iCalendar parser.

use super::*;
#[allow(unused_imports)]
use saml_idp_kit::setup::{cloudflare, files, guide, jumpcloud, metadata, reminder};

// ---------------------------------------------------------------------------------------------
// Expiry reminder

/// An iCalendar file's content lines after unfolding, with every physical line checked for
/// CRLF endings, the 75-octet limit and intact UTF-8.
pub(super) fn ics_lines(ics: &str) -> Vec<String> {
    let bytes = ics.as_bytes();
    assert!(ics.ends_with("\r\n"), "must end with CRLF");
    for (index, byte) in bytes.iter().enumerate() {
        if *byte == b'\n' {
            assert!(
                index > 0 && bytes[index - 1] == b'\r',
                "bare LF at octet {index}"
            );
        }
        if *byte == b'\r' {
            assert_eq!(
                bytes.get(index + 1),
                Some(&b'\n'),
                "bare CR at octet {index}"
            );
        }
    }
    for physical in bytes.split(|b| *b == b'\n') {
        let physical = physical.strip_suffix(b"\r").unwrap_or(physical);
        assert!(physical.len() <= 75, "line of {} octets", physical.len());
        assert!(
            std::str::from_utf8(physical).is_ok(),
            "a fold split a UTF-8 character"
        );
        let trailing_backslashes = physical.iter().rev().take_while(|b| **b == b'\\').count();
        assert!(
            trailing_backslashes % 2 == 0,
            "a fold split an escape sequence"
        );
    }
    ics.trim_end_matches("\r\n")
        .replace("\r\n ", "")
        .split("\r\n")
        .map(str::to_owned)
        .collect()
}

/// The parsed calendar (icalendar's RFC 5545 parser) after the physical-line checks of
/// [`ics_lines`]: (calendar properties, components).
pub(super) fn parse_ics(ics: &str) -> Vec<Component> {
    ics_lines(ics);
    let unfolded = icalendar::parser::unfold(ics);
    let calendar = icalendar::parser::read_calendar(&unfolded)
        .unwrap_or_else(|error| panic!("the calendar must parse: {error}\n{ics}"));
    let props = |name: &str| {
        calendar
            .properties
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.val.as_str().to_owned())
    };
    assert_eq!(props("VERSION").as_deref(), Some("2.0"));
    assert!(props("PRODID").is_some());
    calendar.components.iter().map(Component::from).collect()
}

/// A component as owned data: name, properties (name, parameters, unescaped value), children.
#[derive(Debug)]
pub(super) struct Component {
    name: String,
    properties: Vec<(String, Vec<String>, String)>,
    children: Vec<Component>,
}

impl From<&icalendar::parser::Component<'_>> for Component {
    fn from(component: &icalendar::parser::Component<'_>) -> Self {
        Component {
            name: component.name.as_str().to_owned(),
            properties: component
                .properties
                .iter()
                .map(|p| {
                    (
                        p.name.as_str().to_owned(),
                        p.params
                            .iter()
                            .map(|param| {
                                format!(
                                    "{}={}",
                                    param.key.as_str(),
                                    param.val.as_ref().map(|v| v.as_str()).unwrap_or("")
                                )
                            })
                            .collect(),
                        p.val.clone().unescape_text().as_str().to_owned(),
                    )
                })
                .collect(),
            children: component.components.iter().map(Component::from).collect(),
        }
    }
}

impl Component {
    pub(super) fn get(&self, name: &str) -> &str {
        &self
            .properties
            .iter()
            .find(|(n, _, _)| n == name)
            .unwrap_or_else(|| panic!("{} has no {name}: {self:?}", self.name))
            .2
    }

    fn params(&self, name: &str) -> &[String] {
        &self
            .properties
            .iter()
            .find(|(n, _, _)| n == name)
            .unwrap()
            .1
    }
}

#[test]
fn expiry_reminder_is_one_all_day_event_with_four_alarms() {
    let setup = acme();
    let certificate = certificate_for(&setup);
    let ics = reminder::expiry_ics(&setup, &certificate, NOW + 5);
    golden("samlidp-expiry.ics", &ics);
    let components = parse_ics(&ics);
    assert_eq!(components.len(), 1, "one event: {components:?}");
    let event = &components[0];
    assert_eq!(event.name, "VEVENT");
    // Issued 2026-11-29T16:20Z for 1095 days: notAfter 2029-11-28T16:20Z.
    assert_eq!(certificate.not_after_iso(), "2029-11-28T16:20:00Z");
    assert_eq!(event.get("DTSTART"), "20291128");
    assert_eq!(event.params("DTSTART"), ["VALUE=DATE"]);
    assert_eq!(event.get("DTEND"), "20291129");
    assert_eq!(event.params("DTEND"), ["VALUE=DATE"]);
    assert_eq!(event.get("DTSTAMP"), "20261129T162005Z");
    assert!(event.get("UID").starts_with(&certificate.serial_hex()));
    let summary = event.get("SUMMARY");
    assert!(summary.contains("\"Cloudflare Access\""), "{summary}");
    assert!(summary.contains("2029-11-28"), "{summary}");
    let description = event.get("DESCRIPTION");
    assert!(
        description.contains(&certificate.sha256_fingerprint()),
        "{description}"
    );
    assert!(description.contains("Renew certificate"));
    assert!(
        description.contains('\n'),
        "description lines are escaped newlines"
    );
    // JumpCloud's schedule: 60, 30 and 7 days and 24 hours before.
    let triggers: Vec<&str> = event
        .children
        .iter()
        .map(|alarm| {
            assert_eq!(alarm.name, "VALARM");
            assert_eq!(alarm.get("ACTION"), "DISPLAY");
            assert!(!alarm.get("DESCRIPTION").is_empty());
            alarm.get("TRIGGER")
        })
        .collect();
    assert_eq!(triggers, ["-P60D", "-P30D", "-P7D", "-P1D"]);
    assert_eq!(reminder::ALARM_TRIGGERS, ["-P60D", "-P30D", "-P7D", "-P1D"]);
}

#[test]
fn expiry_reminder_for_a_short_certificate_falls_on_its_expiry_day() {
    let mut input = acme_input();
    input.validity_days = "10".to_owned();
    let setup = valid(&input);
    let certificate = certificate_for(&setup);
    let components = parse_ics(&reminder::expiry_ics(&setup, &certificate, NOW));
    assert_eq!(components.len(), 1);
    assert_eq!(components[0].get("DTSTART"), "20261209");
    assert_eq!(components[0].get("DTSTAMP"), "20261129T162000Z");
}

#[test]
fn expiry_reminder_folds_long_non_ascii_text_without_splitting_characters() {
    let mut input = acme_input();
    input.display_label = "é🙂;,\\".repeat(40);
    let setup = valid(&input);
    let certificate = certificate_for(&setup);
    let ics = reminder::expiry_ics(&setup, &certificate, NOW);
    let components = parse_ics(&ics);
    assert!(components[0].get("SUMMARY").contains(&setup.display_label));
}
