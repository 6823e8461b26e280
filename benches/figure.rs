//! Drawing figures: one pose on the terminal canvas at the session screen's size and at a
//! class display's, one in-between pose of the smooth mode, and one pose as SVG (the handout
//! draws two per exercise).

use divan::black_box;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use upright::figure::{FigureCanvas, svg, tween};
use upright::program::figure::Figures;

fn main() {
    Figures::bundled();
    divan::main();
}

fn draw(w: u16, h: u16) {
    let f = Figures::bundled().get("sit-to-stand").unwrap();
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    FigureCanvas::new(f, *f.end()).render(area, &mut buf);
    black_box(buf);
}

#[divan::bench]
fn canvas_30x14() {
    draw(30, 14);
}

#[divan::bench]
fn canvas_90x50() {
    draw(90, 50);
}

/// The smooth mode's frame: a pose between two key poses, worked out and drawn.
#[divan::bench]
fn smooth_frame_30x18() {
    let f = Figures::bundled().get("sit-to-stand").unwrap();
    let pose = tween::between(f.start(), f.end(), black_box(0.4));
    let area = Rect::new(0, 0, 30, 18);
    let mut buf = Buffer::empty(area);
    FigureCanvas::new(f, pose).render(area, &mut buf);
    black_box(buf);
}

#[divan::bench]
fn svg_one_pose() {
    let f = Figures::bundled().get("sit-to-stand").unwrap();
    black_box(svg(f, f.end(), 130));
}

#[divan::bench]
fn every_library_figure_as_svg() {
    for (_, f) in Figures::bundled().all() {
        black_box(svg(f, f.start(), 130));
        black_box(svg(f, f.end(), 130));
    }
}
