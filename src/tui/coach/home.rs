//! The home screen: the programs (a program with errors is listed with its first error and
//! cannot be started), the chosen session's preview at today's doses, and a week of the
//! program against the guidance.

use std::collections::BTreeSet;

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::shared::Shared;
use crate::assess::flags::{REASSESS_WEEKS, Reassess};
use crate::common::calendar::day_label;
use crate::common::text::clean_line;
use crate::common::wrap::width as text_width;
use crate::program::Kind;
use crate::program::summary::DoseSummary;
use crate::training::plan::ItemKey;
use crate::training::runnable::Runnable;
use crate::training::safety;
use crate::tui::keys::{Binding, bind, ch};
use crate::tui::theme::Theme;
use crate::tui::widgets::{frame_block, wrap_line};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    PreviousProgram,
    NextProgram,
    PreviousSession,
    NextSession,
    Start,
    History,
    Assess,
    Help,
    Quit,
}

pub fn keys(shared: &Shared) -> Vec<Binding<Action>> {
    let programs = !shared.programs.is_empty();
    vec![
        bind(
            "↑↓",
            "program",
            Action::PreviousProgram,
            &[KeyCode::Up, ch('k')],
        )
        .or(Action::NextProgram, &[KeyCode::Down, ch('j')])
        .help("choose a program")
        .when(programs),
        bind("←→", "session", Action::PreviousSession, &[KeyCode::Left])
            .or(Action::NextSession, &[KeyCode::Right])
            .help("choose a session of it"),
        bind("Tab", "next session", Action::NextSession, &[KeyCode::Tab]).help_only(),
        bind("Enter", "start", Action::Start, &[KeyCode::Enter])
            .help("start the session (a short readiness check first)")
            .when(shared.selected_program().is_some()),
        bind("h", "history", Action::History, &[ch('h')])
            .help("history: your weeks, check-ins and levels"),
        bind("a", "assess", Action::Assess, &[ch('a')])
            .help("assessment: tests of strength and balance against the figures for your age"),
        bind("?", "help", Action::Help, &[ch('?')]).help("this help"),
        bind("q", "quit", Action::Quit, &[ch('q'), KeyCode::Esc]).help("quit (Esc too)"),
    ]
}

/// Where a key on the home screen leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Go {
    Stay,
    /// The readiness check before the chosen session.
    Start,
    History,
    /// An assessment.
    Assess,
    Help,
    Quit,
}

pub fn act(shared: &mut Shared, action: Action) -> Go {
    let n = shared.programs.len().max(1);
    let sessions = shared
        .selected_program()
        .map_or(1, |p| p.sessions.len().max(1));
    match action {
        Action::PreviousProgram | Action::NextProgram => {
            shared.selected = if action == Action::PreviousProgram {
                (shared.selected + n - 1) % n
            } else {
                (shared.selected + 1) % n
            };
            shared.session = 0;
            shared.refresh_levels();
        }
        Action::PreviousSession => shared.session = (shared.session + sessions - 1) % sessions,
        Action::NextSession => shared.session = (shared.session + 1) % sessions,
        Action::Start => return Go::Start,
        Action::History => return Go::History,
        Action::Assess => return Go::Assess,
        Action::Help => return Go::Help,
        Action::Quit => return Go::Quit,
    }
    Go::Stay
}

/// What the help says below the home screen's keys.
pub const HELP_NOTES: [&str; 2] = [
    "Programs with errors are listed with the first error and cannot be started; `upright check FILE` shows them all.",
    safety::NOT_A_DIAGNOSIS,
];

fn kinds_of(runnable: &Runnable) -> BTreeSet<Kind> {
    runnable
        .items()
        .filter_map(|(_, i)| runnable.exercise(&i.exercise))
        .flat_map(|e| e.kinds.iter().copied())
        .collect()
}

/// The assessment's lines on home: each flag standing (until the test is done again) and
/// when the next assessment is suggested; nothing before the first assessment but a hint.
pub fn assessment_lines(shared: &Shared, full: bool, theme: &Theme) -> Vec<Line<'static>> {
    let a = shared.assessments();
    let flags = a.flags();
    let mut lines: Vec<Line<'static>> = Vec::new();
    if full {
        lines.extend(flags.iter().map(|f| {
            Line::from(vec![
                Span::styled(
                    format!("⚑ {} ({}): ", f.test.name(), day_label(f.day)),
                    theme.warn,
                ),
                Span::raw(f.why.clone()),
            ])
        }));
    } else if !flags.is_empty() {
        let mut names: Vec<&str> = flags.iter().map(|f| f.test.name()).collect();
        names.dedup();
        lines.push(Line::from(vec![
            Span::styled("⚑ Flagged by your assessment: ", theme.warn),
            Span::raw(format!(
                "{}. Discuss with your physiotherapist; h shows why.",
                names.join(", ")
            )),
        ]));
    }
    if full && !flags.is_empty() {
        lines.push(Line::raw(
            "  Discuss it with your physiotherapist; keep balance work within reach of support.",
        ));
    }
    let reassess = match a.reassess(shared.today()) {
        Reassess::Never => Some(Line::styled(
            "Measure your strength and balance against the figures for your age: press a.",
            theme.dim,
        )),
        Reassess::NotYet { .. } => None,
        Reassess::Due { since } => Some(Line::styled(
            format!(
                "A reassessment is suggested: 8 weeks since your last one on {} (press a).",
                day_label(since - REASSESS_WEEKS.0 * 7)
            ),
            theme.accent,
        )),
        Reassess::Overdue { since } => Some(Line::styled(
            format!(
                "A reassessment is overdue: more than 12 weeks since your last one on {} (press a).",
                day_label(since - REASSESS_WEEKS.1 * 7)
            ),
            theme.accent,
        )),
    };
    lines.extend(reassess);
    lines
}

