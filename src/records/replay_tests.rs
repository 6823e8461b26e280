//! Replay rules, driven the way the coach drives them: plan with today's levels, write what
//! happened to a journal in memory, replay it again.

use std::collections::HashMap;

use proptest::prelude::*;

use super::*;
use crate::common::calendar::stamp;
use crate::program::{Library, Program, check_source};
use crate::records::journal::{Event, Feeling, NextDay, Outcome, PainChoice, Record, SkipReason};
use crate::records::runs::{instead_for, unfinished};
use crate::training::checkin::{Answer, Place, Quality, Response};
use crate::training::plan::{Instead, Side, plan, plan_with};
use crate::training::runnable::Runnable;

const PROGRAM: &str = r#"Program(
    title: "Replay",
    level: Beginner,
    per_week: 3,
    advance_after: 2,
    sessions: [
        Session(name: "A", blocks: [
            Block(name: "Main", items: [
                Item(exercise: "sit-to-stand", dose: Reps(sets: 1, reps: 8, rest: 30),
                     progress: [AddReps(step: 1, up_to: 10), AddSets(up_to: 2), Harder]),
                Item(exercise: "tandem-stance", dose: Time(secs: 20, per_side: true),
                     progress: [AddTime(step: 10, up_to: 40)]),
            ]),
        ]),
    ],
)"#;

const STS: &str = "A / Main / sit-to-stand";
const TANDEM: &str = "A / Main / tandem-stance";

fn program(text: &str) -> Program {
    let checked = check_source(text.as_bytes(), Library::bundled());
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    checked.program.unwrap()
}

fn rules_of(p: &Program) -> Rules {
    Rules::new(&Runnable::new((*p).clone()), "replay.ron")
}

/// What happens to one item in a simulated session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Did {
    /// Every set, then this check-in (effort 5).
    All(Feeling),
    /// Every set, then this check-in.
    Answered(Answer),
    /// Sharp pain after this many sets.
    Sharp(u32),
    /// Some sets, then skipped on.
    Skip(u32),
    /// The session ended (a crash or quit) before this item.
    NotReached,
}

struct Sim {
    program: Program,
    records: Vec<Record>,
    run: u64,
}

impl Sim {
    fn new(text: &str) -> Sim {
        Sim {
            program: program(text),
            records: Vec::new(),
            run: 1_700_000_000_000,
        }
    }

    fn push(&mut self, run: u64, event: Event) {
        self.records.push(Record {
            at: stamp(run / 1000),
            run,
            event,
        });
    }

    fn levels(&self) -> HashMap<ItemKey, u32> {
        let rules = rules_of(&self.program);
        replay(&rules, &self.records).levels()
    }

    fn level(&self, key: &str) -> u32 {
        self.levels()[&ItemKey(key.into())]
    }

    fn next_run(&mut self) -> u64 {
        self.run += 86_400_000;
        self.run
    }

    /// One session as the coach runs it; returns the run id.
    fn session(&mut self, did: &[Did]) -> u64 {
        self.session_did(did).0
    }

