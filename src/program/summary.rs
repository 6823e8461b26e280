//! The weekly dose of a program set against the public guidance of the clinical notes:
//! resistance days a week, balance and back-extension days and minutes, and moderate impacts
//! a session, with a gentle note wherever the program falls short. Pure: a `Program` and a
//! `Catalog` in, figures and sentences out, so the handout and the home screen say the same.
//!
//! How the figures are counted:
//! - Sessions are taken in turn, `per_week` a week, so each of `n` sessions comes round
//!   `per_week / n` times a week, on a day of its own. "Days a week" of a kind adds that up
//!   over the sessions that hold any item of that kind.
//! - An item counts towards every kind its exercise has (a step-up is resistance and balance).
//! - Minutes are the estimate the checker uses (work, rests between sets, getting ready and the
//!   check-in), averaged over the sessions that have that kind of work.
//! - Impacts are foot strikes of exercises whose impact is Low, Moderate or High: every rep
//!   (times sets, times sides) of `Reps` and `Holds`, and one a second of `Time`, the pace of
//!   steady marching or stamping. "Moderate impacts" counts Moderate and High together, the
//!   figure the guidance gives (about 50 on most days).
//! - A block that picks some of its items counts the average item, scaled to the number picked.
//! - A program with nothing above Low impact is treated as a gentle one (the advice after a
//!   spine fracture is no more impact than brisk walking): its impact figure is not a
//!   shortfall, and its note says what the guidance is once a physiotherapist agrees.

use super::{Catalog, Dose, Impact, Item, Kind, Program};

/// Guidance figures (clinical notes: Too Fit To Fracture 2014/2015; ROS 2019).
pub const RESISTANCE_DAYS: (f64, f64) = (2.0, 3.0);
/// "Most days": at least four days in seven.
pub const MOST_DAYS: f64 = 4.0;
pub const BALANCE_MINUTES: (u32, u32) = (15, 20);
pub const EXTENSION_DAYS: f64 = 7.0;
pub const EXTENSION_MINUTES: (u32, u32) = (5, 10);
pub const MODERATE_IMPACTS: u32 = 50;
/// A session with at least this many moderate impacts is "about 50".
pub const MODERATE_IMPACTS_ENOUGH: u32 = 40;
/// Impacts a second of timed impact work.
pub const IMPACTS_PER_SEC: u32 = 1;

/// One session's share of the week.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionDose {
    pub name: String,
    /// How many times a week the session comes round.
    pub times_a_week: f64,
    pub minutes: u32,
    pub resistance: bool,
    pub balance_secs: u32,
    pub extension_secs: u32,
    /// Moderate and high impacts.
    pub moderate_impacts: u32,
    pub low_impacts: u32,
}

/// What a note is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    Resistance,
    Balance,
    Extension,
    Impact,
}

/// A sentence about the program against the guidance; `short` when the program falls short
/// of it (or goes past it), otherwise a remark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub topic: Topic,
    pub short: bool,
    pub text: String,
}

/// A line of the summary table: the program's figure beside the guidance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub what: &'static str,
    pub program: String,
    pub guidance: &'static str,
    pub meets: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DoseSummary {
    pub per_week: u32,
    pub sessions: Vec<SessionDose>,
    pub resistance_days: f64,
    pub balance_days: f64,
    /// Average minutes on a day with balance work.
    pub balance_minutes: u32,
    pub extension_days: f64,
    pub extension_minutes: u32,
    pub impact_days: f64,
    /// Average moderate impacts on a day with moderate impact work.
    pub moderate_impacts: u32,
    /// Nothing above Low impact anywhere in the program.
    pub gentle: bool,
    pub notes: Vec<Note>,
}

/// Sums something over the items one run of a block does: every item, or the average item
/// times the number picked.
fn per_block(items: &[Item], runs: usize, value: impl Fn(&Item) -> u32) -> u32 {
    let total: u32 = items.iter().map(value).sum();
    if runs >= items.len() || items.is_empty() {
        total
    } else {
        (total * runs as u32 + items.len() as u32 / 2) / items.len() as u32
    }
}

/// Foot strikes of one item at its starting dose.
pub fn impacts(dose: &Dose) -> u32 {
    let each = match *dose {
        Dose::Reps { reps, .. } | Dose::Holds { reps, .. } => reps,
        Dose::Time { secs, .. } => secs * IMPACTS_PER_SEC,
    };
    each * dose.sets() * dose.sides()
}

