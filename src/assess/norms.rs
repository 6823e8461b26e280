//! The norms table (`assets/norms.ron`, built into the binary) and the lookup that sets a
//! result against the figures for the person's age and sex, in plain words: "below / within /
//! above the range for your age", with what it means for training. Never a diagnosis.

use std::sync::OnceLock;

use serde::Deserialize;

use super::{Better, Measure, Person, Sex, Test, one_decimal};

const NORMS: &str = include_str!("../../assets/norms.ron");

/// Said wherever a result is compared with a norm.
pub const NOT_A_DIAGNOSIS: &str = "This compares your result with published figures for people of your age. It is not a diagnosis: your physiotherapist can tell you what it means for you.";

/// What the figures of a norm are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Kind {
    /// The normal range (25th to 75th percentile).
    Range,
    /// The 95 % confidence interval around a mean.
    MeanCi,
    /// A mean only (`low` = `high` = the mean).
    Mean,
}

/// One row of the table: the figures for a test, an age band and (where the source splits
/// by it) a sex.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Norm {
    pub test: Test,
    #[serde(default)]
    pub sex: Option<Sex>,
    /// Both ends included.
    pub ages: (u32, u32),
    pub low: f64,
    pub high: f64,
    #[serde(default)]
    pub mean: Option<f64>,
    pub kind: Kind,
    pub source: String,
    #[serde(default)]
    pub secondary: bool,
    #[serde(default)]
    pub unverified: bool,
    #[serde(default)]
    pub note: Option<String>,
}

/// When a cut-off raises a flag.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub enum Rule {
    /// The score is under this.
    Below(f64),
    /// The score is this or more.
    AtLeast(f64),
    /// The score is over this.
    Above(f64),
    /// The score rose by this or more since the measurement before it.
    RiseOf(f64),
    /// The score fell by this or more since a measurement in the year before it.
    LossOf(f64),
}

/// A flag threshold.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Cutoff {
    pub test: Test,
    #[serde(default)]
    pub sex: Option<Sex>,
    /// `None`: any age (and any sex).
    #[serde(default)]
    pub ages: Option<(u32, u32)>,
    pub rule: Rule,
    pub source: String,
    #[serde(default)]
    pub secondary: bool,
    #[serde(default)]
    pub unverified: bool,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Table {
    pub norms: Vec<Norm>,
    pub cutoffs: Vec<Cutoff>,
}

impl Table {
    /// The table built into the binary. It is checked by the test suite, so a broken one can
    /// only come from a build that never passed its tests.
    pub fn bundled() -> &'static Table {
        static TABLE: OnceLock<Table> = OnceLock::new();
        TABLE.get_or_init(|| {
            ron::Options::default()
                .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
                .from_str(NORMS)
                .unwrap_or_else(|e| panic!("assets/norms.ron is broken: {e}"))
        })
    }

    /// The norm for `test` at the person's age on `day`. `None` when the person skipped
    /// their age or sex (they chose not to be compared), or when no figure covers them.
    pub fn norm(&self, test: Test, person: &Person, day: i64) -> Option<&Norm> {
        let age = person.age_on(day)?;
        let sex = person.sex?;
        self.norms.iter().find(|n| {
            n.test == test && n.sex.is_none_or(|s| s == sex) && (n.ages.0..=n.ages.1).contains(&age)
        })
    }

    /// The cut-offs that apply to `test` for this person: those for any age, and those for
    /// their age band and sex when they gave both.
    pub fn cutoffs(&self, test: Test, person: &Person, day: i64) -> Vec<&Cutoff> {
        let age = person.age_on(day);
        self.cutoffs
            .iter()
            .filter(|c| c.test == test)
            .filter(|c| match c.ages {
                None => c.sex.is_none(),
                Some((lo, hi)) => {
                    age.is_some_and(|a| (lo..=hi).contains(&a))
                        && person.sex.is_some()
                        && c.sex.is_none_or(|s| Some(s) == person.sex)
                }
            })
            .collect()
    }

    /// A result set against its norm; `None` when there is no norm for this person, or
    /// nothing to compare.
    pub fn compare(&self, measure: &Measure, person: &Person, day: i64) -> Option<Comparison> {
        let score = measure.score()?;
        let norm = self.norm(measure.test(), person, day)?;
        Some(Comparison::new(norm, score))
    }
}

/// Where a result stands against the figures for the person's age.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Standing {
    Below,
    Within,
    Above,
}

/// A result against its norm.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub norm: Norm,
    pub score: f64,
    pub standing: Standing,
}

impl Comparison {
    pub fn new(norm: &Norm, score: f64) -> Comparison {
        let standing = if score < norm.low {
            Standing::Below
        } else if score > norm.high {
            Standing::Above
        } else {
            Standing::Within
        };
        Comparison {
            norm: norm.clone(),
            score,
            standing,
        }
    }

