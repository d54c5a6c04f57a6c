//! `POST /v1/support_tickets` and `GET /v1/metrics` against moto: atomic counting,
//! tenant isolation, strict validation, the EMF lines.

use futures::future::join_all;
use lambda_http::{Body, Request};
use serde_json::{json, Value};
use shared::api_key::ApiKey;
use shared::clock::OsRandom;
use shared::ids::{CustomerId, ProjectId, ReturnUrl};
use shared::metrics::emf::Emf;
use shared::metrics::MetricsStore;
use shared::project::{Project, ProjectStore};
use time::OffsetDateTime;

use crate::support::*;

fn today() -> String {
    shared::metrics::format_day(shared::metrics::day_of(OffsetDateTime::now_utc()))
}

fn yesterday() -> String {
    let then = OffsetDateTime::now_utc() - time::Duration::days(1);
    shared::metrics::format_day(shared::metrics::day_of(then))
}

fn tickets_request(key: &ApiKey, body: &Value) -> Request {
    let body = body.to_string();
    http::Request::builder()
        .method("POST")
        .uri("https://api.example.test/v1/support_tickets")
        .header("authorization", format!("Bearer {}", key.expose()))
        .header("content-type", "application/json")
        .body(Body::from(body))
        .unwrap()
}

fn metrics_request(key: &ApiKey, query: &str) -> Request {
    http::Request::builder()
        .method("GET")
        .uri(format!("https://api.example.test/v1/metrics?{query}"))
        .header("authorization", format!("Bearer {}", key.expose()))
        .body(Body::Empty)
        .unwrap()
}

/// A second project on the same table, with its own API key.
async fn project_b(w: &World) -> (Project, ApiKey) {
    let project = Project::new(
        ProjectId::generate(&OsRandom).unwrap(),
        "Beta",
        ReturnUrl::parse(RETURN_URL).unwrap(),
        "/unused",
        OffsetDateTime::now_utc(),
    );
    ProjectStore::new(w.table.clone())
        .create(&project)
        .await
        .unwrap();
    let (key, _) = w
        .api_keys
        .create(&project.id, Some("b"), OffsetDateTime::now_utc(), &OsRandom)
        .await
        .unwrap();
    (project, key)
}

/// Totals over yesterday and today: a test may record a session an hour before its
/// ticket (that is the previous day between 00:00 and 01:00 UTC), and a test that
/// runs across midnight still sees everything it wrote.
async fn totals(w: &World, key: &ApiKey) -> Value {
    let (from, to) = (yesterday(), today());
    let (status, _, body) = w
        .call(metrics_request(key, &format!("from={from}&to={to}")))
        .await;
    assert_eq!(status, 200, "{body}");
    body["totals"].clone()
}

#[tokio::test]
async fn a_hundred_concurrent_tickets_count_a_hundred() {
    let w = World::new().await;
    let calls = (0..100).map(|i| {
        let body = json!({"category": "invoices", "customer": format!("cus_t{i}")});
        w.call(tickets_request(&w.api_key, &body))
    });
    for (status, _, body) in join_all(calls).await {
        assert_eq!(status, 201, "{body}");
        assert_eq!(body["tickets"], 1);
    }
    let t = totals(&w, &w.api_key).await;
    assert_eq!(t["tickets"], 100);
    assert_eq!(t["tickets_by_category"]["invoices"], 100);
    assert_eq!(t["portal_then_ticket"], 0);
    assert_eq!(t["deflection_rate"], 0.0);
}

#[tokio::test]
async fn a_batch_is_counted_whole_or_not_at_all() {
    let w = World::new().await;
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let good = json!({"tickets": [
        {"category": "plan"},
        {"category": "payment_method", "customer": "cus_1", "created": now - 60},
    ]});
    let (status, _, body) = w.call(tickets_request(&w.api_key, &good)).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["object"], "support_ticket_report");
    assert_eq!(body["tickets"], 2);
    // One bad ticket refuses the whole batch, naming it.
    let bad = json!({"tickets": [{"category": "plan"}, {"category": "refunds"}]});
    let (status, _, body) = w.call(tickets_request(&w.api_key, &bad)).await;
    assert_eq!(status, 400);
    assert_error(
        &body,
        "invalid_request_error",
        Some("parameter_invalid"),
        Some("tickets[1][category]"),
    );
    let t = totals(&w, &w.api_key).await;
    assert_eq!(t["tickets"], 2);
    assert_eq!(t["tickets_by_category"]["plan"], 1);
    assert_eq!(t["tickets_by_category"]["payment_method"], 1);
}

