//! The painter against a small terminal emulator: whatever the frames, the screen looks like
//! the last one drawn, and fewer bytes say so than ratatui's own diff writes.

use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::{Buffer, Cell, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

use super::{Look, Painter, looks_same};

/// Just enough of a terminal for what the painter writes: cursor moves, SGR, clear, text.
struct Vt {
    width: u16,
    height: u16,
    /// Each cell's symbol ("" under the second half of a wide character) and look.
    cells: Vec<(String, Look)>,
    x: u16,
    y: u16,
    look: Look,
}

impl Vt {
    fn new(width: u16, height: u16) -> Vt {
        Vt {
            width,
            height,
            cells: vec![(" ".into(), Look::PLAIN); usize::from(width * height)],
            x: 0,
            y: 0,
            look: Look::PLAIN,
        }
    }

    fn feed(&mut self, bytes: &[u8]) {
        let text = std::str::from_utf8(bytes).expect("the painter writes UTF-8");
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\x1b' => {
                    assert_eq!(chars.next(), Some('['), "only CSI sequences");
                    let mut params = String::new();
                    let fin = loop {
                        let c = chars.next().expect("a whole sequence");
                        if c.is_ascii_digit() || c == ';' || c == '?' {
                            params.push(c);
                        } else {
                            break c;
                        }
                    };
                    self.csi(&params, fin);
                }
                '\r' => self.x = 0,
                c => self.print(c),
            }
        }
    }

    fn csi(&mut self, params: &str, fin: char) {
        if params.starts_with('?') {
            return;
        }
        let nums: Vec<u16> = params.split(';').map(|p| p.parse().unwrap_or(0)).collect();
        let n = |i: usize| nums.get(i).copied().filter(|&v| v > 0).unwrap_or(1);
        match fin {
            'H' => {
                self.y = n(0) - 1;
                self.x = n(1) - 1;
            }
            'C' => self.x += n(0),
            'D' => self.x -= n(0),
            'B' => self.y += n(0),
            'G' => self.x = n(0) - 1,
            'J' => {
                assert_eq!(params, "2");
                for c in &mut self.cells {
                    *c = (" ".into(), self.look);
                }
            }
            'm' => self.sgr(&nums),
            other => panic!("unexpected CSI {params}{other}"),
        }
        assert!(
            self.x < self.width && self.y < self.height,
            "moved off screen"
        );
    }

    fn sgr(&mut self, nums: &[u16]) {
        let colour = |i: &mut usize| -> Color {
            let kind = nums[*i + 1];
            if kind == 5 {
                *i += 2;
                Color::Indexed(nums[*i] as u8)
            } else {
                *i += 4;
                Color::Rgb(nums[*i - 2] as u8, nums[*i - 1] as u8, nums[*i] as u8)
            }
        };
        let mut i = 0;
        while i < nums.len() {
            let m = &mut self.look.modifier;
            match nums[i] {
                0 => self.look = Look::PLAIN,
                1 => m.insert(Modifier::BOLD),
                2 => m.insert(Modifier::DIM),
                3 => m.insert(Modifier::ITALIC),
                4 => m.insert(Modifier::UNDERLINED),
                5 => m.insert(Modifier::SLOW_BLINK),
                6 => m.insert(Modifier::RAPID_BLINK),
                7 => m.insert(Modifier::REVERSED),
                8 => m.insert(Modifier::HIDDEN),
                9 => m.insert(Modifier::CROSSED_OUT),
                22 => m.remove(Modifier::BOLD | Modifier::DIM),
                23 => m.remove(Modifier::ITALIC),
                24 => m.remove(Modifier::UNDERLINED),
                25 => m.remove(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK),
                27 => m.remove(Modifier::REVERSED),
                28 => m.remove(Modifier::HIDDEN),
                29 => m.remove(Modifier::CROSSED_OUT),
                38 => self.look.fg = colour(&mut i),
                48 => self.look.bg = colour(&mut i),
                58 => self.look.underline = colour(&mut i),
                39 => self.look.fg = Color::Reset,
                49 => self.look.bg = Color::Reset,
                59 => self.look.underline = Color::Reset,
                other => panic!("unexpected SGR {other}"),
            }
            i += 1;
        }
    }

    fn print(&mut self, c: char) {
        let mut s = [0u8; 4];
        let symbol: &str = c.encode_utf8(&mut s);
        let w = symbol.cell_width();
        assert!(w >= 1, "a character of no width: {c:?}");
        assert!(self.x + w <= self.width, "written past the right edge");
        let row = usize::from(self.y * self.width);
        let at = row + usize::from(self.x);
        // Writing over half of a wide character blanks its other half.
        for p in at..at + usize::from(w) {
            if self.cells[p].0.is_empty() && p > row {
                self.cells[p - 1] = (" ".into(), self.look);
            }
            if self.cells[p].0.cell_width() == 2 && p + 1 < row + usize::from(self.width) {
                self.cells[p + 1] = (" ".into(), self.look);
            }
        }
        self.cells[at] = (symbol.into(), self.look);
        if w == 2 {
            self.cells[at + 1] = (String::new(), self.look);
        }
        self.x += w;
        if self.x == self.width {
            // Pending wrap: the painter must move before writing again.
            self.x = self.width - 1;
            self.y = self.height; // off screen until moved
            self.y = self.y.min(self.height - 1);
        }
    }

    /// The screen looks like `buf`.
    fn assert_shows(&self, buf: &Buffer) {
        let width = usize::from(buf.area.width);
        let mut skip = 0;
        for (i, cell) in buf.content.iter().enumerate() {
            if i % width == 0 {
                skip = 0;
            }
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let (symbol, look) = &self.cells[i];
            let mut cell = cell.clone();
            cell.fg = palette(cell.fg);
            cell.bg = palette(cell.bg);
            cell.underline_color = palette(cell.underline_color);
            let cell = &cell;
            let mut shown = Cell::default();
            shown.set_symbol(symbol);
            shown.fg = look.fg;
            shown.bg = look.bg;
            shown.underline_color = look.underline;
            shown.modifier = look.modifier;
            assert!(
                looks_same(&shown, cell),
                "cell {} {}: shows {symbol:?} {look:?}, drawn {:?}",
                i % width,
                i / width,
                cell
            );
            skip = usize::from(cell.symbol().cell_width()).saturating_sub(1);
        }
    }
}

