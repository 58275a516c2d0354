//! The URL lines: Destination, Recipient and Audience against the callback URL (which is also
//! the SP Entity ID), or, without a setup, against its shape.

use super::checks::{fail, first, line, pass, saml};
use super::dsig::text_of;
use super::{Check, CheckLine, Expected, Status};
use roxmltree::Node;

const BEARER: &str = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

/// The Cloudflare Access callback URL's shape, for checking a URL without knowing the team.
const CALLBACK_SHAPE: &str =
    "https://<your-team-name>.cloudflareaccess.com/cdn-cgi/access/callback";

/// The team name when `url` has the shape of a Cloudflare Access callback URL
/// (`https://<team>.cloudflareaccess.com/cdn-cgi/access/callback`).
fn callback_team(url: &str) -> Option<&str> {
    let team = url
        .strip_prefix("https://")?
        .strip_suffix(".cloudflareaccess.com/cdn-cgi/access/callback")?;
    (!team.is_empty() && team.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .then_some(team)
}

/// A URL line without a setup: the URL's shape, not the team.
fn shape_line(check: Check, what: &str, url: &str) -> CheckLine {
    match callback_team(url) {
        Some(team) => pass(
            check,
            format!(
                "{what} is {url}, a Cloudflare Access callback URL (team {team}); with no setup, the team is not compared."
            ),
        ),
        None => fail(
            check,
            format!("{what} is {url}, not a Cloudflare Access callback URL ({CALLBACK_SHAPE})."),
            acs_fix(CALLBACK_SHAPE),
        ),
    }
}

pub(super) fn destination_line(root: Node<'_, '_>, setup: Option<&Expected>) -> CheckLine {
    let callback = setup.map(Expected::callback_url);
    match (root.attribute("Destination"), callback) {
        (Some(destination), Some(callback)) if destination == callback => pass(
            Check::Destination,
            format!("Destination is the callback URL {callback}."),
        ),
        (Some(destination), Some(callback)) => fail(
            Check::Destination,
            format!("Destination is {destination}, not {callback}."),
            acs_fix(&callback),
        ),
        (Some(destination), None) => shape_line(Check::Destination, "Destination", destination),
        (None, _) => pass(
            Check::Destination,
            "The Response has no Destination (optional when JumpCloud signs the Assertion)."
                .to_owned(),
        ),
    }
}

fn acs_fix(callback: &str) -> String {
    format!("In JumpCloud, the app's SSO tab: set ACS URLs (the Default URL) to {callback}.")
}

pub(super) fn recipient_line(assertion: Node<'_, '_>, callback: Option<&str>) -> CheckLine {
    let data: Vec<_> = first(assertion, &["Subject"])
        .into_iter()
        .flat_map(|s| saml(s, "SubjectConfirmation"))
        .filter(|c| c.attribute("Method").is_none_or(|m| m == BEARER))
        .flat_map(|c| saml(c, "SubjectConfirmationData"))
        .collect();
    let recipients: Vec<&str> = data
        .iter()
        .filter_map(|d| d.attribute("Recipient"))
        .collect();
    let Some(callback) = callback else {
        return match recipients.first() {
            Some(recipient) => shape_line(Check::Recipient, "Recipient", recipient),
            None => line(
                Check::Recipient,
                Status::Warning,
                "The bearer SubjectConfirmationData has no Recipient.".to_owned(),
                Some(acs_fix(CALLBACK_SHAPE)),
            ),
        };
    };
    if recipients.contains(&callback) {
        pass(
            Check::Recipient,
            format!("Recipient is the callback URL {callback}."),
        )
    } else if let Some(other) = recipients.first() {
        fail(
            Check::Recipient,
            format!("Recipient is {other}, not {callback}."),
            acs_fix(callback),
        )
    } else {
        line(
            Check::Recipient,
            Status::Warning,
            "The bearer SubjectConfirmationData has no Recipient.".to_owned(),
            Some(acs_fix(callback)),
        )
    }
}

pub(super) fn audience_line(assertion: Node<'_, '_>, callback: Option<&str>) -> CheckLine {
    let audiences: Vec<String> = first(assertion, &["Conditions"])
        .into_iter()
        .flat_map(|c| saml(c, "AudienceRestriction"))
        .flat_map(|r| saml(r, "Audience"))
        .map(|a| text_of(a).trim().to_owned())
        .collect();
    let fix = format!(
        "In JumpCloud, the app's SSO tab: set SP Entity ID to {}.",
        callback.unwrap_or(CALLBACK_SHAPE)
    );
    let Some(callback) = callback else {
        return match audiences.first() {
            None => line(
                Check::Audience,
                Status::Warning,
                "The Assertion names no Audience.".to_owned(),
                Some(fix),
            ),
            Some(audience) if callback_team(audience).is_some() => {
                shape_line(Check::Audience, "Audience", audience)
            }
            Some(_) => fail(
                Check::Audience,
                format!(
                    "Audience is {}, not a Cloudflare Access SP Entity ID ({CALLBACK_SHAPE}).",
                    audiences.join(", ")
                ),
                fix,
            ),
        };
    };
    if audiences.iter().any(|a| a == callback) {
        pass(
            Check::Audience,
            format!("Audience is the SP Entity ID {callback}."),
        )
    } else if audiences.is_empty() {
        line(
            Check::Audience,
            Status::Warning,
            "The Assertion names no Audience.".to_owned(),
            Some(fix),
        )
    } else {
        fail(
            Check::Audience,
            format!(
                "Audience is {}, not the SP Entity ID {callback}.",
                audiences.join(", ")
            ),
            fix,
        )
    }
}
