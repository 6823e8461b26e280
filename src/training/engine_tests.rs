//! Engine rules with a fake clock: `t(n)` is n seconds after the start.

use std::time::{Duration, Instant};

use super::*;
use crate::program::{Dose, Library};
use crate::records::journal::{Event, Feeling, Outcome, SkipReason};
use crate::training::checkin::{Answer, Place, Quality, Response};
use crate::training::plan::{
    CLASS_CHECK_IN_SECS, ItemKey, Phase, PhaseKind, Plan, Planned, Side, Stage,
};
use crate::training::safety::{SUDDEN_BACK_PAIN, Urgency};

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
    e.check_in(c.t(45.0), Answer::from_feeling(Feeling::MildAche, Some(5)));
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
    e.check_in(c.t(40.0), Answer::nothing(None));
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
    // Sit to stand: stand 1 ... sit 3, at 4 s a rep.
    let mut e = Engine::new(plan(vec![planned("sit-to-stand", reps)]), c.t(0.0));
    e.tick(c.t(10.0));
    let p = e.pace(c.t(10.5)).unwrap();
    assert_eq!(
        (p.rep, p.of, p.stage, p.word, p.stage_left),
        (1, 8, Stage::Move(0), "stand", 1)
    );
    let p = e.pace(c.t(22.0)).unwrap();
    assert_eq!((p.rep, p.word), (4, "stand"));
    let p = e.pace(c.t(24.5)).unwrap();
    assert_eq!(
        (p.rep, p.stage, p.word, p.stage_left),
        (4, Stage::Move(1), "sit", 2)
    );
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
    let sharp = Answer::pain(5, Quality::Sharp, Place::Muscles, None);
    assert_eq!(e.check_in(c.t(60.0), sharp), Some(Response::Stop));
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
    assert_eq!(
        e.summary().stopped_for_pain,
        vec!["Tandem stance".to_owned()]
    );
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
    let sore = Answer::pain(4, Quality::Dull, Place::Muscles, None);
    assert_eq!(e.check_in(c.t(15.0), sore), Some(Response::FinishGently));
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
            e.check_in(now, Answer::nothing(None));
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
                (false, _) => {
                    e.check_in(now, Answer::nothing(None));
                }
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

// ---------- the check-in, resume and the summary (issue 11) ----------

fn three_sets() -> Engine {
    Engine::new(
        plan(vec![
            planned("tandem-stance", time(30, 3, 10, false)),
            planned("chin-tuck", time(20, 1, 0, false)),
        ]),
        Instant::now(),
    )
}

#[test]
fn an_answer_to_carry_on_or_finish_gently_at_the_end_moves_on_and_stops_nothing() {
    for answer in [
        Answer::nothing(Some(4)),
        Answer::pain(3, Quality::Dull, Place::Muscles, Some(6)),
        Answer::pain(5, Quality::Dull, Place::Muscles, None),
        Answer::pain(2, Quality::Dull, Place::Back, None),
    ] {
        let c = Clock(Instant::now());
        let mut e = Engine::new(
            plan(vec![
                planned("tandem-stance", time(30, 1, 0, false)),
                planned("chin-tuck", time(20, 1, 0, false)),
            ]),
            c.t(0.0),
        );
        e.tick(c.t(40.0));
        assert_eq!(kind(&e), Some(PhaseKind::CheckIn));
        let r = e.check_in(c.t(41.0), answer).unwrap();
        assert!(!r.stops(), "{answer:?}");
        assert_eq!(e.exercise().unwrap().exercise.id, "chin-tuck");
        let events = e.drain_events();
        assert!(!events.iter().any(|e| matches!(e, Event::Skipped { .. })));
        let Some(Event::CheckIn { pain, effort, .. }) = events.last() else {
            panic!("{events:?}")
        };
        assert_eq!((*pain, *effort), (Some(answer.pain), answer.effort));
    }
}

