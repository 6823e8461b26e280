//! The journal: every session start, set, skip, check-in, red flag and session end, appended
//! as one JSON object per line (JSON Lines) and synced to disk before the screen moves on.
//! The format is documented in `docs/journal.md`. The journal is the only record of what a
//! person did; progress levels and history are replayed from it. This file holds the events;
//! `append` writes them, `read` reads them back (bounded, streamed), `lock` keeps one writer
//! per data folder.

use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

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
            at: rfc3339(unix_secs),
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

/// Seconds since 1970 as RFC 3339 UTC ("2026-11-20T09:30:00Z"), without a date library.
pub fn rfc3339(unix_secs: u64) -> String {
    let days = (unix_secs / 86_400) as i64;
    let secs = unix_secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// "2026-11-20T09:30:00Z" (or with fractional seconds, or an offset of "+00:00") as seconds
/// since 1970; `None` when it is not such a time.
pub fn parse_rfc3339(text: &str) -> Option<u64> {
    let b = text.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = text.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hh, mm, ss) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    let days = days_from_civil(y, m as u32, d as u32);
    let secs = days * 86_400 + hh * 3600 + mm * 60 + ss;
    u64::try_from(secs).ok()
}

/// A calendar date "2026-11-20" as days since 1970-01-01.
pub fn parse_date(text: &str) -> Option<i64> {
    let t = parse_rfc3339(&format!("{}T00:00:00Z", text.trim()))?;
    (text.trim().len() == 10).then_some((t / 86_400) as i64)
}

/// Days since 1970 as (year, month, day).
pub fn civil(days: i64) -> (i64, u32, u32) {
    civil_from_days(days)
}

/// Howard Hinnant's civil-to-days algorithm.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Howard Hinnant's days-to-civil algorithm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(event: Event) -> Record {
        Record {
            at: rfc3339(1_763_631_000),
            run: 1,
            event,
        }
    }

    #[test]
    fn dates_are_rfc3339_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_795_190_400), "2026-11-20T16:00:00Z");
    }

    #[test]
    fn times_and_dates_parse_back() {
        for t in [0, 951_782_400, 1_795_190_400, 1_795_190_459] {
            assert_eq!(parse_rfc3339(&rfc3339(t)), Some(t));
        }
        assert_eq!(
            parse_rfc3339("2026-11-20T16:00:00.250Z"),
            Some(1_795_190_400)
        );
        assert_eq!(parse_rfc3339("x"), None);
        assert_eq!(parse_rfc3339("2026-13-20T16:00:00Z"), None);
        assert_eq!(parse_date("2026-11-20"), Some(1_795_190_400 / 86_400));
        assert_eq!(parse_date("2026-11-2"), None);
        assert_eq!(civil(20_412), (2025, 11, 20));
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
