//! The journal: every session start, set, skip, check-in, red flag and session end, appended
//! as one JSON object per line (JSON Lines) and synced to disk before the screen moves on.
//! The format is documented in `docs/journal.md`. The journal is the only record of what a
//! person did; progress levels and history are replayed from it.

use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

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

/// The journal file, opened for appending.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    file: Option<File>,
    /// Why it could not be opened, to say on every append.
    open_error: Option<String>,
}

impl Journal {
    pub const FILE_NAME: &'static str = "journal.jsonl";

    /// Opens (creating if needed) the journal in `dir`. A journal that cannot be opened is
    /// still returned, so a session can run; every append then reports the error.
    pub fn open(dir: &Path) -> (Journal, Option<io::Error>) {
        let path = dir.join(Self::FILE_NAME);
        let new = !path.exists();
        let opened = std::fs::create_dir_all(dir)
            .and_then(|()| OpenOptions::new().create(true).append(true).open(&path));
        if new && opened.is_ok() {
            // A new file's name is only durable once its folder is synced (best effort).
            if let Ok(d) = File::open(dir) {
                let _ = d.sync_all();
            }
        }
        match opened {
            Ok(f) => (
                Journal {
                    path,
                    file: Some(f),
                    open_error: None,
                },
                None,
            ),
            Err(e) => (
                Journal {
                    path,
                    file: None,
                    open_error: Some(e.to_string()),
                },
                Some(e),
            ),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one record and syncs it to disk. Only when this returns `Ok` is the event saved.
    pub fn append(&mut self, record: &Record) -> io::Result<()> {
        let Some(file) = self.file.as_mut() else {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!(
                    "the journal could not be opened: {}",
                    self.open_error.as_deref().unwrap_or("unknown error")
                ),
            ));
        };
        let mut line = serde_json::to_vec(record).map_err(io::Error::other)?;
        line.push(b'\n');
        let before = file.metadata()?.len();
        let written = file.write_all(&line).and_then(|()| file.sync_data());
        if written.is_err() {
            // A disk that filled up half-way through the line leaves a torn line that the
            // next whole record would be glued to: cut it off again (best effort).
            let _ = file.set_len(before);
        }
        written
    }
}

/// What `load` found in a journal.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Every whole record this version knows, oldest first.
    pub records: Vec<Record>,
    /// Whole lines that are not records this version knows (an event from a newer version, or
    /// a damaged line): left in the file untouched, and skipped.
    pub unknown: usize,
    /// A torn last line (a crash in the middle of a write), if there was one.
    pub torn: Option<Torn>,
}

/// A torn last line and where its bytes went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Torn {
    pub bytes: usize,
    /// The side file now holding the torn bytes; `None` when they could not be moved (a
    /// read-only folder), in which case the journal is left as it was.
    pub moved_to: Option<PathBuf>,
}

impl Torn {
    /// The one-time notice for the person.
    pub fn notice(&self) -> String {
        match &self.moved_to {
            Some(side) => format!(
                "The journal's last line was cut off (upright stopped mid-write). Everything before it is kept; its {} bytes were moved to {} beside it.",
                self.bytes,
                side.file_name().unwrap_or_default().to_string_lossy()
            ),
            None => format!(
                "The journal's last line was cut off ({} bytes) and could not be set aside; everything before it is kept.",
                self.bytes
            ),
        }
    }
}

/// Reads the journal at `path` (a missing journal is empty) and repairs a torn last line: the
/// whole lines before it are kept, the torn bytes are moved to `journal.jsonl.torn-<time>`
/// beside it (`now_secs` names it) and the journal is cut back to its last whole line. A last
/// line that is whole but lacks its newline gets one. One pass, one line in memory at a time.
pub fn load(path: &Path, now_secs: u64) -> io::Result<Loaded> {
    let (mut loaded, tail) = scan(path)?;
    if let Some(tail) = tail {
        match serde_json::from_slice::<Record>(&tail.bytes) {
            Ok(r) => {
                // Whole, only the newline is missing: add it, so the next append is not glued on.
                let _ = OpenOptions::new()
                    .append(true)
                    .open(path)
                    .and_then(|mut f| f.write_all(b"\n").and_then(|()| f.sync_data()));
                loaded.records.push(r);
            }
            Err(_) => {
                let moved_to = set_aside(path, &tail, now_secs).ok();
                loaded.torn = Some(Torn {
                    bytes: tail.bytes.len(),
                    moved_to,
                });
            }
        }
    }
    Ok(loaded)
}

/// What `load` would find, without changing anything on disk: a torn last line is reported
/// (with `moved_to: None`) and left where it is.
pub fn inspect(path: &Path) -> io::Result<Loaded> {
    let (mut loaded, tail) = scan(path)?;
    if let Some(tail) = tail {
        match serde_json::from_slice::<Record>(&tail.bytes) {
            Ok(r) => loaded.records.push(r),
            Err(_) => {
                loaded.torn = Some(Torn {
                    bytes: tail.bytes.len(),
                    moved_to: None,
                })
            }
        }
    }
    Ok(loaded)
}

/// Every whole record in the journal at `path`, oldest first; a missing journal is empty.
/// Lines that are not records (torn by a crash, or from a newer version) are skipped; nothing
/// is changed on disk (see `load` for the repair).
pub fn read(path: &Path) -> io::Result<Vec<Record>> {
    inspect(path).map(|l| l.records)
}

