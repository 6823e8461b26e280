//! An assessment session's state: where it is (the step), the tests chosen and still to do,
//! the results so far, and what moves it on by itself (a test's time) or records a result.

use std::time::{Duration, Instant};

use crate::assess::trial::{Phase, Trial};
use crate::assess::{Measure, Sex, Stopped, Test};
use crate::records::journal::Event;
use crate::tui::coach::shared::Shared;

/// Ages the norms could ever be asked about; anything else is a typing slip.
pub const AGES: (u32, u32) = (18, 120);

/// Where the assessment is.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Age and sex, for the norms (asked once per profile; `y` asks again).
    AboutYou(AboutYou),
    /// Which tests to do today.
    Choose,
    /// How to set the test up safely, before it starts.
    Setup(Test),
    /// The test being done.
    Testing(Trial),
    /// The result typed in (`trial` takes it; the single-leg stance takes a leg at a time).
    Entry {
        trial: Trial,
        text: String,
        error: Option<String>,
    },
    /// A test's result, set against its norm.
    Result {
        measure: Option<Measure>,
        stopped: Option<Stopped>,
    },
    /// The end: what was done, the flags standing, the next assessment.
    Summary,
}

/// The age and sex being typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AboutYou {
    pub age: String,
    pub sex: Option<Sex>,
    pub error: Option<String>,
}

/// One assessment session.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessing {
    /// Its run id in the journal.
    pub run: u64,
    pub step: Step,
    /// Chosen for today, in `Test::ALL` order.
    pub chosen: [bool; Test::ALL.len()],
    /// The highlighted test on the choice.
    pub cursor: usize,
    /// The tests still to do, in order (the one on screen first).
    pub queue: Vec<Test>,
    /// This session's results, in order.
    pub done: Vec<(Measure, Option<Stopped>)>,
    /// Tests skipped today.
    pub skipped: Vec<Test>,
    /// Stopped for safety: no more tests today.
    pub ended: Option<Stopped>,
    /// The timed up and go with the usual walking aid.
    pub aid: bool,
    /// First row of a set-up that does not fit.
    pub scroll: u16,
}

impl Assessing {
    /// A new assessment: age and sex first when never asked, else the choice of tests.
    pub fn new(shared: &Shared) -> Assessing {
        let asked = shared.assessments().person.is_some();
        Assessing {
            run: shared.new_run_id(),
            step: if asked {
                Step::Choose
            } else {
                Step::AboutYou(AboutYou::default())
            },
            chosen: [true; Test::ALL.len()],
            cursor: 0,
            queue: Vec::new(),
            done: Vec::new(),
            skipped: Vec::new(),
            ended: None,
            aid: false,
            scroll: 0,
        }
    }

    /// The test on screen (set-up, test, entry, result).
    pub fn test(&self) -> Option<Test> {
        match &self.step {
            Step::Setup(t) => Some(*t),
            Step::Testing(trial) | Step::Entry { trial, .. } => Some(trial.test()),
            Step::Result { .. } => self.done.last().map(|(m, _)| m.test()),
            _ => None,
        }
    }

    /// "Test 2 of 5".
    pub fn position(&self) -> (usize, usize) {
        let total = self.done.len() + self.skipped.len() + self.queue.len();
        let current = self.done.len() + self.skipped.len() + 1;
        match self.step {
            Step::Result { .. } => (current - 1, total),
            _ => (current.min(total), total),
        }
    }

    /// The next moment the screen changes by itself: the next second on the clock of a test
    /// being timed, or its end.
    pub fn next_wake(&self, now: Instant) -> Option<Instant> {
        let Step::Testing(trial) = &self.step else {
            return None;
        };
        let second = Duration::from_secs(1);
        let next = match *trial.phase() {
            Phase::Counting { ends, .. } => {
                let left = ends.saturating_duration_since(now);
                let into = Duration::from_nanos((left.as_nanos() % second.as_nanos()) as u64);
                now + if into.is_zero() { second } else { into }
            }
            Phase::Stopwatch { started } | Phase::Holding { started, .. } => {
                let gone = now.saturating_duration_since(started);
                let whole = gone.as_secs() + 1;
                started + Duration::from_secs(whole)
            }
            _ => return None,
        };
        Some(match trial.deadline() {
            Some(end) => next.min(end),
            None => next,
        })
    }

    /// Moves a test being timed on to `now`; a test that has ended is recorded.
    pub fn tick(&mut self, shared: &mut Shared, now: Instant) {
        if let Step::Testing(trial) = &mut self.step {
            trial.tick(now);
            if trial.phase() == &Phase::Done {
                self.finish(shared, None);
            }
        }
    }

    /// The test on screen is done (or stopped for `why`): its result recorded, and shown.
    pub(super) fn finish(&mut self, shared: &mut Shared, why: Option<Stopped>) {
        let (Step::Testing(trial) | Step::Entry { trial, .. }) = &self.step else {
            return;
        };
        let result = trial.result().map(|(m, s)| (m.clone(), s));
        let stopped = result.as_ref().map_or(why, |(_, s)| *s);
        self.queue.retain(|&t| t != trial.test());
        let measure = result.map(|(mut m, s)| {
            if let Measure::TimedUpAndGo { aid, .. } = &mut m {
                *aid = self.aid;
            }
            shared.record(
                self.run,
                Event::Assessment {
                    measure: m.clone(),
                    stopped: s,
                },
            );
            self.done.push((m.clone(), s));
            m
        });
        if matches!(
            stopped,
            Some(Stopped::Pain | Stopped::Dizziness | Stopped::Fall)
        ) {
            self.ended = stopped;
        }
        self.scroll = 0;
        self.step = Step::Result { measure, stopped };
    }

    /// The next test's set-up, or the summary.
    pub(super) fn next(&mut self) {
        self.scroll = 0;
        self.step = match (self.ended, self.queue.first()) {
            (None, Some(&t)) => Step::Setup(t),
            _ => Step::Summary,
        };
    }

    /// Stops the test on screen for `why` and records what was done of it.
    pub(super) fn stop(&mut self, shared: &mut Shared, why: Stopped, now: Instant) {
        if let Step::Testing(trial) = &mut self.step {
            trial.stop(why, now);
            self.finish(shared, Some(why));
        }
    }
}
