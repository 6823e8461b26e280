//! The safety checker: every rule of `docs/program-format.md` over a loaded `Program`. Each
//! finding names the path of the offending value; `load` turns paths into lines and columns.

use std::collections::{HashMap, HashSet};

use super::diagnostic::Code;
use super::dose;
use super::locate::Path;
use super::phrases::Field;
use super::{Catalog, Dose, Exercise, Impact, Kind, Level, Library, Program, Spine, Step};
use crate::common::text::closest;
use crate::common::text::is_forbidden;

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
    found: Vec<Finding>,
}

/// Checks a program against every rule; an empty result means it is safe to run.
pub fn check(program: &Program, library: &Library) -> Vec<Finding> {
    let mut c = Checker {
        library,
        catalog: Catalog::new(library, &program.exercises),
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
        self.name(&root.field("title"), "the title", &p.title);
        self.text(&root.field("summary"), p.summary.as_deref());
        self.text(&root.field("author"), p.author.as_deref());
        self.range(
            root.field("per_week"),
            "per_week",
            p.per_week,
            dose::PER_WEEK,
            "sessions a week",
        );
        self.range(
            root.field("advance_after"),
            "advance_after",
            p.advance_after,
            dose::ADVANCE_AFTER,
            "clean sessions before an item moves up",
        );
        self.exercises(p);
        self.sessions(p);
        self.balance_of_kinds(p);
    }

    fn text(&mut self, path: &Path, text: Option<&str>) {
        let Some(text) = text else { return };
        if let Some(c) = text.chars().find(|&c| c != '\n' && is_forbidden(c)) {
            let (message, help) = if c == '\t' {
                (
                    "this text holds a tab, which would break the layout on screen".to_owned(),
                    "replace the tab with a space",
                )
            } else {
                (
                    format!(
                        "this text holds the invisible control character U+{:04X}, which could garble the screen",
                        c as u32
                    ),
                    "remove the escape (such as \\u{1b}) from the text",
                )
            };
            self.add(
                Code::ControlCharacter,
                path.clone(),
                message,
                Some(help.into()),
            );
        }
    }

    fn name(&mut self, path: &Path, what: &str, text: &str) {
        self.bounded(path, what, text, MAX_NAME);
    }

    fn bounded(&mut self, path: &Path, what: &str, text: &str, max: usize) {
        self.text(path, Some(text));
        let n = text.trim().chars().count();
        if n == 0 {
            self.add(
                Code::TextLength,
                path.clone(),
                format!("{what} is empty"),
                Some("write a short, plain name".into()),
            );
        } else if text.chars().count() > max {
            self.add(
                Code::TextLength,
                path.clone(),
                format!(
                    "{what} is {} characters long; at most {max} fit on the session screen",
                    text.chars().count()
                ),
                Some(if max == MAX_NAME {
                    "shorten it; longer explanations belong in `summary` or the cues".into()
                } else {
                    "shorten it, or split it into two cues".into()
                }),
            );
        }
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

    fn dose_range(
        &mut self,
        path: Path,
        field: &str,
        value: u32,
        range: std::ops::RangeInclusive<u32>,
    ) {
        if !range.contains(&value) {
            let unit = match field {
                "rest" | "tempo" | "hold" | "secs" => " seconds",
                _ => "",
            };
            self.add(
                Code::DoseRange,
                path,
                format!(
                    "`{field}: {value}` is outside the safe range of {} to {}{unit}",
                    range.start(),
                    range.end()
                ),
                Some(format!(
                    "use a `{field}` from {} to {}",
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
        self.disguise(path, e);
        for (field, link) in [("easier", &e.easier), ("harder", &e.harder)] {
            let Some(id) = link else { continue };
            if self.catalog.get(id).is_none() {
                let guess = closest(id, self.catalog.ids());
                self.add(
                    Code::UnknownLink,
                    path.field(field),
                    format!("`{field}` names \"{id}\", which is not an exercise"),
                    Some(guess.map_or_else(
                        || "use the id of a library exercise (`upright library`) or one in this file".into(),
                        |g| format!("did you mean \"{g}\"?"),
                    )),
                );
            } else if self.cycles(e, field) {
                self.add(
                    Code::LinkCycle,
                    path.field(field),
                    format!(
                        "following `{field}` from \"{}\" comes back to it, so the ladder never ends",
                        e.id
                    ),
                    Some(format!("end the {field} ladder at an exercise without `{field}`")),
                );
            }
        }
    }

    fn cycles(&self, start: &Exercise, field: &str) -> bool {
        let next = |e: &Exercise| {
            if field == "easier" {
                e.easier.clone()
            } else {
                e.harder.clone()
            }
        };
        let mut seen = HashSet::new();
        let mut id = next(start);
        while let Some(current) = id {
            if current == start.id {
                return true;
            }
            if !seen.insert(current.clone()) {
                return false; // a loop further on, reported at its own exercise
            }
            id = self.catalog.get(&current).and_then(next);
        }
        false
    }

    fn spine(&mut self, path: &Path, e: &Exercise) {
        let (code, why) = match e.spine {
            Spine::Neutral | Spine::Extension => return,
            Spine::Flexion => (
                Code::Flexion,
                "bending the spine forward (flexion) loads the front of the vertebrae and raises the risk of a spine fracture",
            ),
            Spine::Rotation => (
                Code::Twisting,
                "twisting the spine, especially with load, raises the risk of a spine fracture",
            ),
            Spine::SideBend => (
                Code::SideBend,
                "bending the spine sideways at end of range raises the risk of a spine fracture",
            ),
        };
        self.add(
            code,
            path.field("spine"),
            format!("\"{}\" is marked `spine: {:?}`: {why}", e.name, e.spine),
            Some(self.instead_help(e.spine, None)),
        );
    }

    fn instead_help(&self, movement: Spine, instead: Option<&str>) -> String {
        let fallback = match movement {
            Spine::Rotation | Spine::SideBend => "band-pull-apart",
            _ => "prone-back-extension",
        };
        let name = instead
            .and_then(|id| self.library.get(id))
            .or_else(|| self.library.get(fallback))
            .map_or("a back extension exercise", |e| e.name.as_str());
        match movement {
            Spine::Rotation | Spine::SideBend => {
                format!("keep the spine still and upright: use an exercise such as {name} instead")
            }
            _ => format!("use an extension exercise such as {name} instead"),
        }
    }

    fn disguise(&mut self, path: &Path, e: &Exercise) {
        let mut texts: Vec<(Path, &str, Field)> = vec![
            (path.field("id"), e.id.as_str(), Field::Name),
            (path.field("name"), e.name.as_str(), Field::Name),
        ];
        for (j, cue) in e.cues.iter().enumerate() {
            texts.push((path.field("cues").index(j), cue.as_str(), Field::Cue));
        }
        if let Some(c) = &e.caution {
            texts.push((path.field("caution"), c.as_str(), Field::Cue));
        }
        for (at, text, field) in texts {
            if let Some(hit) = self.library.phrases().find(text, field) {
                self.disguised(at, text, hit.movement, &hit.phrase, &hit.instead);
                return; // one is enough: the exercise has to go either way
            }
        }
    }

    fn disguised(&mut self, at: Path, text: &str, movement: Spine, phrase: &str, instead: &str) {
        let (code, what) = match movement {
            Spine::Rotation => (Code::DisguisedTwisting, "twisting"),
            Spine::SideBend => (Code::DisguisedSideBend, "side bending"),
            _ => (Code::DisguisedFlexion, "forward bending (flexion)"),
        };
        let help = self.instead_help(movement, Some(instead));
        self.add(
            code,
            at,
            format!(
                "\"{}\" describes {what} (\"{phrase}\"), which is never safe with osteoporosis of the spine",
                crate::common::text::clean_line(text)
            ),
            Some(help),
        );
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
                    self.item(&bp.field("items").index(k), item, p.level);
                }
            }
            let minutes = s.estimate_minutes();
            if minutes > LONG_SESSION_MINUTES {
                self.add(
                    Code::LongSession,
                    sp.field("name"),
                    format!("session \"{}\" is estimated at {minutes} minutes", s.name),
                    Some("over an hour is a lot for one session: consider splitting it".into()),
                );
            }
        }
    }

    fn item(&mut self, path: &Path, item: &super::Item, level: Level) {
        self.text(&path.field("exercise"), Some(&item.exercise));
        self.dose(&path.field("dose"), &item.dose);
        let exercise = self.catalog.get(&item.exercise);
        match exercise {
            None => {
                if let Some(hit) = self.library.phrases().find(&item.exercise, Field::Name) {
                    let (movement, phrase, instead) =
                        (hit.movement, hit.phrase.clone(), hit.instead.clone());
                    self.disguised(
                        path.field("exercise"),
                        &item.exercise,
                        movement,
                        &phrase,
                        &instead,
                    );
                } else {
                    let guess = closest(&item.exercise, self.catalog.ids());
                    self.add(
                        Code::UnknownExercise,
                        path.field("exercise"),
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
                if e.impact == Impact::High {
                    self.add(
                        Code::HighImpact,
                        path.field("exercise"),
                        format!("\"{}\" is high impact", e.name),
                        Some("high impact suits only people assessed as able; most people with osteoporosis of the spine should stay at moderate impact or below".into()),
                    );
                } else if e.impact == Impact::Moderate && level == Level::Beginner {
                    self.add(
                        Code::ModerateImpactBeginner,
                        path.field("exercise"),
                        format!("\"{}\" is moderate impact in a beginner program", e.name),
                        Some("start with low-impact work such as marching, or mark the program Intermediate".into()),
                    );
                }
            }
        }
        self.progress(path, item, exercise);
    }

    fn dose(&mut self, path: &Path, d: &Dose) {
        match *d {
            Dose::Reps {
                sets,
                reps,
                rest,
                tempo,
                ..
            } => {
                self.dose_range(path.field("sets"), "sets", sets, dose::SETS);
                self.dose_range(path.field("reps"), "reps", reps, dose::REPS);
                self.dose_range(path.field("rest"), "rest", rest, dose::REST);
                if let Some(t) = tempo {
                    self.dose_range(path.field("tempo"), "tempo", t, dose::TEMPO);
                }
            }
            Dose::Holds {
                sets,
                reps,
                hold,
                rest,
                ..
            } => {
                self.dose_range(path.field("sets"), "sets", sets, dose::SETS);
                self.dose_range(path.field("reps"), "reps", reps, dose::REPS);
                self.dose_range(path.field("hold"), "hold", hold, dose::HOLD);
                self.dose_range(path.field("rest"), "rest", rest, dose::REST);
            }
            Dose::Time {
                secs, sets, rest, ..
            } => {
                self.dose_range(path.field("secs"), "secs", secs, dose::SECS);
                self.dose_range(path.field("sets"), "sets", sets, dose::SETS);
                self.dose_range(path.field("rest"), "rest", rest, dose::REST);
            }
        }
    }

    fn progress(&mut self, path: &Path, item: &super::Item, exercise: Option<&Exercise>) {
        let mut current = exercise;
        for (i, step) in item.progress.iter().enumerate() {
            let sp = path.field("progress").index(i);
            let variant = match item.dose {
                Dose::Reps { .. } => "Reps",
                Dose::Holds { .. } => "Holds",
                Dose::Time { .. } => "Time",
            };
            let (start, max, what) = match (*step, item.dose) {
                (Step::Harder, _) => {
                    match current {
                        Some(e) if e.harder.is_none() => {
                            self.add(
                                Code::ProgressHarder,
                                sp,
                                format!(
                                    "`Harder` needs a harder variant, and \"{}\" has none",
                                    e.name
                                ),
                                Some("remove `Harder`, or give the exercise a `harder` id".into()),
                            );
                            current = None;
                        }
                        Some(e) => current = e.harder.as_deref().and_then(|h| self.catalog.get(h)),
                        None => {}
                    }
                    continue;
                }
                (Step::AddReps { .. }, Dose::Reps { reps, .. } | Dose::Holds { reps, .. }) => {
                    (reps, *dose::REPS.end(), "reps")
                }
                (Step::AddTime { .. }, Dose::Time { secs, .. }) => {
                    (secs, *dose::SECS.end(), "secs")
                }
                (Step::AddTime { .. }, Dose::Holds { hold, .. }) => {
                    (hold, *dose::HOLD.end(), "hold")
                }
                (Step::AddSets { .. }, d) => (d.sets(), *dose::SETS.end(), "sets"),
                (Step::AddReps { .. }, _) => {
                    self.mismatch(sp, "AddReps", variant, "use AddTime to lengthen timed work");
                    continue;
                }
                (Step::AddTime { .. }, _) => {
                    self.mismatch(sp, "AddTime", variant, "use AddReps or AddSets for counted reps, or give the reps a hold with Holds(...)");
                    continue;
                }
            };
            let (step_size, up_to) = match *step {
                Step::AddReps { step, up_to } | Step::AddTime { step, up_to } => (step, up_to),
                Step::AddSets { up_to } => (1, up_to),
                Step::Harder => unreachable!("handled above"),
            };
            if step_size == 0 {
                self.add(
                    Code::ProgressStep,
                    sp.field("step"),
                    "`step: 0` adds nothing, so the item could never progress".into(),
                    Some("use a step of 1 or more".into()),
                );
            }
            if start > max {
                continue; // the dose itself is out of range, reported there
            }
            if up_to < start || up_to > max {
                self.add(
                    Code::ProgressCap,
                    sp.field("up_to"),
                    if up_to < start {
                        format!("`up_to: {up_to}` is below the starting {what} of {start}")
                    } else {
                        format!("`up_to: {up_to}` is above the most {what} allowed, {max}")
                    },
                    Some(format!("use an `up_to` from {start} to {max}")),
                );
            }
        }
    }

    fn mismatch(&mut self, at: Path, step: &str, variant: &str, help: &str) {
        self.add(
            Code::ProgressMismatch,
            at,
            format!("`{step}` does not fit a `{variant}` dose"),
            Some(help.into()),
        );
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
#[path = "check_tests.rs"]
mod tests;
