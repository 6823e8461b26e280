//! Engine rules with a fake clock: `t(n)` is n seconds after the start.

use std::time::{Duration, Instant};

use super::*;
use crate::program::{Dose, Library};
use crate::records::journal::{Event, Feeling, Outcome, SkipReason};
use crate::training::plan::{
    CLASS_CHECK_IN_SECS, ItemKey, Phase, PhaseKind, Plan, Planned, Side, Stage,
};

struct Clock(Instant);

impl Clock {
    fn t(&self, secs: f64) -> Instant {
        self.0 + Duration::from_secs_f64(secs)
    }
}

fn planned(id: &str, dose: Dose) -> Planned {
    Planned {
        key: ItemKey::new("A", "Main", id),
        block: "Main".into(),
        exercise: Library::bundled().get(id).unwrap().clone(),
        dose,
        level: 0,
    }
}

fn time(secs: u32, sets: u32, rest: u32, per_side: bool) -> Dose {
    Dose::Time {
        secs,
        sets,
        rest,
        per_side,
    }
}

fn plan(items: Vec<Planned>) -> Plan {
    Plan::from_exercises("P", "A", 0, items)
}

fn kind(e: &Engine) -> Option<PhaseKind> {
    e.phase().map(|p| p.kind)
}

#[test]
fn phases_follow_their_deadlines_and_work_is_recorded() {
    let c = Clock(Instant::now());
    let mut e = Engine::new(
        plan(vec![planned("tandem-stance", time(30, 1, 0, false))]),
        c.t(0.0),
    );
    assert_eq!(kind(&e), Some(PhaseKind::GetReady));
    assert_eq!(e.shown_secs(c.t(0.5)), Some(10));
    assert!(!e.tick(c.t(9.999)));
    assert!(e.tick(c.t(10.0)));
    assert_eq!(kind(&e), Some(PhaseKind::Work));
    assert_eq!(e.shown_secs(c.t(10.0)), Some(30));
    e.tick(c.t(40.0));
    assert_eq!(kind(&e), Some(PhaseKind::CheckIn));
    assert_eq!(
        e.next_change(c.t(41.0)),
        None,
        "a check-in waits without redraws"
    );
    let events = e.drain_events();
    assert!(matches!(
        &events[..],
        [Event::SetDone {
            set: 1,
            side: None,
            ..
        }]
    ));
    e.check_in(c.t(45.0), Feeling::MildAche, Some(5));
    assert_eq!(e.outcome(), Some(Outcome::Completed));
    let events = e.drain_events();
    assert!(matches!(
        &events[..],
        [
            Event::CheckIn {
                feeling: Feeling::MildAche,
                effort: Some(5),
                ..
            },
            Event::SessionEnd {
                outcome: Outcome::Completed
            }
        ]
    ));
}

#[test]
fn pausing_moves_the_deadline() {
    let c = Clock(Instant::now());
    let mut e = Engine::new(
        plan(vec![planned("tandem-stance", time(30, 1, 0, false))]),
        c.t(0.0),
    );
    e.pause(c.t(4.0));
    assert_eq!(e.next_change(c.t(50.0)), None);
    assert!(!e.tick(c.t(50.0)), "nothing moves while paused");
    assert_eq!(e.shown_secs(c.t(50.0)), Some(6));
    e.resume(c.t(104.0));
    assert!(!e.tick(c.t(109.9)));
    assert!(e.tick(c.t(110.0)));
    assert_eq!(kind(&e), Some(PhaseKind::Work));
}

#[test]
fn skip_records_the_sets_not_done_and_moves_to_the_next_exercise() {
    let c = Clock(Instant::now());
    let mut e = Engine::new(
        plan(vec![
            planned("tandem-stance", time(30, 3, 10, false)),
            planned("chin-tuck", time(20, 1, 0, false)),
        ]),
        c.t(0.0),
    );
    e.tick(c.t(40.0)); // set 1 done, now resting
    assert_eq!(kind(&e), Some(PhaseKind::Rest));
    e.skip(c.t(41.0));
    assert_eq!(e.exercise().unwrap().exercise.id, "chin-tuck");
    assert_eq!(kind(&e), Some(PhaseKind::GetReady));
    let events = e.drain_events();
    assert!(
        matches!(&events[1], Event::Skipped { sets, reason: SkipReason::Skipped, .. } if *sets == vec![2, 3])
    );
    // The new exercise starts counting from the skip.
    assert_eq!(e.shown_secs(c.t(41.0)), Some(10));
}

