use super::*;

#[test]
fn key_workers_start_ahead_when_idle_and_settled_until_workers_are_refused() {
    let idle = after([edit(Field::TeamName, "acme")]);
    assert!(idle.start_workers_ahead(true), "an idle page starts them");
    assert!(
        !idle.start_workers_ahead(false),
        "not while the sections catch up"
    );
    let mut state = idle.clone();
    state.apply(Action::GenerationStarted(KeyOrigin::Wasm));
    assert!(!state.start_workers_ahead(true), "not while generating");
    state.apply(Action::GenerationCancelled);
    assert!(state.start_workers_ahead(true), "again after Cancel");
    state.apply(Action::GenerationStarted(KeyOrigin::Wasm));
    state.apply(generated());
    assert!(state.start_workers_ahead(true), "again after a key");
    // Refused once: they would be refused again, so none start ahead of time any more.
    state.apply(Action::GenerationStarted(KeyOrigin::Wasm));
    state.apply(Action::WorkerRefused("policy".into()));
    state.apply(generated());
    assert!(!state.start_workers_ahead(true));
    assert_eq!(
        state.worker_refused, None,
        "the progress line's reason is gone"
    );
    // A late refusal with nothing running changes nothing.
    let mut late = idle.clone();
    late.apply(Action::WorkerRefused("late".into()));
    assert!(late.start_workers_ahead(true));
}
