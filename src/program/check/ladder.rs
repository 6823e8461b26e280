//! Rules about ladders: `easier` and `harder` name exercises that exist and never lead back
//! to where they started, and every `progress` step fits its dose and stays inside its caps.

use std::collections::HashSet;

use super::Checker;
use crate::common::text::closest;
use crate::program::diagnostic::Code;
use crate::program::dose;
use crate::program::locate::Path;
use crate::program::{Dose, Exercise, Item, Step};

impl Checker<'_> {
    /// `easier` and `harder` of a local exercise.
    pub(super) fn links(&mut self, path: &Path, e: &Exercise) {
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

    pub(super) fn progress(&mut self, path: &Path, item: &Item, exercise: Option<&Exercise>) {
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
}
