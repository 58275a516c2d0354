use super::*;
use saml_idp_kit::app::outputs::Outputs;
use saml_idp_kit::import::jumpcloud_metadata;
use saml_idp_kit::pki::{Certificate, KeyFormat, KeyPair};
use saml_idp_kit::setup::{cloudflare, files, metadata, reminder};

fn names(outputs: &Outputs) -> Vec<(String, &'static str, bool)> {
    outputs
        .files()
        .into_iter()
        .map(|f| (f.mime(), f))
        .map(|(mime, f)| (f.name, mime, f.holds_key))
        .collect()
}

#[test]
fn before_generating_only_the_sp_metadata_exists() {
    let state = after([edit(Field::TeamName, "acme")]);
    let outputs = Outputs::new(&state, Mode::NewKey, NOW);
    assert_eq!(
        names(&outputs),
        [("sp-metadata.xml".to_owned(), "application/xml", false)]
    );
    let none = Outputs::new(&State::new(), Mode::NewKey, NOW);
    assert!(none.files().is_empty());
    assert_eq!(none.file(PageFile::SpMetadata).unwrap(), None);
}

#[test]
fn new_key_offers_every_file_and_each_matches_its_output() {
    let state = after([edit(Field::TeamName, "acme"), generated()]);
    let outputs = Outputs::new(&state, Mode::NewKey, NOW);
    let expected = [
        ("samlidp.key", "application/x-pem-file", true),
        ("samlidp.crt", "application/x-pem-file", false),
        ("sp-metadata.xml", "application/xml", false),
        ("idp-metadata.xml", "application/xml", false),
        (
            "cloudflare-identity-provider.json",
            "application/json",
            false,
        ),
        ("cloudflare-access-idp.tf", "text/plain", false),
        ("samlidp-expiry.ics", "text/calendar", false),
        ("saml-idp-kit-acme.zip", "application/zip", true),
    ];
    let listed = names(&outputs);
    assert_eq!(listed.len(), expected.len());
    for ((name, mime, holds_key), (e_name, e_mime, e_holds)) in listed.iter().zip(expected) {
        assert_eq!(
            (name.as_str(), *mime, *holds_key),
            (e_name, e_mime, e_holds)
        );
    }
    let setup = state.setup.clone().unwrap();
    let certificate = fixed_certificate();
    let certificates = [&certificate];
    let contents: [(PageFile, String); 7] = [
        (
            PageFile::Key,
            fixed_key().to_pem(KeyFormat::Pkcs8).unwrap().to_string(),
        ),
        (PageFile::Certificate, certificate.to_pem().unwrap()),
        (PageFile::SpMetadata, metadata::sp_metadata_xml(&setup.team)),
        (
            PageFile::IdpMetadata,
            metadata::idp_metadata_xml(&setup, &certificates),
        ),
        (
            PageFile::ApiBody,
            cloudflare::api_body(&setup, &certificates),
        ),
        (
            PageFile::Terraform,
            cloudflare::terraform(&setup, &certificates),
        ),
        (
            PageFile::Reminder,
            reminder::expiry_ics(&setup, &certificate, NOW),
        ),
    ];
    let mut built = Vec::new();
    for (name, content) in &contents {
        let file = outputs.file(*name).unwrap().unwrap();
        assert_eq!(file.bytes.as_slice(), content.as_bytes(), "{name:?}");
        built.push(file);
    }
    // The ZIP holds exactly those files, in that order.
    let zip = outputs.file(PageFile::Zip).unwrap().unwrap();
    assert_eq!(zip.bytes.as_slice(), files::zip_all(&built, NOW).unwrap());
    assert!(outputs.file(PageFile::ApiUpdateBody).unwrap().is_none());
    // Debug output never shows content (the key).
    assert!(!format!("{:?}", built[0]).contains("PRIVATE KEY"));
}

#[test]
fn the_key_file_follows_the_format_control_in_new_key() {
    let state = after([
        edit(Field::TeamName, "acme"),
        generated(),
        Action::SetKeyFormat(KeyFormat::Pkcs1),
    ]);
    let outputs = Outputs::new(&state, Mode::NewKey, NOW);
    let file = outputs.file(PageFile::Key).unwrap().unwrap();
    assert!(file.bytes.starts_with(b"-----BEGIN RSA PRIVATE KEY-----"));
}

