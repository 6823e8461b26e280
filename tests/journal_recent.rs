//! The questions before a session, asked of the few records the snapshot keeps
//! (`records::recent`), are the questions the whole journal asks: clearance, resume, the day
//! after (with its classes, abandoned sessions and resumed runs), the question after pain (with
//! the answers the run about to start has given), at any time. A change to the readiness rules
//! that needs more of the journal fails here first.

use proptest::prelude::*;
use upright::common::calendar::stamp;
use upright::program::Dose;
use upright::program::{Library, check_source};
use upright::records::journal::{Event, Feeling, NextDay, Outcome, PainChoice, Record};
use upright::records::recent::Recent;
use upright::records::replay::{Rules, replay};
use upright::training::checkin::{Answer, Place, Quality};
use upright::training::plan::ItemKey;
use upright::training::readiness::{Question, Stage, after_pain_question, next_question};
use upright::training::runnable::Runnable;

const ITEMS: [&str; 2] = ["A / B / sit-to-stand", "A / B / wall-push-up"];

/// The run about to start: after every other.
const FRESH: u64 = 1_790_000_000_100;

fn rules() -> Rules {
    let text = r#"Program(title: "P", level: Beginner, per_week: 2, sessions: [
        Session(name: "A", blocks: [Block(name: "B", items: [
            Item(exercise: "sit-to-stand", dose: Reps(sets: 2, reps: 8, rest: 0)),
            Item(exercise: "wall-push-up", dose: Reps(sets: 2, reps: 8, rest: 0)),
        ])]),
    ])"#;
    let checked = check_source(text.as_bytes(), Library::bundled());
    Rules::new(&Runnable::new(checked.program.unwrap()), "p")
}

fn arb_event() -> impl Strategy<Value = Event> {
    let dose = Dose::Reps {
        sets: 2,
        reps: 8,
        rest: 0,
        tempo: None,
        per_side: false,
    };
    prop_oneof![
        2 => any::<bool>().prop_map(|class| Event::SessionStart {
            program: "P".into(),
            source: "p".into(),
            session: "A".into(),
            seed: 1,
            items: ITEMS.iter().map(|s| (*s).to_owned()).collect(),
            class,
        }),
        4 => (1u32..3, 0usize..2).prop_map(move |(set, i)| Event::SetDone {
            item: ITEMS[i].into(),
            exercise: "x".into(),
            set,
            side: None,
            level: 0,
            dose,
        }),
        1 => (0usize..4).prop_map(|f| Event::CheckIn {
            item: ITEMS[0].into(),
            exercise: "x".into(),
            feeling: Feeling::ALL[f],
            pain: None,
            quality: None,
            place: None,
            effort: None,
        }),
        2 => (0usize..2, 0u8..=10, 0usize..2, 0usize..3).prop_map(|(i, pain, q, w)| {
            Event::check_in(
                ITEMS[i].into(),
                "x".into(),
                Answer::pain(pain, Quality::ALL[q], Place::ALL[w], None),
            )
        }),
        1 => answer(),
        1 => Just(Event::red_flag(vec!["s".into()])),
        1 => Just(Event::Clearance),
        1 => (0u64..5).prop_map(|about| Event::FollowUp {
            about: 1_790_000_000_000 + about,
            answer: NextDay::Settled,
        }),
        1 => Just(Event::Resumed { exercise: 0 }),
        2 => prop_oneof![
            Just(Outcome::Completed),
            Just(Outcome::Abandoned),
            Just(Outcome::Quit)
        ]
        .prop_map(|outcome| Event::SessionEnd { outcome }),
    ]
}

/// An answer after pain, for either item.
fn answer() -> impl Strategy<Value = Event> {
    (0usize..2, 0usize..3).prop_map(|(i, c)| Event::AfterPain {
        item: ITEMS[i].into(),
        exercise: "x".into(),
        choice: [
            PainChoice::Easier,
            PainChoice::LeaveOut,
            PainChoice::Assessed,
        ][c],
        instead: (c == 0).then(|| "sit-to-stand-with-hands".into()),
    })
}

/// The question without where the resumed session's start sits in its list of records.
fn comparable(q: Question) -> Question {
    match q {
        Question::Resume {
            mut unfinished,
            stopped_at,
        } => {
            unfinished.start = 0;
            Question::Resume {
                unfinished,
                stopped_at,
            }
        }
        q => q,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_kept_records_ask_what_the_whole_journal_asks(
        events in prop::collection::vec((0u64..5, arb_event()), 0..90),
        // The answers the run about to start has given so far, recorded last.
        answers in prop::collection::vec(answer(), 0..3),
        hours_later in 0u64..48,
    ) {
        let records: Vec<Record> = events
            .into_iter()
            .map(|(run, event)| (1_790_000_000_000 + run, event))
            .chain(answers.into_iter().map(|e| (FRESH, e)))
            .enumerate()
            .map(|(i, (run, event))| Record {
                at: stamp(1_790_000_000 + i as u64 * 900),
                run,
                event,
            })
            .collect();
        let rules = rules();
        // The replay is the snapshot's (held to the whole journal's in the snapshot's tests).
        let progress = replay(&rules, &records);
        let planned: Vec<ItemKey> = ITEMS.iter().map(|k| ItemKey((*k).into())).collect();
        let now = 1_790_000_000 + records.len() as u64 * 900 + hours_later * 3600;
        let ask = |records: &[Record], from| {
            comparable(next_question(records, from, now, || {
                after_pain_question(&progress, records, FRESH, &planned)
            }))
        };
        let mut recent = Recent::default();
        for r in &records {
            recent.feed(r);
        }
        let kept = recent.records();
        for from in [
            Stage::Clearance,
            Stage::Resume,
            Stage::FollowUp,
            Stage::AfterPain,
            Stage::Fracture,
        ] {
            prop_assert_eq!(ask(&kept, from), ask(&records, from), "from {:?}", from);
        }
    }
}
