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

use crate::common::*;
use base64ct::Encoding;
use saml_idp_kit::pki::{Certificate, CertificateOptions, KeyFormat, KeySize};
use saml_idp_kit::setup::files::{self, OutputFile};
use saml_idp_kit::setup::{
    Field, FormInput, NamedValue, Setup, cloudflare, jumpcloud, metadata, normalise_team_name,
    reminder,
};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

const DAY: u64 = 86_400;
const MD: &str = "urn:oasis:names:tc:SAML:2.0:metadata";
const DS: &str = "http://www.w3.org/2000/09/xmldsig#";
const EMAIL_FORMAT: &str = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

// ---------------------------------------------------------------------------------------------
// Fixtures and helpers

fn acme_input() -> FormInput {
    FormInput {
        team_name: "acme".to_owned(),
        ..FormInput::default()
    }
}

fn valid(input: &FormInput) -> Setup {
    match input.validate() {
        Ok(setup) => setup,
        Err(problems) => panic!("form must be valid, got {problems:?}"),
    }
}

fn acme() -> Setup {
    valid(&acme_input())
}

/// The certificate the page would issue for this setup, with the fixed key, clock and serial.
fn certificate_for(setup: &Setup) -> Certificate {
    certificate_with(&setup.certificate)
}

/// An older certificate for the same key, as during a rotation.
fn older_certificate() -> Certificate {
    match Certificate::issue(
        &fixed_key(),
        &CertificateOptions::default(),
        NOW - 1000 * DAY,
        &mut TestRng::new("older"),
    ) {
        Ok(certificate) => certificate,
        Err(error) => panic!("older certificate must issue: {error}"),
    }
}

fn key_pem() -> String {
    match fixed_key().to_pem(KeyFormat::Pkcs8) {
        Ok(pem) => pem.to_string(),
        Err(error) => panic!("fixture key must encode: {error}"),
    }
}

fn decode_base64(text: &str) -> Vec<u8> {
    match base64ct::Base64::decode_vec(text) {
        Ok(bytes) => bytes,
        Err(error) => panic!("not one-line base64 ({error}): {text:?}"),
    }
}

fn golden_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("golden")
        .join(name)
}

/// Compares `actual` with `tests/golden/<name>` byte for byte, or rewrites the golden file when
/// `UPDATE_GOLDEN=1` (see the top of this file).
fn golden(name: &str, actual: &str) {
    let path = golden_path(name);
    if std::env::var("UPDATE_GOLDEN").as_deref() == Ok("1") {
        if let Err(error) = std::fs::write(&path, actual) {
            panic!("cannot write {}: {error}", path.display());
        }
        return;
    }
    let expected = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => panic!(
            "cannot read golden file {} ({error}); create it with UPDATE_GOLDEN=1 cargo test --test it setup::",
            path.display()
        ),
    };
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
fn render(values: &[NamedValue]) -> String {
    let mut text = String::new();
    for value in values {
        text.push_str(&format!("{}: {}\n", value.label, value.value));
        if let Some(note) = &value.note {
            text.push_str(&format!("    ({note})\n"));
        }
    }
    text
}

fn value_of<'a>(values: &'a [NamedValue], label: &str) -> &'a str {
    match values.iter().find(|v| v.label == label) {
        Some(value) => &value.value,
        None => panic!("no value labelled {label:?} in {values:?}"),
    }
}

fn parse_json(text: &str) -> serde_json::Value {
    match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => panic!("JSON must parse ({error}):\n{text}"),
    }
}

fn parse_xml(text: &str) -> roxmltree::Document<'_> {
    match roxmltree::Document::parse(text) {
        Ok(document) => document,
        Err(error) => panic!("XML must parse ({error}):\n{text}"),
    }
}

/// Evaluates the Terraform file with a real HCL implementation (templates, escapes and all)
/// into JSON, with the account ID variable set.
fn eval_terraform(text: &str) -> serde_json::Value {
    let mut context = hcl::eval::Context::new();
    let mut var = hcl::Map::new();
    var.insert(
        "cloudflare_account_id".to_owned(),
        hcl::Value::from("account-123"),
    );
    context.declare_var("var", hcl::Value::Object(var));
    // `type = string` in the variable block is a type keyword, a bare name to HCL.
    context.declare_var("string", "string");
    match hcl::eval::from_str(text, &context) {
        Ok(value) => value,
        Err(error) => panic!("Terraform must parse and evaluate ({error}):\n{text}"),
    }
}

fn terraform_config(text: &str) -> serde_json::Value {
    let evaluated = eval_terraform(text);
    let resource =
        &evaluated["resource"]["cloudflare_zero_trust_access_identity_provider"]["jumpcloud"];
    assert_eq!(resource["account_id"], "account-123");
    assert_eq!(resource["type"], "saml");
    resource.clone()
}

fn child<'a, 'input>(
    node: roxmltree::Node<'a, 'input>,
    namespace: &str,
    name: &str,
) -> Vec<roxmltree::Node<'a, 'input>> {
    node.children()
        .filter(|n| n.tag_name().namespace() == Some(namespace) && n.tag_name().name() == name)
        .collect()
}

fn only_child<'a, 'input>(
    node: roxmltree::Node<'a, 'input>,
    namespace: &str,
    name: &str,
) -> roxmltree::Node<'a, 'input> {
    match child(node, namespace, name).as_slice() {
        [one] => *one,
        other => panic!(
            "expected one {name} under {:?}, found {}",
            node.tag_name(),
            other.len()
        ),
    }
}

/// Runs a command; bash and python3 are on every machine this project supports, so a missing
/// program fails the test rather than skipping it.
fn run_command(command: &mut Command, stdin: Option<&str>) -> Option<std::process::Output> {
    use std::io::Write;
    use std::process::Stdio;
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(error) => panic!("cannot run {:?}: {error}", command.get_program()),
    };
    if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take())
        && let Err(error) = pipe.write_all(text.as_bytes())
    {
        panic!("cannot write to {:?}: {error}", command.get_program());
    }
    match child.wait_with_output() {
        Ok(output) => Some(output),
        Err(error) => panic!("{:?} failed: {error}", command.get_program()),
    }
}

// ---------------------------------------------------------------------------------------------
// The form: defaults, labels, persistence, normalisation

#[test]
fn defaults_are_the_documented_ones() {
    let input = FormInput::default();
    assert_eq!(input.team_name, "");
    assert_eq!(
        input.sso_url,
        "https://sso.jumpcloud.com/saml2/cloudflare-access"
    );
    assert_eq!(input.idp_entity_id, "");
    assert!(!input.idp_entity_id_edited);
    assert_eq!(input.login_method_name, "JumpCloud");
    assert_eq!(input.display_label, "Cloudflare Access");
    assert_eq!(input.common_name, "JumpCloud SAML IdP");
    assert_eq!(input.validity_days, "1095");
    assert_eq!(input.key_size, KeySize::Rsa2048);
    assert_eq!(input.key_format, KeyFormat::Pkcs8);
    assert_eq!(input.saml_attributes, "email, name, username");
    assert_eq!(input.email_attribute_name, "");
    assert!(!input.sign_request);
    assert!(!input.legacy_certificate_field);
    // Only the team name is missing.
    assert_eq!(
        input.problems(),
        vec![(Field::TeamName, "Enter your team name.".to_owned())]
    );
}

#[test]
fn the_team_name_alone_makes_a_valid_setup_with_the_guides_values() {
    let setup = acme();
    assert_eq!(setup.team.as_str(), "acme");
    assert_eq!(
        setup.sso_url,
        "https://sso.jumpcloud.com/saml2/cloudflare-access"
    );
    assert_eq!(setup.idp_entity_id, "https://acme.cloudflareaccess.com/");
    assert_eq!(setup.login_method_name, "JumpCloud");
    assert_eq!(setup.display_label, "Cloudflare Access");
    assert_eq!(setup.attributes, ["email", "name", "username"]);
    assert_eq!(setup.email_attribute_name, "");
    assert_eq!(setup.certificate, CertificateOptions::default());
    assert_eq!(setup.key_size, KeySize::Rsa2048);
    assert_eq!(setup.key_format, KeyFormat::Pkcs8);
}

#[test]
fn team_urls_follow_cloudflares_pattern() {
    let team = acme().team;
    assert_eq!(team.team_domain(), "acme.cloudflareaccess.com");
    assert_eq!(
        team.callback_url(),
        "https://acme.cloudflareaccess.com/cdn-cgi/access/callback"
    );
    assert_eq!(
        team.sp_metadata_url(),
        "https://acme.cloudflareaccess.com/cdn-cgi/access/saml-metadata"
    );
    assert_eq!(
        team.default_idp_entity_id(),
        "https://acme.cloudflareaccess.com/"
    );
    assert_eq!(team.to_string(), "acme");
}

