//! The page's own effects as named hooks, in the order the root calls them: the staged
//! sections catching up, key workers started ahead, the warm-up, remembering the inputs, the
//! leave-page guard, a new certificate for a key whose options changed or for a read key; and the two callbacks that may ask
//! before they act (Generate, the key size).

use super::{issue_certificate, start_generation};
use crate::app::choice::Choice;
use crate::app::staged::Staged;
use crate::app::state::{Action, ImportProblem, KeySizeChange, State};
use crate::browser;
use crate::import::InputKind;
use crate::pki::{CertificateOptions, KeyPair, KeySize};
use crate::setup::FormInput;
use crate::setup::stored::Remembered;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// While the staged sections are behind, one more is added in the next task, and the page
/// redraws (src/app/staged.rs).
#[hook]
pub(crate) fn use_staged_catch_up(staged: Rc<RefCell<Staged>>) {
    let redraw = use_force_update();
    use_effect(move || {
        if staged.borrow().is_behind() {
            browser::in_next_task(move || {
                if staged.borrow_mut().advance() {
                    redraw.force_update();
                }
            });
        }
    });
}

/// No WebCrypto: the key workers for the next key start ahead of time (src/app/builtin.rs).
#[hook]
pub(crate) fn use_workers_ahead(ahead: bool) {
    use_effect_with(ahead, |ahead| {
        if *ahead {
            crate::app::builtin::prestart();
        }
    });
}

/// Once settled after start-up: the certificate path runs once on a made-up key, so the
/// browser has compiled it before the first real key arrives (src/pki/warm_up.rs).
#[hook]
pub(crate) fn use_warm_up(settled: bool) {
    let warmed_up = use_mut_ref(|| false);
    use_effect_with(settled, move |settled| {
        if *settled && !std::mem::replace(&mut *warmed_up.borrow_mut(), true) {
            browser::in_next_task(|| {
                // Its certificate is thrown away; a failure here shows again on the real path.
                let _ = crate::pki::warm_up(browser::now_unix_seconds(), &mut getrandom::SysRng);
            });
        }
    });
}

/// Remembers the non-secret inputs (or only the choice not to) when they change. At mount
/// they are what storage already holds (or the defaults): nothing to write at start-up.
#[hook]
pub(crate) fn use_remember_inputs(form: FormInput, remember: bool) {
    let mounted = use_mut_ref(|| false);
    use_effect_with((form, remember), move |(form, remember)| {
        if !std::mem::replace(&mut *mounted.borrow_mut(), true) {
            return;
        }
        let remembered = Remembered {
            remember: *remember,
            inputs: remember.then(|| form.clone()),
        };
        if let Some(json) = remembered.to_json() {
            browser::save_inputs(&json);
        }
    });
}

/// The leave-page prompt is armed while any slot holds an unsaved key.
#[hook]
pub(crate) fn use_leave_guard(at_risk: bool) {
    use_effect_with(at_risk, |at_risk| browser::set_leave_guard(*at_risk));
}

/// When `due` (new certificate options for a key the page made) changes: a new certificate
/// for `key`, the same key, reported as [`Action::CertificateReissued`].
#[hook]
pub(crate) fn use_reissue(
    dispatch: &UseReducerDispatcher<State>,
    key: Option<Rc<KeyPair>>,
    due: Option<CertificateOptions>,
) {
    let dispatch = dispatch.clone();
    use_effect_with(due, move |due| {
        if let (Some(options), Some(key)) = (due.clone(), key) {
            issue_certificate(dispatch, key, options, |key, result| match result {
                Ok(issued) => Action::CertificateReissued {
                    key,
                    certificate: issued.certificate,
                    options: issued.options,
                },
                Err(error) => Action::Announce(error.to_string()),
            });
        }
    });
}

/// Renew: a read key (or changed certificate options) gets a new certificate, reported as
/// [`Action::Renewed`], or why it could not be made under the key input.
#[hook]
pub(crate) fn use_renewal(
    dispatch: &UseReducerDispatcher<State>,
    due: Option<Rc<KeyPair>>,
    options: Option<CertificateOptions>,
) {
    let dispatch = dispatch.clone();
    use_effect_with((due, options), move |(due, options)| {
        if let (Some(key), Some(options)) = (due.clone(), options.clone()) {
            issue_certificate(dispatch, key, options, |key, result| match result {
                Ok(issued) => Action::Renewed { key, issued },
                Err(error) => Action::ImportFailed(
                    InputKind::PrivateKey,
                    ImportProblem::NotIssued(error).into(),
                ),
            });
        }
    });
}

/// Generate: says why when blocked, asks before replacing an unsaved key, then starts.
pub(crate) fn generate_callback(state: UseReducerHandle<State>) -> Callback<()> {
    Callback::from(move |()| {
        if state.generate_blocker().is_some() {
            state.dispatch(Action::GenerateTried);
            return;
        }
        if state.new_key_at_risk()
            && !browser::confirm(
                "The current private key has not been downloaded. Generating again replaces it and it cannot be recovered. Generate a new key anyway?",
            )
        {
            return;
        }
        if let Some(setup) = state.setup.clone() {
            start_generation(state.dispatcher(), setup);
        }
    })
}

/// The key size select: a new size for the next key, or a new key now (asking first when the
/// current one is unsaved; a declined change puts `key_size_ref`'s select back).
pub(crate) fn key_size_callback(
    state: UseReducerHandle<State>,
    key_size_ref: NodeRef,
) -> Callback<KeySize> {
    Callback::from(move |size: KeySize| {
        let regenerate = match state.key_size_change(size) {
            KeySizeChange::Ignore => false,
            KeySizeChange::Set => {
                state.dispatch(Action::SetKeySize(size));
                false
            }
            KeySizeChange::Regenerate => true,
            KeySizeChange::ConfirmThenRegenerate => {
                let confirmed = browser::confirm(
                    "Changing the key size makes a new key, and the current key has not been downloaded. Make a new key?",
                );
                if !confirmed {
                    // Put the select back: the state did not change, so nothing re-renders it.
                    let index = state.form.key_size.index();
                    browser::reset_select(&key_size_ref, &index.to_string());
                }
                confirmed
            }
        };
        if regenerate {
            state.dispatch(Action::SetKeySize(size));
            if let Some(mut setup) = state.setup.clone() {
                setup.key_size = size;
                start_generation(state.dispatcher(), setup);
            }
        }
    })
}
