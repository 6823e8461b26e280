//! How a key reaches the author screen. Each pane and window has one key table (in its own
//! module) that dispatches the key, writes the footer and fills the help, so the three cannot
//! drift apart; this module picks the table of what has the keys now. Before any table come
//! the chords a table cannot tell from a plain key: Ctrl-S saves and Ctrl-C or Ctrl-Q quit
//! from anywhere, and Shift+↑↓ move a line as K and J do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::dialogs::{self, ConfirmAction, InputAction};
use super::state::{App, Effect, Focus, Modal};
use super::{editor, library, outline};
use crate::tui::keys::{self, Binding, any_key, bind, ch};

/// What a key does, in whichever pane or window has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Outline(outline::Action),
    Library(library::Action),
    Editor(editor::Action),
    Input(InputAction),
    Confirm(ConfirmAction),
    CloseHelp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chord {
    Save,
    Quit,
}

/// The keys held with Ctrl.
fn chords() -> Vec<Binding<Chord>> {
    vec![
        bind("Ctrl-S", "save", Chord::Save, &[ch('s')]),
        bind("Ctrl-Q", "quit", Chord::Quit, &[ch('q'), ch('c')]),
    ]
}

/// Shift+↑ and Shift+↓ as the keys that do the same, K and J.
fn unshift(key: KeyEvent) -> KeyEvent {
    let code = match key.code {
        KeyCode::Up if key.modifiers.contains(KeyModifiers::SHIFT) => ch('K'),
        KeyCode::Down if key.modifiers.contains(KeyModifiers::SHIFT) => ch('J'),
        code => code,
    };
    KeyEvent::new(code, key.modifiers)
}

fn table<A, B: Clone>(table: Vec<Binding<A>>, f: impl Fn(A) -> B) -> Vec<Binding<B>> {
    table.into_iter().map(|b| b.map(&f)).collect()
}

impl App {
    /// The key table of what has the keys now.
    pub fn key_table(&self) -> Vec<Binding<Action>> {
        match &self.modal {
            Some(Modal::Help { .. }) => vec![any_key("close", Action::CloseHelp)],
            modal => self.table_of(modal.as_ref()),
        }
    }

    /// The key table of `modal`, or of the focused pane when there is none.
    pub(super) fn table_of(&self, modal: Option<&Modal>) -> Vec<Binding<Action>> {
        match modal {
            None | Some(Modal::Help { .. }) => match self.focus {
                Focus::Outline => table(outline::keys(), Action::Outline),
                Focus::Library => table(library::keys(self), Action::Library),
            },
            Some(Modal::Editor { .. }) => table(editor::keys(self), Action::Editor),
            Some(Modal::Input { purpose, .. }) => {
                table(dialogs::input_keys(*purpose), Action::Input)
            }
            Some(Modal::Confirm(ask)) => table(dialogs::confirm_keys(*ask), Action::Confirm),
        }
    }

