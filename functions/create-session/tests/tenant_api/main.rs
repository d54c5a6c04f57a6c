//! `POST /v1/sessions` against real moto and the real Stripe stand-in
//! (`BP_TEST_AWS_ENDPOINT`, `BP_TEST_STRIPE_API_BASE`; `cargo xtask test` starts them).

mod metrics;
mod support;

use lambda_http::Body;
use serde_json::json;
use shared::rate_limit::RateLimit;
use shared::token::Redeem;
use time::OffsetDateTime;

use support::*;

#[tokio::test]
async fn a_session_for_a_customer_of_the_project_is_created() {
    let w = World::new().await;
    let customer = w.customer().await;
    let body = json!({"customer": customer, "return_url": RETURN_URL, "locale": "en-GB", "flow": "invoices", "expires_in": 600});
    let (status, v) = w.create(&body.to_string()).await;
    assert_eq!(status, 201, "{v}");
    assert_eq!(v["object"], "portal_session");
    assert!(v["id"].as_str().unwrap().starts_with("ps_"));
    assert_eq!(v["project"], w.project.id.as_str());
    assert_eq!(v["customer"], customer.as_str());
    assert_eq!(v["flow"], "invoices");
    let created = v["created"].as_i64().unwrap();
    assert_eq!(v["expires_at"].as_i64().unwrap(), created + 600);
    let url = v["url"].as_str().unwrap();
    let token = url
        .strip_prefix(&format!("{BASE_URL}/portal/s/"))
        .unwrap_or_else(|| panic!("url {url}"));

    // The token is the portal's: it redeems once, for this project and customer.
    let now = OffsetDateTime::now_utc();
    match w.app.tokens().redeem(token, now).await.unwrap() {
        Redeem::Redeemed(c) => {
            assert_eq!(c.project, w.project.id);
            assert_eq!(c.customer.as_str(), customer);
            assert_eq!(c.locale.as_str(), "en-GB");
            assert_eq!(c.return_url.unwrap().as_str(), RETURN_URL);
        }
        Redeem::Refused => panic!("fresh token refused"),
    }
    assert_eq!(
        w.app.tokens().redeem(token, now).await.unwrap(),
        Redeem::Refused
    );
}

#[tokio::test]
async fn expires_in_defaults_to_300_and_is_capped_by_the_project() {
    let w = World::new().await;
    let customer = w.customer().await;
    let (_, v) = w.create(&json!({"customer": customer}).to_string()).await;
    assert_eq!(
        v["expires_at"].as_i64().unwrap() - v["created"].as_i64().unwrap(),
        300
    );
    assert_eq!(v["flow"], "overview");

    let mut p = w.project.clone();
    p.max_token_seconds = 120;
    shared::project::ProjectStore::new(w.table.clone())
        .update(&p)
        .await
        .unwrap();
    let (_, v) = w
        .create(&json!({"customer": customer, "expires_in": 3600}).to_string())
        .await;
    assert_eq!(
        v["expires_at"].as_i64().unwrap() - v["created"].as_i64().unwrap(),
        120
    );
}

#[tokio::test]
async fn a_subscription_flow_for_the_customers_subscription_is_created() {
    let w = World::new().await;
    let customer = w.customer().await;
    let sub = w.subscription(&customer).await;
    let body = json!({"customer": customer, "flow": "subscription_cancel", "subscription": sub});
    let (status, v) = w.create(&body.to_string()).await;
    assert_eq!(status, 201, "{v}");
    assert_eq!(v["flow"], "subscription_cancel");
}

#[tokio::test]
async fn bad_params_are_400_naming_the_param() {
    let w = World::new().await;
    let customer = w.customer().await;
    let cases = [
        (json!({}), "parameter_missing", "customer"),
        (
            json!({"customer": customer, "flow": "subscription_update"}),
            "parameter_missing",
            "subscription",
        ),
        (
            json!({"customer": customer, "colour": "red"}),
            "parameter_unknown",
            "colour",
        ),
        (
            json!({"customer": customer, "return_url": "https://evil.test/billing"}),
            "parameter_invalid",
            "return_url",
        ),
        (
            json!({"customer": customer, "locale": "klingon!"}),
            "parameter_invalid",
            "locale",
        ),
        (
            json!({"customer": customer, "flow": "refund"}),
            "parameter_invalid",
            "flow",
        ),
        (
            json!({"customer": customer, "expires_in": 30}),
            "parameter_invalid",
            "expires_in",
        ),
        (
            json!({"customer": "not-a-customer"}),
            "parameter_invalid",
            "customer",
        ),
    ];
    for (body, code, param) in cases {
        let (status, v) = w.create(&body.to_string()).await;
        assert_eq!(status, 400, "{body} -> {v}");
        assert_error(&v, "invalid_request_error", Some(code), Some(param));
    }
}

