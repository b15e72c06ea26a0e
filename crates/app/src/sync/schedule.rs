//! When the next cycle runs: every N minutes, a few seconds after a local
//! edit, and with exponential back-off and jitter while the server cannot
//! be reached. The desktop shell's scheduler thread asks this; keeping the
//! rules here makes them testable without a window.

use std::time::Duration;

/// Default minutes between cycles.
pub const DEFAULT_INTERVAL_MINUTES: u32 = 5;
/// Delay after a local edit, so a burst of edits makes one push.
pub const AFTER_EDIT: Duration = Duration::from_secs(5);
const BACKOFF_FIRST: Duration = Duration::from_secs(15);
const BACKOFF_MAX: Duration = Duration::from_secs(15 * 60);

#[derive(Debug, Clone)]
pub struct Schedule {
    interval: Duration,
    failures: u32,
}

/// What the last cycle came to, as far as timing goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LastRun {
    Succeeded,
    /// Server unreachable: retry sooner than the interval, backing off.
    Unreachable,
    /// Answered but refused (login needed, client too old): wait for the
    /// interval, retrying faster would not help.
    Refused,
}

impl Schedule {
    pub fn new(interval_minutes: u32) -> Self {
        Self { interval: Duration::from_secs(u64::from(interval_minutes.max(1)) * 60), failures: 0 }
    }

    pub fn set_interval(&mut self, minutes: u32) {
        self.interval = Duration::from_secs(u64::from(minutes.max(1)) * 60);
    }

    /// The wait before the next cycle. `jitter` in [0, 1) spreads devices
    /// that lost the server at the same moment.
    pub fn after(&mut self, last: LastRun, jitter: f64) -> Duration {
        match last {
            LastRun::Succeeded | LastRun::Refused => {
                self.failures = 0;
                self.interval
            }
            LastRun::Unreachable => {
                let exp = BACKOFF_FIRST.saturating_mul(1u32 << self.failures.min(10)).min(BACKOFF_MAX);
                self.failures = self.failures.saturating_add(1);
                // Between half and all of the exponential delay, never more
                // than the regular interval.
                exp.mul_f64(0.5 + jitter.clamp(0.0, 1.0) / 2.0).min(self.interval.max(BACKOFF_FIRST))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backs_off_exponentially_with_jitter_up_to_the_interval() {
        let mut s = Schedule::new(5);
        assert_eq!(s.after(LastRun::Succeeded, 0.3), Duration::from_secs(300));
        let waits: Vec<u64> = (0..6).map(|_| s.after(LastRun::Unreachable, 0.999_999).as_secs()).collect();
        assert_eq!(waits, [14, 29, 59, 119, 239, 300]);
        let mut t = Schedule::new(5);
        assert_eq!(t.after(LastRun::Unreachable, 0.0), Duration::from_millis(7_500));
        // Back online: the regular interval again, and the next outage starts small.
        assert_eq!(s.after(LastRun::Succeeded, 0.5), Duration::from_secs(300));
        assert_eq!(s.after(LastRun::Unreachable, 0.0).as_millis(), 7_500);
        assert_eq!(s.after(LastRun::Refused, 0.0), Duration::from_secs(300));
    }
}
