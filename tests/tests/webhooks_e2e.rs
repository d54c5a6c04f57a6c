//! Stripe events end to end: the stand-in signs and POSTs them to the local gateway, which
//! hands the raw bytes and the `Stripe-Signature` header to the webhooks function.

use test_support::eventually;

use secrecy::SecretString;
use serde_json::{json, Value};
use tests::fixture::{TestEnv, TestProject};

/// Calls the stand-in as the project's Stripe account; panics on a non-2xx answer.
async fn stripe(env: &TestEnv, tenant: &TestProject, path: &str, form: &[(&str, &str)]) -> Value {
    let res = reqwest::Client::new()
        .post(format!("{}{path}", env.standins.stripe_api_base))
        .bearer_auth(&tenant.stripe_key)
        .form(form)
        .send()
        .await
        .expect("calling the Stripe stand-in");
    let status = res.status();
    let body: Value = res.json().await.expect("stand-in JSON");
    assert!(status.is_success(), "stand-in {path}: {status} {body}");
    body
}

async fn stripe_get(env: &TestEnv, tenant: &TestProject, path: &str) -> Value {
    reqwest::Client::new()
        .get(format!("{}{path}", env.standins.stripe_api_base))
        .bearer_auth(&tenant.stripe_key)
        .send()
        .await
        .expect("calling the Stripe stand-in")
        .json()
        .await
        .expect("stand-in JSON")
}

/// A customer with a card on a monthly plan; returns the subscription id.
async fn subscribed_customer(env: &TestEnv, tenant: &TestProject) -> String {
    let customer = stripe(
        env,
        tenant,
        "/v1/customers",
        &[("name", "Jo"), ("email", "jo@example.test")],
    )
    .await;
    let customer = customer["id"].as_str().expect("customer id").to_string();
    let pm = stripe(
        env,
        tenant,
        "/v1/payment_methods/pm_card_visa/attach",
        &[("customer", &customer)],
    )
    .await;
    stripe(
        env,
        tenant,
        &format!("/v1/customers/{customer}"),
        &[(
            "invoice_settings[default_payment_method]",
            pm["id"].as_str().expect("payment method id"),
        )],
    )
    .await;
    let product = stripe(env, tenant, "/v1/products", &[("name", "Pro")]).await;
    let price = stripe(
        env,
        tenant,
        "/v1/prices",
        &[
            ("product", product["id"].as_str().expect("product id")),
            ("unit_amount", "1200"),
            ("currency", "usd"),
            ("recurring[interval]", "month"),
        ],
    )
    .await;
    let sub = stripe(
        env,
        tenant,
        "/v1/subscriptions",
        &[
            ("customer", &customer),
            ("items[0][price]", price["id"].as_str().expect("price id")),
        ],
    )
    .await;
    sub["id"].as_str().expect("subscription id").to_string()
}

#[tokio::test]
async fn a_subscription_update_is_delivered_through_the_gateway_and_accepted() {
    let mut env = TestEnv::new().await;
    let gateway = env.gateway().await;
    let tenant = env.project().await;

    // As `cargo xtask dev` does: register the gateway's URL, store the returned secret.
    let url = format!(
        "{}/webhooks/stripe/{}",
        gateway.base_url(),
        tenant.project.id
    );
    let endpoint = stripe(
        &env,
        &tenant,
        "/v1/webhook_endpoints",
        &[("url", &url), ("enabled_events[]", "*")],
    )
    .await;
    let endpoint_id = endpoint["id"].as_str().expect("endpoint id").to_string();
    let secret = endpoint["secret"].as_str().expect("endpoint secret");
    assert!(secret.starts_with("whsec_"), "{secret}");
    env.secrets()
        .put(
            &tenant.project.webhook_secrets_parameter,
            &SecretString::from(secret.to_string()),
        )
        .await
        .expect("storing the webhook secret");

    let sub = subscribed_customer(&env, &tenant).await;
    stripe(
        &env,
        &tenant,
        &format!("/v1/subscriptions/{sub}"),
        &[("cancel_at_period_end", "true")],
    )
    .await;
    let events = stripe_get(
        &env,
        &tenant,
        "/v1/events?type=customer.subscription.updated&limit=1",
    )
    .await;
    let event = events["data"][0]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no customer.subscription.updated event: {events}"))
        .to_string();

    let deliveries_url = format!(
        "{}/_standin/deliveries?endpoint={endpoint_id}&event={event}",
        env.standins.stripe_api_base
    );
    let attempts = eventually("a 2xx delivery of the event", || async {
        let list: Value = reqwest::get(&deliveries_url)
            .await
            .expect("calling the Stripe stand-in")
            .json()
            .await
            .expect("stand-in JSON");
        let attempts = list["data"].as_array().cloned().unwrap_or_default();
        attempts
            .iter()
            .any(|d| d["succeeded"] == true)
            .then_some(attempts)
    })
    .await;
    let ok = attempts
        .iter()
        .find(|d| d["succeeded"] == true)
        .expect("a 2xx delivery");
    assert_eq!(ok["status"], 200, "{ok}");
    assert_eq!(ok["url"], url.as_str());
}

#[tokio::test]
async fn a_webhook_with_a_bad_signature_gets_400_through_the_gateway() {
    let mut env = TestEnv::new().await;
    let gateway = env.gateway().await;
    let tenant = env.project().await;
    env.secrets()
        .put(
            &tenant.project.webhook_secrets_parameter,
            &SecretString::from("whsec_right".to_string()),
        )
        .await
        .expect("storing the webhook secret");
    let url = format!(
        "{}/webhooks/stripe/{}",
        gateway.base_url(),
        tenant.project.id
    );
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let body = serde_json::to_vec(&json!({
        "id": "evt_gatewaysignature1",
        "object": "event",
        "type": "balance.available",
        "created": now,
        "data": {"object": {}},
    }))
    .unwrap();
    let post = |signature: String| {
        reqwest::Client::new()
            .post(&url)
            .header("Content-Type", "application/json")
            .header("Stripe-Signature", signature)
            .body(body.clone())
            .send()
    };

    let wrong = post(shared::webhook::sign(&body, "whsec_wrong", now))
        .await
        .unwrap();
    assert_eq!(wrong.status(), 400);

    // The same bytes signed with the stored secret pass, so the 400 was the signature.
    let right = post(shared::webhook::sign(&body, "whsec_right", now))
        .await
        .unwrap();
    assert_eq!(right.status(), 200);
}
