//! The library pane: the program's own exercises and the bundled ones, filtered by kind and by
//! a search; its key table, adding the picked exercise (with a first dose for its kind) after
//! the outline's line, and its drawing.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, StatefulWidget};

use super::state::{App, Effect, Focus, Modal, Purpose, Row};
use super::widgets::{Palette, fit, pane};
use crate::common::text::clean_line;
use crate::program::{Dose, Exercise, Impact, Item, Kind};
use crate::tui::keys::{Binding, bind, ch, digits};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    Add,
    NextKind,
    /// 0 every kind, 1-4 one of `Kind::ALL`.
    Kind(u8),
    Search,
    Back,
    Save,
    Quit,
    Help,
    /// The outline's own exercise shares the picked exercise's figure (`figure_of`).
    ShareFigure,
    /// The outline's own exercise takes a copy of the picked exercise's poses.
    CopyFigure,
}

pub fn keys(app: &App) -> Vec<Binding<Action>> {
    let own = super::figure::target(app).is_some();
    vec![
        bind("↑↓", "choose", Action::Up, &[KeyCode::Up, ch('k')])
            .or(Action::Down, &[KeyCode::Down, ch('j')])
            .help("choose an exercise (j k too; PgUp PgDn Home End jump)"),
        bind("PgUp PgDn", "jump", Action::PageUp, &[KeyCode::PageUp])
            .or(Action::PageDown, &[KeyCode::PageDown])
            .or(Action::First, &[KeyCode::Home])
            .or(Action::Last, &[KeyCode::End])
            .help_only(),
        bind("Enter", "add", Action::Add, &[KeyCode::Enter, ch('a')])
            .help("add it after the outline's line, and set its dose (a too)"),
        bind("f", "kind", Action::NextKind, &[ch('f')]).help("the next kind of exercise"),
        digits("kind", 0, 4, Action::Kind)
            .help("0 every kind; 1 W, 2 R, 3 B, 4 E (the kinds, spelt out below)")
            .help_only(),
        bind("/", "search", Action::Search, &[ch('/')]).help("search by name"),
        bind("g", "share figure", Action::ShareFigure, &[ch('g')])
            .or(Action::CopyFigure, &[ch('G')])
            .help(
                "your own exercise on the outline's line takes the picked exercise's figure: \
                 g shares it (figure_of), G copies its poses into the file",
            )
            .when(own),
        bind(
            "Tab",
            "back",
            Action::Back,
            &[KeyCode::Tab, KeyCode::Esc, KeyCode::Left],
        )
        .help("back to the outline (Esc and ← too)"),
        bind("s", "save", Action::Save, &[ch('s')]).help("save (Ctrl-S too)"),
        bind("q", "quit", Action::Quit, &[ch('q')])
            .help("quit; asks first if there are unsaved changes"),
        bind("?", "help", Action::Help, &[ch('?')]).help("this help"),
    ]
}

pub fn act(app: &mut App, action: Action) -> Effect {
    let last = app.library_list().len().saturating_sub(1);
    match action {
        Action::Up => app.pick = app.pick.saturating_sub(1),
        Action::Down => app.pick = (app.pick + 1).min(last),
        Action::PageUp => app.pick = app.pick.saturating_sub(10),
        Action::PageDown => app.pick = (app.pick + 10).min(last),
        Action::First => app.pick = 0,
        Action::Last => app.pick = last,
        Action::Add => add_picked(app),
        Action::NextKind => {
            app.kind = match app.kind {
                None => Some(Kind::ALL[0]),
                Some(k) => Kind::ALL
                    .iter()
                    .position(|&x| x == k)
                    .and_then(|i| Kind::ALL.get(i + 1).copied()),
            };
            app.pick = 0;
        }
        Action::Kind(n) => {
            app.kind = (n as usize)
                .checked_sub(1)
                .and_then(|i| Kind::ALL.get(i).copied());
            app.pick = 0;
        }
        Action::Search => {
            app.modal = Some(Modal::Input {
                purpose: Purpose::Search,
                text: app.query.clone(),
                before: app.query.clone(),
            });
        }
        Action::Back => app.focus = Focus::Outline,
        Action::Save => return Effect::Save,
        Action::Quit => return app.ask_quit(),
        Action::Help => app.modal = Some(Modal::Help { back: None }),
        Action::ShareFigure => super::figure::give(app, super::figure::Start::Share),
        Action::CopyFigure => super::figure::give(app, super::figure::Start::Copy),
    }
    Effect::None
}

