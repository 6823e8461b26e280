//! One test being done: a small state machine the assessment screens drive. The chair stand
//! and the step test count a key press per stand or knee raise for 30 s or 2 min; the timed up
//! and go is a stopwatch; the 4-stage balance test holds each stage for 10 s and stops at the
//! first stage lost; single-leg stance times each leg up to 30 s. Any result can instead be
//! entered afterwards (the helper's measurements only can). Pure: every call is given `now`,
//! so tests run a whole test in microseconds with a fake clock.

use std::time::{Duration, Instant};

use super::{
    BALANCE_STAGE_SECS, CHAIR_STAND_SECS, Measure, SINGLE_LEG_CAP_SECS, STEP_TEST_SECS, Stopped,
    Test,
};

/// Where a test is.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    /// The set-up is shown; `start` begins (for the balance test, its next stage; for the
    /// single-leg stance, its next leg).
    Ready,
    /// Counting key presses until `ends`.
    Counting { ends: Instant, count: u32 },
    /// The stopwatch runs from `started`.
    Stopwatch { started: Instant },
    /// A balance stage or a leg is held from `started` until `ends` (the full time), unless
    /// the position is lost first.
    Holding { started: Instant, ends: Instant },
    /// Finished, with its result.
    Done,
}

/// Which leg the single-leg stance is timing.
const LEGS: [&str; 2] = ["left", "right"];

#[derive(Debug, Clone, PartialEq)]
pub struct Trial {
    test: Test,
    phase: Phase,
    /// Seconds held per balance stage, or per leg, so far.
    held: Vec<f64>,
    result: Option<Measure>,
    stopped: Option<Stopped>,
}

fn secs(d: Duration) -> f64 {
    (d.as_secs_f64() * 10.0).round() / 10.0
}

impl Trial {
    pub fn new(test: Test) -> Trial {
        Trial {
            test,
            phase: Phase::Ready,
            held: Vec::new(),
            result: None,
            stopped: None,
        }
    }

    pub fn test(&self) -> Test {
        self.test
    }

    pub fn phase(&self) -> &Phase {
        &self.phase
    }

    /// The result, once done: what was measured and whether it was stopped early.
    pub fn result(&self) -> Option<(&Measure, Option<Stopped>)> {
        self.result.as_ref().map(|m| (m, self.stopped))
    }

    /// Seconds held so far, per balance stage or leg.
    pub fn held(&self) -> &[f64] {
        &self.held
    }

    /// The balance stage (0-3) or the leg (0 left, 1 right) up next or being held.
    pub fn step(&self) -> usize {
        self.held.len()
    }

    /// "Left leg", "Stage 2 of 4: semi-tandem"; `None` for tests of one step.
    pub fn step_label(&self) -> Option<String> {
        match self.test {
            Test::FourStageBalance => Some(format!(
                "Stage {} of 4: {}",
                self.step() + 1,
                super::BALANCE_STAGES
                    .get(self.step())
                    .copied()
                    .unwrap_or("")
            )),
            Test::SingleLegStance => LEGS
                .get(self.step())
                .map(|l| format!("Standing on the {l} leg")),
            _ => None,
        }
    }

    /// When something happens without a key: the count ends, a stage is held, the cap of a
    /// single-leg stance is reached.
    pub fn deadline(&self) -> Option<Instant> {
        match self.phase {
            Phase::Counting { ends, .. } | Phase::Holding { ends, .. } => Some(ends),
            _ => None,
        }
    }

    /// Seconds on the clock: left of a count, run on the stopwatch, held so far.
    pub fn clock(&self, now: Instant) -> f64 {
        match self.phase {
            Phase::Counting { ends, .. } => secs(ends.saturating_duration_since(now)),
            Phase::Stopwatch { started } | Phase::Holding { started, .. } => {
                secs(now.saturating_duration_since(started))
            }
            _ => 0.0,
        }
    }

    /// Starts the timing (the test's first go, or the next balance stage or leg). The helper's
    /// measurements are entered, not timed.
    pub fn start(&mut self, now: Instant) {
        if self.phase != Phase::Ready || self.test.needs_helper() {
            return;
        }
        self.phase = match self.test {
            Test::ChairStand => Phase::Counting {
                ends: now + Duration::from_secs(CHAIR_STAND_SECS),
                count: 0,
            },
            Test::TwoMinuteStep => Phase::Counting {
                ends: now + Duration::from_secs(STEP_TEST_SECS),
                count: 0,
            },
            Test::TimedUpAndGo => Phase::Stopwatch { started: now },
            Test::FourStageBalance => Phase::Holding {
                started: now,
                ends: now + Duration::from_secs_f64(BALANCE_STAGE_SECS),
            },
            Test::SingleLegStance => Phase::Holding {
                started: now,
                ends: now + Duration::from_secs_f64(SINGLE_LEG_CAP_SECS),
            },
            Test::OcciputToWall | Test::Height => Phase::Ready,
        };
    }

