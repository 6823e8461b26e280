//! upright: a terminal coach for safe spinal strength training with osteoporosis.
//!
//! Data flows one way, and the folders follow it:
//!
//! ```text
//! program/   a RON file is loaded and checked            -> Program
//! training/  Program + levels -> plan; plan + clock       -> engine phases and events
//! records/   events -> journal; journal -> replay         -> levels, history
//! tui/       engine and records -> screens (home, session, check-in, history, class)
//! output/    Program -> handouts; codes -> explanations
//! figure/    an exercise's poses -> strokes -> SVG for paper, a canvas for the terminal
//! author/    the terminal program editor;  cli/  the command line;  common/  shared pieces
//! ```
//!
//! The core (`program`, `training`, `records`) knows nothing of terminals and never reads the
//! system clock itself.

pub mod author;
pub mod cli;
pub mod common;
pub mod figure;
pub mod output;
pub mod program;
pub mod records;
pub mod training;
pub mod tui;
