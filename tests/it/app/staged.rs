use super::*;
use saml_idp_kit::app::outputs::Outputs;
use saml_idp_kit::app::staged::{Section, Staged};

fn outputs_of(state: &State) -> Rc<Outputs> {
    Rc::new(Outputs::new(state, Mode::NewKey, NOW))
}

/// Whether `section` is on the page showing exactly `outputs`.
fn shows(staged: &Staged, section: Section, outputs: &Rc<Outputs>) -> bool {
    staged
        .shown(section)
        .is_some_and(|shown| Rc::ptr_eq(shown, outputs))
}

#[test]
fn a_new_certificate_reaches_the_sections_one_step_at_a_time() {
    let before = outputs_of(&after([edit(Field::TeamName, "acme")]));
    let mut staged = Staged::new(&before);
    assert!(!staged.is_behind());
    let with_key = outputs_of(&after([edit(Field::TeamName, "acme"), generated()]));
    staged.follow(&with_key);
    assert!(staged.is_behind(), "the summary goes first");
    for section in Section::ALL {
        assert!(shows(&staged, section, &before));
    }
    for (step, section) in Section::ALL.into_iter().enumerate() {
        assert!(staged.advance(), "step {step} brings a section up to date");
        assert!(shows(&staged, section, &with_key), "{section:?}");
        for later in &Section::ALL[step + 1..] {
            assert!(shows(&staged, *later, &before), "{later:?} waits");
        }
    }
    assert!(!staged.is_behind());
    assert!(!staged.advance(), "nothing left to do");
}

#[test]
fn other_changes_reach_every_section_at_once() {
    let first = outputs_of(&after([edit(Field::TeamName, "acme"), generated()]));
    let mut staged = Staged::new(&first);
    staged.follow(&first);
    assert!(!staged.is_behind(), "the same outputs change nothing");
    // Another team name: new outputs, same certificate.
    let renamed = outputs_of(&after([edit(Field::TeamName, "other"), generated()]));
    staged.follow(&renamed);
    assert!(!staged.is_behind());
    for section in Section::ALL {
        assert!(shows(&staged, section, &renamed));
    }
}

#[test]
fn a_change_while_behind_catches_every_section_up() {
    let before = outputs_of(&after([edit(Field::TeamName, "acme")]));
    let mut staged = Staged::new(&before);
    let with_key = outputs_of(&after([edit(Field::TeamName, "acme"), generated()]));
    staged.follow(&with_key);
    assert!(staged.advance());
    let typed = outputs_of(&after([edit(Field::TeamName, "acme2"), generated()]));
    staged.follow(&typed);
    assert!(!staged.is_behind());
    assert!(shows(&staged, Section::Finish, &typed));
}

#[test]
fn a_mode_switch_reaches_every_section_at_once() {
    // New key with a certificate, then Check a SAML response (no certificate) and back: each
    // switch shows the mode's sections at once, never the previous mode's for a few tasks.
    let state = after([edit(Field::TeamName, "acme"), generated()]);
    let new_key = Rc::new(Outputs::new(&state, Mode::NewKey, NOW));
    let check = Rc::new(Outputs::new(&state, Mode::CheckResponse, NOW));
    let mut staged = Staged::new(&new_key);
    staged.follow(&check);
    assert!(!staged.is_behind(), "switching to Check a SAML response");
    staged.follow(&new_key);
    assert!(!staged.is_behind(), "switching back to New key");
    for section in Section::ALL {
        assert!(shows(&staged, section, &new_key));
    }
}

#[test]
fn the_first_render_adds_the_sections_one_step_at_a_time_then_the_advanced_fields() {
    let outputs = outputs_of(&after([edit(Field::TeamName, "acme")]));
    let mut staged = Staged::first(&outputs);
    staged.follow(&outputs);
    assert!(staged.is_behind(), "the form comes alone");
    assert!(!staged.advanced(), "the Advanced fields come last");
    for section in Section::ALL {
        assert!(
            staged.shown(section).is_none(),
            "{section:?} is not on the page yet"
        );
    }
    for (step, section) in Section::ALL.into_iter().enumerate() {
        assert!(staged.advance(), "step {step} adds a section");
        assert!(shows(&staged, section, &outputs), "{section:?}");
        for later in &Section::ALL[step + 1..] {
            assert!(staged.shown(*later).is_none(), "{later:?} waits");
        }
        assert!(!staged.advanced());
    }
    assert!(staged.is_behind(), "the Advanced fields are still to come");
    assert!(staged.advance());
    assert!(staged.advanced());
    assert!(!staged.is_behind());
    assert!(!staged.advance(), "nothing left to do");
}

#[test]
fn a_change_during_the_first_render_reaches_the_sections_already_added_only() {
    let first = outputs_of(&after([edit(Field::TeamName, "acme")]));
    let mut staged = Staged::first(&first);
    assert!(staged.advance());
    let typed = outputs_of(&after([edit(Field::TeamName, "acme2")]));
    staged.follow(&typed);
    assert!(shows(&staged, Section::JumpCloud, &typed));
    assert!(
        staged.shown(Section::Cloudflare).is_none(),
        "not added early"
    );
    assert!(staged.is_behind());
    while staged.advance() {}
    for section in Section::ALL {
        assert!(
            shows(&staged, section, &typed),
            "{section:?} is added with the latest"
        );
    }
    assert!(staged.advanced());
}

#[test]
fn a_settled_page_has_every_part_and_the_advanced_fields() {
    let outputs = outputs_of(&State::new());
    let staged = Staged::new(&outputs);
    assert!(!staged.is_behind());
    assert!(staged.advanced());
    for section in Section::ALL {
        assert!(shows(&staged, section, &outputs));
    }
}
