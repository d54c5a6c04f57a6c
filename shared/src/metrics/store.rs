//! The counters on DynamoDB. Every event is one request on the caller's critical path:
//! an `UpdateItem ... ADD`, or, where a session's flag and a day's counter must move
//! together, one `TransactWriteItems` (the flag's condition makes a session count once).

use std::collections::{BTreeMap, HashMap, HashSet};

use anyhow::{anyhow, Context};
use aws_sdk_dynamodb::types::{AttributeValue, KeysAndAttributes, TransactWriteItem, Update};
use time::{Date, OffsetDateTime};

use super::emf::Emf;
use super::{
    day_of, day_of_unix, format_day, FunnelStep, Job, TicketCategory, FUNNEL_ACCEPTED,
    FUNNEL_REASON, FUNNEL_SHOWN,
};
use crate::browser_session::BrowserSession;
use crate::ids::{CustomerId, ProjectId};
use crate::store::{is_transaction_condition_failed, keys, n, s, Item, ItemExt, Table};

/// Most tickets one `POST /v1/support_tickets` may carry (one transaction).
pub const MAX_TICKETS_PER_REQUEST: usize = 100;
/// "Portal then ticket": a redeemed session at most this long before the ticket.
const PORTAL_THEN_TICKET_SECONDS: i64 = 24 * 3600;
/// Retries of a session's first-outcome transaction lost to a concurrent request.
const OUTCOME_ATTEMPTS: usize = 4;

fn day_sk(day: Date) -> String {
    keys::metrics_day(&format_day(day))
}

fn marker_sk(customer: &CustomerId, day: Date) -> String {
    keys::customer_redeemed(customer, &format_day(day))
}

/// One day's raw counters as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DayCounts {
    /// The UTC day.
    pub date: Option<Date>,
    /// Sessions minted (`POST /v1/sessions`).
    pub minted: i64,
    /// Sessions redeemed (sign-in).
    pub redeemed: i64,
    /// Of the sessions redeemed this day: those with at least one job.
    pub completed: i64,
    /// Of the sessions redeemed this day: those that clicked "Contact support".
    pub escalated: i64,
    /// Of the sessions redeemed this day: those with a job or an escalation.
    pub engaged: i64,
    /// Jobs done this day, by kind.
    pub jobs: BTreeMap<Job, i64>,
    /// Billing tickets reported for this day, by category.
    pub tickets: BTreeMap<TicketCategory, i64>,
    /// Of those tickets: from customers with a redeemed session in the 24 h before.
    pub portal_then_ticket: i64,
    /// The cancel funnel of the sessions redeemed this day.
    pub funnel: FunnelCounts,
}

/// The cancel funnel's raw counters of one day (sessions, each counted once per step).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FunnelCounts {
    /// Sessions that opened a cancel page.
    pub opened: i64,
    /// Sessions that gave a reason, by their first reason.
    pub reasons: BTreeMap<String, i64>,
    /// Sessions shown an offer, by the kind of the first.
    pub shown: BTreeMap<String, i64>,
    /// Sessions that accepted an offer, by kind.
    pub accepted: BTreeMap<String, i64>,
    /// Sessions that opened a cancel page and cancelled.
    pub cancelled: i64,
}

impl FunnelCounts {
    fn from_item(item: &Item) -> FunnelCounts {
        let mut f = FunnelCounts::default();
        for (name, value) in item {
            let Some(v) = value.as_n().ok().and_then(|v| v.parse::<i64>().ok()) else {
                continue;
            };
            if name == "funnel_opened" {
                f.opened = v;
            } else if name == "funnel_cancelled" {
                f.cancelled = v;
            } else if let Some(k) = name.strip_prefix(FUNNEL_REASON) {
                f.reasons.insert(k.to_owned(), v);
            } else if let Some(k) = name.strip_prefix(FUNNEL_SHOWN) {
                f.shown.insert(k.to_owned(), v);
            } else if let Some(k) = name.strip_prefix(FUNNEL_ACCEPTED) {
                f.accepted.insert(k.to_owned(), v);
            }
        }
        f
    }
}

