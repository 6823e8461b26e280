//! Drawing the class display. Every slide is a column of parts laid out to the terminal's
//! size: big text shares out the spare rows (the countdown most, then the exercise's name),
//! plain text is word-wrapped to exactly the rows it needs, and when rows run short the least
//! needed lines go first, so nothing is cut at any size from 80x24 up. Nothing here changes
//! state.

use std::time::Instant;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::{Class, Overlay, Stage};
use crate::common::text::clean_line;
use crate::records::journal::Feeling;
use crate::training::plan::{Phase, PhaseKind};
use crate::training::safety::{self, RED_FLAGS};
use crate::tui::big::{self, Big, Limits};
use crate::tui::theme::Theme;
use crate::tui::ui::{
    MIN_HEIGHT, MIN_WIDTH, countdown_text, frame_block, keys, phase_word, popup, too_small,
};

/// Text that is big when there is room: up to `share` percent of the spare rows go to it,
/// and it is plain when no big size fits.
pub(crate) struct Words {
    /// The big lines and their styles; empty for text that is always plain.
    big: Vec<(String, Style)>,
    /// Break the single big line at spaces over up to this many lines; 0 keeps the lines.
    rebreak: usize,
    /// Size as if each big line had at least this many characters.
    min_chars: u16,
    /// The part of the spare rows it may take at first, and of the whole height at most, in
    /// percent. It also ranks the parts: none grows taller than a heading (`big`) with a
    /// larger share.
    share: u16,
    /// A heading: what has a smaller share never grows taller than it.
    heading: bool,
    plain: Vec<Line<'static>>,
    /// Continuation lines of wrapped plain text are indented this far.
    indent: u16,
    /// May be left out when rows run short, highest first; 0: never.
    drop: u8,
    /// Takes its rows but shows nothing (the key hint while the class runs, so the screen
    /// does not move when it appears).
    hidden: bool,
}

impl Words {
    fn plain(line: Line<'static>) -> Words {
        Words {
            big: Vec::new(),
            rebreak: 0,
            min_chars: 0,
            share: 0,
            heading: false,
            plain: vec![line.alignment(Alignment::Center)],
            indent: 0,
            drop: 0,
            hidden: false,
        }
    }

    /// A short `text` big in `style`, or plain; in capitals and bold either way.
    fn big(text: &str, style: Style, share: u16, rebreak: usize) -> Words {
        let text = clean_line(text).to_uppercase();
        Words {
            big: vec![(text.clone(), style)],
            rebreak,
            share,
            heading: true,
            ..Words::plain(Line::styled(text, style.add_modifier(Modifier::BOLD)))
        }
    }

    /// A sentence: big (in capitals) when it fits, else plain and bold as written.
    fn sentence(text: &str, style: Style, share: u16, rebreak: usize) -> Words {
        let text = clean_line(text);
        Words {
            big: vec![(text.to_uppercase(), style)],
            rebreak,
            share,
            ..Words::plain(Line::styled(
                text.into_owned(),
                style.add_modifier(Modifier::BOLD),
            ))
        }
    }

    /// A left-aligned list, big when it fits as a whole.
    fn list(items: Vec<(String, Style, Line<'static>)>, share: u16, indent: u16) -> Words {
        let (big, plain) = items
            .into_iter()
            .map(|(text, style, line)| ((text.to_uppercase(), style), line))
            .unzip();
        Words {
            big,
            rebreak: 0,
            min_chars: 0,
            share,
            heading: false,
            plain,
            indent,
            drop: 0,
            hidden: false,
        }
    }

    fn drop(mut self, drop: u8) -> Words {
        self.drop = drop;
        self
    }

    fn min_chars(mut self, chars: u16) -> Words {
        self.min_chars = chars;
        self
    }

    fn fit(&self, limits: Limits) -> Option<Big> {
        let limits = Limits {
            min_chars: self.min_chars,
            ..limits
        };
        match self.big.as_slice() {
            [] => None,
            [(text, _)] if self.rebreak > 0 => big::fit(text, self.rebreak, limits),
            lines => {
                let texts: Vec<String> = lines.iter().map(|(t, _)| t.clone()).collect();
                big::fit_lines(&texts, limits)
            }
        }
    }

    fn wrapped(&self, width: u16) -> Vec<Line<'static>> {
        self.plain
            .iter()
            .flat_map(|l| big::wrap(l, width, self.indent))
            .collect()
    }
}

