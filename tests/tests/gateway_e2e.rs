//! The README's curl flow, end to end: HTTP → local gateway → create-session → moto and
//! the Stripe stand-in.

use serde_json::{json, Value};
use tests::fixture::{create_customer, TestEnv, RETURN_URL};

#[tokio::test]
async fn the_readme_curl_returns_201_with_a_portal_url() {
    let mut env = TestEnv::new().await;
    let gateway = env.gateway().await;
    let tenant = env.project().await;
    let customer = create_customer(&env.standins.stripe_api_base, &tenant.stripe_key, None).await;

    let res = reqwest::Client::new()
        .post(format!("{}/v1/sessions", gateway.base_url()))
        .header("Authorization", format!("Bearer {}", tenant.api_key))
        .header("Content-Type", "application/json")
        .body(
            json!({"customer": customer, "return_url": RETURN_URL, "flow": "overview"}).to_string(),
        )
        .send()
        .await
        .unwrap();

    assert_eq!(res.status(), 201);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["object"], "portal_session");
    assert_eq!(body["project"], tenant.project.id.as_str());
    assert_eq!(body["customer"], customer.as_str());
    let url = body["url"].as_str().unwrap();
    let prefix = format!("{}/portal/s/", gateway.base_url());
    assert!(url.starts_with(&prefix), "{url} should start with {prefix}");
    assert!(
        url.len() > prefix.len() + 20,
        "the URL carries a token: {url}"
    );
}

#[tokio::test]
async fn a_path_outside_the_template_gets_api_gateways_404() {
    let mut env = TestEnv::new().await;
    let gateway = env.gateway().await;

    let res = reqwest::get(format!("{}/v2/sessions", gateway.base_url()))
        .await
        .unwrap();

    assert_eq!(res.status(), 404);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body, json!({"message": "Not Found"}));
}

#[tokio::test]
async fn a_wrong_method_reaches_the_function_and_gets_a_stripe_shaped_405() {
    let mut env = TestEnv::new().await;
    let gateway = env.gateway().await;

    let res = reqwest::get(format!("{}/v1/sessions", gateway.base_url()))
        .await
        .unwrap();

    assert_eq!(res.status(), 405);
    let body: Value = res.json().await.unwrap();
    assert!(
        body["error"]["type"].is_string(),
        "Stripe-shaped error: {body}"
    );
}
