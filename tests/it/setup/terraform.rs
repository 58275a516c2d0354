//! Terraform, v5 and v4, parsed with hcl-rs and checked against the providers' attribute lists.

use super::*;
#[allow(unused_imports)]
use saml_idp_kit::setup::{cloudflare, files, guide, jumpcloud, metadata, reminder};

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
        decode_base64(config["idp_public_certs"][0].as_str().unwrap()),
        certificate.der()
    );
}

#[test]
fn terraform_v5_keeps_rotation_order() {
    let setup = acme();
    let new = certificate_for(&setup);
    let older = older_certificate();
    let text = cloudflare::terraform(&setup, &[&new, &older]);
    let config = &terraform_config(&text)["config"];
    assert!(config.get("idp_public_cert").is_none());
    let certs: Vec<Vec<u8>> = config["idp_public_certs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| decode_base64(c.as_str().unwrap()))
        .collect();
    assert_eq!(certs, [new.der().to_vec(), older.der().to_vec()]);
}

#[test]
fn terraform_v5_writes_scim_headers_and_the_access_group() {
    let setup = full();
    let certificate = certificate_for(&setup);
    let text = cloudflare::terraform(&setup, &[&certificate]);
    golden("cloudflare-access-idp-full.tf", &text);
    let evaluated = eval_terraform(&text);
    let resource =
        &evaluated["resource"]["cloudflare_zero_trust_access_identity_provider"]["jumpcloud"];
    assert_eq!(
        resource["scim_config"],
        serde_json::json!({
            "enabled": true,
            "user_deprovision": true,
            "seat_deprovision": true,
            "identity_update_behavior": "reauth",
        })
    );
    assert_eq!(
        resource["config"]["header_attributes"],
        serde_json::json!([
            {"attribute_name": "department", "header_name": "X-Department"},
            {"attribute_name": "email", "header_name": "X-Email"},
        ])
    );
    let group = &evaluated["resource"]["cloudflare_zero_trust_access_group"]["jumpcloud"];
    assert_eq!(group["account_id"], "account-123");
    assert_eq!(group["name"], "JumpCloud: Engineering, Sales");
    assert_eq!(
        group["include"],
        serde_json::json!([
            {"saml": {"attribute_name": "groups", "attribute_value": "Engineering", "identity_provider_id": TERRAFORM_IDP_ID}},
            {"saml": {"attribute_name": "groups", "attribute_value": "Sales", "identity_provider_id": TERRAFORM_IDP_ID}},
        ])
    );
    // The rules refer to the resource, not to a pasted ID.
    assert!(text.contains(
        "identity_provider_id = cloudflare_zero_trust_access_identity_provider.jumpcloud.id"
    ));
}

#[test]
fn terraform_v4_uses_blocks_one_certificate_and_says_what_it_drops() {
    let mut input = full_input();
    input.terraform_provider = TerraformProvider::V4;
    let setup = valid(&input);
    let new = certificate_for(&setup);
    let older = older_certificate();
    let text = cloudflare::terraform(&setup, &[&new, &older]);
    golden("cloudflare-access-idp-v4.tf", &text);
    assert!(text.contains("version = \"~> 4.52\""));
    let body: hcl::Body = hcl::parse(&text).unwrap();
    let resource = body
        .blocks()
        .find(|b| {
            b.labels.first().map(|l| l.as_str())
                == Some("cloudflare_zero_trust_access_identity_provider")
        })
        .unwrap();
    let config = resource
        .body
        .blocks()
        .find(|b| b.identifier.as_str() == "config")
        .unwrap();
    let cert = config
        .body
        .attributes()
        .find(|a| a.key.as_str() == "idp_public_cert")
        .unwrap();
    assert_eq!(
        cert.expr,
        hcl::Expression::String(new.base64()),
        "only the first (new) certificate"
    );
    assert!(
        config
            .body
            .attributes()
            .all(|a| a.key.as_str() != "header_attributes")
    );
    assert!(
        resource
            .body
            .blocks()
            .any(|b| b.identifier.as_str() == "scim_config")
    );
    let limits = saml_idp_kit::setup::terraform::v4_limits(&setup, 2);
    assert_eq!(limits.len(), 2, "{limits:?}");
    for limit in &limits {
        assert!(text.contains(&format!("# Not written: {limit}")), "{limit}");
    }
    let evaluated = eval_terraform(&text);
    let group = &evaluated["resource"]["cloudflare_zero_trust_access_group"]["jumpcloud"];
    // hcl-rs evaluates repeated blocks into a list.
    assert_eq!(
        group["include"].as_array().map(Vec::len),
        Some(2),
        "{group}"
    );
    // v5 has no limits to report.
    assert!(saml_idp_kit::setup::terraform::v4_limits(&full(), 2).is_empty());
}