/// The picked exercise, after the outline's line (in a new session when there is none),
/// with its editor open on the first dose.
fn add_picked(app: &mut App) {
    let Some(exercise) = app.library_list().get(app.pick).map(|e| (*e).clone()) else {
        app.status = "No exercise matches: press 0 for every kind, / to search again.".into();
        return;
    };
    app.remember();
    let (s, b, at) = match super::outline::target(app) {
        Some(t) => t,
        None => {
            let at = app.doc.program.sessions.len();
            let name = if at == 0 { "A" } else { "New" };
            (super::outline::insert_session(app, at, name.into()), 0, 0)
        }
    };
    let item = Item {
        exercise: exercise.id.clone(),
        dose: default_dose(&exercise),
        progress: Vec::new(),
    };
    if let Some(i) = app.doc.insert_item(s, b, at, item) {
        app.changed();
        app.select(Row::Item(s, b, i));
        app.focus = Focus::Outline;
        app.status = format!("Added {}: set its dose.", exercise.name);
        // The editor's undo step is the one just taken.
        app.modal = Some(Modal::Editor {
            row: Row::Item(s, b, i),
            field: 0,
            typed: String::new(),
        });
    }
}

/// A first dose for a newly added exercise, from what kind of exercise it is: the guidance's
/// starting points (resistance 2 x 8; extension holds of 3 s; balance and walking by time;
/// impacts counted).
pub fn default_dose(e: &Exercise) -> Dose {
    if e.has_kind(Kind::Resistance) {
        Dose::Reps {
            sets: 2,
            reps: 8,
            rest: 60,
            tempo: Some(3),
            per_side: false,
        }
    } else if e.has_kind(Kind::Extension) {
        Dose::Holds {
            sets: 1,
            reps: 5,
            hold: 3,
            rest: 0,
            per_side: false,
        }
    } else if e.impact >= Impact::Moderate {
        Dose::Reps {
            sets: 2,
            reps: 10,
            rest: 60,
            tempo: None,
            per_side: false,
        }
    } else {
        Dose::Time {
            secs: 60,
            sets: 1,
            rest: 0,
            per_side: false,
        }
    }
}

/// The one-letter name of a kind, shown beside each exercise (the help spells them out).
pub fn kind_letter(k: Kind) -> char {
    match k {
        Kind::WeightBearing => 'W',
        Kind::Resistance => 'R',
        Kind::Balance => 'B',
        Kind::Extension => 'E',
    }
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer, palette: &Palette) {
    let focused = app.focus == Focus::Library && app.modal.is_none();
    let kind = app.kind.map_or("all kinds", |k| k.label());
    let search = if app.query.is_empty() {
        String::new()
    } else {
        format!(" · \"{}\"", fit(&clean_line(&app.query), 8))
    };
    let title = format!(" Library · {kind}{search} ");
    let block = pane(&title, focused, palette);
    let width = block.inner(area).width as usize;
    let list = app.library_list();
    let items: Vec<ListItem> = list
        .iter()
        .enumerate()
        .map(|(n, e)| {
            let kinds: String = e.kinds.iter().map(|k| kind_letter(*k)).collect();
            let pointer = if focused && n == app.pick { "›" } else { " " };
            // The program's own exercises are marked: they are edited in the file.
            let mine = if app
                .doc
                .program
                .exercises
                .iter()
                .any(|x| std::ptr::eq(x, *e))
            {
                "*"
            } else {
                " "
            };
            let name = fit(&clean_line(&e.name), width.saturating_sub(8));
            let pad = width
                .saturating_sub(8)
                .saturating_sub(super::widgets::width(&name));
            ListItem::new(Line::from(vec![
                Span::raw(pointer),
                Span::raw(name),
                Span::raw(" ".repeat(pad)),
                Span::raw(mine),
                Span::styled(format!(" {kinds:<4}"), palette.accent),
            ]))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(app.pick));
    let highlight = if focused {
        Style::new().reversed()
    } else {
        Style::new()
    };
    StatefulWidget::render(
        List::new(items).block(block).highlight_style(highlight),
        area,
        buf,
        &mut state,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The help's letters for 1-4 are written by hand: they must follow `Kind::ALL`.
    #[test]
    fn the_kind_digits_follow_the_order_of_the_kinds() {
        let text = crate::cli::new::template_for(std::path::Path::new("knees.ron"));
        let checked =
            crate::program::check_source(text.as_bytes(), crate::program::Library::bundled());
        let doc = crate::author::Document::read(&text, checked.program.unwrap());
        let app = App::new("knees.ron", doc, crate::program::Library::bundled());
        let table = keys(&app);
        let help = table
            .iter()
            .find(|b| b.label == "0-4")
            .map(|b| b.long)
            .unwrap();
        for (i, kind) in Kind::ALL.iter().enumerate() {
            assert!(
                help.contains(&format!("{} {}", i + 1, kind_letter(*kind))),
                "{help}"
            );
        }
    }
}