#[test]
fn dull_back_pain_above_three_or_severe_pain_stops_the_exercise_mid_set() {
    for answer in [
        Answer::pain(4, Quality::Dull, Place::Back, None),
        Answer::pain(6, Quality::Dull, Place::Muscles, None),
        Answer::pain(2, Quality::Sharp, Place::Joint, None),
    ] {
        let mut e = three_sets();
        let at = e.started + Duration::from_secs(15); // set 1 under way
        e.tick(at);
        assert_eq!(e.check_in(at, answer), Some(Response::Stop), "{answer:?}");
        assert_eq!(e.exercise().unwrap().exercise.id, "chin-tuck");
        let events = e.drain_events();
        assert!(
            events.iter().any(|ev| matches!(ev, Event::Skipped { sets, reason: SkipReason::Pain, .. } if *sets == vec![1, 2, 3])),
            "{events:?}"
        );
        assert_eq!(
            e.summary().stopped_for_pain,
            vec!["Tandem stance".to_owned()]
        );
        assert_eq!(e.summary().skipped_for_pain, 3);
    }
}

#[test]
fn sharp_back_pain_takes_the_red_flag_path_and_ends_the_session() {
    let c = Clock(Instant::now());
    let mut e = three_sets();
    e.tick(c.t(0.0));
    let sharp_back = Answer::pain(2, Quality::Sharp, Place::Back, None);
    assert_eq!(e.check_in(c.t(1.0), sharp_back), Some(Response::RedFlag));
    assert_eq!(e.outcome(), Some(Outcome::RedFlag));
    let events = e.drain_events();
    let names: Vec<&str> = events.iter().map(Event::name).collect();
    assert_eq!(
        names,
        ["check_in", "skipped", "red_flag", "session_end"],
        "the check-in, the sets not done, the red flag and the end are all recorded"
    );
    assert!(matches!(
        &events[2],
        Event::RedFlag { symptoms, urgency: Some(Urgency::Today) } if symptoms[0] == SUDDEN_BACK_PAIN.symptom
    ));
    let s = e.summary();
    assert_eq!(s.red_flag.as_ref().map(|r| r.0), Some(Urgency::Today));
    assert!(s.headline().contains("red flag"), "{}", s.headline());
    assert!(s.headline().contains("doctor today"), "{}", s.headline());
}

#[test]
fn a_red_flag_records_its_urgency() {
    let mut e = three_sets();
    e.red_flag(vec![crate::training::safety::RED_FLAGS[0].symptom.into()]);
    assert!(matches!(
        e.drain_events()[0],
        Event::RedFlag {
            urgency: Some(Urgency::Emergency),
            ..
        }
    ));
    assert!(e.summary().headline().contains("emergency"));
}

/// Events of a run that stopped (a crash) after sets 1 and 2 of three, each side.
fn stopped_after_two_sets(p: &Plan) -> Vec<Event> {
    let item = &p.exercises[0];
    let mut out = vec![Event::SessionStart {
        program: "P".into(),
        source: "p".into(),
        session: "A".into(),
        seed: 0,
        items: p.exercises.iter().map(|e| e.key.0.clone()).collect(),
        class: false,
    }];
    for set in 1..=2 {
        for side in [Side::Left, Side::Right] {
            out.push(Event::SetDone {
                item: item.key.0.clone(),
                exercise: item.exercise.id.clone(),
                set,
                side: Some(side),
                level: 0,
                dose: item.dose,
            });
        }
    }
    out
}

#[test]
fn a_resumed_run_goes_on_at_the_first_set_not_done_with_the_same_doses() {
    let c = Clock(Instant::now());
    let p = plan(vec![
        planned("single-leg-stand", time(20, 3, 15, true)),
        planned("chin-tuck", time(20, 1, 0, false)),
    ]);
    let earlier = stopped_after_two_sets(&p);
    let mut e = Engine::resumed(p.clone(), 0, earlier, c.t(0.0));
    assert_eq!(
        kind(&e),
        Some(PhaseKind::GetReady),
        "a moment to get in position"
    );
    e.tick(c.t(10.0));
    let ph = *e.phase().unwrap();
    assert_eq!(
        (ph.kind, ph.set, ph.side),
        (PhaseKind::Work, 3, Some(Side::Left)),
        "sets 1 and 2 are not done again, nor the rests after them"
    );
    assert_eq!(e.exercise().unwrap().dose, p.exercises[0].dose);
    // Finish the exercise: set 3 left and right, then the check-in.
    e.tick(c.t(30.0)); // switch sides
    e.tick(c.t(35.0)); // right
    e.tick(c.t(55.0));
    assert_eq!(kind(&e), Some(PhaseKind::CheckIn));
    let sets: Vec<(u32, Option<Side>)> = e
        .drain_events()
        .iter()
        .filter_map(|ev| match ev {
            Event::SetDone { set, side, .. } => Some((*set, *side)),
            _ => None,
        })
        .collect();
    assert_eq!(sets, vec![(3, Some(Side::Left)), (3, Some(Side::Right))]);
    // Going back to the exercise's start passes over the sets done before the stop too.
    e.back(c.t(56.0));
    e.tick(c.t(66.0));
    assert_eq!(e.phase().unwrap().set, 3);
}