#[test]
fn back_restarts_the_exercise_then_goes_to_the_one_before() {
    let c = Clock(Instant::now());
    let mut e = Engine::new(
        plan(vec![
            planned("tandem-stance", time(30, 1, 0, false)),
            planned("chin-tuck", time(20, 1, 0, false)),
        ]),
        c.t(0.0),
    );
    e.tick(c.t(40.0));
    e.check_in(c.t(40.0), Feeling::Fine, None);
    e.tick(c.t(55.0)); // chin tuck work, 5 s in
    assert_eq!(kind(&e), Some(PhaseKind::Work));
    e.back(c.t(55.0));
    assert_eq!(e.exercise().unwrap().exercise.id, "chin-tuck");
    assert_eq!(kind(&e), Some(PhaseKind::GetReady));
    e.back(c.t(56.0));
    assert_eq!(e.exercise().unwrap().exercise.id, "tandem-stance");
}

#[test]
fn per_side_work_runs_left_then_right() {
    let c = Clock(Instant::now());
    let mut e = Engine::new(
        plan(vec![planned("single-leg-stand", time(20, 1, 0, true))]),
        c.t(0.0),
    );
    let mut seen: Vec<(PhaseKind, Option<Side>)> = Vec::new();
    let mut now = 0.0;
    while let Some(p) = e.phase().copied() {
        seen.push((p.kind, p.side));
        if p.kind == PhaseKind::CheckIn {
            break;
        }
        now += f64::from(p.secs.unwrap());
        e.tick(c.t(now));
    }
    use PhaseKind::*;
    assert_eq!(
        seen,
        vec![
            (GetReady, None),
            (Work, Some(Side::Left)),
            (SwitchSides, Some(Side::Right)),
            (Work, Some(Side::Right)),
            (CheckIn, None)
        ]
    );
    let sides: Vec<Option<Side>> = e
        .drain_events()
        .into_iter()
        .filter_map(|ev| match ev {
            Event::SetDone { side, .. } => Some(side),
            _ => None,
        })
        .collect();
    assert_eq!(sides, vec![Some(Side::Left), Some(Side::Right)]);
}

#[test]
fn tempo_reps_are_paced_by_the_engine() {
    let c = Clock(Instant::now());
    let reps = Dose::Reps {
        sets: 1,
        reps: 8,
        rest: 0,
        tempo: Some(4),
        per_side: false,
    };
    let mut e = Engine::new(plan(vec![planned("sit-to-stand", reps)]), c.t(0.0));
    e.tick(c.t(10.0));
    let p = e.pace(c.t(10.5)).unwrap();
    assert_eq!((p.rep, p.of, p.stage, p.stage_left), (1, 8, Stage::Up, 2));
    let p = e.pace(c.t(22.0)).unwrap();
    assert_eq!((p.rep, p.stage), (4, Stage::Up));
    let p = e.pace(c.t(24.5)).unwrap();
    assert_eq!((p.rep, p.stage, p.stage_left), (4, Stage::Down, 2));
    assert_eq!(e.shown_secs(c.t(10.0)), Some(32));
}

#[test]
fn unpaced_reps_wait_for_enter() {
    let c = Clock(Instant::now());
    let reps = Dose::Reps {
        sets: 2,
        reps: 10,
        rest: 30,
        tempo: None,
        per_side: false,
    };
    let mut e = Engine::new(plan(vec![planned("wall-push-up", reps)]), c.t(0.0));
    e.tick(c.t(500.0));
    assert_eq!(kind(&e), Some(PhaseKind::Work));
    assert_eq!(e.remaining(c.t(500.0)), None);
    assert_eq!(e.next_change(c.t(500.0)), None);
    e.done(c.t(520.0));
    assert_eq!(kind(&e), Some(PhaseKind::Rest));
    e.adjust(c.t(521.0), 15);
    assert_eq!(e.shown_secs(c.t(521.0)), Some(44));
    e.adjust(c.t(521.0), -60);
    assert_eq!(e.shown_secs(c.t(521.0)), Some(1), "never below one second");
    assert!(matches!(
        e.drain_events()[..],
        [Event::SetDone { set: 1, .. }]
    ));
}

