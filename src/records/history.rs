//! The history: what the journal says about the weeks gone by, for the history screen and for
//! `upright history --format csv|json`. Pure: records and programs in, figures out; today is
//! an argument. Programs that no longer exist still show, by the title their sessions recorded.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::{self, Write};

use serde::Serialize;

use crate::program::summary::{
    BALANCE_MINUTES, EXTENSION_DAYS, EXTENSION_MINUTES, MODERATE_IMPACTS, MOST_DAYS,
    RESISTANCE_DAYS,
};
use crate::program::{Catalog, Dose, Exercise, Impact, Kind, Library, Program};
use crate::records::journal::{Event, Feeling, Outcome, Record, civil, parse_rfc3339};
use crate::records::replay::{Held, Rules, replay};

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Days since 1970 as "12 Nov".
pub fn day_label(day: i64) -> String {
    let (_, m, d) = civil(day);
    format!("{d} {}", MONTHS[(m as usize).clamp(1, 12) - 1])
}

/// Days since 1970 as "2026-11-12".
pub fn date(day: i64) -> String {
    let (y, m, d) = civil(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The Monday (UTC) of the week holding `day`.
pub fn week_of(day: i64) -> i64 {
    day - (day + 3).rem_euclid(7)
}

fn day_of(at: &str) -> Option<i64> {
    parse_rfc3339(at).map(|t| (t / 86_400) as i64)
}

// ---------- rows for a spreadsheet ----------

/// One row for a physiotherapist's spreadsheet: a set done, or a check-in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// UTC date and time: "2026-11-20", "16:00:00".
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

/// Every set and check-in, oldest first, on or after day `since` (days since 1970).
pub fn rows<'a>(records: impl IntoIterator<Item = &'a Record>, since: Option<i64>) -> Vec<Row> {
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
        let t = parse_rfc3339(&r.at).unwrap_or(0);
        let day = (t / 86_400) as i64;
        if since.is_some_and(|s| day < s) {
            continue;
        }
        let (program, session) = runs.get(&r.run).cloned().unwrap_or_default();
        let mut row = Row {
            date: date(day),
            time: format!(
                "{:02}:{:02}:{:02}",
                t % 86_400 / 3600,
                t % 3600 / 60,
                t % 60
            ),
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

// ---------- the history screen's figures ----------

/// One session, as the history shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionInfo {
    pub run: u64,
    pub day: i64,
    pub session: String,
    pub outcome: Option<Outcome>,
    pub sets: u32,
    /// The mean effort of its check-ins (0-10).
    pub effort: Option<f64>,
    /// Its worst check-in.
    pub worst: Option<Feeling>,
    /// Exercises stopped by sharp pain.
    pub sharp: Vec<String>,
    pub red_flag: bool,
}

/// One item of a program over time.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemHistory {
    pub key: String,
    /// The name of the exercise it is at (or was last done at).
    pub name: String,
    /// The level it was done at, one per session that did it, oldest first.
    pub levels: Vec<(i64, u32)>,
    /// Today, when the program is here: level, top level, dose, why it does not move up.
    pub today: Option<Today>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Today {
    pub level: u32,
    pub top: u32,
    pub dose: Dose,
    pub held: Option<Held>,
}

/// One program's history.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgramHistory {
    pub title: String,
    pub source: String,
    /// Planned sessions per week; `None` when the program is no longer here.
    pub per_week: Option<u32>,
    /// Oldest first.
    pub sessions: Vec<SessionInfo>,
    pub items: Vec<ItemHistory>,
}

impl ProgramHistory {
    /// Sessions that did something, per week, for the `weeks` weeks up to the one holding
    /// `today`: (Monday, count), oldest first.
    pub fn per_week(&self, weeks: usize, today: i64) -> Vec<(i64, u32)> {
        let last = week_of(today);
        let first = last - 7 * (weeks as i64 - 1);
        let mut counts = vec![0u32; weeks];
        for s in self.sessions.iter().filter(|s| s.sets > 0) {
            let w = week_of(s.day);
            if (first..=last).contains(&w) {
                counts[((w - first) / 7) as usize] += 1;
            }
        }
        (0..weeks)
            .map(|i| (first + 7 * i as i64, counts[i]))
            .collect()
    }
}

/// The last seven days against the guidance in `shared/clinical.md`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WeekDose {
    /// Sessions with resistance work (guidance: 2-3 a week).
    pub resistance_sessions: u32,
    /// Seconds of balance work, and days with 15 minutes or more (guidance: 15-20 min most days).
    pub balance_secs: u32,
    pub balance_days: u32,
    /// Seconds of extension work, and days with 5 minutes or more (guidance: 5-10 min daily).
    pub extension_secs: u32,
    pub extension_days: u32,
    /// About how many impacts (a rep, or a second of marching), and days with 50 or more
    /// (guidance: about 50 moderate impacts most days).
    pub impacts: u32,
    pub impact_days: u32,
}

