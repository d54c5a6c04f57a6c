//! `/portal/subscriptions/<id>/…`: the cancel page and the one-click subscription actions
//! (cancel, renew, pause, resume). Each action is one Stripe call with an
//! `Idempotency-Key` derived from the session's CSRF token, the action, the subscription
//! and the form's nonce; every POST answers 303: to the overview when done, back to the
//! page the button is on with "nothing was changed" when Stripe refused or failed.

use http::{Method, StatusCode};
use lambda_http::Request;
use serde_json::{json, Value};
use shared::browser_session::BrowserSession;
use shared::i18n::Catalogue;
use shared::ids::SubscriptionId;
use shared::metrics::Job;
use shared::project::{CancellationMode, Project};
use shared::stripe_portal::{action_idempotency_key, PortalSubscription};
use shared::views::{self, Brand, ErrorKind, NavPage, REASON_CODES};

use crate::flash::Flash;
use crate::handler::{
    chrome, error_reply, form_field, method_not_allowed, session, session_ended, session_page,
    stripe_key, within, Reply,
};
use crate::App;

const MAX_COMMENT_CHARS: usize = 500;
/// Pause lengths offered (days), capped by the project's maximum.
const PAUSE_CHOICES: [u32; 5] = [7, 14, 30, 60, 90];
const DAY: i64 = 24 * 3600;

/// Routes `rest` = `<id>/<action>`.
pub(crate) async fn route(
    app: &App,
    req: &Request,
    rest: &str,
) -> (&'static str, anyhow::Result<Reply>) {
    let Some((id, action)) = rest.split_once('/') else {
        return ("not_found", Ok(error_reply(ErrorKind::NotFound)));
    };
    let Ok(id) = SubscriptionId::parse(id) else {
        return ("not_found", Ok(error_reply(ErrorKind::NotFound)));
    };
    let method = req.method();
    let read = method == Method::GET || method == Method::HEAD;
    match (action, read, method == Method::POST) {
        ("cancel", true, _) => ("cancel_page", cancel_page(app, req, &id).await),
        ("cancel" | "renew" | "pause" | "resume", _, true) => {
            ("subscription_action", act(app, req, &id, action).await)
        }
        ("cancel", _, _) => ("method", Ok(method_not_allowed("GET, HEAD, POST"))),
        ("renew" | "pause" | "resume", _, _) => ("method", Ok(method_not_allowed("POST"))),
        _ => ("not_found", Ok(error_reply(ErrorKind::NotFound))),
    }
}

fn not_found(project: &Project) -> Reply {
    let mut r = error_reply(ErrorKind::NotFound);
    r = r.for_project(Some(project));
    r
}

fn plan_name(t: &Catalogue, sub: &PortalSubscription) -> String {
    let names: Vec<&str> = sub
        .items
        .data
        .iter()
        .map(|i| i.price.display_name().unwrap_or(t.unnamed_plan))
        .collect();
    if names.is_empty() {
        t.unnamed_plan.to_owned()
    } else {
        names.join(" + ")
    }
}

/// `GET /portal/subscriptions/<id>/cancel`.
async fn cancel_page(app: &App, req: &Request, id: &SubscriptionId) -> anyhow::Result<Reply> {
    let Some((_, session, project)) = session(app, req).await? else {
        return Ok(session_ended(app));
    };
    let key = stripe_key(app, &project).await?;
    // Listing the customer's own subscriptions scopes the id to this customer.
    let (subs, products) = tokio::join!(
        within(
            app,
            "subscriptions",
            app.stripe
                .list_portal_subscriptions(&key, &session.customer)
        ),
        within(app, "products", app.stripe.list_products(&key, &[])),
    );
    let t = Catalogue::for_locale(&session.locale);
    let Ok(subs) = subs else {
        // Stripe down: say so on the page, keeping any notice the redirect here carried.
        let chrome =
            crate::flash::with_notice(chrome(&session, &project, NavPage::Overview), req, t);
        let page = views::unavailable(t, &Brand::of(&project), &chrome, t.cancel_plan);
        return Ok(
            session_page(page, &session, &project).with_status(StatusCode::SERVICE_UNAVAILABLE)
        );
    };
    let mut subs = subs.data;
    subs.retain(|s| s.id == id.as_str());
    if subs.is_empty() {
        return Ok(not_found(&project));
    }
    crate::handler::name_products(app, &key, &mut subs, products).await;
    let sub = &subs[0];
    let plan = plan_name(t, sub);
    let ends_at = match project.cancellation_mode {
        CancellationMode::PeriodEnd => sub
            .items
            .data
            .iter()
            .filter_map(|i| i.current_period_end)
            .min(),
        CancellationMode::Immediate => None,
    };
    let now = app.clock.now().unix_timestamp();
    let pause_options: Vec<(u32, i64)> = if project.pause_offered && project.max_pause_days > 0 {
        let mut days: Vec<u32> = PAUSE_CHOICES
            .into_iter()
            .filter(|d| *d < project.max_pause_days)
            .collect();
        days.push(project.max_pause_days);
        days.into_iter()
            .map(|d| (d, now + i64::from(d) * DAY))
            .collect()
    } else {
        Vec::new()
    };
    let downgrade = crate::plan::downgrade_offer(app, &key, &project, sub, t).await;
    let nonce = shared::clock::random_base62(app.rng.as_ref(), 22)?;
    let brand = Brand::of(&project);
    let chrome = crate::flash::with_notice(chrome(&session, &project, NavPage::Overview), req, t);
    let page = views::cancel(&views::CancelPage {
        t,
        brand: &brand,
        chrome: &chrome,
        sub,
        plan: &plan,
        ends_at,
        pause_options: &pause_options,
        reason_survey: project.reason_survey,
        downgrade: downgrade.as_ref(),
        nonce: &nonce,
    });
    Ok(session_page(page, &session, &project))
}

