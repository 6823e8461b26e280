//! Drawing: every screen of the coach as ratatui widgets, from the app's state and `now`.
//! Nothing here changes state. Text from program files goes through `clean_line`.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, BorderType, Clear, LineGauge, Paragraph, Wrap};

use super::app::{Advice, App, CheckIn, Overlay, Readiness, ReadyStep, Run, Screen};
use super::big;
use super::theme::Theme;
use crate::common::text::clean_line;
use crate::program::summary::DoseSummary;
use crate::program::{Catalog, Kind, Library, Program};
use crate::records::journal::{Feeling, NextDay};
use crate::training::ladder::ladder;
use crate::training::plan::{ItemKey, PhaseKind};
use crate::training::safety::{self, RED_FLAGS};

/// Below this size the screen asks to be enlarged rather than draw a broken layout.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 18;

pub fn draw(frame: &mut Frame, app: &App, now: Instant) {
    let area = frame.area();
    let theme = Theme::default();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, &theme);
        return;
    }
    // Banners: the journal cannot be written (for as long as that lasts), and one-time notices.
    let banners: Vec<&String> = app.journal_error.iter().chain(&app.notice).collect();
    let banner_rows: u16 = banners
        .iter()
        .map(|b| wrapped_rows(&format!(" ⚠ {b}"), area.width).clamp(1, 3))
        .sum();
    let [banner, body] =
        Layout::vertical([Constraint::Length(banner_rows), Constraint::Min(0)]).areas(area);
    let banner_lines: Vec<Line> = banners
        .iter()
        .map(|b| Line::raw(format!(" ⚠ {}", clean_line(b))))
        .collect();
    frame.render_widget(
        Paragraph::new(banner_lines)
            .wrap(Wrap { trim: false })
            .style(theme.banner),
        banner,
    );
    match &app.screen {
        Screen::Home => home(frame, body, app, &theme),
        Screen::Readiness(r) => readiness(frame, body, r, &theme),
        Screen::Session(run) => session(frame, body, app, run, now, &theme),
        Screen::Stopped(advice) => stopped(frame, body, advice, app.direct, &theme),
        Screen::Summary(run) => summary(frame, body, run, app, &theme),
        Screen::History(view) => super::history::draw(frame, body, view, app.direct, &theme),
    }
    if let Some(overlay) = &app.overlay {
        let saved = !app.anything_unsaved() && app.journal_error.is_none();
        let home = matches!(app.screen, Screen::Home);
        draw_overlay(frame, body, overlay, saved, home, &theme);
    }
}

/// Lines `text` takes when word-wrapped to `width` (greedy, as `Paragraph` wraps).
fn wrapped_rows(text: &str, width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let mut rows = 1;
    let mut used = 0;
    for word in text.split(' ') {
        let w = word.chars().count();
        if used > 0 && used + 1 + w > width {
            rows += 1 + (w.saturating_sub(1)) / width;
            used = w % width;
        } else {
            used += w + usize::from(used > 0);
        }
    }
    rows as u16
}

pub(crate) fn too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let text = format!(
        "Please enlarge the window.\nupright needs at least {MIN_WIDTH}x{MIN_HEIGHT}; this one is {}x{}.",
        area.width, area.height
    );
    let lines = text.lines().count() as u16;
    let y = area.y + area.height.saturating_sub(lines) / 2;
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true })
            .style(theme.text),
        Rect {
            y,
            height: area.height.saturating_sub(y - area.y),
            ..area
        },
    );
}

/// A key hint line: "Space pause  Enter done ...".
pub(crate) fn keys(pairs: &[(&str, &str)], theme: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, (k, what)) in pairs.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled((*k).to_owned(), theme.key));
        spans.push(Span::styled(format!(" {what}"), theme.dim));
    }
    Line::from(spans)
}

/// Lays out `area` with a key-hint footer at the bottom, two lines when one is too narrow.
pub(super) fn with_footer(area: Rect, footer: &Line) -> [Rect; 2] {
    let rows = (footer.width() as u16)
        .div_ceil(area.width.max(1))
        .clamp(1, 2);
    Layout::vertical([Constraint::Min(0), Constraint::Length(rows)]).areas(area)
}

pub(crate) fn frame_block<'a>(title: String, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border)
        .title(Span::styled(format!(" {title} "), theme.title))
}