/// A named colour as the palette index it is written as.
fn palette(c: Color) -> Color {
    const NAMED: [Color; 16] = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    match NAMED.iter().position(|&n| n == c) {
        Some(i) => Color::Indexed(i as u8),
        None => c,
    }
}

/// A small deterministic generator (xorshift), so a failure is always the same.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

const SYMBOLS: [&str; 8] = [" ", " ", " ", "a", "█", "▀", "─", "中"];
const COLOURS: [Color; 5] = [
    Color::Reset,
    Color::Gray,
    Color::Indexed(214),
    Color::Rgb(1, 2, 3),
    Color::Black,
];
const MODIFIERS: [Modifier; 6] = [
    Modifier::empty(),
    Modifier::BOLD,
    Modifier::DIM,
    Modifier::UNDERLINED,
    Modifier::REVERSED,
    Modifier::BOLD.union(Modifier::ITALIC),
];

fn random_style(d: &mut Dice) -> Style {
    Style::new()
        .fg(COLOURS[d.roll(COLOURS.len())])
        .bg(COLOURS[d.roll(3)])
        .add_modifier(MODIFIERS[d.roll(MODIFIERS.len())])
}

/// Changes some of `buf`: a few runs of random cells, written as ratatui widgets write them.
fn scribble(buf: &mut Buffer, d: &mut Dice, runs: usize) {
    let area = buf.area;
    for _ in 0..runs {
        let x = d.roll(usize::from(area.width)) as u16;
        let y = d.roll(usize::from(area.height)) as u16;
        let len = 1 + d.roll(6);
        let text: String = (0..len).map(|_| SYMBOLS[d.roll(SYMBOLS.len())]).collect();
        let room = usize::from(area.width - x);
        buf.set_stringn(x, y, &text, room, random_style(d));
    }
}

#[test]
fn the_screen_always_looks_like_the_last_frame() {
    let mut d = Dice(0x5eed);
    for round in 0..200 {
        let area = Rect::new(0, 0, 3 + d.roll(14) as u16, 1 + d.roll(6) as u16);
        let mut vt = Vt::new(area.width, area.height);
        let mut painter = Painter::new(area);
        let mut frame = Buffer::empty(area);
        for _ in 0..8 {
            let mut next = frame.clone();
            if d.roll(4) == 0 {
                next.reset();
            }
            let runs = 1 + d.roll(4);
            scribble(&mut next, &mut d, runs);
            let drawn = next.clone();
            vt.feed(painter.paint(&mut next));
            vt.assert_shows(&drawn);
            frame = drawn;
            let _ = round;
        }
    }
}

