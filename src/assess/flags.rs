//! Which results raise a flag, and when the next assessment is due. A flag (a STEADI
//! below-average chair stand, a timed up and go of 12 s or more, a tandem stance under 10 s, a
//! single-leg stance under 5 s, a rising occiput-to-wall distance, a test stopped by pain or
//! dizziness) routes to "discuss with your physiotherapist", keeps balance work supported, and
//! shows in the clinician's report and the clinic's review. It stays until the test is done
//! again. Pure functions of the results and the person.

use std::collections::BTreeMap;

use super::norms::{Rule, Table, caveat, training};
use super::{Measure, Person, Stopped, Test, one_decimal, stage_short};

/// Reassessment is suggested this many weeks after the last one, and overdue after the second
/// figure (trial re-test points: Stanghelle 12 weeks; Osteo-cise 6, 12 and 18 months). A
/// suggestion, not a guideline.
pub const REASSESS_WEEKS: (i64, i64) = (8, 12);

/// One test's result on a day.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessed {
    /// Days since 1970.
    pub day: i64,
    /// The assessment session it was taken in.
    pub run: u64,
    pub measure: Measure,
    pub stopped: Option<Stopped>,
}

/// A flag on one test's latest result.
#[derive(Debug, Clone, PartialEq)]
pub struct Flag {
    pub test: Test,
    /// The day of the result that raised it.
    pub day: i64,
    /// Why, in plain words, with the figure and its source: "Tandem stance held 6 s: under
    /// 10 s (CDC STEADI 4-Stage Balance Test form)."
    pub why: String,
    /// What to do.
    pub advice: &'static str,
}

/// The flags on the latest result of one test. `results` are that test's results, oldest
/// first (earlier ones are needed for a rise or a loss).
pub fn flags(results: &[Assessed], person: &Person, table: &Table) -> Vec<Flag> {
    let Some(latest) = results.last() else {
        return Vec::new();
    };
    let test = latest.measure.test();
    let flag = |why: String| Flag {
        test,
        day: latest.day,
        why,
        advice: training(test, true),
    };
    let mut out = Vec::new();
    if let Some(stopped) = latest.stopped {
        let what = match stopped {
            Stopped::Pain => "pain",
            Stopped::Dizziness => "dizziness",
            Stopped::Fall => "a fall",
            Stopped::Other => "the person or their helper chose to stop",
        };
        out.push(Flag {
            test,
            day: latest.day,
            why: format!("The test was stopped early ({what})."),
            advice: "Discuss this with your physiotherapist before you do this test again.",
        });
        return out;
    }
    let Some(score) = latest.measure.score() else {
        return out;
    };
    let what = subject(&latest.measure, score);
    for c in table.cutoffs(test, person, latest.day) {
        let unit = test.unit();
        let source = {
            let mark = caveat(c.secondary, c.unverified);
            if mark.is_empty() {
                c.source.clone()
            } else {
                format!("{}, {}", c.source, mark.trim_matches(['(', ')']))
            }
        };
        let who = match (c.ages, c.sex) {
            (Some((lo, hi)), Some(s)) => format!(" for {} aged {lo}-{hi}", s.plural()),
            (Some((lo, hi)), None) => format!(" for people aged {lo}-{hi}"),
            _ => String::new(),
        };
        let why = match c.rule {
            Rule::Below(x) if score < x => {
                Some(format!("{what}: under {} {unit}{who}", one_decimal(x)))
            }
            Rule::AtLeast(x) if score >= x => {
                Some(format!("{what}: {} {unit} or more", one_decimal(x)))
            }
            Rule::Above(x) if score > x => Some(format!("{what}: over {} {unit}", one_decimal(x))),
            Rule::RiseOf(d) => results
                .iter()
                .rev()
                .nth(1)
                .and_then(|p| p.measure.score().map(|s| (p.day, s)))
                .filter(|&(_, before)| score - before >= d - 1e-9)
                .map(|(_, before)| {
                    format!(
                        "{what}: up {} {unit} since the measurement before ({} {unit})",
                        one_decimal(score - before),
                        one_decimal(before),
                    )
                }),
            Rule::LossOf(d) => results
                .iter()
                .filter(|p| p.day >= latest.day - 365 && p.day < latest.day)
                .filter_map(|p| p.measure.score().map(|s| (p.day, s)))
                .find(|&(_, before)| before - score >= d - 1e-9)
                .map(|(_, before)| {
                    format!(
                        "{what}: down {} {unit} within a year (from {} {unit})",
                        one_decimal(before - score),
                        one_decimal(before),
                    )
                }),
            _ => None,
        };
        if let Some(why) = why {
            out.push(flag(format!("{why} ({source}).")));
        }
    }
    out
}

