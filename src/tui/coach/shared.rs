//! What every screen of the coach shares: the programs and which one is chosen, the journal and
//! every record of it (saved or not), the settings, the wall clock, and the bell. Screens read
//! and change it; none of them owns it.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::common::paths::Paths;
use crate::common::settings::Settings;
use crate::program::Program;
use crate::program::sources::Entry;
use crate::records::journal::{self, Event, Journal, Record};
use crate::records::replay::{self, Rules};
use crate::training::plan::{Instead, ItemKey, Plan, plan_with};
use crate::training::runnable::Runnable;
use crate::tui::clock::Wall;

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
    /// Bells to ring at the next draw.
    pub bells: u32,
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
            settings: Settings::load(&paths.settings()),
            quiet,
            paths,
            journal,
            journal_error,
            notice,
            records,
            unsaved: Vec::new(),
            levels: HashMap::new(),
            wall,
            seed,
            bells: 0,
            direct: false,
        };
        shared.refresh_levels();
        shared
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

    pub fn selected_program(&self) -> Option<&Program> {
        self.programs.get(self.selected)?.checked.safe_program()
    }
}