/// One part of a slide's column, top to bottom.
pub(crate) enum Part {
    Words(Words),
    /// The class's progress, as a bar of filled and empty blocks.
    Bar(f64),
    /// An even part of the rows nobody else takes.
    Space,
}

/// A part with its rows decided.
pub(crate) struct Placed {
    pub(crate) part: Part,
    pub(crate) rows: u16,
    pub(crate) big: Option<Big>,
    pub(crate) wrapped: Vec<Line<'static>>,
}

fn bar_rows(height: u16) -> u16 {
    (height / 40).clamp(1, 3)
}

/// Decides every part's rows in `width` x `height`: drops what must go, then gives big text
/// its share of the spare rows, largest share first; in a second round what is left, up to
/// its share of the whole height; never letting a part's glyphs grow taller than those of a
/// part with a larger share.
pub(crate) fn arrange(parts: Vec<Part>, width: u16, height: u16) -> Vec<Placed> {
    let mut placed: Vec<Placed> = parts
        .into_iter()
        .map(|part| {
            let wrapped = match &part {
                Part::Words(w) => w.wrapped(width),
                _ => Vec::new(),
            };
            let rows = match &part {
                Part::Words(_) => wrapped.len() as u16,
                Part::Bar(_) => bar_rows(height),
                Part::Space => 0,
            };
            Placed {
                part,
                rows,
                big: None,
                wrapped,
            }
        })
        .collect();
    let total = |p: &[Placed]| p.iter().map(|p| p.rows).sum::<u16>();
    while total(&placed) > height {
        let droppable = placed
            .iter()
            .enumerate()
            .filter_map(|(i, p)| match &p.part {
                Part::Words(w) if w.drop > 0 => Some((w.drop, i)),
                _ => None,
            })
            .max();
        match droppable {
            Some((_, i)) => {
                placed.remove(i);
            }
            None => break,
        }
    }
    let spare_at_first = height.saturating_sub(total(&placed));
    let mut spare = spare_at_first;
    let mut order: Vec<(u16, usize)> = placed
        .iter()
        .enumerate()
        .filter_map(|(i, p)| match &p.part {
            Part::Words(w) if !w.big.is_empty() => Some((w.share, i)),
            _ => None,
        })
        .collect();
    order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for round in 0..2 {
        // A plain heading keeps everything ranked below it plain.
        let mut cap = u16::MAX;
        for &(share, i) in &order {
            let p = &mut placed[i];
            let Part::Words(w) = &p.part else { continue };
            let percent = |of: u16| (u32::from(of) * u32::from(share) / 100) as u16;
            let allowance = if round == 0 {
                p.rows + percent(spare_at_first).min(spare)
            } else {
                (p.rows + spare).min(percent(height).max(p.rows))
            };
            let limits = Limits {
                max_glyph_height: cap,
                ..Limits::area(width, allowance)
            };
            if let Some(fit) = w.fit(limits)
                && p.big
                    .as_ref()
                    .is_none_or(|b| fit.glyph.area() > b.glyph.area())
            {
                spare = spare + p.rows - fit.height();
                p.rows = fit.height();
                p.big = Some(fit);
            }
            if w.heading {
                cap = cap.min(p.big.as_ref().map_or(1, |b| b.glyph.height));
            }
        }
    }
    placed
}

