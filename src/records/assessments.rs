//! The assessments in a journal: every test's results and what the person said about their
//! age and sex, gathered one record at a time, and what follows from them now (the flags
//! standing, whether a reassessment is due). Pure: today is an argument.

use serde::{Deserialize, Serialize};

use crate::assess::Person;
use crate::assess::flags::{Assessed, Flag, Reassess, current_flags, reassess};
use crate::assess::norms::Table;
use crate::common::calendar::{Calendar, Day};
use crate::records::journal::{Event, Record};

/// Every assessment result and the latest `about_you`, oldest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Assessments {
    pub results: Vec<Assessed>,
    /// `None` when never asked; `Some` with both fields `None` when skipped.
    pub person: Option<Person>,
}

impl Assessments {
    /// All of them in `records`, their days counted by `calendar`.
    pub fn of<'a>(
        records: impl IntoIterator<Item = &'a Record>,
        calendar: &Calendar,
    ) -> Assessments {
        let mut a = Assessments::default();
        for r in records {
            if let Some(day) = calendar.day_of_stamp(&r.at) {
                a.feed(r, day);
            }
        }
        a
    }

    /// One record, on `day`.
    pub fn feed(&mut self, record: &Record, day: Day) {
        match &record.event {
            Event::Assessment { measure, stopped } => self.results.push(Assessed {
                day,
                run: record.run,
                measure: measure.clone(),
                stopped: *stopped,
            }),
            Event::AboutYou { age, sex } => {
                self.person = Some(Person {
                    age: *age,
                    sex: *sex,
                    day,
                });
            }
            _ => {}
        }
    }

    /// The person as far as norms go: nothing known when never asked.
    pub fn person(&self) -> Person {
        self.person.unwrap_or_default()
    }

    /// The flags on each test's latest result.
    pub fn flags(&self) -> Vec<Flag> {
        current_flags(&self.results, &self.person(), Table::bundled())
    }

    /// The day of the last test done.
    pub fn last_day(&self) -> Option<i64> {
        self.results.iter().map(|r| r.day).max()
    }

    /// Whether the next assessment is due on `today`.
    pub fn reassess(&self, today: i64) -> Reassess {
        reassess(self.last_day(), today)
    }
}

/// Results kept per test for the snapshot: enough for any flag rule (the one before, a year
/// back) and the history's trend, however many years the journal holds.
pub const KEPT_PER_TEST: usize = 64;

/// The assessment records the journal's snapshot keeps, so that start-up (home's flag, the
/// reassessment, the assessment screens) never reads the whole journal: the latest
/// `about_you` and each test's latest results, in journal order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Kept {
    about: Option<Record>,
    results: Vec<Record>,
}

impl Kept {
    pub fn feed(&mut self, record: &Record) {
        match &record.event {
            Event::AboutYou { .. } => self.about = Some(record.clone()),
            Event::Assessment { measure, .. } => {
                let test = measure.test();
                let same = |r: &Record| matches!(&r.event, Event::Assessment { measure, .. } if measure.test() == test);
                if self.results.iter().filter(|r| same(r)).count() >= KEPT_PER_TEST
                    && let Some(oldest) = self.results.iter().position(same)
                {
                    self.results.remove(oldest);
                }
                self.results.push(record.clone());
            }
            _ => {}
        }
    }

    /// The records kept: the latest `about_you`, then the results in journal order.
    pub fn records(&self) -> impl Iterator<Item = &Record> {
        self.about.iter().chain(&self.results)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::{Measure, Sex};
    use crate::common::calendar::stamp;

    fn at(day: u64, event: Event) -> Record {
        Record {
            at: stamp(day * 86_400 + 3600),
            run: day,
            event,
        }
    }

    #[test]
    fn results_and_the_latest_about_you_are_gathered() {
        let records = [
            at(
                10,
                Event::AboutYou {
                    age: Some(70),
                    sex: None,
                },
            ),
            at(
                11,
                Event::Assessment {
                    measure: Measure::TimedUpAndGo {
                        secs: 13.0,
                        aid: false,
                    },
                    stopped: None,
                },
            ),
            at(
                12,
                Event::AboutYou {
                    age: Some(71),
                    sex: Some(Sex::Male),
                },
            ),
            at(13, Event::Clearance),
        ];
        let a = Assessments::of(&records, &Calendar::utc());
        assert_eq!(a.results.len(), 1);
        assert_eq!(a.results[0].day, 11);
        assert_eq!(
            a.person(),
            Person {
                age: Some(71),
                sex: Some(Sex::Male),
                day: 12
            }
        );
        assert_eq!(a.flags().len(), 1, "TUG of 13 s");
        assert_eq!(a.last_day(), Some(11));
        assert_eq!(a.reassess(11 + 56), Reassess::Due { since: 67 });
        assert_eq!(Assessments::default().reassess(0), Reassess::Never);
    }

    #[test]
    fn what_the_snapshot_keeps_gives_the_same_assessments_and_stays_bounded() {
        let mut records = vec![at(
            1,
            Event::AboutYou {
                age: Some(70),
                sex: Some(Sex::Female),
            },
        )];
        for day in 2..200 {
            records.push(at(
                day,
                Event::Assessment {
                    measure: Measure::TimedUpAndGo {
                        secs: day as f64 / 10.0,
                        aid: false,
                    },
                    stopped: None,
                },
            ));
            records.push(at(day, Event::Clearance));
        }
        records.push(at(
            300,
            Event::Assessment {
                measure: Measure::Height { cm: 160.0 },
                stopped: None,
            },
        ));
        let mut kept = Kept::default();
        for r in &records {
            kept.feed(r);
        }
        let calendar = Calendar::utc();
        let all = Assessments::of(&records, &calendar);
        let from_kept = Assessments::of(kept.records(), &calendar);
        assert_eq!(from_kept.person, all.person);
        assert_eq!(from_kept.results.len(), KEPT_PER_TEST + 1);
        assert_eq!(
            &all.results[all.results.len() - KEPT_PER_TEST - 1..],
            &from_kept.results[..],
            "the latest of each test, in order"
        );
        assert_eq!(from_kept.flags(), all.flags());
        assert_eq!(from_kept.last_day(), Some(300));
    }
}
