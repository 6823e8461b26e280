//! What every screen of the coach shares: the programs and which one is chosen, the journal and
//! every record of it (saved or not), the settings and the wall clock. Screens read
//! and change it; none of them owns it.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::audio::Hearing;
use crate::common::paths::Paths;
use crate::common::settings::Settings;
use crate::program::Program;
use crate::program::sources::Entry;
use crate::records::journal::{self, Event, Journal, Record};
use crate::records::replay::{self, Rules};
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
    /// Its start's index in the records: the levels it was planned with are those before.
    pub start: usize,
}

pub struct Shared {
    pub programs: Vec<Entry>,
    /// Each program ready to run, built once (`None` for a program with errors).
    runnables: Vec<Option<Runnable>>,
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
    /// Set when the journal could not be written: shown as a banner for as long as anything
    /// of this run of upright is not saved.
    pub journal_error: Option<String>,
    /// Said once, in the banner, until the next key (a torn journal line set aside).
    pub notice: Option<String>,
    /// Every record, saved or not (the safety rules use what happened).
    records: Vec<Record>,
    /// Indexes into `records` of the ones that could not be saved.
    unsaved: Vec<usize>,
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
    /// Reads the journal (repairing a torn last line) and the settings.
    pub fn new(
        programs: Vec<Entry>,
        paths: Paths,
        quiet: bool,
        seed: Option<u64>,
        wall: Wall,
    ) -> Shared {
        let now = wall.now();
        let loaded = journal::load(&paths.data.join(Journal::FILE_NAME), now);
        let (journal, err) = Journal::open(&paths.data);
        let (records, notice, read_error) = match loaded {
            Ok(l) => (l.records, l.torn.map(|t| t.notice()), None),
            Err(e) => (Vec::new(), None, Some(e)),
        };
        let journal_error = match (err, read_error) {
            (Some(e), _) => Some(format!("Progress is NOT being saved: {e}")),
            (None, Some(e)) => Some(format!(
                "The journal could not be read ({e}); levels start from the program's doses"
            )),
            (None, None) => None,
        };
        let runnables = programs
            .iter()
            .map(|e| e.checked.safe_program().cloned().map(Runnable::new))
            .collect();
        let mut shared = Shared {
            programs,
            runnables,
            selected: 0,
            session: 0,
            settings: Settings::for_profile(&paths),
            quiet,
            voice_asked: false,
            theme: Theme::default(),
            paths,
            journal,
            journal_error,
            notice,
            records,
            unsaved: Vec::new(),
            levels: HashMap::new(),
            wall,
            seed,
            direct: false,
        };
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
        let (i, start) =
            self.records
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
        let done = self.records[i..]
            .iter()
            .any(|r| r.run == start.run && matches!(r.event, Event::SetDone { .. }));
        Some(LastSession {
            program: index,
            session: session.clone(),
            next: if done { (at + 1) % sessions.len() } else { at },
            done,
            at: crate::common::calendar::parse_stamp(&start.at).unwrap_or(start.run / 1000),
            start: i,
        })
    }

    /// Seconds since 1970, now.
    pub fn unix_now(&self) -> u64 {
        self.wall.now()
    }

    /// Every record, saved or not.
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    /// The records, saved ones only (what the history may show as saved); borrowed unless
    /// something could not be saved.
    pub fn saved_records(&self) -> Cow<'_, [Record]> {
        if self.unsaved.is_empty() {
            return Cow::Borrowed(&self.records);
        }
        let mut unsaved = self.unsaved.iter().peekable();
        let saved = self.records.iter().enumerate().filter_map(move |(i, r)| {
            if unsaved.peek() == Some(&&i) {
                unsaved.next();
                None
            } else {
                Some(r.clone())
            }
        });
        Cow::Owned(saved.collect())
    }

    /// Whether anything of run `id` could not be saved.
    pub fn run_unsaved(&self, id: u64) -> bool {
        self.unsaved.iter().any(|&i| self.records[i].run == id)
    }

    /// Whether anything at all could not be saved since upright started.
    pub fn anything_unsaved(&self) -> bool {
        !self.unsaved.is_empty()
    }

    /// Appends `event` of run `run` to the journal; what cannot be saved is kept in memory
    /// and said in the banner.
    pub fn record(&mut self, run: u64, event: Event) {
        let record = Record::new(run, event, self.unix_now());
        match self.journal.append(&record) {
            Ok(()) if self.unsaved.is_empty() => self.journal_error = None,
            Ok(()) => {}
            Err(e) => {
                self.unsaved.push(self.records.len());
                self.journal_error = Some(format!(
                    "Progress is NOT being saved ({}): {e}",
                    self.journal.path().display()
                ))
            }
        }
        self.records.push(record);
    }

    /// Program `index`, ready to run; `None` when it has errors.
    pub fn runnable(&self, index: usize) -> Option<&Runnable> {
        self.runnables.get(index)?.as_ref()
    }

    /// The replay rules of program `index`, when it is safe to run.
    pub fn rules(&self, index: usize) -> Option<Rules> {
        let label = self.programs.get(index)?.origin.label();
        Some(Rules::new(self.runnable(index)?, &label))
    }

    /// Today's level of every item of program `index`, from the first `upto` records.
    pub fn levels_for(&self, index: usize, upto: usize) -> HashMap<ItemKey, u32> {
        self.rules(index).map_or_else(HashMap::new, |rules| {
            replay::replay(&rules, &self.records[..upto.min(self.records.len())]).levels()
        })
    }

    /// Recomputes the selected program's levels for the preview.
    pub fn refresh_levels(&mut self) {
        self.levels = self.levels_for(self.selected, self.records.len());
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

    /// A new run's id: its start in milliseconds, after every run already in the journal.
    pub fn new_run_id(&self) -> u64 {
        let now = self.wall.now_millis();
        let last = self.records.iter().map(|r| r.run).max().unwrap_or(0);
        now.max(last + 1)
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