impl DoseSummary {
    pub fn new(program: &Program, catalog: &Catalog) -> DoseSummary {
        let n = program.sessions.len().max(1) as f64;
        let times_a_week = f64::from(program.per_week) / n;
        let kind_secs = |item: &Item, kind: Kind| {
            catalog
                .get(&item.exercise)
                .filter(|e| e.has_kind(kind))
                .map_or(0, |_| item.dose.estimate_secs())
        };
        let impact_count = |item: &Item, moderate: bool| {
            catalog.get(&item.exercise).map_or(0, |e| match e.impact {
                Impact::Moderate | Impact::High if moderate => impacts(&item.dose),
                Impact::Low if !moderate => impacts(&item.dose),
                _ => 0,
            })
        };
        let sessions: Vec<SessionDose> = program
            .sessions
            .iter()
            .map(|s| {
                let sum = |f: &dyn Fn(&Item) -> u32| -> u32 {
                    s.blocks
                        .iter()
                        .map(|b| per_block(&b.items, b.runs(), f))
                        .sum()
                };
                SessionDose {
                    name: s.name.clone(),
                    times_a_week,
                    minutes: s.estimate_minutes(),
                    resistance: sum(&|i| kind_secs(i, Kind::Resistance)) > 0,
                    balance_secs: sum(&|i| kind_secs(i, Kind::Balance)),
                    extension_secs: sum(&|i| kind_secs(i, Kind::Extension)),
                    moderate_impacts: sum(&|i| impact_count(i, true)),
                    low_impacts: sum(&|i| impact_count(i, false)),
                }
            })
            .collect();
        let days = |has: &dyn Fn(&SessionDose) -> bool| -> f64 {
            sessions
                .iter()
                .filter(|s| has(s))
                .map(|s| s.times_a_week)
                .sum::<f64>()
                .min(7.0)
        };
        let average = |value: &dyn Fn(&SessionDose) -> u32| -> u32 {
            let with: Vec<u32> = sessions.iter().map(value).filter(|&v| v > 0).collect();
            if with.is_empty() {
                0
            } else {
                with.iter().sum::<u32>() / with.len() as u32
            }
        };
        let gentle = program
            .sessions
            .iter()
            .flat_map(|s| &s.blocks)
            .flat_map(|b| &b.items)
            .filter_map(|i| catalog.get(&i.exercise))
            .all(|e| e.impact <= Impact::Low);
        let mut summary = DoseSummary {
            per_week: program.per_week,
            resistance_days: days(&|s| s.resistance),
            balance_days: days(&|s| s.balance_secs > 0),
            balance_minutes: (average(&|s| s.balance_secs) + 30) / 60,
            extension_days: days(&|s| s.extension_secs > 0),
            extension_minutes: (average(&|s| s.extension_secs) + 30) / 60,
            impact_days: days(&|s| s.moderate_impacts > 0),
            moderate_impacts: average(&|s| s.moderate_impacts),
            gentle,
            sessions,
            notes: Vec::new(),
        };
        summary.notes = summary.make_notes();
        summary
    }

