//! The form: defaults, labels, persistence, normalisation, team names and every validation rule.

use super::*;
use saml_idp_kit::setup::FormError;
use saml_idp_kit::setup::stored::Remembered;
#[allow(unused_imports)]
use saml_idp_kit::setup::{cloudflare, files, guide, jumpcloud, metadata, reminder};

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
    assert_eq!(input.identity_provider_name, "JumpCloud");
    assert_eq!(input.jumpcloud_app, JumpCloudApp::Catalog);
    assert_eq!(input.display_label, "Cloudflare Access");
    assert_eq!(input.common_name, "JumpCloud SAML IdP");
    assert_eq!(input.validity_days, "1095");
    assert_eq!(input.key_size, KeySize::Rsa2048);
    assert_eq!(input.key_format, KeyFormat::Pkcs8);
    assert_eq!(input.saml_attributes, "email, name, username");
    assert_eq!(input.email_attribute_name, "");
    assert!(!input.sign_request);
    assert!(!input.scim_enabled);
    assert!(!input.scim_user_deprovision);
    assert!(!input.scim_seat_deprovision);
    assert_eq!(
        input.scim_identity_update_behavior,
        IdentityUpdateBehavior::NoAction
    );
    assert!(!input.include_groups_attribute);
    assert_eq!(input.allowed_groups, "");
    assert!(
        !input.force_authn,
        "Ask JumpCloud to sign in again every time is off by default"
    );
    assert!(!valid(&acme_input()).force_authn);
    assert!(input.saml_headers.is_empty());
    assert_eq!(input.terraform_provider, TerraformProvider::V5);
    // Only the team name is missing.
    assert_eq!(
        messages(&input),
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
    assert_eq!(setup.identity_provider_name, "JumpCloud");
    assert_eq!(setup.jumpcloud_app, JumpCloudApp::Catalog);
    assert_eq!(setup.scim, None);
    assert!(!setup.groups_attribute);
    assert!(setup.allowed_groups.is_empty());
    assert!(setup.header_attributes.is_empty());
    assert_eq!(setup.terraform_provider, TerraformProvider::V5);
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
            "Identity provider name",
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
            "JumpCloud groups allowed",
            "SAML headers",
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
fn inputs_round_trip_through_storage_and_missing_fields_take_defaults() {
    let stored = |inputs: FormInput| Remembered {
        remember: true,
        inputs: Some(inputs),
    };
    let read = |json: &str| Remembered::from_json(json).unwrap().inputs.unwrap();
    let input = FormInput {
        team_name: "acme".to_owned(),
        idp_entity_id: "urn:acme:jumpcloud".to_owned(),
        idp_entity_id_edited: true,
        key_size: KeySize::Rsa4096,
        key_format: KeyFormat::Pkcs1,
        sign_request: true,
        force_authn: true,
        ..FormInput::default()
    };
    let json = stored(input.clone()).to_json().unwrap();
    assert!(json.contains("\"force_authn\": true"), "{json}");
    assert_eq!(read(&json), input);
    // Inputs saved before the option existed read it as off.
    assert!(!read(r#"{"inputs": {"team_name": "beta"}}"#).force_authn);
    assert_eq!(read(r#"{"inputs": {}}"#), FormInput::default());
    let partial = read(
        r#"{"inputs": {"team_name": "beta", "unknown_later_field": [1.5e3, null, {"a": -2}]}}"#,
    );
    assert_eq!(
        partial,
        FormInput {
            team_name: "beta".to_owned(),
            ..FormInput::default()
        }
    );
    // Inputs saved before the rename keep their name; the retired legacy field is ignored.
    let old = read(
        r#"{"inputs": {"team_name": "beta", "login_method_name": "JC", "legacy_certificate_field": true}}"#,
    );
    assert_eq!(old.identity_provider_name, "JC");
    let json = stored(old).to_json().unwrap();
    assert!(
        !json.contains("legacy") && !json.contains("login_method"),
        "{json}"
    );
    // Every option round-trips, and so does text that needs escaping.
    let mut full = full_input();
    full.organization = "Acme \"Ünï\" \\ \u{1} \u{1F600}\n".to_owned();
    assert_eq!(read(&stored(full.clone()).to_json().unwrap()), full);
    // Escapes as another writer may write them, surrogate pairs included.
    assert_eq!(
        read(r#"{"inputs": {"team_name": "a\u00e9\ud83d\ude00\/\t"}}"#).team_name,
        "a\u{e9}\u{1F600}/\t"
    );
    // A wrong type leaves the default; the choice not to remember is kept without inputs.
    assert_eq!(
        read(r#"{"inputs": {"sign_request": "yes", "key_size": 4096}}"#),
        FormInput::default()
    );
    let off = Remembered::from_json(r#"{"remember": false}"#).unwrap();
    assert_eq!((off.remember, off.inputs), (false, None));
    for bad in [
        "",
        "[]",
        "{",
        r#"{"a" 1}"#,
        r#"{"a": tru}"#,
        "{} x",
        r#"{"a": "\u12"}"#,
        "{\"a\": \"\u{1}\"}",
    ] {
        assert!(Remembered::from_json(bad).is_none(), "{bad}");
    }
    assert!(Remembered::from_json(&("[".repeat(100) + &"]".repeat(100))).is_none());
}

#[test]
fn normalised_shows_what_will_be_used() {
    let input = FormInput {
        team_name: "  https://ACME.cloudflareaccess.com/cdn-cgi/access/login ".to_owned(),
        sso_url: " https://sso.jumpcloud.com/saml2/x ".to_owned(),
        identity_provider_name: " JumpCloud SSO ".to_owned(),
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
    assert_eq!(normalised.identity_provider_name, "JumpCloud SSO");
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
        vec![(Field::TeamName, FormError::TeamNameHyphen)]
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
        identity_provider_name: String::new(),
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
            Field::IdentityProviderName,
            Field::DisplayLabel,
            Field::CommonName,
            Field::Country,
            Field::EmailAddress,
            Field::ValidityDays,
            Field::SamlAttributes,
            Field::EmailAttributeName,
        ]
    );
    assert!(
        problems
            .iter()
            .all(|(_, error)| error.to_string().ends_with('.'))
    );
    assert_eq!(
        input.problem(Field::Country).map(|error| error.to_string()),
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
                .map_err(|e| e.to_string());
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
            normalise_team_name(&"a".repeat(64)).map_err(|e| e.to_string()),
            Err("A team name can be at most 63 characters.".to_owned())
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Validation rules, one case each

/// Each problem of `input` as (field, the message the page shows).
fn messages(input: &FormInput) -> Vec<(Field, String)> {
    input
        .problems()
        .into_iter()
        .map(|(field, error)| (field, error.to_string()))
        .collect()
}

/// Asserts that the edited form has exactly one problem: `field` with `message`.
fn assert_only_problem(input: &FormInput, field: Field, message: &str) {
    assert_eq!(
        messages(input),
        vec![(field, message.to_owned())],
        "input {input:?}"
    );
    assert_eq!(
        input
            .problem(field)
            .map(|error| error.to_string())
            .as_deref(),
        Some(message)
    );
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
    const GROUPS: &str = "Enter JumpCloud group names separated by commas.";

    fn header(attribute_name: &str, header_name: &str) -> SamlHeaderInput {
        SamlHeaderInput {
            attribute_name: attribute_name.to_owned(),
            header_name: header_name.to_owned(),
        }
    }

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

        identity_provider_name_empty: |i| i.identity_provider_name.clear()
            => IdentityProviderName, "Enter an identity provider name, for example JumpCloud.";
        identity_provider_name_only_spaces: |i| i.identity_provider_name = "   ".into()
            => IdentityProviderName, "Enter an identity provider name, for example JumpCloud.";
        identity_provider_name_with_newline: |i| i.identity_provider_name = "Jump\nCloud".into()
            => IdentityProviderName, "Identity provider name cannot contain line breaks or control characters.";
        identity_provider_name_with_control_character: |i| i.identity_provider_name = "Jump\u{1b}Cloud".into()
            => IdentityProviderName, "Identity provider name cannot contain line breaks or control characters.";
        identity_provider_name_too_long: |i| i.identity_provider_name = "n".repeat(257)
            => IdentityProviderName, "Identity provider name can be at most 256 characters.";

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

        groups_too_long: |i| { i.include_groups_attribute = true; i.allowed_groups = format!("Sales, {}", "g".repeat(256)); }
            => AllowedGroups, GROUPS;
        groups_control_character: |i| { i.include_groups_attribute = true; i.allowed_groups = "Sales\u{7}".into(); }
            => AllowedGroups, GROUPS;
        groups_quoted: |i| { i.include_groups_attribute = true; i.allowed_groups = "\"Sales\", \"IT\"".into(); }
            => AllowedGroups, GROUPS;

        header_name_with_space: |i| i.saml_headers = vec![header("department", "X Department")]
            => SamlHeaders, "SAML header name 1: A header name can use only letters, digits and ! # $ % & ' * + - . ^ _ ` | ~ (no spaces or colons).";
        header_name_with_colon: |i| i.saml_headers = vec![header("department", "X-Department:")]
            => SamlHeaders, "SAML header name 1: A header name can use only letters, digits and ! # $ % & ' * + - . ^ _ ` | ~ (no spaces or colons).";
        header_name_duplicate_any_case: |i| i.saml_headers = vec![header("a", "X-Team"), header("b", "x-team")]
            => SamlHeaders, "SAML header name 2: The header x-team is already used by another row.";
        header_without_attribute: |i| i.saml_headers = vec![header("", "X-Team")]
            => SamlHeaders, "SAML header attribute name 1: Enter the SAML attribute to pass on, for example department.";
        header_without_name: |i| i.saml_headers = vec![header("team", " ")]
            => SamlHeaders, "SAML header name 1: Enter the HTTP header name, for example X-Department.";
        header_attribute_quoted: |i| i.saml_headers = vec![header("'team'", "X-Team")]
            => SamlHeaders, "SAML header attribute name 1: Attribute names cannot contain quotes; separate them with commas, for example email, name, username.";
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
        identity_provider_name_at_limit: |i| i.identity_provider_name = "n".repeat(256)
            => |s| s.identity_provider_name.len() == 256;
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
                i.sign_request = true; i.jumpcloud_app = JumpCloudApp::Custom;
                i.terraform_provider = TerraformProvider::V4; i.force_authn = true;
            }
            => |s| s.key_size == KeySize::Rsa3072 && s.key_format == KeyFormat::Pkcs1
                && s.certificate.profile == saml_idp_kit::pki::CertificateProfile::OpenSslCompatible
                && s.sign_request && s.jumpcloud_app == JumpCloudApp::Custom
                && s.terraform_provider == TerraformProvider::V4 && s.force_authn;
        scim_off_ignores_its_options: |i| { i.scim_user_deprovision = true; i.scim_seat_deprovision = true; }
            => |s| s.scim.is_none();
        scim_on_defaults: |i| i.scim_enabled = true
            => |s| s.scim == Some(ScimOptions { user_deprovision: false, seat_deprovision: false, identity_update_behavior: IdentityUpdateBehavior::NoAction });
        scim_seat_needs_user_deprovision: |i| { i.scim_enabled = true; i.scim_seat_deprovision = true; }
            => |s| s.scim.is_some_and(|scim| !scim.seat_deprovision && !scim.user_deprovision);
        scim_everything: |i| i.clone_from(&full_input())
            => |s| s.scim == Some(ScimOptions { user_deprovision: true, seat_deprovision: true, identity_update_behavior: IdentityUpdateBehavior::Reauth });
        groups_attribute_is_appended: |i| i.include_groups_attribute = true
            => |s| s.groups_attribute && s.attributes == ["email", "name", "username", "groups"];
        groups_attribute_not_doubled: |i| { i.include_groups_attribute = true; i.saml_attributes = "groups, email".into(); }
            => |s| s.attributes == ["groups", "email"];
        groups_list_trimmed_deduplicated: |i| { i.include_groups_attribute = true; i.allowed_groups = " Engineering ,, Sales,Engineering , ".into(); }
            => |s| s.allowed_groups == ["Engineering", "Sales"];
        groups_list_255_characters: |i| { i.include_groups_attribute = true; i.allowed_groups = "g".repeat(255); }
            => |s| s.allowed_groups == ["g".repeat(255)];
        groups_list_empty_is_fine: |i| i.include_groups_attribute = true
            => |s| s.allowed_groups.is_empty();
        groups_list_ignored_without_attribute: |i| i.allowed_groups = "Sales, \u{7}".into()
            => |s| s.allowed_groups.is_empty() && !s.attributes.contains(&"groups".to_owned());
        headers_trimmed_and_blank_rows_skipped: |i| i.saml_headers = vec![
                SamlHeaderInput { attribute_name: " department ".into(), header_name: " X-Department ".into() },
                SamlHeaderInput::default(),
            ]
            => |s| s.header_attributes == [HeaderAttribute { attribute_name: "department".into(), header_name: "X-Department".into() }];
    }
}