#[test]
fn sharp_pain_mid_exercise_stops_it_at_once() {
    let c = Clock(Instant::now());
    let mut e = Engine::new(
        plan(vec![
            planned("tandem-stance", time(30, 3, 10, false)),
            planned("chin-tuck", time(20, 1, 0, false)),
        ]),
        c.t(0.0),
    );
    e.tick(c.t(45.0)); // rest after set 1
    e.pause(c.t(45.0));
    e.check_in(c.t(60.0), Feeling::Sharp, None);
    assert_eq!(e.exercise().unwrap().exercise.id, "chin-tuck");
    assert!(!e.is_paused());
    let events = e.drain_events();
    assert!(matches!(
        &events[1],
        Event::CheckIn {
            feeling: Feeling::Sharp,
            ..
        }
    ));
    assert!(
        matches!(&events[2], Event::Skipped { sets, reason: SkipReason::Pain, .. } if *sets == vec![2, 3])
    );
    assert_eq!(e.summary().sharp_pain, vec!["Tandem stance".to_owned()]);
}

#[test]
fn a_milder_check_in_mid_exercise_changes_nothing() {
    let c = Clock(Instant::now());
    let mut e = Engine::new(
        plan(vec![planned("tandem-stance", time(30, 2, 10, false))]),
        c.t(0.0),
    );
    e.tick(c.t(15.0));
    let before = e.index();
    e.check_in(c.t(15.0), Feeling::Sore, None);
    assert_eq!(e.index(), before);
}

#[test]
fn a_red_flag_ends_the_run() {
    let c = Clock(Instant::now());
    let mut e = Engine::new(
        plan(vec![planned("tandem-stance", time(30, 1, 0, false))]),
        c.t(0.0),
    );
    e.tick(c.t(12.0));
    e.red_flag(vec!["Chest pain".into()]);
    assert_eq!(e.outcome(), Some(Outcome::RedFlag));
    assert_eq!(e.phase(), None);
    let events = e.drain_events();
    assert!(matches!(
        &events[..],
        [
            Event::RedFlag { .. },
            Event::SessionEnd {
                outcome: Outcome::RedFlag
            }
        ]
    ));
    e.red_flag(vec![]);
    assert!(
        e.drain_events().is_empty(),
        "an ended run records nothing more"
    );
}

#[test]
fn next_change_is_the_next_whole_second_of_the_countdown() {
    let c = Clock(Instant::now());
    let e = Engine::new(
        plan(vec![planned("tandem-stance", time(30, 1, 0, false))]),
        c.t(0.0),
    );
    assert_eq!(e.next_change(c.t(0.0)), Some(c.t(1.0)));
    assert_eq!(e.next_change(c.t(0.25)), Some(c.t(1.0)));
    assert_eq!(e.next_change(c.t(9.5)), Some(c.t(10.0)));
}

/// A simulated hour-long session, driven only by `next_change` wake-ups and instant check-in
/// answers, ends at exactly the planned second.
#[test]
fn a_sixty_minute_session_ends_at_exactly_the_planned_second() {
    let c = Clock(Instant::now());
    let items: Vec<Planned> = (0..12)
        .map(|i| {
            let id = ["tandem-stance", "chin-tuck", "single-leg-stand"][i % 3];
            planned(id, time(60, 3, 60, i % 3 == 2))
        })
        .collect();
    let plan = plan(items);
    let planned_secs: u32 = plan.phases.iter().filter_map(|p: &Phase| p.secs).sum();
    assert!(planned_secs >= 3600, "{planned_secs}");
    let mut e = Engine::new(plan, c.t(0.0));
    let mut now = c.t(0.0);
    let mut wakes = 0;
    while e.outcome().is_none() {
        if kind(&e) == Some(PhaseKind::CheckIn) {
            e.check_in(now, Feeling::Fine, None);
            continue;
        }
        now = e.next_change(now).expect("a running countdown");
        e.tick(now);
        wakes += 1;
    }
    assert_eq!(now, c.t(f64::from(planned_secs)));
    assert_eq!(wakes, planned_secs, "one wake-up per second, no more");
    assert_eq!(e.summary().sets_done, e.summary().sets_planned);
}

#[test]
fn a_late_tick_catches_up_on_the_plan_grid() {
    let c = Clock(Instant::now());
    let mut e = Engine::new(
        plan(vec![planned("tandem-stance", time(30, 2, 10, false))]),
        c.t(0.0),
    );
    // The machine slept through get ready, set 1 and part of the rest.
    e.tick(c.t(45.0));
    assert_eq!(kind(&e), Some(PhaseKind::Rest));
    assert_eq!(e.shown_secs(c.t(45.0)), Some(5));
}

