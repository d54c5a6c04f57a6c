//! The overview (subscriptions with their next invoices, card, latest invoices) and the
//! invoices list.

use std::sync::Arc;

use shared::ids::InvoiceId;
use shared::stripe::{
    Card, Customer, CustomerView, Invoice, List, Owned, Product, StripeKey, Subscription,
};
use shared::views::{self, NavPage};

use crate::app::App;
use crate::guard::Ctx;
use crate::previews::{self, Previews};
use crate::reply::Reply;
use crate::stripe_reads::{cards, name_products, products, with_key, within};

const INVOICES_PER_PAGE: u32 = 20;
const OVERVIEW_INVOICES: u32 = 5;

/// What the overview reads from Stripe.
struct Reads {
    subs: Result<Vec<Owned<Subscription>>, ()>,
    customer: Result<Option<Owned<Customer>>, ()>,
    invoices: Result<List<Invoice>, ()>,
    products: Result<Arc<List<Product>>, ()>,
    /// Previews started from the session's hint, alongside the other reads.
    early: Previews,
    /// Previews of the subscriptions the hint missed, once the list arrived.
    late: Previews,
}

/// One concurrent round: the subscriptions (then the previews the hint missed), the hinted
/// previews, the customer, the latest invoices and the products.
async fn read(app: &App, ctx: &Ctx, key: &StripeKey, nonce: &str) -> Reads {
    let customer = ctx.customer();
    let ((subs, late), early, cust, invoices, products) = tokio::join!(
        previews::subscriptions_then_previews(app, ctx, key, nonce),
        previews::previews(app, ctx, key, &ctx.session.hint.previews, nonce),
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
    );
    Reads {
        subs,
        customer: cust,
        invoices,
        products,
        early,
        late,
    }
}

/// `GET /portal`: subscriptions with Stripe's preview of each next invoice, the payment
/// method and the latest invoices.
pub(crate) async fn overview(app: &App, ctx: Ctx) -> anyhow::Result<Reply> {
    let nonce = app.nonce()?;
    let mut r = match &ctx.key {
        Some(key) => read(app, &ctx, key, &nonce).await,
        None => Reads {
            subs: Err(()),
            customer: Err(()),
            invoices: Err(()),
            products: Err(()),
            early: Previews::new(),
            late: Previews::new(),
        },
    };
    let mut cards_of = Vec::new();
    if let (Ok(subs), Some(key)) = (r.subs.as_mut(), &ctx.key) {
        // Stripe is called again only for plans beyond the first page of products.
        let products = std::mem::replace(&mut r.products, Err(()));
        name_products(app, key, subs, products).await;
    }
    if let (Ok(subs), Some(key)) = (r.subs.as_ref(), &ctx.key) {
        cards_of = cards(app, key, &ctx.project, subs, ctx.t).await;
        for card in &mut cards_of {
            card.next_invoice = previews::shown(card.sub, &r.early, &r.late);
        }
    }
    let invoices = r.invoices.map(|l| visible(l.data));
    // Deleted (or not this customer): the section says it is unavailable.
    let cust = r.customer.ok().flatten();
    let card: Result<Option<&Card>, ()> = match &cust {
        Some(c) => Ok(c.default_card().or_else(|| {
            r.subs
                .as_ref()
                .ok()
                .and_then(|subs| subs.iter().find_map(|s| s.default_card()))
        })),
        None => Err(()),
    };
    let chrome = ctx.chrome(NavPage::Overview);
    let page = views::overview(&views::OverviewPage {
        t: ctx.t,
        brand: &ctx.brand(),
        chrome: &chrome,
        customer_label: cust.as_ref().and_then(|c| c.label()),
        subscriptions: r.subs.as_ref().map(|_| cards_of.as_slice()).map_err(|_| ()),
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
