//! Cancelling, renewing, pausing and resuming in headless Chromium through the gateway with
//! every function running; the stand-in delivers each change to the webhooks function,
//! whose emails are read back from moto's SES store.

use fantoccini::{Client, Locator};
use serde_json::{json, Value};
use shared::i18n::Catalogue;
use test_support::eventually;
use tests::browser::{
    axe_source, axe_violations, click, screenshot, text, text_once, wait_for_path, Driver,
};
use tests::fixture::{random_hex, TestEnv};
use tests::stack::{SentEmail, Stack};

const SENDER: &str = "billing@acme.test";
const DAY: i64 = 24 * 3600;

/// A customer with their own address on a $29/month "Pro" plan of a tenant that sends mail.
struct Subscribed {
    stack: Stack,
    customer: String,
    email: String,
    sub: String,
}

impl Subscribed {
    async fn new() -> Subscribed {
        let mut stack = TestEnv::new().await.stack().await;
        stack.verify_sender(SENDER).await;
        // moto's SES store is shared by every test: each customer has an address of its own.
        let email = format!("ada-{}@example.test", random_hex(4));
        let customer = stack.customer_with_card("Ada Lovelace", &email).await;
        let price = stack.price("Pro", "2900").await;
        let sub = stack.subscribe(&customer, &[&price]).await;
        let sub = sub["id"].as_str().expect("subscription id").to_owned();
        Subscribed {
            stack,
            customer,
            email,
            sub,
        }
    }

    fn cancel_path(&self) -> String {
        format!("/portal/subscriptions/{}/cancel", self.sub)
    }

    async fn subscription(&self) -> Value {
        self.stack
            .stripe_get(&format!("/v1/subscriptions/{}", self.sub))
            .await
    }

    /// A browser signed in from a fresh portal URL, on the overview.
    async fn signed_in(&self, driver: &mut Driver) -> Client {
        let url = self
            .stack
            .portal_url(&self.customer, "overview", None)
            .await;
        let c = driver.browser(true).await;
        c.goto(&url).await.expect("opening the portal URL");
        wait_for_path(&c, "/portal").await;
        c
    }

    /// Waits for the `count`-th email to the customer and returns it; panics on fewer.
    async fn email(&self, count: usize) -> SentEmail {
        let mails = self.stack.wait_for_emails(&self.email, count).await;
        assert!(mails.len() >= count, "expected {count} emails: {mails:#?}");
        mails[count - 1].clone()
    }
}

fn period_end(sub: &Value) -> i64 {
    sub["items"]["data"][0]["current_period_end"]
        .as_i64()
        .expect("current_period_end")
}

async fn button(c: &Client, label: &str) -> fantoccini::elements::Element {
    c.find(Locator::XPath(&format!(
        "//button[normalize-space()='{label}']"
    )))
    .await
    .unwrap_or_else(|_| panic!("a {label} button"))
}

#[tokio::test]
async fn a_customer_cancels_in_one_click_renews_and_cancels_again_with_one_email_each() {
    let s = Subscribed::new().await;
    let t = Catalogue::english();
    let end = t.format_date(period_end(&s.subscription().await));
    let mut driver = Driver::start().await;
    let c = s.signed_in(&mut driver).await;
    let axe = axe_source();

    for round in 0..2 {
        // One click from the overview to the cancel page, whose own form confirms.
        click(&c, Locator::LinkText("Cancel plan")).await;
        wait_for_path(&c, &s.cancel_path()).await;
        let page = text(&c).await;
        assert!(
            page.contains(&format!("Your plan ends on {end}; you keep Pro until then")),
            "{page}"
        );
        let confirm = c
            .find(Locator::Css(&format!(
                "form[action='{}'] button#confirm-cancel",
                s.cancel_path()
            )))
            .await
            .expect("the confirm button on the cancel page itself");
        assert_eq!(confirm.text().await.expect("its label"), t.cancel_confirm());
        if round == 0 {
            for width in [1280, 375] {
                screenshot(&c, "cancel", width).await;
                let violations = axe_violations(&c, &axe).await;
                assert!(violations.is_empty(), "at {width} px: {violations:?}");
            }
            c.set_window_size(1280, 900).await.expect("resizing");
            click(&c, Locator::Css("label[for='reason-too_expensive']")).await;
        }
        confirm.click().await.expect("confirming");
        wait_for_path(&c, "/portal").await;
        let overview = text(&c).await;
        assert!(
            overview.contains(&format!("Cancels on {end}")),
            "{overview}"
        );
        button(&c, t.renew_button()).await;

        // The stand-in's webhook reaches the gateway; the email names the plan and the date.
        let mail = s.email(1 + 2 * round).await;
        assert_eq!(mail.from, SENDER);
        assert!(
            mail.subject.contains("Pro") && mail.subject.contains("set to cancel"),
            "{mail:?}"
        );
        assert!(
            mail.body.contains("Pro") && mail.body.contains(&end),
            "{mail:?}"
        );
        assert!(
            mail.body.contains("/portal/s/v1."),
            "no renew link: {mail:?}"
        );

        if round == 0 {
            let sub = s.subscription().await;
            assert_eq!(sub["cancellation_details"]["feedback"], "too_expensive");
            button(&c, t.renew_button())
                .await
                .click()
                .await
                .expect("renewing");
            let overview = text_once(&c, "the renewed plan", |p| !p.contains("Cancels on")).await;
            assert!(overview.contains("Next invoice on"), "{overview}");
            assert_eq!(s.subscription().await["cancel_at_period_end"], false);
            let mail = s.email(2).await;
            assert!(mail.subject.contains("will continue"), "{mail:?}");
        }
    }
    // Every delivery has settled: one email per step, no more.
    s.stack.stripe().settled().await;
    let subjects: Vec<String> = s
        .stack
        .emails_to(&s.email)
        .await
        .into_iter()
        .map(|m| m.subject)
        .collect();
    assert_eq!(subjects.len(), 3, "{subjects:?}");

    // Where a failed action lands: the notice reads well at 375 px and passes axe.
    c.goto(&format!(
        "{}{}?notice=action_failed",
        s.stack.base_url(),
        s.cancel_path()
    ))
    .await
    .expect("opening the cancel page with a notice");
    assert!(text(&c).await.contains(t.action_failed()));
    screenshot(&c, "cancel-failed", 375).await;
    let violations = axe_violations(&c, &axe).await;
    assert!(violations.is_empty(), "{violations:?}");
    c.close().await.expect("closing the browser");
}

