//! `/portal/subscriptions/<id>/…`: the cancel page (with what cancelling saves, from Stripe's
//! preview of the next invoice, and the downgrade offer) and the one-click subscription
//! actions (cancel, renew, pause, resume). The rules are `shared::cancel`'s; this module reads,
//! writes and answers. Each write carries an `Idempotency-Key` derived from the session's
//! CSRF token, the action, the subscription and the form's nonce; every POST answers 303:
//! to the overview when done, back to the page the button is on with "nothing was
//! changed" when Stripe refused or failed.

use std::collections::BTreeMap;

use http::StatusCode;
use shared::cancel::{self, Action, Verb, Write, REASON_CODES};
use shared::ids::SubscriptionId;
use shared::mail;
use shared::metrics::FunnelStep;
use shared::offers::{self, Claimed, CouponId, Offer, OfferKind, ReasonKey};
use shared::plan;
use shared::stripe::{
    Coupon, Customer, CustomerView, Owned, StripeKey, Subscription, SubscriptionUpdate,
};
use shared::views::{
    self, DowngradeOffer, ErrorKind, NavPage, OfferView, ReasonStep, SubscriptionCard,
};

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
    let reason = ctx
        .query
        .get("reason")
        .and_then(|r| offers::reason(&ctx.project, r));
    // Listing the customer's own subscriptions scopes the id to this customer; Stripe's
    // preview of the next invoice (what cancelling saves) goes out in the same round, and
    // so do the tenant's coupon and the customer (whose own discount the coupon must not
    // replace) where the reason's offer is one (known from the reason alone; shown only
    // where the list proves the subscription and the offer applies).
    let coupon = async {
        match reason
            .as_ref()
            .and_then(|r| offers::offer_for(&ctx.project, r))
        {
            Some(Offer::Coupon { coupon }) => Some(coupon_reads(app, key, &ctx, coupon).await),
            _ => None,
        }
    };
    let (subs, preview, coupon) = tokio::join!(
        named_subscriptions(app, key, &ctx.project.id, ctx.customer()),
        previews::preview(app, &ctx, key, id, &nonce),
        coupon,
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
    let open = !(sub.cancellation_scheduled() || sub.collection_paused());
    if open {
        crate::metrics::record_funnel(app, &ctx.session, FunnelStep::Opened).await;
    }
    let step = match reason {
        Some(reason) if open => Some(reason_step(app, key, &ctx, sub, reason, coupon, now).await),
        _ => None,
    };
    if let Some(kind) = step.as_ref().and_then(|s| s.offer.as_ref()).map(offer_kind) {
        crate::metrics::record_funnel(app, &ctx.session, FunnelStep::OfferShown(kind)).await;
    }
    let downgrade = match step {
        None => downgrade_offer(app, key, &ctx, sub).await,
        Some(_) => None,
    };
    let custom_reasons: Vec<(String, String)> = ctx
        .project
        .custom_reasons
        .iter()
        .map(|r| (r.key.to_string(), r.label(ctx.t.lang()).to_owned()))
        .collect();
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
        custom_reasons: &custom_reasons,
        has_offers: !ctx.project.offers.is_empty(),
        step: step.as_ref(),
    });
    Ok(ctx.page(page))
}

fn offer_kind(v: &OfferView) -> OfferKind {
    match v {
        OfferView::Coupon(_) => OfferKind::Coupon,
        OfferView::Pause(_) => OfferKind::Pause,
        OfferView::Downgrade(_) => OfferKind::Downgrade,
        OfferView::Support => OfferKind::Support,
    }
}

/// The label of a reason in the customer's language.
fn reason_label(ctx: &Ctx, reason: &ReasonKey) -> String {
    match REASON_CODES.into_iter().find(|c| *c == reason.as_str()) {
        Some(code) => ctx.t.reason_label(code),
        None => ctx
            .project
            .custom_reasons
            .iter()
            .find(|r| r.key == *reason)
            .map(|r| r.label(ctx.t.lang()).to_owned())
            .unwrap_or_else(|| reason.to_string()),
    }
}

