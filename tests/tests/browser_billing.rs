//! Updating the card through the stand-in's Checkout page and editing billing details, in
//! headless Chromium through the gateway with every function running (the stand-in
//! delivers `checkout.session.completed` to the webhooks function).

use fantoccini::{Client, Locator};
use serde_json::Value;
use test_support::eventually;
use tests::browser::{
    axe_source, axe_violations, click, screenshot, text, text_once, wait_for_path, Driver,
};
use tests::fixture::{random_hex, TestEnv};
use tests::stack::Stack;

/// A customer with a Visa on a $29/month "Pro" plan.
struct Subscribed {
    stack: Stack,
    customer: String,
    sub: String,
}

impl Subscribed {
    async fn new() -> Subscribed {
        let stack = TestEnv::new().await.stack().await;
        let email = format!("ada-{}@example.test", random_hex(4));
        let customer = stack.customer_with_card("Ada Lovelace", &email).await;
        let price = stack.price("Pro", "2900").await;
        let sub = stack.subscribe(&customer, &[&price]).await;
        let sub = sub["id"].as_str().expect("subscription id").to_owned();
        Subscribed {
            stack,
            customer,
            sub,
        }
    }

    /// A browser signed in from a fresh portal URL for `flow`, on `path`.
    async fn signed_in(&self, driver: &mut Driver, flow: &str, path: &str) -> Client {
        let url = self.stack.portal_url(&self.customer, flow, None).await;
        let c = driver.browser(true).await;
        c.goto(&url).await.expect("opening the portal URL");
        wait_for_path(&c, path).await;
        c
    }

    async fn customer_json(&self) -> Value {
        self.stack
            .stripe_get(&format!("/v1/customers/{}", self.customer))
            .await
    }

    async fn default_pm(&self) -> Value {
        self.customer_json().await["invoice_settings"]["default_payment_method"].clone()
    }

    async fn card_of_session(&self, cs: &str) -> String {
        let s = self
            .stack
            .stripe_get(&format!("/v1/checkout/sessions/{cs}?expand[]=setup_intent"))
            .await;
        s["setup_intent"]["payment_method"]
            .as_str()
            .expect("a saved card")
            .to_owned()
    }

    /// Clicks "Update card" and waits for the stand-in's Checkout page; its session id.
    async fn to_checkout(&self, c: &Client) -> String {
        click(c, Locator::Css("#update-card")).await;
        let url = eventually("the browser to reach Checkout", || async {
            let url = c.current_url().await.expect("current url");
            url.path().starts_with("/_standin/checkout/").then_some(url)
        })
        .await;
        assert_eq!(
            url.origin().ascii_serialization(),
            self.stack.stripe_base(),
            "Checkout is Stripe's page"
        );
        url.path()["/_standin/checkout/".len()..].to_owned()
    }
}

#[tokio::test]
async fn update_goes_through_checkout_and_comes_back_with_the_new_card_as_default() {
    let s = Subscribed::new().await;
    let old = s.default_pm().await;
    let mut driver = Driver::start().await;
    let c = s
        .signed_in(
            &mut driver,
            "payment_method_update",
            "/portal/payment-method",
        )
        .await;
    assert!(text(&c).await.contains("Visa ending in 4242"));
    let axe = axe_source();
    for width in [1280, 375] {
        screenshot(&c, "payment-method", width).await;
        let violations = axe_violations(&c, &axe).await;
        assert!(violations.is_empty(), "at {width} px: {violations:?}");
    }
    c.set_window_size(1280, 900).await.expect("resizing");
    let cs = s.to_checkout(&c).await;
    click(&c, Locator::Css("input[value='tok_mastercard']")).await;
    click(&c, Locator::XPath("//button[normalize-space()='Complete']")).await;
    wait_for_path(&c, "/portal/payment-method").await;
    let page = text_once(&c, "the update", |t| t.contains("Your card was updated")).await;
    assert!(page.contains("Mastercard ending in 4444"), "{page}");

    let pm = s.card_of_session(&cs).await;
    assert_ne!(Value::String(pm.clone()), old);
    assert_eq!(s.default_pm().await, pm.as_str());
    let sub = s
        .stack
        .stripe_get(&format!("/v1/subscriptions/{}", s.sub))
        .await;
    assert_eq!(sub["default_payment_method"], pm.as_str());
    c.goto(&format!("{}/portal", s.stack.base_url()))
        .await
        .expect("the overview");
    let overview = text(&c).await;
    assert!(overview.contains("Mastercard ending in 4444"), "{overview}");
    assert!(!overview.contains("Visa ending in 4242"));
    c.close().await.expect("closing the browser");
}