    /// One session; also what each item amounted to (skipping on after the last set is
    /// finishing it, with no check-in).
    fn session_did(&mut self, did: &[Did]) -> (u64, Vec<Did>) {
        let mut happened = Vec::new();
        let plan = plan(
            &Runnable::new(self.program.clone()),
            None,
            &self.levels(),
            1,
        )
        .unwrap();
        let run = self.next_run();
        self.push(
            run,
            Event::SessionStart {
                program: plan.program.clone(),
                source: "replay.ron".into(),
                session: plan.session.clone(),
                seed: 1,
                items: plan.exercises.iter().map(|e| e.key.0.clone()).collect(),
                class: false,
            },
        );
        for (p, did) in plan.exercises.iter().zip(did) {
            let sets = match *did {
                Did::All(_) | Did::Answered(_) => p.dose.sets(),
                Did::Sharp(n) | Did::Skip(n) => n.min(p.dose.sets()),
                Did::NotReached => break,
            };
            happened.push(match *did {
                Did::Skip(_) if sets == p.dose.sets() => Did::All(Feeling::Fine),
                Did::Skip(_) => Did::Skip(sets),
                Did::Sharp(_) => Did::Sharp(sets),
                d => d,
            });
            for set in 1..=sets {
                let sides: Vec<Option<Side>> = if p.dose.per_side() {
                    vec![Some(Side::Left), Some(Side::Right)]
                } else {
                    vec![None]
                };
                for side in sides {
                    self.push(
                        run,
                        Event::SetDone {
                            item: p.key.0.clone(),
                            exercise: p.exercise.id.clone(),
                            set,
                            side,
                            level: p.level,
                            dose: p.dose,
                        },
                    );
                }
            }
            let rest: Vec<u32> = (sets + 1..=p.dose.sets()).collect();
            let (answer, skipped) = match *did {
                Did::All(f) => (Some(Answer::from_feeling(f, Some(5))), None),
                Did::Answered(a) if a.response().stops() => (Some(a), Some(SkipReason::Pain)),
                Did::Answered(a) => (Some(a), None),
                Did::Sharp(_) => (
                    Some(Answer::from_feeling(Feeling::Sharp, None)),
                    Some(SkipReason::Pain),
                ),
                Did::Skip(_) => (None, Some(SkipReason::Skipped)),
                Did::NotReached => (None, None),
            };
            if let Some(reason) = skipped
                && !rest.is_empty()
            {
                self.push(
                    run,
                    Event::Skipped {
                        item: p.key.0.clone(),
                        exercise: p.exercise.id.clone(),
                        sets: rest,
                        reason,
                    },
                );
            }
            if let Some(answer) = answer {
                self.push(
                    run,
                    Event::check_in(p.key.0.clone(), p.exercise.id.clone(), answer),
                );
            }
        }
        if !did.contains(&Did::NotReached) {
            self.push(
                run,
                Event::SessionEnd {
                    outcome: Outcome::Completed,
                },
            );
        }
        happened.resize(did.len(), Did::NotReached);
        (run, happened)
    }

    fn clean(&mut self) -> u64 {
        self.session(&[Did::All(Feeling::Fine), Did::All(Feeling::MildAche)])
    }
}

#[test]
fn two_clean_sessions_move_each_item_up_one_rung() {
    let mut s = Sim::new(PROGRAM);
    assert_eq!(s.level(STS), 0);
    s.clean();
    assert_eq!(s.level(STS), 0, "one clean session is not enough");
    s.clean();
    assert_eq!((s.level(STS), s.level(TANDEM)), (1, 1));
    // The plan shows today's dose, not the file's start dose.
    let p = plan(&Runnable::new(s.program.clone()), None, &s.levels(), 1).unwrap();
    assert_eq!(p.exercises[0].dose.reps(), Some(9));
    assert_eq!(p.exercises[1].dose.work_secs(), 30);
    for _ in 0..20 {
        s.clean();
    }
    // 8 → 9 → 10 reps, a second set, then the harder variant: the top of the ladder.
    assert_eq!((s.level(STS), s.level(TANDEM)), (4, 2));
    let p = plan(&Runnable::new(s.program.clone()), None, &s.levels(), 1).unwrap();
    assert_ne!(p.exercises[0].exercise.id, "sit-to-stand");
}

#[test]
fn stronger_soreness_holds_the_level() {
    let mut s = Sim::new(PROGRAM);
    s.clean();
    s.session(&[Did::All(Feeling::Sore), Did::All(Feeling::Fine)]);
    assert_eq!(s.level(STS), 0, "soreness: the clean sessions start again");
    assert_eq!(s.level(TANDEM), 1);
    s.clean();
    assert_eq!(s.level(STS), 0);
    s.clean();
    assert_eq!(s.level(STS), 1);
}

#[test]
fn skipped_or_unfinished_items_are_not_clean_and_unreached_ones_do_not_count() {
    let mut s = Sim::new(PROGRAM);
    s.clean();
    s.session(&[Did::Skip(0), Did::NotReached]);
    assert_eq!(s.level(STS), 0);
    s.clean();
    assert_eq!(s.level(STS), 0);
    assert_eq!(
        s.level(TANDEM),
        1,
        "an item never reached neither counts nor holds"
    );
}

#[test]
fn sharp_pain_steps_back_and_blocks_two_clean_sessions() {
    let mut s = Sim::new(PROGRAM);
    for _ in 0..4 {
        s.clean();
    }
    assert_eq!(s.level(STS), 2);
    s.session(&[Did::Sharp(0), Did::All(Feeling::Fine)]);
    assert_eq!(s.level(STS), 1, "one step back");
    let rules = rules_of(&s.program);
    assert_eq!(
        replay(&rules, &s.records).held(STS),
        Some(Held::Pain(CLEAN_AFTER_PAIN))
    );
    s.clean();
    assert_eq!(s.level(STS), 1);
    assert_eq!(replay(&rules, &s.records).held(STS), Some(Held::Pain(1)));
    s.clean();
    assert_eq!(
        s.level(STS),
        2,
        "two clean sessions later it may move up again"
    );
}

