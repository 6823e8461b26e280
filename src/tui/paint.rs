//! What the terminal shows, and the fewest bytes that turn it into the next frame.
//!
//! ratatui draws each frame into a buffer. Its own diff writes every cell that differs in any
//! way (a blank whose invisible foreground colour changed too), moves the cursor with a full
//! `CSI row;col H` over every gap, and sets and then resets every colour each frame. The
//! painter keeps its own copy of what is on screen and writes only what looks different:
//! - a blank is the same blank whatever its foreground colour, bold or italics (only its
//!   background and the modifiers that show on a blank count);
//! - a short gap of unchanged cells is written again when that is shorter than a move, and a
//!   move is the shortest of an absolute, a relative or a column-only one;
//! - colours and modifiers change in one escape sequence, only those that differ, and carry
//!   over from one frame to the next (the terminal's state is known: nothing else writes to it
//!   between frames).

use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

/// Modifiers that show on a blank cell.
const SHOWS_ON_BLANK: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::SLOW_BLINK)
    .union(Modifier::RAPID_BLINK)
    .union(Modifier::CROSSED_OUT);

/// How a cell is written: its colours and modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Look {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
}

impl Look {
    /// The terminal's own colours, no modifier: what `CSI 0 m` sets.
    const PLAIN: Look = Look {
        fg: Color::Reset,
        bg: Color::Reset,
        underline: Color::Reset,
        modifier: Modifier::empty(),
    };

    fn of(cell: &Cell) -> Look {
        Look {
            fg: cell.fg,
            bg: cell.bg,
            underline: cell.underline_color,
            modifier: cell.modifier,
        }
    }

    /// A blank written with `self` looks like a blank of `other`.
    fn blank_as(self, other: Look) -> bool {
        self.bg == other.bg
            && !self.modifier.intersects(SHOWS_ON_BLANK)
            && !other.modifier.intersects(SHOWS_ON_BLANK)
    }
}

fn is_blank(cell: &Cell) -> bool {
    cell.symbol() == " "
}

/// `next` looks exactly like `shown` on a terminal.
fn looks_same(shown: &Cell, next: &Cell) -> bool {
    if shown.symbol() != next.symbol() {
        return false;
    }
    let (a, b) = (Look::of(shown), Look::of(next));
    a == b || is_blank(next) && a.blank_as(b)
}

/// Columns a cell takes; 0 for one never written (the trailing half of a wide character).
fn columns(cell: &Cell) -> usize {
    #[allow(deprecated)]
    let skipped = cell.skip;
    match cell.diff_option {
        CellDiffOption::Skip => 0,
        CellDiffOption::ForcedWidth(w) => usize::from(w.get()),
        _ if skipped => 0,
        _ => width(cell.symbol()),
    }
}

/// Columns a symbol takes: at once for ASCII, box drawing, block elements and braille (what
/// the screens are mostly made of, checked for every cell every frame), else as ratatui
/// measures it.
fn width(symbol: &str) -> usize {
    match symbol.as_bytes() {
        [_] => 1,
        // U+2500 to U+259F, and U+2800 to U+28FF.
        [0xE2, 0x94 | 0x95, _] | [0xE2, 0x96, 0x80..=0x9F] | [0xE2, 0xA0..=0xA3, _] => 1,
        _ => usize::from(symbol.cell_width()),
    }
}

/// Where the terminal's cursor is and what it writes with, as far as is known, and the bytes
/// written this frame.
#[derive(Debug, Default)]
struct Pen {
    at: Option<(u16, u16)>,
    look: Option<Look>,
    out: Vec<u8>,
}

/// What the terminal shows, and the bytes that change it.
#[derive(Debug)]
pub struct Painter {
    shown: Buffer,
    pen: Pen,
}

impl Painter {
    /// A terminal just cleared, `area` in size.
    pub fn new(area: Rect) -> Painter {
        Painter {
            shown: Buffer::empty(area),
            pen: Pen::default(),
        }
    }