#[tokio::test]
async fn the_webhook_alone_makes_the_new_card_the_default() {
    let s = Subscribed::new().await;
    let old = s.default_pm().await;
    let mut driver = Driver::start().await;
    let c = s.signed_in(&mut driver, "overview", "/portal").await;
    let cs = s.to_checkout(&c).await;
    // "Complete" pressed elsewhere: the browser never follows the redirect back.
    let res = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client")
        .post(format!(
            "{}/_standin/checkout/{cs}/complete",
            s.stack.stripe_base()
        ))
        .form(&[("card", "tok_amex")])
        .send()
        .await
        .expect("completing Checkout");
    assert_eq!(res.status(), 303);
    let pm = s.card_of_session(&cs).await;
    assert_ne!(old, pm);
    // The webhook makes the card the default on the customer, then on each subscription:
    // wait for it to have handled the event, then assert both.
    s.stack.stripe().settled().await;
    assert_eq!(s.default_pm().await, pm, "the webhook set the default");
    let sub = s
        .stack
        .stripe_get(&format!("/v1/subscriptions/{}", s.sub))
        .await;
    assert_eq!(sub["default_payment_method"], pm.as_str());
    c.goto(&format!("{}/portal", s.stack.base_url()))
        .await
        .expect("the overview");
    let overview = text(&c).await;
    assert!(
        overview.contains("American Express ending in 0005"),
        "{overview}"
    );
    c.close().await.expect("closing the browser");
}

async fn fill(c: &Client, id: &str, value: &str) {
    let input = c
        .find(Locator::Id(id))
        .await
        .unwrap_or_else(|_| panic!("a #{id} field"));
    input.clear().await.expect("clearing");
    if !value.is_empty() {
        input.send_keys(value).await.expect("typing");
    }
}

#[tokio::test]
async fn an_edited_billing_address_is_saved_to_the_stripe_customer() {
    let s = Subscribed::new().await;
    let mut driver = Driver::start().await;
    let c = s
        .signed_in(
            &mut driver,
            "billing_details_update",
            "/portal/billing-details",
        )
        .await;
    let axe = axe_source();
    for width in [1280, 375] {
        screenshot(&c, "billing-details", width).await;
        let violations = axe_violations(&c, &axe).await;
        assert!(violations.is_empty(), "at {width} px: {violations:?}");
    }
    c.set_window_size(1280, 900).await.expect("resizing");
    for (id, value) in [
        ("line1", "12 Analytical Row"),
        ("line2", "Flat 3"),
        ("city", "London"),
        ("postal_code", "SW1A 1AA"),
        ("country", "GB"),
    ] {
        fill(&c, id, value).await;
    }
    click(&c, Locator::Css("#save-billing")).await;
    let page = text_once(&c, "Saved", |t| t.contains("Saved.")).await;
    assert!(page.contains("Billing details"), "{page}");
    let address = s.customer_json().await["address"].clone();
    assert_eq!(address["line1"], "12 Analytical Row");
    assert_eq!(address["line2"], "Flat 3");
    assert_eq!(address["city"], "London");
    assert_eq!(address["postal_code"], "SW1A 1AA");
    assert_eq!(address["country"], "GB");
    // Reloaded from Stripe.
    let line1 = c
        .find(Locator::Id("line1"))
        .await
        .expect("line1")
        .prop("value")
        .await
        .expect("its value");
    assert_eq!(line1.as_deref(), Some("12 Analytical Row"));
    c.close().await.expect("closing the browser");
}

#[tokio::test]
async fn a_missing_required_field_shows_its_message_next_to_the_field() {
    let s = Subscribed::new().await;
    let before = s.customer_json().await;
    let mut driver = Driver::start().await;
    let c = s
        .signed_in(
            &mut driver,
            "billing_details_update",
            "/portal/billing-details",
        )
        .await;
    fill(&c, "email", "").await;
    fill(&c, "line1", "12 Analytical Row").await;
    fill(&c, "city", "London").await;
    fill(&c, "postal_code", "SW1A 1AA").await;
    fill(&c, "country", "ZZ").await;
    click(&c, Locator::Css("#save-billing")).await;
    text_once(&c, "the problems", |t| {
        t.contains("Please correct the fields marked below")
    })
    .await;
    // Each message sits in its field's own group, tied to the input for screen readers.
    for (id, message) in [
        ("email", "Enter your email address."),
        (
            "country",
            "Enter a two-letter country code, such as US, GB or DE.",
        ),
    ] {
        let same_group: Value = c
            .execute(
                "const e = document.getElementById(arguments[0] + '-error');
                 const i = document.getElementById(arguments[0]);
                 return [e && e.textContent, e && e.parentElement === i.parentElement,
                         i.getAttribute('aria-invalid'), i.getAttribute('aria-describedby')];",
                vec![Value::String(id.to_owned())],
            )
            .await
            .expect("reading the field");
        assert_eq!(same_group[0], message, "{id}");
        assert_eq!(same_group[1], true, "{id}: message next to the field");
        assert_eq!(same_group[2], "true", "{id}");
        assert!(
            same_group[3]
                .as_str()
                .is_some_and(|d| d.contains(&format!("{id}-error"))),
            "{id}: {same_group}"
        );
    }
    // What was typed is kept.
    let city = c
        .find(Locator::Id("city"))
        .await
        .expect("city")
        .prop("value")
        .await
        .expect("its value");
    assert_eq!(city.as_deref(), Some("London"));
    let axe = axe_source();
    for width in [1280, 375] {
        screenshot(&c, "billing-details-problems", width).await;
        let violations = axe_violations(&c, &axe).await;
        assert!(violations.is_empty(), "at {width} px: {violations:?}");
    }
    let after = s.customer_json().await;
    assert_eq!(after["email"], before["email"], "nothing saved");
    assert_eq!(after["address"], before["address"]);
    c.close().await.expect("closing the browser");
}