#[test]
fn field_labels_are_the_pages_contract() {
    let labels: Vec<&str> = Field::ALL.iter().map(|f| f.label()).collect();
    assert_eq!(
        labels,
        [
            "Team name",
            "JumpCloud SSO URL",
            "IdP Entity ID",
            "Login method name",
            "JumpCloud display label",
            "Common name (CN)",
            "Organization (O)",
            "Organizational unit (OU)",
            "Locality (L)",
            "State or province (ST)",
            "Country (C)",
            "Email address",
            "Validity (days)",
            "SAML attributes",
            "Email attribute name",
        ]
    );
    let mut ids: Vec<&str> = Field::ALL.iter().map(|f| f.id()).collect();
    assert!(
        ids.iter()
            .all(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
    );
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), Field::ALL.len(), "ids must be unique");
    // Form order is the enum order, which problems are sorted by.
    let mut sorted = Field::ALL;
    sorted.sort();
    assert_eq!(sorted, Field::ALL);
}

#[test]
fn inputs_round_trip_through_json_and_missing_fields_take_defaults() -> Result<(), serde_json::Error>
{
    let input = FormInput {
        team_name: "acme".to_owned(),
        idp_entity_id: "urn:acme:jumpcloud".to_owned(),
        idp_entity_id_edited: true,
        key_size: KeySize::Rsa4096,
        key_format: KeyFormat::Pkcs1,
        sign_request: true,
        ..FormInput::default()
    };
    let json = serde_json::to_string(&input)?;
    assert_eq!(serde_json::from_str::<FormInput>(&json)?, input);
    assert_eq!(
        serde_json::from_str::<FormInput>("{}")?,
        FormInput::default()
    );
    let partial: FormInput =
        serde_json::from_str(r#"{"team_name": "beta", "unknown_later_field": 1}"#)?;
    assert_eq!(
        partial,
        FormInput {
            team_name: "beta".to_owned(),
            ..FormInput::default()
        }
    );
    Ok(())
}

#[test]
fn normalised_shows_what_will_be_used() {
    let input = FormInput {
        team_name: "  https://ACME.cloudflareaccess.com/cdn-cgi/access/login ".to_owned(),
        sso_url: " https://sso.jumpcloud.com/saml2/x ".to_owned(),
        login_method_name: " JumpCloud SSO ".to_owned(),
        country: " de ".to_owned(),
        organization: " Acme ".to_owned(),
        validity_days: " 365 ".to_owned(),
        saml_attributes: "email,name\nusername  groups".to_owned(),
        email_attribute_name: " mail ".to_owned(),
        ..FormInput::default()
    };
    let normalised = input.normalised();
    assert_eq!(normalised.team_name, "acme");
    assert_eq!(normalised.sso_url, "https://sso.jumpcloud.com/saml2/x");
    assert_eq!(normalised.login_method_name, "JumpCloud SSO");
    assert_eq!(normalised.country, "DE");
    assert_eq!(normalised.organization, "Acme");
    assert_eq!(normalised.validity_days, "365");
    assert_eq!(normalised.saml_attributes, "email, name, username, groups");
    assert_eq!(normalised.email_attribute_name, "mail");
    assert_eq!(
        normalised.idp_entity_id,
        "https://acme.cloudflareaccess.com/"
    );
    // Normalising twice changes nothing, and the raw input validates to the same setup.
    assert_eq!(normalised.normalised(), normalised);
    let setup = valid(&input);
    assert_eq!(setup, valid(&normalised));
    assert_eq!(setup.certificate.subject.country.as_deref(), Some("DE"));
    assert_eq!(setup.certificate.validity_days, 365);
    assert_eq!(setup.attributes, ["email", "name", "username", "groups"]);

    // Invalid values stay as typed (trimmed) so the user can fix them.
    let bad = FormInput {
        team_name: " Bad_Name! ".to_owned(),
        saml_attributes: " \"email\" ".to_owned(),
        ..FormInput::default()
    }
    .normalised();
    assert_eq!(bad.team_name, "Bad_Name!");
    assert_eq!(bad.saml_attributes, "\"email\"");
    assert_eq!(bad.idp_entity_id, "");
}

#[test]
fn the_idp_entity_id_follows_the_team_until_edited() {
    let mut input = FormInput::default();
    assert_eq!(input.effective_idp_entity_id(), "");
    input.team_name = "acme".to_owned();
    assert_eq!(
        input.effective_idp_entity_id(),
        "https://acme.cloudflareaccess.com/"
    );
    input.team_name = "beta.cloudflareaccess.com".to_owned();
    assert_eq!(
        input.effective_idp_entity_id(),
        "https://beta.cloudflareaccess.com/"
    );
    assert_eq!(
        valid(&input).idp_entity_id,
        "https://beta.cloudflareaccess.com/"
    );
    input.team_name = "-bad".to_owned();
    assert_eq!(input.effective_idp_entity_id(), "");

    input.idp_entity_id = "urn:beta:jumpcloud".to_owned();
    input.idp_entity_id_edited = true;
    input.team_name = "gamma".to_owned();
    assert_eq!(input.effective_idp_entity_id(), "urn:beta:jumpcloud");
    assert_eq!(valid(&input).idp_entity_id, "urn:beta:jumpcloud");
    assert_eq!(
        input.team().map(|t| t.as_str().to_owned()),
        Some("gamma".to_owned())
    );
}

#[test]
fn while_following_an_invalid_team_only_the_team_gets_a_message() {
    let input = FormInput {
        team_name: "-acme".to_owned(),
        ..FormInput::default()
    };
    assert_eq!(
        input.problems(),
        vec![(
            Field::TeamName,
            "A team name cannot start or end with a hyphen.".to_owned()
        )]
    );
    assert_eq!(input.problem(Field::IdpEntityId), None);
    assert_eq!(input.team(), None);
}

#[test]
fn every_bad_field_gets_one_message_in_form_order() {
    let input = FormInput {
        team_name: "Bad_Name!".to_owned(),
        sso_url: "http://sso.jumpcloud.com/saml2/x".to_owned(),
        idp_entity_id: "has space".to_owned(),
        idp_entity_id_edited: true,
        login_method_name: String::new(),
        display_label: "a\nb".to_owned(),
        common_name: String::new(),
        country: "Germany".to_owned(),
        email_address: "nobody".to_owned(),
        validity_days: "0".to_owned(),
        saml_attributes: ",".to_owned(),
        email_attribute_name: "two names".to_owned(),
        ..FormInput::default()
    };
    let problems = input.problems();
    let fields: Vec<Field> = problems.iter().map(|(field, _)| *field).collect();
    assert_eq!(
        fields,
        [
            Field::TeamName,
            Field::SsoUrl,
            Field::IdpEntityId,
            Field::LoginMethodName,
            Field::DisplayLabel,
            Field::CommonName,
            Field::Country,
            Field::EmailAddress,
            Field::ValidityDays,
            Field::SamlAttributes,
            Field::EmailAttributeName,
        ]
    );
    assert!(problems.iter().all(|(_, message)| message.ends_with('.')));
    assert_eq!(
        input.problem(Field::Country),
        Some("Country must be a two-letter code such as US or DE.".to_owned())
    );
    assert_eq!(input.problem(Field::Organization), None);
    assert!(input.validate().is_err());
}

// ---------------------------------------------------------------------------------------------
// Team-name normalisation, one case each

macro_rules! team_name_cases {
    ($($name:ident: $input:expr => $expected:expr;)*) => {$(
        #[test]
        fn $name() {
            let result = normalise_team_name($input)
                .map(|team| team.as_str().to_owned())
                .map_err(|error| error.to_string());
            let expected: Result<&str, &str> = $expected;
            assert_eq!(
                result,
                expected.map(str::to_owned).map_err(str::to_owned),
                "input {:?}",
                $input
            );
        }
    )*};
}

mod team_name {
    use super::*;

    const HINT: &str = "Enter just the team name, for example acme.";
    const CHARACTERS: &str = "A team name can use only letters, digits and hyphens.";
    const HYPHEN: &str = "A team name cannot start or end with a hyphen.";

    team_name_cases! {
        plain: "acme" => Ok("acme");
        upper_case: "ACME" => Ok("acme");
        mixed_case: "Acme" => Ok("acme");
        surrounding_spaces: "  acme \t" => Ok("acme");
        digits_and_hyphens: "acme-2-prod" => Ok("acme-2-prod");
        one_character: "a" => Ok("a");
        team_domain: "acme.cloudflareaccess.com" => Ok("acme");
        team_domain_upper_case: "ACME.CloudflareAccess.COM" => Ok("acme");
        team_domain_trailing_dot: "acme.cloudflareaccess.com." => Ok("acme");
        team_domain_with_path: "acme.cloudflareaccess.com/cdn-cgi/access/login" => Ok("acme");
        https_url: "https://acme.cloudflareaccess.com" => Ok("acme");
        https_url_with_slash: "https://acme.cloudflareaccess.com/" => Ok("acme");
        https_url_with_path: "https://acme.cloudflareaccess.com/any/path" => Ok("acme");
        https_url_with_query_and_fragment: "https://acme.cloudflareaccess.com/p?x=1#y" => Ok("acme");
        http_url_with_path: "http://acme.cloudflareaccess.com/cdn-cgi/access/callback" => Ok("acme");
        upper_case_url: "HTTPS://ACME.CLOUDFLAREACCESS.COM/Any/Path" => Ok("acme");

        empty: "" => Err("Enter your team name.");
        only_spaces: "   " => Err("Enter your team name.");
        underscore_and_bang: "Bad_Name!" => Err(CHARACTERS);
        inner_space: "ac me" => Err(CHARACTERS);
        non_ascii: "acmé" => Err(CHARACTERS);
        kelvin_sign_is_not_k: "\u{212A}ilo" => Err(CHARACTERS);
        leading_hyphen: "-acme" => Err(HYPHEN);
        trailing_hyphen: "acme-" => Err(HYPHEN);
        other_domain: "acme.example.com" => Err(HINT);
        other_domain_url: "https://acme.example.com/" => Err(HINT);
        bare_cloudflareaccess_domain: "cloudflareaccess.com" => Err(HINT);
        empty_label: ".cloudflareaccess.com" => Err(HINT);
        nested_subdomain: "a.b.cloudflareaccess.com" => Err(HINT);
        look_alike_suffix: "acme.cloudflareaccess.com.evil.example" => Err(HINT);
        port: "acme.cloudflareaccess.com:8443" => Err(HINT);
        url_with_port: "https://acme.cloudflareaccess.com:443/" => Err(HINT);
        user_info: "user@acme.cloudflareaccess.com" => Err(HINT);
        url_with_user_info: "https://user:secret@acme.cloudflareaccess.com/" => Err(HINT);
        other_scheme: "ftp://acme.cloudflareaccess.com" => Err(HINT);
        scheme_only: "https://" => Err(HINT);
        bare_label_with_scheme: "https://acme" => Err(HINT);
        bare_label_with_path: "acme/login" => Err(HINT);
    }

    #[test]
    fn sixty_three_letters() {
        let name = "a".repeat(63);
        assert_eq!(
            normalise_team_name(&name).map(|t| t.as_str().to_owned()),
            Ok(name)
        );
    }

    #[test]
    fn sixty_four_letters() {
        assert_eq!(
            normalise_team_name(&"a".repeat(64)).map_err(|error| error.to_string()),
            Err("A team name can be at most 63 characters.".to_owned())
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Validation rules, one case each

/// Asserts that the edited form has exactly one problem: `field` with `message`.
fn assert_only_problem(input: &FormInput, field: Field, message: &str) {
    assert_eq!(
        input.problems(),
        vec![(field, message.to_owned())],
        "input {input:?}"
    );
    assert_eq!(input.problem(field).as_deref(), Some(message));
    assert!(input.validate().is_err());
}

macro_rules! rejected {
    ($($name:ident: |$input:ident| $edit:expr => $field:ident, $message:expr;)*) => {$(
        #[test]
        fn $name() {
            let mut $input = acme_input();
            $edit;
            assert_only_problem(&$input, Field::$field, $message);
        }
    )*};
}

macro_rules! accepted {
    ($($name:ident: |$input:ident| $edit:expr => |$setup:ident| $check:expr;)*) => {$(
        #[test]
        fn $name() {
            let mut $input = acme_input();
            $edit;
            let $setup = valid(&$input);
            assert!($check, "unexpected setup {:?}", $setup);
        }
    )*};
}

mod rules {
    use super::*;

    const URL_CHARACTERS: &str = "The URL can contain only ASCII letters, digits and URL punctuation (no quotes, <, >, \\ or accented letters).";
    const VALIDITY: &str = "Validity must be a whole number of days from 1 to 3650.";
    const QUOTES: &str = "Attribute names cannot contain quotes; separate them with commas, for example email, name, username.";
    const ONE_NAME: &str = "Enter one attribute name without spaces or commas, or leave it empty.";

    rejected! {
        team_name_empty: |i| i.team_name.clear() => TeamName, "Enter your team name.";

        sso_url_empty: |i| i.sso_url.clear()
            => SsoUrl, "Enter the JumpCloud SSO URL, for example https://sso.jumpcloud.com/saml2/cloudflare-access.";
        sso_url_http: |i| i.sso_url = "http://sso.jumpcloud.com/saml2/x".into()
            => SsoUrl, "Use the https:// address JumpCloud shows, not http://.";
        sso_url_without_scheme: |i| i.sso_url = "sso.jumpcloud.com/saml2/x".into()
            => SsoUrl, "Enter a full URL starting with https://.";
        sso_url_other_scheme: |i| i.sso_url = "ftp://sso.jumpcloud.com/saml2/x".into()
            => SsoUrl, "Enter a full URL starting with https://.";
        sso_url_without_host: |i| i.sso_url = "https:///saml2/x".into()
            => SsoUrl, "The URL needs a host name, for example sso.jumpcloud.com.";
        sso_url_with_user_info: |i| i.sso_url = "https://admin:pw@sso.jumpcloud.com/saml2/x".into()
            => SsoUrl, "The URL cannot contain a user name or password.";
        sso_url_with_space: |i| i.sso_url = "https://sso.jumpcloud.com/saml2/a b".into()
            => SsoUrl, "The URL cannot contain spaces, line breaks or control characters.";
        sso_url_with_newline: |i| i.sso_url = "https://sso.jumpcloud.com/\nsaml2/x".into()
            => SsoUrl, "The URL cannot contain spaces, line breaks or control characters.";
        sso_url_with_quote: |i| i.sso_url = "https://sso.jumpcloud.com/saml2/\"x\"".into()
            => SsoUrl, URL_CHARACTERS;
        sso_url_with_angle_bracket: |i| i.sso_url = "https://sso.jumpcloud.com/saml2/<x>".into()
            => SsoUrl, URL_CHARACTERS;
        sso_url_non_ascii: |i| i.sso_url = "https://sso.jumpcloud.com/saml2/ü".into()
            => SsoUrl, URL_CHARACTERS;
        sso_url_bad_host: |i| i.sso_url = "https://sso_jumpcloud.com/saml2/x".into()
            => SsoUrl, "The host name in the URL is not valid.";
        sso_url_bad_port: |i| i.sso_url = "https://sso.jumpcloud.com:99999/saml2/x".into()
            => SsoUrl, "The port in the URL must be a number from 1 to 65535.";
        sso_url_empty_port: |i| i.sso_url = "https://sso.jumpcloud.com:/saml2/x".into()
            => SsoUrl, "The port in the URL must be a number from 1 to 65535.";
        sso_url_too_long: |i| i.sso_url = format!("https://sso.jumpcloud.com/{}", "a".repeat(2030))
            => SsoUrl, "The URL can be at most 2048 characters.";

        idp_entity_id_edited_to_empty: |i| { i.idp_entity_id_edited = true; i.idp_entity_id.clear() }
            => IdpEntityId, "Enter the IdP Entity ID, for example https://acme.cloudflareaccess.com/.";
        idp_entity_id_with_space: |i| { i.idp_entity_id_edited = true; i.idp_entity_id = "urn:a b".into() }
            => IdpEntityId, "The IdP Entity ID cannot contain spaces, line breaks or control characters.";
        idp_entity_id_with_newline: |i| { i.idp_entity_id_edited = true; i.idp_entity_id = "urn:a\nb".into() }
            => IdpEntityId, "The IdP Entity ID cannot contain spaces, line breaks or control characters.";
        idp_entity_id_with_control_character: |i| { i.idp_entity_id_edited = true; i.idp_entity_id = "urn:a\u{7}".into() }
            => IdpEntityId, "The IdP Entity ID cannot contain spaces, line breaks or control characters.";
        idp_entity_id_too_long: |i| { i.idp_entity_id_edited = true; i.idp_entity_id = "u".repeat(1025) }
            => IdpEntityId, "The IdP Entity ID can be at most 1024 characters.";

        login_method_name_empty: |i| i.login_method_name.clear()
            => LoginMethodName, "Enter a login method name, for example JumpCloud.";
        login_method_name_only_spaces: |i| i.login_method_name = "   ".into()
            => LoginMethodName, "Enter a login method name, for example JumpCloud.";
        login_method_name_with_newline: |i| i.login_method_name = "Jump\nCloud".into()
            => LoginMethodName, "Login method name cannot contain line breaks or control characters.";
        login_method_name_with_control_character: |i| i.login_method_name = "Jump\u{1b}Cloud".into()
            => LoginMethodName, "Login method name cannot contain line breaks or control characters.";
        login_method_name_too_long: |i| i.login_method_name = "n".repeat(257)
            => LoginMethodName, "Login method name can be at most 256 characters.";

        display_label_empty: |i| i.display_label.clear()
            => DisplayLabel, "Enter a display label, for example Cloudflare Access.";
        display_label_with_newline: |i| i.display_label = "Cloudflare\nAccess".into()
            => DisplayLabel, "JumpCloud display label cannot contain line breaks or control characters.";
        display_label_with_tab: |i| i.display_label = "Cloudflare\tAccess".into()
            => DisplayLabel, "JumpCloud display label cannot contain line breaks or control characters.";
        display_label_too_long: |i| i.display_label = "é".repeat(257)
            => DisplayLabel, "JumpCloud display label can be at most 256 characters.";

        common_name_empty: |i| i.common_name.clear() => CommonName, "Enter a common name.";
        common_name_too_long: |i| i.common_name = "c".repeat(65)
            => CommonName, "Common name (CN) can be at most 64 characters.";
        organization_with_newline: |i| i.organization = "Acme\nEvil".into()
            => Organization, "Organization (O) cannot contain line breaks or control characters.";
        organizational_unit_too_long: |i| i.organizational_unit = "u".repeat(65)
            => OrganizationalUnit, "Organizational unit (OU) can be at most 64 characters.";
        locality_with_control_character: |i| i.locality = "Ber\u{0}lin".into()
            => Locality, "Locality (L) cannot contain line breaks or control characters.";
        state_or_province_too_long: |i| i.state_or_province = "s".repeat(65)
            => StateOrProvince, "State or province (ST) can be at most 64 characters.";
        country_three_letters: |i| i.country = "USA".into()
            => Country, "Country must be a two-letter code such as US or DE.";
        country_digits: |i| i.country = "12".into()
            => Country, "Country must be a two-letter code such as US or DE.";
        email_address_without_at: |i| i.email_address = "admin".into()
            => EmailAddress, "Enter a plain email address such as admin@example.com (ASCII, no spaces).";
        email_address_non_ascii: |i| i.email_address = "ädmin@example.com".into()
            => EmailAddress, "Enter a plain email address such as admin@example.com (ASCII, no spaces).";

        validity_empty: |i| i.validity_days.clear()
            => ValidityDays, "Enter the validity in days, for example 1095.";
        validity_zero: |i| i.validity_days = "0".into() => ValidityDays, VALIDITY;
        validity_over_ten_years: |i| i.validity_days = "3651".into() => ValidityDays, VALIDITY;
        validity_not_a_number: |i| i.validity_days = "abc".into() => ValidityDays, VALIDITY;
        validity_fraction: |i| i.validity_days = "1.5".into() => ValidityDays, VALIDITY;
        validity_negative: |i| i.validity_days = "-1".into() => ValidityDays, VALIDITY;
        validity_plus_sign: |i| i.validity_days = "+5".into() => ValidityDays, VALIDITY;
        validity_overflow: |i| i.validity_days = "99999999999".into() => ValidityDays, VALIDITY;

        attributes_empty: |i| i.saml_attributes.clear()
            => SamlAttributes, "Enter at least one attribute name, for example email.";
        attributes_only_separators: |i| i.saml_attributes = " , ,\n".into()
            => SamlAttributes, "Enter at least one attribute name, for example email.";
        attributes_quoted: |i| i.saml_attributes = "\"email\", \"name\"".into() => SamlAttributes, QUOTES;
        attributes_single_quoted: |i| i.saml_attributes = "'email'".into() => SamlAttributes, QUOTES;
        attributes_typographic_quotes: |i| i.saml_attributes = "\u{201C}email\u{201D}".into() => SamlAttributes, QUOTES;
        attributes_control_character: |i| i.saml_attributes = "email\u{7}".into()
            => SamlAttributes, "Attribute names cannot contain control characters.";
        attributes_too_long: |i| i.saml_attributes = format!("email, {}", "a".repeat(257))
            => SamlAttributes, "Each attribute name can be at most 256 characters.";
        attributes_duplicate: |i| i.saml_attributes = "email, name, email".into()
            => SamlAttributes, "The attribute email is listed twice.";

        email_attribute_with_space: |i| i.email_attribute_name = "e mail".into() => EmailAttributeName, ONE_NAME;
        email_attribute_with_comma: |i| i.email_attribute_name = "email,mail".into() => EmailAttributeName, ONE_NAME;
        email_attribute_with_newline: |i| i.email_attribute_name = "e\nmail".into() => EmailAttributeName, ONE_NAME;
        email_attribute_quoted: |i| i.email_attribute_name = "\"email\"".into() => EmailAttributeName, QUOTES;
        email_attribute_too_long: |i| i.email_attribute_name = "m".repeat(257)
            => EmailAttributeName, "Each attribute name can be at most 256 characters.";
    }

    accepted! {
        sso_url_upper_case_scheme: |i| i.sso_url = "HTTPS://sso.jumpcloud.com/saml2/x".into()
            => |s| s.sso_url == "HTTPS://sso.jumpcloud.com/saml2/x";
        sso_url_eu_region: |i| i.sso_url = "https://sso.eu.jumpcloud.com/saml2/cloudflare-access".into()
            => |s| s.sso_url == "https://sso.eu.jumpcloud.com/saml2/cloudflare-access";
        sso_url_port_and_query: |i| i.sso_url = "https://sso.jumpcloud.com:443/saml2/x?a=1&b='2'$".into()
            => |s| s.sso_url.ends_with("&b='2'$");
        idp_entity_id_urn: |i| { i.idp_entity_id_edited = true; i.idp_entity_id = "urn:acme:jumpcloud".into() }
            => |s| s.idp_entity_id == "urn:acme:jumpcloud";
        idp_entity_id_at_limit: |i| { i.idp_entity_id_edited = true; i.idp_entity_id = "u".repeat(1024) }
            => |s| s.idp_entity_id.len() == 1024;
        login_method_name_at_limit: |i| i.login_method_name = "n".repeat(256)
            => |s| s.login_method_name.len() == 256;
        display_label_non_ascii: |i| i.display_label = "Zugang für Ünïcødé 🙂".into()
            => |s| s.display_label == "Zugang für Ünïcødé 🙂";
        optional_subject_fields_empty_are_none: |i| { i.organization = "  ".into(); i.country = String::new() }
            => |s| s.certificate.subject.organization.is_none() && s.certificate.subject.country.is_none();
        subject_fields_filled: |i| {
                i.organization = "Acme".into(); i.organizational_unit = "IT".into();
                i.locality = "Berlin".into(); i.state_or_province = "Berlin".into();
                i.country = "de".into(); i.email_address = "admin@acme.example".into();
            }
            => |s| s.certificate.subject.country.as_deref() == Some("DE")
                && s.certificate.subject.email_address.as_deref() == Some("admin@acme.example");
        validity_one_day: |i| i.validity_days = "1".into() => |s| s.certificate.validity_days == 1;
        validity_ten_years: |i| i.validity_days = "3650".into() => |s| s.certificate.validity_days == 3650;
        validity_with_spaces: |i| i.validity_days = " 365 ".into() => |s| s.certificate.validity_days == 365;
        attributes_any_separators: |i| i.saml_attributes = "email,name\nusername\tgroups  ,, x".into()
            => |s| s.attributes == ["email", "name", "username", "groups", "x"];
        attributes_uris: |i| i.saml_attributes = "urn:oid:0.9.2342.19200300.100.1.3 http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress".into()
            => |s| s.attributes.len() == 2;
        email_attribute_empty: |i| i.email_attribute_name.clear() => |s| s.email_attribute_name.is_empty();
        email_attribute_set: |i| i.email_attribute_name = "email".into() => |s| s.email_attribute_name == "email";
        options_carried: |i| {
                i.key_size = KeySize::Rsa3072; i.key_format = KeyFormat::Pkcs1;
                i.profile = saml_idp_kit::pki::CertificateProfile::OpenSslCompatible;
                i.sign_request = true; i.legacy_certificate_field = true;
            }
            => |s| s.key_size == KeySize::Rsa3072 && s.key_format == KeyFormat::Pkcs1
                && s.certificate.profile == saml_idp_kit::pki::CertificateProfile::OpenSslCompatible
                && s.sign_request && s.legacy_certificate_field;
    }
}

// ---------------------------------------------------------------------------------------------
// JumpCloud values

#[test]
fn jumpcloud_values_follow_its_form() {
    let setup = acme();
    let values = jumpcloud::values(&setup);
    golden("jumpcloud-values.txt", &render(&values));
    let labels: Vec<&str> = values.iter().map(|v| v.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Display Label",
            "IdP Private Key",
            "IdP Certificate",
            "IdP Entity ID",
            "SP Entity ID",
            "ACS URL",
            "SAMLSubject NameID",
            "SAMLSubject NameID Format",
            "Signature Algorithm",
            "IdP URL",
            "Attribute 1: Service Provider Attribute Name",
            "Attribute 2: Service Provider Attribute Name",
            "Attribute 3: Service Provider Attribute Name",
        ]
    );
    let callback = "https://acme.cloudflareaccess.com/cdn-cgi/access/callback";
    assert_eq!(value_of(&values, "Display Label"), "Cloudflare Access");
    assert_eq!(value_of(&values, "IdP Private Key"), "samlidp.key");
    assert_eq!(value_of(&values, "IdP Certificate"), "samlidp.crt");
    assert_eq!(
        value_of(&values, "IdP Entity ID"),
        "https://acme.cloudflareaccess.com/"
    );
    assert_eq!(value_of(&values, "SP Entity ID"), callback);
    assert_eq!(value_of(&values, "ACS URL"), callback);
    assert_eq!(value_of(&values, "SAMLSubject NameID"), "email");
    assert_eq!(value_of(&values, "SAMLSubject NameID Format"), EMAIL_FORMAT);
    assert_eq!(value_of(&values, "Signature Algorithm"), "RSA-SHA256");
    assert_eq!(
        value_of(&values, "IdP URL"),
        "https://sso.jumpcloud.com/saml2/cloudflare-access"
    );
    let idp_url_note = values
        .iter()
        .find(|v| v.label == "IdP URL")
        .and_then(|v| v.note.as_deref());
    assert!(
        idp_url_note.is_some_and(|note| note.contains("type cloudflare-access after it")),
        "{idp_url_note:?}"
    );
}

#[test]
fn key_free_values_are_the_same_in_the_same_order() {
    let setup = acme();
    let sp = jumpcloud::sp_values(&setup.team, &setup.display_label);
    golden("jumpcloud-sp-values.txt", &render(&sp));
    let full = jumpcloud::values(&setup);
    // `sp` is a subsequence of `full`.
    let mut rest = full.iter();
    for value in &sp {
        assert!(
            rest.any(|v| v == value),
            "{value:?} missing or out of order"
        );
    }
    assert!(sp.iter().all(|v| !v.value.contains("samlidp")));
}

#[test]
fn attributes_map_to_jumpcloud_attributes() {
    assert_eq!(
        jumpcloud::attribute_mappings(&acme()),
        [
            ("email".to_owned(), "email".to_owned()),
            ("name".to_owned(), "displayname".to_owned()),
            ("username".to_owned(), "username".to_owned()),
        ]
    );
    let mut input = acme_input();
    input.saml_attributes = "given_name, Surname, department".to_owned();
    let setup = valid(&input);
    assert_eq!(
        jumpcloud::attribute_mappings(&setup),
        [
            ("given_name".to_owned(), "firstname".to_owned()),
            ("Surname".to_owned(), "lastname".to_owned()),
            ("department".to_owned(), "department".to_owned()),
        ]
    );
    let values = jumpcloud::values(&setup);
    let notes: Vec<&str> = values
        .iter()
        .filter(|v| v.label.starts_with("Attribute "))
        .filter_map(|v| v.note.as_deref())
        .collect();
    assert_eq!(
        notes,
        [
            "JumpCloud Attribute Name: firstname",
            "JumpCloud Attribute Name: lastname",
            "JumpCloud Attribute Name: choose the JumpCloud attribute that holds this value.",
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Cloudflare values, API body, curl, Terraform

#[test]
fn cloudflare_dashboard_values() {
    let setup = acme();
    let certificate = certificate_for(&setup);
    let values = cloudflare::dashboard_values(&setup, &certificate);
    golden("cloudflare-dashboard-values.txt", &render(&values));
    let labels: Vec<&str> = values.iter().map(|v| v.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Name",
            "Single Sign On URL",
            "IdP Entity ID or Issuer URL",
            "Signing certificate",
            "SAML attribute 1",
            "SAML attribute 2",
            "SAML attribute 3",
            "Email attribute name",
            "Sign SAML authentication request",
        ]
    );
    assert_eq!(value_of(&values, "Name"), "JumpCloud");
    assert_eq!(
        value_of(&values, "Single Sign On URL"),
        "https://sso.jumpcloud.com/saml2/cloudflare-access"
    );
    assert_eq!(
        value_of(&values, "IdP Entity ID or Issuer URL"),
        "https://acme.cloudflareaccess.com/"
    );
    let pasted = value_of(&values, "Signing certificate");
    assert!(!pasted.contains("BEGIN") && !pasted.contains('\n'));
    assert_eq!(decode_base64(pasted), certificate.der());
    assert_eq!(value_of(&values, "Email attribute name"), "");
    assert_eq!(value_of(&values, "Sign SAML authentication request"), "Off");
}

#[test]
fn api_body_has_the_guides_shape_and_order() {
    let setup = acme();
    let certificate = certificate_for(&setup);
    let body = cloudflare::api_body(&setup, &[&certificate]);
    golden("cloudflare-identity-provider.json", &body);

    let json = parse_json(&body);
    assert_eq!(json["name"], "JumpCloud");
    assert_eq!(json["type"], "saml");
    let config = &json["config"];
    assert_eq!(config["issuer_url"], "https://acme.cloudflareaccess.com/");
    assert_eq!(
        config["sso_target_url"],
        "https://sso.jumpcloud.com/saml2/cloudflare-access"
    );
    assert_eq!(
        config["attributes"],
        serde_json::json!(["email", "name", "username"])
    );
    assert_eq!(config["email_attribute_name"], "");
    assert_eq!(config["sign_request"], false);
    assert!(config.get("idp_public_cert").is_none());
    let Some([only]) = config["idp_public_certs"].as_array().map(Vec::as_slice) else {
        panic!("idp_public_certs must hold one certificate: {config}");
    };
    assert_eq!(
        decode_base64(only.as_str().unwrap_or_default()),
        certificate.der()
    );
    assert_eq!(json.as_object().map(|o| o.len()), Some(3));
    assert_eq!(config.as_object().map(|o| o.len()), Some(6));

    // Keys in the guide's order, two-space indent.
    let order = [
        "config",
        "issuer_url",
        "sso_target_url",
        "attributes",
        "email_attribute_name",
        "sign_request",
        "idp_public_certs",
        "type",
        "name",
    ];
    let positions: Vec<usize> = order
        .iter()
        .filter_map(|key| body.find(&format!("\"{key}\": ")))
        .collect();
    assert_eq!(positions.len(), order.len());
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "keys out of order:\n{body}"
    );
    assert!(body.starts_with("{\n  \"config\": {\n    \"issuer_url\": "));
    assert!(body.ends_with("}\n"));
}

#[test]
fn api_body_legacy_field_holds_one_certificate_string() {
    let mut input = acme_input();
    input.legacy_certificate_field = true;
    let setup = valid(&input);
    let certificate = certificate_for(&setup);
    let body = cloudflare::api_body(&setup, &[&certificate]);
    golden("cloudflare-identity-provider-legacy.json", &body);
    let json = parse_json(&body);
    let config = &json["config"];
    assert!(config.get("idp_public_certs").is_none());
    assert_eq!(
        decode_base64(config["idp_public_cert"].as_str().unwrap_or_default()),
        certificate.der()
    );
    assert!(body.find("\"sign_request\"") < body.find("\"idp_public_cert\""));
    assert!(!cloudflare::legacy_field_drops_certificates(
        &setup,
        &[&certificate]
    ));

    // The legacy field can carry only the first (new) certificate of a rotation.
    let older = older_certificate();
    let rotated = parse_json(&cloudflare::api_body(&setup, &[&certificate, &older]));
    assert_eq!(
        decode_base64(
            rotated["config"]["idp_public_cert"]
                .as_str()
                .unwrap_or_default()
        ),
        certificate.der()
    );
    assert!(cloudflare::legacy_field_drops_certificates(
        &setup,
        &[&certificate, &older]
    ));
}

#[test]
fn api_body_lists_every_certificate_new_first() {
    let setup = acme();
    let new = certificate_for(&setup);
    let older = older_certificate();
    assert_ne!(new.der(), older.der());
    let body = cloudflare::api_body(&setup, &[&new, &older]);
    golden("cloudflare-identity-provider-rotation.json", &body);
    let json = parse_json(&body);
    let certs: Vec<Vec<u8>> = match json["config"]["idp_public_certs"].as_array() {
        Some(list) => list
            .iter()
            .map(|c| decode_base64(c.as_str().unwrap_or_default()))
            .collect(),
        None => panic!("idp_public_certs must be a list: {json}"),
    };
    assert_eq!(certs, [new.der().to_vec(), older.der().to_vec()]);
}

/// The curl command's arguments as the shell passes them, with a stub `curl` that prints them.
fn curl_arguments(command: &str) -> Option<Vec<String>> {
    let script = format!(
        "set -eu\ncurl() {{ printf '%s\\n' \"$@\"; }}\n\
         CLOUDFLARE_ACCOUNT_ID=account-123\nCLOUDFLARE_API_TOKEN='tok en$'\nCLOUDFLARE_IDP_ID=idp-9\n{command}"
    );
    let output = run_command(Command::new("bash").arg("-s"), Some(&script))?;
    assert!(
        output.status.success(),
        "bash failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(str::to_owned)
            .collect(),
    )
}

#[test]
fn curl_command_posts_the_json_file_with_shell_variables() {
    let setup = acme();
    let command = cloudflare::curl_command(&setup);
    golden("curl.sh", &command);
    assert!(command.contains("Access: Organizations, Identity Providers, and Groups > Edit"));
    if let Some(arguments) = curl_arguments(&command) {
        assert_eq!(
            arguments,
            [
                "--fail-with-body",
                "--request",
                "POST",
                "https://api.cloudflare.com/client/v4/accounts/account-123/access/identity_providers",
                "--header",
                "Authorization: Bearer tok en$",
                "--header",
                "Content-Type: application/json",
                "--data",
                "@cloudflare-identity-provider.json",
            ]
        );
    }
}

#[test]
fn update_curl_command_puts_the_update_file() {
    let setup = acme();
    let command = cloudflare::update_curl_command(&setup);
    golden("curl-update.sh", &command);
    if let Some(arguments) = curl_arguments(&command) {
        assert_eq!(arguments[1..3], ["--request", "PUT"]);
        assert_eq!(
            arguments[3],
            "https://api.cloudflare.com/client/v4/accounts/account-123/access/identity_providers/idp-9"
        );
        assert_eq!(
            arguments.last().map(String::as_str),
            Some("@cloudflare-identity-provider-update.json")
        );
    }
}

#[test]
fn terraform_declares_the_v5_resource() {
    let setup = acme();
    let certificate = certificate_for(&setup);
    let text = cloudflare::terraform(&setup, &[&certificate]);
    golden("cloudflare-access-idp.tf", &text);

    let evaluated = eval_terraform(&text);
    assert_eq!(
        evaluated["terraform"]["required_providers"]["cloudflare"]["source"],
        "cloudflare/cloudflare"
    );
    let resource = terraform_config(&text);
    assert_eq!(resource["name"], "JumpCloud");
    let config = &resource["config"];
    assert_eq!(config["issuer_url"], "https://acme.cloudflareaccess.com/");
    assert_eq!(
        config["sso_target_url"],
        "https://sso.jumpcloud.com/saml2/cloudflare-access"
    );
    assert_eq!(
        config["attributes"],
        serde_json::json!(["email", "name", "username"])
    );
    assert_eq!(config["email_attribute_name"], "");
    assert_eq!(config["sign_request"], false);
    assert_eq!(config["idp_public_certs"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        decode_base64(config["idp_public_certs"][0].as_str().unwrap_or_default()),
        certificate.der()
    );
}

#[test]
fn terraform_uses_the_list_even_with_the_legacy_choice_and_keeps_rotation_order() {
    let mut input = acme_input();
    input.legacy_certificate_field = true;
    let setup = valid(&input);
    let new = certificate_for(&setup);
    let older = older_certificate();
    let text = cloudflare::terraform(&setup, &[&new, &older]);
    let config = &terraform_config(&text)["config"];
    assert!(config.get("idp_public_cert").is_none());
    let certs: Vec<Vec<u8>> = match config["idp_public_certs"].as_array() {
        Some(list) => list
            .iter()
            .map(|c| decode_base64(c.as_str().unwrap_or_default()))
            .collect(),
        None => panic!("idp_public_certs must be a list"),
    };
    assert_eq!(certs, [new.der().to_vec(), older.der().to_vec()]);
}

// ---------------------------------------------------------------------------------------------
// Metadata XML

#[test]
fn idp_metadata_describes_jumpcloud_as_idp() {
    let setup = acme();
    let certificate = certificate_for(&setup);
    let xml = metadata::idp_metadata_xml(&setup, &[&certificate]);
    golden("idp-metadata.xml", &xml);
    let document = parse_xml(&xml);
    let root = document.root_element();
    assert_eq!(root.tag_name().namespace(), Some(MD));
    assert_eq!(root.tag_name().name(), "EntityDescriptor");
    assert_eq!(
        root.attribute("entityID"),
        Some("https://acme.cloudflareaccess.com/")
    );
    let idp = only_child(root, MD, "IDPSSODescriptor");
    assert_eq!(
        idp.attribute("protocolSupportEnumeration"),
        Some("urn:oasis:names:tc:SAML:2.0:protocol")
    );
    assert_eq!(idp.attribute("WantAuthnRequestsSigned"), Some("false"));
    let key = only_child(idp, MD, "KeyDescriptor");
    assert_eq!(key.attribute("use"), Some("signing"));
    let x509 = only_child(
        only_child(only_child(key, DS, "KeyInfo"), DS, "X509Data"),
        DS,
        "X509Certificate",
    );
    assert_eq!(
        decode_base64(x509.text().unwrap_or_default()),
        certificate.der()
    );
    assert_eq!(
        only_child(idp, MD, "NameIDFormat").text(),
        Some(EMAIL_FORMAT)
    );
    let services: Vec<(Option<&str>, Option<&str>)> = child(idp, MD, "SingleSignOnService")
        .iter()
        .map(|s| (s.attribute("Binding"), s.attribute("Location")))
        .collect();
    let sso = Some("https://sso.jumpcloud.com/saml2/cloudflare-access");
    assert_eq!(
        services,
        [
            (
                Some("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"),
                sso
            ),
            (Some("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"), sso),
        ]
    );
    // Schema sequence: KeyDescriptor*, NameIDFormat*, SingleSignOnService+.
    let order: Vec<&str> = idp
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name())
        .collect();
    assert_eq!(
        order,
        [
            "KeyDescriptor",
            "NameIDFormat",
            "SingleSignOnService",
            "SingleSignOnService"
        ]
    );
}

#[test]
fn idp_metadata_has_a_key_descriptor_per_certificate() {
    let mut input = acme_input();
    input.sign_request = true;
    let setup = valid(&input);
    let new = certificate_for(&setup);
    let older = older_certificate();
    let xml = metadata::idp_metadata_xml(&setup, &[&new, &older]);
    let document = parse_xml(&xml);
    let idp = only_child(document.root_element(), MD, "IDPSSODescriptor");
    assert_eq!(idp.attribute("WantAuthnRequestsSigned"), Some("true"));
    let certs: Vec<Vec<u8>> = child(idp, MD, "KeyDescriptor")
        .iter()
        .map(|key| {
            let x509 = key
                .descendants()
                .find(|n| n.tag_name().name() == "X509Certificate");
            decode_base64(x509.and_then(|n| n.text()).unwrap_or_default())
        })
        .collect();
    assert_eq!(certs, [new.der().to_vec(), older.der().to_vec()]);
}

#[test]
fn sp_metadata_describes_cloudflare_as_sp() {
    let team = acme().team;
    let xml = metadata::sp_metadata_xml(&team);
    golden("sp-metadata.xml", &xml);
    let document = parse_xml(&xml);
    let root = document.root_element();
    let callback = Some("https://acme.cloudflareaccess.com/cdn-cgi/access/callback");
    assert_eq!(root.tag_name().namespace(), Some(MD));
    assert_eq!(root.attribute("entityID"), callback);
    let sp = only_child(root, MD, "SPSSODescriptor");
    assert_eq!(
        only_child(sp, MD, "NameIDFormat").text(),
        Some(EMAIL_FORMAT)
    );
    let acs = only_child(sp, MD, "AssertionConsumerService");
    assert_eq!(
        acs.attribute("Binding"),
        Some("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST")
    );
    assert_eq!(acs.attribute("Location"), callback);
    assert_eq!(acs.attribute("index"), Some("0"));
}

// ---------------------------------------------------------------------------------------------
// Expiry reminder

/// An iCalendar file's content lines after unfolding, with every physical line checked for
/// CRLF endings, the 75-octet limit and intact UTF-8.
fn ics_lines(ics: &str) -> Vec<String> {
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

/// The events' properties, as (name with parameters, raw value) lists.
fn ics_events(lines: &[String]) -> Vec<Vec<(String, String)>> {
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
    assert!(lines.iter().any(|l| l == "VERSION:2.0"));
    assert!(lines.iter().any(|l| l.starts_with("PRODID:")));
    let mut events = Vec::new();
    let mut current: Option<Vec<(String, String)>> = None;
    for line in lines {
        match line.as_str() {
            "BEGIN:VEVENT" => current = Some(Vec::new()),
            "END:VEVENT" => events.extend(current.take()),
            _ => {
                if let Some(event) = current.as_mut() {
                    match line.split_once(':') {
                        Some((name, value)) => event.push((name.to_owned(), value.to_owned())),
                        None => panic!("content line without a colon: {line:?}"),
                    }
                }
            }
        }
    }
    events
}

fn property<'a>(event: &'a [(String, String)], name: &str) -> &'a str {
    match event.iter().find(|(n, _)| n == name) {
        Some((_, value)) => value,
        None => panic!("event has no {name}: {event:?}"),
    }
}

/// Reverses iCalendar TEXT escaping.
fn ics_unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => panic!("dangling backslash in {value:?}"),
            }
        } else {
            assert!(c != ';' && c != ',', "unescaped {c:?} in {value:?}");
            out.push(c);
        }
    }
    out
}

