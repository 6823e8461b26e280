//! upright: a terminal coach for safe spinal strength training with osteoporosis.
//!
//! Data flows one way, and the folders follow it:
//!
//! ```text
//! program/   a RON file is loaded and checked            -> Program
//! training/  Program + levels -> plan; plan + clock       -> engine phases and events, cues
//! records/   events -> journal; journal -> replay         -> levels, history
//! tui/       engine and records -> screens (home, session, check-in, history, class)
//! audio/     cues -> tones and speech through the system's own programs
//! assess/    tests, norms and flags for assessments        -> below / within / above
//! output/    Program -> handouts; journal -> the clinician's report; codes -> explanations
//! figure/    an exercise's poses -> strokes -> SVG for paper, a canvas for the terminal
//! author/    the terminal program editor;  cli/  the command line;  common/  shared pieces
//! ```
//!
//! The core (`program`, `training`, `records`, `assess`) knows nothing of terminals and never reads the
//! system clock itself.

pub mod assess;
pub mod audio;
pub mod author;
pub mod cli;
pub mod common;
pub mod figure;
pub mod output;
pub mod program;
pub mod records;
pub mod training;
pub mod tui;
