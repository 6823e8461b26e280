//! The coach's state and how keys change it: home, readiness check (clearance, resume, the
//! next-day follow-up, fracture), the session (driven by the engine), check-ins, red flags,
//! advice, the summary and the history. Rendering lives in `ui`; the terminal loop in
//! `mod.rs`. Every method takes `now`, so tests drive it with a fake clock.

use std::collections::HashMap;
use std::time::Instant;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::history::HistoryView;
use crate::common::paths::Paths;
use crate::common::settings::Settings;
use crate::program::sources::Entry;
use crate::program::{Catalog, Library, Program};
use crate::records::journal::{self, Event, Feeling, Journal, NextDay, Outcome, Record};
use crate::records::replay::{self, Rules, Unfinished};
use crate::training::Engine;
use crate::training::checkin::Answer;
use crate::training::plan::{ItemKey, PhaseKind, Plan, easier_variant, plan};
use crate::training::safety::{self, RED_FLAGS};

/// What the person is looking at.
#[derive(Debug)]
pub enum Screen {
    Home,
    Readiness(Readiness),
    Session(Run),
    /// The session stopped for safety: advice to read, then home or quit.
    Stopped(Advice),
    Summary(Run),
    /// Sessions per week, check-ins, levels and the weekly dose.
    History(Box<HistoryView>),
}