    fn make_notes(&self) -> Vec<Note> {
        let mut notes = Vec::new();
        let mut note = |topic, short, text: String| notes.push(Note { topic, short, text });
        let (lo, hi) = RESISTANCE_DAYS;
        let r = self.resistance_days;
        if r == 0.0 {
            note(
                Topic::Resistance,
                true,
                "There is no resistance work. The guidance suggests strengthening exercises on 2-3 days a week (Too Fit To Fracture; ROS 2019); if this program is for balance or posture only, pair it with a strength program.".into(),
            );
        } else if r < lo {
            note(
                Topic::Resistance,
                true,
                format!(
                    "Resistance work comes round on about {} a week; the guidance suggests 2-3 days (Too Fit To Fracture; ROS 2019).",
                    days(r)
                ),
            );
        } else if r > hi {
            note(
                Topic::Resistance,
                true,
                format!(
                    "Resistance work comes round on about {} a week; the guidance suggests 2-3 days, leaving time to recover between strength sessions (Too Fit To Fracture).",
                    days(r)
                ),
            );
        }
        if self.balance_days == 0.0 {
            note(
                Topic::Balance,
                true,
                "There is no balance work. Balance training most days, 15-20 minutes, helps prevent the falls that break bones (Too Fit To Fracture); a daily balance routine such as \"Daily Balance and Posture\" fills the gap.".into(),
            );
        } else if let Some(text) = shortfall(
            "Balance work",
            self.balance_days,
            MOST_DAYS,
            self.balance_minutes,
            BALANCE_MINUTES.0,
            "the guidance is most days, 15-20 minutes (Too Fit To Fracture)",
            "A short daily balance routine, such as \"Daily Balance and Posture\", fills the gap.",
            "More balance exercises, or longer holds, close the gap.",
        ) {
            note(Topic::Balance, true, text);
        }
        if self.extension_days == 0.0 {
            note(
                Topic::Extension,
                true,
                "There is no back-extension work. The guidance is daily, 5-10 minutes with holds of 3-5 s (ROS 2019, after Sinaki & Mikkelsen 1984).".into(),
            );
        } else if let Some(text) = shortfall(
            "Back-extension work",
            self.extension_days,
            EXTENSION_DAYS,
            self.extension_minutes,
            EXTENSION_MINUTES.0,
            "the guidance is daily, 5-10 minutes (ROS 2019, after Sinaki & Mikkelsen 1984)",
            "A few minutes of posture work on the other days fills the gap.",
            "Another extension exercise, or a second set, closes the gap.",
        ) {
            note(Topic::Extension, true, text);
        }
        if self.gentle {
            note(
                Topic::Impact,
                false,
                "Impact stays at the level of walking or marching, as advised in the first weeks and after a spine fracture (ROS 2019). Without a fracture, about 50 moderate impacts on most days (heel drops, stamping) helps bone, once a physiotherapist agrees.".into(),
            );
        } else {
            let few = self.impact_days < MOST_DAYS;
            let light = self.moderate_impacts < MODERATE_IMPACTS_ENOUGH;
            let figure = match (light, few) {
                (true, true) => Some(format!(
                    "About {} moderate impacts a session, on about {} a week",
                    self.moderate_impacts,
                    days(self.impact_days)
                )),
                (true, false) => Some(format!(
                    "About {} moderate impacts a session",
                    self.moderate_impacts
                )),
                (false, true) => Some(format!(
                    "The moderate impacts come round on about {} a week",
                    days(self.impact_days)
                )),
                (false, false) => None,
            };
            if let Some(figure) = figure {
                note(
                    Topic::Impact,
                    true,
                    format!(
                        "{figure}; the guidance is about 50 moderate impacts on most days (ROS 2019). The impact exercises can also be done on their own on other days."
                    ),
                );
            }
        }
        notes
    }

    /// The figures beside the guidance, one row per kind of work.
    pub fn rows(&self) -> Vec<Row> {
        let (r_lo, r_hi) = RESISTANCE_DAYS;
        let kind = |d: f64, m: u32| {
            if d == 0.0 {
                "none".to_owned()
            } else {
                format!("{} a week, about {}", days(d), minutes(m))
            }
        };
        vec![
            Row {
                what: "Resistance",
                program: if self.resistance_days == 0.0 {
                    "none".into()
                } else {
                    format!("{} a week", days(self.resistance_days))
                },
                guidance: "2-3 days a week",
                meets: (r_lo..=r_hi).contains(&self.resistance_days),
            },
            Row {
                what: "Balance",
                program: kind(self.balance_days, self.balance_minutes),
                guidance: "most days, 15-20 min",
                meets: self.balance_days >= MOST_DAYS && self.balance_minutes >= BALANCE_MINUTES.0,
            },
            Row {
                what: "Back extension",
                program: kind(self.extension_days, self.extension_minutes),
                guidance: "daily, 5-10 min",
                meets: self.extension_days >= EXTENSION_DAYS
                    && self.extension_minutes >= EXTENSION_MINUTES.0,
            },
            if self.gentle {
                Row {
                    what: "Impact",
                    program: "walking level only".into(),
                    guidance: "walking level after a spine fracture",
                    meets: true,
                }
            } else {
                Row {
                    what: "Impact",
                    program: format!(
                        "about {} moderate a session, {} a week",
                        self.moderate_impacts,
                        days(self.impact_days)
                    ),
                    guidance: "about 50 moderate, most days",
                    meets: self.impact_days >= MOST_DAYS
                        && self.moderate_impacts >= MODERATE_IMPACTS_ENOUGH,
                }
            },
        ]
    }
}

