//! `upright history`: the history screen, or with `--format csv|json` every set and check-in
//! of the journal (the profile's, with `--profile`) as rows for a physiotherapist's
//! spreadsheet. The export only reads the journal; it never changes it.

use std::io::Write;

use super::options::Options;
use super::session::{direct_app, finish, needs_terminal, programs};
use crate::common::calendar::{Calendar, parse_date};
use crate::records::export::{rows, write_csv, write_json};
use crate::records::journal::{self, Journal};
use crate::tui;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Json,
}

/// `--since`: a date "2026-11-20" (a day in the person's time zone).
pub fn parse_since(text: &str) -> Result<i64, String> {
    parse_date(text)
        .ok_or_else(|| format!("\"{text}\" is not a date: use YYYY-MM-DD, such as 2026-11-20"))
}

pub fn run(
    cli: &Options,
    format: Option<Format>,
    since: Option<i64>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let Some(format) = format else {
        if needs_terminal(err) {
            let _ = writeln!(
                err,
                "upright: for a spreadsheet, use `upright history --format csv` (or json)"
            );
            return 2;
        }
        let mut app = direct_app(cli, programs(cli));
        app.open_history();
        return finish(tui::run(&mut app), err);
    };
    let path = cli.paths().data.join(Journal::FILE_NAME);
    let loaded = match journal::inspect(&path) {
        Ok(l) => l,
        Err(e) => {
            let _ = writeln!(
                err,
                "upright: cannot read the journal {}: {e}",
                path.display()
            );
            return 2;
        }
    };
    if let Some(torn) = &loaded.torn {
        let _ = writeln!(
            err,
            "upright: note: the journal's last line is cut off ({} bytes, from a crash) and is left out; upright sets it aside the next time it starts",
            torn.bytes
        );
    }
    if loaded.unknown > 0 {
        let _ = writeln!(
            err,
            "upright: note: {} line(s) of the journal are from a newer upright or damaged, and are left out",
            loaded.unknown
        );
    }
    let rows = rows(
        &loaded.records,
        since,
        &Calendar::new(jiff::tz::TimeZone::system()),
        cli.profile.as_deref(),
    );
    let written = match format {
        Format::Csv => write_csv(&rows, out),
        Format::Json => write_json(&rows, out),
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            let _ = writeln!(err, "upright: {e}");
            2
        }
    }
}
