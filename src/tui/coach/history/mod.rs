//! The history screen: sessions per week against the program's plan, check-ins and effort over
//! time with sharp pain and red flags marked, each exercise's level, and the last seven days'
//! dose against the guidance. One panel at a time (Tab) on a small terminal, all four on a
//! big one. The figures come from `crate::records::history`; this keeps the view, its keys and
//! the frame around the panels (drawn in `panels`).

mod panels;
pub mod trends;

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::shared::Shared;
use crate::common::calendar::day_label;
use crate::common::text::clean_line;
use crate::common::wrap::width;
use crate::records::assessments::Assessments;
use crate::records::history::{Available, History, ProgramHistory};
use crate::tui::keys::{Binding, bind, ch, digits};
use crate::tui::theme::Theme;
use crate::tui::widgets::frame_block;

/// The panels, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    Weeks,
    CheckIns,
    Levels,
    Dose,
    Assessments,
}

impl Panel {
    pub const ALL: [Panel; 5] = [
        Panel::Weeks,
        Panel::CheckIns,
        Panel::Levels,
        Panel::Dose,
        Panel::Assessments,
    ];

    fn title(self) -> &'static str {
        match self {
            Panel::Weeks => "Weeks",
            Panel::CheckIns => "Check-ins",
            Panel::Levels => "Levels",
            Panel::Dose => "Dose",
            Panel::Assessments => "Assessments",
        }
    }
}

/// What the history screen shows and where it is.
#[derive(Debug, Clone)]
pub struct HistoryView {
    pub data: History,
    /// Every assessment result saved, and the person's age and sex.
    pub assessments: Assessments,
    /// Index into `data.programs`.
    pub program: usize,
    pub panel: Panel,
    /// First row of the levels list.
    pub scroll: usize,
}

/// All four panels at once from this size up.
const GRID_WIDTH: u16 = 120;
const GRID_HEIGHT: u16 = 36;

/// Whether all four panels show at once, in `area` (the screen with its footer).
pub fn is_grid(area: Rect) -> bool {
    area.width >= GRID_WIDTH && area.height >= GRID_HEIGHT
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    PreviousProgram,
    NextProgram,
    NextPanel,
    PreviousPanel,
    Panel(usize),
    ScrollUp,
    ScrollDown,
    Leave,
}

/// The history's keys; `area` is where it is drawn, with its footer (all four panels show on a
/// big one, and Tab is not mentioned there).
pub fn keys(view: &HistoryView, direct: bool, area: Rect) -> Vec<Binding<Action>> {
    vec![
        bind("←→", "program", Action::PreviousProgram, &[KeyCode::Left])
            .or(Action::NextProgram, &[KeyCode::Right])
            .when(view.data.programs.len() > 1),
        bind("Tab", "next chart", Action::NextPanel, &[KeyCode::Tab])
            .or(Action::PreviousPanel, &[KeyCode::BackTab])
            .when(!is_grid(area)),
        digits("chart", 1, Panel::ALL.len() as u8, |d| {
            Action::Panel(usize::from(d) - 1)
        })
        .help_only(),
        bind(
            "↑↓",
            if view.panel == Panel::Assessments && !is_grid(area) {
                "scroll"
            } else {
                "scroll levels"
            },
            Action::ScrollUp,
            &[KeyCode::Up, ch('k')],
        )
        .or(Action::ScrollDown, &[KeyCode::Down, ch('j')]),
        bind(
            "Esc",
            if direct { "quit" } else { "home" },
            Action::Leave,
            &[KeyCode::Esc, ch('q'), ch('h')],
        ),
    ]
}

impl HistoryView {
    /// The history of the saved records; the home screen's program first if it has one.
    pub fn new(app: &Shared) -> HistoryView {
        let available: Vec<Available> = (0..app.programs.len())
            .filter_map(|i| {
                app.runnable(i).map(|runnable| Available {
                    runnable,
                    source: app.programs[i].origin.label(),
                })
            })
            .collect();
        let calendar = app.wall.calendar();
        let today = calendar.day(app.unix_now());
        let mut data = History::build(app.journal_records(), &available, today, &calendar);
        let assessments = app.assessments();
        let selected = app
            .programs
            .get(app.selected)
            .and_then(|e| e.checked.safe_program())
            .map(|p| p.title.clone());
        data.programs
            .retain(|p| !p.sessions.is_empty() || Some(&p.title) == selected.as_ref());
        let program = data
            .programs
            .iter()
            .position(|p| Some(&p.title) == selected.as_ref() && !p.sessions.is_empty())
            .unwrap_or(0);
        HistoryView {
            data,
            assessments,
            program,
            panel: Panel::Weeks,
            scroll: 0,
        }
    }

