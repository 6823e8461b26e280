//! The command line: arguments (clap derive) and which command runs. Each command lives in
//! its own module and returns an exit status; `main` only calls `run`.

pub mod check;
pub mod class;
pub mod explain;
pub mod history;
pub mod library;
pub mod new;
pub mod program_arg;
pub mod report;
pub mod review;
pub mod session;
pub mod show;
pub mod watch;

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
    #[arg(long, global = true, value_name = "NAME", value_parser = crate::common::paths::profile_name)]
    pub profile: Option<String>,
}

impl Cli {
    /// Where this command line keeps things: `--data-dir`, then `--profile`.
    pub fn paths(&self) -> crate::common::paths::Paths {
        crate::common::paths::Paths::resolve(self.data_dir.clone())
            .for_profile(self.profile.as_deref())
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
        /// Check again whenever a file is saved, showing the result in place (Ctrl-C stops).
        #[arg(long, conflicts_with = "format")]
        watch: bool,
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
    /// Write the clinician's report of the journal over a date range: adherence, doses, pain
    /// and effort, red flags, day-after answers, skipped work, assessments against their
    /// norms and the weekly dose against the guidance (one printable HTML page, or Markdown).
    Report {
        /// First day (YYYY-MM-DD, in this computer's time zone); default: 12 weeks before --until.
        #[arg(long, value_name = "DATE", value_parser = history::parse_since)]
        since: Option<i64>,
        /// Last day (YYYY-MM-DD); default: today.
        #[arg(long, value_name = "DATE", value_parser = history::parse_since)]
        until: Option<i64>,
        /// One self-contained HTML page, or Markdown.
        #[arg(long, value_enum, default_value_t)]
        format: report::Format,
        /// Report on this journal file (one a patient sent) instead of the profile's.
        #[arg(long, value_name = "FILE")]
        journal: Option<PathBuf>,
        /// Write the report to FILE instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// For a clinic: the journals in DIR (patients' journal.jsonl files, or folders holding
    /// one), the patients who need attention first.
    Review {
        /// A folder of journals: NAME.jsonl files, or NAME/journal.jsonl folders.
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// A CSV table or a JSON array.
        #[arg(long, value_enum, default_value_t)]
        format: review::Format,
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
        Some(Command::History { format, since }) => {
            history::run(&cli, format, since, &mut out, &mut err)
        }
        Some(Command::Report {
            since,
            until,
            format,
            ref journal,
            ref output,
        }) => {
            let args = report::Args {
                since,
                until,
                format,
                journal: journal.clone(),
                output: output.clone(),
            };
            report::run(&cli, &args, &mut out, &mut err)
        }
        Some(Command::Review { ref dir, format }) => {
            review::run(&cli, dir, format, &mut out, &mut err)
        }
        Some(Command::Author { file }) => crate::author::run(&file, &mut err),
        Some(Command::Explain { code }) => explain::run(code.as_deref(), &mut out, &mut err),
        Some(Command::Show { program, format }) => show::run(&program, format, &mut out, &mut err),
        Some(Command::New { file, from, force }) => {
            new::run(&file, from.as_deref(), force, &mut out, &mut err)
        }
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
