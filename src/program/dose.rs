//! What a dose means in numbers: the allowed ranges, the shape of a set, and how long an item
//! takes. The session plan and the checker's time estimate both use these, so they agree.

use std::ops::RangeInclusive;

use super::Dose;

pub const SETS: RangeInclusive<u32> = 1..=10;
pub const REPS: RangeInclusive<u32> = 1..=50;
pub const REST: RangeInclusive<u32> = 0..=600;
pub const TEMPO: RangeInclusive<u32> = 1..=20;
pub const HOLD: RangeInclusive<u32> = 1..=120;
pub const SECS: RangeInclusive<u32> = 1..=3600;
pub const PER_WEEK: RangeInclusive<u32> = 1..=7;
pub const ADVANCE_AFTER: RangeInclusive<u32> = 1..=12;

/// Seconds of "get ready" before an exercise starts (its first cue is shown).
pub const GET_READY_SECS: u32 = 10;
/// Seconds of "switch sides" between the left and the right of a per-side set.
pub const SWITCH_SIDE_SECS: u32 = 5;
/// Seconds a rep takes when the dose has no tempo (the person sets the pace).
pub const UNPACED_REP_SECS: u32 = 3;
/// Seconds to relax between two holds.
pub const HOLD_RELAX_SECS: u32 = 2;
/// Seconds the estimate allows for answering a check-in.
pub const CHECK_IN_SECS: u32 = 15;

impl Dose {
    pub fn sets(&self) -> u32 {
        match *self {
            Dose::Reps { sets, .. } | Dose::Holds { sets, .. } | Dose::Time { sets, .. } => sets,
        }
    }

    pub fn rest(&self) -> u32 {
        match *self {
            Dose::Reps { rest, .. } | Dose::Holds { rest, .. } | Dose::Time { rest, .. } => rest,
        }
    }

    pub fn per_side(&self) -> bool {
        match *self {
            Dose::Reps { per_side, .. }
            | Dose::Holds { per_side, .. }
            | Dose::Time { per_side, .. } => per_side,
        }
    }

    pub fn sides(&self) -> u32 {
        if self.per_side() { 2 } else { 1 }
    }

    pub fn reps(&self) -> Option<u32> {
        match *self {
            Dose::Reps { reps, .. } | Dose::Holds { reps, .. } => Some(reps),
            Dose::Time { .. } => None,
        }
    }

    /// Seconds of one set on one side: exact for timed work, an estimate for unpaced reps.
    pub fn work_secs(&self) -> u32 {
        match *self {
            Dose::Reps { reps, tempo, .. } => reps * tempo.unwrap_or(UNPACED_REP_SECS),
            Dose::Holds { reps, hold, .. } => reps * (hold + HOLD_RELAX_SECS),
            Dose::Time { secs, .. } => secs,
        }
    }

    /// Estimated seconds for the whole item: get ready, every set and side, the rests between
    /// sets, and the check-in after the last set.
    pub fn estimate_secs(&self) -> u32 {
        let sets = self.sets();
        let sides = self.sides();
        GET_READY_SECS
            + sets * sides * self.work_secs()
            + sets * (sides - 1) * SWITCH_SIDE_SECS
            + sets.saturating_sub(1) * self.rest()
            + CHECK_IN_SECS
    }

    /// The dose in words, for previews, tables and handouts: "2 x 8 reps, 4 s a rep, rest 1 min".
    pub fn describe(&self) -> String {
        let mut out = match *self {
            Dose::Reps {
                sets, reps, tempo, ..
            } => {
                let mut s = format!("{} x {reps} reps", sets);
                if self.per_side() {
                    // Before the tempo, so it never reads "4 s each each side".
                    s.push_str(" each side");
                }
                if let Some(t) = tempo {
                    s.push_str(&format!(", {t} s a rep"));
                }
                s
            }
            Dose::Holds {
                sets, reps, hold, ..
            } => format!("{sets} x {reps} holds of {hold} s"),
            Dose::Time { secs, sets, .. } if sets > 1 => format!("{sets} x {}", duration(secs)),
            Dose::Time { secs, .. } => duration(secs),
        };
        if self.per_side() && !matches!(self, Dose::Reps { .. }) {
            out.push_str(" each side");
        }
        if self.sets() > 1 && self.rest() > 0 {
            out.push_str(&format!(", rest {}", duration(self.rest())));
        }
        out
    }
}

/// "45 s", "2 min", "1 min 30 s".
pub fn duration(secs: u32) -> String {
    match (secs / 60, secs % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimate_counts_sets_sides_rests_and_allowances() {
        let d = Dose::Reps {
            sets: 2,
            reps: 8,
            rest: 60,
            tempo: Some(4),
            per_side: true,
        };
        // 10 ready + 2 sets x 2 sides x 32 s + 2 switches x 5 + 1 rest x 60 + 15 check-in
        assert_eq!(d.estimate_secs(), 10 + 128 + 10 + 60 + 15);
    }

    #[test]
    fn holds_include_relaxing_between_holds() {
        let d = Dose::Holds {
            sets: 1,
            reps: 5,
            hold: 5,
            rest: 0,
            per_side: false,
        };
        assert_eq!(d.work_secs(), 35);
    }

    #[test]
    fn describe_reads_like_a_handout() {
        let d = Dose::Reps {
            sets: 2,
            reps: 8,
            rest: 60,
            tempo: Some(4),
            per_side: false,
        };
        assert_eq!(d.describe(), "2 x 8 reps, 4 s a rep, rest 1 min");
        let t = Dose::Time {
            secs: 90,
            sets: 1,
            rest: 0,
            per_side: true,
        };
        assert_eq!(t.describe(), "1 min 30 s each side");
        let sides = Dose::Reps {
            sets: 2,
            reps: 8,
            rest: 30,
            tempo: Some(3),
            per_side: true,
        };
        assert_eq!(
            sides.describe(),
            "2 x 8 reps each side, 3 s a rep, rest 30 s"
        );
    }
}
