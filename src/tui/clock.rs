//! The wall clock, read here at the edge and handed to the core as an argument, as `Instant`
//! is: the time now and the person's time zone. Tests fix both.

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::common::calendar::Calendar;

#[derive(Debug, Clone)]
pub struct Wall {
    zone: TimeZone,
    /// The time it always says (seconds since 1970), for tests; `None`: the system's.
    fixed: Option<u64>,
}

impl Wall {
    /// The system's clock, in the system's time zone (`TZ`, else the machine's setting).
    pub fn system() -> Wall {
        Wall {
            zone: TimeZone::system(),
            fixed: None,
        }
    }

    /// A clock that always says `unix_secs`, in `zone`.
    pub fn fixed(zone: TimeZone, unix_secs: u64) -> Wall {
        Wall {
            zone,
            fixed: Some(unix_secs),
        }
    }

    /// Moves a clock to `unix_secs` and keeps it there (tests move through days this way).
    pub fn set(&mut self, unix_secs: u64) {
        self.fixed = Some(unix_secs);
    }

    /// Seconds since 1970, now.
    pub fn now(&self) -> u64 {
        self.fixed
            .unwrap_or_else(|| u64::try_from(Timestamp::now().as_second()).unwrap_or(0))
    }

    /// Milliseconds since 1970, now: a new run's id in the journal.
    pub fn now_millis(&self) -> u64 {
        match self.fixed {
            Some(t) => t.saturating_mul(1000),
            None => u64::try_from(Timestamp::now().as_millisecond()).unwrap_or(0),
        }
    }

    /// The person's calendar: days and weeks in their time zone.
    pub fn calendar(&self) -> Calendar {
        Calendar::new(self.zone.clone())
    }
}
