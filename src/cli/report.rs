//! `upright report`: the clinician's report of a journal (the profile's, with `--profile`, or a
//! journal file a patient sent, with `--journal`) over a date range, as one self-contained
//! printable HTML page or as Markdown. The journal is read one record at a time and never
//! changed.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::options::Options;
use super::session::programs;
use crate::common::files;
use crate::output::report::{document, html, markdown};
use crate::program::sources::Entry;
use crate::records::history::Available;
use crate::records::journal::{self, Journal, Loaded};
use crate::records::report::Builder;
use crate::training::runnable::Runnable;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One self-contained, printable HTML page with charts.
    #[default]
    Html,
    /// Markdown: the same sections and tables, for notes.
    Markdown,
}

/// The weeks a report covers when `--since` is not given.
pub const DEFAULT_WEEKS: i64 = 12;

/// What to report on.
#[derive(Debug, Clone)]
pub struct Args {
    pub since: Option<i64>,
    pub until: Option<i64>,
    pub format: Format,
    pub journal: Option<PathBuf>,
    pub output: Option<PathBuf>,
}

/// The programs that are here and can run, with how the journal names each.
pub(super) fn runnables(entries: &[Entry]) -> Vec<(Runnable, String)> {
    entries
        .iter()
        .filter_map(|e| {
            e.checked
                .safe_program()
                .map(|p| (Runnable::new(p.clone()), e.origin.label()))
        })
        .collect()
}

/// The available programs, for their plans and their own exercises.
pub(super) fn available(runnables: &[(Runnable, String)]) -> Vec<Available<'_>> {
    runnables
        .iter()
        .map(|(runnable, source)| Available {
            runnable,
            source: source.clone(),
        })
        .collect()
}

/// Reads a journal for a report or a review, saying on `err` what was left out. `None`
/// (after saying why) when it cannot be read.
pub(super) fn read(path: &Path, err: &mut dyn Write) -> Option<Loaded> {
    let bounds = journal::Bounds::at(crate::tui::clock::Wall::system().now());
    match journal::inspect(path, bounds) {
        Ok(l) => {
            if let Some(torn) = &l.torn {
                let _ = writeln!(
                    err,
                    "upright: note: {}: the last line is cut off ({} bytes, from a crash) and is left out",
                    path.display(),
                    torn.len
                );
            }
            if let Some(note) = l.tally.skipped_note() {
                let _ = writeln!(err, "upright: note: {}: {note}", path.display());
            }
            Some(l)
        }
        Err(e) => {
            let _ = writeln!(
                err,
                "upright: cannot read the journal {}: {e}",
                path.display()
            );
            None
        }
    }
}

pub fn run(cli: &Options, args: &Args, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let wall = crate::tui::clock::Wall::system();
    let calendar = wall.calendar();
    let today = calendar.day(wall.now());
    let until = args.until.unwrap_or(today);
    let since = args.since.unwrap_or(until - DEFAULT_WEEKS * 7 + 1);
    if since > until {
        let _ = writeln!(
            err,
            "upright: --since ({}) is after --until ({}): nothing to report",
            crate::common::calendar::date_text(since),
            crate::common::calendar::date_text(until)
        );
        return 2;
    }
    let (path, who) = match &args.journal {
        Some(p) => (
            p.clone(),
            p.file_stem()
                .map_or("journal".into(), |s| s.to_string_lossy().into_owned()),
        ),
        None => (
            cli.paths().data.join(Journal::FILE_NAME),
            cli.profile.clone().unwrap_or_else(|| "your journal".into()),
        ),
    };
    if args.journal.is_some() && !path.is_file() {
        let _ = writeln!(err, "upright: there is no journal file {}", path.display());
        return 2;
    }
    let Some(loaded) = read(&path, err) else {
        return 2;
    };
    let runnables = runnables(&programs(cli));
    let available = available(&runnables);
    let mut builder = Builder::new(since, until, &available, &calendar);
    for r in &loaded.records {
        builder.feed(r);
    }
    let doc = document(
        &builder.finish(),
        &crate::common::text::clean_line(&who),
        today,
    );
    let text = match args.format {
        Format::Html => html(&doc),
        Format::Markdown => markdown(&doc),
    };
    match &args.output {
        Some(file) => match files::replace(file, text.as_bytes()) {
            Ok(()) => {
                let _ = writeln!(err, "upright: wrote the report to {}", file.display());
                0
            }
            Err(e) => {
                let _ = writeln!(err, "upright: cannot write {}: {e}", file.display());
                2
            }
        },
        None => super::status::status(out.write_all(text.as_bytes()).and_then(|()| out.flush())),
    }
}
