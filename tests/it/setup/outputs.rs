//! Properties across every output: escaping, consistency between consoles, retired wording.

use super::*;
#[allow(unused_imports)]
use saml_idp_kit::setup::{cloudflare, files, guide, jumpcloud, metadata, reminder};

// ---------------------------------------------------------------------------------------------
// Escaping across every output

/// Quotes, markup, shell and template syntax, a backslash and non-ASCII, in one string.
const NASTY: &str = "Q\"uo'te <tag attr=\"x\"> & $HOME `id` \\back ${var} %{if} $${x} Ünïcødé 🙂;,";
/// The same without whitespace, for fields that forbid it.
const NASTY_WORD: &str = "urn:Q\"uo'te<tag>&$HOME`id`\\back${var}%{if}Ünïcødé🙂;,";

/// A group name with everything a group may hold (no commas, quotes or control characters).
const NASTY_GROUP: &str = "Ünï <&> $HOME `id` \\back ${var} %{if} 🙂;";
/// An HTTP token with every punctuation character a header name may hold.
const NASTY_HEADER: &str = "X-!#$%&'*+-.^_`|~";

fn nasty_input() -> FormInput {
    FormInput {
        team_name: "acme".to_owned(),
        sso_url: "https://sso.jumpcloud.com/saml2/a&b$c'd?x=$y%7B(z)*".to_owned(),
        idp_entity_id: NASTY_WORD.to_owned(),
        idp_entity_id_edited: true,
        identity_provider_name: NASTY.to_owned(),
        display_label: format!("Label {NASTY}"),
        common_name: "CN \"q\" <t> & $x `y` \\z Ü".to_owned(),
        organization: "O 'q' <&> ${x} Ünï 🙂".to_owned(),
        organizational_unit: "OU \\ ` $ %{".to_owned(),
        locality: "Zürich <L>".to_owned(),
        state_or_province: "\"ST\" & co".to_owned(),
        saml_attributes: "<a>&b, $c`d`\\e ${f}, %{g} Ünï 🙂".to_owned(),
        email_attribute_name: "$mail<&>`\\${x}Ü".to_owned(),
        include_groups_attribute: true,
        allowed_groups: format!("{NASTY_GROUP}, plain"),
        saml_headers: vec![SamlHeaderInput {
            attribute_name: "<a>&b".to_owned(),
            header_name: NASTY_HEADER.to_owned(),
        }],
        ..FormInput::default()
    }
}

