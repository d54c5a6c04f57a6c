//! Measure what matters, end to end: 30 portal sessions through the gateway with every
//! function running (some download or open invoices, change the card, the plan or the
//! billing details, cancel, renew, pause and resume, click "Contact support", some never
//! act; one takes the pause offered for its cancel reason), 10 billing tickets from the tenant's helpdesk, then the clock moves past the
//! sessions' lifetime and `GET /v1/metrics` must show every counter and both rates exactly.

use std::sync::Arc;

use reqwest::redirect::Policy;
use serde_json::{json, Value};
use shared::clock::Clock;
use shared::metrics::{day_of, format_day};
use tests::fixture::TestEnv;
use tests::stack::{Stack, TestClock};

const SUPPORT_URL: &str = "https://help.acme.test/billing";
const DAY: i64 = 24 * 3600;

/// A customer of the tenant: card, a subscription to "Basic", its first invoice.
struct Customer {
    id: String,
    sub: String,
    item: String,
    invoice: String,
}

/// A browser-like client signed in to one portal session (cookies kept, no redirects
/// followed: the test checks each).
struct Session {
    http: reqwest::Client,
    base: String,
}

impl Session {
    async fn start(stack: &Stack, customer: &str) -> Session {
        let url = stack.portal_url(customer, "overview", None).await;
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(Policy::none())
            .build()
            .expect("a client");
        let res = http
            .post(&url)
            .header("Sec-Fetch-Site", "same-origin")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body("")
            .send()
            .await
            .expect("signing in");
        assert_eq!(res.status(), 303, "sign-in answers 303");
        Session {
            http,
            base: stack.base_url(),
        }
    }

    async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("calling the portal")
    }

    async fn page(&self, path: &str) -> String {
        let res = self.get(path).await;
        assert_eq!(res.status(), 200, "GET {path}");
        res.text().await.expect("a page")
    }

    /// A form POST from one of our pages; the answer's `Location`.
    async fn post(&self, path: &str, form: &[(&str, &str)]) -> String {
        let res = self
            .http
            .post(format!("{}{path}", self.base))
            .header("Sec-Fetch-Site", "same-origin")
            .form(form)
            .send()
            .await
            .expect("posting to the portal");
        assert_eq!(res.status(), 303, "POST {path}");
        location(&res)
    }

    /// Follows a counted link out of the portal; where it leads.
    async fn leave_by(&self, path: &str) -> String {
        let res = self.get(path).await;
        assert_eq!(res.status(), 303, "GET {path}");
        location(&res)
    }
}

fn location(res: &reqwest::Response) -> String {
    res.headers()["location"]
        .to_str()
        .expect("a Location")
        .to_owned()
}

/// The value of the hidden field `name` on a page.
fn hidden(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let at = page
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} field on the page"))
        + marker.len();
    page[at..at + page[at..].find('"').expect("a closing quote")].to_owned()
}

async fn new_customer(stack: &Stack, n: usize, price: &str) -> Customer {
    let id = stack
        .customer_with_card(&format!("Customer {n}"), &format!("c{n}@example.test"))
        .await;
    let sub = stack.subscribe(&id, &[price]).await;
    let invoice = match &sub["latest_invoice"] {
        Value::String(s) => s.clone(),
        other => other["id"].as_str().expect("an invoice").to_owned(),
    };
    Customer {
        id,
        sub: sub["id"].as_str().expect("a subscription").to_owned(),
        item: sub["items"]["data"][0]["id"]
            .as_str()
            .expect("an item")
            .to_owned(),
        invoice,
    }
}

async fn download_invoice(s: &Session, c: &Customer) {
    let to = s
        .leave_by(&format!("/portal/invoices/{}/pdf", c.invoice))
        .await;
    assert!(to.starts_with("http"), "to Stripe's PDF: {to}");
}

async fn change_card(stack: &Stack, s: &Session) {
    let page = s.page("/portal/payment-method").await;
    let checkout = s
        .post(
            "/portal/payment-method",
            &[
                ("csrf", &hidden(&page, "csrf")),
                ("nonce", &hidden(&page, "nonce")),
            ],
        )
        .await;
    assert!(
        checkout.starts_with(stack.stripe_base()),
        "to Checkout: {checkout}"
    );
    // "Complete" on the stand-in's Checkout page, which sends the browser back.
    let res = reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .expect("a client")
        .post(format!("{checkout}/complete"))
        .form(&[("card", "tok_mastercard")])
        .send()
        .await
        .expect("completing Checkout");
    assert_eq!(res.status(), 303);
    let back = location(&res);
    let path = back
        .strip_prefix(&s.base)
        .unwrap_or_else(|| panic!("Checkout returns to the portal: {back}"));
    let res = s.get(path).await;
    assert!(
        res.status().is_success() || res.status() == 303,
        "{}",
        res.status()
    );
}

