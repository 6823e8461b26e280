//! The journal's snapshot: what start-up needs, derived from the journal and kept beside it in
//! `journal.snapshot.json` with the length of journal it covers, so that a start reads the
//! snapshot and only the journal's tail, however many years the journal holds. It keeps, per
//! program, the replay's state (levels, clean sessions, the open session's tally, as the replay
//! itself serialises it) and that state as it stood before the last session started (what a
//! resumed session is planned with); the few recent records the questions before a session
//! read (`Recent`); and the latest assessment results (`assessments::Kept`). It is only ever
//! derived: missing, damaged, written by another build, or not matching the journal (shorter,
//! or other bytes where it ended), it is rebuilt by streaming the journal. A program new to it
//! (a new file, or rules changed since: its fingerprint differs) starts from the state of a
//! program that owns no session (`reference`, fed everything) when it owns none of the
//! journal's sessions (`owners`), and is otherwise replayed again from the start, alone.
//! Written atomically, by the one upright holding the lock.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::records::assessments::Kept;
use crate::records::journal::{
    Bounds, Event, Journal, Reader, Record, Tally, TornTail, open_regular,
};
use crate::records::recent::Recent;
use crate::records::replay::{Progress, Replay, Rules, owns_session};

/// Bumped when the file's shape changes (2: the reference replay and the sessions' owners).
const FORMAT: u32 = 2;
/// A snapshot bigger than this is not one upright wrote.
const MAX_BYTES: u64 = 8 * 1024 * 1024;
/// How much of the journal, at its start and where the snapshot ends, must match.
const CHECKED: u64 = 4096;
/// Programs kept (the ones used most recently stay).
const MAX_PROGRAMS: usize = 64;
/// The most text the sessions' owners may hold (sources and titles); past it, the snapshot
/// stops keeping them and every program new to it is replayed from the start.
const MAX_OWNER_BYTES: usize = 64 * 1024;

/// The snapshot's file name, beside the journal.
pub const FILE_NAME: &str = "journal.snapshot.json";

/// The build that derives snapshots: a snapshot written by an upright whose replay, reading
/// or snapshot code differs is rebuilt, as its states could mean something else. The replay's
/// rules live in `replay.rs`, `rules.rs` (the ladders, and where an old dose stands on them),
/// `runs.rs` (the sets a dose plans) and `training/checkin.rs` (what a check-in answer does,
/// the effort thresholds, and the response its state keeps).
fn build() -> u64 {
    static BUILD: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *BUILD.get_or_init(build_now)
}

fn build_now() -> u64 {
    let mut h = Fnv::new();
    for part in [
        env!("CARGO_PKG_VERSION"),
        include_str!("replay.rs"),
        include_str!("rules.rs"),
        include_str!("runs.rs"),
        include_str!("../training/checkin.rs"),
        include_str!("recent.rs"),
        include_str!("assessments.rs"),
        include_str!("snapshot.rs"),
        include_str!("journal.rs"),
        include_str!("journal/read.rs"),
    ] {
        h.write(part.as_bytes());
    }
    h.finish()
}

/// A program's rules as they stand today, by value (`Rules`' text is in key order).
pub fn fingerprint(rules: &Rules) -> u64 {
    use std::fmt::Write as _;
    let mut h = Fnv::new();
    // Hashed as it is written out: no text is held.
    let _ = write!(h, "{rules:?}");
    h.finish()
}

/// A program the coach has: how the journal names it, its rules, and their fingerprint
/// (worked out once: it is the rules' whole text).
#[derive(Debug, Clone, Copy)]
pub struct Known<'r> {
    pub name: &'r str,
    pub rules: &'r Rules,
    fingerprint: u64,
}

