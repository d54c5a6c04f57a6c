//! Claims with a lease: a delivery that cannot finish gives its claim back in time, and a
//! claim whose holder died (a killed invocation) is taken over once its lease runs out.

use std::time::Duration;

use http::StatusCode;
use serde_json::json;
use shared::claims::{Claim, EventClaims, CLAIM_LEASE_SECONDS};

use crate::support::{now, World};

/// A stand-in of the test's own (faults are global to a stand-in).
async fn own_standin() -> stripe_standin::Running {
    stripe_standin::spawn(stripe_standin::Options::default())
        .await
        .expect("stand-in starts")
}

async fn fault(base: &str, rule: serde_json::Value) {
    let res = reqwest::Client::new()
        .post(format!("{base}/_standin/faults"))
        .json(&rule)
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success());
}

async fn schedule_cancel(w: &World) -> serde_json::Value {
    w.stripe(
        &format!("/v1/subscriptions/{}", w.subscription),
        &[("cancel_at_period_end", "true")],
    )
    .await;
    w.last_event("customer.subscription.updated").await
}

#[tokio::test]
async fn a_delivery_past_its_deadline_gives_its_claim_back_and_the_retry_sends_one_email() {
    let standin = own_standin().await;
    let w = World::with_stripe_base(standin.base_url()).await;
    let event = schedule_cancel(&w).await;
    let id = event["id"].as_str().unwrap().to_owned();
    let app = w
        .app_with(|app| app.with_deadline(Duration::from_millis(300)))
        .await;
    // Stripe answers the re-read too late for the deadline, once.
    fault(
        &standin.base_url(),
        json!({"path": "/v1/subscriptions/*", "method": "GET", "kind": "latency",
               "latency_ms": 1500, "times": 1}),
    )
    .await;
    let first = w.deliver_with(&app, &event).await;
    assert_eq!(
        first.status,
        StatusCode::INTERNAL_SERVER_ERROR,
        "{}",
        first.body
    );
    assert!(!w.event_claimed(&id).await, "the claim was given back");
    assert!(w.emails().await.is_empty());
    // Stripe's retry, to a function with its usual deadline (a loaded machine may need
    // more than the 300 ms that made the first delivery miss).
    let retry = w.deliver(&event).await;
    assert_eq!(retry.status, StatusCode::OK, "{}", retry.body);
    assert_eq!(w.emails().await.len(), 1);
    let again = w.deliver(&event).await;
    assert_eq!(again.status, StatusCode::OK);
    assert!(again.body.contains("duplicate"), "{}", again.body);
    assert_eq!(w.emails().await.len(), 1);
}

#[tokio::test]
async fn a_card_update_past_its_deadline_is_retried_and_sets_the_card_once() {
    let standin = own_standin().await;
    let w = World::with_stripe_base(standin.base_url()).await;
    let project = w.project.id.to_string();
    let cs = w
        .stripe(
            "/v1/checkout/sessions",
            &[
                ("mode", "setup"),
                ("customer", &w.customer),
                ("payment_method_types[0]", "card"),
                ("success_url", "https://app.acme.test/ok"),
                ("metadata[portal_project]", &project),
                ("metadata[portal_purpose]", "card_update"),
            ],
        )
        .await;
    let cs = cs["id"].as_str().unwrap().to_owned();
    let done = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(format!("{}/_standin/checkout/{cs}/complete", w.stripe_base))
        .form(&[("card", "tok_mastercard")])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    let event = w.last_event("checkout.session.completed").await;
    let customers = w.events("customer.updated").await.len();
    let app = w
        .app_with(|app| app.with_deadline(Duration::from_millis(300)))
        .await;
    // The customer's update is slow once: the deadline passes while it is under way.
    fault(
        &standin.base_url(),
        json!({"path": "/v1/customers/*", "method": "POST", "kind": "latency",
               "latency_ms": 1000, "times": 1}),
    )
    .await;
    let first = w.deliver_with(&app, &event).await;
    assert_eq!(
        first.status,
        StatusCode::INTERNAL_SERVER_ERROR,
        "{}",
        first.body
    );
    // The slow write lands at Stripe anyway; the retry repeats it with the same
    // Idempotency-Key, so the customer changes once. (The usual deadline, as above.)
    let retry = w.deliver(&event).await;
    assert_eq!(retry.status, StatusCode::OK, "{}", retry.body);
    let session = w
        .stripe_get(&format!("/v1/checkout/sessions/{cs}?expand[]=setup_intent"))
        .await;
    let pm = session["setup_intent"]["payment_method"].as_str().unwrap();
    let customer = w.stripe_get(&format!("/v1/customers/{}", w.customer)).await;
    assert_eq!(customer["invoice_settings"]["default_payment_method"], pm);
    assert_eq!(w.events("customer.updated").await.len(), customers + 1);
    let sub = w
        .stripe_get(&format!("/v1/subscriptions/{}", w.subscription))
        .await;
    assert_eq!(sub["default_payment_method"], pm);
}

#[tokio::test]
async fn a_claim_whose_holder_died_is_taken_over_once_its_lease_runs_out() {
    let w = World::new().await;
    let event = schedule_cancel(&w).await;
    let id = event["id"].as_str().unwrap().to_owned();
    let claims = EventClaims::new(w.table.clone());
    // A delivery took the claim and was killed before it could give it back.
    let dead = claims
        .claim(&w.project.id, &id, now() - CLAIM_LEASE_SECONDS - 1)
        .await
        .unwrap();
    assert!(matches!(dead, Claim::Fresh(_)));
    let got = w.deliver(&event).await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.body);
    assert_eq!(w.emails().await.len(), 1);
    assert_eq!(
        claims.claim(&w.project.id, &id, now()).await.unwrap(),
        Claim::Done
    );
}

#[tokio::test]
async fn a_claim_still_held_is_answered_with_a_retry_and_changes_nothing() {
    let w = World::new().await;
    let event = schedule_cancel(&w).await;
    let id = event["id"].as_str().unwrap().to_owned();
    let claims = EventClaims::new(w.table.clone());
    let held = claims.claim(&w.project.id, &id, now()).await.unwrap();
    assert!(matches!(held, Claim::Fresh(_)));
    let app = w
        .app_with(|app| app.with_claim_wait(Duration::from_millis(200)))
        .await;
    let got = w.deliver_with(&app, &event).await;
    assert_eq!(got.status, StatusCode::CONFLICT, "{}", got.body);
    assert!(w.emails().await.is_empty());
    let Claim::Fresh(lease) = held else {
        unreachable!()
    };
    // The holder gives up: the next delivery processes it.
    claims.release(&w.project.id, &id, &lease).await.unwrap();
    assert_eq!(w.deliver_with(&app, &event).await.status, StatusCode::OK);
    assert_eq!(w.emails().await.len(), 1);
}
