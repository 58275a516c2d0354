//! The race of key workers on the built-in RSA path: which worker is told to make the key, whose
//! answer is taken, and when the page gives up on workers. Pure, so its rules are tested
//! natively (tests/it/app/race.rs); src/app/builtin.rs drives it with the workers' messages.
//!
//! Finding a prime takes a random time, so where the device has four cores or more, two workers
//! make a key each and the first answer is taken: the slower one is terminated at once and its
//! key never leaves it. The median of the faster of two is well below the median of one when
//! each has a core of its own; on two cores (the page's main thread and the browser need one)
//! the race was slower than one worker (docs/speed.md, "Key workers"), so there one worker
//! makes the key.
//!
//! The first worker starts on the key as soon as it is ready; the others wait until the page
//! has painted its progress line, so that on a two-core device the click's own rendering does
//! not compete with two busy workers.

/// How many key workers race on a device reporting `cores` logical processors
/// (`navigator.hardwareConcurrency`; `None` where the browser does not say).
pub fn worker_count(cores: Option<u32>) -> usize {
    match cores {
        Some(n) if n >= RACE_FROM_CORES => 2,
        _ => 1,
    }
}

/// The fewest cores on which two workers race: two for the workers, and room for the page's
/// main thread and the browser. The measurements: docs/speed.md, "Key workers".
const RACE_FROM_CORES: u32 = 4;

/// What became of one worker so far.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Status {
    /// Started; it has not said it is ready.
    Starting,
    /// Ready, waiting for the page to paint before it is told.
    Held,
    /// Ready, and told to make the key.
    Working,
    /// It could not run, for this reason.
    Refused(String),
}

/// What to do next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Tell worker `i` the key size and the certificate's fields.
    Send(usize),
    /// Nothing to do: wait for the next message.
    Wait,
    /// Worker `i` answered first: take its answer and terminate every worker.
    Take(usize),
    /// No worker could run (the first reason): use the main thread.
    Refused(String),
}

/// The race of `n` workers for one key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRace {
    workers: Vec<Status>,
    painted: bool,
    done: bool,
}

impl KeyRace {
    /// `n` workers (at least one), all starting.
    pub fn new(n: usize) -> KeyRace {
        KeyRace {
            workers: vec![Status::Starting; n.max(1)],
            painted: false,
            done: false,
        }
    }

    /// Worker `i` said it is ready: it gets the request, once (the first worker at once, the
    /// others once the page has painted).
    pub fn ready(&mut self, i: usize) -> Step {
        match self.workers.get_mut(i) {
            Some(status) if !self.done && *status == Status::Starting => {
                if i == 0 || self.painted {
                    *status = Status::Working;
                    Step::Send(i)
                } else {
                    *status = Status::Held;
                    Step::Wait
                }
            }
            _ => Step::Wait,
        }
    }

    /// The page has painted its progress line: the workers held until now are to be told.
    pub fn painted(&mut self) -> Vec<usize> {
        self.painted = true;
        if self.done {
            return Vec::new();
        }
        let mut told = Vec::new();
        for (i, status) in self.workers.iter_mut().enumerate() {
            if *status == Status::Held {
                *status = Status::Working;
                told.push(i);
            }
        }
        told
    }

    /// Worker `i` answered (a key, or its own error): the first answer ends the race, whatever
    /// it says (the workers run the same code, so another would say the same).
    pub fn answered(&mut self, i: usize) -> Step {
        match self.workers.get(i) {
            Some(Status::Working) if !self.done => {
                self.done = true;
                Step::Take(i)
            }
            _ => Step::Wait,
        }
    }

    /// Worker `i` could not run (it failed to start, or the browser stopped it).
    pub fn refused(&mut self, i: usize, reason: String) -> Step {
        if let Some(status) = self.workers.get_mut(i)
            && !matches!(status, Status::Refused(_))
        {
            *status = Status::Refused(reason);
        }
        self.verdict()
    }

    /// The start-up time ran out: the workers that have not said they are ready are refused.
    pub fn timed_out(&mut self, reason: &str) -> Step {
        for status in &mut self.workers {
            if *status == Status::Starting {
                *status = Status::Refused(reason.to_owned());
            }
        }
        self.verdict()
    }

    /// Whether any worker has yet to say it is ready.
    pub fn starting(&self) -> bool {
        self.workers.contains(&Status::Starting)
    }

    /// Refused when every worker is, with the first worker's reason; else wait.
    fn verdict(&mut self) -> Step {
        if self.done {
            return Step::Wait;
        }
        let mut reasons = self.workers.iter().map(|status| match status {
            Status::Refused(reason) => Some(reason),
            _ => None,
        });
        match reasons.next() {
            Some(Some(first)) if reasons.all(|r| r.is_some()) => {
                self.done = true;
                Step::Refused(first.clone())
            }
            _ => Step::Wait,
        }
    }
}
