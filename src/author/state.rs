//! The author screen's state: the document, the outline selection, which pane has the keys,
//! the window open over them, undo, and the live findings of the checker. Pure: no terminal
//! and no files. Keys change it through each pane's table (`keys`); the shell carries out the
//! [`Effect`] a key asks for (save, quit).

use crate::program::check::{Finding, check};
use crate::program::{Catalog, Exercise, Kind, Library, Severity};

use super::document::Document;
pub use super::rows::{Row, row_of, rows};
use super::values::FieldId;

/// Which pane the keys go to when no window is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Outline,
    Library,
}

/// What a line of text is being typed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Field(Row, FieldId),
    /// A new block in session `.0` at position `.1`.
    NewBlock(usize, usize),
    NewSession(usize),
    Search,
}

/// A question that needs a yes before anything happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    DeleteBlock(usize, usize),
    DeleteSession(usize),
    Quit,
}

/// A window over the panes; while one is open it has the keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Modal {
    /// The editor of an outline row; `typed` holds digits being typed into a number.
    Editor {
        row: Row,
        field: usize,
        typed: String,
    },
    Input {
        purpose: Purpose,
        text: String,
        /// The text before typing began (kept for Esc).
        before: String,
    },
    Confirm(Ask),
    /// The keys of what is under it: `back` is the window it was opened from (none: the
    /// focused pane), shown again when the help closes.
    Help {
        back: Option<Box<Modal>>,
    },
}

/// What the shell should do after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    None,
    Save,
    Quit,
}

pub struct App {
    /// The file's name, as shown in the title bar.
    pub name: String,
    pub doc: Document,
    pub selected: usize,
    pub focus: Focus,
    pub kind: Option<Kind>,
    pub query: String,
    /// The selected line of the (filtered) library.
    pub pick: usize,
    pub modal: Option<Modal>,
    /// Changed since it was opened or saved.
    pub dirty: bool,
    /// One line of news for the person: saved, removed, why a key did nothing.
    pub status: String,
    pub findings: Vec<Finding>,
    /// "Save and quit" was chosen: quit once the save has worked.
    pub(super) quit_after_save: bool,
    pub(super) undo: Vec<(Document, usize)>,
    library: &'static Library,
}

/// Most undo steps kept.
const UNDO_DEPTH: usize = 200;

impl App {
    pub fn new(name: impl Into<String>, doc: Document, library: &'static Library) -> App {
        let mut app = App {
            name: name.into(),
            doc,
            selected: 0,
            focus: Focus::Outline,
            kind: None,
            query: String::new(),
            pick: 0,
            modal: None,
            dirty: false,
            status: String::new(),
            findings: Vec::new(),
            quit_after_save: false,
            undo: Vec::new(),
            library,
        };
        app.refresh();
        app
    }

    pub fn library(&self) -> &'static Library {
        self.library
    }

    pub fn catalog(&self) -> Catalog<'_> {
        Catalog::new(self.library, &self.doc.program.exercises)
    }

    pub fn rows(&self) -> Vec<Row> {
        rows(&self.doc)
    }

    pub fn row(&self) -> Row {
        self.rows()
            .get(self.selected)
            .copied()
            .unwrap_or(Row::Program)
    }

    pub(super) fn select(&mut self, row: Row) {
        if let Some(i) = self.rows().iter().position(|r| *r == row) {
            self.selected = i;
        }
    }

    /// Runs the checker again and keeps the selections inside their lists.
    pub(super) fn refresh(&mut self) {
        self.findings = check(&self.doc.program, self.library);
        self.findings.sort_by_key(|f| f.code.severity());
        let n = self.rows().len();
        self.selected = self.selected.min(n.saturating_sub(1));
        let m = self.library_list().len();
        self.pick = self.pick.min(m.saturating_sub(1));
    }

    /// Keeps the document as it is now, for undo.
    pub(super) fn remember(&mut self) {
        self.undo.push((self.doc.clone(), self.selected));
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
    }

    pub(super) fn changed(&mut self) {
        self.dirty = true;
        self.refresh();
    }

    pub(super) fn undo(&mut self) {
        match self.undo.pop() {
            Some((doc, selected)) => {
                self.doc = doc;
                self.selected = selected;
                self.status = "Undone.".into();
                self.changed();
            }
            None => self.status = "Nothing to undo.".into(),
        }
    }

    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.code.severity() == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }

    /// The findings about one outline row (for the marks beside it).
    pub fn findings_at(&self, row: Row) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| row_of(&f.path) == row)
    }

    /// The exercises shown in the library pane: the program's own, then the bundled ones,
    /// of the chosen kind and matching the search.
    pub fn library_list(&self) -> Vec<&Exercise> {
        let query = self.query.to_lowercase();
        self.doc
            .program
            .exercises
            .iter()
            .chain(self.library.exercises())
            .filter(|e| self.kind.is_none_or(|k| e.has_kind(k)))
            .filter(|e| {
                query.is_empty() || e.name.to_lowercase().contains(&query) || e.id.contains(&query)
            })
            .collect()
    }

    /// Asks before quitting with unsaved changes.
    pub(super) fn ask_quit(&mut self) -> Effect {
        if self.dirty {
            self.modal = Some(Modal::Confirm(Ask::Quit));
            Effect::None
        } else {
            Effect::Quit
        }
    }

    /// The shell saved (or failed to save) the file.
    pub fn saved(&mut self, result: std::io::Result<()>) {
        match result {
            Ok(()) => {
                self.dirty = false;
                self.status = match self.errors() {
                    0 => format!("Saved {}: safe to run.", self.name),
                    n => format!(
                        "Saved {} with {n} error{}: it cannot be run until they are fixed.",
                        self.name,
                        if n == 1 { "" } else { "s" }
                    ),
                };
            }
            Err(e) => {
                self.status = format!(
                    "Could not save {}: {e}. Your changes are still here.",
                    self.name
                );
            }
        }
    }

    /// After a save asked for by "save and quit": quit if it worked.
    pub fn should_quit_after_save(&self) -> bool {
        self.quit_after_save && !self.dirty
    }
}
