//! Time is an input. Handlers, jobs and queries take "now" from the [`Clock`] in app state,
//! never from `Utc::now()` or SQL `now()`, so tests can stand still or jump ahead.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};

/// The application's clock: the system's, or a manual one that tests move.
#[derive(Clone, Debug)]
pub enum Clock {
    System,
    Manual(Arc<Mutex<DateTime<Utc>>>),
}

impl Clock {
    /// A clock that stands at `start` until moved.
    pub fn manual(start: DateTime<Utc>) -> Clock {
        Clock::Manual(Arc::new(Mutex::new(start)))
    }

    /// The current time.
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Manual(t) => *t.lock().unwrap_or_else(|poisoned| poisoned.into_inner()),
        }
    }

    /// Moves a manual clock forward (no effect on the system clock).
    pub fn advance(&self, by: Duration) {
        if let Clock::Manual(t) = self {
            let mut t = t.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            *t += by;
        }
    }

    /// Sets a manual clock (no effect on the system clock).
    pub fn set(&self, to: DateTime<Utc>) {
        if let Clock::Manual(t) = self {
            *t.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = to;
        }
    }
}

/// `time` on the Copenhagen calendar day `day`, as an instant: how "07:00 Monday" or "the
/// start of the meeting day" become UTC. An hour that happens twice (the autumn change) takes
/// the first; the hour that does not exist (02:00–03:00 in spring) is never asked for by the
/// callers (midnight, 07:00), and would be read as UTC rather than fail.
pub fn copenhagen(day: chrono::NaiveDate, time: chrono::NaiveTime) -> DateTime<Utc> {
    use chrono::TimeZone;
    let local = day.and_time(time);
    chrono_tz::Europe::Copenhagen
        .from_local_datetime(&local)
        .earliest()
        .map(|t| t.to_utc())
        .unwrap_or_else(|| local.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_moves_only_when_told() {
        let start = DateTime::parse_from_rfc3339("2026-12-05T13:00:00Z")
            .unwrap()
            .to_utc();
        let clock = Clock::manual(start);
        assert_eq!(clock.now(), start);
        clock.advance(Duration::hours(2));
        assert_eq!(clock.now(), start + Duration::hours(2));
    }
}
