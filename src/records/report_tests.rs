use super::*;
use crate::assess::{Measure, Sex};
use crate::common::calendar::{Calendar, parse_stamp, stamp};
use crate::program::bundled;
use crate::training::runnable::Runnable;

/// Monday 2025-11-17.
const MONDAY: i64 = 20_409;

pub(crate) fn home_foundations() -> Runnable {
    Runnable::new(
        bundled::find("home-foundations")
            .unwrap()
            .check()
            .program
            .unwrap(),
    )
}

/// A small journal written the way the coach writes one.
pub(crate) struct Journal {
    pub records: Vec<Record>,
    run: u64,
}

impl Journal {
    pub fn new() -> Journal {
        Journal {
            records: Vec::new(),
            run: 0,
        }
    }

    pub fn push(&mut self, day: i64, event: Event) {
        self.records.push(Record {
            at: stamp(day as u64 * 86_400 + 9 * 3600),
            run: self.run,
            event,
        });
    }

    /// Starts a session of home-foundations on `day`.
    pub fn start(&mut self, day: i64) {
        self.run = day as u64 * 86_400_000 + 9 * 3_600_000;
        self.push(
            day,
            Event::SessionStart {
                program: "Home Foundations".into(),
                source: "home-foundations".into(),
                session: "A".into(),
                seed: 0,
                items: vec![],
                class: false,
            },
        );
    }

    /// Two sets of sit-to-stand at `reps`, and a check-in.
    pub fn sit_to_stand(&mut self, day: i64, reps: u32, level: u32, feeling: Feeling, effort: u8) {
        let dose = Dose::Reps {
            sets: 2,
            reps,
            rest: 60,
            tempo: Some(4),
            per_side: false,
        };
        for set in 1..=2 {
            self.push(
                day,
                Event::SetDone {
                    item: "A / Strength / sit-to-stand-with-hands".into(),
                    exercise: "sit-to-stand-with-hands".into(),
                    set,
                    side: None,
                    level,
                    dose,
                },
            );
        }
        self.push(
            day,
            Event::check_in(
                "A / Strength / sit-to-stand-with-hands".into(),
                "sit-to-stand-with-hands".into(),
                crate::training::checkin::Answer::from_feeling(feeling, Some(effort)),
            ),
        );
    }

    pub fn end(&mut self, day: i64, outcome: Outcome) {
        self.push(day, Event::SessionEnd { outcome });
    }

    /// A whole, clean session.
    pub fn session(&mut self, day: i64, reps: u32, level: u32) {
        self.start(day);
        self.sit_to_stand(day, reps, level, Feeling::Fine, 5);
        self.end(day, Outcome::Completed);
    }
}

/// Three weeks from MONDAY: three sessions in week 1, two in week 2 (one with sharp pain and
/// a red flag, cleared later), one in week 3; a day-after answer, a skip, and assessments
/// before and inside the range.
pub(crate) fn three_weeks() -> Vec<Record> {
    let mut j = Journal::new();
    j.push(
        MONDAY - 30,
        Event::AboutYou {
            age: Some(72),
            sex: Some(Sex::Female),
        },
    );
    j.push(
        MONDAY - 30,
        Event::Assessment {
            measure: Measure::ChairStand {
                stands: 11,
                arms: false,
            },
            stopped: None,
        },
    );
    j.session(MONDAY - 3, 8, 0); // before the range
    j.session(MONDAY, 8, 0);
    j.session(MONDAY + 2, 8, 0);
    j.session(MONDAY + 4, 9, 1);
    j.start(MONDAY + 7);
    j.push(
        MONDAY + 7,
        Event::FollowUp {
            about: (MONDAY as u64 + 4) * 86_400_000 + 9 * 3_600_000,
            answer: NextDay::StillSore,
        },
    );
    j.sit_to_stand(MONDAY + 7, 9, 1, Feeling::Sore, 7);
    j.push(
        MONDAY + 7,
        Event::Skipped {
            item: "A / Strength / wall-push-up".into(),
            exercise: "wall-push-up".into(),
            sets: vec![1, 2],
            reason: SkipReason::Skipped,
        },
    );
    j.end(MONDAY + 7, Outcome::Completed);
    j.start(MONDAY + 9);
    j.sit_to_stand(MONDAY + 9, 9, 1, Feeling::Sharp, 8);
    j.push(
        MONDAY + 9,
        Event::red_flag(vec!["Sudden, severe back pain".into()]),
    );
    j.end(MONDAY + 9, Outcome::RedFlag);
    j.start(MONDAY + 16);
    j.push(MONDAY + 16, Event::Clearance);
    j.sit_to_stand(MONDAY + 16, 8, 0, Feeling::MildAche, 4);
    j.end(MONDAY + 16, Outcome::Completed);
    j.push(
        MONDAY + 17,
        Event::Assessment {
            measure: Measure::ChairStand {
                stands: 9,
                arms: false,
            },
            stopped: None,
        },
    );
    // After the range: not in the report.
    j.session(MONDAY + 25, 8, 0);
    j.records
}

fn build() -> Report {
    let p = home_foundations();
    let available = [Available {
        runnable: &p,
        source: "home-foundations".into(),
    }];
    report(
        &three_weeks(),
        MONDAY,
        MONDAY + 20,
        &available,
        &Calendar::utc(),
    )
}

