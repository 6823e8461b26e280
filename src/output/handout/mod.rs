//! The patient handout: a program as the person takes it home. `Handout::new` gathers
//! everything from the program, the exercise catalog and the dose summary (the weekly plan,
//! each session's exercises with dose, cues and cautions, how exercise should feel and the red
//! flags, and each exercise's figure); `text`, `markdown` and `html` lay it out. Text from the program is kept raw here;
//! each layout makes it safe for its medium (terminal, Markdown, HTML).

pub(crate) mod html;
pub(crate) mod markdown;
mod text;

pub use html::html;
pub use markdown::markdown;
pub use text::text;

use crate::program::figure::{Figure, figure_for};
use crate::program::summary::DoseSummary;
use crate::program::{Catalog, Dose, Program, Step};

/// The days suggested for `per_week` sessions: spread out, weekends last.
pub fn days_for(per_week: u32) -> &'static [&'static str] {
    match per_week {
        0 | 1 => &["Mon"],
        2 => &["Mon", "Thu"],
        3 => &["Mon", "Wed", "Fri"],
        4 => &["Mon", "Tue", "Thu", "Fri"],
        5 => &["Mon", "Tue", "Wed", "Thu", "Fri"],
        6 => &["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
        _ => &["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    }
}

/// Everything the handout shows.
#[derive(Debug, Clone)]
pub struct Handout {
    pub title: String,
    pub summary: Option<String>,
    pub author: Option<String>,
    pub level: &'static str,
    pub per_week: u32,
    pub advance_after: u32,
    /// Week by week until the rotation of sessions repeats (at most two weeks): day and
    /// session name.
    pub weeks: Vec<Vec<(&'static str, String)>>,
    pub dose: DoseSummary,
    pub sessions: Vec<SessionSheet>,
}

#[derive(Debug, Clone)]
pub struct SessionSheet {
    pub name: String,
    pub minutes: u32,
    pub blocks: Vec<BlockSheet>,
}

#[derive(Debug, Clone)]
pub struct BlockSheet {
    pub name: String,
    /// "Do 2 of these 4; ..." for a block that picks.
    pub pick: Option<String>,
    pub items: Vec<ItemSheet>,
}

#[derive(Debug, Clone)]
pub struct ItemSheet {
    pub name: String,
    pub dose: String,
    pub equipment: Vec<String>,
    pub cues: Vec<String>,
    pub caution: Option<String>,
    /// The easier variant's name, offered when something hurts.
    pub easier: Option<String>,
    /// How the dose grows, in words.
    pub progress: Option<String>,
    /// How it looks: drawn from its start and where it moves to, where the format has
    /// pictures.
    pub figure: Option<Figure>,
}

/// The captions of a figure's first two poses in a handout.
pub const FIGURE_CAPTIONS: [&str; 2] = ["Start", "Move to"];

impl Handout {
    pub fn new(program: &Program, catalog: &Catalog) -> Handout {
        let names: Vec<String> = program.sessions.iter().map(|s| s.name.clone()).collect();
        let days = days_for(program.per_week);
        let n = names.len().max(1);
        // Sessions are taken in turn; the pattern of days repeats once the turn comes back to
        // the first session on a Monday.
        let weeks_to_repeat = n / gcd(n, days.len());
        let weeks = (0..weeks_to_repeat.min(2))
            .map(|w| {
                days.iter()
                    .enumerate()
                    .map(|(d, day)| {
                        let turn = (w * days.len() + d) % n;
                        (*day, names.get(turn).cloned().unwrap_or_default())
                    })
                    .collect()
            })
            .collect();
        let sessions = program
            .sessions
            .iter()
            .map(|s| SessionSheet {
                name: s.name.clone(),
                minutes: s.estimate_minutes(),
                blocks: s
                    .blocks
                    .iter()
                    .map(|b| BlockSheet {
                        name: b.name.clone(),
                        pick: b.pick.filter(|&p| (p as usize) < b.items.len()).map(|p| {
                            format!(
                                "do {p} of these {}; the coach chooses different ones each time",
                                b.items.len()
                            )
                        }),
                        items: b.items.iter().map(|i| item_sheet(i, catalog)).collect(),
                    })
                    .collect(),
            })
            .collect();
        Handout {
            title: program.title.clone(),
            summary: program.summary.clone(),
            author: program.author.clone(),
            level: program.level.label(),
            per_week: program.per_week,
            advance_after: program.advance_after,
            weeks,
            dose: DoseSummary::new(program, catalog),
            sessions,
        }
    }

    /// "Beginner, 3 sessions a week, by A. Physio".
    pub fn byline(&self) -> String {
        let mut s = format!(
            "{}, {} session{} a week",
            self.level,
            self.per_week,
            if self.per_week == 1 { "" } else { "s" }
        );
        if let Some(a) = &self.author {
            s.push_str(&format!(", by {a}"));
        }
        s
    }

    /// How the week works, in one paragraph.
    pub fn week_advice(&self) -> String {
        let turn = if self.sessions.len() > 1 {
            let names: Vec<&str> = self.sessions.iter().map(|s| s.name.as_str()).collect();
            format!(
                " Take the sessions in turn ({}, then {} again), whichever day you do them.",
                names.join(", "),
                names[0]
            )
        } else {
            String::new()
        };
        let rest = if self.per_week <= 3 {
            " Leave a day between sessions if you can."
        } else {
            ""
        };
        format!(
            "{} session{} a week, for example on the days below.{rest}{turn}",
            self.per_week,
            if self.per_week == 1 { "" } else { "s" },
        )
    }

    /// How the program moves on, in one paragraph.
    pub fn progress_advice(&self) -> String {
        format!(
            "Each exercise moves up one step after {} good session{} at its level: all sets done, and nothing worse than a mild muscle ache. The coach keeps count for you.",
            self.advance_after,
            if self.advance_after == 1 { "" } else { "s" }
        )
    }
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a.max(1) } else { gcd(b, a % b) }
}

fn item_sheet(item: &crate::program::Item, catalog: &Catalog) -> ItemSheet {
    let exercise = catalog.get(&item.exercise);
    let name_of = |id: &str| {
        catalog
            .get(id)
            .map_or_else(|| id.to_owned(), |e| e.name.clone())
    };
    ItemSheet {
        name: exercise.map_or_else(|| item.exercise.clone(), |e| e.name.clone()),
        dose: item.dose.describe(),
        equipment: exercise.map_or_else(Vec::new, |e| e.equipment.clone()),
        cues: exercise.map_or_else(Vec::new, |e| e.cues.clone()),
        caution: exercise.and_then(|e| e.caution.clone()),
        easier: exercise.and_then(|e| e.easier.as_deref()).map(name_of),
        progress: progress_words(item, catalog),
        figure: exercise.and_then(|e| figure_for(e, catalog)).cloned(),
    }
}

/// "add 1 rep at a time up to 12, then add a set up to 3, then move on to Sit to stand".
pub fn progress_words(item: &crate::program::Item, catalog: &Catalog) -> Option<String> {
    if item.progress.is_empty() {
        return None;
    }
    let mut current = catalog.get(&item.exercise);
    let steps: Vec<String> = item
        .progress
        .iter()
        .map(|step| match *step {
            Step::AddReps { step, up_to } => format!(
                "add {step} rep{} at a time up to {up_to}",
                if step == 1 { "" } else { "s" }
            ),
            Step::AddTime { step, up_to } => match item.dose {
                Dose::Holds { .. } => format!("hold {step} s longer at a time, up to {up_to} s"),
                _ => format!(
                    "add {} at a time, up to {}",
                    crate::program::dose::duration(step),
                    crate::program::dose::duration(up_to)
                ),
            },
            Step::AddSets { up_to } => format!("add a set, up to {up_to}"),
            Step::Harder => {
                current = current
                    .and_then(|e| e.harder.as_deref())
                    .and_then(|h| catalog.get(h));
                match current {
                    Some(e) => format!("move on to {}", e.name),
                    None => "move on to the harder version".into(),
                }
            }
        })
        .collect();
    Some(steps.join(", then "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::Library;
    use crate::program::bundled;

    fn handout(name: &str) -> Handout {
        let checked = bundled::find(name).unwrap().check();
        let p = checked.safe_program().unwrap();
        Handout::new(p, &Catalog::new(Library::bundled(), &p.exercises))
    }

    #[test]
    fn two_sessions_three_times_a_week_alternate_over_two_weeks() {
        let h = handout("home-foundations");
        let week = |w: usize| -> Vec<String> {
            h.weeks[w].iter().map(|(d, s)| format!("{d} {s}")).collect()
        };
        assert_eq!(week(0), ["Mon A", "Wed B", "Fri A"]);
        assert_eq!(week(1), ["Mon B", "Wed A", "Fri B"]);
    }

    #[test]
    fn one_session_repeats_every_week() {
        let h = handout("daily-balance-posture");
        assert_eq!(h.weeks.len(), 1);
        assert_eq!(h.weeks[0].len(), 7);
    }

    #[test]
    fn progress_reads_as_steps_and_names_the_harder_exercise() {
        let h = handout("home-foundations");
        let sit = &h.sessions[0].blocks[1].items[0];
        assert_eq!(
            sit.progress.as_deref(),
            Some(
                "add 1 rep at a time up to 12, then add a set, up to 3, then move on to Sit to stand"
            )
        );
        let pick = h.sessions[0].blocks[0].pick.as_deref().unwrap();
        assert!(pick.starts_with("do 2 of these 4"));
    }
}
