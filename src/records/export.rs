//! The export for a physiotherapist's spreadsheet (`upright history --format csv|json`): every
//! event of the journal as a row (sets, check-ins with their pain, where and effort, skips,
//! red flags with their urgency, clearances, the day after, the answers after pain, resumes,
//! and how each session ended), with the profile it belongs to, dated in the person's time
//! zone with the offset from UTC. Pure: records in, rows out, one at a time (`Rows`, `Writer`),
//! so an export streams the journal and holds no more than one row; the writers only write
//! what they are given, and no control character reaches the output.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::common::calendar::{Calendar, Day, date_text, parse_stamp};
use crate::common::text::clean_line;
use crate::records::journal::{Event, Record};
use crate::training::checkin::{Intensity, Response};
use crate::training::plan::Side;
use crate::training::safety::urgency_of;

/// A value's name as the journal writes it ("still_sore", "red_flag"): one spelling, the
/// journal's.
fn name_of<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// One row for a physiotherapist's spreadsheet: one event of the journal. Columns that do not
/// belong to the event are empty (null in JSON).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Row {
    /// Date and time in the person's time zone, and the moment in full with that zone's offset
    /// from UTC then (RFC 3339): "2026-11-20", "17:00:00", "2026-11-20T17:00:00+01:00".
    pub date: String,
    pub time: String,
    pub at: String,
    /// The profile whose journal it is (`--profile`); empty for the default journal.
    pub profile: String,
    pub program: String,
    pub session: String,
    /// The session's id (its start in milliseconds since 1970): rows of one session share it.
    pub run: u64,
    /// "set" for a set done, "check_in", or the journal's name of any other event
    /// ("skipped", "red_flag", "clearance", "follow_up", "after_pain", "resumed",
    /// "session_start", "session_end").
    pub kind: &'static str,
    pub item: String,
    pub exercise: String,
    pub set: Option<u32>,
    pub side: Option<&'static str>,
    pub level: Option<u32>,
    /// The dose in words: "2 x 8 reps, 4 s a rep, rest 1 min".
    pub dose: Option<String>,
    /// The check-in: pain 0-10 and its word (nothing, mild, moderate, severe), dull or sharp,
    /// where (muscles, back, joint); empty for a check-in written before the 0-10 scale.
    pub pain: Option<u8>,
    pub pain_words: Option<&'static str>,
    pub quality: Option<&'static str>,
    pub place: Option<&'static str>,
    /// The check-in's older four-answer form: 1 nothing or muscles working, 2 mild ache, 3
    /// stronger soreness, 4 sharp pain.
    pub feeling: Option<u8>,
    pub feeling_label: Option<&'static str>,
    /// Borg CR10, 0-10.
    pub effort: Option<u8>,
    /// What the coach did after the check-in: "carry on", "finish gently", "stop", "red flag".
    pub response: Option<&'static str>,
    /// A skip: the sets not done ("2 3") and why ("skipped" or "pain").
    pub sets_skipped: Option<String>,
    pub reason: Option<String>,
    /// A red flag: its symptoms ("; " between them) and urgency ("emergency", "today", "soon").
    pub symptoms: Option<String>,
    pub urgency: Option<String>,
    /// The day after ("settled", "muscle_soreness", "still_sore", "worse") or after pain
    /// ("easier", "leave_out", "assessed").
    pub answer: Option<String>,
    /// The day after: the run it is about.
    pub about: Option<u64>,
    /// After pain, with the easier variant: the exercise done instead.
    pub instead: Option<String>,
    /// A session's end: "completed", "quit", "pain", "red_flag" or "abandoned".
    pub outcome: Option<String>,
    /// An assessment: the test ("chair_stand", ...), its result in words and the one number
    /// norms are set against (`reason` says why it stopped early, if it did).
    pub test: Option<String>,
    pub result: Option<String>,
    pub score: Option<f64>,
    /// About you: the age and sex given for the norms.
    pub age: Option<u32>,
    pub sex: Option<String>,
}

impl Row {
    pub const HEADER: [&'static str; 35] = [
        "date",
        "time",
        "at",
        "profile",
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
        "pain",
        "pain_words",
        "quality",
        "place",
        "feeling",
        "feeling_label",
        "effort",
        "response",
        "sets_skipped",
        "reason",
        "symptoms",
        "urgency",
        "answer",
        "about",
        "instead",
        "outcome",
        "test",
        "result",
        "score",
        "age",
        "sex",
    ];