/// How a figure stands against the guidance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Below,
    OnTrack,
    Above,
}

impl WeekDose {
    pub fn resistance(&self) -> Standing {
        let sessions = f64::from(self.resistance_sessions);
        if sessions < RESISTANCE_DAYS.0 {
            Standing::Below
        } else if sessions <= RESISTANCE_DAYS.1 {
            Standing::OnTrack
        } else {
            Standing::Above
        }
    }

    pub fn balance(&self) -> Standing {
        most_days(self.balance_days)
    }

    pub fn extension(&self) -> Standing {
        if f64::from(self.extension_days) >= EXTENSION_DAYS {
            Standing::OnTrack
        } else {
            Standing::Below
        }
    }

    pub fn impact(&self) -> Standing {
        most_days(self.impact_days)
    }
}

/// "Most days": four or more of seven.
fn most_days(days: u32) -> Standing {
    if f64::from(days) >= MOST_DAYS {
        Standing::OnTrack
    } else {
        Standing::Below
    }
}

/// Everything the history screen shows.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    pub today: i64,
    /// Most recently done first.
    pub programs: Vec<ProgramHistory>,
    pub dose: WeekDose,
}

/// Per item key: the exercise last done, and (day, level) per session.
type ItemLevels = HashMap<String, (String, Vec<(i64, u32)>)>;

/// A program that is here: the program and how the journal names where it came from.
pub struct Available<'a> {
    pub program: &'a Program,
    pub source: String,
}

