use super::*;
use saml_idp_kit::app::outputs::Outputs;
use saml_idp_kit::app::state::{CheckAgainst, CloudflareTab, RenewKey};
use saml_idp_kit::app::views::{CloudflareView, Expiry, RotationView, rotation_cards};
use saml_idp_kit::import::{IdpMetadata, InputKind, jumpcloud_metadata};
use saml_idp_kit::pki::{Certificate, KeyFormat};
use saml_idp_kit::setup::files;
use saml_idp_kit::setup::guide::KEY_SAFEKEEPING;
use saml_idp_kit::setup::rotation::Phase;

fn metadata_fixture() -> Rc<IdpMetadata> {
    let xml = include_bytes!("../../fixtures/jumpcloud-idp-metadata.xml");
    Rc::new(jumpcloud_metadata(xml).expect("fixture metadata"))
}

/// The fixture with a second signing certificate, as JumpCloud's metadata lists one per
/// `KeyDescriptor`.
fn metadata_with_two_certificates() -> Rc<IdpMetadata> {
    let xml = include_str!("../../fixtures/jumpcloud-idp-metadata.xml");
    let second = format!(
        "</md:KeyDescriptor>\n    <md:KeyDescriptor use=\"signing\"><ds:KeyInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:X509Data><ds:X509Certificate>{}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>",
        fixed_certificate().base64()
    );
    let xml = xml.replacen("</md:KeyDescriptor>", &second, 1);
    Rc::new(jumpcloud_metadata(xml.as_bytes()).expect("two-certificate metadata"))
}

/// A key made in Renew ("Make a new key"), as generation reports it.
pub(super) fn rotation_key_made() -> [Action; 3] {
    let certificate = Certificate::issue(
        &fixed_key(),
        &CertificateOptions::default(),
        NOW,
        &mut TestRng::new("rotation"),
    )
    .expect("certificate");
    [
        Action::SetRenewKey(RenewKey::New),
        Action::GenerationStarted(KeyOrigin::WebCrypto),
        Action::Generated(Generated {
            key: Rc::new(fixed_key()),
            certificate: Rc::new(certificate),
            options: CertificateOptions::default(),
            generated_at: NOW,
            took_ms: 40.0,
            origin: KeyOrigin::WebCrypto,
            saved: false,
        }),
    ]
}

fn renew_with_new_key() -> State {
    let mut state = after([edit(Field::TeamName, "acme"), Action::SetMode(Mode::Renew)]);
    for action in rotation_key_made() {
        state.apply(action);
    }
    state
}

fn json_of(outputs: &Outputs, file: PageFile) -> serde_json::Value {
    let file = outputs
        .file(file)
        .expect("builds")
        .unwrap_or_else(|| panic!("{file:?} is offered"));
    serde_json::from_slice(&file.bytes).expect("valid JSON")
}

#[test]
fn a_key_made_in_renew_has_its_own_slot_and_guard() {
    let mut state = renew_with_new_key();
    assert!(state.new_key.is_none(), "New key's slot is untouched");
    assert!(state.rotation_key.is_some());
    assert!(
        state.key_at_risk(),
        "unsaved: the leave-page guard is armed"
    );
    assert!(state.makes_key(), "key size and format are choices now");
    state.apply(Action::SetMode(Mode::NewKey));
    state.apply(Action::SetMode(Mode::Renew));
    assert!(
        state.rotation_key.is_some(),
        "switching modes never drops it"
    );
    state.apply(Action::SetRenewKey(RenewKey::Keep));
    assert!(
        state.active_key(Mode::Renew).is_none(),
        "no kept key read yet"
    );
    assert!(
        state.key_at_risk(),
        "the other choice does not drop it either"
    );
    state.apply(Action::SetRenewKey(RenewKey::New));
    state.apply(saved_in(Mode::Renew, files::KEY_FILE, true));
    assert!(!state.key_at_risk());
    // A key from New key lands in New key's slot, not here.
    state.apply(Action::SetMode(Mode::NewKey));
    state.apply(Action::GenerationStarted(KeyOrigin::WebCrypto));
    state.apply(generated());
    assert!(state.new_key.is_some());
    assert_eq!(
        state.rotation_key.as_ref().map(|g| g.saved),
        Some(true),
        "the rotation's key is not replaced by New key's"
    );
}

#[test]
fn a_key_file_given_while_making_a_new_key_switches_to_keeping_it() {
    let mut state = renew_with_new_key();
    state.apply(Action::KeyImported {
        key: Rc::new(fixed_key()),
        format: KeyFormat::Pkcs1,
    });
    assert_eq!(state.renew_key, RenewKey::Keep);
    assert!(
        state.announcement.contains("Keep my current key"),
        "{}",
        state.announcement
    );
    assert!(
        state.rotation_key.is_some(),
        "the made key stays in its slot"
    );
}

