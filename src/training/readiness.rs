//! The questions before a session, in the order they are asked: clearance after a red flag,
//! resuming a session that stopped without an end, the day after the last session, what to do
//! with each planned exercise that stopped for pain and has not been assessed, and the
//! fracture question (always). Pure: the records and the time in, the next question out. Each
//! answer is recorded (a clearance, an abandoned session, a follow-up, an `after_pain`), so the
//! records alone say which questions are still to ask; `from` only keeps the order (never back
//! to an earlier one).

use std::collections::HashSet;

use crate::common::calendar::parse_stamp;
use crate::records::journal::{self, Event, Outcome, Record};
use crate::records::replay::Progress;
use crate::records::runs::{self, Unfinished};
use crate::training::plan::ItemKey;

/// The day after is asked about once the session ended this long ago (the evening before
/// counts).
pub const FOLLOW_UP_AFTER_SECS: u64 = 10 * 3600;

/// The questions, in the order they are asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    Clearance,
    Resume,
    FollowUp,
    /// One question per planned exercise that stopped for pain: asked until none is left.
    AfterPain,
    Fracture,
}

impl Stage {
    /// The stage after this one (the fracture question is the last).
    pub fn next(self) -> Stage {
        match self {
            Stage::Clearance => Stage::Resume,
            Stage::Resume => Stage::FollowUp,
            Stage::FollowUp => Stage::AfterPain,
            Stage::AfterPain | Stage::Fracture => Stage::Fracture,
        }
    }
}

/// An exercise of today's plan that stopped for pain and has not been assessed since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PainQuestion {
    pub item: ItemKey,
    /// The exercise that stopped.
    pub exercise: String,
    /// Left out (not yet assessed) when last asked.
    pub left_out: bool,
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
    /// This exercise stopped for pain: the easier variant, leave it out, or assessed?
    AfterPain(PainQuestion),
    /// A spine fracture, or a pain that might be one, not yet assessed? Always asked.
    Fracture,
}

/// The first question, from stage `from` on, that `records` still ask at `now` (seconds since
/// 1970); `after_pain` says which planned exercise that stopped for pain is still to be asked
/// about (`after_pain_question`), and is asked only when the questions before it are done.
pub fn next_question(
    records: &[Record],
    from: Stage,
    now: u64,
    after_pain: impl FnOnce() -> Option<PainQuestion>,
) -> Question {
    if from <= Stage::Clearance
        && let Some(Record {
            event: Event::RedFlag { symptoms, .. },
            ..
        }) = journal::unresolved_red_flag(records)
    {
        return Question::Clearance(symptoms.clone());
    }
    if from <= Stage::Resume
        && let Some(unfinished) = runs::unfinished(records)
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
    if from <= Stage::AfterPain
        && let Some(q) = after_pain()
    {
        return Question::AfterPain(q);
    }
    Question::Fracture
}

