//! What the customer is charged, against the stand-in's own money. Every amount the portal
//! shows must be the `total` of Stripe's own `create_preview` (read here through the
//! stand-in, never written down), and a failed preview shows no amount at all.

use http::StatusCode;
use shared::browser_session::{BrowserSessionStore, ReadHint, SessionCookie, UsageHint};
use shared::clock::Clock;
use shared::ids::{MeterId, SubscriptionId};
use shared::project::{ProjectStore, ProrationBehavior};

use crate::charged::{element_text, id, text, usd, Charged};
use crate::stripe_down::{fault, own_standin};
use crate::support::{Setup, World};

#[tokio::test]
async fn the_overview_states_the_total_of_stripes_own_preview_with_its_discount_and_tax() {
    let c = Charged::new().await;
    let preview = c.preview().await;
    // Not the list prices: 20 % off and 8.25 % tax on $29.00 plus 535 × $0.05.
    assert_ne!(preview["total"], 2900 + 535 * 5, "{preview}");
    let date = c.renewal_date().await;
    let got = c.get("/portal").await;
    assert_eq!(got.status, StatusCode::OK);
    let line = element_text(&got.body, &format!("next-invoice-{}", c.sub));
    assert_eq!(
        line,
        format!("Next invoice on {date}: {}", usd(&preview["total"]))
    );
    assert!(
        got.body.contains(&format!(
            "href=\"/portal/subscriptions/{}/next-invoice\"",
            c.sub
        )),
        "the line links to the itemised page"
    );
    let tax = usd(&preview["total_taxes"][0]["amount"]);
    assert!(
        text(&got.body).contains(&format!("Early adopter: 20% off · Sales tax 8.25%: {tax}")),
        "{}",
        got.body
    );
    assert!(!got.body.contains("plus usage"));

    // The second render starts the previews from the session's hint: same figures.
    let again = c.get("/portal").await;
    assert_eq!(
        element_text(&again.body, &format!("next-invoice-{}", c.sub)),
        line
    );
}

#[tokio::test]
async fn the_next_invoice_page_itemises_stripes_preview_with_usage_so_far() {
    let c = Charged::new().await;
    let preview = c.preview().await;
    let date = c.renewal_date().await;
    let got = c
        .get(&format!("/portal/subscriptions/{}/next-invoice", c.sub))
        .await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.body);
    let total = usd(&preview["total"]);
    assert_eq!(
        element_text(&got.body, "next-h"),
        format!("Next invoice on {date}: {total}")
    );
    let page = text(&got.body);
    let usage = preview["lines"]["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["quantity"] == 535)
        .unwrap_or_else(|| panic!("no usage line in {preview}"));
    for needle in [
        "Pro".to_owned(),
        "API requests".to_owned(),
        // The usage line: its quantity and unit price, and Stripe's amount.
        "535".to_owned(),
        "$0.05".to_owned(),
        usd(&usage["amount"]),
        format!("Subtotal{}", usd(&preview["subtotal"])),
        format!(
            "Early adopter: 20% off-{}",
            usd(&preview["total_discount_amounts"][0]["amount"])
        ),
        format!(
            "Sales tax 8.25%{}",
            usd(&preview["total_taxes"][0]["amount"])
        ),
        format!("Total{total}"),
        "It will be charged to your Visa ending in 4242.".to_owned(),
        // Usage so far from the meter, and the preview's estimate of it.
        "API requests: 535 so far since".to_owned(),
        format!("Estimate so far: {}", usd(&usage["amount"])),
    ] {
        assert!(page.contains(&needle), "no {needle:?} in {page}");
    }
    // The tax rate named on the page is the subscription's.
    assert_eq!(
        preview["total_taxes"][0]["tax_rate_details"]["tax_rate"],
        c.tax_rate.as_str()
    );
}