/// Draws a column of parts in `area`.
fn column(frame: &mut Frame, area: Rect, parts: Vec<Part>, theme: &Theme) {
    let placed = arrange(parts, area.width, area.height);
    let rects = Layout::vertical(placed.iter().map(|p| match p.part {
        Part::Space => Constraint::Fill(1),
        _ => Constraint::Length(p.rows),
    }))
    .split(area);
    for (p, &rect) in placed.iter().zip(rects.iter()) {
        match (&p.part, &p.big) {
            (Part::Words(w), Some(b)) => {
                let buf = frame.buffer_mut();
                for (i, line) in b.lines.iter().enumerate() {
                    let style = w.big.get(i).map_or(w.big[0].1, |(_, s)| *s);
                    let style = if w.rebreak > 0 { w.big[0].1 } else { style };
                    let one = Big {
                        lines: vec![line.clone()],
                        glyph: b.glyph,
                    };
                    let y = rect.y + i as u16 * b.glyph.height;
                    let row = Rect {
                        y,
                        height: b.glyph.height.min(rect.bottom().saturating_sub(y)),
                        ..rect
                    };
                    one.render(row, buf, style);
                }
            }
            (Part::Words(w), None) if !w.hidden => {
                // Left-aligned lines sit in a block centred as a whole.
                let left = p
                    .wrapped
                    .iter()
                    .all(|l| l.alignment.is_none_or(|a| a == Alignment::Left));
                let rect = if left {
                    let w = p
                        .wrapped
                        .iter()
                        .map(|l| l.width() as u16)
                        .max()
                        .unwrap_or(0);
                    Rect {
                        x: rect.x + rect.width.saturating_sub(w) / 2,
                        width: w.min(rect.width),
                        ..rect
                    }
                } else {
                    rect
                };
                frame.render_widget(Paragraph::new(p.wrapped.clone()), rect);
            }
            (Part::Bar(ratio), _) => {
                let filled = (f64::from(rect.width) * ratio.clamp(0.0, 1.0)).round() as usize;
                let empty = usize::from(rect.width).saturating_sub(filled);
                let line = Line::from(vec![
                    Span::styled("█".repeat(filled), theme.accent),
                    Span::styled("░".repeat(empty), theme.dim),
                ]);
                frame.render_widget(Paragraph::new(vec![line; usize::from(rect.height)]), rect);
            }
            _ => {}
        }
    }
}

/// Draws the whole class display.
pub fn draw(frame: &mut Frame, class: &Class, now: Instant) {
    let area = frame.area();
    let theme = &class.theme;
    frame.render_widget(Block::new().style(theme.base), area);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, theme);
        return;
    }
    let inner = Rect {
        x: area.x + 1,
        width: area.width - 2,
        ..area
    };
    column(frame, inner, slide(class, now), theme);
    if let Some(Overlay::ConfirmQuit { .. }) = class.overlay {
        confirm_quit(frame, area, theme);
    }
}

/// The parts of whatever the room sees now.
pub(crate) fn slide(class: &Class, now: Instant) -> Vec<Part> {
    let theme = &class.theme;
    let mut parts = Vec::new();
    if let Some(err) = &class.journal_error {
        parts.push(Part::Words(Words::plain(Line::styled(
            format!("⚠ {}", clean_line(err)),
            theme.banner,
        ))));
    }
    match (class.overlay, class.stage, class.engine.phase()) {
        (Some(Overlay::RedFlags), ..) => red_flags(&mut parts, class, now, theme),
        (_, Stage::Welcome, _) => welcome(&mut parts, class, now, theme),
        (_, Stage::Running, Some(p)) if p.kind == PhaseKind::CheckIn => {
            check_in(&mut parts, class, p, now, theme)
        }
        (_, Stage::Running, Some(p)) => exercise(&mut parts, class, p, now, theme),
        _ => finished(&mut parts, class, now, theme),
    }
    parts
}

/// The progress bar, the safety line and the instructor's keys, at the foot of every slide.
fn foot(parts: &mut Vec<Part>, class: &Class, now: Instant, theme: &Theme) {
    let e = &class.engine;
    if class.stage == Stage::Running
        && class.overlay != Some(Overlay::RedFlags)
        && let Some(p) = e.phase()
    {
        let plan = e.plan();
        let total = plan.secs_from(0).max(1);
        let left = e.session_left(now).as_secs() as u32;
        let label = format!(
            "Exercise {} of {} - {} min left",
            p.exercise + 1,
            plan.exercises.len(),
            left.div_ceil(60)
        );
        parts.push(Part::Words(Words::big(&label, theme.text, 3, 1)));
        parts.push(Part::Bar(
            f64::from(total.saturating_sub(left)) / f64::from(total),
        ));
    }
    parts.push(Part::Words(Words::sentence(
        safety::CLASS_SAFETY_LINE,
        theme.accent,
        9,
        3,
    )));
    let hint = match (class.overlay, class.stage) {
        (Some(Overlay::RedFlags), _) => {
            keys(&[("any key", "back to the class (it stays paused)")], theme)
        }
        (_, Stage::Welcome) => keys(
            &[("Space", "start"), ("!", "red flags"), ("q", "quit")],
            theme,
        ),
        (_, Stage::Finished) => keys(&[("q", "quit"), ("!", "red flags")], theme),
        (_, Stage::Running) => running_keys(theme),
    };
    let mut hint = Words::plain(hint);
    // The room sees a clean screen: the instructor's keys only while the class is paused.
    hint.hidden = class.stage == Stage::Running && !e.is_paused() && class.overlay.is_none();
    parts.push(Part::Words(hint));
}

