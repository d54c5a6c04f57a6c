//! A customer's whole way in, over HTTP through the local gateway: the tenant mints a
//! session, the customer opens the link (a landing page that spends nothing), signs in
//! (303 + session cookie), sees the plan, and the link is dead afterwards.

use reqwest::header::{LOCATION, SET_COOKIE};
use reqwest::redirect::Policy;
use serde_json::{json, Value};
use tests::fixture::{create_customer, TestEnv, TestProject, RETURN_URL};

const PLAN: &str = "Pro Plan E2E";

/// A form-encoded call to the tenant's Stripe stand-in account.
async fn stripe(env: &TestEnv, tenant: &TestProject, path: &str, form: &[(&str, &str)]) -> Value {
    let res = reqwest::Client::new()
        .post(format!("{}{path}", env.standins.stripe_api_base))
        .bearer_auth(&tenant.stripe_key)
        .form(form)
        .send()
        .await
        .unwrap();
    let status = res.status();
    let body: Value = res.json().await.unwrap();
    assert!(status.is_success(), "{path}: {status} {body}");
    body
}

/// A customer subscribed to a monthly price of the product [`PLAN`].
async fn subscribed_customer(env: &TestEnv, tenant: &TestProject) -> String {
    let customer = create_customer(&env.standins.stripe_api_base, &tenant.stripe_key, None).await;
    let product = stripe(env, tenant, "/v1/products", &[("name", PLAN)]).await;
    let price = stripe(
        env,
        tenant,
        "/v1/prices",
        &[
            ("product", product["id"].as_str().unwrap()),
            ("unit_amount", "2900"),
            ("currency", "usd"),
            ("recurring[interval]", "month"),
        ],
    )
    .await;
    stripe(
        env,
        tenant,
        "/v1/subscriptions",
        &[
            ("customer", customer.as_str()),
            ("items[0][price]", price["id"].as_str().unwrap()),
        ],
    )
    .await;
    customer
}

/// A browser-like client: keeps cookies, never follows redirects (the test checks them).
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .unwrap()
}

/// The form POST a browser sends from the landing page (a `no-referrer` page: `Origin: null`).
fn sign_in(client: &reqwest::Client, url: &str) -> reqwest::RequestBuilder {
    client
        .post(url)
        .header("Sec-Fetch-Site", "same-origin")
        .header("Origin", "null")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("")
}

#[tokio::test]
async fn a_session_url_signs_the_customer_in_once_through_the_gateway() {
    let mut env = TestEnv::new().await;
    let gateway = env.gateway().await;
    let tenant = env.project().await;
    let customer = subscribed_customer(&env, &tenant).await;

    let created = reqwest::Client::new()
        .post(format!("{}/v1/sessions", gateway.base_url()))
        .bearer_auth(&tenant.api_key)
        .json(&json!({"customer": customer, "return_url": RETURN_URL}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let created: Value = created.json().await.unwrap();
    let url = created["url"].as_str().unwrap().to_string();

    let client = browser();

    // Opening the link (or a mail scanner fetching it) only shows the landing form.
    let landing = client.get(&url).send().await.unwrap();
    assert_eq!(landing.status(), 200);
    assert!(landing.headers().get(SET_COOKIE).is_none());
    let html = landing.text().await.unwrap();
    assert!(html.contains("<form"), "a sign-in form: {html}");
    assert!(html.contains("method=\"post\""), "posting back: {html}");

    // The token is still redeemable after the GET: the POST signs in.
    let signed_in = sign_in(&client, &url).send().await.unwrap();
    assert_eq!(signed_in.status(), 303);
    assert_eq!(signed_in.headers()[LOCATION], "/portal");
    let cookie = signed_in.headers()[SET_COOKIE]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        cookie.starts_with("bp_session="),
        "session cookie: {cookie}"
    );
    assert!(cookie.contains("HttpOnly"), "HttpOnly: {cookie}");

    let overview = client
        .get(format!("{}/portal", gateway.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(overview.status(), 200);
    let html = overview.text().await.unwrap();
    assert!(html.contains(PLAN), "the overview names the plan: {html}");

    // The link works once.
    let reused = sign_in(&browser(), &url).send().await.unwrap();
    assert_eq!(reused.status(), 410);
}

#[tokio::test]
async fn the_portal_without_a_session_cookie_does_not_show_the_plan() {
    let mut env = TestEnv::new().await;
    let gateway = env.gateway().await;

    let res = browser()
        .get(format!("{}/portal", gateway.base_url()))
        .send()
        .await
        .unwrap();

    assert_ne!(res.status(), 200);
    assert!(!res.text().await.unwrap().contains(PLAN));
}

#[tokio::test]
async fn a_cross_site_sign_in_is_refused_and_leaves_the_link_usable() {
    let mut env = TestEnv::new().await;
    let gateway = env.gateway().await;
    let tenant = env.project().await;
    let customer = subscribed_customer(&env, &tenant).await;
    let created: Value = reqwest::Client::new()
        .post(format!("{}/v1/sessions", gateway.base_url()))
        .bearer_auth(&tenant.api_key)
        .json(&json!({"customer": customer}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let url = created["url"].as_str().unwrap();

    // The gateway passes the browser's fetch metadata through unchanged.
    let forged = browser()
        .post(url)
        .header("Sec-Fetch-Site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);

    let real = sign_in(&browser(), url).send().await.unwrap();
    assert_eq!(real.status(), 303);
}
