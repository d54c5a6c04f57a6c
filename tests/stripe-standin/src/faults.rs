//! Faults on demand: latency, error statuses, dropped connections, malformed bodies.

use serde::{Deserialize, Serialize};

use crate::state::{lock, Shared};

/// What a matching request suffers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    Latency,
    Status,
    Drop,
    Malformed,
}

/// One fault rule, as posted to `POST /_standin/faults`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Fault {
    /// Path pattern; `*` matches any run of characters (`/v1/customers*`).
    pub path: String,
    /// HTTP method to match; any when absent.
    #[serde(default)]
    pub method: Option<String>,
    pub kind: FaultKind,
    #[serde(default)]
    pub latency_ms: Option<u64>,
    #[serde(default)]
    pub status: Option<u16>,
    /// Sets `Stripe-Should-Retry` on status faults.
    #[serde(default)]
    pub should_retry: Option<bool>,
    /// How many requests it applies to; until cleared when absent.
    #[serde(default)]
    pub times: Option<u32>,
}

/// Matches `text` against a pattern where `*` is a wildcard.
pub fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let mut rest = text;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            match rest.strip_prefix(part) {
                Some(r) => rest = r,
                None => return false,
            }
        } else if i == parts.len() - 1 {
            return rest.ends_with(part);
        } else if let Some(pos) = rest.find(part) {
            rest = &rest[pos + part.len()..];
        } else {
            return false;
        }
    }
    true
}

/// Takes one use of the first fault matching this request, if any.
pub fn take(shared: &Shared, method: &str, path: &str) -> Option<Fault> {
    let mut faults = lock(&shared.faults);
    let idx = faults.iter().position(|f| {
        glob(&f.path, path)
            && f.method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method))
            && f.times != Some(0)
    })?;
    let fault = faults[idx].clone();
    if let Some(t) = faults[idx].times.as_mut() {
        *t -= 1;
        if *t == 0 {
            faults.remove(idx);
        }
    }
    Some(fault)
}

#[cfg(test)]
mod tests {
    use super::glob;

    #[test]
    fn glob_matches_prefix_suffix_and_middle() {
        assert!(glob("/v1/customers*", "/v1/customers/cus_1"));
        assert!(glob("/v1/customers*", "/v1/customers"));
        assert!(!glob("/v1/customers*", "/v1/subscriptions"));
        assert!(glob("*/pay", "/v1/invoices/in_1/pay"));
        assert!(glob("/v1/*/in_1*", "/v1/invoices/in_1/pay"));
        assert!(glob("/v1/events", "/v1/events"));
        assert!(!glob("/v1/events", "/v1/events/x"));
    }
}