async fn change_plan(s: &Session, c: &Customer, to_price: &str) {
    let path = format!("/portal/subscriptions/{}/update", c.sub);
    let page = s
        .page(&format!("{path}?item={}&price={to_price}", c.item))
        .await;
    let to = s
        .post(
            &path,
            &[
                ("csrf", &hidden(&page, "csrf")),
                ("nonce", &hidden(&page, "nonce")),
                ("item", &c.item),
                ("price", to_price),
            ],
        )
        .await;
    assert_eq!(to, "/portal", "the plan change went through");
}

/// Cancel, pause, renew or resume from the page its button is on.
async fn subscription_action(s: &Session, c: &Customer, action: &str) {
    let (action, reason) = action.split_once(':').unwrap_or((action, ""));
    let page = match action {
        "cancel" | "pause" => format!("/portal/subscriptions/{}/cancel", c.sub),
        _ => "/portal".to_owned(),
    };
    let page = s.page(&page).await;
    let mut form = vec![
        ("csrf", hidden(&page, "csrf")),
        ("nonce", hidden(&page, "nonce")),
    ];
    match action {
        "cancel" => form.push(("reason", reason.to_owned())),
        "pause" => form.push(("days", "30".to_owned())),
        _ => {}
    }
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let to = s
        .post(&format!("/portal/subscriptions/{}/{action}", c.sub), &form)
        .await;
    assert_eq!(to, "/portal", "{action} went through");
}

/// The cancel page's reason step: `reason` given, its offer shown, then taken (a pause).
async fn take_pause_offer(s: &Session, c: &Customer, reason: &str) {
    let cancel = format!("/portal/subscriptions/{}/cancel", c.sub);
    let page = s.page(&cancel).await;
    let to = s
        .post(
            &format!("{cancel}/reason"),
            &[
                ("csrf", &hidden(&page, "csrf")),
                ("nonce", &hidden(&page, "nonce")),
                ("reason", reason),
            ],
        )
        .await;
    assert_eq!(to, format!("{cancel}?reason={reason}"));
    let page = s.page(&to).await;
    assert!(
        page.contains("id=\"accept-offer\""),
        "the pause offer: {page}"
    );
    assert!(
        page.contains("id=\"cancel-anyway\""),
        "beside Cancel anyway: {page}"
    );
    let to = s
        .post(
            &format!("/portal/subscriptions/{}/offer", c.sub),
            &[
                ("csrf", &hidden(&page, "csrf")),
                ("nonce", &hidden(&page, "nonce")),
                ("reason", reason),
                ("days", "30"),
            ],
        )
        .await;
    assert_eq!(
        to, "/portal?notice=offer_applied",
        "the pause offer was taken"
    );
}

async fn update_billing_details(s: &Session) {
    let page = s.page("/portal/billing-details").await;
    let to = s
        .post(
            "/portal/billing-details",
            &[
                ("csrf", &hidden(&page, "csrf")),
                ("nonce", &hidden(&page, "nonce")),
                ("email", "billing@customer.test"),
                ("name", "Customer Eleven Ltd"),
                ("line1", "1 High Street"),
                ("city", "London"),
                ("postal_code", "SW1A 1AA"),
                ("country", "gb"),
                ("tax_type", ""),
            ],
        )
        .await;
    assert_eq!(to, "/portal/billing-details?saved=1");
}

async fn report_tickets(stack: &Stack, body: &Value) -> Value {
    let res = stack
        .http
        .post(format!("{}/v1/support_tickets", stack.base_url()))
        .bearer_auth(&stack.tenant.api_key)
        .json(body)
        .send()
        .await
        .expect("calling the gateway");
    assert_eq!(res.status(), 201);
    res.json().await.expect("JSON")
}

async fn metrics(stack: &Stack, from: &str, to: &str) -> Value {
    let res = stack
        .http
        .get(format!(
            "{}/v1/metrics?from={from}&to={to}",
            stack.base_url()
        ))
        .bearer_auth(&stack.tenant.api_key)
        .send()
        .await
        .expect("calling the gateway");
    assert_eq!(res.status(), 200);
    res.json().await.expect("JSON")
}

