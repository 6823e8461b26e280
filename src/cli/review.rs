//! `upright review DIR`: for a clinic that receives patients' journals, one row per patient,
//! those who need attention first (red flags, sharp pain, an assessment below its norm, no
//! session for two weeks, falling adherence, an overdue reassessment): a table on screen, or
//! CSV or JSON (`--format`; CSV too when the output is not a terminal). A
//! patient is a `NAME.jsonl` file in DIR, or a folder `NAME/` holding a `journal.jsonl` (so a
//! data folder's `profiles/` can be reviewed as it is). Journals are only read.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::options::Options;
use super::report::{available, read, runnables};
use super::session::programs;
use crate::records::export::csv_field;
use crate::records::journal::Journal;
use crate::records::report::Builder;
use crate::records::review::{Patient, REVIEW_DAYS, triage};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One row per patient, with a header line.
    #[default]
    Csv,
    /// A JSON array of patients.
    Json,
}

/// The patients' journals in `dir`, by name, in name order.
pub fn journals(dir: &Path) -> io::Result<Vec<(String, PathBuf)>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            let inner = path.join(Journal::FILE_NAME);
            if inner.is_file() {
                found.push((name, inner));
            }
        } else if let Some(stem) = name.strip_suffix(".jsonl")
            && !stem.is_empty()
            && path.is_file()
        {
            found.push((stem.to_owned(), path));
        }
    }
    found.sort();
    Ok(found)
}

pub fn run(
    cli: &Options,
    dir: &Path,
    format: Option<Format>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let found = match journals(dir) {
        Ok(f) => f,
        Err(e) => {
            let _ = writeln!(
                err,
                "upright: cannot read the folder {}: {e}",
                dir.display()
            );
            return 2;
        }
    };
    if found.is_empty() {
        let _ = writeln!(
            err,
            "upright: no journals in {}: put each patient's journal there as NAME.jsonl, or in a folder NAME/journal.jsonl",
            dir.display()
        );
        return 2;
    }
    let wall = crate::tui::clock::Wall::system();
    let calendar = wall.calendar();
    let today = calendar.day(wall.now());
    let runnables = runnables(&programs(cli));
    let available = available(&runnables);
    let mut patients = Vec::new();
    let mut unreadable = 0;
    for (name, path) in &found {
        let Some(loaded) = read(path, err) else {
            unreadable += 1;
            continue;
        };
        let mut b = Builder::new(today - REVIEW_DAYS + 1, today, &available, &calendar);
        for r in &loaded.records {
            b.feed(r);
        }
        let shown = crate::common::text::clean_line(name);
        let file = path.display().to_string();
        patients.push(Patient::new(
            &shown,
            &crate::common::text::clean_line(&file),
            &b.finish(),
            today,
            (loaded.tally.unknown + loaded.tally.out_of_bounds + loaded.tally.too_long) as usize
                + usize::from(loaded.torn.is_some()),
        ));
    }
    triage(&mut patients);
    let on_screen = format.is_none() && io::stdout().is_terminal() && io::stdin().is_terminal();
    if on_screen {
        let folder = crate::common::text::clean_line(&dir.display().to_string()).into_owned();
        let mut review = crate::tui::review::Review::new(patients, folder, today, unreadable);
        return match super::session::finish(crate::tui::run(&mut review), err) {
            0 if unreadable > 0 => 1,
            status => status,
        };
    }
    let written = match format.unwrap_or_default() {
        Format::Csv => write_csv(&patients, out),
        Format::Json => serde_json::to_writer_pretty(&mut *out, &patients)
            .map_err(io::Error::other)
            .and_then(|()| writeln!(out)),
    };
    let status = super::status::status(written.and_then(|()| out.flush()));
    if status == 0 && unreadable > 0 {
        1
    } else {
        status
    }
}

/// The CSV header.
pub const HEADER: [&str; 10] = [
    "rank",
    "patient",
    "attention",
    "reasons",
    "last_session",
    "sessions_4_weeks",
    "planned_4_weeks",
    "next_assessment",
    "unreadable_lines",
    "file",
];

pub fn write_csv(patients: &[Patient], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", HEADER.join(","))?;
    for (i, p) in patients.iter().enumerate() {
        let reasons: Vec<String> = p
            .reasons
            .iter()
            .map(|r| format!("{}: {}", r.concern.label(), r.detail))
            .collect();
        let fields = [
            (i + 1).to_string(),
            p.name.clone(),
            p.first_concern().map_or("none", |c| c.label()).to_owned(),
            reasons.join("; "),
            p.last_session.clone().unwrap_or_default(),
            p.sessions_4_weeks.to_string(),
            p.planned_4_weeks.map_or(String::new(), |n| n.to_string()),
            p.next_assessment.to_owned(),
            p.unreadable_lines.to_string(),
            p.file.clone(),
        ];
        let fields: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        writeln!(out, "{}", fields.join(","))?;
    }
    Ok(())
}
