//! The built-in RSA path (no WebCrypto on this origin): the key is made in a worker, so the
//! page stays responsive and Cancel works; where no worker can run, on the main thread, after
//! the page has said why.

use super::state::Action;
use crate::browser::{self, WorkerOutcome};
use crate::pki::{KeyPair, KeySize};
use yew::prelude::*;

/// Makes a key of `size` with the built-in RSA; `None` when Cancel ended it.
pub(super) async fn key(
    dispatch: &UseReducerDispatcher<super::state::State>,
    size: KeySize,
) -> Option<Result<KeyPair, browser::Error>> {
    match browser::generate_key_in_worker(size).await {
        WorkerOutcome::Key(key) => {
            // Reading the key was one task; the certificate is the next.
            browser::sleep_ms(0).await;
            Some(Ok(key))
        }
        WorkerOutcome::Failed(error) => Some(Err(error)),
        WorkerOutcome::Cancelled => None,
        WorkerOutcome::Refused(reason) => {
            // The main thread it is: say why, and let that paint before the page blocks.
            dispatch.dispatch(Action::WorkerRefused(reason));
            browser::next_paint().await;
            Some(browser::generate_key_wasm(size))
        }
    }
}

/// "Cancel": ends the worker (an earlier key is not touched) and says so.
pub(super) fn cancel((): ()) -> Action {
    browser::cancel_key_worker();
    Action::GenerationCancelled
}
