//! Setup outputs: form validation, every value and file, checked with real parsers and against
//! golden files.
//!
//! Golden files live in `tests/golden/`. After an intended change to an output, regenerate them
//! with
//!
//! ```sh
//! UPDATE_GOLDEN=1 cargo test --test it setup::
//! ```
//!
//! and review `git diff tests/golden` before committing. Without `UPDATE_GOLDEN=1` a test fails
//! at the first line that differs.

mod cloudflare;
mod files;
mod force_authn;
mod form;
mod guide;
mod jumpcloud;
mod metadata;
mod outputs;
mod reminder;
mod rotation;
mod schema;
mod terraform;

use crate::common::*;
use base64ct::Encoding;
use saml_idp_kit::pki::{Certificate, CertificateOptions, KeyFormat, KeySize};
use saml_idp_kit::setup::files::OutputFile;
use saml_idp_kit::setup::{
    Field, FormInput, HeaderAttribute, IdentityUpdateBehavior, JumpCloudApp, NamedValue,
    SamlHeaderInput, ScimOptions, Setup, Step, TerraformProvider, normalise_team_name,
};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

pub(super) const DAY: u64 = 86_400;
pub(super) const MD: &str = "urn:oasis:names:tc:SAML:2.0:metadata";
pub(super) const DS: &str = "http://www.w3.org/2000/09/xmldsig#";
pub(super) const EMAIL_FORMAT: &str = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

// ---------------------------------------------------------------------------------------------
// Fixtures and helpers

pub(super) fn acme_input() -> FormInput {
    FormInput {
        team_name: "acme".to_owned(),
        ..FormInput::default()
    }
}

pub(super) fn valid(input: &FormInput) -> Setup {
    input
        .validate()
        .unwrap_or_else(|problems| panic!("form must be valid, got {problems:?}"))
}

pub(super) fn acme() -> Setup {
    valid(&acme_input())
}

/// Every option of the SCIM, groups, headers and Terraform choices turned on: the scenario
/// "Enable SCIM + both deprovisioning options + Group membership change reauthentication,
/// Include group attribute, JumpCloud groups allowed = Engineering, Sales", plus two SAML
/// headers.
pub(super) fn full_input() -> FormInput {
    FormInput {
        scim_enabled: true,
        scim_user_deprovision: true,
        scim_seat_deprovision: true,
        scim_identity_update_behavior: IdentityUpdateBehavior::Reauth,
        include_groups_attribute: true,
        allowed_groups: "Engineering, Sales".to_owned(),
        saml_headers: vec![
            SamlHeaderInput {
                attribute_name: "department".to_owned(),
                header_name: "X-Department".to_owned(),
            },
            SamlHeaderInput {
                attribute_name: "email".to_owned(),
                header_name: "X-Email".to_owned(),
            },
        ],
        ..acme_input()
    }
}

pub(super) fn full() -> Setup {
    valid(&full_input())
}

/// The certificate the page would issue for this setup, with the fixed key, clock and serial.
pub(super) fn certificate_for(setup: &Setup) -> Certificate {
    certificate_with(&setup.certificate)
}

/// An older certificate for the same key, as during a rotation.
pub(super) fn older_certificate() -> Certificate {
    Certificate::issue(
        &fixed_key(),
        &CertificateOptions::default(),
        NOW - 1000 * DAY,
        &mut TestRng::new("older"),
    )
    .expect("older certificate must issue")
}

pub(super) fn key_pem() -> String {
    fixed_key()
        .to_pem(KeyFormat::Pkcs8)
        .expect("fixture key must encode")
        .to_string()
}

pub(super) fn decode_base64(text: &str) -> Vec<u8> {
    base64ct::Base64::decode_vec(text)
        .unwrap_or_else(|error| panic!("not one-line base64 ({error}): {text:?}"))
}

pub(super) fn golden_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("golden")
        .join(name)
}

/// Compares `actual` with `tests/golden/<name>` byte for byte, or rewrites the golden file when
/// `UPDATE_GOLDEN=1` (see the top of this file).
pub(super) fn golden(name: &str, actual: &str) {
    let path = golden_path(name);
    if std::env::var("UPDATE_GOLDEN").as_deref() == Ok("1") {
        std::fs::write(&path, actual).expect("golden file must be writable");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!(
            "cannot read golden file {} ({error}); create it with UPDATE_GOLDEN=1 cargo test --test it setup::",
            path.display()
        )
    });
    if expected == actual {
        return;
    }
    let mut expected_lines = expected.split_inclusive('\n');
    let mut actual_lines = actual.split_inclusive('\n');
    for number in 1.. {
        match (expected_lines.next(), actual_lines.next()) {
            (Some(e), Some(a)) if e == a => continue,
            (e, a) => panic!(
                "{name} differs from {} at line {number}:\n  golden: {e:?}\n  actual: {a:?}\n\
                 If the change is intended, run UPDATE_GOLDEN=1 cargo test --test it setup:: and review the diff.",
                path.display()
            ),
        }
    }
}