impl DayCounts {
    fn from_item(item: &Item) -> anyhow::Result<DayCounts> {
        let num = |name: &str| item.get_n_opt(name).map(|v| v.unwrap_or(0));
        let date = item
            .get_s("sk")?
            .strip_prefix(keys::METRICS_DAY_PREFIX)
            .and_then(super::parse_day)
            .ok_or_else(|| anyhow!("metrics row with a malformed sort key"))?;
        let mut jobs = BTreeMap::new();
        for job in Job::ALL {
            jobs.insert(job, num(&job.attribute())?);
        }
        let mut tickets = BTreeMap::new();
        for c in TicketCategory::ALL {
            tickets.insert(c, num(&c.attribute())?);
        }
        Ok(DayCounts {
            date: Some(date),
            minted: num("minted")?,
            redeemed: num("redeemed")?,
            completed: num("completed")?,
            escalated: num("escalated")?,
            engaged: num("engaged")?,
            jobs,
            tickets,
            portal_then_ticket: num("portal_then_ticket")?,
            funnel: FunnelCounts::from_item(item),
        })
    }
}

/// A billing ticket reported by a tenant's helpdesk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    /// The Stripe customer, where the helpdesk knows it.
    pub customer: Option<CustomerId>,
    /// What it was about.
    pub category: TicketCategory,
    /// When it was opened (epoch seconds).
    pub created: i64,
}

/// What recording a batch of tickets counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketReport {
    /// Tickets counted.
    pub tickets: usize,
    /// Of those, from customers who had a redeemed session in the 24 h before.
    pub portal_then_ticket: usize,
}

/// Which of a session's outcomes an event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Job(Job),
    Escalation,
}

/// Records and reads the counters.
#[derive(Debug, Clone)]
pub struct MetricsStore {
    table: Table,
    emf: Emf,
}

/// `ADD` clauses for counters on one row, merged so a transaction touches each row once.
#[derive(Debug, Default)]
struct Adds(BTreeMap<String, BTreeMap<String, i64>>);

impl Adds {
    fn add(&mut self, sk: String, attribute: String, by: i64) {
        *self.0.entry(sk).or_default().entry(attribute).or_default() += by;
    }

    fn updates(&self, table: &Table, pk: &str) -> anyhow::Result<Vec<TransactWriteItem>> {
        self.0
            .iter()
            .map(|(sk, counters)| {
                let (expr, values) = add_expression(counters);
                let update = Update::builder()
                    .table_name(table.name())
                    .key("pk", s(pk))
                    .key("sk", s(sk))
                    .update_expression(expr)
                    .set_expression_attribute_values(Some(values))
                    .build()
                    .context("building a counter update")?;
                Ok(TransactWriteItem::builder().update(update).build())
            })
            .collect()
    }
}

fn add_expression(counters: &BTreeMap<String, i64>) -> (String, HashMap<String, AttributeValue>) {
    let mut parts = Vec::new();
    let mut values = HashMap::new();
    for (i, (attribute, by)) in counters.iter().enumerate() {
        // Attribute names are ours (fixed identifiers), never input.
        parts.push(format!("{attribute} :v{i}"));
        values.insert(format!(":v{i}"), n(*by));
    }
    (format!("ADD {}", parts.join(", ")), values)
}

impl MetricsStore {
    /// A store on `table` that also writes each event as an EMF line through `emf`.
    pub fn new(table: Table, emf: Emf) -> MetricsStore {
        MetricsStore { table, emf }
    }

    /// The same store writing EMF lines through `emf` instead.
    pub fn with_emf(self, emf: Emf) -> MetricsStore {
        MetricsStore { emf, ..self }
    }

    /// The EMF writer (functions write their per-request lines through it too).
    pub fn emf(&self) -> &Emf {
        &self.emf
    }

    async fn add(
        &self,
        project: &ProjectId,
        day: Date,
        counters: &[(&str, i64)],
    ) -> anyhow::Result<()> {
        let counters: BTreeMap<String, i64> = counters
            .iter()
            .map(|(a, v)| ((*a).to_owned(), *v))
            .collect();
        let (expr, values) = add_expression(&counters);
        self.table
            .client()
            .update_item()
            .table_name(self.table.name())
            .key("pk", s(keys::project_pk(project)))
            .key("sk", s(day_sk(day)))
            .update_expression(expr)
            .set_expression_attribute_values(Some(values))
            .send()
            .await
            .context("adding to a metrics counter")?;
        Ok(())
    }