#[test]
fn expiry_reminder_has_two_all_day_events() {
    let setup = acme();
    let certificate = certificate_for(&setup);
    let ics = reminder::expiry_ics(&setup, &certificate, NOW + 5);
    golden("samlidp-expiry.ics", &ics);
    let events = ics_events(&ics_lines(&ics));
    let [renew, expires] = events.as_slice() else {
        panic!("expected two events, got {events:?}");
    };
    // Issued 2026-11-29T16:20Z for 1095 days: notAfter 2029-11-28T16:20Z.
    assert_eq!(certificate.not_after_iso(), "2029-11-28T16:20:00Z");
    assert_eq!(property(renew, "DTSTART;VALUE=DATE"), "20291029");
    assert_eq!(property(renew, "DTEND;VALUE=DATE"), "20291030");
    assert_eq!(property(expires, "DTSTART;VALUE=DATE"), "20291128");
    assert_eq!(property(expires, "DTEND;VALUE=DATE"), "20291129");
    for event in [renew, expires] {
        assert_eq!(property(event, "DTSTAMP"), "20261129T162005Z");
        assert!(property(event, "UID").starts_with(&certificate.serial_hex()));
        let summary = ics_unescape(property(event, "SUMMARY"));
        assert!(summary.contains("\"Cloudflare Access\""), "{summary}");
        let description = ics_unescape(property(event, "DESCRIPTION"));
        assert!(
            description.contains(&certificate.sha256_fingerprint()),
            "{description}"
        );
        assert!(description.contains("Renew certificate"));
        assert!(
            description.contains('\n'),
            "description lines are escaped newlines"
        );
    }
    assert_ne!(property(renew, "UID"), property(expires, "UID"));
}