// ---------- home ----------

fn kinds_of(program: &Program) -> BTreeSet<Kind> {
    let catalog = Catalog::new(Library::bundled(), &program.exercises);
    program
        .sessions
        .iter()
        .flat_map(|s| &s.blocks)
        .flat_map(|b| &b.items)
        .filter_map(|i| catalog.get(&i.exercise))
        .flat_map(|e| e.kinds.iter().copied())
        .collect()
}

fn home(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let footer_keys = keys(
        &[
            ("↑↓", "program"),
            ("←→", "session"),
            ("Enter", "start"),
            ("h", "history"),
            ("?", "help"),
            ("q", "quit"),
        ],
        theme,
    );
    let [area, footer] = with_footer(area, &footer_keys);
    let [main, safety_line] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
    let [list_area, preview_area] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(main);

    let mut lines: Vec<Line> = Vec::new();
    for (i, entry) in app.programs.iter().enumerate() {
        let chosen = i == app.selected;
        let marker = if chosen { "▶ " } else { "  " };
        let style = if chosen { theme.selected } else { theme.text };
        match entry.checked.safe_program() {
            Some(p) => {
                lines.push(Line::from(vec![
                    Span::styled(marker, theme.accent),
                    Span::styled(clean_line(&p.title).into_owned(), style),
                ]));
                let minutes = p
                    .sessions
                    .iter()
                    .map(|s| s.estimate_minutes())
                    .max()
                    .unwrap_or(0);
                lines.push(Line::styled(
                    format!(
                        "  {} · {}x/week · {minutes} min",
                        p.level.label(),
                        p.per_week
                    ),
                    theme.dim,
                ));
                lines.push(Line::raw(""));
            }
            None => {
                let first = entry
                    .checked
                    .diagnostics
                    .iter()
                    .find(|d| d.is_error())
                    .map_or("cannot be loaded".to_owned(), |d| {
                        format!("line {}: {}", d.line, clean_line(&d.message))
                    });
                lines.push(Line::from(vec![
                    Span::styled(marker, theme.accent),
                    Span::styled(clean_line(&entry.origin.label()).into_owned(), style),
                ]));
                lines.push(Line::styled(
                    format!("    ✗ cannot be run: {} error(s)", entry.checked.errors()),
                    theme.warn,
                ));
                lines.push(Line::styled(format!("    {first}"), theme.dim));
            }
        }
    }
    let scroll = (app.selected as u16 * 3).saturating_sub(list_area.height.saturating_sub(5));
    frame.render_widget(
        Paragraph::new(lines)
            .block(frame_block("Programs".into(), theme))
            .scroll((scroll, 0)),
        list_area,
    );

    let preview = preview(app, preview_area.width.saturating_sub(2), theme);
    frame.render_widget(
        Paragraph::new(preview.1)
            .wrap(Wrap { trim: false })
            .block(frame_block(preview.0, theme)),
        preview_area,
    );
    frame.render_widget(
        Paragraph::new(Span::styled(
            "upright coaches; it does not diagnose. Ask a health professional first.",
            theme.dim,
        )),
        safety_line,
    );
    frame.render_widget(Paragraph::new(footer_keys), footer);
}

