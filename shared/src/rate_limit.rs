//! Per-project request rate limit: a fixed-window counter in DynamoDB (atomic `ADD` on a
//! row that expires with its window). Default: 600 requests per project per 60 s.

use anyhow::Context;
use aws_sdk_dynamodb::types::ReturnValue;
use time::OffsetDateTime;

use crate::ids::ProjectId;
use crate::store::{n, project_pk, s, ItemExt, Table};

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
    table: Table,
    limit: RateLimit,
}

impl RateLimiter {
    /// A limiter on `table`.
    pub fn new(table: Table, limit: RateLimit) -> RateLimiter {
        RateLimiter { table, limit }
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
        let window = i64::from(self.limit.window_seconds.max(1));
        let now = now.unix_timestamp();
        let start = now - now.rem_euclid(window);
        let end = start + window;
        let out = self
            .table
            .client
            .update_item()
            .table_name(&self.table.name)
            .key("pk", s(project_pk(project)))
            .key("sk", s(format!("RATE#{start}")))
            .update_expression("ADD hits :one SET expires_at = if_not_exists(expires_at, :exp)")
            .expression_attribute_values(":one", n(1))
            // Kept a little past its window so late readers never see a reset counter early.
            .expression_attribute_values(":exp", n(end + window))
            .return_values(ReturnValue::UpdatedNew)
            .send()
            .await
            .context("counting a request for the rate limit")?;
        let hits = out
            .attributes()
            .context("rate limit update returned nothing")?
            .get_n("hits")?;
        Ok(if hits > i64::from(self.limit.limit) {
            Admission::Limited {
                retry_after: u64::try_from(end - now).unwrap_or(1).max(1),
            }
        } else {
            Admission::Allowed
        })
    }
}