#[tokio::test]
async fn malformed_json_is_400() {
    let w = World::new().await;
    for body in ["{\"customer\": ", "not json", "[]", ""] {
        let (status, v) = w.create(body).await;
        assert_eq!(status, 400, "{body:?} -> {v}");
        assert_error(&v, "invalid_request_error", Some("json_invalid"), None);
    }
}

#[tokio::test]
async fn a_missing_unknown_or_revoked_key_is_401() {
    let w = World::new().await;
    let body = json!({"customer": "cus_1"}).to_string();
    let bare = || {
        http::Request::builder()
            .method("POST")
            .uri("https://api.example.test/v1/sessions")
            .header("content-type", "application/json")
    };
    let other = w
        .api_key
        .expose()
        .replace(w.project.id.as_str(), "proj_AAAAAAAAAAAAAAAAAAAAAAAA");
    let requests = [
        bare().body(Body::from(body.clone())).unwrap(),
        bare()
            .header("authorization", "Bearer bpk_nope")
            .body(Body::from(body.clone()))
            .unwrap(),
        bare()
            .header("authorization", format!("Basic {}", w.api_key.expose()))
            .body(Body::from(body.clone()))
            .unwrap(),
        bare()
            .header("authorization", format!("Bearer {other}"))
            .body(Body::from(body.clone()))
            .unwrap(),
    ];
    for req in requests {
        let (status, _, v) = w.call(req).await;
        assert_eq!(status, 401, "{v}");
        assert_error(&v, "authentication_error", None, None);
        assert!(!v.to_string().contains(w.api_key.expose()));
    }

    let listed = w.api_keys.list(&w.project.id).await.unwrap();
    w.api_keys
        .revoke(&w.project.id, &listed[0].id, OffsetDateTime::now_utc())
        .await
        .unwrap();
    let (status, v) = w.create(&body).await;
    assert_eq!(status, 401, "{v}");
    assert_error(&v, "authentication_error", None, None);
}

#[tokio::test]
async fn a_customer_not_in_this_projects_account_is_404() {
    let w = World::new().await;
    // Another Stripe account's customer: exists, but not for this project.
    let other_key = format!("sk_test_{}", suffix());
    let foreign = w
        .stripe_as(
            &other_key,
            reqwest::Method::POST,
            "/v1/customers",
            &[("email", "x@y.test")],
        )
        .await;
    let foreign = foreign["id"].as_str().unwrap();
    let (status, v) = w.create(&json!({"customer": foreign}).to_string()).await;
    assert_eq!(status, 404, "{v}");
    assert_error(
        &v,
        "invalid_request_error",
        Some("resource_missing"),
        Some("customer"),
    );

    // A deleted customer is missing too.
    let gone = w.customer().await;
    w.stripe(
        reqwest::Method::DELETE,
        &format!("/v1/customers/{gone}"),
        &[],
    )
    .await;
    let (status, v) = w.create(&json!({"customer": gone}).to_string()).await;
    assert_eq!(status, 404, "{v}");
    assert_error(
        &v,
        "invalid_request_error",
        Some("resource_missing"),
        Some("customer"),
    );
}

#[tokio::test]
async fn another_customers_or_a_missing_subscription_is_404() {
    let w = World::new().await;
    let (alice, bob) = (w.customer().await, w.customer().await);
    let bobs = w.subscription(&bob).await;
    for sub in [bobs.as_str(), "sub_doesnotexist"] {
        let body = json!({"customer": alice, "flow": "subscription_pause", "subscription": sub});
        let (status, v) = w.create(&body.to_string()).await;
        assert_eq!(status, 404, "{sub}: {v}");
        assert_error(
            &v,
            "invalid_request_error",
            Some("resource_missing"),
            Some("subscription"),
        );
    }
}