#[test]
fn a_red_flag_blocks_all_progression_until_clearance() {
    let mut s = Sim::new(PROGRAM);
    s.clean();
    s.clean();
    let run = s.run;
    s.push(run, Event::red_flag(vec![]));
    assert_eq!((s.level(STS), s.level(TANDEM)), (0, 0));
    let rules = rules_of(&s.program);
    assert_eq!(replay(&rules, &s.records).held(STS), Some(Held::RedFlag));
    let next = s.run + 1;
    s.push(next, Event::Clearance);
    assert_eq!((s.level(STS), s.level(TANDEM)), (1, 1));
}

#[test]
fn the_next_day_follow_up_holds_or_steps_back() {
    let mut s = Sim::new(PROGRAM);
    for _ in 0..3 {
        s.clean();
    }
    let last = s.clean();
    assert_eq!(s.level(STS), 2, "due to move up");
    // Still sore: no progression today.
    s.push(
        last + 1,
        Event::FollowUp {
            about: last,
            answer: NextDay::StillSore,
        },
    );
    let rules = rules_of(&s.program);
    assert_eq!(replay(&rules, &s.records).held(STS), Some(Held::NextDay));
    assert_eq!(s.level(STS), 1);
    let run = s.clean();
    let planned = s.records.iter().find_map(|r| match &r.event {
        Event::SetDone { item, level, .. } if r.run == run && item == STS => Some(*level),
        _ => None,
    });
    assert_eq!(planned, Some(1), "today's session was not progressed");
    assert_eq!(s.level(STS), 2, "the next one may be");
    // Worse: every item done in the session asked about steps back one level from the level
    // it was done at (and what it had earned there is gone).
    let done_at = |s: &Sim, key: &str| {
        s.records.iter().find_map(|r| match &r.event {
            Event::SetDone { item, level, .. } if r.run == run && item == key => Some(*level),
            _ => None,
        })
    };
    let (sts, tandem) = (done_at(&s, STS).unwrap(), done_at(&s, TANDEM).unwrap());
    assert_eq!((sts, tandem), (1, 1));
    s.push(
        run + 1,
        Event::FollowUp {
            about: run,
            answer: NextDay::Worse,
        },
    );
    assert_eq!((s.level(STS), s.level(TANDEM)), (0, 0));
    // Answered twice about the same session: stepped back once.
    s.push(
        run + 2,
        Event::FollowUp {
            about: run,
            answer: NextDay::Worse,
        },
    );
    assert_eq!(s.level(STS), 0);
    s.clean();
    assert_eq!(s.level(STS), 0, "one clean session after stepping back");
}

#[test]
fn other_programs_and_classes_do_not_move_levels() {
    let mut s = Sim::new(PROGRAM);
    s.clean();
    s.clean();
    for r in &mut s.records {
        if let Event::SessionStart {
            source, program, ..
        } = &mut r.event
        {
            *source = "elsewhere.ron".into();
            *program = "Another".into();
        }
    }
    assert_eq!(s.level(STS), 0);
    for r in &mut s.records {
        if let Event::SessionStart { program, class, .. } = &mut r.event {
            *program = "Replay".into();
            *class = true;
        }
    }
    assert_eq!(
        s.level(STS),
        0,
        "a class runs everyone at the instructor's dose"
    );
    for r in &mut s.records {
        if let Event::SessionStart { class, .. } = &mut r.event {
            *class = false;
        }
    }
    assert_eq!(
        s.level(STS),
        1,
        "same title, moved file: still this program"
    );
}

