//! Planning one run of a session: which items run (a block's `pick` drawn with a seeded
//! random generator, so a run can be repeated or resumed), at which level's dose, and the
//! concrete phases the coach steps through: get ready, work, switch sides, rest, check-in.

use std::collections::HashMap;

use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;

use crate::program::figure::{Figure, figure_for};
use crate::program::{Catalog, Dose, Exercise, Library, dose};
pub use crate::training::runnable::ItemKey;
use crate::training::runnable::Runnable;

/// One exercise of today's run, at today's dose.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    pub key: ItemKey,
    pub block: String,
    pub exercise: Exercise,
    pub dose: Dose,
    pub level: u32,
}

impl Planned {
    /// How the exercise looks: the figure `plan` found for it, else (for a plan made of
    /// exercises given directly) its own or the library's.
    pub fn figure(&self) -> Option<&Figure> {
        figure_for(&self.exercise, &Catalog::new(Library::bundled(), &[]))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Side {
    Left,
    Right,
}

impl Side {
    pub fn label(self) -> &'static str {
        match self {
            Side::Left => "LEFT",
            Side::Right => "RIGHT",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhaseKind {
    /// A few seconds to get in position; the first cue is shown.
    GetReady,
    Work,
    SwitchSides,
    Rest,
    /// How did it feel? Waits for an answer.
    CheckIn,
}

/// One concrete step of the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phase {
    pub kind: PhaseKind,
    /// Index into `Plan::exercises`.
    pub exercise: usize,
    /// 1-based set number.
    pub set: u32,
    pub side: Option<Side>,
    /// Whole seconds, or `None` when the person ends it (unpaced reps, check-ins).
    pub secs: Option<u32>,
}

/// A whole run of one session.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub program: String,
    pub session: String,
    pub seed: u64,
    pub exercises: Vec<Planned>,
    pub phases: Vec<Phase>,
}

/// Why a plan could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("the program has no session called \"{0}\"; it has: {1}")]
    NoSuchSession(String, String),
    #[error("the program has no sessions")]
    NoSessions,
}

/// Plans a run of `session` (the first when `None`). `levels` gives each item's level
/// (missing: level 0, the file's start dose).
pub fn plan(
    runnable: &Runnable,
    session: Option<&str>,
    levels: &HashMap<ItemKey, u32>,
    seed: u64,
) -> Result<Plan, PlanError> {
    let program = runnable.program();
    let catalog = runnable.catalog();
    let s = match session {
        Some(name) => program.session(name).ok_or_else(|| {
            let names: Vec<String> = program
                .sessions
                .iter()
                .map(|s| format!("\"{}\"", s.name))
                .collect();
            PlanError::NoSuchSession(name.to_owned(), names.join(", "))
        })?,
        None => program.sessions.first().ok_or(PlanError::NoSessions)?,
    };
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut exercises = Vec::new();
    for block in &s.blocks {
        let chosen: Vec<usize> = match block.pick {
            Some(_) if block.runs() < block.items.len() => {
                let mut idx =
                    rand::seq::index::sample(&mut rng, block.items.len(), block.runs()).into_vec();
                idx.sort_unstable();
                idx
            }
            _ => (0..block.items.len()).collect(),
        };
        for i in chosen {
            let item = &block.items[i];
            let key = ItemKey::new(&s.name, &block.name, &item.exercise);
            let level = levels.get(&key).copied().unwrap_or(0);
            let Some((level, rung)) = runnable.at_level(&key, level) else {
                continue;
            };
            let Some(exercise) = catalog.get(&rung.exercise) else {
                continue; // the checker refuses such a program; never reached for a safe one
            };
            exercises.push(Planned {
                key,
                block: block.name.clone(),
                exercise: exercise.clone(),
                dose: rung.dose,
                level,
            });
        }
    }
    // Each exercise carries the figure it is drawn with (its own, the one it shares with
    // `figure_of`, or the library's), so the screens need no catalogue to find it.
    for p in &mut exercises {
        let figure = figure_for(&p.exercise, &catalog).cloned();
        p.exercise.figure = figure;
    }
    Ok(Plan::from_exercises(
        &program.title,
        &s.name,
        seed,
        exercises,
    ))
}

fn phases(exercises: &[Planned]) -> Vec<Phase> {
    let mut out = Vec::new();
    for (i, p) in exercises.iter().enumerate() {
        let d = p.dose;
        let phase = |kind, set, side, secs| Phase {
            kind,
            exercise: i,
            set,
            side,
            secs,
        };
        out.push(phase(
            PhaseKind::GetReady,
            1,
            None,
            Some(dose::GET_READY_SECS),
        ));
        let work = match d {
            Dose::Reps { tempo: None, .. } => None,
            _ => Some(d.work_secs()),
        };
        let sides: &[Option<Side>] = if d.per_side() {
            &[Some(Side::Left), Some(Side::Right)]
        } else {
            &[None]
        };
        for set in 1..=d.sets() {
            for (n, &side) in sides.iter().enumerate() {
                if n > 0 {
                    out.push(phase(
                        PhaseKind::SwitchSides,
                        set,
                        side,
                        Some(dose::SWITCH_SIDE_SECS),
                    ));
                }
                out.push(phase(PhaseKind::Work, set, side, work));
            }
            if set < d.sets() && d.rest() > 0 {
                out.push(phase(PhaseKind::Rest, set, None, Some(d.rest())));
            }
        }
        out.push(phase(PhaseKind::CheckIn, d.sets(), None, None));
    }
    out
}

impl Plan {
    /// A plan that runs these exercises in order.
    pub fn from_exercises(
        program: &str,
        session: &str,
        seed: u64,
        exercises: Vec<Planned>,
    ) -> Plan {
        Plan {
            program: program.to_owned(),
            session: session.to_owned(),
            seed,
            phases: phases(&exercises),
            exercises,
        }
    }