#[tokio::test]
async fn a_wrong_method_is_405_with_allow() {
    let w = World::new().await;
    let req = http::Request::builder()
        .method("GET")
        .uri("https://api.example.test/v1/sessions")
        .header("authorization", format!("Bearer {}", w.api_key.expose()))
        .body(Body::Empty)
        .unwrap();
    let (status, headers, v) = w.call(req).await;
    assert_eq!(status, 405);
    assert_eq!(headers["allow"], "POST");
    assert_error(
        &v,
        "invalid_request_error",
        Some("method_not_allowed"),
        None,
    );
}

#[tokio::test]
async fn an_unknown_path_is_404() {
    let w = World::new().await;
    let req = w
        .post("{}")
        .uri("https://api.example.test/v1/nothing")
        .body(Body::from("{}"))
        .unwrap();
    let (status, _, v) = w.call(req).await;
    assert_eq!(status, 404);
    assert_error(&v, "invalid_request_error", Some("resource_missing"), None);
}

#[tokio::test]
async fn a_body_over_16_kib_is_413() {
    let w = World::new().await;
    let big = json!({"customer": "cus_1", "return_url": format!("https://app.acme.test/{}", "a".repeat(17 * 1024))}).to_string();
    let (status, v) = w.create(&big).await;
    assert_eq!(status, 413, "{v}");
    assert_error(&v, "invalid_request_error", Some("body_too_large"), None);

    // The actual size counts even when Content-Length understates it.
    let req = http::Request::builder()
        .method("POST")
        .uri("https://api.example.test/v1/sessions")
        .header("authorization", format!("Bearer {}", w.api_key.expose()))
        .header("content-type", "application/json")
        .header("content-length", "10")
        .body(Body::from(big))
        .unwrap();
    let (status, _, v) = w.call(req).await;
    assert_eq!(status, 413, "{v}");
}

#[tokio::test]
async fn a_body_that_is_not_json_is_415() {
    let w = World::new().await;
    for ct in [
        Some("application/x-www-form-urlencoded"),
        Some("text/plain"),
        None,
    ] {
        let mut b = http::Request::builder()
            .method("POST")
            .uri("https://api.example.test/v1/sessions")
            .header("authorization", format!("Bearer {}", w.api_key.expose()));
        if let Some(ct) = ct {
            b = b.header("content-type", ct);
        }
        let (status, _, v) = w.call(b.body(Body::from("customer=cus_1")).unwrap()).await;
        assert_eq!(status, 415, "{ct:?}: {v}");
        assert_error(
            &v,
            "invalid_request_error",
            Some("content_type_invalid"),
            None,
        );
    }
    // A charset parameter is fine.
    let customer = w.customer().await;
    let body = json!({"customer": customer}).to_string();
    let req = w
        .post(&body)
        .header("content-type", "application/json; charset=utf-8")
        .body(Body::from(body.clone()))
        .unwrap();
    let (status, _, v) = w.call(req).await;
    assert_eq!(status, 201, "{v}");
}

#[tokio::test]
async fn an_unreachable_stripe_is_502() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let w = World::with_stripe_base(format!("http://127.0.0.1:{port}")).await;
    let (status, v) = w.create(&json!({"customer": "cus_1"}).to_string()).await;
    assert_eq!(status, 502, "{v}");
    assert_error(&v, "api_error", None, None);
}

#[tokio::test]
async fn an_idempotent_retry_returns_the_first_response() {
    let w = World::new().await;
    let customer = w.customer().await;
    let body = json!({"customer": customer, "flow": "invoices"}).to_string();
    let send = |body: String, key: &str| {
        w.post(&body)
            .header("idempotency-key", key)
            .body(Body::from(body.clone()))
            .unwrap()
    };
    let (s1, h1, first) = w.call(send(body.clone(), "retry-1")).await;
    assert_eq!(s1, 201, "{first}");
    assert!(h1.get("idempotent-replayed").is_none());
    // Same parameters in another order and spacing: the same session comes back.
    let reordered = format!("{{ \"flow\": \"invoices\", \"customer\": \"{customer}\" }}");
    let (s2, h2, second) = w.call(send(reordered, "retry-1")).await;
    assert_eq!(s2, 201);
    assert_eq!(h2["idempotent-replayed"], "true");
    assert_eq!(second, first);
    // A new key mints a new session.
    let (_, _, third) = w.call(send(body.clone(), "retry-2")).await;
    assert_ne!(third["id"], first["id"]);
}