impl History {
    /// The history of `records` (oldest first) on day `today` (days since 1970).
    pub fn build(records: &[Record], available: &[Available], today: i64) -> History {
        let library = Library::bundled();
        let local: HashMap<&str, &Exercise> = available
            .iter()
            .flat_map(|a| &a.program.exercises)
            .map(|e| (e.id.as_str(), e))
            .collect();
        let exercise = |id: &str| local.get(id).copied().or_else(|| library.get(id));

        // Which program each session belongs to: a program here, or a title.
        let mut programs: Vec<ProgramHistory> = available
            .iter()
            .map(|a| ProgramHistory {
                title: a.program.title.clone(),
                source: a.source.clone(),
                per_week: Some(a.program.per_week),
                sessions: Vec::new(),
                items: Vec::new(),
            })
            .collect();
        let mut run_program: HashMap<u64, (usize, usize)> = HashMap::new();
        let mut last_done: Vec<u64> = vec![0; programs.len()];
        let mut item_levels: Vec<ItemLevels> = vec![HashMap::new(); programs.len()];
        let mut item_order: Vec<Vec<String>> = vec![Vec::new(); programs.len()];
        let mut efforts: HashMap<u64, (u32, u32)> = HashMap::new();
        for r in records {
            match &r.event {
                Event::SessionStart {
                    program,
                    source,
                    session,
                    ..
                } => {
                    let i = programs
                        .iter()
                        .position(|p| p.per_week.is_some() && p.source == *source)
                        .or_else(|| programs.iter().position(|p| p.title == *program))
                        .unwrap_or_else(|| {
                            programs.push(ProgramHistory {
                                title: program.clone(),
                                source: source.clone(),
                                per_week: None,
                                sessions: Vec::new(),
                                items: Vec::new(),
                            });
                            last_done.push(0);
                            item_levels.push(HashMap::new());
                            item_order.push(Vec::new());
                            programs.len() - 1
                        });
                    let p = &mut programs[i];
                    run_program.insert(r.run, (i, p.sessions.len()));
                    p.sessions.push(SessionInfo {
                        run: r.run,
                        day: day_of(&r.at).unwrap_or(today),
                        session: session.clone(),
                        outcome: None,
                        sets: 0,
                        effort: None,
                        worst: None,
                        sharp: Vec::new(),
                        red_flag: false,
                    });
                }
                _ => {
                    let Some(&(p, s)) = run_program.get(&r.run) else {
                        continue;
                    };
                    let day = day_of(&r.at).unwrap_or(today);
                    let info = &mut programs[p].sessions[s];
                    match &r.event {
                        Event::SetDone {
                            item,
                            exercise: ex,
                            level,
                            ..
                        } => {
                            info.sets += 1;
                            last_done[p] = last_done[p].max(r.run);
                            let levels = &mut item_levels[p];
                            if !levels.contains_key(item) {
                                item_order[p].push(item.clone());
                            }
                            let e = levels.entry(item.clone()).or_default();
                            e.0.clone_from(ex);
                            if e.1.last().is_none_or(|&(d, l)| (d, l) != (day, *level)) {
                                e.1.push((day, *level));
                            }
                        }
                        Event::CheckIn {
                            exercise: ex,
                            feeling,
                            effort,
                            ..
                        } => {
                            info.worst = info.worst.max(Some(*feeling));
                            if *feeling == Feeling::Sharp {
                                let name = exercise(ex).map_or(ex.clone(), |e| e.name.clone());
                                info.sharp.push(name);
                            }
                            if let Some(e) = effort {
                                let t = efforts.entry(r.run).or_default();
                                t.0 += u32::from(*e);
                                t.1 += 1;
                                info.effort = Some(f64::from(t.0) / f64::from(t.1));
                            }
                        }
                        Event::RedFlag { .. } => info.red_flag = true,
                        Event::SessionEnd { outcome } => info.outcome = Some(*outcome),
                        _ => {}
                    }
                }
            }
        }

        // Items: a program here lists all its items, in order, with today's level.
        for (i, p) in programs.iter_mut().enumerate() {
            let mut levels = std::mem::take(&mut item_levels[i]);
            if let Some(a) = available.get(i) {
                let catalog = Catalog::new(library, &a.program.exercises);
                let rules = Rules::new(a.program, &catalog, &a.source);
                let progress = replay(&rules, records);
                let mut seen = HashSet::new();
                for s in &a.program.sessions {
                    for b in &s.blocks {
                        for item in &b.items {
                            let key = crate::training::plan::ItemKey::new(
                                &s.name,
                                &b.name,
                                &item.exercise,
                            )
                            .0;
                            if !seen.insert(key.clone()) {
                                continue;
                            }
                            let Some(rungs) = rules.ladder(&key) else {
                                continue;
                            };
                            let level = progress.today(&key);
                            let rung = &rungs[level as usize];
                            let name = catalog
                                .get(&rung.exercise)
                                .map_or(rung.exercise.clone(), |e| e.name.clone());
                            p.items.push(ItemHistory {
                                name,
                                levels: levels.remove(&key).map(|l| l.1).unwrap_or_default(),
                                today: Some(Today {
                                    level,
                                    top: rungs.len() as u32 - 1,
                                    dose: rung.dose,
                                    held: progress.held(&key),
                                }),
                                key,
                            });
                        }
                    }
                }
            } else {
                for key in &item_order[i] {
                    if let Some((ex, l)) = levels.remove(key) {
                        p.items.push(ItemHistory {
                            key: key.clone(),
                            name: exercise(&ex).map_or(ex, |e| e.name.clone()),
                            levels: l,
                            today: None,
                        });
                    }
                }
            }
        }

        // Most recently done first; programs here but never done last, in their order.
        let mut order: Vec<usize> = (0..programs.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(last_done[i]));
        let mut slots: Vec<Option<ProgramHistory>> = programs.into_iter().map(Some).collect();
        let programs = order.into_iter().filter_map(|i| slots[i].take()).collect();

        History {
            today,
            programs,
            dose: week_dose(records, today, &exercise),
        }
    }
}

