//! Text sized for a room: the largest glyph size at which a text fits an area, broken over
//! lines at spaces when that makes it larger. Nothing is ever cut: when no glyph size fits, the caller draws plain text.
//!
//! Glyphs come from tui-big-text's 8x8 font. Beyond its own sizes, a glyph grows in whole
//! steps of its 8x4 half-height shape (each font pixel a cells wide and b half-cells tall,
//! a <= b <= 2a, so letters stay between square and twice as tall as wide), so a countdown
//! fills a 400x120 screen instead of staying 8 rows tall.

use std::cell::RefCell;
use std::collections::HashMap;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use tui_big_text::{BigText, PixelSize};

use super::widgets::fill;

/// Cells one character of big text takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyph {
    pub width: u16,
    pub height: u16,
}

impl Glyph {
    /// The smallest: tui-big-text's quadrant size, four cells square.
    pub const QUADRANT: Glyph = Glyph {
        width: 4,
        height: 4,
    };

    /// The largest glyph for a line of `chars` characters in `width` x `height` cells.
    pub fn for_line(chars: u16, width: u16, height: u16) -> Option<Glyph> {
        if chars == 0 {
            return None;
        }
        let a_max = width / chars.saturating_mul(8);
        let b_max = height / 4;
        if a_max >= 1 && b_max >= 1 {
            let b = b_max.min(2 * a_max);
            let a = a_max.min(b);
            Some(Glyph {
                width: 8 * a,
                height: 4 * b,
            })
        } else if width >= chars.saturating_mul(4) && height >= 4 {
            Some(Glyph::QUADRANT)
        } else {
            None
        }
    }

    /// Cells per glyph: how large it looks.
    pub fn area(self) -> u32 {
        u32::from(self.width) * u32::from(self.height)
    }
}

/// Text laid out in big glyphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Big {
    pub lines: Vec<String>,
    pub glyph: Glyph,
}

impl Big {
    pub fn height(&self) -> u16 {
        self.lines.len() as u16 * self.glyph.height
    }

    /// The widest line's width in cells.
    pub fn width(&self) -> u16 {
        self.lines
            .iter()
            .map(|l| glyphs(l) * self.glyph.width)
            .max()
            .unwrap_or(0)
    }

    /// Draws the lines centred in `area`, top-aligned. It runs every second on the largest
    /// screens, so it works row by row on the buffer's cells, with each cell's font pixels
    /// worked out once per call rather than once per cell.
    pub fn render(&self, area: Rect, buf: &mut Buffer, style: Style) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        fill(buf, area, style);
        // Each cell shows 2x2 sub-pixels at the quadrant size and 1x2 (upper and lower half)
        // at the others; the font pixel under each sub-column and sub-row of a glyph.
        let (gw, gh) = (self.glyph.width, self.glyph.height);
        let sx = if self.glyph == Glyph::QUADRANT { 2 } else { 1 };
        let px: Vec<u8> = (0..gw * sx).map(|i| (i * 8 / (gw * sx)) as u8).collect();
        let py: Vec<u8> = (0..gh * 2).map(|j| (j * 8 / (gh * 2)) as u8).collect();
        for (i, line) in self.lines.iter().enumerate() {
            let y = area.y + i as u16 * gh;
            let Some(bits) = bitmaps(line) else { continue };
            let width = bits.len() as u16 * gw;
            let x = area.x + area.width.saturating_sub(width) / 2;
            let rows = gh.min(area.bottom().saturating_sub(y));
            let cols = usize::from(width.min(area.right().saturating_sub(x)));
            for cy in 0..rows {
                let start = buf.index_of(x, y + cy);
                let row = &mut buf.content[start..start + cols];
                let (top, bottom) = (
                    usize::from(py[usize::from(cy) * 2]),
                    usize::from(py[usize::from(cy) * 2 + 1]),
                );
                for (cx, cell) in row.iter_mut().enumerate() {
                    let glyph = &bits[cx / usize::from(gw)];
                    let gx = cx % usize::from(gw);
                    let mut mask = 0;
                    for (j, r) in [glyph[top], glyph[bottom]].into_iter().enumerate() {
                        for i in 0..usize::from(sx) {
                            if r & (1 << px[gx * usize::from(sx) + i]) != 0 {
                                mask |= if sx == 2 {
                                    1 << (j * 2 + i)
                                } else {
                                    0b11 << (j * 2)
                                };
                            }
                        }
                    }
                    cell.set_char(QUADRANTS[mask]);
                }
            }
        }
    }
}

/// The block character for each mask of 2x2 sub-pixels (bit 0 top left, 1 top right,
/// 2 bottom left, 3 bottom right).
const QUADRANTS: [char; 16] = [
    ' ', '▘', '▝', '▀', '▖', '▌', '▞', '▛', '▗', '▚', '▐', '▜', '▄', '▙', '▟', '█',
];