fn preview(app: &App, width: u16, theme: &Theme) -> (String, Vec<Line<'static>>) {
    let Some(entry) = app.programs.get(app.selected) else {
        return ("Preview".into(), vec![Line::raw("No programs found.")]);
    };
    let Some(p) = entry.checked.safe_program() else {
        let mut lines = vec![
            Line::styled("This program has errors and cannot be run:", theme.warn),
            Line::raw(""),
        ];
        for d in entry
            .checked
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .take(8)
        {
            lines.push(Line::raw(format!(
                "line {}:{}  {}",
                d.line,
                d.column,
                clean_line(&d.message)
            )));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!(
                "Run `upright check {}` for details.",
                clean_line(&entry.origin.label())
            ),
            theme.dim,
        ));
        return ("Preview".into(), lines);
    };
    let catalog = Catalog::new(Library::bundled(), &p.exercises);
    let index = app.session.min(p.sessions.len().saturating_sub(1));
    let Some(s) = p.sessions.get(index) else {
        return ("Preview".into(), Vec::new());
    };
    let mut lines = Vec::new();
    if let Some(summary) = &p.summary {
        lines.push(Line::styled(clean_line(summary).into_owned(), theme.dim));
    }
    let kinds: Vec<&str> = kinds_of(p).iter().map(|k| k.label()).collect();
    lines.push(Line::styled(
        format!("Kinds: {}", kinds.join(", ")),
        theme.dim,
    ));
    if s.blocks.iter().any(|b| {
        b.items.iter().any(|i| {
            app.levels
                .get(&ItemKey::new(&s.name, &b.name, &i.exercise))
                .is_some_and(|&l| l > 0)
        })
    }) {
        lines.push(Line::styled(
            "↑ moved up: these are today's doses.",
            theme.dim,
        ));
    }
    lines.push(Line::raw(""));
    for b in &s.blocks {
        let pick = match b.pick {
            Some(n) if (n as usize) < b.items.len() => {
                format!(" ({n} of {} each time)", b.items.len())
            }
            _ => String::new(),
        };
        lines.push(Line::styled(
            format!("{}{pick}", clean_line(&b.name)),
            theme.accent.add_modifier(Modifier::BOLD),
        ));
        for item in &b.items {
            // Today's rung of the item's ladder, not the file's start dose.
            let rungs = ladder(item, &catalog);
            let level = app
                .levels
                .get(&ItemKey::new(&s.name, &b.name, &item.exercise))
                .copied()
                .unwrap_or(0)
                .min(rungs.len().saturating_sub(1) as u32);
            let (exercise, dose) = rungs
                .get(level as usize)
                .map_or((item.exercise.as_str(), item.dose), |r| {
                    (r.exercise.as_str(), r.dose)
                });
            let name = catalog
                .get(exercise)
                .map_or(exercise.to_owned(), |e| e.name.clone());
            let mark = if level > 0 { "↑" } else { "•" };
            let name = format!("  {mark} {}", clean_line(&name));
            let dose = dose.describe();
            if name.chars().count() + dose.chars().count() + 2 <= usize::from(width) {
                lines.push(Line::from(vec![
                    Span::raw(name),
                    Span::styled(format!("  {dose}"), theme.dim),
                ]));
            } else {
                lines.push(Line::raw(name));
                lines.push(Line::styled(format!("      {dose}"), theme.dim));
            }
        }
    }
    let summary = DoseSummary::new(p, &catalog);
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "A week of this program, against the guidance",
        theme.accent.add_modifier(Modifier::BOLD),
    ));
    for row in summary.rows() {
        let mark = if row.meets { "✓" } else { "·" };
        lines.push(Line::from(vec![
            Span::raw(format!("  {mark} {}: {}", row.what, row.program)),
            Span::styled(format!(" (guidance: {})", row.guidance), theme.dim),
        ]));
    }
    for note in summary.notes.iter().filter(|n| n.short) {
        lines.push(Line::styled(
            format!("  {}", clean_line(&note.text)),
            theme.dim,
        ));
    }
    let title = format!(
        "Session {} ({} of {}) · about {} min",
        clean_line(&s.name),
        index + 1,
        p.sessions.len(),
        s.estimate_minutes()
    );
    (title, lines)
}

// ---------- readiness, advice ----------

fn centered_text(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    body: Vec<Line<'static>>,
    footer: Line<'static>,
    theme: &Theme,
) {
    let width = area.width.min(76);
    let x = area.x + (area.width - width) / 2;
    let [main, foot] = with_footer(area, &footer);
    let inner_width = width.saturating_sub(4).max(1);
    let wanted: u16 = body
        .iter()
        .map(|l| (l.width() as u16).div_ceil(inner_width).max(1))
        .sum::<u16>()
        + 4;
    let height = wanted.min(main.height);
    let main = Rect {
        x,
        width,
        y: main.y + (main.height - height) / 2,
        height,
    };
    frame.render_widget(
        Paragraph::new(body).wrap(Wrap { trim: true }).block(
            frame_block(title.to_owned(), theme).padding(ratatui::widgets::Padding::uniform(1)),
        ),
        main,
    );
    frame.render_widget(Paragraph::new(footer).wrap(Wrap { trim: true }), foot);
}

