//! Programs, the first step of the flow: the data a physiotherapist writes (`Program`,
//! `Session`, `Block`, `Item`, `Dose`, `Step`, `Exercise`), how it is loaded from RON, the
//! safety checker, the exercise library, the bundled programs and where program files are found.
//!
//! The field names and variants here are the contract of `docs/program-format.md`; they are
//! stable. Numbers are `u32` so an out-of-range value reaches the checker (which explains the
//! range) instead of failing as a type error.

pub mod bundled;
pub mod check;
pub mod comments;
pub mod diagnostic;
pub mod dose;
pub mod figure;
pub mod lexicon;
pub mod library;
pub mod load;
pub mod locate;
pub mod pose_check;
mod ron_tree;
pub mod source;
pub mod sources;
pub mod summary;
pub mod write;

use serde::{Deserialize, Serialize};

pub use diagnostic::{Code, Diagnostic, Severity};
pub use library::{Catalog, Library};
pub use load::{Checked, check_source};

/// A whole program file.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Program {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    pub level: Level,
    pub per_week: u32,
    #[serde(default = "default_advance_after")]
    pub advance_after: u32,
    /// Marked by its author as suitable after an assessed spine fracture: nothing beyond the
    /// impact of brisk walking, and nothing that progresses into it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub after_fracture: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exercises: Vec<Exercise>,
    pub sessions: Vec<Session>,
}

/// Clean sessions at a level before an item moves up, when the program does not say.
pub const DEFAULT_ADVANCE_AFTER: u32 = 2;

fn default_advance_after() -> u32 {
    DEFAULT_ADVANCE_AFTER
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum Level {
    Beginner,
    Intermediate,
    Advanced,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::Beginner => "Beginner",
            Level::Intermediate => "Intermediate",
            Level::Advanced => "Advanced",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub name: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Block {
    pub name: String,
    /// Each run draws this many of the items at random; `None` runs them all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pick: Option<u32>,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub exercise: String,
    pub dose: Dose,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub progress: Vec<Step>,
}

/// How much of an exercise: all times are whole seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum Dose {
    Reps {
        sets: u32,
        reps: u32,
        rest: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tempo: Option<u32>,
        #[serde(default, skip_serializing_if = "is_false")]
        per_side: bool,
    },
    Holds {
        sets: u32,
        reps: u32,
        hold: u32,
        rest: u32,
        #[serde(default, skip_serializing_if = "is_false")]
        per_side: bool,
    },
    Time {
        secs: u32,
        #[serde(default = "one", skip_serializing_if = "is_one")]
        sets: u32,
        #[serde(default, skip_serializing_if = "is_zero")]
        rest: u32,
        #[serde(default, skip_serializing_if = "is_false")]
        per_side: bool,
    },
}

fn one() -> u32 {
    1
}
fn is_one(n: &u32) -> bool {
    *n == 1
}
fn is_zero(n: &u32) -> bool {
    *n == 0
}
fn is_false(b: &bool) -> bool {
    !*b
}

/// One step of a progression ladder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum Step {
    AddReps { step: u32, up_to: u32 },
    AddTime { step: u32, up_to: u32 },
    AddSets { up_to: u32 },
    Harder,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    pub id: String,
    pub name: String,
    pub kinds: Vec<Kind>,
    pub spine: Spine,
    pub impact: Impact,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub equipment: Vec<String>,
    pub cues: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caution: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub easier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub harder: Option<String>,
    /// How a paced rep moves, in order: each part's word and its share of the rep's seconds,
    /// `[("lower", 3), ("push", 1)]`. Without it a paced rep is "move" then "return", in halves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pace: Vec<(String, u32)>,
    /// How it looks, drawn beside the cues and in the handout (see `figure`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figure: Option<figure::Figure>,
    /// The id of an exercise whose figure this one shares, instead of a `figure` of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figure_of: Option<String>,
}

impl Exercise {
    pub fn has_kind(&self, kind: Kind) -> bool {
        self.kinds.contains(&kind)
    }

    /// The kinds as words, for tables and screens ("Resistance, Balance").
    pub fn kinds_label(&self) -> String {
        self.kinds
            .iter()
            .map(|k| k.label())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
pub enum Kind {
    WeightBearing,
    Resistance,
    Balance,
    Extension,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::WeightBearing,
        Kind::Resistance,
        Kind::Balance,
        Kind::Extension,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Kind::WeightBearing => "Weight-bearing",
            Kind::Resistance => "Resistance",
            Kind::Balance => "Balance",
            Kind::Extension => "Extension",
        }
    }

    /// The RON spelling, as written in program files and on the command line.
    pub fn ron_name(self) -> &'static str {
        match self {
            Kind::WeightBearing => "WeightBearing",
            Kind::Resistance => "Resistance",
            Kind::Balance => "Balance",
            Kind::Extension => "Extension",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum Spine {
    Neutral,
    Extension,
    Flexion,
    Rotation,
    SideBend,
}

impl Spine {
    pub fn label(self) -> &'static str {
        match self {
            Spine::Neutral => "Neutral",
            Spine::Extension => "Extension",
            Spine::Flexion => "Flexion",
            Spine::Rotation => "Rotation",
            Spine::SideBend => "Side bend",
        }
    }

    pub fn is_safe(self) -> bool {
        matches!(self, Spine::Neutral | Spine::Extension)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
pub enum Impact {
    None,
    Low,
    Moderate,
    High,
}

impl Impact {
    pub fn label(self) -> &'static str {
        match self {
            Impact::None => "None",
            Impact::Low => "Low",
            Impact::Moderate => "Moderate",
            Impact::High => "High",
        }
    }
}

impl Program {
    pub fn session(&self, name: &str) -> Option<&Session> {
        self.sessions
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
    }
}

impl Block {
    /// How many items one run of the block does.
    pub fn runs(&self) -> usize {
        self.pick
            .map_or(self.items.len(), |p| (p as usize).min(self.items.len()))
    }
}

impl Session {
    /// Estimated seconds for the session at the file's doses (a block that picks counts its
    /// average item).
    pub fn estimate_secs(&self) -> u32 {
        self.blocks
            .iter()
            .map(|b| {
                let total: u32 = b.items.iter().map(|i| i.dose.estimate_secs()).sum();
                match b.pick {
                    Some(_) if !b.items.is_empty() => {
                        total * b.runs() as u32 / b.items.len() as u32
                    }
                    _ => total,
                }
            })
            .sum()
    }

    /// Estimated whole minutes, rounded to the nearest.
    pub fn estimate_minutes(&self) -> u32 {
        (self.estimate_secs() + 30) / 60
    }
}
