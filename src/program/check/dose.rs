//! Rules about how much: every dose inside its range, and, against the clinical guidance
//! (clinical notes: Too Fit To Fracture 2014/2015; Royal Osteoporosis Society 2019; Sinaki &
//! Mikkelsen 1984), resistance sets, reps, rests and days a week, end-range extension holds,
//! and the length of a session. The ranges catch typing slips; the guidance limits below are
//! set well outside what the guidance recommends, so only a dose far outside it is an error.

use super::Checker;
use crate::program::diagnostic::Code;
use crate::program::dose;
use crate::program::locate::Path;
use crate::program::summary::{DoseSummary, RESISTANCE_DAYS};
use crate::program::{Dose, Exercise, Item, Kind, Program, Spine, Step};

/// Resistance: 1-3 sets, working up to 3 (Too Fit To Fracture; ROS 2019). More than 5 is far
/// outside it: even the supervised LIFTMOR program (Watson 2018) used 5 x 5.
pub const MAX_RESISTANCE_SETS: u32 = 5;
/// Resistance: 8-12 reps at a load that could be lifted only 8-12 times (Too Fit To Fracture;
/// ROS 2019). Over 20, the load is far too light to strengthen bone.
pub const MAX_RESISTANCE_REPS: u32 = 20;
/// Between sets of resistance work, at least this rest (seconds): with none, the sets run into
/// one long set far outside 8-12 reps.
pub const MIN_RESISTANCE_REST: u32 = 30;
/// Resistance on 2-3 days a week (Too Fit To Fracture; ROS 2019); more than 4 leaves no day
/// between for muscle and bone to recover.
pub const MAX_RESISTANCE_DAYS: f64 = 4.0;
/// Back-extensor holds of 3-5 s (ROS 2019, after Sinaki & Mikkelsen 1984). A hold at the end of
/// the range (`spine: Extension`) over 10 s is a sustained end-range hold.
pub const MAX_EXTENSION_HOLD: u32 = 10;
/// Extension work 5-10 minutes a day (ROS 2019); one item of more than 20 minutes of it is far
/// outside the guidance.
pub const MAX_EXTENSION_MINUTES: u32 = 20;
/// A session over 60 minutes gets a warning (`super::LONG_SESSION_MINUTES`); over 120 it is
/// not a plausible home session: the guidance doses each kind in minutes a day (balance 15-20,
/// extension 5-10: Too Fit To Fracture), so two hours is far beyond all of it together.
pub const MAX_SESSION_MINUTES: u32 = 120;

