//! The clinician's report's figures: one pass over a journal, one record at a time, gathers
//! what happened between two days: sessions and adherence per week against each program's
//! plan, each exercise's dose over time, check-ins (pain and effort), sharp pain and red
//! flags, day-after answers, skipped work, the weekly dose against the guidance, and the
//! assessments. Pure: records, programs and the range in; figures out. Only the sessions
//! inside the range are held, so a long journal costs time, not memory.

use std::collections::HashMap;

use crate::common::calendar::{Calendar, week_of};
use crate::program::{Dose, Exercise, Library};
use crate::records::assessments::Assessments;
use crate::records::history::{Available, DoseTally, WeekDose};
use crate::records::journal::{Event, Feeling, NextDay, Outcome, Record, SkipReason};

/// One session inside the range.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionRow {
    pub run: u64,
    pub day: i64,
    /// Index into `Report::programs`.
    pub program: usize,
    pub session: String,
    pub outcome: Option<Outcome>,
    pub sets: u32,
    pub effort_sum: u32,
    pub efforts: u32,
    pub worst: Option<Feeling>,
    /// Check-ins by feeling: fine, mild ache, sore, sharp.
    pub feelings: [u32; 4],
    /// Exercises stopped by sharp pain (their names).
    pub sharp: Vec<String>,
    pub red_flag: bool,
}

impl SessionRow {
    pub fn effort(&self) -> Option<f64> {
        (self.efforts > 0).then(|| f64::from(self.effort_sum) / f64::from(self.efforts))
    }
}

/// One session's dose of an item.
#[derive(Debug, Clone, PartialEq)]
pub struct DosePoint {
    pub day: i64,
    pub level: u32,
    /// The exercise's name.
    pub exercise: String,
    pub dose: Dose,
}

/// An item of a program over the range: its dose at each session that did it.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemDose {
    pub key: String,
    pub points: Vec<DosePoint>,
}

impl ItemDose {
    /// The points where the exercise or dose changed (the first always).
    pub fn changes(&self) -> Vec<&DosePoint> {
        let mut out: Vec<&DosePoint> = Vec::new();
        for p in &self.points {
            if out
                .last()
                .is_none_or(|l| l.exercise != p.exercise || l.dose != p.dose)
            {
                out.push(p);
            }
        }
        out
    }
}

/// A program with sessions in the journal.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgramReport {
    pub title: String,
    pub source: String,
    /// Planned sessions a week; `None` when the program is not here to ask.
    pub per_week: Option<u32>,
    /// Its first and last session in the whole journal, up to the end of the range.
    pub first_day: i64,
    pub last_day: i64,
    /// In the order first done.
    pub items: Vec<ItemDose>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RedFlagRow {
    pub day: i64,
    pub symptoms: Vec<String>,
    /// When a clearance was recorded after it, if one was.
    pub cleared: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FollowUpRow {
    pub day: i64,
    /// The day of the session it is about.
    pub about: i64,
    pub answer: NextDay,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SkipRow {
    pub day: i64,
    pub exercise: String,
    pub sets: u32,
    pub reason: SkipReason,
}

/// One week's adherence to one program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekAdherence {
    /// The Monday.
    pub week: i64,
    /// Sessions with at least one set done.
    pub done: u32,
    /// Planned sessions; `None` outside the weeks the program was followed, or when its plan
    /// is not known.
    pub planned: Option<u32>,
}

/// Everything the report shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The range, both days included (days since 1970).
    pub since: i64,
    pub until: i64,
    /// The Mondays of the weeks the range touches, oldest first.
    pub weeks: Vec<i64>,
    pub programs: Vec<ProgramReport>,
    /// Personal sessions inside the range, oldest first.
    pub sessions: Vec<SessionRow>,
    /// Group classes inside the range (not counted as the person's own sessions).
    pub classes: u32,
    /// The dose each week, against the guidance; one per `weeks` (days outside the range
    /// are not counted).
    pub week_dose: Vec<WeekDose>,
    pub red_flags: Vec<RedFlagRow>,
    pub follow_ups: Vec<FollowUpRow>,
    pub skipped: Vec<SkipRow>,
    /// Every assessment up to the end of the range (before it too, for the trend).
    pub assessments: Assessments,
    /// The last day with a set done, up to the end of the range.
    pub last_session: Option<i64>,
    /// The day of a red flag not cleared by the end of the range (from any time before).
    pub open_red_flag: Option<i64>,
}

