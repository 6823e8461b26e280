use super::*;
use crate::assess::{Measure, Sex};
use crate::common::calendar::{Calendar, parse_stamp};
use crate::records::history::Available;
use crate::records::journal::{Event, Feeling, Outcome, Record};
use crate::records::report::report;
use crate::records::report::tests::{Journal, home_foundations};

const TODAY: i64 = 20_500;

fn review(records: &[Record]) -> Patient {
    let p = home_foundations();
    let available = [Available {
        runnable: &p,
        source: "home-foundations".into(),
    }];
    let r = report(
        records,
        TODAY - REVIEW_DAYS + 1,
        TODAY,
        &available,
        &Calendar::utc(),
    );
    Patient::new("ann", "ann.jsonl", &r, TODAY, 0)
}

/// Three clean sessions a week for eight weeks up to today.
fn steady() -> Journal {
    let mut j = Journal::new();
    for week in 0..8 {
        for d in [0, 2, 4] {
            let day = TODAY - 55 + week * 7 + d;
            if day <= TODAY {
                j.session(day, 8, 0);
            }
        }
    }
    j
}

fn concerns(p: &Patient) -> Vec<Concern> {
    p.reasons.iter().map(|r| r.concern).collect()
}

#[test]
fn a_steady_patient_needs_nothing() {
    let p = review(&steady().records);
    assert_eq!(concerns(&p), vec![], "{:?}", p.reasons);
    assert_eq!(p.sessions_4_weeks, 12);
    assert_eq!(p.planned_4_weeks, Some(12));
    assert_eq!(p.next_assessment, "never assessed");
}

#[test]
fn a_red_flag_not_cleared_comes_first_whenever_it_was() {
    let mut j = steady();
    j.push(TODAY - 300, Event::red_flag(vec!["x".into()]));
    let mut records = j.records.clone();
    records.sort_by(|a, b| a.at.cmp(&b.at));
    let p = review(&records);
    assert_eq!(concerns(&p), vec![Concern::RedFlagOpen]);
    assert!(p.reasons[0].detail.contains("no clearance"));
    // Cleared, and long ago: nothing.
    let mut j = Journal::new();
    j.push(TODAY - 300, Event::red_flag(vec!["x".into()]));
    j.push(TODAY - 299, Event::Clearance);
    j.records.extend(steady().records);
    assert_eq!(concerns(&review(&j.records)), vec![]);
    // Cleared, but in the last four weeks: still a reason.
    let mut j = steady();
    j.push(TODAY - 27, Event::red_flag(vec!["Fever or chills".into()]));
    j.push(TODAY - 26, Event::Clearance);
    let mut records = j.records.clone();
    records.sort_by(|a, b| a.at.cmp(&b.at));
    let p = review(&records);
    assert_eq!(concerns(&p), vec![Concern::RedFlag]);
    assert!(p.reasons[0].detail.contains("Fever or chills"));
}

#[test]
fn sharp_pain_counts_for_four_weeks() {
    let recent = |days_ago: i64| {
        let mut j = steady();
        j.start(TODAY - days_ago);
        j.sit_to_stand(TODAY - days_ago, 8, 0, Feeling::Sharp, 6);
        j.end(TODAY - days_ago, Outcome::Pain);
        let mut records = j.records;
        records.sort_by(|a, b| a.at.cmp(&b.at));
        concerns(&review(&records))
    };
    assert_eq!(recent(27), vec![Concern::SharpPain]);
    assert_eq!(recent(28), vec![]);
}

