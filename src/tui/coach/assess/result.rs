//! The assessment's result and summary pages: a test's result against the figures for the
//! person's age in plain words (or, for a test with no range by age, against its cut-off),
//! what it means for training, the flags it raised, what to do after a test stopped for
//! safety; and at the end what was done, the flags standing and when to assess again.

use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use super::state::Assessing;
use crate::assess::flags::{self, Assessed, Reassess};
use crate::assess::norms::{NOT_A_DIAGNOSIS, Rule, Table};
use crate::assess::{Measure, Person, Stopped, Test, one_decimal};
use crate::common::calendar::day_label;
use crate::tui::coach::shared::Shared;
use crate::tui::theme::Theme;

pub(super) fn bold(text: impl Into<String>, theme: &Theme) -> Line<'static> {
    Line::styled(text.into(), theme.accent.add_modifier(Modifier::BOLD))
}

pub(super) fn bullet(text: &str, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled("  • ", theme.accent),
        Span::raw(text.to_owned()),
    ])
}

/// A test with no range by age, in words: what it is set against instead ("Its mark: under
/// 10 s (CDC STEADI 4-Stage Balance Test form).").
fn no_range(test: Test, person: &Person, today: i64, table: &Table) -> String {
    let unit = test.unit();
    let marks: Vec<String> = table
        .cutoffs(test, person, today)
        .iter()
        .map(|c| {
            let x = |v: f64| one_decimal(v);
            let rule = match c.rule {
                Rule::Below(v) => format!("under {} {unit}", x(v)),
                Rule::AtLeast(v) => format!("{} {unit} or more", x(v)),
                Rule::Above(v) => format!("over {} {unit}", x(v)),
                Rule::RiseOf(v) => format!("a rise of {} {unit} since the last time", x(v)),
                Rule::LossOf(v) => format!("a loss of {} {unit} within a year", x(v)),
            };
            format!("{rule} ({})", c.source)
        })
        .collect();
    let what = match test {
        Test::FourStageBalance => "the tandem stance (heel to toe) held for 10 seconds",
        Test::Height => "change from one measurement to the next",
        _ => "its cut-off",
    };
    if marks.is_empty() {
        format!("There is no range by age for this test: what matters is {what}.")
    } else {
        format!(
            "There is no range by age for this test: what matters is {what}. It is flagged at {}.",
            marks.join("; or ")
        )
    }
}

/// The height measured before this one, in words.
fn height_before(m: &Measure, results: &[Assessed]) -> Option<String> {
    if m.test() != Test::Height {
        return None;
    }
    let before = results
        .iter()
        .rev()
        .filter(|r| r.measure.test() == Test::Height)
        .nth(1)?;
    let s = before.measure.score()?;
    Some(format!(
        "Last time: {} on {}.",
        Test::Height.format(s),
        day_label(before.day)
    ))
}

/// What to do after a test stopped for safety.
fn after_stop(why: Stopped) -> &'static str {
    match why {
        Stopped::Pain => {
            "Sit down and rest. If the pain is sharp, severe or does not settle, do not exercise today and tell your physiotherapist or doctor. Sudden, severe back pain is a red flag: press ! for the list."
        }
        Stopped::Dizziness => {
            "Sit down and rest until it passes. If you fainted, or it does not pass when you sit, or it comes with chest pain or breathlessness, press ! for the red flags."
        }
        Stopped::Fall => {
            "Do not get up quickly: your helper can help you up when you are ready, or call for help if you cannot get up. A fall can break a bone even when it does not hurt much: tick it on the red-flag list (!), which says what to do."
        }
        Stopped::Other => {
            "What was done is kept, marked as stopped early; it is not set against the figures for your age."
        }
    }
}