#[tokio::test]
async fn a_retried_ticket_report_with_an_idempotency_key_counts_once() {
    let w = World::new().await;
    let body = json!({"category": "other"});
    for _ in 0..3 {
        let mut req = tickets_request(&w.api_key, &body);
        req.headers_mut()
            .insert("idempotency-key", "helpdesk-ticket-42".parse().unwrap());
        let (status, _, got) = w.call(req).await;
        assert_eq!(status, 201, "{got}");
    }
    assert_eq!(totals(&w, &w.api_key).await["tickets"], 1);
}

#[tokio::test]
async fn a_ticket_after_a_portal_session_counts_as_portal_then_ticket_for_that_project_only() {
    let w = World::new().await;
    let (b, b_key) = project_b(&w).await;
    let store = MetricsStore::new(w.table.clone(), Emf::memory("test").0);
    let now = OffsetDateTime::now_utc();
    // cus_shared redeemed a portal session of project B an hour ago.
    let shared_customer = CustomerId::parse("cus_shared").unwrap();
    store
        .redeemed(&b.id, &shared_customer, now - time::Duration::hours(1))
        .await
        .unwrap();
    // A reports a ticket for a customer id that only B's portal saw: counts for A,
    // and not as "portal then ticket" (A's portal never saw that customer).
    let body = json!({"category": "invoices", "customer": "cus_shared"});
    let (status, _, got) = w.call(tickets_request(&w.api_key, &body)).await;
    assert_eq!(status, 201, "{got}");
    assert_eq!(got["portal_then_ticket"], 0);
    let a = totals(&w, &w.api_key).await;
    assert_eq!(
        (a["tickets"].as_i64(), a["portal_then_ticket"].as_i64()),
        (Some(1), Some(0))
    );
    assert_eq!(a["redeemed"], 0);
    let before = totals(&w, &b_key).await;
    assert_eq!(before["tickets"], 0, "A's ticket never reaches B");
    assert_eq!(before["redeemed"], 1);
    // B reports the same customer's ticket: it follows B's portal session.
    let (status, _, got) = w.call(tickets_request(&b_key, &body)).await;
    assert_eq!(status, 201, "{got}");
    assert_eq!(got["portal_then_ticket"], 1);
    let after = totals(&w, &b_key).await;
    assert_eq!(
        (
            after["tickets"].as_i64(),
            after["portal_then_ticket"].as_i64()
        ),
        (Some(1), Some(1))
    );
    // Outside the 24 h before the ticket: a session 30 h earlier, or one after it.
    let old = CustomerId::parse("cus_old").unwrap();
    store
        .redeemed(&b.id, &old, now - time::Duration::hours(30))
        .await
        .unwrap();
    let two_hours_ago = (now - time::Duration::hours(2)).unix_timestamp();
    for body in [
        json!({"category": "invoices", "customer": "cus_old"}),
        json!({"category": "invoices", "customer": "cus_shared", "created": two_hours_ago}),
    ] {
        let (status, _, got) = w.call(tickets_request(&b_key, &body)).await;
        assert_eq!(status, 201, "{got}");
        assert_eq!(got["portal_then_ticket"], 0, "{body}");
    }
}

#[tokio::test]
async fn a_key_reads_only_its_own_projects_metrics() {
    let w = World::new().await;
    let (_, b_key) = project_b(&w).await;
    let customer = w.customer().await;
    let (status, body) = w.create(&json!({ "customer": customer }).to_string()).await;
    assert_eq!(status, 201, "{body}");
    let (status, _, _) = w
        .call(tickets_request(&b_key, &json!({"category": "plan"})))
        .await;
    assert_eq!(status, 201);
    let a = totals(&w, &w.api_key).await;
    assert_eq!(
        (a["minted"].as_i64(), a["tickets"].as_i64()),
        (Some(1), Some(0))
    );
    let b = totals(&w, &b_key).await;
    assert_eq!(
        (b["minted"].as_i64(), b["tickets"].as_i64()),
        (Some(0), Some(1))
    );
    // The body names the key's project, and nothing in the query can change it.
    let day = today();
    let (status, _, body) = w
        .call(metrics_request(
            &b_key,
            &format!("from={day}&to={day}&project={}", w.project.id),
        ))
        .await;
    assert_eq!(status, 400);
    assert_error(
        &body,
        "invalid_request_error",
        Some("parameter_unknown"),
        Some("project"),
    );
}

