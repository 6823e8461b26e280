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
    assert_eq!(
        o.read_from, 0,
        "it owns the journal's sessions: read from the start"
    );
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

/// The rules of `p` read from the file `source`.
fn rules_at(p: &Program, source: &str) -> Rules {
    Rules::new(&Runnable::new(p.clone()), source)
}

/// Snap's program under another title, from another file: it owns none of Snap's sessions.
fn other_rules() -> Rules {
    rules_at(
        &program(&PROGRAM.replace("\"Snap\"", "\"Other\"")),
        "other.ron",
    )
}

/// A personal or class session of some program: Snap's, another's, or one that Other (or
/// `Rules::none()`, with an empty source or title) owns when `claims`.
fn arb_any_start(claims: bool) -> impl Strategy<Value = Event> {
    let unclaimed = [("snap.ron", "Snap"), ("else.ron", "Else")];
    let claimed = [
        ("other.ron", "Snap"),
        ("else.ron", "Other"),
        ("", "Else"),
        ("else.ron", ""),
    ];
    let pairs: Vec<(&str, &str)> = if claims {
        unclaimed.iter().chain(&claimed).copied().collect()
    } else {
        unclaimed.to_vec()
    };
    (prop::sample::select(pairs), any::<bool>()).prop_map(|((source, program), class)| {
        Event::SessionStart {
            program: program.into(),
            source: source.into(),
            session: "A".into(),
            seed: 1,
            items: ITEMS.iter().map(|s| (*s).to_owned()).collect(),
            class,
        }
    })
}

/// A whole replay of `records` under `rules`, and its state before the last personal start,
/// as the snapshot keeps them (everything start-up reads, and more).
fn replayed_whole(rules: &Rules, records: &[Record]) -> (serde_json::Value, serde_json::Value) {
    let mut replay = Replay::new(rules);
    let mut before = Replay::new(rules);
    for r in records {
        if starts_personal_session(r) {
            before = replay.clone();
        }
        replay.feed(r);
    }
    (
        serde_json::to_value(replay.keep()).unwrap(),
        serde_json::to_value(before.keep()).unwrap(),
    )
}