    /// The test's key: a stand or knee raise counted; the stopwatch stopped; the position lost.
    pub fn key(&mut self, now: Instant) {
        self.tick(now);
        match &mut self.phase {
            Phase::Counting { count, .. } => *count += 1,
            Phase::Stopwatch { started } => {
                let t = secs(now.saturating_duration_since(*started));
                self.finish(Measure::TimedUpAndGo {
                    secs: t,
                    aid: false,
                });
            }
            Phase::Holding { started, .. } => {
                let t = secs(now.saturating_duration_since(*started));
                self.held.push(t);
                self.after_hold(t);
            }
            Phase::Ready | Phase::Done => {}
        }
    }

    /// Takes back the last counted stand or knee raise (a key pressed twice).
    pub fn uncount(&mut self) {
        if let Phase::Counting { count, .. } = &mut self.phase {
            *count = count.saturating_sub(1);
        }
    }

    /// Moves time on to `now`: a count that has run out ends, a stage held for its full time
    /// passes, a leg held to the cap is done.
    pub fn tick(&mut self, now: Instant) {
        match self.phase {
            Phase::Counting { ends, count } if now >= ends => {
                self.finish(match self.test {
                    Test::TwoMinuteStep => Measure::TwoMinuteStep { steps: count },
                    _ => Measure::ChairStand {
                        stands: count,
                        arms: false,
                    },
                });
            }
            Phase::Holding { started, ends } if now >= ends => {
                let t = secs(ends.saturating_duration_since(started));
                self.held.push(t);
                self.after_hold(t);
            }
            _ => {}
        }
    }

    /// After a stage or leg: the next one, or the result.
    fn after_hold(&mut self, held: f64) {
        match self.test {
            Test::FourStageBalance => {
                if held < BALANCE_STAGE_SECS || self.held.len() == 4 {
                    self.finish(Measure::FourStageBalance {
                        held: self.held.clone(),
                    });
                } else {
                    self.phase = Phase::Ready;
                }
            }
            _ => {
                if self.held.len() == 2 {
                    self.finish(self.legs());
                } else {
                    self.phase = Phase::Ready;
                }
            }
        }
    }

    fn legs(&self) -> Measure {
        Measure::SingleLegStance {
            left: self.held.first().copied(),
            right: self.held.get(1).copied(),
        }
    }

    /// The person needed their arms to stand: the chair stand scores 0, and ends.
    pub fn arms_used(&mut self) {
        if self.test == Test::ChairStand && self.phase != Phase::Done {
            self.finish(Measure::ChairStand {
                stands: 0,
                arms: true,
            });
        }
    }

    /// Stopped early for `why`: what was done so far is kept, marked as stopped (it is not
    /// set against a norm).
    pub fn stop(&mut self, why: Stopped, now: Instant) {
        if self.phase == Phase::Done {
            return;
        }
        let partial = match (&self.phase, self.test) {
            (Phase::Counting { count, .. }, Test::TwoMinuteStep) => {
                Measure::TwoMinuteStep { steps: *count }
            }
            (Phase::Counting { count, .. }, _) => Measure::ChairStand {
                stands: *count,
                arms: false,
            },
            (Phase::Stopwatch { started }, _) => Measure::TimedUpAndGo {
                secs: secs(now.saturating_duration_since(*started)),
                aid: false,
            },
            (Phase::Holding { started, .. }, Test::SingleLegStance) => {
                self.held
                    .push(secs(now.saturating_duration_since(*started)));
                self.legs()
            }
            (Phase::Holding { started, .. }, _) => {
                self.held
                    .push(secs(now.saturating_duration_since(*started)));
                Measure::FourStageBalance {
                    held: self.held.clone(),
                }
            }
            (_, Test::FourStageBalance) => Measure::FourStageBalance {
                held: self.held.clone(),
            },
            (_, Test::SingleLegStance) => self.legs(),
            _ => {
                // Nothing measured yet: stopped before it began.
                self.stopped = Some(why);
                self.phase = Phase::Done;
                return;
            }
        };
        self.stopped = Some(why);
        self.finish(partial);
    }

