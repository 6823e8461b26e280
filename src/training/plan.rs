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

/// What a session does with an item whose exercise stopped for pain last time (the answer
/// given before it, in the journal as `after_pain`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Instead {
    /// Left out of this session.
    LeaveOut,
    /// This exercise (the stopped one's easier variant) in its place, at the item's first dose.
    Easier(String),
}

/// The easier variant of exercise `id`: the program's own exercise of that name first, then
/// the library's.
pub fn easier_variant<'a>(catalog: &Catalog<'a>, id: &str) -> Option<&'a Exercise> {
    let easier = catalog.get(id)?.easier.as_deref()?;
    catalog.get(easier)
}

/// Plans a run of `session` (the first when `None`). `levels` gives each item's level
/// (missing: level 0, the file's start dose).
pub fn plan(
    runnable: &Runnable,
    session: Option<&str>,
    levels: &HashMap<ItemKey, u32>,
    seed: u64,
) -> Result<Plan, PlanError> {
    plan_with(runnable, session, levels, &HashMap::new(), seed)
}

/// `plan`, with items that stopped for pain last time left out or done as their easier
/// variant, as `instead` says. The random choice of items is the same either way.
pub fn plan_with(
    runnable: &Runnable,
    session: Option<&str>,
    levels: &HashMap<ItemKey, u32>,
    instead: &HashMap<ItemKey, Instead>,
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
            let (id, dose) = match instead.get(&key) {
                Some(Instead::LeaveOut) => continue,
                Some(Instead::Easier(id)) => (id.as_str(), item.dose),
                None => (rung.exercise.as_str(), rung.dose),
            };
            let Some(exercise) = catalog.get(id) else {
                continue; // the checker refuses such a program; never reached for a safe one
            };
            exercises.push(Planned {
                key,
                block: block.name.clone(),
                exercise: exercise.clone(),
                dose,
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

/// Where a rep is in its pace: one of the exercise's own parts of a rep ("lower", "push") for
/// tempo reps, hold or relax for holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    /// The part of a tempo rep at this index of `Planned::moves`.
    Move(usize),
    Hold,
    Relax,
}

/// The pace of a work phase at a moment: rep n of m, the stage, its word ("lower", "Hold") and
/// whole seconds left in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pace<'a> {
    pub rep: u32,
    pub of: u32,
    pub stage: Stage,
    pub word: &'a str,
    pub stage_left: u32,
}

impl Pace<'_> {
    /// "Hold 2 of 5" for holds, "Rep 3 of 8" for reps.
    pub fn count_label(&self) -> String {
        let unit = match self.stage {
            Stage::Hold | Stage::Relax => "Hold",
            Stage::Move(_) => "Rep",
        };
        format!("{unit} {} of {}", self.rep, self.of)
    }
}

/// A paced rep's parts when the exercise does not name them.
const DEFAULT_MOVES: [(&str, u32); 2] = [("move", 1), ("return", 1)];

impl Planned {
    /// The parts of one paced rep in order, each with its whole seconds at today's tempo: the
    /// exercise's own words, its `tempo` split by their shares ("lower 3 ... push 1"). Every
    /// part gets at least a second while the tempo allows; none when the dose is not paced.
    pub fn moves(&self) -> Vec<(&str, u32)> {
        let Dose::Reps { tempo: Some(t), .. } = self.dose else {
            return Vec::new();
        };
        let named: Vec<(&str, u32)> = self
            .exercise
            .pace
            .iter()
            .filter(|(w, share)| !w.trim().is_empty() && *share > 0)
            .map(|(w, share)| (w.trim(), *share))
            .collect();
        let parts: &[(&str, u32)] = if named.is_empty() {
            &DEFAULT_MOVES
        } else {
            &named
        };
        split(t, parts)
    }
}

impl Planned {
    /// The parts of a paced rep in words, "lower 3 ... push 1"; `None` when it is not paced.
    pub fn pace_text(&self) -> Option<String> {
        let moves = self.moves();
        (!moves.is_empty()).then(|| {
            moves
                .iter()
                .map(|(w, s)| format!("{w} {s}"))
                .collect::<Vec<_>>()
                .join(" ... ")
        })
    }
}

