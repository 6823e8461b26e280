//! A pose drawn in the terminal: a ratatui widget that paints the figure's strokes on a
//! braille `Canvas`, as large as its area allows without stretching (braille dots are about
//! square), standing on the bottom row, centred. The trunk and limbs are drawn several dots
//! thick when the area is large enough for it, so the figure reads across a room.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::symbols::Marker;
use ratatui::widgets::Widget;
use ratatui::widgets::canvas::{Canvas, Context, Line, Points};

use super::geometry::{Bounds, Ink, Point, Shape, Stroke, bounds, strokes};
use crate::program::figure::{Figure, Pose};

/// The colours of a figure on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub body: Color,
    pub far: Color,
    pub prop: Color,
    /// Under the dots: the screen's own background.
    pub background: Color,
}

impl Default for Palette {
    fn default() -> Palette {
        Palette {
            body: Color::Reset,
            far: Color::DarkGray,
            prop: Color::DarkGray,
            background: Color::Reset,
        }
    }
}

/// One pose of a figure, drawn to fill its area.
#[derive(Debug, Clone)]
pub struct FigureCanvas<'a> {
    figure: &'a Figure,
    pose: Pose,
    palette: Palette,
}

impl<'a> FigureCanvas<'a> {
    pub fn new(figure: &'a Figure, pose: Pose) -> FigureCanvas<'a> {
        FigureCanvas {
            figure,
            pose,
            palette: Palette::default(),
        }
    }

    pub fn palette(mut self, palette: Palette) -> FigureCanvas<'a> {
        self.palette = palette;
        self
    }
}

/// Braille: two dots across and four down in every cell.
const DOTS: (f64, f64) = (2.0, 4.0);

/// The floor's place: this many dots above the bottom edge, inside the last row.
const FLOOR_DOTS: f64 = 1.5;

/// The world box a `width` x `height` cell area shows: the figure's box grown to the area's
/// shape, centred across, the floor in the bottom row; and the centimetres per dot.
fn view(b: &Bounds, width: u16, height: u16) -> ([f64; 2], [f64; 2], f64) {
    let (dw, dh) = (f64::from(width) * DOTS.0, f64::from(height) * DOTS.1);
    let scale = (b.width() / dw).max(b.top / (dh - FLOOR_DOTS));
    let mid = (b.left + b.right) / 2.0;
    let x = [mid - dw * scale / 2.0, mid + dw * scale / 2.0];
    let bottom = -FLOOR_DOTS * scale;
    (x, [bottom, bottom + dh * scale], scale)
}

/// The box around every pose of `figure`. The session screen asks for it every second, for
/// the same figure all through an exercise: the last one's is kept (working it out draws every
/// pose's strokes).
fn kept_bounds(figure: &Figure) -> Bounds {
    thread_local! {
        static LAST: std::cell::RefCell<Option<(Figure, Bounds)>> =
            const { std::cell::RefCell::new(None) };
    }
    LAST.with_borrow_mut(|last| match last {
        Some((f, b)) if f == figure => *b,
        _ => {
            let b = bounds(figure);
            *last = Some((figure.clone(), b));
            b
        }
    })
}

/// How many cells wide the figure is drawn when it is `rows` rows tall (at least one), so a
/// screen can give it the width it needs and no more.
pub fn cells_wide(figure: &Figure, rows: u16) -> u16 {
    if figure.poses.is_empty() || rows == 0 {
        return 0;
    }
    let b = kept_bounds(figure);
    let dots_high = (f64::from(rows) * DOTS.1 - FLOOR_DOTS).max(1.0);
    let dots_wide = b.width() / (b.top / dots_high);
    (dots_wide / DOTS.0).ceil().clamp(1.0, f64::from(u16::MAX)) as u16
}

impl Widget for FigureCanvas<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < 4 || area.height < 3 || self.figure.poses.is_empty() {
            return;
        }
        let (x, y, scale) = view(&kept_bounds(self.figure), area.width, area.height);
        let list = strokes(self.figure, &self.pose);
        let palette = self.palette;
        Canvas::default()
            .marker(Marker::Braille)
            .background_color(palette.background)
            .x_bounds(x)
            .y_bounds(y)
            .paint(|ctx| {
                for s in &list {
                    paint(ctx, s, scale, palette);
                }
            })
            .render(area, buf);
    }
}

/// How many dots thick, and in which colour.
fn pen(ink: Ink, scale: f64, palette: Palette) -> (f64, Color) {
    let dots = |cm: f64, most: f64| (cm / scale).round().clamp(1.0, most);
    match ink {
        Ink::Trunk => (dots(9.0, 4.0), palette.body),
        Ink::Limb => (dots(5.0, 3.0), palette.body),
        Ink::Far => (dots(5.0, 3.0), palette.far),
        Ink::Prop | Ink::Floor => (1.0, palette.prop),
    }
}

fn paint(ctx: &mut Context, s: &Stroke, scale: f64, palette: Palette) {
    let (thick, color) = pen(s.ink, scale, palette);
    match s.shape {
        Shape::Line(a, b) => {
            let len = ((b.x - a.x).powi(2) + (b.y - a.y).powi(2)).sqrt();
            let (nx, ny) = if len > 0.0 {
                (-(b.y - a.y) / len, (b.x - a.x) / len)
            } else {
                (0.0, 0.0)
            };
            let steps = thick as i32;
            for k in 0..steps {
                let off = (f64::from(k) - f64::from(steps - 1) / 2.0) * scale;
                let m = |p: Point| (p.x + nx * off, p.y + ny * off);
                let ((x1, y1), (x2, y2)) = (m(a), m(b));
                ctx.draw(&Line::new(x1, y1, x2, y2, color));
            }
        }
        Shape::Disc(c, r) => {
            // Filled, a row of dots at a time; at least one dot however small.
            ctx.draw(&Points::new(&[(c.x, c.y)], color));
            let mut dy = -r;
            while dy <= r {
                let half = (r * r - dy * dy).max(0.0).sqrt();
                ctx.draw(&Line::new(
                    c.x - half,
                    c.y + dy,
                    c.x + half,
                    c.y + dy,
                    color,
                ));
                dy += scale;
            }
        }
    }
}

