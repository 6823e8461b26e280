//! The author screen's state and how a key changes it: the outline of sessions, blocks and
//! items, the exercise library with its filters, the editors, undo and the live diagnostics.
//! Pure: no terminal and no files. A key returns an [`Effect`] for the shell to carry out
//! (save, quit); the screens are drawn from this state by `ui`.

use std::ops::RangeInclusive;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::document::{Dir, Document};
use crate::program::check::{Finding, check};
use crate::program::locate::Seg;
use crate::program::{
    Block, Catalog, Dose, Exercise, Impact, Item, Kind, Level, Library, Session, Severity, Step,
    dose,
};

/// One line of the outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Program,
    Session(usize),
    Block(usize, usize),
    Item(usize, usize, usize),
}

/// The outline's lines, top to bottom.
pub fn rows(doc: &Document) -> Vec<Row> {
    let mut rows = vec![Row::Program];
    for (s, session) in doc.program.sessions.iter().enumerate() {
        rows.push(Row::Session(s));
        for (b, block) in session.blocks.iter().enumerate() {
            rows.push(Row::Block(s, b));
            rows.extend((0..block.items.len()).map(|i| Row::Item(s, b, i)));
        }
    }
    rows
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Outline,
    Library,
}

/// Something an editor can change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldId {
    Title,
    Summary,
    Author,
    Level,
    PerWeek,
    AdvanceAfter,
    SessionName,
    BlockName,
    Pick,
    Variant,
    Sets,
    Reps,
    Hold,
    Secs,
    Rest,
    Tempo,
    PerSide,
    StepKind(usize),
    StepSize(usize),
    StepCap(usize),
    AddStep,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Number,
    Choice,
    Toggle,
    Action,
}