/// The cancellation details from the form, where the project asks for them.
fn cancellation_details(req: &Request, project: &Project) -> Value {
    if !project.reason_survey {
        return json!({});
    }
    let mut details = serde_json::Map::new();
    if let Some(reason) = form_field(req, "reason").filter(|r| REASON_CODES.contains(&r.as_str())) {
        details.insert("feedback".into(), json!(reason));
    }
    if let Some(comment) = form_field(req, "comment") {
        let comment: String = comment.trim().chars().take(MAX_COMMENT_CHARS).collect();
        if !comment.is_empty() {
            details.insert("comment".into(), json!(comment));
        }
    }
    if details.is_empty() {
        json!({})
    } else {
        json!({ "cancellation_details": details })
    }
}

fn merge(mut a: Value, b: Value) -> Value {
    if let (Some(a), Value::Object(b)) = (a.as_object_mut(), b) {
        a.extend(b);
    }
    a
}

/// POST `cancel` | `renew` | `pause` | `resume`.
async fn act(app: &App, req: &Request, id: &SubscriptionId, action: &str) -> anyhow::Result<Reply> {
    let Some((_, session, project)) = session(app, req).await? else {
        return Ok(session_ended(app));
    };
    let csrf = form_field(req, "csrf").unwrap_or_default();
    if !session.csrf_matches(&csrf) {
        tracing::warn!(project = %project.id, "refused a POST without a valid CSRF token");
        return Ok(error_reply(ErrorKind::Forbidden).for_project(Some(&project)));
    }
    let key = stripe_key(app, &project).await?;
    let path = format!("/v1/subscriptions/{id}");
    let Ok(current) = within(
        app,
        "subscription",
        app.stripe.get::<Value>(&key, &path, &[]),
    )
    .await
    else {
        return Ok(failed(id, action).for_project(Some(&project)));
    };
    if !owned_and_live(&current, &session) {
        return Ok(not_found(&project));
    }
    let nonce = form_field(req, "nonce")
        .filter(|n| n.len() <= 64 && n.bytes().all(|b| b.is_ascii_alphanumeric()))
        .unwrap_or_default();
    let idem = action_idempotency_key(&session.csrf, action, id.as_str(), &nonce);
    let call = match action {
        "cancel" => {
            let details = cancellation_details(req, &project);
            match project.cancellation_mode {
                CancellationMode::PeriodEnd => {
                    // Stripe refuses to edit a subscription its schedule manages (a plan
                    // change due at period end): cancelling supersedes that change.
                    if let Some(schedule) = current["schedule"].as_str() {
                        let release = format!("/v1/subscription_schedules/{schedule}/release");
                        let released = within(
                            app,
                            "release_schedule",
                            app.stripe.post::<Value>(
                                &key,
                                &release,
                                &json!({}),
                                &format!("{idem}#release"),
                            ),
                        )
                        .await;
                        if released.is_err() {
                            tracing::warn!(project = %project.id, "releasing the schedule before a cancel failed; nothing changed");
                            return Ok(failed(id, action).for_project(Some(&project)));
                        }
                    }
                    let params = merge(json!({ "cancel_at_period_end": true }), details);
                    within(
                        app,
                        "cancel",
                        app.stripe.post::<Value>(&key, &path, &params, &idem),
                    )
                    .await
                }
                CancellationMode::Immediate => {
                    within(
                        app,
                        "cancel",
                        app.stripe
                            .delete_with::<Value>(&key, &path, &details, &idem),
                    )
                    .await
                }
            }
        }
        "renew" => {
            let params = if current["cancel_at_period_end"].as_bool() == Some(true) {
                json!({ "cancel_at_period_end": false })
            } else {
                json!({ "cancel_at": "" })
            };
            within(
                app,
                "renew",
                app.stripe.post::<Value>(&key, &path, &params, &idem),
            )
            .await
        }
        "resume" => {
            let params = json!({ "pause_collection": "" });
            within(
                app,
                "resume",
                app.stripe.post::<Value>(&key, &path, &params, &idem),
            )
            .await
        }
        _ => {
            let days = form_field(req, "days").and_then(|d| d.parse::<u32>().ok());
            let Some(days) =
                days.filter(|d| project.pause_offered && (1..=project.max_pause_days).contains(d))
            else {
                return Ok(not_found(&project));
            };
            let resumes_at = app.clock.now().unix_timestamp() + i64::from(days) * DAY;
            let params =
                json!({ "pause_collection": { "behavior": "void", "resumes_at": resumes_at } });
            within(
                app,
                "pause",
                app.stripe.post::<Value>(&key, &path, &params, &idem),
            )
            .await
        }
    };
    if call.is_err() {
        // A timed-out or retried write may have landed after all: say "nothing was
        // changed" only if a fresh read shows it.
        let now = within(
            app,
            "subscription",
            app.stripe.get::<Value>(&key, &path, &[]),
        )
        .await;
        if !now.is_ok_and(|sub| applied(action, project.cancellation_mode, &sub)) {
            tracing::warn!(project = %project.id, action, "subscription action failed; nothing changed");
            return Ok(failed(id, action).for_project(Some(&project)));
        }
    }
    tracing::info!(project = %project.id, action, "subscription action done");
    let job = match action {
        "cancel" => Job::Cancelled,
        "renew" => Job::Renewed,
        "pause" => Job::Paused,
        _ => Job::Resumed,
    };
    // A resubmitted form (Stripe replays it) finds the change already made: not a new job.
    if !applied(action, project.cancellation_mode, &current) {
        crate::metrics::record_job(app, &session, job).await;
    }
    Ok(Reply::see_other("/portal".to_owned()).for_project(Some(&project)))
}

