//! `/portal/subscriptions/<id>/…`: the cancel page (with what cancelling saves, from Stripe's
//! preview of the next invoice, and the downgrade offer) and the one-click subscription
//! actions (cancel, renew, pause, resume). The rules are `shared::cancel`'s; this module reads,
//! writes and answers. Each write carries an `Idempotency-Key` derived from the session's
//! CSRF token, the action, the subscription and the form's nonce; every POST answers 303:
//! to the overview when done, back to the page the button is on with "nothing was
//! changed" when Stripe refused or failed.

use http::StatusCode;
use shared::cancel::{self, Action, Verb, Write};
use shared::ids::SubscriptionId;
use shared::plan;
use shared::stripe::{Owned, StripeKey, Subscription};
use shared::views::{self, DowngradeOffer, ErrorKind, NavPage, SubscriptionCard};

use crate::app::App;
use crate::flash::Flash;
use crate::guard::Ctx;
use crate::previews;
use crate::reply::Reply;
use crate::schedules::{self, Failed};
use crate::stripe_reads::{named_subscriptions, price, within};

/// The plan's name: its items' names joined.
pub(crate) fn plan_name(t: &shared::i18n::Catalogue, sub: &Subscription) -> String {
    let names: Vec<&str> = sub
        .items
        .data
        .iter()
        .map(|i| i.price.display_name().unwrap_or(t.unnamed_plan()))
        .collect();
    if names.is_empty() {
        t.unnamed_plan().to_owned()
    } else {
        names.join(" + ")
    }
}

/// `GET /portal/subscriptions/<id>/cancel`.
pub(crate) async fn page(app: &App, ctx: Ctx, id: &SubscriptionId) -> anyhow::Result<Reply> {
    let key = ctx.key()?;
    let nonce = app.nonce()?;
    // Listing the customer's own subscriptions scopes the id to this customer; Stripe's
    // preview of the next invoice (what cancelling saves) goes out in the same round.
    let (subs, preview) = tokio::join!(
        named_subscriptions(app, key, &ctx.project.id, ctx.customer()),
        previews::preview(app, &ctx, key, id, &nonce),
    );
    let Ok(subs) = subs else {
        // Stripe down: say so on the page, keeping any notice the redirect here carried.
        let t = ctx.t;
        let page = views::unavailable(
            t,
            &ctx.brand(),
            &ctx.chrome(NavPage::Overview),
            t.cancel_plan(),
        );
        return Ok(ctx.page(page).with_status(StatusCode::SERVICE_UNAVAILABLE));
    };
    let Some(sub) = subs.iter().find(|s| s.id == *id) else {
        return Ok(ctx.error(ErrorKind::NotFound));
    };
    let plan = plan_name(ctx.t, sub);
    let now = app.clock.now().unix_timestamp();
    let downgrade = downgrade_offer(app, key, &ctx, sub).await;
    let chrome = ctx.chrome(NavPage::Overview);
    let page = views::cancel(&views::CancelPage {
        t: ctx.t,
        brand: &ctx.brand(),
        chrome: &chrome,
        card: &SubscriptionCard::plain(sub),
        plan: &plan,
        ends_at: cancel::ends_at(&ctx.project, sub),
        pause_options: &cancel::pause_options(&ctx.project, now),
        reason_survey: ctx.project.reason_survey,
        downgrade: downgrade.as_ref(),
        not_charged: sub
            .invoices_next()
            .then(|| preview.as_deref().map_err(|_| ())),
        nonce: &nonce,
    });
    Ok(ctx.page(page))
}

/// The cancel page's "Switch to <plan> instead", where the project's downgrade price
/// applies to this subscription and Stripe can offer it.
async fn downgrade_offer(
    app: &App,
    key: &StripeKey,
    ctx: &Ctx,
    sub: &Subscription,
) -> Option<DowngradeOffer> {
    let t = ctx.t;
    let target = plan::downgrade_target(&ctx.project, sub)?;
    let price = price(app, key, &ctx.project.id, target)
        .await
        .ok()
        .filter(|p| plan::offerable(&ctx.project, sub, p))?;
    let item = sub.items.data.first()?;
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("item", item.id.as_str())
        .append_pair("price", price.id.as_str())
        .finish();
    Some(DowngradeOffer {
        t,
        plan: price.display_name().unwrap_or(t.unnamed_plan()).to_owned(),
        href: format!("/portal/subscriptions/{}/update?{query}", sub.id),
    })
}

