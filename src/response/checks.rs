//! The field lines (Issuer, Destination, Recipient, Audience, NameID, attributes, Status, Time
//! window), read only from the Response and its one Assertion.
//!
//! Console labels: JumpCloud's SSO tab fields **IdP Entity ID**, **SP Entity ID** and the ACS
//! URL, **Include group attribute** with `groups`, and Cloudflare One's **IdP Entity ID or
//! Issuer URL** and **Email attribute name** are from cloudflare/cloudflare-docs
//! src/content/docs/cloudflare-one/integrations/identity-providers/jumpcloud-saml.mdx and
//! generic-saml.mdx. JumpCloud's current SSO tab calls the field **ACS URLs** (with a Default
//! URL) and the NameID settings **SAMLSubject NameID** / **SAMLSubject NameID Format**
//! (JumpCloud support article "SSO application connector fields").

use super::dsig::text_of;
use super::signature::{self, Found};
use super::time;
use super::{
    ASSERTION_NS, Attribute, Check, CheckLine, Expected, PROTOCOL_NS, Report, Status, Verifier,
};
use crate::setup::NAME_ID_FORMAT_EMAIL;
use roxmltree::Node;

const SUCCESS: &str = "urn:oasis:names:tc:SAML:2.0:status:Success";
const BEARER: &str = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

pub(super) fn saml<'a, 'i>(
    node: Node<'a, 'i>,
    name: &'static str,
) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children()
        .filter(move |n| n.is_element() && n.has_tag_name((ASSERTION_NS, name)))
}