#[test]
fn metadata_certificates_all_count_as_current_and_set_the_entity_id_and_sso_url() {
    let metadata = metadata_with_two_certificates();
    assert_eq!(metadata.certificates.len(), 2);
    let mut state = renew_with_new_key();
    state.apply(edit(Field::IdpEntityId, "https://form.example/entity"));
    state.apply(Action::CurrentMetadataImported(metadata.clone()));
    assert_eq!(state.current_certificates().len(), 2);
    let list = state.cloudflare_certificates(Mode::Renew);
    assert_eq!(list.len(), 3, "new, then both current");
    let outputs = Outputs::new(&state, Mode::Renew, NOW);
    let update = json_of(&outputs, PageFile::ApiUpdateBody);
    let last = json_of(&outputs, PageFile::ApiFinalBody);
    saml_idp_kit_golden("cloudflare-identity-provider-update.json", &update);
    saml_idp_kit_golden("cloudflare-identity-provider-final.json", &last);
    assert_eq!(update["config"]["issuer_url"], metadata.entity_id.as_str());
    assert_eq!(
        update["config"]["sso_target_url"],
        metadata.sso_target_url().unwrap()
    );
    let certs = |json: &serde_json::Value| -> Vec<String> {
        json["config"]["idp_public_certs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_owned())
            .collect()
    };
    let new = state.active_key(Mode::Renew).unwrap().certificate.base64();
    let current: Vec<String> = metadata
        .certificates
        .iter()
        .map(Certificate::base64)
        .collect();
    assert_eq!(certs(&update), [vec![new.clone()], current].concat());
    assert_eq!(certs(&last), [new]);
    // The form's entity ID differs: said, with both values.
    let differences = state.renew_differences();
    assert_eq!(differences.len(), 1);
    assert_eq!(differences[0].1, "https://form.example/entity");
    assert_eq!(differences[0].2, metadata.entity_id);
    // Neither a POST body nor an Access group in a rotation.
    assert!(outputs.file(PageFile::ApiBody).unwrap().is_none());
    assert!(outputs.file(PageFile::AccessGroup).unwrap().is_none());
}

/// The golden files live with the setup tests; JSON compared as text.
fn saml_idp_kit_golden(name: &str, json: &serde_json::Value) {
    let mut text = serde_json::to_string_pretty(json).unwrap();
    text.push('\n');
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 writes it)", path.display()));
    assert_eq!(text, expected, "{name} differs from its golden file");
}

#[test]
fn the_new_certificate_is_never_its_own_current_one() {
    let mut state = renew_with_new_key();
    let new = state.active_key(Mode::Renew).unwrap().certificate.clone();
    state.apply(Action::CertificateImported(new));
    assert!(state.current_certificates().is_empty());
    let message = import_error(&state, InputKind::Certificate).unwrap_or_default();
    assert!(message.contains("new certificate made here"), "{message}");
}

#[test]
fn renew_shows_the_rotation_plan_and_update_tabs_only() {
    let mut state = renew_with_new_key();
    state.apply(Action::CertificateImported(Rc::new(fixed_certificate())));
    let outputs = Outputs::new(&state, Mode::Renew, NOW);
    let plan = RotationView::of(&outputs).expect("a plan once the certificate exists");
    let phases: Vec<Phase> = plan.steps.iter().map(|s| s.phase).collect();
    assert_eq!(
        phases,
        [
            Phase::TrustNew,
            Phase::SwitchJumpCloud,
            Phase::Test,
            Phase::RemoveOld,
            Phase::Reminder
        ]
    );
    assert!(outputs.jumpcloud_steps().is_empty() && outputs.cloudflare_steps().is_empty());
    let view = CloudflareView::of(&outputs).expect("ready");
    let tabs: Vec<CloudflareTab> = view.tabs.iter().map(|(t, _)| *t).collect();
    assert_eq!(
        tabs,
        [
            CloudflareTab::Update,
            CloudflareTab::FinalUpdate,
            CloudflareTab::Terraform
        ]
    );
    assert_eq!(view.tab(CloudflareTab::ApiJson), CloudflareTab::Update);
    assert!(view.code(CloudflareTab::Update).contains("--request PUT"));
    assert!(
        view.code(CloudflareTab::FinalUpdate)
            .contains(files::API_FINAL_BODY_FILE)
    );
    // The checklist follows the plan, with the key advice before the reminder.
    let checklist = outputs.checklist();
    let titles: Vec<&str> = plan.steps.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(checklist[..4], titles[..4]);
    assert_eq!(checklist[4], KEY_SAFEKEEPING);
    assert!(checklist[5].contains("samlidp-expiry.ics"));
    // Off: no removal step, no final body, no final tab.
    state.apply(Action::SetKeepCurrent(false));
    let outputs = Outputs::new(&state, Mode::Renew, NOW);
    assert!(outputs.file(PageFile::ApiFinalBody).unwrap().is_none());
    assert!(outputs.final_update().is_none());
    assert_eq!(outputs.checklist().len(), 5);
}