fn owned_and_live(sub: &Value, session: &BrowserSession) -> bool {
    let customer = sub["customer"]
        .as_str()
        .or_else(|| sub["customer"]["id"].as_str());
    customer == Some(session.customer.as_str())
        && !matches!(
            sub["status"].as_str(),
            Some("canceled" | "incomplete_expired") | None
        )
}

/// Whether `sub` already shows what `action` asks for.
fn applied(action: &str, mode: CancellationMode, sub: &Value) -> bool {
    let scheduled =
        sub["cancel_at_period_end"].as_bool() == Some(true) || !sub["cancel_at"].is_null();
    let paused = !sub["pause_collection"].is_null();
    match (action, mode) {
        ("cancel", CancellationMode::PeriodEnd) => scheduled,
        ("cancel", CancellationMode::Immediate) => sub["status"].as_str() == Some("canceled"),
        ("renew", _) => !scheduled,
        ("pause", _) => paused,
        ("resume", _) => !paused,
        _ => false,
    }
}

/// A failed action: back to the page its button is on (cancel and pause: the cancel
/// page; renew and resume: the overview), which says nothing was changed.
fn failed(id: &SubscriptionId, action: &str) -> Reply {
    let back = match action {
        "cancel" | "pause" => format!("/portal/subscriptions/{id}/cancel"),
        _ => "/portal".to_owned(),
    };
    Flash::ActionFailed.redirect(&back)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_action_counts_as_applied_only_when_the_subscription_shows_it() {
        let period_end = CancellationMode::PeriodEnd;
        let live = json!({"status": "active", "cancel_at_period_end": false, "cancel_at": null, "pause_collection": null});
        let scheduled = json!({"status": "active", "cancel_at_period_end": true, "cancel_at": 1, "pause_collection": null});
        let at_date = json!({"status": "active", "cancel_at_period_end": false, "cancel_at": 1, "pause_collection": null});
        let paused = json!({"status": "active", "cancel_at_period_end": false, "cancel_at": null, "pause_collection": {"behavior": "void"}});
        let canceled = json!({"status": "canceled", "cancel_at_period_end": false, "cancel_at": null, "pause_collection": null});
        assert!(!applied("cancel", period_end, &live));
        assert!(applied("cancel", period_end, &scheduled));
        assert!(applied("cancel", period_end, &at_date));
        assert!(!applied("cancel", CancellationMode::Immediate, &scheduled));
        assert!(applied("cancel", CancellationMode::Immediate, &canceled));
        assert!(applied("renew", period_end, &live));
        assert!(!applied("renew", period_end, &at_date));
        assert!(applied("pause", period_end, &paused));
        assert!(!applied("pause", period_end, &live));
        assert!(applied("resume", period_end, &live));
        assert!(!applied("resume", period_end, &paused));
        assert!(!applied("delete_everything", period_end, &live));
    }
}
