//! The outline pane: the program, its sessions, blocks and items, one per line. Its key table,
//! the edits made from it (move, remove, new block, new session, undo) and its drawing.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, StatefulWidget};

use super::document::Dir;
use super::state::{App, Ask, Effect, Focus, Modal, Purpose, Row};
use super::widgets::{Palette, fit, pane};
use crate::common::text::clean_line;
use crate::program::{Block, Session, Severity};
use crate::tui::keys::{Binding, bind, ch};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    MoveUp,
    MoveDown,
    Edit,
    ToLibrary,
    Delete,
    NewBlock,
    NewSession,
    Undo,
    Save,
    Quit,
    Help,
}

pub fn keys() -> Vec<Binding<Action>> {
    vec![
        bind("↑↓", "select", Action::Up, &[KeyCode::Up, ch('k')])
            .or(Action::Down, &[KeyCode::Down, ch('j')])
            .help("select a line (j k too)")
            .help_only(),
        bind("PgUp PgDn", "jump", Action::PageUp, &[KeyCode::PageUp])
            .or(Action::PageDown, &[KeyCode::PageDown])
            .help("ten lines up or down")
            .help_only(),
        bind("Home End", "ends", Action::First, &[KeyCode::Home])
            .or(Action::Last, &[KeyCode::End])
            .help("the first or the last line")
            .help_only(),
        bind("Enter", "edit", Action::Edit, &[KeyCode::Enter, ch('e')])
            .help("edit the program, a session, a block or an item (e too)"),
        bind(
            "a",
            "add",
            Action::ToLibrary,
            &[ch('a'), KeyCode::Tab, KeyCode::Right],
        )
        .help("add an exercise after the line, from the library (Tab → too)"),
        bind("J K", "move", Action::MoveDown, &[ch('J')])
            .or(Action::MoveUp, &[ch('K')])
            .help("move the line down or up (Shift+↓ ↑ too)"),
        bind(
            "d",
            "delete",
            Action::Delete,
            &[ch('d'), KeyCode::Delete, KeyCode::Backspace],
        )
        .help("remove the line (a block or a session asks first; Del too)"),
        bind("b", "new block", Action::NewBlock, &[ch('b')])
            .help("a new block after this one")
            .help_only(),
        bind("n", "new session", Action::NewSession, &[ch('n')])
            .help("a new session after this one")
            .help_only(),
        bind("u", "undo", Action::Undo, &[ch('u')]).help("undo the last change"),
        bind("s", "save", Action::Save, &[ch('s')])
            .help("save (Ctrl-S too): tidy RON, every comment kept"),
        bind("q", "quit", Action::Quit, &[ch('q'), KeyCode::Esc])
            .help("quit; asks first if there are unsaved changes (Esc too)"),
        bind("?", "help", Action::Help, &[ch('?')]).help("this help"),
    ]
}

pub fn act(app: &mut App, action: Action) -> Effect {
    let n = app.rows().len();
    let last = n.saturating_sub(1);
    match action {
        Action::Up => app.selected = app.selected.saturating_sub(1),
        Action::Down => app.selected = (app.selected + 1).min(last),
        Action::PageUp => app.selected = app.selected.saturating_sub(10),
        Action::PageDown => app.selected = (app.selected + 10).min(last),
        Action::First => app.selected = 0,
        Action::Last => app.selected = last,
        Action::MoveUp => move_selected(app, Dir::Up),
        Action::MoveDown => move_selected(app, Dir::Down),
        Action::Edit => super::editor::open(app, app.row()),
        Action::ToLibrary => {
            app.focus = Focus::Library;
            app.status = format!(
                "Choose an exercise to add {}; Enter adds it.",
                target_words(app)
            );
        }
        Action::Delete => delete(app),
        Action::NewBlock => new_block(app),
        Action::NewSession => new_session(app),
        Action::Undo => app.undo(),
        Action::Save => return Effect::Save,
        Action::Quit => return app.ask_quit(),
        Action::Help => app.modal = Some(Modal::Help { back: None }),
    }
    Effect::None
}

