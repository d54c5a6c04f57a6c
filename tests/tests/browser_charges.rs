//! "What am I being charged for?" in headless Chromium through the gateway with every
//! function running: a customer with a 20 % forever coupon, 8.25 % exclusive sales tax and
//! a metered item with recorded usage sees Stripe's own next-invoice total on the overview,
//! its itemisation on the next-invoice page, and a past invoice explained; every page is
//! free of serious accessibility violations and fits 320 px.

use fantoccini::{Client, Locator};
use serde_json::Value;
use shared::i18n::Catalogue;
use tests::browser::{axe_source, axe_violations, click, screenshot, text, wait_for_path, Driver};
use tests::fixture::TestEnv;
use tests::stack::Stack;

/// The customer, their subscription (Pro and metered API requests) and Stripe's own
/// preview of its next invoice, read through the stand-in.
struct Charged {
    stack: Stack,
    customer: String,
    sub: Value,
}

impl Charged {
    async fn new() -> Charged {
        let stack = TestEnv::new().await.stack().await;
        let customer = stack
            .customer_with_card("Ada Lovelace", "ada@example.test")
            .await;
        let coupon = stack
            .stripe_post(
                "/v1/coupons",
                &[("percent_off", "20"), ("duration", "forever")],
            )
            .await;
        let tax = stack
            .stripe_post(
                "/v1/tax_rates",
                &[
                    ("display_name", "Sales tax"),
                    ("percentage", "8.25"),
                    ("inclusive", "false"),
                ],
            )
            .await;
        let meter = stack
            .stripe_post(
                "/v1/billing/meters",
                &[
                    ("display_name", "API requests"),
                    ("event_name", "api_requests"),
                    ("default_aggregation[formula]", "sum"),
                    ("customer_mapping[type]", "by_id"),
                    ("customer_mapping[event_payload_key]", "stripe_customer_id"),
                    ("value_settings[event_payload_key]", "value"),
                ],
            )
            .await;
        let pro = stack.price("Pro", "2900").await;
        let requests = stack
            .stripe()
            .price_with(
                "API requests",
                "5",
                &[
                    ("recurring[usage_type]", "metered"),
                    ("recurring[meter]", id(&meter)),
                ],
            )
            .await;
        let sub = stack
            .stripe_post(
                "/v1/subscriptions",
                &[
                    ("customer", &customer),
                    ("items[0][price]", &pro),
                    ("items[1][price]", &requests),
                    ("default_tax_rates[0]", id(&tax)),
                    ("discounts[0][coupon]", id(&coupon)),
                ],
            )
            .await;
        for value in ["300", "235"] {
            stack
                .stripe_post(
                    "/v1/billing/meter_events",
                    &[
                        ("event_name", "api_requests"),
                        ("payload[stripe_customer_id]", &customer),
                        ("payload[value]", value),
                    ],
                )
                .await;
        }
        Charged {
            stack,
            customer,
            sub,
        }
    }

    async fn preview(&self) -> Value {
        self.stack
            .stripe_post(
                "/v1/invoices/create_preview",
                &[
                    ("customer", &self.customer),
                    ("subscription", id(&self.sub)),
                ],
            )
            .await
    }
}

fn id(v: &Value) -> &str {
    v["id"].as_str().unwrap_or_else(|| panic!("no id in {v}"))
}

fn usd(cents: &Value) -> String {
    Catalogue::english().format_money(cents.as_i64().expect("an amount"), "usd")
}

/// Screenshots at 1280, 375 and 320 px; axe at each width; nothing wider than 320 px.
async fn check_page(c: &Client, axe: &str, name: &str, report: &mut Vec<String>) {
    for width in [1280, 375, 320] {
        screenshot(c, name, width).await;
        for v in axe_violations(c, axe).await {
            report.push(format!("{name} @{width}px: {v}"));
        }
    }
    let overflow = c
        .execute(
            "return document.documentElement.scrollWidth - window.innerWidth;",
            vec![],
        )
        .await
        .expect("measuring the page");
    let overflow = overflow.as_i64().unwrap_or_default();
    assert!(overflow <= 0, "{name} is {overflow}px wider than 320px");
    c.set_window_size(1280, 900).await.expect("resizing");
}

#[tokio::test]
async fn the_customer_sees_stripes_own_next_invoice_and_each_charge_explained() {
    let axe = axe_source();
    let s = Charged::new().await;
    let preview = s.preview().await;
    let total = usd(&preview["total"]);
    let end = s.sub["items"]["data"][0]["current_period_end"]
        .as_i64()
        .expect("a period end");
    let date = Catalogue::english().format_date(end);
    let url = s.stack.portal_url(&s.customer, "overview", None).await;

    let mut driver = Driver::start().await;
    let c = driver.browser(true).await;
    let mut report = Vec::new();
    c.goto(&url).await.expect("opening the portal URL");
    wait_for_path(&c, "/portal").await;
    let overview = text(&c).await;
    let line = format!("Next invoice on {date}: {total}");
    assert!(overview.contains(&line), "no {line:?} in {overview}");
    let tax = usd(&preview["total_taxes"][0]["amount"]);
    assert!(
        overview.contains(&format!("20% off · Sales tax 8.25%: {tax}")),
        "{overview}"
    );
    check_page(&c, &axe, "charges-overview", &mut report).await;

    // The line leads to Stripe's preview, itemised.
    click(&c, Locator::LinkText(&line)).await;
    let next = format!("/portal/subscriptions/{}/next-invoice", id(&s.sub));
    wait_for_path(&c, &next).await;
    let page = text(&c).await;
    for needle in [
        line.as_str(),
        "API requests",
        "$0.05",
        "Sales tax 8.25%",
        "It will be charged to your Visa ending in 4242.",
        "API requests: 535 so far since",
    ] {
        assert!(page.contains(needle), "no {needle:?} in {page}");
    }
    assert!(page.contains(&format!("Total {total}")), "{page}");
    check_page(&c, &axe, "next-invoice", &mut report).await;

    // A past invoice explained, from the invoices list.
    let invoice = s
        .stack
        .stripe_get(&format!(
            "/v1/invoices/{}",
            s.sub["latest_invoice"].as_str().expect("an invoice")
        ))
        .await;
    let number = invoice["number"].as_str().expect("an invoice number");
    click(&c, Locator::LinkText("Invoices")).await;
    wait_for_path(&c, "/portal/invoices").await;
    click(&c, Locator::LinkText(number)).await;
    wait_for_path(&c, &format!("/portal/invoices/{}", id(&invoice))).await;
    let page = text(&c).await;
    for needle in [
        format!("Invoice {number}"),
        "Paid".to_owned(),
        format!("Total {}", usd(&invoice["total"])),
        format!("Amount paid {}", usd(&invoice["amount_paid"])),
        "Download PDF".to_owned(),
    ] {
        assert!(page.contains(&needle), "no {needle:?} in {page}");
    }
    check_page(&c, &axe, "invoice", &mut report).await;
    c.close().await.expect("closing the browser");
    assert!(
        report.is_empty(),
        "accessibility violations:\n{}",
        report.join("\n")
    );
}
