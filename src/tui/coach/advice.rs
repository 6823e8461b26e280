//! The screens that end a session: advice to read when it stopped for safety (a red flag, a
//! fracture not yet assessed, a red flag not yet cleared), and the summary of a run. Enter
//! goes home (or out, with no home to go back to).

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Line;

use crate::common::text::clean_line;
use crate::records::journal::Outcome;
use crate::training::Engine;
use crate::tui::keys::{Binding, bind, ch};
use crate::tui::theme::Theme;
use crate::tui::widgets::centered_text;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice {
    pub title: String,
    pub lines: Vec<String>,
}

/// Enter leaves: home, or out when `direct` (there is no home).
pub fn keys(direct: bool) -> Vec<Binding<()>> {
    vec![bind(
        "Enter",
        if direct { "quit" } else { "home" },
        (),
        &[KeyCode::Enter, KeyCode::Esc, ch('q')],
    )]
}

pub fn draw_advice(frame: &mut Frame, area: Rect, advice: &Advice, theme: &Theme) {
    let mut body = Vec::new();
    for (i, line) in advice.lines.iter().enumerate() {
        if i > 0 {
            body.push(Line::raw(""));
        }
        body.push(Line::styled(clean_line(line).into_owned(), theme.text));
    }
    centered_text(frame, area, &advice.title, body, theme);
}

/// The summary of the run `engine` made; `unsaved` when some of it is not in the journal.
pub fn draw_summary(frame: &mut Frame, area: Rect, engine: &Engine, unsaved: bool, theme: &Theme) {
    let s = engine.summary();
    let plan = engine.plan();
    let outcome = match engine.outcome() {
        Some(Outcome::Completed) => "Session complete. Well done.",
        Some(Outcome::Pain) => "Session ended after sharp pain.",
        _ => "Session ended early.",
    };
    let mut body = vec![
        Line::styled(outcome, theme.accent.add_modifier(Modifier::BOLD)),
        Line::raw(""),
        Line::raw(format!(
            "{} · Session {}",
            clean_line(&plan.program),
            clean_line(&plan.session)
        )),
        Line::raw(format!(
            "Sets done: {} of {}   Exercises: {} of {}   Sets skipped: {}",
            s.sets_done,
            s.sets_planned,
            s.exercises_done,
            plan.exercises.len(),
            s.skipped
        )),
        Line::raw(""),
    ];
    if !s.check_ins.is_empty() {
        body.push(Line::styled("How it felt", theme.accent));
        for (name, answer) in &s.check_ins {
            let effort = answer
                .effort
                .map_or(String::new(), |e| format!(" · effort {e}/10"));
            let mark = if answer.response().stops() {
                "✗"
            } else {
                "•"
            };
            body.push(Line::raw(format!(
                "  {mark} {}: {}{effort}",
                clean_line(name),
                answer.describe()
            )));
        }
        body.push(Line::raw(""));
    }
    if !s.stopped_for_pain.is_empty() {
        body.push(Line::styled(
            crate::training::checkin::STOP_ADVICE,
            theme.warn,
        ));
        body.push(Line::raw(""));
    }
    body.push(if unsaved {
        Line::styled(
            "Some of this could NOT be saved to your journal (see the banner above).",
            theme.warn,
        )
    } else {
        Line::styled("Everything above is saved in your journal.", theme.dim)
    });
    centered_text(frame, area, "Summary", body, theme);
}