    /// Counts a session minted for `project` (one `UpdateItem`).
    pub async fn minted(&self, project: &ProjectId, now: OffsetDateTime) -> anyhow::Result<()> {
        self.add(project, day_of(now), &[("minted", 1)]).await?;
        self.emf
            .event(now, Some(project), &[("SessionsMinted", 1)], None);
        Ok(())
    }

    /// Counts a redeemed session and marks the customer as having used the portal today
    /// (one `TransactWriteItems`: the day's counter and the customer's marker).
    pub async fn redeemed(
        &self,
        project: &ProjectId,
        customer: &CustomerId,
        now: OffsetDateTime,
    ) -> anyhow::Result<()> {
        let pk = keys::project_pk(project);
        let day = day_of(now);
        let mut adds = Adds::default();
        adds.add(day_sk(day), "redeemed".to_owned(), 1);
        let mut items = adds.updates(&self.table, &pk)?;
        let at = now.unix_timestamp();
        let marker = Update::builder()
            .table_name(self.table.name())
            .key("pk", s(&pk))
            .key("sk", s(marker_sk(customer, day)))
            .update_expression(
                "SET first_at = if_not_exists(first_at, :at), last_at = :at, expires_at = :exp",
            )
            .expression_attribute_values(":at", n(at))
            .expression_attribute_values(":exp", n(at + keys::CUSTOMER_REDEEMED_SECONDS))
            .build()
            .context("building the redemption marker")?;
        items.push(TransactWriteItem::builder().update(marker).build());
        self.table
            .client()
            .transact_write_items()
            .set_transact_items(Some(items))
            .send()
            .await
            .context("counting a redeemed session")?;
        self.emf
            .event(now, Some(project), &[("SessionsRedeemed", 1)], None);
        Ok(())
    }

    /// Counts a job done in `session`; the session counts as completed once, however
    /// many jobs it does, concurrently or not.
    pub async fn job(
        &self,
        session: &BrowserSession,
        job: Job,
        now: OffsetDateTime,
    ) -> anyhow::Result<()> {
        let first = self.outcome(session, Outcome::Job(job), now).await?;
        let mut metrics = vec![("Jobs", 1)];
        if first {
            metrics.push(("SessionsCompleted", 1));
        }
        self.emf
            .event(now, Some(&session.project), &metrics, Some(job));
        Ok(())
    }

    /// Counts a click on "Contact support"; a session counts as escalated once.
    pub async fn escalated(
        &self,
        session: &BrowserSession,
        now: OffsetDateTime,
    ) -> anyhow::Result<()> {
        if self.outcome(session, Outcome::Escalation, now).await? {
            self.emf.event(
                now,
                Some(&session.project),
                &[("SessionsEscalated", 1)],
                None,
            );
        }
        Ok(())
    }

    /// Counts a step of the cancel funnel in `session`: once per session per step (the
    /// session's flag and the day's counter move in one `TransactWriteItems`), on the day
    /// the session was redeemed. A cancellation counts only in a session that opened a
    /// cancel page. Whether it counted.
    pub async fn funnel(
        &self,
        session: &BrowserSession,
        step: &FunnelStep,
        now: OffsetDateTime,
    ) -> anyhow::Result<bool> {
        let pk = keys::project_pk(&session.project);
        let cohort = day_of_unix(session.created);
        let mut condition = "attribute_exists(pk) AND attribute_not_exists(#flag)".to_owned();
        if *step == FunnelStep::Cancelled {
            condition.push_str(" AND attribute_exists(funnel_opened)");
        }
        let flag = Update::builder()
            .table_name(self.table.name())
            .key("pk", s(&pk))
            .key("sk", s(&session.row_sk))
            .update_expression("SET #flag = :t")
            .condition_expression(condition)
            .expression_attribute_names("#flag", step.flag())
            .expression_attribute_values(":t", AttributeValue::Bool(true))
            .build()
            .context("building a funnel flag update")?;
        let counter = Update::builder()
            .table_name(self.table.name())
            .key("pk", s(&pk))
            .key("sk", s(day_sk(cohort)))
            .update_expression("ADD #counter :one")
            .expression_attribute_names("#counter", step.attribute())
            .expression_attribute_values(":one", n(1))
            .build()
            .context("building a funnel counter update")?;
        let res = self
            .table
            .client()
            .transact_write_items()
            .transact_items(TransactWriteItem::builder().update(flag).build())
            .transact_items(TransactWriteItem::builder().update(counter).build())
            .send()
            .await;
        match res {
            Ok(_) => {
                self.emf
                    .event(now, Some(&session.project), &[(step.metric(), 1)], None);
                Ok(true)
            }
            // Counted before in this session (or no cancel page opened, or it ended).
            Err(e) if is_transaction_condition_failed(&e) => Ok(false),
            Err(e) => Err(anyhow::Error::new(e).context("counting a funnel step")),
        }
    }