/// What a coupon offer needs besides the subscription: the coupon (its terms) and the
/// customer (no discount of its own), read concurrently; `Err` where either failed.
async fn coupon_reads(
    app: &App,
    key: &StripeKey,
    ctx: &Ctx,
    coupon: &CouponId,
) -> Result<(Coupon, Customer), ()> {
    let customer = app
        .stripe
        .own_customer(key, ctx.customer(), CustomerView::Plain);
    let (coupon, customer) = tokio::join!(
        within(app, "coupon", app.stripe.coupon(key, coupon)),
        within(app, "customer", customer),
    );
    match (coupon, customer) {
        (Ok(coupon), Ok(Some(customer))) => Ok((coupon, customer.into_inner())),
        _ => Err(()),
    }
}

/// The cancel page after a reason: the offer that answers it, where it applies now.
async fn reason_step(
    app: &App,
    key: &StripeKey,
    ctx: &Ctx,
    sub: &Subscription,
    reason: ReasonKey,
    coupon: Option<Result<(Coupon, Customer), ()>>,
    now: i64,
) -> ReasonStep {
    let offer = match offers::offer_for(&ctx.project, &reason) {
        Some(offer) => offer_view(app, key, ctx, sub, offer, coupon, now).await,
        None => None,
    };
    ReasonStep {
        label: reason_label(ctx, &reason),
        reason: reason.to_string(),
        offer,
    }
}

/// How the page shows `offer` on `sub`, or `None` where it does not apply now. `coupon`:
/// the coupon offer's coupon and the customer, read with the subscription list.
async fn offer_view(
    app: &App,
    key: &StripeKey,
    ctx: &Ctx,
    sub: &Subscription,
    offer: &Offer,
    coupon: Option<Result<(Coupon, Customer), ()>>,
    now: i64,
) -> Option<OfferView> {
    match offer {
        Offer::Coupon { .. } => {
            let (coupon, customer) = coupon?.ok()?;
            if !offers::coupon_applies(sub, &customer) {
                return None;
            }
            let taken = app.coupon_markers.taken(&ctx.project.id, &sub.id, now);
            match taken.await {
                Ok(false) => views::coupon_terms(ctx.t, &coupon).map(OfferView::Coupon),
                _ => None,
            }
        }
        Offer::Pause => {
            let options = offer_pause_options(ctx, now);
            (!options.is_empty() && !sub.collection_paused()).then_some(OfferView::Pause(options))
        }
        Offer::Downgrade => downgrade_offer(app, key, ctx, sub)
            .await
            .map(|d| OfferView::Downgrade(d.plan)),
        Offer::Support => ctx
            .project
            .support_url
            .is_some()
            .then_some(OfferView::Support),
    }
}

/// The pause lengths a pause offer proposes: the project's, whether or not pause is also
/// offered on its own.
fn offer_pause_options(ctx: &Ctx, now: i64) -> Vec<(u32, i64)> {
    let mut p = ctx.project.clone();
    p.pause_offered = true;
    cancel::pause_options(&p, now)
}

/// `POST /portal/subscriptions/<id>/cancel/reason`: counts the reason, then shows the
/// cancel page with the offer that answers it (PRG). No reason picked: back to the page.
pub(crate) async fn reason(app: &App, ctx: Ctx, id: &SubscriptionId) -> anyhow::Result<Reply> {
    let base = format!("/portal/subscriptions/{id}/cancel");
    let Some(raw) = ctx.form.get("reason").filter(|r| !r.is_empty()) else {
        return Ok(ctx.see_other(base));
    };
    let Some(reason) = offers::reason(&ctx.project, raw) else {
        return Ok(ctx.error(ErrorKind::NotFound));
    };
    crate::metrics::record_funnel(app, &ctx.session, FunnelStep::Reason(reason.clone())).await;
    Ok(ctx.see_other(format!("{base}?reason={reason}")))
}

