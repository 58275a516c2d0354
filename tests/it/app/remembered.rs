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

/// Every declared field is remembered under its own key (its `FormInput` member's name, the
/// key serde writes) and read back from it.
#[test]
fn every_field_is_remembered_under_its_declared_key() {
    let written = serde_json::to_value(FormInput::default()).unwrap();
    let mut form = FormInput::default();
    for field in Field::ALL {
        assert!(
            written.get(field.stored_key()).is_some(),
            "{field:?} is written as {}",
            field.stored_key()
        );
        if let Some(text) = form.text_mut(field) {
            *text = format!("text of {}", field.id());
        }
    }
    let json = Remembered {
        remember: true,
        inputs: Some(form.clone()),
    }
    .to_json()
    .unwrap();
    let read = Remembered::from_json(&json).unwrap().inputs.unwrap();
    for field in Field::ALL {
        assert_eq!(read.text(field), form.text(field), "{field:?}");
    }
    assert_eq!(read, form);
}
