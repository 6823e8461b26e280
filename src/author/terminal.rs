//! The author screen in a terminal. The coach's terminal loop (`tui::run`) drives it, so it
//! gets the same set-up and restore (on quit, panic, Ctrl-C, SIGTERM, SIGHUP and SIGINT) and
//! draws only after a key or a resize. This module carries out what a key asks for (save,
//! quit) and, when a signal ends the editing with changes not saved, keeps them in a side file
//! beside the program, to be named on stderr once the terminal is back.

use std::io;
use std::path::{Path, PathBuf};
use std::time::Instant;

use ratatui::crossterm::event::KeyEvent;

use super::state::{App, Effect};
use crate::tui::Shell;

/// The author screen while it runs in the terminal.
pub struct Editing<'a> {
    pub app: App,
    path: &'a Path,
    quit: bool,
    /// A signal ended it while changes were unsaved: where they were kept, or why they
    /// could not be.
    pub rescued: Option<io::Result<PathBuf>>,
}

impl<'a> Editing<'a> {
    pub fn new(app: App, path: &'a Path) -> Self {
        Editing {
            app,
            path,
            quit: false,
            rescued: None,
        }
    }
}

/// Writes the program to `path`, replacing the file atomically.
pub fn save(app: &mut App, path: &Path) {
    let result = crate::common::files::replace(path, app.doc.text().as_bytes());
    app.saved(result);
}

/// The side file for the unsaved changes to `path`: `NAME.unsaved` beside it (not `.ron`,
/// so no folder of programs picks it up as a program).
pub fn rescue_path(path: &Path) -> PathBuf {
    let name = path.file_name().map_or_else(
        || "program.ron".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    path.with_file_name(format!("{name}.unsaved"))
}

/// Keeps the program as it is on screen: beside the file, or in the temporary folder when
/// that folder cannot be written.
pub fn rescue(app: &App, path: &Path) -> io::Result<PathBuf> {
    let text = app.doc.text();
    let beside = rescue_path(path);
    match crate::common::files::replace(&beside, text.as_bytes()) {
        Ok(()) => Ok(beside),
        Err(first) => {
            let name = beside
                .file_name()
                .map_or_else(|| "program.ron.unsaved".into(), |n| n.to_owned());
            let elsewhere = std::env::temp_dir().join(name);
            crate::common::files::replace(&elsewhere, text.as_bytes())
                .map(|()| elsewhere)
                .map_err(|_| first)
        }
    }
}

impl Shell for Editing<'_> {
    fn tick(&mut self, _now: Instant) {}

    fn key(&mut self, key: KeyEvent, _now: Instant) {
        match self.app.handle(key) {
            Effect::None => {}
            Effect::Quit => self.quit = true,
            Effect::Save => {
                save(&mut self.app, self.path);
                self.quit = self.app.should_quit_after_save();
            }
        }
    }

    /// SIGTERM, SIGHUP or SIGINT: there is no one to ask, so unsaved changes go to the side
    /// file (never over the program itself, which the person did not ask to save).
    fn interrupt(&mut self) {
        if self.app.dirty {
            self.rescued = Some(rescue(&self.app, self.path));
        }
        self.quit = true;
    }

    fn next_wake(&self, _now: Instant) -> Option<Instant> {
        None
    }

    fn draw(&self, frame: &mut ratatui::Frame, _now: Instant) {
        frame.render_widget(&self.app, frame.area());
    }

    fn should_quit(&self) -> bool {
        self.quit
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::author::document::Document;
    use crate::program::{Library, check_source};

    fn editing(path: &Path) -> Editing<'_> {
        let text = crate::cli::new::template_for(path);
        let checked = check_source(text.as_bytes(), Library::bundled());
        let doc = Document::read(&text, checked.program.unwrap());
        Editing::new(App::new("knees.ron", doc, Library::bundled()), path)
    }

    #[test]
    fn a_signal_with_unsaved_changes_keeps_them_beside_the_file_and_never_over_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("knees.ron");
        std::fs::write(&path, "the file as it was").unwrap();
        let mut e = editing(&path);
        e.app.doc.program.title = "Changed".into();
        e.app.dirty = true;
        e.interrupt();
        assert!(e.should_quit());
        let kept = e.rescued.unwrap().unwrap();
        assert_eq!(kept, dir.path().join("knees.ron.unsaved"));
        let text = std::fs::read_to_string(&kept).unwrap();
        assert!(text.contains("title: \"Changed\""), "{text}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "the file as it was"
        );
    }

    #[test]
    fn a_signal_with_nothing_unsaved_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("knees.ron");
        let mut e = editing(&path);
        e.interrupt();
        assert!(e.should_quit() && e.rescued.is_none());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_folder_that_cannot_be_written_sends_the_changes_to_the_temporary_folder() {
        let dir = tempfile::tempdir().unwrap();
        // A folder that does not exist cannot be written, even by root; the name is unique
        // so that tests running at once never share a side file.
        let unique = dir
            .path()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let path = dir.path().join("gone").join(format!("{unique}.ron"));
        let mut e = editing(&path);
        e.app.dirty = true;
        e.interrupt();
        let kept = e.rescued.unwrap().unwrap();
        assert_eq!(
            kept,
            std::env::temp_dir().join(format!("{unique}.ron.unsaved"))
        );
        assert!(std::fs::read_to_string(&kept).unwrap().contains("Program("));
        std::fs::remove_file(kept).unwrap();
    }
}
