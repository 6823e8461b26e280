//! Assessments: the standard functional tests (30-second chair stand, timed up and go, the
//! 4-stage balance test, single-leg stance, 2-minute step test, and with a helper
//! occiput-to-wall and height), what a result is, the person's age and sex, the norms a
//! result is set against and the flags it raises. Pure: no clock, no files, no terminal.
//! The tests and figures come from `shared/outcome-measures.md`; upright compares, it never
//! diagnoses.

pub mod flags;
pub mod norms;
pub mod protocol;
pub mod trial;

use serde::{Deserialize, Serialize};

/// One of the tests. The sit-and-reach and toe-touch tests are not here, and never will be:
/// they are loaded spinal flexion.
/// In the norms table by these names (`ChairStand`); in the journal by `id` (`chair_stand`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
pub enum Test {
    ChairStand,
    TimedUpAndGo,
    FourStageBalance,
    SingleLegStance,
    TwoMinuteStep,
    OcciputToWall,
    Height,
}

/// Whether a higher or a lower result is the better one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    Higher,
    Lower,
    /// Neither: a measurement (height) followed for change.
    Neither,
}

impl Test {
    /// In the order an assessment session takes them: seated and supported first, the
    /// helper's measurements last.
    pub const ALL: [Test; 7] = [
        Test::ChairStand,
        Test::TimedUpAndGo,
        Test::FourStageBalance,
        Test::SingleLegStance,
        Test::TwoMinuteStep,
        Test::OcciputToWall,
        Test::Height,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Test::ChairStand => "30-second chair stand",
            Test::TimedUpAndGo => "Timed up and go",
            Test::FourStageBalance => "4-stage balance test",
            Test::SingleLegStance => "Single-leg stance",
            Test::TwoMinuteStep => "2-minute step test",
            Test::OcciputToWall => "Occiput-to-wall distance",
            Test::Height => "Height",
        }
    }

    /// The id used in the journal and on the command line: "chair_stand".
    pub fn id(self) -> &'static str {
        match self {
            Test::ChairStand => "chair_stand",
            Test::TimedUpAndGo => "timed_up_and_go",
            Test::FourStageBalance => "four_stage_balance",
            Test::SingleLegStance => "single_leg_stance",
            Test::TwoMinuteStep => "two_minute_step",
            Test::OcciputToWall => "occiput_to_wall",
            Test::Height => "height",
        }
    }

    /// The unit of its score.
    pub fn unit(self) -> &'static str {
        match self {
            Test::ChairStand => "stands",
            Test::TimedUpAndGo | Test::FourStageBalance | Test::SingleLegStance => "s",
            Test::TwoMinuteStep => "steps",
            Test::OcciputToWall | Test::Height => "cm",
        }
    }

    pub fn better(self) -> Better {
        match self {
            Test::TimedUpAndGo | Test::OcciputToWall => Better::Lower,
            Test::Height => Better::Neither,
            _ => Better::Higher,
        }
    }

    /// Needs a second person to measure.
    pub fn needs_helper(self) -> bool {
        matches!(self, Test::OcciputToWall | Test::Height)
    }

    /// A score with its unit: "12 stands", "9.4 s", "4.5 cm".
    pub fn format(self, score: f64) -> String {
        match self {
            // "1 stand", "12 stands".
            Test::ChairStand | Test::TwoMinuteStep if score.round() == 1.0 => {
                format!("1 {}", self.unit().trim_end_matches('s'))
            }
            Test::ChairStand | Test::TwoMinuteStep => format!("{score:.0} {}", self.unit()),
            _ => format!("{} {}", one_decimal(score), self.unit()),
        }
    }
}

