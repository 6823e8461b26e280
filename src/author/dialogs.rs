//! The small windows over the panes: a line of text being typed (a name, a search), a
//! question that needs a yes (remove a block or a session, quit with unsaved changes), and
//! the help. Each has its key table, what its keys do, and its drawing.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use super::fields::fields;
use super::state::{App, Ask, Effect, Modal, Purpose};
use super::widgets::{Palette, plural, popup};
use unicode_width::UnicodeWidthChar;

use crate::common::text::clean_line;
use crate::tui::keys::{self, Binding, any_key, bind, ch};

/// The most characters a typed line may hold.
const MAX_TEXT: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputAction {
    Done,
    Cancel,
    Erase,
    /// Any other key: typed, when it is a character and not a Ctrl or Alt chord.
    Type,
}

pub fn input_keys(purpose: Purpose) -> Vec<Binding<InputAction>> {
    let done = if purpose == Purpose::Search {
        "search"
    } else {
        "done"
    };
    vec![
        any_key("type", InputAction::Type)
            .label("a-z")
            .help("type (Backspace takes back a letter)"),
        bind("Enter", done, InputAction::Done, &[KeyCode::Enter]),
        bind("Esc", "cancel", InputAction::Cancel, &[KeyCode::Esc])
            .help("cancel: the text is as it was"),
        bind(
            "Backspace",
            "erase",
            InputAction::Erase,
            &[KeyCode::Backspace],
        )
        .help_only(),
    ]
}

pub fn input(app: &mut App, action: InputAction, key: KeyEvent) {
    let Some(Modal::Input {
        purpose,
        mut text,
        before,
    }) = app.modal.take()
    else {
        return;
    };
    match action {
        InputAction::Done => {
            commit(app, purpose, text);
            return;
        }
        InputAction::Cancel => {
            match purpose {
                Purpose::Search => app.query = before,
                Purpose::Field(row, id) => super::editor::reopen(app, row, id),
                Purpose::NewBlock(..) | Purpose::NewSession(_) => {}
            }
            return;
        }
        InputAction::Erase => {
            text.pop();
        }
        InputAction::Type => {
            // Ctrl and Alt chords are commands, not text.
            if let KeyCode::Char(c) = key.code
                && !crate::program::source::is_forbidden(c)
                && !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                && text.chars().count() < MAX_TEXT
            {
                text.push(c);
            }
        }
    }
    if purpose == Purpose::Search {
        app.query = text.clone();
        app.pick = 0;
    }
    app.modal = Some(Modal::Input {
        purpose,
        text,
        before,
    });
}

