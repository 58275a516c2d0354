//! The page's state machine, driven by actions without a DOM.

use crate::common::*;
use saml_idp_kit::app::state::{Action, Generated, Generation, KeyOrigin, State, field_text};
use saml_idp_kit::pki::{CertificateOptions, KeySize};
use saml_idp_kit::setup::{Field, FormInput};
use std::rc::Rc;

fn after(actions: impl IntoIterator<Item = Action>) -> State {
    let mut state = State::new();
    for action in actions {
        state.apply(action);
    }
    state
}

fn edit(field: Field, text: &str) -> Action {
    Action::Edit(field, text.to_owned())
}

fn generated() -> Action {
    Action::Generated(Generated {
        key: Rc::new(fixed_key()),
        certificate: Rc::new(fixed_certificate()),
        options: CertificateOptions::default(),
        generated_at: NOW,
        took_ms: 42.0,
        origin: KeyOrigin::WebCrypto,
    })
}

#[test]
fn a_fresh_page_remembers_inputs_and_asks_for_the_team_name() {
    let state = State::new();
    assert!(state.remember);
    assert!(state.setup.is_none());
    assert_eq!(
        state.generate_blocker().as_deref(),
        Some("Enter your team name")
    );
    assert_eq!(
        field_text(&state.form, Field::IdpEntityId),
        "",
        "only a placeholder while the team is empty"
    );
}

#[test]
fn a_valid_team_name_enables_generate_and_fills_the_entity_id() {
    let state = after([edit(Field::TeamName, "acme")]);
    assert_eq!(state.generate_blocker(), None);
    let setup = state.setup.as_ref().map(|s| s.team.as_str().to_owned());
    assert_eq!(setup.as_deref(), Some("acme"));
    assert_eq!(
        field_text(&state.form, Field::IdpEntityId),
        "https://acme.cloudflareaccess.com/"
    );
}

#[test]
fn leaving_the_team_field_shows_the_normalised_name() {
    let state = after([
        edit(
            Field::TeamName,
            "https://ACME.cloudflareaccess.com/cdn-cgi/access/login",
        ),
        Action::Leave(Field::TeamName),
    ]);
    assert_eq!(state.form.team_name, "acme");
}

#[test]
fn messages_appear_only_after_typing_or_leaving() {
    let state = State::new();
    assert_eq!(state.visible_problem(Field::TeamName), None);
    let state = after([Action::Leave(Field::TeamName)]);
    assert!(state.visible_problem(Field::TeamName).is_some());
}

#[test]
fn a_bad_team_name_shows_its_message_and_changes_nothing_else() {
    let state = after([
        edit(Field::TeamName, "acme"),
        edit(Field::IdentityProviderName, "JumpCloud SSO"),
        edit(Field::TeamName, "Bad_Name!"),
    ]);
    assert!(state.visible_problem(Field::TeamName).is_some());
    assert!(state.generate_blocker().is_some());
    assert_eq!(
        state.form.identity_provider_name, "JumpCloud SSO",
        "other fields keep their text"
    );
    let team = state.setup.as_ref().map(|s| s.team.as_str().to_owned());
    assert_eq!(
        team.as_deref(),
        Some("acme"),
        "outputs keep following the last valid input"
    );
}

#[test]
fn an_edited_entity_id_no_longer_follows_the_team_until_reset() {
    let state = after([
        edit(Field::TeamName, "acme"),
        edit(Field::IdpEntityId, "https://idp.example.com/acme"),
        edit(Field::TeamName, "other"),
    ]);
    assert!(state.form.idp_entity_id_edited);
    assert_eq!(
        field_text(&state.form, Field::IdpEntityId),
        "https://idp.example.com/acme"
    );
    let mut state = state;
    state.apply(Action::Reset);
    assert_eq!(state.form, FormInput::default());
    assert!(!state.form.idp_entity_id_edited);
}

