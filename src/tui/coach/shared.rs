//! What every screen of the coach shares: the programs and which one is chosen, the journal
//! (its writer, its lock, and its snapshot fed every record of this run, saved or not), the
//! settings and the wall clock. Screens read and change it; none of them owns it.
//!
//! Start-up reads the journal's snapshot and only the journal's tail (`records::snapshot`),
//! so it costs the same after ten years as after a week. A second upright on the same data
//! folder finds the lock taken and only reads: it says so, and starts no session.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::audio::Hearing;

use crate::common::paths::Paths;
use crate::common::settings::Settings;
use crate::program::Program;
use crate::program::sources::Entry;
use crate::records::assessments::Assessments;
use crate::records::journal::{
    self, Bounds, Busy, Event, Holder, Journal, Lock, Pending, Reader, Record, Repaired,
};
use crate::records::replay::{Progress, Rules};
use crate::records::snapshot::{self, Known, Snapshot};
use crate::training::plan::{Instead, ItemKey, Plan, plan_with};
use crate::training::runnable::Runnable;
use crate::tui::clock::Wall;
use crate::tui::theme::Theme;

/// The person's last session, as home remembers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastSession {
    /// Its program, an index into `Shared::programs`.
    pub program: usize,
    /// Its session's name.
    pub session: String,
    /// The index of the session to do next.
    pub next: usize,
    /// Whether any set of it was done.
    pub done: bool,
    /// When it started (seconds since 1970).
    pub at: u64,
}

/// How often events that could not be written are tried again while upright waits.
pub const RETRY_EVERY: Duration = Duration::from_secs(10);

pub struct Shared {
    pub programs: Vec<Entry>,
    /// Each program ready to run, built once (`None` for a program with errors).
    runnables: Vec<Option<Runnable>>,
    /// Each program's replay rules and their fingerprint (`None` for a program with errors).
    rules: Vec<Option<(Rules, u64)>>,
    /// How the journal names each program.
    labels: Vec<String>,
    /// The program chosen on the home screen (an index into `programs`), and its session.
    pub selected: usize,
    pub session: usize,
    pub settings: Settings,
    /// `--quiet`: no sound whatever the setting.
    pub quiet: bool,
    /// `--voice`: speech on for this run whatever the setting.
    pub voice_asked: bool,
    /// The colours (`--theme`).
    pub theme: Theme,
    pub paths: Paths,
    journal: Journal,
    /// Held while this upright may write the journal; let go when it ends.
    _lock: Option<Lock>,
    /// Another upright holds the lock: this one only reads.
    pub read_only: Option<Holder>,
    /// What start-up needs, fed every record of this run (saved or not: the safety rules use
    /// what happened).
    snapshot: Snapshot,
    /// The snapshot has news the file beside the journal does not.
    snapshot_changed: bool,
    /// Set when the journal could not be written: shown as a banner for as long as anything
    /// of this run of upright is not saved.
    pub journal_error: Option<String>,
    /// Said once, in the banner, until the next key (a torn journal line set aside).
    pub notice: Option<String>,
    /// When to try the unsaved events again.
    retry_at: Option<Instant>,
    /// Today's level of each item of the selected program, for the preview.
    pub levels: HashMap<ItemKey, u32>,
    /// The wall clock and the person's time zone (fixed in tests).
    pub wall: Wall,
    /// The seed of every plan (for tests and `--seed`); random when `None`.
    pub seed: Option<u64>,
    /// Started with `upright run` or `upright history`: there is no home screen to go back to.
    pub direct: bool,
}

