//! The terminal side of upright: the personal coach (`coach`, one module per screen) and the
//! group class display (`class`), the clinic's review table (`review`), the terminal loop that
//! drives any of them (`terminal`), and what their screens share: key tables (`keys`), drawing
//! pieces (`widgets`), big text (`big`), the exercise's figure (`figure_panel`) and colours
//! (`theme`); and job control and signals for any full-screen loop (`signals`).

pub mod big;
pub mod class;
pub mod clock;
pub mod coach;
pub mod figure_panel;
pub mod keys;
pub mod paint;
pub mod review;
pub mod signals;
pub mod terminal;
pub mod theme;
pub mod widgets;

pub use class::Class;
pub use coach::{App, Screen};
pub use terminal::{Shell, run};