/// What the score is of, in words: "9 stands", "Tandem stance held 6 s", "Weaker leg 4.5 s".
fn subject(measure: &Measure, score: f64) -> String {
    match measure {
        Measure::ChairStand { arms: true, .. } => "0 stands (needed the arms)".into(),
        Measure::FourStageBalance { held } if held.len() <= super::TANDEM => format!(
            "Tandem stance not reached (stopped at the {} stance)",
            stage_short(held.len().saturating_sub(1))
        ),
        Measure::FourStageBalance { .. } => {
            format!("Tandem stance held {} s", one_decimal(score))
        }
        Measure::SingleLegStance {
            left: Some(_),
            right: Some(_),
        } => format!("Weaker leg {} s", one_decimal(score)),
        m => m.test().format(score),
    }
}

/// Every test's results, oldest first, by test.
pub fn by_test(results: &[Assessed]) -> BTreeMap<Test, Vec<Assessed>> {
    let mut map: BTreeMap<Test, Vec<Assessed>> = BTreeMap::new();
    for r in results {
        map.entry(r.measure.test()).or_default().push(r.clone());
    }
    map
}

/// The flags standing now: those on each test's latest result. A flag goes when the test is
/// done again without one.
pub fn current_flags(results: &[Assessed], person: &Person, table: &Table) -> Vec<Flag> {
    by_test(results)
        .values()
        .flat_map(|r| flags(r, person, table))
        .collect()
}

/// Whether the next assessment is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reassess {
    /// No test done yet.
    Never,
    /// Next suggested from this day on.
    NotYet { due: i64 },
    /// Suggested since this day (8 weeks after the last).
    Due { since: i64 },
    /// More than 12 weeks since the last, overdue since this day.
    Overdue { since: i64 },
}