    /// Records `outcome`; whether it was the session's first of its kind (the session's
    /// flag went from absent to set).
    async fn outcome(
        &self,
        session: &BrowserSession,
        outcome: Outcome,
        now: OffsetDateTime,
    ) -> anyhow::Result<bool> {
        let pk = keys::project_pk(&session.project);
        let cohort = day_of_unix(session.created);
        let (mut completed, mut escalated) = (session.completed, session.escalated);
        for _ in 0..OUTCOME_ATTEMPTS {
            let already = match outcome {
                Outcome::Job(_) => completed,
                Outcome::Escalation => escalated,
            };
            if already {
                // The flag is set for good: only the job itself is left to count.
                if let Outcome::Job(job) = outcome {
                    self.add(&session.project, day_of(now), &[(&job.attribute(), 1)])
                        .await
                        .context("counting a job")?;
                }
                return Ok(false);
            }
            let mut adds = Adds::default();
            if let Outcome::Job(job) = outcome {
                adds.add(day_sk(day_of(now)), job.attribute(), 1);
            }
            let engaged_before = completed || escalated;
            let (flag, other, counter) = match outcome {
                Outcome::Job(_) => ("completed", "escalated", "completed"),
                Outcome::Escalation => ("escalated", "completed", "escalated"),
            };
            adds.add(day_sk(cohort), counter.to_owned(), 1);
            if !engaged_before {
                adds.add(day_sk(cohort), "engaged".to_owned(), 1);
            }
            // The condition pins the state this transaction was computed from.
            let other_state = if engaged_before {
                format!("attribute_exists({other})")
            } else {
                format!("attribute_not_exists({other})")
            };
            let flag_update = Update::builder()
                .table_name(self.table.name())
                .key("pk", s(&pk))
                .key("sk", s(&session.row_sk))
                .update_expression(format!("SET {flag} = :t"))
                .condition_expression(format!(
                    "attribute_exists(pk) AND attribute_not_exists({flag}) AND {other_state}"
                ))
                .expression_attribute_values(":t", AttributeValue::Bool(true))
                .build()
                .context("building a session flag update")?;
            let mut items = vec![TransactWriteItem::builder().update(flag_update).build()];
            items.extend(adds.updates(&self.table, &pk)?);
            match self
                .table
                .client()
                .transact_write_items()
                .set_transact_items(Some(items))
                .send()
                .await
            {
                Ok(_) => return Ok(true),
                Err(e) if is_transaction_condition_failed(&e) => {
                    // Another request moved this session's flags first: re-read and retry.
                    match self.flags(&pk, &session.row_sk).await? {
                        Some((c, e)) => (completed, escalated) = (c, e),
                        None => {
                            // The session ended meanwhile: the job still happened.
                            completed = true;
                            escalated = true;
                        }
                    }
                }
                Err(e) => return Err(anyhow::Error::new(e).context("recording a session outcome")),
            }
        }
        Err(anyhow!("a session outcome kept racing; not counted"))
    }

    async fn flags(&self, pk: &str, sk: &str) -> anyhow::Result<Option<(bool, bool)>> {
        let out = self
            .table
            .client()
            .get_item()
            .table_name(self.table.name())
            .key("pk", s(pk))
            .key("sk", s(sk))
            .consistent_read(true)
            .projection_expression("completed, escalated")
            .send()
            .await
            .context("reading a session's outcome flags")?;
        Ok(out.item().map(|item| {
            let flag = |name: &str| item.get(name).and_then(|v| v.as_bool().ok()).copied();
            (
                flag("completed").unwrap_or(false),
                flag("escalated").unwrap_or(false),
            )
        }))
    }