impl Report {
    /// Adherence to program `p`, week by week over the range. A program is followed from the
    /// week of its first session to the end of the range; one that another program took over
    /// from ends with its last session's week.
    pub fn adherence(&self, p: usize) -> Vec<WeekAdherence> {
        let program = &self.programs[p];
        let latest = self
            .programs
            .iter()
            .map(|q| q.last_day)
            .max()
            .unwrap_or(program.last_day);
        let from = week_of(program.first_day);
        let to = if program.last_day >= latest {
            week_of(self.until)
        } else {
            week_of(program.last_day)
        };
        let mut done = vec![0u32; self.weeks.len()];
        let first = self.weeks.first().copied().unwrap_or(0);
        for s in self
            .sessions
            .iter()
            .filter(|s| s.program == p && s.sets > 0)
        {
            if let Some(d) = done.get_mut(((week_of(s.day) - first) / 7) as usize) {
                *d += 1;
            }
        }
        self.weeks
            .iter()
            .zip(done)
            .map(|(&week, done)| WeekAdherence {
                week,
                done,
                planned: program.per_week.filter(|_| (from..=to).contains(&week)),
            })
            .collect()
    }

    /// Sessions done against sessions planned over the range, each week counting no more
    /// than its plan: (done, planned). `None` when the plan is not known.
    pub fn adherence_total(&self, p: usize) -> Option<(u32, u32)> {
        self.programs[p].per_week?;
        let weeks = self.adherence(p);
        let planned: u32 = weeks.iter().filter_map(|w| w.planned).sum();
        let done: u32 = weeks
            .iter()
            .filter_map(|w| w.planned.map(|p| w.done.min(p)))
            .sum();
        Some((done, planned))
    }

    /// Sessions with sets done in days `from..=to`.
    pub fn sessions_between(&self, from: i64, to: i64) -> u32 {
        self.sessions
            .iter()
            .filter(|s| s.sets > 0 && (from..=to).contains(&s.day))
            .count() as u32
    }

    /// Check-ins with sharp pain inside the range: (day, exercise).
    pub fn sharp_pain(&self) -> Vec<(i64, &str)> {
        self.sessions
            .iter()
            .flat_map(|s| s.sharp.iter().map(move |e| (s.day, e.as_str())))
            .collect()
    }
}

/// Gathers a `Report` one record at a time.
pub struct Builder<'a> {
    report: Report,
    library: &'static Library,
    local: HashMap<&'a str, &'a Exercise>,
    available: &'a [Available<'a>],
    /// Runs inside the range: index into `sessions`.
    runs: HashMap<u64, usize>,
    /// Per program and item key: index into its `items`, and the last run that added a point.
    items: Vec<HashMap<String, (usize, u64)>>,
    tallies: Vec<DoseTally>,
    calendar: Calendar,
}

