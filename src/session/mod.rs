//! The session engine: steps through a `Plan` against deadlines on a monotonic clock, takes
//! the person's inputs (done, skip, back, pause, check-ins, red flags) and emits journal
//! events. It never reads the clock itself: every call is given `now`, so tests run a whole
//! session in microseconds with a fake clock.

mod engine;

pub use engine::{Engine, Summary};