#[test]
fn a_class_check_in_slide_moves_on_by_itself_or_with_done_and_records_nothing() {
    let c = Clock(Instant::now());
    let items = || {
        vec![
            planned("tandem-stance", time(30, 1, 0, false)),
            planned("chin-tuck", time(20, 1, 0, false)),
        ]
    };
    let mut personal = Engine::new(plan(items()), c.t(0.0));
    personal.tick(c.t(40.0));
    assert_eq!(kind(&personal), Some(PhaseKind::CheckIn));
    personal.done(c.t(41.0));
    assert_eq!(
        kind(&personal),
        Some(PhaseKind::CheckIn),
        "a person's check-in waits for an answer"
    );

    let mut class = Engine::new(plan(items()).for_class(), c.t(0.0));
    class.tick(c.t(40.0));
    assert_eq!(kind(&class), Some(PhaseKind::CheckIn));
    assert_eq!(class.shown_secs(c.t(40.0)), Some(CLASS_CHECK_IN_SECS));
    assert_eq!(class.next_change(c.t(40.0)), Some(c.t(41.0)));
    class.tick(c.t(48.0));
    assert_eq!(class.exercise().unwrap().exercise.id, "chin-tuck");
    assert_eq!(kind(&class), Some(PhaseKind::GetReady));
    class.tick(c.t(78.0));
    assert_eq!(kind(&class), Some(PhaseKind::CheckIn));
    class.done(c.t(79.0));
    assert_eq!(class.outcome(), Some(Outcome::Completed));
    assert!(
        !class
            .drain_events()
            .iter()
            .any(|e| matches!(e, Event::CheckIn { .. })),
        "a class records no check-ins"
    );
}

/// One step of a run as the screens show it: kind, exercise, set and side.
type Step = (PhaseKind, usize, u32, Option<Side>);

/// Walks a whole run with a fixed script of pauses, skips, backs and extra time. Check-ins are
/// answered at once by a person; a class's slide is passed with `done` or left to run out.
fn walk(mut e: Engine, class: bool) -> (Vec<Step>, Vec<Event>) {
    let c = Clock(Instant::now());
    let mut now = c.t(0.0);
    e.restart_exercise(now);
    let mut steps = Vec::new();
    let mut events = Vec::new();
    let mut last = None;
    let mut script = 0u32;
    while let Some(p) = e.phase().copied() {
        if last != Some(e.index()) {
            steps.push((p.kind, p.exercise, p.set, p.side));
            last = Some(e.index());
        }
        if p.kind == PhaseKind::CheckIn {
            match (class, p.exercise % 2) {
                (false, _) => e.check_in(now, Feeling::Fine, None),
                (true, 0) => e.done(now),
                (true, _) => {
                    now = e.next_change(now).expect("a slide counts down");
                    e.tick(now);
                }
            }
            continue;
        }
        script += 1;
        match script {
            _ if p.secs.is_none() => {
                now += Duration::from_secs(7);
                e.done(now);
            }
            s if s % 97 == 0 => e.skip(now),
            s if s % 89 == 0 => e.back(now),
            s if s % 61 == 0 => {
                e.pause(now);
                now += Duration::from_secs(40);
                e.resume(now);
            }
            s if s % 53 == 0 => e.adjust(now, 15),
            _ => {
                now = e.next_change(now).expect("a running countdown");
                e.tick(now);
            }
        }
        events.extend(e.drain_events());
    }
    events.extend(e.drain_events());
    events.retain(|e| !matches!(e, Event::CheckIn { .. }));
    (steps, events)
}

#[test]
fn class_and_personal_runs_step_through_the_same_plan_identically() {
    use std::collections::HashMap;
    let program = crate::program::bundled::find("group-class")
        .unwrap()
        .check()
        .program
        .unwrap();
    for seed in [1, 2, 3] {
        let p = crate::training::plan::plan(
            &crate::training::runnable::Runnable::new(program.clone()),
            None,
            &HashMap::new(),
            seed,
        )
        .unwrap();
        let t = Instant::now();
        let (personal_steps, personal_events) = walk(Engine::new(p.clone(), t), false);
        let (class_steps, class_events) = walk(Engine::new(p.clone().for_class(), t), true);
        assert!(personal_steps.len() > 50, "{}", personal_steps.len());
        assert!(
            personal_events
                .iter()
                .any(|e| matches!(e, Event::Skipped { .. }))
        );
        assert_eq!(class_steps, personal_steps);
        assert_eq!(class_events, personal_events);
    }
}