/// "9", "9.4": one decimal, none when it is whole.
pub fn one_decimal(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// The stages of the 4-stage balance test, in order.
pub const BALANCE_STAGES: [&str; 4] = [
    "Feet side by side",
    "Semi-tandem: the instep of one foot touching the big toe of the other",
    "Tandem: one foot in front of the other, heel touching toe",
    "Standing on one foot",
];
/// Seconds each balance stage is held for.
pub const BALANCE_STAGE_SECS: f64 = 10.0;
/// The tandem stance is the third stage (index 2).
pub const TANDEM: usize = 2;
/// Single-leg stance is timed up to this (the usual cap).
pub const SINGLE_LEG_CAP_SECS: f64 = 30.0;
/// The chair stand lasts this long.
pub const CHAIR_STAND_SECS: u64 = 30;
/// The step test lasts this long.
pub const STEP_TEST_SECS: u64 = 120;

/// A test's result, as the journal records it. Field names are the journal format: add,
/// never rename.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "test", rename_all = "snake_case")]
pub enum Measure {
    /// Full stands in 30 seconds; `arms`: the person had to use their arms, which scores 0.
    ChairStand {
        stands: u32,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        arms: bool,
    },
    /// Seconds to stand, walk 3 m, turn, walk back and sit; `aid`: with a walking aid.
    TimedUpAndGo {
        secs: f64,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        aid: bool,
    },
    /// Seconds each stage was held, in order; the test stops at the first stage held under
    /// 10 s, so only the last entry can be under 10.
    FourStageBalance { held: Vec<f64> },
    /// Seconds on each leg (up to 30); a side not tested is left out.
    SingleLegStance {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        left: Option<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        right: Option<f64>,
    },
    /// Times the right knee reached the mark in 2 minutes of marching on the spot.
    TwoMinuteStep { steps: u32 },
    /// Wall to the back of the head, standing with heels and back to the wall, head level.
    OcciputToWall { cm: f64 },
    /// Standing height.
    Height { cm: f64 },
}

impl Measure {
    pub fn test(&self) -> Test {
        match self {
            Measure::ChairStand { .. } => Test::ChairStand,
            Measure::TimedUpAndGo { .. } => Test::TimedUpAndGo,
            Measure::FourStageBalance { .. } => Test::FourStageBalance,
            Measure::SingleLegStance { .. } => Test::SingleLegStance,
            Measure::TwoMinuteStep { .. } => Test::TwoMinuteStep,
            Measure::OcciputToWall { .. } => Test::OcciputToWall,
            Measure::Height { .. } => Test::Height,
        }
    }

    /// The one number norms and cut-offs are set against: the stands (0 when the arms were
    /// used), the seconds, the tandem stance's seconds (0 when an earlier stage was not held),
    /// the weaker leg's seconds, the steps, the centimetres. `None` when there is nothing to
    /// compare (no side of the single-leg stance done, no balance stage done).
    pub fn score(&self) -> Option<f64> {
        let finite = |x: f64| x.is_finite().then_some(x.max(0.0));
        match self {
            Measure::ChairStand { stands, arms } => Some(if *arms { 0.0 } else { *stands as f64 }),
            Measure::TimedUpAndGo { secs, .. } => finite(*secs),
            Measure::FourStageBalance { held } => {
                if held.is_empty() {
                    None
                } else if held.len() > TANDEM {
                    finite(held[TANDEM])
                } else if held.iter().all(|&h| h >= BALANCE_STAGE_SECS) {
                    // Stopped before the tandem stance for another reason: not scored.
                    None
                } else {
                    Some(0.0)
                }
            }
            Measure::SingleLegStance { left, right } => match (left, right) {
                (Some(l), Some(r)) => finite(l.min(*r)),
                (Some(x), None) | (None, Some(x)) => finite(*x),
                (None, None) => None,
            },
            Measure::TwoMinuteStep { steps } => Some(*steps as f64),
            Measure::OcciputToWall { cm } | Measure::Height { cm } => finite(*cm),
        }
    }

    /// The result in words: "12 stands", "9.4 s with a walking aid", "left 12 s, right 8 s",
    /// "held to tandem (6 s)".
    pub fn describe(&self) -> String {
        let test = self.test();
        match self {
            Measure::ChairStand { arms: true, .. } => "0 stands (needed the arms)".into(),
            Measure::TimedUpAndGo { secs, aid: true } => {
                format!("{} with a walking aid", test.format(*secs))
            }
            Measure::FourStageBalance { held } => {
                let passed = held.iter().filter(|&&h| h >= BALANCE_STAGE_SECS).count();
                match held.last() {
                    None => "not done".into(),
                    Some(&last) if last < BALANCE_STAGE_SECS => format!(
                        "{} of 4 stages; stage {} ({}) held {} s",
                        passed,
                        held.len(),
                        stage_short(held.len() - 1),
                        one_decimal(last)
                    ),
                    Some(_) => format!("{passed} of 4 stages held for 10 s"),
                }
            }
            Measure::SingleLegStance { left, right } => {
                let side =
                    |name: &str, v: &Option<f64>| v.map(|s| format!("{name} {} s", one_decimal(s)));
                let parts: Vec<String> = [side("left", left), side("right", right)]
                    .into_iter()
                    .flatten()
                    .collect();
                if parts.is_empty() {
                    "not done".into()
                } else {
                    parts.join(", ")
                }
            }
            _ => self
                .score()
                .map_or_else(|| "not done".into(), |s| test.format(s)),
        }
    }
}

/// "side by side", "semi-tandem", "tandem", "one foot".
pub fn stage_short(i: usize) -> &'static str {
    ["side by side", "semi-tandem", "tandem", "one foot"]
        .get(i)
        .copied()
        .unwrap_or("?")
}