fn week_dose<'a>(
    records: &[Record],
    today: i64,
    exercise: &dyn Fn(&str) -> Option<&'a Exercise>,
) -> WeekDose {
    let from = today - 6;
    let mut resistance_runs = BTreeSet::new();
    let mut per_day: HashMap<i64, [u32; 3]> = HashMap::new();
    let mut dose = WeekDose::default();
    for r in records.iter().rev() {
        let Event::SetDone {
            exercise: id,
            dose: d,
            ..
        } = &r.event
        else {
            continue;
        };
        let Some(day) = day_of(&r.at) else { continue };
        if day > today {
            continue;
        }
        if day < from {
            break;
        }
        let Some(e) = exercise(id) else { continue };
        let work = d.work_secs();
        let today_figures = per_day.entry(day).or_default();
        if e.has_kind(Kind::Resistance) {
            resistance_runs.insert(r.run);
        }
        if e.has_kind(Kind::Balance) {
            dose.balance_secs += work;
            today_figures[0] += work;
        }
        if e.has_kind(Kind::Extension) {
            dose.extension_secs += work;
            today_figures[1] += work;
        }
        if e.impact >= Impact::Low && e.has_kind(Kind::WeightBearing) {
            let impacts = match *d {
                Dose::Time { secs, .. } => secs,
                _ => d.reps().unwrap_or(0),
            };
            dose.impacts += impacts;
            today_figures[2] += impacts;
        }
    }
    dose.resistance_sessions = resistance_runs.len() as u32;
    for f in per_day.values() {
        dose.balance_days += u32::from(f[0] >= BALANCE_MINUTES.0 * 60);
        dose.extension_days += u32::from(f[1] >= EXTENSION_MINUTES.0 * 60);
        dose.impact_days += u32::from(f[2] >= MODERATE_IMPACTS);
    }
    dose
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::journal::{NextDay, SkipReason, rfc3339};

    fn at(day: i64, event: Event) -> Record {
        Record {
            at: rfc3339(day as u64 * 86_400 + 9 * 3600),
            run: day as u64 * 1000,
            event,
        }
    }

    fn start(day: i64, program: &str) -> Record {
        at(
            day,
            Event::SessionStart {
                program: program.into(),
                source: format!("{program}.ron"),
                session: "A".into(),
                seed: 0,
                items: vec![],
                class: false,
            },
        )
    }

    fn set(day: i64, exercise: &str, dose: Dose) -> Record {
        at(
            day,
            Event::SetDone {
                item: format!("A / Main / {exercise}"),
                exercise: exercise.into(),
                set: 1,
                side: None,
                level: 0,
                dose,
            },
        )
    }

    const TIME: Dose = Dose::Time {
        secs: 600,
        sets: 1,
        rest: 0,
        per_side: false,
    };

    #[test]
    fn dates_and_weeks() {
        assert_eq!(date(20_412), "2025-11-20");
        assert_eq!(day_label(20_412), "20 Nov");
        // 2025-11-20 was a Thursday; its week starts on Monday 17 Nov.
        assert_eq!(date(week_of(20_412)), "2025-11-17");
        assert_eq!(week_of(week_of(20_412)), week_of(20_412));
    }

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
        let all = rows(&records, None);
        assert_eq!(all.len(), 3, "skips and follow-ups are not rows");
        let since = rows(&records, Some(20_010));
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

    #[test]
    fn a_program_no_longer_here_still_shows_by_its_title() {
        let records = vec![
            start(20_400, "Gone"),
            set(20_400, "tandem-stance", TIME),
            start(20_405, "Gone"),
            set(20_405, "tandem-stance", TIME),
            at(20_405, Event::red_flag(vec![])),
        ];
        let h = History::build(&records, &[], 20_412);
        assert_eq!(h.programs.len(), 1);
        let p = &h.programs[0];
        assert_eq!((p.title.as_str(), p.per_week), ("Gone", None));
        assert_eq!(p.sessions.len(), 2);
        assert!(p.sessions[1].red_flag);
        assert_eq!(p.items[0].name, "Tandem stance");
        assert_eq!(p.items[0].levels, vec![(20_400, 0), (20_405, 0)]);
        let weeks = p.per_week(3, 20_412);
        assert_eq!(weeks.iter().map(|w| w.1).collect::<Vec<_>>(), vec![1, 1, 0]);
    }

    #[test]
    fn the_weekly_dose_counts_the_last_seven_days_against_the_guidance() {
        let mut records = Vec::new();
        for day in 20_400..=20_412 {
            records.push(start(day, "P"));
            // 10 min of tandem stance (balance) and 10 min of marching (impacts).
            records.push(set(day, "tandem-stance", TIME));
            records.push(set(day, "tandem-stance", TIME));
            records.push(set(day, "march-on-the-spot", TIME));
        }
        let h = History::build(&records, &[], 20_412);
        let d = &h.dose;
        assert_eq!(d.balance_secs, 7 * 1200);
        assert_eq!(d.balance_days, 7);
        assert_eq!(d.balance(), Standing::OnTrack);
        assert_eq!(d.resistance_sessions, 0);
        assert_eq!(d.resistance(), Standing::Below);
        assert_eq!(d.impact_days, 7);
        assert_eq!(d.extension(), Standing::Below);
    }
}