fn running_keys(theme: &Theme) -> Line<'static> {
    keys(
        &[
            ("Space", "resume"),
            ("Enter", "set done"),
            ("n →", "next exercise"),
            ("b ←", "back"),
            ("+ -", "15 s"),
            ("r", "restart exercise"),
            ("!", "red flags"),
            ("q", "quit"),
        ],
        theme,
    )
}

fn welcome(parts: &mut Vec<Part>, class: &Class, now: Instant, theme: &Theme) {
    let plan = class.engine.plan();
    parts.push(Part::Space);
    parts.push(Part::Words(Words::big(&plan.program, theme.title, 30, 3)));
    let about = format!(
        "Session {} - about {} min - {} exercises",
        clean_line(&plan.session),
        plan.secs_from(0).div_ceil(60),
        plan.exercises.len()
    );
    parts.push(Part::Words(Words::sentence(&about, theme.text, 8, 2)));
    parts.push(Part::Space);
    parts.push(Part::Words(Words::sentence(
        safety::CLASS_BEFORE_START,
        theme.warn,
        20,
        4,
    )));
    parts.push(Part::Words(
        Words::plain(Line::styled(safety::NOT_A_DIAGNOSIS, theme.dim)).drop(1),
    ));
    parts.push(Part::Space);
    foot(parts, class, now, theme);
}

fn finished(parts: &mut Vec<Part>, class: &Class, now: Instant, theme: &Theme) {
    let s = class.engine.summary();
    parts.push(Part::Space);
    parts.push(Part::Words(Words::big(
        "Class complete. Well done!",
        theme.accent,
        35,
        3,
    )));
    parts.push(Part::Words(Words::sentence(
        &format!("{} exercises, {} sets done", s.exercises_done, s.sets_done),
        theme.text,
        6,
        2,
    )));
    parts.push(Part::Space);
    parts.push(Part::Words(Words::sentence(
        safety::AFTER_CLASS,
        theme.text,
        15,
        4,
    )));
    parts.push(Part::Words(
        Words::plain(Line::styled(safety::NOT_A_DIAGNOSIS, theme.dim)).drop(1),
    ));
    parts.push(Part::Space);
    foot(parts, class, now, theme);
}

fn red_flags(parts: &mut Vec<Part>, class: &Class, now: Instant, theme: &Theme) {
    parts.push(Part::Space);
    parts.push(Part::Words(Words::big("Red flags", theme.warn, 30, 1)));
    parts.push(Part::Words(Words::sentence(
        safety::CLASS_RED_FLAGS,
        theme.text,
        20,
        2,
    )));
    parts.push(Part::Space);
    let flags = RED_FLAGS
        .iter()
        .map(|f| {
            if f.urgency == safety::Urgency::Emergency {
                (
                    format!("Emergency: {}", f.symptom),
                    theme.warn,
                    Line::from(vec![
                        Span::styled("EMERGENCY ", theme.warn.add_modifier(Modifier::BOLD)),
                        Span::styled(f.symptom, theme.text),
                    ]),
                )
            } else {
                (
                    f.symptom.to_owned(),
                    theme.text,
                    Line::from(vec![
                        Span::styled("• ", theme.accent),
                        Span::styled(f.symptom, theme.text),
                    ]),
                )
            }
        })
        .collect();
    parts.push(Part::Words(Words::list(flags, 15, 2)));
    parts.push(Part::Space);
    let advice = [
        (None, safety::STOP_AND_REST),
        (Some("EMERGENCY: "), safety::CALL_EMERGENCY),
        (Some("Otherwise: "), safety::SEE_A_DOCTOR_TODAY),
    ];
    for (label, text) in advice {
        let mut spans = Vec::new();
        if let Some(l) = label {
            spans.push(Span::styled(l, theme.warn.add_modifier(Modifier::BOLD)));
        }
        spans.push(Span::styled(text, theme.text.add_modifier(Modifier::BOLD)));
        parts.push(Part::Words(Words::plain(Line::from(spans))));
    }
    parts.push(Part::Words(
        Words::plain(Line::styled(safety::NOT_A_DIAGNOSIS, theme.dim)).drop(1),
    ));
    parts.push(Part::Space);
    foot(parts, class, now, theme);
}

