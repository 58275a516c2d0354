//! The race of key workers on the built-in RSA path (src/app/race.rs): who is told to make the
//! key, whose answer is taken, when the page falls back to its main thread.

use saml_idp_kit::app::race::{KeyRace, Step, worker_count};

#[test]
fn two_workers_race_where_the_device_has_four_cores_or_more() {
    assert_eq!(worker_count(None), 1, "a browser that does not say");
    assert_eq!(worker_count(Some(1)), 1);
    assert_eq!(
        worker_count(Some(2)),
        1,
        "two cores: the race was slower there"
    );
    assert_eq!(worker_count(Some(3)), 1);
    assert_eq!(worker_count(Some(4)), 2);
    assert_eq!(worker_count(Some(16)), 2, "two, not one per core");
}

#[test]
fn each_ready_worker_is_told_once_and_the_first_answer_is_taken() {
    let mut race = KeyRace::new(2);
    race.painted();
    assert!(race.starting());
    assert_eq!(race.ready(1), Step::Send(1));
    assert_eq!(race.ready(1), Step::Wait, "a second 'ready' sends nothing");
    assert_eq!(race.answered(0), Step::Wait, "worker 0 was never asked");
    assert_eq!(race.ready(0), Step::Send(0));
    assert!(!race.starting());
    assert_eq!(race.answered(0), Step::Take(0));
    assert_eq!(race.answered(1), Step::Wait, "only the first answer counts");
    assert_eq!(race.ready(5), Step::Wait, "no such worker");
}

#[test]
fn the_first_worker_starts_at_once_and_the_others_after_the_page_has_painted() {
    let mut race = KeyRace::new(2);
    assert_eq!(race.ready(1), Step::Wait, "held until the page has painted");
    assert_eq!(
        race.answered(1),
        Step::Wait,
        "a held worker was never asked"
    );
    assert_eq!(race.ready(0), Step::Send(0), "the first is told at once");
    assert!(!race.starting(), "both ready, one of them held");
    assert_eq!(race.painted(), vec![1]);
    assert_eq!(race.painted(), Vec::<usize>::new(), "told once");
    assert_eq!(race.answered(1), Step::Take(1));
    // Painted before any worker was ready: each is told as it gets ready.
    let mut race = KeyRace::new(2);
    assert!(race.painted().is_empty());
    assert_eq!(race.ready(1), Step::Send(1));
    // An answer before the paint: the held worker is never told.
    let mut race = KeyRace::new(2);
    race.ready(0);
    race.ready(1);
    assert_eq!(race.answered(0), Step::Take(0));
    assert!(race.painted().is_empty());
}

#[test]
fn a_worker_that_cannot_start_leaves_the_race_to_the_other() {
    let mut race = KeyRace::new(2);
    assert_eq!(race.refused(0, "out of memory".into()), Step::Wait);
    assert_eq!(race.ready(0), Step::Wait, "a refused worker is not asked");
    assert_eq!(race.ready(1), Step::Wait);
    assert_eq!(race.painted(), vec![1]);
    assert_eq!(race.answered(1), Step::Take(1));
    // After the answer, a late refusal changes nothing.
    assert_eq!(race.refused(1, "late".into()), Step::Wait);
}

#[test]
fn the_main_thread_is_used_only_when_every_worker_is_refused_with_the_first_reason() {
    let mut race = KeyRace::new(2);
    assert_eq!(race.refused(1, "second".into()), Step::Wait);
    assert_eq!(
        race.refused(0, "first".into()),
        Step::Refused("first".into()),
        "the first worker's reason is the one shown"
    );
    let mut single = KeyRace::new(1);
    assert_eq!(
        single.refused(0, "policy".into()),
        Step::Refused("policy".into())
    );
    // A worker that stops while working or held counts as refused too (the browser ended it).
    let mut race = KeyRace::new(2);
    race.ready(0);
    race.ready(1);
    assert_eq!(race.refused(0, "crashed".into()), Step::Wait);
    assert_eq!(
        race.refused(1, "policy".into()),
        Step::Refused("crashed".into())
    );
}

#[test]
fn the_start_up_timeout_refuses_only_workers_that_never_said_ready() {
    let mut race = KeyRace::new(2);
    race.ready(0);
    assert_eq!(
        race.timed_out("too slow"),
        Step::Wait,
        "worker 0 is working"
    );
    assert_eq!(race.ready(1), Step::Wait, "worker 1 timed out");
    assert_eq!(race.answered(0), Step::Take(0));

    let mut race = KeyRace::new(2);
    assert_eq!(race.timed_out("too slow"), Step::Refused("too slow".into()));
    // A race of none is a race of one.
    assert_eq!(KeyRace::new(0).timed_out("x"), Step::Refused("x".into()));
}
