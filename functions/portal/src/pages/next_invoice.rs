//! `GET /portal/subscriptions/<id>/next-invoice`: Stripe's preview of a subscription's next
//! invoice itemised (lines, discounts, taxes, totals), how it will be paid, and the usage
//! so far of its metered items from their meters.

use futures::future::join_all;
use http::StatusCode;
use shared::browser_session::UsageHint;
use shared::charges::{self, Metered};
use shared::ids::SubscriptionId;
use shared::stripe::{CustomerView, InvoicePreview, StripeKey, Subscription};
use shared::views::{self, ErrorKind, LineNames, NavPage, UsageSoFar};

use crate::app::App;
use crate::guard::Ctx;
use crate::hint;
use crate::pages::cancel::plan_name;
use crate::previews;
use crate::reply::Reply;
use crate::stripe_reads::{named_subscriptions, within};

/// `GET /portal/subscriptions/<id>/next-invoice`. The list of the customer's own
/// subscriptions scopes the id; the preview (itself scoped by id) goes out in the same
/// round, with the customer's card and the meter reads the session's hint names (each
/// scoped to the customer); a metered item the hint missed is read after the list.
pub(crate) async fn page(app: &App, ctx: Ctx, id: &SubscriptionId) -> anyhow::Result<Reply> {
    let key = ctx.key()?;
    let nonce = app.nonce()?;
    let hinted: Vec<UsageHint> = ctx.session.hint.usage_of(id).cloned().collect();
    let (subs, customer, preview, early) = tokio::join!(
        named_subscriptions(app, key, &ctx.project.id, ctx.customer()),
        within(
            app,
            "customer",
            app.stripe
                .own_customer(key, ctx.customer(), CustomerView::WithCard)
        ),
        previews::preview(app, &ctx, key, id, &nonce),
        hint::read_all(app, key, &ctx.session, hinted.clone()),
    );
    let Ok(subs) = subs else {
        let t = ctx.t;
        let chrome = ctx.chrome(NavPage::Overview);
        let page = views::unavailable(t, &ctx.brand(), &chrome, t.charges().next_invoice_heading());
        return Ok(ctx.page(page).with_status(StatusCode::SERVICE_UNAVAILABLE));
    };
    let Some(sub) = subs.iter().find(|s| s.id == *id) else {
        return Ok(ctx.error(ErrorKind::NotFound));
    };
    // Only a subscription Stripe will invoice again has a next invoice to show.
    let preview = sub
        .invoices_next()
        .then(|| preview.as_deref().map_err(|_| ()));
    let metered = charges::metered(sub);
    let quantities = usage(app, key, &ctx, sub, &metered, &hinted, early).await;
    let usage: Vec<UsageSoFar<'_>> = metered
        .iter()
        .zip(quantities)
        .map(|(m, quantity)| UsageSoFar {
            plan: m.item.price.display_name().unwrap_or(ctx.t.unnamed_plan()),
            since: m.start,
            quantity,
            estimate: preview
                .and_then(Result::ok)
                .and_then(|p: &InvoicePreview| charges::usage_line(&p.charges, m.item)),
        })
        .collect();
    let customer = customer.ok().flatten();
    let names = LineNames::new([&**sub], []);
    let plan = plan_name(ctx.t, sub);
    let chrome = ctx.chrome(NavPage::Overview);
    let page = views::next_invoice(&views::NextInvoicePage {
        t: ctx.t,
        brand: &ctx.brand(),
        chrome: &chrome,
        plan: &plan,
        date: sub.next_renewal(),
        preview,
        payment: charges::payment(sub, customer.as_deref()),
        usage: &usage,
        names: &names,
    });
    Ok(ctx.page(page))
}

/// The meters' aggregates of the customer's usage so far, one per item of `metered`
/// (`Err(())` where a meter could not be read): the hinted read that matches the item's
/// meter and period, else a read now; concurrently, the corrected hint is remembered.
async fn usage(
    app: &App,
    key: &StripeKey,
    ctx: &Ctx,
    sub: &Subscription,
    metered: &[Metered<'_>],
    hinted: &[UsageHint],
    mut early: Vec<(UsageHint, Result<f64, ()>)>,
) -> Vec<Result<f64, ()>> {
    let wanted: Vec<UsageHint> = metered
        .iter()
        .map(|m| hint::usage_read(&sub.id, m))
        .collect();
    let reads: Vec<_> = wanted
        .iter()
        .map(|w| {
            let at = early.iter().position(|(read, _)| read == w);
            let got = at.map(|at| early.swap_remove(at).1);
            async move {
                match got {
                    Some(got) => got,
                    None => hint::read_usage(app, key, &ctx.session, w).await,
                }
            }
        })
        .collect();
    let remember = async {
        if hinted != wanted.as_slice() {
            let hint = hint::with_usage_of(&ctx.session, &sub.id, &wanted);
            hint::remember(app, &ctx.session, &hint).await;
        }
    };
    let (quantities, ()) = tokio::join!(join_all(reads), remember);
    quantities
}
