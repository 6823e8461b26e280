//! The wall clock, read at the edge: the core is given the time, never reads it.

use std::time::{SystemTime, UNIX_EPOCH};

/// A new run's id in the journal: its start in milliseconds since 1970.
pub fn new_run_id() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// Seconds since 1970, now (the wall clock the journal is stamped with).
pub fn unix_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
