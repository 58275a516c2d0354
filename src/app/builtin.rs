//! The built-in RSA path (no WebCrypto on this origin): the key is made in a worker, so the
//! page stays responsive and Cancel works; where no worker can run, on the main thread, after
//! the page has said why.

use super::state::Action;
use crate::browser::{self, WorkerOutcome};
use crate::pki::{Certificate, KeyPair};
use crate::setup::Setup;
use yew::prelude::*;

/// Makes a key for `setup` with the built-in RSA, and its certificate (signed where the key
/// was made); `None` when Cancel ended it.
pub(super) async fn key(
    dispatch: &UseReducerDispatcher<super::state::State>,
    setup: &Setup,
) -> Option<Result<(KeyPair, Certificate), browser::Error>> {
    match browser::generate_key_in_worker(setup.key_size, &setup.certificate).await {
        WorkerOutcome::Made(made) => {
            // Reading them was one task; showing them is the next.
            browser::sleep_ms(0).await;
            Some(Ok(*made))
        }
        WorkerOutcome::Failed(error) => Some(Err(error)),
        WorkerOutcome::Cancelled => None,
        WorkerOutcome::Refused(reason) => {
            // The main thread it is: say why, and let that paint before the page blocks.
            dispatch.dispatch(Action::WorkerRefused(reason));
            browser::next_paint().await;
            let made = browser::generate_key_wasm(setup.key_size).and_then(|key| {
                let now = browser::now_unix_seconds();
                let certificate =
                    Certificate::issue(&key, &setup.certificate, now, &mut getrandom::SysRng)?;
                Ok((key, certificate))
            });
            Some(made)
        }
    }
}

/// "Cancel": ends the worker (an earlier key is not touched) and says so.
pub(super) fn cancel((): ()) -> Action {
    browser::cancel_key_worker();
    Action::GenerationCancelled
}
