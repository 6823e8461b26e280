//! Small pieces every part shares and that hold no training rule: where upright keeps its
//! files, the person's settings, safe file writing, and text made safe for a terminal.

pub mod calendar;
pub mod files;
pub mod paths;
pub mod settings;
pub mod text;
pub mod wrap;
