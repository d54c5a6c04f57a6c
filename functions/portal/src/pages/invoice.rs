//! `GET /portal/invoices/<in_…>`: one of the customer's invoices explained (lines,
//! discounts, taxes, what was paid, "Pay now" for an open one). Its PDF and hosted page
//! stay the counted links of `links.rs`.

use http::StatusCode;
use shared::ids::InvoiceId;
use shared::stripe::Invoice;
use shared::views::{self, ErrorKind, LineNames, NavPage};

use crate::app::App;
use crate::guard::Ctx;
use crate::reply::Reply;
use crate::stripe_reads::within;

/// `GET /portal/invoices/<id>`: the customer's own invoice only (a customer-scoped read);
/// drafts, other customers' invoices and unknown ids are all 404.
pub(crate) async fn page(app: &App, ctx: Ctx, id: &InvoiceId) -> anyhow::Result<Reply> {
    let key = ctx.key()?;
    let (invoice, products) = tokio::join!(
        within(
            app,
            "invoice",
            app.stripe.customer_invoice(key, ctx.customer(), id)
        ),
        within(app, "products", app.stripe.products(key, &[])),
    );
    let owned = match invoice {
        Err(()) => return Ok(unavailable(&ctx)),
        Ok(Some(inv)) if inv.is_visible() => inv,
        Ok(_) => return Ok(ctx.error(ErrorKind::NotFound)),
    };
    // Long invoices: every line (up to 100) in one more call.
    let more = match owned.charges.lines.has_more {
        true => within(app, "invoice_lines", app.stripe.invoice_lines(key, &owned))
            .await
            .ok(),
        false => None,
    };
    let mut invoice: Invoice = owned.into_inner();
    if let Some(lines) = more {
        invoice.charges.lines = lines;
    }
    let products = products.map(|l| l.data).unwrap_or_default();
    let names = LineNames::new([], &products);
    let chrome = ctx.chrome(NavPage::Invoices);
    let page = views::invoice(&views::InvoicePage {
        t: ctx.t,
        brand: &ctx.brand(),
        chrome: &chrome,
        invoice: &invoice,
        names: &names,
    });
    Ok(ctx.page(page))
}

/// Stripe down: the page says so (503), with the way back.
fn unavailable(ctx: &Ctx) -> Reply {
    let t = ctx.t;
    let page = views::unavailable(
        t,
        &ctx.brand(),
        &ctx.chrome(NavPage::Invoices),
        t.charges().invoice_untitled(),
    );
    ctx.page(page).with_status(StatusCode::SERVICE_UNAVAILABLE)
}
