//! The few records the questions before a session look at, kept as the journal goes by so
//! that start-up never needs the rest: the last red flag or clearance, the last personal
//! session started and what it recorded, the last personal session that did a set and what it
//! recorded from then on, the latest next-day answers and class starts, the answers after pain
//! of the latest runs that gave any, and the highest run id. Fed one record at a time;
//! `records` gives them back in journal order, and the rules that read them
//! (`unresolved_red_flag`, `unfinished`, the next-day question, what a run does instead of an
//! exercise that stopped for pain and which of them it has asked about) answer on these exactly
//! as on the whole journal (a property test holds them to it).

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use crate::records::journal::{Event, Outcome, Record};

/// Class runs remembered, to tell a class's sets from a person's.
const CLASSES: usize = 64;
/// Next-day answers remembered.
const FOLLOW_UPS: usize = 32;
/// Records kept of one session (a hand-edited journal could reuse one run id for ever).
const PER_RUN: usize = 4096;
/// Runs whose answers after pain are remembered: the one about to start, and a stopped one
/// that may be resumed (its answers came before its start), with room to spare.
const ANSWER_RUNS: usize = 8;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Recent {
    /// Records fed so far: each kept record's place in the journal's order.
    fed: u64,
    /// The last red flag or clearance.
    flag: Option<(u64, Record)>,
    /// The last personal session start, and every later record of its run.
    open: Vec<(u64, Record)>,
    /// The last personal run that did a set, and its records from that set on.
    done_run: Option<u64>,
    done: Vec<(u64, Record)>,
    /// The last set of the run that did a set before it (what made the difference between
    /// the two, when their records are interleaved), and the last personal set of all.
    switched_from: Option<(u64, Record)>,
    last_set: Option<(u64, Record)>,
    follow_ups: VecDeque<(u64, Record)>,
    /// The answers after pain (`after_pain`) of the latest runs that gave any, per run: they
    /// come before the run's own start, so `open` does not hold them.
    answers: VecDeque<(u64, Vec<(u64, Record)>)>,
    /// The latest class starts: a class's sets are no person's.
    classes: VecDeque<(u64, Record)>,
    /// The highest run id in the journal.
    pub max_run: u64,
}

impl Recent {
    pub fn feed(&mut self, record: &Record) {
        let seq = self.fed;
        self.fed += 1;
        let run = record.run;
        self.max_run = self.max_run.max(run);
        let keep = || (seq, record.clone());
        match &record.event {
            Event::RedFlag { .. } | Event::Clearance => self.flag = Some(keep()),
            Event::SessionStart { class: true, .. } => {
                if self.classes.len() == CLASSES {
                    self.classes.pop_front();
                }
                self.classes.push_back(keep());
            }
            Event::SessionStart { class: false, .. } => self.open = vec![keep()],
            Event::FollowUp { .. } => {
                if self.follow_ups.len() == FOLLOW_UPS {
                    self.follow_ups.pop_front();
                }
                self.follow_ups.push_back(keep());
            }
            Event::AfterPain { .. } => match self.answers.iter_mut().find(|(r, _)| *r == run) {
                Some((_, list)) => push(list, keep()),
                None => {
                    if self.answers.len() == ANSWER_RUNS {
                        self.answers.pop_front();
                    }
                    self.answers.push_back((run, vec![keep()]));
                }
            },
            _ => {}
        }
        let starts_open = matches!(record.event, Event::SessionStart { class: false, .. });
        if !starts_open && self.open.first().is_some_and(|(_, s)| s.run == run) {
            push(&mut self.open, keep());
        }
        match &record.event {
            // Discarding a stopped session says nothing about when it was done.
            Event::SessionEnd {
                outcome: Outcome::Abandoned,
            } => {}
            Event::SetDone { .. } if !self.classes.iter().any(|(_, c)| c.run == run) => {
                if self.done_run != Some(run) {
                    self.done_run = Some(run);
                    self.done.clear();
                    self.switched_from = self.last_set.take();
                }
                push(&mut self.done, keep());
                self.last_set = Some(keep());
            }
            _ if self.done_run == Some(run) => push(&mut self.done, keep()),
            _ => {}
        }
    }