/// Where an exercise picked in the library goes: (session, block, position).
pub(super) fn target(app: &App) -> Option<(usize, usize, usize)> {
    let sessions = &app.doc.program.sessions;
    match app.row() {
        Row::Item(s, b, i) => Some((s, b, i + 1)),
        Row::Block(s, b) => Some((s, b, sessions[s].blocks[b].items.len())),
        Row::Session(s) => {
            let b = sessions[s].blocks.len().checked_sub(1)?;
            Some((s, b, sessions[s].blocks[b].items.len()))
        }
        Row::Program => {
            let b = sessions.first()?.blocks.len().checked_sub(1)?;
            Some((0, b, sessions[0].blocks[b].items.len()))
        }
    }
}

fn target_words(app: &App) -> String {
    match target(app) {
        Some((s, b, _)) => {
            let session = &app.doc.program.sessions[s];
            format!(
                "to block \"{}\" of session \"{}\"",
                session.blocks[b].name, session.name
            )
        }
        None => "(a new session and block will be made)".into(),
    }
}

fn move_selected(app: &mut App, dir: Dir) {
    app.remember();
    let moved = match app.row() {
        Row::Item(s, b, i) => app
            .doc
            .move_item(s, b, i, dir)
            .map(|(b, i)| Row::Item(s, b, i)),
        Row::Block(s, b) => app.doc.move_block(s, b, dir).map(|b| Row::Block(s, b)),
        Row::Session(s) => app.doc.move_session(s, dir).map(Row::Session),
        Row::Program => None,
    };
    match moved {
        Some(row) => {
            app.changed();
            app.select(row);
        }
        None => {
            app.undo.pop();
            app.status = "It cannot move further that way.".into();
        }
    }
}

fn delete(app: &mut App) {
    match app.row() {
        Row::Item(s, b, i) => {
            app.remember();
            if let Some(item) = app.doc.remove_item(s, b, i) {
                let name = app
                    .catalog()
                    .get(&item.exercise)
                    .map_or(item.exercise.clone(), |e| e.name.clone());
                app.status = format!("Removed {name} (u undoes).");
                app.changed();
            }
        }
        Row::Block(s, b) => app.modal = Some(Modal::Confirm(Ask::DeleteBlock(s, b))),
        Row::Session(s) => app.modal = Some(Modal::Confirm(Ask::DeleteSession(s))),
        Row::Program => {
            app.status = "The program itself cannot be removed.".into();
        }
    }
}

/// Removes a block or a session once the person has said yes.
pub(super) fn confirmed(app: &mut App, ask: Ask) {
    match ask {
        Ask::DeleteBlock(s, b) => {
            app.remember();
            if let Some(block) = app.doc.remove_block(s, b) {
                app.status = format!("Removed block \"{}\" (u undoes).", block.name);
                app.changed();
            }
        }
        Ask::DeleteSession(s) => {
            app.remember();
            if let Some(session) = app.doc.remove_session(s) {
                app.status = format!("Removed session \"{}\" (u undoes).", session.name);
                app.changed();
            }
        }
        Ask::Quit => {}
    }
}

fn new_block(app: &mut App) {
    let (s, at) = match app.row() {
        Row::Item(s, b, _) | Row::Block(s, b) => (s, b + 1),
        Row::Session(s) => (s, app.doc.program.sessions[s].blocks.len()),
        Row::Program if !app.doc.program.sessions.is_empty() => {
            (0, app.doc.program.sessions[0].blocks.len())
        }
        Row::Program => {
            app.status = "Add a session first (n).".into();
            return;
        }
    };
    app.modal = Some(Modal::Input {
        purpose: Purpose::NewBlock(s, at),
        text: String::new(),
        before: String::new(),
    });
}

fn new_session(app: &mut App) {
    let at = match app.row() {
        Row::Program => app.doc.program.sessions.len(),
        Row::Session(s) | Row::Block(s, _) | Row::Item(s, _, _) => s + 1,
    };
    let used: Vec<String> = app
        .doc
        .program
        .sessions
        .iter()
        .map(|s| s.name.to_lowercase())
        .collect();
    let suggestion = ('A'..='Z')
        .map(String::from)
        .find(|n| !used.contains(&n.to_lowercase()))
        .unwrap_or_default();
    app.modal = Some(Modal::Input {
        purpose: Purpose::NewSession(at),
        text: suggestion,
        before: String::new(),
    });
}

