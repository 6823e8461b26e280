//! Drawing pieces every screen shares: the framed block, the footer's rows, a centred box of
//! text, a dialog over a screen, the "please enlarge" page, and the words and digits of a
//! countdown. Nothing here knows a screen.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Padding, Paragraph, Wrap};

use super::theme::Theme;
use crate::common::wrap::wrap_pieces;
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

/// Splits `area` into the screen and its key footer (`keys::footer_rows`) at the bottom: one
/// row, or two when one is too narrow.
pub fn with_footer(area: Rect, footer: &[Line]) -> [Rect; 2] {
    let rows = footer.len().clamp(1, 2) as u16;
    Layout::vertical([Constraint::Min(0), Constraint::Length(rows)]).areas(area)
}

pub fn frame_block<'a>(title: String, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border)
        .title(Span::styled(format!(" {title} "), theme.title))
}

/// Draws `frame_block(title)` around `area` and returns the inside: the same cells, without
/// the block's pass over every cell inside it (the session screen is drawn every second).
pub fn framed(frame: &mut Frame, area: Rect, title: String, theme: &Theme) -> Rect {
    let block = frame_block(title, theme);
    let inner = block.inner(area);
    if area.height < 3 || area.width < 2 {
        frame.render_widget(block, area);
        return inner;
    }
    let top = Rect { height: 1, ..area };
    let bottom = Rect {
        y: area.bottom() - 1,
        height: 1,
        ..area
    };
    frame.render_widget(
        block.borders(Borders::TOP | Borders::LEFT | Borders::RIGHT),
        top,
    );
    frame.render_widget(
        Block::new()
            .borders(Borders::BOTTOM | Borders::LEFT | Borders::RIGHT)
            .border_type(BorderType::Rounded)
            .border_style(theme.border),
        bottom,
    );
    let buf = frame.buffer_mut();
    for y in area.y + 1..area.bottom() - 1 {
        for x in [area.x, area.right() - 1] {
            buf[(x, y)].set_symbol("│").set_style(theme.border);
        }
    }
    inner
}

/// `style` over every cell of `area`, a row at a time (ratatui's `Buffer::set_style` looks
/// up each cell's index on its own). The default style changes no cell: nothing to do.
pub fn fill(buf: &mut Buffer, area: Rect, style: Style) {
    let area = area.intersection(buf.area);
    if area.is_empty() || style == Style::default() {
        return;
    }
    for y in area.top()..area.bottom() {
        let start = buf.index_of(area.x, y);
        for cell in &mut buf.content[start..start + usize::from(area.width)] {
            cell.set_style(style);
        }
    }
}

/// A styled line word-wrapped to `width` columns (`common::wrap`), continuation rows indented
/// by `indent`: exactly the rows it takes.
pub fn wrap_line(line: &Line<'_>, width: u16, indent: u16) -> Vec<Line<'static>> {
    let pieces: Vec<(&str, Style)> = line
        .spans
        .iter()
        .map(|s| (s.content.as_ref(), line.style.patch(s.style)))
        .collect();
    wrap_pieces(&pieces, usize::from(width), usize::from(indent))
        .into_iter()
        .map(|row| {
            let mut l = Line::from(
                row.into_iter()
                    .map(|(t, style)| Span::styled(t, style))
                    .collect::<Vec<_>>(),
            );
            l.alignment = line.alignment;
            l
        })
        .collect()
}

/// `lines` word-wrapped to `width` columns.
pub fn wrap_lines(lines: &[Line<'_>], width: u16) -> Vec<Line<'static>> {
    lines.iter().flat_map(|l| wrap_line(l, width, 0)).collect()
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
    let body = wrap_lines(&body, width.saturating_sub(4).max(1));
    let height = (body.len() as u16 + 4).min(area.height);
    let rect = Rect {
        x,
        width,
        y: area.y + (area.height - height) / 2,
        height,
    };
    frame.render_widget(
        Paragraph::new(body)
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
    let text = Text::from(wrap_lines(&lines, width.saturating_sub(4).max(1)));
    let height = text.lines.len() as u16 + 2;
    let rect = popup(area, width, height);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(text)
            .block(frame_block(title.to_owned(), theme).padding(Padding::horizontal(1))),
        rect,
    );
}

/// A dialog like `dialog` whose lines may not all fit in `area`: then it scrolls so that line
/// `focus` (an index into `lines`) is in view, and says where more is hidden. Nothing is ever
/// cut off for good: moving the focus brings every line into view. Wrapped rows hang by
/// `hang` columns.
pub fn scrolled_dialog(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
    (focus, hang): (usize, u16),
    theme: &Theme,
) {
    let width = area.width.saturating_sub(4).min(72);
    let inner = width.saturating_sub(4).max(1);
    let fits = usize::from(area.height.saturating_sub(2));
    let wrap = |compact: bool| {
        let mut rows = Vec::new();
        let mut starts = Vec::new();
        for line in &lines {
            starts.push(rows.len());
            if !(compact && line.width() == 0) {
                rows.extend(wrap_line(line, inner, hang.min(inner / 2)));
            }
        }
        (rows, starts)
    };
    let (mut rows, mut starts) = wrap(false);
    if rows.len() > fits {
        (rows, starts) = wrap(true);
    }
    let shown = if rows.len() <= fits {
        rows
    } else {
        let from = starts.get(focus).copied().unwrap_or(0);
        let to = starts
            .get(focus + 1)
            .copied()
            .unwrap_or(rows.len())
            .max(from + 1);
        let hint = |text: &'static str| Line::styled(text, theme.dim);
        let below = hint("↓ more below (↑↓ to move)");
        // From the top, with one row saying there is more below; or, when the focus is
        // further down, a row each for more above and more below.
        let room = fits.saturating_sub(1).max(1);
        if to <= room {
            let mut out = rows[..room].to_vec();
            out.push(below);
            out
        } else {
            let room = fits.saturating_sub(2).max(1);
            let top = to.saturating_sub(room).min(from).min(rows.len() - room);
            let mut out = vec![hint("↑ more above (↑↓ to move)")];
            out.extend(rows[top..top + room].iter().cloned());
            out.push(if top + room < rows.len() {
                below
            } else {
                Line::raw("")
            });
            out
        }
    };
    let rect = popup(area, width, shown.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(Text::from(shown))
            .block(frame_block(title.to_owned(), theme).padding(Padding::horizontal(1))),
        rect,
    );
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

#[cfg(test)]
mod tests {

    use super::*;

    #[test]
    fn a_wrapped_line_keeps_its_styles_and_never_loses_a_character() {
        let line = Line::from(vec![
            Span::styled("• ", Style::new().bold()),
            Span::raw("Sit tall, feet flat, and stand up slowly without using your hands"),
        ]);
        let rows = wrap_line(&line, 24, 2);
        let text: Vec<String> = rows.iter().map(|l| l.to_string()).collect();
        assert!(rows.iter().all(|l| l.width() <= 24), "{text:?}");
        assert!(text[1].starts_with("  ") && !text[1].starts_with("   "));
        assert_eq!(rows[0].spans[0].style, Style::new().bold());
        let joined = text
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(joined, line.to_string());
    }
}
