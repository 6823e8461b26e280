//! Rules about impact (clinical notes, after ROS 2019): an exercise may not declare less impact
//! than its name implies ("Tuck jumps" are not `impact: None`); a Beginner program stays at
//! moderate impact or below and a program marked `after_fracture` at the impact of brisk
//! walking (Low), at the start of every item and at every rung its `Harder` steps climb to;
//! and an `easier` variant, which the coach offers to a person in pain, is never of higher
//! impact than its exercise nor one of its harder rungs. High impact elsewhere, and moderate
//! impact in a beginner program, are warnings.

use super::Checker;
use crate::program::diagnostic::Code;
use crate::program::locate::Path;
use crate::program::{Exercise, Impact, Item, Level, Program, Step};

/// The most impact a program allows: after a spine fracture, no more than brisk walking
/// (ROS 2019); a beginner, not yet assessed for jumping, no more than moderate.
fn allowed(p: &Program) -> (Impact, &'static str) {
    if p.after_fracture {
        (Impact::Low, "a program marked `after_fracture`")
    } else if p.level == Level::Beginner {
        (Impact::Moderate, "a beginner program")
    } else {
        (Impact::High, "this program")
    }
}

fn word(i: Impact) -> &'static str {
    match i {
        Impact::None => "no",
        Impact::Low => "low",
        Impact::Moderate => "moderate",
        Impact::High => "high",
    }
}

impl Checker<'_> {
    /// An exercise's impact: as declared, or what its name implies if that is more.
    fn impact_of(&self, e: &Exercise) -> Impact {
        self.implied(e).map_or(e.impact, |(i, _)| i.max(e.impact))
    }

    fn implied(&self, e: &Exercise) -> Option<(Impact, String)> {
        self.library.implied_impact(e)
    }

    /// A local exercise's declared impact, and its easier variant.
    pub(super) fn declared_impact(&mut self, path: &Path, e: &Exercise) {
        if let Some((implied, phrase)) = self.implied(e).filter(|(i, _)| *i > e.impact) {
            self.add(
                Code::ImpactUnderstated,
                path.field("impact"),
                format!(
                    "\"{}\" says \"{phrase}\", which is {} impact, but is marked `impact: {}`",
                    e.name,
                    word(implied),
                    e.impact.label()
                ),
                Some(format!(
                    "mark it `impact: {}` so the impact rules apply, or rename it if it really has no such impact",
                    implied.label()
                )),
            );
        }
        let Some(x) = e.easier.as_deref().and_then(|id| self.catalog.get(id)) else {
            return;
        };
        let (mine, theirs) = (self.impact_of(e), self.impact_of(x));
        let why = if theirs > mine {
            Some(format!(
                "is {} impact, more than \"{}\" ({} impact)",
                word(theirs),
                e.name,
                word(mine)
            ))
        } else if self.harder_rungs(e).any(|h| h.id == x.id) {
            Some(format!("is a harder rung of \"{}\" itself", e.name))
        } else {
            None
        };
        if let Some(why) = why {
            self.add(
                Code::EasierNotEasier,
                path.field("easier"),
                format!(
                    "the easier variant \"{}\" {why}; the coach offers it to a person in pain",
                    x.name
                ),
                Some(
                    "name an exercise that is gentler in load and impact, or leave `easier` out"
                        .into(),
                ),
            );
        }
    }

    /// The exercises above `e` on its `harder` ladder.
    fn harder_rungs<'e>(&self, e: &'e Exercise) -> impl Iterator<Item = &'e Exercise> + use<'e, '_>
    where
        Self: 'e,
    {
        let catalog = self.catalog;
        let mut seen = 0;
        std::iter::successors(Some(e), move |cur| {
            seen += 1;
            (seen < 64)
                .then(|| cur.harder.as_deref().and_then(|h| catalog.get(h)))
                .flatten()
        })
        .skip(1)
    }

    /// The impact an item starts at and can climb to, against what the program allows.
    pub(super) fn item_impact(&mut self, path: &Path, item: &Item, e: &Exercise, p: &Program) {
        let (most, program) = allowed(p);
        let mut rungs: Vec<(Path, &Exercise)> = vec![(path.field("exercise"), e)];
        let mut current = e;
        for (i, step) in item.progress.iter().enumerate() {
            if *step == Step::Harder
                && let Some(h) = current.harder.as_deref().and_then(|h| self.catalog.get(h))
            {
                rungs.push((path.field("progress").index(i), h));
                current = h;
            }
        }
        for (n, (at, x)) in rungs.into_iter().enumerate() {
            let impact = self.impact_of(x);
            if impact <= most {
                continue;
            }
            let how = if n == 0 {
                format!("\"{}\" is {} impact", x.name, word(impact))
            } else {
                format!(
                    "this `Harder` step climbs from \"{}\" to \"{}\", which is {} impact",
                    e.name,
                    x.name,
                    word(impact)
                )
            };
            let help = if p.after_fracture {
                "after a spine fracture, nothing beyond the impact of brisk walking: use marching or walking, and end the ladder before it climbs higher"
            } else {
                "keep a beginner program at moderate impact or below: end the ladder before this rung, or mark the program Intermediate once the person has been assessed for it"
            };
            self.add(
                Code::ImpactLevel,
                at,
                format!("{how}, more than {program} allows ({} at most)", word(most)),
                Some(help.into()),
            );
            return;
        }
        let impact = self.impact_of(e);
        if impact == Impact::High {
            self.add(
                Code::HighImpact,
                path.field("exercise"),
                format!("\"{}\" is high impact", e.name),
                Some("high impact suits only people assessed as able; most people with osteoporosis of the spine should stay at moderate impact or below".into()),
            );
        } else if impact == Impact::Moderate && p.level == Level::Beginner {
            self.add(
                Code::ModerateImpactBeginner,
                path.field("exercise"),
                format!("\"{}\" is moderate impact in a beginner program", e.name),
                Some(
                    "start with low-impact work such as marching, or mark the program Intermediate"
                        .into(),
                ),
            );
        }
    }
}