impl<'r> Known<'r> {
    pub fn new(name: &'r str, rules: &'r Rules) -> Known<'r> {
        Known {
            name,
            rules,
            fingerprint: fingerprint(rules),
        }
    }

    /// The same program, its fingerprint already known (`fingerprint(rules)`).
    pub fn with(name: &'r str, rules: &'r Rules, fingerprint: u64) -> Known<'r> {
        Known {
            name,
            rules,
            fingerprint,
        }
    }
}

/// One program's replay, as far as the journal it has been fed.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct ProgramState {
    source: String,
    fingerprint: u64,
    /// The journal bytes it has been fed (its own: a program not here at the last start
    /// stays where it was).
    covers: u64,
    replay: Replay<'static>,
    /// The replay before the last personal session started.
    before_last_start: Replay<'static>,
}

/// The replay of a program that owns no session (under `Rules::none()`), fed every record the
/// snapshot covers. A replay reads its rules only for its own sessions (`owns_session`), so a
/// program that owns none of the journal's sessions has exactly this state with its rules put
/// in: it starts here, not from the journal's first byte.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Reference {
    replay: Replay<'static>,
    before_last_start: Replay<'static>,
}

impl Default for Reference {
    fn default() -> Reference {
        Reference {
            replay: Replay::new(Rules::none()),
            before_last_start: Replay::new(Rules::none()),
        }
    }
}

impl Reference {
    fn feed(&mut self, record: &Record) {
        if starts_personal_session(record) {
            self.before_last_start = self.replay.clone();
        }
        self.replay.feed(record);
    }
}

/// Who started the personal sessions the snapshot covers: each distinct (source, program) of a
/// `session_start`, a handful in a person's journal. `None` once they grew past
/// `MAX_OWNER_BYTES` (a hand-made journal): then no program may skip its replay.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Owners(Option<BTreeSet<(String, String)>>);

impl Default for Owners {
    fn default() -> Owners {
        Owners(Some(BTreeSet::new()))
    }
}

impl Owners {
    fn feed(&mut self, record: &Record) {
        let (
            Some(set),
            Event::SessionStart {
                program,
                source,
                class: false,
                ..
            },
        ) = (&mut self.0, &record.event)
        else {
            return;
        };
        if set.contains(&(source.clone(), program.clone())) {
            return;
        }
        set.insert((source.clone(), program.clone()));
        let bytes: usize = set.iter().map(|(s, p)| s.len() + p.len()).sum();
        if bytes > MAX_OWNER_BYTES {
            self.0 = None;
        }
    }

    /// Whether a program with `rules` may have a state other than the reference's: it owns a
    /// session (or the reference itself does: `Rules::none()` owns an untitled session with no
    /// source), or the owners were not kept.
    fn may_own(&self, rules: &Rules) -> bool {
        let Some(set) = &self.0 else {
            return true;
        };
        set.iter().any(|(source, program)| {
            owns_session(rules, source, program, false)
                || owns_session(Rules::none(), source, program, false)
        })
    }
}

/// What start-up needs, and the stretch of journal it was derived from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Snapshot {
    format: u32,
    build: u64,
    /// The journal bytes it covers, from the start (always the end of a whole line).
    covers: u64,
    /// FNV-1a of the first and the last (up to) 4 KiB it covers.
    head: u64,
    end: u64,
    /// What reading skipped, over everything it covers.
    pub tally: Tally,
    pub recent: Recent,
    /// The latest assessment results and the person's age and sex.
    #[serde(default)]
    pub assessments: Kept,
    programs: Vec<ProgramState>,
    /// Where a program new to the snapshot starts when it owns none of `owners`.
    reference: Reference,
    owners: Owners,
}

/// How a snapshot was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    /// No journal yet.
    Empty,
    /// The snapshot held; only the tail after it was read (this many bytes).
    Tail { bytes: u64 },
    /// The journal was read from the start, and why.
    Rebuilt(&'static str),
}