pub(super) fn result(
    measure: Option<&Measure>,
    stopped: Option<Stopped>,
    a: &Assessing,
    shared: &Shared,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let test = a.test();
    if let (Some(m), Some(test)) = (measure, test) {
        lines.push(bold(format!("{}: {}", test.name(), m.describe()), theme));
    }
    if let Some(why) = stopped {
        lines.push(Line::styled(
            format!(
                "The test {}.",
                why.label()
                    .replace("stopped: ", "stopped for ")
                    .replace("stopped for a fall", "stopped after a fall")
            ),
            theme.warn,
        ));
        lines.push(Line::raw(after_stop(why)));
        if why != Stopped::Other {
            lines.push(Line::raw(""));
            lines.push(Line::styled("No more tests today. Your physiotherapist will want to know: it is in your journal and your report.", theme.text));
            lines.push(Line::styled(
                crate::training::safety::NOT_A_DIAGNOSIS,
                theme.dim,
            ));
        }
    } else if let Some(m) = measure {
        let assessments = shared.assessments();
        let person = assessments.person();
        let today = shared.today();
        let table = Table::bundled();
        lines.push(Line::raw(""));
        match table.compare(m, &person, today) {
            Some(c) => {
                let caveat = c.caveat();
                lines.push(Line::raw(format!(
                    "{}{}",
                    c.words(),
                    if caveat.is_empty() {
                        String::new()
                    } else {
                        format!(" {caveat}")
                    }
                )));
                lines.push(Line::styled(
                    format!("Source: {}.", c.norm.source),
                    theme.dim,
                ));
                lines.push(Line::raw(""));
                lines.push(Line::from(vec![
                    Span::styled(
                        "For your training: ",
                        theme.accent.add_modifier(Modifier::BOLD),
                    ),
                    Span::raw(c.training()),
                ]));
            }
            None if !table.norms.iter().any(|n| n.test == m.test()) => {
                lines.push(Line::raw(no_range(m.test(), &person, today, table)));
                if let Some(line) = height_before(m, &assessments.results) {
                    lines.push(Line::raw(line));
                }
            }
            None if person.age.is_none() || person.sex.is_none() => lines.push(Line::styled(
                "Not compared with published figures: your age and sex were not given.",
                theme.dim,
            )),
            None => lines.push(Line::styled(
                "There are no published figures for your age to compare this with.",
                theme.dim,
            )),
        }
        let results: Vec<_> = assessments
            .results
            .iter()
            .filter(|r| r.measure.test() == m.test())
            .cloned()
            .collect();
        let raised = flags::flags(&results, &person, table);
        if !raised.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                "⚑ Flagged, on the home screen until you do this test again:",
                theme.warn.add_modifier(Modifier::BOLD),
            ));
            for f in &raised {
                lines.push(bullet(&f.why, theme));
            }
            let said = table.compare(m, &person, today).map(|c| c.training());
            for advice in raised.iter().map(|f| f.advice) {
                if said != Some(advice) {
                    lines.push(Line::raw(advice));
                    break;
                }
            }
        }
        if table.compare(m, &person, today).is_some() || !raised.is_empty() {
            lines.push(Line::styled(NOT_A_DIAGNOSIS, theme.dim));
        }
    } else {
        lines.push(Line::raw("Nothing was measured."));
    }
    lines.push(Line::raw(""));
    lines.push(saved_line(a, shared, theme));
    lines
}

fn saved_line(a: &Assessing, shared: &Shared, theme: &Theme) -> Line<'static> {
    if shared.run_unsaved(a.run) > 0 {
        Line::styled(
            "Some of this could NOT be saved to your journal (see the banner above).",
            theme.warn,
        )
    } else {
        Line::styled("Saved in your journal.", theme.dim)
    }
}

pub(super) fn summary(a: &Assessing, shared: &Shared, theme: &Theme) -> Vec<Line<'static>> {
    let assessments = shared.assessments();
    let person = assessments.person();
    let today = shared.today();
    let table = Table::bundled();
    let mut lines = Vec::new();
    if a.done.is_empty() {
        lines.push(Line::raw("No test was done today."));
    } else {
        lines.push(bold("Done today", theme));
    }
    for (m, stopped) in &a.done {
        let how = match stopped {
            Some(s) => format!(" ({})", s.label()),
            None => table
                .compare(m, &person, today)
                .map_or_else(String::new, |c| {
                    format!(": {} for your age", c.standing_words())
                }),
        };
        lines.push(bullet(
            &format!("{}: {}{how}", m.test().name(), m.describe()),
            theme,
        ));
    }
    if !a.skipped.is_empty() || (a.ended.is_some() && !a.queue.is_empty()) {
        let names: Vec<&str> = a
            .skipped
            .iter()
            .chain(a.queue.iter())
            .map(|t| t.name())
            .collect();
        lines.push(Line::styled(
            format!("Not done: {}.", names.join(", ")),
            theme.dim,
        ));
    }
    if let Some(why) = a.ended {
        lines.push(Line::styled(
            format!(
                "Today's assessment ended early ({}).",
                why.label().trim_start_matches("stopped: ")
            ),
            theme.warn,
        ));
    }
    let standing = assessments.flags();
    if !standing.is_empty() {
        lines.push(Line::raw(""));
        lines.push(bold(
            "Flags (on the home screen until the test is done again)",
            theme,
        ));
        for f in &standing {
            lines.push(Line::from(vec![
                Span::styled("  ⚑ ", theme.warn),
                Span::styled(format!("{}: {}", f.test.name(), f.why), theme.warn),
            ]));
        }
        lines.push(Line::raw("Discuss these with your physiotherapist, and keep balance work within reach of support."));
    }
    lines.push(Line::raw(""));
    lines.push(Line::raw(match assessments.reassess(today) {
        Reassess::NotYet { due } => format!(
            "Next assessment: suggested between {} and {} (8 to 12 weeks from now), to see how you are changing.",
            day_label(due),
            day_label(due + (flags::REASSESS_WEEKS.1 - flags::REASSESS_WEEKS.0) * 7)
        ),
        Reassess::Never => "When you are ready, an assessment measures how strong and steady you are.".into(),
        Reassess::Due { .. } | Reassess::Overdue { .. } => "Your next assessment is due.".into(),
    }));
    lines.push(saved_line(a, shared, theme));
    lines.push(Line::styled(NOT_A_DIAGNOSIS, theme.dim));
    lines
}
