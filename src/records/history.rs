//! The history: what the journal says about the weeks gone by, for the history screen:
//! sessions per week, check-ins and effort, each item's levels and today's dose, and the last
//! seven days against the guidance. Pure: records and programs in, figures out; today and the
//! calendar are arguments. One pass over the records, which can stream from the journal: none
//! is held. Programs that no longer exist still show, by the title their
//! sessions recorded.

use std::borrow::Borrow;
use std::collections::{BTreeSet, HashMap, HashSet};

use crate::common::calendar::{Calendar, Day, week_of};
use crate::program::summary::{
    BALANCE_MINUTES, EXTENSION_DAYS, EXTENSION_MINUTES, MODERATE_IMPACTS, MOST_DAYS,
    RESISTANCE_DAYS,
};
use crate::program::{Dose, Exercise, Impact, Kind, Library};
use crate::records::journal::{Event, Outcome, Record};
use crate::records::replay::{Held, Replay, Rules, Stopped};
use crate::training::runnable::Runnable;

/// One session, as the history shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionInfo {
    pub run: u64,
    pub day: Day,
    pub session: String,
    pub outcome: Option<Outcome>,
    pub sets: u32,
    /// The mean effort of its check-ins (0-10).
    pub effort: Option<f64>,
    /// Its highest pain score in a check-in (0-10; an older four-answer check-in as its score).
    pub pain: Option<u8>,
    /// Exercises that stopped for pain.
    pub stopped_for_pain: Vec<String>,
    pub red_flag: bool,
}

impl SessionInfo {
    /// Whether it counts as a session done against the program's plan: it did some sets and
    /// ended normally, or stopped for pain after them. A session quit early, stopped by a red
    /// flag, abandoned after a crash, or not ended (yet) does not count.
    pub fn counts(&self) -> bool {
        self.sets > 0 && matches!(self.outcome, Some(Outcome::Completed | Outcome::Pain))
    }
}

