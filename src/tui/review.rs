//! `upright review DIR` on screen: the clinic's patients as a table, who needs attention
//! first, with why for the patient highlighted (every reason, in full) below it. The rows come
//! from `records::review` already in triage order; this only shows them. Runs in the terminal
//! loop as a shell of its own.

use std::time::Instant;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};

use super::keys::{self, Binding, bind, ch};
use super::terminal::Shell;
use super::theme::Theme;
use super::widgets::{MIN_HEIGHT, MIN_WIDTH, frame_block, too_small, with_footer, wrap_line};
use crate::common::calendar::day_label;
use crate::records::review::Patient;

/// The review on screen.
#[derive(Debug, Clone)]
pub struct Review {
    /// In triage order: who needs attention first.
    pub patients: Vec<Patient>,
    /// The folder reviewed, as shown.
    pub folder: String,
    pub today: i64,
    /// The highlighted row.
    pub cursor: usize,
    /// Journals that could not be read at all.
    pub unreadable: usize,
    pub theme: Theme,
    pub quit: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    First,
    Last,
    Quit,
}

impl Review {
    pub fn new(patients: Vec<Patient>, folder: String, today: i64, unreadable: usize) -> Review {
        Review {
            patients,
            folder,
            today,
            cursor: 0,
            unreadable,
            theme: Theme::default(),
            quit: false,
        }
    }

    pub fn keys(&self) -> Vec<Binding<Action>> {
        let many = self.patients.len() > 1;
        vec![
            bind("↑↓", "patient", Action::Up, &[KeyCode::Up, ch('k')])
                .or(Action::Down, &[KeyCode::Down, ch('j')])
                .help("the patient above or below: why they are here shows underneath")
                .when(many),
            bind(
                "Home/End",
                "first/last",
                Action::First,
                &[KeyCode::Home, ch('g')],
            )
            .or(Action::Last, &[KeyCode::End, ch('G')])
            .help_only()
            .when(many),
            bind("q", "quit", Action::Quit, &[ch('q'), KeyCode::Esc]).help("quit (Esc too)"),
        ]
    }

    pub fn act(&mut self, action: Action) {
        let n = self.patients.len().max(1);
        match action {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => self.cursor = (self.cursor + 1).min(n - 1),
            Action::First => self.cursor = 0,
            Action::Last => self.cursor = n - 1,
            Action::Quit => self.quit = true,
        }
    }
}

impl Shell for Review {
    fn tick(&mut self, _now: Instant) {}

    fn key(&mut self, key: KeyEvent, _now: Instant) {
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            self.quit = true;
            return;
        }
        if let Some(a) = keys::action(&self.keys(), &key) {
            self.act(a);
        }
    }

    fn interrupt(&mut self) {
        self.quit = true;
    }

    fn next_wake(&self, _now: Instant) -> Option<Instant> {
        None
    }

    fn draw(&self, frame: &mut Frame, _now: Instant) {
        draw(frame, self);
    }

    fn should_quit(&self) -> bool {
        self.quit
    }
}

/// "3 of 12", "3" when nothing is planned.
fn sessions(p: &Patient) -> String {
    match p.planned_4_weeks {
        Some(n) => format!("{} of {n}", p.sessions_4_weeks),
        None => p.sessions_4_weeks.to_string(),
    }
}