    /// Planned seconds of the phases from `from` on; open phases count their estimate.
    pub fn secs_from(&self, from: usize) -> u32 {
        self.phases
            .iter()
            .skip(from)
            .map(|p| self.estimate(p))
            .sum()
    }

    pub fn estimate(&self, p: &Phase) -> u32 {
        p.secs.unwrap_or_else(|| match p.kind {
            PhaseKind::CheckIn => dose::CHECK_IN_SECS,
            _ => self.exercises[p.exercise].dose.work_secs(),
        })
    }

    /// The index of the first phase of the exercise at `exercise`.
    pub fn first_phase_of(&self, exercise: usize) -> Option<usize> {
        self.phases.iter().position(|p| p.exercise == exercise)
    }

    /// The same plan for a class: nobody answers a check-in for a whole room, so each one
    /// becomes a slide that moves on by itself after `CLASS_CHECK_IN_SECS`. The steps, their
    /// order and every other duration are unchanged.
    pub fn for_class(mut self) -> Plan {
        for p in &mut self.phases {
            if p.kind == PhaseKind::CheckIn {
                p.secs = Some(CLASS_CHECK_IN_SECS);
            }
        }
        self
    }
}

/// Seconds a class's check-in slide stays on screen.
pub const CLASS_CHECK_IN_SECS: u32 = 8;

/// Where a rep is in its pace: up and down for tempo reps, hold and relax for holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Up,
    Down,
    Hold,
    Relax,
}

impl Stage {
    pub fn label(self) -> &'static str {
        match self {
            Stage::Up => "up",
            Stage::Down => "down",
            Stage::Hold => "hold",
            Stage::Relax => "relax",
        }
    }
}

/// The pace of a work phase at a moment: rep n of m, the stage, and whole seconds left in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pace {
    pub rep: u32,
    pub of: u32,
    pub stage: Stage,
    pub stage_left: u32,
}