/// `total` whole seconds shared out in proportion to each part's share, at least one each
/// while they last (largest remainder; ties to the earlier part). Parts left with no second
/// are dropped.
fn split<'a>(total: u32, parts: &[(&'a str, u32)]) -> Vec<(&'a str, u32)> {
    let shares: u64 = parts.iter().map(|p| u64::from(p.1)).sum();
    if shares == 0 || total == 0 {
        return Vec::new();
    }
    let total64 = u64::from(total);
    let mut secs: Vec<u64> = parts
        .iter()
        .map(|p| (total64 * u64::from(p.1) / shares).max(1))
        .collect();
    // The fraction each part lost to rounding down, in 1/shares units.
    let lost =
        |i: usize, s: &[u64]| (total64 * u64::from(parts[i].1)).saturating_sub(s[i] * shares);
    let mut sum: u64 = secs.iter().sum();
    while sum < total64 {
        let i = (0..parts.len())
            .max_by_key(|&i| (lost(i, &secs), std::cmp::Reverse(i)))
            .unwrap_or(0);
        secs[i] += 1;
        sum += 1;
    }
    while sum > total64 {
        // Too many parts for the seconds (or the minimum pushed it over): take from the part
        // with the most; of equals, the smallest share, then the later; down to nothing.
        let i = (0..parts.len())
            .max_by_key(|&i| (secs[i], std::cmp::Reverse(parts[i].1), i))
            .unwrap_or(0);
        secs[i] -= 1;
        sum -= 1;
    }
    parts
        .iter()
        .zip(secs)
        .filter(|(_, s)| *s > 0)
        .map(|(p, s)| (p.0, s as u32))
        .collect()
}