fn readiness(frame: &mut Frame, area: Rect, r: &Readiness, theme: &Theme) {
    let mut body = Vec::new();
    let mut footer = vec![("y", "yes"), ("n", "no"), ("Esc", "back")];
    let bold = theme.text.add_modifier(Modifier::BOLD);
    match &r.step {
        ReadyStep::Clearance(symptoms) => {
            body.push(Line::styled(
                "Last time you reported a red flag:",
                theme.warn,
            ));
            for s in symptoms {
                body.push(Line::raw(format!("  • {}", clean_line(s))));
            }
            body.push(Line::raw(""));
            body.push(Line::styled(
                "Has a doctor or physiotherapist cleared you to exercise again?",
                bold,
            ));
        }
        ReadyStep::Resume(offer) => {
            let u = &offer.unfinished;
            let when = &offer.when;
            body.push(Line::styled(
                "Your last session stopped before its end",
                theme.accent.add_modifier(Modifier::BOLD),
            ));
            body.push(Line::raw(""));
            body.push(Line::raw(format!(
                "{} · Session {}, stopped {when}, with {} set{} done.",
                clean_line(&u.program),
                clean_line(&u.session),
                u.sets_done,
                if u.sets_done == 1 { "" } else { "s" }
            )));
            body.push(Line::raw(""));
            match &offer.resumable {
                Ok((_, names)) => {
                    let name = names.get(u.resume_at).map_or("", String::as_str);
                    body.push(Line::styled(
                        format!(
                            "Resume at exercise {} of {}, {}, with the same exercises and doses?",
                            u.resume_at + 1,
                            names.len(),
                            clean_line(name)
                        ),
                        bold,
                    ));
                    body.push(Line::styled(
                        "Or discard it: it stays in your journal as abandoned.",
                        theme.dim,
                    ));
                    footer = vec![("r", "resume"), ("d", "discard"), ("Esc", "back")];
                }
                Err(why) => {
                    body.push(Line::styled(
                        format!("It cannot be resumed here: {}.", clean_line(why)),
                        bold,
                    ));
                    body.push(Line::styled(
                        "Discard it to start today's session; it stays in your journal as abandoned.",
                        theme.dim,
                    ));
                    footer = vec![("d", "discard"), ("Esc", "back")];
                }
            }
        }
        ReadyStep::FollowUp { when, .. } => {
            body.push(Line::styled(
                format!("How did you feel the day after your last session ({when})?"),
                bold,
            ));
            body.push(Line::raw(""));
            for (i, a) in NextDay::ALL.iter().enumerate() {
                body.push(Line::raw(format!("{}  {}", i + 1, a.label())));
            }
            body.push(Line::raw(""));
            body.push(Line::styled(
                "Soreness should settle by the next day. Still sore: today keeps the same doses. Worse: today steps back.",
                theme.dim,
            ));
            footer = vec![("1-4", "answer"), ("Esc", "back")];
        }
        ReadyStep::Fracture => {
            if let Some(note) = &r.note {
                body.push(Line::styled(clean_line(note).into_owned(), theme.warn));
                body.push(Line::raw(""));
            }
            body.push(Line::styled(
                "Before you start",
                theme.accent.add_modifier(Modifier::BOLD),
            ));
            body.push(Line::raw(""));
            body.push(Line::styled(safety::FRACTURE_QUESTION, bold));
        }
    }
    body.push(Line::raw(""));
    body.push(Line::styled(safety::NOT_A_DIAGNOSIS, theme.dim));
    centered_text(
        frame,
        area,
        "Readiness check",
        body,
        keys(&footer, theme),
        theme,
    );
}

fn stopped(frame: &mut Frame, area: Rect, advice: &Advice, direct: bool, theme: &Theme) {
    let mut body = Vec::new();
    for (i, line) in advice.lines.iter().enumerate() {
        if i > 0 {
            body.push(Line::raw(""));
        }
        body.push(Line::styled(clean_line(line).into_owned(), theme.text));
    }
    let leave = if direct { "quit" } else { "home" };
    centered_text(
        frame,
        area,
        &advice.title,
        body,
        keys(&[("Enter", leave)], theme),
        theme,
    );
}

// ---------- session ----------

pub(crate) fn countdown_text(secs: u32) -> String {
    if secs >= 60 {
        format!("{}:{:02}", secs / 60, secs % 60)
    } else {
        secs.to_string()
    }
}