#[test]
fn expiry_reminder_for_a_short_certificate_starts_at_not_before() {
    let mut input = acme_input();
    input.validity_days = "10".to_owned();
    let setup = valid(&input);
    let certificate = certificate_for(&setup);
    let events = ics_events(&ics_lines(&reminder::expiry_ics(&setup, &certificate, NOW)));
    let dates: Vec<&str> = events
        .iter()
        .map(|event| property(event, "DTSTART;VALUE=DATE"))
        .collect();
    assert_eq!(dates, ["20261129", "20261209"]);
    assert_eq!(property(&events[0], "DTSTAMP"), "20261129T162000Z");
}

#[test]
fn expiry_reminder_folds_long_non_ascii_text_without_splitting_characters() {
    let mut input = acme_input();
    input.display_label = "é🙂;,\\".repeat(40);
    let setup = valid(&input);
    let certificate = certificate_for(&setup);
    let ics = reminder::expiry_ics(&setup, &certificate, NOW);
    let events = ics_events(&ics_lines(&ics));
    let summary = ics_unescape(property(&events[0], "SUMMARY"));
    assert!(summary.contains(&setup.display_label));
}

// ---------------------------------------------------------------------------------------------
// Escaping across every output

/// Quotes, markup, shell and template syntax, a backslash and non-ASCII, in one string.
const NASTY: &str = "Q\"uo'te <tag attr=\"x\"> & $HOME `id` \\back ${var} %{if} $${x} Ünïcødé 🙂;,";
/// The same without whitespace, for fields that forbid it.
const NASTY_WORD: &str = "urn:Q\"uo'te<tag>&$HOME`id`\\back${var}%{if}Ünïcødé🙂;,";

