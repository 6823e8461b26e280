//! The session screen: the exercise, the countdown (big digits when there is room), the pace
//! of each rep, the cues and what comes next, driven by the engine; its keys; what the engine's
//! events do to the coach (the journal, the check-in, the end); and the "quit?"
//! dialog over it.

use std::time::{Duration, Instant};

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Paragraph, Wrap};

use super::advice::{Advice, saved_line};
use super::check_in::CheckIn;
use super::overlay::Overlay;
use super::red_flags::{self, RedFlags};
use super::shared::Shared;
use crate::common::text::clean_line;
use crate::common::wrap::width;
use crate::records::journal::Outcome;
use crate::training::Engine;
use crate::training::checkin::{Place, Response};
use crate::training::plan::PhaseKind;
use crate::training::safety;
use crate::tui::big;
use crate::tui::keys::{Binding, bind, ch};
use crate::tui::theme::Theme;
use crate::tui::widgets::{countdown_text, dialog, frame_block, phase_word};

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
            let saved = saved_line(&s, shared.run_unsaved(run.id), true);
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

/// Whole minutes, rounded up: the header changes once a minute, not every second.
fn minutes_left(d: Duration) -> String {
    if d.as_secs() < 60 {
        "under a minute".into()
    } else {
        format!("{} min", d.as_secs().div_ceil(60))
    }
}

/// Terminals at least this large get digits taller than four rows, and the exercise's name,
/// the rep or stage and the pace word grow with them; smaller ones half-height digits, which
/// read as well at a normal distance and redraw half the cells each second. The large-text
/// setting grows them wherever they fit.
pub const FULL_SIZE_FROM: (u16, u16) = (160, 48);

/// What a running countdown counts, in words: "23 s left in this set".
fn counting(kind: PhaseKind, side: bool, secs: u32) -> String {
    match kind {
        PhaseKind::GetReady => format!("{secs} s to get ready"),
        PhaseKind::Work if side => format!("{secs} s left on this side"),
        PhaseKind::Work => format!("{secs} s left in this set"),
        PhaseKind::SwitchSides => format!("{secs} s to switch sides"),
        PhaseKind::Rest => format!("{secs} s of rest left"),
        PhaseKind::CheckIn => format!("{secs} s left"),
    }
}

/// `text` in big glyphs no taller than `max` rows in `width` x `height`, if it fits.
fn grown(text: &str, lines: usize, width: u16, height: u16, max: u16) -> Option<big::Big> {
    if text.is_empty() {
        return None;
    }
    big::fit(
        text,
        lines,
        big::Limits {
            max_glyph_height: max,
            ..big::Limits::area(width, height)
        },
    )
}

