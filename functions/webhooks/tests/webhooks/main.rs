//! The webhooks function against moto and the Stripe stand-in, through `webhooks::handle`.

mod checkout;
mod language;
mod leases;
mod metrics;
mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use http::StatusCode;
use lambda_http::{Body, Request};
use serde_json::{json, Value};
use shared::i18n::Catalogue;
use support::{now, read, World, SECRET_NEW, SECRET_OLD};

const UPDATED: &str = "customer.subscription.updated";
const DELETED: &str = "customer.subscription.deleted";

/// Schedules a cancellation at period end and returns its `updated` event.
async fn schedule_cancel(w: &World) -> Value {
    w.stripe(
        &format!("/v1/subscriptions/{}", w.subscription),
        &[("cancel_at_period_end", "true")],
    )
    .await;
    w.last_event(UPDATED).await
}

#[tokio::test]
async fn a_validly_signed_cancellation_is_accepted_and_confirmed_by_email() {
    let w = World::new().await;
    let event = schedule_cancel(&w).await;
    let got = w.deliver(&event).await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.body);
    let sub = w
        .stripe_get(&format!("/v1/subscriptions/{}", w.subscription))
        .await;
    let end = Catalogue::english().format_date(sub["cancel_at"].as_i64().unwrap());
    let emails = w.emails().await;
    assert_eq!(emails.len(), 1, "{emails:?}");
    let (subject, html) = &emails[0];
    assert!(subject.contains("Pro"), "{subject}");
    assert!(html.contains("Pro") && html.contains(&end), "{html}");
    assert!(html.contains("/portal/s/v1."), "no portal link: {html}");
}

#[tokio::test]
async fn bad_signatures_are_refused_and_change_nothing() {
    let w = World::new().await;
    let event = schedule_cancel(&w).await;
    let id = event["id"].as_str().unwrap();
    let body = serde_json::to_vec(&event).unwrap();
    let t = now();
    let mut altered = body.clone();
    altered.extend_from_slice(b" ");
    let good = shared::webhook::sign(&body, SECRET_NEW, t);
    let cases: Vec<(&str, Vec<u8>, Option<String>)> = vec![
        (
            "wrong secret",
            body.clone(),
            Some(shared::webhook::sign(&body, "whsec_wrong", t)),
        ),
        ("altered body", altered, Some(good.clone())),
        (
            "stale timestamp",
            body.clone(),
            Some(shared::webhook::sign(&body, SECRET_NEW, t - 301)),
        ),
        ("missing header", body.clone(), None),
        (
            "garbage header",
            body.clone(),
            Some("t=now,v1=zzz".to_owned()),
        ),
    ];
    for (what, body, sig) in cases {
        let got = w.post_raw(&w.app, &body, sig.as_deref()).await;
        assert_eq!(got.status, StatusCode::BAD_REQUEST, "{what}: {}", got.body);
    }
    assert!(!w.event_claimed(id).await, "a refused event left a claim");
    assert!(w.emails().await.is_empty(), "a refused event sent mail");
}

#[tokio::test]
async fn a_flood_of_forged_signatures_reads_ssm_at_most_once_more() {
    let w = World::new().await;
    let event = schedule_cancel(&w).await;
    assert_eq!(w.deliver(&event).await.status, StatusCode::OK);
    let before = w.app.secrets().fetches();
    let body = serde_json::to_vec(&event).unwrap();
    let forged = shared::webhook::sign(&body, "whsec_forged", now());
    for _ in 0..100 {
        let got = w.post_raw(&w.app, &body, Some(&forged)).await;
        assert_eq!(got.status, StatusCode::BAD_REQUEST);
    }
    let extra = w.app.secrets().fetches() - before;
    assert!(extra <= 1, "{extra} extra SSM reads");
}

#[tokio::test]
async fn a_secret_rotated_since_the_cold_start_is_picked_up() {
    let w = World::new().await;
    let app = w
        .app_with(|app| app.with_secret_refresh_interval(std::time::Duration::ZERO))
        .await;
    let event = schedule_cancel(&w).await;
    assert_eq!(w.deliver_with(&app, &event).await.status, StatusCode::OK);
    // The tenant rotates: Stripe now signs with a secret this process has not seen.
    w.set_webhook_secrets("whsec_rotated").await;
    let body = serde_json::to_vec(&event).unwrap();
    let sig = shared::webhook::sign(&body, "whsec_rotated", now());
    let got = w.post_raw(&app, &body, Some(&sig)).await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.body);
}