    /// The terminal was cleared to blanks in its own colours (after `reset_look` was written),
    /// and is `area` in size now.
    pub fn cleared(&mut self, area: Rect) {
        self.shown.resize(area);
        self.shown.reset();
        self.pen.at = None;
        self.pen.look = None;
    }

    /// The bytes that give the terminal back its own colours: for clearing it, and for
    /// leaving it.
    pub fn reset_look(&mut self) -> &'static [u8] {
        self.pen.look = Some(Look::PLAIN);
        b"\x1b[0m"
    }

    /// The bytes that make the terminal show `next`. `next` becomes what is shown, and gets
    /// back the frame shown before (to be reset and drawn into again).
    pub fn paint(&mut self, next: &mut Buffer) -> &[u8] {
        self.pen.out.clear();
        if next.area != self.shown.area {
            // Never guess at a screen of another size: clear it and write everything.
            self.cleared(next.area);
            self.pen.out.extend_from_slice(b"\x1b[0m\x1b[2J");
            self.pen.look = Some(Look::PLAIN);
        }
        let width = usize::from(next.area.width);
        for y in 0..next.area.height {
            let start = usize::from(y) * width;
            let old = &self.shown.content[start..start + width];
            self.pen.row(old, &next.content[start..start + width], y);
        }
        std::mem::swap(next, &mut self.shown);
        &self.pen.out
    }
}

impl Pen {
    /// Writes what differs between the row `old` (shown) and `new`.
    fn row(&mut self, old: &[Cell], new: &[Cell], y: u16) {
        let width = new.len();
        // Cells under a wide character that a narrower one replaces are written whatever
        // they hold: the terminal may still show the wide one's half there.
        let mut force_until = 0;
        let mut x = 0;
        while x < width {
            let cell = &new[x];
            let cols = columns(cell);
            if cols == 0 {
                x += 1;
                continue;
            }
            let always = cell.diff_option == CellDiffOption::AlwaysUpdate;
            if x >= force_until && !always && looks_same(&old[x], cell) {
                x += cols;
                continue;
            }
            // A wide character it covers any part of goes whole: write what stands there now.
            for (p, o) in old.iter().enumerate().take(x + cols).skip(x) {
                force_until = force_until.max(p + columns(o));
            }
            self.put(new, x, y, cols);
            x += cols;
        }
    }

    /// Writes `new[x]` at (`x`, `y`).
    fn put(&mut self, new: &[Cell], x: usize, y: u16, cols: usize) {
        self.go(new, x, y);
        let cell = &new[x];
        let look = Look::of(cell);
        let keep = match self.look {
            Some(pen) => pen == look || is_blank(cell) && pen.blank_as(look),
            None => false,
        };
        if !keep {
            sgr(&mut self.out, self.look, look);
            self.look = Some(look);
        }
        let symbol = cell.symbol();
        self.out.extend_from_slice(symbol.as_bytes());
        let end = x + cols;
        // At the right edge the cursor waits to wrap, and a character of no width may not
        // move it at all: the next write moves it anew.
        self.at = (end < new.len() && width(symbol) == cols && cols > 0).then_some((end as u16, y));
    }

    /// Brings the cursor to (`x`, `y`): by writing again the unchanged cells before it when
    /// that is shorter, else by the shortest move.
    fn go(&mut self, new: &[Cell], x: usize, y: u16) {
        let to = (x as u16, y);
        if self.at == Some(to) {
            return;
        }
        let step = shortest_move(self.at, to);
        if let (Some((px, py)), Some(pen)) = (self.at, self.look)
            && py == y
            && usize::from(px) < x
        {
            let gap = &new[usize::from(px)..x];
            let mut bytes = 0;
            let fits = gap.iter().all(|c| {
                let look = Look::of(c);
                bytes += c.symbol().len();
                columns(c) == 1
                    && width(c.symbol()) == 1
                    && (pen == look || is_blank(c) && pen.blank_as(look))
            });
            if fits && bytes <= step.len() {
                for c in gap {
                    self.out.extend_from_slice(c.symbol().as_bytes());
                }
                self.at = Some(to);
                return;
            }
        }
        self.out.extend_from_slice(step.as_bytes());
        self.at = Some(to);
    }
}

