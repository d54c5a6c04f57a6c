//! The one write path of a plan change, all or nothing: each step that fails is checked
//! (it may have landed) and the steps before it are undone.

use shared::ids::SubscriptionId;
use shared::plan::{Change, When};
use shared::stripe::{action_idempotency_key, Owned, Schedule, Subscription};

use crate::app::App;
use crate::guard::Ctx;
use crate::schedules::{self, Failed};
use crate::stripe_reads::within;

/// Idempotency keys of one confirmed form: each Stripe write of the change gets its own,
/// the same on a resubmission of that form.
pub(crate) struct Keys<'a> {
    pub(crate) csrf: &'a str,
    pub(crate) sub: &'a str,
    pub(crate) nonce: &'a str,
}

impl Keys<'_> {
    fn of(&self, step: &str) -> String {
        action_idempotency_key(self.csrf, &format!("plan-{step}"), self.sub, self.nonce)
    }
}

/// The subscription as Stripe has it now, its schedule expanded (the listing expands it).
async fn reread(
    app: &App,
    ctx: &Ctx,
    id: &SubscriptionId,
) -> Result<Option<Owned<Subscription>>, ()> {
    let key = ctx.key().map_err(|_| ())?;
    let subs = app.stripe.customer_subscriptions(key, ctx.customer());
    let subs = within(app, "subscriptions", subs).await?;
    Ok(subs.into_iter().find(|s| s.id == *id))
}

/// Whether a fresh read shows `change` made (a write timed out, or its answer was lost).
async fn landed(app: &App, ctx: &Ctx, id: &SubscriptionId, change: &Change) -> bool {
    reread(app, ctx, id)
        .await
        .is_ok_and(|s| s.is_some_and(|s| change.is_done(&s)))
}

/// Makes a checked change in Stripe: the one plan-change path. Now: releases a schedule
/// that would undo it, then updates the item. Period end: a schedule from the
/// subscription (or its existing one) gets a second phase with the new plan. A step that
/// fails is checked (it may have landed) and the steps before it are undone, so Stripe
/// ends as it was or fully changed.
pub(crate) async fn apply_change(
    app: &App,
    ctx: &Ctx,
    sub: &Owned<Subscription>,
    change: &Change,
    keys: &Keys<'_>,
) -> Result<(), Failed> {
    let key = ctx.key().map_err(|_| Failed::NothingChanged)?;
    let schedule = within(app, "schedule", app.stripe.live_schedule(key, sub))
        .await
        .map_err(|()| Failed::NothingChanged)?;
    match change.when {
        When::Now(_) => {
            if let Some(s) = &schedule {
                schedules::release(app, key, sub, s, &keys.of("release")).await?;
            }
            let (params, idem) = (change.update_params(), keys.of("update"));
            let update = app.stripe.update_subscription(key, sub, &params, &idem);
            if within(app, "plan_change", update).await.is_ok()
                || landed(app, ctx, &sub.id, change).await
            {
                return Ok(());
            }
            if let Some(s) = &schedule {
                schedules::restore(app, key, sub, s, &keys.of("release")).await?;
            }
            Err(Failed::NothingChanged)
        }
        When::PeriodEnd => {
            let (schedule, created) = match schedule {
                Some(s) => (s, false),
                None => (create_schedule(app, ctx, sub, keys).await?, true),
            };
            let Some(bounds) = schedule.current_phase else {
                tracing::warn!(schedule = %schedule.id, "a schedule without a current phase");
                return Err(Failed::NothingChanged);
            };
            let (phases, idem) = (change.schedule_params(sub, bounds), keys.of("phases"));
            let update = app.stripe.update_schedule(key, &schedule, &phases, &idem);
            if within(app, "plan_change", update).await.is_ok()
                || landed(app, ctx, &sub.id, change).await
            {
                return Ok(());
            }
            if created {
                return Err(
                    schedules::undo_created(app, key, &schedule, &keys.of("schedule")).await,
                );
            }
            Err(Failed::NothingChanged)
        }
    }
}

/// A schedule for `sub` (none manages it yet). If creating it fails but a re-read shows
/// one after all (the answer was lost), that one is released again.
async fn create_schedule(
    app: &App,
    ctx: &Ctx,
    sub: &Owned<Subscription>,
    keys: &Keys<'_>,
) -> Result<Schedule, Failed> {
    let key = ctx.key().map_err(|_| Failed::NothingChanged)?;
    let idem = keys.of("schedule");
    let create = app.stripe.create_schedule(key, sub, &idem);
    if let Ok(created) = within(app, "plan_change", create).await {
        return Ok(created);
    }
    let now = reread(app, ctx, &sub.id)
        .await
        .map_err(|()| Failed::MaybeChanged)?;
    let appeared = match &now {
        Some(s) => within(app, "schedule", app.stripe.live_schedule(key, s))
            .await
            .map_err(|()| Failed::MaybeChanged)?,
        None => None,
    };
    match appeared {
        Some(s) => Err(schedules::undo_created(app, key, &s, &idem).await),
        None => Err(Failed::NothingChanged),
    }
}