fn kept_state(s: &Snapshot, k: &Known) -> (serde_json::Value, serde_json::Value) {
    let p = s.program(k).unwrap();
    (
        serde_json::to_value(&p.replay).unwrap(),
        serde_json::to_value(&p.before_last_start).unwrap(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A program new to the snapshot (or behind it) that owns none of the journal's sessions
    /// starts from the reference replay, not the journal's first byte, and its state is the
    /// whole replay's, field by field: levels, the open session's tally, pending answers,
    /// the state before the last start. One that owns some is replayed from the start, and
    /// agrees too.
    #[test]
    fn a_program_owning_no_session_starts_where_a_whole_replay_ends(
        events in prop::collection::vec(
            (0u64..6, prop_oneof![8 => arb_event(), 3 => arb_any_start(false)]),
            0..60,
        ),
        claims in prop::collection::vec((0u64..6, arb_any_start(true)), 0..2),
        cuts in (any::<prop::sample::Index>(), any::<prop::sample::Index>()),
        other_first in any::<bool>(),
    ) {
        let snap = rules_of(&program(PROGRAM));
        let other = other_rules();
        let mut events = events;
        let claimed = claims.iter().any(|(_, e)| matches!(
            e,
            Event::SessionStart { program, source, class: false, .. }
                if other.owns(source, program) || Rules::none().owns(source, program)
        ));
        for (i, claim) in claims.into_iter().enumerate() {
            events.insert((i * 7).min(events.len()), claim);
        }
        let records = records_of(events);
        let (a, b) = (cuts.0.index(records.len() + 1), cuts.1.index(records.len() + 1));
        let (first, second) = (a.min(b), a.max(b));
        let dir = tempfile::tempdir().unwrap();
        let both = [k(&snap), Known::new("other.ron", &other)];
        append(dir.path(), &records[..first]);
        let offered: &[Known] = if other_first { &both } else { &both[..1] };
        save(dir.path(), &open(dir.path(), offered, Bounds::at(NOW)).unwrap().snapshot).unwrap();
        append(dir.path(), &records[first..second]);
        // Other is not offered here: it falls behind (or is still new).
        let middle = open(dir.path(), &both[..1], Bounds::at(NOW)).unwrap().snapshot;
        save(dir.path(), &middle).unwrap();
        append(dir.path(), &records[second..]);
        let o = open(dir.path(), &both, Bounds::at(NOW)).unwrap();
        prop_assert_eq!(kept_state(&o.snapshot, &both[1]), replayed_whole(&other, &records));
        prop_assert_eq!(kept_state(&o.snapshot, &both[0]), replayed_whole(&snap, &records));
        same_as_whole(&o.snapshot, &snap, &records)?;
        let whole = replay(&other, &records);
        let kept = o.snapshot.progress(&both[1]).unwrap();
        prop_assert_eq!(kept.levels(), whole.levels());
        for key in ITEMS {
            prop_assert_eq!(kept.stopped(key), whole.stopped(key));
        }
        prop_assert_eq!(claimed, sessions_of_other_before(&records, &other, records.len()));
        // What was read: only the tail when the journal before it holds no session of
        // Other's; from the start when Other was new and it does.
        if !sessions_of_other_before(&records, &other, second) {
            prop_assert_eq!(o.read_from, middle.covers(), "only the tail is read");
        } else if !other_first {
            prop_assert_eq!(o.read_from, 0, "replayed from the start");
        }
    }
}

/// Whether a session `rules` owns (or `Rules::none()` does) starts in `records[..end]`.
fn sessions_of_other_before(records: &[Record], rules: &Rules, end: usize) -> bool {
    records[..end].iter().any(|r| match &r.event {
        Event::SessionStart {
            program,
            source,
            class: false,
            ..
        } => rules.owns(source, program) || Rules::none().owns(source, program),
        _ => false,
    })
}

#[test]
fn a_program_new_to_the_snapshot_that_owns_earlier_sessions_is_replayed_from_the_start() {
    let snap = rules_of(&program(PROGRAM));
    let other = other_rules();
    let dir = tempfile::tempdir().unwrap();
    let records = some_records();
    append(dir.path(), &records);
    // Only Other so far: the snapshot holds no state of Snap's.
    let first = open(
        dir.path(),
        &[Known::new("other.ron", &other)],
        Bounds::at(NOW),
    )
    .unwrap();
    assert_eq!(first.read_from, 0);
    save(dir.path(), &first.snapshot).unwrap();
    // Snap owns the journal's two sessions: the reference's state would be wrong for it.
    let o = opened(dir.path(), &snap);
    assert_eq!(o.read_from, 0, "read from the start, once");
    assert!(o.changed);
    same_as_whole(&o.snapshot, &snap, &records).unwrap();
    // Its first session moved sit-to-stand up at the second: the reference never would.
    assert_eq!(
        o.snapshot
            .progress(&k(&snap))
            .unwrap()
            .state(ITEMS[0])
            .level,
        1
    );
    save(dir.path(), &o.snapshot).unwrap();
    let again = opened(dir.path(), &snap);
    assert_eq!(again.read_from, again.snapshot.covers(), "then never again");
    // A program file moved elsewhere keeps its title, and so its sessions.
    let moved = rules_at(&program(PROGRAM), "moved.ron");
    let o = open(
        dir.path(),
        &[Known::new("moved.ron", &moved)],
        Bounds::at(NOW),
    )
    .unwrap();
    assert_eq!(o.read_from, 0);
    same_as_whole(&o.snapshot, &moved, &records).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_program_new_to_the_snapshot_that_owns_no_session_reads_only_the_tail() {
    let snap = rules_of(&program(PROGRAM));
    let other = other_rules();
    let dir = tempfile::tempdir().unwrap();
    let mut records = some_records();
    // A red flag, an answer after pain and a session under way: state Other shares.
    records.extend(records_of(vec![
        (3, Event::red_flag(vec!["Chest pain".into()])),
        (
            4,
            Event::AfterPain {
                item: ITEMS[0].into(),
                exercise: "sit-to-stand".into(),
                choice: PainChoice::Easier,
                instead: None,
            },
        ),
    ]));
    append(dir.path(), &records);
    let first = opened(dir.path(), &snap);
    save(dir.path(), &first.snapshot).unwrap();
    let both = [k(&snap), Known::new("other.ron", &other)];
    let o = open(dir.path(), &both, Bounds::at(NOW)).unwrap();
    assert_eq!(o.read_from, first.snapshot.covers());
    assert_eq!(o.start, Start::Tail { bytes: 0 });
    assert!(o.changed, "the new state is worth saving");
    assert_eq!(
        kept_state(&o.snapshot, &both[1]),
        replayed_whole(&other, &records)
    );
    assert_eq!(
        o.snapshot.progress(&both[1]).unwrap().held(ITEMS[0]),
        Some(crate::records::replay::Held::RedFlag)
    );
}

#[test]
fn a_program_evicted_past_the_most_kept_comes_back_with_the_whole_replay_s_state() {
    let snap = rules_of(&program(PROGRAM));
    let others: Vec<Rules> = (0..MAX_PROGRAMS)
        .map(|i| {
            rules_at(
                &program(&PROGRAM.replace("\"Snap\"", &format!("\"P{i}\""))),
                &format!("p{i}.ron"),
            )
        })
        .collect();
    let names: Vec<String> = (0..MAX_PROGRAMS).map(|i| format!("p{i}.ron")).collect();
    let dir = tempfile::tempdir().unwrap();
    let records = some_records();
    append(dir.path(), &records[..3]);
    // Snap, then 64 others: Snap, the least recently used, goes at once.
    let mut all = vec![k(&snap)];
    all.extend(names.iter().zip(&others).map(|(n, r)| Known::new(n, r)));
    let o = open(dir.path(), &all, Bounds::at(NOW)).unwrap();
    assert!(o.snapshot.program(&all[0]).is_none(), "Snap was evicted");
    assert_eq!(o.snapshot.programs.len(), MAX_PROGRAMS);
    save(dir.path(), &o.snapshot).unwrap();
    append(dir.path(), &records[3..]);
    // Snap comes back: it owns the journal's sessions, so it is replayed from the start.
    let back = opened(dir.path(), &snap);
    assert_eq!(back.read_from, 0);
    same_as_whole(&back.snapshot, &snap, &records).unwrap();
    let p0 = all[1];
    assert!(back.snapshot.program(&p0).is_none(), "P0 made room for it");
    save(dir.path(), &back.snapshot).unwrap();
    // P0 owns none: it comes back from the reference, reading only the (empty) tail.
    let o = open(dir.path(), &[p0], Bounds::at(NOW)).unwrap();
    assert_eq!(o.read_from, o.snapshot.covers());
    assert_eq!(
        kept_state(&o.snapshot, &p0),
        replayed_whole(p0.rules, &records)
    );
}
