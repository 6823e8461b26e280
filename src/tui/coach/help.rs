//! The help dialog: every key of the screen below, read from that screen's key table (so it
//! cannot drift from what the keys do), and a word about the screen.

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::tui::keys::{self, Binding, bind, ch};
use crate::tui::theme::Theme;
use crate::tui::widgets::dialog;

pub fn keys() -> Vec<Binding<()>> {
    vec![bind(
        "Esc",
        "close",
        (),
        &[KeyCode::Esc, ch('?'), KeyCode::Enter],
    )]
}

/// Draws the keys of `table` (the screen below) and, under them, the screen's `notes`.
pub fn draw<A>(
    frame: &mut Frame,
    area: Rect,
    table: &[Binding<A>],
    notes: &[&'static str],
    theme: &Theme,
) {
    let mut lines = keys::help_lines(table);
    for note in notes {
        lines.push(Line::raw(""));
        lines.push(Line::styled(*note, theme.dim));
    }
    dialog(frame, area, "Keys", lines, theme);
}