#[test]
fn a_resumed_run_skipped_on_records_only_the_sets_never_done_and_the_summary_counts_both_parts() {
    let c = Clock(Instant::now());
    let p = plan(vec![
        planned("single-leg-stand", time(20, 3, 15, true)),
        planned("chin-tuck", time(20, 1, 0, false)),
    ]);
    let mut earlier = stopped_after_two_sets(&p);
    earlier.push(Event::Skipped {
        item: "elsewhere".into(),
        exercise: "x".into(),
        sets: vec![1, 2],
        reason: SkipReason::Skipped,
    });
    let mut e = Engine::resumed(p, 0, earlier, c.t(0.0));
    e.tick(c.t(10.0));
    e.skip(c.t(11.0));
    let skipped: Vec<Vec<u32>> = e
        .drain_events()
        .iter()
        .filter_map(|ev| match ev {
            Event::Skipped { sets, .. } => Some(sets.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(skipped, vec![vec![3]]);
    let s = e.summary();
    assert!(s.resumed);
    assert_eq!((s.sets_done, s.sets_planned), (4, 7));
    assert_eq!(
        s.skipped, 3,
        "the 2 skipped before the stop and the 1 after"
    );
}

#[test]
fn a_resume_after_every_set_of_an_exercise_goes_straight_to_its_check_in() {
    let c = Clock(Instant::now());
    let p = plan(vec![planned("single-leg-stand", time(20, 2, 15, true))]);
    let earlier = stopped_after_two_sets(&p);
    let mut e = Engine::resumed(p, 0, earlier, c.t(0.0));
    e.tick(c.t(10.0));
    assert_eq!(kind(&e), Some(PhaseKind::CheckIn));
}

#[test]
fn the_summary_tells_how_the_session_ended() {
    let c = Clock(Instant::now());
    // Completed cleanly.
    let mut e = Engine::new(
        plan(vec![planned("chin-tuck", time(20, 1, 0, false))]),
        c.t(0.0),
    );
    e.tick(c.t(30.0));
    e.check_in(c.t(31.0), Answer::nothing(None));
    assert_eq!(e.summary().headline(), "Session complete. Well done.");
    // Completed, but an exercise stopped for pain: not "well done".
    let mut e = three_sets();
    let t0 = e.started;
    e.check_in(t0, Answer::pain(7, Quality::Dull, Place::Muscles, None));
    e.tick(t0 + Duration::from_secs(60));
    e.check_in(t0 + Duration::from_secs(61), Answer::nothing(None));
    let s = e.summary();
    assert_eq!(s.outcome, Some(Outcome::Completed));
    assert!(
        s.headline().contains("stopped for pain: Tandem stance"),
        "{}",
        s.headline()
    );
    assert!(
        s.figures().contains("Sets skipped: 3 (3 for pain)"),
        "{}",
        s.figures()
    );
    // Ended after pain.
    let mut e = three_sets();
    let t0 = e.started;
    e.check_in(t0, Answer::pain(3, Quality::Sharp, Place::Muscles, None));
    e.end(Outcome::Pain);
    assert_eq!(
        e.summary().headline(),
        "Session ended after pain in Tandem stance."
    );
    // Quit.
    let mut e = three_sets();
    e.end(Outcome::Quit);
    assert_eq!(e.summary().headline(), "Session ended early.");
}
