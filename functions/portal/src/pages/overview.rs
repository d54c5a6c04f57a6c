//! The overview (subscriptions, card, latest invoices) and the invoices list.

use shared::ids::InvoiceId;
use shared::stripe::{Card, CustomerView, Invoice};
use shared::views::{self, NavPage};

use crate::app::App;
use crate::guard::Ctx;
use crate::reply::Reply;
use crate::stripe_reads::{cards, name_products, products, with_key, within};

const INVOICES_PER_PAGE: u32 = 20;
const OVERVIEW_INVOICES: u32 = 5;

/// `GET /portal`: subscriptions, payment method and latest invoices, one round of calls.
pub(crate) async fn overview(app: &App, ctx: Ctx) -> anyhow::Result<Reply> {
    let customer = ctx.customer();
    // One round of concurrent reads; a second only for products beyond the first 100.
    let (subs, cust, invoices, products) = match &ctx.key {
        Some(key) => {
            tokio::join!(
                within(
                    app,
                    "subscriptions",
                    app.stripe.customer_subscriptions(key, customer)
                ),
                within(
                    app,
                    "customer",
                    app.stripe
                        .own_customer(key, customer, CustomerView::WithCard)
                ),
                within(
                    app,
                    "invoices",
                    app.stripe
                        .customer_invoices(key, customer, OVERVIEW_INVOICES, None)
                ),
                products(app, key, &ctx.project.id),
            )
        }
        None => (Err(()), Err(()), Err(()), Err(())),
    };
    let mut subs = subs;
    let mut cards_of = Vec::new();
    if let (Ok(subs), Some(key)) = (subs.as_mut(), &ctx.key) {
        name_products(app, key, subs, products).await;
    }
    if let (Ok(subs), Some(key)) = (subs.as_ref(), &ctx.key) {
        cards_of = cards(app, key, &ctx.project, subs, ctx.t).await;
    }
    let invoices = invoices.map(|l| visible(l.data));
    // Deleted (or not this customer): the section says it is unavailable.
    let cust = cust.ok().flatten();
    let card: Result<Option<&Card>, ()> = match &cust {
        Some(c) => Ok(c.default_card().or_else(|| {
            subs.as_ref()
                .ok()
                .and_then(|subs| subs.iter().find_map(|s| s.default_card()))
        })),
        None => Err(()),
    };
    let label = cust.as_ref().and_then(|c| c.label());
    let chrome = ctx.chrome(NavPage::Overview);
    let nonce = app.nonce()?;
    let page = views::overview(&views::OverviewPage {
        t: ctx.t,
        brand: &ctx.brand(),
        chrome: &chrome,
        customer_label: label,
        subscriptions: subs.as_ref().map(|_| cards_of.as_slice()).map_err(|_| ()),
        card,
        invoices: invoices.as_deref().map_err(|_| ()),
        nonce: &nonce,
    });
    // "Update card" posts here and is redirected to Stripe's Checkout.
    Ok(ctx.page(page).with_form_target(app.checkout_target()))
}

/// Invoices the customer sees (drafts are the tenant's work in progress).
fn visible(invoices: Vec<Invoice>) -> Vec<Invoice> {
    invoices.into_iter().filter(Invoice::is_visible).collect()
}

/// `GET /portal/invoices[?starting_after=in_…]`: one page of invoices.
pub(crate) async fn invoices(app: &App, ctx: Ctx) -> anyhow::Result<Reply> {
    // A cursor that is not an invoice id is ignored: the first page is shown.
    let cursor = ctx
        .query
        .get("starting_after")
        .and_then(|c| InvoiceId::parse(c).ok());
    let list = with_key(app, ctx.key.as_ref(), "invoices", |key| {
        app.stripe
            .customer_invoices(key, ctx.customer(), INVOICES_PER_PAGE, cursor.as_ref())
    })
    .await;
    let next = list
        .as_ref()
        .ok()
        .filter(|l| l.has_more)
        .and_then(|l| l.data.last())
        .map(|i| i.id.to_string());
    let shown = list.map(|l| visible(l.data));
    let chrome = ctx.chrome(NavPage::Invoices);
    let page = views::invoices(&views::InvoicesPage {
        t: ctx.t,
        brand: &ctx.brand(),
        chrome: &chrome,
        invoices: shown.as_deref().map_err(|_| ()),
        next_cursor: next.as_deref(),
        paged: cursor.is_some(),
    });
    Ok(ctx.page(page))
}