    fn current(&self) -> Option<&ProgramHistory> {
        self.data.programs.get(self.program)
    }

    fn step_panel(&mut self, by: usize) {
        let n = Panel::ALL.len();
        let i = Panel::ALL
            .iter()
            .position(|&p| p == self.panel)
            .unwrap_or(0);
        self.panel = Panel::ALL[(i + by) % n];
    }
}

/// Where a key leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Go {
    Stay,
    Leave,
}

pub fn act(view: &mut HistoryView, action: Action) -> Go {
    let n = view.data.programs.len().max(1);
    match action {
        Action::Leave => return Go::Leave,
        Action::PreviousProgram => {
            view.program = (view.program + n - 1) % n;
            view.scroll = 0;
        }
        Action::NextProgram => {
            view.program = (view.program + 1) % n;
            view.scroll = 0;
        }
        Action::NextPanel => {
            view.step_panel(1);
            view.scroll = 0;
        }
        Action::PreviousPanel => {
            view.step_panel(Panel::ALL.len() - 1);
            view.scroll = 0;
        }
        Action::Panel(i) => {
            view.panel = Panel::ALL[i.min(Panel::ALL.len() - 1)];
            view.scroll = 0;
        }
        Action::ScrollDown => view.scroll += 1,
        Action::ScrollUp => view.scroll = view.scroll.saturating_sub(1),
    }
    Go::Stay
}

/// Draws the history in `area`, all four panels when `grid` (see `is_grid`).
pub fn draw(frame: &mut Frame, area: Rect, view: &HistoryView, grid: bool, theme: &Theme) {
    let [header, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);

    let today = format!("Today {} ", day_label(view.data.today));
    let title = match view.current() {
        Some(p) => format!(
            " History · {}{}",
            clean_line(&p.title),
            if view.data.programs.len() > 1 {
                format!(" ({} of {})", view.program + 1, view.data.programs.len())
            } else {
                String::new()
            }
        ),
        None => " History".into(),
    };
    let [hl, hr] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(width(&today) as u16)])
            .areas(header);
    frame.render_widget(Paragraph::new(Span::styled(title, theme.title)), hl);
    frame.render_widget(Paragraph::new(Span::styled(today, theme.dim)), hr);

    let assessed = !view.assessments.results.is_empty();
    let Some(p) = view.current() else {
        if assessed {
            trends::draw(
                frame,
                body,
                &view.assessments,
                view.data.today,
                view.scroll,
                theme,
            );
            return;
        }
        frame.render_widget(
            Paragraph::new(vec![
                Line::raw(""),
                Line::raw("No sessions in your journal yet."),
                Line::styled(
                    "After your first session, its weeks, check-ins and levels show here.",
                    theme.dim,
                ),
            ])
            .alignment(Alignment::Center)
            .block(frame_block("History".into(), theme)),
            body,
        );
        return;
    };

    if grid {
        // The assessments take a band across the bottom once there are any.
        let [body, trend] = Layout::vertical([
            Constraint::Min(0),
            Constraint::Percentage(if assessed { 30 } else { 0 }),
        ])
        .areas(body);
        if assessed {
            trends::draw(frame, trend, &view.assessments, view.data.today, 0, theme);
        }
        let [top, bottom] =
            Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(body);
        let [weeks, dose] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(top);
        let [checks, levels] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(bottom);
        panels::draw_weeks(frame, weeks, p, view.data.today, theme);
        panels::draw_dose(frame, dose, &view.data.dose, theme);
        panels::draw_check_ins(frame, checks, p, view.data.today, theme);
        panels::draw_levels(frame, levels, p, view.scroll, theme);
    } else {
        let [tabs, panel] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(body);
        let mut spans = Vec::new();
        for (i, panel) in Panel::ALL.iter().enumerate() {
            let style = if *panel == view.panel {
                theme.selected
            } else {
                theme.dim
            };
            spans.push(Span::styled(
                format!(" {} {} ", i + 1, panel.title()),
                style,
            ));
            spans.push(Span::raw(" "));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), tabs);
        match view.panel {
            Panel::Weeks => panels::draw_weeks(frame, panel, p, view.data.today, theme),
            Panel::CheckIns => panels::draw_check_ins(frame, panel, p, view.data.today, theme),
            Panel::Levels => panels::draw_levels(frame, panel, p, view.scroll, theme),
            Panel::Dose => panels::draw_dose(frame, panel, &view.data.dose, theme),
            Panel::Assessments => trends::draw(
                frame,
                panel,
                &view.assessments,
                view.data.today,
                view.scroll,
                theme,
            ),
        }
    }
}