/// When the next assessment is due, from the day of the last one.
pub fn reassess(last: Option<i64>, today: i64) -> Reassess {
    let Some(last) = last else {
        return Reassess::Never;
    };
    let due = last + REASSESS_WEEKS.0 * 7;
    let overdue = last + REASSESS_WEEKS.1 * 7;
    if today < due {
        Reassess::NotYet { due }
    } else if today <= overdue {
        Reassess::Due { since: due }
    } else {
        Reassess::Overdue { since: overdue }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::Sex;

    fn at(day: i64, measure: Measure) -> Assessed {
        Assessed {
            day,
            run: day as u64,
            measure,
            stopped: None,
        }
    }

    fn woman(age: u32) -> Person {
        Person {
            age: Some(age),
            sex: Some(Sex::Female),
            day: 0,
        }
    }

    fn flagged(results: &[Assessed], person: &Person) -> Vec<String> {
        flags(results, person, Table::bundled())
            .into_iter()
            .map(|f| f.why)
            .collect()
    }

    fn chair(stands: u32) -> Measure {
        Measure::ChairStand {
            stands,
            arms: false,
        }
    }

    #[test]
    fn a_steadi_below_average_chair_stand_flags() {
        // Women 70-74: below 10.
        assert!(flagged(&[at(1, chair(10))], &woman(72)).is_empty());
        let f = flagged(&[at(1, chair(9))], &woman(72));
        assert_eq!(
            f,
            vec![
                "9 stands: under 10 stands for women aged 70-74 (CDC STEADI 30-Second Chair Stand form, 2017)."
            ]
        );
        // Fewer than 8 flags at any age, even with age and sex skipped.
        assert_eq!(
            flagged(&[at(1, chair(7))], &Person::default()).len(),
            1,
            "fewer than 8"
        );
        assert!(flagged(&[at(1, chair(9))], &Person::default()).is_empty());
        let arms = Measure::ChairStand {
            stands: 14,
            arms: true,
        };
        assert!(flagged(&[at(1, arms)], &Person::default())[0].starts_with("0 stands"));
    }

    #[test]
    fn timed_up_and_go_flags_at_twelve_seconds() {
        let tug = |secs| {
            flagged(
                &[at(1, Measure::TimedUpAndGo { secs, aid: false })],
                &Person::default(),
            )
        };
        assert!(tug(11.9).is_empty());
        assert_eq!(tug(12.0).len(), 1);
        assert!(tug(12.0)[0].contains("12 s or more"), "{:?}", tug(12.0));
        assert!(tug(12.0)[0].contains("secondary source"));
    }

    #[test]
    fn a_tandem_stance_under_ten_seconds_flags() {
        let balance = |held: Vec<f64>| {
            flagged(
                &[at(1, Measure::FourStageBalance { held })],
                &Person::default(),
            )
        };
        assert!(balance(vec![10.0, 10.0, 10.0, 3.0]).is_empty());
        assert!(balance(vec![10.0, 10.0, 10.0]).is_empty());
        assert_eq!(
            balance(vec![10.0, 10.0, 9.9]),
            vec!["Tandem stance held 9.9 s: under 10 s (CDC STEADI 4-Stage Balance Test form)."]
        );
        assert!(balance(vec![10.0, 4.0])[0].starts_with("Tandem stance not reached"));
        assert!(balance(vec![]).is_empty(), "nothing done, nothing to flag");
    }

    #[test]
    fn a_single_leg_stance_under_five_seconds_on_either_side_flags() {
        let sls = |left, right| {
            flagged(
                &[at(1, Measure::SingleLegStance { left, right })],
                &Person::default(),
            )
        };
        assert!(sls(Some(5.0), Some(30.0)).is_empty());
        assert!(sls(Some(30.0), Some(4.9))[0].starts_with("Weaker leg 4.9 s"));
        assert_eq!(sls(Some(3.0), None).len(), 1);
        assert!(sls(None, None).is_empty());
    }

    #[test]
    fn a_rising_occiput_to_wall_distance_flags() {
        let owd = |cm| Measure::OcciputToWall { cm };
        let p = Person::default();
        assert!(
            flagged(&[at(1, owd(3.0))], &p).is_empty(),
            "first measurement"
        );
        assert!(flagged(&[at(1, owd(3.0)), at(90, owd(3.9))], &p).is_empty());
        let rising = flagged(&[at(1, owd(3.0)), at(90, owd(4.0))], &p);
        assert_eq!(rising.len(), 1);
        assert!(
            rising[0].contains("4 cm: up 1 cm since the measurement before (3 cm)"),
            "{rising:?}"
        );
        // Over 6 cm flags on its own.
        assert_eq!(flagged(&[at(1, owd(6.5))], &p).len(), 1);
        assert!(flagged(&[at(1, owd(6.0))], &p).is_empty());
    }

    #[test]
    fn height_lost_within_a_year_flags_and_says_it_is_unverified() {
        let h = |cm| Measure::Height { cm };
        let p = Person::default();
        let lost = flagged(&[at(0, h(160.0)), at(300, h(159.0))], &p);
        assert_eq!(lost.len(), 1);
        assert!(lost[0].contains("mov-e.academy, unverified)"), "{lost:?}");
        assert!(
            flagged(&[at(0, h(160.0)), at(400, h(158.0))], &p).is_empty(),
            "over a year"
        );
        assert!(flagged(&[at(0, h(160.0)), at(300, h(159.5))], &p).is_empty());
    }

    #[test]
    fn a_stopped_test_flags_and_a_retest_clears_the_flag() {
        let mut stopped = at(1, chair(12));
        stopped.stopped = Some(Stopped::Dizziness);
        let p = woman(70);
        let t = Table::bundled();
        let now = current_flags(std::slice::from_ref(&stopped), &p, t);
        assert_eq!(now.len(), 1);
        assert!(now[0].why.contains("dizziness"));
        let retested = [stopped, at(60, chair(12))];
        assert!(
            current_flags(&retested, &p, t).is_empty(),
            "until the next assessment"
        );
        let worse = [at(1, chair(12)), at(60, chair(8))];
        assert_eq!(current_flags(&worse, &p, t).len(), 1);
    }

    #[test]
    fn flags_keep_to_their_own_test() {
        let p = Person::default();
        let results = [
            at(
                1,
                Measure::TimedUpAndGo {
                    secs: 14.0,
                    aid: true,
                },
            ),
            at(1, chair(15)),
            at(
                2,
                Measure::TimedUpAndGo {
                    secs: 9.0,
                    aid: false,
                },
            ),
            at(
                3,
                Measure::FourStageBalance {
                    held: vec![10.0, 10.0, 2.0],
                },
            ),
        ];
        let now = current_flags(&results, &p, Table::bundled());
        assert_eq!(now.len(), 1);
        assert_eq!(now[0].test, Test::FourStageBalance);
        assert!(now[0].advice.contains("counter"));
    }

    #[test]
    fn reassessment_is_suggested_from_eight_weeks_and_overdue_after_twelve() {
        assert_eq!(reassess(None, 100), Reassess::Never);
        assert_eq!(reassess(Some(0), 55), Reassess::NotYet { due: 56 });
        assert_eq!(reassess(Some(0), 56), Reassess::Due { since: 56 });
        assert_eq!(reassess(Some(0), 84), Reassess::Due { since: 56 });
        assert_eq!(reassess(Some(0), 85), Reassess::Overdue { since: 84 });
    }
}