#[test]
fn an_edited_program_restarts_at_the_nearest_dose_not_above_the_old_one() {
    let mut s = Sim::new(PROGRAM);
    for _ in 0..6 {
        s.clean();
    }
    assert_eq!(s.level(STS), 3, "1 x 10, then 2 x 10 next time");
    s.clean(); // done at 2 x 10 reps
    // Finer steps: 8, 9, 10, 11, 12 reps, then sets. The old 2 x 10 is rung... none: every
    // rung of 2 sets has 12 reps; the highest not above 2 x 10 is 1 x 10.
    let finer = PROGRAM.replace(
        "AddReps(step: 1, up_to: 10), AddSets(up_to: 2)",
        "AddReps(step: 1, up_to: 12), AddSets(up_to: 2)",
    );
    s.program = program(&finer);
    assert_eq!(s.level(STS), 2, "1 x 10 reps: nearest, not above 2 x 10");
    let p = plan(&Runnable::new(s.program.clone()), None, &s.levels(), 1).unwrap();
    assert_eq!(
        (p.exercises[0].dose.sets(), p.exercises[0].dose.reps()),
        (1, Some(10))
    );
    // A shorter ladder: clamped to its top.
    let short = PROGRAM.replace(
        "progress: [AddReps(step: 1, up_to: 10), AddSets(up_to: 2), Harder]",
        "progress: [AddReps(step: 1, up_to: 9)]",
    );
    s.program = program(&short);
    assert_eq!(s.level(STS), 1);
    // A bigger start dose than was ever done: the start, since nothing is lower.
    let bigger = PROGRAM
        .replace("secs: 20, per_side", "secs: 60, per_side")
        .replace("up_to: 40", "up_to: 80");
    s.program = program(&bigger);
    assert_eq!(s.level(TANDEM), 0);
}

#[test]
fn nearest_prefers_an_easier_exercise_to_more_of_the_same() {
    let p = program(PROGRAM);
    let rules = rules_of(&p);
    let rungs = rules.ladder(STS).unwrap();
    let harder = rungs.last().unwrap().exercise.clone();
    let one_by_four = Dose::Reps {
        sets: 1,
        reps: 4,
        rest: 30,
        tempo: None,
        per_side: false,
    };
    // The harder variant at less than its start dose: the last rung of the easier one.
    assert_eq!(nearest(rungs, &harder, one_by_four), rungs.len() as u32 - 2);
    assert_eq!(nearest(rungs, "sit-to-stand", one_by_four), 0);
    assert_eq!(nearest(rungs, "no-such-exercise", one_by_four), 0);
}

#[test]
fn an_unfinished_session_counts_as_far_as_it_went() {
    let mut s = Sim::new(PROGRAM);
    s.clean();
    s.session(&[Did::All(Feeling::Fine), Did::NotReached]);
    assert_eq!((s.level(STS), s.level(TANDEM)), (1, 0));
}

#[test]
fn an_unfinished_session_resumes_at_the_first_item_not_finished() {
    let mut s = Sim::new(PROGRAM);
    s.clean();
    assert_eq!(unfinished(&s.records), None, "it ended");
    let run = s.session(&[Did::All(Feeling::Fine), Did::NotReached]);
    let u = unfinished(&s.records).unwrap();
    assert_eq!((u.run, u.resume_at, u.sets_done), (run, 1, 1));
    assert_eq!(u.items, vec![STS.to_owned(), TANDEM.to_owned()]);
    // Sets done but no check-in yet: that item again.
    s.records
        .retain(|r| !matches!(r.event, Event::CheckIn { .. }) || r.run != run);
    assert_eq!(unfinished(&s.records).unwrap().resume_at, 0);
    // Every item finished, only the end lost: nothing to resume.
    let run = s.session(&[Did::All(Feeling::Fine), Did::All(Feeling::Fine)]);
    s.records
        .retain(|r| !matches!(r.event, Event::SessionEnd { .. }) || r.run != run);
    assert_eq!(unfinished(&s.records), None);
}

// ---------- properties ----------

fn arb_feeling() -> impl Strategy<Value = Feeling> {
    prop_oneof![
        Just(Feeling::Fine),
        Just(Feeling::MildAche),
        Just(Feeling::Sore),
        Just(Feeling::Sharp)
    ]
}

fn arb_answer() -> impl Strategy<Value = Answer> {
    (
        0u8..=12,
        any::<bool>(),
        0usize..3,
        prop::option::of(0u8..=12),
    )
        .prop_map(|(pain, sharp, place, effort)| {
            let quality = if sharp { Quality::Sharp } else { Quality::Dull };
            Answer::pain(pain, quality, Place::ALL[place], effort.map(|e| e.min(10)))
        })
}

