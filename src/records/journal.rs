//! The journal: every session start, set, skip, check-in, red flag and session end, appended
//! as one JSON object per line (JSON Lines) and synced to disk before the screen moves on.
//! The format is documented in `docs/journal.md`. The journal is the only record of what a
//! person did; progress levels and history are replayed from it. This file holds the events;
//! `append` writes them, `read` reads them back (bounded, streamed), `lock` keeps one writer
//! per data folder.

use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::assess::{Measure, Sex, Stopped};
use crate::common::calendar::stamp;

use crate::program::Dose;
use crate::training::plan::Side;

pub use crate::training::checkin::Feeling;
use crate::training::checkin::{Answer, Place, Quality};
use crate::training::safety::Urgency;

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Completed,
    /// The person quit before the end.
    Quit,
    /// Ended after sharp pain.
    Pain,
    /// Ended by a red flag.
    RedFlag,
    /// A crashed session the person chose not to resume.
    Abandoned,
}

/// How the person felt the day after their last session (the pain-monitoring model: pain must
/// settle by the next day; if it is worse, the load is reduced). Muscle soreness that comes the
/// day after is expected and changes nothing; back, neck or joint pain is watched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NextDay {
    /// Any soreness has settled.
    Settled,
    /// Sore, tender muscles where they worked (delayed-onset muscle soreness): expected.
    MuscleSoreness,
    /// Pain in the back, neck or a joint still there: no progression today. (In journals
    /// written before `muscle_soreness` existed: "still sore", anywhere.)
    StillSore,
    /// That pain is worse than after the session: every item of that session steps back one
    /// level. (Before `muscle_soreness` existed: "worse", anywhere.)
    Worse,
}

impl NextDay {
    pub const ALL: [NextDay; 4] = [
        NextDay::Settled,
        NextDay::MuscleSoreness,
        NextDay::StillSore,
        NextDay::Worse,
    ];

    pub fn label(self) -> &'static str {
        match self {
            NextDay::Settled => "Settled: nothing left, or only a little",
            NextDay::MuscleSoreness => "Sore, tender muscles where they worked",
            NextDay::StillSore => "Pain in my back, neck or a joint that is still there",
            NextDay::Worse => {
                "Pain in my back, neck or a joint that is worse than after the session"
            }
        }
    }

    /// What the answer changes today, in a sentence (`None`: nothing).
    pub fn effect(self) -> Option<&'static str> {
        match self {
            NextDay::Settled => None,
            NextDay::MuscleSoreness => Some(
                "Muscle soreness the day after is normal: today goes ahead as planned. Warm up gently.",
            ),
            NextDay::StillSore => Some(
                "Pain that is still there: today's session keeps the same doses as last time. Take it gently, and stop if it turns sharp.",
            ),
            NextDay::Worse => Some(
                "Pain that is worse the day after: every exercise of your last session steps back one level today. If the pain is sharp or keeps getting worse, please ask a physiotherapist or doctor.",
            ),
        }
    }
}

/// What the person chose, before a session, for an exercise that stopped for pain last time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PainChoice {
    /// Do its easier variant this session (at the item's first dose).
    Easier,
    /// Leave it out of this session: it has not been assessed yet.
    LeaveOut,
    /// A health professional has assessed it: do it as planned from now on.
    Assessed,
}

impl PainChoice {
    /// A short word for tables and exports.
    pub fn word(self) -> &'static str {
        match self {
            PainChoice::Easier => "easier variant",
            PainChoice::LeaveOut => "left out",
            PainChoice::Assessed => "assessed: as planned",
        }
    }
}