    /// Counts a batch of billing tickets for `project` in one transaction (all or none).
    /// A ticket counts as "portal then ticket" when its customer redeemed a session of
    /// this project in the 24 h before the ticket was opened.
    pub async fn tickets(
        &self,
        project: &ProjectId,
        tickets: &[Ticket],
        now: OffsetDateTime,
    ) -> anyhow::Result<TicketReport> {
        anyhow::ensure!(
            (1..=MAX_TICKETS_PER_REQUEST).contains(&tickets.len()),
            "a ticket batch holds 1 to {MAX_TICKETS_PER_REQUEST} tickets"
        );
        let pk = keys::project_pk(project);
        let markers = self.markers(&pk, tickets).await?;
        let mut adds = Adds::default();
        let mut after_portal = 0;
        for t in tickets {
            let day = day_sk(day_of_unix(t.created));
            adds.add(day.clone(), t.category.attribute(), 1);
            if portal_then_ticket(t, &markers) {
                adds.add(day, "portal_then_ticket".to_owned(), 1);
                after_portal += 1;
            }
        }
        let items = adds.updates(&self.table, &pk)?;
        self.table
            .client()
            .transact_write_items()
            .set_transact_items(Some(items))
            .send()
            .await
            .context("counting support tickets")?;
        let report = TicketReport {
            tickets: tickets.len(),
            portal_then_ticket: after_portal,
        };
        self.emf.event(
            now,
            Some(project),
            &[
                ("SupportTickets", report.tickets as i64),
                ("PortalThenTicket", report.portal_then_ticket as i64),
            ],
            None,
        );
        Ok(report)
    }

    /// The redemption markers (`first_at`, `last_at` by sort key) the tickets may match.
    async fn markers(
        &self,
        pk: &str,
        tickets: &[Ticket],
    ) -> anyhow::Result<HashMap<String, (i64, i64)>> {
        let mut wanted: Vec<String> = tickets
            .iter()
            .filter_map(|t| {
                let customer = t.customer.as_ref()?;
                let day = day_of_unix(t.created);
                Some([
                    marker_sk(customer, day),
                    marker_sk(customer, day.previous_day()?),
                ])
            })
            .flatten()
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        wanted.sort();
        let mut found = HashMap::new();
        for chunk in wanted.chunks(100) {
            let mut keys: Vec<Item> = chunk
                .iter()
                .map(|sk| Item::from([("pk".to_owned(), s(pk)), ("sk".to_owned(), s(sk))]))
                .collect();
            for _ in 0..8 {
                if keys.is_empty() {
                    break;
                }
                let request = KeysAndAttributes::builder()
                    .set_keys(Some(std::mem::take(&mut keys)))
                    .consistent_read(true)
                    .build()
                    .context("building a marker read")?;
                let out = self
                    .table
                    .client()
                    .batch_get_item()
                    .request_items(self.table.name(), request)
                    .send()
                    .await
                    .context("reading redemption markers")?;
                for item in out
                    .responses()
                    .and_then(|r| r.get(self.table.name()))
                    .into_iter()
                    .flatten()
                {
                    let sk = item.get_s("sk")?.to_owned();
                    found.insert(sk, (item.get_n("first_at")?, item.get_n("last_at")?));
                }
                if let Some(rest) = out
                    .unprocessed_keys()
                    .and_then(|u| u.get(self.table.name()))
                {
                    keys = rest.keys().to_vec();
                }
            }
            anyhow::ensure!(keys.is_empty(), "redemption markers stayed unprocessed");
        }
        Ok(found)
    }

    /// The stored rows of `project` for `from..=to` (days without events are absent).
    pub async fn read(
        &self,
        project: &ProjectId,
        from: Date,
        to: Date,
    ) -> anyhow::Result<Vec<DayCounts>> {
        let mut rows = Vec::new();
        let mut start: Option<Item> = None;
        loop {
            let out = self
                .table
                .client()
                .query()
                .table_name(self.table.name())
                .key_condition_expression("pk = :pk AND sk BETWEEN :from AND :to")
                .expression_attribute_values(":pk", s(keys::project_pk(project)))
                .expression_attribute_values(":from", s(day_sk(from)))
                .expression_attribute_values(":to", s(day_sk(to)))
                .consistent_read(true)
                .set_exclusive_start_key(start.take())
                .send()
                .await
                .context("reading metrics")?;
            for item in out.items() {
                rows.push(DayCounts::from_item(item)?);
            }
            match out.last_evaluated_key() {
                Some(k) if !k.is_empty() => start = Some(k.clone()),
                _ => break,
            }
        }
        Ok(rows)
    }
}