/// The sentence for a kind of work that comes round on too few days, or for too few minutes.
#[allow(clippy::too_many_arguments)]
fn shortfall(
    what: &str,
    on_days: f64,
    enough_days: f64,
    on_minutes: u32,
    enough_minutes: u32,
    guidance: &str,
    fill_days: &str,
    fill_minutes: &str,
) -> Option<String> {
    let few = on_days < enough_days;
    let brief = on_minutes < enough_minutes;
    let figure = match (few, brief) {
        (true, true) => format!(
            "{what} comes round on about {} a week, for about {} on those days",
            days(on_days),
            minutes(on_minutes)
        ),
        (true, false) => format!("{what} comes round on about {} a week", days(on_days)),
        (false, true) => format!("{what} takes about {} a day", minutes(on_minutes)),
        (false, false) => return None,
    };
    let fill = if few { fill_days } else { fill_minutes };
    Some(format!("{figure}; {guidance}. {fill}"))
}

/// "1 day", "1.5 days", "3 days".
pub fn days(d: f64) -> String {
    let tenths = (d * 10.0).round() / 10.0;
    if tenths == 1.0 {
        "1 day".into()
    } else if tenths.fract() == 0.0 {
        format!("{tenths:.0} days")
    } else {
        format!("{tenths:.1} days")
    }
}

fn minutes(m: u32) -> String {
    if m == 0 {
        "under a minute".into()
    } else {
        format!("{m} min")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::Library;
    use crate::program::bundled;

    fn summary(name: &str) -> DoseSummary {
        let checked = bundled::find(name).unwrap().check();
        let p = checked.safe_program().unwrap().clone();
        DoseSummary::new(&p, &Catalog::new(Library::bundled(), &p.exercises))
    }

    #[test]
    fn strong_steady_straight_has_its_fifty_impacts() {
        let s = summary("strong-steady-straight");
        assert!(!s.gentle);
        // Heel drops 2 x 10 + stamping 2 x 8 each foot = 52, as the file's comment says.
        assert_eq!(s.sessions[0].moderate_impacts, 52);
        assert_eq!(s.resistance_days, 3.0);
        assert!(s.notes.iter().all(|n| n.topic != Topic::Resistance));
    }

    #[test]
    fn gentle_start_is_gentle_and_says_so_without_a_shortfall() {
        let s = summary("gentle-start");
        assert!(s.gentle);
        let impact = s.notes.iter().find(|n| n.topic == Topic::Impact).unwrap();
        assert!(!impact.short);
        assert!(impact.text.contains("after a spine fracture"));
    }

    #[test]
    fn the_daily_routine_covers_balance_and_extension_every_day() {
        let s = summary("daily-balance-posture");
        assert_eq!(s.balance_days, 7.0);
        assert_eq!(s.extension_days, 7.0);
        assert!(
            s.notes
                .iter()
                .all(|n| n.topic != Topic::Extension || !n.short || s.extension_minutes < 5)
        );
    }

    #[test]
    fn two_sessions_three_times_a_week_share_the_week() {
        let s = summary("home-foundations");
        assert_eq!(s.sessions.len(), 2);
        assert_eq!(s.sessions[0].times_a_week, 1.5);
        assert_eq!(days(s.balance_days), "3 days");
        let balance = s.notes.iter().find(|n| n.topic == Topic::Balance).unwrap();
        assert!(
            balance.text.contains("on about 3 days a week"),
            "{}",
            balance.text
        );
        assert!(balance.text.contains("Too Fit To Fracture"));
    }

    #[test]
    fn impacts_count_reps_sets_sides_and_seconds() {
        let stamping = Dose::Reps {
            sets: 2,
            reps: 8,
            rest: 60,
            tempo: None,
            per_side: true,
        };
        assert_eq!(impacts(&stamping), 32);
        let march = Dose::Time {
            secs: 60,
            sets: 2,
            rest: 0,
            per_side: false,
        };
        assert_eq!(impacts(&march), 120);
    }

    #[test]
    fn a_picking_block_counts_its_average_item() {
        let item = |secs| Item {
            exercise: "x".into(),
            dose: Dose::Time {
                secs,
                sets: 1,
                rest: 0,
                per_side: false,
            },
            progress: vec![],
        };
        let items = [item(10), item(20), item(30), item(40)];
        let secs = |i: &Item| match i.dose {
            Dose::Time { secs, .. } => secs,
            _ => 0,
        };
        assert_eq!(per_block(&items, 2, secs), 50);
        assert_eq!(per_block(&items, 4, secs), 100);
    }

    #[test]
    fn days_read_naturally() {
        assert_eq!(days(1.0), "1 day");
        assert_eq!(days(1.5), "1.5 days");
        assert_eq!(days(3.0), "3 days");
        assert_eq!(days(2.333), "2.3 days");
    }
}
