//! The session's read hint (`shared::browser_session::ReadHint`): what a subscription list
//! tells the session's later pages, so they can start their dependent reads (the overview's
//! previews, a next-invoice page's meter reads, a plan change's preview) in the same round
//! as the list instead of after it. Written at sign-in and wherever a page lists the
//! subscriptions anew; the fresh list always decides what is shown.

use futures::future::join_all;
use shared::browser_session::{BrowserSession, PlanHint, ReadHint, UsageHint};
use shared::charges;
use shared::ids::SubscriptionId;
use shared::plan;
use shared::stripe::{Owned, StripeKey, Subscription};

use crate::app::App;
use crate::stripe_reads::within;

/// The subscriptions whose next invoice the overview shows, in the list's order.
fn previewed(subs: &[Owned<Subscription>]) -> Vec<SubscriptionId> {
    subs.iter()
        .filter(|s| s.invoices_next())
        .map(|s| s.id.clone())
        .collect()
}

/// The usage read of `sub`'s metered item `m`.
pub(crate) fn usage_read(sub: &SubscriptionId, m: &charges::Metered<'_>) -> UsageHint {
    UsageHint {
        subscription: sub.clone(),
        meter: m.meter.clone(),
        start: m.start,
        end: m.end,
    }
}

/// The hint a fresh list of the customer's subscriptions gives.
pub(crate) fn of_list(subs: &[Owned<Subscription>]) -> ReadHint {
    ReadHint {
        previews: previewed(subs),
        usage: subs
            .iter()
            .flat_map(|s| {
                charges::metered(s)
                    .iter()
                    .map(|m| usage_read(&s.id, m))
                    .collect::<Vec<_>>()
            })
            .collect(),
        plans: subs
            .iter()
            .filter(|s| plan::changeable(s))
            .flat_map(|s| {
                s.items.data.iter().map(|i| PlanHint {
                    subscription: s.id.clone(),
                    item: i.id.clone(),
                    price: i.price.id.clone(),
                    quantity: i.quantity,
                })
            })
            .collect(),
    }
}

/// Remembers `hint` on `session` for its next pages (a failed write only costs them their
/// head start; an unchanged hint writes nothing).
pub(crate) async fn remember(app: &App, session: &BrowserSession, hint: &ReadHint) {
    if let Err(e) = app.sessions.remember_hint(session, hint).await {
        tracing::warn!(error = ?e, "could not remember the session's read hint");
    }
}

/// The customer's usage so far on one meter over one period (`Err(())`: not read).
pub(crate) async fn read_usage(
    app: &App,
    key: &StripeKey,
    session: &BrowserSession,
    read: &UsageHint,
) -> Result<f64, ()> {
    let call =
        app.stripe
            .customer_meter_usage(key, &session.customer, &read.meter, read.start, read.end);
    within(app, "meter_usage", call)
        .await
        .map(|s| s.aggregated_value)
}

/// The reads of `reads`, concurrently, each with its result.
pub(crate) async fn read_all(
    app: &App,
    key: &StripeKey,
    session: &BrowserSession,
    reads: Vec<UsageHint>,
) -> Vec<(UsageHint, Result<f64, ()>)> {
    let each = reads.into_iter().map(|r| async move {
        let got = read_usage(app, key, session, &r).await;
        (r, got)
    });
    join_all(each).await
}

/// The hint of `session` with `sub`'s usage reads replaced by `fresh` (a next-invoice page
/// that found them changed, e.g. a new period).
pub(crate) fn with_usage_of(
    session: &BrowserSession,
    sub: &SubscriptionId,
    fresh: &[UsageHint],
) -> ReadHint {
    let mut hint = session.hint.clone();
    hint.usage.retain(|u| &u.subscription != sub);
    hint.usage.extend_from_slice(fresh);
    hint
}
