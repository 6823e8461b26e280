//! The class display's layout: every slide is a column of parts laid out to the terminal's
//! size. Big text shares out the spare rows (the countdown most, then the exercise's name),
//! plain text is word-wrapped to exactly the rows it needs, and when rows run short the least
//! needed lines go first, so nothing is cut at any size from 80x24 up.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::common::text::clean_line;
use crate::tui::big::{self, Big, Limits};
use crate::tui::theme::Theme;
use crate::tui::widgets::wrap_line;

/// Text that is big when there is room: up to `share` percent of the spare rows go to it,
/// and it is plain when no big size fits.
pub struct Words {
    /// The big lines and their styles; empty for text that is always plain.
    pub(super) big: Vec<(String, Style)>,
    /// Break the single big line at spaces over up to this many lines; 0 keeps the lines.
    rebreak: usize,
    /// Size as if each big line had at least this many characters.
    min_chars: u16,
    /// The part of the spare rows it may take at first, and of the whole height at most, in
    /// percent. It also ranks the parts: none grows taller than a heading (`big`) with a
    /// larger share.
    share: u16,
    /// A heading: what has a smaller share never grows taller than it.
    heading: bool,
    pub(super) plain: Vec<Line<'static>>,
    /// Continuation lines of wrapped plain text are indented this far.
    indent: u16,
    /// May be left out when rows run short, highest first; 0: never.
    drop: u8,
    /// Takes its rows but shows nothing (the key hint while the class runs, so the screen
    /// does not move when it appears).
    pub(super) hidden: bool,
}

impl Words {
    pub fn plain(line: Line<'static>) -> Words {
        Words {
            big: Vec::new(),
            rebreak: 0,
            min_chars: 0,
            share: 0,
            heading: false,
            plain: vec![line.alignment(Alignment::Center)],
            indent: 0,
            drop: 0,
            hidden: false,
        }
    }

    /// A short `text` big in `style`, or plain; in capitals and bold either way.
    pub fn big(text: &str, style: Style, share: u16, rebreak: usize) -> Words {
        let text = clean_line(text).to_uppercase();
        Words {
            big: vec![(text.clone(), style)],
            rebreak,
            share,
            heading: true,
            ..Words::plain(Line::styled(text, style.add_modifier(Modifier::BOLD)))
        }
    }

    /// A sentence: big (in capitals) when it fits, else plain and bold as written.
    pub fn sentence(text: &str, style: Style, share: u16, rebreak: usize) -> Words {
        let text = clean_line(text);
        Words {
            big: vec![(text.to_uppercase(), style)],
            rebreak,
            share,
            ..Words::plain(Line::styled(
                text.into_owned(),
                style.add_modifier(Modifier::BOLD),
            ))
        }
    }

    /// A left-aligned list, big when it fits as a whole.
    pub fn list(items: Vec<(String, Style, Line<'static>)>, share: u16, indent: u16) -> Words {
        let (big, plain) = items
            .into_iter()
            .map(|(text, style, line)| ((text.to_uppercase(), style), line))
            .unzip();
        Words {
            big,
            rebreak: 0,
            min_chars: 0,
            share,
            heading: false,
            plain,
            indent,
            drop: 0,
            hidden: false,
        }
    }

    pub fn drop(mut self, drop: u8) -> Words {
        self.drop = drop;
        self
    }

    pub fn min_chars(mut self, chars: u16) -> Words {
        self.min_chars = chars;
        self
    }

    fn fit(&self, limits: Limits) -> Option<Big> {
        let limits = Limits {
            min_chars: self.min_chars,
            ..limits
        };
        match self.big.as_slice() {
            [] => None,
            [(text, _)] if self.rebreak > 0 => big::fit(text, self.rebreak, limits),
            lines => {
                let texts: Vec<String> = lines.iter().map(|(t, _)| t.clone()).collect();
                big::fit_lines(&texts, limits)
            }
        }
    }

    fn wrapped(&self, width: u16) -> Vec<Line<'static>> {
        self.plain
            .iter()
            .flat_map(|l| wrap_line(l, width, self.indent))
            .collect()
    }
}

/// One part of a slide's column, top to bottom.
pub enum Part {
    Words(Words),
    /// The class's progress, as a bar of filled and empty blocks.
    Bar(f64),
    /// An even part of the rows nobody else takes.
    Space,
}

/// A part with its rows decided.
pub struct Placed {
    pub part: Part,
    pub rows: u16,
    pub big: Option<Big>,
    pub wrapped: Vec<Line<'static>>,
}

fn bar_rows(height: u16) -> u16 {
    (height / 40).clamp(1, 3)
}

