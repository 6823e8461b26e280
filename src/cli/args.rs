//! The command line's words (clap derive): every command with only the options it takes, so
//! each `--help`, shell completion and man page lists what applies. Options written before a
//! command (`upright --profile bob history`) go to it when it takes them, and are refused with
//! a clear error when it does not; with no command they are the home screen's.

use std::path::PathBuf;

use clap::builder::ValueHint;
use clap::parser::ValueSource;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

pub use super::options::Options;
use super::{check, class, history, library, report, review, show};

#[derive(Debug, Parser)]
#[command(
    name = "upright",
    version,
    about = "A terminal coach for safe spinal strength training with osteoporosis",
    long_about = "A terminal coach for safe spinal strength training with osteoporosis.\n\nWith no command, opens the home screen: choose a program and a session.\n\nupright coaches; it does not diagnose. Ask a health professional before you start a new exercise program.",
    after_help = "Options written before a command go to that command when it takes them (`upright --profile bob history`). `upright COMMAND --help` lists each command's own options."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub programs: Programs,
    #[command(flatten)]
    pub data_dir: DataDir,
    #[command(flatten)]
    pub profile: Profile,
    #[command(flatten)]
    pub coach: Coach,
}

/// `--programs`: more programs to offer.
#[derive(Debug, Clone, Default, Args)]
pub struct Programs {
    /// Also offer the programs in this folder (may be repeated).
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub programs: Vec<PathBuf>,
}

/// `--data-dir`: where the journal is kept.
#[derive(Debug, Clone, Default, Args)]
pub struct DataDir {
    /// Keep the journal and settings here instead of the usual data folder
    /// (also UPRIGHT_DATA_DIR).
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub data_dir: Option<PathBuf>,
}

/// `--profile`: whose journal.
#[derive(Debug, Clone, Default, Args)]
pub struct Profile {
    /// Keep a separate journal for this person (lowercase letters, digits, hyphens), so
    /// several people can use upright on one machine.
    #[arg(long, value_name = "NAME", value_parser = crate::common::paths::profile_name)]
    pub profile: Option<String>,
}

