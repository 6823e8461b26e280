//! The questions before a session, in the order they are asked: clearance after a red flag,
//! resuming a session that stopped without an end, the day after the last session, and the
//! fracture question (always). Pure: the records and the time in, the next question out. Each
//! answer is recorded (a clearance, an abandoned session, a follow-up), so the records alone say
//! which questions are still to ask; `from` only keeps the order (never back to an earlier one).

use std::collections::HashSet;

use crate::common::calendar::parse_stamp;
use crate::records::journal::{self, Event, Outcome, Record};
use crate::records::replay::{self, Unfinished};

/// The day after is asked about once the session ended this long ago (the evening before
/// counts).
pub const FOLLOW_UP_AFTER_SECS: u64 = 10 * 3600;

/// The questions, in the order they are asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    Clearance,
    Resume,
    FollowUp,
    Fracture,
}

impl Stage {
    /// The stage after this one (the fracture question is the last).
    pub fn next(self) -> Stage {
        match self {
            Stage::Clearance => Stage::Resume,
            Stage::Resume => Stage::FollowUp,
            Stage::FollowUp | Stage::Fracture => Stage::Fracture,
        }
    }
}

/// The next question to ask.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    /// A red flag is not cleared yet: its symptoms.
    Clearance(Vec<String>),
    /// The last session stopped without an end, at `stopped_at` (seconds since 1970).
    Resume {
        unfinished: Unfinished,
        stopped_at: u64,
    },
    /// How was the day after session `about`, which ended at `ended_at`?
    FollowUp { about: u64, ended_at: u64 },
    /// A spine fracture, or a pain that might be one, not yet assessed? Always asked.
    Fracture,
}

/// The first question, from stage `from` on, that `records` still ask at `now` (seconds since
/// 1970).
pub fn next_question(records: &[Record], from: Stage, now: u64) -> Question {
    if from <= Stage::Clearance
        && let Some(Record {
            event: Event::RedFlag { symptoms, .. },
            ..
        }) = journal::unresolved_red_flag(records)
    {
        return Question::Clearance(symptoms.clone());
    }
    if from <= Stage::Resume
        && let Some(unfinished) = replay::unfinished(records)
    {
        let stopped_at = parse_stamp(&unfinished.last_at).unwrap_or(unfinished.run / 1000);
        return Question::Resume {
            unfinished,
            stopped_at,
        };
    }
    if from <= Stage::FollowUp
        && let Some((about, ended_at)) = follow_up_due(records, now)
    {
        return Question::FollowUp { about, ended_at };
    }
    Question::Fracture
}

