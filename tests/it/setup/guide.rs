//! The console steps: both JumpCloud-app choices, Cloudflare One, SCIM.

use super::*;
#[allow(unused_imports)]
use saml_idp_kit::setup::{cloudflare, files, guide, jumpcloud, metadata, reminder};

fn texts(steps: &[Step]) -> String {
    render_steps(steps)
}

#[test]
fn catalog_app_steps_follow_cloudflares_jumpcloud_guide() {
    let setup = acme();
    let steps = guide::jumpcloud_steps(&setup);
    golden("jumpcloud-steps-catalog.txt", &render_steps(&steps));
    let text = texts(&steps);
    for expected in [
        "SSO Applications",
        "Add New Application",
        "enter Cloudflare, select the Cloudflare Access application",
        "Display Label",
        "Save Application",
        "Configure Application",
        "SSO tab",
        "Actions",
        "User Groups tab",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
    // In the order of the guide.
    let at = |needle: &str| text.find(needle).unwrap();
    assert!(at("Add New Application") < at("Cloudflare Access application"));
    assert!(at("Configure Application") < at("SSO tab"));
    assert!(at("SSO tab") < at("open Actions"));
    assert!(at("open Actions") < at("User Groups tab"));
    let values: Vec<&NamedValue> = steps.iter().flat_map(|s| &s.values).collect();
    let labels: Vec<&str> = values.iter().map(|v| v.label.as_str()).collect();
    for label in [
        "Display Label",
        "IdP Entity ID",
        "SP Entity ID",
        "ACS URLs: Default URL",
        "SAMLSubject NameID",
        "Actions → Upload New certificate",
        "Actions → Upload IdP Key",
    ] {
        assert!(labels.contains(&label), "{label} missing: {labels:?}");
    }
    // Certificate before key: uploading a certificate wipes the stored key.
    let position = |label: &str| labels.iter().position(|l| *l == label).unwrap();
    assert!(position("Actions → Upload New certificate") < position("Actions → Upload IdP Key"));
    assert!(guide::KEEP_JUMPCLOUD_PAIR_NOTE.contains("From JumpCloud metadata"));
    assert!(guide::KEEP_JUMPCLOUD_PAIR_NOTE.contains("Export Metadata"));
}

#[test]
fn custom_app_steps_start_from_the_custom_application_tile() {
    let mut input = acme_input();
    input.jumpcloud_app = JumpCloudApp::Custom;
    let setup = valid(&input);
    let steps = guide::jumpcloud_steps(&setup);
    golden("jumpcloud-steps-custom.txt", &render_steps(&steps));
    let text = texts(&steps);
    assert!(text.contains("Custom Application tile"));
    assert!(text.contains("Manage Single Sign-On (SSO)"));
    assert!(!text.contains("Cloudflare Access application"));
    // The same values as the catalog app, from the same source.
    let values = |steps: &[Step]| {
        steps
            .iter()
            .flat_map(|s| s.values.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(values(&steps), values(&guide::jumpcloud_steps(&acme())));
    assert_eq!(values(&steps), jumpcloud::values(&setup));
}

#[test]
fn cloudflare_steps_name_todays_screens_and_every_dashboard_value() {
    let setup = full();
    let certificate = certificate_for(&setup);
    let steps = guide::cloudflare_steps(&setup, &certificate);
    golden("cloudflare-steps.txt", &render_steps(&steps));
    let text = texts(&steps);
    assert!(text.starts_with("1. In Cloudflare One, go to Integrations → Identity providers."));
    assert!(text.contains("Add new identity provider, then select SAML"));
    assert!(text.contains("Optional configurations"));
    let values: Vec<NamedValue> = steps.iter().flat_map(|s| s.values.clone()).collect();
    assert_eq!(values, cloudflare::dashboard_values(&setup, &certificate));
    assert_eq!(
        steps[2].values.len(),
        4,
        "name, URL, entity ID, certificate"
    );
    assert_eq!(
        saml_idp_kit::setup::TEAM_NAME_HELP,
        "In Cloudflare One, go to Settings → Team name."
    );
}

#[test]
fn scim_steps_follow_the_dashboards_order_and_never_carry_the_secret() {
    assert!(guide::cloudflare_scim_steps(&acme()).is_empty());
    assert!(guide::jumpcloud_scim_steps(&acme()).is_empty());
    let setup = full();
    let cloudflare_steps = guide::cloudflare_scim_steps(&setup);
    let jumpcloud_steps = guide::jumpcloud_scim_steps(&setup);
    golden(
        "scim-steps.txt",
        &format!(
            "Cloudflare One\n{}JumpCloud\n{}",
            render_steps(&cloudflare_steps),
            render_steps(&jumpcloud_steps)
        ),
    );
    let text = texts(&cloudflare_steps);
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle} missing:\n{text}"))
    };
    assert!(at("select Edit") < at("Turn on Enable SCIM"));
    assert!(at("Turn on Enable SCIM") < at("Enable user deprovisioning"));
    assert!(at("SCIM identity update behavior") < at("Regenerate Secret"));
    assert!(at("Regenerate Secret") < at("SCIM Endpoint"));
    assert!(at("shown only now") < at("Select Save."));
    let options = &cloudflare_steps[2].values;
    assert_eq!(value_of(options, "Enable user deprovisioning"), "On");
    assert_eq!(value_of(options, "Remove user seat on deprovision"), "On");
    assert_eq!(
        value_of(options, "SCIM identity update behavior"),
        "Group membership change reauthentication"
    );
    let text = texts(&jumpcloud_steps);
    for expected in [
        "Identity Management tab",
        "Enable management of User Groups and Group Membership in this application",
        "Configure",
        "Base URL",
        "Token Key",
        "Activate",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
    assert!(
        jumpcloud_steps.iter().all(|s| s.values.is_empty()),
        "the page never holds the secret"
    );
}

#[test]
fn option_labels_are_the_consoles() {
    assert_eq!(JumpCloudApp::LEGEND, "JumpCloud app");
    assert_eq!(
        JumpCloudApp::ALL.map(JumpCloudApp::label),
        ["Catalog app: Cloudflare Access", "Custom SAML app"]
    );
    assert_eq!(JumpCloudApp::default(), JumpCloudApp::Catalog);
    assert_eq!(
        IdentityUpdateBehavior::ALL.map(IdentityUpdateBehavior::label),
        [
            "Automatic identity updates",
            "Group membership change reauthentication",
            "No action"
        ]
    );
    assert_eq!(
        IdentityUpdateBehavior::ALL.map(IdentityUpdateBehavior::api_value),
        ["automatic", "reauth", "no_action"]
    );
    assert_eq!(TerraformProvider::LABEL, "Terraform provider");
    assert_eq!(
        TerraformProvider::ALL.map(TerraformProvider::label),
        ["v5 (current)", "v4"]
    );
    use saml_idp_kit::setup::options::{self, HeaderPart};
    assert_eq!(
        HeaderPart::AttributeName.label(0),
        "SAML header attribute name 1"
    );
    assert_eq!(HeaderPart::HeaderName.label(1), "SAML header name 2");
    assert_eq!(options::ADD_SAML_HEADER_LABEL, "Add SAML header");
    assert_eq!(options::remove_saml_header_label(0), "Remove SAML header 1");
    assert_eq!(
        options::INCLUDE_GROUP_ATTRIBUTE_LABEL,
        "Include group attribute"
    );
    assert_eq!(options::scim_labels::ENABLE, "Enable SCIM");
}