/// What a check-in means for the room: each feeling and what to do about it.
fn feelings(theme: &Theme) -> Vec<(String, Style, Line<'static>)> {
    Feeling::ALL
        .iter()
        .map(|&f| {
            let (what, style) = match f {
                Feeling::Fine => ("carry on", theme.text),
                Feeling::MildAche => ("normal, carry on", theme.text),
                Feeling::Sore => ("go gently, do not push harder", theme.text),
                Feeling::Sharp => ("STOP and tell the instructor", theme.warn),
            };
            let text = format!("{}: {what}", f.label());
            let mark = if f == Feeling::Sharp { "✗ " } else { "• " };
            let line = Line::from(vec![
                Span::styled(mark, style.add_modifier(Modifier::BOLD)),
                Span::styled(text.clone(), style),
            ]);
            (text, style, line)
        })
        .collect()
}

fn status(class: &Class, p: &Phase, theme: &Theme) -> (String, Style) {
    let e = &class.engine;
    let d = e.exercise().map(|x| x.dose);
    let sets = d.map_or(1, |d| d.sets());
    let word = if e.is_paused() {
        format!("PAUSED - {}", phase_word(p.kind))
    } else {
        phase_word(p.kind).to_owned()
    };
    let mut text = match p.kind {
        PhaseKind::Rest => format!("{word} - Set {} of {sets} done", p.set),
        _ => format!("{word} - Set {} of {sets}", p.set),
    };
    if let Some(side) = p.side {
        text.push_str(&format!(" - {}", side.label()));
    }
    let style = if e.is_paused() {
        theme.warn
    } else {
        theme.countdown(p.kind)
    };
    (text, style.add_modifier(Modifier::BOLD))
}

fn next_words(class: &Class) -> String {
    match class.engine.next_exercise() {
        Some(n) => format!("Next: {}", clean_line(&n.exercise.name)),
        None => "Next: the end of the class".into(),
    }
}