    /// The kept records, in journal order, each once.
    pub fn records(&self) -> Vec<Record> {
        let mut all: Vec<&(u64, Record)> = self
            .flag
            .iter()
            .chain(&self.open)
            .chain(&self.done)
            .chain(&self.follow_ups)
            .chain(self.answers.iter().flat_map(|(_, list)| list))
            .chain(&self.classes)
            .chain(&self.switched_from)
            .collect();
        all.sort_by_key(|(seq, _)| *seq);
        all.dedup_by_key(|(seq, _)| *seq);
        all.into_iter().map(|(_, r)| r.clone()).collect()
    }
}

/// Keeps a session's first record and its latest ones, at most `PER_RUN`.
fn push(list: &mut Vec<(u64, Record)>, item: (u64, Record)) {
    if list.len() == PER_RUN {
        list.remove(1);
    }
    list.push(item);
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::common::calendar::stamp as rfc3339;
    use crate::program::Dose;
    use crate::records::journal::{Feeling, NextDay, PainChoice, unresolved_red_flag};
    use crate::records::runs::{Unfinished, asked_after_pain, instead_for, unfinished};

    /// The run about to start: after every other.
    const FRESH: u64 = 100;

    fn arb_event() -> impl Strategy<Value = Event> {
        let dose = Dose::Reps {
            sets: 2,
            reps: 8,
            rest: 0,
            tempo: None,
            per_side: false,
        };
        prop_oneof![
            any::<bool>().prop_map(|class| Event::SessionStart {
                program: "P".into(),
                source: "p".into(),
                session: "A".into(),
                seed: 1,
                items: vec!["A / B / x".into(), "A / B / y".into()],
                class,
            }),
            (1u32..3, prop::bool::ANY).prop_map(move |(set, y)| Event::SetDone {
                item: if y { "A / B / y" } else { "A / B / x" }.into(),
                exercise: "x".into(),
                set,
                side: None,
                level: 0,
                dose,
            }),
            (0u8..4).prop_map(|f| Event::CheckIn {
                item: "A / B / x".into(),
                exercise: "x".into(),
                feeling: Feeling::ALL[f as usize],
                pain: None,
                quality: None,
                place: None,
                effort: None,
            }),
            Just(Event::red_flag(vec!["s".into()])),
            (0usize..3, prop::bool::ANY).prop_map(|(c, y)| Event::AfterPain {
                item: if y { "A / B / y" } else { "A / B / x" }.into(),
                exercise: "x".into(),
                choice: [
                    PainChoice::Easier,
                    PainChoice::LeaveOut,
                    PainChoice::Assessed
                ][c],
                instead: (c == 0).then(|| "x-easier".into()),
            }),
            Just(Event::Clearance),
            (0u64..4).prop_map(|about| Event::FollowUp {
                about,
                answer: NextDay::Settled
            }),
            Just(Event::Resumed { exercise: 0 }),
            prop_oneof![Just(Outcome::Completed), Just(Outcome::Abandoned)]
                .prop_map(|outcome| Event::SessionEnd { outcome }),
        ]
    }

    proptest! {
        /// The kept records answer as the whole journal does.
        #[test]
        fn the_kept_records_answer_as_the_whole_journal(
            events in prop::collection::vec((0u64..4, arb_event()), 0..80),
            // A run about to start: its answers before its session start, recorded last.
            about_to_start in prop::collection::vec(arb_event(), 0..6),
        ) {
            let records: Vec<Record> = events
                .into_iter()
                .chain(about_to_start.into_iter().map(|e| (FRESH, e)))
                .enumerate()
                .map(|(i, (run, event))| Record { at: rfc3339(1_000 + i as u64 * 600), run, event })
                .collect();
            let mut recent = Recent::default();
            for r in &records {
                recent.feed(r);
            }
            let kept = recent.records();
            prop_assert_eq!(unresolved_red_flag(&kept), unresolved_red_flag(&records));
            let strip = |u: Option<Unfinished>| u.map(|mut u| { u.start = 0; u });
            prop_assert_eq!(strip(unfinished(&kept)), strip(unfinished(&records)));
            // What a stopped session resumed and the run about to start plan instead, and what
            // the run about to start has asked about after pain.
            let resumed = unfinished(&records).map(|u| u.run);
            for run in resumed.into_iter().chain([FRESH]) {
                prop_assert_eq!(instead_for(&kept, run), instead_for(&records, run), "run {}", run);
            }
            prop_assert_eq!(asked_after_pain(&kept, FRESH), asked_after_pain(&records, FRESH));
            prop_assert_eq!(recent.max_run, records.iter().map(|r| r.run).max().unwrap_or(0));
        }
    }
}