#[tokio::test]
async fn both_live_secrets_are_accepted() {
    let w = World::new().await;
    for secret in [SECRET_OLD, SECRET_NEW] {
        let event = schedule_cancel(&w).await;
        let body = serde_json::to_vec(&event).unwrap();
        let sig = shared::webhook::sign(&body, secret, now());
        let got = w.post_raw(&w.app, &body, Some(&sig)).await;
        assert_eq!(got.status, StatusCode::OK, "{secret}: {}", got.body);
        assert!(w.event_claimed(event["id"].as_str().unwrap()).await);
        w.stripe(
            &format!("/v1/subscriptions/{}", w.subscription),
            &[("cancel_at_period_end", "false")],
        )
        .await;
    }
}

#[tokio::test]
async fn unknown_projects_wrong_methods_big_bodies_and_unknown_types_are_answered_plainly() {
    let w = World::new().await;
    let call = |method: &str, path: String, body: Vec<u8>| {
        let req: Request = http::Request::builder()
            .method(method)
            .uri(path)
            .body(Body::Binary(body))
            .unwrap();
        req
    };
    let got = read(
        webhooks::handle(
            &w.app,
            call("POST", "/webhooks/stripe/proj_nope".into(), b"{}".to_vec()),
        )
        .await,
    );
    assert_eq!(got.status, StatusCode::NOT_FOUND);
    let got = read(
        webhooks::handle(
            &w.app,
            call("POST", "/webhooks/stripe/../../etc".into(), b"{}".to_vec()),
        )
        .await,
    );
    assert_eq!(got.status, StatusCode::NOT_FOUND);
    let got = read(webhooks::handle(&w.app, call("GET", w.path(), Vec::new())).await);
    assert_eq!(got.status, StatusCode::METHOD_NOT_ALLOWED);
    let big = vec![b' '; webhooks::MAX_BODY_BYTES + 1];
    let got = read(webhooks::handle(&w.app, call("POST", w.path(), big)).await);
    assert_eq!(got.status, StatusCode::PAYLOAD_TOO_LARGE);
    let unknown = json!({"id": "evt_unknown1", "type": "invoice.created", "data": {"object": {}}});
    let got = w.deliver(&unknown).await;
    assert_eq!(got.status, StatusCode::OK);
    assert!(got.body.contains("ignored"), "{}", got.body);
    let not_json = b"not json";
    let sig = shared::webhook::sign(not_json, SECRET_NEW, now());
    assert_eq!(
        w.post_raw(&w.app, not_json, Some(&sig)).await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn the_same_event_twenty_times_concurrently_sends_one_email() {
    let w = World::new().await;
    let event = schedule_cancel(&w).await;
    let deliveries = (0..20).map(|_| w.deliver(&event));
    for got in futures::future::join_all(deliveries).await {
        assert_eq!(got.status, StatusCode::OK, "{}", got.body);
    }
    assert_eq!(w.emails().await.len(), 1);
    // A later redelivery changes nothing either.
    assert_eq!(w.deliver(&event).await.status, StatusCode::OK);
    assert_eq!(w.emails().await.len(), 1);
}

#[tokio::test]
async fn deleted_before_updated_ends_canceled_with_one_email_per_transition() {
    let w = World::new().await;
    let updated = schedule_cancel(&w).await;
    w.stripe_delete(&format!("/v1/subscriptions/{}", w.subscription))
        .await;
    let deleted = w.last_event(DELETED).await;
    assert_eq!(w.deliver(&deleted).await.status, StatusCode::OK);
    assert_eq!(w.deliver(&updated).await.status, StatusCode::OK);
    assert_eq!(w.deliver(&deleted).await.status, StatusCode::OK);
    let sub = w
        .stripe_get(&format!("/v1/subscriptions/{}", w.subscription))
        .await;
    assert_eq!(sub["status"], "canceled");
    let emails = w.emails().await;
    assert_eq!(emails.len(), 1, "{emails:?}");
    assert!(emails[0].0.contains("has ended"), "{emails:?}");
}

#[tokio::test]
async fn renewing_after_a_scheduled_cancel_sends_one_undo_email() {
    let w = World::new().await;
    let scheduled = schedule_cancel(&w).await;
    assert_eq!(w.deliver(&scheduled).await.status, StatusCode::OK);
    w.stripe(
        &format!("/v1/subscriptions/{}", w.subscription),
        &[("cancel_at_period_end", "false")],
    )
    .await;
    let renewed = w.last_event(UPDATED).await;
    assert_eq!(w.deliver(&renewed).await.status, StatusCode::OK);
    assert_eq!(w.deliver(&renewed).await.status, StatusCode::OK);
    let subjects: Vec<String> = w.emails().await.into_iter().map(|e| e.0).collect();
    assert_eq!(subjects.len(), 2, "{subjects:?}");
    assert!(subjects[1].contains("will continue"), "{subjects:?}");
}

#[tokio::test]
async fn cancelling_renewing_and_cancelling_again_within_a_second_sends_an_email_for_each() {
    let w = World::new().await;
    let first = schedule_cancel(&w).await;
    assert_eq!(w.deliver(&first).await.status, StatusCode::OK);
    w.stripe(
        &format!("/v1/subscriptions/{}", w.subscription),
        &[("cancel_at_period_end", "false")],
    )
    .await;
    let renewed = w.last_event(UPDATED).await;
    assert_eq!(w.deliver(&renewed).await.status, StatusCode::OK);
    let second = schedule_cancel(&w).await;
    assert_ne!(first["id"], second["id"]);
    assert_eq!(w.deliver(&second).await.status, StatusCode::OK);
    for again in [&first, &renewed, &second] {
        assert_eq!(w.deliver(again).await.status, StatusCode::OK);
    }
    let subjects: Vec<String> = w.emails().await.into_iter().map(|e| e.0).collect();
    assert_eq!(subjects.len(), 3, "{subjects:?}");
    assert!(subjects[0].contains("set to cancel"), "{subjects:?}");
    assert!(subjects[1].contains("will continue"), "{subjects:?}");
    assert_eq!(subjects[0], subjects[2], "{subjects:?}");
}

/// A local "SES" that answers 500 to everything and counts the calls.
async fn failing_ses() -> (String, Arc<AtomicUsize>) {
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    let app = axum::Router::new().fallback(move || {
        let counter = counter.clone();
        async move {
            counter.fetch_add(1, Ordering::SeqCst);
            (
                http::StatusCode::INTERNAL_SERVER_ERROR,
                "<ErrorResponse><Error><Code>InternalFailure</Code></Error></ErrorResponse>",
            )
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{addr}"), hits)
}

#[tokio::test]
async fn ses_failing_then_recovering_yields_one_email() {
    let w = World::new().await;
    let event = schedule_cancel(&w).await;
    let (ses, hits) = failing_ses().await;
    let broken = w.app_with_ses(&ses).await;
    let got = w.deliver_with(&broken, &event).await;
    assert_eq!(
        got.status,
        StatusCode::INTERNAL_SERVER_ERROR,
        "{}",
        got.body
    );
    assert!(hits.load(Ordering::SeqCst) > 0, "SES was not called");
    assert!(
        !got.body.contains("InternalFailure"),
        "internals leaked: {}",
        got.body
    );
    assert!(
        !w.event_claimed(event["id"].as_str().unwrap()).await,
        "claim kept after failure"
    );
    assert!(w.emails().await.is_empty());
    // Stripe retries; SES is back.
    assert_eq!(w.deliver(&event).await.status, StatusCode::OK);
    assert_eq!(w.deliver(&event).await.status, StatusCode::OK);
    assert_eq!(w.emails().await.len(), 1);
}

#[tokio::test]
async fn pausing_with_a_resume_date_then_resuming_sends_one_email_each() {
    let w = World::new().await;
    let resumes_at = now() + 20 * 24 * 3600;
    w.stripe(
        &format!("/v1/subscriptions/{}", w.subscription),
        &[
            ("pause_collection[behavior]", "void"),
            ("pause_collection[resumes_at]", &resumes_at.to_string()),
        ],
    )
    .await;
    let paused = w.last_event(UPDATED).await;
    assert_eq!(w.deliver(&paused).await.status, StatusCode::OK);
    w.stripe(
        &format!("/v1/subscriptions/{}", w.subscription),
        &[("pause_collection", "")],
    )
    .await;
    let resumed = w.last_event(UPDATED).await;
    assert_eq!(w.deliver(&resumed).await.status, StatusCode::OK);
    assert_eq!(w.deliver(&paused).await.status, StatusCode::OK);
    let emails = w.emails().await;
    assert_eq!(emails.len(), 2, "{emails:?}");
    let date = Catalogue::english().format_date(resumes_at);
    assert!(
        emails[0].0.contains("paused") && emails[0].1.contains(&date),
        "{emails:?}"
    );
    assert!(emails[1].0.contains("resumed"), "{emails:?}");
}

#[tokio::test]
async fn advancing_past_a_scheduled_cancellation_ends_it_and_sends_took_effect() {
    let w = World::new().await;
    let scheduled = schedule_cancel(&w).await;
    assert_eq!(w.deliver(&scheduled).await.status, StatusCode::OK);
    let res = w
        .http
        .post(format!("{}/_standin/advance", w.stripe_base))
        .bearer_auth(&w.stripe_key)
        .json(&json!({"seconds": 40 * 24 * 3600}))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.text().await.unwrap());
    let sub = w
        .stripe_get(&format!("/v1/subscriptions/{}", w.subscription))
        .await;
    assert_eq!(sub["status"], "canceled");
    let deleted = w.last_event(DELETED).await;
    assert_eq!(deleted["data"]["object"]["id"], w.subscription.as_str());
    assert_eq!(w.deliver(&deleted).await.status, StatusCode::OK);
    let emails = w.emails().await;
    assert_eq!(emails.len(), 2, "{emails:?}");
    assert!(emails[1].0.contains("has ended"), "{emails:?}");
}

#[tokio::test]
async fn a_completed_setup_checkout_makes_the_card_the_default_everywhere() {
    let w = World::new().await;
    let project = w.project.id.to_string();
    // Tagged as the portal tags the card updates it starts.
    let cs = w
        .stripe(
            "/v1/checkout/sessions",
            &[
                ("mode", "setup"),
                ("customer", &w.customer),
                ("currency", "usd"),
                ("payment_method_types[0]", "card"),
                ("success_url", "https://app.acme.test/ok"),
                ("cancel_url", "https://app.acme.test/no"),
                ("metadata[portal_project]", &project),
                ("metadata[portal_purpose]", "card_update"),
            ],
        )
        .await;
    let cs_id = cs["id"].as_str().unwrap();
    // No redirects: the success URL is the tenant's app, not reachable here.
    let res = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(format!(
            "{}/_standin/checkout/{cs_id}/complete",
            w.stripe_base
        ))
        .form(&[("card", "tok_mastercard")])
        .send()
        .await
        .unwrap();
    assert!(
        res.status().is_success() || res.status().is_redirection(),
        "{}",
        res.status()
    );
    let event = w.last_event("checkout.session.completed").await;
    assert_eq!(w.deliver(&event).await.status, StatusCode::OK);
    assert_eq!(w.deliver(&event).await.status, StatusCode::OK);
    let session = w
        .stripe_get(&format!(
            "/v1/checkout/sessions/{cs_id}?expand[]=setup_intent"
        ))
        .await;
    let pm = session["setup_intent"]["payment_method"].as_str().unwrap();
    let customer = w.stripe_get(&format!("/v1/customers/{}", w.customer)).await;
    assert_eq!(customer["invoice_settings"]["default_payment_method"], pm);
    let sub = w
        .stripe_get(&format!("/v1/subscriptions/{}", w.subscription))
        .await;
    assert_eq!(sub["default_payment_method"], pm);
}

/// The signing keys are read at the cold start: a missing or unusable parameter stops the
/// function there (Lambda reports the init error), never on a customer's request.
#[tokio::test]
async fn a_missing_or_bad_signing_key_fails_the_cold_start() {
    let moto = test_support::Moto::fresh(
        &test_support::env("BP_TEST_STRIPE_API_BASE"),
        test_support::LOCAL_BASE_URL,
    )
    .await;
    for (what, config) in moto.broken_signing_keys().await {
        let Err(err) = webhooks::App::with_sdk(config, &moto.sdk).await else {
            panic!("the cold start succeeded with {what}");
        };
        assert!(
            format!("{err:#}").contains("signing keys"),
            "{what}: {err:#}"
        );
    }
}
