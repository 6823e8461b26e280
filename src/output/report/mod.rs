//! The clinician's report: a `Report` (the figures of a date range, from `records::report`)
//! laid out as one document of sections, each with its charts and tables, then written as
//! one self-contained printable HTML page (`html`) or as Markdown (`markdown`). Every chart
//! has a table beside it with the same figures, so nothing is only in a picture.

pub mod charts;
mod document;
mod html;
mod markdown;

pub use html::html;
pub use markdown::markdown;

pub use document::{Block, Document, Section, Table, long_date};

use document::{capital, plural};

use crate::assess::flags::Reassess;
use crate::assess::norms::NOT_A_DIAGNOSIS;
use crate::records::journal::NextDay;
use crate::records::report::Report;
use crate::records::review::{REVIEW_DAYS, reasons};
use crate::training::safety::DISCLAIMER;

mod sections;

/// The report of `r` for the person called `who` (a profile name, or a file), written on day
/// `today`.
pub fn document(r: &Report, who: &str, today: i64) -> Document {
    let weeks = r.weeks.len();
    let mut sections = vec![glance(r)];
    sections.push(sections::adherence(r));
    sections.push(sections::dose(r));
    sections.push(sections::exercises(r));
    sections.push(sections::pain(r));
    sections.push(sections::assessments(r));
    Document {
        title: format!("Exercise report: {who}"),
        period: format!(
            "{} to {} ({} week{})",
            long_date(r.since),
            long_date(r.until),
            weeks,
            if weeks == 1 { "" } else { "s" }
        ),
        generated: format!("Made by upright on {} from the person's journal.", long_date(today)),
        sections,
        footer: vec![
            DISCLAIMER.to_owned(),
            NOT_A_DIAGNOSIS.to_owned(),
            "Weeks run Monday to Sunday, in the time zone of the computer that wrote this report. Sessions are the person's own; group classes are counted apart.".to_owned(),
        ],
    }
}

/// The first section: the figures a clinician reads first, and what needs attention.
fn glance(r: &Report) -> Section {
    let done = r.sessions.iter().filter(|s| s.sets > 0).count() as u32;
    let mut rows = vec![vec![
        "Sessions done".into(),
        format!(
            "{}{}",
            done,
            if r.classes > 0 {
                format!(
                    " (and {} group class{})",
                    r.classes,
                    if r.classes == 1 { "" } else { "es" }
                )
            } else {
                String::new()
            }
        ),
    ]];
    for (i, p) in r.programs.iter().enumerate() {
        let value = match r.adherence_total(i) {
            Some((_, 0)) => "not followed in this period".to_owned(),
            Some((d, planned)) => format!(
                "{d} of {planned} planned sessions ({}%), {} a week planned",
                d * 100 / planned,
                p.per_week.unwrap_or(0)
            ),
            None => "plan not known (the program file is not here)".to_owned(),
        };
        rows.push(vec![format!("Adherence: {}", p.title), value]);
    }
    rows.push(vec![
        "Last session".into(),
        r.last_session.map_or("none recorded".into(), long_date),
    ]);
    let sharp = r.sharp_pain().len() as u32;
    rows.push(vec!["Sharp pain".into(), plural(sharp, "time", "times")]);
    let open = r
        .open_red_flag
        .map(|d| format!(", one not cleared (since {})", long_date(d)));
    rows.push(vec![
        "Red flags".into(),
        format!("{}{}", r.red_flags.len(), open.unwrap_or_default()),
    ]);
    let worse = r
        .follow_ups
        .iter()
        .filter(|f| f.answer == NextDay::Worse)
        .count() as u32;
    rows.push(vec![
        "Day after: worse".into(),
        format!("{} of {} answers", worse, r.follow_ups.len()),
    ]);
    let skipped = r.skipped.len() as u32;
    rows.push(vec![
        "Exercises skipped".into(),
        plural(skipped, "time", "times"),
    ]);
    rows.push(vec![
        "Assessment flags standing".into(),
        r.assessments.flags().len().to_string(),
    ]);
    rows.push(vec![
        "Next assessment".into(),
        reassess_words(r.assessments.reassess(r.until)),
    ]);
    let covers = r.since <= r.until - REVIEW_DAYS + 1;
    let attention: Vec<String> = reasons(r, r.until, covers.then(|| adherence_window(r)))
        .into_iter()
        .map(|x| format!("{}: {}", capital(x.concern.label()), x.detail))
        .collect();
    let mut blocks = vec![Block::Table(Table {
        caption: "The period in figures".into(),
        head: vec!["".into(), "".into()],
        rows,
    })];
    blocks.push(Block::Heading("Needs attention".into()));
    if attention.is_empty() {
        blocks.push(Block::Para("Nothing in this period needs attention by upright's rules (red flags, sharp pain, assessments below their norm, two weeks without a session, falling adherence, an overdue reassessment).".into()));
    } else {
        blocks.push(Block::List(attention));
    }
    Section {
        id: "glance",
        title: "At a glance".into(),
        blocks,
    }
}

/// Sessions in the last four weeks of the report, the four before, and planned in four
/// weeks (the review's adherence rule).
fn adherence_window(r: &Report) -> (u32, u32, Option<u32>) {
    let t = r.until;
    let recent = r.sessions_between(t - 27, t);
    let before = r.sessions_between(t - 55, t - 28);
    let plans: Vec<Option<u32>> = r
        .programs
        .iter()
        .filter(|p| p.last_day > t - 28)
        .map(|p| p.per_week)
        .collect();
    let planned = (!plans.is_empty() && plans.iter().all(Option::is_some))
        .then(|| plans.iter().flatten().sum::<u32>() * 4);
    (recent, before, planned)
}

fn reassess_words(state: Reassess) -> String {
    match state {
        Reassess::Never => "no assessment recorded yet: one is suggested".into(),
        Reassess::NotYet { due } => format!("suggested from {}", long_date(due)),
        Reassess::Due { since } => format!("due (since {})", long_date(since)),
        Reassess::Overdue { since } => format!("overdue (since {})", long_date(since)),
    }
}

#[cfg(test)]
#[path = "report_tests.rs"]
mod tests;