#[test]
fn an_assessment_below_its_norm_or_flagged() {
    let with = |measure| {
        let mut j = steady();
        j.push(
            TODAY - 5,
            Event::AboutYou {
                age: Some(72),
                sex: Some(Sex::Female),
            },
        );
        j.push(
            TODAY - 5,
            Event::Assessment {
                measure,
                stopped: None,
            },
        );
        let mut records = j.records;
        records.sort_by(|a, b| a.at.cmp(&b.at));
        review(&records)
    };
    // Women 70-74: the range is 10-15 and STEADI flags under 10.
    let p = with(Measure::ChairStand {
        stands: 9,
        arms: false,
    });
    assert_eq!(concerns(&p), vec![Concern::Assessment]);
    assert!(
        p.reasons[0]
            .detail
            .starts_with("30-second chair stand 9 stands")
    );
    assert!(
        concerns(&with(Measure::ChairStand {
            stands: 12,
            arms: false
        }))
        .is_empty()
    );
    // Below the step test's range is no flag, but it is below its norm.
    assert_eq!(
        concerns(&with(Measure::TwoMinuteStep { steps: 60 })),
        vec![Concern::Assessment]
    );
    assert_eq!(
        concerns(&with(Measure::TimedUpAndGo {
            secs: 12.5,
            aid: false
        })),
        vec![Concern::Assessment]
    );
}

#[test]
fn no_session_for_two_weeks() {
    assert!(no_session(Some(TODAY - 13), TODAY).is_none());
    let quiet = no_session(Some(TODAY - 14), TODAY).unwrap();
    assert_eq!(quiet.concern, Concern::NoSession);
    assert!(quiet.detail.starts_with("last session 14 days ago"));
    assert_eq!(
        no_session(None, TODAY).unwrap().detail,
        "no session recorded"
    );
}

#[test]
fn falling_adherence_against_the_weeks_before_and_the_plan() {
    assert!(falling_adherence(12, 12, Some(12)).is_none());
    assert!(falling_adherence(8, 12, Some(12)).is_some(), "two thirds");
    assert!(falling_adherence(9, 12, Some(12)).is_none());
    assert!(
        falling_adherence(1, 2, None).is_none(),
        "a drop of one is noise"
    );
    assert!(falling_adherence(0, 2, None).is_some());
    assert!(
        falling_adherence(5, 5, Some(12)).is_some(),
        "under half the plan"
    );
    assert!(
        falling_adherence(5, 4, Some(8)).is_none(),
        "rising towards the plan"
    );
    assert!(falling_adherence(0, 0, None).is_none());
}

#[test]
fn reassessment_overdue_after_twelve_weeks() {
    assert!(reassessment(Reassess::Due { since: 0 }).is_none());
    assert!(reassessment(Reassess::Never).is_none());
    assert_eq!(
        reassessment(Reassess::Overdue { since: 0 })
            .unwrap()
            .concern,
        Concern::Reassess
    );
}

#[test]
fn a_patient_who_stopped_has_no_session_and_falling_adherence() {
    let mut j = steady();
    j.records
        .retain(|r| parse_stamp(&r.at).unwrap() / 86_400 < (TODAY - 20) as u64);
    let p = review(&j.records);
    assert_eq!(
        concerns(&p),
        vec![Concern::NoSession, Concern::FallingAdherence]
    );
}

#[test]
fn triage_puts_the_most_urgent_first_then_the_most_concerns_then_by_name() {
    let reason = |concern| Reason {
        concern,
        detail: String::new(),
    };
    let patient = |name: &str, concerns: Vec<Concern>| Patient {
        name: name.into(),
        file: String::new(),
        reasons: concerns.into_iter().map(reason).collect(),
        last_session: None,
        sessions_4_weeks: 0,
        planned_4_weeks: None,
        next_assessment: "never assessed",
        unreadable_lines: 0,
    };
    let mut ps = vec![
        patient("zoe", vec![]),
        patient("bob", vec![Concern::NoSession]),
        patient("amy", vec![]),
        patient("cat", vec![Concern::SharpPain]),
        patient("dan", vec![Concern::SharpPain, Concern::NoSession]),
        patient("eve", vec![Concern::RedFlagOpen]),
    ];
    triage(&mut ps);
    let names: Vec<&str> = ps.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["eve", "dan", "cat", "bob", "amy", "zoe"]);
}
