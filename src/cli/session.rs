//! `upright` (the home screen), `upright run PROGRAM` and `upright assess`: open the coach in
//! the terminal.

use std::io::{IsTerminal, Write};
use std::time::Instant;

use super::options::Options;
use crate::common::paths::Paths;
use crate::common::text::clean_line;
use crate::program::sources::{self, Entry};
use crate::tui::{self, App};

fn app(cli: &Options, programs: Vec<Entry>) -> App {
    let mut app = App::new(programs, cli.paths(), cli.quiet, cli.seed);
    app.shared.voice_asked = cli.voice;
    app
}

pub(super) fn needs_terminal(err: &mut dyn Write) -> bool {
    if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        return false;
    }
    let _ = writeln!(
        err,
        "upright: the coach needs a terminal; for scripts use `upright check` or `upright library`"
    );
    true
}

/// Runs the coach in the terminal; once the terminal is given back, lists the events that
/// could never be written (so they are not lost with the process), and returns the exit
/// status: 0, or 128 + the signal that ended it.
pub(super) fn run_coach(app: &mut App, err: &mut dyn Write) -> u8 {
    let result = tui::run(app);
    let path = app.shared.journal_path().display().to_string();
    list_unsaved(&path, app.finish(), err);
    finish(result, err)
}

/// Lists the events that could never be written to the journal at `path`, on stderr.
pub(super) fn list_unsaved(
    path: &str,
    unsaved: &[crate::records::journal::Pending],
    err: &mut dyn Write,
) {
    if !unsaved.is_empty() {
        let _ = writeln!(
            err,
            "upright: {} event(s) could NOT be saved to the journal {path}. Here they are, one per line, to keep:",
            unsaved.len()
        );
        for p in unsaved {
            let _ = writeln!(err, "{}", p.line());
        }
    }
}

/// The exit status of a terminal session: 0, or 128 + the signal that ended it.
pub(super) fn finish(result: std::io::Result<tui::signals::Ending>, err: &mut dyn Write) -> u8 {
    match result {
        Ok(ending) => ending.status(),
        Err(e) => {
            let _ = writeln!(err, "upright: the terminal failed: {e}");
            2
        }
    }
}

/// The home screen: bundled programs, the person's own, and `--programs` folders.
pub fn home(cli: &Options, err: &mut dyn Write) -> u8 {
    if needs_terminal(err) {
        return 2;
    }
    run_coach(&mut app(cli, programs(cli)), err)
}

/// The programs the home screen offers: bundled, the person's own, and `--programs` folders.
pub(super) fn programs(cli: &Options) -> Vec<Entry> {
    let paths = Paths::resolve(cli.data_dir.clone());
    let mut dirs = vec![paths.user_programs()];
    dirs.extend(cli.programs.iter().cloned());
    sources::discover(&dirs)
}

/// The coach opened straight on a screen, with no home to go back to.
pub(super) fn direct_app(cli: &Options, programs: Vec<Entry>) -> App {
    let mut app = app(cli, programs);
    app.shared.direct = true;
    app
}

/// `upright assess`: an assessment straight away, with no home to go back to.
pub fn assess(cli: &Options, err: &mut dyn Write) -> u8 {
    if needs_terminal(err) {
        return 2;
    }
    let mut app = direct_app(cli, Vec::new());
    if let Some(holder) = &app.shared.read_only {
        let _ = writeln!(
            err,
            "upright: {} An assessment's results could not be saved here: do it there, or quit that one first.",
            holder.sentence()
        );
        return 2;
    }
    // An assessment plays no cues: nothing to look for a sound player for.
    app.shared.quiet = true;
    app.open_assessment();
    finish(tui::run(&mut app), err)
}

/// A session of one program, straight away; a program with errors is refused with them.
pub fn run(
    cli: &Options,
    program: &str,
    session: Option<&str>,
    theme: crate::tui::theme::Theme,
    err: &mut dyn Write,
) -> u8 {
    let (entry, index) = match resolve(program, session, err) {
        Ok(found) => found,
        Err(status) => return status,
    };
    let mut app = app(cli, vec![entry]);
    if let Some(h) = &app.shared.read_only {
        let _ = writeln!(
            err,
            "upright: {} A session can only start in that one. Meanwhile this one can show: `upright history`, `upright check FILE`, `upright show PROGRAM`.",
            h.sentence()
        );
        return 1;
    }
    if needs_terminal(err) {
        return 2;
    }
    app.shared.direct = true;
    app.shared.session = index;
    app.shared.theme = theme;
    app.start(Instant::now());
    run_coach(&mut app, err)
}

/// The program named on the command line, checked, and the index of the session asked for
/// (the first when none is). A program with errors, or no such session, is refused here with
/// the reason, and the exit status to return.
pub(super) fn resolve(
    program: &str,
    session: Option<&str>,
    err: &mut dyn Write,
) -> Result<(Entry, usize), u8> {
    let entry = match super::program_arg::load_safe(program, "run", err) {
        Ok(loaded) => Entry {
            origin: loaded.origin,
            checked: loaded.report.checked,
        },
        Err(status) => return Err(status),
    };
    let names: Vec<String> = entry
        .checked
        .program
        .as_ref()
        .map(|p| p.sessions.iter().map(|s| s.name.clone()).collect())
        .unwrap_or_default();
    let index = match session {
        None => 0,
        Some(name) => match names.iter().position(|n| n.eq_ignore_ascii_case(name)) {
            Some(i) => i,
            None => {
                let _ = writeln!(
                    err,
                    "upright: there is no session \"{}\"; this program has: {}",
                    clean_line(name),
                    names.join(", ")
                );
                return Err(2);
            }
        },
    };
    Ok((entry, index))
}
