use std::io::Write;

use super::*;
use crate::common::calendar::stamp as rfc3339;
use crate::records::journal::{Feeling, Journal};
use crate::training::checkin::{Answer, Place, Quality};

const NOW: u64 = 1_795_190_400; // 2026-11-20T16:00:00Z
const CLEARANCE: &str = "{\"at\":\"2026-11-20T09:00:00Z\",\"run\":1,\"event\":\"clearance\"}\n";
const FUTURE: &str =
    "{\"at\":\"2026-11-20T09:00:00Z\",\"run\":1,\"event\":\"from_the_future\",\"x\":1}\n";

fn all(path: &Path, bounds: Bounds) -> (Vec<(u64, Record)>, Tally, Option<TornTail>) {
    let mut reader = Reader::open(path, 0, bounds).unwrap().unwrap();
    let records: Vec<_> = (&mut reader).map(Result::unwrap).collect();
    (records, reader.tally().clone(), reader.torn().cloned())
}

fn journal_with(text: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(Journal::FILE_NAME);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn events_round_trip_as_one_line_each() {
    let dir = tempfile::tempdir().unwrap();
    let (mut j, err) = Journal::open(dir.path());
    assert!(err.is_none());
    let events = vec![
        Event::check_in(
            "A / Main / bridge".into(),
            "bridge".into(),
            Answer::pain(2, Quality::Dull, Place::Muscles, Some(6)),
        ),
        // As an older upright wrote it, before the 0-10 scale.
        Event::CheckIn {
            item: "A / Main / bridge".into(),
            exercise: "bridge".into(),
            feeling: Feeling::MildAche,
            pain: None,
            quality: None,
            place: None,
            effort: Some(6),
        },
        Event::SessionEnd {
            outcome: crate::records::journal::Outcome::Completed,
        },
    ];
    for e in &events {
        j.append(&Record::new(1, e.clone(), NOW)).unwrap();
    }
    let text = std::fs::read_to_string(j.path()).unwrap();
    assert_eq!(text.lines().count(), 3);
    assert!(
        text.starts_with("{\"at\":\"2026-11-20T16:00:00Z\""),
        "{text}"
    );
    let (records, tally, torn) = all(j.path(), Bounds::at(NOW));
    assert_eq!(
        records
            .iter()
            .map(|(_, r)| r.event.clone())
            .collect::<Vec<_>>(),
        events
    );
    assert_eq!(records[1].0, text.find('\n').unwrap() as u64 + 1, "offsets");
    assert_eq!(tally.records, 3);
    assert!(torn.is_none());
}

#[test]
fn torn_and_unknown_lines_are_skipped_and_nothing_changes_on_disk() {
    let text = format!("{CLEARANCE}{FUTURE}\n  \n{{\"at\":\"x\",\"ru");
    let (_dir, path) = journal_with(text.as_bytes());
    let (records, tally, torn) = all(&path, Bounds::at(NOW));
    assert_eq!(records.len(), 1);
    assert_eq!(tally.unknown, 1, "the newer event is counted and skipped");
    let torn = torn.unwrap();
    assert_eq!(torn.offset, (CLEARANCE.len() + FUTURE.len() + 4) as u64);
    assert_eq!(torn.bytes.as_deref(), Some(&b"{\"at\":\"x\",\"ru"[..]));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn reading_can_start_at_any_line() {
    let text = format!("{CLEARANCE}{FUTURE}{CLEARANCE}");
    let (_dir, path) = journal_with(text.as_bytes());
    let from = (CLEARANCE.len() + FUTURE.len()) as u64;
    let mut reader = Reader::open(&path, from, Bounds::at(NOW)).unwrap().unwrap();
    let (offset, r) = reader.next_record().unwrap().unwrap();
    assert_eq!((offset, r.event), (from, Event::Clearance));
    assert!(reader.next_record().unwrap().is_none());
    assert_eq!(reader.offset(), text.len() as u64);
    assert_eq!(reader.tally().unknown, 0, "only the lines read are counted");
}

#[test]
fn an_over_long_line_is_skipped_without_being_held_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(Journal::FILE_NAME);
    let mut f = std::fs::File::create(&path).unwrap();
    f.write_all(CLEARANCE.as_bytes()).unwrap();
    // A red flag whose symptom is 5 MB long: valid JSON, far over the limit.
    let huge = "x".repeat(5 * 1024 * 1024);
    let long = format!(
        "{{\"at\":\"2026-11-20T09:00:00Z\",\"run\":1,\"event\":\"red_flag\",\"symptoms\":[\"{huge}\"]}}\n"
    );
    f.write_all(long.as_bytes()).unwrap();
    f.write_all(CLEARANCE.as_bytes()).unwrap();
    drop(f);
    let mut reader = Reader::open(&path, 0, Bounds::at(NOW)).unwrap().unwrap();
    let mut n = 0;
    while reader.next_record().unwrap().is_some() {
        n += 1;
        assert!(
            reader.line.capacity() <= 2 * (MAX_LINE + 1),
            "the line buffer grew to {}",
            reader.line.capacity()
        );
    }
    assert_eq!(n, 2, "the lines either side are read");
    let tally = reader.tally();
    assert_eq!(tally.too_long, 1);
    assert_eq!(
        tally.first_too_long,
        Some((CLEARANCE.len() as u64, long.len() as u64))
    );
    let note = tally.skipped_note().unwrap();
    assert!(note.contains("1 line(s) are longer than 64 KiB"), "{note}");
}

#[test]
fn an_over_long_torn_tail_is_measured_not_held() {
    let mut text = CLEARANCE.as_bytes().to_vec();
    text.extend(std::iter::repeat_n(b'y', MAX_LINE * 3));
    let (_dir, path) = journal_with(&text);
    let (records, _, torn) = all(&path, Bounds::at(NOW));
    assert_eq!(records.len(), 1);
    let torn = torn.unwrap();
    assert_eq!(torn.len, (MAX_LINE * 3) as u64);
    assert_eq!(torn.bytes, None);
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_at_the_journal_path_is_refused_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(Journal::FILE_NAME);
    let made = std::process::Command::new("mkfifo").arg(&path).status();
    if made.is_ok_and(|s| s.success()) {
        // With no writer on the other end, a blocking open would never return.
        let e = Reader::open(&path, 0, Bounds::at(NOW)).err().unwrap();
        assert!(e.to_string().contains("not a regular file"), "{e}");
        let (mut j, err) = Journal::open(dir.path());
        assert!(err.is_some(), "the writer refuses it too");
        assert!(j.append(&Record::new(1, Event::Clearance, NOW)).is_err());
    } else {
        eprintln!("NOTE: no mkfifo here; the FIFO part did not run");
    }
    std::fs::remove_file(&path).ok();
    std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
    assert!(Reader::open(&path, 0, Bounds::at(NOW)).is_err());
}

fn line(event_json: &str) -> String {
    format!("{{\"at\":\"2026-11-20T09:00:00Z\",\"run\":1795190400000,{event_json}}}\n")
}

#[test]
fn numbers_and_dates_are_bounded() {
    let text = [
        line("\"event\":\"check_in\",\"item\":\"i\",\"exercise\":\"e\",\"feeling\":\"sharp\",\"effort\":255"),
        line("\"event\":\"check_in\",\"item\":\"i\",\"exercise\":\"e\",\"feeling\":\"fine\",\"effort\":10"),
        line("\"event\":\"check_in\",\"item\":\"i\",\"exercise\":\"e\",\"feeling\":\"sharp\",\"pain\":200,\"quality\":\"dull\",\"place\":\"back\""),
        "{\"at\":\"9999-12-31T00:00:00Z\",\"run\":1,\"event\":\"clearance\"}\n".into(),
        "{\"at\":\"2026-11-21T15:59:59Z\",\"run\":1,\"event\":\"clearance\"}\n".into(),
        "{\"at\":\"yesterday\",\"run\":1,\"event\":\"clearance\"}\n".into(),
        "{\"at\":\"2026-11-20T09:00:00Z\",\"run\":18446744073709551615,\"event\":\"clearance\"}\n".into(),
        line("\"event\":\"follow_up\",\"about\":18446744073709551615,\"answer\":\"worse\""),
        "{\"at\":\"2026-11-20T09:00:00Z\",\"run\":-1,\"event\":\"clearance\"}\n".into(),
    ]
    .concat();
    let (_dir, path) = journal_with(text.as_bytes());
    let (records, tally, _) = all(&path, Bounds::at(NOW));
    let events: Vec<_> = records.into_iter().map(|(_, r)| r.event).collect();
    assert_eq!(
        events,
        vec![
            Event::CheckIn {
                item: "i".into(),
                exercise: "e".into(),
                feeling: Feeling::Sharp,
                pain: None,
                quality: None,
                place: None,
                effort: None,
            },
            Event::CheckIn {
                item: "i".into(),
                exercise: "e".into(),
                feeling: Feeling::Fine,
                pain: None,
                quality: None,
                place: None,
                effort: Some(10),
            },
            Event::CheckIn {
                item: "i".into(),
                exercise: "e".into(),
                feeling: Feeling::Sharp,
                pain: Some(10),
                quality: Some(Quality::Dull),
                place: Some(Place::Back),
                effort: None,
            },
            Event::Clearance,
        ],
        "an effort of 255 is dropped (the sharp pain is kept); a pain of 200 reads as 10; tomorrow is allowed"
    );
    assert_eq!(
        tally.out_of_bounds, 4,
        "year 9999, 'yesterday', two run ids"
    );
    assert_eq!(tally.unknown, 1, "a negative run id is no record");
}

#[test]
fn no_control_character_from_the_journal_gets_through() {
    let text = [
        line("\"event\":\"session_start\",\"program\":\"\\u001b]52;c;ZWNobyBoaQ==\\u0007Evil\",\"source\":\"x\\u009b2J\",\"session\":\"A\\u007f\u{202e}\",\"seed\":1,\"items\":[\"a\\nb\"]"),
        line("\"event\":\"red_flag\",\"symptoms\":[\"\u{1b}\"]"),
    ]
    .concat();
    let (_dir, path) = journal_with(text.as_bytes());
    let (records, tally, _) = all(&path, Bounds::at(NOW));
    assert_eq!(
        tally.unknown, 1,
        "a raw ESC byte is not JSON: the line is skipped"
    );
    assert_eq!(records.len(), 1);
    let Event::SessionStart {
        program,
        source,
        session,
        items,
        ..
    } = &records[0].1.event
    else {
        panic!("{records:?}");
    };
    assert_eq!(program, "\u{FFFD}]52;c;ZWNobyBoaQ==\u{FFFD}Evil");
    assert_eq!(source, "x\u{FFFD}2J");
    assert_eq!(session, "A\u{FFFD}\u{FFFD}");
    assert_eq!(items, &["a b".to_owned()]);
}

#[test]
fn the_note_says_what_was_left_out() {
    let tally = Tally {
        unknown: 2,
        out_of_bounds: 1,
        ..Tally::default()
    };
    assert_eq!(
        tally.skipped_note().unwrap(),
        "2 line(s) of the journal are from a newer upright or damaged; 1 line(s) are dated after tomorrow or name an impossible run id; they stay in the file and are left out."
    );
    assert_eq!(Tally::default().skipped_note(), None);
    assert_eq!(rfc3339(NOW), "2026-11-20T16:00:00Z");
}