#[test]
fn every_mode_has_its_own_checklist() {
    let new_key = Outputs::new(
        &after([edit(Field::TeamName, "acme"), generated()]),
        Mode::NewKey,
        NOW,
    )
    .checklist();
    assert!(new_key.iter().any(|s| s == KEY_SAFEKEEPING));
    assert!(!new_key.iter().any(|s| s.contains("Delete the unencrypted")));
    let metadata = Outputs::new(
        &after([
            edit(Field::TeamName, "acme"),
            Action::SetMode(Mode::FromMetadata),
            Action::MetadataImported(metadata_fixture()),
        ]),
        Mode::FromMetadata,
        NOW,
    )
    .checklist();
    for word in [
        "samlidp.key",
        "samlidp.crt",
        "Upload",
        files::IDP_METADATA_FILE,
    ] {
        assert!(
            !metadata.iter().any(|s| s.contains(word)),
            "metadata mode names {word}: {metadata:?}"
        );
    }
    // Ticks are kept per mode.
    let mut state = after([Action::ToggleStep(1)]);
    state.apply(Action::SetMode(Mode::Renew));
    assert!(!state.checked.contains(&(Mode::Renew, 1)));
    assert!(state.checked.contains(&(Mode::NewKey, 1)));
}

#[test]
fn renew_this_certificate_starts_a_rotation_from_the_metadata() {
    let metadata = metadata_with_two_certificates();
    let mut state = after([
        edit(Field::TeamName, "acme"),
        Action::SetMode(Mode::FromMetadata),
        Action::MetadataImported(metadata.clone()),
        Action::RenewFromMetadata,
    ]);
    assert_eq!(state.mode, Mode::Renew);
    assert_eq!(state.renew_key, RenewKey::New);
    assert_eq!(
        state.current_certificates().len(),
        metadata.certificates.len()
    );
    for action in rotation_key_made() {
        state.apply(action);
    }
    let cards = rotation_cards(&state, NOW);
    let roles: Vec<&str> = cards.iter().map(|c| c.role.as_str()).collect();
    assert_eq!(roles, ["Current 1", "Current 2", "New"]);
    assert!(
        cards.iter().all(|c| c.matches_key.is_none()),
        "a new key: no match expected"
    );
}

#[test]
fn a_kept_key_is_matched_against_the_current_certificate() {
    let key = Rc::new(fixed_key());
    let mut state = after([
        edit(Field::TeamName, "acme"),
        Action::SetMode(Mode::Renew),
        Action::KeyImported {
            key: key.clone(),
            format: KeyFormat::Pkcs8,
        },
        super::modes::renewed(key),
        Action::CertificateImported(Rc::new(fixed_certificate())),
    ]);
    let cards = rotation_cards(&state, NOW);
    assert_eq!(cards[0].role, "Current");
    assert_eq!(cards[0].matches_key, Some(true));
    state.apply(Action::CheckNewCertificate);
    assert_eq!(state.mode, Mode::CheckResponse);
    assert_eq!(state.response.against, Some(CheckAgainst::ThisSetup));
    assert_eq!(
        state.latest_setup(NOW).map(|(mode, _)| mode),
        Some(Mode::Renew),
        "the check uses the rotation's certificates"
    );
}

#[test]
fn expiry_warns_at_sixty_days_and_errs_once_expired() {
    assert_eq!(Expiry::of(61), Expiry::Fine);
    assert_eq!(Expiry::of(60), Expiry::Soon);
    assert_eq!(Expiry::of(0), Expiry::Soon);
    assert_eq!(Expiry::of(-1), Expiry::Expired);
    assert_eq!(Expiry::describe(-3), "expired 3 days ago");
    assert!(Expiry::describe(30).contains("time to renew"));
}

#[test]
fn checklist_steps_toggle() {
    let state = after([
        Action::ToggleStep(2),
        Action::ToggleStep(3),
        Action::ToggleStep(2),
        Action::ToggleStep(99),
    ]);
    assert_eq!(
        state.checked.iter().copied().collect::<Vec<_>>(),
        [(Mode::NewKey, 3)]
    );
}

#[test]
fn sections_are_numbered_without_gaps_in_every_mode() {
    use saml_idp_kit::app::views::section_numbers;
    assert_eq!(section_numbers(Mode::NewKey), (4, 5));
    assert_eq!(section_numbers(Mode::Renew), (4, 5));
    assert_eq!(
        section_numbers(Mode::FromMetadata),
        (3, 4),
        "no JumpCloud section there"
    );
}
