use super::*;
use saml_idp_kit::app::outputs::Outputs;
use saml_idp_kit::app::state::CloudflareTab;
use saml_idp_kit::app::views::{CloudflareView, JumpCloudView};

#[test]
fn before_the_key_jumpcloud_has_its_steps_and_cloudflare_nothing() {
    let state = after([edit(Field::TeamName, "acme")]);
    let outputs = Outputs::new(&state, Mode::NewKey, NOW);
    let jumpcloud = JumpCloudView::of(&outputs);
    assert!(!jumpcloud.has_key);
    assert_eq!(*jumpcloud.steps, outputs.jumpcloud_steps());
    assert_eq!(jumpcloud.files.names(), ["sp-metadata.xml"]);
    assert_eq!(CloudflareView::of(&outputs), None);
}

#[test]
fn after_the_key_every_text_is_made_once_and_matches_the_outputs() {
    let state = after([edit(Field::TeamName, "acme"), generated()]);
    let outputs = Outputs::new(&state, Mode::NewKey, NOW);
    let jumpcloud = JumpCloudView::of(&outputs);
    assert!(jumpcloud.has_key);
    assert!(jumpcloud.files.names().contains(&"samlidp.key"));
    let view = CloudflareView::of(&outputs).unwrap();
    let tabs: Vec<CloudflareTab> = view.tabs.iter().map(|(t, _)| *t).collect();
    assert_eq!(
        tabs,
        [
            CloudflareTab::ApiJson,
            CloudflareTab::Curl,
            CloudflareTab::Terraform
        ]
    );
    assert_eq!(
        &*view.code(CloudflareTab::ApiJson),
        outputs.api_body().unwrap()
    );
    assert_eq!(&*view.code(CloudflareTab::Curl), outputs.curl().unwrap());
    assert_eq!(
        &*view.code(CloudflareTab::Terraform),
        outputs.terraform().unwrap()
    );
    assert_eq!(*view.steps, outputs.cloudflare_steps());
    assert_eq!(view.certificate_count, 1);
    assert!(view.files.has(PageFile::IdpMetadata));
    assert!(!view.files.has(PageFile::AccessGroup));
    // New key has no update tab: selecting it shows the API body.
    assert_eq!(view.tab(CloudflareTab::Update), CloudflareTab::ApiJson);
    assert_eq!(&*view.code(CloudflareTab::Update), "");
}
