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
use super::shape::Found;
use super::urls::{audience_line, destination_line, recipient_line};
use super::values::{
    email_attribute_line, group_attribute_line, name_id_line, refused, status_line,
};
use super::{ASSERTION_NS, Attribute, Check, CheckLine, Expected, Report, Status, Verifier};
use super::{certificates, signature, time};
use roxmltree::Node;

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

pub(super) fn line(check: Check, status: Status, detail: String, fix: Option<String>) -> CheckLine {
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
pub const ENCRYPTED_HOW_TO: &str = "To check what it holds, turn assertion encryption off for one test sign-in (in Cloudflare One, the identity provider's SAML encryption, and in the identity provider) and check that response here, or use Test on the identity provider in Cloudflare One → Integrations → Identity providers.";

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
            report.lines.extend(certificates::validity(
                signatures.validity.as_ref(),
                now_unix,
            ));
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
            format!(
                "{what} encrypted for Cloudflare; {} contents cannot be checked here.",
                if encrypted_id as usize + encrypted_attributes == 1 {
                    "its"
                } else {
                    "their"
                }
            ),
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
    report.lines.extend(certificates::validity(
        signatures.validity.as_ref(),
        now_unix,
    ));
    report
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
