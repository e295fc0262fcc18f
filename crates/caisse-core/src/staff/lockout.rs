//! How long sign-in is refused after wrong passwords or PINs: a few free tries, then a lock
//! that doubles with every further failure, up to a ceiling.

/// The lockout rule. Failures are counted per account and per place (a client address for
/// passwords, a register for PINs), so a stranger elsewhere cannot lock a person out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockoutPolicy {
    /// Failures allowed before the first lock.
    pub free_tries: i64,
    /// Length of the first lock, µs.
    pub first_lock_us: i64,
    /// The longest lock, µs.
    pub max_lock_us: i64,
    /// Failures older than this are forgotten, µs.
    pub forget_after_us: i64,
}

impl Default for LockoutPolicy {
    fn default() -> Self {
        LockoutPolicy {
            free_tries: 5,
            first_lock_us: 60_000_000,
            max_lock_us: 3_600_000_000,
            forget_after_us: 24 * 3_600_000_000,
        }
    }
}

impl LockoutPolicy {
    /// How long to lock after `failures` failures in a row (none before the free tries are
    /// spent): the first lock, doubled for each failure past it, never above the ceiling.
    pub fn lock_for(&self, failures: i64) -> Option<i64> {
        if failures < self.free_tries {
            return None;
        }
        let doublings = u32::try_from(failures - self.free_tries)
            .unwrap_or(u32::MAX)
            .min(40);
        let lock = self.first_lock_us.saturating_mul(1_i64 << doublings);
        Some(lock.min(self.max_lock_us))
    }

    /// Tries left before the next failure locks.
    pub fn tries_left(&self, failures: i64) -> i64 {
        (self.free_tries - failures).max(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_starts_after_the_free_tries_and_doubles_up_to_the_ceiling() {
        let p = LockoutPolicy::default();
        let minute = 60_000_000;
        for (failures, lock, left) in [
            (0, None, 5),
            (1, None, 4),
            (4, None, 1),
            (5, Some(minute), 0),
            (6, Some(2 * minute), 0),
            (7, Some(4 * minute), 0),
            (10, Some(32 * minute), 0),
            (11, Some(60 * minute), 0),
            (1_000, Some(60 * minute), 0),
        ] {
            assert_eq!(p.lock_for(failures), lock, "{failures}");
            assert_eq!(p.tries_left(failures), left, "{failures}");
        }
    }
}
