//! The export for a physiotherapist's spreadsheet (`upright history --format csv|json`): every
//! event of the journal as a row (sets, check-ins with their pain, where and effort, skips,
//! red flags with their urgency, clearances, the day after, the answers after pain, resumes,
//! and how each session ended), with the profile it belongs to, dated in the person's time
//! zone with the offset from UTC. Pure: records in, rows out, one record at a time
//! (`Export::row`); the writers only write what they are given.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::common::calendar::{Calendar, Day, date_text, parse_stamp};
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

/// The export, one record at a time: it remembers each session's program as it passes.
#[derive(Debug)]
pub struct Export<'c> {
    calendar: &'c Calendar,
    since: Option<Day>,
    profile: String,
    runs: HashMap<u64, RunInfo>,
}

impl<'c> Export<'c> {
    /// Rows on or after day `since`, dated by `calendar`, for `profile` (`None`: the default
    /// journal).
    pub fn new(calendar: &'c Calendar, since: Option<Day>, profile: Option<&str>) -> Export<'c> {
        Export {
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
    let mut export = Export::new(calendar, since, profile);
    records.into_iter().filter_map(|r| export.row(r)).collect()
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

/// One CSV field: quoted when it needs it, and never taken for a formula by a spreadsheet.
pub fn csv_field(text: &str) -> String {
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
    use crate::records::journal::{NextDay, Outcome, PainChoice, SkipReason};
    use crate::training::checkin::{Answer, Feeling, Place, Quality};
    use crate::training::safety::FALL;

    /// One of every event, on day 20_010 (2024-10-15), and a set on day 20_000.
    fn journal() -> Vec<Record> {
        let item = || "A / Main / sit-to-stand".to_owned();
        let ex = || "sit-to-stand".to_owned();
        let mut started = start(20_010, "=cmd()");
        if let Event::SessionStart { items, .. } = &mut started.event {
            *items = vec![item()];
        }
        vec![
            start(20_000, "Old, \"quoted\" program"),
            set(20_000, "sit-to-stand", TIME),
            at(
                20_010,
                Event::FollowUp {
                    about: 20_000_000,
                    answer: NextDay::MuscleSoreness,
                },
            ),
            at(
                20_010,
                Event::AfterPain {
                    item: item(),
                    exercise: ex(),
                    choice: PainChoice::Easier,
                    instead: Some("sit-to-stand-with-hands".into()),
                },
            ),
            started,
            set(20_010, "sit-to-stand", TIME),
            at(
                20_010,
                Event::check_in(
                    item(),
                    ex(),
                    Answer::pain(4, Quality::Dull, Place::Back, Some(7)),
                ),
            ),
            // A check-in written before the 0-10 scale.
            at(
                20_010,
                Event::CheckIn {
                    item: item(),
                    exercise: ex(),
                    feeling: Feeling::Sore,
                    pain: None,
                    quality: None,
                    place: None,
                    effort: Some(7),
                },
            ),
            at(
                20_010,
                Event::Skipped {
                    item: item(),
                    exercise: ex(),
                    sets: vec![2, 3],
                    reason: SkipReason::Pain,
                },
            ),
            at(20_010, Event::Resumed { exercise: 0 }),
            at(20_010, Event::red_flag(vec![FALL.symptom.into()])),
            at(
                20_010,
                Event::SessionEnd {
                    outcome: Outcome::RedFlag,
                },
            ),
            at(20_011, Event::Clearance),
        ]
    }

    #[test]
    fn every_event_is_a_row_with_its_own_columns() {
        let records = journal();
        let all = rows(&records, None, &Calendar::utc(), Some("ann"));
        assert_eq!(all.len(), records.len(), "one row per event");
        let kinds: Vec<&str> = all.iter().map(|r| r.kind).collect();
        assert_eq!(
            kinds,
            [
                "session_start",
                "set",
                "follow_up",
                "after_pain",
                "session_start",
                "set",
                "check_in",
                "check_in",
                "skipped",
                "resumed",
                "red_flag",
                "session_end",
                "clearance"
            ]
        );
        assert!(
            all.iter()
                .all(|r| r.profile == "ann" && r.at.ends_with("+00:00"))
        );
        let r = &all[2];
        assert_eq!(
            (r.answer.as_deref(), r.about),
            (Some("muscle_soreness"), Some(20_000_000))
        );
        let r = &all[3];
        assert_eq!(
            (r.answer.as_deref(), r.instead.as_deref()),
            (Some("easier"), Some("sit-to-stand-with-hands"))
        );
        let r = &all[6];
        assert_eq!(
            (
                r.pain,
                r.pain_words,
                r.quality,
                r.place,
                r.effort,
                r.response
            ),
            (
                Some(4),
                Some("moderate"),
                Some("dull"),
                Some("back"),
                Some(7),
                Some("stop")
            )
        );
        assert_eq!(r.feeling, Some(4), "the older form is there too");
        let r = &all[7];
        assert_eq!(
            (r.pain, r.feeling, r.response),
            (None, Some(3), Some("finish gently"))
        );
        let r = &all[8];
        assert_eq!(
            (r.sets_skipped.as_deref(), r.reason.as_deref()),
            (Some("2 3"), Some("pain"))
        );
        assert_eq!(all[9].item, "A / Main / sit-to-stand", "where it went on");
        let r = &all[10];
        assert_eq!(
            (r.symptoms.as_deref(), r.urgency.as_deref()),
            (Some(FALL.symptom), Some("today"))
        );
        assert_eq!(all[11].outcome.as_deref(), Some("red_flag"));
        assert_eq!(
            all[11].program, "=cmd()",
            "a session's rows name its program"
        );
        assert_eq!(all[2].program, "", "asked before its session started");
    }

    #[test]
    fn rows_since_a_date_in_local_time_with_the_offset() {
        let records = journal();
        let since = rows(&records, Some(20_010), &Calendar::utc(), None);
        assert_eq!(since.len(), records.len() - 2);
        assert!(since.iter().all(|r| r.profile.is_empty()));
        // 09:00 UTC in early October is 05:00 in New York, on summer time.
        let ny = Calendar::new(jiff::tz::TimeZone::get("America/New_York").unwrap());
        let local = rows(&records, None, &ny, None);
        assert_eq!(
            (local[1].time.as_str(), local[1].at.as_str()),
            ("05:00:00", "2024-10-04T05:00:00-04:00")
        );
    }

    #[test]
    fn assessments_and_about_you_are_rows_too() {
        use crate::assess::{Measure, Sex, Stopped};
        let records = vec![
            at(
                20_010,
                Event::AboutYou {
                    age: Some(71),
                    sex: Some(Sex::Female),
                },
            ),
            at(
                20_010,
                Event::Assessment {
                    measure: Measure::ChairStand {
                        stands: 11,
                        arms: false,
                    },
                    stopped: Some(Stopped::Pain),
                },
            ),
        ];
        let all = rows(&records, None, &Calendar::utc(), None);
        assert_eq!(all[0].kind, "about_you");
        assert_eq!(
            (all[0].age, all[0].sex.as_deref()),
            (Some(71), Some("female"))
        );
        let r = &all[1];
        assert_eq!(r.kind, "assessment");
        assert_eq!(
            (r.test.as_deref(), r.score, r.reason.as_deref()),
            (Some("chair_stand"), Some(11.0), Some("pain"))
        );
        assert!(r.result.as_deref().is_some_and(|t| t.contains("11")));
    }

    #[test]
    fn csv_is_safe_for_spreadsheets_and_json_names_every_column() {
        let all = rows(&journal(), None, &Calendar::utc(), None);
        let mut csv = Vec::new();
        write_csv(&all, &mut csv).unwrap();
        let csv = String::from_utf8(csv).unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], Row::HEADER.join(","));
        assert!(
            lines
                .iter()
                .skip(1)
                .all(|l| l.split(',').count() >= Row::HEADER.len())
        );
        assert!(
            lines[1].contains(",\"Old, \"\"quoted\"\" program\","),
            "{}",
            lines[1]
        );
        assert!(lines[5].contains(",'=cmd(),"), "{}", lines[5]);
        let mut json = Vec::new();
        write_json(&all, &mut json).unwrap();
        let back: serde_json::Value = serde_json::from_slice(&json).unwrap();
        let first = back[0].as_object().unwrap();
        let keys: Vec<&str> = first.keys().map(String::as_str).collect();
        let mut header = Row::HEADER.to_vec();
        header.sort_unstable();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, header, "JSON and CSV have the same columns");
        assert_eq!(back[7]["feeling_label"], "Stronger soreness, still dull");
    }
}
