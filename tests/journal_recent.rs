//! The questions before a session, asked of the few records the snapshot keeps
//! (`records::recent`), are the questions the whole journal asks: clearance, resume, the day
//! after (with its classes, abandoned sessions and resumed runs), at any time. A change to the
//! readiness rules that needs more of the journal fails here first.

use proptest::prelude::*;
use upright::common::calendar::stamp;
use upright::program::Dose;
use upright::records::journal::{Event, Feeling, NextDay, Outcome, Record};
use upright::records::recent::Recent;
use upright::training::readiness::{Question, Stage, next_question};

const ITEMS: [&str; 2] = ["A / B / x", "A / B / y"];

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
        2 => (0usize..4).prop_map(|f| Event::CheckIn {
            item: ITEMS[0].into(),
            exercise: "x".into(),
            feeling: Feeling::ALL[f],
            effort: None,
        }),
        1 => Just(Event::RedFlag { symptoms: vec!["s".into()] }),
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
        hours_later in 0u64..48,
    ) {
        let records: Vec<Record> = events
            .into_iter()
            .enumerate()
            .map(|(i, (run, event))| Record {
                at: stamp(1_790_000_000 + i as u64 * 900),
                run: 1_790_000_000_000 + run,
                event,
            })
            .collect();
        let mut recent = Recent::default();
        for r in &records {
            recent.feed(r);
        }
        let kept = recent.records();
        let now = 1_790_000_000 + records.len() as u64 * 900 + hours_later * 3600;
        for from in [Stage::Clearance, Stage::Resume, Stage::FollowUp, Stage::Fracture] {
            prop_assert_eq!(
                comparable(next_question(&kept, from, now)),
                comparable(next_question(&records, from, now)),
                "from {:?}", from
            );
        }
    }
}