#[test]
fn a_generated_key_is_at_risk_until_downloaded() {
    let state = after([edit(Field::TeamName, "acme"), generated()]);
    assert!(state.key_at_risk());
    assert_eq!(state.generation, Generation::Idle);
    assert!(
        state
            .announcement
            .contains(&fixed_certificate().sha256_fingerprint())
    );
    let state = after([
        edit(Field::TeamName, "acme"),
        generated(),
        Action::KeyDownloaded,
    ]);
    assert!(!state.key_at_risk());
}

#[test]
fn a_new_key_resets_the_downloaded_flag() {
    let state = after([
        edit(Field::TeamName, "acme"),
        generated(),
        Action::KeyDownloaded,
        generated(),
    ]);
    assert!(state.key_at_risk());
}

#[test]
fn changing_the_cn_asks_for_a_new_certificate_for_the_same_key() {
    let state = after([edit(Field::TeamName, "acme"), generated()]);
    assert_eq!(state.reissue_due(), None);
    let state = after([
        edit(Field::TeamName, "acme"),
        generated(),
        edit(Field::CommonName, "Acme IdP"),
    ]);
    let due = state.reissue_due();
    assert_eq!(
        due.map(|o| o.subject.common_name),
        Some("Acme IdP".to_owned())
    );
}

#[test]
fn changing_the_team_or_format_needs_no_new_certificate() {
    let state = after([
        edit(Field::TeamName, "acme"),
        generated(),
        edit(Field::TeamName, "other"),
        Action::SetKeyFormat(saml_idp_kit::pki::KeyFormat::Pkcs1),
    ]);
    assert_eq!(state.reissue_due(), None);
    assert!(!state.key_size_differs());
    let state = after([
        edit(Field::TeamName, "acme"),
        generated(),
        Action::SetKeySize(KeySize::Rsa4096),
    ]);
    assert!(state.key_size_differs());
}

#[test]
fn generate_is_blocked_while_running_and_failure_is_reported() {
    let state = after([
        edit(Field::TeamName, "acme"),
        Action::GenerationStarted(KeyOrigin::Wasm),
    ]);
    assert_eq!(state.generate_blocker().as_deref(), Some("Generating…"));
    let state = after([
        edit(Field::TeamName, "acme"),
        Action::GenerationStarted(KeyOrigin::WebCrypto),
        Action::GenerationFailed("no randomness".into()),
    ]);
    assert_eq!(state.generation, Generation::Failed("no randomness".into()));
    assert_eq!(state.generate_blocker(), None);
}

#[test]
fn checklist_steps_toggle() {
    let state = after([
        Action::ToggleStep(2),
        Action::ToggleStep(3),
        Action::ToggleStep(2),
        Action::ToggleStep(99),
    ]);
    assert_eq!(state.checked.iter().copied().collect::<Vec<_>>(), [3]);
}

#[test]
fn remembered_inputs_are_restored_on_start() {
    let remembered = FormInput {
        team_name: "acme".into(),
        ..FormInput::default()
    };
    let state = after([Action::Start {
        remembered: Some(remembered),
    }]);
    assert!(state.setup.is_some());
}

mod modes {
    use super::*;
    use saml_idp_kit::app::state::Mode;
    use saml_idp_kit::import::{InputKind, jumpcloud_metadata};
    use saml_idp_kit::pki::{Certificate, KeyFormat};

    fn renewed(key: Rc<saml_idp_kit::pki::KeyPair>) -> Action {
        let certificate = match Certificate::issue(
            &key,
            &CertificateOptions::default(),
            NOW,
            &mut TestRng::new("renew"),
        ) {
            Ok(certificate) => certificate,
            Err(error) => panic!("renewal certificate: {error}"),
        };
        Action::Generated(Generated {
            key,
            certificate: Rc::new(certificate),
            options: CertificateOptions::default(),
            generated_at: NOW,
            took_ms: 3.0,
            origin: KeyOrigin::Imported,
        })
    }

