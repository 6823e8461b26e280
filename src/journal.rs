//! The journal: every session start, set, skip, check-in, red flag and session end, appended
//! as one JSON object per line (JSON Lines) and synced to disk before the screen moves on.
//! The format is documented in `docs/journal.md`. The journal is the only record of what a
//! person did; progress levels and history are replayed from it.

use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::plan::Side;
use crate::program::Dose;

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

/// The journal file, opened for appending.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    file: Option<File>,
}

impl Journal {
    pub const FILE_NAME: &'static str = "journal.jsonl";

    /// Opens (creating if needed) the journal in `dir`. A journal that cannot be opened is
    /// still returned, so a session can run; every append then reports the error.
    pub fn open(dir: &Path) -> (Journal, Option<io::Error>) {
        let path = dir.join(Self::FILE_NAME);
        let opened = std::fs::create_dir_all(dir)
            .and_then(|()| OpenOptions::new().create(true).append(true).open(&path));
        match opened {
            Ok(f) => (
                Journal {
                    path,
                    file: Some(f),
                },
                None,
            ),
            Err(e) => (Journal { path, file: None }, Some(e)),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one record and syncs it to disk. Only when this returns `Ok` is the event saved.
    pub fn append(&mut self, record: &Record) -> io::Result<()> {
        let file = self.file.as_mut().ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::PermissionDenied,
                "the journal could not be opened",
            )
        })?;
        let mut line = serde_json::to_vec(record).map_err(io::Error::other)?;
        line.push(b'\n');
        file.write_all(&line)?;
        file.sync_data()
    }
}

/// Every whole record in the journal at `path`, oldest first; a missing journal is empty.
/// Lines that are not records (torn by a crash, or from a newer version) are skipped.
pub fn read(path: &Path) -> io::Result<Vec<Record>> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut records = Vec::new();
    for line in BufReader::new(file).split(b'\n') {
        if let Ok(r) = serde_json::from_slice::<Record>(&line?) {
            records.push(r);
        }
    }
    Ok(records)
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
    fn events_round_trip_as_one_line_each() {
        let dir = tempfile::tempdir().unwrap();
        let (mut j, err) = Journal::open(dir.path());
        assert!(err.is_none());
        let events = vec![
            Event::CheckIn {
                item: "A / Main / bridge".into(),
                exercise: "bridge".into(),
                feeling: Feeling::MildAche,
                effort: Some(6),
            },
            Event::SessionEnd {
                outcome: Outcome::Completed,
            },
        ];
        for e in &events {
            j.append(&record(e.clone())).unwrap();
        }
        let text = std::fs::read_to_string(j.path()).unwrap();
        assert_eq!(text.lines().count(), 2);
        assert!(text.starts_with("{\"at\":\"2025-11-20T"), "{text}");
        assert!(text.contains("\"event\":\"check_in\""));
        let back: Vec<Event> = read(j.path())
            .unwrap()
            .into_iter()
            .map(|r| r.event)
            .collect();
        assert_eq!(back, events);
    }

    #[test]
    fn torn_and_unknown_lines_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(Journal::FILE_NAME);
        std::fs::write(
            &path,
            "{\"at\":\"x\",\"run\":1,\"event\":\"clearance\"}\n{\"at\":\"x\",\"run\":1,\"event\":\"from_the_future\"}\n{\"at\":\"x\",\"ru",
        )
        .unwrap();
        let r = read(&path).unwrap();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].event, Event::Clearance);
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

    #[test]
    fn an_unwritable_journal_says_so_on_every_append() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, "").unwrap();
        let (mut j, err) = Journal::open(&blocker.join("sub"));
        assert!(err.is_some());
        assert!(j.append(&record(Event::Clearance)).is_err());
    }
}
