//! A pose as an SVG line drawing: a pure function of the figure and the pose, with no text in
//! it (the caller captions it), the same box for every pose of a figure so start and end line
//! up side by side, and nothing outside the `<svg>` element it returns.

use std::fmt::Write as _;

use super::geometry::{Ink, Shape, bounds, strokes};
use crate::program::figure::{Figure, Pose};

/// Stroke width (centimetres) and colour of each ink.
fn pen(ink: Ink) -> (f64, &'static str) {
    match ink {
        Ink::Trunk => (9.0, "#1f1f1f"),
        Ink::Limb => (5.0, "#1f1f1f"),
        Ink::Far => (5.0, "#a3a3a3"),
        Ink::Prop => (2.4, "#6f6f6f"),
        Ink::Floor => (1.6, "#444444"),
    }
}

/// `pose` of `figure` as an `<svg>` element `height` pixels tall (the width follows the
/// figure's shape).
pub fn svg(figure: &Figure, pose: &Pose, height: u32) -> String {
    let b = bounds(figure);
    let width = (f64::from(height) * b.width() / b.height()).round();
    let x = |v: f64| v - b.left;
    let y = |v: f64| b.top - v;
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {:.0} {:.0}\" fill=\"none\" stroke-linecap=\"round\" stroke-linejoin=\"round\">",
        b.width(),
        b.height()
    );
    for s in strokes(figure, pose) {
        let (w, colour) = pen(s.ink);
        match s.shape {
            Shape::Line(a, c) => {
                let _ = write!(
                    out,
                    "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{colour}\" stroke-width=\"{w}\"/>",
                    x(a.x),
                    y(a.y),
                    x(c.x),
                    y(c.y)
                );
            }
            Shape::Disc(c, r) => {
                let _ = write!(
                    out,
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{r:.1}\" fill=\"{colour}\"/>",
                    x(c.x),
                    y(c.y)
                );
            }
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::figure::Figures;

    #[test]
    fn a_drawing_is_one_svg_element_of_lines_and_discs_only() {
        let f = Figures::bundled().get("sit-to-stand").unwrap();
        let s = svg(f, f.start(), 160);
        assert!(s.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(s.ends_with("</svg>"));
        assert_eq!(s.matches("<svg").count(), 1);
        let tags: std::collections::BTreeSet<&str> = s
            .split('<')
            .skip(1)
            .map(|t| t.split([' ', '>', '/']).next().unwrap_or(""))
            .collect();
        assert_eq!(
            tags.into_iter().collect::<Vec<_>>(),
            ["", "circle", "line", "svg"]
        );
        assert!(s.contains("height=\"160\""));
        assert!(!s.contains("NaN") && !s.contains("inf"));
    }

    #[test]
    fn start_and_end_share_one_box_and_differ() {
        for (id, f) in Figures::bundled().all() {
            let (a, b) = (svg(f, f.start(), 120), svg(f, f.end(), 120));
            let head = |s: &str| s[..s.find('>').unwrap()].to_owned();
            assert_eq!(head(&a), head(&b), "{id}");
            assert_ne!(a, b, "{id}: start and end look the same");
        }
    }
}

/// Writes every library figure as SVG files into the folder `FIGURE_GALLERY` names, to look
/// at by eye: `FIGURE_GALLERY=/tmp/figures cargo test figure_gallery_files -- --ignored`.
#[cfg(test)]
#[test]
#[ignore = "writes files for a person to look at"]
fn figure_gallery_files() {
    let dir = std::path::PathBuf::from(std::env::var("FIGURE_GALLERY").expect("FIGURE_GALLERY"));
    std::fs::create_dir_all(&dir).unwrap();
    for (id, f) in crate::program::figure::Figures::bundled().all() {
        for (i, p) in f.poses.iter().enumerate() {
            std::fs::write(dir.join(format!("{id}-{i}.svg")), svg(f, p, 200)).unwrap();
        }
    }
}