/// Named values as text for golden files: `label: value`, then an indented note.
pub(super) fn render(values: &[NamedValue]) -> String {
    let mut text = String::new();
    for value in values {
        text.push_str(&format!("{}: {}\n", value.label, value.value));
        if let Some(note) = &value.note {
            text.push_str(&format!("    ({note})\n"));
        }
    }
    text
}

/// Steps as text for golden files: the numbered instruction, then its values.
pub(super) fn render_steps(steps: &[Step]) -> String {
    let mut text = String::new();
    for (index, step) in steps.iter().enumerate() {
        text.push_str(&format!("{}. {}\n", index + 1, step.text));
        for line in render(&step.values).lines() {
            text.push_str(&format!("   {line}\n"));
        }
    }
    text
}

pub(super) fn value_of<'a>(values: &'a [NamedValue], label: &str) -> &'a str {
    &values
        .iter()
        .find(|v| v.label == label)
        .unwrap_or_else(|| panic!("no value labelled {label:?} in {values:?}"))
        .value
}

pub(super) fn parse_json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|error| panic!("JSON must parse ({error}):\n{text}"))
}

pub(super) fn parse_xml(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text)
        .unwrap_or_else(|error| panic!("XML must parse ({error}):\n{text}"))
}

/// The ID the evaluation context gives the identity provider, so the Access group's reference
/// `cloudflare_zero_trust_access_identity_provider.jumpcloud.id` evaluates.
pub(super) const TERRAFORM_IDP_ID: &str = "idp-123";

/// Evaluates the Terraform file with a real HCL implementation (templates, escapes and all)
/// into JSON, with the account ID variable and the identity provider's ID set.
pub(super) fn eval_terraform(text: &str) -> serde_json::Value {
    let mut context = hcl::eval::Context::new();
    let mut var = hcl::Map::new();
    var.insert(
        "cloudflare_account_id".to_owned(),
        hcl::Value::from("account-123"),
    );
    context.declare_var("var", hcl::Value::Object(var));
    let mut jumpcloud = hcl::Map::new();
    jumpcloud.insert("id".to_owned(), hcl::Value::from(TERRAFORM_IDP_ID));
    let mut provider = hcl::Map::new();
    provider.insert("jumpcloud".to_owned(), hcl::Value::Object(jumpcloud));
    context.declare_var(
        "cloudflare_zero_trust_access_identity_provider",
        hcl::Value::Object(provider),
    );
    // `type = string` in the variable block is a type keyword, a bare name to HCL.
    context.declare_var("string", "string");
    hcl::eval::from_str(text, &context)
        .unwrap_or_else(|error| panic!("Terraform must parse and evaluate ({error}):\n{text}"))
}

pub(super) fn terraform_config(text: &str) -> serde_json::Value {
    let evaluated = eval_terraform(text);
    let resource =
        &evaluated["resource"]["cloudflare_zero_trust_access_identity_provider"]["jumpcloud"];
    assert_eq!(resource["account_id"], "account-123");
    assert_eq!(resource["type"], "saml");
    resource.clone()
}

pub(super) fn child<'a, 'input>(
    node: roxmltree::Node<'a, 'input>,
    namespace: &str,
    name: &str,
) -> Vec<roxmltree::Node<'a, 'input>> {
    node.children()
        .filter(|n| n.tag_name().namespace() == Some(namespace) && n.tag_name().name() == name)
        .collect()
}

pub(super) fn only_child<'a, 'input>(
    node: roxmltree::Node<'a, 'input>,
    namespace: &str,
    name: &str,
) -> roxmltree::Node<'a, 'input> {
    let found = child(node, namespace, name);
    assert_eq!(
        found.len(),
        1,
        "expected one {name} under {:?}",
        node.tag_name()
    );
    found[0]
}

/// Runs a command; bash and python3 are on every machine this project supports, so a missing
/// program fails the test rather than skipping it.
pub(super) fn run_command(command: &mut Command, stdin: Option<&str>) -> std::process::Output {
    use std::io::Write;
    use std::process::Stdio;
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let program = command.get_program().to_owned();
    let mut child = command
        .spawn()
        .unwrap_or_else(|error| panic!("cannot run {program:?}: {error}"));
    if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
        pipe.write_all(text.as_bytes())
            .expect("stdin must take the input");
    }
    child.wait_with_output().expect("the command must finish")
}