/// `POST /portal/subscriptions/<id>/offer`: accepts the offer that answers the form's
/// reason (the offer comes from the project, never from the form).
pub(crate) async fn accept_offer(
    app: &App,
    ctx: Ctx,
    id: &SubscriptionId,
) -> anyhow::Result<Reply> {
    let key = ctx.key()?;
    let now = app.clock.now().unix_timestamp();
    let Some(reason) = ctx
        .form
        .get("reason")
        .and_then(|r| offers::reason(&ctx.project, r))
    else {
        return Ok(ctx.error(ErrorKind::NotFound));
    };
    let Some(offer) = offers::offer_for(&ctx.project, &reason).cloned() else {
        return Ok(ctx.error(ErrorKind::NotFound));
    };
    let page = format!("/portal/subscriptions/{id}/cancel");
    let read = app.stripe.customer_subscription(key, ctx.customer(), id);
    // A coupon offer also reads the customer (its own discount), in the same round.
    let customer = async {
        match &offer {
            Offer::Coupon { .. } => {
                let read = app
                    .stripe
                    .own_customer(key, ctx.customer(), CustomerView::Plain);
                Some(within(app, "customer", read).await)
            }
            _ => None,
        }
    };
    let (sub, customer) = tokio::join!(within(app, "subscription", read), customer);
    let sub = match sub {
        Err(()) => return Ok(ctx.notice(&page, Flash::ActionFailed)),
        Ok(Some(sub)) if sub.is_live() => sub,
        Ok(_) => return Ok(ctx.error(ErrorKind::NotFound)),
    };
    // Offers answer a reason on the open cancel page: none for a subscription already set
    // to cancel (a crafted or stale form).
    if sub.cancellation_scheduled() {
        return Ok(ctx.notice(&page, Flash::OfferUnavailable));
    }
    let accepted = |kind| FunnelStep::OfferAccepted(kind);
    match offer {
        Offer::Coupon { coupon } => {
            let customer = match customer {
                Some(Ok(Some(c))) => c.into_inner(),
                Some(Ok(None)) => return Ok(ctx.error(ErrorKind::NotFound)),
                _ => return Ok(ctx.notice(&page, Flash::ActionFailed)),
            };
            if !offers::coupon_applies(&sub, &customer) {
                return Ok(ctx.notice(&page, Flash::OfferUnavailable));
            }
            let markers = &app.coupon_markers;
            match markers.claim(&ctx.project.id, id, now).await {
                Ok(Claimed::Fresh) => {}
                Ok(Claimed::Taken) => return Ok(ctx.notice(&page, Flash::OfferUnavailable)),
                Err(e) => {
                    tracing::warn!(project = %ctx.project.id, error = ?e, "coupon offer not claimed");
                    return Ok(ctx.notice(&page, Flash::ActionFailed));
                }
            }
            let params = offers::coupon_update(&coupon, &reason, now);
            let idem = ctx.idempotency_key("offer_coupon", id.as_str());
            let update = app.stripe.update_subscription(key, &sub, &params, &idem);
            let done = within(app, "update_subscription", update).await.is_ok()
                || landed_with(app, &ctx, &sub, |s| offers::coupon_landed(s, now)).await;
            if !done {
                // Nothing changed at Stripe: give the marker back (a lease, not a grant).
                if let Err(e) = markers.release(&ctx.project.id, id, now).await {
                    tracing::warn!(project = %ctx.project.id, error = ?e, "coupon offer marker not released");
                }
                return Ok(ctx.notice(&page, Flash::ActionFailed));
            }
            crate::metrics::record_funnel(app, &ctx.session, accepted(OfferKind::Coupon)).await;
            Ok(ctx.notice("/portal", Flash::OfferApplied))
        }
        Offer::Pause => {
            let days = ctx.form.get("days").and_then(|d| d.parse::<u32>().ok());
            let Some(mut params) =
                days.and_then(|d| offers::pause_update(&ctx.project, d, &reason, now))
            else {
                return Ok(ctx.error(ErrorKind::NotFound));
            };
            // The pause email speaks this session's language (same request).
            params
                .metadata
                .extend(mail::session_lang_metadata(ctx.t.language(), now));
            if sub.collection_paused() {
                return Ok(ctx.see_other("/portal".to_owned()));
            }
            let idem = ctx.idempotency_key("offer_pause", id.as_str());
            let update = app.stripe.update_subscription(key, &sub, &params, &idem);
            let done = within(app, "update_subscription", update).await.is_ok()
                || landed_with(app, &ctx, &sub, Subscription::collection_paused).await;
            if !done {
                return Ok(ctx.notice(&page, Flash::ActionFailed));
            }
            tokio::join!(
                crate::metrics::record_funnel(app, &ctx.session, accepted(OfferKind::Pause)),
                crate::metrics::record_job(app, &ctx.session, shared::metrics::Job::Paused),
            );
            Ok(ctx.notice("/portal", Flash::OfferApplied))
        }
        Offer::Downgrade => match downgrade_offer(app, key, &ctx, &sub).await {
            Some(d) => {
                crate::metrics::record_funnel(app, &ctx.session, accepted(OfferKind::Downgrade))
                    .await;
                Ok(ctx.see_other(d.href))
            }
            None => Ok(ctx.notice(&page, Flash::OfferUnavailable)),
        },
        Offer::Support => {
            crate::metrics::record_funnel(app, &ctx.session, accepted(OfferKind::Support)).await;
            Ok(ctx.see_other(views::SUPPORT_PATH.to_owned()))
        }
    }
}

