//! What a page costs the tenant's Stripe account, and the brake on one session that
//! loops: every Stripe call is counted by the stand-in.

use http::{Method, StatusCode};

use crate::support::World;

/// A signed-in customer on a $10 plan of a project that allows two prices.
async fn world(limit: Option<i64>) -> (World, String, String, String) {
    let mut w = World::new().await;
    if let Some(limit) = limit {
        w.app = w.app.with_session_request_limit(limit);
    }
    let customer = w.customer_with_card("Ada").await;
    let basic = w.price("Basic", "1000", false).await;
    let pro = w.price("Pro", "2000", false).await;
    let sub = w.subscribe(&customer, &[&basic]).await;
    let mut project = w.project.clone();
    project.allowed_prices = vec![basic.parse().unwrap(), pro.parse().unwrap()];
    shared::project::ProjectStore::new(w.table.clone())
        .update(&project)
        .await
        .unwrap();
    let cookie = w.sign_in(&customer).await;
    let sub = sub["id"].as_str().unwrap().to_owned();
    (w, cookie, sub, customer)
}

#[tokio::test]
async fn products_and_prices_are_read_once_a_minute_not_once_a_page() {
    let (w, cookie, sub, _) = world(None).await;
    w.stripe_calls().await;
    assert_eq!(w.get("/portal", Some(&cookie)).await.status, StatusCode::OK);
    let first = w.stripe_calls().await;
    assert!(first.contains(&"GET /v1/products".to_owned()), "{first:?}");
    assert_eq!(
        first.len(),
        5,
        "subscriptions, customer, invoices, products, the next invoice's preview: {first:?}"
    );
    assert_eq!(w.get("/portal", Some(&cookie)).await.status, StatusCode::OK);
    let again = w.stripe_calls().await;
    assert!(
        !again.iter().any(|c| c.contains("/v1/products")),
        "{again:?}"
    );
    assert_eq!(again.len(), 4, "{again:?}");

    let plan = format!("/portal/subscriptions/{sub}/update");
    assert_eq!(w.get(&plan, Some(&cookie)).await.status, StatusCode::OK);
    let first = w.stripe_calls().await;
    let prices = first
        .iter()
        .filter(|c| c.starts_with("GET /v1/prices/"))
        .count();
    assert_eq!(prices, 2, "each allowed price once: {first:?}");
    assert_eq!(w.get(&plan, Some(&cookie)).await.status, StatusCode::OK);
    let again = w.stripe_calls().await;
    assert_eq!(again, vec![format!("GET /v1/subscriptions")], "{again:?}");

    // The cancel page: the subscriptions and Stripe's preview of what cancelling saves.
    let cancel = format!("/portal/subscriptions/{sub}/cancel");
    assert_eq!(w.get(&cancel, Some(&cookie)).await.status, StatusCode::OK);
    let mut calls = w.stripe_calls().await;
    calls.sort();
    assert_eq!(
        calls,
        ["GET /v1/subscriptions", "POST /v1/invoices/create_preview"],
        "{calls:?}"
    );
}

#[tokio::test]
async fn a_session_that_loops_gets_a_friendly_429_and_costs_stripe_nothing() {
    let (w, cookie, _, customer) = world(Some(3)).await;
    for n in 0..3 {
        let got = w.get("/portal/invoices", Some(&cookie)).await;
        assert_eq!(got.status, StatusCode::OK, "request {n}");
    }
    w.stripe_calls().await;
    let over = w.get("/portal/invoices", Some(&cookie)).await;
    assert_eq!(over.status, StatusCode::TOO_MANY_REQUESTS, "{}", over.body);
    let wait: u64 = over.header("retry-after").parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    assert!(over.body.contains("Too many requests"), "{}", over.body);
    assert_eq!(over.header("cache-control"), "no-store");
    assert!(
        w.stripe_calls().await.is_empty(),
        "no Stripe call past the brake"
    );
    // Actions are braked too, and change nothing.
    let post = w
        .call(
            Method::POST,
            "/portal/return",
            Some(&cookie),
            Some("csrf=x"),
        )
        .await;
    assert_eq!(post.status, StatusCode::TOO_MANY_REQUESTS);
    // The brake is per session: a new one goes on.
    let second = w.sign_in(&customer).await;
    assert_eq!(
        w.get("/portal/invoices", Some(&second)).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_brake_opens_again_in_the_next_minute() {
    let (w, cookie, _, _) = world(Some(2)).await;
    for _ in 0..2 {
        let got = w.get("/portal/invoices", Some(&cookie)).await;
        assert_eq!(got.status, StatusCode::OK);
    }
    let over = w.get("/portal/invoices", Some(&cookie)).await;
    assert_eq!(over.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: i64 = over.header("retry-after").parse().unwrap();
    w.clock.advance(wait);
    for n in 0..2 {
        let got = w.get("/portal/invoices", Some(&cookie)).await;
        assert_eq!(got.status, StatusCode::OK, "request {n} of the next window");
    }
    let over = w.get("/portal/invoices", Some(&cookie)).await;
    assert_eq!(over.status, StatusCode::TOO_MANY_REQUESTS);
}

/// Concurrent requests each count once, also when they all open a new window together
/// (the renewal that starts the count races the others; the losers count in its window).
#[tokio::test]
async fn concurrent_requests_count_exactly_also_across_a_new_window() {
    let (w, cookie, _, _) = world(Some(5)).await;
    for round in ["the sign-in's window", "a new window"] {
        let replies =
            futures::future::join_all((0..12).map(|_| w.get("/portal/invoices", Some(&cookie))))
                .await;
        let ok = replies
            .iter()
            .filter(|r| r.status == StatusCode::OK)
            .count();
        let braked = replies
            .iter()
            .filter(|r| r.status == StatusCode::TOO_MANY_REQUESTS)
            .count();
        assert_eq!((ok, braked), (5, 7), "{round}");
        w.clock.advance(60);
    }
}