    fn fields(&self) -> [String; 35] {
        fn opt<T: ToString>(v: &Option<T>) -> String {
            v.as_ref().map_or(String::new(), T::to_string)
        }
        [
            self.date.clone(),
            self.time.clone(),
            self.at.clone(),
            self.profile.clone(),
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
            opt(&self.pain),
            opt(&self.pain_words),
            opt(&self.quality),
            opt(&self.place),
            opt(&self.feeling),
            opt(&self.feeling_label),
            opt(&self.effort),
            opt(&self.response),
            opt(&self.sets_skipped),
            opt(&self.reason),
            opt(&self.symptoms),
            opt(&self.urgency),
            opt(&self.answer),
            opt(&self.about),
            opt(&self.instead),
            opt(&self.outcome),
            opt(&self.test),
            opt(&self.result),
            opt(&self.score),
            opt(&self.age),
            opt(&self.sex),
        ]
    }
}

/// A session as its later rows name it: its program, session and planned items.
#[derive(Debug, Default)]
struct RunInfo {
    program: String,
    session: String,
    items: Vec<String>,
}

/// Records to rows, one at a time: it remembers only each session's program, name and planned
/// items.
#[derive(Debug)]
pub struct Rows<'c> {
    calendar: &'c Calendar,
    since: Option<Day>,
    profile: String,
    runs: HashMap<u64, RunInfo>,
}

impl<'c> Rows<'c> {
    /// Rows on or after day `since`, dated by `calendar`, for `profile` (`None`: the default
    /// journal).
    pub fn new(since: Option<Day>, calendar: &'c Calendar, profile: Option<&str>) -> Rows<'c> {
        Rows {
            calendar,
            since,
            profile: profile.unwrap_or_default().to_owned(),
            runs: HashMap::new(),
        }
    }

    /// The row of `r`, unless it is before `since`.
    pub fn row(&mut self, r: &Record) -> Option<Row> {
        if let Event::SessionStart {
            program,
            session,
            items,
            ..
        } = &r.event
        {
            self.runs.insert(
                r.run,
                RunInfo {
                    program: program.clone(),
                    session: session.clone(),
                    items: items.clone(),
                },
            );
        }
        let t = parse_stamp(&r.at).unwrap_or(0);
        let day = self.calendar.day(t);
        if self.since.is_some_and(|s| day < s) {
            return None;
        }
        let info = self.runs.get(&r.run);
        let mut row = Row {
            date: date_text(day),
            time: self.calendar.clock_time_secs(t),
            at: self.calendar.local_stamp(t),
            profile: self.profile.clone(),
            program: info.map(|i| i.program.clone()).unwrap_or_default(),
            session: info.map(|i| i.session.clone()).unwrap_or_default(),
            run: r.run,
            kind: r.event.name(),
            ..Row::default()
        };
        match &r.event {
            Event::SessionStart { .. } | Event::Clearance => {}
            Event::SetDone {
                item,
                exercise,
                set,
                side,
                level,
                dose,
            } => {
                row.kind = "set";
                row.item = item.clone();
                row.exercise = exercise.clone();
                row.set = Some(*set);
                row.side = side.map(|s| match s {
                    Side::Left => "left",
                    Side::Right => "right",
                });
                row.level = Some(*level);
                row.dose = Some(dose.describe());
            }
            Event::CheckIn {
                item,
                exercise,
                feeling,
                pain,
                quality,
                place,
                effort,
            } => {
                row.item = item.clone();
                row.exercise = exercise.clone();
                row.pain = *pain;
                row.pain_words = pain.map(|p| Intensity::of(p).label());
                row.quality = quality.map(|q| q.word());
                row.place = place.map(|p| p.word());
                row.feeling = Some(feeling.number());
                row.feeling_label = Some(feeling.label());
                row.effort = *effort;
                row.response = r.event.answer().map(|a| match a.response() {
                    Response::CarryOn => "carry on",
                    Response::FinishGently => "finish gently",
                    Response::Stop => "stop",
                    Response::RedFlag => "red flag",
                });
            }
            Event::Skipped {
                item,
                exercise,
                sets,
                reason,
            } => {
                row.item = item.clone();
                row.exercise = exercise.clone();
                let sets: Vec<String> = sets.iter().map(u32::to_string).collect();
                row.sets_skipped = Some(sets.join(" "));
                row.reason = Some(name_of(reason));
            }
            Event::RedFlag { symptoms, urgency } => {
                row.symptoms = Some(symptoms.join("; "));
                let urgency = urgency.unwrap_or_else(|| urgency_of(symptoms));
                row.urgency = Some(name_of(&urgency));
            }
            Event::FollowUp { about, answer } => {
                row.about = Some(*about);
                row.answer = Some(name_of(answer));
            }
            Event::AfterPain {
                item,
                exercise,
                choice,
                instead,
            } => {
                row.item = item.clone();
                row.exercise = exercise.clone();
                row.answer = Some(name_of(choice));
                row.instead = instead.clone();
            }
            Event::Resumed { exercise } => {
                // Where it went on: the planned item at that place.
                if let Some(item) = info.and_then(|i| i.items.get(*exercise as usize)) {
                    row.item = item.clone();
                }
            }
            Event::SessionEnd { outcome } => {
                row.outcome = Some(name_of(outcome));
            }
            Event::Assessment { measure, stopped } => {
                row.test = Some(measure.test().id().to_owned());
                row.result = Some(measure.describe());
                row.score = measure.score();
                row.reason = stopped.as_ref().map(name_of);
            }
            Event::AboutYou { age, sex } => {
                row.age = *age;
                row.sex = sex.as_ref().map(name_of);
            }
        }
        Some(row)
    }
}

/// Every event as a row, oldest first, on or after day `since`, dated by `calendar`, for
/// `profile`.
pub fn rows<'a>(
    records: impl IntoIterator<Item = &'a Record>,
    since: Option<Day>,
    calendar: &Calendar,
    profile: Option<&str>,
) -> Vec<Row> {
    let mut rows = Rows::new(since, calendar, profile);
    records.into_iter().filter_map(|r| rows.row(r)).collect()
}

