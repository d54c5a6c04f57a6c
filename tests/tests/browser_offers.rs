//! The offer that answers a cancel reason, in headless Chromium through the gateway with
//! every function running: the offer is shown beside an equally prominent "Cancel anyway"
//! that cancels in one click; a coupon offer is applied to Stripe once and then no longer
//! offered; the page passes axe at 1280 and 375 px. No JavaScript in the page: reason and
//! offer are plain forms (the pages carry no script; axe needs the browser's JavaScript).

use fantoccini::{Client, Locator};
use serde_json::Value;
use shared::i18n::Catalogue;
use shared::offers::{CustomReason, OfferRule, META_OFFER, META_OFFER_COUPON};
use tests::browser::{
    axe_source, axe_violations, click, screenshot, text, text_once, wait_for_path, Driver,
};
use tests::fixture::{random_hex, TestEnv};
use tests::stack::Stack;

const COUPON: &str = "STAY20";

/// A customer on a $29/month "Pro" plan of a tenant whose cancel page offers 20 % off for
/// three months to customers who find it too expensive.
struct Offered {
    stack: Stack,
    customer: String,
    sub: String,
}

impl Offered {
    async fn new() -> Offered {
        let mut stack = TestEnv::new().await.stack().await;
        let coupon = stack
            .stripe_post(
                "/v1/coupons",
                &[
                    ("id", COUPON),
                    ("percent_off", "20"),
                    ("duration", "repeating"),
                    ("duration_in_months", "3"),
                ],
            )
            .await;
        assert_eq!(coupon["id"], COUPON, "{coupon}");
        stack
            .update_project(|p| {
                p.reason_survey = true;
                p.custom_reasons = CustomReason::parse_list("moving=Moving abroad").unwrap();
                p.offers =
                    OfferRule::parse_list(&format!("too_expensive=coupon:{COUPON};unused=pause"))
                        .unwrap();
            })
            .await;
        let email = format!("grace-{}@example.test", random_hex(4));
        let customer = stack.customer_with_card("Grace Hopper", &email).await;
        let price = stack.price("Pro", "2900").await;
        let sub = stack.subscribe(&customer, &[&price]).await;
        let sub = sub["id"].as_str().expect("subscription id").to_owned();
        Offered {
            stack,
            customer,
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

    /// From the overview to the offer for "too expensive": two clicks and a choice.
    async fn to_offer(&self, c: &Client, t: &Catalogue) {
        self.to_offer_for(c, t, "too_expensive").await;
    }

    /// From the overview to the offer for `reason`.
    async fn to_offer_for(&self, c: &Client, t: &Catalogue, reason: &str) {
        click(c, Locator::LinkText(t.cancel_plan())).await;
        wait_for_path(c, &self.cancel_path()).await;
        click(c, Locator::Css(&format!("label[for='reason-{reason}']"))).await;
        click(c, Locator::Css("button#continue")).await;
        let said = t.offers().you_said(&t.reason_label(reason));
        text_once(c, "the reason step", |p| p.contains(&said)).await;
    }
}

/// How a button is drawn: whether it can be seen and used, its box and its type.
async fn drawn(c: &Client, css: &str) -> Value {
    c.execute(
        "const b = document.querySelector(arguments[0]);
         if (!b) return null;
         const s = getComputedStyle(b), r = b.getBoundingClientRect();
         return {visible: s.display !== 'none' && s.visibility === 'visible' && s.opacity === '1'
                   && r.width > 0 && r.height > 0,
                 disabled: b.disabled, height: r.height, font: s.fontSize + ' ' + s.fontWeight,
                 colour: s.color, background: s.backgroundColor};",
        vec![Value::from(css)],
    )
    .await
    .expect("reading a button's style")
}

/// The offer's button and "Cancel anyway" both shown and enabled, and equally prominent:
/// the same size, weight and colours; neither is a mere link.
async fn assert_equally_prominent(c: &Client, what: &str, width: u32) {
    let offer = drawn(c, "button#accept-offer").await;
    let anyway = drawn(c, "button#cancel-anyway").await;
    for b in [&offer, &anyway] {
        assert_eq!(b["visible"], true, "{what} at {width} px: {b}");
        assert_eq!(b["disabled"], false, "{what} at {width} px: {b}");
    }
    for key in ["height", "font", "colour", "background"] {
        assert_eq!(offer[key], anyway[key], "{what}: {key} at {width} px");
    }
}

#[tokio::test]
async fn the_offer_stands_beside_an_equal_cancel_anyway_and_a_coupon_is_taken_once() {
    let s = Offered::new().await;
    let t = Catalogue::english();
    let mut driver = Driver::start().await;
    let url = s.stack.portal_url(&s.customer, "overview", None).await;
    let c = driver.browser(true).await;
    c.goto(&url).await.expect("opening the portal URL");
    wait_for_path(&c, "/portal").await;
    let axe = axe_source();

    // The offer and "Cancel anyway", side by side and alike, at both widths.
    s.to_offer(&c, t).await;
    let page = text(&c).await;
    assert!(
        page.contains(&t.offers().coupon_body("20% off for 3 months")),
        "{page}"
    );
    for width in [1280, 375] {
        screenshot(&c, "cancel-offer", width).await;
        let violations = axe_violations(&c, &axe).await;
        assert!(violations.is_empty(), "at {width} px: {violations:?}");
        assert_equally_prominent(&c, "coupon offer", width).await;
    }
    c.set_window_size(1280, 900).await.expect("resizing");

    // "Cancel anyway" cancels in one click, with the reason given, and nothing applied.
    click(&c, Locator::Css("button#cancel-anyway")).await;
    wait_for_path(&c, "/portal").await;
    text_once(&c, "the scheduled cancellation", |p| {
        p.contains("Cancels on")
    })
    .await;
    let sub = s.subscription().await;
    assert_eq!(sub["cancel_at_period_end"], true, "{sub}");
    assert_eq!(sub["cancellation_details"]["feedback"], "too_expensive");
    assert_eq!(sub["discounts"], serde_json::json!([]), "{sub}");

    // Renewed, the customer takes the offer this time: the coupon is on the subscription.
    click(
        &c,
        Locator::XPath(&format!(
            "//button[normalize-space()='{}']",
            t.renew_button()
        )),
    )
    .await;
    text_once(&c, "the renewed plan", |p| !p.contains("Cancels on")).await;
    s.to_offer(&c, t).await;
    click(&c, Locator::Css("button#accept-offer")).await;
    wait_for_path(&c, "/portal").await;
    text_once(&c, "the offer applied", |p| {
        p.contains(t.offers().offer_applied())
    })
    .await;
    let sub = s.subscription().await;
    assert_eq!(sub["cancel_at_period_end"], false, "{sub}");
    let discounts = sub["discounts"].as_array().expect("discounts");
    assert_eq!(discounts.len(), 1, "{sub}");
    let discount = s
        .stack
        .stripe_get(&format!("/v1/subscriptions/{}?expand[]=discounts", s.sub))
        .await;
    assert_eq!(
        discount["discounts"][0]["source"]["coupon"], COUPON,
        "{discount}"
    );
    assert_eq!(sub["metadata"][META_OFFER], "coupon", "{sub}");
    assert_eq!(sub["metadata"][META_OFFER_COUPON], COUPON, "{sub}");

    // Asked again, the same reason finds no second coupon, and cancelling is still there.
    s.to_offer(&c, t).await;
    assert!(
        c.find(Locator::Css("button#accept-offer")).await.is_err(),
        "a coupon is offered once"
    );
    let anyway = drawn(&c, "button#cancel-anyway").await;
    assert_eq!(anyway["visible"], true, "{anyway}");

    // Another reason, another kind of offer (a pause, with its choice of length): the same
    // equal prominence beside "Cancel anyway", at both widths.
    c.goto(&format!("{}/portal", s.stack.base_url()))
        .await
        .expect("back to the overview");
    s.to_offer_for(&c, t, "unused").await;
    for width in [1280, 375] {
        c.set_window_size(width, 900).await.expect("resizing");
        assert_equally_prominent(&c, "pause offer", width).await;
    }
    c.close().await.expect("closing the browser");
}
