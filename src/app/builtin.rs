//! The built-in RSA path (no WebCrypto on this origin): the key is made by key workers (two
//! racing where the device has two cores: src/app/race.rs), started ahead of time, so the page
//! stays responsive and Cancel works; where no worker can run, on the main thread, after the
//! page has said why.

use super::race::{KeyRace, Step, worker_count};
use super::state::Action;
use crate::browser::{self, KeyAnswer, KeyWorkers, WorkerEvent};
use crate::pki::{Certificate, KeyPair};
use crate::setup::Setup;
use yew::prelude::*;

/// How a race of key workers ended.
enum Ended {
    /// This answer came first (every worker is terminated).
    Answered(KeyAnswer),
    /// No worker could run, for this reason.
    Refused(String),
    /// Cancel ended it.
    Cancelled,
}

/// How many key workers make each key on this device.
fn workers() -> usize {
    worker_count(browser::hardware_concurrency())
}

/// Starts the key workers for the next key ahead of time, where the built-in path is the one
/// the page will use (no WebCrypto), so their start-up is not on the Generate path. They learn
/// nothing until Generate. In a task of its own: starting workers takes the main thread a few
/// milliseconds, which the render before it does not need.
pub(super) fn prestart() {
    if !browser::has_webcrypto() {
        browser::in_next_task(|| browser::prestart_key_workers(workers()));
    }
}

/// Makes a key for `setup` with the built-in RSA, and its certificate (signed where the key
/// was made); `None` when Cancel ended it.
pub(super) async fn key(
    dispatch: &UseReducerDispatcher<super::state::State>,
    setup: &Setup,
) -> Option<Result<(KeyPair, Certificate), browser::Error>> {
    let ended = match browser::take_key_workers(workers()) {
        Ok(crew) => {
            let ended = race(&crew, setup).await;
            crew.stop();
            ended
        }
        Err(reason) => Ended::Refused(reason),
    };
    match ended {
        Ended::Answered(answer) => {
            let made = answer.read();
            // Reading it was one task; showing it is the next.
            browser::sleep_ms(0).await;
            Some(made)
        }
        Ended::Cancelled => None,
        Ended::Refused(reason) => {
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

/// Runs the race for one key: each worker gets the request once it is ready; the first answer
/// is taken and every worker terminated at once.
async fn race(crew: &KeyWorkers, setup: &Setup) -> Ended {
    let mut race = KeyRace::new(crew.len());
    crew.notify_after_paint();
    loop {
        let mut told = Vec::new();
        let mut step = match crew.next().await {
            WorkerEvent::Ready(i) => race.ready(i),
            WorkerEvent::Painted => {
                told = race.painted();
                Step::Wait
            }
            WorkerEvent::Refused(i, reason) => race.refused(i, reason),
            WorkerEvent::Answered(i, answer) => {
                if race.answered(i) == Step::Take(i) {
                    crew.stop();
                    return Ended::Answered(answer);
                }
                // Not an answer the race takes: dropped, its key buffer wiped.
                Step::Wait
            }
            WorkerEvent::TimedOut => race.timed_out(&format!(
                "the worker did not start within {} s",
                browser::START_TIMEOUT_MS / 1000
            )),
            WorkerEvent::Cancelled => return Ended::Cancelled,
        };
        if let Step::Send(i) = step {
            told.push(i);
        }
        for i in told {
            if let Err(reason) = crew.send(i, setup.key_size, &setup.certificate) {
                step = race.refused(i, reason);
            }
        }
        if let Step::Refused(reason) = step {
            return Ended::Refused(reason);
        }
    }
}

/// "Cancel": ends the workers (an earlier key is not touched) and says so.
pub(super) fn cancel((): ()) -> Action {
    browser::cancel_key_workers();
    Action::GenerationCancelled
}