    #[test]
    fn an_imported_key_is_due_a_certificate_and_is_never_at_risk() {
        let key = Rc::new(fixed_key());
        let mut state = after([
            edit(Field::TeamName, "acme"),
            Action::SetMode(Mode::Renew),
            Action::KeyImported {
                key: key.clone(),
                format: KeyFormat::Pkcs1,
            },
        ]);
        assert_eq!(
            state.form.key_format,
            KeyFormat::Pkcs1,
            "offered back in its own format"
        );
        assert!(state.renewal_due().is_some());
        state.apply(renewed(key));
        assert_eq!(state.renewal_due(), None);
        assert!(!state.key_at_risk());
        assert!(state.active_generated().is_some());
        state.apply(Action::SetMode(Mode::NewKey));
        assert!(
            state.active_generated().is_none(),
            "New key mode does not show the renewal"
        );
    }

    #[test]
    fn keeping_the_current_certificate_lists_new_then_current() {
        let key = Rc::new(fixed_key());
        let current = Rc::new(fixed_certificate());
        let mut state = after([
            edit(Field::TeamName, "acme"),
            Action::SetMode(Mode::Renew),
            Action::KeyImported {
                key: key.clone(),
                format: KeyFormat::Pkcs8,
            },
            renewed(key),
            Action::CertificateImported(current.clone()),
        ]);
        assert_eq!(
            state.cloudflare_certificates().len(),
            1,
            "only the new one until asked"
        );
        state.apply(Action::SetKeepCurrent(true));
        let certificates = state.cloudflare_certificates();
        assert_eq!(certificates.len(), 2);
        assert_ne!(certificates[0].der(), current.der(), "new first");
        assert_eq!(certificates[1].der(), current.der());
    }

    #[test]
    fn a_refused_file_gets_its_message_and_changes_nothing_else() {
        let key = Rc::new(fixed_key());
        let state = after([
            Action::SetMode(Mode::Renew),
            Action::KeyImported {
                key,
                format: KeyFormat::Pkcs8,
            },
            Action::ImportFailed(InputKind::PrivateKey, "encrypted".into()),
        ]);
        assert_eq!(
            state.imports.error(InputKind::PrivateKey),
            Some("encrypted")
        );
        assert!(state.imports.key.is_some(), "the earlier key stays");
        assert_eq!(state.imports.error(InputKind::Certificate), None);
    }

    #[test]
    fn metadata_mode_needs_the_team_name_for_its_outputs() {
        let xml = include_bytes!("../fixtures/jumpcloud-idp-metadata.xml");
        let metadata = match jumpcloud_metadata(xml) {
            Ok(metadata) => Rc::new(metadata),
            Err(error) => panic!("fixture metadata: {error}"),
        };
        let state = after([
            Action::SetMode(Mode::FromMetadata),
            Action::MetadataImported(metadata.clone()),
        ]);
        assert!(matches!(state.metadata_setup(), Some(Err(_))));
        let state = after([
            edit(Field::TeamName, "acme"),
            Action::SetMode(Mode::FromMetadata),
            Action::MetadataImported(metadata.clone()),
        ]);
        match state.metadata_setup() {
            Some(Ok(setup)) => {
                assert_eq!(setup.idp_entity_id, metadata.entity_id);
                assert_eq!(Some(setup.sso_url.as_str()), metadata.sso_target_url());
            }
            other => panic!("expected a setup, got {other:?}"),
        }
    }
}

#[test]
fn a_bad_team_name_keeps_showing_the_entity_id_in_use() {
    let state = after([
        edit(Field::TeamName, "acme"),
        edit(Field::TeamName, "Bad_Name!"),
    ]);
    assert_eq!(
        state.field_text(Field::IdpEntityId),
        "https://acme.cloudflareaccess.com/"
    );
    let state = after([edit(Field::TeamName, "acme"), edit(Field::TeamName, "")]);
    assert_eq!(
        state.field_text(Field::IdpEntityId),
        "",
        "no team: only the placeholder"
    );
}
