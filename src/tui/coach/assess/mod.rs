//! The assessment screens (`upright assess`, or `a` on the home screen): the person's age and
//! sex (asked once per profile, or skipped), the choice of tests, then for each test its safe
//! set-up, the test itself (driven by `assess::trial`: a key per stand or knee raise with a
//! countdown, a stopwatch, 10 s per balance stage, each leg, or the result entered afterwards)
//! and its result against the norm for the person's age, in plain words; at the end what
//! was done, the flags standing and when to assess again. Each result is in the journal the
//! moment it is known. Pain, dizziness or a fall stop the test and the assessment; `!` opens
//! the red flags and `q` quits from every step. Drawn in `draw`.

mod draw;
mod keys;
mod result;

use std::time::{Duration, Instant};

pub use self::draw::draw;
pub use self::keys::{Action, keys};
use super::shared::Shared;
use crate::assess::trial::{Phase, Trial};
use crate::assess::{Measure, Person, Sex, Stopped, Test};
use crate::records::journal::Event;

/// What the help says below an assessment's keys.
pub const HELP_NOTES: [&str; 2] = [
    crate::assess::protocol::STOP_ON,
    crate::assess::norms::NOT_A_DIAGNOSIS,
];

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
    fn finish(&mut self, shared: &mut Shared, why: Option<Stopped>) {
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
    fn next(&mut self) {
        self.scroll = 0;
        self.step = match (self.ended, self.queue.first()) {
            (None, Some(&t)) => Step::Setup(t),
            _ => Step::Summary,
        };
    }

    /// Stops the test on screen for `why` and records what was done of it.
    fn stop(&mut self, shared: &mut Shared, why: Stopped, now: Instant) {
        if let Step::Testing(trial) = &mut self.step {
            trial.stop(why, now);
            self.finish(shared, Some(why));
        }
    }

    /// Red flags ticked: recorded in this assessment's run (a test being timed was already
    /// stopped when the list opened). The advice follows, and no more tests today.
    pub fn red_flag(&self, shared: &mut Shared, symptoms: Vec<String>) {
        shared.record(self.run, Event::RedFlag { symptoms });
    }
}

/// Where an action leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Go {
    Stay,
    /// The red-flag list over the screen.
    RedFlags,
    /// "Quit?" over the screen.
    AskQuit,
    /// The keys of this step, and what to stop on.
    Help,
    /// Home, or out.
    Leave,
}

pub fn act(a: &mut Assessing, shared: &mut Shared, action: Action, now: Instant) -> Go {
    match action {
        Action::RedFlags => {
            // A test being timed stops at once; without a symptom ticked it can be started
            // again from its set-up.
            if let Step::Testing(trial) = &a.step {
                a.step = Step::Setup(trial.test());
            }
            return Go::RedFlags;
        }
        Action::Quit => return Go::AskQuit,
        Action::Help => return Go::Help,
        Action::Pain => a.stop(shared, Stopped::Pain, now),
        Action::Dizzy => a.stop(shared, Stopped::Dizziness, now),
        Action::Fall => {
            a.stop(shared, Stopped::Fall, now);
            return Go::RedFlags;
        }
        Action::StopTest => a.stop(shared, Stopped::Other, now),
        _ => return step_act(a, shared, action, now),
    }
    Go::Stay
}