fn nasty_input() -> FormInput {
    FormInput {
        team_name: "acme".to_owned(),
        sso_url: "https://sso.jumpcloud.com/saml2/a&b$c'd?x=$y%7B(z)*".to_owned(),
        idp_entity_id: NASTY_WORD.to_owned(),
        idp_entity_id_edited: true,
        login_method_name: NASTY.to_owned(),
        display_label: format!("Label {NASTY}"),
        common_name: "CN \"q\" <t> & $x `y` \\z Ü".to_owned(),
        organization: "O 'q' <&> ${x} Ünï 🙂".to_owned(),
        organizational_unit: "OU \\ ` $ %{".to_owned(),
        locality: "Zürich <L>".to_owned(),
        state_or_province: "\"ST\" & co".to_owned(),
        saml_attributes: "<a>&b, $c`d`\\e ${f}, %{g} Ünï 🙂".to_owned(),
        email_attribute_name: "$mail<&>`\\${x}Ü".to_owned(),
        ..FormInput::default()
    }
}

#[test]
fn free_text_with_special_characters_survives_every_output_intact() {
    let input = nasty_input();
    let setup = valid(&input);
    let certificate = certificate_for(&setup);
    let attributes = ["<a>&b", "$c`d`\\e", "${f}", "%{g}", "Ünï", "🙂"];
    assert_eq!(setup.attributes, attributes);

    // JSON
    let json = parse_json(&cloudflare::api_body(&setup, &[&certificate]));
    assert_eq!(json["name"], NASTY);
    assert_eq!(json["config"]["issuer_url"], NASTY_WORD);
    assert_eq!(json["config"]["sso_target_url"], setup.sso_url.as_str());
    assert_eq!(json["config"]["attributes"], serde_json::json!(attributes));
    assert_eq!(json["config"]["email_attribute_name"], "$mail<&>`\\${x}Ü");

    // XML
    let xml = metadata::idp_metadata_xml(&setup, &[&certificate]);
    let document = parse_xml(&xml);
    assert_eq!(
        document.root_element().attribute("entityID"),
        Some(NASTY_WORD)
    );
    for service in document
        .descendants()
        .filter(|n| n.tag_name().name() == "SingleSignOnService")
    {
        assert_eq!(service.attribute("Location"), Some(setup.sso_url.as_str()));
    }

    // HCL, evaluated: a missed `${` would be interpolated (and fail), a missed `"` would end
    // the string early.
    let terraform = cloudflare::terraform(&setup, &[&certificate]);
    let resource = terraform_config(&terraform);
    assert_eq!(resource["name"], NASTY);
    assert_eq!(resource["config"]["issuer_url"], NASTY_WORD);
    assert_eq!(resource["config"]["sso_target_url"], setup.sso_url.as_str());
    assert_eq!(
        resource["config"]["attributes"],
        serde_json::json!(attributes)
    );
    assert_eq!(
        resource["config"]["email_attribute_name"],
        "$mail<&>`\\${x}Ü"
    );

    // Shell: no user text reaches the command line; it is the same command as for plain input.
    assert_eq!(
        cloudflare::curl_command(&setup),
        cloudflare::curl_command(&acme())
    );
    assert_eq!(
        cloudflare::update_curl_command(&setup),
        cloudflare::update_curl_command(&acme())
    );

    // iCalendar
    let ics = reminder::expiry_ics(&setup, &certificate, NOW);
    let events = ics_events(&ics_lines(&ics));
    for event in &events {
        assert!(ics_unescape(property(event, "SUMMARY")).contains(&setup.display_label));
        let description = ics_unescape(property(event, "DESCRIPTION"));
        assert!(description.contains(&setup.display_label));
        assert!(description.contains(NASTY));
    }

    // Copy values carry the text verbatim.
    let jumpcloud_values = jumpcloud::values(&setup);
    assert_eq!(
        value_of(&jumpcloud_values, "Display Label"),
        setup.display_label
    );
    assert_eq!(value_of(&jumpcloud_values, "IdP Entity ID"), NASTY_WORD);
    let dashboard = cloudflare::dashboard_values(&setup, &certificate);
    assert_eq!(value_of(&dashboard, "Name"), NASTY);
    assert_eq!(value_of(&dashboard, "SAML attribute 6"), "🙂");

    // The certificate carries the subject text exactly (UTF8String attributes).
    let parsed = match <x509_cert::Certificate as der::Decode>::from_der(certificate.der()) {
        Ok(parsed) => parsed,
        Err(error) => panic!("certificate must parse: {error}"),
    };
    let mut subject_values = Vec::new();
    for attribute in parsed.tbs_certificate().subject().iter() {
        if let Ok(text) = attribute.value.decode_as::<String>() {
            subject_values.push(text);
        }
    }
    for expected in [
        &input.common_name,
        &input.organization,
        &input.organizational_unit,
        &input.locality,
        &input.state_or_province,
    ] {
        assert!(
            subject_values.contains(expected),
            "{expected:?} not in {subject_values:?}"
        );
    }
}

