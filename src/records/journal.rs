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

/// How an exercise felt, from the check-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feeling {
    /// 1: nothing, or muscles working.
    Fine,
    /// 2: mild muscle ache.
    MildAche,
    /// 3: stronger soreness, still dull.
    Sore,
    /// 4: sharp, stabbing or shooting pain.
    Sharp,
}

impl Feeling {
    pub const ALL: [Feeling; 4] = [
        Feeling::Fine,
        Feeling::MildAche,
        Feeling::Sore,
        Feeling::Sharp,
    ];

    pub fn number(self) -> u8 {
        self as u8 + 1
    }

    pub fn from_number(n: u8) -> Option<Feeling> {
        Feeling::ALL.get(usize::from(n).checked_sub(1)?).copied()
    }

    pub fn label(self) -> &'static str {
        match self {
            Feeling::Fine => "Nothing, or muscles working",
            Feeling::MildAche => "A mild ache",
            Feeling::Sore => "Stronger soreness, still dull",
            Feeling::Sharp => "Sharp, stabbing or shooting pain",
        }
    }

    /// Counts toward progression (no worse than a mild ache).
    pub fn is_clean(self) -> bool {
        self <= Feeling::MildAche
    }
}

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
/// settle by the next day; if it is worse, the load is reduced).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NextDay {
    /// Any soreness has settled.
    Settled,
    /// Still sore: no progression today.
    StillSore,
    /// Worse than after the session: every item of that session steps back one level.
    Worse,
}

impl NextDay {
    pub const ALL: [NextDay; 3] = [NextDay::Settled, NextDay::StillSore, NextDay::Worse];

    pub fn label(self) -> &'static str {
        match self {
            NextDay::Settled => "Settled: no soreness left, or only a little",
            NextDay::StillSore => "Still sore",
            NextDay::Worse => "Worse than straight after the session",
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
        feeling: Feeling,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        effort: Option<u8>,
    },
    RedFlag {
        symptoms: Vec<String>,
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
        let flag = record(Event::RedFlag {
            symptoms: vec!["chest pain".into()],
        });
        let end = record(Event::SessionEnd {
            outcome: Outcome::RedFlag,
        });
        assert!(unresolved_red_flag(&[flag.clone(), end.clone()]).is_some());
        assert!(unresolved_red_flag(&[flag.clone(), end, record(Event::Clearance)]).is_none());
        assert!(unresolved_red_flag(&[]).is_none());
    }

    #[test]
    fn feelings_number_one_to_four() {
        assert_eq!(Feeling::from_number(1), Some(Feeling::Fine));
        assert_eq!(Feeling::from_number(4), Some(Feeling::Sharp));
        assert_eq!(Feeling::from_number(0), None);
        assert_eq!(Feeling::from_number(5), None);
        assert!(Feeling::MildAche.is_clean() && !Feeling::Sore.is_clean());
    }
}
