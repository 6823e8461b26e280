//! What each line of the editor holds and how a key changes it: a number within its range
//! (from the format's dose limits), a choice that cycles (level, dose variant, kind of
//! progress step), a switch, or an action. Works on the document alone, so every rule here is
//! tested without a screen.

use std::ops::RangeInclusive;

use super::document::Document;
use super::rows::Row;
use crate::program::{Dose, Level, Step, dose};

/// Something an editor can change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldId {
    Title,
    Summary,
    Author,
    Level,
    PerWeek,
    AdvanceAfter,
    SessionName,
    BlockName,
    Pick,
    Variant,
    Sets,
    Reps,
    Hold,
    Secs,
    Rest,
    Tempo,
    PerSide,
    StepKind(usize),
    StepSize(usize),
    StepCap(usize),
    AddStep,
}

/// A number field's value and what it may be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    pub value: u32,
    pub range: RangeInclusive<u32>,
    /// How much one press of a left or right arrow changes it.
    pub step: u32,
}

fn num(value: u32, range: RangeInclusive<u32>, step: u32) -> Number {
    Number { value, range, step }
}

fn secs_step(v: u32) -> u32 {
    if v >= 120 { 15 } else { 5 }
}

/// The number behind a field, with its range.
pub fn number(doc: &Document, row: Row, id: FieldId) -> Option<Number> {
    let p = &doc.program;
    match (row, id) {
        (Row::Program, FieldId::PerWeek) => Some(num(p.per_week, dose::PER_WEEK, 1)),
        (Row::Program, FieldId::AdvanceAfter) => Some(num(p.advance_after, dose::ADVANCE_AFTER, 1)),
        (Row::Block(s, b), FieldId::Pick) => {
            let block = p.sessions.get(s)?.blocks.get(b)?;
            Some(num(
                block.pick.unwrap_or(0),
                0..=block.items.len() as u32,
                1,
            ))
        }
        (Row::Item(s, b, i), id) => {
            let item = doc.item(s, b, i)?;
            let d = item.dose;
            match (id, d) {
                (FieldId::Sets, _) => Some(num(d.sets(), dose::SETS, 1)),
                (FieldId::Reps, Dose::Reps { reps, .. } | Dose::Holds { reps, .. }) => {
                    Some(num(reps, dose::REPS, 1))
                }
                (FieldId::Hold, Dose::Holds { hold, .. }) => Some(num(hold, dose::HOLD, 1)),
                (FieldId::Secs, Dose::Time { secs, .. }) => {
                    Some(num(secs, dose::SECS, secs_step(secs)))
                }
                (FieldId::Rest, _) => Some(num(d.rest(), dose::REST, 5)),
                (FieldId::Tempo, Dose::Reps { tempo, .. }) => {
                    Some(num(tempo.unwrap_or(0), 0..=*dose::TEMPO.end(), 1))
                }
                (FieldId::StepSize(k), d) => match item.progress.get(k)? {
                    Step::AddReps { step, .. } => Some(num(*step, 1..=10, 1)),
                    Step::AddTime { step, .. } => match d {
                        Dose::Time { .. } => Some(num(*step, 1..=600, 5)),
                        _ => Some(num(*step, 1..=30, 1)),
                    },
                    _ => None,
                },
                (FieldId::StepCap(k), d) => {
                    let (cap, start, max, step) = match (*item.progress.get(k)?, d) {
                        (Step::AddReps { up_to, .. }, d) => {
                            (up_to, d.reps().unwrap_or(1), *dose::REPS.end(), 1)
                        }
                        (Step::AddTime { up_to, .. }, Dose::Time { secs, .. }) => {
                            (up_to, secs, *dose::SECS.end(), secs_step(up_to))
                        }
                        (Step::AddTime { up_to, .. }, Dose::Holds { hold, .. }) => {
                            (up_to, hold, *dose::HOLD.end(), 1)
                        }
                        (Step::AddTime { up_to, .. }, _) => (up_to, 1, *dose::SECS.end(), 1),
                        (Step::AddSets { up_to }, d) => (up_to, d.sets(), *dose::SETS.end(), 1),
                        (Step::Harder, _) => return None,
                    };
                    Some(num(cap, start.min(max)..=max, step))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// Sets a number field (the caller keeps it in range).
pub fn set_number(doc: &mut Document, row: Row, id: FieldId, n: u32) {
    match (row, id) {
        (Row::Program, FieldId::PerWeek) => doc.program.per_week = n,
        (Row::Program, FieldId::AdvanceAfter) => doc.program.advance_after = n,
        (Row::Block(s, b), FieldId::Pick) => {
            if let Some(block) = doc.block_mut(s, b) {
                block.pick = (n > 0).then_some(n);
            }
        }
        (Row::Item(s, b, i), id) => {
            let Some(item) = doc.item_mut(s, b, i) else {
                return;
            };
            match (&mut item.dose, id) {
                (
                    Dose::Reps { sets, .. } | Dose::Holds { sets, .. } | Dose::Time { sets, .. },
                    FieldId::Sets,
                ) => *sets = n,
                (Dose::Reps { reps, .. } | Dose::Holds { reps, .. }, FieldId::Reps) => *reps = n,
                (Dose::Holds { hold, .. }, FieldId::Hold) => *hold = n,
                (Dose::Time { secs, .. }, FieldId::Secs) => *secs = n,
                (
                    Dose::Reps { rest, .. } | Dose::Holds { rest, .. } | Dose::Time { rest, .. },
                    FieldId::Rest,
                ) => *rest = n,
                (Dose::Reps { tempo, .. }, FieldId::Tempo) => *tempo = (n > 0).then_some(n),
                (_, FieldId::StepSize(k)) => {
                    if let Some(Step::AddReps { step, .. } | Step::AddTime { step, .. }) =
                        item.progress.get_mut(k)
                    {
                        *step = n;
                    }
                }
                (_, FieldId::StepCap(k)) => {
                    if let Some(
                        Step::AddReps { up_to, .. }
                        | Step::AddTime { up_to, .. }
                        | Step::AddSets { up_to },
                    ) = item.progress.get_mut(k)
                    {
                        *up_to = n;
                    }
                }
                _ => {}
            }
        }
        _ => {}
    }
}

pub fn set_text(doc: &mut Document, row: Row, id: FieldId, text: String) {
    let optional = |t: String| (!t.is_empty()).then_some(t);
    let p = &mut doc.program;
    match (row, id) {
        (Row::Program, FieldId::Title) => p.title = text,
        (Row::Program, FieldId::Summary) => p.summary = optional(text),
        (Row::Program, FieldId::Author) => p.author = optional(text),
        (Row::Session(s), FieldId::SessionName) => {
            if let Some(session) = p.sessions.get_mut(s) {
                session.name = text;
            }
        }
        (Row::Block(s, b), FieldId::BlockName) => {
            if let Some(block) = doc.block_mut(s, b) {
                block.name = text;
            }
        }
        _ => {}
    }
}

/// A left or right arrow on a field: numbers step within their range, choices cycle,
/// switches switch, actions act. Returns whether anything changed.
pub fn adjust(doc: &mut Document, row: Row, id: FieldId, delta: i32) -> bool {
    if let Some(n) = number(doc, row, id) {
        let (lo, hi) = (*n.range.start(), *n.range.end());
        let value = n.value.clamp(lo, hi);
        let next = if delta < 0 {
            value.saturating_sub(n.step).max(lo)
        } else {
            value.saturating_add(n.step).min(hi)
        };
        // A value outside the range (from a file) comes back inside at once.
        let next = if n.value != value { value } else { next };
        if next != n.value {
            set_number(doc, row, id, next);
            return true;
        }
        return false;
    }
    match (row, id) {
        (Row::Program, FieldId::Level) => {
            let levels = [Level::Beginner, Level::Intermediate, Level::Advanced];
            let i = levels
                .iter()
                .position(|l| *l == doc.program.level)
                .unwrap_or(0);
            doc.program.level = levels[(i as i32 + delta).rem_euclid(3) as usize];
            true
        }
        (Row::Item(s, b, i), id) => {
            let Some(item) = doc.item_mut(s, b, i) else {
                return false;
            };
            match id {
                FieldId::Variant => {
                    item.dose = next_variant(item.dose, delta);
                    true
                }
                FieldId::PerSide => {
                    let d = &mut item.dose;
                    match d {
                        Dose::Reps { per_side, .. }
                        | Dose::Holds { per_side, .. }
                        | Dose::Time { per_side, .. } => *per_side = !*per_side,
                    }
                    true
                }
                FieldId::StepKind(k) => match item.progress.get(k).copied() {
                    Some(step) => {
                        item.progress[k] = next_step(step, item.dose, delta);
                        true
                    }
                    None => false,
                },
                FieldId::AddStep => {
                    let first = match item.dose {
                        Dose::Time { .. } => Step::AddTime { step: 0, up_to: 0 },
                        _ => Step::AddSets { up_to: 0 },
                    };
                    let step = if item.progress.is_empty() {
                        next_step(first, item.dose, 1)
                    } else {
                        next_step(Step::Harder, item.dose, 1)
                    };
                    item.progress.push(step);
                    true
                }
                _ => false,
            }
        }
        _ => false,
    }
}

/// Reps -> Holds -> Time and round, keeping sets, rest and sides.
fn next_variant(d: Dose, delta: i32) -> Dose {
    let (sets, rest, per_side) = (d.sets(), d.rest(), d.per_side());
    let reps = d.reps().unwrap_or(8);
    let reps_dose = Dose::Reps {
        sets,
        reps,
        rest,
        tempo: None,
        per_side,
    };
    let holds = Dose::Holds {
        sets,
        reps,
        hold: 5,
        rest,
        per_side,
    };
    let time = Dose::Time {
        secs: 60,
        sets,
        rest,
        per_side,
    };
    let order = [reps_dose, holds, time];
    let i: i32 = match d {
        Dose::Reps { .. } => 0,
        Dose::Holds { .. } => 1,
        Dose::Time { .. } => 2,
    };
    order[(i + delta).rem_euclid(3) as usize]
}

/// The next kind of progress step, with a sensible first cap for the dose.
fn next_step(step: Step, d: Dose, delta: i32) -> Step {
    let kinds = 4;
    let i: i32 = match step {
        Step::AddReps { .. } => 0,
        Step::AddTime { .. } => 1,
        Step::AddSets { .. } => 2,
        Step::Harder => 3,
    };
    match (i + delta).rem_euclid(kinds) {
        0 => Step::AddReps {
            step: 1,
            up_to: d
                .reps()
                .map_or(12, |r| (r + 4).clamp(12, *dose::REPS.end())),
        },
        1 => match d {
            Dose::Time { secs, .. } => Step::AddTime {
                step: 15,
                up_to: (secs * 2).min(*dose::SECS.end()),
            },
            Dose::Holds { hold, .. } => Step::AddTime {
                step: 1,
                up_to: (hold + 5).min(*dose::HOLD.end()),
            },
            _ => Step::AddTime { step: 1, up_to: 5 },
        },
        2 => Step::AddSets {
            up_to: (d.sets() + 1).clamp(3, *dose::SETS.end()),
        },
        _ => Step::Harder,
    }
}