/// How many glyphs a line takes.
fn glyphs(line: &str) -> u16 {
    line.chars().count() as u16
}

/// Each character's 8x8 bitmap (bit x of row y is the pixel at x, y); `None` when the font
/// lacks a character or a character is not one glyph (combining marks), so the caller falls
/// back to plain text.
fn bitmaps(line: &str) -> Option<Vec<[u8; 8]>> {
    let n = glyphs(line);
    // Only plain characters: a combining mark would make two characters one glyph.
    let simple = line
        .chars()
        .all(|c| c.is_ascii() || Line::raw(c.to_string()).width() == 1 && !is_combining(c));
    if n == 0 || !simple {
        return None;
    }
    line.chars().map(bitmap).collect()
}

/// Combining marks (U+0300 to U+036F and the other common blocks): drawn on the character
/// before them, never a glyph of their own.
fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// One character's bitmap, read back once from tui-big-text's full-size rendering.
fn bitmap(c: char) -> Option<[u8; 8]> {
    thread_local! {
        static SEEN: RefCell<HashMap<char, Option<[u8; 8]>>> = RefCell::new(HashMap::new());
    }
    if let Some(known) = SEEN.with(|m| m.borrow().get(&c).copied()) {
        return known;
    }
    let area = Rect::new(0, 0, 8, 8);
    let mut buf = Buffer::empty(area);
    BigText::builder()
        .pixel_size(PixelSize::Full)
        .lines(vec![Line::raw(c.to_string())])
        .build()
        .render(area, &mut buf);
    let mut glyph = [0u8; 8];
    for (y, row) in glyph.iter_mut().enumerate() {
        for x in 0..8 {
            if buf[(x, y as u16)].symbol() == "█" {
                *row |= 1 << x;
            }
        }
    }
    let found = (glyph != [0; 8] || c.is_whitespace()).then_some(glyph);
    SEEN.with(|m| m.borrow_mut().insert(c, found));
    found
}

/// How text may be laid out big.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub width: u16,
    pub height: u16,
    /// Size as if each line had at least this many characters (so a countdown keeps its
    /// size as it ticks from 1:00 to 59).
    pub min_chars: u16,
    /// No glyph taller than this: text that matters less never outgrows text that matters more.
    pub max_glyph_height: u16,
}

impl Limits {
    pub fn area(width: u16, height: u16) -> Limits {
        Limits {
            width,
            height,
            min_chars: 0,
            max_glyph_height: u16::MAX,
        }
    }
}

/// The largest fit of `text`, broken at spaces over at most `max_lines` lines. `None`: draw
/// it as plain text.
pub fn fit(text: &str, max_lines: usize, limits: Limits) -> Option<Big> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let total = words.iter().map(|w| glyphs(w)).sum::<u16>() + words.len().saturating_sub(1) as u16;
    let mut best: Option<Big> = None;
    for n in 1..=max_lines.clamp(1, words.len().max(1)) {
        // No line can be shorter than an even share of the text, nor a glyph under 4 rows.
        if limits.height / n as u16 / 4 == 0 {
            break;
        }
        if (total / n as u16).saturating_mul(4) > limits.width {
            continue;
        }
        let lines = balanced(&words, n);
        if let Some(big) = fit_lines(&lines, limits)
            && best
                .as_ref()
                .is_none_or(|b| big.glyph.area() > b.glyph.area())
        {
            best = Some(big);
        }
    }
    best
}

/// The largest fit of these exact lines.
pub fn fit_lines(lines: &[String], limits: Limits) -> Option<Big> {
    let n = lines.len() as u16;
    let chars = lines.iter().map(|l| glyphs(l)).max()?.max(limits.min_chars);
    let height = (limits.height / n.max(1)).min(limits.max_glyph_height);
    let glyph = Glyph::for_line(chars, limits.width, height)?;
    if lines.iter().any(|l| bitmaps(l).is_none()) {
        return None;
    }
    Some(Big {
        lines: lines.to_vec(),
        glyph,
    })
}

