//! Stripe failing or slow, on a stand-in of the test's own (faults are global to a stand-in).

use std::time::{Duration, Instant};

use http::StatusCode;
use serde_json::json;

use crate::support::{Setup, World};

/// A stand-in of the test's own, for faults.
pub(crate) async fn own_standin() -> stripe_standin::Running {
    stripe_standin::spawn(stripe_standin::Options::default())
        .await
        .expect("stand-in starts")
}

/// Adds a fault rule to the stand-in at `base`.
pub(crate) async fn fault(base: &str, rule: serde_json::Value) {
    let res = reqwest::Client::new()
        .post(format!("{base}/_standin/faults"))
        .json(&rule)
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.text().await.unwrap());
}

#[tokio::test]
async fn a_failing_stripe_leaves_a_page_with_a_notice() {
    let standin = own_standin().await;
    let base = standin.base_url();
    let w = World::with(Setup {
        stripe_base: base.clone(),
        ..Setup::default()
    })
    .await;
    let customer = w.customer_with_card("Jo Bloggs").await;
    let price = w.price("Pro", "1000", false).await;
    w.subscribe(&customer, &[&price]).await;
    let cookie = w.sign_in(&customer).await;

    fault(
        &base,
        json!({"path": "/v1/subscriptions*", "kind": "status", "status": 500}),
    )
    .await;
    let got = w.get("/portal", Some(&cookie)).await;
    assert_eq!(got.status, StatusCode::OK);
    assert!(
        got.body.contains("We couldn&#39;t load this right now")
            || got.body.contains("We couldn't load this right now"),
        "{}",
        got.body
    );
    assert!(
        got.body.contains("Visa ending in 4242"),
        "other sections still render"
    );
    assert!(!got.body.contains("500"), "no internals");

    fault(&base, json!({"path": "/v1/*", "kind": "drop"})).await;
    let got = w.get("/portal/invoices", Some(&cookie)).await;
    assert_eq!(got.status, StatusCode::OK);
    assert!(got.body.contains("load this right now"));
}

#[tokio::test]
async fn a_slow_stripe_times_out_into_a_notice() {
    let standin = own_standin().await;
    let base = standin.base_url();
    let w = World::with(Setup {
        stripe_base: base.clone(),
        ..Setup::default()
    })
    .await;
    let customer = w.customer_with_card("Jo").await;
    let cookie = w.sign_in(&customer).await;
    let w = World {
        app: w.app.with_stripe_timeout(Duration::from_millis(300)),
        ..w
    };
    fault(
        &base,
        json!({"path": "/v1/invoices*", "kind": "latency", "latency_ms": 2000}),
    )
    .await;
    let got = w.get("/portal", Some(&cookie)).await;
    assert_eq!(got.status, StatusCode::OK);
    assert!(got.body.contains("load this right now"));
    assert!(got.body.contains("Visa ending in 4242"));
}

/// With every Stripe request slowed by 200 ms, the overview (subscriptions, customer,
/// invoices, products and a preview of each subscription's next invoice) takes about one
/// request, a session's first render included: sign-in (itself one round: the customer's
/// languages and the subscription list) leaves the read hint that names the previews.
/// Prints the figures;
/// run with `cargo nextest run -p portal --run-ignored only --no-capture overview_latency`
/// (see docs/benchmarks.md).
#[tokio::test]
#[ignore = "timing check; run on demand"]
async fn overview_latency_is_one_round_of_stripe_calls() {
    let standin = own_standin().await;
    let base = standin.base_url();
    let w = World::with(Setup {
        stripe_base: base.clone(),
        ..Setup::default()
    })
    .await;
    let customer = w.customer_with_card("Jo").await;
    let pro = w.price("Pro", "1000", false).await;
    let support = w.price("Support", "500", false).await;
    w.subscribe(&customer, &[&pro]).await;
    w.subscribe(&customer, &[&support]).await;
    let cookie = w.sign_in(&customer).await;
    // Warm: the project's Stripe key is cached, and the session remembers the previews.
    let warm = w.get("/portal", Some(&cookie)).await;
    assert_eq!(warm.status, StatusCode::OK);
    assert_eq!(warm.body.matches("id=\"next-invoice-").count(), 2);
    fault(
        &base,
        json!({"path": "/v1/*", "kind": "latency", "latency_ms": 200}),
    )
    .await;

    let http = reqwest::Client::new();
    let (mut one, mut page, mut first) = (Duration::MAX, Duration::MAX, Duration::MAX);
    let mut sign_in = Duration::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        let res = http
            .get(format!("{base}/v1/customers/{customer}"))
            .bearer_auth(&w.stripe_key)
            .send()
            .await
            .unwrap();
        assert!(res.status().is_success());
        one = one.min(t.elapsed());
        let t = Instant::now();
        let got = w.get("/portal", Some(&cookie)).await;
        page = page.min(t.elapsed());
        assert_eq!(got.status, StatusCode::OK);
        assert_eq!(got.body.matches("id=\"next-invoice-").count(), 2);
        // A session's first render, after its sign-in.
        let t = Instant::now();
        let fresh = w.sign_in(&customer).await;
        sign_in = sign_in.min(t.elapsed());
        let t = Instant::now();
        assert_eq!(w.get("/portal", Some(&fresh)).await.status, StatusCode::OK);
        first = first.min(t.elapsed());
    }
    let ratio = page.as_secs_f64() / one.as_secs_f64();
    let first_ratio = first.as_secs_f64() / one.as_secs_f64();
    let sign_in_ratio = sign_in.as_secs_f64() / one.as_secs_f64();
    println!(
        "one Stripe request: {one:?}; overview server time: {page:?} (ratio {ratio:.2}); \
         sign-in: {sign_in:?} (ratio {sign_in_ratio:.2}); \
         a session's first overview: {first:?} (ratio {first_ratio:.2})"
    );
    assert!(ratio < 1.3, "overview took {ratio:.2}× one request");
    // One Stripe round, plus its DynamoDB writes on moto: under two rounds.
    assert!(
        sign_in_ratio < 1.9,
        "sign-in took {sign_in_ratio:.2}× one request"
    );
    assert!(
        first_ratio < 1.3,
        "first overview took {first_ratio:.2}× one request"
    );
}
