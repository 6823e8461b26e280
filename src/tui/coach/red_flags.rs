//! The red-flag dialog: the symptoms that end a session, ticked by number; any ticked ends it
//! with the advice for them (emergency care when one of them needs it).

use std::time::Instant;

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Line;

use super::advice::Advice;
use crate::training::Engine;
use crate::training::safety::{self, RED_FLAGS};
use crate::tui::keys::{Binding, bind, ch, digits};
use crate::tui::theme::Theme;
use crate::tui::widgets::dialog;

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
            .help_only(),
        bind("Space", "tick", Action::TickCursor, &[ch(' ')]).help_only(),
        bind(
            "Enter",
            "stop and get advice",
            Action::Stop,
            &[KeyCode::Enter],
        )
        .when(r.ticked.iter().any(|&t| t)),
        bind("Esc", "none: go back", Action::Close, &[KeyCode::Esc]),
    ]
}

/// Does `action`; `true` when the dialog closes (none ticked: the session goes on; some
/// ticked: the engine ends the session with them).
pub fn act(r: &mut RedFlags, engine: Option<&mut Engine>, action: Action, now: Instant) -> bool {
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
        Action::Stop => {
            let symptoms = RED_FLAGS
                .iter()
                .zip(&r.ticked)
                .filter(|(_, t)| **t)
                .map(|(f, _)| f.symptom.to_owned())
                .collect();
            if let Some(e) = engine {
                e.red_flag(symptoms);
            }
            return true;
        }
        Action::Close => {
            if let Some(e) = engine {
                e.resume(now);
            }
            return true;
        }
    }
    false
}

/// The advice after red flags, for the symptoms ticked.
pub fn advice(symptoms: &[String]) -> Advice {
    let a = safety::red_flag_advice(symptoms);
    Advice {
        title: a.title,
        lines: a.lines,
    }
}

pub fn draw(frame: &mut Frame, area: Rect, r: &RedFlags, theme: &Theme) {
    let mut lines = vec![
        Line::styled(
            "Do you have any of these now?",
            theme.text.add_modifier(Modifier::BOLD),
        ),
        Line::raw(""),
    ];
    for (i, (flag, on)) in RED_FLAGS.iter().zip(&r.ticked).enumerate() {
        let mark = if *on { "[x]" } else { "[ ]" };
        let style = if i == r.cursor {
            theme.selected
        } else {
            theme.text
        };
        lines.push(Line::styled(
            format!("{} {mark} {}", i + 1, flag.symptom),
            style,
        ));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(safety::NOT_A_DIAGNOSIS, theme.dim));
    dialog(frame, area, "Red flags", lines, theme);
}