    /// Worse than the figures for the person's age: fewer stands or steps, a shorter stance,
    /// a slower walk.
    pub fn worse(&self) -> bool {
        match self.norm.test.better() {
            Better::Higher => self.standing == Standing::Below,
            Better::Lower => self.standing == Standing::Above,
            Better::Neither => false,
        }
    }

    /// "women aged 70-74", "people aged 70-79".
    pub fn who(&self) -> String {
        let who = self.norm.sex.map_or("people", Sex::plural);
        format!("{who} aged {}-{}", self.norm.ages.0, self.norm.ages.1)
    }

    /// The figures: "10-15 stands", "8.2-10.2 s, mean 9.2 s", "an average of 17.2 s".
    pub fn figures(&self) -> String {
        let n = &self.norm;
        let unit = n.test.unit();
        match n.kind {
            Kind::Range => format!("{}-{} {unit}", one_decimal(n.low), one_decimal(n.high)),
            Kind::MeanCi => format!(
                "{}-{} {unit}{}",
                one_decimal(n.low),
                one_decimal(n.high),
                n.mean
                    .map(|m| format!(", mean {} {unit}", one_decimal(m)))
                    .unwrap_or_default()
            ),
            Kind::Mean => format!("an average of {} {unit}", one_decimal(n.low)),
        }
    }

    /// The verdict in plain words: "Below the usual range for your age (women aged 70-74:
    /// 10-15 stands)."
    pub fn words(&self) -> String {
        let n = &self.norm;
        let (place, what) = match n.kind {
            Kind::Mean => (
                match self.standing {
                    Standing::Below => "Below",
                    Standing::Within => "At",
                    Standing::Above => "Above",
                },
                "the average for your age",
            ),
            Kind::Range | Kind::MeanCi => (
                match self.standing {
                    Standing::Below => "Below",
                    Standing::Within => "Within",
                    Standing::Above => "Above",
                },
                "the usual range for your age",
            ),
        };
        let slower = match (n.test.better(), self.standing) {
            (Better::Lower, Standing::Above) => ": slower than most people your age",
            (Better::Lower, Standing::Below) => ": quicker than most people your age",
            _ => "",
        };
        format!(
            "{place} {what}{slower} ({}: {}).",
            self.who(),
            self.figures()
        )
    }

    /// Where it stands in a few words: "below the usual range", "at the average", and for a
    /// test where less is better, "quicker than the usual range".
    pub fn standing_words(&self) -> &'static str {
        match (self.norm.test.better(), self.norm.kind, self.standing) {
            (Better::Lower, _, Standing::Below) => "quicker than the usual range",
            (Better::Lower, _, Standing::Above) => "slower than the usual range",
            (_, Kind::Mean, Standing::Below) => "below the average",
            (_, Kind::Mean, Standing::Within) => "at the average",
            (_, Kind::Mean, Standing::Above) => "above the average",
            (_, _, Standing::Below) => "below the usual range",
            (_, _, Standing::Within) => "within the usual range",
            (_, _, Standing::Above) => "above the usual range",
        }
    }

    /// What it means for training, in plain words.
    pub fn training(&self) -> &'static str {
        training(self.norm.test, self.worse())
    }

    /// "(secondary source)", "(unverified)" or nothing.
    pub fn caveat(&self) -> &'static str {
        caveat(self.norm.secondary, self.norm.unverified)
    }
}

/// "(unverified)", "(secondary source)" or "".
pub fn caveat(secondary: bool, unverified: bool) -> &'static str {
    if unverified {
        "(unverified)"
    } else if secondary {
        "(secondary source)"
    } else {
        ""
    }
}