fn commit(app: &mut App, purpose: Purpose, text: String) {
    let trimmed = text.trim().to_owned();
    match purpose {
        Purpose::Search => app.query = trimmed,
        Purpose::Field(row, id) => {
            super::values::set_text(&mut app.doc, row, id, trimmed);
            app.changed();
            super::editor::reopen(app, row, id);
        }
        Purpose::NewBlock(..) | Purpose::NewSession(_) => {
            super::outline::named(app, purpose, trimmed)
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmAction {
    Yes,
    /// Quit without saving.
    Discard,
    Keep,
}

pub fn confirm_keys(ask: Ask) -> Vec<Binding<ConfirmAction>> {
    match ask {
        Ask::Quit => vec![
            bind(
                "y",
                "save and quit",
                ConfirmAction::Yes,
                &[ch('y'), ch('s')],
            )
            .help("save, then quit (s too)"),
            bind(
                "n",
                "quit without saving",
                ConfirmAction::Discard,
                &[ch('n'), ch('q')],
            )
            .help("quit and lose the changes (q too)"),
            bind("Esc", "stay", ConfirmAction::Keep, &[KeyCode::Esc])
                .help("stay (any other key too)"),
            any_key("stay", ConfirmAction::Keep).help_only(),
        ],
        Ask::DeleteBlock(..) | Ask::DeleteSession(_) => vec![
            bind(
                "y",
                "remove (u undoes)",
                ConfirmAction::Yes,
                &[ch('y'), ch('Y')],
            )
            .help("remove it (u undoes)"),
            any_key("keep it", ConfirmAction::Keep).label("other keys"),
        ],
    }
}

pub fn confirm(app: &mut App, action: ConfirmAction) -> Effect {
    let Some(Modal::Confirm(ask)) = app.modal.take() else {
        return Effect::None;
    };
    match (ask, action) {
        (Ask::Quit, ConfirmAction::Yes) => {
            app.quit_after_save = true;
            Effect::Save
        }
        (Ask::Quit, ConfirmAction::Discard) => Effect::Quit,
        (_, ConfirmAction::Yes) => {
            super::outline::confirmed(app, ask);
            Effect::None
        }
        _ => Effect::None,
    }
}

pub fn draw_input(
    app: &App,
    purpose: Purpose,
    text: &str,
    area: Rect,
    buf: &mut Buffer,
    palette: &Palette,
) {
    let prompt = match purpose {
        Purpose::Search => " Search the library ".to_owned(),
        Purpose::NewBlock(..) => " Name of the new block ".to_owned(),
        Purpose::NewSession(_) => " Name of the new session ".to_owned(),
        Purpose::Field(row, id) => {
            let label = fields(&app.doc, row, app.catalog())
                .into_iter()
                .find(|f| f.id == id)
                .map_or_else(String::new, |f| f.label);
            format!(" {label} ")
        }
    };
    let window = popup(area, 66, 3);
    Clear.render(window, buf);
    let block = Block::bordered()
        .title(Span::styled(prompt, Style::new().bold()))
        .border_style(palette.accent);
    let inner = block.inner(window);
    block.render(window, buf);
    let width = inner.width as usize;
    // The end of the text, where the typing is, with room for the cursor.
    let shown: String = {
        let t = clean_line(text);
        let mut used = 0;
        let tail: Vec<char> = t
            .chars()
            .rev()
            .take_while(|&c| {
                used += UnicodeWidthChar::width(c).unwrap_or(0);
                used + 2 <= width
            })
            .collect();
        tail.into_iter().rev().collect()
    };
    Paragraph::new(format!("{shown}▏")).render(inner, buf);
}

pub fn draw_confirm(app: &App, ask: Ask, area: Rect, buf: &mut Buffer, palette: &Palette) {
    let p = &app.doc.program;
    let (title, text) = match ask {
        Ask::Quit => (
            " Unsaved changes ".to_owned(),
            format!(
                "Save the changes to {} before leaving?",
                clean_line(&app.name)
            ),
        ),
        Ask::DeleteBlock(s, b) => {
            let block = &p.sessions[s].blocks[b];
            (
                " Remove block ".to_owned(),
                format!(
                    "Remove block \"{}\" and its {} item{}?",
                    clean_line(&block.name),
                    block.items.len(),
                    plural(block.items.len())
                ),
            )
        }
        Ask::DeleteSession(s) => {
            let session = &p.sessions[s];
            (
                " Remove session ".to_owned(),
                format!(
                    "Remove session \"{}\" and its {} block{}?",
                    clean_line(&session.name),
                    session.blocks.len(),
                    plural(session.blocks.len())
                ),
            )
        }
    };
    // The keys are written from the same table that answers them.
    let table = confirm_keys(ask);
    let answers = keys::footer(&table, &palette.theme);
    let window = popup(area, 66, 6);
    Clear.render(window, buf);
    let block = Block::bordered()
        .title(Span::styled(title, Style::new().bold()))
        .border_style(palette.warning);
    Paragraph::new(vec![Line::raw(text), Line::raw(""), answers])
        .wrap(Wrap { trim: true })
        .block(block)
        .render(window, buf);
}

/// The keys of `table` (what is under the help), and notes about the pane.
pub fn draw_help<A>(
    table: &[Binding<A>],
    notes: &[&str],
    area: Rect,
    buf: &mut Buffer,
    palette: &Palette,
) {
    let mut lines: Vec<Line> = keys::help_lines(table)
        .into_iter()
        .map(|l| Line::raw(format!(" {l}")))
        .collect();
    if !notes.is_empty() {
        lines.push(Line::raw(""));
        lines.extend(notes.iter().map(|n| Line::raw(format!(" {n}"))));
    }
    let window = popup(area, 76, lines.len() as u16 + 2);
    Clear.render(window, buf);
    let block = Block::bordered()
        .title(Span::styled(" Keys (any key closes) ", Style::new().bold()))
        .border_style(palette.accent);
    Paragraph::new(lines).block(block).render(window, buf);
}