pub fn draw(frame: &mut Frame, area: Rect, shared: &Shared, theme: &Theme) {
    // Each flag and the reassessment wrapped, a third of the screen at most.
    let full = area.width >= 120 && area.height >= 36;
    let assessed: Vec<Line> = assessment_lines(shared, full, theme)
        .iter()
        .flat_map(|l| wrap_line(l, area.width, 2))
        .take(usize::from(area.height / 3))
        .collect();
    let [main, assessed_area, safety_line] = Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(assessed.len() as u16),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(assessed), assessed_area);
    let [list_area, preview_area] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(main);

    let mut lines: Vec<Line> = Vec::new();
    for (i, entry) in shared.programs.iter().enumerate() {
        let chosen = i == shared.selected;
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
    let scroll = (shared.selected as u16 * 3).saturating_sub(list_area.height.saturating_sub(5));
    frame.render_widget(
        Paragraph::new(lines)
            .block(frame_block("Programs".into(), theme))
            .scroll((scroll, 0)),
        list_area,
    );

    let preview = preview(shared, preview_area.width.saturating_sub(2), theme);
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
}

/// Where the selected program was left: the last session and when, the one that comes next,
/// and what changes in it (items that move up or step back since then).
fn since_last_time(shared: &Shared, theme: &Theme) -> Vec<Line<'static>> {
    let Some(last) = shared
        .last_session()
        .filter(|l| l.program == shared.selected)
    else {
        return Vec::new();
    };
    let Some(p) = shared.selected_program() else {
        return Vec::new();
    };
    let when = shared.wall.calendar().when(last.at, shared.wall.now());
    let next = p.sessions.get(last.next).map_or("", |s| s.name.as_str());
    let mut lines = vec![Line::styled(
        format!(
            "Last time: session {}, {when}{}. Next: session {}.",
            clean_line(&last.session),
            if last.done { "" } else { " (nothing done)" },
            clean_line(next)
        ),
        theme.accent,
    )];
    let before = shared.levels_at_last_start(shared.selected);
    let mut changes: Vec<String> = shared
        .levels
        .iter()
        .filter_map(|(key, &now)| {
            let was = before.get(key).copied().unwrap_or(0);
            let name = key.0.rsplit(" / ").next().unwrap_or(&key.0);
            let name = shared
                .runnable(shared.selected)
                .and_then(|r| r.catalog().get(name))
                .map_or_else(|| name.to_owned(), |e| e.name.clone());
            match now.cmp(&was) {
                std::cmp::Ordering::Greater => Some(format!("{} moves up", clean_line(&name))),
                std::cmp::Ordering::Less => Some(format!("{} steps back", clean_line(&name))),
                std::cmp::Ordering::Equal => None,
            }
        })
        .collect();
    changes.sort();
    if !changes.is_empty() {
        lines.push(Line::styled(
            format!("Since then: {}.", changes.join("; ")),
            theme.accent,
        ));
    }
    lines
}

fn preview(shared: &Shared, width: u16, theme: &Theme) -> (String, Vec<Line<'static>>) {
    let Some(entry) = shared.programs.get(shared.selected) else {
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
    let Some(runnable) = shared.runnable(shared.selected) else {
        return ("Preview".into(), Vec::new());
    };
    let index = shared.session.min(p.sessions.len().saturating_sub(1));
    let Some(s) = p.sessions.get(index) else {
        return ("Preview".into(), Vec::new());
    };
    let mut lines = Vec::new();
    if let Some(summary) = &p.summary {
        lines.push(Line::styled(clean_line(summary).into_owned(), theme.dim));
    }
    let kinds: Vec<&str> = kinds_of(runnable).iter().map(|k| k.label()).collect();
    // The readiness check runs only programs marked so after an assessed fracture.
    let fracture = if p.after_fracture {
        " · suitable after a fracture"
    } else {
        ""
    };
    lines.push(Line::styled(
        format!("Kinds: {}{fracture}", kinds.join(", ")),
        theme.dim,
    ));
    lines.extend(since_last_time(shared, theme));
    if s.blocks.iter().any(|b| {
        b.items.iter().any(|i| {
            shared
                .levels
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
            let key = ItemKey::new(&s.name, &b.name, &item.exercise);
            let today = shared.levels.get(&key).copied().unwrap_or(0);
            let (level, exercise, dose) = runnable
                .at_level(&key, today)
                .map_or((0, item.exercise.as_str(), item.dose), |(l, r)| {
                    (l, r.exercise.as_str(), r.dose)
                });
            let name = runnable
                .exercise(exercise)
                .map_or(exercise.to_owned(), |e| e.name.clone());
            let mark = if level > 0 { "↑" } else { "•" };
            let name = format!("  {mark} {}", clean_line(&name));
            let dose = dose.describe();
            if text_width(&name) + text_width(&dose) + 2 <= usize::from(width) {
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
    let summary = DoseSummary::new(p, &runnable.catalog());
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