/// One thing that happened. Field names are the journal format: add, never rename.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    SessionStart {
        program: String,
        /// Where the program came from: a bundled name or a file path.
        source: String,
        session: String,
        seed: u64,
        /// Planned item keys, in order.
        items: Vec<String>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        class: bool,
    },
    SetDone {
        item: String,
        exercise: String,
        set: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        side: Option<Side>,
        level: u32,
        dose: Dose,
    },
    Skipped {
        item: String,
        exercise: String,
        /// Sets not done.
        sets: Vec<u32>,
        reason: SkipReason,
    },
    CheckIn {
        item: String,
        exercise: String,
        /// The older four-answer form, always written so an older upright can read the line.
        feeling: Feeling,
        /// 0-10; left out in journals written before the scale.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pain: Option<u8>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        quality: Option<Quality>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        place: Option<Place>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        effort: Option<u8>,
    },
    RedFlag {
        symptoms: Vec<String>,
        /// The most urgent of them; left out in journals written before urgencies.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        urgency: Option<Urgency>,
    },
    /// The person confirmed a health professional cleared them after a red flag.
    Clearance,
    SessionEnd {
        outcome: Outcome,
    },
    /// The next-day question, asked before a session: how the person felt the day after the
    /// session `about` (its run id). Recorded with the run id of the session being started.
    FollowUp {
        about: u64,
        answer: NextDay,
    },
    /// A session that stopped without an end (a crash, a kill, a power cut) goes on, with its
    /// own run id, from its planned item at index `exercise`.
    Resumed {
        exercise: u32,
    },
    /// Asked before a session, for an item whose exercise stopped for pain: what to do with it.
    /// Recorded with the run id of the session being started, before its `session_start`.
    AfterPain {
        item: String,
        /// The exercise that stopped for pain.
        exercise: String,
        choice: PainChoice,
        /// With `easier`: the exercise done instead.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        instead: Option<String>,
    },
    /// One test of an assessment session, with its result (`test` and the result's fields,
    /// see `assess::Measure`); `stopped` when it ended early for pain or dizziness.
    Assessment {
        #[serde(flatten)]
        measure: Measure,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        stopped: Option<Stopped>,
    },
    /// The person's age and sex, asked once per profile for the norms; either may be
    /// skipped (`null`), and a later answer replaces an earlier one.
    AboutYou {
        age: Option<u32>,
        sex: Option<Sex>,
    },
}

impl Event {
    /// A check-in event for `answer` to the item `item` (exercise `exercise`).
    pub fn check_in(item: String, exercise: String, answer: Answer) -> Event {
        Event::CheckIn {
            item,
            exercise,
            feeling: answer.feeling(),
            pain: Some(answer.pain),
            quality: answer.quality,
            place: answer.place,
            effort: answer.effort,
        }
    }

    /// The answer of a check-in event (an older journal's four-answer form read as its answer).
    pub fn answer(&self) -> Option<Answer> {
        let Event::CheckIn {
            feeling,
            pain,
            quality,
            place,
            effort,
            ..
        } = self
        else {
            return None;
        };
        let effort = effort.map(|e| e.min(crate::training::checkin::MAX));
        Some(match (pain, quality, place) {
            (Some(p), Some(q), Some(w)) => Answer::pain(*p, *q, *w, effort),
            (Some(0), ..) => Answer::nothing(effort),
            _ => Answer::from_feeling(*feeling, effort),
        })
    }

    /// A red-flag event for these symptoms, with their urgency.
    pub fn red_flag(symptoms: Vec<String>) -> Event {
        let urgency = Some(crate::training::safety::urgency_of(&symptoms));
        Event::RedFlag { symptoms, urgency }
    }

    /// The event's name in the journal (`"set_done"`, ...).
    pub fn name(&self) -> &'static str {
        match self {
            Event::SessionStart { .. } => "session_start",
            Event::SetDone { .. } => "set_done",
            Event::Skipped { .. } => "skipped",
            Event::CheckIn { .. } => "check_in",
            Event::RedFlag { .. } => "red_flag",
            Event::Clearance => "clearance",
            Event::SessionEnd { .. } => "session_end",
            Event::FollowUp { .. } => "follow_up",
            Event::Resumed { .. } => "resumed",
            Event::AfterPain { .. } => "after_pain",
            Event::Assessment { .. } => "assessment",
            Event::AboutYou { .. } => "about_you",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// The person skipped it.
    Skipped,
    /// Stopped after sharp pain.
    Pain,
}

/// An event with when it happened and which session it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// UTC, RFC 3339: "2026-11-20T09:30:00Z".
    pub at: String,
    /// The session's id: its start time in milliseconds since 1970.
    pub run: u64,
    #[serde(flatten)]
    pub event: Event,
}

impl Record {
    /// `event` in run `run`, stamped `unix_secs` (seconds since 1970, UTC).
    pub fn new(run: u64, event: Event, unix_secs: u64) -> Record {
        Record {
            at: stamp(unix_secs),
            run,
            event,
        }
    }
}

mod append;
mod lock;
mod read;

