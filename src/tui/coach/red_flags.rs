//! The red-flag dialog: the symptoms that end a session, grouped by how urgently they need
//! care (call emergency services now, a doctor today, a doctor soon), ticked by number. Any
//! ticked ends the session (or, outside one, is recorded) with the advice of the most urgent.
//! At any size every flag can be reached: the list scrolls with the cursor when it does not
//! fit.

use std::time::Instant;

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Line;

use super::advice::Advice;
use crate::training::Engine;
use crate::training::safety::{self, RED_FLAGS, Urgency};
use crate::tui::keys::{Binding, bind, ch, digits};
use crate::tui::theme::Theme;
use crate::tui::widgets::scrolled_dialog;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedFlags {
    /// One per red flag, in the order of `RED_FLAGS`.
    pub ticked: Vec<bool>,
    pub cursor: usize,
}

impl RedFlags {
    /// None ticked yet.
    pub fn new() -> RedFlags {
        RedFlags {
            ticked: vec![false; RED_FLAGS.len()],
            cursor: 0,
        }
    }

    /// After a fall: the fall ticked, and the cursor on it.
    pub fn fell() -> RedFlags {
        let mut r = RedFlags::new();
        if let Some(i) = RED_FLAGS.iter().position(|f| *f == safety::FALL) {
            r.ticked[i] = true;
            r.cursor = i;
        }
        r
    }

    /// The symptoms ticked, in the words shown.
    pub fn symptoms(&self) -> Vec<String> {
        RED_FLAGS
            .iter()
            .zip(&self.ticked)
            .filter(|(_, t)| **t)
            .map(|(f, _)| f.symptom.to_owned())
            .collect()
    }
}

impl Default for RedFlags {
    fn default() -> Self {
        RedFlags::new()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Tick(usize),
    Up,
    Down,
    TickCursor,
    Stop,
    Close,
}

pub fn keys(r: &RedFlags) -> Vec<Binding<Action>> {
    let n = r.ticked.len().min(9) as u8;
    vec![
        digits("tick", 1, n, |d| Action::Tick(usize::from(d) - 1)),
        bind("↑↓", "move", Action::Up, &[KeyCode::Up])
            .or(Action::Down, &[KeyCode::Down])
            .help("move through the list (it scrolls when it does not fit)"),
        bind("Space", "tick", Action::TickCursor, &[ch(' ')]).help_only(),
        bind(
            "Enter",
            "stop and get advice",
            Action::Stop,
            &[KeyCode::Enter],
        )
        .when(r.ticked.iter().any(|&t| t)),
        // Honest about what Esc does when something is ticked (a fall is ticked for the
        // person when they said they fell): nothing of it is kept.
        if r.ticked.iter().any(|&t| t) {
            bind("Esc", "back, not recorded", Action::Close, &[KeyCode::Esc])
        } else {
            bind("Esc", "none: go back", Action::Close, &[KeyCode::Esc])
        },
    ]
}

/// What an action leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Go {
    Stay,
    /// None ticked: back to where the person was (a session goes on).
    Close,
    /// These were ticked: stop, record them, and give the advice.
    Stop(Vec<String>),
}

/// Does `action` to the list; closing it resumes a session.
pub fn act(r: &mut RedFlags, engine: Option<&mut Engine>, action: Action, now: Instant) -> Go {
    let n = r.ticked.len();
    match action {
        Action::Tick(i) if i < n => {
            r.ticked[i] = !r.ticked[i];
            r.cursor = i;
        }
        Action::Tick(_) => {}
        Action::Up => r.cursor = (r.cursor + n - 1) % n,
        Action::Down => r.cursor = (r.cursor + 1) % n,
        Action::TickCursor => r.ticked[r.cursor] = !r.ticked[r.cursor],
        Action::Stop => return Go::Stop(r.symptoms()),
        Action::Close => {
            if let Some(e) = engine {
                e.resume(now);
            }
            return Go::Close;
        }
    }
    Go::Stay
}

/// The advice after red flags with these words; `saved` says what of it is in the journal.
pub fn advice(symptoms: &[String], saved: &str) -> Advice {
    let a = safety::red_flag_advice(symptoms);
    let mut lines = a.lines;
    // What is saved comes before the reminder that upright is not a doctor (the last line).
    let at = lines.len().saturating_sub(1);
    lines.insert(at, saved.to_owned());
    Advice {
        title: a.title,
        lines,
        urgency: Some(a.urgency),
    }
}

/// How each urgency heads its group in the list.
fn group_heading(u: Urgency) -> &'static str {
    match u {
        Urgency::Emergency => "Call emergency services now:",
        Urgency::Today => "Stop, and contact a doctor today:",
        Urgency::Soon => "Stop, and see a doctor soon (within days):",
    }
}

pub fn draw(frame: &mut Frame, area: Rect, r: &RedFlags, theme: &Theme) {
    let mut lines = vec![Line::styled(
        "Do you have any of these now? Tick them, then Enter.",
        theme.text.add_modifier(Modifier::BOLD),
    )];
    let mut focus = 0;
    let mut group = None;
    for (i, (flag, on)) in RED_FLAGS.iter().zip(&r.ticked).enumerate() {
        if group != Some(flag.urgency) {
            group = Some(flag.urgency);
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                group_heading(flag.urgency),
                theme.warn.add_modifier(Modifier::BOLD),
            ));
        }
        let mark = if *on { "[x]" } else { "[ ]" };
        let style = if i == r.cursor {
            theme.selected
        } else {
            theme.text
        };
        if i == r.cursor {
            focus = lines.len();
        }
        lines.push(Line::styled(
            format!("{} {mark} {}", i + 1, flag.symptom),
            style,
        ));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(safety::NOT_A_DIAGNOSIS, theme.dim));
    // Wrapped symptoms hang under their words, past "1 [ ] ".
    scrolled_dialog(frame, area, "Red flags", lines, (focus, 6), theme);
}
