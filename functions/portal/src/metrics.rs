//! Counting what customers do. Recording never fails a request: a lost count is logged,
//! the customer's job is what matters.

use shared::browser_session::BrowserSession;
use shared::metrics::{FunnelStep, Job};

use crate::app::App;

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

/// Counts a step of the cancel funnel (once per session per step). Never fails.
pub(crate) async fn record_funnel(app: &App, session: &BrowserSession, step: FunnelStep) {
    let now = app.clock.now();
    if let Err(e) = app.metrics.funnel(session, &step, now).await {
        tracing::warn!(project = %session.project, error = ?e, "funnel step not counted");
    }
}
