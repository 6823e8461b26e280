//! The group class display: one big screen an instructor runs for a room. The same `Engine`
//! steps through the same plan as the personal coach (its check-ins become timed slides for
//! the room: `Plan::for_class`); this module turns the instructor's keys into engine inputs
//! and records the run in the journal as a class session, with no check-ins for anyone in
//! it. The room hears the same cue stream as a person at home (tones; speech when asked).
//! One key table per stage drives the keys and the hint at the foot; the slides are drawn
//! in `slides`, laid out by `column`; the terminal loop is `tui::terminal`.

mod column;
pub mod slides;

use std::cell::Cell;
use std::collections::HashMap;
use std::time::Instant;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::clock::Wall;
use super::keys::{self, Binding, any_key, bind, ch};
use super::theme::Theme;
use crate::audio::Hearing;
use crate::common::paths::Paths;
use crate::program::Program;
use crate::records::journal::{self, Busy, Event, Journal, Lock, Outcome};
use crate::training::Engine;
use crate::training::plan::{Plan, PlanError, plan};
use crate::training::runnable::Runnable;

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
    /// The red flags and what to do, for everyone; `scroll` rows down when the window is too
    /// small for all of them. The class stays paused after it.
    RedFlags { scroll: u16 },
}

/// Everything the class display holds.
pub struct Class {
    pub engine: Engine,
    pub stage: Stage,
    pub overlay: Option<Overlay>,
    pub theme: Theme,
    /// `--quiet`: no sound.
    pub quiet: bool,
    /// `--voice`: the cues are spoken too (a room is not spoken to unless asked).
    pub voice: bool,
    /// Set when the journal could not be written: shown as a banner until a write succeeds.
    pub journal_error: Option<String>,
    /// Said once, in the banner, until the next key (no sound player found, say).
    pub notice: Option<String>,
    pub quit: bool,
    journal: Journal,
    /// Held while the class may write the journal.
    _lock: Option<Lock>,
    wall: Wall,
    id: u64,
    source: String,
    /// Whether the red flags did not all fit the window at the last draw, and how far they
    /// can scroll then (set by the drawing, which knows the window).
    pub(crate) red_flags_scroll: Cell<Option<u16>>,
}

/// What the instructor's keys do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Start,
    TogglePause,
    Done,
    Skip,
    Back,
    Longer,
    Shorter,
    Restart,
    RedFlags,
    CloseRedFlags,
    /// Scrolls the red flags when the window is too small for all of them.
    ScrollUp,
    ScrollDown,
    AskQuit,
    EndClass,
    CarryOn,
    Leave,
}

/// The keys of "End the class?".
fn quit_keys() -> Vec<Binding<Action>> {
    vec![
        bind(
            "y",
            "end the class",
            Action::EndClass,
            &[ch('y'), ch('Y'), ch('q')],
        ),
        bind(
            "n",
            "carry on",
            Action::CarryOn,
            &[ch('n'), ch('N'), KeyCode::Esc],
        ),
    ]
}

