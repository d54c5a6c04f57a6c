//! Values a process keeps for a bounded time (a project's settings, its Stripe key), so a
//! page does not read them on every request, yet a change reaches every process within
//! the bound. The time is passed in (tests move a clock instead of sleeping).

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::Duration;

use time::OffsetDateTime;

/// Entries kept at most (expired ones are dropped first); beyond it, values are not kept.
const MAX_ENTRIES: usize = 10_000;

/// Values by key, each kept for at most `max_age` after it was read.
#[derive(Debug)]
pub struct Kept<K, V> {
    max_age: Duration,
    entries: Mutex<HashMap<K, (OffsetDateTime, V)>>,
}

impl<K: Eq + Hash + Clone, V: Clone> Kept<K, V> {
    /// An empty cache whose values live `max_age`.
    pub fn new(max_age: Duration) -> Kept<K, V> {
        Kept {
            max_age,
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// How long a value is kept.
    pub fn max_age(&self) -> Duration {
        self.max_age
    }

    fn fresh(&self, read_at: OffsetDateTime, now: OffsetDateTime) -> bool {
        // A clock that went back makes the value stale too: read it again.
        let age = now - read_at;
        !age.is_negative() && age < self.max_age
    }

    /// The value kept for `key`, if it was read less than `max_age` before `now`.
    pub fn get(&self, key: &K, now: OffsetDateTime) -> Option<V> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let (read_at, value) = entries.get(key)?;
        self.fresh(*read_at, now).then(|| value.clone())
    }

    /// Forgets every value (the next `get` of each key misses).
    pub fn clear(&self) {
        self.entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    /// Keeps `value` for `key`, read at `now`.
    pub fn put(&self, key: K, value: V, now: OffsetDateTime) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, (read_at, _)| self.fresh(*read_at, now));
        }
        if entries.len() < MAX_ENTRIES || entries.contains_key(&key) {
            entries.insert(key, (now, value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_lives_its_max_age_and_no_longer() {
        let kept: Kept<&str, u32> = Kept::new(Duration::from_secs(60));
        let t0 = OffsetDateTime::UNIX_EPOCH + time::Duration::days(20_000);
        assert_eq!(kept.get(&"a", t0), None);
        kept.put("a", 1, t0);
        assert_eq!(kept.get(&"a", t0), Some(1));
        assert_eq!(kept.get(&"a", t0 + time::Duration::seconds(59)), Some(1));
        assert_eq!(kept.get(&"a", t0 + time::Duration::seconds(60)), None);
        assert_eq!(kept.get(&"b", t0), None, "per key");
        // A clock that went back does not stretch the bound.
        assert_eq!(kept.get(&"a", t0 - time::Duration::seconds(1)), None);
        kept.put("a", 2, t0 + time::Duration::seconds(60));
        assert_eq!(kept.get(&"a", t0 + time::Duration::seconds(61)), Some(2));
    }
}
