//! The command line: arguments (clap derive) and which command runs. Each command lives in
//! its own module and returns an exit status; `main` only calls `run`.

pub mod check;
pub mod class;
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
    /// Show a session on a big screen for a room: an instructor leads a group class.
    Class {
        /// A program file, or the name of a bundled program (such as group-class).
        program: String,
        /// The session to run (default: the first).
        #[arg(long)]
        session: Option<String>,
        /// Colours: the colour-blind-safe default, or bold white on black for projectors.
        #[arg(long, value_enum, default_value_t)]
        theme: class::ThemeArg,
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
        Some(Command::Run {
            ref program,
            ref session,
        }) => session::run(&cli, program, session.as_deref(), &mut err),
        Some(Command::Class {
            ref program,
            ref session,
            theme,
        }) => class::run(&cli, program, session.as_deref(), theme, &mut err),
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