/// The first item of `planned` (today's plan, in order) that stopped for pain and has not
/// been assessed since (`progress`, replayed from the journal), and has not been asked about
/// yet for run `run`.
pub fn after_pain_question(
    progress: &Progress,
    records: &[Record],
    run: u64,
    planned: &[ItemKey],
) -> Option<PainQuestion> {
    let asked = runs::asked_after_pain(records, run);
    planned.iter().find_map(|key| {
        let stopped = progress.stopped(&key.0)?;
        (!asked.contains(key.0.as_str())).then(|| PainQuestion {
            item: key.clone(),
            exercise: stopped.exercise.clone(),
            left_out: stopped.left_out,
        })
    })
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
    use crate::records::replay;

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
            next_question(&[], Stage::Clearance, EVENING, || None),
            Question::Fracture
        );
    }

    #[test]
    fn the_day_after_comes_ten_hours_after_the_end_not_a_minute_sooner() {
        let records = session();
        let minute_short = ENDED + FOLLOW_UP_AFTER_SECS - 60;
        assert_eq!(
            next_question(&records, Stage::Clearance, minute_short, || None),
            Question::Fracture,
            "9 h 59 min after"
        );
        assert_eq!(
            next_question(
                &records,
                Stage::Clearance,
                ENDED + FOLLOW_UP_AFTER_SECS,
                || None
            ),
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
                ENDED + 2 * FOLLOW_UP_AFTER_SECS,
                || None
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
            next_question(&records, Stage::Clearance, tomorrow, || None),
            Question::Clearance(vec!["Dizziness, fainting or palpitations".into()])
        );
        // From the next stage on, clearance is not asked again, and the day after a red
        // flag is not asked about.
        assert_eq!(
            next_question(&records, Stage::Resume, tomorrow, || None),
            Question::Fracture
        );
        records.push(at(tomorrow, RUN + 1, Event::Clearance));
        assert_eq!(
            next_question(&records, Stage::Clearance, tomorrow, || None),
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
        } = next_question(&records, Stage::Clearance, tomorrow, || None)
        else {
            panic!("no resume offer");
        };
        assert_eq!((unfinished.run, stopped_at), (RUN, EVENING + 300));
        // Discarded: recorded as abandoned today, which does not move when it was done.
        let mut discarded = records.clone();
        discarded.push(end(tomorrow, RUN, Outcome::Abandoned));
        assert_eq!(
            next_question(&discarded, Stage::Resume, tomorrow, || None),
            Question::FollowUp {
                about: RUN,
                ended_at: EVENING + 300
            }
        );
        // Never back to an earlier question, whatever the records say.
        assert_eq!(
            next_question(&records, Stage::FollowUp, tomorrow, || None),
            Question::FollowUp {
                about: RUN,
                ended_at: EVENING + 300
            }
        );
        assert_eq!(
            next_question(&records, Stage::Fracture, tomorrow, || None),
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

    /// The records of `session()` with its one item stopped for pain.
    fn stopped_for_pain() -> Vec<Record> {
        use crate::training::checkin::{Answer, Place, Quality};
        let mut records = session();
        records.insert(
            2,
            at(
                EVENING + 310,
                RUN,
                Event::check_in(
                    "A / Main / sit-to-stand".into(),
                    "sit-to-stand".into(),
                    Answer::pain(4, Quality::Dull, Place::Back, None),
                ),
            ),
        );
        records
    }

    fn rules() -> replay::Rules {
        let text = r#"Program(title: "P", level: Beginner, per_week: 2, sessions: [
            Session(name: "A", blocks: [Block(name: "Main", items: [
                Item(exercise: "sit-to-stand", dose: Reps(sets: 1, reps: 8, rest: 0)),
                Item(exercise: "wall-push-up", dose: Reps(sets: 1, reps: 8, rest: 0)),
            ])]),
        ])"#;
        let checked =
            crate::program::check_source(text.as_bytes(), crate::program::Library::bundled());
        let runnable = crate::training::runnable::Runnable::new(checked.program.unwrap());
        replay::Rules::new(&runnable, "p.ron")
    }

    #[test]
    fn an_exercise_that_stopped_for_pain_is_asked_about_before_the_fracture_question() {
        use crate::records::journal::PainChoice;
        let records = stopped_for_pain();
        let rules = rules();
        let planned = [
            ItemKey("A / Main / sit-to-stand".into()),
            ItemKey("A / Main / wall-push-up".into()),
        ];
        let next = RUN + 86_400_000;
        let tomorrow = EVENING + 86_400;
        let ask = |records: &[Record]| {
            let progress = replay::replay(&rules, records);
            next_question(records, Stage::AfterPain, tomorrow, || {
                after_pain_question(&progress, records, next, &planned)
            })
        };
        let Question::AfterPain(q) = ask(&records) else {
            panic!("not asked")
        };
        assert_eq!(
            (q.item.0.as_str(), q.exercise.as_str(), q.left_out),
            ("A / Main / sit-to-stand", "sit-to-stand", false)
        );
        // The day after comes first, then this question.
        let progress = replay::replay(&rules, &records);
        assert!(matches!(
            next_question(&records, Stage::Clearance, tomorrow, || {
                after_pain_question(&progress, &records, next, &planned)
            }),
            Question::FollowUp { .. }
        ));
        // Answered for this run: not asked again in it; left out: asked again next time.
        let mut answered = records.clone();
        answered.push(at(
            tomorrow,
            next,
            Event::AfterPain {
                item: "A / Main / sit-to-stand".into(),
                exercise: "sit-to-stand".into(),
                choice: PainChoice::LeaveOut,
                instead: None,
            },
        ));
        assert_eq!(ask(&answered), Question::Fracture);
        let progress = replay::replay(&rules, &answered);
        let later = after_pain_question(&progress, &answered, next + 1, &planned).unwrap();
        assert!(later.left_out, "the next session asks again, saying so");
        // Assessed: never asked again.
        answered.push(at(
            tomorrow,
            next,
            Event::AfterPain {
                item: "A / Main / sit-to-stand".into(),
                exercise: "sit-to-stand".into(),
                choice: PainChoice::Assessed,
                instead: None,
            },
        ));
        let progress = replay::replay(&rules, &answered);
        assert_eq!(
            after_pain_question(&progress, &answered, next + 1, &planned),
            None
        );
        // Not planned today: not asked.
        let progress = replay::replay(&rules, &records);
        assert_eq!(
            after_pain_question(&progress, &records, next, &planned[1..]),
            None
        );
    }

    #[test]
    fn stages_go_one_way() {
        assert_eq!(Stage::Clearance.next(), Stage::Resume);
        assert_eq!(Stage::FollowUp.next(), Stage::AfterPain);
        assert_eq!(Stage::AfterPain.next(), Stage::Fracture);
        assert_eq!(Stage::Fracture.next(), Stage::Fracture);
        assert!(Stage::Clearance < Stage::Fracture);
    }
}