/// The actions that belong to one step.
fn step_act(a: &mut Assessing, shared: &mut Shared, action: Action, now: Instant) -> Go {
    match (&mut a.step, action) {
        (Step::AboutYou(about), Action::Digit(d)) if about.age.len() < 3 => {
            about.age.push(d);
            about.error = None;
        }
        (Step::AboutYou(about), Action::Erase) => {
            about.age.pop();
            about.error = None;
        }
        (Step::AboutYou(about), Action::Female) => {
            about.sex = (about.sex != Some(Sex::Female)).then_some(Sex::Female)
        }
        (Step::AboutYou(about), Action::Male) => {
            about.sex = (about.sex != Some(Sex::Male)).then_some(Sex::Male)
        }
        (Step::AboutYou(about), Action::SaveAboutYou) => {
            let age = match about.age.parse::<u32>() {
                _ if about.age.is_empty() => None,
                Ok(n) if (AGES.0..=AGES.1).contains(&n) => Some(n),
                _ => {
                    about.error = Some(format!(
                        "An age from {} to {} years, please (or leave it empty).",
                        AGES.0, AGES.1
                    ));
                    return Go::Stay;
                }
            };
            let sex = about.sex;
            shared.record(a.run, Event::AboutYou { age, sex });
            a.step = Step::Choose;
        }
        (Step::AboutYou(_), Action::SkipAboutYou) => {
            shared.record(
                a.run,
                Event::AboutYou {
                    age: None,
                    sex: None,
                },
            );
            a.step = Step::Choose;
        }
        (Step::Choose, Action::Up) => a.cursor = (a.cursor + a.chosen.len() - 1) % a.chosen.len(),
        (Step::Choose, Action::Down) => a.cursor = (a.cursor + 1) % a.chosen.len(),
        (Step::Choose, Action::Toggle) => a.chosen[a.cursor] = !a.chosen[a.cursor],
        (Step::Choose, Action::All) => {
            let all = !a.chosen.iter().all(|&c| c);
            a.chosen = [all; Test::ALL.len()];
        }
        (Step::Choose, Action::AskAboutYou) => {
            let person = shared.assessments().person();
            a.step = Step::AboutYou(about_now(&person, shared.today()));
        }
        (Step::Choose, Action::Begin) => {
            a.queue = Test::ALL
                .iter()
                .zip(a.chosen)
                .filter(|(_, c)| *c)
                .map(|(t, _)| *t)
                .collect();
            a.next();
        }
        (Step::Setup(test), Action::Start) => {
            let mut trial = Trial::new(*test);
            if test.needs_helper() {
                a.step = entry(trial);
            } else {
                trial.start(now);
                a.step = Step::Testing(trial);
            }
        }
        (Step::Setup(test), Action::EnterInstead) => a.step = entry(Trial::new(*test)),
        (Step::Setup(test), Action::SkipTest) => {
            a.skipped.push(*test);
            let test = *test;
            a.queue.retain(|&t| t != test);
            a.next();
        }
        (Step::Setup(_) | Step::Result { .. } | Step::Summary, Action::Up) => {
            a.scroll = a.scroll.saturating_sub(1)
        }
        (Step::Setup(_) | Step::Result { .. } | Step::Summary, Action::Down) => {
            a.scroll = a.scroll.saturating_add(1).min(60)
        }
        (Step::Setup(_) | Step::Entry { .. }, Action::Aid) => a.aid = !a.aid,
        (Step::Testing(trial), Action::Count) => trial.key(now),
        (Step::Testing(trial), Action::TakeBack) => trial.uncount(),
        (Step::Testing(trial), Action::Arms) => trial.arms_used(),
        (Step::Testing(trial), Action::Lost) => trial.key(now),
        (Step::Testing(trial), Action::Start) => trial.start(now),
        (Step::Entry { text, error, .. }, Action::Digit(d)) if text.len() < 6 => {
            text.push(if d == ',' { '.' } else { d });
            *error = None;
        }
        (Step::Entry { text, error, .. }, Action::Erase) => {
            text.pop();
            *error = None;
        }
        (Step::Entry { trial, text, error }, Action::Record) => {
            let value = text.parse::<f64>().unwrap_or(f64::NAN);
            match trial.enter(value) {
                Ok(()) => text.clear(),
                Err(e) => *error = Some(e),
            }
        }
        (Step::Entry { trial, .. }, Action::Back) => a.step = Step::Setup(trial.test()),
        (Step::Result { .. } | Step::Summary, Action::Next) => {
            if a.step == Step::Summary {
                return Go::Leave;
            }
            a.next();
        }
        _ => {}
    }
    // A test ends by a key as well as by time.
    let ended = match &a.step {
        Step::Testing(trial) | Step::Entry { trial, .. } => trial.phase() == &Phase::Done,
        _ => false,
    };
    if ended {
        a.finish(shared, None);
    }
    Go::Stay
}

/// The entry of a result for `trial`.
fn entry(trial: Trial) -> Step {
    Step::Entry {
        trial,
        text: String::new(),
        error: None,
    }
}

/// The age and sex as last given, for asking again: the age as it is today.
fn about_now(person: &Person, today: i64) -> AboutYou {
    AboutYou {
        age: person
            .age_on(today)
            .map_or_else(String::new, |a| a.to_string()),
        sex: person.sex,
        error: None,
    }
}

#[cfg(test)]
mod tests;
