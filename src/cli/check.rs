//! `upright check PATH...`: checks program files and folders and reports every problem with
//! its line, column, source line and fix, as text or JSON. Exit 0 clean (warnings allowed),
//! 1 when any file has an error, 2 when the check could not run.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::program::diagnostic::{Style, render};
use crate::program::source::MAX_BYTES;
use crate::program::{Checked, Diagnostic, Library, check_source};
use crate::text::clean_line;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Why the check could not run at all (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error("cannot find `{0}`: no such file or folder")]
    Missing(String),
    #[error("cannot read `{0}`: {1}")]
    Unreadable(String, io::Error),
    #[error("`{0}` holds no .ron program files")]
    NoPrograms(String),
}

/// One file's result, with the name it is reported under.
pub struct FileReport {
    pub name: String,
    pub checked: Checked,
}

/// Every `.ron` file under the given paths, in a stable order. Named files are taken whatever
/// their extension; folders are searched recursively (symbolic links to folders are not
/// followed, so a link loop cannot trap the search).
pub fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, CheckError> {
    let mut files = Vec::new();
    for path in paths {
        let shown = path.display().to_string();
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => CheckError::Missing(shown.clone()),
            _ => CheckError::Unreadable(shown.clone(), e),
        })?;
        if meta.is_dir() {
            let before = files.len();
            walk(path, &mut files).map_err(|e| CheckError::Unreadable(shown.clone(), e))?;
            if files.len() == before {
                return Err(CheckError::NoPrograms(shown));
            }
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(&path, files)?;
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
            && std::fs::metadata(&path).is_ok_and(|m| m.is_file())
        {
            files.push(path);
        }
    }
    Ok(())
}

/// Reads at most one byte past the limit, so a huge file is refused without loading it all.
pub fn read_limited(path: &Path) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

pub fn check_file(path: &Path, library: &Library) -> Result<FileReport, CheckError> {
    let name = path.display().to_string();
    let bytes = read_limited(path).map_err(|e| CheckError::Unreadable(name.clone(), e))?;
    Ok(FileReport {
        name,
        checked: check_source(&bytes, library),
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
        Format::Text => write_text(&reports, out, style_for_stdout()),
    };
    if unreadable {
        2
    } else if reports.iter().any(|r| r.checked.has_errors()) {
        1
    } else {
        0
    }
}

fn style_for_stdout() -> Style {
    if io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        Style::COLOR
    } else {
        Style::PLAIN
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
