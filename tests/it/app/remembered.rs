//! What the page restores from storage at start.

use super::*;

#[test]
fn remembered_inputs_are_restored_on_start() {
    let remembered = FormInput {
        team_name: "acme".into(),
        ..FormInput::default()
    };
    let state = State::start(Some(Remembered {
        remember: true,
        inputs: Some(remembered),
    }));
    assert!(state.remember);
    assert_eq!(state.form.team_name, "acme");
    assert!(state.setup.is_some(), "validated at start");
}

#[test]
fn the_choice_not_to_remember_is_restored_on_start_with_default_inputs() {
    let state = State::start(Some(Remembered {
        remember: false,
        inputs: None,
    }));
    assert!(!state.remember);
    assert_eq!(state.form, FormInput::default());
    assert!(state.setup.is_none());
}

#[test]
fn nothing_remembered_starts_like_a_fresh_page() {
    let state = State::start(None);
    assert!(state.remember);
    assert_eq!(state.form, State::new().form);
}
