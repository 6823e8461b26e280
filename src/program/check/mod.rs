//! The safety checker: every rule of `docs/program-format.md` over a loaded `Program`. Each
//! finding names the path of the offending value; `load` turns paths into lines and columns.
//! This module walks the program and holds the rules of its structure; the other rules live by
//! family: `names` (the words a person sees), `dose` (how much, against the guidance),
//! `impact` (declared, implied and reachable impact) and `ladder` (links and progress steps).

mod dose;
mod impact;
mod ladder;
mod names;

use std::collections::{HashMap, HashSet};

use super::diagnostic::Code;
use super::dose as ranges;
use super::lexicon::{Context, Field};
use super::locate::Path;
use super::{Catalog, Exercise, Item, Kind, Library, Program};
use crate::common::text::closest;
pub use dose::{
    MAX_EXTENSION_HOLD, MAX_EXTENSION_MINUTES, MAX_RESISTANCE_DAYS, MAX_RESISTANCE_REPS,
    MAX_RESISTANCE_SETS, MAX_SESSION_MINUTES, MIN_RESISTANCE_REST,
};

/// One rule broken at one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: Code,
    pub path: Path,
    pub message: String,
    pub help: Option<String>,
}

/// The longest title or name, in characters.
pub const MAX_NAME: usize = 80;
/// The longest cue, in characters: two lines of the narrowest session screen.
pub const MAX_CUE: usize = 140;
/// Sessions estimated over this many minutes get a warning.
pub const LONG_SESSION_MINUTES: u32 = 60;

struct Checker<'a> {
    library: &'a Library,
    catalog: Catalog<'a>,
    /// The settings the program names ("Pilates"), for names refused only there.
    context: Context,
    found: Vec<Finding>,
}

/// Checks a program against every rule; an empty result means it is safe to run.
pub fn check(program: &Program, library: &Library) -> Vec<Finding> {
    let mut c = Checker {
        library,
        catalog: Catalog::new(library, &program.exercises),
        context: library.lexicon().context(texts(program)),
        found: Vec::new(),
    };
    c.program(program);
    c.found
}

