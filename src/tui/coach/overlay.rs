//! The dialogs that open over a screen. Each is drawn, keyed and acted on by its own module
//! (`help`, `session` for "quit?", `check_in`, `red_flags`); this only names them.

use super::check_in::{CheckIn, Pain};
use super::red_flags::RedFlags;

/// A dialog over a screen; a session is paused while one is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The keys of the screen below, from its key table.
    Help,
    ConfirmQuit,
    CheckIn(CheckIn),
    RedFlags(RedFlags),
    /// After sharp pain: stop, advice, go on or end.
    Pain(Pain),
}
