//! Changing plan in headless Chromium through the gateway: an upgrade with its preview,
//! confirmed in one click, and a downgrade scheduled for the period end.

use fantoccini::{Client, Locator};
use serde_json::Value;
use shared::i18n::Catalogue;
use shared::project::{DowngradeTiming, ProrationBehavior};
use tests::browser::{axe_source, axe_violations, click, screenshot, text, wait_for_path, Driver};
use tests::fixture::TestEnv;
use tests::stack::Stack;

/// A tenant offering Starter ($10) and Pro ($29) a month, and a customer on `start`.
struct Plans {
    stack: Stack,
    customer: String,
    sub: String,
    starter: String,
    pro: String,
}

impl Plans {
    async fn new(start_on_pro: bool, edit: impl FnOnce(&mut shared::project::Project)) -> Plans {
        let mut stack = TestEnv::new().await.stack().await;
        let starter = stack.price("Starter", "1000").await;
        let pro = stack.price("Pro", "2900").await;
        let (a, b) = (starter.clone(), pro.clone());
        stack
            .update_project(|p| {
                p.allowed_prices = vec![a.parse().unwrap(), b.parse().unwrap()];
                edit(p);
            })
            .await;
        let customer = stack
            .customer_with_card("Ada Lovelace", "ada@example.test")
            .await;
        let first = if start_on_pro { &pro } else { &starter };
        let sub = stack.subscribe(&customer, &[first]).await;
        let sub = sub["id"].as_str().expect("subscription id").to_owned();
        Plans {
            stack,
            customer,
            sub,
            starter,
            pro,
        }
    }

    fn update_path(&self) -> String {
        format!("/portal/subscriptions/{}/update", self.sub)
    }

    async fn subscription(&self) -> Value {
        self.stack
            .stripe_get(&format!("/v1/subscriptions/{}", self.sub))
            .await
    }
}

fn period_end(sub: &Value) -> i64 {
    sub["items"]["data"][0]["current_period_end"]
        .as_i64()
        .expect("current_period_end")
}

/// The amount in cents right after `label` in `page`.
fn cents_after(page: &str, label: &str) -> i64 {
    let at = page
        .find(label)
        .unwrap_or_else(|| panic!("no {label:?} in {page}"))
        + label.len();
    let digits: String = page[at..]
        .trim_start_matches('$')
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let (whole, frac) = digits.split_once('.').expect("an amount with cents");
    whole.parse::<i64>().expect("dollars") * 100 + frac[..2].parse::<i64>().expect("cents")
}

/// Picks `price` on the plan page and asks what changes (the GET form).
async fn choose(c: &Client, p: &Plans, price: &str) {
    click(c, Locator::Css(&format!("label[for='price-{price}']"))).await;
    click(
        c,
        Locator::XPath("//button[normalize-space()='See what changes']"),
    )
    .await;
    wait_for_path(c, &p.update_path()).await;
}

async fn no_serious_violations(c: &Client, name: &str) {
    let axe = axe_source();
    for width in [1280, 375] {
        screenshot(c, name, width).await;
        let violations = axe_violations(c, &axe).await;
        assert!(
            violations.is_empty(),
            "{name} at {width} px: {violations:?}"
        );
    }
    c.set_window_size(1280, 900).await.expect("resizing");
}

#[tokio::test]
async fn a_customer_upgrades_after_seeing_the_preview_and_sees_the_new_plan() {
    let p = Plans::new(false, |pr| {
        pr.proration_behavior = ProrationBehavior::AlwaysInvoice;
    })
    .await;
    let mut driver = Driver::start().await;
    let c = driver.browser(true).await;
    let url = p.stack.portal_url(&p.customer, "overview", None).await;
    c.goto(&url).await.expect("opening the portal URL");
    wait_for_path(&c, "/portal").await;

    click(&c, Locator::LinkText("Change plan")).await;
    wait_for_path(&c, &p.update_path()).await;
    let page = text(&c).await;
    assert!(page.contains("(current plan)"), "{page}");
    no_serious_violations(&c, "plan").await;

    choose(&c, &p, &p.pro).await;
    let preview = text(&c).await;
    assert!(preview.contains("From Starter to Pro"), "{preview}");
    // Nearly a whole month of the $19 difference, charged at once.
    let due = cents_after(&preview, "Charged today: ");
    assert!(
        (1880..=1900).contains(&due),
        "charged today {due}: {preview}"
    );
    no_serious_violations(&c, "plan-preview").await;

    click(&c, Locator::Css("button#confirm-change")).await;
    wait_for_path(&c, "/portal").await;
    let overview = text(&c).await;
    assert!(overview.contains("Pro"), "{overview}");
    // The next invoice is Stripe's own preview of the new plan.
    let next = p
        .stack
        .stripe_post(
            "/v1/invoices/create_preview",
            &[("customer", &p.customer), ("subscription", &p.sub)],
        )
        .await;
    let total = next["total"].as_i64().expect("a preview total");
    assert_eq!(total, 2900, "{next}");
    let total = Catalogue::english().format_money(total, "usd");
    assert!(
        overview.contains(&format!(": {total}")) && overview.contains("Next invoice on "),
        "{overview}"
    );
    let sub = p.subscription().await;
    assert_eq!(sub["items"]["data"][0]["price"]["id"], p.pro.as_str());
    let invoice = p
        .stack
        .stripe_get(&format!(
            "/v1/invoices/{}",
            sub["latest_invoice"].as_str().expect("an invoice")
        ))
        .await;
    let charged = invoice["amount_due"].as_i64().expect("amount_due");
    assert!(
        (charged - due).abs() <= 1,
        "previewed {due}, charged {charged}"
    );
}

#[tokio::test]
async fn a_downgrade_at_period_end_is_shown_as_scheduled_without_javascript() {
    let p = Plans::new(true, |pr| {
        pr.downgrade_timing = DowngradeTiming::PeriodEnd;
    })
    .await;
    let date = Catalogue::english().format_date(period_end(&p.subscription().await));
    let mut driver = Driver::start().await;
    let c = driver.browser(false).await;
    // The subscription_update deep link lands on the plan page.
    let url = p
        .stack
        .portal_url(&p.customer, "subscription_update", Some(&p.sub))
        .await;
    c.goto(&url).await.expect("opening the portal URL");
    click(&c, Locator::Css("form#signin button")).await;
    wait_for_path(&c, &p.update_path()).await;

    choose(&c, &p, &p.starter).await;
    let preview = text(&c).await;
    assert!(preview.contains("Nothing is charged today."), "{preview}");
    assert!(
        preview.contains(&format!("Your plan changes to Starter on {date}")),
        "{preview}"
    );
    assert_eq!(
        cents_after(&preview, &format!("Next invoice on {date}: ")),
        1000
    );

    click(&c, Locator::Css("button#confirm-change")).await;
    wait_for_path(&c, "/portal").await;
    let overview = text(&c).await;
    assert!(
        overview.contains(&format!("Changes to Starter on {date}")),
        "{overview}"
    );
    let sub = p.subscription().await;
    assert_eq!(
        sub["items"]["data"][0]["price"]["id"],
        p.pro.as_str(),
        "Pro until the period end"
    );
    assert!(sub["schedule"].is_string(), "{sub}");
}
