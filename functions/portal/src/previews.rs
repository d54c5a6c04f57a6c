//! Stripe's previews of the customer's next invoices (`create_preview`, scoped to the
//! customer by id). The overview starts the previews of the subscriptions its session
//! remembers alongside its other reads, and the rest as soon as the subscription list
//! arrives: one Stripe round trip when the hint is right, two when it is not. The list
//! decides which previews are shown; a hint never is.

use std::collections::HashMap;

use futures::future::join_all;
use shared::ids::SubscriptionId;
use shared::stripe::{action_idempotency_key, InvoicePreview, Owned, StripeKey, Subscription};

use crate::app::App;
use crate::guard::Ctx;
use crate::hint;
use crate::stripe_reads::within;

/// Previews by subscription; `Err(())`: this one failed (its amount is "unavailable").
pub(crate) type Previews = HashMap<SubscriptionId, Result<Owned<InvoicePreview>, ()>>;

/// Stripe's preview of the next invoice of the customer's subscription `id`. A preview
/// Stripe refuses, or one that is not this customer's, is a failure here.
pub(crate) async fn preview(
    app: &App,
    ctx: &Ctx,
    key: &StripeKey,
    id: &SubscriptionId,
    nonce: &str,
) -> Result<Owned<InvoicePreview>, ()> {
    // A preview changes nothing; the key only satisfies the client's write path.
    let idem = action_idempotency_key(&ctx.session.csrf, "preview", id.as_str(), nonce);
    let read = app
        .stripe
        .customer_next_invoice(key, ctx.customer(), id, &idem);
    within(app, "preview", read).await?.ok_or(())
}

/// The previews of `ids`, concurrently.
pub(crate) async fn previews(
    app: &App,
    ctx: &Ctx,
    key: &StripeKey,
    ids: &[SubscriptionId],
    nonce: &str,
) -> Previews {
    let each = ids
        .iter()
        .map(|id| async move { (id.clone(), preview(app, ctx, key, id, nonce).await) });
    join_all(each).await.into_iter().collect()
}

/// The customer's subscriptions, then (concurrently) the previews the session's hint did
/// not start and the new hint for the next pages.
pub(crate) async fn subscriptions_then_previews(
    app: &App,
    ctx: &Ctx,
    key: &StripeKey,
    nonce: &str,
) -> (Result<Vec<Owned<Subscription>>, ()>, Previews) {
    let list = app.stripe.customer_subscriptions(key, ctx.customer());
    let subs = within(app, "subscriptions", list).await;
    let Ok(listed) = &subs else {
        return (subs, Previews::new());
    };
    let hint = hint::of_list(listed);
    let hinted = &ctx.session.hint.previews;
    let missing: Vec<SubscriptionId> = hint
        .previews
        .iter()
        .filter(|id| !hinted.contains(id))
        .cloned()
        .collect();
    let (late, ()) = tokio::join!(
        previews(app, ctx, key, &missing, nonce),
        hint::remember(app, &ctx.session, &hint),
    );
    (subs, late)
}

/// What the overview shows of `sub`'s next invoice: `None` where Stripe will not invoice
/// it again as it stands; else its preview (hinted or late), or `Err(())`.
pub(crate) fn shown<'a>(
    sub: &Subscription,
    early: &'a Previews,
    late: &'a Previews,
) -> Option<Result<&'a InvoicePreview, ()>> {
    if !sub.invoices_next() {
        return None;
    }
    let found = late.get(&sub.id).or_else(|| early.get(&sub.id));
    Some(match found {
        Some(Ok(p)) => Ok(&**p),
        _ => Err(()),
    })
}