/// POST `cancel` | `renew` | `pause` | `resume`.
pub(crate) async fn act(
    app: &App,
    ctx: Ctx,
    id: &SubscriptionId,
    verb: Verb,
) -> anyhow::Result<Reply> {
    let key = ctx.key()?;
    let now = app.clock.now().unix_timestamp();
    let Ok(action) = Action::parse(verb, |name| ctx.form.get(name), &ctx.project, now) else {
        return Ok(ctx.error(ErrorKind::NotFound));
    };
    let read = app.stripe.customer_subscription(key, ctx.customer(), id);
    let current = match within(app, "subscription", read).await {
        Err(()) => return Ok(failed(&ctx, &action, id, Failed::NothingChanged)),
        Ok(Some(sub)) if sub.is_live() => sub,
        // Another customer's, or over: nothing to act on.
        Ok(_) => return Ok(ctx.error(ErrorKind::NotFound)),
    };
    let idem = ctx.idempotency_key(verb.as_str(), id.as_str());
    if let Err(failure) = write(app, &ctx, &current, &action, &idem).await {
        tracing::warn!(project = %ctx.project.id, action = verb.as_str(), ?failure, "subscription action failed");
        return Ok(failed(&ctx, &action, id, failure));
    }
    tracing::info!(project = %ctx.project.id, action = verb.as_str(), "subscription action done");
    // A resubmitted form (Stripe replays it) finds the change already made: not a new job.
    if !action.applied(ctx.project.cancellation_mode, &current) {
        crate::metrics::record_job(app, &ctx.session, action.job()).await;
    }
    Ok(ctx.see_other("/portal".to_owned()))
}

/// Makes `action` on the customer's own subscription. A step that fails is checked (a
/// timed-out write may have landed after all) and compensated (a released schedule is
/// given back), so Stripe ends as it was or fully changed.
async fn write(
    app: &App,
    ctx: &Ctx,
    sub: &Owned<Subscription>,
    action: &Action,
    idem: &str,
) -> Result<(), Failed> {
    let key = ctx.key().map_err(|_| Failed::NothingChanged)?;
    match action.write(ctx.project.cancellation_mode, sub) {
        Write::CancelNow(params) => {
            let cancel = app.stripe.cancel_subscription(key, sub, &params, idem);
            if within(app, "cancel_subscription", cancel).await.is_ok()
                || landed(app, ctx, sub, action).await
            {
                return Ok(());
            }
            Err(Failed::NothingChanged)
        }
        Write::Update {
            release_schedule,
            params,
        } => {
            let schedule = match release_schedule {
                true => within(app, "schedule", app.stripe.live_schedule(key, sub))
                    .await
                    .map_err(|()| Failed::NothingChanged)?,
                false => None,
            };
            if let Some(s) = &schedule {
                schedules::release(app, key, sub, s, idem).await?;
            }
            let update = app.stripe.update_subscription(key, sub, &params, idem);
            if within(app, "update_subscription", update).await.is_ok()
                || landed(app, ctx, sub, action).await
            {
                return Ok(());
            }
            if let Some(s) = &schedule {
                schedules::restore(app, key, sub, s, idem).await?;
            }
            Err(Failed::NothingChanged)
        }
    }
}

/// Whether a fresh read shows `action` made (its write timed out, or its answer was lost).
async fn landed(app: &App, ctx: &Ctx, sub: &Owned<Subscription>, action: &Action) -> bool {
    let Ok(key) = ctx.key() else {
        return false;
    };
    let read = app
        .stripe
        .customer_subscription(key, ctx.customer(), &sub.id);
    within(app, "subscription", read)
        .await
        .is_ok_and(|now| now.is_some_and(|s| action.applied(ctx.project.cancellation_mode, &s)))
}

/// A failed action: back to the page its button is on (cancel and pause: the cancel
/// page; renew and resume: the overview), which says nothing was changed.
fn failed(ctx: &Ctx, action: &Action, id: &SubscriptionId, failure: Failed) -> Reply {
    let flash = match failure {
        Failed::NothingChanged => Flash::ActionFailed,
        Failed::MaybeChanged => Flash::MaybeChanged,
    };
    if action.from_cancel_page() {
        ctx.notice(&format!("/portal/subscriptions/{id}/cancel"), flash)
    } else {
        ctx.notice("/portal", flash)
    }
}