/// The figure as text (one braille character a cell), for tests and plain-text output.
pub fn text(figure: &Figure, pose: &Pose, width: u16, height: u16) -> Vec<String> {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    FigureCanvas::new(figure, *pose).render(area, &mut buf);
    (0..height)
        .map(|y| {
            let row: String = (0..width)
                .map(|x| buf[(x, y)].symbol().to_owned())
                .collect();
            row.trim_end().to_owned()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::Library;
    use crate::program::figure::Figures;

    /// The gallery: every library figure, start and end, at one size. A change to a pose,
    /// the body's measurements or the drawing shows here, exercise by exercise.
    #[test]
    fn gallery_of_every_library_figure() {
        let (w, h) = (22, 10);
        let mut out = String::new();
        for e in Library::bundled().exercises() {
            let f = Figures::bundled()
                .get(&e.id)
                .expect("every exercise has a figure");
            out.push_str(&format!("── {} ({}) ──\n", e.id, e.name));
            let start = text(f, f.start(), w, h);
            let end = text(f, f.end(), w, h);
            for (a, b) in start.iter().zip(&end) {
                let pad = w as usize - a.chars().count();
                let row = format!("{a}{}  │ {b}", " ".repeat(pad));
                out.push_str(row.trim_end());
                out.push('\n');
            }
        }
        insta::assert_snapshot!("gallery", out);
    }

    #[test]
    fn the_figure_fills_its_area_without_stretching_at_any_size() {
        let f = Figures::bundled().get("sit-to-stand").unwrap();
        for (w, h) in [
            (4, 3),
            (10, 5),
            (30, 12),
            (80, 40),
            (200, 60),
            (300, 20),
            (6, 80),
        ] {
            let rows = text(f, f.end(), w, h);
            assert_eq!(rows.len(), h as usize);
            let drawn = rows.iter().filter(|r| !r.trim().is_empty()).count();
            assert!(drawn > 0, "nothing drawn at {w}x{h}");
            // Standing on the bottom row: the floor is there.
            assert!(!rows[h as usize - 1].trim().is_empty(), "{w}x{h} floats");
        }
        let tall = text(f, f.end(), 60, 20);
        let wide = text(f, f.end(), 200, 20);
        let height = |rows: &[String]| rows.iter().filter(|r| !r.trim().is_empty()).count();
        assert_eq!(
            height(&tall),
            height(&wide),
            "a wide area stretched the figure"
        );
    }

    #[test]
    fn the_width_a_figure_needs_fills_the_height_and_no_more() {
        for id in ["sit-to-stand", "bridge", "bird-dog", "wall-push-up"] {
            let f = Figures::bundled().get(id).unwrap();
            for rows in [8, 14, 20, 40] {
                let w = cells_wide(f, rows);
                let drawn = text(f, f.end(), w, rows);
                let rows_used = drawn.iter().filter(|r| !r.trim().is_empty()).count();
                let widest = drawn.iter().map(|r| r.chars().count()).max().unwrap();
                assert!(widest as u16 <= w, "{id} at {rows} rows: wider than {w}");
                // Given its width the figure is as tall as at any greater width.
                let wide = text(f, f.end(), w + 40, rows);
                let rows_wide = wide.iter().filter(|r| !r.trim().is_empty()).count();
                assert_eq!(rows_used, rows_wide, "{id} at {rows} rows squeezed in {w}");
            }
            assert!(
                cells_wide(f, 20) > cells_wide(f, 10),
                "{id} grows with the height"
            );
        }
        let lying = cells_wide(Figures::bundled().get("bridge").unwrap(), 10);
        let standing = cells_wide(Figures::bundled().get("sit-to-stand").unwrap(), 10);
        assert!(
            lying > standing,
            "a lying figure is wider: {lying} vs {standing}"
        );
    }

    #[test]
    fn nothing_is_drawn_in_an_area_too_small_to_show_a_person() {
        let f = Figures::bundled().get("bridge").unwrap();
        assert!(text(f, f.start(), 3, 2).iter().all(|r| r.is_empty()));
    }
}

/// Prints the figures named in `FIGURES` (comma-separated ids) at `FIGURE_SIZE` (such as
/// `30x14`), start and end, to look at by eye:
/// `FIGURES=bridge FIGURE_SIZE=60x30 cargo test print_figures -- --ignored --nocapture`.
#[cfg(test)]
#[test]
#[ignore = "prints figures for a person to look at"]
fn print_figures() {
    let ids = std::env::var("FIGURES").unwrap_or_default();
    let size = std::env::var("FIGURE_SIZE").unwrap_or_else(|_| "30x14".into());
    let (w, h) = size.split_once('x').expect("WxH");
    let (w, h): (u16, u16) = (w.parse().unwrap(), h.parse().unwrap());
    for id in ids.split(',') {
        let f = crate::program::figure::Figures::bundled()
            .get(id)
            .expect(id);
        println!("── {id} ──");
        for pose in [f.start(), f.end()] {
            for row in text(f, pose, w, h) {
                println!("{row}");
            }
        }
    }
}