/// Whole minutes, rounded up: the header changes once a minute, not every second.
fn minutes_left(d: Duration) -> String {
    if d.as_secs() < 60 {
        "under a minute".into()
    } else {
        format!("{} min", d.as_secs().div_ceil(60))
    }
}

pub(crate) fn phase_word(kind: PhaseKind) -> &'static str {
    match kind {
        PhaseKind::GetReady => "GET READY",
        PhaseKind::Work => "WORK",
        PhaseKind::SwitchSides => "SWITCH SIDES",
        PhaseKind::Rest => "REST",
        PhaseKind::CheckIn => "CHECK-IN",
    }
}

/// Terminals at least this large get digits taller than four rows; smaller ones half-height
/// digits, which read as well at a normal distance and redraw half the cells each second.
pub const FULL_SIZE_FROM: (u16, u16) = (160, 48);

fn session(frame: &mut Frame, area: Rect, app: &App, run: &Run, now: Instant, theme: &Theme) {
    let e = &run.engine;
    let (Some(phase), Some(planned)) = (e.phase(), e.exercise()) else {
        return;
    };
    let plan = e.plan();
    let footer_keys = session_keys(app, run);
    let [area, footer] = with_footer(area, &footer_keys);
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
    let [hl, hr] = Layout::horizontal([
        Constraint::Min(0),
        Constraint::Length(right.chars().count() as u16),
    ])
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
        status.push(format!("Rep {} of {}", p.rep, p.of));
    } else if phase.kind == PhaseKind::Work
        && let Some(r) = d.reps()
    {
        status.push(format!("{r} reps"));
    }
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
    let cue_height = cue_lines.len() as u16 + 1;

    let shown = e.shown_secs(now);
    let big = match (shown, phase.kind) {
        (Some(s), _) => countdown_text(s),
        (None, PhaseKind::Work) => d.reps().map_or(String::new(), |r| format!("x{r}")),
        _ => String::new(),
    };
    // The countdown takes the room the rest leaves: grow it on a large screen.
    let fixed = 2 + 1 + 1 + cue_height + 1;
    let spare = inner.height.saturating_sub(fixed);
    let large = area.width >= FULL_SIZE_FROM.0 && area.height >= FULL_SIZE_FROM.1;
    // Half-height digits on ordinary terminals (half the cells to redraw each second); on a
    // large one up to 24 rows tall, leaving the cues on screen beside them.
    let limits = big::Limits {
        max_glyph_height: if large { 24 } else { 4 },
        ..big::Limits::area(inner.width, spare)
    };
    let fitted = (!big.is_empty())
        .then(|| big::fit_lines(std::slice::from_ref(&big), limits))
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
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(big_height),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(cue_height.min(inner.height.saturating_sub(big_height + 6))),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(inner);

    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(clean_line(&ex.name).to_uppercase(), theme.title),
            Span::styled(format!("  {}", ex.kinds_label()), theme.dim),
        ])),
        name_area,
    );
    frame.render_widget(
        Paragraph::new(Span::styled(status_line, theme.text)),
        status_area,
    );

    let style = if e.is_paused() {
        theme.dim
    } else {
        theme.countdown(phase.kind)
    };
    match &fitted {
        Some(b) => b.render(
            big_area,
            frame.buffer_mut(),
            style.add_modifier(Modifier::BOLD),
        ),
        None => frame.render_widget(
            Paragraph::new(Span::styled(
                big.clone(),
                style.add_modifier(Modifier::BOLD),
            ))
            .alignment(Alignment::Center),
            big_area,
        ),
    }

    let pace_text = match (pace, phase.kind, shown) {
        (Some(p), PhaseKind::Work, _) => {
            format!("{} {}", p.word.to_uppercase(), p.stage_left)
        }
        (None, PhaseKind::Work, None) => "Press Enter when the set is done".into(),
        _ => String::new(),
    };
    frame.render_widget(
        Paragraph::new(Span::styled(
            pace_text,
            theme.accent.add_modifier(Modifier::BOLD),
        ))
        .alignment(Alignment::Center),
        pace_area,
    );

    if let (Some(left), Some(total)) = (e.remaining(now), phase.secs) {
        let total = f64::from(total.max(1));
        let done = (total - left.as_secs_f64()).clamp(0.0, total);
        // Whole seconds only, so the gauge changes when the countdown does.
        let ratio = (done.floor() / total).clamp(0.0, 1.0);
        frame.render_widget(
            LineGauge::default()
                .ratio(ratio)
                .filled_style(theme.countdown(phase.kind))
                .unfilled_style(theme.dim)
                .label(""),
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

    frame.render_widget(
        Paragraph::new(footer_keys).wrap(Wrap { trim: true }),
        footer,
    );
}

fn session_keys(app: &App, run: &Run) -> Line<'static> {
    let e = &run.engine;
    let mut pairs = vec![
        ("Space", if e.is_paused() { "resume" } else { "pause" }),
        ("Enter", "done"),
        ("n", "skip"),
        ("b", "back"),
    ];
    if e.phase().is_some_and(|p| {
        matches!(
            p.kind,
            PhaseKind::Rest | PhaseKind::GetReady | PhaseKind::SwitchSides
        )
    }) {
        pairs.push(("+", "15 s"));
    }
    pairs.extend([
        ("p", "pain"),
        ("!", "red flag"),
        ("?", "help"),
        ("q", "quit"),
    ]);
    pairs.push(("s", if app.sound() { "sound on" } else { "sound off" }));
    keys(&pairs, &Theme::default())
}