/// One item of a program over time.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemHistory {
    pub key: String,
    /// The name of the exercise it is at (or was last done at).
    pub name: String,
    /// The level it was done at, one per session that did it, oldest first.
    pub levels: Vec<(Day, u32)>,
    /// Today, when the program is here: level, top level, dose, why it does not move up.
    pub today: Option<Today>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Today {
    pub level: u32,
    pub top: u32,
    pub dose: Dose,
    pub held: Option<Held>,
    /// Stopped for pain and not assessed since: the next session asks first (and whether it
    /// was left out when last asked).
    pub stopped: Option<Stopped>,
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
    /// Sessions that count (`SessionInfo::counts`), per week, for the `weeks` weeks up to the
    /// one holding `today`: (Monday, count), oldest first.
    pub fn per_week(&self, weeks: usize, today: Day) -> Vec<(Day, u32)> {
        let last = week_of(today);
        let first = last - 7 * (weeks as i64 - 1);
        let mut counts = vec![0u32; weeks];
        for s in self.sessions.iter().filter(|s| s.counts()) {
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
    pub today: Day,
    /// Most recently done first.
    pub programs: Vec<ProgramHistory>,
    pub dose: WeekDose,
}

/// Per item key: the exercise last done, and (day, level) per session.
type ItemLevels = HashMap<String, (String, Vec<(Day, u32)>)>;

/// A program that is here: the program, ready to run, and how the journal names where it
/// came from.
pub struct Available<'a> {
    pub runnable: &'a Runnable,
    pub source: String,
}

impl History {
    /// The history of `records` (oldest first) on day `today`, its days counted by `calendar`.
    pub fn build<R: Borrow<Record>>(
        records: impl IntoIterator<Item = R>,
        available: &[Available],
        today: Day,
        calendar: &Calendar,
    ) -> History {
        let day_of = |at: &str| calendar.day_of_stamp(at);
        let library = Library::bundled();
        let local: HashMap<&str, &Exercise> = available
            .iter()
            .flat_map(|a| &a.runnable.program().exercises)
            .map(|e| (e.id.as_str(), e))
            .collect();
        let exercise = |id: &str| local.get(id).copied().or_else(|| library.get(id));

        // Which program each session belongs to: a program here, or a title.
        let mut programs: Vec<ProgramHistory> = available
            .iter()
            .map(|a| ProgramHistory {
                title: a.runnable.program().title.clone(),
                source: a.source.clone(),
                per_week: Some(a.runnable.program().per_week),
                sessions: Vec::new(),
                items: Vec::new(),
            })
            .collect();
        let mut run_program: HashMap<u64, (usize, usize)> = HashMap::new();
        let mut last_done: Vec<u64> = vec![0; programs.len()];
        let mut item_levels: Vec<ItemLevels> = vec![HashMap::new(); programs.len()];
        let mut item_order: Vec<Vec<String>> = vec![Vec::new(); programs.len()];
        let mut efforts: HashMap<u64, (u32, u32)> = HashMap::new();
        let rules: Vec<Rules> = available
            .iter()
            .map(|a| Rules::new(a.runnable, &a.source))
            .collect();
        let mut replays: Vec<Replay> = rules.iter().map(Replay::new).collect();
        let mut week = WeekDoseFold::new(today);
        for r in records {
            let r: &Record = r.borrow();
            for replay in &mut replays {
                replay.feed(r);
            }
            week.feed(r, calendar, &exercise);
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
                        pain: None,
                        stopped_for_pain: Vec::new(),
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
                            effort,
                            ..
                        } => {
                            let answer = r.event.answer();
                            info.pain = info.pain.max(answer.map(|a| a.pain));
                            if answer.is_some_and(|a| a.response().stops()) {
                                let name = exercise(ex).map_or(ex.clone(), |e| e.name.clone());
                                info.stopped_for_pain.push(name);
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
        let mut replays = replays.into_iter();
        for (i, p) in programs.iter_mut().enumerate() {
            let mut levels = std::mem::take(&mut item_levels[i]);
            if let Some((a, progress)) = available.get(i).zip(replays.next()) {
                let progress = progress.finish();
                let mut seen = HashSet::new();
                for (key, _) in a.runnable.items() {
                    if !seen.insert(key.clone()) {
                        continue;
                    }
                    let (Some(top), Some((level, rung))) = (
                        a.runnable.ladder(&key).map(|l| l.len() as u32 - 1),
                        a.runnable.at_level(&key, progress.today(&key.0)),
                    ) else {
                        continue;
                    };
                    let name = a
                        .runnable
                        .exercise(&rung.exercise)
                        .map_or(rung.exercise.clone(), |e| e.name.clone());
                    p.items.push(ItemHistory {
                        name,
                        levels: levels.remove(&key.0).map(|l| l.1).unwrap_or_default(),
                        today: Some(Today {
                            level,
                            top,
                            dose: rung.dose,
                            held: progress.held(&key.0),
                            stopped: progress.stopped(&key.0).cloned(),
                        }),
                        key: key.0,
                    });
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
        let programs: Vec<ProgramHistory> =
            order.into_iter().filter_map(|i| slots[i].take()).collect();

        // The week's resistance sessions are sessions that count, as for the plan.
        let counted: HashSet<u64> = programs
            .iter()
            .flat_map(|p| &p.sessions)
            .filter(|s| s.counts())
            .map(|s| s.run)
            .collect();
        History {
            today,
            programs,
            dose: week.finish(&counted),
        }
    }
}

/// The last seven days' figures, gathered as the records go by.
struct WeekDoseFold {
    from: Day,
    today: Day,
    tally: DoseTally,
}

impl WeekDoseFold {
    fn new(today: Day) -> WeekDoseFold {
        WeekDoseFold {
            from: today - 6,
            today,
            tally: DoseTally::default(),
        }
    }

    fn feed<'a>(
        &mut self,
        r: &Record,
        calendar: &Calendar,
        exercise: &dyn Fn(&str) -> Option<&'a Exercise>,
    ) {
        let Event::SetDone {
            exercise: id,
            dose: d,
            ..
        } = &r.event
        else {
            return;
        };
        let Some(day) = calendar.day_of_stamp(&r.at) else {
            return;
        };
        if (self.from..=self.today).contains(&day)
            && let Some(e) = exercise(id)
        {
            self.tally.add(r.run, day, e, d);
        }
    }

    /// The week's figures; its resistance sessions only those in `counted` (the sessions that
    /// count against the plan, `SessionInfo::counts`).
    fn finish(self, counted: &HashSet<u64>) -> WeekDose {
        self.tally
            .only_sessions(|run| counted.contains(&run))
            .finish()
    }
}

/// Adds up a week of sets into a `WeekDose`, one `set_done` at a time: the history's last
/// seven days and the report's weeks count the same way.
#[derive(Debug, Default)]
pub struct DoseTally {
    resistance_runs: BTreeSet<u64>,
    /// Per day: balance seconds, extension seconds, impacts.
    per_day: HashMap<Day, [u32; 3]>,
    dose: WeekDose,
}

impl DoseTally {
    /// One set of `exercise` at `dose`, done on `day` in session `run`.
    pub fn add(&mut self, run: u64, day: Day, exercise: &Exercise, dose: &Dose) {
        let work = dose.work_secs();
        let figures = self.per_day.entry(day).or_default();
        if exercise.has_kind(Kind::Resistance) {
            self.resistance_runs.insert(run);
        }
        if exercise.has_kind(Kind::Balance) {
            self.dose.balance_secs += work;
            figures[0] += work;
        }
        if exercise.has_kind(Kind::Extension) {
            self.dose.extension_secs += work;
            figures[1] += work;
        }
        if exercise.impact >= Impact::Low && exercise.has_kind(Kind::WeightBearing) {
            let impacts = match *dose {
                Dose::Time { secs, .. } => secs,
                _ => dose.reps().unwrap_or(0),
            };
            self.dose.impacts += impacts;
            figures[2] += impacts;
        }
    }

    /// Counts as resistance sessions only the sessions `counts` keeps (the history: sessions
    /// that count against the plan, `SessionInfo::counts`); the work done is counted either way.
    pub fn only_sessions(mut self, counts: impl Fn(u64) -> bool) -> DoseTally {
        self.resistance_runs.retain(|&run| counts(run));
        self
    }

    pub fn finish(self) -> WeekDose {
        let mut dose = self.dose;
        dose.resistance_sessions = self.resistance_runs.len() as u32;
        for f in self.per_day.values() {
            dose.balance_days += u32::from(f[0] >= BALANCE_MINUTES.0 * 60);
            dose.extension_days += u32::from(f[1] >= EXTENSION_MINUTES.0 * 60);
            dose.impact_days += u32::from(f[2] >= MODERATE_IMPACTS);
        }
        dose
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::common::calendar::stamp;

    pub(crate) fn at(day: i64, event: Event) -> Record {
        Record {
            at: stamp(day as u64 * 86_400 + 9 * 3600),
            run: day as u64 * 1000,
            event,
        }
    }

    pub(crate) fn start(day: i64, program: &str) -> Record {
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

    pub(crate) fn set(day: i64, exercise: &str, dose: Dose) -> Record {
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

    pub(crate) fn end(day: i64, outcome: Outcome) -> Record {
        at(day, Event::SessionEnd { outcome })
    }

    pub(crate) const TIME: Dose = Dose::Time {
        secs: 600,
        sets: 1,
        rest: 0,
        per_side: false,
    };

    #[test]
    fn a_program_no_longer_here_still_shows_by_its_title() {
        let records = vec![
            start(20_400, "Gone"),
            set(20_400, "tandem-stance", TIME),
            end(20_400, Outcome::Completed),
            start(20_405, "Gone"),
            set(20_405, "tandem-stance", TIME),
            at(20_405, Event::red_flag(vec![])),
            end(20_405, Outcome::RedFlag),
        ];
        let h = History::build(&records, &[], 20_412, &Calendar::utc());
        assert_eq!(h.programs.len(), 1);
        let p = &h.programs[0];
        assert_eq!((p.title.as_str(), p.per_week), ("Gone", None));
        assert_eq!(p.sessions.len(), 2);
        assert!(p.sessions[1].red_flag);
        assert_eq!(p.items[0].name, "Tandem stance");
        assert_eq!(p.items[0].levels, vec![(20_400, 0), (20_405, 0)]);
        let weeks = p.per_week(3, 20_412);
        assert_eq!(
            weeks.iter().map(|w| w.1).collect::<Vec<_>>(),
            vec![1, 0, 0],
            "the red-flag session is not counted against the plan"
        );
    }

    #[test]
    fn only_sessions_that_ended_normally_or_stopped_for_pain_after_work_count() {
        let mut records = Vec::new();
        let outcomes = [
            (20_401, true, Some(Outcome::Completed), true),
            (20_402, true, Some(Outcome::Pain), true),
            (20_403, false, Some(Outcome::Pain), false),
            (20_404, true, Some(Outcome::Quit), false),
            (20_405, true, Some(Outcome::RedFlag), false),
            (20_406, true, Some(Outcome::Abandoned), false),
            (20_407, true, None, false),
            (20_408, false, Some(Outcome::Completed), false),
        ];
        for (day, did, outcome, _) in outcomes {
            records.push(start(day, "P"));
            if did {
                records.push(set(day, "sit-to-stand", TIME));
            }
            if let Some(o) = outcome {
                records.push(end(day, o));
            }
        }
        let h = History::build(&records, &[], 20_407, &Calendar::utc());
        let p = &h.programs[0];
        for ((day, _, _, counts), s) in outcomes.iter().zip(&p.sessions) {
            assert_eq!(s.counts(), *counts, "the session on day {day}");
        }
        let counted: u32 = p.per_week(2, 20_407).iter().map(|w| w.1).sum();
        assert_eq!(counted, 2);
        assert_eq!(
            h.dose.resistance_sessions, 2,
            "the week's resistance sessions are the sessions that count"
        );
    }

    #[test]
    fn an_exercise_stopped_for_pain_shows_until_it_has_been_assessed() {
        use crate::records::journal::PainChoice;
        use crate::training::checkin::{Answer, Place, Quality};
        let text = r#"Program(title: "P", level: Beginner, per_week: 2, sessions: [
            Session(name: "A", blocks: [Block(name: "Main", items: [
                Item(exercise: "sit-to-stand", dose: Reps(sets: 1, reps: 8, rest: 0)),
            ])]),
        ])"#;
        let checked =
            crate::program::check_source(text.as_bytes(), crate::program::Library::bundled());
        let runnable = Runnable::new(checked.program.unwrap());
        let available = [Available {
            runnable: &runnable,
            source: "P.ron".into(),
        }];
        let item = "A / Main / sit-to-stand".to_owned();
        let mut records = vec![
            start(20_400, "P"),
            set(20_400, "sit-to-stand", TIME),
            at(
                20_400,
                Event::check_in(
                    item.clone(),
                    "sit-to-stand".into(),
                    Answer::pain(3, Quality::Sharp, Place::Joint, None),
                ),
            ),
            end(20_400, Outcome::Completed),
        ];
        let stopped = |records: &[Record]| {
            let h = History::build(records, &available, 20_402, &Calendar::utc());
            h.programs[0].items[0]
                .today
                .as_ref()
                .unwrap()
                .stopped
                .clone()
        };
        assert_eq!(stopped(&records).map(|s| s.left_out), Some(false));
        let answer = |choice| {
            at(
                20_401,
                Event::AfterPain {
                    item: item.clone(),
                    exercise: "sit-to-stand".into(),
                    choice,
                    instead: None,
                },
            )
        };
        records.push(answer(PainChoice::LeaveOut));
        assert_eq!(stopped(&records).map(|s| s.left_out), Some(true));
        records.push(answer(PainChoice::Assessed));
        assert_eq!(stopped(&records), None);
    }

    #[test]
    fn a_session_shows_its_highest_pain_and_what_stopped_for_pain() {
        use crate::training::checkin::{Answer, Place, Quality};
        let item = "A / Main / sit-to-stand".to_owned();
        let records = vec![
            start(20_400, "P"),
            set(20_400, "sit-to-stand", TIME),
            at(
                20_400,
                Event::check_in(
                    item.clone(),
                    "sit-to-stand".into(),
                    Answer::pain(3, Quality::Dull, Place::Muscles, Some(6)),
                ),
            ),
            at(
                20_400,
                Event::check_in(
                    item,
                    "sit-to-stand".into(),
                    Answer::pain(5, Quality::Dull, Place::Back, None),
                ),
            ),
            end(20_400, Outcome::Pain),
        ];
        let h = History::build(&records, &[], 20_401, &Calendar::utc());
        let s = &h.programs[0].sessions[0];
        assert_eq!(s.pain, Some(5));
        assert_eq!(s.stopped_for_pain, vec!["Sit to stand".to_owned()]);
        assert_eq!(s.effort, Some(6.0));
        assert!(s.counts(), "stopped for pain after real work: counted");
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
        let h = History::build(&records, &[], 20_412, &Calendar::utc());
        let d = &h.dose;
        assert_eq!(d.balance_secs, 7 * 1200);
        assert_eq!(d.balance_days, 7);
        assert_eq!(d.balance(), Standing::OnTrack);
        assert_eq!(d.resistance_sessions, 0);
        assert_eq!(d.resistance(), Standing::Below);
        assert_eq!(d.impact_days, 7);
        assert_eq!(d.extension(), Standing::Below);
    }

    #[test]
    fn a_sunday_evening_west_of_greenwich_counts_in_that_week() {
        // Sunday 23 Nov 2025, 20:00 in New York: 01:00 on Monday the 24th in UTC.
        let sunday_evening = 1_763_946_000;
        let mut records = vec![
            start(0, "P"),
            set(0, "tandem-stance", TIME),
            end(0, Outcome::Completed),
        ];
        for r in &mut records {
            r.at = stamp(sunday_evening);
            r.run = sunday_evening * 1000;
        }
        let new_york = Calendar::new(jiff::tz::TimeZone::get("America/New_York").unwrap());
        let monday = 20_416; // 24 Nov 2025
        let h = History::build(&records, &[], monday, &new_york);
        let p = &h.programs[0];
        assert_eq!(p.sessions[0].day, monday - 1, "Sunday there");
        let weeks: Vec<u32> = p.per_week(2, monday).iter().map(|w| w.1).collect();
        assert_eq!(weeks, vec![1, 0], "last week's session, none yet this week");
        let utc = History::build(&records, &[], monday, &Calendar::utc());
        let weeks: Vec<u32> = utc.programs[0]
            .per_week(2, monday)
            .iter()
            .map(|w| w.1)
            .collect();
        assert_eq!(weeks, vec![0, 1], "counted in UTC it would land on Monday");
    }
}