#[tokio::test]
async fn a_failing_preview_says_unavailable_and_shows_no_amount() {
    let standin = own_standin().await;
    let w = World::with(Setup {
        stripe_base: standin.base_url(),
        ..Setup::default()
    })
    .await;
    let c = Charged::on(w).await;
    fault(
        &standin.base_url(),
        serde_json::json!({"path": "/v1/invoices/create_preview", "kind": "status", "status": 500}),
    )
    .await;
    let got = c.get("/portal").await;
    assert_eq!(got.status, StatusCode::OK);
    let line = element_text(&got.body, &format!("next-invoice-{}", c.sub));
    assert_eq!(line, "Next invoice: the amount is unavailable right now.");
    assert!(!line.chars().any(|ch| ch.is_ascii_digit()), "{line}");
    assert!(
        !text(&got.body).contains("Sales tax"),
        "no terms without a preview"
    );
    // The rest of the page is there.
    assert!(got.body.contains("Visa ending in 4242"));

    let page = c
        .get(&format!("/portal/subscriptions/{}/next-invoice", c.sub))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let body = text(&page.body);
    assert!(body.contains("so no amount is shown"), "{body}");
    assert!(!body.contains("Total"), "{body}");
    assert!(!body.contains("Estimate so far"), "{body}");
    // Usage from the meter is still the meter's.
    assert!(body.contains("API requests: 535 so far since"), "{body}");

    let cancel = c
        .get(&format!("/portal/subscriptions/{}/cancel", c.sub))
        .await;
    let not_charged = element_text(&cancel.body, "not-charged");
    assert_eq!(not_charged, "You won't be charged your next invoice.");
}

#[tokio::test]
async fn the_cancel_page_says_the_preview_total_will_not_be_charged() {
    let c = Charged::new().await;
    let preview = c.preview().await;
    let date = c.renewal_date().await;
    let got = c
        .get(&format!("/portal/subscriptions/{}/cancel", c.sub))
        .await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.body);
    assert_eq!(
        element_text(&got.body, "not-charged"),
        format!(
            "You won't be charged your next invoice of {}, due on {date}.",
            usd(&preview["total"])
        )
    );
}

#[tokio::test]
async fn a_subscription_set_to_end_or_emailed_shows_what_applies_to_it() {
    let c = Charged::new().await;
    c.w.stripe(
        &format!("/v1/subscriptions/{}", c.sub),
        &[("cancel_at_period_end", "true")],
    )
    .await;
    let got = c.get("/portal").await;
    assert!(
        !got.body.contains(&format!("id=\"next-invoice-{}\"", c.sub)),
        "no next invoice for a subscription that ends: {}",
        got.body
    );
    assert!(got.body.contains("Cancels on "));
    let page = c
        .get(&format!("/portal/subscriptions/{}/next-invoice", c.sub))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(text(&page.body).contains("will not be invoiced again as it stands"));

    // Invoices emailed to pay: the page says so instead of naming a card.
    let emailed =
        c.w.stripe(
            "/v1/subscriptions",
            &[
                ("customer", &c.customer),
                (
                    "items[0][price]",
                    &c.w.price("Support", "1500", false).await,
                ),
                ("collection_method", "send_invoice"),
                ("days_until_due", "30"),
            ],
        )
        .await;
    let page = c
        .get(&format!(
            "/portal/subscriptions/{}/next-invoice",
            id(&emailed)
        ))
        .await;
    let body = text(&page.body);
    assert!(
        body.contains("We will email you an invoice to pay."),
        "{body}"
    );
    assert!(!body.contains("Visa ending in 4242"), "{body}");
}

#[tokio::test]
async fn another_customers_subscription_has_no_next_invoice_page() {
    let c = Charged::new().await;
    let other = c.w.customer_with_card("Bob").await;
    let price = c.w.price("Pro", "2900", false).await;
    let theirs = c.w.subscribe(&other, &[&price]).await;
    for path in [
        format!("/portal/subscriptions/{}/next-invoice", id(&theirs)),
        "/portal/subscriptions/sub_nope/next-invoice".to_owned(),
    ] {
        let got = c.get(&path).await;
        assert_eq!(got.status, StatusCode::NOT_FOUND, "{path}");
        assert!(!got.body.contains("Bob"));
    }
}

#[tokio::test]
async fn the_overview_follows_the_subscription_list_not_the_remembered_previews() {
    let c = Charged::new().await;
    // The first render remembers the subscription on the session.
    assert!(c
        .get("/portal")
        .await
        .body
        .contains(&format!("id=\"next-invoice-{}\"", c.sub)));
    // Then it is set to end, and a new subscription starts.
    c.w.stripe(
        &format!("/v1/subscriptions/{}", c.sub),
        &[("cancel_at_period_end", "true")],
    )
    .await;
    let price = c.w.price("Support", "1500", false).await;
    let second = c.w.subscribe(&c.customer, &[&price]).await;
    let expected =
        c.w.stripe(
            "/v1/invoices/create_preview",
            &[("customer", &c.customer), ("subscription", id(&second))],
        )
        .await;
    let got = c.get("/portal").await;
    assert!(!got.body.contains(&format!("id=\"next-invoice-{}\"", c.sub)));
    let line = element_text(&got.body, &format!("next-invoice-{}", id(&second)));
    assert!(line.ends_with(&usd(&expected["total"])), "{line}");
}