/// What a result means for training: for a result worse than the norm, how to keep safe
/// and that it is worth discussing; otherwise encouragement to keep it up.
pub fn training(test: Test, worse: bool) -> &'static str {
    match (test, worse) {
        (Test::ChairStand, true) => {
            "Leg strength is lower than usual for your age. Keep up the sit-to-stand and leg strengthening work, with the chair against a wall, and discuss this result with your physiotherapist."
        }
        (Test::ChairStand, false) => "Keep up the leg strengthening work to keep your legs strong.",
        (Test::TimedUpAndGo, true) => {
            "Take care when walking and turning: keep balance work at a counter or chair, and discuss this result with your physiotherapist."
        }
        (Test::TimedUpAndGo, false) => "Keep up the walking, strength and balance work.",
        (Test::FourStageBalance | Test::SingleLegStance, true) => {
            "Keep balance work at a counter or a sturdy chair, within reach of support, and discuss this result with your physiotherapist."
        }
        (Test::FourStageBalance | Test::SingleLegStance, false) => {
            "Keep up the balance work, most days, with support within reach."
        }
        (Test::TwoMinuteStep, true) => {
            "Build up walking and marching on the spot a little at a time, and discuss this result with your physiotherapist."
        }
        (Test::TwoMinuteStep, false) => "Keep up the walking and marching.",
        (Test::OcciputToWall, true) => {
            "Show this measurement to your physiotherapist or doctor, keep up the posture and back-extension work, and keep the spine long in every exercise."
        }
        (Test::OcciputToWall, false) => "Keep up the posture and back-extension work.",
        (Test::Height, true) => "Show this measurement to your physiotherapist or doctor.",
        (Test::Height, false) => "Measure again at your next assessment, the same way.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(age: Option<u32>, sex: Option<Sex>) -> Person {
        Person { age, sex, day: 0 }
    }

    fn band(test: Test, age: Option<u32>, sex: Option<Sex>) -> Option<(u32, u32)> {
        Table::bundled()
            .norm(test, &person(age, sex), 0)
            .map(|n| n.ages)
    }

    #[test]
    fn the_bundled_table_parses_and_every_row_is_sane() {
        let t = Table::bundled();
        assert_eq!(t.norms.len(), 14 + 3 + 3 + 14);
        for n in &t.norms {
            assert!(n.low <= n.high, "{n:?}");
            assert!(n.ages.0 <= n.ages.1, "{n:?}");
            assert!(!n.source.is_empty());
            if let Some(m) = n.mean {
                assert!((n.low..=n.high).contains(&m), "{n:?}");
            }
            if n.kind == Kind::Mean {
                assert_eq!(n.low, n.high);
            }
        }
        // No two rows cover the same test, sex and age.
        for (i, a) in t.norms.iter().enumerate() {
            for b in &t.norms[i + 1..] {
                let overlap = a.ages.0 <= b.ages.1 && b.ages.0 <= a.ages.1;
                let same_sex = a.sex.is_none() || b.sex.is_none() || a.sex == b.sex;
                assert!(!(a.test == b.test && same_sex && overlap), "{a:?} / {b:?}");
            }
        }
        // Never a flexion test.
        let text = NORMS.to_lowercase();
        assert!(!text.contains("test: sitandreach") && !text.contains("toetouch"));
    }

    #[test]
    fn chair_stand_bands_at_their_edges() {
        let f = Some(Sex::Female);
        assert_eq!(band(Test::ChairStand, Some(59), f), None);
        assert_eq!(band(Test::ChairStand, Some(60), f), Some((60, 64)));
        assert_eq!(band(Test::ChairStand, Some(64), f), Some((60, 64)));
        assert_eq!(band(Test::ChairStand, Some(65), f), Some((65, 69)));
        assert_eq!(band(Test::ChairStand, Some(94), f), Some((90, 94)));
        assert_eq!(band(Test::ChairStand, Some(95), f), None);
        let t = Table::bundled();
        let m = t
            .norm(Test::ChairStand, &person(Some(65), Some(Sex::Male)), 0)
            .unwrap();
        assert_eq!((m.low, m.high), (12.0, 18.0));
        assert!(m.note.as_deref().unwrap().contains("13-18"));
        let w = t.norm(Test::ChairStand, &person(Some(94), f), 0).unwrap();
        assert_eq!((w.low, w.high), (4.0, 11.0));
    }

    #[test]
    fn the_other_tests_bands_at_their_edges() {
        let m = Some(Sex::Male);
        assert_eq!(band(Test::TimedUpAndGo, Some(59), m), None);
        assert_eq!(band(Test::TimedUpAndGo, Some(60), m), Some((60, 69)));
        assert_eq!(band(Test::TimedUpAndGo, Some(69), m), Some((60, 69)));
        assert_eq!(band(Test::TimedUpAndGo, Some(70), m), Some((70, 79)));
        assert_eq!(band(Test::TimedUpAndGo, Some(99), m), Some((80, 99)));
        assert_eq!(band(Test::TimedUpAndGo, Some(100), m), None);
        assert_eq!(band(Test::SingleLegStance, Some(79), m), Some((70, 79)));
        assert_eq!(band(Test::SingleLegStance, Some(80), m), Some((80, 99)));
        assert_eq!(band(Test::TwoMinuteStep, Some(64), m), Some((60, 64)));
        assert_eq!(band(Test::TwoMinuteStep, Some(65), m), Some((65, 69)));
        assert_eq!(band(Test::TwoMinuteStep, Some(94), m), Some((90, 94)));
        assert_eq!(band(Test::TwoMinuteStep, Some(95), m), None);
        for t in [Test::FourStageBalance, Test::OcciputToWall, Test::Height] {
            assert_eq!(band(t, Some(70), m), None, "{t:?} has no age norm");
        }
    }

    #[test]
    fn missing_age_or_sex_shows_no_norm() {
        for test in Test::ALL {
            assert_eq!(band(test, None, Some(Sex::Female)), None);
            assert_eq!(band(test, Some(70), None), None, "{test:?}");
            assert_eq!(band(test, None, None), None);
        }
        let chair = Measure::ChairStand {
            stands: 3,
            arms: false,
        };
        assert!(
            Table::bundled()
                .compare(&chair, &person(Some(70), None), 0)
                .is_none()
        );
    }

    fn compare(m: Measure, age: u32, sex: Sex) -> Comparison {
        Table::bundled()
            .compare(&m, &person(Some(age), Some(sex)), 0)
            .unwrap()
    }

    #[test]
    fn below_within_above_in_plain_words() {
        let c = |stands| {
            compare(
                Measure::ChairStand {
                    stands,
                    arms: false,
                },
                72,
                Sex::Female,
            )
        };
        // Women 70-74: 10-15, both ends within.
        assert_eq!(c(9).standing, Standing::Below);
        assert_eq!(c(10).standing, Standing::Within);
        assert_eq!(c(15).standing, Standing::Within);
        assert_eq!(c(16).standing, Standing::Above);
        assert_eq!(
            c(9).words(),
            "Below the usual range for your age (women aged 70-74: 10-15 stands)."
        );
        assert!(c(9).worse() && !c(16).worse());
        assert!(c(9).training().contains("physiotherapist"));
        assert!(!c(12).training().contains("physiotherapist"));
    }

    #[test]
    fn a_slower_walk_is_above_the_range_and_worse() {
        let tug = |secs| compare(Measure::TimedUpAndGo { secs, aid: false }, 75, Sex::Male);
        let slow = tug(10.5);
        assert_eq!(slow.standing, Standing::Above);
        assert!(slow.worse());
        assert_eq!(
            slow.words(),
            "Above the usual range for your age: slower than most people your age (people aged 70-79: 8.2-10.2 s, mean 9.2 s)."
        );
        assert!(!tug(10.2).worse());
        assert!(!tug(7.0).worse(), "quicker is not worse");
        assert_eq!(slow.standing_words(), "slower than the usual range");
        assert_eq!(tug(7.0).standing_words(), "quicker than the usual range");
        assert_eq!(tug(9.0).standing_words(), "within the usual range");
    }

    #[test]
    fn a_mean_only_norm_says_average() {
        let sls = compare(
            Measure::SingleLegStance {
                left: Some(20.0),
                right: Some(12.0),
            },
            75,
            Sex::Female,
        );
        assert_eq!(sls.standing, Standing::Below);
        assert_eq!(
            sls.words(),
            "Below the average for your age (people aged 70-79: an average of 17.2 s)."
        );
        assert!(sls.training().contains("counter"));
        assert_eq!(sls.standing_words(), "below the average");
    }

    #[test]
    fn secondary_and_unverified_figures_say_so() {
        let step = compare(Measure::TwoMinuteStep { steps: 90 }, 66, Sex::Female);
        assert_eq!(step.caveat(), "(secondary source)");
        let t = Table::bundled();
        let height = t.cutoffs.iter().find(|c| c.test == Test::Height).unwrap();
        assert!(height.unverified);
        assert_eq!(caveat(true, true), "(unverified)");
    }

    #[test]
    fn cutoffs_by_age_need_age_and_sex_the_others_always_apply() {
        let t = Table::bundled();
        let rules = |age, sex| -> Vec<Rule> {
            t.cutoffs(Test::ChairStand, &person(age, sex), 0)
                .iter()
                .map(|c| c.rule)
                .collect()
        };
        assert_eq!(rules(None, None), vec![Rule::Below(8.0)]);
        assert_eq!(rules(Some(72), None), vec![Rule::Below(8.0)]);
        assert_eq!(
            rules(Some(72), Some(Sex::Female)),
            vec![Rule::Below(10.0), Rule::Below(8.0)]
        );
        assert_eq!(
            rules(Some(60), Some(Sex::Male)),
            vec![Rule::Below(14.0), Rule::Below(8.0)]
        );
        assert_eq!(rules(Some(59), Some(Sex::Male)), vec![Rule::Below(8.0)]);
        assert_eq!(rules(Some(95), Some(Sex::Female)), vec![Rule::Below(8.0)]);
        assert_eq!(
            t.cutoffs(Test::TimedUpAndGo, &person(None, None), 0)[0].rule,
            Rule::AtLeast(12.0)
        );
    }
}
