//! The group class display: one big screen an instructor runs for a room. The same `Engine`
//! steps through the same plan as the personal coach (its check-ins become timed slides for
//! the room: `Plan::for_class`); this module turns the instructor's keys into engine inputs,
//! rings the bell, and records the run in the journal as a class session, with no check-ins
//! for anyone in it. Drawing lives in `ui`; the terminal loop in `tui::run`.

pub mod ui;

use std::collections::HashMap;
use std::time::Instant;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::theme::Theme;
use super::{Shell, new_run_id, unix_secs};
use crate::common::paths::Paths;
use crate::program::{Catalog, Library, Program};
use crate::records::journal::{Event, Journal, Outcome};
use crate::training::Engine;
use crate::training::plan::{Plan, PlanError, plan};

/// Where the class is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Before the start: the title and who should not join today. The instructor starts it.
    Welcome,
    Running,
    /// The last slide, after the last exercise.
    Finished,
}

/// A slide over the class; the class is paused while one is up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// "End the class?"; `resume` when the class was running before.
    ConfirmQuit { resume: bool },
    /// The red flags and what to do, for everyone. The class stays paused after it.
    RedFlags,
}

/// Everything the class display holds.
pub struct Class {
    pub engine: Engine,
    pub stage: Stage,
    pub overlay: Option<Overlay>,
    pub theme: Theme,
    /// `--quiet`: no bell.
    pub quiet: bool,
    /// Set when the journal could not be written: shown as a banner until a write succeeds.
    pub journal_error: Option<String>,
    pub quit: bool,
    journal: Journal,
    id: u64,
    source: String,
    bells: u32,
    /// The step and countdown at the last look, to ring once per change and per last second.
    last_seen: Option<(usize, Option<u32>)>,
}

/// Plans a class of `program`: everyone at the program's starting doses (a room has no
/// levels), check-ins as slides.
pub fn plan_class(program: &Program, session: Option<&str>, seed: u64) -> Result<Plan, PlanError> {
    let catalog = Catalog::new(Library::bundled(), &program.exercises);
    plan(program, &catalog, session, &HashMap::new(), seed).map(Plan::for_class)
}

impl Class {
    /// A class of `plan` (its check-ins made slides), waiting for the instructor to start it;
    /// `source` names the program in the journal.
    pub fn new(
        plan: Plan,
        source: String,
        paths: &Paths,
        theme: Theme,
        quiet: bool,
        now: Instant,
    ) -> Class {
        let (journal, err) = Journal::open(&paths.data);
        Class {
            engine: Engine::new(plan.for_class(), now),
            stage: Stage::Welcome,
            overlay: None,
            theme,
            quiet,
            journal_error: err.map(|e| format!("The class is NOT being recorded: {e}")),
            quit: false,
            journal,
            id: new_run_id(),
            source,
            bells: 0,
            last_seen: None,
        }
    }

    /// Starts the class: the first exercise's get-ready begins now.
    pub fn start(&mut self, now: Instant) {
        if self.stage != Stage::Welcome {
            return;
        }
        self.engine.restart_exercise(now);
        let plan = self.engine.plan();
        let start = Event::SessionStart {
            program: plan.program.clone(),
            source: self.source.clone(),
            session: plan.session.clone(),
            seed: plan.seed,
            items: plan.exercises.iter().map(|e| e.key.0.clone()).collect(),
            class: true,
        };
        self.record(start);
        self.stage = Stage::Running;
        self.after_engine(now);
    }

    /// The next moment the screen changes by itself, if any.
    pub fn next_wake(&self, now: Instant) -> Option<Instant> {
        match self.stage {
            Stage::Running => self.engine.next_change(now),
            _ => None,
        }
    }

    /// Moves the class on to `now`.
    pub fn tick(&mut self, now: Instant) {
        if self.stage == Stage::Running {
            self.engine.tick(now);
            self.after_engine(now);
        }
    }

    /// Writes the engine's events, rings at every change of step and in the last three
    /// seconds of a countdown, and shows the last slide when the class is over.
    fn after_engine(&mut self, now: Instant) {
        for e in self.engine.drain_events() {
            self.record(e);
        }
        let seen = self
            .engine
            .phase()
            .map(|_| (self.engine.index(), self.engine.shown_secs(now)));
        match (self.last_seen, seen) {
            (Some((was, _)), Some((index, _))) if was != index => self.bells += 1,
            (_, Some((_, Some(secs)))) if (1..=3).contains(&secs) && self.last_seen != seen => {
                self.bells += 1
            }
            (None, Some(_)) => self.bells += 1,
            _ => {}
        }
        self.last_seen = seen;
        if self.stage == Stage::Running && self.engine.outcome().is_some() {
            self.stage = Stage::Finished;
            self.overlay = None;
            self.bells += 1;
        }
    }

