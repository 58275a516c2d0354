//! "Ask JumpCloud to sign in again every time": `config.force_authn` in every API body when on
//! (and nowhere when off), and in Terraform only as a comment, as no provider has it.

use super::*;
use saml_idp_kit::setup::cloudflare;

#[test]
fn force_authn_is_in_every_body_only_when_asked_for() {
    let mut input = acme_input();
    input.force_authn = true;
    let setup = valid(&input);
    assert!(setup.force_authn);
    let new = certificate_for(&setup);
    let older = older_certificate();
    let body = cloudflare::api_body(&setup, &[&new]);
    golden("cloudflare-identity-provider-force-authn.json", &body);
    let json = parse_json(&body);
    assert_eq!(json["config"]["force_authn"], true);
    // Everything else is the default body's, byte for byte, plus this one key.
    let mut without = json.clone();
    without["config"]
        .as_object_mut()
        .unwrap()
        .remove("force_authn");
    assert_eq!(
        without,
        parse_json(&cloudflare::api_body(&acme(), &[&new])),
        "force_authn must be the only difference"
    );
    // The rotation body (two certificates) carries it too, and so do the other options.
    let rotation = parse_json(&cloudflare::api_body(&setup, &[&new, &older]));
    assert_eq!(rotation["config"]["force_authn"], true);
    let mut full_input = full_input();
    full_input.force_authn = true;
    let full_forced = valid(&full_input);
    let full_body = parse_json(&cloudflare::api_body(&full_forced, &[&new]));
    assert_eq!(full_body["config"]["force_authn"], true);
    assert!(full_body["scim_config"].is_object());
    // Off: the key is left out, not written as false.
    for off in [acme(), full()] {
        let body = cloudflare::api_body(&off, &[&new]);
        assert!(!body.contains("force_authn"), "{body}");
    }
    // The dashboard has no such setting: its values say so, only when it is on.
    let values = cloudflare::dashboard_values(&setup, &new);
    assert_eq!(
        value_of(
            &values,
            saml_idp_kit::setup::options::sign_in::FORCE_AUTHN_LABEL
        ),
        "API only"
    );
    let default_values = cloudflare::dashboard_values(&acme(), &new);
    assert_eq!(default_values.len(), values.len() - 1);
}

#[test]
fn terraform_says_force_authn_is_api_only_in_both_providers() {
    let mut input = acme_input();
    input.force_authn = true;
    let setup = valid(&input);
    let certificate = certificate_for(&setup);
    let text = cloudflare::terraform(&setup, &[&certificate]);
    golden("cloudflare-access-idp-force-authn.tf", &text);
    // No provider up to v5.22.0 has the attribute: the file says so instead of writing it.
    assert!(
        text.contains(
            "# Not written: force_authn (Ask JumpCloud to sign in again every time) is API-only"
        ),
        "{text}"
    );
    let config = &terraform_config(&text)["config"];
    assert!(config.get("force_authn").is_none(), "{config}");
    // Otherwise the file is the default one: only the comment line is added.
    let default = cloudflare::terraform(&acme(), &[&certificate]);
    let added: Vec<&str> = text
        .lines()
        .filter(|line| !default.lines().any(|d| d == *line))
        .collect();
    assert_eq!(added.len(), 1, "{added:?}");
    assert!(saml_idp_kit::setup::terraform::v4_limits(&setup, 1).is_empty());

    input.terraform_provider = TerraformProvider::V4;
    let v4 = valid(&input);
    let text = cloudflare::terraform(&v4, &[&certificate]);
    let limits = saml_idp_kit::setup::terraform::v4_limits(&v4, 1);
    assert_eq!(limits.len(), 1, "{limits:?}");
    assert!(limits[0].starts_with("v4 has no force_authn"), "{limits:?}");
    assert!(text.contains(&format!("# Not written: {}", limits[0])));
    assert_eq!(text.matches("force_authn").count(), 1, "{text}");
}