/// One line of an editor: what it is, its value and the range or choices allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub id: FieldId,
    pub label: String,
    pub value: String,
    pub hint: String,
    pub kind: FieldKind,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    DeleteBlock(usize, usize),
    DeleteSession(usize),
    Quit,
}

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
    Help,
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
    quit_after_save: bool,
    undo: Vec<(Document, usize)>,
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

    fn select(&mut self, row: Row) {
        if let Some(i) = self.rows().iter().position(|r| *r == row) {
            self.selected = i;
        }
    }

    /// Runs the checker again and keeps the selection on the outline.
    fn refresh(&mut self) {
        self.findings = check(&self.doc.program, self.library);
        self.findings.sort_by_key(|f| f.code.severity());
        let n = self.rows().len();
        self.selected = self.selected.min(n.saturating_sub(1));
        let m = self.library_list().len();
        self.pick = self.pick.min(m.saturating_sub(1));
    }

    fn remember(&mut self) {
        self.undo.push((self.doc.clone(), self.selected));
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
    }

    fn changed(&mut self) {
        self.dirty = true;
        self.refresh();
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

    // ───────────────────────────── keys ─────────────────────────────

    pub fn handle(&mut self, key: KeyEvent) -> Effect {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if let Some(modal) = self.modal.take() {
            return self.modal_key(modal, key);
        }
        if ctrl {
            return match key.code {
                KeyCode::Char('s') => Effect::Save,
                KeyCode::Char('c') | KeyCode::Char('q') => self.ask_quit(),
                _ => Effect::None,
            };
        }
        self.status.clear();
        match self.focus {
            Focus::Outline => self.outline_key(key),
            Focus::Library => self.library_key(key),
        }
    }

    fn ask_quit(&mut self) -> Effect {
        if self.dirty {
            self.modal = Some(Modal::Confirm(Ask::Quit));
            Effect::None
        } else {
            Effect::Quit
        }
    }

    fn outline_key(&mut self, key: KeyEvent) -> Effect {
        let n = self.rows().len();
        let shift = key.modifiers.contains(KeyModifiers::SHIFT);
        match key.code {
            KeyCode::Up if shift => self.move_selected(Dir::Up),
            KeyCode::Down if shift => self.move_selected(Dir::Down),
            KeyCode::Char('K') => self.move_selected(Dir::Up),
            KeyCode::Char('J') => self.move_selected(Dir::Down),
            KeyCode::Up | KeyCode::Char('k') => self.selected = self.selected.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => {
                self.selected = (self.selected + 1).min(n.saturating_sub(1));
            }
            KeyCode::PageUp => self.selected = self.selected.saturating_sub(10),
            KeyCode::PageDown => self.selected = (self.selected + 10).min(n.saturating_sub(1)),
            KeyCode::Home => self.selected = 0,
            KeyCode::End => self.selected = n.saturating_sub(1),
            KeyCode::Enter | KeyCode::Char('e') => self.open_editor(self.row()),
            KeyCode::Tab | KeyCode::Char('a') | KeyCode::Right => {
                self.focus = Focus::Library;
                self.status = format!(
                    "Choose an exercise to add {}; Enter adds it.",
                    self.target_words()
                );
            }
            KeyCode::Char('d') | KeyCode::Delete | KeyCode::Backspace => self.delete(),
            KeyCode::Char('b') => self.new_block(),
            KeyCode::Char('n') => self.new_session(),
            KeyCode::Char('u') => self.undo(),
            KeyCode::Char('s') => return Effect::Save,
            KeyCode::Char('q') | KeyCode::Esc => return self.ask_quit(),
            KeyCode::Char('?') => self.modal = Some(Modal::Help),
            _ => {}
        }
        Effect::None
    }

    fn library_key(&mut self, key: KeyEvent) -> Effect {
        let n = self.library_list().len();
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => self.pick = self.pick.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => {
                self.pick = (self.pick + 1).min(n.saturating_sub(1))
            }
            KeyCode::PageUp => self.pick = self.pick.saturating_sub(10),
            KeyCode::PageDown => self.pick = (self.pick + 10).min(n.saturating_sub(1)),
            KeyCode::Home => self.pick = 0,
            KeyCode::End => self.pick = n.saturating_sub(1),
            KeyCode::Enter | KeyCode::Char('a') => self.add_picked(),
            KeyCode::Char('f') => {
                self.kind = match self.kind {
                    None => Some(Kind::ALL[0]),
                    Some(k) => Kind::ALL
                        .iter()
                        .position(|&x| x == k)
                        .and_then(|i| Kind::ALL.get(i + 1).copied()),
                };
                self.pick = 0;
            }
            KeyCode::Char(c @ '0'..='4') => {
                self.kind = match c {
                    '0' => None,
                    c => Kind::ALL.get(c as usize - '1' as usize).copied(),
                };
                self.pick = 0;
            }
            KeyCode::Char('/') => {
                self.modal = Some(Modal::Input {
                    purpose: Purpose::Search,
                    text: self.query.clone(),
                    before: self.query.clone(),
                });
            }
            KeyCode::Tab | KeyCode::Esc | KeyCode::Left => self.focus = Focus::Outline,
            KeyCode::Char('q') => return self.ask_quit(),
            KeyCode::Char('s') => return Effect::Save,
            KeyCode::Char('?') => self.modal = Some(Modal::Help),
            _ => {}
        }
        Effect::None
    }

    fn modal_key(&mut self, modal: Modal, key: KeyEvent) -> Effect {
        match modal {
            Modal::Help => Effect::None, // any key closes it
            Modal::Confirm(ask) => self.confirm_key(ask, key),
            Modal::Input {
                purpose,
                text,
                before,
            } => {
                self.input_key(purpose, text, before, key);
                Effect::None
            }
            Modal::Editor { row, field, typed } => {
                self.editor_key(row, field, typed, key);
                Effect::None
            }
        }
    }

    fn confirm_key(&mut self, ask: Ask, key: KeyEvent) -> Effect {
        let yes = matches!(key.code, KeyCode::Char('y') | KeyCode::Char('Y'));
        match ask {
            Ask::Quit => match key.code {
                KeyCode::Char('y') | KeyCode::Char('s') => {
                    self.quit_after_save = true;
                    return Effect::Save;
                }
                KeyCode::Char('n') | KeyCode::Char('q') => return Effect::Quit,
                _ => {}
            },
            Ask::DeleteBlock(s, b) if yes => {
                self.remember();
                if let Some(block) = self.doc.remove_block(s, b) {
                    self.status = format!("Removed block \"{}\" (u undoes).", block.name);
                    self.changed();
                }
            }
            Ask::DeleteSession(s) if yes => {
                self.remember();
                if let Some(session) = self.doc.remove_session(s) {
                    self.status = format!("Removed session \"{}\" (u undoes).", session.name);
                    self.changed();
                }
            }
            _ => {}
        }
        Effect::None
    }

    fn input_key(&mut self, purpose: Purpose, mut text: String, before: String, key: KeyEvent) {
        match key.code {
            KeyCode::Enter => {
                self.commit_input(purpose, text);
                return;
            }
            KeyCode::Esc => {
                if purpose == Purpose::Search {
                    self.query = before;
                }
                if let Purpose::Field(row, _) = purpose {
                    self.reopen(row, purpose);
                }
                return;
            }
            KeyCode::Backspace => {
                text.pop();
            }
            // Ctrl and Alt chords are commands, not text.
            KeyCode::Char(c)
                if !crate::program::source::is_forbidden(c)
                    && !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                    && text.chars().count() < 200 =>
            {
                text.push(c);
            }
            _ => {}
        }
        if purpose == Purpose::Search {
            self.query = text.clone();
            self.pick = 0;
        }
        self.modal = Some(Modal::Input {
            purpose,
            text,
            before,
        });
    }

    /// Back to the editor a text field was opened from.
    fn reopen(&mut self, row: Row, purpose: Purpose) {
        let field = match purpose {
            Purpose::Field(_, id) => fields(&self.doc, row, self.catalog())
                .iter()
                .position(|f| f.id == id)
                .unwrap_or(0),
            _ => 0,
        };
        self.modal = Some(Modal::Editor {
            row,
            field,
            typed: String::new(),
        });
    }

    fn commit_input(&mut self, purpose: Purpose, text: String) {
        let trimmed = text.trim().to_owned();
        match purpose {
            Purpose::Search => {
                self.query = trimmed;
            }
            Purpose::Field(row, id) => {
                set_text(&mut self.doc, row, id, trimmed);
                self.changed();
                self.reopen(row, purpose);
            }
            Purpose::NewBlock(s, at) => {
                if trimmed.is_empty() {
                    return;
                }
                self.remember();
                let block = Block {
                    name: trimmed,
                    pick: None,
                    items: Vec::new(),
                };
                if let Some(b) = self.doc.insert_block(s, at, block) {
                    self.changed();
                    self.select(Row::Block(s, b));
                    self.status = "New block: press a to add exercises to it.".into();
                }
            }
            Purpose::NewSession(at) => {
                if trimmed.is_empty() {
                    return;
                }
                self.remember();
                let s = self.doc.insert_session(
                    at,
                    Session {
                        name: trimmed,
                        blocks: Vec::new(),
                    },
                );
                self.doc.insert_block(
                    s,
                    0,
                    Block {
                        name: "Main".into(),
                        pick: None,
                        items: Vec::new(),
                    },
                );
                self.changed();
                self.select(Row::Block(s, 0));
                self.status = "New session with a block \"Main\": press a to add exercises.".into();
            }
        }
    }

    fn open_editor(&mut self, row: Row) {
        self.remember();
        self.modal = Some(Modal::Editor {
            row,
            field: 0,
            typed: String::new(),
        });
    }

    /// Closes an editor; an editor that changed nothing leaves no undo step.
    fn close_editor(&mut self) {
        if self.undo.last().is_some_and(|(d, _)| *d == self.doc) {
            self.undo.pop();
        }
    }

    fn editor_key(&mut self, row: Row, mut field: usize, mut typed: String, key: KeyEvent) {
        let list = fields(&self.doc, row, self.catalog());
        if list.is_empty() {
            self.close_editor();
            return;
        }
        field = field.min(list.len() - 1);
        let current = list[field].clone();
        let mut keep_typed = false;
        match key.code {
            KeyCode::Esc => {
                self.close_editor();
                return;
            }
            KeyCode::Up | KeyCode::Char('k') => field = field.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => {
                field = (field + 1).min(list.len() - 1);
            }
            KeyCode::Left | KeyCode::Char('-') | KeyCode::Char('h') => {
                self.adjust(row, current.id, -1);
            }
            KeyCode::Right | KeyCode::Char('+') | KeyCode::Char('=') | KeyCode::Char('l') => {
                self.adjust(row, current.id, 1);
            }
            KeyCode::Char(' ') => self.adjust(row, current.id, 1),
            KeyCode::Char(c @ '0'..='9') if current.kind == FieldKind::Number => {
                typed.push(c);
                if let Ok(n) = typed.parse::<u32>() {
                    self.put_number(row, current.id, n);
                }
                keep_typed = true;
            }
            KeyCode::Backspace if current.kind == FieldKind::Number && !typed.is_empty() => {
                typed.pop();
                if let Ok(n) = typed.parse::<u32>() {
                    self.put_number(row, current.id, n);
                }
                keep_typed = true;
            }
            KeyCode::Char('a') => {
                if let Row::Item(..) = row {
                    self.adjust(row, FieldId::AddStep, 1);
                    field = fields(&self.doc, row, self.catalog())
                        .iter()
                        .rposition(|f| matches!(f.id, FieldId::StepKind(_)))
                        .unwrap_or(field);
                }
            }
            KeyCode::Char('x') | KeyCode::Delete => {
                if let FieldId::StepKind(i) | FieldId::StepSize(i) | FieldId::StepCap(i) =
                    current.id
                    && let Row::Item(s, b, k) = row
                    && let Some(item) = self.doc.item_mut(s, b, k)
                    && i < item.progress.len()
                {
                    item.progress.remove(i);
                    self.changed();
                }
            }
            KeyCode::Enter => match current.kind {
                FieldKind::Text => {
                    let text = current.value.clone();
                    self.modal = Some(Modal::Input {
                        purpose: Purpose::Field(row, current.id),
                        before: text.clone(),
                        text,
                    });
                    return;
                }
                FieldKind::Action => self.adjust(row, current.id, 1),
                _ => {
                    self.close_editor();
                    return;
                }
            },
            _ => {}
        }
        let n = fields(&self.doc, row, self.catalog()).len();
        self.modal = Some(Modal::Editor {
            row,
            field: field.min(n.saturating_sub(1)),
            typed: if keep_typed { typed } else { String::new() },
        });
    }

    fn adjust(&mut self, row: Row, id: FieldId, delta: i32) {
        if adjust(&mut self.doc, row, id, delta) {
            self.changed();
        }
    }

    fn put_number(&mut self, row: Row, id: FieldId, n: u32) {
        if let Some(num) = number(&self.doc, row, id) {
            let n = n.min(*num.range.end());
            let n = n.max(*num.range.start());
            if n != num.value {
                set_number(&mut self.doc, row, id, n);
                self.changed();
            }
        }
    }

    // ───────────────────────────── outline edits ─────────────────────────────

    /// Where an exercise picked in the library goes: (session, block, position).
    fn target(&self) -> Option<(usize, usize, usize)> {
        let sessions = &self.doc.program.sessions;
        match self.row() {
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

    fn target_words(&self) -> String {
        match self.target() {
            Some((s, b, _)) => {
                let session = &self.doc.program.sessions[s];
                format!(
                    "to block \"{}\" of session \"{}\"",
                    session.blocks[b].name, session.name
                )
            }
            None => "(a new session and block will be made)".into(),
        }
    }

    fn add_picked(&mut self) {
        let Some(exercise) = self.library_list().get(self.pick).map(|e| (*e).clone()) else {
            self.status = "No exercise matches: press 0 for every kind, / to search again.".into();
            return;
        };
        self.remember();
        let (s, b, at) = match self.target() {
            Some(t) => t,
            None => {
                let s = self.doc.program.sessions.len();
                let name = if s == 0 { "A" } else { "New" };
                self.doc.insert_session(
                    s,
                    Session {
                        name: name.into(),
                        blocks: Vec::new(),
                    },
                );
                self.doc.insert_block(
                    s,
                    0,
                    Block {
                        name: "Main".into(),
                        pick: None,
                        items: Vec::new(),
                    },
                );
                (s, 0, 0)
            }
        };
        let item = Item {
            exercise: exercise.id.clone(),
            dose: default_dose(&exercise),
            progress: Vec::new(),
        };
        if let Some(i) = self.doc.insert_item(s, b, at, item) {
            self.changed();
            self.select(Row::Item(s, b, i));
            self.focus = Focus::Outline;
            self.status = format!("Added {}: set its dose.", exercise.name);
            // The editor's undo step is the one just taken.
            self.modal = Some(Modal::Editor {
                row: Row::Item(s, b, i),
                field: 0,
                typed: String::new(),
            });
        }
    }

    fn move_selected(&mut self, dir: Dir) {
        self.remember();
        let moved = match self.row() {
            Row::Item(s, b, i) => self
                .doc
                .move_item(s, b, i, dir)
                .map(|(b, i)| Row::Item(s, b, i)),
            Row::Block(s, b) => self.doc.move_block(s, b, dir).map(|b| Row::Block(s, b)),
            Row::Session(s) => self.doc.move_session(s, dir).map(Row::Session),
            Row::Program => None,
        };
        match moved {
            Some(row) => {
                self.changed();
                self.select(row);
            }
            None => {
                self.undo.pop();
                self.status = "It cannot move further that way.".into();
            }
        }
    }

    fn delete(&mut self) {
        match self.row() {
            Row::Item(s, b, i) => {
                self.remember();
                if let Some(item) = self.doc.remove_item(s, b, i) {
                    let name = self
                        .catalog()
                        .get(&item.exercise)
                        .map_or(item.exercise.clone(), |e| e.name.clone());
                    self.status = format!("Removed {name} (u undoes).");
                    self.changed();
                }
            }
            Row::Block(s, b) => self.modal = Some(Modal::Confirm(Ask::DeleteBlock(s, b))),
            Row::Session(s) => self.modal = Some(Modal::Confirm(Ask::DeleteSession(s))),
            Row::Program => {
                self.status = "The program itself cannot be removed.".into();
            }
        }
    }

    fn new_block(&mut self) {
        let (s, at) = match self.row() {
            Row::Item(s, b, _) | Row::Block(s, b) => (s, b + 1),
            Row::Session(s) => (s, self.doc.program.sessions[s].blocks.len()),
            Row::Program if !self.doc.program.sessions.is_empty() => {
                (0, self.doc.program.sessions[0].blocks.len())
            }
            Row::Program => {
                self.status = "Add a session first (n).".into();
                return;
            }
        };
        self.modal = Some(Modal::Input {
            purpose: Purpose::NewBlock(s, at),
            text: String::new(),
            before: String::new(),
        });
    }

    fn new_session(&mut self) {
        let at = match self.row() {
            Row::Program => self.doc.program.sessions.len(),
            Row::Session(s) | Row::Block(s, _) | Row::Item(s, _, _) => s + 1,
        };
        let used: Vec<String> = self
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
        self.modal = Some(Modal::Input {
            purpose: Purpose::NewSession(at),
            text: suggestion,
            before: String::new(),
        });
    }

    fn undo(&mut self) {
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
}

impl App {
    /// After a save asked for by "save and quit": quit if it worked.
    pub fn should_quit_after_save(&self) -> bool {
        self.quit_after_save && !self.dirty
    }
}

/// The outline row a finding is about.
pub fn row_of(path: &crate::program::locate::Path) -> Row {
    let idx = |k: usize| match path.0.get(k) {
        Some(Seg::Index(i)) => Some(*i),
        _ => None,
    };
    let field = |k: usize, name: &str| matches!(path.0.get(k), Some(Seg::Field(f)) if *f == name);
    if !field(0, "sessions") {
        return Row::Program;
    }
    let Some(s) = idx(1) else {
        return Row::Program;
    };
    if !field(2, "blocks") {
        return Row::Session(s);
    }
    let Some(b) = idx(3) else {
        return Row::Session(s);
    };
    if !field(4, "items") {
        return Row::Block(s, b);
    }
    match idx(5) {
        Some(i) => Row::Item(s, b, i),
        None => Row::Block(s, b),
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

/// One line of guidance for an exercise's kind, shown in its editor.
pub fn guidance_for(e: &Exercise) -> &'static str {
    if e.has_kind(Kind::Resistance) {
        "Resistance: 8-12 reps, 1-3 sets, effort 5-8 of 10, 2-3 days a week"
    } else if e.has_kind(Kind::Extension) {
        "Back extension: holds of 3-5 s, 5-10 minutes daily"
    } else if e.impact >= Impact::Moderate {
        "Impact: about 50 moderate impacts most days; none after a spine fracture"
    } else if e.has_kind(Kind::Balance) {
        "Balance: 15-20 minutes most days, with support in reach"
    } else {
        "Weight-bearing: on your feet most days"
    }
}

// ───────────────────────────── fields ─────────────────────────────

/// A number field's value and what it may be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    pub value: u32,
    pub range: RangeInclusive<u32>,
    /// How much one press of a left or right arrow changes it.
    pub step: u32,
}

fn num(value: u32, range: RangeInclusive<u32>, step: u32) -> Number {
    Number { value, range, step }
}

fn secs_step(v: u32) -> u32 {
    if v >= 120 { 15 } else { 5 }
}

/// The number behind a field, with its range.
pub fn number(doc: &Document, row: Row, id: FieldId) -> Option<Number> {
    let p = &doc.program;
    match (row, id) {
        (Row::Program, FieldId::PerWeek) => Some(num(p.per_week, dose::PER_WEEK, 1)),
        (Row::Program, FieldId::AdvanceAfter) => Some(num(p.advance_after, dose::ADVANCE_AFTER, 1)),
        (Row::Block(s, b), FieldId::Pick) => {
            let block = p.sessions.get(s)?.blocks.get(b)?;
            Some(num(
                block.pick.unwrap_or(0),
                0..=block.items.len() as u32,
                1,
            ))
        }
        (Row::Item(s, b, i), id) => {
            let item = doc.item(s, b, i)?;
            let d = item.dose;
            match (id, d) {
                (FieldId::Sets, _) => Some(num(d.sets(), dose::SETS, 1)),
                (FieldId::Reps, Dose::Reps { reps, .. } | Dose::Holds { reps, .. }) => {
                    Some(num(reps, dose::REPS, 1))
                }
                (FieldId::Hold, Dose::Holds { hold, .. }) => Some(num(hold, dose::HOLD, 1)),
                (FieldId::Secs, Dose::Time { secs, .. }) => {
                    Some(num(secs, dose::SECS, secs_step(secs)))
                }
                (FieldId::Rest, _) => Some(num(d.rest(), dose::REST, 5)),
                (FieldId::Tempo, Dose::Reps { tempo, .. }) => {
                    Some(num(tempo.unwrap_or(0), 0..=*dose::TEMPO.end(), 1))
                }
                (FieldId::StepSize(k), d) => match item.progress.get(k)? {
                    Step::AddReps { step, .. } => Some(num(*step, 1..=10, 1)),
                    Step::AddTime { step, .. } => match d {
                        Dose::Time { .. } => Some(num(*step, 1..=600, 5)),
                        _ => Some(num(*step, 1..=30, 1)),
                    },
                    _ => None,
                },
                (FieldId::StepCap(k), d) => {
                    let (cap, start, max, step) = match (*item.progress.get(k)?, d) {
                        (Step::AddReps { up_to, .. }, d) => {
                            (up_to, d.reps().unwrap_or(1), *dose::REPS.end(), 1)
                        }
                        (Step::AddTime { up_to, .. }, Dose::Time { secs, .. }) => {
                            (up_to, secs, *dose::SECS.end(), secs_step(up_to))
                        }
                        (Step::AddTime { up_to, .. }, Dose::Holds { hold, .. }) => {
                            (up_to, hold, *dose::HOLD.end(), 1)
                        }
                        (Step::AddTime { up_to, .. }, _) => (up_to, 1, *dose::SECS.end(), 1),
                        (Step::AddSets { up_to }, d) => (up_to, d.sets(), *dose::SETS.end(), 1),
                        (Step::Harder, _) => return None,
                    };
                    Some(num(cap, start.min(max)..=max, step))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// Sets a number field (the caller keeps it in range).
pub fn set_number(doc: &mut Document, row: Row, id: FieldId, n: u32) {
    match (row, id) {
        (Row::Program, FieldId::PerWeek) => doc.program.per_week = n,
        (Row::Program, FieldId::AdvanceAfter) => doc.program.advance_after = n,
        (Row::Block(s, b), FieldId::Pick) => {
            if let Some(block) = doc.block_mut(s, b) {
                block.pick = (n > 0).then_some(n);
            }
        }
        (Row::Item(s, b, i), id) => {
            let Some(item) = doc.item_mut(s, b, i) else {
                return;
            };
            match (&mut item.dose, id) {
                (
                    Dose::Reps { sets, .. } | Dose::Holds { sets, .. } | Dose::Time { sets, .. },
                    FieldId::Sets,
                ) => *sets = n,
                (Dose::Reps { reps, .. } | Dose::Holds { reps, .. }, FieldId::Reps) => *reps = n,
                (Dose::Holds { hold, .. }, FieldId::Hold) => *hold = n,
                (Dose::Time { secs, .. }, FieldId::Secs) => *secs = n,
                (
                    Dose::Reps { rest, .. } | Dose::Holds { rest, .. } | Dose::Time { rest, .. },
                    FieldId::Rest,
                ) => *rest = n,
                (Dose::Reps { tempo, .. }, FieldId::Tempo) => *tempo = (n > 0).then_some(n),
                (_, FieldId::StepSize(k)) => {
                    if let Some(Step::AddReps { step, .. } | Step::AddTime { step, .. }) =
                        item.progress.get_mut(k)
                    {
                        *step = n;
                    }
                }
                (_, FieldId::StepCap(k)) => {
                    if let Some(
                        Step::AddReps { up_to, .. }
                        | Step::AddTime { up_to, .. }
                        | Step::AddSets { up_to },
                    ) = item.progress.get_mut(k)
                    {
                        *up_to = n;
                    }
                }
                _ => {}
            }
        }
        _ => {}
    }
}

fn set_text(doc: &mut Document, row: Row, id: FieldId, text: String) {
    let optional = |t: String| (!t.is_empty()).then_some(t);
    let p = &mut doc.program;
    match (row, id) {
        (Row::Program, FieldId::Title) => p.title = text,
        (Row::Program, FieldId::Summary) => p.summary = optional(text),
        (Row::Program, FieldId::Author) => p.author = optional(text),
        (Row::Session(s), FieldId::SessionName) => {
            if let Some(session) = p.sessions.get_mut(s) {
                session.name = text;
            }
        }
        (Row::Block(s, b), FieldId::BlockName) => {
            if let Some(block) = doc.block_mut(s, b) {
                block.name = text;
            }
        }
        _ => {}
    }
}

/// A left or right arrow on a field: numbers step within their range, choices cycle,
/// switches switch, actions act. Returns whether anything changed.
pub fn adjust(doc: &mut Document, row: Row, id: FieldId, delta: i32) -> bool {
    if let Some(n) = number(doc, row, id) {
        let (lo, hi) = (*n.range.start(), *n.range.end());
        let value = n.value.clamp(lo, hi);
        let next = if delta < 0 {
            value.saturating_sub(n.step).max(lo)
        } else {
            value.saturating_add(n.step).min(hi)
        };
        // A value outside the range (from a file) comes back inside at once.
        let next = if n.value != value { value } else { next };
        if next != n.value {
            set_number(doc, row, id, next);
            return true;
        }
        return false;
    }
    match (row, id) {
        (Row::Program, FieldId::Level) => {
            let levels = [Level::Beginner, Level::Intermediate, Level::Advanced];
            let i = levels
                .iter()
                .position(|l| *l == doc.program.level)
                .unwrap_or(0);
            doc.program.level = levels[(i as i32 + delta).rem_euclid(3) as usize];
            true
        }
        (Row::Item(s, b, i), id) => {
            let Some(item) = doc.item_mut(s, b, i) else {
                return false;
            };
            match id {
                FieldId::Variant => {
                    item.dose = next_variant(item.dose, delta);
                    true
                }
                FieldId::PerSide => {
                    let d = &mut item.dose;
                    match d {
                        Dose::Reps { per_side, .. }
                        | Dose::Holds { per_side, .. }
                        | Dose::Time { per_side, .. } => *per_side = !*per_side,
                    }
                    true
                }
                FieldId::StepKind(k) => match item.progress.get(k).copied() {
                    Some(step) => {
                        item.progress[k] = next_step(step, item.dose, delta);
                        true
                    }
                    None => false,
                },
                FieldId::AddStep => {
                    let first = match item.dose {
                        Dose::Time { .. } => Step::AddTime { step: 0, up_to: 0 },
                        _ => Step::AddSets { up_to: 0 },
                    };
                    let step = if item.progress.is_empty() {
                        next_step(first, item.dose, 1)
                    } else {
                        next_step(Step::Harder, item.dose, 1)
                    };
                    item.progress.push(step);
                    true
                }
                _ => false,
            }
        }
        _ => false,
    }
}

/// Reps -> Holds -> Time and round, keeping sets, rest and sides.
fn next_variant(d: Dose, delta: i32) -> Dose {
    let (sets, rest, per_side) = (d.sets(), d.rest(), d.per_side());
    let reps = d.reps().unwrap_or(8);
    let reps_dose = Dose::Reps {
        sets,
        reps,
        rest,
        tempo: None,
        per_side,
    };
    let holds = Dose::Holds {
        sets,
        reps,
        hold: 5,
        rest,
        per_side,
    };
    let time = Dose::Time {
        secs: 60,
        sets,
        rest,
        per_side,
    };
    let order = [reps_dose, holds, time];
    let i: i32 = match d {
        Dose::Reps { .. } => 0,
        Dose::Holds { .. } => 1,
        Dose::Time { .. } => 2,
    };
    order[(i + delta).rem_euclid(3) as usize]
}

/// The next kind of progress step, with a sensible first cap for the dose.
fn next_step(step: Step, d: Dose, delta: i32) -> Step {
    let kinds = 4;
    let i: i32 = match step {
        Step::AddReps { .. } => 0,
        Step::AddTime { .. } => 1,
        Step::AddSets { .. } => 2,
        Step::Harder => 3,
    };
    match (i + delta).rem_euclid(kinds) {
        0 => Step::AddReps {
            step: 1,
            up_to: d
                .reps()
                .map_or(12, |r| (r + 4).clamp(12, *dose::REPS.end())),
        },
        1 => match d {
            Dose::Time { secs, .. } => Step::AddTime {
                step: 15,
                up_to: (secs * 2).min(*dose::SECS.end()),
            },
            Dose::Holds { hold, .. } => Step::AddTime {
                step: 1,
                up_to: (hold + 5).min(*dose::HOLD.end()),
            },
            _ => Step::AddTime { step: 1, up_to: 5 },
        },
        2 => Step::AddSets {
            up_to: (d.sets() + 1).clamp(3, *dose::SETS.end()),
        },
        _ => Step::Harder,
    }
}

fn step_name(s: &Step) -> &'static str {
    match s {
        Step::AddReps { .. } => "AddReps",
        Step::AddTime { .. } => "AddTime",
        Step::AddSets { .. } => "AddSets",
        Step::Harder => "Harder",
    }
}

fn range_hint(n: &Number, unit: &str) -> String {
    format!("{}-{}{unit}", n.range.start(), n.range.end())
}

/// The lines of the editor for `row`.
pub fn fields(doc: &Document, row: Row, catalog: Catalog) -> Vec<Field> {
    let mut out = Vec::new();
    let mut add = |id, label: &str, value: String, hint: String, kind| {
        out.push(Field {
            id,
            label: label.into(),
            value,
            hint,
            kind,
        })
    };
    let p = &doc.program;
    let numeric = |id: FieldId| number(doc, row, id);
    match row {
        Row::Program => {
            add(
                FieldId::Title,
                "title",
                p.title.clone(),
                "1-80 characters".into(),
                FieldKind::Text,
            );
            add(
                FieldId::Summary,
                "summary",
                p.summary.clone().unwrap_or_default(),
                "optional, one sentence".into(),
                FieldKind::Text,
            );
            add(
                FieldId::Author,
                "author",
                p.author.clone().unwrap_or_default(),
                "optional".into(),
                FieldKind::Text,
            );
            add(
                FieldId::Level,
                "level",
                p.level.label().into(),
                "Beginner, Intermediate, Advanced".into(),
                FieldKind::Choice,
            );
            for (id, label, unit) in [
                (FieldId::PerWeek, "per week", " sessions"),
                (FieldId::AdvanceAfter, "advance after", " clean sessions"),
            ] {
                if let Some(n) = numeric(id) {
                    add(
                        id,
                        label,
                        n.value.to_string(),
                        range_hint(&n, unit),
                        FieldKind::Number,
                    );
                }
            }
        }
        Row::Session(s) => {
            if let Some(session) = p.sessions.get(s) {
                add(
                    FieldId::SessionName,
                    "name",
                    session.name.clone(),
                    "1-80 characters".into(),
                    FieldKind::Text,
                );
            }
        }
        Row::Block(s, b) => {
            if let Some(block) = p.sessions.get(s).and_then(|x| x.blocks.get(b)) {
                add(
                    FieldId::BlockName,
                    "name",
                    block.name.clone(),
                    "1-80 characters".into(),
                    FieldKind::Text,
                );
                if let Some(n) = numeric(FieldId::Pick) {
                    add(
                        FieldId::Pick,
                        "pick",
                        if n.value == 0 {
                            "all".into()
                        } else {
                            n.value.to_string()
                        },
                        format!("all, or 1-{} at random each run", block.items.len()),
                        FieldKind::Number,
                    );
                }
            }
        }
        Row::Item(s, b, i) => {
            let Some(item) = doc.item(s, b, i) else {
                return out;
            };
            let d = item.dose;
            let variant = match d {
                Dose::Reps { .. } => "Reps",
                Dose::Holds { .. } => "Holds",
                Dose::Time { .. } => "Time",
            };
            add(
                FieldId::Variant,
                "dose",
                variant.into(),
                "Reps, Holds or Time".into(),
                FieldKind::Choice,
            );
            for (id, label, unit, about) in [
                (FieldId::Sets, "sets", "", ""),
                (FieldId::Reps, "reps", "", ""),
                (FieldId::Hold, "hold", " s", " s"),
                (FieldId::Secs, "time", " s", " s"),
                (FieldId::Rest, "rest", " s", " s between sets"),
            ] {
                if let Some(n) = numeric(id) {
                    add(
                        id,
                        label,
                        format!("{}{unit}", n.value),
                        range_hint(&n, about),
                        FieldKind::Number,
                    );
                }
            }
            if let Some(n) = numeric(FieldId::Tempo) {
                add(
                    FieldId::Tempo,
                    "tempo",
                    if n.value == 0 {
                        "none".into()
                    } else {
                        format!("{} s a rep", n.value)
                    },
                    "none, or 1-20 s a rep".into(),
                    FieldKind::Number,
                );
            }
            add(
                FieldId::PerSide,
                "per side",
                if d.per_side() { "yes" } else { "no" }.into(),
                "left, then right".into(),
                FieldKind::Toggle,
            );
            let mut current = catalog.get(&item.exercise);
            for (k, step) in item.progress.iter().enumerate() {
                let hint = match step {
                    Step::Harder => {
                        current = current
                            .and_then(|e| e.harder.as_deref())
                            .and_then(|h| catalog.get(h));
                        current.map_or("no harder variant".into(), |e| format!("to {}", e.name))
                    }
                    _ => "x removes the step".into(),
                };
                add(
                    FieldId::StepKind(k),
                    &format!("step {}", k + 1),
                    step_name(step).into(),
                    hint,
                    FieldKind::Choice,
                );
                if let Some(n) = numeric(FieldId::StepSize(k)) {
                    add(
                        FieldId::StepSize(k),
                        "  adding",
                        n.value.to_string(),
                        range_hint(&n, ""),
                        FieldKind::Number,
                    );
                }
                if let Some(n) = numeric(FieldId::StepCap(k)) {
                    add(
                        FieldId::StepCap(k),
                        "  up to",
                        n.value.to_string(),
                        range_hint(&n, ""),
                        FieldKind::Number,
                    );
                }
            }
            add(
                FieldId::AddStep,
                "+ progress",
                "add a step".into(),
                "Enter or a adds".into(),
                FieldKind::Action,
            );
        }
    }
    out
}