#[test]
fn a_newline_in_a_one_line_field_is_rejected_with_a_clear_message() {
    type Edit = fn(&mut FormInput);
    let cases: [(Field, Edit); 10] = [
        (Field::TeamName, |i| i.team_name = "ac\nme".into()),
        (Field::SsoUrl, |i| {
            i.sso_url = "https://sso.jumpcloud.com/a\nb".into()
        }),
        (Field::IdpEntityId, |i| {
            i.idp_entity_id_edited = true;
            i.idp_entity_id = "urn:a\nb".into();
        }),
        (Field::LoginMethodName, |i| {
            i.login_method_name = format!("a\n{NASTY}")
        }),
        (Field::DisplayLabel, |i| {
            i.display_label = format!("a\n{NASTY}")
        }),
        (Field::CommonName, |i| i.common_name = "a\nb".into()),
        (Field::Organization, |i| i.organization = "a\nb".into()),
        (Field::OrganizationalUnit, |i| {
            i.organizational_unit = "a\nb".into()
        }),
        (Field::Locality, |i| i.locality = "a\nb".into()),
        (Field::EmailAttributeName, |i| {
            i.email_attribute_name = "a\nb".into()
        }),
    ];
    for (field, edit) in cases {
        let mut input = acme_input();
        edit(&mut input);
        let problems = input.problems();
        assert_eq!(problems.len(), 1, "{field:?}: {problems:?}");
        assert_eq!(problems[0].0, field);
        assert!(!problems[0].1.is_empty());
    }
    // In the attribute list a line break separates names, as a comma does.
    let mut input = acme_input();
    input.saml_attributes = "email\nname".to_owned();
    assert_eq!(valid(&input).attributes, ["email", "name"]);
}

