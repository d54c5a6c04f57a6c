//! The portal in headless Chromium, through the gateway with every function running: sign
//! in from a session URL, read the overview and invoices, reuse the URL (410), sign in
//! with JavaScript disabled, and no serious accessibility violations on those pages.

use fantoccini::Locator;
use tests::browser::{axe_source, axe_violations, click, screenshot, text, wait_for_path, Driver};
use tests::fixture::TestEnv;
use tests::stack::Stack;

/// A stack with a customer on a $29/month "Pro" plan; returns (stack, customer, subscription).
async fn subscribed() -> (Stack, String, String) {
    let stack = TestEnv::new().await.stack().await;
    let customer = stack
        .customer_with_card("Ada Lovelace", "ada@example.test")
        .await;
    let price = stack.price("Pro", "2900").await;
    let sub = stack.subscribe(&customer, &[&price]).await;
    let sub = sub["id"].as_str().expect("subscription id").to_owned();
    (stack, customer, sub)
}

#[tokio::test]
async fn a_customer_signs_in_reads_the_overview_and_invoices_and_cannot_reuse_the_link() {
    let (stack, customer, _) = subscribed().await;
    let url = stack.portal_url(&customer, "overview", None).await;

    let mut driver = Driver::start().await;
    let c = driver.browser(true).await;
    c.goto(&url).await.unwrap();
    wait_for_path(&c, "/portal").await;
    let overview = text(&c).await;
    assert!(overview.contains("Pro"), "{overview}");
    assert!(overview.contains("$29.00 per month"), "{overview}");
    assert!(overview.contains("Next invoice on "), "{overview}");
    assert!(overview.contains("Visa ending in 4242"), "{overview}");
    screenshot(&c, "overview", 1280).await;
    screenshot(&c, "overview", 375).await;

    c.set_window_size(1280, 900).await.unwrap();
    click(&c, Locator::LinkText("Invoices")).await;
    wait_for_path(&c, "/portal/invoices").await;
    // PDF links go through the portal (the download is counted), which redirects to
    // Stripe's file: following one in the signed-in browser lands on the stand-in.
    let pdf = c
        .find(Locator::Css("a[href$='/pdf']"))
        .await
        .expect("a PDF link")
        .prop("href")
        .await
        .unwrap()
        .expect("an href");
    assert!(
        pdf.starts_with(&format!("{}/portal/invoices/", stack.base_url())),
        "{pdf}"
    );
    screenshot(&c, "invoices", 1280).await;
    screenshot(&c, "invoices", 375).await;
    c.goto(&pdf).await.unwrap();
    let landed = c.current_url().await.unwrap();
    assert!(
        landed.as_str().starts_with(stack.stripe_base()),
        "the PDF link led to {landed}"
    );

    // The same session URL again: spent.
    c.goto(&url).await.unwrap();
    let gone = text(&c).await;
    assert!(gone.contains("This link is no longer valid"), "{gone}");
    assert!(gone.contains("Email me a new link"));
    screenshot(&c, "gone", 1280).await;
    c.close().await.unwrap();
}

#[tokio::test]
async fn with_javascript_disabled_the_landing_button_signs_in() {
    let (stack, customer, _) = subscribed().await;
    let url = stack.portal_url(&customer, "overview", None).await;

    let mut driver = Driver::start().await;
    let c = driver.browser(false).await;
    c.goto(&url).await.unwrap();
    // No script runs: the landing page stays, and its button (single-use link unspent)
    // signs in; had a script submitted the form, there would be no button to click.
    assert!(c
        .current_url()
        .await
        .unwrap()
        .path()
        .starts_with("/portal/s/"));
    click(&c, Locator::Css("#signin button")).await;
    wait_for_path(&c, "/portal").await;
    assert!(text(&c).await.contains("Visa ending in 4242"));
    c.close().await.unwrap();
}

#[tokio::test]
async fn overview_invoices_cancel_and_410_pages_have_no_serious_accessibility_violations() {
    let axe = axe_source();
    let (stack, customer, sub) = subscribed().await;
    let cancel_path = format!("/portal/subscriptions/{sub}/cancel");
    let url = stack.portal_url(&customer, "overview", None).await;
    let base = stack.base_url();

    let mut driver = Driver::start().await;
    let c = driver.browser(true).await;
    let mut report = Vec::new();
    c.goto(&url).await.unwrap();
    wait_for_path(&c, "/portal").await;
    for width in [1280, 375] {
        c.set_window_size(width, 900).await.unwrap();
        for path in ["/portal", "/portal/invoices", cancel_path.as_str()] {
            c.goto(&format!("{base}{path}")).await.unwrap();
            for v in axe_violations(&c, &axe).await {
                report.push(format!("{path} @{width}px: {v}"));
            }
        }
    }
    c.goto(&url).await.unwrap();
    assert!(text(&c).await.contains("This link is no longer valid"));
    for v in axe_violations(&c, &axe).await {
        report.push(format!("410: {v}"));
    }
    c.close().await.unwrap();
    assert!(
        report.is_empty(),
        "accessibility violations:\n{}",
        report.join("\n")
    );
}
