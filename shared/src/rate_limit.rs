//! Per-project request rate limit: a fixed-window counter in DynamoDB (atomic `ADD` on a
//! row that expires with its window). Default: 600 requests per project per 60 s.

use time::OffsetDateTime;

use crate::ids::ProjectId;
use crate::store::counter::WindowedCounter;
use crate::store::{keys, Table};

/// Requests allowed per window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests allowed in one window.
    pub limit: u32,
    /// Window length in seconds.
    pub window_seconds: u32,
}

impl Default for RateLimit {
    fn default() -> Self {
        RateLimit {
            limit: 600,
            window_seconds: 60,
        }
    }
}

/// The outcome of counting a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// Under the limit.
    Allowed,
    /// Over the limit; retry after this many seconds.
    Limited {
        /// Seconds until the window resets.
        retry_after: u64,
    },
}

/// Counts requests per project and window.
#[derive(Debug, Clone)]
pub struct RateLimiter {
    counter: WindowedCounter,
    limit: RateLimit,
}

impl RateLimiter {
    /// A limiter on `table`.
    pub fn new(table: Table, limit: RateLimit) -> RateLimiter {
        RateLimiter {
            counter: WindowedCounter::new(table, i64::from(limit.window_seconds)),
            limit,
        }
    }

    /// The limit enforced.
    pub fn limit(&self) -> RateLimit {
        self.limit
    }

    /// Counts one request of `project` at `now`.
    pub async fn admit(
        &self,
        project: &ProjectId,
        now: OffsetDateTime,
    ) -> anyhow::Result<Admission> {
        let hits = self
            .counter
            .hit(project, keys::RATE, now.unix_timestamp())
            .await?;
        Ok(if hits.count > i64::from(self.limit.limit) {
            Admission::Limited {
                retry_after: hits.window_left,
            }
        } else {
            Admission::Allowed
        })
    }
}