pub use append::{Journal, Pending, Repaired, Store, Torn, repair};
pub use lock::{Busy, Holder, Lock, acquire, holder_of};
pub use read::{
    Bounds, FUTURE_SLACK_SECS, MAX_EFFORT, MAX_LINE, Reader, Reject, Tally, TornTail, open_regular,
};

/// Everything `inspect` found in a journal (for tools and tests: the records are all held in
/// memory; the coach and the export read through `Reader` instead).
#[derive(Debug, Default)]
pub struct Loaded {
    /// Every whole record this version knows, within `bounds`, oldest first.
    pub records: Vec<Record>,
    /// What was left out.
    pub tally: Tally,
    /// A torn last line, left where it is.
    pub torn: Option<TornTail>,
}

/// Every record of the journal at `path` (a missing journal is empty), without changing
/// anything on disk.
pub fn inspect(path: &Path, bounds: Bounds) -> io::Result<Loaded> {
    let mut loaded = Loaded::default();
    if let Some(mut reader) = Reader::open(path, 0, bounds)? {
        while let Some((_, r)) = reader.next_record()? {
            loaded.records.push(r);
        }
        if let Some(t) = reader.torn() {
            match t.whole_record(&bounds) {
                Some(r) => loaded.records.push(r),
                None => loaded.torn = Some(t.clone()),
            }
        }
        loaded.tally = reader.tally().clone();
    }
    Ok(loaded)
}

/// Every whole record in the journal at `path`, whatever its date, oldest first; a missing
/// journal is empty. Nothing is changed on disk.
pub fn read(path: &Path) -> io::Result<Vec<Record>> {
    inspect(path, Bounds::any_date()).map(|l| l.records)
}

/// Reads the journal at `path` and repairs a torn last line (see `repair`): what the coach
/// did at start-up before the snapshot; kept for tools and tests.
pub fn load(path: &Path, now_secs: u64) -> io::Result<(Loaded, Option<Torn>)> {
    let bounds = Bounds::at(now_secs);
    let mut loaded = Loaded::default();
    let Some(mut reader) = Reader::open(path, 0, bounds)? else {
        return Ok((loaded, None));
    };
    while let Some((_, r)) = reader.next_record()? {
        loaded.records.push(r);
    }
    loaded.tally = reader.tally().clone();
    let torn = match reader
        .torn()
        .map(|tail| repair(path, tail, &bounds, now_secs))
    {
        Some(Repaired::Finished(r)) => {
            loaded.records.push(r);
            None
        }
        Some(Repaired::Torn(t)) => Some(t),
        None => None,
    };
    Ok((loaded, torn))
}