#[test]
fn a_frame_of_another_size_is_written_whole_on_a_cleared_screen() {
    let mut painter = Painter::new(Rect::new(0, 0, 4, 2));
    let mut vt = Vt::new(6, 3);
    let mut next = Buffer::empty(Rect::new(0, 0, 6, 3));
    next.set_string(0, 2, "abc", Style::new().bg(Color::Blue));
    let drawn = next.clone();
    vt.feed(painter.paint(&mut next));
    vt.assert_shows(&drawn);
}

/// The bytes ratatui's own diff and crossterm backend write for the same change.
fn ratatui_bytes(before: &Buffer, after: &Buffer) -> usize {
    let mut out = Vec::new();
    CrosstermBackend::new(&mut out)
        .draw(before.diff(after).into_iter())
        .unwrap();
    out.len()
}

#[test]
fn a_blank_whose_invisible_colour_changed_is_not_written() {
    let area = Rect::new(0, 0, 20, 1);
    let mut painter = Painter::new(area);
    let mut first = Buffer::empty(area);
    first.set_string(0, 0, "     ██     ", Style::new().fg(Color::Indexed(214)));
    let mut next = first.clone();
    painter.paint(&mut next);
    let mut second = Buffer::empty(area);
    second.set_string(0, 0, "     ██     ", Style::new().fg(Color::Indexed(74)));
    let mut next = second.clone();
    let bytes = painter.paint(&mut next).to_vec();
    assert_eq!(
        String::from_utf8(bytes).unwrap(),
        "\x1b[2D\x1b[38;5;74m██",
        "only the two blocks change colour, after one move back"
    );
}

#[test]
fn a_countdown_second_takes_fewer_bytes_than_ratatui_writes() {
    // Big digits changing from 45 to 44, as the session screen draws them.
    let area = Rect::new(0, 0, 120, 40);
    let digits = |text: &str| {
        let mut buf = Buffer::empty(area);
        buf.set_string(0, 0, " Countdown · Session A", Style::new());
        let big =
            crate::tui::big::fit_lines(&[text.to_owned()], crate::tui::big::Limits::area(100, 16))
                .unwrap();
        big.render(
            Rect::new(10, 10, 100, 16),
            &mut buf,
            Style::new()
                .fg(Color::Indexed(214))
                .add_modifier(Modifier::BOLD),
        );
        buf
    };
    let (before, after) = (digits("0:45"), digits("0:44"));
    let mut painter = Painter::new(area);
    let mut vt = Vt::new(area.width, area.height);
    vt.feed(painter.paint(&mut before.clone()));
    let ours = painter.paint(&mut after.clone()).to_vec();
    vt.feed(&ours);
    vt.assert_shows(&after);
    let theirs = ratatui_bytes(&before, &after);
    assert!(
        ours.len() * 10 <= theirs * 9,
        "{} bytes against ratatui's {theirs}",
        ours.len()
    );
}

#[test]
fn moves_are_the_shortest_that_get_there() {
    use super::shortest_move as m;
    assert_eq!(m(None, (0, 4)), "\x1b[5H");
    assert_eq!(m(None, (9, 4)), "\x1b[5;10H");
    assert_eq!(m(Some((3, 4)), (4, 4)), "\x1b[C");
    assert_eq!(m(Some((3, 4)), (30, 4)), "\x1b[27C");
    assert_eq!(m(Some((30, 4)), (0, 4)), "\r");
    assert_eq!(m(Some((30, 4)), (30, 5)), "\x1b[B");
    assert_eq!(m(Some((30, 4)), (2, 9)), "\x1b[10;3H");
}

#[test]
fn colours_carry_over_and_change_in_one_sequence() {
    let mut out = Vec::new();
    let bold_orange = Look {
        fg: Color::Indexed(214),
        modifier: Modifier::BOLD,
        ..Look::PLAIN
    };
    super::sgr(&mut out, None, bold_orange);
    assert_eq!(out, b"\x1b[0;1;38;5;214m");
    out.clear();
    let dim_grey = Look {
        fg: Color::Gray,
        modifier: Modifier::DIM,
        ..Look::PLAIN
    };
    super::sgr(&mut out, Some(bold_orange), dim_grey);
    assert_eq!(out, b"\x1b[22;2;38;5;7m");
    out.clear();
    super::sgr(&mut out, Some(dim_grey), dim_grey);
    assert!(out.is_empty());
}

#[test]
fn the_quick_widths_agree_with_ratatui() {
    for c in ('\u{2500}'..='\u{259F}')
        .chain('\u{2800}'..='\u{28FF}')
        .chain(' '..='~')
    {
        let s = c.to_string();
        assert_eq!(super::width(&s), usize::from(s.cell_width()), "{c:?}");
    }
    assert_eq!(super::width("中"), 2);
}