#[tokio::test]
async fn thirty_sessions_and_ten_tickets_add_up_to_exact_counters_and_rates() {
    let clock = TestClock::now();
    let mut stack = TestEnv::new()
        .await
        .stack_with(Some(clock.clone() as Arc<dyn Clock>))
        .await;
    let basic = stack.price("Basic", "1000").await;
    let pro = stack.price("Pro", "2900").await;
    let (b, p) = (basic.clone(), pro.clone());
    stack
        .update_project(|project| {
            project.support_url = Some(SUPPORT_URL.parse().unwrap());
            project.allowed_prices = vec![b.parse().unwrap(), p.parse().unwrap()];
            project.pause_offered = true;
            project.reason_survey = true;
            project.custom_reasons =
                shared::offers::CustomReason::parse_list("moving=Moving abroad").unwrap();
            project.offers = shared::offers::OfferRule::parse_list("unused=pause").unwrap();
        })
        .await;
    let mut customers = Vec::new();
    for n in 0..30 {
        customers.push(new_customer(&stack, n, &basic).await);
    }
    let start = clock.now();

    // Two links minted and never opened: minted, not redeemed.
    for c in &customers[28..30] {
        stack.portal_url(&c.id, "overview", None).await;
    }
    let mut sessions = Vec::new();
    for c in &customers {
        let s = Session::start(&stack, &c.id).await;
        // Everyone lands on the overview first.
        s.page("/portal").await;
        sessions.push(s);
    }
    // 0-5 download an invoice; 0 downloads it twice and opens its hosted page too.
    for (s, c) in sessions[0..6].iter().zip(&customers[0..6]) {
        download_invoice(s, c).await;
    }
    download_invoice(&sessions[0], &customers[0]).await;
    let hosted = sessions[0]
        .leave_by(&format!("/portal/invoices/{}/view", customers[0].invoice))
        .await;
    assert!(hosted.starts_with("http"));
    // 6-8 change their card through Checkout.
    for s in &sessions[6..9] {
        change_card(&stack, s).await;
    }
    // 9-11 switch to Pro; 11 also corrects the billing address.
    for (s, c) in sessions[9..12].iter().zip(&customers[9..12]) {
        change_plan(s, c, &pro).await;
    }
    update_billing_details(&sessions[11]).await;
    // 12-14 cancel; 12 thinks again and renews; 15 pauses instead, then resumes.
    for (s, c) in sessions[12..15].iter().zip(&customers[12..15]) {
        let reason = if c.id == customers[13].id {
            "moving"
        } else {
            "too_expensive"
        };
        subscription_action(s, c, &format!("cancel:{reason}")).await;
    }
    subscription_action(&sessions[12], &customers[12], "renew").await;
    // 15 says it does not use the plan, takes the pause offered for that, then resumes;
    // 13 gives a reason of the tenant's own before cancelling.
    take_pause_offer(&sessions[15], &customers[15], "unused").await;
    subscription_action(&sessions[15], &customers[15], "resume").await;
    // 16-19 click "Contact support" (17 twice); 16 then downloads an invoice after all.
    for s in &sessions[16..20] {
        assert_eq!(s.leave_by("/portal/support").await, SUPPORT_URL);
    }
    assert_eq!(sessions[17].leave_by("/portal/support").await, SUPPORT_URL);
    download_invoice(&sessions[16], &customers[16]).await;
    // 20-29 look around and leave without acting.
    for s in &sessions[20..30] {
        s.page("/portal/invoices").await;
    }

    // Ten billing tickets: three from customers fresh from the portal (16 escalated,
    // 20 did nothing, 12 cancelled), two from customers who never opened it, three
    // without a customer, one from 21 opened two days before the session, and one
    // for 25 opened 25 h after its session.
    let later = clock.now() + time::Duration::hours(1);
    clock.advance(2 * 3600);
    let batch = report_tickets(
        &stack,
        &json!({"tickets": [
            {"category": "invoices", "customer": customers[16].id},
            {"category": "other", "customer": customers[20].id,
             "created": later.unix_timestamp()},
            {"category": "cancellation", "customer": customers[12].id},
            {"category": "payment_method", "customer": "cus_neverportal1"},
            {"category": "plan", "customer": "cus_neverportal2"},
            {"category": "invoices"},
        ]}),
    )
    .await;
    assert_eq!(batch["tickets"], 6);
    assert_eq!(batch["portal_then_ticket"], 3);
    for body in [
        json!({"category": "billing_details"}),
        json!({"category": "other"}),
        json!({"category": "invoices", "customer": customers[21].id,
               "created": (start - time::Duration::days(2)).unix_timestamp()}),
    ] {
        let one = report_tickets(&stack, &body).await;
        assert_eq!(
            (one["tickets"].as_i64(), one["portal_then_ticket"].as_i64()),
            (Some(1), Some(0))
        );
    }
    let from = format_day(day_of(start - time::Duration::days(2)));
    // Before the sessions' lifetime is over, abandoned is not known for their day.
    let open = metrics(&stack, &from, &format_day(day_of(clock.now()))).await;
    let start_day = format_day(day_of(start));
    let day_of_start = |m: &Value| -> Value {
        m["days"]
            .as_array()
            .expect("days")
            .iter()
            .find(|d| d["date"] == start_day.as_str())
            .expect("the sessions' day")
            .clone()
    };
    // (The clock is 2 h past the sessions: their day plus 4 h has not ended.)
    assert_eq!(day_of_start(&open)["abandoned"], Value::Null);
    assert_eq!(day_of_start(&open)["redeemed"], 30);
    assert_eq!(open["totals"]["abandoned"], 0);
    assert!(open["totals"]["abandoned_pending_days"].as_i64() >= Some(1));

    clock.advance(23 * 3600);
    let late = report_tickets(
        &stack,
        &json!({"category": "plan", "customer": customers[25].id}),
    )
    .await;
    assert_eq!(late["portal_then_ticket"], 0, "25 h after the session");

    // Past the end of the sessions' day plus the longest session (4 h by default).
    clock.advance(2 * DAY);
    let to = format_day(day_of(clock.now()));
    let m = metrics(&stack, &from, &to).await;
    assert_eq!(m["object"], "metrics");
    assert_eq!(m["project"], stack.tenant.project.id.as_str());
    let t = &m["totals"];
    let expect = [
        ("minted", 32),
        ("redeemed", 30),
        ("completed", 17),
        ("escalated", 4),
        ("abandoned", 10),
        ("self_served_jobs", 22),
        ("tickets", 10),
        ("portal_then_ticket", 3),
    ];
    for (name, value) in expect {
        assert_eq!(t[name], value, "totals.{name} in {t}");
    }
    let jobs = [
        ("invoice_downloaded", 8),
        ("invoice_opened", 1),
        ("payment_method_updated", 3),
        ("plan_changed", 3),
        ("billing_details_updated", 1),
        ("cancelled", 3),
        ("paused", 1),
        ("renewed", 1),
        ("resumed", 1),
    ];
    for (job, value) in jobs {
        assert_eq!(t["jobs"][job], value, "totals.jobs.{job} in {t}");
    }
    for (category, value) in [
        ("invoices", 3),
        ("payment_method", 1),
        ("plan", 2),
        ("cancellation", 1),
        ("billing_details", 1),
        ("other", 2),
    ] {
        assert_eq!(
            t["tickets_by_category"][category], value,
            "{category} in {t}"
        );
    }
    // The cancel funnel: 12-15 opened the cancel page; 12 and 14 (too expensive) and 13
    // (a reason of the tenant's own) cancelled from it, 15 gave its reason, was offered a
    // pause and took it. 12 renewed later, but it did cancel: one session saved of four.
    let f = &t["cancel_funnel"];
    assert_eq!(f["cancel_page_opened"], 4, "{f}");
    assert_eq!(f["reason_given"], 4, "{f}");
    assert_eq!(
        f["reasons"],
        json!({"too_expensive": 2, "moving": 1, "unused": 1})
    );
    assert_eq!(f["offer_shown"], 1, "{f}");
    // Every kind is listed, so a dashboard's columns do not come and go.
    let pause_only = json!({"coupon": 0, "downgrade": 0, "pause": 1, "support": 0});
    assert_eq!(f["offers_shown"], pause_only);
    assert_eq!(f["offers_accepted"], pause_only);
    assert_eq!(f["cancelled"], 3, "{f}");
    assert_eq!(f["save_rate"], 0.25, "{f}");
    assert_eq!(
        day_of_start(&m)["cancel_funnel"],
        *f,
        "one day holds them all"
    );
    assert_eq!(t["completion_rate"], 17.0 / 30.0);
    assert_eq!(t["deflection_rate"], 22.0 / 32.0);
    // The sessions' day is settled now: its abandoned count is final.
    // (The test clock stood still while the sessions ran: they all share one day.)
    let d = day_of_start(&m);
    assert_eq!(d["abandoned"], 10);
    assert_eq!(d["redeemed"], 30);
    assert_eq!(d["completed"], 17);
    assert_eq!(d["completion_rate"], 17.0 / 30.0);
    // The ticket opened two days before the sessions counts on its own day.
    let first = &m["days"][0];
    assert_eq!(first["date"], from.as_str());
    assert_eq!(first["tickets"], 1);
}