/// Decides every part's rows in `width` x `height`: drops what must go, then gives big text
/// its share of the spare rows, largest share first; in a second round what is left, up to
/// its share of the whole height; never letting a part's glyphs grow taller than those of a
/// part with a larger share.
pub fn arrange(parts: Vec<Part>, width: u16, height: u16) -> Vec<Placed> {
    let mut placed: Vec<Placed> = parts
        .into_iter()
        .map(|part| {
            let wrapped = match &part {
                Part::Words(w) => w.wrapped(width),
                _ => Vec::new(),
            };
            let rows = match &part {
                Part::Words(_) => wrapped.len() as u16,
                Part::Bar(_) => bar_rows(height),
                Part::Space => 0,
            };
            Placed {
                part,
                rows,
                big: None,
                wrapped,
            }
        })
        .collect();
    let total = |p: &[Placed]| p.iter().map(|p| p.rows).sum::<u16>();
    while total(&placed) > height {
        let droppable = placed
            .iter()
            .enumerate()
            .filter_map(|(i, p)| match &p.part {
                Part::Words(w) if w.drop > 0 => Some((w.drop, i)),
                _ => None,
            })
            .max();
        match droppable {
            Some((_, i)) => {
                placed.remove(i);
            }
            None => break,
        }
    }
    let spare_at_first = height.saturating_sub(total(&placed));
    let mut spare = spare_at_first;
    let mut order: Vec<(u16, usize)> = placed
        .iter()
        .enumerate()
        .filter_map(|(i, p)| match &p.part {
            Part::Words(w) if !w.big.is_empty() => Some((w.share, i)),
            _ => None,
        })
        .collect();
    order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for round in 0..2 {
        // A plain heading keeps everything ranked below it plain.
        let mut cap = u16::MAX;
        for &(share, i) in &order {
            let p = &mut placed[i];
            let Part::Words(w) = &p.part else { continue };
            let percent = |of: u16| (u32::from(of) * u32::from(share) / 100) as u16;
            let allowance = if round == 0 {
                p.rows + percent(spare_at_first).min(spare)
            } else {
                (p.rows + spare).min(percent(height).max(p.rows))
            };
            let limits = Limits {
                max_glyph_height: cap,
                ..Limits::area(width, allowance)
            };
            if let Some(fit) = w.fit(limits)
                && p.big
                    .as_ref()
                    .is_none_or(|b| fit.glyph.area() > b.glyph.area())
            {
                spare = spare + p.rows - fit.height();
                p.rows = fit.height();
                p.big = Some(fit);
            }
            if w.heading {
                cap = cap.min(p.big.as_ref().map_or(1, |b| b.glyph.height));
            }
        }
    }
    placed
}

/// Draws a column of parts in `area`.
pub fn column(frame: &mut Frame, area: Rect, parts: Vec<Part>, theme: &Theme) {
    let placed = arrange(parts, area.width, area.height);
    let rects = Layout::vertical(placed.iter().map(|p| match p.part {
        Part::Space => Constraint::Fill(1),
        _ => Constraint::Length(p.rows),
    }))
    .split(area);
    for (p, &rect) in placed.iter().zip(rects.iter()) {
        match (&p.part, &p.big) {
            (Part::Words(w), Some(b)) => {
                let buf = frame.buffer_mut();
                for (i, line) in b.lines.iter().enumerate() {
                    let style = w.big.get(i).map_or(w.big[0].1, |(_, s)| *s);
                    let style = if w.rebreak > 0 { w.big[0].1 } else { style };
                    let one = Big {
                        lines: vec![line.clone()],
                        glyph: b.glyph,
                    };
                    let y = rect.y + i as u16 * b.glyph.height;
                    let row = Rect {
                        y,
                        height: b.glyph.height.min(rect.bottom().saturating_sub(y)),
                        ..rect
                    };
                    one.render(row, buf, style);
                }
            }
            (Part::Words(w), None) if !w.hidden => {
                // Left-aligned lines sit in a block centred as a whole.
                let left = p
                    .wrapped
                    .iter()
                    .all(|l| l.alignment.is_none_or(|a| a == Alignment::Left));
                let rect = if left {
                    let w = p
                        .wrapped
                        .iter()
                        .map(|l| l.width() as u16)
                        .max()
                        .unwrap_or(0);
                    Rect {
                        x: rect.x + rect.width.saturating_sub(w) / 2,
                        width: w.min(rect.width),
                        ..rect
                    }
                } else {
                    rect
                };
                frame.render_widget(Paragraph::new(p.wrapped.clone()), rect);
            }
            (Part::Bar(ratio), _) => {
                let filled = (f64::from(rect.width) * ratio.clamp(0.0, 1.0)).round() as usize;
                let empty = usize::from(rect.width).saturating_sub(filled);
                let line = Line::from(vec![
                    Span::styled("█".repeat(filled), theme.accent),
                    Span::styled("░".repeat(empty), theme.dim),
                ]);
                frame.render_widget(Paragraph::new(vec![line; usize::from(rect.height)]), rect);
            }
            _ => {}
        }
    }
}