/// Plans a class of `program`: everyone at the program's starting doses (a room has no
/// levels), check-ins as slides.
pub fn plan_class(program: &Program, session: Option<&str>, seed: u64) -> Result<Plan, PlanError> {
    let runnable = Runnable::new(program.clone());
    plan(&runnable, session, &HashMap::new(), seed).map(Plan::for_class)
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
        let wall = Wall::system();
        // One writer per journal: a class never writes beside a session under way.
        let (lock, journal, err) = match journal::acquire(&paths.data, None, wall.now()) {
            Err(Busy::Held(h)) => {
                let path = paths.data.join(Journal::FILE_NAME);
                (
                    None,
                    Journal::closed(path, h.sentence()),
                    Some(h.sentence()),
                )
            }
            lock => {
                let (journal, err) = Journal::open(&paths.data);
                (lock.ok(), journal, err.map(|e| e.to_string()))
            }
        };
        Class {
            _lock: lock,
            engine: Engine::new(plan.for_class(), now),
            stage: Stage::Welcome,
            overlay: None,
            theme,
            quiet,
            voice: false,
            journal_error: err.map(|e| format!("The class is NOT being recorded: {e}")),
            notice: None,
            quit: false,
            journal,
            id: wall.now_millis(),
            wall,
            source,
            red_flags_scroll: Cell::new(None),
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
        self.after_engine();
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
            self.after_engine();
        }
    }

    /// Writes the engine's events, and shows the last slide when the class is over.
    fn after_engine(&mut self) {
        for e in self.engine.drain_events() {
            self.record(e);
        }
        if self.stage == Stage::Running && self.engine.outcome().is_some() {
            self.stage = Stage::Finished;
            self.overlay = None;
        }
    }

    /// The class once it has started, for the cues to follow.
    pub fn engine_on_screen(&self) -> Option<&Engine> {
        (self.stage != Stage::Welcome).then_some(&self.engine)
    }

    /// What the room hears: tones (the bell without a player), speech with `--voice`,
    /// nothing with `--quiet`.
    pub fn hearing(&self) -> Hearing {
        Hearing {
            sound: !self.quiet,
            voice: self.voice && !self.quiet,
            reps: false,
        }
    }

    /// Records `event`; a failure stays on the banner even if later writes succeed, because
    /// what failed is still missing from the journal.
    fn record(&mut self, event: Event) {
        let record = crate::records::journal::Record::new(self.id, event, self.wall.now());
        if let Err(e) = self.journal.append(&record)
            && self.journal_error.is_none()
        {
            self.journal_error = Some(format!(
                "The class is NOT being recorded ({}): {e}",
                self.journal.path().display()
            ));
        }
    }

    /// The instructor's keys now: the slide's over the class's.
    pub fn keys(&self) -> Vec<Binding<Action>> {
        match (self.overlay, self.stage) {
            (Some(Overlay::RedFlags { .. }), stage) => {
                let quit = if stage == Stage::Running {
                    Action::AskQuit
                } else {
                    Action::Leave
                };
                let mut table = Vec::new();
                if self.red_flags_scroll.get().is_some() {
                    table.push(
                        bind("↑↓", "see them all", Action::ScrollDown, &[KeyCode::Down])
                            .or(Action::ScrollDown, &[KeyCode::PageDown, ch(' ')])
                            .or(Action::ScrollUp, &[KeyCode::Up, KeyCode::PageUp]),
                    );
                }
                table.push(bind("q", "quit", quit, &[ch('q')]));
                table.push(any_key(
                    "back to the class (it stays paused)",
                    Action::CloseRedFlags,
                ));
                table
            }
            (Some(Overlay::ConfirmQuit { .. }), _) => {
                let mut table = quit_keys();
                table.push(bind("!", "red flags", Action::RedFlags, &[ch('!')]));
                table
            }
            (None, Stage::Welcome) => vec![
                bind("Space", "start", Action::Start, &[ch(' '), KeyCode::Enter]),
                bind("!", "red flags", Action::RedFlags, &[ch('!')]),
                bind("q", "quit", Action::Leave, &[ch('q'), KeyCode::Esc]),
            ],
            (None, Stage::Running) => {
                let paused = self.engine.is_paused();
                vec![
                    bind(
                        "Space",
                        if paused { "resume" } else { "pause" },
                        Action::TogglePause,
                        &[ch(' '), ch('?')],
                    ),
                    bind("Enter", "set done", Action::Done, &[KeyCode::Enter]),
                    bind(
                        "n →",
                        "next exercise",
                        Action::Skip,
                        &[ch('n'), KeyCode::Right, KeyCode::PageDown],
                    ),
                    bind(
                        "b ←",
                        "back",
                        Action::Back,
                        &[ch('b'), KeyCode::Left, KeyCode::PageUp],
                    ),
                    bind("+ -", "15 s", Action::Longer, &[ch('+'), ch('=')])
                        .or(Action::Shorter, &[ch('-'), ch('_')]),
                    bind("r", "restart exercise", Action::Restart, &[ch('r')]),
                    bind("!", "red flags", Action::RedFlags, &[ch('!')]),
                    bind("q", "quit", Action::AskQuit, &[ch('q'), KeyCode::Esc]),
                ]
            }
            (None, Stage::Finished) => vec![
                bind(
                    "q",
                    "quit",
                    Action::Leave,
                    &[ch('q'), KeyCode::Esc, KeyCode::Enter],
                ),
                bind("!", "red flags", Action::RedFlags, &[ch('!')]),
            ],
        }
    }

    /// One key press, looked up in the key table of the moment.
    pub fn key(&mut self, key: KeyEvent, now: Instant) {
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            self.interrupt();
            return;
        }
        self.notice = None;
        if let Some(action) = keys::action(&self.keys(), &key) {
            self.act(action, now);
        }
        if self.stage == Stage::Running {
            self.after_engine();
        }
    }

    pub(crate) fn act(&mut self, action: Action, now: Instant) {
        let e = &mut self.engine;
        match action {
            Action::Start => self.start(now),
            Action::TogglePause => e.toggle_pause(now),
            Action::Done => e.done(now),
            Action::Skip => e.skip(now),
            Action::Back => e.back(now),
            Action::Longer => e.adjust(now, 15),
            Action::Shorter => e.adjust(now, -15),
            Action::Restart => e.restart_exercise(now),
            Action::RedFlags => {
                if self.stage == Stage::Running {
                    e.pause(now);
                }
                self.overlay = Some(Overlay::RedFlags { scroll: 0 });
            }
            Action::ScrollUp | Action::ScrollDown => {
                let max = self.red_flags_scroll.get().unwrap_or(0);
                if let Some(Overlay::RedFlags { scroll }) = &mut self.overlay {
                    *scroll = if action == Action::ScrollUp {
                        scroll.saturating_sub(1)
                    } else {
                        scroll.saturating_add(1).min(max)
                    };
                }
            }
            // The room goes back to the class, still paused: the instructor carries on when
            // the person is looked after.
            Action::CloseRedFlags => self.overlay = None,
            Action::AskQuit => {
                let resume = !e.is_paused();
                e.pause(now);
                self.overlay = Some(Overlay::ConfirmQuit { resume });
            }
            Action::EndClass => {
                self.overlay = None;
                self.engine.end(Outcome::Quit);
                for e in self.engine.drain_events() {
                    self.record(e);
                }
                self.quit = true;
            }
            Action::CarryOn => {
                if let Some(Overlay::ConfirmQuit { resume: true }) = self.overlay {
                    self.engine.resume(now);
                }
                self.overlay = None;
            }
            Action::Leave => self.quit = true,
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

    /// The class display is ending: a last try at what could not be written; returns the
    /// events that never made it, for the exit message.
    pub fn finish(&mut self) -> &[journal::Pending] {
        self.journal.retry();
        self.journal.pending()
    }

    /// Job control stopped the display (as of `at`): a running class pauses, as with Space;
    /// whether it did.
    pub fn suspend(&mut self, at: Instant) -> bool {
        let running = self.stage == Stage::Running && !self.engine.is_paused();
        if running {
            self.engine.pause(at);
        }
        running
    }

    /// The first key after a stop: the class goes on.
    pub fn wake(&mut self, now: Instant) {
        self.engine.resume(now);
    }
}
