//! The coach's state and how keys change it: home, readiness check, the session (driven by
//! the engine), check-ins, red flags, advice and the summary. Rendering lives in `ui`; the
//! terminal loop in `mod.rs`. Every method takes `now`, so tests drive it with a fake clock.

use std::collections::HashMap;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::journal::{self, Event, Feeling, Journal, Outcome, Record};
use crate::paths::Paths;
use crate::plan::{PhaseKind, plan};
use crate::program::{Catalog, Library, Program};
use crate::safety::{self, RED_FLAGS};
use crate::session::Engine;
use crate::settings::Settings;
use crate::sources::Entry;

/// What the person is looking at.
#[derive(Debug)]
pub enum Screen {
    Home,
    Readiness(Readiness),
    Session(Run),
    /// The session stopped for safety: advice to read, then home or quit.
    Stopped(Advice),
    Summary(Run),
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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadyStep {
    /// A red flag from a past session is not cleared yet: its symptoms.
    Clearance(Vec<String>),
    Fracture,
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
    /// Set when the journal could not be written: shown as a banner until a write succeeds.
    pub journal_error: Option<String>,
    records: Vec<Record>,
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
        let (journal, err) = Journal::open(&paths.data);
        let records = journal::read(journal.path()).unwrap_or_default();
        App {
            screen: Screen::Home,
            overlay: None,
            programs,
            selected: 0,
            session: 0,
            settings: Settings::load(&paths.settings()),
            quiet,
            paths,
            journal,
            journal_error: err.map(|e| format!("Progress is NOT being saved: {e}")),
            records,
            seed,
            bells: 0,
            direct: false,
            quit: false,
            last_shown: None,
        }
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
        let catalog = Catalog::new(Library::bundled(), &program.exercises);
        let seed = self.seed.unwrap_or_else(rand::random);
        let session = program.sessions.get(self.session).map(|s| s.name.clone());
        let Ok(plan) = plan(program, &catalog, session.as_deref(), &HashMap::new(), seed) else {
            return;
        };
        let run = Run {
            engine: Engine::new(plan, now),
            id: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as u64),
            source: entry.origin.label(),
        };
        let step = match journal::unresolved_red_flag(&self.records) {
            Some(Record {
                event: Event::RedFlag { symptoms },
                ..
            }) => ReadyStep::Clearance(symptoms.clone()),
            _ => ReadyStep::Fracture,
        };
        self.screen = Screen::Readiness(Readiness { run, step });
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
                                Event::RedFlag { symptoms } => Some(symptoms.clone()),
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
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let record = Record {
            at: journal::rfc3339(secs),
            run,
            event,
        };
        match self.journal.append(&record) {
            Ok(()) => self.journal_error = None,
            Err(e) => {
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
        if self.overlay.is_some() {
            self.overlay_key(key, now);
        } else {
            match self.screen {
                Screen::Home => self.home_key(key, now),
                Screen::Readiness(_) => self.readiness_key(key, now),
                Screen::Session(_) => self.session_key(key, now),
                Screen::Stopped(_) | Screen::Summary(_) => self.end_key(key),
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
            }
            KeyCode::Down | KeyCode::Char('j') if n > 0 => {
                self.selected = (self.selected + 1) % n;
                self.session = 0;
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
                r.step = ReadyStep::Fracture;
                self.record(id, Event::Clearance);
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
            (ReadyStep::Fracture, _, true) => {
                let screen = std::mem::replace(&mut self.screen, Screen::Home);
                if let Screen::Readiness(r) = screen {
                    let mut run = r.run;
                    run.engine.restart_exercise(now);
                    let plan = run.engine.plan();
                    let start = Event::SessionStart {
                        program: plan.program.clone(),
                        source: run.source.clone(),
                        session: plan.session.clone(),
                        seed: plan.seed,
                        items: plan.exercises.iter().map(|e| e.key.0.clone()).collect(),
                        class: false,
                    };
                    let id = run.id;
                    self.record(id, start);
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
                let feeling = Feeling::from_number(d as u8 - b'0').unwrap_or(Feeling::Sharp);
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
                    e.check_in(now, f, effort);
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
        e.check_in(now, Feeling::Sharp, None);
        e.pause(now);
        let easier = planned
            .exercise
            .easier
            .as_deref()
            .and_then(|id| Library::bundled().get(id))
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

/// The advice after red flags, for the symptoms ticked.
pub fn red_flag_advice(symptoms: &[String]) -> Advice {
    let ticked: Vec<&str> = symptoms.iter().map(String::as_str).collect();
    let mut lines: Vec<String> = symptoms
        .iter()
        .map(|s| format!("You reported: {s}."))
        .collect();
    lines.extend(
        safety::red_flag_advice(&ticked)
            .into_iter()
            .map(str::to_owned),
    );
    Advice {
        title: "Session stopped: red flag".into(),
        lines,
    }
}
