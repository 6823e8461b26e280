//! The check-in dialog (how it felt, then how hard it was) and the sharp-pain dialog that
//! follows a check-in of sharp pain: the exercise stops, the advice is read, and the person
//! goes on with the other exercises or ends the session.

use std::time::Instant;

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Line;

use crate::common::text::clean_line;
use crate::program::Library;
use crate::records::journal::{Feeling, Outcome};
use crate::training::Engine;
use crate::training::safety;
use crate::tui::keys::{Binding, bind, ch, digits};
use crate::tui::theme::Theme;
use crate::tui::widgets::dialog;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckIn {
    /// `None` while asking how it felt; then asking for effort.
    pub feeling: Option<Feeling>,
    pub effort: u8,
    /// Asked in the middle of an exercise (the `p` key), not after its last set.
    pub during: bool,
}

impl CheckIn {
    /// Asked after an exercise's last set.
    pub fn after() -> CheckIn {
        CheckIn {
            feeling: None,
            effort: 5,
            during: false,
        }
    }

    /// Asked in the middle of an exercise: it can be closed without an answer.
    pub fn during() -> CheckIn {
        CheckIn {
            during: true,
            ..CheckIn::after()
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Feeling(Feeling),
    /// Closes a check-in asked mid-exercise without an answer.
    Back,
    Effort(u8),
    More,
    Less,
    Save,
    /// Saves the feeling without an effort.
    Skip,
}

pub fn keys(c: &CheckIn) -> Vec<Binding<Action>> {
    match c.feeling {
        None => vec![
            digits("answer", 1, 4, |d| {
                Action::Feeling(Feeling::ALL[usize::from(d.clamp(1, 4)) - 1])
            }),
            bind("Esc", "back", Action::Back, &[KeyCode::Esc]).when(c.during),
        ],
        Some(_) => vec![
            digits("choose", 0, 9, Action::Effort)
                .or(Action::Less, &[KeyCode::Left, KeyCode::Down, ch('-')])
                .or(Action::More, &[KeyCode::Right, KeyCode::Up, ch('+')])
                .label("0-9 ←→"),
            bind("Enter", "save", Action::Save, &[KeyCode::Enter]),
            bind("s", "skip", Action::Skip, &[ch('s'), KeyCode::Esc]),
        ],
    }
}

/// What an answer leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Go {
    Stay,
    Close,
    /// Sharp pain: the exercise has stopped; this dialog follows.
    Pain(Pain),
}

/// Does `action` to the check-in and the session's engine.
pub fn act(c: &mut CheckIn, engine: Option<&mut Engine>, action: Action, now: Instant) -> Go {
    let Some(e) = engine else { return Go::Close };
    match (c.feeling, action) {
        (None, Action::Feeling(Feeling::Sharp)) => return sharp_pain(e, now),
        (None, Action::Feeling(f)) => c.feeling = Some(f),
        (None, Action::Back) => {
            e.resume(now);
            return Go::Close;
        }
        (Some(_), Action::Effort(n)) => c.effort = n,
        (Some(_), Action::More) => c.effort = (c.effort + 1).min(10),
        (Some(_), Action::Less) => c.effort = c.effort.saturating_sub(1),
        (Some(f), Action::Save | Action::Skip) => {
            e.check_in(
                now,
                crate::training::checkin::Answer::from_feeling(
                    f,
                    (action == Action::Save).then_some(c.effort),
                ),
            );
            if c.during {
                e.resume(now);
            }
            return Go::Close;
        }
        _ => {}
    }
    Go::Stay
}

/// Sharp pain: the engine stops the exercise; the person reads why and chooses.
fn sharp_pain(e: &mut Engine, now: Instant) -> Go {
    let Some(planned) = e.exercise().cloned() else {
        return Go::Close;
    };
    e.check_in(
        now,
        crate::training::checkin::Answer::from_feeling(Feeling::Sharp, None),
    );
    e.pause(now);
    let easier = planned
        .exercise
        .easier
        .as_deref()
        .and_then(|id| Library::bundled().get(id))
        .map(|x| x.name.clone());
    Go::Pain(Pain {
        exercise: planned.exercise.name,
        easier,
    })
}

pub fn draw(frame: &mut Frame, area: Rect, c: &CheckIn, theme: &Theme) {
    let (title, lines) = match c.feeling {
        None => {
            let mut lines = vec![
                Line::styled(
                    if c.during {
                        "How does it feel right now?"
                    } else {
                        "How did that exercise feel?"
                    },
                    theme.text.add_modifier(Modifier::BOLD),
                ),
                Line::raw(""),
            ];
            for f in Feeling::ALL {
                let style = if f == Feeling::Sharp {
                    theme.warn
                } else {
                    theme.text
                };
                lines.push(Line::styled(
                    format!("{}  {}", f.number(), f.label()),
                    style,
                ));
            }
            lines.push(Line::raw(""));
            lines.push(Line::styled(safety::SORENESS_GUIDE, theme.dim));
            ("Check-in", lines)
        }
        Some(f) => {
            let bar: String = (0..=10)
                .map(|i| {
                    if i == c.effort {
                        format!("[{i}]")
                    } else {
                        format!(" {i} ")
                    }
                })
                .collect();
            let lines = vec![
                Line::raw(format!("Feeling: {}", f.label())),
                Line::raw(""),
                Line::styled(
                    "How hard was it? (0 = rest, 5-6 = moderate, 10 = maximal)",
                    theme.text.add_modifier(Modifier::BOLD),
                ),
                Line::raw(""),
                Line::styled(bar, theme.accent),
            ];
            ("Effort", lines)
        }
    };
    dialog(frame, area, title, lines, theme);
}

// ---------- after sharp pain ----------

/// The sharp-pain dialog: the exercise that stopped and its easier variant, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pain {
    pub exercise: String,
    pub easier: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PainAction {
    GoOn,
    End,
}

pub fn pain_keys() -> Vec<Binding<PainAction>> {
    vec![
        bind(
            "Enter",
            "go on with the other exercises",
            PainAction::GoOn,
            &[KeyCode::Enter, ch('c')],
        ),
        bind("e", "end the session", PainAction::End, &[ch('e'), ch('q')]),
    ]
}

/// Goes on with the session or ends it; the dialog closes either way.
pub fn pain_act(engine: Option<&mut Engine>, action: PainAction, now: Instant) {
    let Some(e) = engine else { return };
    match action {
        PainAction::GoOn => e.resume(now),
        PainAction::End => e.end(Outcome::Pain),
    }
}

pub fn draw_pain(frame: &mut Frame, area: Rect, p: &Pain, theme: &Theme) {
    let mut lines = vec![
        Line::styled(
            format!("{}: stopped.", clean_line(&p.exercise)),
            theme.warn.add_modifier(Modifier::BOLD),
        ),
        Line::raw(""),
        Line::raw(crate::training::checkin::STOP_ADVICE),
    ];
    if let Some(e) = &p.easier {
        lines.push(Line::raw(""));
        lines.push(Line::raw(format!(
            "An easier variant is {}: ask your physiotherapist whether to use it instead.",
            clean_line(e)
        )));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(safety::NOT_A_DIAGNOSIS, theme.dim));
    dialog(frame, area, "Sharp pain", lines, theme);
}
