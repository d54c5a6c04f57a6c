//! `checkout.session.completed` (setup mode) against the stand-in: the card becomes the
//! default once, whichever of the portal's return page and the webhook comes first.

use http::StatusCode;
use secrecy::SecretString;
use serde_json::{json, Value};
use shared::ids::{CheckoutSessionId, CustomerId};
use shared::payment_method::{complete_setup, SetupMarks, SetupOutcome};
use shared::stripe::{StripeClient, StripeKey};

use crate::support::{now, World};

/// A setup-mode Checkout Session of `customer` as the portal starts it (tagged with the
/// project), completed with `card` on the stand-in's page.
async fn completed_checkout(w: &World, customer: &str, card: &str) -> String {
    let project = w.project.id.to_string();
    let tag = [
        ("metadata[portal_project]", project.as_str()),
        ("metadata[portal_purpose]", "card_update"),
    ];
    completed_checkout_with(w, customer, card, &tag).await
}

/// A completed setup-mode Checkout Session of `customer` with `metadata` pairs.
async fn completed_checkout_with(
    w: &World,
    customer: &str,
    card: &str,
    metadata: &[(&str, &str)],
) -> String {
    let mut form = vec![
        ("mode", "setup"),
        ("customer", customer),
        ("payment_method_types[0]", "card"),
        ("success_url", "https://app.acme.test/ok"),
    ];
    form.extend_from_slice(metadata);
    let cs = w.stripe("/v1/checkout/sessions", &form).await;
    let cs = cs["id"].as_str().unwrap().to_owned();
    let res = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(format!("{}/_standin/checkout/{cs}/complete", w.stripe_base))
        .form(&[("card", card)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    cs
}

async fn card_of(w: &World, cs: &str) -> String {
    let s = w
        .stripe_get(&format!("/v1/checkout/sessions/{cs}?expand[]=setup_intent"))
        .await;
    s["setup_intent"]["payment_method"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn default_of(w: &World, customer: &str) -> Value {
    w.stripe_get(&format!("/v1/customers/{customer}")).await["invoice_settings"]
        ["default_payment_method"]
        .clone()
}

fn cs_id(cs: &str) -> CheckoutSessionId {
    CheckoutSessionId::parse(cs).unwrap()
}

fn event_for(cs: &str) -> Value {
    json!({"id": format!("evt_{}", crate::support::suffix()), "object": "event",
           "type": "checkout.session.completed", "data": {"object": {"id": cs}}})
}

#[tokio::test]
async fn after_the_return_page_applied_it_the_webhook_sends_nothing_to_stripe() {
    let w = World::new().await;
    let cs = completed_checkout(&w, &w.customer, "tok_mastercard").await;
    // What the portal's return page does.
    let stripe = StripeClient::new(&w.stripe_base).unwrap();
    let key = StripeKey::new(SecretString::from(w.stripe_key.clone()));
    let marks = SetupMarks::new(w.table.clone());
    let customer = CustomerId::parse(&w.customer).unwrap();
    let first = complete_setup(
        &stripe,
        &key,
        &marks,
        &w.project.id,
        &customer,
        &cs_id(&cs),
        now(),
    )
    .await
    .unwrap();
    let pm = card_of(&w, &cs).await;
    assert_eq!(
        first,
        SetupOutcome::Updated {
            payment_method: pm.clone()
        }
    );
    let customers = w.events("customer.updated").await.len();
    let subs = w.events("customer.subscription.updated").await.len();

    let event = w.last_event("checkout.session.completed").await;
    assert_eq!(w.deliver(&event).await.status, StatusCode::OK);
    assert_eq!(w.events("customer.updated").await.len(), customers);
    assert_eq!(w.events("customer.subscription.updated").await.len(), subs);
    assert_eq!(default_of(&w, &w.customer).await, pm.as_str());
    let again = complete_setup(
        &stripe,
        &key,
        &marks,
        &w.project.id,
        &customer,
        &cs_id(&cs),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(again, SetupOutcome::AlreadyApplied);
}

#[tokio::test]
async fn the_webhook_first_then_the_return_page_is_a_no_op() {
    let w = World::new().await;
    let cs = completed_checkout(&w, &w.customer, "tok_amex").await;
    let event = w.last_event("checkout.session.completed").await;
    assert_eq!(w.deliver(&event).await.status, StatusCode::OK);
    let pm = card_of(&w, &cs).await;
    assert_eq!(default_of(&w, &w.customer).await, pm.as_str());
    let sub = w
        .stripe_get(&format!("/v1/subscriptions/{}", w.subscription))
        .await;
    assert_eq!(sub["default_payment_method"], pm.as_str());
    let stripe = StripeClient::new(&w.stripe_base).unwrap();
    let key = StripeKey::new(SecretString::from(w.stripe_key.clone()));
    let outcome = complete_setup(
        &stripe,
        &key,
        &SetupMarks::new(w.table.clone()),
        &w.project.id,
        &CustomerId::parse(&w.customer).unwrap(),
        &cs_id(&cs),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(outcome, SetupOutcome::AlreadyApplied);
}

#[tokio::test]
async fn a_setup_session_the_portal_did_not_start_changes_no_card() {
    let w = World::new().await;
    let before = default_of(&w, &w.customer).await;
    let sub_before = w
        .stripe_get(&format!("/v1/subscriptions/{}", w.subscription))
        .await["default_payment_method"]
        .clone();
    let stripe = StripeClient::new(&w.stripe_base).unwrap();
    let key = StripeKey::new(SecretString::from(w.stripe_key.clone()));
    let customer = CustomerId::parse(&w.customer).unwrap();
    let other_project = "proj_zzzzzzzzzzzzzzzzzzzzzzzz";
    let foreign: [&[(&str, &str)]; 3] = [
        // The tenant's own session for a backup card: no tag at all.
        &[],
        // The portal's tag, but another project's.
        &[
            ("metadata[portal_project]", other_project),
            ("metadata[portal_purpose]", "card_update"),
        ],
        // This project, another purpose.
        &[("metadata[portal_purpose]", "backup_card")],
    ];
    for metadata in foreign {
        let cs = completed_checkout_with(&w, &w.customer, "tok_amex", metadata).await;
        let event = w.last_event("checkout.session.completed").await;
        assert_eq!(
            w.deliver(&event).await.status,
            StatusCode::OK,
            "{metadata:?}"
        );
        let outcome = complete_setup(
            &stripe,
            &key,
            &SetupMarks::new(w.table.clone()),
            &w.project.id,
            &customer,
            &cs_id(&cs),
            now(),
        )
        .await
        .unwrap();
        assert_eq!(outcome, SetupOutcome::Foreign, "{metadata:?}");
        assert_eq!(default_of(&w, &w.customer).await, before, "{metadata:?}");
        let sub = w
            .stripe_get(&format!("/v1/subscriptions/{}", w.subscription))
            .await;
        assert_eq!(sub["default_payment_method"], sub_before, "{metadata:?}");
    }
}

#[tokio::test]
async fn canceled_subscriptions_keep_their_card() {
    let w = World::new().await;
    let canceled = w
        .stripe_delete(&format!("/v1/subscriptions/{}", w.subscription))
        .await;
    assert_eq!(canceled["status"], "canceled");
    let cs = completed_checkout(&w, &w.customer, "tok_mastercard").await;
    let event = w.last_event("checkout.session.completed").await;
    assert_eq!(w.deliver(&event).await.status, StatusCode::OK);
    let pm = card_of(&w, &cs).await;
    assert_eq!(default_of(&w, &w.customer).await, pm.as_str());
    let sub = w
        .stripe_get(&format!("/v1/subscriptions/{}", w.subscription))
        .await;
    assert_ne!(sub["default_payment_method"], pm.as_str());
}

#[tokio::test]
async fn an_event_naming_another_customer_than_the_session_changes_nothing() {
    let w = World::new().await;
    let before = default_of(&w, &w.customer).await;
    let other = w.stripe("/v1/customers", &[("name", "Other")]).await;
    let other = other["id"].as_str().unwrap().to_owned();
    let cs = completed_checkout(&w, &other, "tok_mastercard").await;
    // A forged payload (validly signed) claims the session is our customer's.
    let mut event = event_for(&cs);
    event["data"]["object"] = json!({"id": cs, "object": "checkout.session",
        "mode": "setup", "customer": w.customer});
    assert_eq!(w.deliver(&event).await.status, StatusCode::OK);
    assert_eq!(
        default_of(&w, &w.customer).await,
        before,
        "re-read from Stripe"
    );
}

#[tokio::test]
async fn an_open_session_a_payment_mode_session_or_a_bad_id_changes_nothing() {
    let w = World::new().await;
    let before = default_of(&w, &w.customer).await;
    let open = w
        .stripe(
            "/v1/checkout/sessions",
            &[
                ("mode", "setup"),
                ("customer", &w.customer),
                ("success_url", "https://app.acme.test/ok"),
            ],
        )
        .await;
    let mut event = event_for("");
    event["data"]["object"] = open.clone();
    assert_eq!(w.deliver(&event).await.status, StatusCode::OK);

    let mut payment = event_for("");
    payment["data"]["object"] = json!({"id": "cs_test_pay", "object": "checkout.session",
        "mode": "payment", "customer": w.customer});
    assert_eq!(w.deliver(&payment).await.status, StatusCode::OK);

    let mut unknown = event_for("");
    unknown["data"]["object"] = json!({"id": "cs_test_unknown1", "object": "checkout.session",
        "mode": "setup", "customer": w.customer});
    assert_eq!(w.deliver(&unknown).await.status, StatusCode::OK);

    // Malformed ids are answered 200 and ignored (a retry would not fix them), never
    // put into a Stripe path.
    for (id, customer) in [
        ("cs_../../v1/customers", w.customer.as_str()),
        ("cs_test_1", "cus_../../x"),
    ] {
        let mut bad = event_for("");
        bad["data"]["object"] = json!({"id": id, "object": "checkout.session",
            "mode": "setup", "customer": customer});
        assert_eq!(
            w.deliver(&bad).await.status,
            StatusCode::OK,
            "{id} {customer}"
        );
    }
    assert_eq!(default_of(&w, &w.customer).await, before);
}

#[tokio::test]
async fn the_return_page_and_the_webhook_racing_update_once() {
    let w = World::new().await;
    let cs = completed_checkout(&w, &w.customer, "tok_mastercard").await;
    let customers = w.events("customer.updated").await.len();
    let subs = w.events("customer.subscription.updated").await.len();
    let stripe = StripeClient::new(&w.stripe_base).unwrap();
    let key = StripeKey::new(SecretString::from(w.stripe_key.clone()));
    let marks = SetupMarks::new(w.table.clone());
    let customer = CustomerId::parse(&w.customer).unwrap();
    let event = w.last_event("checkout.session.completed").await;
    let cs_typed = cs_id(&cs);
    let returns = futures::future::join_all((0..8).map(|_| {
        complete_setup(
            &stripe,
            &key,
            &marks,
            &w.project.id,
            &customer,
            &cs_typed,
            now(),
        )
    }));
    let (outcomes, hook) = tokio::join!(returns, w.deliver(&event));
    assert_eq!(hook.status, StatusCode::OK);
    let updated = outcomes
        .iter()
        .filter(|o| matches!(o, Ok(SetupOutcome::Updated { .. })))
        .count();
    assert!(updated <= 1, "{outcomes:?}");
    assert!(outcomes.iter().all(Result::is_ok), "{outcomes:?}");
    let pm = card_of(&w, &cs).await;
    assert_eq!(default_of(&w, &w.customer).await, pm.as_str());
    // Idempotency keys from the session id: each change reached Stripe once.
    assert_eq!(w.events("customer.updated").await.len(), customers + 1);
    assert_eq!(
        w.events("customer.subscription.updated").await.len(),
        subs + 1
    );
}
