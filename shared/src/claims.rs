//! Exactly-once work with a lease: a claim is taken with a conditional put before the
//! work (`pending`, held until `locked_until`), marked `done` after it, and released if
//! the work fails, so a retry can do it. A holder that never comes back (its Lambda was
//! killed) loses the claim when the lease runs out, and the next delivery takes it over.
//! Webhook events ([`EventClaims`]) and subscription emails ([`MailClaims`]) are claimed
//! this way.

use anyhow::Context;
use aws_sdk_dynamodb::types::AttributeValue;

use crate::clock::{random_base62, OsRandom};
use crate::ids::ProjectId;
use crate::store::{is_conditional_check_failed, keys, n, s, Item, ItemExt, Table};

/// How long a claim is held before another attempt may take it over: longer than any
/// function runs (29 s).
pub const CLAIM_LEASE_SECONDS: i64 = 60;

/// The holder of a claim: only it can mark the work done or give the claim back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lease {
    holder: String,
}

/// The outcome of claiming.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// This attempt holds the claim: do the work, then `done` or `release`.
    Fresh(Lease),
    /// The work was done.
    Done,
    /// Another attempt holds the claim and its lease has not run out.
    InFlight,
}

/// One kind of claim row.
#[derive(Debug, Clone)]
struct Claims {
    table: Table,
    keep: i64,
}

impl Claims {
    async fn claim(&self, pk: String, sk: String, now: i64) -> anyhow::Result<Claim> {
        // A row released between a failed put and the read is tried again.
        for _ in 0..3 {
            let holder = random_base62(&OsRandom, 16)?;
            let item = Item::from([
                ("pk".to_owned(), s(&pk)),
                ("sk".to_owned(), s(&sk)),
                ("state".to_owned(), s("pending")),
                ("holder".to_owned(), s(&holder)),
                ("locked_until".to_owned(), n(now + CLAIM_LEASE_SECONDS)),
                ("created".to_owned(), n(now)),
                ("expires_at".to_owned(), n(now + self.keep)),
            ]);
            let put = self
                .table
                .client()
                .put_item()
                .table_name(self.table.name())
                .set_item(Some(item))
                .condition_expression(
                    "attribute_not_exists(pk) OR (#state = :pending AND locked_until <= :now)",
                )
                .expression_attribute_names("#state", "state")
                .expression_attribute_values(":pending", s("pending"))
                .expression_attribute_values(":now", n(now))
                .send()
                .await;
            match put {
                Ok(_) => return Ok(Claim::Fresh(Lease { holder })),
                Err(e) if is_conditional_check_failed(&e) => {}
                Err(e) => return Err(anyhow::Error::new(e).context("taking a claim")),
            }
            let Some(row) = self.table.get(&pk, &sk).await? else {
                continue;
            };
            // Rows written before leases existed have no state: their work was done.
            return Ok(match row.get_s_opt("state") {
                Some("pending") => Claim::InFlight,
                _ => Claim::Done,
            });
        }
        Ok(Claim::InFlight)
    }

    /// Marks the work done (kept `keep` seconds). A holder that lost its lease to another
    /// attempt changes nothing.
    async fn done(&self, pk: String, sk: String, lease: &Lease) -> anyhow::Result<()> {
        let res = self
            .table
            .client()
            .update_item()
            .table_name(self.table.name())
            .key("pk", s(pk))
            .key("sk", s(sk))
            .update_expression("SET #state = :done REMOVE locked_until, holder")
            .condition_expression("holder = :holder")
            .expression_attribute_names("#state", "state")
            .expression_attribute_values(":done", s("done"))
            .expression_attribute_values(":holder", AttributeValue::S(lease.holder.clone()))
            .send()
            .await;
        match res {
            Ok(_) => Ok(()),
            Err(e) if is_conditional_check_failed(&e) => Ok(()),
            Err(e) => Err(anyhow::Error::new(e).context("marking a claim done")),
        }
    }

    /// Gives the claim back (the work failed, so a retry may do it); only its holder can.
    async fn release(&self, pk: String, sk: String, lease: &Lease) -> anyhow::Result<()> {
        let res = self
            .table
            .client()
            .delete_item()
            .table_name(self.table.name())
            .key("pk", s(pk))
            .key("sk", s(sk))
            .condition_expression("holder = :holder")
            .expression_attribute_values(":holder", AttributeValue::S(lease.holder.clone()))
            .send()
            .await;
        match res {
            Ok(_) => Ok(()),
            Err(e) if is_conditional_check_failed(&e) => Ok(()),
            Err(e) => Err(anyhow::Error::new(e).context("releasing a claim")),
        }
    }
}

/// Webhook events processed, by id (`EVENT#<evt id>`).
#[derive(Debug, Clone)]
pub struct EventClaims(Claims);

impl EventClaims {
    /// Claims on `table`.
    pub fn new(table: Table) -> EventClaims {
        EventClaims(Claims {
            table,
            keep: keys::EVENT_CLAIM_SECONDS,
        })
    }

    /// Claims event `id` at `now`.
    pub async fn claim(&self, project: &ProjectId, id: &str, now: i64) -> anyhow::Result<Claim> {
        self.0
            .claim(keys::project_pk(project), keys::event(id), now)
            .await
            .context("claiming an event")
    }

    /// The event was processed.
    pub async fn done(&self, project: &ProjectId, id: &str, lease: &Lease) -> anyhow::Result<()> {
        self.0
            .done(keys::project_pk(project), keys::event(id), lease)
            .await
    }

    /// Gives the claim back (processing failed, so Stripe's retry processes it).
    pub async fn release(
        &self,
        project: &ProjectId,
        id: &str,
        lease: &Lease,
    ) -> anyhow::Result<()> {
        self.0
            .release(keys::project_pk(project), keys::event(id), lease)
            .await
    }
}

/// Subscription emails sent, by subscription and transition key
/// (`MAIL#<subscription>#<transition key>`).
#[derive(Debug, Clone)]
pub struct MailClaims(Claims);

impl MailClaims {
    /// Claims on `table`.
    pub fn new(table: Table) -> MailClaims {
        MailClaims(Claims {
            table,
            keep: keys::MAIL_CLAIM_SECONDS,
        })
    }

    /// Claims the email for `key` at `now`.
    pub async fn claim(
        &self,
        project: &ProjectId,
        subscription: &str,
        key: &str,
        now: i64,
    ) -> anyhow::Result<Claim> {
        self.0
            .claim(
                keys::project_pk(project),
                keys::mail(subscription, key),
                now,
            )
            .await
            .context("claiming an email")
    }

    /// The email was sent.
    pub async fn done(
        &self,
        project: &ProjectId,
        subscription: &str,
        key: &str,
        lease: &Lease,
    ) -> anyhow::Result<()> {
        self.0
            .done(
                keys::project_pk(project),
                keys::mail(subscription, key),
                lease,
            )
            .await
    }

    /// Gives a claim back (the send failed, so a retry may send it).
    pub async fn release(
        &self,
        project: &ProjectId,
        subscription: &str,
        key: &str,
        lease: &Lease,
    ) -> anyhow::Result<()> {
        self.0
            .release(
                keys::project_pk(project),
                keys::mail(subscription, key),
                lease,
            )
            .await
    }
}
