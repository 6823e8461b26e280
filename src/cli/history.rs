//! `upright history`: the history screen, or with `--format csv|json` every event
//! of the journal (the profile's, with `--profile`) as rows for a physiotherapist's
//! spreadsheet. The export only reads the journal; it never changes it.

use std::io::Write;

use super::options::Options;
use super::session::{direct_app, needs_terminal, programs, run_coach};
use crate::common::calendar::{Calendar, parse_date};
use crate::records::export::{Rows, Writer};
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
        return run_coach(&mut app, err);
    };
    let path = cli.paths().data.join(Journal::FILE_NAME);
    let bounds = journal::Bounds::at(tui::clock::Wall::system().now());
    let reader = match journal::Reader::open(&path, 0, bounds) {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(
                err,
                "upright: cannot read the journal {}: {e}",
                path.display()
            );
            return 2;
        }
    };
    let calendar = Calendar::new(jiff::tz::TimeZone::system());
    let mut rows = Rows::new(since, &calendar, cli.profile.as_deref());
    let mut writer = match format {
        Format::Csv => Writer::csv(),
        Format::Json => Writer::json(),
    };
    // One record, one row at a time: a journal of any length costs the same memory.
    let written = (|| -> std::io::Result<Option<journal::Reader>> {
        writer.begin(out)?;
        let Some(mut reader) = reader else {
            writer.end(out)?;
            return Ok(None);
        };
        while let Some((_, record)) = reader.next_record()? {
            if let Some(row) = rows.row(&record) {
                writer.row(&row, out)?;
            }
        }
        if let Some(record) = reader.torn().and_then(|t| t.whole_record(&bounds))
            && let Some(row) = rows.row(&record)
        {
            writer.row(&row, out)?;
        }
        writer.end(out)?;
        Ok(Some(reader))
    })();
    if let Ok(Some(reader)) = &written {
        if let Some(torn) = reader.torn().filter(|t| t.whole_record(&bounds).is_none()) {
            let _ = writeln!(
                err,
                "upright: note: the journal's last line is cut off ({} bytes, from a crash) and is left out; upright sets it aside the next time it starts",
                torn.len
            );
        }
        if let Some(note) = reader.tally().skipped_note() {
            let _ = writeln!(err, "upright: note: {note}");
        }
    }
    let written = written.map(|_| ());
    match written.and_then(|()| out.flush()) {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            let _ = writeln!(err, "upright: {e}");
            2
        }
    }
}