#[tokio::test]
async fn a_pause_a_resume_and_a_cancellation_taking_effect_are_each_shown_and_emailed() {
    let mut s = Subscribed::new().await;
    s.stack
        .update_project(|p| {
            p.pause_offered = true;
            p.max_pause_days = 30;
        })
        .await;
    let t = Catalogue::english();
    let mut driver = Driver::start().await;
    let c = s.signed_in(&mut driver).await;

    // Pause for 14 days from the cancel page.
    click(&c, Locator::LinkText("Cancel plan")).await;
    wait_for_path(&c, &s.cancel_path()).await;
    click(&c, Locator::Css("#resume-days option[value='14']")).await;
    button(&c, t.pause_button())
        .await
        .click()
        .await
        .expect("pausing");
    wait_for_path(&c, "/portal").await;
    let resumes_at = s.subscription().await["pause_collection"]["resumes_at"]
        .as_i64()
        .expect("a resume date");
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    assert!(
        (resumes_at - now - 14 * DAY).abs() < 120,
        "resumes_at {resumes_at}"
    );
    let until = t.format_date(resumes_at);
    let overview = text(&c).await;
    assert!(
        overview.contains(&format!("Paused until {until}")),
        "{overview}"
    );
    let mail = s.email(1).await;
    assert!(
        mail.subject.contains("paused") && mail.body.contains(&until),
        "{mail:?}"
    );

    // Resume in one click.
    button(&c, t.resume_button())
        .await
        .click()
        .await
        .expect("resuming");
    let overview = text_once(&c, "the resumed plan", |p| !p.contains("Paused until")).await;
    assert!(overview.contains("Next invoice on"), "{overview}");
    assert!(s.subscription().await["pause_collection"].is_null());
    let mail = s.email(2).await;
    assert!(mail.subject.contains("resumed"), "{mail:?}");

    // Cancel at period end, then move the stand-in's clock past it.
    click(&c, Locator::LinkText("Cancel plan")).await;
    wait_for_path(&c, &s.cancel_path()).await;
    click(&c, Locator::Id("confirm-cancel")).await;
    wait_for_path(&c, "/portal").await;
    assert!(text(&c).await.contains("Cancels on"));
    s.email(3).await;
    let res = s
        .stack
        .http
        .post(format!("{}/_standin/advance", s.stack.stripe_base()))
        .bearer_auth(&s.stack.tenant.stripe_key)
        .json(&json!({"seconds": 40 * DAY}))
        .send()
        .await
        .expect("calling the stand-in");
    assert!(res.status().is_success(), "advance: {}", res.status());
    assert_eq!(s.subscription().await["status"], "canceled");
    let events = s
        .stack
        .stripe_get("/v1/events?type=customer.subscription.deleted&limit=1")
        .await;
    assert_eq!(events["data"][0]["data"]["object"]["id"], s.sub.as_str());
    let mail = s.email(4).await;
    assert!(mail.subject.contains("has ended"), "{mail:?}");
    let event = events["data"][0]["id"].as_str().expect("an event id");
    // The email goes out while the delivery is being answered; the stand-in records the
    // answer just after, so poll for it.
    let url = format!(
        "{}/_standin/deliveries?endpoint={}&event={event}",
        s.stack.stripe_base(),
        s.stack.webhook_endpoint
    );
    let deliveries = eventually("the delivery answered 200", || async {
        let deliveries = s
            .stack
            .http
            .get(&url)
            .send()
            .await
            .expect("calling the stand-in")
            .json::<Value>()
            .await
            .expect("deliveries JSON");
        deliveries["data"]
            .as_array()
            .is_some_and(|d| d.iter().any(|d| d["status"] == 200))
            .then_some(deliveries)
    })
    .await;
    assert!(!deliveries["data"]
        .as_array()
        .expect("deliveries")
        .is_empty());
    c.refresh().await.expect("reloading the overview");
    let overview = text(&c).await;
    assert!(overview.contains(t.no_subscriptions()), "{overview}");
    s.stack.stripe().settled().await;
    assert_eq!(s.stack.emails_to(&s.email).await.len(), 4);
    c.close().await.expect("closing the browser");
}
