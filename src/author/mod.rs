//! `upright author FILE`: building a program in the terminal, for those who would rather not
//! type RON. The screen's state (`state`) is changed by keys through one table per pane or
//! window (`keys`; `outline`, `library`, `editor`, `dialogs`), the editor's lines and values
//! are `fields` and `values`, the live checks are `checks`, `draw` lays it out, `document`
//! keeps the program and its comments in step, and `terminal` runs it in the coach's terminal
//! loop. This module opens the file and reports how the editing ended.

pub mod checks;
pub mod dialogs;
pub mod document;
pub mod draw;
pub mod editor;
pub mod fields;
pub mod figure;
pub mod keys;
pub mod library;
pub mod outline;
pub mod rows;
pub mod state;
pub mod terminal;
pub mod values;
pub mod widgets;

use std::io::{self, IsTerminal, Write};
use std::path::Path;

pub use document::Document;
pub use state::{App, Effect};
pub use terminal::{rescue_path, save};

use crate::cli::check::{FileReport, read_limited, write_text};
use crate::common::text::clean_line;
use crate::program::{Library, check_source};

/// Why a file cannot be opened for editing.
pub enum OpenError {
    /// Nothing could be read (exit 2).
    Unreadable(String),
    /// The text is not a program that reads (syntax, encoding, ...): exit 1 with diagnostics.
    NotAProgram(Box<FileReport>),
}

/// The app for `path`: the file as it is, or the template when there is no file yet.
pub fn open(path: &Path) -> Result<App, OpenError> {
    let name = path.display().to_string();
    let library = Library::bundled();
    let (text, is_new) = match read_limited(path) {
        Ok(bytes) => {
            let checked = check_source(&bytes, library);
            match (checked.program.clone(), checked.text.clone()) {
                (Some(program), Some(text)) => (Some((program, text)), false),
                _ => {
                    return Err(OpenError::NotAProgram(Box::new(FileReport {
                        name,
                        checked,
                    })));
                }
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => (None, true),
        Err(e) => return Err(OpenError::Unreadable(format!("cannot read `{name}`: {e}"))),
    };
    let doc = match text {
        Some((program, text)) => Document::read(&text, program),
        None => {
            let text = crate::cli::new::template_for(path);
            let checked = check_source(text.as_bytes(), library);
            let Some(program) = checked.program else {
                return Err(OpenError::Unreadable("the template does not load".into()));
            };
            Document::read(&text, program)
        }
    };
    let mut app = App::new(
        path.file_name()
            .map_or_else(|| name.clone(), |n| n.to_string_lossy().into_owned()),
        doc,
        library,
    );
    if is_new {
        app.dirty = true;
        app.status =
            "A new program from the template: nothing is written until you save (s).".into();
    }
    let rescued = rescue_path(path);
    if rescued.exists() {
        app.status = format!(
            "{} holds changes kept when an earlier edit was stopped: rename it to {} to use them.",
            rescued
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            app.name
        );
    }
    Ok(app)
}

/// Runs the command and returns its exit status.
pub fn run(path: &Path, err: &mut dyn Write) -> u8 {
    let app = match open(path) {
        Ok(app) => app,
        Err(OpenError::Unreadable(why)) => {
            let _ = writeln!(err, "upright: {}", clean_line(&why));
            return 2;
        }
        Err(OpenError::NotAProgram(report)) => {
            let _ = write_text(
                std::slice::from_ref(&*report),
                err,
                crate::program::diagnostic::Style::stderr(),
            );
            let _ = writeln!(
                err,
                "upright: `{}` does not read as a program, so it cannot be edited here; fix it first (`upright check --watch` shows the problem as you type), or start a new file",
                clean_line(&report.name)
            );
            return 1;
        }
    };
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        let _ = writeln!(
            err,
            "upright: `upright author` needs a terminal; to work without one, edit the file and run `upright check --watch`"
        );
        return 2;
    }
    let mut editing = terminal::Editing::new(app, path);
    let result = crate::tui::run(&mut editing);
    if let Some(rescued) = editing.rescued {
        let name = clean_line(&path.display().to_string()).into_owned();
        match rescued {
            Ok(kept) => {
                let kept = clean_line(&kept.display().to_string()).into_owned();
                let _ = writeln!(
                    err,
                    "upright: author was stopped with unsaved changes; they are kept in {kept} ({name} is as it was last saved). To use them: mv '{kept}' '{name}'"
                );
            }
            Err(e) => {
                let _ = writeln!(
                    err,
                    "upright: author was stopped with unsaved changes, and they could not be kept ({e}); {name} is as it was last saved"
                );
            }
        }
        return 1;
    }
    match result {
        Ok(ending) => ending.status(),
        Err(e) => {
            let _ = writeln!(err, "upright: {}", clean_line(&e.to_string()));
            2
        }
    }
}
