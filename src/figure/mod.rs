//! The figure of an exercise, drawn: joint angles to strokes (`geometry`), strokes to an SVG
//! line drawing for paper (`svg`) and to a ratatui canvas for the terminal (`canvas`), and
//! which pose to show at each phase of the pace (`motion`), with the poses between two key
//! poses for the smooth mode (`tween`). The poses themselves are data of
//! the program (`crate::program::figure`).

pub mod canvas;
pub mod geometry;
pub mod motion;
pub mod svg;
pub mod tween;

pub use canvas::FigureCanvas;
pub use svg::svg;
