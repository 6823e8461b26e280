//! upright: a terminal coach for safe spinal strength training with osteoporosis.
//!
//! The core (`program`) knows nothing of terminals or clocks; `cli` is the command line.

pub mod author;
pub mod bundled;
pub mod cli;
pub mod explain;
pub mod files;
pub mod guidance;
pub mod handout;
pub mod program;
pub mod text;
