use std::io::Write;

use proptest::prelude::*;

use super::*;
use crate::common::calendar::stamp as rfc3339;
use crate::program::{Dose, Library, Program, check_source};
use crate::records::journal::{Event, Feeling, NextDay, Outcome, PainChoice, unresolved_red_flag};
use crate::records::replay::replay;
use crate::records::runs::{Unfinished, unfinished};
use crate::training::checkin::{Answer, Place, Quality};
use crate::training::runnable::Runnable;

/// 2026-12-01: after every record below.
const NOW: u64 = 1_796_083_200;

const PROGRAM: &str = r#"Program(
    title: "Snap",
    level: Beginner,
    per_week: 3,
    advance_after: 1,
    sessions: [
        Session(name: "A", blocks: [
            Block(name: "Main", items: [
                Item(exercise: "sit-to-stand", dose: Reps(sets: 1, reps: 8, rest: 30),
                     progress: [AddReps(step: 1, up_to: 12)]),
                Item(exercise: "tandem-stance", dose: Time(secs: 20),
                     progress: [AddTime(step: 10, up_to: 60)]),
            ]),
        ]),
    ],
)"#;

const ITEMS: [&str; 2] = ["A / Main / sit-to-stand", "A / Main / tandem-stance"];

fn program(text: &str) -> Program {
    let checked = check_source(text.as_bytes(), Library::bundled());
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    checked.program.unwrap()
}

fn rules_of(p: &Program) -> Rules {
    Rules::new(&Runnable::new(p.clone()), "snap.ron")
}

fn dose(item: usize) -> Dose {
    match item {
        0 => Dose::Reps {
            sets: 1,
            reps: 8,
            rest: 30,
            tempo: None,
            per_side: false,
        },
        _ => Dose::Time {
            secs: 20,
            sets: 1,
            rest: 0,
            per_side: false,
        },
    }
}

fn arb_event() -> impl Strategy<Value = Event> {
    prop_oneof![
        3 => any::<bool>().prop_map(|class| Event::SessionStart {
            program: "Snap".into(),
            source: "snap.ron".into(),
            session: "A".into(),
            seed: 1,
            items: ITEMS.iter().map(|s| (*s).to_owned()).collect(),
            class,
        }),
        6 => (0usize..2).prop_map(|i| Event::SetDone {
            item: ITEMS[i].into(),
            exercise: ["sit-to-stand", "tandem-stance"][i].into(),
            set: 1,
            side: None,
            level: 0,
            dose: dose(i),
        }),
        // A check-in written before the 0-10 scale.
        1 => (0usize..2, 0usize..4).prop_map(|(i, f)| Event::CheckIn {
            item: ITEMS[i].into(),
            exercise: ["sit-to-stand", "tandem-stance"][i].into(),
            feeling: Feeling::ALL[f],
            pain: None,
            quality: None,
            place: None,
            effort: Some(5),
        }),
        // The 0-10 check-in: pain, dull or sharp, where, and effort (or none).
        3 => (0usize..2, 0u8..=10, 0usize..2, 0usize..3, prop::option::of(0u8..=10)).prop_map(
            |(i, pain, q, w, effort)| Event::check_in(
                ITEMS[i].into(),
                ["sit-to-stand", "tandem-stance"][i].into(),
                Answer::pain(pain, Quality::ALL[q], Place::ALL[w], effort),
            )
        ),
        1 => (0usize..2, 0usize..3).prop_map(|(i, c)| Event::AfterPain {
            item: ITEMS[i].into(),
            exercise: ["sit-to-stand", "tandem-stance"][i].into(),
            choice: [PainChoice::Easier, PainChoice::LeaveOut, PainChoice::Assessed][c],
            instead: None,
        }),
        1 => Just(Event::red_flag(vec!["Chest pain".into()])),
        1 => Just(Event::Clearance),
        1 => (0u64..6).prop_map(|run| Event::FollowUp {
            about: 1_790_000_000_000 + run,
            answer: NextDay::Worse,
        }),
        2 => prop_oneof![Just(Outcome::Completed), Just(Outcome::Abandoned), Just(Outcome::Pain)]
            .prop_map(|outcome| Event::SessionEnd { outcome }),
    ]
}

