//! A program's rules as the replay needs them (each item's ladder and `advance_after`, and
//! which sessions are the program's), and where a dose logged under an older ladder stands on
//! today's (`nearest`: levels survive editing the program). Pure.

use std::collections::BTreeMap;

use crate::program::Dose;
use crate::training::ladder::Rung;
use crate::training::runnable::Runnable;

/// A program's rules as replay needs them: each item's ladder and `advance_after`. Kept in
/// key order, so that its `Debug` text is the same every time (`snapshot` fingerprints it).
#[derive(Debug, Clone)]
pub struct Rules {
    source: String,
    title: String,
    advance_after: u32,
    ladders: BTreeMap<String, Vec<Rung>>,
}

/// No rules: what a replay kept in a snapshot holds until it is given its program's again.
static NO_RULES: Rules = Rules {
    source: String::new(),
    title: String::new(),
    advance_after: 1,
    ladders: BTreeMap::new(),
};

pub(crate) fn no_rules() -> &'static Rules {
    Rules::none()
}

impl Rules {
    /// The rules of `runnable`; `source` is how the journal names where the program came
    /// from (`Origin::label`).
    pub fn new(runnable: &Runnable, source: &str) -> Rules {
        let program = runnable.program();
        Rules {
            source: source.to_owned(),
            title: program.title.clone(),
            advance_after: program.advance_after.max(1),
            ladders: runnable
                .ladders()
                .iter()
                .map(|(k, l)| (k.0.clone(), l.clone()))
                .collect(),
        }
    }

    /// No rules at all: what a replay kept in a snapshot holds until `Replay::resume`.
    pub fn none() -> &'static Rules {
        &NO_RULES
    }

    /// The item's ladder, level 0 first (never empty).
    pub fn ladder(&self, key: &str) -> Option<&[Rung]> {
        self.ladders
            .get(key)
            .filter(|l| !l.is_empty())
            .map(Vec::as_slice)
    }

    /// The items it has a ladder for.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.ladders.keys()
    }

    pub fn advance_after(&self) -> u32 {
        self.advance_after
    }

    /// Whether a session belongs to this program: the same source, or the same title (a
    /// program file that was moved or renamed).
    pub fn owns(&self, source: &str, program: &str) -> bool {
        source == self.source || program == self.title
    }
}

/// The same amount of work (rest and tempo aside).
pub(crate) fn same_work(a: Dose, b: Dose) -> bool {
    not_above(a, b) && not_above(b, a)
}

/// `new` asks no more of the person than `old`.
fn not_above(new: Dose, old: Dose) -> bool {
    let sides_ok = !new.per_side() || old.per_side();
    match (new, old) {
        (
            Dose::Reps {
                sets: s1, reps: r1, ..
            },
            Dose::Reps {
                sets: s2, reps: r2, ..
            },
        ) => sides_ok && s1 <= s2 && r1 <= r2,
        (
            Dose::Holds {
                sets: s1,
                reps: r1,
                hold: h1,
                ..
            },
            Dose::Holds {
                sets: s2,
                reps: r2,
                hold: h2,
                ..
            },
        ) => sides_ok && s1 <= s2 && r1 <= r2 && h1 <= h2,
        (
            Dose::Time {
                secs: t1, sets: s1, ..
            },
            Dose::Time {
                secs: t2, sets: s2, ..
            },
        ) => sides_ok && s1 <= s2 && t1 <= t2,
        _ => total_work(new) <= total_work(old),
    }
}

fn total_work(d: Dose) -> u64 {
    u64::from(d.sets()) * u64::from(d.sides()) * u64::from(d.work_secs())
}

/// The highest rung of today's ladder that is not above what was done (`exercise` at `dose`):
/// a rung of the same exercise at no more work, or any rung of an easier exercise before it in
/// the ladder. The start (0) when there is none, or when the exercise is no longer in it.
pub fn nearest(rungs: &[Rung], exercise: &str, dose: Dose) -> u32 {
    let first = rungs.iter().position(|r| r.exercise == exercise);
    let mut best = 0;
    for (i, r) in rungs.iter().enumerate() {
        let below = if r.exercise == exercise {
            not_above(r.dose, dose)
        } else {
            first.is_some_and(|f| i < f)
        };
        if below {
            best = i as u32;
        }
    }
    best
}