    /// Records `event`; a failure stays on the banner even if later writes succeed, because
    /// what failed is still missing from the journal.
    fn record(&mut self, event: Event) {
        let record = crate::records::journal::Record::new(self.id, event, unix_secs());
        if let Err(e) = self.journal.append(&record)
            && self.journal_error.is_none()
        {
            self.journal_error = Some(format!(
                "The class is NOT being recorded ({}): {e}",
                self.journal.path().display()
            ));
        }
    }

    /// One key press.
    pub fn key(&mut self, key: KeyEvent, now: Instant) {
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            self.interrupt();
            return;
        }
        match self.overlay.take() {
            Some(overlay) => self.overlay_key(overlay, key, now),
            None => match self.stage {
                Stage::Welcome => match key.code {
                    KeyCode::Char(' ') | KeyCode::Enter => self.start(now),
                    KeyCode::Char('!') => self.overlay = Some(Overlay::RedFlags),
                    KeyCode::Char('q') | KeyCode::Esc => self.quit = true,
                    _ => {}
                },
                Stage::Running => self.running_key(key, now),
                Stage::Finished => match key.code {
                    KeyCode::Char('!') => self.overlay = Some(Overlay::RedFlags),
                    KeyCode::Char('q') | KeyCode::Esc | KeyCode::Enter => self.quit = true,
                    _ => {}
                },
            },
        }
        if self.stage == Stage::Running {
            self.after_engine(now);
        }
    }

    fn running_key(&mut self, key: KeyEvent, now: Instant) {
        let e = &mut self.engine;
        match key.code {
            KeyCode::Char(' ') | KeyCode::Char('?') => e.toggle_pause(now),
            KeyCode::Enter => e.done(now),
            KeyCode::Char('n') | KeyCode::Right | KeyCode::PageDown => e.skip(now),
            KeyCode::Char('b') | KeyCode::Left | KeyCode::PageUp => e.back(now),
            KeyCode::Char('+' | '=') => e.adjust(now, 15),
            KeyCode::Char('-' | '_') => e.adjust(now, -15),
            KeyCode::Char('r') => e.restart_exercise(now),
            KeyCode::Char('!') => {
                e.pause(now);
                self.overlay = Some(Overlay::RedFlags);
            }
            KeyCode::Char('q') | KeyCode::Esc => {
                let resume = !e.is_paused();
                e.pause(now);
                self.overlay = Some(Overlay::ConfirmQuit { resume });
            }
            _ => {}
        }
    }

    fn overlay_key(&mut self, overlay: Overlay, key: KeyEvent, now: Instant) {
        match overlay {
            // Any key takes the room back to the class, still paused: the instructor carries
            // on when the person is looked after.
            Overlay::RedFlags => {}
            Overlay::ConfirmQuit { resume } => match key.code {
                KeyCode::Char('y' | 'Y' | 'q') => {
                    self.engine.end(Outcome::Quit);
                    for e in self.engine.drain_events() {
                        self.record(e);
                    }
                    self.quit = true;
                }
                KeyCode::Char('n' | 'N') | KeyCode::Esc => {
                    if resume {
                        self.engine.resume(now);
                    }
                }
                _ => self.overlay = Some(overlay),
            },
        }
    }

    /// Ctrl-C, SIGTERM, SIGHUP: end a running class cleanly (recorded as quit) and leave.
    pub fn interrupt(&mut self) {
        if self.stage == Stage::Running {
            self.engine.end(Outcome::Quit);
            for e in self.engine.drain_events() {
                self.record(e);
            }
        }
        self.quit = true;
    }

    /// Whether to ring the bell now (and forget the bells asked for).
    pub fn bell_due(&mut self) -> bool {
        let ring = self.bells > 0 && !self.quiet;
        self.bells = 0;
        ring
    }
}

impl Shell for Class {
    fn tick(&mut self, now: Instant) {
        Class::tick(self, now);
    }
    fn key(&mut self, key: KeyEvent, now: Instant) {
        Class::key(self, key, now);
    }
    fn interrupt(&mut self) {
        Class::interrupt(self);
    }
    fn next_wake(&self, now: Instant) -> Option<Instant> {
        Class::next_wake(self, now)
    }
    fn draw(&self, frame: &mut ratatui::Frame, now: Instant) {
        ui::draw(frame, self, now);
    }
    fn should_quit(&self) -> bool {
        self.quit
    }
    fn bell_due(&mut self) -> bool {
        Class::bell_due(self)
    }
    fn suspend(&mut self, at: Instant) -> bool {
        let running = self.stage == Stage::Running && !self.engine.is_paused();
        if running {
            self.engine.pause(at);
        }
        running
    }
    fn wake(&mut self, now: Instant) {
        self.engine.resume(now);
    }
}