fn arb_dose() -> impl Strategy<Value = Dose> {
    prop_oneof![
        (0u32..12, 0u32..60, any::<bool>()).prop_map(|(sets, reps, per_side)| Dose::Reps {
            sets,
            reps,
            rest: 0,
            tempo: None,
            per_side
        }),
        (0u32..12, 0u32..4000, any::<bool>()).prop_map(|(sets, secs, per_side)| Dose::Time {
            secs,
            sets,
            rest: 0,
            per_side
        }),
    ]
}

fn arb_key() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(STS.to_owned()),
        Just(TANDEM.to_owned()),
        "[a-z /]{0,12}"
    ]
}

/// Any event at all, consistent or not.
fn arb_event() -> impl Strategy<Value = Event> {
    prop_oneof![
        (
            prop::collection::vec(arb_key(), 0..3),
            any::<bool>(),
            any::<bool>()
        )
            .prop_map(|(items, ours, class)| Event::SessionStart {
                program: if ours {
                    "Replay".into()
                } else {
                    "Other".into()
                },
                source: "x".into(),
                session: "A".into(),
                seed: 0,
                items,
                class,
            }),
        (
            arb_key(),
            0u32..20,
            any::<Option<bool>>(),
            any::<u32>(),
            arb_dose()
        )
            .prop_map(|(item, set, side, level, dose)| Event::SetDone {
                item,
                exercise: "sit-to-stand".into(),
                set,
                side: side.map(|r| if r { Side::Right } else { Side::Left }),
                level,
                dose,
            }),
        arb_key().prop_map(|item| Event::Skipped {
            item,
            exercise: String::new(),
            sets: vec![1],
            reason: SkipReason::Skipped
        }),
        (arb_key(), arb_feeling()).prop_map(|(item, feeling)| Event::CheckIn {
            item,
            exercise: String::new(),
            feeling,
            pain: None,
            quality: None,
            place: None,
            effort: None
        }),
        (arb_key(), arb_answer()).prop_map(|(item, a)| Event::check_in(item, String::new(), a)),
        (arb_key(), 0u8..3).prop_map(|(item, c)| Event::AfterPain {
            item,
            exercise: String::new(),
            choice: [
                PainChoice::Easier,
                PainChoice::LeaveOut,
                PainChoice::Assessed
            ][usize::from(c)],
            instead: None,
        }),
        Just(Event::red_flag(vec![])),
        Just(Event::Clearance),
        (
            0u64..4,
            prop_oneof![
                Just(NextDay::Settled),
                Just(NextDay::StillSore),
                Just(NextDay::Worse)
            ]
        )
            .prop_map(|(about, answer)| Event::FollowUp { about, answer }),
        any::<u32>().prop_map(|exercise| Event::Resumed { exercise }),
        Just(Event::SessionEnd {
            outcome: Outcome::Quit
        }),
    ]
}

fn arb_did() -> impl Strategy<Value = Did> {
    prop_oneof![
        4 => arb_feeling().prop_map(Did::All),
        1 => (0u32..3).prop_map(Did::Sharp),
        1 => (0u32..3).prop_map(Did::Skip),
        1 => Just(Did::NotReached),
    ]
}

