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
use super::signature;
use super::time;
use super::{ASSERTION_NS, Attribute, Check, CheckLine, Expected, PROTOCOL_NS, Report, Status};
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

/// Every check, in order.
pub fn run(root: Node<'_, '_>, expected: &Expected, now_unix: u64) -> Report {
    let signatures = signature::check(root, expected);
    let mut report = Report {
        lines: Vec::new(),
        name_id: None,
        name_id_format: None,
        attributes: Vec::new(),
        pretty_xml: String::new(),
    };
    let status = status_line(root);
    let Some(assertion) = signatures.assertion else {
        // Nothing in it is read: no values, no other lines (a failed login has no Assertion).
        if status.status == Status::Fail {
            report.lines.push(status);
        }
        report.lines.extend(signatures.lines);
        return report;
    };
    report.lines.extend(signatures.lines);
    let callback = expected.callback_url();
    report.lines.push(issuer_line(root, assertion, expected));
    report.lines.push(match root.attribute("Destination") {
        Some(destination) if destination == callback => pass(
            Check::Destination,
            format!("Destination is the callback URL {callback}."),
        ),
        Some(destination) => fail(
            Check::Destination,
            format!("Destination is {destination}, not {callback}."),
            acs_fix(&callback),
        ),
        None => pass(
            Check::Destination,
            "The Response has no Destination (optional when JumpCloud signs the Assertion)."
                .to_owned(),
        ),
    });
    report.lines.push(recipient_line(assertion, &callback));
    report.lines.push(audience_line(assertion, &callback));
    let name_id = first(assertion, &["Subject", "NameID"]);
    report.name_id = name_id.map(text_of);
    report.name_id_format = name_id
        .and_then(|n| n.attribute("Format"))
        .map(str::to_owned);
    report.lines.push(name_id_line(
        report.name_id.as_deref(),
        report.name_id_format.as_deref(),
        expected,
    ));
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
    if let Some(name) = &expected.email_attribute {
        report
            .lines
            .push(email_attribute_line(&report.attributes, name));
    }
    if let Some(name) = &expected.group_attribute {
        report
            .lines
            .push(group_attribute_line(&report.attributes, name));
    }
    report.lines.push(status);
    report.lines.push(time::window_line(assertion, now_unix));
    report.lines.extend(signature::validity(
        expected,
        signatures.verifying,
        now_unix,
    ));
    report
}

fn acs_fix(callback: &str) -> String {
    format!("In JumpCloud, the app's SSO tab: set ACS URLs (the Default URL) to {callback}.")
}

fn issuer_line(root: Node<'_, '_>, assertion: Node<'_, '_>, expected: &Expected) -> CheckLine {
    let wanted = &expected.idp_entity_id;
    let issuers: Vec<String> = saml(root, "Issuer")
        .chain(saml(assertion, "Issuer"))
        .map(text_of)
        .map(|t| t.trim().to_owned())
        .collect();
    match issuers.iter().find(|issuer| *issuer != wanted) {
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

fn recipient_line(assertion: Node<'_, '_>, callback: &str) -> CheckLine {
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

fn audience_line(assertion: Node<'_, '_>, callback: &str) -> CheckLine {
    let audiences: Vec<String> = first(assertion, &["Conditions"])
        .into_iter()
        .flat_map(|c| saml(c, "AudienceRestriction"))
        .flat_map(|r| saml(r, "Audience"))
        .map(|a| text_of(a).trim().to_owned())
        .collect();
    let fix = format!("In JumpCloud, the app's SSO tab: set SP Entity ID to {callback}.");
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

fn name_id_line(value: Option<&str>, format: Option<&str>, expected: &Expected) -> CheckLine {
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
        (false, _) if expected.email_attribute.is_some() => line(
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
    let code = root
        .children()
        .find(|n| n.is_element() && n.has_tag_name((PROTOCOL_NS, "Status")));
    let top = code.and_then(|s| {
        s.children()
            .find(|n| n.is_element() && n.has_tag_name((PROTOCOL_NS, "StatusCode")))
    });
    let value = top.and_then(|c| c.attribute("Value")).unwrap_or_default();
    if value == SUCCESS {
        return pass(Check::Status, "Status is Success.".to_owned());
    }
    let message = code
        .and_then(|s| {
            s.children()
                .find(|n| n.is_element() && n.has_tag_name((PROTOCOL_NS, "StatusMessage")))
        })
        .map(text_of)
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
    fail(
        Check::Status,
        format!("Status is {}{inner}{}.", if value.is_empty() { "missing".to_owned() } else { short(value) }, if message.is_empty() { String::new() } else { format!(": {message}") }),
        "JumpCloud refused the login. In JumpCloud, check that the user is in a group assigned to the app (User Groups tab) and read the status message above.".to_owned(),
    )
}
