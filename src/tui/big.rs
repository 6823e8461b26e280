//! Large digits and words that grow with the terminal: tui-big-text's 8x8 font, drawn at
//! half height on ordinary terminals and at full size, or scaled up by whole cells, on large
//! ones (a class projector at 400x120 gets digits 24 rows tall).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use tui_big_text::{BigText, PixelSize};

/// How large text is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// Ordinary text: nothing bigger fits.
    Plain,
    /// Four cells a letter across and four down.
    Quadrant,
    /// Eight across, four down.
    HalfHeight,
    /// Eight across and eight down, times the factor.
    Full(u16),
}

impl Size {
    /// The largest size for `chars` characters in `width` x `height`; full size only when
    /// `large` (so ordinary terminals redraw fewer cells each second).
    pub fn fit(chars: u16, width: u16, height: u16, large: bool) -> Size {
        let chars = chars.max(1);
        let scale = (width / (chars * 8)).min(height / 8);
        if large && scale >= 1 {
            Size::Full(scale)
        } else if height >= 4 && width >= chars * 8 {
            Size::HalfHeight
        } else if height >= 4 && width >= chars * 4 {
            Size::Quadrant
        } else {
            Size::Plain
        }
    }

    pub fn rows(self) -> u16 {
        match self {
            Size::Plain => 1,
            Size::Quadrant | Size::HalfHeight => 4,
            Size::Full(s) => 8 * s,
        }
    }
}

/// Draws `text` centred in `area` at `size`.
pub fn render(text: &str, style: Style, size: Size, area: Rect, buf: &mut Buffer) {
    let chars = text.chars().count() as u16;
    let (pixel, scale, cell_w) = match size {
        Size::Plain => {
            let x = area.x + area.width.saturating_sub(chars) / 2;
            buf.set_stringn(x, area.y, text, area.width as usize, style);
            return;
        }
        Size::Quadrant => (PixelSize::Quadrant, 1, 4),
        Size::HalfHeight => (PixelSize::HalfHeight, 1, 8),
        Size::Full(s) => (PixelSize::Full, s.max(1), 8),
    };
    let w = chars * cell_w;
    let h = size.rows() / scale;
    let mut small = Buffer::empty(Rect::new(0, 0, w, h));
    BigText::builder()
        .pixel_size(pixel)
        .style(style)
        .lines(vec![Line::from(text.to_owned())])
        .build()
        .render(small.area, &mut small);
    let left = area.x + area.width.saturating_sub(w * scale) / 2;
    let top = area.y + area.height.saturating_sub(h * scale) / 2;
    for y in 0..h {
        for x in 0..w {
            let cell = small[(x, y)].clone();
            for dy in 0..scale {
                for dx in 0..scale {
                    let (cx, cy) = (left + x * scale + dx, top + y * scale + dy);
                    if cx < area.right() && cy < area.bottom() {
                        buf[(cx, cy)] = cell.clone();
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_grow_with_the_room() {
        assert_eq!(Size::fit(2, 60, 20, false), Size::HalfHeight);
        assert_eq!(Size::fit(2, 60, 20, true), Size::Full(2));
        assert_eq!(Size::fit(4, 400, 100, true), Size::Full(12));
        assert_eq!(Size::fit(4, 20, 4, true), Size::Quadrant);
        assert_eq!(Size::fit(4, 10, 3, true), Size::Plain);
    }

    #[test]
    fn scaled_text_is_drawn_inside_its_area() {
        let area = Rect::new(0, 0, 40, 20);
        let mut buf = Buffer::empty(area);
        render("8", Style::new(), Size::Full(2), area, &mut buf);
        let filled = buf.content().iter().filter(|c| c.symbol() == "█").count();
        assert!(filled > 0);
        assert_eq!(filled % 4, 0, "every pixel became a 2x2 block");
    }
}