impl Shared {
    /// Takes the lock, reads the snapshot and the journal's tail (repairing a torn last line
    /// when this upright holds the lock), and the settings.
    pub fn new(
        programs: Vec<Entry>,
        paths: Paths,
        quiet: bool,
        seed: Option<u64>,
        wall: Wall,
    ) -> Shared {
        let now = wall.now();
        let dir = paths.data.clone();
        let runnables: Vec<Option<Runnable>> = programs
            .iter()
            .map(|e| e.checked.safe_program().cloned().map(Runnable::new))
            .collect();
        let labels: Vec<String> = programs.iter().map(|e| e.origin.label()).collect();
        let rules: Vec<Option<(Rules, u64)>> = labels
            .iter()
            .zip(&runnables)
            .map(|(label, r)| {
                let rules = Rules::new(r.as_ref()?, label);
                let fingerprint = snapshot::fingerprint(&rules);
                Some((rules, fingerprint))
            })
            .collect();
        let journal_path = dir.join(Journal::FILE_NAME);
        let (lock, read_only, lock_error) =
            match journal::acquire(&dir, paths.profile().as_deref(), now) {
                Ok(l) => (Some(l), None, None),
                Err(Busy::Held(h)) => (None, Some(h), None),
                Err(Busy::Unavailable(e)) => (None, None, Some(e)),
            };
        let named = known(&labels, &rules);
        let bounds = Bounds::at(now);
        let mut notices = Vec::new();
        let mut read_error = None;
        let (mut snapshot, mut changed, torn) = match snapshot::open(&dir, &named, bounds) {
            Ok(o) => {
                notices.extend(o.skipped.skipped_note());
                (o.snapshot, o.changed, o.torn)
            }
            Err(e) => {
                read_error = Some(e);
                (Snapshot::new(&named), false, None)
            }
        };
        let (mut journal, open_error) = match &read_only {
            Some(h) => (Journal::closed(journal_path.clone(), h.sentence()), None),
            None => Journal::open(&dir),
        };
        // Only the writer repairs: in a reader, the last line may be one being written.
        if let (Some(tail), None) = (&torn, &read_only) {
            match journal::repair(&journal_path, tail, &bounds, now) {
                Repaired::Finished(r) => {
                    snapshot.feed(&named, &r);
                    changed = true;
                }
                Repaired::Torn(t) => notices.push(t.notice()),
            }
        }
        let journal_error = match (&read_only, open_error.or(lock_error), read_error) {
            (Some(h), _, _) => Some(format!(
                "{} This one only reads: the history is here; sessions start in the other one.",
                h.sentence()
            )),
            (None, Some(e), _) => Some(format!("Progress is NOT being saved: {e}")),
            (None, None, Some(e)) => Some(format!(
                "The journal could not be read ({e}); levels start from the program's doses"
            )),
            (None, None, None) => None,
        };
        if read_only.is_none()
            && let Some(len) = journal.size()
        {
            snapshot.covered(&named, len);
        }
        drop(named);
        let mut shared = Shared {
            programs,
            runnables,
            rules,
            labels,
            selected: 0,
            session: 0,
            settings: Settings::for_profile(&paths),
            quiet,
            voice_asked: false,
            theme: Theme::default(),
            paths,
            journal,
            _lock: lock,
            read_only,
            snapshot,
            snapshot_changed: changed,
            journal_error,
            notice: (!notices.is_empty()).then(|| notices.join(" ")),
            retry_at: None,
            levels: HashMap::new(),
            wall,
            seed,
            direct: false,
        };
        shared.save_snapshot();
        if let Some(last) = shared.last_session() {
            shared.selected = last.program;
            shared.session = last.next;
        }
        shared.refresh_levels();
        shared
    }

