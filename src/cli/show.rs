//! `upright show PROGRAM [--format text|markdown|html]`: the patient handout for a program
//! file or a bundled program, on standard output. A program with errors is refused with its
//! diagnostics (exit 1): a handout is only ever printed for a program that can be run.

use std::io::Write;

use super::program_arg;
use crate::output::handout::{self, Handout};
use crate::program::{Catalog, Library};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Plain text, 80 columns wide.
    Text,
    /// Markdown, for notes or conversion.
    Markdown,
    /// One self-contained, print-friendly HTML file (one session a page).
    Html,
}

/// The width of the text handout: a terminal, and a printed page at 12 pt.
pub const TEXT_WIDTH: usize = 80;

/// Runs the command and returns its exit status.
pub fn run(program: &str, format: Format, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let loaded = match program_arg::load_safe(program, "shown", err) {
        Ok(l) => l,
        Err(status) => return status,
    };
    let Some(p) = loaded.safe() else {
        return 1;
    };
    let h = Handout::new(p, &Catalog::new(Library::bundled(), &p.exercises));
    let text = match format {
        Format::Text => handout::text(&h, TEXT_WIDTH),
        Format::Markdown => handout::markdown(&h),
        Format::Html => handout::html(&h),
    };
    super::status::status(out.write_all(text.as_bytes()))
}