/// The red flag still waiting for clearance, if the last one has not been cleared.
pub fn unresolved_red_flag(records: &[Record]) -> Option<&Record> {
    records
        .iter()
        .rev()
        .find(|r| matches!(r.event, Event::RedFlag { .. } | Event::Clearance))
        .filter(|r| matches!(r.event, Event::RedFlag { .. }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(event: Event) -> Record {
        Record {
            at: stamp(1_763_631_000),
            run: 1,
            event,
        }
    }

    #[test]
    fn assessments_and_about_you_read_as_flat_json_and_back() {
        use crate::assess::{Measure, Sex, Stopped};
        let lines = [
            r#"{"at":"2026-11-20T16:00:00Z","run":7,"event":"assessment","test":"chair_stand","stands":12}"#,
            r#"{"at":"2026-11-20T16:00:00Z","run":7,"event":"assessment","test":"timed_up_and_go","secs":9.4,"aid":true}"#,
            r#"{"at":"2026-11-20T16:00:00Z","run":7,"event":"assessment","test":"four_stage_balance","held":[10.0,10.0,6.5]}"#,
            r#"{"at":"2026-11-20T16:00:00Z","run":7,"event":"assessment","test":"single_leg_stance","left":12.0,"stopped":"dizziness"}"#,
            r#"{"at":"2026-11-20T16:00:00Z","run":7,"event":"about_you","age":72,"sex":"female"}"#,
            r#"{"at":"2026-11-20T16:00:00Z","run":7,"event":"about_you","age":null,"sex":null}"#,
        ];
        let events: Vec<Event> = lines
            .iter()
            .map(|l| serde_json::from_str::<Record>(l).unwrap().event)
            .collect();
        assert_eq!(
            events[0],
            Event::Assessment {
                measure: Measure::ChairStand {
                    stands: 12,
                    arms: false
                },
                stopped: None
            }
        );
        assert_eq!(
            events[3],
            Event::Assessment {
                measure: Measure::SingleLegStance {
                    left: Some(12.0),
                    right: None
                },
                stopped: Some(Stopped::Dizziness)
            }
        );
        assert_eq!(
            events[4],
            Event::AboutYou {
                age: Some(72),
                sex: Some(Sex::Female)
            }
        );
        for (line, event) in lines.iter().zip(events) {
            let back = serde_json::to_string(&Record {
                at: "2026-11-20T16:00:00Z".into(),
                run: 7,
                event,
            })
            .unwrap();
            assert_eq!(&back, line);
        }
        // A test this version does not know is an unknown line, not an error.
        let future = r#"{"at":"x","run":1,"event":"assessment","test":"grip_strength","kg":20}"#;
        assert!(serde_json::from_str::<Record>(future).is_err());
    }

    #[test]
    fn a_red_flag_stays_until_cleared() {
        let flag = record(Event::red_flag(vec!["chest pain".into()]));
        let end = record(Event::SessionEnd {
            outcome: Outcome::RedFlag,
        });
        assert!(unresolved_red_flag(&[flag.clone(), end.clone()]).is_some());
        assert!(unresolved_red_flag(&[flag.clone(), end, record(Event::Clearance)]).is_none());
        assert!(unresolved_red_flag(&[]).is_none());
    }

    #[test]
    fn old_check_ins_still_read_and_new_ones_keep_the_old_field_for_older_versions() {
        use crate::training::checkin::{Place, Quality, Response};
        let old = r#"{"at":"x","run":1,"event":"check_in","item":"i","exercise":"e","feeling":"sore","effort":6}"#;
        let r: Record = serde_json::from_str(old).unwrap();
        let a = r.event.answer().unwrap();
        assert_eq!((a.pain, a.effort), (4, Some(6)));
        assert_eq!(a.response(), Response::FinishGently);
        let sharp = old.replace("\"sore\"", "\"sharp\"");
        let r: Record = serde_json::from_str(&sharp).unwrap();
        assert_eq!(r.event.answer().unwrap().response(), Response::Stop);

        let answer = Answer::pain(3, Quality::Dull, Place::Back, None);
        let e = Event::check_in("i".into(), "e".into(), answer);
        let line = serde_json::to_string(&e).unwrap();
        assert_eq!(
            line,
            r#"{"event":"check_in","item":"i","exercise":"e","feeling":"sore","pain":3,"quality":"dull","place":"back"}"#
        );
        let back: Event = serde_json::from_str(&line).unwrap();
        assert_eq!(back.answer(), Some(answer));
        let none = Event::check_in("i".into(), "e".into(), Answer::nothing(Some(2)));
        assert_eq!(
            serde_json::to_string(&none).unwrap(),
            r#"{"event":"check_in","item":"i","exercise":"e","feeling":"fine","pain":0,"effort":2}"#
        );
    }

    #[test]
    fn red_flags_record_their_urgency_and_old_ones_still_read() {
        use crate::training::safety::{FALL, Urgency};
        let e = Event::red_flag(vec![FALL.symptom.into()]);
        assert!(matches!(
            e,
            Event::RedFlag {
                urgency: Some(Urgency::Today),
                ..
            }
        ));
        let old = r#"{"at":"x","run":1,"event":"red_flag","symptoms":["Dizziness, fainting or palpitations"]}"#;
        let r: Record = serde_json::from_str(old).unwrap();
        assert!(matches!(r.event, Event::RedFlag { urgency: None, .. }));
    }

    #[test]
    fn every_event_is_named_as_the_journal_writes_it() {
        let events = [
            Event::Clearance,
            Event::red_flag(vec![]),
            Event::SessionEnd {
                outcome: Outcome::Pain,
            },
            Event::FollowUp {
                about: 1,
                answer: NextDay::MuscleSoreness,
            },
            Event::Resumed { exercise: 1 },
            Event::AfterPain {
                item: "i".into(),
                exercise: "e".into(),
                choice: PainChoice::Easier,
                instead: Some("x".into()),
            },
            Event::check_in("i".into(), "e".into(), Answer::nothing(None)),
        ];
        for e in events {
            let v = serde_json::to_value(&e).unwrap();
            assert_eq!(v["event"], e.name());
            assert_eq!(serde_json::from_value::<Event>(v).unwrap(), e);
        }
    }
}