#[tokio::test]
async fn bad_metric_ranges_are_400_naming_the_param_and_bad_keys_401() {
    let w = World::new().await;
    for (query, code, param) in [
        ("to=2026-01-01", "parameter_missing", "from"),
        ("from=2026-01-01", "parameter_missing", "to"),
        ("from=2026-02-30&to=2026-03-01", "parameter_invalid", "from"),
        ("from=yesterday&to=2026-03-01", "parameter_invalid", "from"),
        ("from=2026-01-01&to=2026-13-01", "parameter_invalid", "to"),
        ("from=2026-03-02&to=2026-03-01", "parameter_invalid", "from"),
        ("from=2025-01-01&to=2026-01-02", "parameter_invalid", "to"),
    ] {
        let (status, _, body) = w.call(metrics_request(&w.api_key, query)).await;
        assert_eq!(status, 400, "{query}: {body}");
        assert_error(&body, "invalid_request_error", Some(code), Some(param));
    }
    let (status, _, body) = w
        .call(metrics_request(&w.api_key, "from=2025-01-01&to=2026-01-01"))
        .await;
    assert_eq!(status, 200, "366 days are allowed: {body}");
    assert_eq!(body["days"].as_array().unwrap().len(), 366);
    let req = http::Request::builder()
        .method("GET")
        .uri("https://api.example.test/v1/metrics?from=2026-01-01&to=2026-01-01")
        .body(Body::Empty)
        .unwrap();
    let (status, _, body) = w.call(req).await;
    assert_eq!(status, 401);
    assert_error(&body, "authentication_error", None, None);
    let req = http::Request::builder()
        .method("POST")
        .uri("https://api.example.test/v1/metrics")
        .header("authorization", format!("Bearer {}", w.api_key.expose()))
        .body(Body::Empty)
        .unwrap();
    let (status, headers, _) = w.call(req).await;
    assert_eq!(status, 405);
    assert_eq!(headers["allow"], "GET");
    let req = http::Request::builder()
        .method("GET")
        .uri("https://api.example.test/v1/support_tickets")
        .header("authorization", format!("Bearer {}", w.api_key.expose()))
        .body(Body::Empty)
        .unwrap();
    let (status, headers, _) = w.call(req).await;
    assert_eq!(status, 405);
    assert_eq!(headers["allow"], "POST");
}

#[tokio::test]
async fn every_request_writes_an_emf_line_without_secrets() {
    let mut w = World::new().await;
    let (emf, lines) = Emf::memory("create-session");
    w.app = w.app.with_emf(emf);
    let customer = w.customer().await;
    let (status, session) = w.create(&json!({ "customer": customer }).to_string()).await;
    assert_eq!(status, 201);
    let (status, _, _) = w
        .call(tickets_request(
            &w.api_key,
            &json!({"category": "plan", "customer": customer}),
        ))
        .await;
    assert_eq!(status, 201);
    let lines = lines.lines();
    let parsed: Vec<Value> = lines
        .iter()
        .map(|l| serde_json::from_str(l).expect("an EMF line is JSON"))
        .collect();
    let names: Vec<&str> = parsed
        .iter()
        .flat_map(|v| {
            v["_aws"]["CloudWatchMetrics"][0]["Metrics"]
                .as_array()
                .unwrap()
        })
        .map(|m| m["Name"].as_str().unwrap())
        .collect();
    for name in [
        "SessionsMinted",
        "SupportTickets",
        "PortalThenTicket",
        "Requests",
        "Latency",
    ] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    for v in &parsed {
        assert_eq!(
            v["_aws"]["CloudWatchMetrics"][0]["Namespace"],
            "BillingPortal"
        );
        assert!(v["_aws"]["Timestamp"].is_i64());
    }
    let all = lines.join("\n");
    let url = session["url"].as_str().unwrap();
    let token = url.rsplit('/').next().unwrap();
    for secret in [
        w.api_key.expose(),
        token,
        w.stripe_key.as_str(),
        customer.as_str(),
    ] {
        assert!(
            !all.contains(secret),
            "an EMF line leaks a secret or customer id"
        );
    }
    assert!(!all.contains('@'), "no email in EMF lines");
}