/// The shortest sequence that moves the cursor from `from` (unknown: `None`) to `to`.
fn shortest_move(from: Option<(u16, u16)>, to: (u16, u16)) -> String {
    let (x, y) = to;
    let absolute = if x == 0 {
        format!("\x1b[{}H", y + 1)
    } else {
        format!("\x1b[{};{}H", y + 1, x + 1)
    };
    let Some((px, py)) = from else {
        return absolute;
    };
    // Along a row from column `px` to `x`.
    let along = |px: u16| -> String {
        let column = if x == 0 {
            "\r".to_owned()
        } else {
            format!("\x1b[{}G", x + 1)
        };
        let relative = match x.cmp(&px) {
            std::cmp::Ordering::Equal => String::new(),
            std::cmp::Ordering::Greater => step(x - px, 'C'),
            std::cmp::Ordering::Less => step(px - x, 'D'),
        };
        if relative.len() <= column.len() {
            relative
        } else {
            column
        }
    };
    let mut best = absolute;
    let candidate = if py == y {
        Some(along(px))
    } else if y > py {
        Some(step(y - py, 'B') + &along(px))
    } else {
        None
    };
    if let Some(c) = candidate
        && c.len() < best.len()
    {
        best = c;
    }
    best
}

/// `CSI n <dir>`, with the 1 left out.
fn step(n: u16, dir: char) -> String {
    if n == 1 {
        format!("\x1b[{dir}")
    } else {
        format!("\x1b[{n}{dir}")
    }
}

/// One SGR sequence from the look `from` (unknown: `None`, so start from a reset) to `to`.
fn sgr(out: &mut Vec<u8>, from: Option<Look>, to: Look) {
    let mut params: Vec<String> = Vec::new();
    let from = match from {
        Some(f) => f,
        None => {
            params.push("0".into());
            Look::PLAIN
        }
    };
    let removed = from.modifier - to.modifier;
    let mut added = to.modifier - from.modifier;
    let intensity = Modifier::BOLD | Modifier::DIM;
    let blink = Modifier::SLOW_BLINK | Modifier::RAPID_BLINK;
    if removed.intersects(intensity) {
        params.push("22".into());
        added |= to.modifier & intensity;
    }
    if removed.intersects(blink) {
        params.push("25".into());
        added |= to.modifier & blink;
    }
    for (m, off) in [
        (Modifier::ITALIC, "23"),
        (Modifier::UNDERLINED, "24"),
        (Modifier::REVERSED, "27"),
        (Modifier::HIDDEN, "28"),
        (Modifier::CROSSED_OUT, "29"),
    ] {
        if removed.contains(m) {
            params.push(off.into());
        }
    }
    for (m, on) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::SLOW_BLINK, "5"),
        (Modifier::RAPID_BLINK, "6"),
        (Modifier::REVERSED, "7"),
        (Modifier::HIDDEN, "8"),
        (Modifier::CROSSED_OUT, "9"),
    ] {
        if added.contains(m) {
            params.push(on.into());
        }
    }
    for (was, is, base) in [
        (from.fg, to.fg, 38),
        (from.bg, to.bg, 48),
        (from.underline, to.underline, 58),
    ] {
        if was != is {
            params.push(colour(base, is));
        }
    }
    if params.is_empty() {
        return;
    }
    out.extend_from_slice(b"\x1b[");
    out.extend_from_slice(params.join(";").as_bytes());
    out.push(b'm');
}

/// A colour as crossterm writes it (`base` is 38, 48 or 58): the 16 named colours by their
/// palette index, so a terminal that shows bold as bright does not change them.
fn colour(base: u8, c: Color) -> String {
    let index = match c {
        Color::Reset => return (base + 1).to_string(),
        Color::Rgb(r, g, b) => return format!("{base};2;{r};{g};{b}"),
        Color::Indexed(i) => i,
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
    };
    format!("{base};5;{index}")
}

#[cfg(test)]
mod tests;
