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

/// The date is a parameter: the metadata's certificate facts and the renewal notice follow
/// the `now` given, not a clock read while rendering.
#[test]
fn the_dated_view_reads_the_date_it_is_given() {
    use saml_idp_kit::app::state::file_read;
    use saml_idp_kit::app::views::DatedView;
    use saml_idp_kit::import::InputKind;
    let metadata = include_bytes!("../../fixtures/jumpcloud-idp-metadata.xml");
    let mut state = after([
        edit(Field::TeamName, "acme"),
        Action::SetMode(Mode::FromMetadata),
    ]);
    state.apply(file_read(
        InputKind::Metadata,
        Some("metadata.xml".to_owned()),
        Ok(metadata),
    ));
    let first = state
        .imports
        .metadata
        .as_ref()
        .and_then(|m| m.first_to_expire().cloned())
        .expect("the fixture has a signing certificate");
    let days_now = first.days_left(NOW);
    assert!(days_now > 60, "the fixture is far from expiry at NOW");
    let today = DatedView::of(&state, NOW);
    assert_eq!(today.renew_due_in_days, None);
    assert_eq!(today.metadata_certificates.len(), 1);
    assert_eq!(today.metadata_certificates[0].days_left, days_now);
    let later = NOW + (days_now - 30) as u64 * 86_400;
    let soon = DatedView::of(&state, later);
    assert_eq!(soon.renew_due_in_days, Some(30));
    assert_eq!(soon.metadata_certificates[0].days_left, 30);
    assert!(soon.rotation_cards.is_empty(), "no Renew certificates yet");
    assert_eq!(soon.check, None, "no response check outside its mode");

    // Only the current mode's part is made.
    state.apply(Action::SetMode(Mode::NewKey));
    assert_eq!(DatedView::of(&state, later), DatedView::default());
    state.apply(Action::SetMode(Mode::CheckResponse));
    let check = DatedView::of(&state, later);
    assert!(check.metadata_certificates.is_empty());
    let basis = check.check.expect("the check's view in its mode").basis;
    assert!(basis.is_ok(), "{basis:?}");
}

/// The v4 limits count the certificates the mode sends (the rule `State` owns).
#[test]
fn the_v4_limits_follow_the_setup_and_the_certificate_count() {
    use saml_idp_kit::app::views::v4_limits;
    use saml_idp_kit::setup::{TerraformProvider, terraform};
    let mut state = after([edit(Field::TeamName, "acme"), generated()]);
    state.apply(Action::SetTerraformProvider(TerraformProvider::V4));
    state.apply(Action::SetForceAuthn(true));
    let setup = state.setup.clone().expect("setup");
    let limits = v4_limits(&state);
    assert!(!limits.is_empty(), "force_authn is API-only");
    assert_eq!(limits, terraform::v4_limits(&setup, 1));
    assert_eq!(v4_limits(&State::new()), Vec::<String>::new());
}
