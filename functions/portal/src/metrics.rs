//! Counting what customers do, and the two links out of the portal that are counted on
//! the way: an invoice's PDF or hosted page (`/portal/invoices/<in_…>/pdf|view`, a job)
//! and "Contact support" (`/portal/support`, an escalation). Recording never fails a
//! request: a lost count is logged, the customer's job is what matters.

use http::Method;
use lambda_http::Request;
use serde_json::Value;
use shared::browser_session::BrowserSession;
use shared::metrics::Job;
use shared::stripe::StripeError;
use shared::stripe_portal::is_invoice_id;
use shared::views::{self, ErrorKind};

use crate::handler::{error_reply, method_not_allowed, session, session_ended, stripe_key, Reply};
use crate::App;

/// Counts `job` done in `session` (the session counts as completed once). Call it after
/// the job succeeded, before answering. Never fails; logs when the count is lost.
pub(crate) async fn record_job(app: &App, session: &BrowserSession, job: Job) {
    let now = app.clock.now();
    if let Err(e) = app.metrics.job(session, job, now).await {
        tracing::warn!(project = %session.project, job = %job, error = ?e, "job not counted");
    }
}

/// Counts a click on "Contact support" (once per session). Never fails.
pub(crate) async fn record_escalation(app: &App, session: &BrowserSession) {
    let now = app.clock.now();
    if let Err(e) = app.metrics.escalated(session, now).await {
        tracing::warn!(project = %session.project, error = ?e, "escalation not counted");
    }
}

/// Counts the redemption that started `session`, at the session's own start time (its
/// outcomes count on that day too). Never fails.
pub(crate) async fn record_redeemed(app: &App, session: &BrowserSession) {
    let at = time::OffsetDateTime::from_unix_timestamp(session.created)
        .unwrap_or_else(|_| app.clock.now());
    let (project, customer) = (&session.project, &session.customer);
    if let Err(e) = app.metrics.redeemed(project, customer, at).await {
        tracing::warn!(project = %project, error = ?e, "redemption not counted");
    }
}

/// Writes the request's EMF line.
pub(crate) fn record_request(app: &App, route: &str, status: u16, latency: std::time::Duration) {
    app.metrics
        .emf()
        .request(app.clock.now(), route, status, latency);
}

/// Routes `/portal/support` and `/portal/invoices/<id>/(pdf|view)`; `None`: not ours.
pub(crate) async fn route(
    app: &App,
    req: &Request,
    path: &str,
) -> Option<(&'static str, anyhow::Result<Reply>)> {
    let get = req.method() == Method::GET || req.method() == Method::HEAD;
    if path == views::SUPPORT_PATH {
        return Some(match get {
            true => ("support", support(app, req).await),
            false => ("method", Ok(method_not_allowed("GET, HEAD"))),
        });
    }
    let rest = path.strip_prefix("/portal/invoices/")?;
    let (id, which) = rest.split_once('/')?;
    let job = match which {
        "pdf" => Job::InvoiceDownloaded,
        "view" => Job::InvoiceOpened,
        _ => return None,
    };
    if !get {
        return Some(("method", Ok(method_not_allowed("GET, HEAD"))));
    }
    if !is_invoice_id(id) {
        return Some(("invoice_link", Ok(error_reply(ErrorKind::NotFound))));
    }
    Some(("invoice_link", invoice_link(app, req, id, job).await))
}

/// Only a real GET counts: `HEAD` is what link checkers send.
fn counts(req: &Request) -> bool {
    req.method() == Method::GET
}

/// `GET /portal/support`: counts the escalation, then 303 to the project's support URL.
async fn support(app: &App, req: &Request) -> anyhow::Result<Reply> {
    let Some((_, session, project)) = session(app, req).await? else {
        return Ok(session_ended(app));
    };
    let Some(url) = project
        .support_url
        .clone()
        .filter(|u| views::safe_support_url(u))
    else {
        return Ok(error_reply(ErrorKind::NotFound).for_project(Some(&project)));
    };
    if counts(req) {
        record_escalation(app, &session).await;
    }
    Ok(Reply::see_other(url).for_project(Some(&project)))
}

fn is_http_url(u: &str) -> bool {
    u.starts_with("https://") || u.starts_with("http://")
}

/// `GET /portal/invoices/<id>/pdf|view`: the customer's own invoice only; counts the job,
/// then 303 to Stripe's URL.
async fn invoice_link(app: &App, req: &Request, id: &str, job: Job) -> anyhow::Result<Reply> {
    let Some((_, session, project)) = session(app, req).await? else {
        return Ok(session_ended(app));
    };
    let key = stripe_key(app, &project).await?;
    let path = format!("/v1/invoices/{id}");
    let read = app.stripe.get::<Value>(&key, &path, &[]);
    let invoice = match tokio::time::timeout(app.stripe_timeout, read).await {
        Ok(Ok(invoice)) => invoice,
        Ok(Err(StripeError::NotFound(_))) => {
            return Ok(error_reply(ErrorKind::NotFound).for_project(Some(&project)));
        }
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "invoice read failed");
            return Ok(error_reply(ErrorKind::Internal).for_project(Some(&project)));
        }
        Err(_) => {
            tracing::warn!("invoice read timed out");
            return Ok(error_reply(ErrorKind::Internal).for_project(Some(&project)));
        }
    };
    let customer = invoice["customer"]
        .as_str()
        .or_else(|| invoice["customer"]["id"].as_str());
    let field = match job {
        Job::InvoiceDownloaded => "invoice_pdf",
        _ => "hosted_invoice_url",
    };
    let url = invoice[field].as_str().filter(|u| is_http_url(u));
    let (Some(url), true) = (url, customer == Some(session.customer.as_str())) else {
        // Someone else's invoice, or one without that link: nothing to show here.
        return Ok(error_reply(ErrorKind::NotFound).for_project(Some(&project)));
    };
    if counts(req) {
        record_job(app, &session, job).await;
    }
    Ok(Reply::see_other(url.to_owned()).for_project(Some(&project)))
}