/// A snapshot brought up to date with its journal.
#[derive(Debug)]
pub struct Opened {
    pub snapshot: Snapshot,
    pub start: Start,
    /// What this opening's reading skipped (a note for the person, said once).
    pub skipped: Tally,
    /// Bytes after the journal's last newline: the caller repairs them (see `journal::repair`)
    /// when it holds the lock, and feeds the record when they were a whole one.
    pub torn: Option<TornTail>,
    /// Whether it differs from the file beside the journal (worth saving).
    pub changed: bool,
    /// The journal byte reading started from: the snapshot's end, or the start when a program
    /// had to be replayed from there (or there was no snapshot to hold).
    pub read_from: u64,
}

impl Snapshot {
    /// A snapshot of no journal, holding `programs` (name, rules).
    pub fn new(programs: &[Known]) -> Snapshot {
        let mut snapshot = Snapshot::empty();
        add_programs(&mut snapshot, programs);
        snapshot
    }

    fn empty() -> Snapshot {
        Snapshot {
            format: FORMAT,
            build: build(),
            covers: 0,
            head: Fnv::new().finish(),
            end: Fnv::new().finish(),
            tally: Tally::default(),
            recent: Recent::default(),
            assessments: Kept::default(),
            programs: Vec::new(),
            reference: Reference::default(),
            owners: Owners::default(),
        }
    }

    /// The journal bytes it covers.
    pub fn covers(&self) -> u64 {
        self.covers
    }

    /// Feeds one record (saved or not: the coach's rules use what happened) to the recent
    /// records and to the replay of every program in `rules`.
    pub fn feed(&mut self, programs: &[Known], record: &Record) {
        self.recent.feed(record);
        self.assessments.feed(record);
        self.reference.feed(record);
        self.owners.feed(record);
        for k in programs {
            if let Some(p) = self.program_mut(k) {
                let mut replay = Replay::resume(k.rules, take(&mut p.replay));
                if starts_personal_session(record) {
                    p.before_last_start = replay.clone().keep();
                }
                replay.feed(record);
                p.replay = replay.keep();
            }
        }
    }

    /// The replay of the program with `rules` over everything fed, finished (a session that
    /// has not ended counts as far as it went); `None` for a program it does not hold.
    pub fn progress<'r>(&self, program: &Known<'r>) -> Option<Progress<'r>> {
        let p = self.program(program)?;
        Some(Replay::resume(program.rules, p.replay.clone()).finish())
    }

    /// The same, as it stood before the last personal session started.
    pub fn progress_before_last_start<'r>(&self, program: &Known<'r>) -> Option<Progress<'r>> {
        let p = self.program(program)?;
        Some(Replay::resume(program.rules, p.before_last_start.clone()).finish())
    }

    fn program(&self, k: &Known) -> Option<&ProgramState> {
        self.programs
            .iter()
            .find(|p| p.fingerprint == k.fingerprint)
    }

    fn program_mut(&mut self, k: &Known) -> Option<&mut ProgramState> {
        self.programs
            .iter_mut()
            .find(|p| p.fingerprint == k.fingerprint)
    }

    /// Marks everything fed so far as saved: the journal is now `len` bytes long (the coach
    /// calls this when nothing is waiting to be written), for the programs in `rules`.
    pub fn covered(&mut self, programs: &[Known], len: u64) {
        self.covers = len;
        for k in programs {
            if let Some(p) = self.program_mut(k) {
                p.covers = len;
            }
        }
    }
}