/// Between sessions, sometimes: a follow-up answer, a red flag, a clearance.
fn arb_between() -> impl Strategy<Value = u8> {
    prop_oneof![6 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8), 1 => Just(3u8), 1 => Just(4u8)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn replaying_any_prefix_of_any_journal_never_panics(
        events in prop::collection::vec((0u64..4, arb_event()), 0..60),
        cut in 0usize..60,
    ) {
        let p = program(PROGRAM);
        let rules = rules_of(&p);
        let records: Vec<Record> = events
            .into_iter()
            .map(|(run, event)| Record { at: "x".into(), run, event })
            .collect();
        let prefix = &records[..cut.min(records.len())];
        let progress = replay(&rules, prefix);
        for key in [STS, TANDEM] {
            let top = rules.ladder(key).unwrap().len() as u32 - 1;
            prop_assert!(progress.today(key) <= top);
        }
    }

    #[test]
    fn a_level_never_rises_after_sharp_pain_without_two_clean_sessions(
        sessions in prop::collection::vec(
            (prop::collection::vec(arb_did(), 2), arb_between()),
            1..40,
        ),
    ) {
        let mut s = Sim::new(PROGRAM);
        let keys = [STS, TANDEM];
        // Per item: the level sharp pain stepped it back to, and clean sessions since.
        let mut after_pain: [Option<(u32, u32)>; 2] = [None, None];
        // Clean sessions since the item's last session that was not clean.
        let mut clean = [0u32; 2];
        for (did, between) in sessions {
            let before: Vec<u32> = keys.iter().map(|k| s.level(k)).collect();
            let (run, did) = s.session_did(&did);
            let after: Vec<u32> = keys.iter().map(|k| s.level(k)).collect();
            for i in 0..2 {
                match did[i] {
                    Did::Sharp(_) => {
                        prop_assert!(after[i] <= before[i].saturating_sub(1), "one step back");
                        after_pain[i] = Some((after[i], 0));
                        clean[i] = 0;
                    }
                    Did::All(f)
                        if Answer::from_feeling(f, Some(5)).response() == Response::CarryOn =>
                    {
                        clean[i] += 1;
                        if let Some((_, n)) = &mut after_pain[i] {
                            *n += 1;
                        }
                    }
                    Did::NotReached => {}
                    _ => clean[i] = 0,
                }
                if let Some((floor, n)) = after_pain[i]
                    && n < CLEAN_AFTER_PAIN
                {
                    prop_assert!(
                        after[i] <= floor,
                        "{}: rose to {} after sharp pain with only {} clean sessions",
                        keys[i], after[i], n
                    );
                }
                if after[i] > before[i] {
                    prop_assert!(clean[i] >= 2, "{}: rose without two clean sessions", keys[i]);
                    prop_assert_eq!(after[i], before[i] + 1, "one rung at a time");
                }
            }
            let next = s.run + 1;
            match between {
                1 => s.push(next, Event::FollowUp { about: run, answer: NextDay::StillSore }),
                2 => {
                    s.push(next, Event::FollowUp { about: run, answer: NextDay::Worse });
                    for i in 0..2 {
                        let done = match did[i] {
                            Did::All(_) | Did::Answered(_) => true,
                            Did::Sharp(n) | Did::Skip(n) => n > 0,
                            Did::NotReached => false,
                        };
                        if done {
                            clean[i] = 0;
                        }
                    }
                }
                3 => s.push(next, Event::red_flag(vec![])),
                4 => s.push(next, Event::Clearance),
                _ => {}
            }
        }
    }

    #[test]
    fn a_journal_cut_at_any_byte_loads_every_whole_line_before_the_cut(
        events in prop::collection::vec((0u64..4, arb_event()), 1..30),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut text = Vec::new();
        let mut ends = Vec::new();
        for (run, event) in events {
            let r = Record { at: stamp(run), run, event };
            text.extend(serde_json::to_vec(&r).unwrap());
            text.push(b'\n');
            ends.push(text.len());
        }
        let cut = cut.index(text.len() + 1);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.jsonl");
        std::fs::write(&path, &text[..cut]).unwrap();
        // Any time after the records (2100-01-01), so every date is within bounds.
        let (loaded, torn) = crate::records::journal::load(&path, 4_102_444_800).unwrap();
        // A cut just before a newline leaves a whole record: it is kept, the newline added.
        let whole = ends.iter().filter(|&&e| e <= cut + 1).count();
        let clean_cut = ends.contains(&cut) || ends.contains(&(cut + 1)) || cut == 0;
        prop_assert_eq!(loaded.records.len(), whole);
        prop_assert_eq!(torn.is_some(), !clean_cut);
        let kept = std::fs::metadata(&path).unwrap().len() as usize;
        prop_assert_eq!(kept, ends[..whole].last().copied().unwrap_or(0));
        let p = program(PROGRAM);
        replay(&rules_of(&p), &loaded.records);
    }
}

// ---------- the check-in's answers, effort, the day after and after pain (issue 11) ----------

fn easy() -> Did {
    Did::Answered(Answer::nothing(Some(2)))
}

fn answered(pain: u8, quality: Quality, place: Place, effort: Option<u8>) -> Did {
    Did::Answered(Answer::pain(pain, quality, place, effort))
}

#[test]
fn a_clean_session_at_effort_three_or_less_moves_up_sooner() {
    let mut s = Sim::new(PROGRAM);
    s.session(&[easy(), Did::All(Feeling::Fine)]);
    assert_eq!(
        (s.level(STS), s.level(TANDEM)),
        (1, 0),
        "one easy session counts as two; an ordinary one as one"
    );
    // Effort skipped counts as an ordinary session.
    let mut s = Sim::new(PROGRAM);
    s.session(&[Did::Answered(Answer::nothing(None)), easy()]);
    assert_eq!((s.level(STS), s.level(TANDEM)), (0, 1));
}