#[tokio::test]
async fn a_plan_change_quotes_stripes_next_invoice_with_discount_and_tax() {
    let c = Charged::new().await;
    let plus = c.w.price("Pro Plus", "4900", false).await;
    let sub = c.subscription().await;
    let item = sub["items"]["data"][0]["id"].as_str().unwrap().to_owned();
    let pro = sub["items"]["data"][0]["price"]["id"].as_str().unwrap();
    let mut project = c.w.project.clone();
    project.allowed_prices = [pro, plus.as_str()]
        .iter()
        .map(|p| p.parse().unwrap())
        .collect();
    project.proration_behavior = ProrationBehavior::AlwaysInvoice;
    ProjectStore::new(c.w.table.clone())
        .update(&project)
        .await
        .unwrap();
    c.w.app.forget_kept_projects();
    // Invoiced now: the next invoice is the renewal on the new plan, as Stripe previews it.
    let expected =
        c.w.stripe(
            "/v1/invoices/create_preview",
            &[
                ("customer", &c.customer),
                ("subscription", &c.sub),
                ("subscription_details[items][0][id]", &item),
                ("subscription_details[items][0][price]", &plus),
                ("subscription_details[items][0][quantity]", "1"),
                ("subscription_details[proration_behavior]", "none"),
            ],
        )
        .await;
    assert_ne!(expected["total"], 4900 + 535 * 5, "{expected}");
    let date = c.renewal_date().await;
    let got = c
        .get(&format!(
            "/portal/subscriptions/{}/update?item={item}&price={plus}",
            c.sub
        ))
        .await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.body);
    assert_eq!(
        element_text(&got.body, "next-invoice"),
        format!("Next invoice on {date}: {}", usd(&expected["total"]))
    );
    assert_eq!(
        element_text(&got.body, "next-invoice-terms"),
        format!(
            "Early adopter: 20% off · Sales tax 8.25%: {}",
            usd(&expected["total_taxes"][0]["amount"])
        )
    );
    // Today's proration invoice is taxed too.
    assert!(element_text(&got.body, "due-now-terms").contains("Sales tax 8.25%"));
}

/// The session's read hint lets the next-invoice page read a meter with the subscription
/// list; a hint gone stale (an older period's window, a meter no longer on the plan) is read
/// again after the list, the figure shown is the current period's, and the hint is
/// corrected for the next visit.
#[tokio::test]
async fn a_stale_meter_hint_is_read_again_and_corrected() {
    let c = Charged::new().await;
    let sessions = BrowserSessionStore::new(c.w.table.clone());
    let value = c.cookie.split_once('=').expect("name=value").1;
    let cookie = SessionCookie::parse(value).expect("the session cookie");
    let resume = || async {
        sessions
            .resume(&cookie, c.w.clock.now())
            .await
            .unwrap()
            .expect("a live session")
    };
    let sub = SubscriptionId::parse(&c.sub).unwrap();
    let session = resume().await;
    // Sign-in listed the subscriptions and hinted the metered item's meter and period.
    let right: Vec<UsageHint> = session.hint.usage_of(&sub).cloned().collect();
    assert_eq!(right.len(), 1, "{:?}", session.hint);
    assert_eq!(session.hint.previews, vec![sub.clone()]);

    // An older period of the same meter (its usage is none of this period's).
    let old_period = UsageHint {
        start: right[0].start - 62 * 86_400,
        end: right[0].start - 31 * 86_400,
        ..right[0].clone()
    };
    let gone = UsageHint {
        meter: MeterId::parse("mtr_gone").unwrap(),
        ..right[0].clone()
    };
    let stale = ReadHint {
        previews: session.hint.previews.clone(),
        usage: vec![old_period, gone],
        plans: session.hint.plans.clone(),
    };
    sessions.remember_hint(&session, &stale).await.unwrap();
    assert_eq!(resume().await.hint, stale);

    let got = c
        .get(&format!("/portal/subscriptions/{}/next-invoice", c.sub))
        .await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.body);
    let page = text(&got.body);
    assert!(page.contains("API requests: 535 so far since"), "{page}");
    assert_eq!(
        resume()
            .await
            .hint
            .usage_of(&sub)
            .cloned()
            .collect::<Vec<_>>(),
        right
    );
}