/// Draws `text` big when `fitted`, else as one plain line, centred or not.
fn words(frame: &mut Frame, area: Rect, text: &str, fitted: Option<&big::Big>, style: Style) {
    match fitted {
        Some(b) => b.render(area, frame.buffer_mut(), style),
        None => frame.render_widget(
            Paragraph::new(Span::styled(text.to_owned(), style)).alignment(Alignment::Center),
            area,
        ),
    }
}

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    run: &Run,
    now: Instant,
    large_text: bool,
    theme: &Theme,
) {
    let e = &run.engine;
    let (Some(phase), Some(planned)) = (e.phase(), e.exercise()) else {
        return;
    };
    let plan = e.plan();
    let [header, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);

    // Header: where the session is.
    let left = format!(
        " {} · Session {}",
        clean_line(&plan.program),
        clean_line(&plan.session)
    );
    let right = format!(
        "Exercise {} of {} · {} left ",
        phase.exercise + 1,
        plan.exercises.len(),
        minutes_left(e.session_left(now))
    );
    let [hl, hr] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(width(&right) as u16)])
            .areas(header);
    frame.render_widget(Paragraph::new(Span::styled(left, theme.title)), hl);
    frame.render_widget(Paragraph::new(Span::styled(right, theme.dim)), hr);

    let inner_block = frame_block(
        if e.is_paused() {
            "PAUSED".into()
        } else {
            phase_word(phase.kind).into()
        },
        theme,
    );
    let inner = inner_block.inner(body);
    frame.render_widget(inner_block, body);

    let d = planned.dose;
    let ex = &planned.exercise;
    // What this moment is: set, side, rep and stage.
    let mut status = vec![format!("Set {} of {}", phase.set, d.sets())];
    if let Some(side) = phase.side {
        status.push(side.label().to_owned());
    }
    let pace = e.pace(now);
    if let Some(p) = pace {
        status.push(p.count_label());
        if let Some(words) = planned.pace_text() {
            status.push(clean_line(&words).into_owned());
        }
    } else if phase.kind == PhaseKind::Work
        && let Some(r) = d.reps()
    {
        status.push(format!("{r} reps"));
    }
    let status_line = match phase.kind {
        PhaseKind::Work => status.join(" · "),
        PhaseKind::GetReady => match planned.pace_text() {
            Some(words) => format!("Coming up: {} · {}", d.describe(), clean_line(&words)),
            None => format!("Coming up: {}", d.describe()),
        },
        PhaseKind::SwitchSides => {
            format!("Now the {} side", phase.side.map_or("other", |s| s.label()))
        }
        PhaseKind::Rest => format!("Rest · set {} of {} done", phase.set, d.sets()),
        PhaseKind::CheckIn => "How did that feel?".into(),
    };

    let cue_lines: Vec<Line> = ex
        .cues
        .iter()
        .map(|c| {
            Line::from(vec![
                Span::styled("• ", theme.accent),
                Span::raw(clean_line(c).into_owned()),
            ])
        })
        .chain(ex.caution.iter().map(|c| {
            Line::from(vec![
                Span::styled("Caution: ", theme.warn.add_modifier(Modifier::BOLD)),
                Span::raw(clean_line(c).into_owned()),
            ])
        }))
        .collect();
    let cue_height = cue_lines.len() as u16 + 1;

    let shown = e.shown_secs(now);
    let digits = match (shown, phase.kind) {
        (Some(s), _) => countdown_text(s),
        (None, PhaseKind::Work) => d.reps().map_or(String::new(), |r| format!("x{r}")),
        _ => String::new(),
    };
    let pace_text = match (pace, phase.kind, shown) {
        (Some(p), PhaseKind::Work, _) => {
            format!("{} {}", clean_line(p.word).to_uppercase(), p.stage_left)
        }
        (None, PhaseKind::Work, None) => "Press Enter when the set is done".into(),
        _ => String::new(),
    };
    let name = clean_line(&ex.name).to_uppercase();

    // On a large screen (or with large text) the name, the rep or stage and the pace word
    // grow too, each within its share of the rows; the countdown takes what is left.
    let large = large_text || (area.width >= FULL_SIZE_FROM.0 && area.height >= FULL_SIZE_FROM.1);
    let w = inner.width;
    let (big_name, big_status, big_pace) = if large {
        let h = inner.height;
        let status_big = if phase.kind == PhaseKind::Work {
            status.join(" ").to_uppercase()
        } else {
            String::new()
        };
        (
            grown(&name, 2, w, h / 5, 8),
            grown(&status_big, 2, w, h / 8, 4),
            pace.and_then(|_| grown(&pace_text, 1, w, h / 5, 8)),
        )
    } else {
        (None, None, None)
    };
    let rows = |b: &Option<big::Big>| b.as_ref().map_or(1, big::Big::height);
    let (name_h, status_h, pace_h) = (rows(&big_name), rows(&big_status), rows(&big_pace));
    let fixed = name_h + status_h + pace_h + 1 + 1 + cue_height + 1;
    let spare = inner.height.saturating_sub(fixed);
    // Half-height digits on ordinary terminals (half the cells to redraw each second); on a
    // large one up to 24 rows tall, leaving the cues on screen beside them.
    let limits = big::Limits {
        max_glyph_height: if large { 24 } else { 4 },
        ..big::Limits::area(w, spare)
    };
    let fitted = (!digits.is_empty())
        .then(|| big::fit_lines(std::slice::from_ref(&digits), limits))
        .flatten();
    let big_height = fitted.as_ref().map_or(1, big::Big::height);

    let [
        name_area,
        status_area,
        _,
        big_area,
        pace_area,
        gauge_area,
        _,
        cues_area,
        _,
        next_area,
    ] = Layout::vertical([
        Constraint::Length(name_h),
        Constraint::Length(status_h),
        Constraint::Fill(1),
        Constraint::Length(big_height),
        Constraint::Length(pace_h),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(
            cue_height.min(
                inner
                    .height
                    .saturating_sub(name_h + status_h + big_height + pace_h + 4),
            ),
        ),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(inner);

    match &big_name {
        Some(b) => b.render(name_area, frame.buffer_mut(), theme.title),
        None => frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(name, theme.title),
                Span::styled(format!("  {}", ex.kinds_label()), theme.dim),
            ])),
            name_area,
        ),
    }
    match &big_status {
        Some(b) => b.render(status_area, frame.buffer_mut(), theme.text),
        None => frame.render_widget(
            Paragraph::new(Span::styled(status_line, theme.text)),
            status_area,
        ),
    }

    let style = if e.is_paused() {
        theme.dim
    } else {
        theme.countdown(phase.kind)
    };
    words(
        frame,
        big_area,
        &digits,
        fitted.as_ref(),
        style.add_modifier(Modifier::BOLD),
    );
    words(
        frame,
        pace_area,
        &pace_text,
        big_pace.as_ref(),
        theme.accent.add_modifier(Modifier::BOLD),
    );

    if let (Some(left), Some(total), Some(secs)) = (e.remaining(now), phase.secs, shown) {
        let total = f64::from(total.max(1));
        let done = (total - left.as_secs_f64()).clamp(0.0, total);
        // Whole seconds only, so the gauge changes when the countdown does.
        let ratio = (done.floor() / total).clamp(0.0, 1.0);
        frame.render_widget(
            LineGauge::default()
                .ratio(ratio)
                .filled_style(theme.countdown(phase.kind))
                .unfilled_style(theme.dim)
                .label(Span::styled(
                    format!("{} ", counting(phase.kind, phase.side.is_some(), secs)),
                    theme.text,
                )),
            gauge_area,
        );
    }

    frame.render_widget(
        Paragraph::new(cue_lines).wrap(Wrap { trim: true }),
        cues_area,
    );

    let next = match e.next_exercise() {
        Some(n) => format!(
            "Next: {} · {}",
            clean_line(&n.exercise.name),
            n.dose.describe()
        ),
        None => "Next: the end of the session".into(),
    };
    frame.render_widget(Paragraph::new(Span::styled(next, theme.dim)), next_area);
}