// ---------------------------------------------------------------------------------------------
// Consistency across consoles

#[test]
fn every_output_agrees_on_entity_ids_and_urls() {
    let mut input = acme_input();
    input.idp_entity_id_edited = true;
    input.idp_entity_id = "urn:acme:jumpcloud".to_owned();
    input.sso_url = "https://sso.jumpcloud.com/saml2/acme-access".to_owned();
    let setup = valid(&input);
    let certificate = certificate_for(&setup);
    let certificates = [&certificate];

    let jumpcloud_values = jumpcloud::values(&setup);
    let dashboard = cloudflare::dashboard_values(&setup, &certificate);
    let json = parse_json(&cloudflare::api_body(&setup, &certificates));
    let terraform = terraform_config(&cloudflare::terraform(&setup, &certificates));
    let idp_xml = metadata::idp_metadata_xml(&setup, &certificates);
    let idp = parse_xml(&idp_xml);
    let sp_xml = metadata::sp_metadata_xml(&setup.team);
    let sp = parse_xml(&sp_xml);

    let entity_id = value_of(&jumpcloud_values, "IdP Entity ID");
    assert_eq!(entity_id, "urn:acme:jumpcloud");
    assert_eq!(
        value_of(&dashboard, "IdP Entity ID or Issuer URL"),
        entity_id
    );
    assert_eq!(json["config"]["issuer_url"], entity_id);
    assert_eq!(terraform["config"]["issuer_url"], entity_id);
    assert_eq!(idp.root_element().attribute("entityID"), Some(entity_id));

    let sso_url = value_of(&jumpcloud_values, "IdP URL");
    assert_eq!(value_of(&dashboard, "Single Sign On URL"), sso_url);
    assert_eq!(json["config"]["sso_target_url"], sso_url);
    assert_eq!(terraform["config"]["sso_target_url"], sso_url);
    assert!(
        idp.descendants()
            .filter(|n| n.tag_name().name() == "SingleSignOnService")
            .all(|n| n.attribute("Location") == Some(sso_url))
    );

    let sp_entity_id = value_of(&jumpcloud_values, "SP Entity ID");
    assert_eq!(sp.root_element().attribute("entityID"), Some(sp_entity_id));
    assert!(
        sp.descendants()
            .filter(|n| n.tag_name().name() == "AssertionConsumerService")
            .all(|n| n.attribute("Location") == Some(value_of(&jumpcloud_values, "ACS URL")))
    );

    assert_eq!(
        value_of(&dashboard, "Name"),
        json["name"].as_str().unwrap_or_default()
    );
    assert_eq!(terraform["name"], json["name"]);
}