fn records_of(events: Vec<(u64, Event)>) -> Vec<Record> {
    events
        .into_iter()
        .enumerate()
        .map(|(i, (run, event))| Record {
            at: rfc3339(1_790_000_000 + i as u64 * 3600),
            run: 1_790_000_000_000 + run,
            event,
        })
        .collect()
}

fn append(dir: &Path, records: &[Record]) {
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join(Journal::FILE_NAME))
        .unwrap();
    for r in records {
        serde_json::to_writer(&mut f, r).unwrap();
        f.write_all(b"\n").unwrap();
    }
}

fn opened(dir: &Path, rules: &Rules) -> Opened {
    open(dir, &[k(rules)], Bounds::at(NOW)).unwrap()
}

fn k(rules: &Rules) -> Known<'_> {
    Known::new("snap.ron", rules)
}

/// Everything start-up reads off the snapshot equals what the whole journal says.
fn same_as_whole(s: &Snapshot, rules: &Rules, records: &[Record]) -> Result<(), TestCaseError> {
    let whole = replay(rules, records);
    let kept = s.progress(&k(rules)).unwrap();
    prop_assert_eq!(kept.levels(), whole.levels());
    for key in ITEMS {
        prop_assert_eq!(kept.state(key), whole.state(key));
        prop_assert_eq!(kept.held(key), whole.held(key));
        // The question after pain: asked from the snapshot exactly as from the journal.
        prop_assert_eq!(kept.stopped(key), whole.stopped(key));
    }
    let recent = s.recent.records();
    prop_assert_eq!(unresolved_red_flag(&recent), unresolved_red_flag(records));
    let strip = |u: Option<Unfinished>| {
        u.map(|mut u| {
            u.start = 0;
            u
        })
    };
    prop_assert_eq!(strip(unfinished(&recent)), strip(unfinished(records)));
    let last_start = records
        .iter()
        .rposition(|r| matches!(r.event, Event::SessionStart { class: false, .. }))
        .unwrap_or(0);
    let before = replay(rules, &records[..last_start]);
    prop_assert_eq!(
        s.progress_before_last_start(&k(rules)).unwrap().levels(),
        before.levels()
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A snapshot saved at any point, then the tail after it, says what the whole journal says.
    #[test]
    fn snapshot_and_tail_say_what_the_whole_journal_says(
        events in prop::collection::vec((0u64..6, arb_event()), 0..70),
        cut in any::<prop::sample::Index>(),
    ) {
        let p = program(PROGRAM);
        let rules = rules_of(&p);
        let records = records_of(events);
        let cut = cut.index(records.len() + 1);
        let dir = tempfile::tempdir().unwrap();
        append(dir.path(), &records[..cut]);
        let first = opened(dir.path(), &rules);
        save(dir.path(), &first.snapshot).unwrap();
        append(dir.path(), &records[cut..]);
        let second = opened(dir.path(), &rules);
        if cut > 0 {
            prop_assert!(matches!(second.start, Start::Tail { .. }), "{:?}", second.start);
        }
        same_as_whole(&second.snapshot, &rules, &records)?;
    }

    /// Feeding records as they happen (the coach does) agrees with reading them back.
    #[test]
    fn feeding_as_it_happens_agrees_with_reading_back(
        events in prop::collection::vec((0u64..6, arb_event()), 0..50),
    ) {
        let p = program(PROGRAM);
        let rules = rules_of(&p);
        let records = records_of(events);
        let dir = tempfile::tempdir().unwrap();
        let mut s = opened(dir.path(), &rules).snapshot;
        for r in &records {
            s.feed(&[k(&rules)], r);
        }
        same_as_whole(&s, &rules, &records)?;
    }
}

fn some_records() -> Vec<Record> {
    records_of(vec![
        (1, arb_start(false)),
        (1, set(0)),
        (1, set(1)),
        (
            1,
            Event::SessionEnd {
                outcome: Outcome::Completed,
            },
        ),
        (2, arb_start(false)),
        (2, set(0)),
    ])
}

fn arb_start(class: bool) -> Event {
    Event::SessionStart {
        program: "Snap".into(),
        source: "snap.ron".into(),
        session: "A".into(),
        seed: 1,
        items: ITEMS.iter().map(|s| (*s).to_owned()).collect(),
        class,
    }
}

fn set(i: usize) -> Event {
    Event::SetDone {
        item: ITEMS[i].into(),
        exercise: ["sit-to-stand", "tandem-stance"][i].into(),
        set: 1,
        side: None,
        level: 0,
        dose: dose(i),
    }
}

#[test]
fn a_snapshot_that_does_not_hold_is_rebuilt_and_says_why() {
    let p = program(PROGRAM);
    let rules = rules_of(&p);
    let dir = tempfile::tempdir().unwrap();
    let records = some_records();
    append(dir.path(), &records);
    let o = opened(dir.path(), &rules);
    assert_eq!(o.start, Start::Rebuilt("there was no snapshot"));
    assert!(o.changed);
    save(dir.path(), &o.snapshot).unwrap();
    let again = opened(dir.path(), &rules);
    assert_eq!(again.start, Start::Tail { bytes: 0 });
    assert!(!again.changed, "nothing new: no need to write it again");

    let snap = path(dir.path());
    let text = std::fs::read_to_string(&snap).unwrap();
    std::fs::write(&snap, &text[..text.len() / 2]).unwrap();
    assert_eq!(
        opened(dir.path(), &rules).start,
        Start::Rebuilt("the snapshot was damaged")
    );

    let mut other: serde_json::Value = serde_json::from_str(&text).unwrap();
    other["build"] = 1.into();
    std::fs::write(&snap, other.to_string()).unwrap();
    assert_eq!(
        opened(dir.path(), &rules).start,
        Start::Rebuilt("the snapshot was written by another build of upright")
    );

    std::fs::write(&snap, &text).unwrap();
    let journal = dir.path().join(Journal::FILE_NAME);
    let full = std::fs::read(&journal).unwrap();
    std::fs::write(&journal, &full[..full.len() - 10]).unwrap();
    assert_eq!(
        opened(dir.path(), &rules).start,
        Start::Rebuilt("the journal is shorter than the snapshot")
    );
    // The same length, other bytes: another journal put in its place.
    let mut changed = full.clone();
    let i = changed.len() - 20;
    changed[i] = if changed[i] == b'1' { b'2' } else { b'1' };
    std::fs::write(&journal, &changed).unwrap();
    assert_eq!(
        opened(dir.path(), &rules).start,
        Start::Rebuilt("the journal is not the one the snapshot was made from")
    );
    std::fs::write(&journal, &full).unwrap();
    let back = opened(dir.path(), &rules);
    assert_eq!(back.start, Start::Tail { bytes: 0 });
    same_as_whole(&back.snapshot, &rules, &records).unwrap();
}

#[test]
fn an_edited_program_is_replayed_again_from_the_start_under_its_new_rules() {
    let p = program(PROGRAM);
    let rules = rules_of(&p);
    let dir = tempfile::tempdir().unwrap();
    let records = some_records();
    append(dir.path(), &records);
    save(dir.path(), &opened(dir.path(), &rules).snapshot).unwrap();
    // The program's file is edited: sit-to-stand now starts at 10 reps.
    let edited = program(&PROGRAM.replace("reps: 8,", "reps: 10,"));
    let new_rules = rules_of(&edited);
    assert_ne!(fingerprint(&rules), fingerprint(&new_rules));
    let o = opened(dir.path(), &new_rules);
    assert_eq!(
        o.start,
        Start::Tail { bytes: 0 },
        "the snapshot itself holds"
    );
    assert!(o.changed);
    same_as_whole(&o.snapshot, &new_rules, &records).unwrap();
    assert!(
        o.snapshot.progress(&k(&rules)).is_none(),
        "the old state is gone"
    );
}

#[test]
fn a_program_away_for_a_while_catches_up_from_where_it_was() {
    let p = program(PROGRAM);
    let rules = rules_of(&p);
    let other = rules_of(&program(&PROGRAM.replace("\"Snap\"", "\"Other\"")));
    let dir = tempfile::tempdir().unwrap();
    let records = some_records();
    append(dir.path(), &records[..3]);
    let both = open(
        dir.path(),
        &[k(&rules), Known::new("other.ron", &other)],
        Bounds::at(NOW),
    )
    .unwrap();
    save(dir.path(), &both.snapshot).unwrap();
    append(dir.path(), &records[3..5]);
    // Only the other program this time: Snap's state stays where it was.
    save(
        dir.path(),
        &open(
            dir.path(),
            &[Known::new("other.ron", &other)],
            Bounds::at(NOW),
        )
        .unwrap()
        .snapshot,
    )
    .unwrap();
    append(dir.path(), &records[5..]);
    let back = opened(dir.path(), &rules);
    same_as_whole(&back.snapshot, &rules, &records).unwrap();
}

#[test]
fn a_torn_tail_is_left_to_the_caller_and_not_covered() {
    let p = program(PROGRAM);
    let rules = rules_of(&p);
    let dir = tempfile::tempdir().unwrap();
    append(dir.path(), &some_records());
    let journal = dir.path().join(Journal::FILE_NAME);
    let whole = std::fs::metadata(&journal).unwrap().len();
    std::fs::OpenOptions::new()
        .append(true)
        .open(&journal)
        .unwrap()
        .write_all(b"{\"at\":")
        .unwrap();
    let o = opened(dir.path(), &rules);
    assert_eq!(o.snapshot.covers(), whole);
    assert_eq!(o.torn.unwrap().offset, whole);
}

#[test]
fn what_reading_skipped_is_told_once() {
    let p = program(PROGRAM);
    let rules = rules_of(&p);
    let dir = tempfile::tempdir().unwrap();
    append(dir.path(), &some_records());
    let journal = dir.path().join(Journal::FILE_NAME);
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&journal)
        .unwrap();
    f.write_all(b"{\"event\":\"from_a_newer_upright\"}\n")
        .unwrap();
    let o = opened(dir.path(), &rules);
    assert_eq!(o.skipped.unknown, 1);
    save(dir.path(), &o.snapshot).unwrap();
    let again = opened(dir.path(), &rules);
    assert_eq!(again.skipped.unknown, 0, "said once");
    assert_eq!(again.snapshot.tally.unknown, 1, "and remembered");
    // A program read again from the start does not count it twice either.
    let other = rules_of(&program(&PROGRAM.replace("\"Snap\"", "\"Other\"")));
    let with_other = open(
        dir.path(),
        &[k(&rules), Known::new("other.ron", &other)],
        Bounds::at(NOW),
    )
    .unwrap();
    assert_eq!(with_other.skipped.unknown, 0);
    assert_eq!(with_other.snapshot.tally.unknown, 1);
}

#[test]
fn no_journal_is_an_empty_start() {
    let p = program(PROGRAM);
    let rules = rules_of(&p);
    let dir = tempfile::tempdir().unwrap();
    let o = opened(dir.path(), &rules);
    assert_eq!(o.start, Start::Empty);
    assert_eq!(o.snapshot.recent.max_run, 0);
    assert_eq!(
        o.snapshot.progress(&k(&rules)).unwrap().levels(),
        replay(&rules, &[]).levels()
    );
}
