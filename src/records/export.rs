//! The export for a physiotherapist's spreadsheet (`upright history --format csv|json`): every
//! set and check-in of the journal as a row, dated in the person's time zone. Pure: records
//! in, rows out; the writers only write what they are given.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::common::calendar::{Calendar, Day, date_text, parse_stamp};
use crate::records::journal::{Event, Record};

/// One row for a physiotherapist's spreadsheet: a set done, or a check-in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// Date and time in the person's time zone: "2026-11-20", "16:00:00".
    pub date: String,
    pub time: String,
    pub program: String,
    pub session: String,
    /// The session's id (its start in milliseconds since 1970): rows of one session share it.
    pub run: u64,
    /// "set" or "check_in".
    pub kind: &'static str,
    pub item: String,
    pub exercise: String,
    pub set: Option<u32>,
    pub side: Option<&'static str>,
    pub level: Option<u32>,
    /// The dose in words: "2 x 8 reps, 4 s a rep, rest 1 min".
    pub dose: Option<String>,
    /// 1 nothing or muscles working, 2 mild ache, 3 stronger soreness, 4 sharp pain.
    pub feeling: Option<u8>,
    pub feeling_label: Option<&'static str>,
    /// Borg CR10, 0-10.
    pub effort: Option<u8>,
}

impl Row {
    pub const HEADER: [&'static str; 15] = [
        "date",
        "time",
        "program",
        "session",
        "run",
        "kind",
        "item",
        "exercise",
        "set",
        "side",
        "level",
        "dose",
        "feeling",
        "feeling_label",
        "effort",
    ];

    fn fields(&self) -> [String; 15] {
        fn opt<T: ToString>(v: &Option<T>) -> String {
            v.as_ref().map_or(String::new(), T::to_string)
        }
        [
            self.date.clone(),
            self.time.clone(),
            self.program.clone(),
            self.session.clone(),
            self.run.to_string(),
            self.kind.to_owned(),
            self.item.clone(),
            self.exercise.clone(),
            opt(&self.set),
            opt(&self.side),
            opt(&self.level),
            opt(&self.dose),
            opt(&self.feeling),
            opt(&self.feeling_label),
            opt(&self.effort),
        ]
    }
}

/// Every set and check-in, oldest first, on or after day `since`, dated by `calendar`.
pub fn rows<'a>(
    records: impl IntoIterator<Item = &'a Record>,
    since: Option<Day>,
    calendar: &Calendar,
) -> Vec<Row> {
    let mut runs: HashMap<u64, (String, String)> = HashMap::new();
    let mut out = Vec::new();
    for r in records {
        if let Event::SessionStart {
            program, session, ..
        } = &r.event
        {
            runs.insert(r.run, (program.clone(), session.clone()));
            continue;
        }
        if !matches!(r.event, Event::SetDone { .. } | Event::CheckIn { .. }) {
            continue;
        }
        let t = parse_stamp(&r.at).unwrap_or(0);
        let day = calendar.day(t);
        if since.is_some_and(|s| day < s) {
            continue;
        }
        let (program, session) = runs.get(&r.run).cloned().unwrap_or_default();
        let mut row = Row {
            date: date_text(day),
            time: calendar.clock_time_secs(t),
            program,
            session,
            run: r.run,
            kind: "set",
            item: String::new(),
            exercise: String::new(),
            set: None,
            side: None,
            level: None,
            dose: None,
            feeling: None,
            feeling_label: None,
            effort: None,
        };
        match &r.event {
            Event::SetDone {
                item,
                exercise,
                set,
                side,
                level,
                dose,
            } => {
                row.item = item.clone();
                row.exercise = exercise.clone();
                row.set = Some(*set);
                row.side = side.map(|s| match s {
                    crate::training::plan::Side::Left => "left",
                    crate::training::plan::Side::Right => "right",
                });
                row.level = Some(*level);
                row.dose = Some(dose.describe());
            }
            Event::CheckIn {
                item,
                exercise,
                feeling,
                effort,
                ..
            } => {
                row.kind = "check_in";
                row.item = item.clone();
                row.exercise = exercise.clone();
                row.feeling = Some(feeling.number());
                row.feeling_label = Some(feeling.label());
                row.effort = *effort;
            }
            _ => continue,
        }
        out.push(row);
    }
    out
}

/// The rows as CSV (RFC 4180: a header line, fields quoted when they need it). Text that a
/// spreadsheet would take for a formula (`=`, `+`, `-`, `@` first) starts with a `'`.
pub fn write_csv(rows: &[Row], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", Row::HEADER.join(","))?;
    for row in rows {
        let fields: Vec<String> = row.fields().iter().map(|f| csv_field(f)).collect();
        writeln!(out, "{}", fields.join(","))?;
    }
    Ok(())
}

fn csv_field(text: &str) -> String {
    let numeric = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    let text = if !numeric && text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The rows as one JSON array of objects.
pub fn write_json(rows: &[Row], out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, rows).map_err(io::Error::other)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::history::tests::{TIME, at, set, start};
    use crate::records::journal::{Feeling, NextDay, SkipReason};

    #[test]
    fn rows_are_sets_and_check_ins_since_a_date_and_csv_is_safe_for_spreadsheets() {
        let records = vec![
            start(20_000, "Old, \"quoted\" program"),
            set(20_000, "sit-to-stand", TIME),
            start(20_010, "=cmd()"),
            set(20_010, "sit-to-stand", TIME),
            at(
                20_010,
                Event::check_in(
                    "A / Main / sit-to-stand".into(),
                    "sit-to-stand".into(),
                    crate::training::checkin::Answer::from_feeling(Feeling::Sore, Some(7)),
                ),
            ),
            at(
                20_010,
                Event::Skipped {
                    item: "x".into(),
                    exercise: "x".into(),
                    sets: vec![2],
                    reason: SkipReason::Skipped,
                },
            ),
            at(
                20_011,
                Event::FollowUp {
                    about: 0,
                    answer: NextDay::Settled,
                },
            ),
        ];
        let all = rows(&records, None, &Calendar::utc());
        assert_eq!(all.len(), 3, "skips and follow-ups are not rows");
        let since = rows(&records, Some(20_010), &Calendar::utc());
        assert_eq!(since.len(), 2);
        assert_eq!(since[1].kind, "check_in");
        assert_eq!((since[1].feeling, since[1].effort), (Some(3), Some(7)));
        let mut csv = Vec::new();
        write_csv(&all, &mut csv).unwrap();
        let csv = String::from_utf8(csv).unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], Row::HEADER.join(","));
        assert!(
            lines[1].contains(",\"Old, \"\"quoted\"\" program\",A,"),
            "{}",
            lines[1]
        );
        assert!(lines[3].contains(",'=cmd(),"), "{}", lines[3]);
        let mut json = Vec::new();
        write_json(&since, &mut json).unwrap();
        let back: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(back[1]["feeling_label"], "Stronger soreness, still dull");
    }
}
