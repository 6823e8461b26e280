//! The command line: arguments (clap derive) and which command runs. Each command lives in
//! its own module and returns an exit status; `main` only calls `run`.

pub mod check;
pub mod history;
pub mod library;
pub mod session;

use std::io;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "upright",
    version,
    about = "A terminal coach for safe spinal strength training with osteoporosis",
    long_about = "A terminal coach for safe spinal strength training with osteoporosis.\n\nupright coaches; it does not diagnose. Ask a health professional before you start a new exercise program."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Also offer the programs in this folder on the home screen (may be repeated).
    #[arg(long, global = true, value_name = "DIR")]
    pub programs: Vec<PathBuf>,
    /// Keep the journal and settings here instead of the usual data folder
    /// (also UPRIGHT_DATA_DIR).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// No sound (terminal bell).
    #[arg(long, global = true)]
    pub quiet: bool,
    /// Seed for the random choice of exercises, to repeat a run exactly.
    #[arg(long, global = true)]
    pub seed: Option<u64>,
    /// Keep a separate journal for this person (lowercase letters, digits, hyphens), so
    /// several people can use upright on one machine.
    #[arg(long, global = true, value_name = "NAME", value_parser = crate::paths::profile_name)]
    pub profile: Option<String>,
}

impl Cli {
    /// Where this command line keeps things: `--data-dir`, then `--profile`.
    pub fn paths(&self) -> crate::paths::Paths {
        crate::paths::Paths::resolve(self.data_dir.clone()).for_profile(self.profile.as_deref())
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a session of a program at once (a file, or a bundled program's name).
    Run {
        /// A program file, or the name of a bundled program (see `upright` with no arguments).
        program: String,
        /// The session to run (default: the first).
        #[arg(long)]
        session: Option<String>,
    },
    /// Check program files and folders for safety and format errors.
    Check {
        /// Program files or folders (searched recursively for .ron files).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Output as readable text or as a JSON array for tools.
        #[arg(long, value_enum, default_value_t = check::Format::Text)]
        format: check::Format,
    },
    /// Show the history: weeks, check-ins, levels and the weekly dose (a screen), or every set
    /// and check-in as CSV or JSON for a physiotherapist's spreadsheet.
    History {
        /// Print rows instead of opening the screen.
        #[arg(long, value_enum)]
        format: Option<history::Format>,
        /// Only rows on or after this date (YYYY-MM-DD, UTC).
        #[arg(long, value_name = "DATE", value_parser = history::parse_since, requires = "format")]
        since: Option<i64>,
    },
    /// List the bundled exercises (id, name, kinds, spine, impact).
    Library {
        /// Only exercises of this kind.
        #[arg(long, value_enum)]
        kind: Option<library::KindArg>,
    },
}

/// Runs the parsed command line and returns the process exit status.
pub fn run(cli: Cli) -> u8 {
    let mut out = io::stdout().lock();
    let mut err = io::stderr().lock();
    match cli.command {
        Some(Command::Check { ref paths, format }) => check::run(paths, format, &mut out, &mut err),
        Some(Command::Library { kind }) => status(library::run(kind.map(Into::into), &mut out)),
        Some(Command::History { format, since }) => {
            history::run(&cli, format, since, &mut out, &mut err)
        }
        Some(Command::Run {
            ref program,
            ref session,
        }) => session::run(&cli, program, session.as_deref(), &mut err),
        None => session::home(&cli, &mut err),
    }
}

fn status(result: io::Result<()>) -> u8 {
    match result {
        Ok(()) => 0,
        // A closed pipe (`upright library | head`) is not a failure worth a message.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("upright: {e}");
            2
        }
    }
}
