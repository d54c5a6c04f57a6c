//! Exactly-once claims: a conditional put before the work, released if the work fails so
//! a retry can do it. Webhook events ([`EventClaims`]) and subscription emails
//! ([`MailClaims`]) are claimed this way.

use anyhow::Context;

use crate::ids::ProjectId;
use crate::store::{keys, n, s, Item, Table};

async fn claim(table: &Table, pk: String, sk: String, now: i64, keep: i64) -> anyhow::Result<bool> {
    let item = Item::from([
        ("pk".to_owned(), s(pk)),
        ("sk".to_owned(), s(sk)),
        ("created".to_owned(), n(now)),
        ("expires_at".to_owned(), n(now + keep)),
    ]);
    table.put_new(item).await
}

/// Webhook events processed, by id (`EVENT#<evt id>`).
#[derive(Debug, Clone)]
pub struct EventClaims {
    table: Table,
}

impl EventClaims {
    /// Claims on `table`.
    pub fn new(table: Table) -> EventClaims {
        EventClaims { table }
    }

    /// Claims event `id`; `false` if it was claimed already (processed or processing).
    pub async fn claim(&self, project: &ProjectId, id: &str, now: i64) -> anyhow::Result<bool> {
        claim(
            &self.table,
            keys::project_pk(project),
            keys::event(id),
            now,
            keys::EVENT_CLAIM_SECONDS,
        )
        .await
        .context("claiming an event")
    }

    /// Gives the claim back (processing failed, so Stripe's retry processes it).
    pub async fn release(&self, project: &ProjectId, id: &str) -> anyhow::Result<()> {
        self.table
            .delete(&keys::project_pk(project), &keys::event(id))
            .await
            .context("releasing an event claim")
    }
}

/// Subscription emails sent, by subscription and transition key
/// (`MAIL#<subscription>#<transition key>`).
#[derive(Debug, Clone)]
pub struct MailClaims {
    table: Table,
}

impl MailClaims {
    /// Claims on `table`.
    pub fn new(table: Table) -> MailClaims {
        MailClaims { table }
    }

    /// Claims the email for `key`; `false` if it was already claimed (sent or sending).
    pub async fn claim(
        &self,
        project: &ProjectId,
        subscription: &str,
        key: &str,
        now: i64,
    ) -> anyhow::Result<bool> {
        claim(
            &self.table,
            keys::project_pk(project),
            keys::mail(subscription, key),
            now,
            keys::MAIL_CLAIM_SECONDS,
        )
        .await
        .context("claiming an email")
    }

    /// Gives a claim back (the send failed, so a retry may send it).
    pub async fn release(
        &self,
        project: &ProjectId,
        subscription: &str,
        key: &str,
    ) -> anyhow::Result<()> {
        self.table
            .delete(&keys::project_pk(project), &keys::mail(subscription, key))
            .await
            .context("releasing an email claim")
    }
}
