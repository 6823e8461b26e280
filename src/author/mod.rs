//! `upright author FILE`: building a program in the terminal, for those who would rather not
//! type RON. `app` holds the state and turns keys into changes, `ui` draws it, `document`
//! keeps the program and its comments in step; this module opens the file, runs the event
//! loop (drawing only after something changed) and saves atomically.

pub mod app;
pub mod document;
pub mod figure;
pub mod ui;

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};

pub use app::{App, Effect};
pub use document::Document;

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
    Ok(app)
}

/// Writes the program to `path`, replacing the file atomically.
pub fn save(app: &mut App, path: &Path) {
    let result = crate::common::files::replace(path, app.doc.text().as_bytes());
    app.saved(result);
}

/// Runs the command and returns its exit status.
pub fn run(path: &Path, err: &mut dyn Write) -> u8 {
    let mut app = match open(path) {
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
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            ratatui::restore();
            let _ = writeln!(err, "upright: cannot use this terminal: {e}");
            return 2;
        }
    };
    let result = event_loop(&mut terminal, &mut app, path);
    ratatui::restore();
    match result {
        Ok(()) => 0,
        Err(e) => {
            let _ = writeln!(err, "upright: {}", clean_line(&e.to_string()));
            2
        }
    }
}

/// Waits for a key (there are no timers on this screen), handles every event already
/// waiting, then draws once, inside a synchronized update so the screen never flickers.
fn event_loop(terminal: &mut DefaultTerminal, app: &mut App, path: &Path) -> io::Result<()> {
    let mut redraw = true;
    loop {
        if redraw {
            execute!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
            terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
            execute!(terminal.backend_mut(), EndSynchronizedUpdate)?;
            redraw = false;
        }
        let mut next = Some(event::read()?);
        while let Some(ev) = next.take() {
            match ev {
                // Key releases and repeats are not presses; only presses act.
                Event::Key(key) if key.kind == KeyEventKind::Press => {
                    redraw = true;
                    match app.handle(key) {
                        Effect::None => {}
                        Effect::Quit => return Ok(()),
                        Effect::Save => {
                            save(app, path);
                            if app.should_quit_after_save() {
                                return Ok(());
                            }
                        }
                    }
                }
                Event::Resize(..) => redraw = true,
                _ => {}
            }
            if event::poll(std::time::Duration::ZERO)? {
                next = Some(event::read()?);
            }
        }
    }
}
