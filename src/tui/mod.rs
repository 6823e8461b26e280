//! The terminal side of upright: the personal coach (`coach`, one module per screen) and the
//! group class display (`class`), the terminal loop that drives either (`terminal`), and what
//! their screens share: key tables (`keys`), drawing pieces (`widgets`), big text (`big`) and
//! colours (`theme`).

pub mod big;
pub mod class;
pub mod clock;
pub mod coach;
pub mod keys;
pub mod terminal;
pub mod theme;
pub mod widgets;

pub use class::Class;
pub use coach::{App, Screen};
pub use terminal::{Shell, run};