// ---------- summary ----------

fn summary(frame: &mut Frame, area: Rect, run: &Run, app: &App, theme: &Theme) {
    let s = run.engine.summary();
    let plan = run.engine.plan();
    let outcome = match run.engine.outcome() {
        Some(crate::records::journal::Outcome::Completed) => "Session complete. Well done.",
        Some(crate::records::journal::Outcome::Pain) => "Session ended after sharp pain.",
        _ => "Session ended early.",
    };
    let mut body = vec![
        Line::styled(outcome, theme.accent.add_modifier(Modifier::BOLD)),
        Line::raw(""),
        Line::raw(format!(
            "{} · Session {}",
            clean_line(&plan.program),
            clean_line(&plan.session)
        )),
        Line::raw(format!(
            "Sets done: {} of {}   Exercises: {} of {}   Sets skipped: {}",
            s.sets_done,
            s.sets_planned,
            s.exercises_done,
            plan.exercises.len(),
            s.skipped
        )),
        Line::raw(""),
    ];
    if !s.check_ins.is_empty() {
        body.push(Line::styled("How it felt", theme.accent));
        for (name, answer) in &s.check_ins {
            let effort = answer
                .effort
                .map_or(String::new(), |e| format!(" · effort {e}/10"));
            let mark = if answer.response().stops() {
                "✗"
            } else {
                "•"
            };
            body.push(Line::raw(format!(
                "  {mark} {}: {}{effort}",
                clean_line(name),
                answer.describe()
            )));
        }
        body.push(Line::raw(""));
    }
    if !s.stopped_for_pain.is_empty() {
        body.push(Line::styled(
            crate::training::checkin::STOP_ADVICE,
            theme.warn,
        ));
        body.push(Line::raw(""));
    }
    body.push(if app.run_unsaved(run.id) {
        Line::styled(
            "Some of this could NOT be saved to your journal (see the banner above).",
            theme.warn,
        )
    } else {
        Line::styled("Everything above is saved in your journal.", theme.dim)
    });
    let leave = if app.direct { "quit" } else { "home" };
    centered_text(
        frame,
        area,
        "Summary",
        body,
        keys(&[("Enter", leave)], theme),
        theme,
    );
}

// ---------- overlays ----------