fn exercise(parts: &mut Vec<Part>, class: &Class, p: &Phase, now: Instant, theme: &Theme) {
    let e = &class.engine;
    let Some(planned) = e.exercise() else { return };
    let d = planned.dose;
    let ex = &planned.exercise;
    let (status, status_style) = status(class, p, theme);
    parts.push(Part::Words(Words::big(&status, status_style, 10, 1)));
    parts.push(Part::Words(Words::big(&ex.name, theme.title, 22, 3)));
    parts.push(Part::Space);
    let count_style = if e.is_paused() {
        theme.dim
    } else {
        theme.countdown(p.kind)
    };
    let count = match (e.shown_secs(now), p.kind) {
        (Some(s), _) => Some(countdown_text(s)),
        (None, PhaseKind::Work) => d.reps().map(|r| format!("x{r}")),
        _ => None,
    };
    if let Some(count) = count {
        let min = p
            .secs
            .map_or(0, |s| countdown_text(s).chars().count() as u16);
        parts.push(Part::Words(
            Words::big(&count, count_style, 40, 1).min_chars(min),
        ));
    }
    let pace = match (p.kind, e.pace(now), d.reps()) {
        (PhaseKind::Work, Some(pace), _) => Some(format!(
            "{} {} - {}",
            pace.word.to_lowercase(),
            pace.stage_left,
            pace.count_label().to_lowercase()
        )),
        (PhaseKind::Work, None, Some(r)) if p.secs.is_none() => {
            Some(format!("{r} reps at your own pace"))
        }
        (PhaseKind::GetReady, ..) => Some(format!("Coming up: {}", d.describe())),
        _ => None,
    };
    if let Some(pace) = pace {
        parts.push(Part::Words(Words::big(&pace, theme.accent, 8, 2)));
    }
    parts.push(Part::Space);
    for (i, cue) in ex.cues.iter().take(2).enumerate() {
        let mut w = Words::sentence(cue, theme.text, 6, 2).drop(3 - i as u8);
        w.plain = vec![
            Line::from(vec![
                Span::styled("• ", theme.accent),
                Span::styled(
                    clean_line(cue).into_owned(),
                    theme.text.add_modifier(Modifier::BOLD),
                ),
            ])
            .alignment(Alignment::Center),
        ];
        parts.push(Part::Words(w));
    }
    if let Some(caution) = &ex.caution {
        let mut w = Words::sentence(&format!("Caution: {caution}"), theme.warn, 7, 2).drop(1);
        w.plain = vec![
            Line::from(vec![
                Span::styled("Caution: ", theme.warn.add_modifier(Modifier::BOLD)),
                Span::styled(clean_line(caution).into_owned(), theme.text),
            ])
            .alignment(Alignment::Center),
        ];
        parts.push(Part::Words(w));
    }
    parts.push(Part::Space);
    parts.push(Part::Words(Words::sentence(
        &next_words(class),
        theme.text,
        5,
        2,
    )));
    foot(parts, class, now, theme);
}

fn check_in(parts: &mut Vec<Part>, class: &Class, p: &Phase, now: Instant, theme: &Theme) {
    let e = &class.engine;
    let name = e.exercise().map_or("that", |x| x.exercise.name.as_str());
    let word = if e.is_paused() {
        "PAUSED - CHECK-IN"
    } else {
        "CHECK-IN"
    };
    parts.push(Part::Space);
    parts.push(Part::Words(Words::big(
        word,
        theme.countdown(p.kind).add_modifier(Modifier::BOLD),
        25,
        1,
    )));
    parts.push(Part::Words(Words::sentence(
        &format!("How did {} feel?", clean_line(name)),
        theme.title,
        20,
        3,
    )));
    parts.push(Part::Space);
    parts.push(Part::Words(Words::list(feelings(theme), 20, 2)));
    parts.push(Part::Space);
    let next = match e.shown_secs(now) {
        Some(s) => format!("{} in {s} s", next_words(class)),
        None => next_words(class),
    };
    parts.push(Part::Words(Words::sentence(&next, theme.text, 8, 2)));
    foot(parts, class, now, theme);
}