/// A block with no items, to be filled from the library.
pub(super) fn empty_block(name: String) -> Block {
    Block {
        name,
        pick: None,
        items: Vec::new(),
    }
}

/// Session `name` at `at` with one empty block "Main"; returns its index.
pub(super) fn insert_session(app: &mut App, at: usize, name: String) -> usize {
    let s = app.doc.insert_session(
        at,
        Session {
            name,
            blocks: Vec::new(),
        },
    );
    app.doc.insert_block(s, 0, empty_block("Main".into()));
    s
}

/// The typed name of a new block or session: made, and selected.
pub(super) fn named(app: &mut App, purpose: Purpose, name: String) {
    if name.is_empty() {
        return;
    }
    match purpose {
        Purpose::NewBlock(s, at) => {
            app.remember();
            if let Some(b) = app.doc.insert_block(s, at, empty_block(name)) {
                app.changed();
                app.select(Row::Block(s, b));
                app.status = "New block: press a to add exercises to it.".into();
            }
        }
        Purpose::NewSession(at) => {
            app.remember();
            let s = insert_session(app, at, name);
            app.changed();
            app.select(Row::Block(s, 0));
            app.status = "New session with a block \"Main\": press a to add exercises.".into();
        }
        Purpose::Field(..) | Purpose::Search => {}
    }
}

/// A line of the outline as text.
fn row_text(app: &App, row: Row) -> String {
    let p = &app.doc.program;
    match row {
        Row::Program => format!(
            "\"{}\" · {} · {} a week",
            clean_line(&p.title),
            p.level.label(),
            p.per_week
        ),
        Row::Session(s) => {
            let session = &p.sessions[s];
            format!(
                "Session {} · about {} min",
                clean_line(&session.name),
                session.estimate_minutes()
            )
        }
        Row::Block(s, b) => {
            let block = &p.sessions[s].blocks[b];
            let pick = match block.pick {
                Some(n) => format!(" (pick {n} of {})", block.items.len()),
                None => String::new(),
            };
            format!("  {}{pick}", clean_line(&block.name))
        }
        Row::Item(s, b, i) => {
            let item = &p.sessions[s].blocks[b].items[i];
            let name = app
                .catalog()
                .get(&item.exercise)
                .map_or_else(|| item.exercise.clone(), |e| e.name.clone());
            format!(
                "    {}. {} · {}",
                i + 1,
                clean_line(&name),
                item.dose.describe()
            )
        }
    }
}

/// The pane: a pointer and a mark (`!` error, `?` warning) before each line, so the
/// selection and the problems read without colour.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer, palette: &Palette) {
    let focused = app.focus == Focus::Outline && app.modal.is_none();
    let block = pane(" Program ", focused, palette);
    let width = block.inner(area).width as usize;
    let items: Vec<ListItem> = app
        .rows()
        .iter()
        .enumerate()
        .map(|(n, &row)| {
            let worst = app.findings_at(row).map(|f| f.code.severity()).min();
            let (mark, style) = match worst {
                Some(Severity::Error) => ("!", palette.error),
                Some(Severity::Warning) => ("?", palette.warning),
                None => (" ", Style::new()),
            };
            let pointer = if n == app.selected { "›" } else { " " };
            let text = fit(&row_text(app, row), width.saturating_sub(2));
            let style_of_row = match row {
                Row::Program | Row::Session(_) => Style::new().bold(),
                Row::Block(..) => Style::new().add_modifier(Modifier::ITALIC),
                Row::Item(..) => Style::new(),
            };
            ListItem::new(Line::from(vec![
                Span::raw(pointer),
                Span::styled(mark, style),
                Span::styled(text, style_of_row),
            ]))
        })
        .collect();
    let highlight = if focused {
        Style::new().reversed()
    } else {
        Style::new().underlined()
    };
    let list = List::new(items).block(block).highlight_style(highlight);
    let mut state = ListState::default().with_selected(Some(app.selected));
    StatefulWidget::render(list, area, buf, &mut state);
}