/// `--quiet`, `--voice` and `--seed`: how a session runs.
#[derive(Debug, Clone, Default, Args)]
pub struct Coach {
    /// Nothing heard: no tones, no speech, no bell.
    #[arg(long)]
    pub quiet: bool,
    /// Speak the cues aloud for this run (in a session, `v` turns speech on or off and keeps
    /// it); the class display speaks only when asked.
    #[arg(long, conflicts_with = "quiet")]
    pub voice: bool,
    /// Seed for the random choice of exercises, to repeat a run exactly.
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a session of a program at once (a file, or a bundled program's name).
    Run {
        /// A program file, or the name of a bundled program (see `upright` with no arguments).
        #[arg(value_name = "PROGRAM", value_hint = ValueHint::FilePath)]
        program: String,
        /// The session to run (default: the first).
        #[arg(long)]
        session: Option<String>,
        /// Colours: the colour-blind-safe default, or bold white on black for a washed-out
        /// screen or tired eyes.
        #[arg(long, value_enum, default_value_t)]
        theme: class::ThemeArg,
        #[command(flatten)]
        data_dir: DataDir,
        #[command(flatten)]
        profile: Profile,
        #[command(flatten)]
        coach: Coach,
    },
    /// Measure strength and balance: a guided assessment (30-second chair stand, timed up
    /// and go, 4-stage balance, single-leg stance, 2-minute step test, and with a helper
    /// occiput-to-wall and height), each result against the figures for your age.
    Assess {
        #[command(flatten)]
        data_dir: DataDir,
        #[command(flatten)]
        profile: Profile,
    },
    /// Show a session on a big screen for a room: an instructor leads a group class.
    Class {
        /// A program file, or the name of a bundled program (such as group-class).
        #[arg(value_name = "PROGRAM", value_hint = ValueHint::FilePath)]
        program: String,
        /// The session to run (default: the first).
        #[arg(long)]
        session: Option<String>,
        /// Colours: the colour-blind-safe default, or bold white on black for projectors.
        #[arg(long, value_enum, default_value_t)]
        theme: class::ThemeArg,
        #[command(flatten)]
        data_dir: DataDir,
        /// The class is recorded in this profile's journal.
        #[command(flatten)]
        profile: Profile,
        #[command(flatten)]
        coach: Coach,
    },
    /// Check program files and folders for safety and format errors.
    Check {
        /// Program files or folders (searched recursively for .ron files).
        #[arg(required = true, value_name = "PATH", value_hint = ValueHint::AnyPath)]
        paths: Vec<PathBuf>,
        /// Output as readable text or as a JSON array for tools.
        #[arg(long, value_enum, default_value_t = check::Format::Text)]
        format: check::Format,
        /// Check again whenever a file is saved, showing the result in place (Ctrl-C stops).
        #[arg(long, conflicts_with = "format")]
        watch: bool,
    },
    /// Show the history: weeks, check-ins, levels and the weekly dose (a screen), or every
    /// event of the journal as CSV or JSON for a physiotherapist's spreadsheet.
    History {
        /// Print rows instead of opening the screen.
        #[arg(long, value_enum)]
        format: Option<history::Format>,
        /// Only rows on or after this date (YYYY-MM-DD, UTC).
        #[arg(long, value_name = "DATE", value_parser = history::parse_since, requires = "format")]
        since: Option<i64>,
        #[command(flatten)]
        programs: Programs,
        #[command(flatten)]
        data_dir: DataDir,
        #[command(flatten)]
        profile: Profile,
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
        #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
        journal: Option<PathBuf>,
        /// Write the report to FILE instead of standard output.
        #[arg(long, short, value_name = "FILE", value_hint = ValueHint::FilePath)]
        output: Option<PathBuf>,
        #[command(flatten)]
        programs: Programs,
        #[command(flatten)]
        data_dir: DataDir,
        #[command(flatten)]
        profile: Profile,
    },
    /// For a clinic: the journals in DIR (patients' journal.jsonl files, or folders holding
    /// one), the patients who need attention first.
    Review {
        /// A folder of journals: NAME.jsonl files, or NAME/journal.jsonl folders.
        #[arg(value_name = "DIR", value_hint = ValueHint::DirPath)]
        dir: PathBuf,
        /// A CSV table or a JSON array; without it, a table on screen (CSV when the output
        /// is not a terminal).
        #[arg(long, value_enum)]
        format: Option<review::Format>,
        #[command(flatten)]
        programs: Programs,
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
        #[arg(value_name = "FILE", value_hint = ValueHint::FilePath)]
        file: PathBuf,
    },
    /// Start a new program file from a commented template or from an existing program.
    New {
        /// The program file to write, such as my-program.ron.
        #[arg(value_name = "FILE", value_hint = ValueHint::FilePath)]
        file: PathBuf,
        /// Start from this bundled program (`upright` lists them) or program file.
        #[arg(long, value_name = "PROGRAM", value_hint = ValueHint::FilePath)]
        from: Option<String>,
        /// Replace FILE if it already exists.
        #[arg(long)]
        force: bool,
    },
    /// Print a patient handout: weekly plan, exercises with dose and cues, check-ins, red flags.
    Show {
        /// A program file, or the name of a bundled program.
        #[arg(value_name = "PROGRAM", value_hint = ValueHint::FilePath)]
        program: String,
        /// Plain text, Markdown, or one print-friendly HTML file.
        #[arg(long, value_enum, default_value_t = show::Format::Text)]
        format: show::Format,
    },
    /// Print a shell completion script (see the README for where to put it).
    Completions {
        /// The shell to complete upright's commands and options in.
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the manual page, or write one page for upright and each command into a folder.
    Man {
        /// Write upright.1 and upright-COMMAND.1 into this folder instead of printing upright.1.
        #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
        dir: Option<PathBuf>,
    },
}

/// Folding each command's option structs into the [`Options`] in force.
impl Options {
    fn programs(&mut self, p: Programs) {
        self.programs.extend(p.programs);
    }

    fn data_dir(&mut self, d: DataDir) {
        self.data_dir = d.data_dir.or(self.data_dir.take());
    }

    fn profile(&mut self, p: Profile) {
        self.profile = p.profile.or(self.profile.take());
    }

    fn coach(&mut self, c: Coach) {
        self.quiet |= c.quiet;
        self.voice |= c.voice;
        self.seed = c.seed.or(self.seed);
    }
}

/// A parsed command line: the command (none for the home screen) and its options.
#[derive(Debug)]
pub struct Invocation {
    pub command: Option<Command>,
    pub options: Options,
}

/// The process's command line (`--help`, `--version` and errors exit here, as clap does).
pub fn parse() -> Invocation {
    parse_from(std::env::args_os()).unwrap_or_else(|e| e.exit())
}

/// Parses `args` (the program's name first). An option written before a command that the
/// command does not take is an error naming it, never silently ignored.
pub fn parse_from<I, T>(args: I) -> Result<Invocation, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let mut cmd = Cli::command();
    let matches = cmd.try_get_matches_from_mut(args)?;
    if let Some((name, _)) = matches.subcommand() {
        let sub = cmd.find_subcommand(name).expect("clap parsed this command");
        let refused = cmd
            .get_arguments()
            .filter(|a| {
                matches!(
                    matches.value_source(a.get_id().as_str()),
                    Some(ValueSource::CommandLine)
                )
            })
            .find(|a| !sub.get_arguments().any(|b| b.get_id() == a.get_id()))
            .map(|a| a.get_long().unwrap_or(a.get_id().as_str()).to_owned());
        if let Some(long) = refused {
            let msg = format!(
                "`--{long}` does not apply to `upright {name}`; see `upright {name} --help` for its options"
            );
            return Err(cmd.error(clap::error::ErrorKind::ArgumentConflict, msg));
        }
    }
    let cli = Cli::from_arg_matches(&matches)?;
    let mut options = Options::default();
    options.programs(cli.programs);
    options.data_dir(cli.data_dir);
    options.profile(cli.profile);
    options.coach(cli.coach);
    let mut command = cli.command;
    match &mut command {
        Some(Command::Run {
            data_dir,
            profile,
            coach,
            ..
        }) => {
            options.data_dir(std::mem::take(data_dir));
            options.profile(std::mem::take(profile));
            options.coach(std::mem::take(coach));
        }
        Some(Command::Assess { data_dir, profile }) => {
            options.data_dir(std::mem::take(data_dir));
            options.profile(std::mem::take(profile));
        }
        Some(Command::Class {
            data_dir,
            profile,
            coach,
            ..
        }) => {
            options.data_dir(std::mem::take(data_dir));
            options.profile(std::mem::take(profile));
            options.coach(std::mem::take(coach));
        }
        Some(Command::History {
            programs,
            data_dir,
            profile,
            ..
        })
        | Some(Command::Report {
            programs,
            data_dir,
            profile,
            ..
        }) => {
            options.programs(std::mem::take(programs));
            options.data_dir(std::mem::take(data_dir));
            options.profile(std::mem::take(profile));
        }
        Some(Command::Review { programs, .. }) => {
            options.programs(std::mem::take(programs));
        }
        _ => {}
    }
    Ok(Invocation { command, options })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &str) -> Result<Invocation, clap::Error> {
        parse_from(line.split_whitespace())
    }

