//! The check-in dialog, one question at a time: how much it hurts (0-10, with the words beside
//! the numbers and advice the moment a moderate or severe score is chosen), dull or sharp,
//! where, and (after an exercise) how hard it was, chosen or skipped. Nothing is pre-filled.
//! The answer goes to the engine, which applies the one rule (`training::checkin`); an answer
//! that stops the exercise opens the pain dialog: it stopped, why, what happens next time, go
//! on or end.

use std::time::Instant;

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::shared::Shared;
use crate::common::text::clean_line;
use crate::records::journal::Outcome;
use crate::training::checkin::{self, Answer, Intensity, Place, Quality, Response, effort_words};
use crate::training::plan::easier_variant;
use crate::training::{Engine, safety};
use crate::tui::keys::{Binding, bind, ch, digits};
use crate::tui::theme::Theme;
use crate::tui::widgets::dialog;

/// Which question the check-in is asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Pain,
    Quality,
    Place,
    Effort,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckIn {
    pub step: Step,
    /// The pain score chosen so far: none until the person picks one.
    pub pain: Option<u8>,
    pub quality: Option<Quality>,
    pub place: Option<Place>,
    /// The effort chosen so far: none until the person picks one (never pre-filled).
    pub effort: Option<u8>,
    /// Asked in the middle of an exercise (the `p` key), not after its last set: no effort
    /// question, and it can be closed without an answer.
    pub during: bool,
}