/// A dialog over the session screen; the session is paused while one is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help,
    ConfirmQuit,
    CheckIn(CheckIn),
    RedFlags {
        ticked: Vec<bool>,
        cursor: usize,
    },
    /// After sharp pain: stop, advice, go on or end.
    Pain {
        exercise: String,
        easier: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckIn {
    /// `None` while asking how it felt; then asking for effort.
    pub feeling: Option<Feeling>,
    pub effort: u8,
    /// Asked in the middle of an exercise (the `p` key), not after its last set.
    pub during: bool,
}

#[derive(Debug)]
pub struct Readiness {
    pub run: Run,
    pub step: ReadyStep,
    /// Said above the last question: what an answer before it changed.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadyStep {
    /// A red flag from a past session is not cleared yet: its symptoms.
    Clearance(Vec<String>),
    /// The last session stopped without an end: go on with it, or discard it.
    Resume(Box<ResumeOffer>),
    /// How was the day after the last session (run id, and when it was)?
    FollowUp {
        about: u64,
        when: String,
    },
    Fracture,
}

/// A session that stopped without an end, offered for resuming.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResumeOffer {
    pub unfinished: Unfinished,
    /// The program (index into `App::programs`) and its plan's exercise names, when it can be
    /// resumed; otherwise why not.
    pub resumable: Result<(usize, Vec<String>), String>,
    /// When it stopped, in words ("yesterday at 18:30 UTC").
    pub when: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice {
    pub title: String,
    pub lines: Vec<String>,
}

/// One run of a session.
#[derive(Debug)]
pub struct Run {
    pub engine: Engine,
    /// The run's id in the journal: its start in milliseconds since 1970.
    pub id: u64,
    pub source: String,
    /// A resumed run: the planned item it goes on from (no new session start is recorded).
    pub resumed: Option<usize>,
}

/// Everything the coach holds.
pub struct App {
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub programs: Vec<Entry>,
    pub selected: usize,
    pub session: usize,
    pub settings: Settings,
    /// `--quiet`: no sound whatever the setting.
    pub quiet: bool,
    pub paths: Paths,
    journal: Journal,
    /// Set when the journal could not be written: shown as a banner for as long as anything
    /// of this run of upright is not saved.
    pub journal_error: Option<String>,
    /// Said once, in the banner, until the next key (a torn journal line set aside).
    pub notice: Option<String>,
    /// Every record, saved or not (the safety rules use what happened).
    records: Vec<Record>,
    /// Indexes into `records` of the ones that could not be saved.
    unsaved: Vec<usize>,
    /// Today's level of each item of the selected program, for the preview.
    pub levels: HashMap<ItemKey, u32>,
    /// For tests: the wall-clock time (seconds since 1970) instead of the system's.
    pub fixed_time: Option<u64>,
    seed: Option<u64>,
    /// Bells to ring at the next draw.
    pub bells: u32,
    /// Started with `upright run`: there is no home screen to go back to.
    pub direct: bool,
    pub quit: bool,
    /// What the countdown showed at the last draw, to ring the last three seconds once.
    last_shown: Option<(usize, Option<u32>)>,
}

impl App {
    pub fn new(programs: Vec<Entry>, paths: Paths, quiet: bool, seed: Option<u64>) -> App {
        App::at_time(programs, paths, quiet, seed, None)
    }

    /// `new`, with the wall clock fixed at `fixed_time` (seconds since 1970) when given.
    pub fn at_time(
        programs: Vec<Entry>,
        paths: Paths,
        quiet: bool,
        seed: Option<u64>,
        fixed_time: Option<u64>,
    ) -> App {
        let now = fixed_time.unwrap_or_else(super::unix_secs);
        let loaded = journal::load(&paths.data.join(Journal::FILE_NAME), now);
        let (journal, err) = Journal::open(&paths.data);
        let (records, notice, read_error) = match loaded {
            Ok(l) => (l.records, l.torn.map(|t| t.notice()), None),
            Err(e) => (Vec::new(), None, Some(e)),
        };
        let journal_error = match (err, read_error) {
            (Some(e), _) => Some(format!("Progress is NOT being saved: {e}")),
            (None, Some(e)) => Some(format!(
                "The journal could not be read ({e}); levels start from the program's doses"
            )),
            (None, None) => None,
        };
        let mut app = App {
            screen: Screen::Home,
            overlay: None,
            programs,
            selected: 0,
            session: 0,
            settings: Settings::load(&paths.settings()),
            quiet,
            paths,
            journal,
            journal_error,
            notice,
            records,
            unsaved: Vec::new(),
            levels: HashMap::new(),
            fixed_time,
            seed,
            bells: 0,
            direct: false,
            quit: false,
            last_shown: None,
        };
        app.refresh_levels();
        app
    }

    /// Seconds since 1970, now.
    pub fn unix_now(&self) -> u64 {
        self.fixed_time.unwrap_or_else(super::unix_secs)
    }

    /// The records, saved ones only (what the history may show as saved); borrowed unless
    /// something could not be saved.
    pub fn saved_records(&self) -> std::borrow::Cow<'_, [Record]> {
        if self.unsaved.is_empty() {
            return std::borrow::Cow::Borrowed(&self.records);
        }
        let mut unsaved = self.unsaved.iter().peekable();
        let saved = self.records.iter().enumerate().filter_map(move |(i, r)| {
            if unsaved.peek() == Some(&&i) {
                unsaved.next();
                None
            } else {
                Some(r.clone())
            }
        });
        std::borrow::Cow::Owned(saved.collect())
    }

    /// Whether anything of run `id` could not be saved.
    pub fn run_unsaved(&self, id: u64) -> bool {
        self.unsaved.iter().any(|&i| self.records[i].run == id)
    }

    /// Whether anything at all could not be saved since upright started.
    pub fn anything_unsaved(&self) -> bool {
        !self.unsaved.is_empty()
    }

    /// The replay rules of program `index`, when it is safe to run.
    fn rules(&self, index: usize) -> Option<Rules> {
        let entry = self.programs.get(index)?;
        let program = entry.checked.safe_program()?;
        let catalog = Catalog::new(Library::bundled(), &program.exercises);
        Some(Rules::new(program, &catalog, &entry.origin.label()))
    }

    /// Today's level of every item of program `index`, from the first `upto` records.
    fn levels_for(&self, index: usize, upto: usize) -> HashMap<ItemKey, u32> {
        self.rules(index).map_or_else(HashMap::new, |rules| {
            replay::replay(&rules, &self.records[..upto.min(self.records.len())]).levels()
        })
    }

    /// Recomputes the selected program's levels for the preview.
    pub fn refresh_levels(&mut self) {
        self.levels = self.levels_for(self.selected, self.records.len());
    }

    /// Plans a run of program `index`: `session` by index, with these levels.
    fn plan_for(
        &self,
        index: usize,
        session: &str,
        levels: &HashMap<ItemKey, u32>,
        seed: u64,
    ) -> Option<Plan> {
        let program = self.programs.get(index)?.checked.safe_program()?;
        let catalog = Catalog::new(Library::bundled(), &program.exercises);
        plan(program, &catalog, Some(session), levels, seed).ok()
    }

    /// A new run's id: its start in milliseconds, after every run already in the journal.
    fn new_run_id(&self) -> u64 {
        let now = self.fixed_time.map_or_else(super::new_run_id, |t| t * 1000);
        let last = self.records.iter().map(|r| r.run).max().unwrap_or(0);
        now.max(last + 1)
    }

    pub fn sound(&self) -> bool {
        self.settings.sound && !self.quiet
    }

    pub fn selected_program(&self) -> Option<&Program> {
        self.programs.get(self.selected)?.checked.safe_program()
    }

    /// Starts the readiness check for the selected program and session (or says why not).
    pub fn start(&mut self, now: Instant) {
        let Some(entry) = self.programs.get(self.selected) else {
            return;
        };
        let Some(program) = entry.checked.safe_program() else {
            return; // a program with errors never reaches a session
        };
        let Some(session) = program.sessions.get(self.session).map(|s| s.name.clone()) else {
            return;
        };
        let source = entry.origin.label();
        let seed = self.seed.unwrap_or_else(rand::random);
        // Planned again when the session starts, with the answers to the questions before it.
        let levels = self.levels_for(self.selected, self.records.len());
        let Some(plan) = self.plan_for(self.selected, &session, &levels, seed) else {
            return;
        };
        let run = Run {
            engine: Engine::new(plan, now),
            id: self.new_run_id(),
            source,
            resumed: None,
        };
        let step = self.step_from(0);
        self.screen = Screen::Readiness(Readiness {
            run,
            step,
            note: None,
        });
    }

    /// The readiness question from stage `from` on: 0 clearance, 1 resume, 2 follow-up, 3
    /// fracture (always asked).
    fn step_from(&self, from: u8) -> ReadyStep {
        if from == 0
            && let Some(Record {
                event: Event::RedFlag { symptoms, .. },
                ..
            }) = journal::unresolved_red_flag(&self.records)
        {
            return ReadyStep::Clearance(symptoms.clone());
        }
        if from <= 1
            && let Some(offer) = self.resume_offer()
        {
            return ReadyStep::Resume(offer);
        }
        if from <= 2
            && let Some((about, when)) = self.follow_up_due()
        {
            return ReadyStep::FollowUp { about, when };
        }
        ReadyStep::Fracture
    }

    fn resume_offer(&self) -> Option<Box<ResumeOffer>> {
        let u = replay::unfinished(&self.records)?;
        let index = self.programs.iter().position(|e| {
            e.origin.label() == u.source
                || e.checked
                    .safe_program()
                    .is_some_and(|p| p.title == u.program)
        });
        let resumable = match index {
            None => Err(format!(
                "{} is not among the programs here",
                crate::common::text::clean_line(&u.program)
            )),
            Some(i) => {
                let levels = self.levels_for(i, u.start);
                match self.plan_for(i, &u.session, &levels, u.seed) {
                    Some(p) if p.exercises.iter().map(|e| &e.key.0).eq(u.items.iter()) => Ok((
                        i,
                        p.exercises
                            .iter()
                            .map(|e| e.exercise.name.clone())
                            .collect(),
                    )),
                    _ => Err("its program has changed since".to_owned()),
                }
            }
        };
        let stopped = journal::parse_rfc3339(&u.last_at).unwrap_or(u.run / 1000);
        Some(Box::new(ResumeOffer {
            when: when(stopped, self.unix_now()),
            unfinished: u,
            resumable,
        }))
    }

    /// The last session that did something, when the day after it has come and has not been
    /// asked about: it ended 10 hours or more ago (the evening before counts), not by a red
    /// flag (the clearance question covers that).
    fn follow_up_due(&self) -> Option<(u64, String)> {
        let mut last: Option<u64> = None;
        let mut ended_at = 0;
        let mut red_flag = false;
        let mut classes = std::collections::HashSet::new();
        for r in &self.records {
            match &r.event {
                Event::SessionStart { class: true, .. } => {
                    classes.insert(r.run);
                }
                // Discarding a stopped session today says nothing about when it was done.
                Event::SessionEnd {
                    outcome: Outcome::Abandoned,
                } => {}
                Event::SetDone { .. } if !classes.contains(&r.run) => {
                    if last != Some(r.run) {
                        last = Some(r.run);
                        red_flag = false;
                    }
                    ended_at = journal::parse_rfc3339(&r.at).unwrap_or(0);
                }
                _ if Some(r.run) == last => {
                    ended_at = journal::parse_rfc3339(&r.at).unwrap_or(ended_at);
                    red_flag |= matches!(r.event, Event::RedFlag { .. });
                }
                _ => {}
            }
        }
        let about = last?;
        let asked = self
            .records
            .iter()
            .any(|r| matches!(r.event, Event::FollowUp { about: a, .. } if a == about));
        let now = self.unix_now();
        (!asked && !red_flag && now >= ended_at + 10 * 3600).then(|| (about, when(ended_at, now)))
    }

    /// The next moment the screen changes by itself, if any.
    pub fn next_wake(&self, now: Instant) -> Option<Instant> {
        match &self.screen {
            Screen::Session(run) if self.overlay.is_none() => run.engine.next_change(now),
            _ => None,
        }
    }

    /// Moves the session on to `now`; records what happened; rings bells.
    pub fn tick(&mut self, now: Instant) {
        let Screen::Session(run) = &mut self.screen else {
            return;
        };
        let changed = run.engine.tick(now);
        if changed {
            self.bells += 1;
        }
        self.after_engine(now);
    }

    /// Writes the engine's events, opens the check-in when one is due, and leaves the session
    /// screen when the run has ended.
    fn after_engine(&mut self, now: Instant) {
        let Screen::Session(run) = &mut self.screen else {
            return;
        };
        let events = run.engine.drain_events();
        let id = run.id;
        let shown = run
            .engine
            .phase()
            .map(|_| (run.engine.index(), run.engine.shown_secs(now)));
        let check_in_due = run.engine.phase().map(|p| p.kind) == Some(PhaseKind::CheckIn);
        let outcome = run.engine.outcome();
        for e in events {
            self.record(id, e);
        }
        if let Some((index, Some(secs))) = shown
            && (1..=3).contains(&secs)
            && self.last_shown != Some((index, Some(secs)))
        {
            self.bells += 1;
        }
        self.last_shown = shown;
        if check_in_due && self.overlay.is_none() {
            self.overlay = Some(Overlay::CheckIn(CheckIn {
                feeling: None,
                effort: 5,
                during: false,
            }));
        }
        if let Some(outcome) = outcome {
            let screen = std::mem::replace(&mut self.screen, Screen::Home);
            if let Screen::Session(run) = screen {
                self.screen = match outcome {
                    Outcome::RedFlag => {
                        let symptoms = self
                            .records
                            .iter()
                            .rev()
                            .find_map(|r| match &r.event {
                                Event::RedFlag { symptoms, .. } => Some(symptoms.clone()),
                                _ => None,
                            })
                            .unwrap_or_default();
                        Screen::Stopped(red_flag_advice(&symptoms))
                    }
                    _ => Screen::Summary(run),
                };
            }
            if !matches!(self.overlay, Some(Overlay::Pain { .. })) {
                self.overlay = None;
            }
            self.bells += 1;
        }
    }

    fn record(&mut self, run: u64, event: Event) {
        let record = Record::new(run, event, self.unix_now());
        match self.journal.append(&record) {
            Ok(()) if self.unsaved.is_empty() => self.journal_error = None,
            Ok(()) => {}
            Err(e) => {
                self.unsaved.push(self.records.len());
                self.journal_error = Some(format!(
                    "Progress is NOT being saved ({}): {e}",
                    self.journal.path().display()
                ))
            }
        }
        self.records.push(record);
    }

    /// One key press.
    pub fn key(&mut self, key: KeyEvent, now: Instant) {
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            self.interrupt();
            return;
        }
        self.notice = None;
        if self.overlay.is_some() {
            self.overlay_key(key, now);
        } else {
            match self.screen {
                Screen::Home => self.home_key(key, now),
                Screen::Readiness(_) => self.readiness_key(key, now),
                Screen::Session(_) => self.session_key(key, now),
                Screen::Stopped(_) | Screen::Summary(_) => self.end_key(key),
                Screen::History(_) => self.history_key(key),
            }
        }
        self.after_engine(now);
    }

    /// Ctrl-C, SIGTERM, SIGHUP: end the run cleanly (recorded as quit) and leave.
    pub fn interrupt(&mut self) {
        if let Screen::Session(run) = &mut self.screen {
            run.engine.end(Outcome::Quit);
            let id = run.id;
            for e in run.engine.drain_events() {
                self.record(id, e);
            }
        }
        self.quit = true;
    }

    fn home_key(&mut self, key: KeyEvent, now: Instant) {
        let n = self.programs.len();
        match key.code {
            KeyCode::Up | KeyCode::Char('k') if n > 0 => {
                self.selected = (self.selected + n - 1) % n;
                self.session = 0;
                self.refresh_levels();
            }
            KeyCode::Down | KeyCode::Char('j') if n > 0 => {
                self.selected = (self.selected + 1) % n;
                self.session = 0;
                self.refresh_levels();
            }
            KeyCode::Left | KeyCode::Right | KeyCode::Tab => {
                let sessions = self
                    .selected_program()
                    .map_or(1, |p| p.sessions.len().max(1));
                self.session = if key.code == KeyCode::Left {
                    (self.session + sessions - 1) % sessions
                } else {
                    (self.session + 1) % sessions
                };
            }
            KeyCode::Enter => self.start(now),
            KeyCode::Char('h') => self.open_history(),
            KeyCode::Char('?') => self.overlay = Some(Overlay::Help),
            KeyCode::Char('q') | KeyCode::Esc => self.quit = true,
            _ => {}
        }
    }

    fn readiness_key(&mut self, key: KeyEvent, now: Instant) {
        let Screen::Readiness(r) = &mut self.screen else {
            return;
        };
        let yes = matches!(key.code, KeyCode::Char('y' | 'Y'));
        let no = matches!(key.code, KeyCode::Char('n' | 'N'));
        match (&r.step, yes, no) {
            (ReadyStep::Clearance(_), true, _) => {
                let id = r.run.id;
                self.record(id, Event::Clearance);
                self.set_step(1);
            }
            (ReadyStep::Clearance(_), _, true) => {
                self.screen = Screen::Stopped(Advice {
                    title: "Please get cleared first".into(),
                    lines: vec![
                        "After a red flag, a doctor or physiotherapist should confirm that you can exercise again before your next session.".into(),
                        "When they have, start upright again and answer yes.".into(),
                        safety::NOT_A_DIAGNOSIS.into(),
                    ],
                });
            }
            (ReadyStep::Resume(offer), _, _) => {
                let offer = offer.clone();
                match (key.code, &offer.resumable) {
                    (KeyCode::Char('r' | 'R'), Ok((index, _))) => self.resume(&offer, *index, now),
                    (KeyCode::Char('d' | 'D'), _) => {
                        self.record(
                            offer.unfinished.run,
                            Event::SessionEnd {
                                outcome: Outcome::Abandoned,
                            },
                        );
                        self.set_step(2);
                    }
                    (KeyCode::Esc | KeyCode::Char('q'), _) => self.leave(),
                    _ => {}
                }
            }
            (ReadyStep::FollowUp { about, .. }, _, _) => {
                let about = *about;
                let answer = match key.code {
                    KeyCode::Char(c @ '1'..='4') => NextDay::ALL[usize::from(c as u8 - b'1')],
                    KeyCode::Esc | KeyCode::Char('q') => return self.leave(),
                    _ => return,
                };
                let id = r.run.id;
                self.record(id, Event::FollowUp { about, answer });
                self.set_step(3);
                if let Screen::Readiness(r) = &mut self.screen {
                    r.note = answer.effect().map(str::to_owned);
                }
            }
            (ReadyStep::Fracture, _, true) => {
                let screen = std::mem::replace(&mut self.screen, Screen::Home);
                if let Screen::Readiness(r) = screen {
                    let mut run = r.run;
                    let id = run.id;
                    match run.resumed {
                        Some(exercise) => {
                            run.engine.restart_exercise(now);
                            self.record(
                                id,
                                Event::Resumed {
                                    exercise: exercise as u32,
                                },
                            );
                        }
                        None => {
                            // Planned now, with every answer above recorded: the same seed,
                            // today's levels.
                            let old = run.engine.plan();
                            let levels = self.levels_for(self.selected, self.records.len());
                            if let Some(plan) =
                                self.plan_for(self.selected, &old.session, &levels, old.seed)
                            {
                                run.engine = Engine::new(plan, now);
                            } else {
                                run.engine.restart_exercise(now);
                            }
                            let plan = run.engine.plan();
                            let start = Event::SessionStart {
                                program: plan.program.clone(),
                                source: run.source.clone(),
                                session: plan.session.clone(),
                                seed: plan.seed,
                                items: plan.exercises.iter().map(|e| e.key.0.clone()).collect(),
                                class: false,
                            };
                            self.record(id, start);
                        }
                    }
                    self.screen = Screen::Session(run);
                    self.bells += 1;
                }
            }
            (ReadyStep::Fracture, true, _) => {
                self.screen = Screen::Stopped(Advice {
                    title: "Not today".into(),
                    lines: vec![
                        safety::FRACTURE_ADVICE.into(),
                        safety::NOT_A_DIAGNOSIS.into(),
                    ],
                });
            }
            _ if matches!(key.code, KeyCode::Esc | KeyCode::Char('q')) => self.leave(),
            _ => {}
        }
    }

    /// Moves the readiness check on to the question from stage `from`.
    fn set_step(&mut self, from: u8) {
        let step = self.step_from(from);
        if let Screen::Readiness(r) = &mut self.screen {
            r.step = step;
        }
    }

    /// Resumes the unfinished session: its program and session, its seed, the levels it was
    /// planned with (the journal as it was when it started), from the item where it stopped.
    fn resume(&mut self, offer: &ResumeOffer, index: usize, now: Instant) {
        let u = &offer.unfinished;
        let levels = self.levels_for(index, u.start);
        let Some(plan) = self.plan_for(index, &u.session, &levels, u.seed) else {
            return;
        };
        self.selected = index;
        if let Some(p) = self.programs[index].checked.safe_program() {
            self.session = p
                .sessions
                .iter()
                .position(|s| s.name == u.session)
                .unwrap_or(0);
        }
        let run = Run {
            engine: Engine::resumed(
                plan,
                u.resume_at,
                self.records[u.start..]
                    .iter()
                    .filter(|r| r.run == u.run)
                    .map(|r| r.event.clone())
                    .collect(),
                now,
            ),
            id: u.run,
            source: self.programs[index].origin.label(),
            resumed: Some(u.resume_at),
        };
        self.screen = Screen::Readiness(Readiness {
            run,
            step: ReadyStep::Fracture,
            note: None,
        });
    }

    fn open_history(&mut self) {
        let view = HistoryView::new(self);
        self.screen = Screen::History(Box::new(view));
    }

    fn history_key(&mut self, key: KeyEvent) {
        let Screen::History(view) = &mut self.screen else {
            return;
        };
        if !view.key(key) {
            self.leave();
        }
    }

    fn session_key(&mut self, key: KeyEvent, now: Instant) {
        let Screen::Session(run) = &mut self.screen else {
            return;
        };
        let e = &mut run.engine;
        let rest_like = e.phase().is_some_and(|p| {
            matches!(
                p.kind,
                PhaseKind::Rest | PhaseKind::GetReady | PhaseKind::SwitchSides
            )
        });
        match key.code {
            KeyCode::Char(' ') => e.toggle_pause(now),
            KeyCode::Enter => e.done(now),
            KeyCode::Char('n') | KeyCode::Right => e.skip(now),
            KeyCode::Char('b') | KeyCode::Left => e.back(now),
            KeyCode::Char('+') | KeyCode::Char('=') if rest_like => e.adjust(now, 15),
            KeyCode::Char('p') => {
                e.pause(now);
                self.overlay = Some(Overlay::CheckIn(CheckIn {
                    feeling: None,
                    effort: 5,
                    during: true,
                }));
            }
            KeyCode::Char('!') => {
                e.pause(now);
                self.overlay = Some(Overlay::RedFlags {
                    ticked: vec![false; RED_FLAGS.len()],
                    cursor: 0,
                });
            }
            KeyCode::Char('?') => {
                e.pause(now);
                self.overlay = Some(Overlay::Help);
            }
            KeyCode::Char('q') | KeyCode::Esc => {
                e.pause(now);
                self.overlay = Some(Overlay::ConfirmQuit);
            }
            KeyCode::Char('s') => {
                self.settings.sound = !self.settings.sound;
                let _ = self.settings.save(&self.paths.settings());
            }
            _ => {}
        }
    }

    fn end_key(&mut self, key: KeyEvent) {
        match key.code {
            KeyCode::Enter | KeyCode::Esc | KeyCode::Char('q') => self.leave(),
            _ => {}
        }
    }

    /// Back to the home screen, or out when there is none.
    fn leave(&mut self) {
        if self.direct {
            self.quit = true;
        } else {
            self.screen = Screen::Home;
            self.overlay = None;
            self.refresh_levels();
        }
    }

    fn engine(&mut self) -> Option<&mut Engine> {
        match &mut self.screen {
            Screen::Session(run) => Some(&mut run.engine),
            _ => None,
        }
    }

    fn overlay_key(&mut self, key: KeyEvent, now: Instant) {
        let Some(overlay) = self.overlay.take() else {
            return;
        };
        let close = |app: &mut App| {
            if let Some(e) = app.engine() {
                e.resume(now);
            }
        };
        match overlay {
            Overlay::Help => match key.code {
                KeyCode::Esc | KeyCode::Char('?' | 'q') | KeyCode::Enter => close(self),
                _ => self.overlay = Some(Overlay::Help),
            },
            Overlay::ConfirmQuit => match key.code {
                KeyCode::Char('y' | 'Y' | 'q') => {
                    if let Some(e) = self.engine() {
                        e.end(Outcome::Quit);
                    }
                }
                KeyCode::Char('n' | 'N') | KeyCode::Esc => close(self),
                _ => self.overlay = Some(Overlay::ConfirmQuit),
            },
            Overlay::RedFlags { mut ticked, cursor } => {
                let n = ticked.len();
                let mut cursor = cursor;
                match key.code {
                    KeyCode::Up => cursor = (cursor + n - 1) % n,
                    KeyCode::Down => cursor = (cursor + 1) % n,
                    KeyCode::Char(' ') => ticked[cursor] = !ticked[cursor],
                    KeyCode::Char(c @ '1'..='9') => {
                        let i = c as usize - '1' as usize;
                        if i < n {
                            ticked[i] = !ticked[i];
                            cursor = i;
                        }
                    }
                    KeyCode::Esc => {
                        close(self);
                        return;
                    }
                    KeyCode::Enter if ticked.iter().any(|&t| t) => {
                        let symptoms = RED_FLAGS
                            .iter()
                            .zip(&ticked)
                            .filter(|(_, t)| **t)
                            .map(|(f, _)| f.symptom.to_owned())
                            .collect();
                        if let Some(e) = self.engine() {
                            e.red_flag(symptoms);
                        }
                        return;
                    }
                    _ => {}
                }
                self.overlay = Some(Overlay::RedFlags { ticked, cursor });
            }
            Overlay::CheckIn(c) => self.check_in_key(c, key, now),
            Overlay::Pain { exercise, easier } => match key.code {
                KeyCode::Enter | KeyCode::Char('c') => close(self),
                KeyCode::Char('e') | KeyCode::Char('q') => {
                    if let Some(e) = self.engine() {
                        e.end(Outcome::Pain);
                    }
                }
                _ => self.overlay = Some(Overlay::Pain { exercise, easier }),
            },
        }
    }

    fn check_in_key(&mut self, mut c: CheckIn, key: KeyEvent, now: Instant) {
        match (c.feeling, key.code) {
            (None, KeyCode::Char(d @ '1'..='4')) => {
                let feeling = Feeling::ALL[usize::from(d as u8 - b'1').min(3)];
                if feeling == Feeling::Sharp {
                    self.sharp_pain(now);
                    return;
                }
                c.feeling = Some(feeling);
            }
            (None, KeyCode::Esc) if c.during => {
                if let Some(e) = self.engine() {
                    e.resume(now);
                }
                return;
            }
            (Some(_), KeyCode::Char(d @ '0'..='9')) => c.effort = d as u8 - b'0',
            (Some(_), KeyCode::Up | KeyCode::Right | KeyCode::Char('+')) => {
                c.effort = (c.effort + 1).min(10)
            }
            (Some(_), KeyCode::Down | KeyCode::Left | KeyCode::Char('-')) => {
                c.effort = c.effort.saturating_sub(1)
            }
            (Some(f), KeyCode::Enter | KeyCode::Char('s') | KeyCode::Esc) => {
                let effort = (key.code == KeyCode::Enter).then_some(c.effort);
                if let Some(e) = self.engine() {
                    e.check_in(now, Answer::from_feeling(f, effort));
                    if c.during {
                        e.resume(now);
                    }
                }
                return;
            }
            _ => {}
        }
        self.overlay = Some(Overlay::CheckIn(c));
    }

    /// Sharp pain: the engine stops the exercise; the person reads why and chooses.
    fn sharp_pain(&mut self, now: Instant) {
        let Some(e) = self.engine() else { return };
        let Some(planned) = e.exercise().cloned() else {
            return;
        };
        e.check_in(now, Answer::from_feeling(Feeling::Sharp, None));
        e.pause(now);
        let local = self
            .selected_program()
            .map_or(&[][..], |p| p.exercises.as_slice());
        let easier = easier_variant(
            &Catalog::new(Library::bundled(), local),
            &planned.exercise.id,
        )
        .map(|x| x.name.clone());
        self.overlay = Some(Overlay::Pain {
            exercise: planned.exercise.name,
            easier,
        });
    }

    /// Whether to ring the bell now (and forget the bells asked for).
    pub fn bell_due(&mut self) -> bool {
        let ring = self.bells > 0 && self.sound();
        self.bells = 0;
        ring
    }
}

/// When a past moment was, in words: "yesterday at 18:30 UTC", "on 12 Nov at 09:00 UTC".
pub fn when(then: u64, now: u64) -> String {
    let (d_then, d_now) = (then / 86_400, now / 86_400);
    let time = format!("{:02}:{:02} UTC", then % 86_400 / 3600, then % 3600 / 60);
    match d_now.saturating_sub(d_then) {
        0 => format!("today at {time}"),
        1 => format!("yesterday at {time}"),
        _ => format!(
            "on {} at {time}",
            crate::records::history::day_label(d_then as i64)
        ),
    }
}

/// The advice after red flags, for the symptoms ticked.
pub fn red_flag_advice(symptoms: &[String]) -> Advice {
    let a = safety::red_flag_advice(symptoms);
    Advice {
        title: a.title,
        lines: a.lines,
    }
}