    /// A result entered instead of timed: the count, the seconds (for the single-leg stance,
    /// of the leg up next), the centimetres. Refused with the reason when out of range.
    pub fn enter(&mut self, value: f64) -> Result<(), String> {
        let (lo, hi) = entry_range(self.test).ok_or_else(|| {
            "the balance test is timed stage by stage; it cannot be entered".to_owned()
        })?;
        if !value.is_finite() || value < lo || value > hi {
            return Err(format!(
                "enter a number from {} to {} {}",
                super::one_decimal(lo),
                super::one_decimal(hi),
                self.test.unit()
            ));
        }
        if self.phase == Phase::Done {
            return Err("this test is already done".into());
        }
        let tenth = (value * 10.0).round() / 10.0;
        match self.test {
            Test::ChairStand => self.finish(Measure::ChairStand {
                stands: value.round() as u32,
                arms: false,
            }),
            Test::TwoMinuteStep => self.finish(Measure::TwoMinuteStep {
                steps: value.round() as u32,
            }),
            Test::TimedUpAndGo => self.finish(Measure::TimedUpAndGo {
                secs: tenth,
                aid: false,
            }),
            Test::SingleLegStance => {
                self.held.push(tenth);
                self.after_hold(tenth);
            }
            Test::OcciputToWall => self.finish(Measure::OcciputToWall { cm: tenth }),
            Test::Height => self.finish(Measure::Height { cm: tenth }),
            Test::FourStageBalance => {}
        }
        Ok(())
    }

    /// With a walking aid (the timed up and go allows the usual one).
    pub fn set_aid(&mut self, aid: bool) {
        if let Some(Measure::TimedUpAndGo { aid: a, .. }) = &mut self.result {
            *a = aid;
        }
    }

    fn finish(&mut self, m: Measure) {
        self.result = Some(m);
        self.phase = Phase::Done;
    }
}