/// The last personal session that did something, and when it ended, when the day after it has
/// come and has not been asked about: it ended `FOLLOW_UP_AFTER_SECS` or more before `now`,
/// and not by a red flag (the clearance question covers that).
pub fn follow_up_due(records: &[Record], now: u64) -> Option<(u64, u64)> {
    let mut last: Option<u64> = None;
    let mut ended_at = 0;
    let mut red_flag = false;
    let mut classes = HashSet::new();
    for r in records {
        match &r.event {
            Event::SessionStart { class: true, .. } => {
                classes.insert(r.run);
            }
            // Discarding a stopped session today says nothing about when it was done.
            Event::SessionEnd {
                outcome: Outcome::Abandoned,
            } => {}
            Event::SetDone { .. } if !classes.contains(&r.run) => {
                if last != Some(r.run) {
                    last = Some(r.run);
                    red_flag = false;
                }
                ended_at = parse_stamp(&r.at).unwrap_or(0);
            }
            _ if Some(r.run) == last => {
                ended_at = parse_stamp(&r.at).unwrap_or(ended_at);
                red_flag |= matches!(r.event, Event::RedFlag { .. });
            }
            _ => {}
        }
    }
    let about = last?;
    let asked = records
        .iter()
        .any(|r| matches!(r.event, Event::FollowUp { about: a, .. } if a == about));
    (!asked && !red_flag && now >= ended_at.saturating_add(FOLLOW_UP_AFTER_SECS))
        .then_some((about, ended_at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::calendar::stamp;
    use crate::program::Dose;
    use crate::records::journal::NextDay;

    /// 2025-11-20 18:00 UTC.
    const EVENING: u64 = 1_763_661_600;
    const RUN: u64 = EVENING * 1000;

    fn at(secs: u64, run: u64, event: Event) -> Record {
        Record {
            at: stamp(secs),
            run,
            event,
        }
    }

    fn start(secs: u64, run: u64, class: bool) -> Record {
        at(
            secs,
            run,
            Event::SessionStart {
                program: "P".into(),
                source: "p.ron".into(),
                session: "A".into(),
                seed: 1,
                items: vec!["A / Main / sit-to-stand".into()],
                class,
            },
        )
    }

    fn set(secs: u64, run: u64) -> Record {
        at(
            secs,
            run,
            Event::SetDone {
                item: "A / Main / sit-to-stand".into(),
                exercise: "sit-to-stand".into(),
                set: 1,
                side: None,
                level: 0,
                dose: Dose::Reps {
                    sets: 1,
                    reps: 8,
                    rest: 0,
                    tempo: None,
                    per_side: false,
                },
            },
        )
    }

    fn end(secs: u64, run: u64, outcome: Outcome) -> Record {
        at(secs, run, Event::SessionEnd { outcome })
    }

    /// A whole session: started at `EVENING`, one set, ended at `EVENING + 600`.
    fn session() -> Vec<Record> {
        vec![
            start(EVENING, RUN, false),
            set(EVENING + 300, RUN),
            end(EVENING + 600, RUN, Outcome::Completed),
        ]
    }

    const ENDED: u64 = EVENING + 600;

    #[test]
    fn with_no_records_only_the_fracture_question_is_asked() {
        assert_eq!(
            next_question(&[], Stage::Clearance, EVENING),
            Question::Fracture
        );
    }

    #[test]
    fn the_day_after_comes_ten_hours_after_the_end_not_a_minute_sooner() {
        let records = session();
        let minute_short = ENDED + FOLLOW_UP_AFTER_SECS - 60;
        assert_eq!(
            next_question(&records, Stage::Clearance, minute_short),
            Question::Fracture,
            "9 h 59 min after"
        );
        assert_eq!(
            next_question(&records, Stage::Clearance, ENDED + FOLLOW_UP_AFTER_SECS),
            Question::FollowUp {
                about: RUN,
                ended_at: ENDED
            },
            "10 h after"
        );
        // Asked once: the answer is in the records.
        let mut answered = records.clone();
        answered.push(at(
            ENDED + FOLLOW_UP_AFTER_SECS,
            RUN + 1,
            Event::FollowUp {
                about: RUN,
                answer: NextDay::Settled,
            },
        ));
        assert_eq!(
            next_question(
                &answered,
                Stage::Clearance,
                ENDED + 2 * FOLLOW_UP_AFTER_SECS
            ),
            Question::Fracture
        );
    }

    #[test]
    fn a_red_flag_asks_for_clearance_first_and_no_day_after() {
        let mut records = vec![start(EVENING, RUN, false), set(EVENING + 300, RUN)];
        records.push(at(
            EVENING + 400,
            RUN,
            Event::red_flag(vec!["Dizziness, fainting or palpitations".into()]),
        ));
        records.push(end(EVENING + 400, RUN, Outcome::RedFlag));
        let tomorrow = EVENING + 86_400;
        assert_eq!(
            next_question(&records, Stage::Clearance, tomorrow),
            Question::Clearance(vec!["Dizziness, fainting or palpitations".into()])
        );
        // From the next stage on, clearance is not asked again, and the day after a red
        // flag is not asked about.
        assert_eq!(
            next_question(&records, Stage::Resume, tomorrow),
            Question::Fracture
        );
        records.push(at(tomorrow, RUN + 1, Event::Clearance));
        assert_eq!(
            next_question(&records, Stage::Clearance, tomorrow),
            Question::Fracture
        );
    }

    #[test]
    fn a_session_without_an_end_is_offered_for_resuming_then_the_day_after() {
        let records = vec![start(EVENING, RUN, false), set(EVENING + 300, RUN)];
        let tomorrow = EVENING + 86_400;
        let Question::Resume {
            unfinished,
            stopped_at,
        } = next_question(&records, Stage::Clearance, tomorrow)
        else {
            panic!("no resume offer");
        };
        assert_eq!((unfinished.run, stopped_at), (RUN, EVENING + 300));
        // Discarded: recorded as abandoned today, which does not move when it was done.
        let mut discarded = records.clone();
        discarded.push(end(tomorrow, RUN, Outcome::Abandoned));
        assert_eq!(
            next_question(&discarded, Stage::Resume, tomorrow),
            Question::FollowUp {
                about: RUN,
                ended_at: EVENING + 300
            }
        );
        // Never back to an earlier question, whatever the records say.
        assert_eq!(
            next_question(&records, Stage::FollowUp, tomorrow),
            Question::FollowUp {
                about: RUN,
                ended_at: EVENING + 300
            }
        );
        assert_eq!(
            next_question(&records, Stage::Fracture, tomorrow),
            Question::Fracture
        );
    }

    #[test]
    fn a_class_is_not_asked_about_but_the_personal_session_before_it_is() {
        let mut records = session();
        let class = RUN + 3_600_000;
        records.push(start(EVENING + 3600, class, true));
        records.push(set(EVENING + 3900, class));
        records.push(end(EVENING + 4200, class, Outcome::Completed));
        assert_eq!(
            follow_up_due(&records, EVENING + 86_400),
            Some((RUN, ENDED)),
            "about the personal session, ended before the class"
        );
        // A session that did nothing is not asked about either.
        let empty = vec![
            start(EVENING, RUN, false),
            end(EVENING + 60, RUN, Outcome::Quit),
        ];
        assert_eq!(follow_up_due(&empty, EVENING + 86_400), None);
    }

    #[test]
    fn stages_go_one_way() {
        assert_eq!(Stage::Clearance.next(), Stage::Resume);
        assert_eq!(Stage::FollowUp.next(), Stage::Fracture);
        assert_eq!(Stage::Fracture.next(), Stage::Fracture);
        assert!(Stage::Clearance < Stage::Fracture);
    }
}
