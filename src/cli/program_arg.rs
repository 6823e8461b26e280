//! A PROGRAM argument (`show PROGRAM`, `new --from PROGRAM`): the path of a program file, or
//! the name of a bundled program. Either way the program is loaded and checked, and one that
//! fails the checker is refused with its diagnostics.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::check::{CheckError, FileReport, check_file, write_text};
use crate::bundled;
use crate::program::diagnostic::Style;
use crate::program::{Library, Program};
use crate::text::{clean_line, closest};

/// Where a program came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    File(PathBuf),
    Bundled(&'static str),
}

/// A loaded, checked program (it may still have errors: see [`Loaded::safe`]).
pub struct Loaded {
    pub origin: Origin,
    pub report: FileReport,
}

impl Loaded {
    /// The program, when it passed the checker.
    pub fn safe(&self) -> Option<&Program> {
        self.report.checked.safe_program()
    }

    /// The program text as loaded (line ends normalised to `\n`).
    pub fn text(&self) -> Option<&str> {
        self.report.checked.text.as_deref()
    }
}

/// Why a PROGRAM argument could not be loaded at all (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum ProgramArgError {
    #[error("there is no program file or bundled program called `{name}`{hint}")]
    NotFound { name: String, hint: String },
    #[error("`{0}` is a folder: give one program file, or the name of a bundled program")]
    Folder(String),
    #[error(transparent)]
    Read(#[from] CheckError),
}

/// A file path first (when something is there), else a bundled program's name.
pub fn load(arg: &str) -> Result<Loaded, ProgramArgError> {
    let path = Path::new(arg);
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.is_dir() {
            return Err(ProgramArgError::Folder(arg.to_owned()));
        }
        let report = check_file(path, Library::bundled())?;
        return Ok(Loaded {
            origin: Origin::File(path.to_path_buf()),
            report,
        });
    }
    if let Some(b) = bundled::find(arg) {
        return Ok(Loaded {
            origin: Origin::Bundled(b.name),
            report: FileReport {
                name: b.name.to_owned(),
                checked: b.check(),
            },
        });
    }
    let names = bundled::programs().iter().map(|b| b.name);
    let hint = match closest(arg, names.clone()) {
        Some(n) => format!("; did you mean `{n}`?"),
        None => format!(
            "; the bundled programs are: {}",
            names.collect::<Vec<_>>().join(", ")
        ),
    };
    Err(ProgramArgError::NotFound {
        name: arg.to_owned(),
        hint,
    })
}

/// Loads a PROGRAM argument that must pass the checker. On failure the reason (and, for a
/// program with errors, its diagnostics) is written to `err`, and the exit status returned:
/// 1 for a program with errors, 2 when it could not be loaded.
pub fn load_safe(arg: &str, what: &str, err: &mut dyn Write) -> Result<Loaded, u8> {
    match load(arg) {
        Err(e) => {
            let _ = writeln!(err, "upright: {}", clean_line(&e.to_string()));
            Err(2)
        }
        Ok(loaded) if loaded.safe().is_none() => {
            let _ = write_text(std::slice::from_ref(&loaded.report), err, stderr_style());
            let _ = writeln!(
                err,
                "upright: `{}` has errors, so it cannot be {what}; fix them first (`upright check --watch {}` re-checks on every save)",
                clean_line(arg),
                clean_line(arg),
            );
            Err(1)
        }
        Ok(loaded) => Ok(loaded),
    }
}

/// Colours for diagnostics written to standard error.
pub fn stderr_style() -> Style {
    if io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        Style::COLOR
    } else {
        Style::PLAIN
    }
}
