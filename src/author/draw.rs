//! Drawing the author screen: the layout (title bar, outline beside library and the figure,
//! checks, status
//! line, the footer read from the key table of what has the keys) and the window open over
//! it. Each pane and window draws itself; what they share is in `widgets`.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Paragraph, Widget};

use super::state::{App, Focus, Modal};
use super::widgets::{Palette, fit};
use super::{checks, dialogs, editor, figure, library, outline};
use crate::common::text::clean_line;
use crate::tui::keys;

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
        let (right, figure_area) = figure::split(right);
        library::draw(self, right, buf, &palette);
        if let Some(at) = figure_area {
            figure::draw_pane(self, at, buf, &palette);
        }
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