#[test]
fn free_text_with_special_characters_survives_every_output_intact() {
    let input = nasty_input();
    let setup = valid(&input);
    let certificate = certificate_for(&setup);
    let attributes = ["<a>&b", "$c`d`\\e", "${f}", "%{g}", "Ünï", "🙂", "groups"];
    assert_eq!(setup.attributes, attributes);

    // JSON
    let json = parse_json(&cloudflare::api_body(&setup, &[&certificate]));
    assert_eq!(json["name"], NASTY);
    assert_eq!(json["config"]["issuer_url"], NASTY_WORD);
    assert_eq!(json["config"]["sso_target_url"], setup.sso_url.as_str());
    assert_eq!(json["config"]["attributes"], serde_json::json!(attributes));
    assert_eq!(json["config"]["email_attribute_name"], "$mail<&>`\\${x}Ü");
    assert_eq!(
        json["config"]["header_attributes"][0],
        serde_json::json!({"attribute_name": "<a>&b", "header_name": NASTY_HEADER})
    );
    let group = parse_json(&cloudflare::access_group_body(&setup).unwrap());
    assert_eq!(group["name"], format!("JumpCloud: {NASTY_GROUP}, plain"));
    assert_eq!(group["include"][0]["saml"]["attribute_value"], NASTY_GROUP);

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
    assert_eq!(
        resource["config"]["header_attributes"][0]["header_name"],
        NASTY_HEADER
    );
    let evaluated = eval_terraform(&terraform);
    let group = &evaluated["resource"]["cloudflare_zero_trust_access_group"]["jumpcloud"];
    assert_eq!(group["include"][0]["saml"]["attribute_value"], NASTY_GROUP);
    let mut v4 = input.clone();
    v4.terraform_provider = TerraformProvider::V4;
    let v4 = eval_terraform(&cloudflare::terraform(&valid(&v4), &[&certificate]));
    let v4_resource =
        &v4["resource"]["cloudflare_zero_trust_access_identity_provider"]["jumpcloud"];
    assert_eq!(v4_resource["name"], NASTY);

    // Shell: no user text reaches the command line; it is the same command as for plain input.
    let mut plain = acme_input();
    plain.include_groups_attribute = true;
    plain.allowed_groups = "a, b".to_owned();
    assert_eq!(
        cloudflare::curl_command(&setup),
        cloudflare::curl_command(&valid(&plain))
    );
    assert_eq!(
        cloudflare::update_curl_command(&setup),
        cloudflare::update_curl_command(&acme())
    );

    // iCalendar
    let ics = reminder::expiry_ics(&setup, &certificate, NOW);
    for event in &super::reminder::parse_ics(&ics) {
        assert!(event.get("SUMMARY").contains(&setup.display_label));
        let description = event.get("DESCRIPTION");
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
    let parsed = <x509_cert::Certificate as der::Decode>::from_der(certificate.der())
        .expect("certificate must parse");
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
        (Field::IdentityProviderName, |i| {
            i.identity_provider_name = format!("a\n{NASTY}")
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
        assert!(!problems[0].1.to_string().is_empty());
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
    assert_eq!(value_of(&dashboard, "Single Sign on URL"), sso_url);
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
            .all(|n| n.attribute("Location")
                == Some(value_of(&jumpcloud_values, "ACS URLs: Default URL")))
    );

    assert_eq!(value_of(&dashboard, "Name"), json["name"].as_str().unwrap());
    assert_eq!(terraform["name"], json["name"]);
}

// ---------------------------------------------------------------------------------------------
// Retired console wording

/// Words the consoles no longer use; none may appear in any output or step.
const RETIRED: [&str; 4] = [
    "Login methods",
    "Settings → Authentication",
    "Custom Pages",
    "Login method name",
];

/// Every text this module produces, for each setup: values, steps, labels, files.
fn every_text(setup: &Setup) -> Vec<(String, String)> {
    let certificate = certificate_for(setup);
    let older = older_certificate();
    let mut texts: Vec<(String, String)> = Vec::new();
    let mut values = |name: &str, list: Vec<NamedValue>| {
        for value in list {
            texts.push((
                format!("{name}: {}", value.label),
                format!(
                    "{} {} {}",
                    value.label,
                    value.value,
                    value.note.unwrap_or_default()
                ),
            ));
        }
    };
    values("jumpcloud values", jumpcloud::values(setup));
    values(
        "jumpcloud sp values",
        jumpcloud::sp_values(&setup.team, &setup.display_label),
    );
    values(
        "dashboard",
        cloudflare::dashboard_values(setup, &certificate),
    );
    let steps = [
        ("jumpcloud steps", guide::jumpcloud_steps(setup)),
        (
            "cloudflare steps",
            guide::cloudflare_steps(setup, &certificate),
        ),
        ("cloudflare scim steps", guide::cloudflare_scim_steps(setup)),
        ("jumpcloud scim steps", guide::jumpcloud_scim_steps(setup)),
    ];
    for (name, list) in steps {
        texts.push((name.to_owned(), render_steps(&list)));
    }
    texts.push((
        "note".to_owned(),
        guide::KEEP_JUMPCLOUD_PAIR_NOTE.to_owned(),
    ));
    texts.push((
        "team help".to_owned(),
        saml_idp_kit::setup::TEAM_NAME_HELP.to_owned(),
    ));
    for field in Field::ALL {
        texts.push((format!("label {field:?}"), field.label().to_owned()));
    }
    for (row, part, message) in full_input().saml_header_problems() {
        texts.push((
            format!("header {row}"),
            format!("{} {message}", part.label(row)),
        ));
    }
    let files: Vec<(&str, String)> = vec![
        (
            "api body",
            cloudflare::api_body(setup, &[&certificate, &older]),
        ),
        ("curl", cloudflare::curl_command(setup)),
        ("update curl", cloudflare::update_curl_command(setup)),
        (
            "terraform",
            cloudflare::terraform(setup, &[&certificate, &older]),
        ),
        (
            "group",
            cloudflare::access_group_body(setup).unwrap_or_default(),
        ),
        (
            "idp metadata",
            metadata::idp_metadata_xml(setup, &[&certificate]),
        ),
        ("sp metadata", metadata::sp_metadata_xml(&setup.team)),
        ("reminder", reminder::expiry_ics(setup, &certificate, NOW)),
    ];
    for (name, text) in files {
        texts.push((name.to_owned(), text));
    }
    for limit in saml_idp_kit::setup::terraform::v4_limits(setup, 2) {
        texts.push(("v4 limit".to_owned(), limit));
    }
    texts
}

#[test]
fn no_output_or_step_uses_retired_console_wording() {
    let mut checked = 0;
    for app in JumpCloudApp::ALL {
        for provider in TerraformProvider::ALL {
            for base in [acme_input(), full_input()] {
                let input = FormInput {
                    jumpcloud_app: app,
                    terraform_provider: provider,
                    ..base
                };
                for (name, text) in every_text(&valid(&input)) {
                    // Folded iCalendar lines could split a word: check the unfolded text too.
                    let unfolded = text.replace("\r\n ", "");
                    for word in RETIRED {
                        assert!(
                            !unfolded.to_lowercase().contains(&word.to_lowercase()),
                            "{name} ({app:?}, {provider:?}) says {word:?}:\n{text}"
                        );
                    }
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 200, "only {checked} texts checked");
}
