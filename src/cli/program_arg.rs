//! A PROGRAM argument (`show PROGRAM`, `new --from PROGRAM`): the path of a program file, or
//! the name of a bundled program. Either way the program is loaded and checked, and one that
//! fails the checker is refused with its diagnostics.

use std::io::Write;

use super::check::{FileReport, write_text};
use crate::common::text::clean_line;
use crate::program::Program;
use crate::program::diagnostic::Style;
use crate::program::sources::{self, SourceError};

pub use crate::program::sources::Origin;

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

/// A file path first (when something is there), else a bundled program's name.
pub fn load(arg: &str) -> Result<Loaded, SourceError> {
    let entry = sources::resolve(arg)?;
    Ok(Loaded {
        report: FileReport {
            name: entry.origin.label(),
            checked: entry.checked,
        },
        origin: entry.origin,
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
            let _ = write_text(std::slice::from_ref(&loaded.report), err, Style::stderr());
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