/// Whether a fresh read of `sub` shows `done` (a write whose answer was lost).
async fn landed_with(
    app: &App,
    ctx: &Ctx,
    sub: &Owned<Subscription>,
    done: impl Fn(&Subscription) -> bool,
) -> bool {
    let Ok(key) = ctx.key() else {
        return false;
    };
    let read = app
        .stripe
        .customer_subscription(key, ctx.customer(), &sub.id);
    within(app, "subscription", read)
        .await
        .is_ok_and(|now| now.is_some_and(|s| done(&s)))
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
    // The email this action causes speaks the session's language: written with the action.
    let stamp = mail::session_lang_metadata(ctx.t.language(), now);
    if let Err(failure) = write(app, &ctx, &current, &action, &stamp, &idem).await {
        tracing::warn!(project = %ctx.project.id, action = verb.as_str(), ?failure, "subscription action failed");
        return Ok(failed(&ctx, &action, id, failure));
    }
    tracing::info!(project = %ctx.project.id, action = verb.as_str(), "subscription action done");
    // A resubmitted form (Stripe replays it) finds the change already made: not a new job.
    if !action.applied(ctx.project.cancellation_mode, &current) {
        crate::metrics::record_job(app, &ctx.session, action.job()).await;
        if let Action::Cancel(c) = &action {
            if let Some(reason) = &c.reason {
                crate::metrics::record_funnel(
                    app,
                    &ctx.session,
                    FunnelStep::Reason(reason.clone()),
                )
                .await;
            }
            crate::metrics::record_funnel(app, &ctx.session, FunnelStep::Cancelled).await;
        }
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
    stamp: &BTreeMap<String, String>,
    idem: &str,
) -> Result<(), Failed> {
    let key = ctx.key().map_err(|_| Failed::NothingChanged)?;
    let mode = ctx.project.cancellation_mode;
    match action.write(mode, sub).stamped(stamp) {
        Write::CancelNow(params) => {
            // A project's own reason and the session's language go to metadata first
            // (Stripe's cancel takes none).
            let first = action.metadata_first(mode, stamp);
            if let Some(meta) = &first {
                let idem = format!("{idem}-reason");
                let update = app.stripe.update_subscription(key, sub, meta, &idem);
                within(app, "update_subscription", update)
                    .await
                    .map_err(|()| Failed::NothingChanged)?;
            }
            let cancel = app.stripe.cancel_subscription(key, sub, &params, idem);
            if within(app, "cancel_subscription", cancel).await.is_ok()
                || landed(app, ctx, sub, action).await
            {
                return Ok(());
            }
            if let Some(meta) = first {
                // Undo: give the keys written first their values before (Stripe unsets
                // a key sent empty).
                let undo = SubscriptionUpdate {
                    metadata: meta
                        .metadata
                        .keys()
                        .map(|k| (k.clone(), sub.metadata.get(k).cloned().unwrap_or_default()))
                        .collect(),
                    ..SubscriptionUpdate::default()
                };
                let idem = format!("{idem}-undo");
                let update = app.stripe.update_subscription(key, sub, &undo, &idem);
                if within(app, "update_subscription", update).await.is_err() {
                    return Err(Failed::MaybeChanged);
                }
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