impl<'a> Builder<'a> {
    /// A report on days `since..=until`, with `available` the programs that are here (for
    /// their plans and their own exercises).
    pub fn new(
        since: i64,
        until: i64,
        available: &'a [Available<'a>],
        calendar: &Calendar,
    ) -> Builder<'a> {
        let (since, until) = (since.min(until), since.max(until));
        let first = week_of(since);
        let weeks: Vec<i64> = (0..)
            .map(|i| first + 7 * i)
            .take_while(|&w| w <= until)
            .collect();
        let local = available
            .iter()
            .flat_map(|a| &a.runnable.program().exercises)
            .map(|e| (e.id.as_str(), e))
            .collect();
        Builder {
            tallies: weeks.iter().map(|_| DoseTally::default()).collect(),
            report: Report {
                since,
                until,
                week_dose: Vec::new(),
                weeks,
                programs: Vec::new(),
                sessions: Vec::new(),
                classes: 0,
                red_flags: Vec::new(),
                follow_ups: Vec::new(),
                skipped: Vec::new(),
                assessments: Assessments::default(),
                last_session: None,
                open_red_flag: None,
            },
            library: Library::bundled(),
            local,
            available,
            runs: HashMap::new(),
            items: Vec::new(),
            calendar: calendar.clone(),
        }
    }

    fn exercise(&self, id: &str) -> Option<&'a Exercise> {
        self.local.get(id).copied().or_else(|| self.library.get(id))
    }

    fn name(&self, id: &str) -> String {
        self.exercise(id)
            .map_or_else(|| id.to_owned(), |e| e.name.clone())
    }

    fn program(&mut self, title: &str, source: &str, day: i64) -> usize {
        let found = self
            .report
            .programs
            .iter()
            .position(|p| p.source == source)
            .or_else(|| self.report.programs.iter().position(|p| p.title == title));
        if let Some(i) = found {
            let p = &mut self.report.programs[i];
            p.last_day = p.last_day.max(day);
            return i;
        }
        let here = self
            .available
            .iter()
            .find(|a| a.source == source)
            .or_else(|| {
                self.available
                    .iter()
                    .find(|a| a.runnable.program().title == title)
            });
        self.report.programs.push(ProgramReport {
            title: title.to_owned(),
            source: source.to_owned(),
            per_week: here.map(|a| a.runnable.program().per_week),
            first_day: day,
            last_day: day,
            items: Vec::new(),
        });
        self.items.push(HashMap::new());
        self.report.programs.len() - 1
    }

    pub fn feed(&mut self, record: &Record) {
        let Some(day) = self.calendar.day_of_stamp(&record.at) else {
            return;
        };
        if day > self.report.until {
            // After the range; only a clearance still matters (it clears a flag inside it).
            if matches!(record.event, Event::Clearance) {
                self.clear(day);
            }
            return;
        }
        let inside = day >= self.report.since;
        let r = &mut self.report;
        match &record.event {
            Event::SessionStart {
                program,
                source,
                session,
                class,
                ..
            } => {
                if *class {
                    r.classes += u32::from(inside);
                    return;
                }
                let p = self.program(program, source, day);
                if inside {
                    let r = &mut self.report;
                    self.runs.insert(record.run, r.sessions.len());
                    r.sessions.push(SessionRow {
                        run: record.run,
                        day,
                        program: p,
                        session: session.clone(),
                        outcome: None,
                        sets: 0,
                        effort_sum: 0,
                        efforts: 0,
                        worst: None,
                        feelings: [0; 4],
                        sharp: Vec::new(),
                        red_flag: false,
                    });
                }
            }
            Event::SetDone {
                item,
                exercise,
                level,
                dose,
                ..
            } => {
                r.last_session = r.last_session.max(Some(day));
                let Some(&s) = self.runs.get(&record.run) else {
                    return;
                };
                r.sessions[s].sets += 1;
                let p = r.sessions[s].program;
                let week = ((week_of(day) - r.weeks[0]) / 7) as usize;
                if let (Some(e), Some(t)) = (self.exercise(exercise), self.tallies.get_mut(week)) {
                    t.add(record.run, day, e, dose);
                }
                let name = self.name(exercise);
                let items = &mut self.items[p];
                let program = &mut self.report.programs[p];
                let (i, last_run) = items.entry(item.clone()).or_insert_with(|| {
                    program.items.push(ItemDose {
                        key: item.clone(),
                        points: Vec::new(),
                    });
                    (program.items.len() - 1, 0)
                });
                if *last_run != record.run || program.items[*i].points.is_empty() {
                    *last_run = record.run;
                    program.items[*i].points.push(DosePoint {
                        day,
                        level: *level,
                        exercise: name,
                        dose: *dose,
                    });
                }
            }
            Event::CheckIn {
                exercise,
                feeling,
                effort,
                ..
            } => {
                let Some(&s) = self.runs.get(&record.run) else {
                    return;
                };
                let name = (*feeling == Feeling::Sharp).then(|| self.name(exercise));
                let row = &mut self.report.sessions[s];
                row.worst = row.worst.max(Some(*feeling));
                row.feelings[usize::from(feeling.number() - 1)] += 1;
                if let Some(e) = effort {
                    row.effort_sum += u32::from(*e);
                    row.efforts += 1;
                }
                row.sharp.extend(name);
            }
            Event::Skipped {
                exercise,
                sets,
                reason,
                ..
            } => {
                if self.runs.contains_key(&record.run) {
                    let name = self.name(exercise);
                    self.report.skipped.push(SkipRow {
                        day,
                        exercise: name,
                        sets: sets.len() as u32,
                        reason: *reason,
                    });
                }
            }
            Event::RedFlag { symptoms, .. } => {
                r.open_red_flag = Some(day);
                if let Some(&s) = self.runs.get(&record.run) {
                    r.sessions[s].red_flag = true;
                }
                if inside {
                    r.red_flags.push(RedFlagRow {
                        day,
                        symptoms: symptoms.clone(),
                        cleared: None,
                    });
                }
            }
            Event::Clearance => {
                r.open_red_flag = None;
                self.clear(day);
            }
            Event::SessionEnd { outcome } => {
                if let Some(&s) = self.runs.get(&record.run) {
                    r.sessions[s].outcome = Some(*outcome);
                }
            }
            Event::FollowUp { about, answer } => {
                if inside {
                    r.follow_ups.push(FollowUpRow {
                        day,
                        about: (*about / 86_400_000) as i64,
                        answer: *answer,
                    });
                }
            }
            Event::Assessment { .. } | Event::AboutYou { .. } => r.assessments.feed(record, day),
            Event::Resumed { .. } | Event::AfterPain { .. } => {}
        }
    }

    fn clear(&mut self, day: i64) {
        for f in self
            .report
            .red_flags
            .iter_mut()
            .rev()
            .take_while(|f| f.cleared.is_none())
        {
            f.cleared = Some(day);
        }
    }

    pub fn finish(mut self) -> Report {
        self.report.week_dose = self.tallies.into_iter().map(DoseTally::finish).collect();
        self.report
    }
}

/// The report on `records` (oldest first) for days `since..=until`, counted by `calendar`.
pub fn report<'a>(
    records: impl IntoIterator<Item = &'a Record>,
    since: i64,
    until: i64,
    available: &[Available],
    calendar: &Calendar,
) -> Report {
    let mut b = Builder::new(since, until, available, calendar);
    for r in records {
        b.feed(r);
    }
    b.finish()
}

#[cfg(test)]
#[path = "report_tests.rs"]
pub(crate) mod tests;