/// Bytes after the last newline.
struct Tail {
    offset: u64,
    bytes: Vec<u8>,
}

fn scan(path: &Path) -> io::Result<(Loaded, Option<Tail>)> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((Loaded::default(), None)),
        Err(e) => return Err(e),
    };
    if !file.metadata()?.is_file() {
        // A device or a pipe could be endless (`/dev/zero`): never read one.
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is not a regular file", path.display()),
        ));
    }
    let mut reader = BufReader::new(file);
    let mut loaded = Loaded::default();
    let mut line = Vec::new();
    let mut offset = 0u64;
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok((loaded, None));
        }
        if line.last() != Some(&b'\n') {
            return Ok((
                loaded,
                Some(Tail {
                    offset,
                    bytes: std::mem::take(&mut line),
                }),
            ));
        }
        offset += n as u64;
        let text = &line[..line.len() - 1];
        if text.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<Record>(text) {
            Ok(r) => loaded.records.push(r),
            Err(_) => loaded.unknown += 1,
        }
    }
}

/// Moves a torn tail to a side file (written and synced first), then cuts the journal back.
fn set_aside(path: &Path, tail: &Tail, now_secs: u64) -> io::Result<PathBuf> {
    let stamp: String = stamp(now_secs)
        .chars()
        .filter(|c| !matches!(c, '-' | ':'))
        .collect();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| Journal::FILE_NAME.to_owned());
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut n = 0;
    let (side, mut file) = loop {
        let side = dir.join(match n {
            0 => format!("{name}.torn-{stamp}"),
            _ => format!("{name}.torn-{stamp}-{n}"),
        });
        match OpenOptions::new().write(true).create_new(true).open(&side) {
            Ok(f) => break (side, f),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 100 => n += 1,
            Err(e) => return Err(e),
        }
    };
    let moved = file.write_all(&tail.bytes).and_then(|()| file.sync_all());
    if let Err(e) = moved {
        let _ = std::fs::remove_file(&side);
        return Err(e);
    }
    let journal = OpenOptions::new().write(true).open(path)?;
    journal.set_len(tail.offset)?;
    journal.sync_all()?;
    Ok(side)
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
    fn events_round_trip_as_one_line_each() {
        let dir = tempfile::tempdir().unwrap();
        let (mut j, err) = Journal::open(dir.path());
        assert!(err.is_none());
        let events = vec![
            Event::check_in(
                "A / Main / bridge".into(),
                "bridge".into(),
                Answer::pain(2, Quality::Dull, Place::Muscles, Some(6)),
            ),
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

    const CLEARANCE: &str = "{\"at\":\"x\",\"run\":1,\"event\":\"clearance\"}\n";
    const FUTURE: &str = "{\"at\":\"x\",\"run\":1,\"event\":\"from_the_future\",\"x\":1}\n";

    #[test]
    fn torn_and_unknown_lines_are_skipped_by_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(Journal::FILE_NAME);
        let text = format!("{CLEARANCE}{FUTURE}{{\"at\":\"x\",\"ru");
        std::fs::write(&path, &text).unwrap();
        let r = read(&path).unwrap();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].event, Event::Clearance);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            text,
            "read changes nothing"
        );
    }

    #[test]
    fn a_torn_last_line_moves_to_a_side_file_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(Journal::FILE_NAME);
        std::fs::write(&path, format!("{CLEARANCE}{FUTURE}{{\"at\":\"x\",\"ru")).unwrap();
        let loaded = load(&path, 1_795_190_400).unwrap();
        assert_eq!(loaded.records.len(), 1);
        assert_eq!(
            loaded.unknown, 1,
            "the newer event is counted, kept and skipped"
        );
        let torn = loaded.torn.unwrap();
        let side = torn.moved_to.clone().unwrap();
        assert_eq!(
            side.file_name().unwrap(),
            "journal.jsonl.torn-20261120T160000Z"
        );
        assert_eq!(
            std::fs::read_to_string(&side).unwrap(),
            "{\"at\":\"x\",\"ru"
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            format!("{CLEARANCE}{FUTURE}"),
            "the unknown line stays in the journal"
        );
        assert!(torn.notice().contains("torn-20261120T160000Z"));
        // Told once: the next load finds nothing torn.
        let again = load(&path, 1_795_190_401).unwrap();
        assert!(again.torn.is_none());
        assert_eq!(again.records.len(), 1);
        // And an append after the repair starts on a line of its own.
        let (mut j, _) = Journal::open(dir.path());
        j.append(&record(Event::Clearance)).unwrap();
        assert_eq!(read(&path).unwrap().len(), 2);
    }

    #[test]
    fn a_whole_last_line_without_its_newline_is_kept_and_finished() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(Journal::FILE_NAME);
        std::fs::write(&path, CLEARANCE.trim_end()).unwrap();
        let loaded = load(&path, 0).unwrap();
        assert_eq!(loaded.records.len(), 1);
        assert!(loaded.torn.is_none());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), CLEARANCE);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_full_disk_is_reported_not_saved() {
        if !Path::new("/dev/full").exists() {
            eprintln!("note: no /dev/full here; the full-disk append test did not run");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink("/dev/full", dir.path().join(Journal::FILE_NAME)).unwrap();
        let (mut j, err) = Journal::open(dir.path());
        assert!(err.is_none());
        let e = j.append(&record(Event::Clearance)).unwrap_err();
        assert_eq!(e.raw_os_error(), Some(28), "ENOSPC: {e}");
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
