use super::*;

#[test]
fn messages_appear_only_after_typing_or_leaving() {
    let state = State::new();
    assert_eq!(state.visible_problem(Field::TeamName), None);
    let state = after([edit(Field::TeamName, "Bad_Name!")]);
    assert!(state.visible_problem(Field::TeamName).is_some());
    // A remembered bad value, never typed in here: its message once the field is left.
    let remembered = FormInput {
        team_name: "Bad_Name!".into(),
        ..FormInput::default()
    };
    let mut state = State::start(Some(Remembered {
        remember: true,
        inputs: Some(remembered),
    }));
    assert_eq!(state.visible_problem(Field::TeamName), None);
    state.apply(Action::Leave(Field::TeamName));
    assert!(state.visible_problem(Field::TeamName).is_some());
}

#[test]
fn an_empty_team_name_is_required_only_after_typing_or_generate() {
    // Tabbing past the empty field: nothing typed, nothing said yet.
    let state = after([Action::Leave(Field::TeamName)]);
    assert_eq!(state.visible_problem(Field::TeamName), None);
    assert!(!state.touched.contains(&Field::TeamName));
    // Typed, then cleared, then left: required.
    let state = after([
        edit(Field::TeamName, "a"),
        edit(Field::TeamName, ""),
        Action::Leave(Field::TeamName),
    ]);
    assert!(state.visible_problem(Field::TeamName).is_some());
    // Generate tried with no team name: required, without typing.
    let state = after([Action::Leave(Field::TeamName), Action::GenerateTried]);
    assert!(state.visible_problem(Field::TeamName).is_some());
    // Once touched, leaving the emptied field again keeps the message.
    let state = after([
        edit(Field::TeamName, "acme"),
        edit(Field::TeamName, ""),
        Action::Leave(Field::TeamName),
        Action::Leave(Field::TeamName),
    ]);
    assert!(state.visible_problem(Field::TeamName).is_some());
}

#[test]
fn generate_tried_shows_every_blocking_message() {
    // Remembered inputs with a bad country, never typed in here: no message until Generate.
    let remembered = FormInput {
        team_name: "acme".into(),
        country: "United States".into(),
        ..FormInput::default()
    };
    let mut state = State::start(Some(Remembered {
        remember: true,
        inputs: Some(remembered),
    }));
    assert_eq!(state.visible_problem(Field::Country), None);
    state.apply(Action::GenerateTried);
    let blocking: Vec<Field> = state.form.problems().into_iter().map(|(f, _)| f).collect();
    assert_eq!(blocking, [Field::Country]);
    for field in blocking {
        assert!(state.visible_problem(field).is_some(), "{field:?}");
    }
}