#[tokio::test]
async fn an_idempotent_mint_leaves_no_usable_link_at_rest() {
    let w = World::new().await;
    let customer = w.customer().await;
    let body = json!({"customer": customer}).to_string();
    let send = || {
        w.post(&body)
            .header("idempotency-key", "at-rest-1")
            .body(Body::from(body.clone()))
            .unwrap()
    };
    let (s1, _, first) = w.call(send()).await;
    assert_eq!(s1, 201, "{first}");
    let (s2, h2, second) = w.call(send()).await;
    assert_eq!(
        (s2, &h2["idempotent-replayed"]),
        (201, &"true".parse().unwrap())
    );
    assert_eq!(second, first, "the replay rebuilds the same link");
    let url = first["url"].as_str().unwrap();
    let token = url.rsplit("/portal/s/").next().unwrap();
    let signature = token.rsplit('.').next().unwrap();
    assert!(signature.len() >= 40, "{token}");
    let stored = test_support::everything_stored(&w.dynamodb, w.table.name()).await;
    assert!(
        stored.iter().any(|v| v.contains("portal_session")),
        "the row is there"
    );
    for secret in [url, token, signature] {
        assert!(
            !stored.iter().any(|v| v.contains(secret)),
            "{secret} is stored in the table"
        );
    }
    // The replayed link still signs in: it is the first link, not a new one.
    let redeemed = w
        .app
        .tokens()
        .redeem(token, time::OffsetDateTime::now_utc())
        .await
        .unwrap();
    assert!(matches!(redeemed, shared::token::Redeem::Redeemed(_)));
}

#[tokio::test]
async fn an_idempotency_key_reused_with_other_parameters_is_400() {
    let w = World::new().await;
    let customer = w.customer().await;
    let first = json!({"customer": customer}).to_string();
    let other = json!({"customer": customer, "flow": "invoices"}).to_string();
    let req = |body: &str| {
        w.post(body)
            .header("idempotency-key", "k")
            .body(Body::from(body.to_owned()))
            .unwrap()
    };
    let (s, _, _) = w.call(req(&first)).await;
    assert_eq!(s, 201);
    let (s, _, v) = w.call(req(&other)).await;
    assert_eq!(s, 400, "{v}");
    assert_error(&v, "idempotency_error", None, None);
}

#[tokio::test]
async fn a_failed_first_attempt_does_not_pin_its_idempotency_key() {
    let w = World::new().await;
    let body = json!({"customer": "cus_doesnotexist"}).to_string();
    let req = || {
        w.post(&body)
            .header("idempotency-key", "k")
            .body(Body::from(body.clone()))
            .unwrap()
    };
    let (s, _, _) = w.call(req()).await;
    assert_eq!(s, 404);
    let (s, _, v) = w.call(req()).await;
    assert_eq!(s, 404, "the retry runs again: {v}");
}

#[tokio::test]
async fn requests_over_the_rate_limit_are_429() {
    let mut w = World::new().await;
    w.app = w.app.with_rate_limit(RateLimit {
        limit: 1,
        window_seconds: 3600,
    });
    let body = json!({"customer": "cus_1", "bogus": 1}).to_string();
    let (s, _) = w.create(&body).await;
    assert_eq!(s, 400);
    let req = w.post(&body).body(Body::from(body.clone())).unwrap();
    let (s, headers, v) = w.call(req).await;
    assert_eq!(s, 429, "{v}");
    assert!(
        headers["retry-after"]
            .to_str()
            .unwrap()
            .parse::<u64>()
            .unwrap()
            > 0
    );
    assert_error(&v, "rate_limit_error", Some("rate_limit"), None);
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
        let Err(err) = create_session::App::with_sdk(config, &moto.sdk).await else {
            panic!("the cold start succeeded with {what}");
        };
        assert!(
            format!("{err:#}").contains("signing keys"),
            "{what}: {err:#}"
        );
    }
}