fn take(replay: &mut Replay<'static>) -> Replay<'static> {
    std::mem::replace(replay, Replay::new(Rules::none()))
}

fn starts_personal_session(r: &Record) -> bool {
    matches!(r.event, Event::SessionStart { class: false, .. })
}

/// The snapshot beside the journal in `dir`, brought up to date: read, checked against the
/// journal, and every program in `programs` (name, rules) fed what it has not seen, reading
/// only the tail when the snapshot holds. Changes nothing on disk (see `save`).
pub fn open(dir: &Path, programs: &[Known], bounds: Bounds) -> io::Result<Opened> {
    let journal_path = dir.join(Journal::FILE_NAME);
    let Some(mut journal) = open_regular(&journal_path)? else {
        return Ok(Opened {
            snapshot: Snapshot::new(programs),
            start: Start::Empty,
            skipped: Tally::default(),
            torn: None,
            changed: false,
            read_from: 0,
        });
    };
    let len = journal.metadata()?.len();
    let (mut snapshot, start) = match read_snapshot(&dir.join(FILE_NAME), &mut journal, len) {
        Ok(s) => {
            let bytes = len - s.covers;
            (s, Start::Tail { bytes })
        }
        Err(why) => (Snapshot::empty(), Start::Rebuilt(why)),
    };
    let stale = add_programs(&mut snapshot, programs);
    // One pass from the earliest byte anyone needs: the snapshot's tail, or the start for a
    // program it did not hold (or held by other rules).
    let from = snapshot
        .programs
        .iter()
        .filter(|p| programs.iter().any(|k| k.fingerprint == p.fingerprint))
        .map(|p| p.covers)
        .chain([snapshot.covers])
        .min()
        .unwrap_or(0);
    let live: Vec<(usize, &Rules)> = programs
        .iter()
        .filter_map(|k| {
            let i = snapshot
                .programs
                .iter()
                .position(|p| p.fingerprint == k.fingerprint)?;
            Some((i, k.rules))
        })
        .collect();
    let mut replays: Vec<(usize, u64, Replay, Replay)> = live
        .iter()
        .map(|&(i, r)| {
            let p = &mut snapshot.programs[i];
            (
                i,
                p.covers,
                Replay::resume(r, take(&mut p.replay)),
                Replay::resume(r, take(&mut p.before_last_start)),
            )
        })
        .collect();
    let mut hashing = journal.try_clone()?;
    let mut reader = Reader::from_file(journal, from, bounds)?;
    // Lines before the old snapshot's end were counted when it was made.
    let mut counted = from >= snapshot.covers;
    loop {
        if !counted && reader.offset() >= snapshot.covers {
            reader.take_tally();
            counted = true;
        }
        let Some((offset, record)) = reader.next_record()? else {
            break;
        };
        for (_, covers, replay, before) in &mut replays {
            if offset >= *covers {
                if starts_personal_session(&record) {
                    *before = replay.clone();
                }
                replay.feed(&record);
            }
        }
        if offset >= snapshot.covers {
            snapshot.recent.feed(&record);
            snapshot.assessments.feed(&record);
            snapshot.reference.feed(&record);
            snapshot.owners.feed(&record);
        }
    }
    let end = reader.offset();
    let skipped = if counted {
        reader.take_tally()
    } else {
        Tally::default()
    };
    snapshot.tally.add(&skipped);
    for (i, _, replay, before) in replays {
        let p = &mut snapshot.programs[i];
        p.replay = replay.keep();
        p.before_last_start = before.keep();
        p.covers = end;
    }
    let changed = end != snapshot.covers || stale || !matches!(start, Start::Tail { .. });
    snapshot.covers = end;
    let torn = reader.torn().cloned();
    (snapshot.head, snapshot.end) = hashes(&mut hashing, end)?;
    Ok(Opened {
        snapshot,
        start,
        skipped,
        torn,
        changed,
        read_from: from,
    })
}

/// Adds a state for each program the snapshot does not hold with today's rules (most
/// recently used first; the oldest dropped past `MAX_PROGRAMS`); whether it changed any. A
/// program behind the snapshot (new to it, or not offered for a while) that owns none of the
/// sessions it covers takes the reference's state, as far as the snapshot covers; a new one
/// that owns some is replayed from the journal's start.
fn add_programs(snapshot: &mut Snapshot, programs: &[Known]) -> bool {
    let mut changed = false;
    for k in programs {
        let held = snapshot
            .programs
            .iter()
            .position(|p| p.fingerprint == k.fingerprint);
        let mut p = match held {
            Some(i) => snapshot.programs.remove(i),
            None => {
                changed = true;
                ProgramState {
                    source: k.name.to_owned(),
                    fingerprint: k.fingerprint,
                    covers: 0,
                    replay: Replay::new(Rules::none()),
                    before_last_start: Replay::new(Rules::none()),
                }
            }
        };
        if p.covers < snapshot.covers && !snapshot.owners.may_own(k.rules) {
            changed = true;
            p.covers = snapshot.covers;
            p.replay = snapshot.reference.replay.clone();
            p.before_last_start = snapshot.reference.before_last_start.clone();
        }
        snapshot.programs.insert(0, p);
    }
    // A program whose rules changed is replayed again from the start under its new ones; the
    // state under its old ones goes.
    snapshot
        .programs
        .retain(|p| p.covers > 0 || programs.iter().any(|k| k.name == p.source));
    let mut seen = std::collections::HashSet::new();
    snapshot.programs.retain(|p| seen.insert(p.source.clone()));
    snapshot.programs.truncate(MAX_PROGRAMS);
    changed
}

/// The snapshot file at `path`, when it is one this build wrote for this journal.
fn read_snapshot(path: &Path, journal: &mut File, len: u64) -> Result<Snapshot, &'static str> {
    let file = match open_regular(path) {
        Ok(Some(f)) => f,
        Ok(None) => return Err("there was no snapshot"),
        Err(_) => return Err("the snapshot could not be read"),
    };
    let mut text = Vec::new();
    if file.take(MAX_BYTES + 1).read_to_end(&mut text).is_err() {
        return Err("the snapshot could not be read");
    }
    if text.len() as u64 > MAX_BYTES {
        return Err("the snapshot is too big to be one");
    }
    let Ok(s) = serde_json::from_slice::<Snapshot>(&text) else {
        return Err("the snapshot was damaged");
    };
    if s.format != FORMAT || s.build != build() {
        return Err("the snapshot was written by another build of upright");
    }
    if s.covers > len {
        return Err("the journal is shorter than the snapshot");
    }
    match hashes(journal, s.covers) {
        Ok(h) if h == (s.head, s.end) => Ok(s),
        _ => Err("the journal is not the one the snapshot was made from"),
    }
}

