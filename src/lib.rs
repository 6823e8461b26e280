//! upright: a terminal coach for safe spinal strength training with osteoporosis.
//!
//! The core (`program`) knows nothing of terminals or clocks; `cli` is the command line.

pub mod author;
pub mod bundled;
pub mod cli;
pub mod explain;
pub mod files;
pub mod handout;
pub mod history;
pub mod journal;
pub mod paths;
pub mod plan;
pub mod program;
pub mod progress;
pub mod replay;
pub mod safety;
pub mod session;
pub mod settings;
pub mod sources;
pub mod text;
pub mod tui;