#[test]
fn renew_offers_updates_not_creation_and_metadata_mode_has_no_key_files() {
    let key = Rc::new(KeyPair::from_pem(RSA2048_PKCS8).unwrap());
    let state = after([
        edit(Field::TeamName, "acme"),
        Action::SetMode(Mode::Renew),
        Action::KeyImported {
            key: key.clone(),
            format: KeyFormat::Pkcs8,
        },
        super::modes::renewed(key),
    ]);
    let outputs = Outputs::new(&state, Mode::Renew, NOW);
    let listed: Vec<String> = names(&outputs).into_iter().map(|n| n.0).collect();
    assert_eq!(
        listed,
        [
            "samlidp.key",
            "samlidp.crt",
            "idp-metadata.xml",
            "cloudflare-identity-provider-update.json",
            "cloudflare-access-idp.tf",
            "samlidp-expiry.ics",
            "saml-idp-kit-acme.zip",
        ],
        "no create body, no SP metadata: the identity provider and the app exist"
    );
    assert!(outputs.file(PageFile::ApiBody).unwrap().is_none());
    assert!(outputs.api_body().is_none() && outputs.curl().is_none());
    let update = outputs.file(PageFile::ApiUpdateBody).unwrap().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&update.bytes).unwrap();
    assert_eq!(
        json["config"]["idp_public_certs"].as_array().map(Vec::len),
        Some(1),
        "no current certificate given: the new one alone"
    );

    let xml = include_bytes!("../../fixtures/jumpcloud-idp-metadata.xml");
    let metadata = Rc::new(jumpcloud_metadata(xml).unwrap());
    let state = after([
        edit(Field::TeamName, "acme"),
        Action::SetMode(Mode::FromMetadata),
        Action::MetadataImported(metadata.clone()),
    ]);
    let outputs = Outputs::new(&state, Mode::FromMetadata, NOW);
    let listed: Vec<String> = names(&outputs).into_iter().map(|n| n.0).collect();
    assert_eq!(
        listed,
        [
            "cloudflare-identity-provider.json",
            "cloudflare-access-idp.tf",
            "samlidp-expiry.ics",
            "saml-idp-kit-acme.zip",
        ]
    );
    let body = outputs.file(PageFile::ApiBody).unwrap().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&body.bytes).unwrap();
    let guide = Certificate::from_pem(OPENSSL_GUIDE_CERT).unwrap();
    assert_eq!(json["config"]["issuer_url"], metadata.entity_id.as_str());
    assert_eq!(
        json["config"]["idp_public_certs"][0],
        guide.base64().as_str()
    );
}

#[test]
fn the_jumpcloud_app_choice_reaches_the_setup_and_the_steps() {
    use saml_idp_kit::setup::{JumpCloudApp, guide};
    let catalog = after([edit(Field::TeamName, "acme")]);
    assert_eq!(
        catalog.form.jumpcloud_app,
        JumpCloudApp::Catalog,
        "the default"
    );
    let custom = after([
        edit(Field::TeamName, "acme"),
        Action::SetJumpCloudApp(JumpCloudApp::Custom),
    ]);
    assert_eq!(custom.form.jumpcloud_app, JumpCloudApp::Custom);
    let setup = custom.setup.clone().unwrap();
    assert_eq!(setup.jumpcloud_app, JumpCloudApp::Custom);
    let steps = Outputs::new(&custom, Mode::NewKey, NOW).jumpcloud_steps();
    assert_eq!(steps, guide::jumpcloud_steps(&setup), "before the key too");
    assert_ne!(
        steps,
        Outputs::new(&catalog, Mode::NewKey, NOW).jumpcloud_steps()
    );
    // The Cloudflare steps need the certificate.
    assert!(
        Outputs::new(&custom, Mode::NewKey, NOW)
            .cloudflare_steps()
            .is_empty()
    );
    let ready = after([edit(Field::TeamName, "acme"), generated()]);
    assert_eq!(
        Outputs::new(&ready, Mode::NewKey, NOW)
            .cloudflare_steps()
            .len(),
        5
    );
}

#[test]
fn scim_steps_follow_the_order_the_consoles_allow_and_groups_have_dashboard_steps() {
    use saml_idp_kit::setup::guide;
    let state = after([
        edit(Field::TeamName, "acme"),
        Action::SetScim(true),
        Action::SetIncludeGroups(true),
        edit(Field::AllowedGroups, "Engineering, Sales"),
        generated(),
    ]);
    let outputs = Outputs::new(&state, Mode::NewKey, NOW);
    let jumpcloud = outputs.jumpcloud_steps();
    assert!(
        !jumpcloud.iter().any(|s| s.text.contains("Token Key")),
        "JumpCloud's section cannot ask for the secret before Cloudflare shows it"
    );
    assert_eq!(
        jumpcloud.last().map(|s| s.text.as_str()),
        Some(guide::SCIM_LATER_NOTE)
    );
    let cloudflare = outputs.cloudflare_steps();
    let position = |needle: &str| {
        cloudflare
            .iter()
            .position(|s| s.text.contains(needle))
            .unwrap_or_else(|| panic!("no step with {needle:?}"))
    };
    assert!(position("Add new identity provider") < position("Regenerate Secret"));
    assert!(position("Regenerate Secret") < position("Token Key"));
    assert!(position("Token Key") < position("Rule groups"));
    let group_step = &cloudflare[position("Include rule per JumpCloud group")];
    let values: Vec<&str> = group_step.values.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(
        values,
        ["JumpCloud: Engineering, Sales", "Engineering", "Sales"]
    );
}