/// Where rows go, one at a time: CSV or a JSON array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writer {
    /// RFC 4180: a header line, fields quoted when they need it. Text that a spreadsheet would
    /// take for a formula (`=`, `+`, `-`, `@` first) starts with a `'`.
    Csv,
    /// One JSON array of objects (written as `serde_json` writes it, pretty).
    Json { first: bool },
}

impl Writer {
    pub fn csv() -> Writer {
        Writer::Csv
    }

    pub fn json() -> Writer {
        Writer::Json { first: true }
    }

    pub fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match self {
            Writer::Csv => writeln!(out, "{}", Row::HEADER.join(",")),
            Writer::Json { .. } => write!(out, "["),
        }
    }

    pub fn row(&mut self, row: &Row, out: &mut dyn Write) -> io::Result<()> {
        match self {
            Writer::Csv => {
                let fields: Vec<String> = row.fields().iter().map(|f| csv_field(f)).collect();
                writeln!(out, "{}", fields.join(","))
            }
            Writer::Json { first } => {
                let text = serde_json::to_string_pretty(row).map_err(io::Error::other)?;
                // One level in, as inside the array (JSON strings hold no raw newline).
                write!(
                    out,
                    "{}\n  {}",
                    if *first { "" } else { "," },
                    text.replace('\n', "\n  ")
                )?;
                *first = false;
                Ok(())
            }
        }
    }

    pub fn end(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match self {
            Writer::Csv => Ok(()),
            Writer::Json { first: true } => writeln!(out, "]"),
            Writer::Json { first: false } => writeln!(out, "\n]"),
        }
    }

    fn all(mut self, rows: &[Row], out: &mut dyn Write) -> io::Result<()> {
        self.begin(out)?;
        for row in rows {
            self.row(row, out)?;
        }
        self.end(out)
    }
}

/// The rows as CSV.
pub fn write_csv(rows: &[Row], out: &mut dyn Write) -> io::Result<()> {
    Writer::csv().all(rows, out)
}

/// The rows as one JSON array of objects.
pub fn write_json(rows: &[Row], out: &mut dyn Write) -> io::Result<()> {
    Writer::json().all(rows, out)
}

/// One CSV field: quoted when it needs it, never taken for a formula by a spreadsheet, and
/// free of control characters (the journal's text is cleaned when read; this keeps any other
/// text as safe).
pub fn csv_field(text: &str) -> String {
    let text = clean_line(text);
    let numeric = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    let text = if !numeric && text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.into_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
#[path = "export_tests.rs"]
mod tests;