/// Whether `t`'s customer redeemed a session within the 24 h before `t.created`, given
/// the day markers (`first_at`, `last_at`) of the ticket's day and the day before.
fn portal_then_ticket(t: &Ticket, markers: &HashMap<String, (i64, i64)>) -> bool {
    let Some(customer) = &t.customer else {
        return false;
    };
    let day = day_of_unix(t.created);
    // Same day: the earliest redemption that day is at or before the ticket.
    let same_day = markers
        .get(&marker_sk(customer, day))
        .is_some_and(|(first, _)| *first <= t.created);
    // Day before: the latest redemption that day is within 24 h of the ticket.
    let day_before = day.previous_day().is_some_and(|d| {
        markers
            .get(&marker_sk(customer, d))
            .is_some_and(|(_, last)| *last >= t.created - PORTAL_THEN_TICKET_SECONDS)
    });
    same_day || day_before
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn ticket(customer: Option<&str>, created: OffsetDateTime) -> Ticket {
        Ticket {
            customer: customer.map(|c| CustomerId::parse(c).unwrap()),
            category: TicketCategory::Invoices,
            created: created.unix_timestamp(),
        }
    }

    fn marker(customer: &str, first: OffsetDateTime, last: OffsetDateTime) -> (String, (i64, i64)) {
        (
            marker_sk(&CustomerId::parse(customer).unwrap(), day_of(first)),
            (first.unix_timestamp(), last.unix_timestamp()),
        )
    }

    #[test]
    fn a_ticket_counts_after_portal_only_within_the_24_hours_before_it() {
        let markers = HashMap::from([
            marker(
                "cus_a",
                datetime!(2026-11-25 09:00 UTC),
                datetime!(2026-11-25 20:00 UTC),
            ),
            marker(
                "cus_b",
                datetime!(2026-11-26 15:00 UTC),
                datetime!(2026-11-26 15:00 UTC),
            ),
        ]);
        // cus_a's last session the day before is 19 h before: counts.
        assert!(portal_then_ticket(
            &ticket(Some("cus_a"), datetime!(2026-11-26 15:00 UTC)),
            &markers
        ));
        // 24 h 00 min after the last session: still counts; one second later: not.
        assert!(portal_then_ticket(
            &ticket(Some("cus_a"), datetime!(2026-11-26 20:00 UTC)),
            &markers
        ));
        assert!(!portal_then_ticket(
            &ticket(Some("cus_a"), datetime!(2026-11-26 20:00:01 UTC)),
            &markers
        ));
        // cus_b's session is after the ticket: does not count; at the same instant: counts.
        assert!(!portal_then_ticket(
            &ticket(Some("cus_b"), datetime!(2026-11-26 14:59 UTC)),
            &markers
        ));
        assert!(portal_then_ticket(
            &ticket(Some("cus_b"), datetime!(2026-11-26 15:00 UTC)),
            &markers
        ));
        // Unknown customers and tickets without a customer never count.
        assert!(!portal_then_ticket(
            &ticket(Some("cus_c"), datetime!(2026-11-26 15:00 UTC)),
            &markers
        ));
        assert!(!portal_then_ticket(
            &ticket(None, datetime!(2026-11-26 15:00 UTC)),
            &markers
        ));
    }

    #[test]
    fn counters_on_one_row_merge_into_one_add() {
        let mut adds = Adds::default();
        adds.add("METRICS#DAY#2026-11-26".into(), "completed".into(), 1);
        adds.add("METRICS#DAY#2026-11-26".into(), "engaged".into(), 1);
        adds.add("METRICS#DAY#2026-11-26".into(), "completed".into(), 1);
        adds.add("METRICS#DAY#2026-11-27".into(), "job_paused".into(), 1);
        assert_eq!(adds.0.len(), 2);
        let (expr, values) = add_expression(&adds.0["METRICS#DAY#2026-11-26"]);
        assert_eq!(expr, "ADD completed :v0, engaged :v1");
        assert_eq!(values[":v0"], n(2));
    }
}