    /// What the help says under the keys of `modal` (or the focused pane).
    pub(super) fn notes_of(&self, modal: Option<&Modal>) -> &'static [&'static str] {
        match (modal, self.focus) {
            (None, Focus::Outline) => &[
                "Marks: ! an error on the line, ? a warning (the checks below say which).",
                "Ctrl-S saves and Ctrl-Q or Ctrl-C quits from anywhere.",
            ],
            (None, Focus::Library) => &[
                "Kinds: W weight-bearing, R resistance, B balance, E extension;",
                "* marks the program's own exercises (edited in the file).",
            ],
            _ => &[],
        }
    }

    /// Handles a key press and says what the shell should do.
    pub fn handle(&mut self, key: KeyEvent) -> Effect {
        if key.modifiers.contains(KeyModifiers::CONTROL) {
            return match keys::action(&chords(), &key) {
                Some(Chord::Save) => Effect::Save,
                Some(Chord::Quit) => {
                    if let Some(Modal::Editor { .. }) = self.modal {
                        editor::close(self);
                    }
                    self.modal = None;
                    self.ask_quit()
                }
                // Other chords are commands upright does not have, never text.
                None => Effect::None,
            };
        }
        let key = unshift(key);
        if self.modal.is_none() {
            self.status.clear();
        }
        match keys::action(&self.key_table(), &key) {
            Some(action) => self.act(action, key),
            None => Effect::None,
        }
    }

    fn act(&mut self, action: Action, key: KeyEvent) -> Effect {
        match action {
            Action::Outline(a) => return outline::act(self, a),
            Action::Library(a) => return library::act(self, a),
            Action::Editor(a) => editor::act(self, a),
            Action::Input(a) => dialogs::input(self, a, key),
            Action::Confirm(a) => return dialogs::confirm(self, a),
            Action::CloseHelp => {
                if let Some(Modal::Help { back }) = self.modal.take() {
                    self.modal = back.map(|m| *m);
                }
            }
        }
        Effect::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::author::document::Document;
    use crate::author::state::{Ask, Purpose, Row};
    use crate::program::{Library, check_source};

    fn app() -> App {
        let text = crate::cli::new::template_for(std::path::Path::new("knees.ron"));
        let checked = check_source(text.as_bytes(), Library::bundled());
        let doc = Document::read(&text, checked.program.unwrap());
        App::new("knees.ron", doc, Library::bundled())
    }

    /// Every window and pane the screen can show, on the lines that change their tables.
    fn every_mode(app: &App) -> Vec<(String, Option<Modal>, Focus)> {
        let mut modes = vec![
            ("outline".into(), None, Focus::Outline),
            ("library".into(), None, Focus::Library),
            (
                "quit?".into(),
                Some(Modal::Confirm(Ask::Quit)),
                Focus::Outline,
            ),
            (
                "remove?".into(),
                Some(Modal::Confirm(Ask::DeleteSession(0))),
                Focus::Outline,
            ),
            (
                "search".into(),
                Some(Modal::Input {
                    purpose: Purpose::Search,
                    text: String::new(),
                    before: String::new(),
                }),
                Focus::Library,
            ),
            (
                "help".into(),
                Some(Modal::Help { back: None }),
                Focus::Outline,
            ),
        ];
        for row in app.rows() {
            let n = super::super::fields::fields(&app.doc, row, app.catalog()).len();
            for field in 0..n {
                modes.push((
                    format!("editor {row:?} field {field}"),
                    Some(Modal::Editor {
                        row,
                        field,
                        typed: "1".into(),
                    }),
                    Focus::Outline,
                ));
            }
        }
        modes
    }

    #[test]
    fn no_key_is_bound_twice_in_any_table() {
        let mut app = app();
        for (name, modal, focus) in every_mode(&app) {
            app.modal = modal;
            app.focus = focus;
            let table = app.key_table();
            let mut seen = Vec::new();
            for b in table.iter().filter(|b| b.enabled) {
                for (code, _) in &b.keys {
                    assert!(!seen.contains(code), "{name}: {code:?} twice");
                    seen.push(*code);
                }
            }
        }
    }

    /// Every key the footer names does something there (it is dispatched, not dropped).
    #[test]
    fn every_key_in_a_footer_is_dispatched() {
        let mut app = app();
        for (name, modal, focus) in every_mode(&app) {
            app.modal = modal;
            app.focus = focus;
            let table = app.key_table();
            for b in table.iter().filter(|b| b.in_footer && b.enabled) {
                for (code, action) in &b.keys {
                    let key = KeyEvent::new(*code, KeyModifiers::NONE);
                    assert_eq!(
                        keys::action(&table, &key).as_ref(),
                        Some(action),
                        "{name}: {}",
                        b.label
                    );
                }
            }
        }
    }

    #[test]
    fn ctrl_chords_save_and_quit_from_anywhere_and_are_never_typed() {
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        let mut app = app();
        app.dirty = true;
        editor::open(&mut app, Row::Program);
        assert_eq!(app.handle(ctrl('s')), Effect::Save);
        assert!(matches!(app.modal, Some(Modal::Editor { .. })));
        assert_eq!(app.handle(ctrl('c')), Effect::None);
        assert_eq!(app.modal, Some(Modal::Confirm(Ask::Quit)));
        assert!(
            app.undo.is_empty(),
            "the unchanged editor left no undo step"
        );
        assert_eq!(app.handle(ctrl('x')), Effect::None);
        app.dirty = false;
        app.modal = None;
        assert_eq!(app.handle(ctrl('q')), Effect::Quit);
    }

    #[test]
    fn shift_arrows_move_the_line_as_j_and_k_do() {
        let mut app = app();
        let shift = |code| KeyEvent::new(code, KeyModifiers::SHIFT);
        app.selected = app
            .rows()
            .iter()
            .position(|r| matches!(r, Row::Item(0, 0, 0)))
            .unwrap();
        let first = app.doc.item(0, 0, 0).unwrap().exercise.clone();
        app.handle(shift(KeyCode::Down));
        assert_eq!(app.doc.item(0, 0, 1).unwrap().exercise, first);
        assert_eq!(app.row(), Row::Item(0, 0, 1));
        app.handle(shift(KeyCode::Up));
        assert_eq!(app.doc.item(0, 0, 0).unwrap().exercise, first);
    }

    #[test]
    fn the_help_lists_the_keys_of_what_is_under_it_and_goes_back_to_it() {
        let mut app = app();
        editor::open(&mut app, Row::Program);
        app.handle(KeyEvent::new(ch('?'), KeyModifiers::NONE));
        let Some(Modal::Help { back }) = &app.modal else {
            panic!("no help: {:?}", app.modal);
        };
        let under = app.table_of(back.as_deref());
        assert!(under.iter().any(|b| b.label == "←→"), "the editor's keys");
        app.handle(KeyEvent::new(ch('z'), KeyModifiers::NONE));
        assert!(matches!(app.modal, Some(Modal::Editor { .. })));
    }
}
