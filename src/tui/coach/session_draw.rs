//! Drawing the session screen: where the session is, the name and status, the countdown
//! (big where there is room), the pace, the gauge, the cues and what comes next, with the
//! figure beside them in the room the words leave. Its state and keys are `session`'s.

use std::time::{Duration, Instant};

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Paragraph};

use super::session::Run;
use crate::common::text::clean_line;
use crate::common::wrap::width;
use crate::program::Dose;
use crate::training::plan::PhaseKind;
use crate::tui::big;
use crate::tui::figure_panel;
use crate::tui::theme::Theme;
use crate::tui::widgets::{countdown_text, frame_block, phase_word, wrap_line};

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

/// The words keep at least this many columns beside the figure; the figure takes at most
/// this share of the width, in percent.
const WORDS_MIN: u16 = 40;
const FIGURE_SHARE: u16 = 45;

/// What changes every second is kept to about 278 bytes a second on a terminal of any size
/// (`benches/frame.rs` prints it; the README's figures): each change of a big glyph rewrites
/// its cells, so the glyphs that change with the seconds stop growing at a size whose change
/// fits. The countdown's digits grow to at most this many rows on a large screen (24 rows
/// wrote about 1,000 bytes a second at 200x60; 8 rows about 200), and stay half-height through
/// a paced set, where the pace word ("LOWER 3", at most `PACE_TALLEST` rows) is what to follow.
const DIGITS_TALLEST: u16 = 8;
const PACE_TALLEST: u16 = 4;

/// A figure that changes pose with each part of a rep is drawn at most this many rows tall: a
/// change of pose rewrites the whole body, about 35 bytes a row, two or three times a
/// five-second rep. A figure that stays still through the exercise fills the height.
const MOVING_FIGURE_TALLEST: u16 = 18;

/// The words above the countdown and below it, laid out at one width: the name, the status and
/// the pace word (big when `large` and they fit), and the cues wrapped.
struct Column {
    name: Option<big::Big>,
    status: Option<big::Big>,
    /// The status in plain text when it is not big: with the rep's parts in words when they
    /// fit the width ("Set 1 of 2 · Rep 2 of 8 · stand 1 ... sit 3"), else without.
    status_line: String,
    pace: Option<big::Big>,
    cues: Vec<Line<'static>>,
}

impl Column {
    /// The rows they take, with the gauge, the row under the cues and what comes next: all
    /// but the countdown's digits.
    fn rows(&self) -> u16 {
        let rows = |b: &Option<big::Big>| b.as_ref().map_or(1, big::Big::height);
        // The gauge and the row under it; the cues and the row under them; what comes next.
        rows(&self.name)
            + rows(&self.status)
            + rows(&self.pace)
            + 2
            + self.cues.len() as u16
            + 1
            + 1
    }
}

/// Draws the session: `large_text` grows the words wherever they fit, `smooth` lets the
/// figure glide between its key poses.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    run: &Run,
    now: Instant,
    large_text: bool,
    smooth: bool,
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
    } else if phase.kind == PhaseKind::Work
        && let Some(r) = d.reps()
    {
        status.push(format!("{r} reps"));
    }
    // The rep's parts in words, where there is room for them (the pace says each big).
    let pace_words = planned.pace_text().map(|w| clean_line(&w).into_owned());
    let with_words = match (&pace_words, pace) {
        (Some(words), Some(_)) => format!("{} · {words}", status.join(" · ")),
        _ => status.join(" · "),
    };
    let status_line = match phase.kind {
        PhaseKind::Work => status.join(" · "),
        PhaseKind::GetReady => format!("Coming up: {}", d.describe()),
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
        // Each rep's parts, where the pace will show them.
        (_, PhaseKind::GetReady, _) => pace_words.clone().unwrap_or_default(),
        _ => String::new(),
    };
    let name = clean_line(&ex.name).to_uppercase();

    // On a large screen (or with large text) the name, the rep or stage and the pace word
    // grow too, each within its share of the rows; the countdown takes what is left.
    let large = large_text || (area.width >= FULL_SIZE_FROM.0 && area.height >= FULL_SIZE_FROM.1);
    let status_big = if large && phase.kind == PhaseKind::Work {
        status.join(" ").to_uppercase()
    } else {
        String::new()
    };
    let words_at = |w: u16| {
        let h = inner.height;
        let grow = |text: &str, lines, share, max| {
            if large {
                grown(text, lines, w, h / share, max)
            } else {
                None
            }
        };
        Column {
            name: grow(&name, 2, 5, 8),
            status: grow(&status_big, 2, 8, 4),
            status_line: if phase.kind == PhaseKind::Work && width(&with_words) <= usize::from(w) {
                with_words.clone()
            } else {
                status_line.clone()
            },
            pace: pace.and_then(|_| grow(&pace_text, 1, 5, PACE_TALLEST)),
            cues: cue_lines.iter().flat_map(|l| wrap_line(l, w, 2)).collect(),
        }
    };

    // The figure beside everything else, in the room the words leave: never so wide that the
    // words, narrower, take rows the countdown's digits had (up to four).
    let figure = figure_panel::shown(e, now, smooth);
    let full = words_at(inner.width);
    let spare_at = |words: &Column| inner.height.saturating_sub(words.rows());
    let digits_want = spare_at(&full).min(4);
    let moving = matches!(d, Dose::Reps { tempo: Some(_), .. } | Dose::Holds { .. });
    // The words at the width last tried: the width the figure leaves them, kept (laying them
    // out wraps every cue and fits the big words).
    let tried: std::cell::RefCell<Option<(u16, Column)>> = std::cell::RefCell::new(None);
    let (inner, figure_area) = figure_panel::split_rows(
        inner,
        figure.map(|s| s.figure),
        FIGURE_SHARE,
        if moving {
            MOVING_FIGURE_TALLEST
        } else {
            u16::MAX
        },
        |w| {
            let words = words_at(w);
            let fits = w >= WORDS_MIN && spare_at(&words) >= digits_want;
            *tried.borrow_mut() = Some((w, words));
            fits
        },
    );
    let column = match (&figure, figure_area) {
        (Some(s), Some(at)) => {
            figure_panel::draw(frame, at, s, theme);
            match tried.into_inner() {
                Some((w, words)) if w == inner.width => words,
                _ => words_at(inner.width),
            }
        }
        _ => full,
    };
    let w = inner.width;
    let rows = |b: &Option<big::Big>| b.as_ref().map_or(1, big::Big::height);
    let (name_h, status_h, pace_h) = (rows(&column.name), rows(&column.status), rows(&column.pace));
    let cue_height = column.cues.len() as u16 + 1;
    let spare = spare_at(&column);
    // Half-height digits on ordinary terminals and through a paced set (half the cells to
    // redraw each second); on a large one taller, leaving the cues on screen beside them.
    let limits = big::Limits {
        max_glyph_height: if large && !moving { DIGITS_TALLEST } else { 4 },
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

    match &column.name {
        Some(b) => b.render(name_area, frame.buffer_mut(), theme.title),
        None => frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(name, theme.title),
                Span::styled(format!("  {}", ex.kinds_label()), theme.dim),
            ])),
            name_area,
        ),
    }
    match &column.status {
        Some(b) => b.render(status_area, frame.buffer_mut(), theme.text),
        None => frame.render_widget(
            Paragraph::new(Span::styled(column.status_line, theme.text)),
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
        column.pace.as_ref(),
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

    frame.render_widget(Paragraph::new(column.cues), cues_area);

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
