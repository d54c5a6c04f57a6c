//! "Email me a new link": rate limits and the email itself.
//!
//! Limits are fixed-window counters (atomic `ADD`) per customer and per email address,
//! under the project's partition; the caller answers the same whatever happens here.

use anyhow::Context;
use aws_sdk_dynamodb::types::ReturnValue;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::ids::{CustomerId, ProjectId};
use crate::store::{n, project_pk, s, ItemExt, Table};

/// New links allowed per customer, and per address, in one window.
pub const RELINKS_PER_WINDOW: i64 = 3;
/// Window length, seconds.
pub const RELINK_WINDOW_SECONDS: i64 = 3600;

/// Counts new-link requests.
#[derive(Debug, Clone)]
pub struct RelinkLimiter {
    table: Table,
}

impl RelinkLimiter {
    /// A limiter on `table`.
    pub fn new(table: Table) -> RelinkLimiter {
        RelinkLimiter { table }
    }

    async fn count(&self, project: &ProjectId, what: &str, now: i64) -> anyhow::Result<i64> {
        let start = now - now.rem_euclid(RELINK_WINDOW_SECONDS);
        let out = self
            .table
            .client
            .update_item()
            .table_name(&self.table.name)
            .key("pk", s(project_pk(project)))
            .key("sk", s(format!("RELINK#{what}#{start}")))
            .update_expression("ADD hits :one SET expires_at = if_not_exists(expires_at, :exp)")
            .expression_attribute_values(":one", n(1))
            .expression_attribute_values(":exp", n(start + 2 * RELINK_WINDOW_SECONDS))
            .return_values(ReturnValue::UpdatedNew)
            .send()
            .await
            .context("counting a new-link request")?;
        out.attributes()
            .context("new-link counter returned nothing")?
            .get_n("hits")
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
        let (customer_key, address_key) = (format!("CUS#{customer}"), format!("ADDR#{address}"));
        let (by_customer, by_address) = tokio::join!(
            self.count(project, &customer_key, now),
            self.count(project, &address_key, now),
        );
        Ok(by_customer? <= RELINKS_PER_WINDOW && by_address? <= RELINKS_PER_WINDOW)
    }
}

/// A plain-text email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    /// Sender (a verified SES identity).
    pub from: String,
    /// Recipient.
    pub to: String,
    /// Subject.
    pub subject: String,
    /// Text body.
    pub text: String,
}

/// Sends an email through SES v1 `SendEmail` (text only).
pub async fn send(ses: &aws_sdk_ses::Client, email: &Email) -> anyhow::Result<()> {
    crate::mail::send(
        ses,
        &crate::mail::Email {
            from: email.from.clone(),
            to: email.to.clone(),
            subject: email.subject.clone(),
            text: email.text.clone(),
            html: None,
        },
    )
    .await
}