#[test]
fn weeks_sessions_and_adherence_against_the_plan() {
    let r = build();
    assert_eq!(r.weeks, vec![MONDAY, MONDAY + 7, MONDAY + 14]);
    assert_eq!(r.sessions.len(), 6);
    assert_eq!(r.programs.len(), 1);
    assert_eq!(r.programs[0].per_week, Some(3));
    assert_eq!(r.programs[0].first_day, MONDAY - 3, "seen before the range");
    let weeks: Vec<(u32, Option<u32>)> =
        r.adherence(0).iter().map(|w| (w.done, w.planned)).collect();
    assert_eq!(weeks, vec![(3, Some(3)), (2, Some(3)), (1, Some(3))]);
    assert_eq!(r.adherence_total(0), Some((6, 9)));
    assert_eq!(r.last_session, Some(MONDAY + 16), "nothing after the range");
    assert_eq!(r.sessions_between(MONDAY + 7, MONDAY + 20), 3);
}

#[test]
fn doses_change_over_time_one_point_per_session() {
    let r = build();
    let item = &r.programs[0].items[0];
    assert_eq!(item.key, "A / Strength / sit-to-stand-with-hands");
    assert_eq!(item.points.len(), 6, "one per session, not per set");
    let changes: Vec<(i64, u32, Option<u32>)> = item
        .changes()
        .iter()
        .map(|p| (p.day, p.level, p.dose.reps()))
        .collect();
    assert_eq!(
        changes,
        vec![
            (MONDAY, 0, Some(8)),
            (MONDAY + 4, 1, Some(9)),
            (MONDAY + 16, 0, Some(8))
        ]
    );
    assert_eq!(item.points[0].exercise, "Sit to stand, hands on the chair");
}

#[test]
fn check_ins_sharp_pain_red_flags_follow_ups_and_skips() {
    let r = build();
    let efforts: Vec<Option<f64>> = r.sessions.iter().map(SessionRow::effort).collect();
    assert_eq!(efforts[3], Some(7.0));
    assert_eq!(r.sessions[4].worst, Some(Feeling::Sharp));
    assert!(r.sessions[4].red_flag);
    assert_eq!(
        r.sharp_pain(),
        vec![(MONDAY + 9, "Sit to stand, hands on the chair")]
    );
    assert_eq!(
        r.red_flags,
        vec![RedFlagRow {
            day: MONDAY + 9,
            symptoms: vec!["Sudden, severe back pain".into()],
            cleared: Some(MONDAY + 16),
        }]
    );
    assert_eq!(
        r.follow_ups,
        vec![FollowUpRow {
            day: MONDAY + 7,
            about: MONDAY + 4,
            answer: NextDay::StillSore
        }]
    );
    assert_eq!(r.skipped.len(), 1);
    assert_eq!(r.skipped[0].exercise, "Wall push-up");
    assert_eq!(r.skipped[0].sets, 2);
}

#[test]
fn the_weekly_dose_counts_each_week_of_the_range() {
    let r = build();
    assert_eq!(r.week_dose.len(), 3);
    // Sit to stand is resistance: three sessions in week 1, two in week 2.
    assert_eq!(r.week_dose[0].resistance_sessions, 3);
    assert_eq!(r.week_dose[1].resistance_sessions, 2);
    assert_eq!(r.week_dose[2].resistance_sessions, 1);
}

#[test]
fn assessments_before_and_inside_the_range_and_the_person() {
    let r = build();
    let a = &r.assessments;
    assert_eq!(a.results.len(), 2);
    assert_eq!(a.person().age_on(MONDAY + 17), Some(72));
    // 9 stands at 72 (women 70-74: STEADI below 10) flags.
    assert_eq!(a.flags().len(), 1);
}

#[test]
fn a_clearance_after_the_range_still_clears_its_red_flag_and_a_reversed_range_is_mended() {
    let p = home_foundations();
    let available = [Available {
        runnable: &p,
        source: "home-foundations".into(),
    }];
    let r = report(
        &three_weeks(),
        MONDAY + 10,
        MONDAY + 8,
        &available,
        &Calendar::utc(),
    );
    assert_eq!((r.since, r.until), (MONDAY + 8, MONDAY + 10));
    assert_eq!(r.red_flags[0].cleared, Some(MONDAY + 16));
    assert_eq!(
        r.open_red_flag,
        Some(MONDAY + 9),
        "not cleared by the end of the range"
    );
    assert_eq!(r.sessions.len(), 1);
    assert_eq!(build().open_red_flag, None);
}

#[test]
fn a_program_not_here_has_no_plan_and_one_taken_over_ends_with_its_last_session() {
    let mut records = three_weeks();
    // A second program starts in week 3; the first stops after week 2.
    records.retain(|r| parse_stamp(&r.at).unwrap() / 86_400 < (MONDAY + 14) as u64);
    records.push(Record {
        at: stamp((MONDAY as u64 + 15) * 86_400),
        run: 1,
        event: Event::SessionStart {
            program: "Gone".into(),
            source: "/nowhere/gone.ron".into(),
            session: "A".into(),
            seed: 0,
            items: vec![],
            class: false,
        },
    });
    let p = home_foundations();
    let available = [Available {
        runnable: &p,
        source: "home-foundations".into(),
    }];
    let r = report(&records, MONDAY, MONDAY + 20, &available, &Calendar::utc());
    assert_eq!(r.programs.len(), 2);
    assert_eq!(r.programs[1].per_week, None);
    assert_eq!(r.adherence_total(1), None);
    let first: Vec<Option<u32>> = r.adherence(0).iter().map(|w| w.planned).collect();
    assert_eq!(first, vec![Some(3), Some(3), None]);
}