fn confirm_quit(frame: &mut Frame, area: Rect, theme: &Theme) {
    let footer = keys(&[("y", "end the class"), ("n", "carry on")], theme);
    let body = vec![
        Line::styled(
            "End the class now?",
            theme.text.add_modifier(Modifier::BOLD),
        ),
        Line::styled("What was done so far is recorded.", theme.dim),
        Line::raw(""),
        footer,
    ];
    let rect = popup(area, 44, body.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(body).block(frame_block("Quit?".into(), theme)),
        rect,
    );
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::common::paths::Paths;
    use crate::program::{Catalog, Dose, Exercise, Library};
    use crate::training::plan::{ItemKey, Plan, Planned};

    /// Every exercise a bundled program can put on the screen, with the program's own.
    fn every_exercise() -> Vec<Exercise> {
        let mut all: Vec<Exercise> = Library::bundled().exercises().to_vec();
        for b in crate::program::bundled::programs() {
            let program = b.check().program.unwrap();
            let catalog = Catalog::new(Library::bundled(), &program.exercises);
            for item in program
                .sessions
                .iter()
                .flat_map(|s| &s.blocks)
                .flat_map(|b| &b.items)
            {
                let e = catalog.get(&item.exercise).unwrap();
                if !all.iter().any(|x| x.id == e.id) {
                    all.push(e.clone());
                }
            }
        }
        all
    }

    fn class_of(exercise: Exercise, dir: &std::path::Path, t0: Instant) -> Class {
        let dose = Dose::Reps {
            sets: 3,
            reps: 12,
            rest: 60,
            tempo: Some(4),
            per_side: true,
        };
        let planned = Planned {
            key: ItemKey::new("A", "B", &exercise.id),
            block: "B".into(),
            exercise,
            dose,
            level: 0,
        };
        let plan = Plan::from_exercises("Program", "A", 1, vec![planned.clone(), planned]);
        let paths = Paths {
            data: dir.join("data"),
            config: dir.join("config"),
        };
        let mut c = Class::new(plan, "test".into(), &paths, Theme::default(), true, t0);
        c.start(t0);
        c
    }

    const SIZES: [(u16, u16); 12] = [
        (80, 24),
        (100, 30),
        (120, 36),
        (160, 48),
        (200, 60),
        (240, 72),
        (320, 90),
        (400, 120),
        (80, 60),
        (400, 24),
        (137, 41),
        (500, 150),
    ];

    /// The column fits the screen, and the exercise's name is all there: in big glyphs that
    /// fit the width, or as plain text wrapped to it.
    fn assert_whole(class: &Class, now: Instant, name: &str, w: u16, h: u16) {
        let placed = arrange(slide(class, now), w - 2, h);
        let rows: u16 = placed.iter().map(|p| p.rows).sum();
        assert!(rows <= h, "{name} at {w}x{h}: {rows} rows");
        let upper = clean_line(name).to_uppercase();
        let mut seen = false;
        for p in &placed {
            let Part::Words(words) = &p.part else {
                continue;
            };
            match &p.big {
                Some(b) => {
                    assert!(b.width() <= w - 2, "{name} at {w}x{h}: {:?}", b.lines);
                    assert_eq!(b.height(), p.rows);
                }
                None => {
                    for l in &p.wrapped {
                        assert!(l.width() <= usize::from(w - 2), "{name} at {w}x{h}: {l}");
                    }
                }
            }
            if words.big.first().is_some_and(|(t, _)| t.contains(&upper)) {
                seen = true;
                let shown = match &p.big {
                    Some(b) => b.lines.join(" "),
                    None => p
                        .wrapped
                        .iter()
                        .map(|l| l.to_string())
                        .collect::<Vec<_>>()
                        .join(" "),
                };
                let shown: Vec<&str> = shown.split_whitespace().collect();
                let shown = shown.join(" ").to_uppercase();
                assert!(
                    shown.contains(&upper),
                    "{name} at {w}x{h}: shown as {shown}"
                );
            }
        }
        assert!(seen, "{name} at {w}x{h}: the name was left out");
        if (w, h) == (80, 24) {
            let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
            t.draw(|f| draw(f, class, now)).unwrap();
        }
    }

    #[test]
    fn no_exercise_name_is_cut_at_any_size() {
        let dir = tempfile::tempdir().unwrap();
        let t0 = Instant::now();
        for exercise in every_exercise() {
            let name = exercise.name.clone();
            let mut c = class_of(exercise, dir.path(), t0);
            // Work, set 1, left side.
            let now = t0 + Duration::from_millis(10_500);
            c.tick(now);
            assert_eq!(c.engine.phase().unwrap().kind, PhaseKind::Work);
            for (w, h) in SIZES {
                assert_whole(&c, now, &name, w, h);
            }
            // Paused, with the key hint.
            c.engine.pause(now);
            assert_whole(&c, now, &name, 80, 24);
            c.engine.resume(now);
            // The check-in slide after the last set.
            let at = c
                .engine
                .plan()
                .phases
                .iter()
                .position(|p| p.kind == PhaseKind::CheckIn);
            let secs: u32 = c.engine.plan().phases[..at.unwrap()]
                .iter()
                .filter_map(|p| p.secs)
                .sum();
            let now = t0 + Duration::from_secs(u64::from(secs) + 1);
            c.tick(now);
            assert_eq!(c.engine.phase().unwrap().kind, PhaseKind::CheckIn);
            for (w, h) in SIZES {
                assert_whole(&c, now, &name, w, h);
            }
        }
    }
}