pub(crate) fn popup(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn draw_overlay(
    frame: &mut Frame,
    area: Rect,
    overlay: &Overlay,
    saved: bool,
    home: bool,
    theme: &Theme,
) {
    let (title, lines, footer): (&str, Vec<Line>, Line) = match overlay {
        Overlay::Help if home => (
            "Keys",
            vec![
                Line::raw("↑ ↓     choose a program"),
                Line::raw("← → Tab choose a session of it"),
                Line::raw("Enter   start the session (a short readiness check first)"),
                Line::raw("h       history: your weeks, check-ins and levels"),
                Line::raw("q  Esc  quit"),
                Line::raw(""),
                Line::styled(
                    "Programs with errors are listed with the first error and cannot be started; `upright check FILE` shows them all.",
                    theme.dim,
                ),
                Line::raw(""),
                Line::styled(safety::NOT_A_DIAGNOSIS, theme.dim),
            ],
            keys(&[("Esc", "close")], theme),
        ),
        Overlay::Help => (
            "Keys",
            vec![
                Line::raw("Space   pause or resume"),
                Line::raw("Enter   set done / end this wait"),
                Line::raw("n  →    skip to the next exercise"),
                Line::raw("b  ←    back to the start of this exercise"),
                Line::raw("+       add 15 s to a rest"),
                Line::raw("p       pain: check in now"),
                Line::raw("!       red flag: symptoms that need care"),
                Line::raw("s       sound on or off"),
                Line::raw("q  Esc  quit (asks first)"),
                Line::raw(""),
                Line::styled(safety::SORENESS_GUIDE, theme.dim),
            ],
            keys(&[("Esc", "close")], theme),
        ),
        Overlay::ConfirmQuit => (
            "Quit?",
            vec![
                Line::raw("End this session now?"),
                if saved {
                    Line::styled("Everything done so far is already saved.", theme.dim)
                } else {
                    Line::styled(
                        "Your journal cannot be written: this session is NOT being saved.",
                        theme.warn,
                    )
                },
            ],
            keys(&[("y", "quit"), ("n", "carry on")], theme),
        ),
        Overlay::CheckIn(c) => check_in_lines(c, theme),
        Overlay::RedFlags { ticked, cursor } => {
            let mut lines = vec![
                Line::styled(
                    "Do you have any of these now?",
                    theme.text.add_modifier(Modifier::BOLD),
                ),
                Line::raw(""),
            ];
            for (i, (flag, on)) in RED_FLAGS.iter().zip(ticked).enumerate() {
                let mark = if *on { "[x]" } else { "[ ]" };
                let style = if i == *cursor {
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
            (
                "Red flags",
                lines,
                keys(
                    &[
                        ("1-7", "tick"),
                        ("Enter", "stop and get advice"),
                        ("Esc", "none: go back"),
                    ],
                    theme,
                ),
            )
        }
        Overlay::Pain { exercise, easier } => {
            let mut lines = vec![
                Line::styled(
                    format!("{}: stopped.", clean_line(exercise)),
                    theme.warn.add_modifier(Modifier::BOLD),
                ),
                Line::raw(""),
                Line::raw(crate::training::checkin::STOP_ADVICE),
            ];
            if let Some(e) = easier {
                lines.push(Line::raw(""));
                lines.push(Line::raw(format!(
                    "An easier variant is {}: ask your physiotherapist whether to use it instead.",
                    clean_line(e)
                )));
            }
            lines.push(Line::raw(""));
            lines.push(Line::styled(safety::NOT_A_DIAGNOSIS, theme.dim));
            (
                "Sharp pain",
                lines,
                keys(
                    &[
                        ("Enter", "go on with the other exercises"),
                        ("e", "end the session"),
                    ],
                    theme,
                ),
            )
        }
    };
    let width = area.width.saturating_sub(4).min(72);
    let text = Text::from(lines);
    let inner_width = width.saturating_sub(4).max(1);
    let height: u16 = text
        .lines
        .iter()
        .map(|l| (l.width() as u16).div_ceil(inner_width).max(1))
        .sum::<u16>()
        + 5;
    let rect = popup(area, width, height);
    frame.render_widget(Clear, rect);
    let block =
        frame_block(title.to_owned(), theme).padding(ratatui::widgets::Padding::horizontal(1));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [body, _, foot] = Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), body);
    frame.render_widget(Paragraph::new(footer), foot);
}

fn check_in_lines(c: &CheckIn, theme: &Theme) -> (&'static str, Vec<Line<'static>>, Line<'static>) {
    match c.feeling {
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
            let mut pairs = vec![("1-4", "answer")];
            if c.during {
                pairs.push(("Esc", "back"));
            }
            ("Check-in", lines, keys(&pairs, theme))
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
            (
                "Effort",
                lines,
                keys(
                    &[("0-9 ←→", "choose"), ("Enter", "save"), ("s", "skip")],
                    theme,
                ),
            )
        }
    }
}
