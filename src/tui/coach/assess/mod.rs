//! The assessment screens (`upright assess`, or `a` on the home screen): the person's age and
//! sex (asked once per profile, or skipped), the choice of tests, then for each test its safe
//! set-up, the test itself (driven by `assess::trial`: a key per stand or knee raise with a
//! countdown, a stopwatch, 10 s per balance stage, each leg, or the result entered afterwards)
//! and its result against the norm for the person's age, in plain words; at the end what
//! was done, the flags standing and when to assess again. Each result is in the journal the
//! moment it is known. Pain, dizziness or a fall stop the test and the assessment; `!` opens
//! the red flags and `q` quits from every step. The state is in `state`, the key tables in
//! `keys`, the drawing in `draw` and `result`; this module does what the keys say.

mod draw;
mod keys;
mod result;
mod state;

use std::time::Instant;

pub use self::draw::draw;
pub use self::keys::{Action, keys};
pub use self::state::{AGES, AboutYou, Assessing, Step};
use super::shared::Shared;
use crate::assess::trial::{Phase, Trial};
use crate::assess::{Person, Sex, Stopped, Test};
use crate::records::journal::Event;

/// What the help says below an assessment's keys.
pub const HELP_NOTES: [&str; 2] = [
    crate::assess::protocol::STOP_ON,
    crate::assess::norms::NOT_A_DIAGNOSIS,
];

/// Where an action leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Go {
    Stay,
    /// The red-flag list over the screen.
    RedFlags,
    /// A fall: the red flags, with the fall already ticked (a fall is one).
    Fell,
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
            return Go::Fell;
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
