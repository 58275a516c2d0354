//! The page's state machine, driven by actions without a DOM.

use crate::common::*;
use saml_idp_kit::app::state::{
    Action, Generated, Generation, GenerationError, KeyOrigin, KeySizeChange, Mode, State,
    field_text,
};
use saml_idp_kit::pki::{CertificateOptions, KeySize};
use saml_idp_kit::setup::files::{FileSpec, PageFile};
use saml_idp_kit::setup::stored::Remembered;
use saml_idp_kit::setup::{Field, FormInput};
use std::rc::Rc;

fn after(actions: impl IntoIterator<Item = Action>) -> State {
    let mut state = State::new();
    for action in actions {
        state.apply(action);
    }
    state
}

/// The message under file input `kind`, when its last file was refused.
fn import_error(state: &State, kind: saml_idp_kit::import::InputKind) -> Option<String> {
    state.imports.error(kind).map(ToString::to_string)
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
        saved: false,
    })
}

/// Saving a New-key file: what the outputs module says the file holds decides the flag.
fn saved(name: &str, holds_key: bool) -> Action {
    saved_in(Mode::NewKey, name, holds_key)
}

/// Saving the file `name` of `mode` (the ZIP when no other file has that name).
fn saved_in(mode: Mode, name: &str, holds_key: bool) -> Action {
    let file = PageFile::ALL
        .into_iter()
        .find(|file| file.fixed_name() == Some(name))
        .unwrap_or(PageFile::Zip);
    Action::FileSaved {
        mode,
        file: FileSpec {
            file,
            name: name.to_owned(),
            holds_key,
        },
    }
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
        saved("samlidp.crt", false),
    ]);
    assert!(state.key_at_risk(), "a file without the key saves nothing");
    let state = after([
        edit(Field::TeamName, "acme"),
        generated(),
        saved("samlidp.key", true),
    ]);
    assert!(!state.key_at_risk());
    assert_eq!(state.announcement, "Saved samlidp.key.");
}

#[test]
fn a_new_key_resets_the_downloaded_flag() {
    let state = after([
        edit(Field::TeamName, "acme"),
        generated(),
        saved("samlidp.key", true),
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
        Action::GenerationFailed(GenerationError::Browser("no randomness".into())),
    ]);
    assert_eq!(
        state.generation,
        Generation::Failed(Rc::new(GenerationError::Browser("no randomness".into())))
    );
    assert_eq!(state.generate_blocker(), None);
}

#[test]
fn cancel_stops_the_built_in_path_and_keeps_the_earlier_key() {
    let before = after([edit(Field::TeamName, "acme"), generated()]);
    let earlier = before.new_key.clone();
    let mut state = before.clone();
    state.apply(Action::GenerationStarted(KeyOrigin::Wasm));
    state.apply(Action::WorkerRefused("no worker here".into()));
    assert_eq!(state.worker_refused.as_deref(), Some("no worker here"));
    state.apply(Action::GenerationCancelled);
    assert_eq!(state.generation, Generation::Idle);
    assert_eq!(state.new_key, earlier, "the earlier key is untouched");
    assert_eq!(state.worker_refused, None);
    assert_eq!(
        state.announcement,
        "Generation cancelled. The earlier key is unchanged."
    );
    assert_eq!(
        state.generate_blocker(),
        None,
        "Generate can be pressed again"
    );
    // With nothing running, Cancel and a late refusal change nothing.
    let idle = after([edit(Field::TeamName, "acme")]);
    let mut unchanged = idle.clone();
    unchanged.apply(Action::GenerationCancelled);
    unchanged.apply(Action::WorkerRefused("late".into()));
    assert_eq!(unchanged, idle);
}

#[test]
fn a_key_that_arrives_after_cancel_is_dropped_and_the_next_one_is_taken() {
    let before = after([edit(Field::TeamName, "acme"), generated()]);
    let earlier = before.new_key.clone();
    let mut state = before;
    state.apply(Action::GenerationStarted(KeyOrigin::Wasm));
    state.apply(Action::GenerationCancelled);
    // The worker's answer was already on its way when Cancel was pressed.
    let mut late = generated();
    if let Action::Generated(g) = &mut late {
        g.generated_at = NOW + 60;
    }
    state.apply(late.clone());
    assert_eq!(
        state.new_key, earlier,
        "a cancelled generation replaced the key"
    );
    assert_eq!(
        state.announcement,
        "Generation cancelled. The earlier key is unchanged."
    );
    // The next generation's key is taken.
    state.apply(Action::GenerationStarted(KeyOrigin::Wasm));
    state.apply(late);
    assert_eq!(
        state.new_key.as_ref().map(|g| g.generated_at),
        Some(NOW + 60)
    );
}

#[test]
fn the_key_size_stays_while_a_key_is_being_made() {
    let mut state = after([
        edit(Field::TeamName, "acme"),
        Action::GenerationStarted(KeyOrigin::Wasm),
    ]);
    assert_eq!(
        state.key_size_change(KeySize::Rsa4096),
        KeySizeChange::Ignore
    );
    state.apply(Action::SetKeySize(KeySize::Rsa4096));
    assert_eq!(
        state.form.key_size,
        KeySize::Rsa2048,
        "changed mid-generation"
    );
    state.apply(Action::GenerationCancelled);
    assert_eq!(state.key_size_change(KeySize::Rsa4096), KeySizeChange::Set);
}

#[test]
fn a_refused_worker_is_forgotten_by_the_next_attempt() {
    let state = after([
        edit(Field::TeamName, "acme"),
        Action::GenerationStarted(KeyOrigin::Wasm),
        Action::WorkerRefused("no worker here".into()),
        generated(),
    ]);
    assert_eq!(state.worker_refused, None);
    let state = after([
        edit(Field::TeamName, "acme"),
        Action::GenerationStarted(KeyOrigin::Wasm),
        Action::WorkerRefused("no worker here".into()),
        Action::GenerationFailed(GenerationError::Browser("no randomness".into())),
        Action::GenerationStarted(KeyOrigin::Wasm),
    ]);
    assert_eq!(state.worker_refused, None);
}

/// What the page restores from storage at start.
mod remembered;

mod modes;

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

/// One slot per mode: no key is lost or silently marked saved when switching modes (A–E).
mod slots;

/// Which files each mode offers, and that each matches its output function.
mod outputs;

/// SCIM, the group attribute with its groups, and the Terraform provider.
mod provisioning;

/// Check a SAML response: no key, the setup it checks against, nothing remembered.
mod check;

/// Which outputs sections 3 to 5 show while a new certificate is rendered in steps.
mod staged;

/// What each later section shows, made from the outputs.
mod views;

/// The built-in RSA path's key workers: when they start ahead of time.
mod workers;

/// Renew certificate as a rotation; each mode's checklist.
mod rotation;

/// Which file each file input holds, by name, after good and refused files.
mod files;

/// When a field's message shows: after typing, leaving a filled field, or trying Generate.
mod touched;

/// Every user-visible text, snapshotted.
mod texts;

/// Every fixed choice, declared once.
mod choices;

/// The race of key workers on the built-in RSA path (`app::race`).
mod race;