pub fn draw(frame: &mut Frame, r: &Review) {
    let area = frame.area();
    let theme = &r.theme;
    frame.render_widget(ratatui::widgets::Block::new().style(theme.base), area);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, theme);
        return;
    }
    let footer = keys::footer_rows(&r.keys(), area.width, theme);
    let [screen, foot] = with_footer(area, &footer);
    let attention = r.patients.iter().filter(|p| !p.reasons.is_empty()).count();
    let header = format!(
        " Review · {} · {} patient{}, {attention} to look at",
        r.folder,
        r.patients.len(),
        if r.patients.len() == 1 { "" } else { "s" }
    );
    let today = format!("Today {} ", day_label(r.today));
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(screen);
    let [hl, hr] = Layout::horizontal([
        Constraint::Min(0),
        Constraint::Length(today.chars().count() as u16),
    ])
    .areas(head);
    frame.render_widget(Paragraph::new(Span::styled(header, theme.title)), hl);
    frame.render_widget(Paragraph::new(Span::styled(today, theme.dim)), hr);

    let why = why_lines(r, body.width.saturating_sub(2));
    let why_height = (why.len() as u16 + 2).min(body.height / 2).max(4);
    let [table_area, why_area] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(why_height)]).areas(body);

    let wide = table_area.width >= 110;
    let mut widths = vec![
        Constraint::Length(3),
        Constraint::Length(14),
        Constraint::Min(18),
        Constraint::Length(12),
        Constraint::Length(9),
    ];
    let mut titles = vec![
        "#",
        "Patient",
        "Needs attention for",
        "Last session",
        "4 weeks",
    ];
    if wide {
        widths.push(Constraint::Length(16));
        titles.push("Next assessment");
    }
    let rows: Vec<Row> = r
        .patients
        .iter()
        .enumerate()
        .map(|(i, p)| {
            // The most urgent reason, and how many more (all of them are below, in full).
            let attention = match p.reasons.split_first() {
                None => Span::styled("nothing", theme.dim),
                Some(_) if wide => {
                    let all: Vec<&str> = p.reasons.iter().map(|x| x.concern.label()).collect();
                    Span::styled(all.join(", "), theme.warn)
                }
                Some((first, [])) => Span::styled(first.concern.label(), theme.warn),
                Some((first, more)) => Span::styled(
                    format!("{} (+{} more)", first.concern.label(), more.len()),
                    theme.warn,
                ),
            };
            let mut cells = vec![
                Cell::from((i + 1).to_string()),
                Cell::from(p.name.clone()),
                Cell::from(attention),
                Cell::from(p.last_session.clone().unwrap_or_else(|| "never".into())),
                Cell::from(sessions(p)),
            ];
            if wide {
                cells.push(Cell::from(p.next_assessment));
            }
            Row::new(cells)
        })
        .collect();
    let table = Table::new(rows, widths)
        .header(Row::new(titles).style(theme.accent.add_modifier(Modifier::BOLD)))
        .row_highlight_style(theme.selected)
        .highlight_symbol("▶ ")
        .block(frame_block("Who needs attention first".into(), theme));
    let mut state = TableState::default().with_selected(Some(r.cursor));
    frame.render_stateful_widget(table, table_area, &mut state);

    let title = r
        .patients
        .get(r.cursor)
        .map_or_else(|| "Why".to_owned(), |p| format!("{}: why", p.name));
    frame.render_widget(
        Paragraph::new(why).block(frame_block(title, theme)),
        why_area,
    );
    frame.render_widget(Paragraph::new(footer), foot);
}

/// The highlighted patient's reasons in full, their journal, and what could not be read.
fn why_lines(r: &Review, width: u16) -> Vec<Line<'static>> {
    let theme = &r.theme;
    let Some(p) = r.patients.get(r.cursor) else {
        return vec![Line::raw("No patients.")];
    };
    let mut lines: Vec<Line<'static>> = Vec::new();
    if p.reasons.is_empty() {
        lines.push(Line::raw("Nothing needs attention."));
    }
    for reason in &p.reasons {
        lines.push(Line::from(vec![
            Span::styled(
                format!("• {}: ", reason.concern.label()),
                theme.warn.add_modifier(Modifier::BOLD),
            ),
            Span::raw(reason.detail.clone()),
        ]));
    }
    lines.push(Line::styled(
        format!(
            "Next assessment: {}. Sessions in the last 4 weeks: {}. Journal: {}",
            p.next_assessment,
            sessions(p),
            p.file
        ),
        theme.dim,
    ));
    if p.unreadable_lines > 0 {
        lines.push(Line::styled(
            format!(
                "{} line(s) of this journal could not be read and are left out.",
                p.unreadable_lines
            ),
            theme.warn,
        ));
    }
    if r.unreadable > 0 {
        lines.push(Line::styled(
            format!(
                "{} journal(s) in the folder could not be read at all (see the messages after quitting).",
                r.unreadable
            ),
            theme.warn,
        ));
    }
    lines
        .iter()
        .flat_map(|l| wrap_line(l, width.max(1), 2))
        .collect()
}