impl CheckIn {
    /// Asked after an exercise's last set.
    pub fn after() -> CheckIn {
        CheckIn {
            step: Step::Pain,
            pain: None,
            quality: None,
            place: None,
            effort: None,
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

    /// The answer so far (no pain until a score above 0 is chosen with where and what).
    fn answer(&self) -> Answer {
        match (self.pain, self.quality, self.place) {
            (Some(p), Some(q), Some(w)) if p > 0 => Answer::pain(p, q, w, self.effort),
            _ => Answer::nothing(self.effort),
        }
    }

    /// The step before this one, if there is one.
    fn previous(&self) -> Option<Step> {
        match self.step {
            Step::Pain => None,
            Step::Quality => Some(Step::Pain),
            Step::Place => Some(Step::Quality),
            Step::Effort if self.pain.unwrap_or(0) > 0 => Some(Step::Place),
            Step::Effort => Some(Step::Pain),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A digit: the score (pain or effort) it names; 1 then 0 is 10.
    Digit(u8),
    Less,
    More,
    /// Enter: this answer, on to the next question (or saved).
    Next,
    Quality(Quality),
    Place(Place),
    /// Saves without an effort.
    SkipEffort,
    /// Back to the question before (or, asked mid-exercise, closes without an answer).
    Back,
}

pub fn keys(c: &CheckIn) -> Vec<Binding<Action>> {
    let back = bind(
        "Esc",
        "back",
        Action::Back,
        &[KeyCode::Esc, KeyCode::Backspace],
    )
    .help("back to the question before")
    .when(c.during || c.previous().is_some());
    let scale = |chosen: Option<u8>| {
        vec![
            digits("choose", 0, 9, Action::Digit)
                .or(Action::Less, &[KeyCode::Left, KeyCode::Down, ch('-')])
                .or(Action::More, &[KeyCode::Right, KeyCode::Up, ch('+')])
                .label("0-10 ←→")
                .help("choose a number (1 then 0 for 10; ←→ to move)"),
            bind("Enter", "next", Action::Next, &[KeyCode::Enter]).when(chosen.is_some()),
        ]
    };
    let mut table = match c.step {
        Step::Pain => scale(c.pain),
        Step::Quality => vec![
            bind("1-2", "answer", Action::Quality(Quality::Dull), &[ch('1')])
                .or(Action::Quality(Quality::Sharp), &[ch('2')])
                .help("1 dull (an ache, soreness), 2 sharp (stabbing, shooting)"),
        ],
        Step::Place => vec![
            digits("where", 1, Place::ALL.len() as u8, |d| {
                Action::Place(Place::ALL[usize::from(d.max(1)) - 1])
            })
            .help("1 the muscles that worked, 2 the back or neck, 3 a joint"),
        ],
        Step::Effort => {
            let mut t = scale(c.effort);
            t[1] = bind("Enter", "save", Action::Next, &[KeyCode::Enter]).when(c.effort.is_some());
            t.push(
                bind("s", "skip", Action::SkipEffort, &[ch('s')]).help("save without an effort"),
            );
            t
        }
    };
    table.push(back);
    table
}

/// What an answer leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Go {
    Stay,
    Close,
    /// The exercise has stopped for pain: this dialog follows.
    Pain(Pain),
}

/// Does `action` to the check-in and the session's engine.
pub fn act(
    c: &mut CheckIn,
    engine: Option<&mut Engine>,
    shared: &Shared,
    action: Action,
    now: Instant,
) -> Go {
    let Some(e) = engine else { return Go::Close };
    let score = |chosen: Option<u8>, action: Action| match action {
        // "1" then "0" is ten: a person typing 10 means 10.
        Action::Digit(0) if chosen == Some(1) => Some(10),
        Action::Digit(d) => Some(d.min(checkin::MAX)),
        Action::Less => Some(chosen.map_or(0, |n| n.saturating_sub(1))),
        Action::More => Some(chosen.map_or(0, |n| (n + 1).min(checkin::MAX))),
        _ => chosen,
    };
    match (c.step, action) {
        (_, Action::Back) => match c.previous() {
            Some(step) => c.step = step,
            None => {
                e.resume(now);
                return Go::Close;
            }
        },
        (Step::Pain, Action::Next) => match c.pain {
            Some(0) => {
                (c.quality, c.place) = (None, None);
                return answered(c, e, shared, now);
            }
            Some(_) => c.step = Step::Quality,
            None => {}
        },
        (Step::Pain, a) => c.pain = score(c.pain, a),
        (Step::Quality, Action::Quality(q)) => {
            c.quality = Some(q);
            c.step = Step::Place;
        }
        (Step::Place, Action::Place(p)) => {
            c.place = Some(p);
            return answered(c, e, shared, now);
        }
        (Step::Effort, Action::Next) if c.effort.is_some() => return save(c, e, now),
        (Step::Effort, Action::SkipEffort) => {
            c.effort = None;
            return save(c, e, now);
        }
        (Step::Effort, a) => c.effort = score(c.effort, a),
        _ => {}
    }
    Go::Stay
}

/// How it felt and where is known: an answer that stops the exercise is recorded now (the pain
/// dialog follows, or the red-flag path ends the session); one asked mid-exercise is recorded
/// and the session goes on; otherwise the effort question comes.
fn answered(c: &mut CheckIn, e: &mut Engine, shared: &Shared, now: Instant) -> Go {
    let answer = c.answer();
    let response = answer.response();
    if response.stops() {
        let Some(planned) = e.exercise().cloned() else {
            return Go::Close;
        };
        e.check_in(now, answer.with_effort(None));
        if response == Response::RedFlag {
            return Go::Close; // the engine has ended the run: the advice screen follows
        }
        e.pause(now);
        let easier = shared
            .runnable(shared.selected)
            .and_then(|r| easier_variant(&r.catalog(), &planned.exercise.id))
            .map(|x| x.name.clone());
        return Go::Pain(Pain {
            exercise: planned.exercise.name,
            easier,
        });
    }
    if c.during {
        e.check_in(now, answer.with_effort(None));
        e.resume(now);
        return Go::Close;
    }
    c.step = Step::Effort;
    Go::Stay
}

/// The answer with its effort (or none): recorded, and the session moves on.
fn save(c: &CheckIn, e: &mut Engine, now: Instant) -> Go {
    e.check_in(now, c.answer().with_effort(c.effort));
    Go::Close
}

/// "0 │ 1 2 3 │ 4 5 │ 6 7 8 9 10" with the chosen number marked, and the words under each
/// band; `bands` splits the numbers into the groups the words name.
fn scale(chosen: Option<u8>, bands: &[(u8, u8, &str)], theme: &Theme) -> Vec<Line<'static>> {
    let mut numbers = vec![Span::raw(" ")];
    let mut words = vec![Span::raw(" ")];
    for (i, &(from, to, word)) in bands.iter().enumerate() {
        if i > 0 {
            numbers.push(Span::styled("│", theme.dim));
            words.push(Span::styled("│", theme.dim));
        }
        let mut cells = 0;
        for n in from..=to {
            let text = format!(" {n:>2} ");
            cells += text.chars().count();
            let style = if chosen == Some(n) {
                theme.selected
            } else {
                theme.text
            };
            numbers.push(Span::styled(text, style));
        }
        words.push(Span::styled(format!("{word:^cells$}"), theme.dim));
    }
    vec![Line::from(numbers), Line::from(words)]
}

const PAIN_BANDS: [(u8, u8, &str); 4] = [
    (0, 0, "none"),
    (1, 3, "mild"),
    (4, 5, "moderate"),
    (6, 10, "severe"),
];

const EFFORT_BANDS: [(u8, u8, &str); 5] = [
    (0, 2, "very easy"),
    (3, 4, "easy"),
    (5, 6, "moderate"),
    (7, 8, "hard"),
    (9, 10, "very hard"),
];

pub fn draw(frame: &mut Frame, area: Rect, c: &CheckIn, theme: &Theme) {
    let bold = theme.text.add_modifier(Modifier::BOLD);
    let mut lines = Vec::new();
    let so_far = match (c.pain, c.quality) {
        (Some(p), Some(q)) => format!("{p}/10 {}, {}", Intensity::of(p).label(), q.word()),
        (Some(p), None) => format!("{p}/10 {}", Intensity::of(p).label()),
        _ => String::new(),
    };
    let title = match c.step {
        Step::Pain => {
            lines.push(Line::styled(
                if c.during {
                    "Any pain right now?"
                } else {
                    "Any pain in that exercise?"
                },
                bold,
            ));
            lines.push(Line::styled(
                "0 is none, 10 the worst you can imagine. Muscles working is not pain.",
                theme.dim,
            ));
            lines.push(Line::raw(""));
            lines.extend(scale(c.pain, &PAIN_BANDS, theme));
            lines.push(Line::raw(""));
            match c.pain.map(Intensity::of) {
                None => lines.push(Line::styled("Choose a number, then Enter.", theme.dim)),
                Some(i) => {
                    lines.push(Line::styled(
                        format!("{}/10: {}", c.pain.unwrap_or(0), i.label()),
                        bold,
                    ));
                    if let Some(advice) = i.advice() {
                        lines.push(Line::styled(advice, advice_style(i, theme)));
                    }
                }
            }
            "Check-in: pain"
        }
        Step::Quality => {
            lines.push(Line::styled(format!("{so_far}. What is it like?"), bold));
            lines.push(Line::raw(""));
            for (i, q) in Quality::ALL.iter().enumerate() {
                let style = if *q == Quality::Sharp {
                    theme.warn
                } else {
                    theme.text
                };
                lines.push(Line::styled(
                    format!("{}  {}", i + 1, capital(q.label())),
                    style,
                ));
            }
            "Check-in: dull or sharp"
        }
        Step::Place => {
            lines.push(Line::styled(format!("{so_far}. Where is it?"), bold));
            lines.push(Line::raw(""));
            for (i, p) in Place::ALL.iter().enumerate() {
                lines.push(Line::raw(format!("{}  {}", i + 1, capital(p.label()))));
            }
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                "A dull ache in the muscles that worked is training; pain in the back, neck or a joint is watched more closely.",
                theme.dim,
            ));
            "Check-in: where"
        }
        Step::Effort => {
            let answer = c.answer();
            let response = answer.response();
            let style = if response == Response::CarryOn {
                theme.text
            } else {
                theme.warn
            };
            lines.push(Line::styled(capital(&answer.describe()), bold));
            lines.push(Line::styled(response.advice(answer.place), style));
            lines.push(Line::raw(""));
            lines.push(Line::styled("How hard was it? (effort, 0-10)", bold));
            lines.push(Line::styled(
                "Strength work aims at 5 to 8: the last reps feel hard, with good form.",
                theme.dim,
            ));
            lines.extend(scale(c.effort, &EFFORT_BANDS, theme));
            lines.push(Line::raw(""));
            lines.push(match c.effort {
                None => Line::styled("Choose a number and Enter, or s to skip.", theme.dim),
                Some(e) => Line::styled(format!("{e}/10: {}", effort_words(e)), bold),
            });
            "Check-in: effort"
        }
    };
    dialog(frame, area, title, lines, theme);
}

fn advice_style(i: Intensity, theme: &Theme) -> Style {
    if i == Intensity::Severe {
        theme.warn.add_modifier(Modifier::BOLD)
    } else {
        theme.warn
    }
}

/// "Dull: an ache" from "dull: an ache".
fn capital(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

// ---------- after pain that stops the exercise ----------

/// The pain dialog: the exercise that stopped and its easier variant, if any.
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
        bind("e", "end the session", PainAction::End, &[ch('e'), ch('q')])
            .help("end the session here (q too)"),
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
        Line::raw(checkin::STOP_ADVICE),
        Line::raw(""),
    ];
    lines.push(Line::raw(match &p.easier {
        Some(e) => format!(
            "Next time, before this exercise, upright asks: do the easier variant ({}), leave it out until it has been assessed, or do it as planned once it has been.",
            clean_line(e)
        ),
        None => "Next time, before this exercise, upright asks: leave it out until it has been assessed, or do it as planned once it has been.".to_owned(),
    }));
    lines.push(Line::raw(""));
    lines.push(Line::styled(safety::NOT_A_DIAGNOSIS, theme.dim));
    dialog(frame, area, "Stopped for pain", lines, theme);
}