impl Checker<'_> {
    pub(super) fn dose_range(
        &mut self,
        path: Path,
        field: &str,
        value: u32,
        range: std::ops::RangeInclusive<u32>,
    ) {
        if !range.contains(&value) {
            let unit = match field {
                "rest" | "tempo" | "hold" | "secs" => " seconds",
                _ => "",
            };
            self.add(
                Code::DoseRange,
                path,
                format!(
                    "`{field}: {value}` is outside the safe range of {} to {}{unit}",
                    range.start(),
                    range.end()
                ),
                Some(format!(
                    "use a `{field}` from {} to {}",
                    range.start(),
                    range.end()
                )),
            );
        }
    }

    pub(super) fn dose(&mut self, path: &Path, d: &Dose) {
        match *d {
            Dose::Reps {
                sets,
                reps,
                rest,
                tempo,
                ..
            } => {
                self.dose_range(path.field("sets"), "sets", sets, dose::SETS);
                self.dose_range(path.field("reps"), "reps", reps, dose::REPS);
                self.dose_range(path.field("rest"), "rest", rest, dose::REST);
                if let Some(t) = tempo {
                    self.dose_range(path.field("tempo"), "tempo", t, dose::TEMPO);
                }
            }
            Dose::Holds {
                sets,
                reps,
                hold,
                rest,
                ..
            } => {
                self.dose_range(path.field("sets"), "sets", sets, dose::SETS);
                self.dose_range(path.field("reps"), "reps", reps, dose::REPS);
                self.dose_range(path.field("hold"), "hold", hold, dose::HOLD);
                self.dose_range(path.field("rest"), "rest", rest, dose::REST);
            }
            Dose::Time {
                secs, sets, rest, ..
            } => {
                self.dose_range(path.field("secs"), "secs", secs, dose::SECS);
                self.dose_range(path.field("sets"), "sets", sets, dose::SETS);
                self.dose_range(path.field("rest"), "rest", rest, dose::REST);
            }
        }
    }

    /// The dose of an item against the guidance for its exercise's kind, at its start and at
    /// every cap its progress can reach, along its ladder: each `Harder` step switches to the
    /// next exercise and restarts from the item's first dose, and the steps after it grow
    /// that exercise's dose.
    pub(super) fn guidance(&mut self, path: &Path, item: &Item, e: &Exercise) {
        let mut x = e;
        let mut from = 0;
        loop {
            let to = item.progress[from..]
                .iter()
                .position(|s| *s == Step::Harder)
                .map_or(item.progress.len(), |p| from + p);
            self.rung_guidance(path, item, x, from..to);
            match x.harder.as_deref().and_then(|h| self.catalog.get(h)) {
                Some(h) if to < item.progress.len() => x = h,
                _ => break,
            }
            from = to + 1;
        }
    }

    /// The guidance for one rung of an item's ladder: exercise `e`, from the item's first
    /// dose, grown by the steps in `steps` (indices into its progress).
    fn rung_guidance(
        &mut self,
        path: &Path,
        item: &Item,
        e: &Exercise,
        steps: std::ops::Range<usize>,
    ) {
        let d = item.dose;
        let progress = || {
            item.progress[steps.clone()]
                .iter()
                .enumerate()
                .map(|(i, s)| (steps.start + i, *s))
        };
        if e.has_kind(Kind::Resistance) {
            let reps = d.reps().unwrap_or(0);
            let mut top_sets = d.sets();
            let mut top_reps = reps;
            for (i, step) in progress() {
                let sp = path.field("progress").index(i).field("up_to");
                match step {
                    Step::AddSets { up_to } if up_to > MAX_RESISTANCE_SETS && up_to > top_sets => {
                        self.resistance(
                            sp,
                            format!("this step grows \"{}\" to {up_to} sets", e.name),
                        );
                        top_sets = up_to;
                    }
                    Step::AddReps { up_to, .. }
                        if up_to > MAX_RESISTANCE_REPS && up_to > top_reps =>
                    {
                        self.resistance(
                            sp,
                            format!("this step grows \"{}\" to {up_to} reps a set", e.name),
                        );
                        top_reps = up_to;
                    }
                    _ => {}
                }
            }
            // Timed resistance work is still counted in sets, with rests between them.
            if d.sets() > MAX_RESISTANCE_SETS {
                self.resistance(
                    path.field("dose").field("sets"),
                    format!("\"{}\" is resistance work in {} sets", e.name, d.sets()),
                );
            }
            if reps > MAX_RESISTANCE_REPS {
                self.resistance(
                    path.field("dose").field("reps"),
                    format!("\"{}\" is resistance work at {reps} reps a set", e.name),
                );
            }
            if d.sets() > 1 && d.rest() < MIN_RESISTANCE_REST {
                self.add_once(
                    Code::ResistanceDose,
                    path.field("dose").field("rest"),
                    format!(
                        "\"{}\" is resistance work in {} sets with {} s of rest between them: the sets run together into one long set",
                        e.name,
                        d.sets(),
                        d.rest()
                    ),
                    Some(format!("rest at least {MIN_RESISTANCE_REST} s between sets (60-90 s is usual), or do one set")),
                );
            }
        }
        if e.spine == Spine::Extension {
            let hold = match d {
                Dose::Holds { hold, .. } => Some((hold, "hold")),
                Dose::Time { secs, .. } => Some((secs, "secs")),
                Dose::Reps { .. } => None,
            };
            let top = progress()
                .filter_map(|(i, s)| match s {
                    Step::AddTime { up_to, .. } => Some((i, up_to)),
                    _ => None,
                })
                .max_by_key(|&(_, up_to)| up_to);
            if let Some((secs, field)) = hold.filter(|&(s, _)| s > MAX_EXTENSION_HOLD) {
                self.sustained(path.field("dose").field(field), e, secs);
            } else if let Some((i, up_to)) = top.filter(|&(_, u)| u > MAX_EXTENSION_HOLD) {
                self.sustained(path.field("progress").index(i).field("up_to"), e, up_to);
            }
        }
        if e.has_kind(Kind::Extension) && d.estimate_secs() > MAX_EXTENSION_MINUTES * 60 {
            self.add_once(
                Code::SustainedHold,
                path.field("dose"),
                format!(
                    "\"{}\" is back-extension work for about {} minutes in one go; the guidance is 5-10 minutes a day",
                    e.name,
                    d.estimate_secs().div_ceil(60)
                ),
                Some(format!("keep extension work under {MAX_EXTENSION_MINUTES} minutes an item: fewer holds or shorter ones")),
            );
        }
    }

    /// A finding, unless the same rule already found something at the same place (an item's
    /// first dose is met again on every rung of its ladder).
    fn add_once(&mut self, code: Code, at: Path, message: String, help: Option<String>) {
        if !self.found.iter().any(|f| f.code == code && f.path == at) {
            self.add(code, at, message, help);
        }
    }

    fn resistance(&mut self, at: Path, what: String) {
        self.add_once(
            Code::ResistanceDose,
            at,
            format!("{what}, far outside the guidance of 8-12 reps in 1-3 sets"),
            Some(format!(
                "use at most {MAX_RESISTANCE_SETS} sets of at most {MAX_RESISTANCE_REPS} reps; make it harder with a heavier load or the `harder` variant instead"
            )),
        );
    }

    fn sustained(&mut self, at: Path, e: &Exercise, secs: u32) {
        self.add_once(
            Code::SustainedHold,
            at,
            format!(
                "\"{}\" takes the back to the end of its extension and holds it for {secs} s; the guidance is holds of 3-5 s",
                e.name
            ),
            Some(format!("hold for 3-5 s (at most {MAX_EXTENSION_HOLD}), and repeat the hold instead")),
        );
    }

    /// A session's length and the week's resistance days.
    pub(super) fn plausible(&mut self, p: &Program) {
        for (i, s) in p.sessions.iter().enumerate() {
            let minutes = s.estimate_minutes();
            let at = Path::root().field("sessions").index(i).field("name");
            if minutes > MAX_SESSION_MINUTES {
                self.add(
                    Code::SessionTooLong,
                    at,
                    format!("session \"{}\" is estimated at {minutes} minutes, far longer than a home session can be", s.name),
                    Some(format!("keep a session under {MAX_SESSION_MINUTES} minutes (an hour or less is usual): split it, or shorten the doses")),
                );
            } else if minutes > super::LONG_SESSION_MINUTES {
                self.add(
                    Code::LongSession,
                    at,
                    format!("session \"{}\" is estimated at {minutes} minutes", s.name),
                    Some("over an hour is a lot for one session: consider splitting it".into()),
                );
            }
        }
        let days = DoseSummary::new(p, &self.catalog).resistance_days;
        if days > MAX_RESISTANCE_DAYS {
            self.add(
                Code::ResistanceFrequency,
                Path::root().field("per_week"),
                format!(
                    "resistance work comes round on about {} a week; the guidance is {:.0}-{:.0} days, with a day between",
                    crate::program::summary::days(days),
                    RESISTANCE_DAYS.0,
                    RESISTANCE_DAYS.1
                ),
                Some(format!("plan resistance on at most {MAX_RESISTANCE_DAYS} days a week: fewer sessions, or resistance in only some of them")),
            );
        }
    }
}
