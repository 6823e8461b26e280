//! Drawing pieces every screen shares: the framed block, the footer's rows, a centred box of
//! text, a dialog over a screen, the "please enlarge" page, and the words and digits of a
//! countdown. Nothing here knows a screen.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, BorderType, Clear, Padding, Paragraph, Wrap};

use super::theme::Theme;
use crate::training::plan::PhaseKind;

/// Below this size the screen asks to be enlarged rather than draw a broken layout.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 18;

pub fn too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
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

/// Splits `area` into the screen and its key footer at the bottom, two rows when one is too
/// narrow.
pub fn with_footer(area: Rect, footer: &Line) -> [Rect; 2] {
    let rows = (footer.width() as u16)
        .div_ceil(area.width.max(1))
        .clamp(1, 2);
    Layout::vertical([Constraint::Min(0), Constraint::Length(rows)]).areas(area)
}

pub fn frame_block<'a>(title: String, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border)
        .title(Span::styled(format!(" {title} "), theme.title))
}

/// Rows `lines` take wrapped inside `width` columns.
fn rows(lines: &[Line], width: u16) -> u16 {
    lines
        .iter()
        .map(|l| (l.width() as u16).div_ceil(width).max(1))
        .sum()
}

/// A framed box of text, at most 76 columns wide, in the middle of `area`.
pub fn centered_text(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    body: Vec<Line<'static>>,
    theme: &Theme,
) {
    let width = area.width.min(76);
    let x = area.x + (area.width - width) / 2;
    let inner_width = width.saturating_sub(4).max(1);
    let height = (rows(&body, inner_width) + 4).min(area.height);
    let rect = Rect {
        x,
        width,
        y: area.y + (area.height - height) / 2,
        height,
    };
    frame.render_widget(
        Paragraph::new(body)
            .wrap(Wrap { trim: true })
            .block(frame_block(title.to_owned(), theme).padding(Padding::uniform(1))),
        rect,
    );
}

/// A `width` x `height` rectangle in the middle of `area` (smaller when `area` is).
pub fn popup(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// A dialog over the screen: a framed box of text, at most 72 columns wide, in the middle.
pub fn dialog(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
    theme: &Theme,
) {
    let width = area.width.saturating_sub(4).min(72);
    let text = Text::from(lines);
    let height = rows(&text.lines, width.saturating_sub(4).max(1)) + 3;
    let rect = popup(area, width, height);
    frame.render_widget(Clear, rect);
    let block = frame_block(title.to_owned(), theme).padding(Padding::horizontal(1));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [body, _] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(inner);
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), body);
}

/// A countdown as it is shown: "45", "1:30".
pub fn countdown_text(secs: u32) -> String {
    if secs >= 60 {
        format!("{}:{:02}", secs / 60, secs % 60)
    } else {
        secs.to_string()
    }
}

/// The phase in one word or two, as the session and the class show it.
pub fn phase_word(kind: PhaseKind) -> &'static str {
    match kind {
        PhaseKind::GetReady => "GET READY",
        PhaseKind::Work => "WORK",
        PhaseKind::SwitchSides => "SWITCH SIDES",
        PhaseKind::Rest => "REST",
        PhaseKind::CheckIn => "CHECK-IN",
    }
}
