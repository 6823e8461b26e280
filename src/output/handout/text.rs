//! The handout as plain text for a terminal or a printer: wrapped, every program text made
//! terminal-safe with `clean_line`.

use std::fmt::Write as _;

use super::Handout;
use crate::common::text::{clean_line, wrap};
use crate::training::safety;

fn heading(out: &mut String, title: &str, underline: char) {
    let title = clean_line(title);
    let _ = writeln!(
        out,
        "{title}\n{}\n",
        underline.to_string().repeat(title.chars().count())
    );
}

/// A wrapped paragraph and the blank line after it.
fn para(out: &mut String, text: &str, width: usize) {
    out.push_str(&wrap(&clean_line(text), width, ""));
    out.push('\n');
}

/// The handout as text wrapped at `width` columns.
pub fn text(h: &Handout, width: usize) -> String {
    let mut out = String::new();
    heading(&mut out, &clean_line(&h.title).to_uppercase(), '=');
    if let Some(s) = &h.summary {
        out.push_str(&wrap(&clean_line(s), width, ""));
    }
    para(&mut out, &h.byline(), width);

    heading(&mut out, "Before you start", '-');
    para(&mut out, safety::BEFORE_YOU_START, width);
    para(&mut out, safety::DISCLAIMER, width);

    heading(&mut out, "Your week", '-');
    para(&mut out, &h.week_advice(), width);
    for (w, days) in h.weeks.iter().enumerate() {
        let list: Vec<String> = days
            .iter()
            .map(|(d, s)| format!("{d} {}", clean_line(s)))
            .collect();
        let label = if h.weeks.len() > 1 {
            format!("Week {}: ", w + 1)
        } else {
            "Every week: ".into()
        };
        out.push_str(&hang(&format!("{label}{}", list.join(", ")), width, "  "));
    }
    out.push('\n');
    para(&mut out, &h.progress_advice(), width);

    heading(&mut out, "Your weekly dose and the guidance", '-');
    let rows = h.dose.rows();
    let w0 = rows.iter().map(|r| r.what.len()).max().unwrap_or(0);
    let w1 = rows
        .iter()
        .map(|r| r.program.chars().count())
        .max()
        .unwrap_or(0)
        .max("this program".len());
    let _ = writeln!(out, "  {:<w0$}  {:<w1$}  guidance", "", "this program");
    for r in &rows {
        let _ = writeln!(
            out,
            "  {:<w0$}  {:<w1$}  {}",
            r.what,
            clean_line(&r.program),
            r.guidance
        );
    }
    out.push('\n');
    for note in &h.dose.notes {
        out.push_str(&hang(&format!("* {}", note.text), width, ""));
    }
    if !h.dose.notes.is_empty() {
        out.push('\n');
    }

    heading(&mut out, "How should it feel?", '-');
    for band in &safety::CHECK_IN {
        out.push_str(&hang(
            &format!(
                "- {}: {}. {}",
                band.feels,
                band.means.to_lowercase(),
                band.action
            ),
            width,
            "",
        ));
    }
    out.push('\n');
    para(&mut out, safety::SORENESS_AFTER, width);
    para(&mut out, safety::EFFORT, width);

    heading(&mut out, "Stop and get help", '-');
    for flag in &safety::RED_FLAGS {
        out.push_str(&hang(&format!("! {}", flag.handout_line()), width, ""));
    }
    out.push('\n');
    para(&mut out, safety::AFTER_A_RED_FLAG, width);

    for s in &h.sessions {
        out.push('\n');
        heading(
            &mut out,
            &format!("Session {} (about {} minutes)", s.name, s.minutes),
            '=',
        );
        for b in &s.blocks {
            let pick = b
                .pick
                .as_deref()
                .map_or(String::new(), |p| format!(": {p}"));
            out.push_str(&wrap(&format!("{}{pick}", clean_line(&b.name)), width, ""));
            for (i, item) in b.items.iter().enumerate() {
                out.push_str(&hang(
                    &format!("{}. {}: {}", i + 1, clean_line(&item.name), item.dose),
                    width,
                    "  ",
                ));
                let more = "     ";
                for cue in &item.cues {
                    out.push_str(&hang(&format!("- {}", clean_line(cue)), width, more));
                }
                if !item.equipment.is_empty() {
                    let list: Vec<String> = item
                        .equipment
                        .iter()
                        .map(|e| clean_line(e).into_owned())
                        .collect();
                    out.push_str(&hang(
                        &format!("You need: {}", list.join(", ")),
                        width,
                        more,
                    ));
                }
                if let Some(c) = &item.caution {
                    out.push_str(&hang(&format!("Caution: {}", clean_line(c)), width, more));
                }
                if let Some(e) = &item.easier {
                    out.push_str(&hang(
                        &format!("If it is too much: {}", clean_line(e)),
                        width,
                        more,
                    ));
                }
                if let Some(p) = &item.progress {
                    out.push_str(&hang(
                        &format!("As it gets easier: {}", clean_line(p)),
                        width,
                        more,
                    ));
                }
            }
            out.push('\n');
        }
    }
    out.push_str(&wrap(safety::DISCLAIMER, width, ""));
    out
}

/// Wrapped with `indent` on the first line and two more spaces on the lines after it, so a
/// list entry's continuation lines sit under its text.
fn hang(text: &str, width: usize, indent: &str) -> String {
    let first = wrap(text, width, indent);
    let mut lines = first.lines();
    let Some(head) = lines.next() else {
        return first;
    };
    let rest: Vec<&str> = lines.collect();
    if rest.is_empty() {
        return first;
    }
    let deeper = format!("{indent}  ");
    let tail = wrap(
        &rest.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" "),
        width,
        &deeper,
    );
    format!("{head}\n{tail}")
}