impl Checker<'_> {
    fn add(&mut self, code: Code, path: Path, message: String, help: Option<String>) {
        self.found.push(Finding {
            code,
            path,
            message,
            help,
        });
    }

    fn program(&mut self, p: &Program) {
        let root = Path::root();
        // Titles, summaries and section names are screened for refused movements; ambiguous
        // words are warned about only in an exercise's own texts, where they describe what
        // the body does ("Stretch" as a block name is a heading, not a movement).
        self.name(&root.field("title"), "the title", &p.title);
        self.words(&root.field("title"), &p.title, Field::Name, false);
        self.text(&root.field("summary"), p.summary.as_deref());
        if let Some(summary) = &p.summary {
            self.words(&root.field("summary"), summary, Field::Prose, false);
        }
        self.text(&root.field("author"), p.author.as_deref());
        self.range(
            root.field("per_week"),
            "per_week",
            p.per_week,
            ranges::PER_WEEK,
            "sessions a week",
        );
        self.range(
            root.field("advance_after"),
            "advance_after",
            p.advance_after,
            ranges::ADVANCE_AFTER,
            "clean sessions before an item moves up",
        );
        self.exercises(p);
        self.sessions(p);
        self.plausible(p);
        self.balance_of_kinds(p);
    }

    fn range(
        &mut self,
        path: Path,
        field: &str,
        value: u32,
        range: std::ops::RangeInclusive<u32>,
        meaning: &str,
    ) {
        if !range.contains(&value) {
            self.add(
                Code::OutOfRange,
                path,
                format!(
                    "`{field}: {value}` is outside {}..={} ({meaning})",
                    range.start(),
                    range.end()
                ),
                Some(format!(
                    "use a number from {} to {}",
                    range.start(),
                    range.end()
                )),
            );
        }
    }

    fn exercises(&mut self, p: &Program) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, e) in p.exercises.iter().enumerate() {
            let path = Path::root().field("exercises").index(i);
            self.exercise(&path, e);
            if seen.insert(e.id.as_str(), i).is_some() {
                self.add(
                    Code::DuplicateId,
                    path.field("id"),
                    format!(
                        "the id \"{}\" is used by two exercises in this program",
                        e.id
                    ),
                    Some("give each exercise its own id".into()),
                );
            } else if self.library.get(&e.id).is_some() {
                self.add(
                    Code::DuplicateId,
                    path.field("id"),
                    format!(
                        "the id \"{}\" is already an exercise in the bundled library",
                        e.id
                    ),
                    Some("use the library exercise as it is, or give yours a different id".into()),
                );
            }
        }
    }

    fn exercise(&mut self, path: &Path, e: &Exercise) {
        self.name(&path.field("id"), "the id", &e.id);
        if !is_kebab_case(&e.id) && !e.id.is_empty() {
            self.add(
                Code::IdFormat,
                path.field("id"),
                format!(
                    "the id \"{}\" must be lowercase words joined by hyphens",
                    crate::common::text::clean_line(&e.id)
                ),
                Some(format!("write it as \"{}\"", to_kebab_case(&e.id))),
            );
        }
        self.name(&path.field("name"), "the name", &e.name);
        if e.kinds.is_empty() {
            self.add(
                Code::NoKinds,
                path.field("kinds"),
                "an exercise needs at least one kind".into(),
                Some("add one or more of WeightBearing, Resistance, Balance, Extension".into()),
            );
        }
        if e.cues.is_empty() {
            self.add(
                Code::NoCues,
                path.field("cues"),
                "an exercise needs at least one cue: the coach shows cues while the person works"
                    .into(),
                Some("add a short instruction, such as \"Keep your back long.\"".into()),
            );
        }
        for (j, cue) in e.cues.iter().enumerate() {
            self.bounded(&path.field("cues").index(j), "this cue", cue, MAX_CUE);
        }
        for (j, item) in e.equipment.iter().enumerate() {
            self.text(&path.field("equipment").index(j), Some(item));
        }
        self.text(&path.field("caution"), e.caution.as_deref());
        self.spine(path, e);
        self.exercise_words(path, e);
        self.links(path, e);
        self.declared_impact(path, e);
    }

    fn sessions(&mut self, p: &Program) {
        let root = Path::root();
        if p.sessions.is_empty() {
            self.add(
                Code::NoSessions,
                root.field("sessions"),
                "the program has no sessions, so there is nothing to run".into(),
                Some("add at least one Session(name: ..., blocks: [...])".into()),
            );
        }
        let mut names = HashSet::new();
        for (i, s) in p.sessions.iter().enumerate() {
            let sp = root.field("sessions").index(i);
            self.name(&sp.field("name"), "the session name", &s.name);
            self.words(&sp.field("name"), &s.name, Field::Name, false);
            if !names.insert(s.name.trim().to_lowercase()) {
                self.add(
                    Code::DuplicateSession,
                    sp.field("name"),
                    format!("two sessions are called \"{}\"", s.name),
                    Some("give each session its own name, such as \"A\" and \"B\"".into()),
                );
            }
            if s.blocks.is_empty() {
                self.add(
                    Code::EmptySession,
                    sp.field("blocks"),
                    format!("session \"{}\" has no blocks", s.name),
                    Some("add a Block(name: ..., items: [...])".into()),
                );
            }
            for (j, b) in s.blocks.iter().enumerate() {
                let bp = sp.field("blocks").index(j);
                self.name(&bp.field("name"), "the block name", &b.name);
                self.words(&bp.field("name"), &b.name, Field::Name, false);
                if b.items.is_empty() {
                    self.add(
                        Code::EmptyBlock,
                        bp.field("items"),
                        format!("block \"{}\" has no items", b.name),
                        Some("add an Item(exercise: ..., dose: ...) or remove the block".into()),
                    );
                }
                if let Some(pick) = b.pick
                    && (pick == 0 || pick as usize > b.items.len())
                {
                    self.add(
                        Code::PickRange,
                        bp.field("pick"),
                        format!(
                            "`pick: {pick}` but the block has {} item{}",
                            b.items.len(),
                            if b.items.len() == 1 { "" } else { "s" }
                        ),
                        Some(format!(
                            "pick between 1 and {}, or leave `pick` out to run every item",
                            b.items.len().max(1)
                        )),
                    );
                }
                for (k, item) in b.items.iter().enumerate() {
                    self.item(&bp.field("items").index(k), item, p);
                }
            }
        }
    }

    fn item(&mut self, path: &Path, item: &Item, p: &Program) {
        self.text(&path.field("exercise"), Some(&item.exercise));
        self.dose(&path.field("dose"), &item.dose);
        let exercise = self.catalog.get(&item.exercise);
        match exercise {
            None => {
                let at = path.field("exercise");
                if self.words(&at, &item.exercise, Field::Name, false) != names::Words::Refused {
                    let guess = closest(&item.exercise, self.catalog.ids());
                    self.add(
                        Code::UnknownExercise,
                        at,
                        format!(
                            "there is no exercise with the id \"{}\"",
                            crate::common::text::clean_line(&item.exercise)
                        ),
                        Some(guess.map_or_else(
                            || "see `upright library` for the bundled exercises, or add your own under `exercises`".into(),
                            |g| format!("did you mean \"{g}\"?"),
                        )),
                    );
                }
            }
            Some(e) => {
                self.item_impact(path, item, e, p);
                self.guidance(path, item, e);
            }
        }
        self.progress(path, item, exercise);
    }

    fn balance_of_kinds(&mut self, p: &Program) {
        let kinds: HashSet<Kind> = p
            .sessions
            .iter()
            .flat_map(|s| &s.blocks)
            .flat_map(|b| &b.items)
            .filter_map(|i| self.catalog.get(&i.exercise))
            .flat_map(|e| e.kinds.iter().copied())
            .collect();
        if p.sessions
            .iter()
            .all(|s| s.blocks.iter().all(|b| b.items.is_empty()))
        {
            return;
        }
        if !kinds.contains(&Kind::Balance) {
            self.add(
                Code::NoBalance,
                Path::root().field("title"),
                "the program has no balance work; balance training helps prevent the falls that break bones".into(),
                Some("add a balance exercise such as tandem stance or single-leg stand".into()),
            );
        }
        if !kinds.contains(&Kind::Extension) {
            self.add(
                Code::NoExtension,
                Path::root().field("title"),
                "the program has no back-extension work, which protects the spine".into(),
                Some(
                    "add an extension exercise such as prone back extension or wall angels".into(),
                ),
            );
        }
    }
}

/// Every text of a program that can say what setting it is in: title, summary, session and
/// block names, and its own exercises' names, equipment, cues and cautions.
fn texts(p: &Program) -> impl Iterator<Item = &str> {
    let sessions = p
        .sessions
        .iter()
        .flat_map(|s| std::iter::once(&s.name).chain(s.blocks.iter().map(|b| &b.name)));
    let exercises = p.exercises.iter().flat_map(|e| {
        std::iter::once(&e.name)
            .chain(&e.equipment)
            .chain(&e.cues)
            .chain(&e.caution)
    });
    std::iter::once(&p.title)
        .chain(&p.summary)
        .chain(sessions)
        .chain(exercises)
        .map(String::as_str)
}

/// Lowercase letters and digits in words joined by single hyphens.
pub fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

fn to_kebab_case(id: &str) -> String {
    id.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests;
