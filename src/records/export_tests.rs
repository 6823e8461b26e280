//! The export's rows and writers, on a journal with one of every event.

use super::*;
use crate::records::history::tests::{TIME, at, set, start};
use crate::records::journal::{NextDay, Outcome, PainChoice, SkipReason};
use crate::training::checkin::{Answer, Feeling, Place, Quality};
use crate::training::safety::FALL;

/// One of every event, on day 20_010 (2024-10-15), and a set on day 20_000.
fn journal() -> Vec<Record> {
    let item = || "A / Main / sit-to-stand".to_owned();
    let ex = || "sit-to-stand".to_owned();
    let mut started = start(20_010, "=cmd()");
    if let Event::SessionStart { items, .. } = &mut started.event {
        *items = vec![item()];
    }
    vec![
        start(20_000, "Old, \"quoted\" program"),
        set(20_000, "sit-to-stand", TIME),
        at(
            20_010,
            Event::FollowUp {
                about: 20_000_000,
                answer: NextDay::MuscleSoreness,
            },
        ),
        at(
            20_010,
            Event::AfterPain {
                item: item(),
                exercise: ex(),
                choice: PainChoice::Easier,
                instead: Some("sit-to-stand-with-hands".into()),
            },
        ),
        started,
        set(20_010, "sit-to-stand", TIME),
        at(
            20_010,
            Event::check_in(
                item(),
                ex(),
                Answer::pain(4, Quality::Dull, Place::Back, Some(7)),
            ),
        ),
        // A check-in written before the 0-10 scale.
        at(
            20_010,
            Event::CheckIn {
                item: item(),
                exercise: ex(),
                feeling: Feeling::Sore,
                pain: None,
                quality: None,
                place: None,
                effort: Some(7),
            },
        ),
        at(
            20_010,
            Event::Skipped {
                item: item(),
                exercise: ex(),
                sets: vec![2, 3],
                reason: SkipReason::Pain,
            },
        ),
        at(20_010, Event::Resumed { exercise: 0 }),
        at(20_010, Event::red_flag(vec![FALL.symptom.into()])),
        at(
            20_010,
            Event::SessionEnd {
                outcome: Outcome::RedFlag,
            },
        ),
        at(20_011, Event::Clearance),
    ]
}

#[test]
fn every_event_is_a_row_with_its_own_columns() {
    let records = journal();
    let all = rows(&records, None, &Calendar::utc(), Some("ann"));
    assert_eq!(all.len(), records.len(), "one row per event");
    let kinds: Vec<&str> = all.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        [
            "session_start",
            "set",
            "follow_up",
            "after_pain",
            "session_start",
            "set",
            "check_in",
            "check_in",
            "skipped",
            "resumed",
            "red_flag",
            "session_end",
            "clearance"
        ]
    );
    assert!(
        all.iter()
            .all(|r| r.profile == "ann" && r.at.ends_with("+00:00"))
    );
    let r = &all[2];
    assert_eq!(
        (r.answer.as_deref(), r.about),
        (Some("muscle_soreness"), Some(20_000_000))
    );
    let r = &all[3];
    assert_eq!(
        (r.answer.as_deref(), r.instead.as_deref()),
        (Some("easier"), Some("sit-to-stand-with-hands"))
    );
    let r = &all[6];
    assert_eq!(
        (
            r.pain,
            r.pain_words,
            r.quality,
            r.place,
            r.effort,
            r.response
        ),
        (
            Some(4),
            Some("moderate"),
            Some("dull"),
            Some("back"),
            Some(7),
            Some("stop")
        )
    );
    assert_eq!(r.feeling, Some(4), "the older form is there too");
    let r = &all[7];
    assert_eq!(
        (r.pain, r.feeling, r.response),
        (None, Some(3), Some("finish gently"))
    );
    let r = &all[8];
    assert_eq!(
        (r.sets_skipped.as_deref(), r.reason.as_deref()),
        (Some("2 3"), Some("pain"))
    );
    assert_eq!(all[9].item, "A / Main / sit-to-stand", "where it went on");
    let r = &all[10];
    assert_eq!(
        (r.symptoms.as_deref(), r.urgency.as_deref()),
        (Some(FALL.symptom), Some("today"))
    );
    assert_eq!(all[11].outcome.as_deref(), Some("red_flag"));
    assert_eq!(
        all[11].program, "=cmd()",
        "a session's rows name its program"
    );
    assert_eq!(all[2].program, "", "asked before its session started");
}

#[test]
fn rows_since_a_date_in_local_time_with_the_offset() {
    let records = journal();
    let since = rows(&records, Some(20_010), &Calendar::utc(), None);
    assert_eq!(since.len(), records.len() - 2);
    assert!(since.iter().all(|r| r.profile.is_empty()));
    // 09:00 UTC in early October is 05:00 in New York, on summer time.
    let ny = Calendar::new(jiff::tz::TimeZone::get("America/New_York").unwrap());
    let local = rows(&records, None, &ny, None);
    assert_eq!(
        (local[1].time.as_str(), local[1].at.as_str()),
        ("05:00:00", "2024-10-04T05:00:00-04:00")
    );
}

#[test]
fn assessments_and_about_you_are_rows_too() {
    use crate::assess::{Measure, Sex, Stopped};
    let records = vec![
        at(
            20_010,
            Event::AboutYou {
                age: Some(71),
                sex: Some(Sex::Female),
            },
        ),
        at(
            20_010,
            Event::Assessment {
                measure: Measure::ChairStand {
                    stands: 11,
                    arms: false,
                },
                stopped: Some(Stopped::Pain),
            },
        ),
    ];
    let all = rows(&records, None, &Calendar::utc(), None);
    assert_eq!(all[0].kind, "about_you");
    assert_eq!(
        (all[0].age, all[0].sex.as_deref()),
        (Some(71), Some("female"))
    );
    let r = &all[1];
    assert_eq!(r.kind, "assessment");
    assert_eq!(
        (r.test.as_deref(), r.score, r.reason.as_deref()),
        (Some("chair_stand"), Some(11.0), Some("pain"))
    );
    assert!(r.result.as_deref().is_some_and(|t| t.contains("11")));
}

#[test]
fn csv_is_safe_for_spreadsheets_and_json_names_every_column() {
    let all = rows(&journal(), None, &Calendar::utc(), None);
    let mut csv = Vec::new();
    write_csv(&all, &mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], Row::HEADER.join(","));
    assert!(
        lines
            .iter()
            .skip(1)
            .all(|l| l.split(',').count() >= Row::HEADER.len())
    );
    assert!(
        lines[1].contains(",\"Old, \"\"quoted\"\" program\","),
        "{}",
        lines[1]
    );
    assert!(lines[5].contains(",'=cmd(),"), "{}", lines[5]);
    let mut json = Vec::new();
    write_json(&all, &mut json).unwrap();
    let back: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let first = back[0].as_object().unwrap();
    let keys: Vec<&str> = first.keys().map(String::as_str).collect();
    let mut header = Row::HEADER.to_vec();
    header.sort_unstable();
    let mut keys = keys;
    keys.sort_unstable();
    assert_eq!(keys, header, "JSON and CSV have the same columns");
    assert_eq!(back[7]["feeling_label"], "Stronger soreness, still dull");
}
