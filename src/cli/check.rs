//! `upright check PATH...`: checks program files and folders and reports every problem with
//! its line, column, source line and fix, as text or JSON. Exit 0 clean (warnings allowed),
//! 1 when any file has an error, 2 when the check could not run.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::common::text::clean_line;
use crate::program::diagnostic::{Style, render};
use crate::program::{Checked, Diagnostic, Library};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub use crate::program::sources::{SourceError as CheckError, collect, read_limited};

/// One file's result, with the name it is reported under.
pub struct FileReport {
    pub name: String,
    pub checked: Checked,
}

pub fn check_file(path: &Path, library: &Library) -> Result<FileReport, CheckError> {
    let entry = crate::program::sources::load_file(path, library)?;
    Ok(FileReport {
        name: path.display().to_string(),
        checked: entry.checked,
    })
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: &'a str,
    #[serde(flatten)]
    diagnostic: &'a Diagnostic,
}

/// Runs the command and returns its exit status.
pub fn run(paths: &[PathBuf], format: Format, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let library = Library::bundled();
    let files = match collect(paths) {
        Ok(f) => f,
        Err(e) => {
            let _ = writeln!(err, "upright: {}", clean_line(&e.to_string()));
            return 2;
        }
    };
    let mut reports = Vec::new();
    let mut unreadable = false;
    for file in &files {
        match check_file(file, library) {
            Ok(r) => reports.push(r),
            Err(e) => {
                let _ = writeln!(err, "upright: {}", clean_line(&e.to_string()));
                unreadable = true;
            }
        }
    }
    let _ = match format {
        Format::Json => write_json(&reports, out),
        Format::Text => write_text(&reports, out, Style::stdout()),
    };
    if unreadable {
        2
    } else if reports.iter().any(|r| r.checked.has_errors()) {
        1
    } else {
        0
    }
}

fn write_json(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let all: Vec<JsonDiagnostic> = reports
        .iter()
        .flat_map(|r| {
            r.checked.diagnostics.iter().map(|d| JsonDiagnostic {
                file: &r.name,
                diagnostic: d,
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &all).map_err(io::Error::other)?;
    writeln!(out)
}

pub fn write_text(reports: &[FileReport], out: &mut dyn Write, style: Style) -> io::Result<()> {
    for r in reports {
        for d in &r.checked.diagnostics {
            writeln!(
                out,
                "{}",
                render(&r.name, r.checked.text.as_deref(), d, style)
            )?;
        }
        if let Some(program) = r.checked.safe_program() {
            let minutes: Vec<String> = program
                .sessions
                .iter()
                .map(|s| s.estimate_minutes().to_string())
                .collect();
            writeln!(
                out,
                "ok: {} \"{}\": {} session{}, about {} min",
                clean_line(&r.name),
                clean_line(&program.title),
                program.sessions.len(),
                if program.sessions.len() == 1 { "" } else { "s" },
                minutes.join("/"),
            )?;
        }
    }
    writeln!(out, "{}", summary(reports))
}

fn summary(reports: &[FileReport]) -> String {
    let failed = reports.iter().filter(|r| r.checked.has_errors()).count();
    let errors: usize = reports.iter().map(|r| r.checked.errors()).sum();
    let warnings: usize = reports.iter().map(|r| r.checked.warnings()).sum();
    let files = plural(reports.len(), "file");
    let problems = format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    );
    if failed == 0 {
        format!("checked {files}: all safe to run ({problems})")
    } else {
        format!(
            "checked {files}: {failed} refused ({problems}); a program with errors cannot be run"
        )
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
