//! "Email me a new link": its rate limits (the email goes out through `mail::send`).
//!
//! Limits are fixed-window counters (atomic `ADD`) per customer and per email address,
//! under the project's partition; the caller answers the same whatever happens here.

use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::ids::{CustomerId, ProjectId};
use crate::store::counter::WindowedCounter;
use crate::store::{keys, Table};

/// New links allowed per customer, and per address, in one window.
pub const RELINKS_PER_WINDOW: i64 = 3;
/// Window length, seconds.
pub const RELINK_WINDOW_SECONDS: i64 = 3600;

/// Counts new-link requests.
#[derive(Debug, Clone)]
pub struct RelinkLimiter {
    counter: WindowedCounter,
}

impl RelinkLimiter {
    /// A limiter on `table`.
    pub fn new(table: Table) -> RelinkLimiter {
        RelinkLimiter {
            counter: WindowedCounter::new(table, RELINK_WINDOW_SECONDS),
        }
    }

    /// Counts one request for `customer` (whose address is `email`); `true` if both the
    /// customer and the address are under the limit.
    pub async fn admit(
        &self,
        project: &ProjectId,
        customer: &CustomerId,
        email: &str,
        now: OffsetDateTime,
    ) -> anyhow::Result<bool> {
        let now = now.unix_timestamp();
        // Addresses are hashed: the table holds no customer email.
        let address = hex::encode(Sha256::digest(email.trim().to_ascii_lowercase().as_bytes()));
        let (customer, address) = (
            keys::relink_customer(customer),
            keys::relink_address(&address),
        );
        let (by_customer, by_address) = tokio::join!(
            self.counter.hit(project, &customer, now),
            self.counter.hit(project, &address, now),
        );
        Ok(by_customer?.count <= RELINKS_PER_WINDOW && by_address?.count <= RELINKS_PER_WINDOW)
    }
}
