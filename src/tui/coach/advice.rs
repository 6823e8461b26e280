//! The screens that end a session: advice to read when it stopped for safety (a red flag with
//! the advice of its urgency, a fracture not yet assessed, a red flag not yet cleared), and
//! the summary of a run, which says truthfully how it ended and what is saved. Enter goes home
//! (or out, with no home to go back to).

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Line;

use crate::common::text::clean_line;
use crate::training::Engine;
use crate::training::checkin;
use crate::training::safety::Urgency;
use crate::tui::keys::{Binding, bind, ch};
use crate::tui::theme::Theme;
use crate::tui::widgets::{centered_text, wrap_line};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice {
    pub title: String,
    pub lines: Vec<String>,
    /// After a red flag: how urgently care is needed (its first line is said loudest).
    pub urgency: Option<Urgency>,
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
    // A blank line between paragraphs, when there is room for them all: no advice is ever cut
    // off for the sake of spacing.
    let width = area.width.min(76).saturating_sub(4).max(1);
    let rows: usize = advice
        .lines
        .iter()
        .map(|l| wrap_line(&Line::raw(clean_line(l).into_owned()), width, 0).len())
        .sum();
    let spaced = rows + 2 * advice.lines.len() + 4 <= usize::from(area.height);
    let mut body = Vec::new();
    if let Some(u) = advice.urgency {
        body.push(Line::styled(
            u.heading().to_uppercase(),
            theme.warn.add_modifier(Modifier::BOLD),
        ));
        if spaced {
            body.push(Line::raw(""));
        }
    }
    for (i, line) in advice.lines.iter().enumerate() {
        if i > 0 && spaced {
            body.push(Line::raw(""));
        }
        let style = if advice.urgency.is_some_and(|u| line == u.advice()) {
            theme.text.add_modifier(Modifier::BOLD)
        } else {
            theme.text
        };
        body.push(Line::styled(clean_line(line).into_owned(), style));
    }
    centered_text(frame, area, &advice.title, body, theme);
}

/// What of a run is saved, in a sentence: "the 6 sets you did", "this red flag" (`red_flag`:
/// the run ended on one, or one was ticked outside a session), or how many
/// of its events could not be saved yet (`unsaved`: kept, tried again, listed at the end).
pub fn saved_line(sets_done: u32, unsaved: usize, red_flag: bool) -> String {
    if unsaved > 0 {
        return format!(
            "{unsaved} event(s) of this session could NOT be saved to your journal yet (see the banner above). upright keeps them, tries again, and lists them when it ends."
        );
    }
    let sets = match sets_done {
        0 => None,
        1 => Some("the 1 set you did".to_owned()),
        n => Some(format!("the {n} sets you did")),
    };
    match (red_flag, sets) {
        (true, Some(sets)) => format!("Saved in your journal: this red flag and {sets}."),
        (true, None) => "Saved in your journal: this red flag.".into(),
        (false, Some(sets)) => format!("Saved in your journal: {sets} and every check-in."),
        (false, None) => "Saved in your journal.".into(),
    }
}

/// The summary of the run `engine` made; `unsaved`: how many of its events are not in the
/// journal (yet).
pub fn draw_summary(frame: &mut Frame, area: Rect, engine: &Engine, unsaved: usize, theme: &Theme) {
    let s = engine.summary();
    let plan = engine.plan();
    let stopped = !s.stopped_for_pain.is_empty();
    let headline_style = if stopped {
        theme.warn.add_modifier(Modifier::BOLD)
    } else {
        theme.accent.add_modifier(Modifier::BOLD)
    };
    let mut body = vec![
        Line::styled(s.headline(), headline_style),
        Line::raw(""),
        Line::raw(format!(
            "{} · Session {}",
            clean_line(&plan.program),
            clean_line(&plan.session)
        )),
        Line::raw(s.figures()),
    ];
    if s.resumed {
        body.push(Line::styled(
            "Resumed after a stop: the sets done before it are counted, and were not done twice.",
            theme.dim,
        ));
    }
    body.push(Line::raw(""));
    if !s.check_ins.is_empty() {
        body.push(Line::styled("How it felt", theme.accent));
        for (name, answer) in &s.check_ins {
            let effort = answer
                .effort
                .map_or(String::new(), |e| format!(" · effort {e}/10"));
            let (mark, style) = if answer.response().stops() {
                ("✗", theme.warn)
            } else {
                ("•", theme.text)
            };
            body.push(Line::styled(
                format!(
                    "  {mark} {}: {}{effort}",
                    clean_line(name),
                    answer.describe()
                ),
                style,
            ));
        }
        body.push(Line::raw(""));
    }
    if stopped {
        body.push(Line::styled(checkin::STOP_ADVICE, theme.warn));
        body.push(Line::raw(""));
    }
    body.push(Line::styled(
        saved_line(s.sets_done, unsaved, false),
        if unsaved > 0 { theme.warn } else { theme.dim },
    ));
    centered_text(frame, area, "Summary", body, theme);
}