#[test]
fn effort_nine_or_ten_holds_the_level_even_when_nothing_hurt() {
    let mut s = Sim::new(PROGRAM);
    s.clean();
    s.session(&[
        Did::Answered(Answer::nothing(Some(9))),
        Did::Answered(Answer::nothing(Some(8))),
    ]);
    assert_eq!((s.level(STS), s.level(TANDEM)), (0, 1));
    s.clean();
    assert_eq!(s.level(STS), 0, "the clean sessions started counting again");
    s.session(&[Did::Answered(Answer::nothing(Some(10))), easy()]);
    assert_eq!(s.level(STS), 0);
}

#[test]
fn moderate_muscle_soreness_and_mild_back_pain_hold_and_mild_muscle_ache_counts() {
    let mut s = Sim::new(PROGRAM);
    s.clean();
    s.session(&[
        answered(2, Quality::Dull, Place::Back, Some(5)),
        answered(3, Quality::Dull, Place::Muscles, Some(5)),
    ]);
    assert_eq!(
        (s.level(STS), s.level(TANDEM)),
        (0, 1),
        "dull back pain holds; a mild muscle ache is training"
    );
    s.clean();
    s.session(&[
        answered(5, Quality::Dull, Place::Muscles, Some(5)),
        Did::All(Feeling::Fine),
    ]);
    assert_eq!(s.level(STS), 0);
}

#[test]
fn dull_back_pain_above_three_steps_back_like_sharp_pain_and_asks_next_time() {
    let mut s = Sim::new(PROGRAM);
    for _ in 0..4 {
        s.clean();
    }
    assert_eq!(s.level(STS), 2);
    s.session(&[
        answered(4, Quality::Dull, Place::Back, None),
        Did::All(Feeling::Fine),
    ]);
    assert_eq!(s.level(STS), 1, "one step back");
    let rules = rules_of(&s.program);
    let p = replay(&rules, &s.records);
    assert_eq!(p.held(STS), Some(Held::Pain(CLEAN_AFTER_PAIN)));
    assert_eq!(
        p.stopped(STS),
        Some(&Stopped {
            exercise: "sit-to-stand".into(),
            left_out: false
        })
    );
    assert_eq!(p.stopped(TANDEM), None);
}

fn after_pain(s: &mut Sim, run: u64, choice: PainChoice, instead: Option<&str>) {
    s.push(
        run,
        Event::AfterPain {
            item: STS.into(),
            exercise: "sit-to-stand".into(),
            choice,
            instead: instead.map(str::to_owned),
        },
    );
}

#[test]
fn after_pain_the_question_stays_until_the_exercise_has_been_assessed() {
    let mut s = Sim::new(PROGRAM);
    s.session(&[Did::Sharp(1), Did::All(Feeling::Fine)]);
    let rules = rules_of(&s.program);
    assert!(replay(&rules, &s.records).stopped(STS).is_some());
    // Left out: asked again next time, saying so.
    let next = s.run + 86_400_000;
    after_pain(&mut s, next, PainChoice::LeaveOut, None);
    let p = replay(&rules, &s.records);
    assert!(p.stopped(STS).unwrap().left_out);
    assert_eq!(
        instead_for(&s.records, next)[&ItemKey(STS.into())],
        Instead::LeaveOut
    );
    assert!(
        instead_for(&s.records, next + 1).is_empty(),
        "only for that run"
    );
    // Assessed: no more questions, planned as usual.
    let later = next + 86_400_000;
    after_pain(&mut s, later, PainChoice::Assessed, None);
    assert_eq!(replay(&rules, &s.records).stopped(STS), None);
    assert!(instead_for(&s.records, later).is_empty());
}

