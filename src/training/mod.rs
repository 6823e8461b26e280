//! Training, the second step of the flow: a checked program becomes a plan for today (each
//! item's ladder of doses, the level reached, the concrete phases), and the session engine
//! steps through that plan against a clock it is given. The safety words every screen shares
//! live here too. Nothing here touches a terminal or reads the system clock.

pub mod checkin;
pub mod cues;
pub mod engine;
pub mod ladder;
pub mod plan;
pub mod readiness;
pub mod runnable;
pub mod safety;

pub use engine::{Engine, Summary};