    /// The person's last session (not a class), when its program is here: where home opens,
    /// on the session that comes after it (the same one again if nothing of it was done).
    pub fn last_session(&self) -> Option<LastSession> {
        let records = self.records();
        let (i, start) = records
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, r)| match &r.event {
                Event::SessionStart { class: false, .. } => Some((i, r)),
                _ => None,
            })?;
        let Event::SessionStart {
            program,
            source,
            session,
            ..
        } = &start.event
        else {
            return None;
        };
        let index = self
            .programs
            .iter()
            .position(|e| e.origin.label() == *source)
            .or_else(|| {
                self.programs.iter().position(|e| {
                    e.checked
                        .safe_program()
                        .is_some_and(|p| p.title == *program)
                })
            })?;
        let sessions = &self.programs[index].checked.safe_program()?.sessions;
        let at = sessions.iter().position(|s| s.name == *session)?;
        let done = records[i..]
            .iter()
            .any(|r| r.run == start.run && matches!(r.event, Event::SetDone { .. }));
        Some(LastSession {
            program: index,
            session: session.clone(),
            next: if done { (at + 1) % sessions.len() } else { at },
            done,
            at: crate::common::calendar::parse_stamp(&start.at).unwrap_or(start.run / 1000),
        })
    }

    /// Seconds since 1970, now.
    pub fn unix_now(&self) -> u64 {
        self.wall.now()
    }

    /// The records the questions before a session read (the last red flag or clearance, the
    /// last session started and the last one that did a set, the latest next-day answers),
    /// saved or not, in journal order.
    pub fn records(&self) -> Vec<Record> {
        self.snapshot.recent.records()
    }

    /// Every assessment result the snapshot keeps (saved or not) and the person's age and sex,
    /// their days in the person's time zone.
    pub fn assessments(&self) -> Assessments {
        Assessments::of(self.snapshot.assessments.records(), &self.wall.calendar())
    }

    /// Today, in the person's time zone (days since 1970).
    pub fn today(&self) -> i64 {
        self.wall.calendar().day(self.unix_now())
    }

    /// The saved journal, one record at a time, for the history (nothing is held).
    pub fn journal_records(&self) -> impl Iterator<Item = Record> + use<> {
        let bounds = Bounds::at(self.unix_now());
        Reader::open(self.journal.path(), 0, bounds)
            .ok()
            .flatten()
            .into_iter()
            .flat_map(|reader| reader.map_while(Result::ok).map(|(_, r)| r))
    }

    /// How many events of run `id` could not be saved (yet).
    pub fn run_unsaved(&self, id: u64) -> usize {
        self.journal
            .pending()
            .iter()
            .filter(|p| p.record.run == id)
            .count()
    }

    /// Whether anything at all could not be saved since upright started.
    pub fn anything_unsaved(&self) -> bool {
        !self.journal.pending().is_empty()
    }

    /// The events never written, oldest first (listed at the end).
    pub fn unsaved(&self) -> &[Pending] {
        self.journal.pending()
    }

    /// Where the journal is.
    pub fn journal_path(&self) -> &std::path::Path {
        self.journal.path()
    }

    /// Appends `event` of run `run` to the journal; what cannot be saved is kept in memory,
    /// tried again later, and said in the banner.
    pub fn record(&mut self, run: u64, event: Event) {
        let record = Record::new(run, event, self.unix_now());
        let written = self.journal.append(&record);
        self.snapshot
            .feed(&known(&self.labels, &self.rules), &record);
        self.snapshot_changed = true;
        match written {
            Ok(()) => self.saved(),
            Err(e) => {
                self.retry_at = Some(Instant::now() + RETRY_EVERY);
                let waiting = self.journal.pending().len();
                self.journal_error = Some(format!(
                    "Progress is NOT being saved ({}): {e}{}",
                    self.journal.path().display(),
                    match waiting {
                        1 => String::new(),
                        n => format!(" ({n} events kept here, tried again)"),
                    }
                ));
            }
        }
    }

    /// Everything is written: the banner goes, and the snapshot covers the journal again.
    fn saved(&mut self) {
        if !self.journal.pending().is_empty() || self.read_only.is_some() {
            return;
        }
        self.journal_error = None;
        self.retry_at = None;
        if let Some(len) = self.journal.size() {
            self.snapshot
                .covered(&known(&self.labels, &self.rules), len);
        }
    }

    /// When the unsaved events are to be tried again, if any are waiting.
    pub fn retry_at(&self) -> Option<Instant> {
        self.retry_at
    }

    /// A quiet moment (a session over, back home, upright ending): what could not be written
    /// is tried again, and the snapshot is kept when everything is saved.
    pub fn quiet_moment(&mut self) {
        if self.read_only.is_some() {
            return;
        }
        if self.journal.retry() > 0 {
            self.saved();
        }
        if !self.journal.pending().is_empty() {
            self.retry_at = Some(Instant::now() + RETRY_EVERY);
        }
        self.save_snapshot();
    }

    /// Writes the snapshot when it has news and covers everything fed to it.
    fn save_snapshot(&mut self) {
        if !self.snapshot_changed || self.read_only.is_some() || self.anything_unsaved() {
            return;
        }
        // A snapshot that cannot be written costs only time at the next start (it is rebuilt
        // from the journal), so it is not worth a banner.
        if snapshot::save(&self.paths.data, &self.snapshot).is_ok() {
            self.snapshot_changed = false;
        }
    }

    /// Program `index`, ready to run; `None` when it has errors.
    pub fn runnable(&self, index: usize) -> Option<&Runnable> {
        self.runnables.get(index)?.as_ref()
    }

    /// Today's level of every item of program `index`.
    pub fn levels_for(&self, index: usize) -> HashMap<ItemKey, u32> {
        self.progress_for(index)
            .map_or_else(HashMap::new, |p| p.levels())
    }

    /// Where program `index` stands after everything recorded (the snapshot's replay, fed
    /// every record of this run too): its levels, and the exercises that stopped for pain and
    /// are to be asked about before they come back.
    pub fn progress_for(&self, index: usize) -> Option<Progress<'_>> {
        self.known(index).and_then(|k| self.snapshot.progress(&k))
    }

    /// Program `index` as the snapshot knows it.
    fn known(&self, index: usize) -> Option<Known<'_>> {
        let (rules, fingerprint) = self.rules.get(index)?.as_ref()?;
        Some(Known::with(&self.labels[index], rules, *fingerprint))
    }

    /// The levels of program `index` as they were when the last session started (what a
    /// session that stopped without an end was planned with).
    pub fn levels_at_last_start(&self, index: usize) -> HashMap<ItemKey, u32> {
        self.known(index)
            .and_then(|k| self.snapshot.progress_before_last_start(&k))
            .map_or_else(HashMap::new, |p| p.levels())
    }

    /// Recomputes the selected program's levels for the preview.
    pub fn refresh_levels(&mut self) {
        self.levels = self.levels_for(self.selected);
    }

    /// Plans a run of program `index`: `session` by name, with these levels, and what to do
    /// instead with exercises that stopped for pain (the answers before it).
    pub fn plan_for(
        &self,
        index: usize,
        session: &str,
        levels: &HashMap<ItemKey, u32>,
        instead: &HashMap<ItemKey, Instead>,
        seed: u64,
    ) -> Option<Plan> {
        plan_with(self.runnable(index)?, Some(session), levels, instead, seed).ok()
    }

    /// A new run's id: its start in milliseconds, after every run already in the journal
    /// (which are bounded when read, so this never wraps).
    pub fn new_run_id(&self) -> u64 {
        let now = self.wall.now_millis();
        now.max(self.snapshot.recent.max_run.saturating_add(1))
    }

    pub fn sound(&self) -> bool {
        self.settings.sound && !self.quiet
    }

    /// What the person wants to hear: nothing with `--quiet`.
    pub fn hearing(&self) -> Hearing {
        if self.quiet {
            return Hearing::NOTHING;
        }
        Hearing {
            voice: self.settings.voice || self.voice_asked,
            sound: self.settings.sound,
            reps: self.settings.rep_cues,
        }
    }

    /// Turns tones (or speech) on or off and keeps it; a setting that cannot be saved still
    /// applies, and the banner says so.
    pub fn toggle(&mut self, speech: bool) {
        let (what, on) = if speech {
            let on = !self.hearing().voice;
            self.settings.voice = on;
            self.voice_asked = false;
            ("Speech", on)
        } else {
            self.settings.sound = !self.settings.sound;
            ("Sound", self.settings.sound)
        };
        let path = self.paths.settings();
        if let Err(e) = self.settings.save(&path) {
            self.notice = Some(format!(
                "{what} is {} for now, but the setting could not be saved ({}): {e}",
                if on { "on" } else { "off" },
                path.display()
            ));
        }
    }

    pub fn selected_program(&self) -> Option<&Program> {
        self.programs.get(self.selected)?.checked.safe_program()
    }
}

/// Every program that can run, as the snapshot knows them.
fn known<'a>(labels: &'a [String], rules: &'a [Option<(Rules, u64)>]) -> Vec<Known<'a>> {
    labels
        .iter()
        .zip(rules)
        .filter_map(|(label, r)| {
            let (rules, fingerprint) = r.as_ref()?;
            Some(Known::with(label, rules, *fingerprint))
        })
        .collect()
}
