//! The two links out of the portal that are counted on the way: an invoice's PDF or hosted
//! page (`/portal/invoices/<in_…>/pdf|view`, a job) and "Contact support"
//! (`/portal/support`, an escalation).

use http::Method;
use lambda_http::Request;
use shared::ids::InvoiceId;
use shared::metrics::Job;
use shared::views::ErrorKind;

use crate::app::App;
use crate::guard::Ctx;
use crate::reply::Reply;
use crate::stripe_reads::within;

/// Only a real GET counts: `HEAD` is what link checkers send.
fn counts(req: &Request) -> bool {
    req.method() == Method::GET
}

/// `GET /portal/support`: counts the escalation, then 303 to the project's support URL.
pub(crate) async fn support(app: &App, ctx: Ctx, req: &Request) -> anyhow::Result<Reply> {
    let Some(url) = ctx.project.support_url.clone() else {
        return Ok(ctx.error(ErrorKind::NotFound));
    };
    if counts(req) {
        crate::metrics::record_escalation(app, &ctx.session).await;
    }
    Ok(ctx.see_other(url.to_string()))
}

/// `GET /portal/invoices/<id>/pdf|view`: the customer's own invoice only; counts the job,
/// then 303 to Stripe's URL.
pub(crate) async fn invoice(
    app: &App,
    ctx: Ctx,
    req: &Request,
    id: &InvoiceId,
    job: Job,
) -> anyhow::Result<Reply> {
    let read = app.stripe.customer_invoice(ctx.key()?, ctx.customer(), id);
    let Ok(invoice) = within(app, "invoice", read).await else {
        return Ok(ctx.error(ErrorKind::Internal));
    };
    let url = invoice.as_ref().and_then(|i| match job {
        Job::InvoiceDownloaded => i.pdf_url(),
        _ => i.hosted_url(),
    });
    // Someone else's invoice, none at all, or one without that link: nothing to show.
    let Some(url) = url else {
        return Ok(ctx.error(ErrorKind::NotFound));
    };
    if counts(req) {
        crate::metrics::record_job(app, &ctx.session, job).await;
    }
    Ok(ctx.see_other(url.to_owned()))
}