/// The pace `elapsed` whole seconds into a work phase of dose `d` (None for untimed work).
pub fn pace(d: Dose, elapsed: u32) -> Option<Pace> {
    let (reps, first, second, stages) = match d {
        Dose::Reps {
            reps,
            tempo: Some(t),
            ..
        } => (reps, t.div_ceil(2), t / 2, (Stage::Up, Stage::Down)),
        Dose::Holds { reps, hold, .. } => (
            reps,
            hold,
            dose::HOLD_RELAX_SECS,
            (Stage::Hold, Stage::Relax),
        ),
        _ => return None,
    };
    let len = first + second;
    let rep = (elapsed / len).min(reps - 1);
    let within = elapsed - rep * len;
    let (stage, stage_left) = if within < first {
        (stages.0, first - within)
    } else {
        (stages.1, (len - within).max(1))
    };
    Some(Pace {
        rep: rep + 1,
        of: reps,
        stage,
        stage_left,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::{Library, Program, bundled};

    fn program(name: &str) -> Program {
        bundled::find(name).unwrap().check().program.unwrap()
    }

    #[test]
    fn a_plan_walks_sets_sides_rests_and_check_ins() {
        let p = Program {
            exercises: vec![],
            ..program("home-foundations")
        };
        let plan = plan(&Runnable::new(p.clone()), None, &HashMap::new(), 1).unwrap();
        assert!(!plan.exercises.is_empty());
        // Every exercise starts with get ready and ends with a check-in.
        for (i, _) in plan.exercises.iter().enumerate() {
            let mine: Vec<&Phase> = plan.phases.iter().filter(|p| p.exercise == i).collect();
            assert_eq!(mine.first().unwrap().kind, PhaseKind::GetReady);
            assert_eq!(mine.last().unwrap().kind, PhaseKind::CheckIn);
            let d = plan.exercises[i].dose;
            let work = mine.iter().filter(|p| p.kind == PhaseKind::Work).count() as u32;
            assert_eq!(work, d.sets() * d.sides());
        }
    }

    #[test]
    fn per_side_sets_run_left_then_right_with_a_switch() {
        let d = Dose::Time {
            secs: 30,
            sets: 2,
            rest: 20,
            per_side: true,
        };
        let ex = Library::bundled().get("single-leg-stand").unwrap().clone();
        let planned = vec![Planned {
            key: ItemKey("k".into()),
            block: "b".into(),
            exercise: ex,
            dose: d,
            level: 0,
        }];
        let kinds: Vec<(PhaseKind, u32, Option<Side>)> = phases(&planned)
            .iter()
            .map(|p| (p.kind, p.set, p.side))
            .collect();
        use PhaseKind::*;
        assert_eq!(
            kinds,
            vec![
                (GetReady, 1, None),
                (Work, 1, Some(Side::Left)),
                (SwitchSides, 1, Some(Side::Right)),
                (Work, 1, Some(Side::Right)),
                (Rest, 1, None),
                (Work, 2, Some(Side::Left)),
                (SwitchSides, 2, Some(Side::Right)),
                (Work, 2, Some(Side::Right)),
                (CheckIn, 2, None),
            ]
        );
    }

    #[test]
    fn picks_are_reproducible_with_a_seed_and_vary_without() {
        let p = program("daily-balance-posture");
        let ids = |seed| {
            plan(&Runnable::new(p.clone()), None, &HashMap::new(), seed)
                .unwrap()
                .exercises
                .iter()
                .map(|e| e.exercise.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(7), ids(7));
        let variety: std::collections::HashSet<Vec<String>> = (0..20).map(ids).collect();
        assert!(variety.len() > 1, "pick never varied");
    }

    #[test]
    fn levels_choose_the_dose_and_unknown_sessions_are_refused() {
        let r = Runnable::new(program("home-foundations"));
        let base = plan(&r, Some("a"), &HashMap::new(), 1).unwrap();
        let first = &base.exercises[0];
        let levels = HashMap::from([(first.key.clone(), 99)]);
        let up = plan(&r, Some("A"), &levels, 1).unwrap();
        let rungs = r.ladder(&first.key).unwrap();
        assert_eq!(up.exercises[0].level, rungs.len() as u32 - 1);
        assert_eq!(up.exercises[0].dose, rungs[rungs.len() - 1].dose);
        assert!(matches!(
            plan(&r, Some("Z"), &HashMap::new(), 1),
            Err(PlanError::NoSuchSession(..))
        ));
    }

    #[test]
    fn a_class_plan_times_its_check_ins_and_changes_nothing_else() {
        let p = program("group-class");
        let personal = plan(&Runnable::new(p.clone()), None, &HashMap::new(), 3).unwrap();
        let class = personal.clone().for_class();
        assert_eq!(class.exercises, personal.exercises);
        assert_eq!(class.phases.len(), personal.phases.len());
        for (c, q) in class.phases.iter().zip(&personal.phases) {
            if q.kind == PhaseKind::CheckIn {
                assert_eq!((q.secs, c.secs), (None, Some(CLASS_CHECK_IN_SECS)));
                assert_eq!(Phase { secs: None, ..*c }, *q);
            } else {
                assert_eq!(c, q);
            }
        }
        let check_ins = personal.exercises.len() as u32;
        assert_eq!(
            personal.secs_from(0) - class.secs_from(0),
            check_ins * (dose::CHECK_IN_SECS - CLASS_CHECK_IN_SECS)
        );
    }

    #[test]
    fn tempo_reps_are_paced_up_then_down() {
        let d = Dose::Reps {
            sets: 1,
            reps: 8,
            rest: 0,
            tempo: Some(4),
            per_side: false,
        };
        let at = |e| {
            let p = pace(d, e).unwrap();
            (p.rep, p.stage, p.stage_left)
        };
        assert_eq!(at(0), (1, Stage::Up, 2));
        assert_eq!(at(1), (1, Stage::Up, 1));
        assert_eq!(at(2), (1, Stage::Down, 2));
        assert_eq!(at(3), (1, Stage::Down, 1));
        assert_eq!(at(4), (2, Stage::Up, 2));
        assert_eq!(at(10), (3, Stage::Down, 2));
        assert_eq!(at(31), (8, Stage::Down, 1));
        let holds = Dose::Holds {
            sets: 1,
            reps: 3,
            hold: 5,
            rest: 0,
            per_side: false,
        };
        let p = pace(holds, 6).unwrap();
        assert_eq!((p.rep, p.stage, p.stage_left), (1, Stage::Relax, 1));
        assert_eq!(pace(holds, 7).unwrap().stage, Stage::Hold);
    }
}