    fn options(line: &str) -> Options {
        match parse(line) {
            Ok(i) => i.options,
            Err(e) => panic!("{line}: {e}"),
        }
    }

    #[test]
    fn the_definitions_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn options_before_or_after_the_command_are_the_same() {
        let after = options("upright run p.ron --quiet --seed 7 --data-dir d --profile ann");
        let before = options("upright --quiet --seed 7 --data-dir d --profile ann run p.ron");
        assert_eq!(after, before);
        assert_eq!(
            after,
            Options {
                programs: vec![],
                data_dir: Some("d".into()),
                profile: Some("ann".into()),
                quiet: true,
                voice: false,
                seed: Some(7),
            }
        );
        assert_eq!(
            options("upright --profile bob history").profile.as_deref(),
            Some("bob")
        );
    }

    #[test]
    fn the_later_value_wins_and_folders_add_up() {
        let o = options("upright --seed 1 run p.ron --seed 2").seed;
        assert_eq!(o, Some(2));
        let o = options("upright --programs a history --programs b");
        assert_eq!(o.programs, [PathBuf::from("a"), PathBuf::from("b")]);
    }

    #[test]
    fn an_option_a_command_does_not_take_is_refused_by_name() {
        for (line, option) in [
            ("upright --seed 7 check p.ron", "--seed"),
            ("upright --programs x run p.ron", "--programs"),
            ("upright --quiet history", "--quiet"),
            ("upright --data-dir d library", "--data-dir"),
        ] {
            let e = parse(line).expect_err(line);
            assert_eq!(e.kind(), clap::error::ErrorKind::ArgumentConflict);
            let text = e.to_string();
            assert!(
                text.contains(&format!("`{option}` does not apply")),
                "{text}"
            );
        }
        // After the command, clap itself refuses it.
        let e = parse("upright check p.ron --seed 7").expect_err("refused");
        assert_eq!(e.kind(), clap::error::ErrorKind::UnknownArgument);
    }

    /// Each command's help names exactly the shared options it takes.
    #[test]
    fn each_help_lists_only_the_options_that_apply() {
        let shared = [
            "--programs",
            "--data-dir",
            "--profile",
            "--quiet",
            "--voice",
            "--seed",
        ];
        let expect: &[(&str, &[&str])] = &[
            (
                "run",
                &["--data-dir", "--profile", "--quiet", "--voice", "--seed"],
            ),
            ("assess", &["--data-dir", "--profile"]),
            (
                "class",
                &["--data-dir", "--profile", "--quiet", "--voice", "--seed"],
            ),
            ("history", &["--programs", "--data-dir", "--profile"]),
            ("report", &["--programs", "--data-dir", "--profile"]),
            ("review", &["--programs"]),
            ("check", &[]),
            ("library", &[]),
            ("explain", &[]),
            ("author", &[]),
            ("new", &[]),
            ("show", &[]),
            ("completions", &[]),
            ("man", &[]),
        ];
        let mut cmd = Cli::command();
        let top = cmd.render_help().to_string();
        for option in shared {
            assert!(top.contains(option), "the home screen takes {option}");
        }
        let names: Vec<String> = cmd
            .get_subcommands()
            .map(|s| s.get_name().to_owned())
            .filter(|n| n != "help")
            .collect();
        assert_eq!(names.len(), expect.len(), "{names:?}");
        for (name, takes) in expect {
            let help = cmd
                .find_subcommand_mut(name)
                .unwrap()
                .render_help()
                .to_string();
            for option in shared {
                assert_eq!(
                    help.contains(option),
                    takes.contains(&option),
                    "upright {name} --help and {option}:\n{help}"
                );
            }
        }
    }
}
