//! The command line: its words (`args`, clap derive) and which command runs. Each command
//! lives in its own module and returns an exit status; `main` only parses and calls `run`.

pub mod args;
pub mod check;
pub mod class;
pub mod explain;
pub mod history;
pub mod library;
pub mod new;
pub mod options;
pub mod program_arg;
pub mod report;
pub mod review;
pub mod session;
pub mod shell;
pub mod show;
pub mod status;
pub mod watch;

use std::io;

pub use args::{Cli, Command, Invocation, parse, parse_from};
pub use options::Options;
use status::status;

/// Runs the parsed command line and returns the process exit status.
pub fn run(invocation: Invocation) -> u8 {
    let Invocation { command, options } = invocation;
    let cli = &options;
    let mut out = io::stdout().lock();
    let mut err = io::stderr().lock();
    match command {
        Some(Command::Check { paths, watch, .. }) if watch => {
            watch::run(&paths, &mut out, &mut err)
        }
        Some(Command::Check { paths, format, .. }) => {
            check::run(&paths, format, &mut out, &mut err)
        }
        Some(Command::Library { kind }) => status(library::run(kind.map(Into::into), &mut out)),
        Some(Command::History { format, since, .. }) => {
            history::run(cli, format, since, &mut out, &mut err)
        }
        Some(Command::Report {
            since,
            until,
            format,
            journal,
            output,
            ..
        }) => {
            let args = report::Args {
                since,
                until,
                format,
                journal,
                output,
            };
            report::run(cli, &args, &mut out, &mut err)
        }
        Some(Command::Review { dir, format, .. }) => {
            review::run(cli, &dir, format, &mut out, &mut err)
        }
        Some(Command::Author { file }) => crate::author::run(&file, &mut err),
        Some(Command::Explain { code }) => explain::run(code.as_deref(), &mut out, &mut err),
        Some(Command::Show { program, format }) => show::run(&program, format, &mut out, &mut err),
        Some(Command::New { file, from, force }) => {
            new::run(&file, from.as_deref(), force, &mut out, &mut err)
        }
        Some(Command::Run {
            program,
            session,
            theme,
            ..
        }) => session::run(cli, &program, session.as_deref(), theme.into(), &mut err),
        Some(Command::Assess { .. }) => session::assess(cli, &mut err),
        Some(Command::Class {
            program,
            session,
            theme,
            ..
        }) => class::run(cli, &program, session.as_deref(), theme, &mut err),
        Some(Command::Completions { shell }) => status(shell::completions(shell, &mut out)),
        Some(Command::Man { dir: None }) => status(shell::man(&mut out)),
        Some(Command::Man { dir: Some(dir) }) => shell::man_pages(&dir, &mut out, &mut err),
        None => session::home(cli, &mut err),
    }
}
