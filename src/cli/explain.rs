//! `upright explain [CODE]`: what a diagnostic code means, why the rule exists and a before
//! and after example; with no code, the list of every code. An unknown code exits 2 with the
//! codes closest to it.

use std::io::{self, Write};

use crate::common::text::clean_line;
use crate::output::explain::{close_codes, explain, parse_code, render_text};
use crate::program::Code;

/// Explanations are wrapped to this width: they read well in a terminal and in a pager.
const WIDTH: usize = 80;

/// Runs the command and returns its exit status.
pub fn run(code: Option<&str>, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let Some(input) = code else {
        return super::status::status(list(out));
    };
    match parse_code(input) {
        Some(code) => {
            super::status::status(out.write_all(render_text(&explain(code), WIDTH).as_bytes()))
        }
        None => {
            let shown = clean_line(input);
            let close = close_codes(input);
            let _ = match close.as_slice() {
                [] => writeln!(
                    err,
                    "upright: `{shown}` is not a diagnostic code; `upright explain` lists them all"
                ),
                [one] => writeln!(
                    err,
                    "upright: `{shown}` is not a diagnostic code; did you mean `{one}`?"
                ),
                many => writeln!(
                    err,
                    "upright: `{shown}` is not a diagnostic code; close ones are: {}",
                    many.iter()
                        .map(|c| format!("`{c}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            2
        }
    }
}

fn list(out: &mut dyn Write) -> io::Result<()> {
    let width = Code::ALL
        .iter()
        .map(|c| c.as_str().len())
        .max()
        .unwrap_or(0);
    writeln!(
        out,
        "Diagnostic codes (errors stop a program from running; warnings do not):\n"
    )?;
    for &c in Code::ALL {
        writeln!(
            out,
            "  {:<width$}  {:<7}  {}",
            c.as_str(),
            c.severity().label(),
            c.title()
        )?;
    }
    writeln!(
        out,
        "\nRun `upright explain CODE` for what one means, why, and an example."
    )
}
