//! `/portal/subscriptions/<id>/…`: the cancel page and the one-click subscription actions
//! (cancel, renew, pause, resume). Each action is one Stripe call with an
//! `Idempotency-Key` derived from the session's CSRF token, the action, the subscription
//! and the form's nonce; every POST answers 303 to the overview.

use std::collections::HashMap;

use http::Method;
use lambda_http::Request;
use serde_json::{json, Value};
use shared::browser_session::BrowserSession;
use shared::i18n::Catalogue;
use shared::ids::SubscriptionId;
use shared::project::{CancellationMode, Project};
use shared::stripe_portal::{
    action_idempotency_key, attach_products, missing_products, PortalSubscription, Product,
};
use shared::views::{self, Brand, ErrorKind, NavPage, REASON_CODES};

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
    let Ok(subs) = subs else {
        return Ok(error_reply(ErrorKind::Internal).for_project(Some(&project)));
    };
    let mut subs = subs.data;
    subs.retain(|s| s.id == id.as_str());
    if subs.is_empty() {
        return Ok(not_found(&project));
    }
    let mut known: HashMap<String, Product> = products
        .map(|l| l.data.into_iter().map(|p| (p.id.clone(), p)).collect())
        .unwrap_or_default();
    let missing = missing_products(&subs, &known);
    if !missing.is_empty() {
        if let Ok(more) = within(app, "products", app.stripe.list_products(&key, &missing)).await {
            known.extend(more.data.into_iter().map(|p| (p.id.clone(), p)));
        }
    }
    attach_products(&mut subs, &known);
    let sub = &subs[0];
    let t = Catalogue::for_locale(&session.locale);
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
    let nonce = shared::clock::random_base62(app.rng.as_ref(), 22)?;
    let brand = Brand::of(&project);
    let chrome = chrome(&session, &project, NavPage::Overview);
    let page = views::cancel(&views::CancelPage {
        t,
        brand: &brand,
        chrome: &chrome,
        sub,
        plan: &plan,
        ends_at,
        pause_options: &pause_options,
        reason_survey: project.reason_survey,
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
        return Ok(failed(&project));
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
        return Ok(failed(&project));
    }
    tracing::info!(project = %project.id, action, "subscription action done");
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

/// A failed action: an error page (nothing was changed).
fn failed(project: &Project) -> Reply {
    error_reply(ErrorKind::Internal).for_project(Some(project))
}