pub(super) fn first<'a, 'i>(node: Node<'a, 'i>, path: &[&'static str]) -> Option<Node<'a, 'i>> {
    path.iter().try_fold(node, |at, name| saml(at, name).next())
}

fn line(check: Check, status: Status, detail: String, fix: Option<String>) -> CheckLine {
    CheckLine {
        check,
        status,
        detail,
        fix,
    }
}

pub(super) fn pass(check: Check, detail: String) -> CheckLine {
    line(check, Status::Pass, detail, None)
}

pub(super) fn fail(check: Check, detail: String, fix: String) -> CheckLine {
    line(check, Status::Fail, detail, Some(fix))
}

/// How to check what an encrypted Assertion holds. Cloudflare Access can ask the identity
/// provider to encrypt assertions since 2026-06-03 (a toggle in the identity provider's
/// configuration; changelog "SAML assertion encryption for identity providers", and
/// cloudflare/cloudflare-docs …/identity-providers/generic-saml.mdx "Encrypt SAML
/// assertions"); Test is the identity provider's test in Cloudflare One → Integrations →
/// Identity providers (…/identity-providers/index.mdx "Test IdPs in Cloudflare One").
pub const ENCRYPTED_HOW_TO: &str = "The assertion is encrypted for Cloudflare, so what it holds was not checked. To check it, turn assertion encryption off for one test sign-in (in Cloudflare One, the identity provider's SAML encryption, and in the identity provider) and check that response here, or use Test on the identity provider in Cloudflare One → Integrations → Identity providers.";

/// What a line that needs a setup says without one.
fn no_setup(check: Check, found: &str) -> CheckLine {
    line(
        check,
        Status::NotChecked,
        format!("Not checked: no setup. {found}"),
        Some(signature::NO_SETUP_FIX.to_owned()),
    )
}

/// Every check, in order. `setup` is `None` when no setup is known: the lines that need one
/// are Not checked, the others are checked as usual.
pub fn run(
    root: Node<'_, '_>,
    setup: Option<&Expected>,
    verifier: Verifier,
    now_unix: u64,
) -> Report {
    let signatures = signature::check(root, setup, verifier);
    let mut report = Report {
        lines: Vec::new(),
        name_id: None,
        name_id_format: None,
        attributes: Vec::new(),
        pretty_xml: String::new(),
    };
    let status = status_line(root);
    let assertion = match signatures.found {
        Found::Refused => {
            // Nothing in it is read: no values, no other lines.
            if status.status == Status::Fail {
                report.lines.push(status);
            }
            report.lines.extend(signatures.lines);
            return report;
        }
        Found::None => {
            // A failed sign-in has no Assertion; a successful one always does.
            if !refused(root) {
                report.lines.push(fail(
                    Check::Assertion,
                    "No Assertion found: paste the whole SAMLResponse value. The response holds no Assertion (and no EncryptedAssertion), which every successful sign-in carries.".to_owned(),
                    "Paste the whole SAMLResponse value from the POST to /cdn-cgi/access/callback; a copy cut short loses the Assertion.".to_owned(),
                ));
            }
            report.lines.push(status);
            return report;
        }
        Found::Encrypted => {
            report.lines.extend(signatures.lines);
            report.lines.push(line(
                Check::Encryption,
                Status::Warning,
                "The assertion is encrypted for Cloudflare; its contents cannot be checked here."
                    .to_owned(),
                Some(ENCRYPTED_HOW_TO.to_owned()),
            ));
            report.lines.push(issuer_line(root, None, setup));
            report.lines.push(destination_line(root, setup));
            report.lines.push(status);
            report.lines.push(time::issued_line(root, now_unix));
            report
                .lines
                .extend(signature::validity(signatures.validity.as_ref(), now_unix));
            return report;
        }
        Found::Plain(assertion) => assertion,
    };
    report.lines.extend(signatures.lines);
    let encrypted_id = first(assertion, &["Subject", "EncryptedID"]).is_some();
    let encrypted_attributes = first(assertion, &["AttributeStatement"])
        .map_or(0, |statement| saml(statement, "EncryptedAttribute").count());
    if encrypted_id || encrypted_attributes > 0 {
        let what = match (encrypted_id, encrypted_attributes) {
            (true, 0) => "The NameID is".to_owned(),
            (false, 1) => "One attribute is".to_owned(),
            (false, n) => format!("{n} attributes are"),
            (true, 1) => "The NameID and one attribute are".to_owned(),
            (true, n) => format!("The NameID and {n} attributes are"),
        };
        report.lines.push(line(
            Check::Encryption,
            Status::Warning,
            format!("{what} encrypted for Cloudflare; their contents cannot be checked here."),
            Some(ENCRYPTED_HOW_TO.to_owned()),
        ));
    }
    report.lines.push(issuer_line(root, Some(assertion), setup));
    report.lines.push(destination_line(root, setup));
    let callback = setup.map(Expected::callback_url);
    report
        .lines
        .push(recipient_line(assertion, callback.as_deref()));
    report
        .lines
        .push(audience_line(assertion, callback.as_deref()));
    let name_id = first(assertion, &["Subject", "NameID"]);
    report.name_id = name_id.map(text_of);
    report.name_id_format = name_id
        .and_then(|n| n.attribute("Format"))
        .map(str::to_owned);
    if report.name_id.is_some() || !encrypted_id {
        report.lines.push(name_id_line(
            report.name_id.as_deref(),
            report.name_id_format.as_deref(),
            setup.map(|s| s.email_attribute.is_some()),
        ));
    }
    report.attributes = first(assertion, &["AttributeStatement"])
        .map(|statement| {
            saml(statement, "Attribute")
                .map(|a| Attribute {
                    name: a.attribute("Name").unwrap_or_default().to_owned(),
                    values: saml(a, "AttributeValue").map(text_of).collect(),
                })
                .collect()
        })
        .unwrap_or_default();
    let hidden = |line: CheckLine| {
        if line.status == Status::Fail && encrypted_attributes > 0 {
            CheckLine {
                status: Status::NotChecked,
                detail: format!("{} It may be among the encrypted attributes.", line.detail),
                fix: Some(ENCRYPTED_HOW_TO.to_owned()),
                ..line
            }
        } else {
            line
        }
    };
    if let Some(name) = setup.and_then(|s| s.email_attribute.as_ref()) {
        report
            .lines
            .push(hidden(email_attribute_line(&report.attributes, name)));
    }
    if let Some(name) = setup.and_then(|s| s.group_attribute.as_ref()) {
        report
            .lines
            .push(hidden(group_attribute_line(&report.attributes, name)));
    }
    report.lines.push(status);
    report.lines.push(time::window_line(assertion, now_unix));
    report
        .lines
        .extend(signature::validity(signatures.validity.as_ref(), now_unix));
    report
}

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

fn destination_line(root: Node<'_, '_>, setup: Option<&Expected>) -> CheckLine {
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

/// Whether the Response says the sign-in was refused: a top StatusCode other than Success.
fn refused(root: Node<'_, '_>) -> bool {
    root.children()
        .filter(|n| n.is_element() && n.has_tag_name((PROTOCOL_NS, "Status")))
        .flat_map(|s| s.children())
        .find(|n| n.is_element() && n.has_tag_name((PROTOCOL_NS, "StatusCode")))
        .and_then(|c| c.attribute("Value"))
        .is_some_and(|value| !value.is_empty() && value != SUCCESS)
}

fn acs_fix(callback: &str) -> String {
    format!("In JumpCloud, the app's SSO tab: set ACS URLs (the Default URL) to {callback}.")
}

fn issuer_line(
    root: Node<'_, '_>,
    assertion: Option<Node<'_, '_>>,
    setup: Option<&Expected>,
) -> CheckLine {
    let issuers: Vec<String> = saml(root, "Issuer")
        .chain(assertion.into_iter().flat_map(|a| saml(a, "Issuer")))
        .map(text_of)
        .map(|t| t.trim().to_owned())
        .collect();
    let Some(setup) = setup else {
        return match issuers.first() {
            Some(issuer) => no_setup(
                Check::Issuer,
                &format!(
                    "Issuer is {issuer}; the IdP Entity ID to compare it with comes from a setup."
                ),
            ),
            None if assertion.is_none() => line(
                Check::Issuer,
                Status::NotChecked,
                "The Response has no Issuer; the Assertion's Issuer is inside the encryption."
                    .to_owned(),
                Some(ENCRYPTED_HOW_TO.to_owned()),
            ),
            None => fail(
                Check::Issuer,
                "The Assertion has no Issuer.".to_owned(),
                "In JumpCloud, set the app's IdP Entity ID.".to_owned(),
            ),
        };
    };
    let wanted = &setup.idp_entity_id;
    match issuers.iter().find(|issuer| *issuer != wanted) {
        _ if issuers.is_empty() && assertion.is_none() => line(
            Check::Issuer,
            Status::NotChecked,
            "The Response has no Issuer; the Assertion's Issuer is inside the encryption."
                .to_owned(),
            Some(ENCRYPTED_HOW_TO.to_owned()),
        ),
        _ if issuers.is_empty() => fail(
            Check::Issuer,
            "The Assertion has no Issuer.".to_owned(),
            format!("In JumpCloud, set IdP Entity ID to {wanted}."),
        ),
        Some(other) => fail(
            Check::Issuer,
            format!("Issuer is {other}, but the IdP Entity ID is {wanted}."),
            format!(
                "Make the two match: in JumpCloud, the app's IdP Entity ID ({other} now), or in Cloudflare One, IdP Entity ID or Issuer URL ({wanted} now)."
            ),
        ),
        None => pass(
            Check::Issuer,
            format!("Issuer is the IdP Entity ID {wanted}."),
        ),
    }
}

fn recipient_line(assertion: Node<'_, '_>, callback: Option<&str>) -> CheckLine {
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

fn audience_line(assertion: Node<'_, '_>, callback: Option<&str>) -> CheckLine {
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

/// Whether `text` looks like an email address: one `@`, something before it, a dot in a
/// domain after it, no spaces.
fn looks_like_email(text: &str) -> bool {
    match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !text.contains(char::is_whitespace)
        }
        None => false,
    }
}

/// `email_attribute`: whether Cloudflare's Email attribute name is set (`None`: no setup).
fn name_id_line(
    value: Option<&str>,
    format: Option<&str>,
    email_attribute: Option<bool>,
) -> CheckLine {
    let fix = format!(
        "In JumpCloud, the app's SSO tab: set SAMLSubject NameID to email and SAMLSubject NameID Format to {NAME_ID_FORMAT_EMAIL}."
    );
    let Some(value) = value else {
        return fail(
            Check::NameId,
            "The Assertion has no NameID.".to_owned(),
            fix,
        );
    };
    let email = looks_like_email(value);
    match (email, format == Some(NAME_ID_FORMAT_EMAIL)) {
        (true, true) => pass(
            Check::NameId,
            format!("NameID is {value} (emailAddress format)."),
        ),
        (true, false) => line(
            Check::NameId,
            Status::Warning,
            format!(
                "NameID is {value}, but its format is {}.",
                format.unwrap_or("not given")
            ),
            Some(fix),
        ),
        // Cloudflare reads the email from the NameID unless an email attribute is set.
        (false, _) if email_attribute.is_none() => line(
            Check::NameId,
            Status::Warning,
            format!(
                "NameID is {value}, not an email address: Cloudflare reads the user's email from it unless its Email attribute name is set (no setup here to tell)."
            ),
            Some(fix),
        ),
        (false, _) if email_attribute == Some(true) => line(
            Check::NameId,
            Status::Warning,
            format!(
                "NameID is {value}, not an email address (Cloudflare reads the email from the email attribute instead)."
            ),
            Some(fix),
        ),
        (false, _) => fail(
            Check::NameId,
            format!(
                "NameID is {value}, not an email address, and Cloudflare reads the user's email from it."
            ),
            fix,
        ),
    }
}

fn email_attribute_line(attributes: &[Attribute], name: &str) -> CheckLine {
    let found = attributes.iter().find(|a| a.name == name);
    let fix = format!(
        "In JumpCloud, the app's SSO tab: add a SAML attribute named {name} with the user's email, or in Cloudflare One clear Email attribute name to use the NameID."
    );
    match found.map(|a| a.values.as_slice()) {
        Some([value]) if looks_like_email(value) => {
            pass(Check::EmailAttribute, format!("{name} is {value}."))
        }
        Some([]) | None => fail(
            Check::EmailAttribute,
            format!(
                "The response has no attribute named {name}, which Cloudflare's Email attribute name asks for."
            ),
            fix,
        ),
        Some(values) => fail(
            Check::EmailAttribute,
            format!("{name} is {}, not one email address.", values.join(", ")),
            fix,
        ),
    }
}

fn group_attribute_line(attributes: &[Attribute], name: &str) -> CheckLine {
    // Cloudflare: the groups field "must match exactly (case insensitive)" (generic-saml.mdx).
    match attributes
        .iter()
        .find(|a| a.name.eq_ignore_ascii_case(name))
    {
        Some(a) if !a.values.is_empty() => pass(
            Check::GroupAttribute,
            format!("{} lists {}.", a.name, a.values.join(", ")),
        ),
        Some(a) => line(
            Check::GroupAttribute,
            Status::Warning,
            format!("{} is present but lists no group.", a.name),
            Some(
                "In JumpCloud, the app's User Groups tab: assign the user's groups to the app."
                    .to_owned(),
            ),
        ),
        None => fail(
            Check::GroupAttribute,
            format!("The response has no {name} attribute."),
            format!(
                "In JumpCloud, the app's SSO tab: select Include group attribute and enter {name}."
            ),
        ),
    }
}

fn status_line(root: Node<'_, '_>) -> CheckLine {
    let Some(code) = root
        .children()
        .find(|n| n.is_element() && n.has_tag_name((PROTOCOL_NS, "Status")))
    else {
        return fail(
            Check::Status,
            "The Response has no Status, which every SAML response carries.".to_owned(),
            "Paste the whole SAMLResponse value from the POST to /cdn-cgi/access/callback; JumpCloud's responses carry a Status with a StatusCode.".to_owned(),
        );
    };
    let top = code
        .children()
        .find(|n| n.is_element() && n.has_tag_name((PROTOCOL_NS, "StatusCode")));
    let value = top.and_then(|c| c.attribute("Value")).unwrap_or_default();
    if value == SUCCESS {
        return pass(Check::Status, "Status is Success.".to_owned());
    }
    if value.is_empty() {
        return fail(
            Check::Status,
            "The Status has no StatusCode value, so it does not say whether the sign-in succeeded.".to_owned(),
            "Paste the whole SAMLResponse value from the POST to /cdn-cgi/access/callback; JumpCloud's responses carry a Status with a StatusCode.".to_owned(),
        );
    }
    let message = code
        .children()
        .find(|n| n.is_element() && n.has_tag_name((PROTOCOL_NS, "StatusMessage")))
        .map(text_of)
        .map(|m| m.trim().to_owned())
        .unwrap_or_default();
    let short = |v: &str| v.rsplit(':').next().unwrap_or_default().to_owned();
    let inner = top
        .and_then(|c| {
            c.children()
                .find(|n| n.is_element() && n.has_tag_name((PROTOCOL_NS, "StatusCode")))
        })
        .and_then(|c| c.attribute("Value"))
        .map(|v| format!(" / {}", short(v)))
        .unwrap_or_default();
    let refused = "JumpCloud refused the login. In JumpCloud, check that the user is in a group assigned to the app (User Groups tab)";
    fail(
        Check::Status,
        format!(
            "Status is {}{inner}{}.",
            short(value),
            if message.is_empty() {
                String::new()
            } else {
                format!(": {message}")
            }
        ),
        if message.is_empty() {
            format!("{refused}.")
        } else {
            format!("{refused} and read the status message above.")
        },
    )
}
