//! Drawing the author screen: the layout (title bar, outline beside library, checks, status
//! line, the footer read from the key table of what has the keys), the window open over it,
//! and what the panes share (the palette, fitting text, borders, centring). The colours are
//! the coach's colour-blind-safe ones (blue and orange, never red against green), and every
//! meaning is also in a word or a mark; all text from the program goes through `clean_line`.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::{Block, Paragraph, Widget};

use super::state::{App, Focus, Modal};
use super::{checks, dialogs, editor, library, outline};
use crate::common::text::clean_line;
use crate::tui::keys;
use crate::tui::theme::Theme;

/// The author screen's styles, from the coach's theme.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    pub theme: Theme,
    /// Focus, the status line, headings: blue.
    pub accent: Style,
    /// An error: black on orange, so it differs from a warning in form, not only in colour.
    pub error: Style,
    /// A warning: orange.
    pub warning: Style,
    /// No error: blue.
    pub safe: Style,
}

impl Default for Palette {
    fn default() -> Self {
        let theme = Theme::default();
        Palette {
            theme,
            accent: theme.accent,
            error: theme.banner.add_modifier(Modifier::BOLD),
            warning: theme.warn.add_modifier(Modifier::BOLD),
            safe: theme.accent.add_modifier(Modifier::BOLD),
        }
    }
}

/// `text` cut to `width` characters, with an ellipsis when it was longer.
pub fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(width.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A pane's border: bold and blue when it has the keys, dim when not.
pub fn pane(title: &str, focused: bool, palette: &Palette) -> Block<'static> {
    let (title_style, border) = if focused {
        (palette.accent.bold(), palette.accent)
    } else {
        (Style::new(), Style::new().add_modifier(Modifier::DIM))
    };
    Block::bordered()
        .title(Span::styled(title.to_owned(), title_style))
        .border_style(border)
}

/// A `width` x `height` rectangle in the middle of `area` (smaller if `area` is).
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let palette = Palette::default();
        let [title, main, diagnostics, status, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(6),
            Constraint::Length(5),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        title_bar(self, title, buf);
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(main);
        outline::draw(self, left, buf, &palette);
        library::draw(self, right, buf, &palette);
        checks::draw(self, diagnostics, buf, &palette);
        Paragraph::new(fit(&status_line(self), status.width as usize))
            .style(palette.accent)
            .render(status, buf);
        Paragraph::new(keys::footer(&self.key_table(), &palette.theme)).render(footer, buf);
        match &self.modal {
            Some(Modal::Editor { row, field, .. }) => {
                editor::draw(self, *row, *field, area, buf, &palette)
            }
            Some(Modal::Input { purpose, text, .. }) => {
                dialogs::draw_input(self, *purpose, text, area, buf, &palette)
            }
            Some(Modal::Confirm(ask)) => dialogs::draw_confirm(self, *ask, area, buf, &palette),
            Some(Modal::Help { back }) => dialogs::draw_help(
                &self.table_of(back.as_deref()),
                self.notes_of(back.as_deref()),
                area,
                buf,
                &palette,
            ),
            None => {}
        }
    }
}

fn title_bar(app: &App, area: Rect, buf: &mut Buffer) {
    let state = if app.dirty { "modified" } else { "saved" };
    let text = format!(" upright author │ {} │ {} ", clean_line(&app.name), state);
    Paragraph::new(fit(&text, area.width as usize))
        .style(Style::new().reversed())
        .render(area, buf);
}

fn status_line(app: &App) -> String {
    if !app.status.is_empty() {
        return clean_line(&app.status).into_owned();
    }
    match app.focus {
        Focus::Outline => {
            "Enter edits the line; a adds an exercise after it; b adds a block, n a session.".into()
        }
        Focus::Library => "f or 0-4 choose a kind, / searches, Enter adds the exercise.".into(),
    }
}
