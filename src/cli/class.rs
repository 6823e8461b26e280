//! `upright class PROGRAM`: the group class display, a big screen an instructor runs for a
//! room. The program is resolved and refused exactly as `upright run` does.

use std::io::Write;
use std::time::Instant;

use super::options::Options;
use super::session::{finish, list_unsaved, needs_terminal, resolve};
use crate::common::text::clean_line;
use crate::records::journal::Journal;
use crate::tui::{self, Class, class, theme::Theme};

/// The class display's colours.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemeArg {
    /// Colour-blind-safe blue and orange; words and symbols carry every meaning.
    #[default]
    Default,
    /// Bold white on black with no greys, for projectors and washed-out screens.
    HighContrast,
}

impl From<ThemeArg> for Theme {
    fn from(t: ThemeArg) -> Theme {
        match t {
            ThemeArg::Default => Theme::default(),
            ThemeArg::HighContrast => Theme::high_contrast(),
        }
    }
}

pub fn run(
    cli: &Options,
    program: &str,
    session: Option<&str>,
    theme: ThemeArg,
    err: &mut dyn Write,
) -> u8 {
    let (entry, index) = match resolve(program, session, err) {
        Ok(found) => found,
        Err(status) => return status,
    };
    let Some(program) = entry.checked.safe_program() else {
        return 1; // `resolve` has refused a program with errors already
    };
    let session = program.sessions.get(index).map(|s| s.name.as_str());
    let seed = cli.seed.unwrap_or_else(rand::random);
    let plan = match class::plan_class(program, session, seed) {
        Ok(p) => p,
        Err(e) => {
            let _ = writeln!(err, "upright: {}", clean_line(&e.to_string()));
            return 2;
        }
    };
    // The instructor's own profile's journal (and its lock), like every other subcommand.
    let paths = cli.paths();
    if let Some(h) = crate::records::journal::holder_of(&paths.data) {
        let _ = writeln!(
            err,
            "upright: {} A class would be recorded in the same journal, so it can only start once that one ends.",
            h.sentence()
        );
        return 1;
    }
    if needs_terminal(err) {
        return 2;
    }
    let mut class = Class::new(
        plan,
        entry.origin.label(),
        &paths,
        theme.into(),
        cli.quiet,
        Instant::now(),
    );
    class.voice = cli.voice;
    let result = tui::run(&mut class);
    let path = paths.data.join(Journal::FILE_NAME).display().to_string();
    list_unsaved(&path, class.finish(), err);
    finish(result, err)
}
