//! `upright` (the home screen) and `upright run PROGRAM`: open the coach in the terminal.

use std::io::{IsTerminal, Write};
use std::time::Instant;

use super::Cli;
use crate::paths::Paths;
use crate::sources::{self, Entry};
use crate::text::clean_line;
use crate::tui::{self, App};

fn app(cli: &Cli, programs: Vec<Entry>) -> App {
    App::new(
        programs,
        Paths::resolve(cli.data_dir.clone()),
        cli.quiet,
        cli.seed,
    )
}

fn needs_terminal(err: &mut dyn Write) -> bool {
    if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        return false;
    }
    let _ = writeln!(
        err,
        "upright: the coach needs a terminal; for scripts use `upright check` or `upright library`"
    );
    true
}

fn finish(result: std::io::Result<()>, err: &mut dyn Write) -> u8 {
    match result {
        Ok(()) => 0,
        Err(e) => {
            let _ = writeln!(err, "upright: the terminal failed: {e}");
            2
        }
    }
}

/// The home screen: bundled programs, the person's own, and `--programs` folders.
pub fn home(cli: &Cli, err: &mut dyn Write) -> u8 {
    if needs_terminal(err) {
        return 2;
    }
    let paths = Paths::resolve(cli.data_dir.clone());
    let mut dirs = vec![paths.user_programs()];
    dirs.extend(cli.programs.iter().cloned());
    let programs = sources::discover(&dirs);
    finish(tui::run(&mut app(cli, programs)), err)
}

/// A session of one program, straight away; a program with errors is refused with them.
pub fn run(cli: &Cli, program: &str, session: Option<&str>, err: &mut dyn Write) -> u8 {
    let entry = match super::program_arg::load_safe(program, "run", err) {
        Ok(loaded) => Entry {
            origin: loaded.origin,
            checked: loaded.report.checked,
        },
        Err(status) => return status,
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
                return 2;
            }
        },
    };
    if needs_terminal(err) {
        return 2;
    }
    let mut app = app(cli, vec![entry]);
    app.direct = true;
    app.session = index;
    app.start(Instant::now());
    finish(tui::run(&mut app), err)
}