/// FNV-1a of the first and the last (up to) `CHECKED` bytes of the journal's first `len`.
fn hashes(journal: &mut File, len: u64) -> io::Result<(u64, u64)> {
    use std::io::{Seek, SeekFrom};
    let mut part = |from: u64| -> io::Result<u64> {
        let n = CHECKED.min(len - from);
        let mut buf = vec![0; n as usize];
        journal.seek(SeekFrom::Start(from))?;
        journal.read_exact(&mut buf)?;
        let mut h = Fnv::new();
        h.write(&buf);
        Ok(h.finish())
    };
    Ok((part(0)?, part(len.saturating_sub(CHECKED))?))
}

/// Writes `snapshot` beside the journal in `dir`, atomically (a crash leaves the old one or
/// the new one, and either is checked before use).
pub fn save(dir: &Path, snapshot: &Snapshot) -> io::Result<()> {
    let text = serde_json::to_vec(snapshot).map_err(io::Error::other)?;
    crate::common::files::replace(&path(dir), &text)
}

/// Where the snapshot of the journal in `dir` is kept.
pub fn path(dir: &Path) -> PathBuf {
    dir.join(FILE_NAME)
}

/// FNV-1a, 64 bits: small, and the same on every machine and build (std's hasher is not
/// promised to be).
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl std::fmt::Write for Fnv {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.write(s.as_bytes());
        Ok(())
    }
}

#[cfg(test)]
#[path = "snapshot_tests.rs"]
mod tests;