#[test]
fn a_left_out_item_is_not_planned_and_an_easier_variant_stands_in_at_the_first_dose() {
    let p = program(PROGRAM);
    let r = Runnable::new(p.clone());
    let cat = r.catalog();
    let levels = HashMap::from([(ItemKey(STS.into()), 2)]);
    let out = HashMap::from([(ItemKey(STS.into()), Instead::LeaveOut)]);
    let plan = plan_with(&r, None, &levels, &out, 1).unwrap();
    assert_eq!(
        plan.exercises
            .iter()
            .map(|e| e.key.0.as_str())
            .collect::<Vec<_>>(),
        vec![TANDEM]
    );
    let easier = crate::training::plan::easier_variant(&cat, "sit-to-stand").unwrap();
    assert_eq!(easier.id, "sit-to-stand-with-hands");
    let swap = HashMap::from([(ItemKey(STS.into()), Instead::Easier(easier.id.clone()))]);
    let plan = plan_with(&r, None, &levels, &swap, 1).unwrap();
    let e = &plan.exercises[0];
    assert_eq!(
        (e.key.0.as_str(), e.exercise.id.as_str()),
        (STS, "sit-to-stand-with-hands")
    );
    assert_eq!(
        e.dose, p.sessions[0].blocks[0].items[0].dose,
        "the item's first dose"
    );
}

#[test]
fn the_easier_variant_is_found_among_the_programs_own_exercises_too() {
    let text = PROGRAM.replace(
        "    sessions: [",
        r#"    exercises: [
        Exercise(
            id: "our-supported-rise",
            name: "Our supported rise",
            kinds: [Resistance, WeightBearing],
            spine: Neutral,
            impact: None,
            cues: ["Sit tall, hands on the armrests.", "Stand up tall, then sit down slowly."],
            harder: "our-rise",
        ),
        Exercise(
            id: "our-rise",
            name: "Our rise",
            kinds: [Resistance, WeightBearing],
            spine: Neutral,
            impact: None,
            cues: ["Sit tall, arms crossed.", "Stand up tall, then sit down slowly."],
            easier: "our-supported-rise",
        ),
    ],
    sessions: ["#,
    );
    let r = Runnable::new(program(&text));
    let cat = r.catalog();
    let easier = crate::training::plan::easier_variant(&cat, "our-rise").unwrap();
    assert_eq!(easier.name, "Our supported rise");
    assert!(crate::training::plan::easier_variant(&cat, "our-supported-rise").is_none());
}

#[test]
fn a_session_with_the_easier_variant_in_place_neither_moves_nor_holds_the_item() {
    let mut s = Sim::new(PROGRAM);
    for _ in 0..4 {
        s.clean();
    }
    s.session(&[Did::Sharp(1), Did::All(Feeling::Fine)]);
    assert_eq!(s.level(STS), 1);
    let rules = rules_of(&s.program);
    let before = replay(&rules, &s.records).state(STS);
    for _ in 0..3 {
        let next = s.run + 86_400_000;
        after_pain(
            &mut s,
            next,
            PainChoice::Easier,
            Some("sit-to-stand-with-hands"),
        );
        // The session as the coach plans it with that answer.
        let instead = instead_for(&s.records, next);
        let runnable = Runnable::new(s.program.clone());
        let plan = plan_with(&runnable, None, &s.levels(), &instead, 1).unwrap();
        assert_eq!(plan.exercises[0].exercise.id, "sit-to-stand-with-hands");
        s.run = next - 86_400_000;
        s.clean();
    }
    let after = replay(&rules, &s.records).state(STS);
    assert_eq!(
        after, before,
        "three clean sessions of the easier variant change nothing"
    );
    assert!(
        replay(&rules, &s.records).stopped(STS).is_some(),
        "still to be assessed"
    );
}

#[test]
fn muscle_soreness_the_day_after_changes_nothing_but_back_pain_holds_or_steps_back() {
    let mut s = Sim::new(PROGRAM);
    for _ in 0..3 {
        s.clean();
    }
    let last = s.clean();
    assert_eq!(s.level(STS), 2, "due to move up");
    s.push(
        last + 1,
        Event::FollowUp {
            about: last,
            answer: NextDay::MuscleSoreness,
        },
    );
    let rules = rules_of(&s.program);
    assert_eq!(replay(&rules, &s.records).held(STS), None);
    assert_eq!(
        s.level(STS),
        2,
        "muscle soreness does not step anything back"
    );
}

#[test]
fn a_session_stopped_by_a_non_sharp_answer_resumes_after_that_item() {
    let mut s = Sim::new(PROGRAM);
    let run = s.session(&[
        answered(7, Quality::Dull, Place::Muscles, None),
        Did::NotReached,
    ]);
    let u = unfinished(&s.records).unwrap();
    assert_eq!((u.run, u.resume_at), (run, 1));
}