/// `words` over `n` lines with the longest line as short as can be.
fn balanced(words: &[&str], n: usize) -> Vec<String> {
    let len: Vec<usize> = words.iter().map(|w| w.chars().count()).collect();
    let span = |i: usize, j: usize| len[i..j].iter().sum::<usize>() + (j - i).saturating_sub(1);
    // longest[k][i]: the shortest longest line for words[i..] over at most k + 1 lines, and
    // where its first line ends.
    let w = words.len();
    let mut longest: Vec<Vec<(usize, usize)>> = Vec::new();
    for _ in 0..n.max(1) {
        let row = (0..w)
            .map(|i| {
                let mut best = (span(i, w), w);
                if let Some(fewer) = longest.last() {
                    for (j, &(rest, _)) in fewer.iter().enumerate().skip(i + 1) {
                        let m = span(i, j).max(rest);
                        if m < best.0 {
                            best = (m, j);
                        }
                    }
                }
                best
            })
            .collect();
        longest.push(row);
    }
    let mut lines = Vec::new();
    let (mut i, mut k) = (0, n.max(1) - 1);
    while i < w {
        let j = longest[k][i].1;
        lines.push(words[i..j].join(" "));
        i = j;
        k = k.saturating_sub(1);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(buf: &Buffer) -> String {
        let area = buf.area;
        (area.top()..area.bottom())
            .map(|y| {
                (area.left()..area.right())
                    .map(|x| buf[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_glyph_grows_with_the_room_and_keeps_its_shape() {
        // 4 characters ("0:45").
        assert_eq!(Glyph::for_line(4, 20, 24), Some(Glyph::QUADRANT));
        assert_eq!(
            Glyph::for_line(4, 32, 4),
            Some(Glyph {
                width: 8,
                height: 4
            })
        );
        assert_eq!(
            Glyph::for_line(4, 40, 9),
            Some(Glyph {
                width: 8,
                height: 8
            })
        );
        assert_eq!(
            Glyph::for_line(4, 400, 60),
            Some(Glyph {
                width: 96,
                height: 60
            })
        );
        // Never wider than tall in font pixels: a wide, low area gives half-height glyphs.
        assert_eq!(
            Glyph::for_line(4, 400, 4),
            Some(Glyph {
                width: 8,
                height: 4
            })
        );
        assert_eq!(Glyph::for_line(4, 15, 24), None);
        assert_eq!(Glyph::for_line(4, 80, 3), None);
    }

    #[test]
    fn long_names_break_over_lines_when_that_makes_them_larger() {
        let big = fit("STANDING WALL EXTENSION", 3, Limits::area(160, 16)).unwrap();
        assert_eq!(big.lines, vec!["STANDING WALL", "EXTENSION"]);
        assert_eq!(
            big.glyph,
            Glyph {
                width: 8,
                height: 8
            }
        );
        assert!(big.width() <= 160 && big.height() <= 16);
        let taller = fit("STANDING WALL EXTENSION", 3, Limits::area(160, 24)).unwrap();
        assert_eq!(taller.lines, vec!["STANDING", "WALL", "EXTENSION"]);
        assert_eq!(taller.glyph.width, 16);
        // One line when there is room for it.
        let big = fit("CHIN TUCK", 3, Limits::area(400, 24)).unwrap();
        assert_eq!(big.lines, vec!["CHIN TUCK"]);
        assert_eq!(
            fit("A NAME FAR TOO LONG TO FIT", 1, Limits::area(40, 4)),
            None
        );
        // Capped: no taller than 8 rows, however much room there is.
        let capped = Limits {
            max_glyph_height: 8,
            ..Limits::area(400, 120)
        };
        assert_eq!(fit("CHIN TUCK", 3, capped).unwrap().glyph.height, 8);
        let countdown = Limits {
            min_chars: 4,
            ..Limits::area(80, 8)
        };
        assert_eq!(
            fit("59", 1, countdown),
            fit("1:00", 1, countdown).map(|b| Big {
                lines: vec!["59".into()],
                ..b
            })
        );
    }

    #[test]
    fn a_character_the_font_lacks_means_plain_text() {
        assert!(fit("TANDEM", 1, Limits::area(200, 20)).is_some());
        assert_eq!(fit("TANDEM ✓", 1, Limits::area(200, 20)), None);
    }

    #[test]
    fn glyphs_are_drawn_whole_at_every_size() {
        for (w, h) in [(4, 4), (8, 4), (8, 8), (16, 8), (24, 16)] {
            let big = Big {
                lines: vec!["1".into()],
                glyph: Glyph {
                    width: w,
                    height: h,
                },
            };
            let area = Rect::new(0, 0, w, h);
            let mut buf = Buffer::empty(area);
            big.render(area, &mut buf, Style::new());
            let text = text_of(&buf);
            let inked = text.chars().filter(|c| !c.is_whitespace()).count();
            assert!(inked > 0, "{w}x{h}:\n{text}");
        }
        let big = Big {
            lines: vec!["1".into()],
            glyph: Glyph {
                width: 8,
                height: 8,
            },
        };
        let area = Rect::new(0, 0, 8, 8);
        let mut buf = Buffer::empty(area);
        big.render(area, &mut buf, Style::new());
        let mut reference = Buffer::empty(area);
        BigText::builder()
            .pixel_size(PixelSize::Full)
            .lines(vec![Line::raw("1")])
            .build()
            .render(area, &mut reference);
        assert_eq!(
            text_of(&buf),
            text_of(&reference),
            "the same as tui-big-text"
        );
    }
}
