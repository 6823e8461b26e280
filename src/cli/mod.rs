//! The command line: arguments (clap derive) and which command runs. Each command lives in
//! its own module and returns an exit status; `main` only calls `run`.

pub mod check;
pub mod explain;
pub mod library;
pub mod new;
pub mod program_arg;
pub mod show;
pub mod watch;

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::bundled;
use crate::text::clean_line;

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
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check program files and folders for safety and format errors.
    Check {
        /// Program files or folders (searched recursively for .ron files).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Output as readable text or as a JSON array for tools.
        #[arg(long, value_enum, default_value_t = check::Format::Text)]
        format: check::Format,
        /// Check again whenever a file is saved, showing the result in place (Ctrl-C stops).
        #[arg(long, conflicts_with = "format")]
        watch: bool,
    },
    /// List the bundled exercises (id, name, kinds, spine, impact).
    Library {
        /// Only exercises of this kind.
        #[arg(long, value_enum)]
        kind: Option<library::KindArg>,
    },
    /// Explain a diagnostic code: what it means, why the rule exists, and an example.
    Explain {
        /// The code, such as dose-range or error[dose-range]; leave it out to list them all.
        #[arg(value_name = "CODE")]
        code: Option<String>,
    },
    /// Build or edit a program in the terminal: add exercises, set doses, see checks live.
    Author {
        /// The program file to edit; a new one starts from the template.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Start a new program file from a commented template or from an existing program.
    New {
        /// The program file to write, such as my-program.ron.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Start from this bundled program (`upright` lists them) or program file.
        #[arg(long, value_name = "PROGRAM")]
        from: Option<String>,
        /// Replace FILE if it already exists.
        #[arg(long)]
        force: bool,
    },
    /// Print a patient handout: weekly plan, exercises with dose and cues, check-ins, red flags.
    Show {
        /// A program file, or the name of a bundled program.
        #[arg(value_name = "PROGRAM")]
        program: String,
        /// Plain text, Markdown, or one print-friendly HTML file.
        #[arg(long, value_enum, default_value_t = show::Format::Text)]
        format: show::Format,
    },
}

/// Runs the parsed command line and returns the process exit status.
pub fn run(cli: Cli) -> u8 {
    let mut out = io::stdout().lock();
    let mut err = io::stderr().lock();
    match cli.command {
        Some(Command::Check { paths, watch, .. }) if watch => {
            watch::run(&paths, &mut out, &mut err)
        }
        Some(Command::Check { paths, format, .. }) => {
            check::run(&paths, format, &mut out, &mut err)
        }
        Some(Command::Library { kind }) => status(library::run(kind.map(Into::into), &mut out)),
        Some(Command::Author { file }) => crate::author::run(&file, &mut err),
        Some(Command::Explain { code }) => explain::run(code.as_deref(), &mut out, &mut err),
        Some(Command::Show { program, format }) => show::run(&program, format, &mut out, &mut err),
        Some(Command::New { file, from, force }) => {
            new::run(&file, from.as_deref(), force, &mut out, &mut err)
        }
        None => status(list_programs(&mut out)),
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

fn list_programs(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "Bundled programs:\n")?;
    for b in bundled::programs() {
        let checked = b.check();
        match checked.safe_program() {
            Some(p) => {
                let minutes: Vec<String> = p
                    .sessions
                    .iter()
                    .map(|s| s.estimate_minutes().to_string())
                    .collect();
                writeln!(
                    out,
                    "  {:<24} {} ({}, {}x a week, about {} min)",
                    b.name,
                    clean_line(&p.title),
                    p.level.label(),
                    p.per_week,
                    minutes.join("/")
                )?;
            }
            None => writeln!(out, "  {:<24} has errors: run `upright check`", b.name)?,
        }
    }
    writeln!(
        out,
        "\nCheck your own programs with `upright check FILE`; list exercises with `upright library`."
    )
}