/// The pace `elapsed` whole seconds into a work phase of `planned` (None for untimed work).
pub fn pace(planned: &Planned, elapsed: u32) -> Option<Pace<'_>> {
    let (reps, stages): (u32, Vec<(Stage, &str, u32)>) = match planned.dose {
        Dose::Reps { reps, .. } => (
            reps,
            planned
                .moves()
                .into_iter()
                .enumerate()
                .map(|(i, (w, s))| (Stage::Move(i), w, s))
                .collect(),
        ),
        Dose::Holds { reps, hold, .. } => (
            reps,
            vec![
                (Stage::Hold, "Hold", hold),
                (Stage::Relax, "Relax", dose::HOLD_RELAX_SECS),
            ],
        ),
        Dose::Time { .. } => return None,
    };
    let len: u32 = stages.iter().map(|s| s.2).sum();
    if len == 0 || reps == 0 {
        return None;
    }
    let rep = (elapsed / len).min(reps - 1);
    let mut within = elapsed - rep * len;
    let last = stages.len() - 1;
    for (i, (stage, word, secs)) in stages.into_iter().enumerate() {
        if within < secs || i == last {
            return Some(Pace {
                rep: rep + 1,
                of: reps,
                stage,
                word,
                stage_left: secs.saturating_sub(within).max(1),
            });
        }
        within -= secs;
    }
    None
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

    fn paced(id: &str, dose: Dose) -> Planned {
        Planned {
            key: ItemKey("k".into()),
            block: "b".into(),
            exercise: Library::bundled().get(id).unwrap().clone(),
            dose,
            level: 0,
        }
    }

    fn reps(tempo: u32) -> Dose {
        Dose::Reps {
            sets: 1,
            reps: 8,
            rest: 0,
            tempo: Some(tempo),
            per_side: false,
        }
    }

    /// "lower 3 ... push 1": the parts of a rep as the screen says them.
    fn said(p: &Planned) -> String {
        p.moves()
            .iter()
            .map(|(w, s)| format!("{w} {s}"))
            .collect::<Vec<_>>()
            .join(" ... ")
    }

    #[test]
    fn each_exercise_names_the_parts_of_a_rep_in_its_own_words_and_order() {
        assert_eq!(said(&paced("wall-push-up", reps(4))), "lower 3 ... push 1");
        assert_eq!(
            said(&paced("seated-band-row", reps(5))),
            "pull 2 ... return 3"
        );
        assert_eq!(said(&paced("heel-raise", reps(4))), "rise 1 ... lower 3");
        assert_eq!(said(&paced("heel-raise", reps(3))), "rise 1 ... lower 2");
        assert_eq!(said(&paced("wall-push-up", reps(3))), "lower 2 ... push 1");
        let mut own = paced("wall-push-up", reps(4));
        own.exercise.pace.clear();
        assert_eq!(said(&own), "move 2 ... return 2", "no words: even halves");
        own.dose = Dose::Reps {
            sets: 1,
            reps: 8,
            rest: 0,
            tempo: None,
            per_side: false,
        };
        assert!(own.moves().is_empty(), "unpaced reps have no parts");
    }

    #[test]
    fn every_paced_exercise_in_a_bundled_program_has_its_own_words() {
        for b in crate::program::bundled::programs() {
            let name = b.name;
            let r = Runnable::new(program(name));
            let cat = r.catalog();
            for rungs in r.ladders().values() {
                for rung in rungs {
                    if let Dose::Reps { tempo: Some(_), .. } = rung.dose {
                        let e = cat.get(&rung.exercise).unwrap();
                        assert!(!e.pace.is_empty(), "{name}: {} has no pace words", e.id);
                    }
                }
            }
        }
    }

    #[test]
    fn a_tempo_is_shared_out_to_whole_seconds_that_add_up() {
        assert_eq!(split(4, &[("a", 1), ("b", 2)]), vec![("a", 1), ("b", 3)]);
        assert_eq!(split(6, &[("a", 1), ("b", 2)]), vec![("a", 2), ("b", 4)]);
        assert_eq!(split(3, &[("a", 1), ("b", 1)]), vec![("a", 2), ("b", 1)]);
        assert_eq!(
            split(2, &[("a", 1), ("b", 1), ("c", 9)]),
            vec![("a", 1), ("c", 1)],
            "too few seconds: the smallest share goes"
        );
        assert_eq!(split(1, &[("a", 5), ("b", 1)]), vec![("a", 1)]);
        for total in 1..=20 {
            for parts in [
                vec![("a", 3), ("b", 1)],
                vec![("a", 1), ("b", 1), ("c", 1)],
                vec![("a", 7), ("b", 2), ("c", 1), ("d", 5)],
            ] {
                let s = split(total, &parts);
                assert_eq!(
                    s.iter().map(|p| p.1).sum::<u32>(),
                    total,
                    "{total} {parts:?}"
                );
                assert!(s.iter().all(|p| p.1 > 0));
            }
        }
    }

    #[test]
    fn tempo_reps_are_paced_through_their_parts_in_order() {
        let p = paced("wall-push-up", reps(4));
        let at = |e| {
            let x = pace(&p, e).unwrap();
            (x.rep, x.word, x.stage_left)
        };
        assert_eq!(at(0), (1, "lower", 3));
        assert_eq!(at(2), (1, "lower", 1));
        assert_eq!(at(3), (1, "push", 1));
        assert_eq!(at(4), (2, "lower", 3));
        assert_eq!(at(31), (8, "push", 1));
        assert_eq!(at(99), (8, "push", 1), "past the end stays on the last");
        assert_eq!(pace(&p, 3).unwrap().stage, Stage::Move(1));
        assert_eq!(pace(&p, 0).unwrap().count_label(), "Rep 1 of 8");
    }

    #[test]
    fn holds_say_hold_and_relax() {
        let holds = Dose::Holds {
            sets: 1,
            reps: 3,
            hold: 5,
            rest: 0,
            per_side: false,
        };
        let p = paced("prone-head-lift", holds);
        let x = pace(&p, 0).unwrap();
        assert_eq!((x.stage, x.word, x.stage_left), (Stage::Hold, "Hold", 5));
        assert_eq!(x.count_label(), "Hold 1 of 3");
        let x = pace(&p, 6).unwrap();
        assert_eq!((x.rep, x.stage, x.word), (1, Stage::Relax, "Relax"));
        assert_eq!(pace(&p, 7).unwrap().stage, Stage::Hold);
        assert_eq!(pace(&p, 7).unwrap().count_label(), "Hold 2 of 3");
        assert!(
            pace(
                &paced(
                    "tandem-stance",
                    Dose::Time {
                        secs: 30,
                        sets: 1,
                        rest: 0,
                        per_side: false
                    }
                ),
                3
            )
            .is_none()
        );
    }
}
