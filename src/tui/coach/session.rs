//! The session screen's state and behaviour: a run of the engine, its keys, what the engine's
//! events do to the coach (the journal, the check-in, the end), and the "quit?" dialog over
//! it. Its drawing is `session_draw`.

use std::time::Instant;

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::advice::{Advice, saved_line};
use super::check_in::CheckIn;
use super::overlay::Overlay;
use super::red_flags::{self, RedFlags};
use super::shared::Shared;
use crate::records::journal::Outcome;
use crate::training::Engine;
use crate::training::checkin::{Place, Response};
use crate::training::plan::PhaseKind;
use crate::training::safety;
use crate::tui::keys::{Binding, bind, ch};
use crate::tui::theme::Theme;
use crate::tui::widgets::dialog;

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

impl Run {
    pub fn new(engine: Engine, id: u64, source: String, resumed: Option<usize>) -> Run {
        Run {
            engine,
            id,
            source,
            resumed,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    TogglePause,
    Done,
    Skip,
    Back,
    AddRest,
    Pain,
    RedFlags,
    Help,
    Quit,
    Sound,
    Voice,
}

/// What the help says below the session's keys.
pub const HELP_NOTES: [&str; 1] = [safety::SORENESS_GUIDE];

/// A wait the person may lengthen: a rest, a get-ready, a switch of sides.
fn rest_like(run: &Run) -> bool {
    run.engine.phase().is_some_and(|p| {
        matches!(
            p.kind,
            PhaseKind::Rest | PhaseKind::GetReady | PhaseKind::SwitchSides
        )
    })
}

pub fn keys(run: &Run, shared: &Shared) -> Vec<Binding<Action>> {
    let paused = run.engine.is_paused();
    vec![
        bind(
            "Space",
            if paused { "resume" } else { "pause" },
            Action::TogglePause,
            &[ch(' ')],
        )
        .help("pause or resume"),
        bind("Enter", "done", Action::Done, &[KeyCode::Enter]).help("set done / end this wait"),
        bind("n", "skip", Action::Skip, &[ch('n'), KeyCode::Right])
            .help("skip to the next exercise (→ too)"),
        bind("b", "back", Action::Back, &[ch('b'), KeyCode::Left])
            .help("back to the start of this exercise (← too)"),
        bind("+", "15 s", Action::AddRest, &[ch('+'), ch('=')])
            .help("add 15 s to a rest")
            .when(rest_like(run)),
        bind("p", "pain", Action::Pain, &[ch('p')]).help("pain: check in now"),
        bind("!", "red flag", Action::RedFlags, &[ch('!')])
            .help("red flag: symptoms that need care"),
        bind("?", "help", Action::Help, &[ch('?')]).help("this help"),
        bind("q", "quit", Action::Quit, &[ch('q'), KeyCode::Esc])
            .help("quit, after asking (Esc too)"),
        bind(
            "s",
            if shared.sound() {
                "sound on"
            } else {
                "sound off"
            },
            Action::Sound,
            &[ch('s')],
        )
        .help("tones on or off (kept)"),
        bind(
            "v",
            if shared.hearing().voice {
                "voice on"
            } else {
                "voice off"
            },
            Action::Voice,
            &[ch('v')],
        )
        .help("speech on or off (kept)"),
    ]
}

/// Does `action`; a dialog to open over the session, if it asks for one.
pub fn act(run: &mut Run, shared: &mut Shared, action: Action, now: Instant) -> Option<Overlay> {
    let e = &mut run.engine;
    let open = match action {
        Action::TogglePause => {
            e.toggle_pause(now);
            None
        }
        Action::Done => {
            e.done(now);
            None
        }
        Action::Skip => {
            e.skip(now);
            None
        }
        Action::Back => {
            e.back(now);
            None
        }
        Action::AddRest => {
            e.adjust(now, 15);
            None
        }
        Action::Pain => Some(Overlay::CheckIn(CheckIn::during())),
        Action::RedFlags => Some(Overlay::RedFlags(RedFlags::new())),
        Action::Help => Some(Overlay::Help),
        Action::Quit => Some(Overlay::ConfirmQuit),
        Action::Sound => {
            shared.toggle(false);
            None
        }
        Action::Voice => {
            shared.toggle(true);
            None
        }
    };
    // The session waits while a dialog is open.
    if open.is_some() {
        e.pause(now);
    }
    open
}

/// How a run ended, for the screen that follows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum End {
    Summary,
    /// A red flag: advice to read.
    Stopped(Advice),
}

/// Writes the engine's events, opens the check-in when one is due, and says how the run
/// ended when it has (closing any dialog but the sharp-pain one).
pub fn after_engine(
    run: &mut Run,
    shared: &mut Shared,
    overlay: &mut Option<Overlay>,
) -> Option<End> {
    for e in run.engine.drain_events() {
        shared.record(run.id, e);
    }
    let check_in_due = run.engine.phase().map(|p| p.kind) == Some(PhaseKind::CheckIn);
    if check_in_due && overlay.is_none() {
        *overlay = Some(Overlay::CheckIn(CheckIn::after()));
    }
    let outcome = run.engine.outcome()?;
    if !matches!(overlay, Some(Overlay::Pain(_))) {
        *overlay = None;
    }
    Some(match outcome {
        Outcome::RedFlag => {
            let s = run.engine.summary();
            let symptoms = s.red_flag.as_ref().map(|r| r.1.clone()).unwrap_or_default();
            let saved = saved_line(s.sets_done, shared.run_unsaved(run.id), true);
            let mut advice = red_flags::advice(&symptoms, &saved);
            // Sharp back pain in a check-in took this path: say so first.
            if s.check_ins
                .last()
                .is_some_and(|(_, a)| a.response() == Response::RedFlag)
            {
                advice
                    .lines
                    .insert(0, Response::RedFlag.advice(Some(Place::Back)).to_owned());
            }
            End::Stopped(advice)
        }
        _ => End::Summary,
    })
}

/// Ctrl-C, SIGTERM, SIGHUP during a session: it ends, recorded as quit.
pub fn interrupt(run: &mut Run, shared: &mut Shared) {
    run.engine.end(Outcome::Quit);
    for e in run.engine.drain_events() {
        shared.record(run.id, e);
    }
}

// ---------- the quit dialog ----------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuitAction {
    End,
    CarryOn,
}

pub fn quit_keys() -> Vec<Binding<QuitAction>> {
    vec![
        bind("y", "quit", QuitAction::End, &[ch('y'), ch('Y'), ch('q')]),
        bind(
            "n",
            "carry on",
            QuitAction::CarryOn,
            &[ch('n'), ch('N'), KeyCode::Esc],
        ),
    ]
}

/// Ends the session or carries on with it; the dialog closes either way.
pub fn quit_act(engine: Option<&mut Engine>, action: QuitAction, now: Instant) {
    let Some(e) = engine else { return };
    match action {
        QuitAction::End => e.end(Outcome::Quit),
        QuitAction::CarryOn => e.resume(now),
    }
}

pub fn draw_quit(frame: &mut Frame, area: Rect, saved: bool, theme: &Theme) {
    let lines = vec![
        Line::raw("End this session now?"),
        if saved {
            Line::styled("Everything done so far is already saved.", theme.dim)
        } else {
            Line::styled(
                "Your journal cannot be written: this session is NOT being saved.",
                theme.warn,
            )
        },
    ];
    dialog(frame, area, "Quit?", lines, theme);
}

// ---------- drawing ----------