/// What may be entered for a test: (lowest, highest).
pub fn entry_range(test: Test) -> Option<(f64, f64)> {
    match test {
        Test::ChairStand => Some((0.0, 60.0)),
        Test::TimedUpAndGo => Some((1.0, 300.0)),
        Test::SingleLegStance => Some((0.0, SINGLE_LEG_CAP_SECS)),
        Test::TwoMinuteStep => Some((0.0, 300.0)),
        Test::OcciputToWall => Some((0.0, 30.0)),
        Test::Height => Some((50.0, 250.0)),
        Test::FourStageBalance => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(t0: Instant, s: f64) -> Instant {
        t0 + Duration::from_secs_f64(s)
    }

    #[test]
    fn the_chair_stand_counts_keys_for_thirty_seconds() {
        let t0 = Instant::now();
        let mut t = Trial::new(Test::ChairStand);
        t.key(t0);
        assert_eq!(t.phase(), &Phase::Ready, "no count before the start");
        t.start(t0);
        assert_eq!(t.deadline(), Some(at(t0, 30.0)));
        for i in 1..=12 {
            t.key(at(t0, 2.0 * f64::from(i)));
        }
        t.key(at(t0, 25.0));
        t.uncount();
        assert_eq!(t.clock(at(t0, 26.0)), 4.0);
        t.tick(at(t0, 29.9));
        assert!(t.result().is_none());
        t.tick(at(t0, 30.0));
        assert_eq!(
            t.result(),
            Some((
                &Measure::ChairStand {
                    stands: 12,
                    arms: false
                },
                None
            ))
        );
        // A key after the bell does not count.
        t.key(at(t0, 31.0));
        assert_eq!(t.result().unwrap().0.score(), Some(12.0));
    }

    #[test]
    fn needing_the_arms_scores_zero() {
        let t0 = Instant::now();
        let mut t = Trial::new(Test::ChairStand);
        t.start(t0);
        t.key(at(t0, 2.0));
        t.arms_used();
        assert_eq!(t.result().unwrap().0.score(), Some(0.0));
    }

    #[test]
    fn timed_up_and_go_is_a_stopwatch_with_tenths() {
        let t0 = Instant::now();
        let mut t = Trial::new(Test::TimedUpAndGo);
        t.start(t0);
        assert_eq!(t.deadline(), None);
        assert_eq!(t.clock(at(t0, 5.04)), 5.0);
        t.key(at(t0, 9.44));
        t.set_aid(true);
        assert_eq!(
            t.result().unwrap().0,
            &Measure::TimedUpAndGo {
                secs: 9.4,
                aid: true
            }
        );
    }

    #[test]
    fn the_balance_test_holds_ten_seconds_a_stage_and_stops_at_the_first_lost() {
        let t0 = Instant::now();
        let mut t = Trial::new(Test::FourStageBalance);
        assert_eq!(t.step_label().unwrap(), "Stage 1 of 4: Feet side by side");
        t.start(t0);
        t.tick(at(t0, 10.0));
        assert_eq!(t.phase(), &Phase::Ready, "stage 1 held: ready for stage 2");
        assert_eq!(t.step(), 1);
        t.start(at(t0, 20.0));
        t.tick(at(t0, 30.0));
        t.start(at(t0, 40.0));
        t.key(at(t0, 46.5)); // tandem lost after 6.5 s
        let (m, stopped) = t.result().unwrap();
        assert_eq!(
            m,
            &Measure::FourStageBalance {
                held: vec![10.0, 10.0, 6.5]
            }
        );
        assert_eq!(stopped, None);
        assert_eq!(m.score(), Some(6.5));
        // All four held.
        let mut t = Trial::new(Test::FourStageBalance);
        for stage in 0..4 {
            t.start(at(t0, 20.0 * f64::from(stage)));
            t.tick(at(t0, 20.0 * f64::from(stage) + 10.0));
        }
        assert_eq!(
            t.result().unwrap().0,
            &Measure::FourStageBalance {
                held: vec![10.0; 4]
            }
        );
        assert!(Trial::new(Test::FourStageBalance).enter(5.0).is_err());
    }

    #[test]
    fn single_leg_stance_times_each_leg_up_to_thirty_seconds() {
        let t0 = Instant::now();
        let mut t = Trial::new(Test::SingleLegStance);
        assert_eq!(t.step_label().unwrap(), "Standing on the left leg");
        t.start(t0);
        t.key(at(t0, 4.2));
        assert_eq!(t.step_label().unwrap(), "Standing on the right leg");
        t.start(at(t0, 10.0));
        t.tick(at(t0, 45.0));
        assert_eq!(
            t.result().unwrap().0,
            &Measure::SingleLegStance {
                left: Some(4.2),
                right: Some(30.0)
            }
        );
        // Or entered, leg by leg.
        let mut t = Trial::new(Test::SingleLegStance);
        t.enter(12.0).unwrap();
        assert!(t.result().is_none());
        assert!(t.enter(31.0).is_err());
        t.enter(8.0).unwrap();
        assert_eq!(t.result().unwrap().0.score(), Some(8.0));
    }

    #[test]
    fn the_step_test_counts_for_two_minutes_and_a_stop_keeps_what_was_done() {
        let t0 = Instant::now();
        let mut t = Trial::new(Test::TwoMinuteStep);
        t.start(t0);
        assert_eq!(t.deadline(), Some(at(t0, 120.0)));
        for i in 0..40 {
            t.key(at(t0, f64::from(i)));
        }
        t.stop(Stopped::Dizziness, at(t0, 50.0));
        assert_eq!(
            t.result(),
            Some((
                &Measure::TwoMinuteStep { steps: 40 },
                Some(Stopped::Dizziness)
            ))
        );
    }

    #[test]
    fn helpers_enter_measurements_within_sense() {
        let mut t = Trial::new(Test::OcciputToWall);
        t.start(Instant::now());
        assert_eq!(t.phase(), &Phase::Ready, "measured, not timed");
        assert!(t.enter(-1.0).unwrap_err().contains("from 0 to 30 cm"));
        assert!(t.enter(f64::NAN).is_err());
        t.enter(4.46).unwrap();
        assert_eq!(t.result().unwrap().0, &Measure::OcciputToWall { cm: 4.5 });
        assert!(t.enter(5.0).is_err(), "done once");
        let mut h = Trial::new(Test::Height);
        assert!(h.enter(30.0).is_err());
        h.enter(161.0).unwrap();
        let mut c = Trial::new(Test::ChairStand);
        c.enter(11.0).unwrap();
        assert_eq!(c.result().unwrap().0.score(), Some(11.0));
    }

    #[test]
    fn stopping_before_the_start_records_no_result() {
        let mut t = Trial::new(Test::TimedUpAndGo);
        t.stop(Stopped::Pain, Instant::now());
        assert_eq!(t.phase(), &Phase::Done);
        assert!(t.result().is_none());
    }
}
