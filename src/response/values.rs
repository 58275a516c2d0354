//! The value lines: NameID, the email and group attributes, and Status.

use super::checks::{fail, line, pass};
use super::dsig::text_of;
use super::{Attribute, Check, CheckLine, PROTOCOL_NS, Status};
use crate::setup::NAME_ID_FORMAT_EMAIL;
use roxmltree::Node;

const SUCCESS: &str = "urn:oasis:names:tc:SAML:2.0:status:Success";

/// Whether the Response says the sign-in was refused: a top StatusCode other than Success.
pub(super) fn refused(root: Node<'_, '_>) -> bool {
    root.children()
        .filter(|n| n.is_element() && n.has_tag_name((PROTOCOL_NS, "Status")))
        .flat_map(|s| s.children())
        .find(|n| n.is_element() && n.has_tag_name((PROTOCOL_NS, "StatusCode")))
        .and_then(|c| c.attribute("Value"))
        .is_some_and(|value| !value.is_empty() && value != SUCCESS)
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
pub(super) fn name_id_line(
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

pub(super) fn email_attribute_line(attributes: &[Attribute], name: &str) -> CheckLine {
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

pub(super) fn group_attribute_line(attributes: &[Attribute], name: &str) -> CheckLine {
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

pub(super) fn status_line(root: Node<'_, '_>) -> CheckLine {
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
