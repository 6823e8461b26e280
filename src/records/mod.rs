//! Records, the third step of the flow: the journal every set and check-in is appended to,
//! the replay that turns it back into progress levels, and the history figures and export
//! read from it. Pure apart from the journal file itself: time comes in as an argument.

pub mod assessments;
pub mod export;
pub mod history;
pub mod journal;
pub mod recent;
pub mod replay;
pub mod report;
pub mod review;
pub mod rules;
pub mod runs;
pub mod snapshot;