// ---------------------------------------------------------------------------------------------
// Files and the ZIP

/// The files of the New-key mode, in the page's order, built with the per-file builders
/// (which files each mode offers is `app::outputs`' decision, tested in `state::outputs`).
fn every_file() -> Vec<OutputFile> {
    let setup = acme();
    let certificate = certificate_for(&setup);
    let certificates = [&certificate];
    let certificate_file = match files::certificate_file(&certificate) {
        Ok(file) => file,
        Err(error) => panic!("files must build: {error}"),
    };
    vec![
        files::key_file(&key_pem()),
        certificate_file,
        files::sp_metadata_file(&setup.team),
        OutputFile::new(
            files::IDP_METADATA_FILE,
            files::XML_MIME,
            metadata::idp_metadata_xml(&setup, &certificates).into_bytes(),
        ),
        OutputFile::new(
            files::TERRAFORM_FILE,
            files::TERRAFORM_MIME,
            cloudflare::terraform(&setup, &certificates).into_bytes(),
        ),
        OutputFile::new(
            files::REMINDER_FILE,
            files::CALENDAR_MIME,
            reminder::expiry_ics(&setup, &certificate, NOW).into_bytes(),
        ),
    ]
}

#[test]
fn file_builders_use_the_guides_names_and_match_each_output()
-> Result<(), saml_idp_kit::setup::Error> {
    let setup = acme();
    let certificate = certificate_for(&setup);
    let key = key_pem();
    let key_file = files::key_file(&key);
    assert_eq!(
        (key_file.name.as_str(), key_file.mime),
        ("samlidp.key", "application/x-pem-file")
    );
    assert_eq!(key_file.bytes.as_slice(), key.as_bytes());
    let crt = files::certificate_file(&certificate)?;
    assert_eq!(
        (crt.name.as_str(), crt.mime),
        ("samlidp.crt", "application/x-pem-file")
    );
    let pem = certificate.to_pem()?;
    assert_eq!(crt.bytes.as_slice(), pem.as_bytes());
    golden("samlidp.crt", &pem);
    // The PEM file is the same certificate.
    assert_eq!(Certificate::from_pem(&pem)?.der(), certificate.der());
    assert!(key_file.is_private_key() && !crt.is_private_key());
    // Debug output never shows content (the key).
    assert!(!format!("{key_file:?}").contains("PRIVATE KEY"));
    let sp = files::sp_metadata_file(&setup.team);
    assert_eq!(
        (sp.name.as_str(), sp.mime),
        ("sp-metadata.xml", "application/xml")
    );
    assert_eq!(
        sp.bytes.as_slice(),
        metadata::sp_metadata_xml(&setup.team).as_bytes()
    );
    assert_eq!(files::zip_name(&setup.team), "saml-idp-kit-acme.zip");
    Ok(())
}

#[test]
fn zip_holds_every_file_stored_with_a_fixed_time() -> Result<(), Box<dyn std::error::Error>> {
    let all = every_file();
    let bytes = files::zip_all(&all, NOW)?;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.as_slice()))?;
    assert_eq!(archive.len(), all.len());
    for (index, expected) in all.iter().enumerate() {
        let mut entry = archive.by_index(index)?;
        assert_eq!(entry.name()?, expected.name.as_str());
        assert_eq!(entry.compression(), zip::CompressionMethod::Stored);
        let modified = entry.last_modified().map(|t| {
            (
                t.year(),
                t.month(),
                t.day(),
                t.hour(),
                t.minute(),
                t.second(),
            )
        });
        assert_eq!(modified, Some((2026, 11, 29, 16, 20, 0)));
        let mode = if expected.is_private_key() {
            0o600
        } else {
            0o644
        };
        assert_eq!(
            entry.unix_mode().map(|m| m & 0o777),
            Some(mode),
            "{}",
            expected.name
        );
        let mut content = Vec::new();
        entry.read_to_end(&mut content)?;
        assert_eq!(content, expected.bytes.as_slice(), "{}", expected.name);
    }
    Ok(())
}

#[test]
fn zip_is_deterministic() -> Result<(), saml_idp_kit::setup::Error> {
    let all = every_file();
    let first = files::zip_all(&all, NOW)?;
    assert_eq!(files::zip_all(&all, NOW)?, first);
    assert_ne!(files::zip_all(&all, NOW + 3600)?, first);
    // Times ZIP cannot carry fall back to its epoch instead of failing.
    assert!(files::zip_all(&all, 0).is_ok());
    assert!(files::zip_all(&all, u64::MAX).is_ok());
    Ok(())
}

#[test]
fn zip_passes_pythons_zipfile_test() -> Result<(), saml_idp_kit::setup::Error> {
    let dir = scratch_dir("setup-zip");
    let path = dir.join(files::zip_name(&acme().team));
    if let Err(error) = std::fs::write(&path, files::zip_all(&every_file(), NOW)?) {
        panic!("cannot write {}: {error}", path.display());
    }
    let mut command = Command::new("python3");
    command.args(["-m", "zipfile", "-t"]).arg(&path);
    if let Some(output) = run_command(&mut command, None) {
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success() && stdout.contains("Done testing"),
            "python3 -m zipfile -t failed: {stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(())
}

#[test]
fn errors_read_as_messages() {
    let error = saml_idp_kit::setup::Error::Zip("disk full".to_owned());
    assert!(error.to_string().contains("one by one"));
    let wrapped = saml_idp_kit::setup::Error::from(saml_idp_kit::pki::Error::ClockOutOfRange);
    assert_eq!(
        wrapped.to_string(),
        saml_idp_kit::pki::Error::ClockOutOfRange.to_string()
    );
    assert!(std::error::Error::source(&wrapped).is_some());
}
