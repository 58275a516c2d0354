use super::*;
use saml_idp_kit::app::outputs::Outputs;
use saml_idp_kit::app::staged::{Section, Staged};

fn outputs_of(state: &State) -> Rc<Outputs> {
    Rc::new(Outputs::new(state, Mode::NewKey, NOW))
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
        assert!(Rc::ptr_eq(staged.shown(section), &before));
    }
    for (step, section) in Section::ALL.into_iter().enumerate() {
        assert!(staged.advance(), "step {step} brings a section up to date");
        assert!(Rc::ptr_eq(staged.shown(section), &with_key), "{section:?}");
        for later in &Section::ALL[step + 1..] {
            assert!(Rc::ptr_eq(staged.shown(*later), &before), "{later:?} waits");
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
        assert!(Rc::ptr_eq(staged.shown(section), &renamed));
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
    assert!(Rc::ptr_eq(staged.shown(Section::Finish), &typed));
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
        assert!(Rc::ptr_eq(staged.shown(section), &new_key));
    }
}