/// Why a test stopped before its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stopped {
    Pain,
    Dizziness,
    /// The person fell (or nearly did): the red-flag path follows.
    Fall,
    /// Any other reason the person or their helper chose to stop.
    Other,
}

impl Stopped {
    pub fn label(self) -> &'static str {
        match self {
            Stopped::Pain => "stopped: pain",
            Stopped::Dizziness => "stopped: dizziness",
            Stopped::Fall => "stopped: a fall",
            Stopped::Other => "stopped early",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
/// In the journal as `"female"`, `"male"`; in the norms table as `Female`, `Male`.
#[serde(rename_all = "snake_case")]
pub enum Sex {
    #[serde(alias = "Female")]
    Female,
    #[serde(alias = "Male")]
    Male,
}

impl Sex {
    pub fn label(self) -> &'static str {
        match self {
            Sex::Female => "female",
            Sex::Male => "male",
        }
    }

    /// "women", "men".
    pub fn plural(self) -> &'static str {
        match self {
            Sex::Female => "women",
            Sex::Male => "men",
        }
    }
}

/// What the person told upright about themselves, on day `day` (days since 1970). Either may
/// be skipped: then no norm is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Person {
    pub age: Option<u32>,
    pub sex: Option<Sex>,
    /// The day the age was given.
    pub day: i64,
}

impl Person {
    /// Their age on `day`: the age they gave, plus the whole years since they gave it.
    pub fn age_on(&self, day: i64) -> Option<u32> {
        let years = (day - self.day).max(0) * 4 / 1461;
        self.age.map(|a| a + years as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_the_number_norms_use() {
        let arms = Measure::ChairStand {
            stands: 9,
            arms: true,
        };
        assert_eq!(arms.score(), Some(0.0));
        assert_eq!(arms.describe(), "0 stands (needed the arms)");
        let failed_semi = Measure::FourStageBalance {
            held: vec![10.0, 4.0],
        };
        assert_eq!(failed_semi.score(), Some(0.0), "tandem never reached");
        assert_eq!(
            failed_semi.describe(),
            "1 of 4 stages; stage 2 (semi-tandem) held 4 s"
        );
        let tandem = Measure::FourStageBalance {
            held: vec![10.0, 10.0, 6.5],
        };
        assert_eq!(tandem.score(), Some(6.5));
        let all = Measure::FourStageBalance {
            held: vec![10.0; 4],
        };
        assert_eq!(all.describe(), "4 of 4 stages held for 10 s");
        let legs = Measure::SingleLegStance {
            left: Some(12.0),
            right: Some(4.5),
        };
        assert_eq!(legs.score(), Some(4.5), "the weaker side counts");
        assert_eq!(legs.describe(), "left 12 s, right 4.5 s");
        let none = Measure::SingleLegStance {
            left: None,
            right: None,
        };
        assert_eq!(none.score(), None);
        let nan = Measure::TimedUpAndGo {
            secs: f64::NAN,
            aid: false,
        };
        assert_eq!(nan.score(), None);
    }

    #[test]
    fn age_grows_with_the_years_since_it_was_given() {
        let p = Person {
            age: Some(64),
            sex: None,
            day: 20_000,
        };
        assert_eq!(p.age_on(20_000), Some(64));
        assert_eq!(p.age_on(20_364), Some(64));
        assert_eq!(p.age_on(20_366), Some(65));
        assert_eq!(p.age_on(19_000), Some(64), "never younger than given");
        assert_eq!(Person::default().age_on(20_000), None);
    }

    #[test]
    fn each_test_id_is_its_journal_tag() {
        let measures = [
            Measure::ChairStand {
                stands: 1,
                arms: false,
            },
            Measure::TimedUpAndGo {
                secs: 1.0,
                aid: false,
            },
            Measure::FourStageBalance { held: vec![] },
            Measure::SingleLegStance {
                left: None,
                right: None,
            },
            Measure::TwoMinuteStep { steps: 1 },
            Measure::OcciputToWall { cm: 1.0 },
            Measure::Height { cm: 1.0 },
        ];
        for (m, test) in measures.iter().zip(Test::ALL) {
            assert_eq!(m.test(), test);
            let json = serde_json::to_string(m).unwrap();
            assert!(
                json.starts_with(&format!("{{\"test\":\"{}\"", test.id())),
                "{json}"
            );
        }
    }

    #[test]
    fn scores_format_with_their_units() {
        assert_eq!(Test::ChairStand.format(12.0), "12 stands");
        assert_eq!(Test::ChairStand.format(1.0), "1 stand");
        assert_eq!(Test::TwoMinuteStep.format(0.0), "0 steps");
        assert_eq!(Test::TimedUpAndGo.format(9.44), "9.4 s");
        assert_eq!(Test::OcciputToWall.format(5.0), "5 cm");
    }
}
