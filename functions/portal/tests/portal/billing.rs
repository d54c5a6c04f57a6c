//! Updating the card through Checkout (setup mode) and editing billing details.

use http::{Method, StatusCode};
use serde_json::Value;
use shared::clock::Clock;
use shared::ids::Flow;
use shared::metrics::emf::Emf;
use shared::metrics::{day_of, Job, MetricsStore};
use shared::project::BillingField;

use crate::support::{Got, Setup, World};

struct Signed {
    w: World,
    cookie: String,
    customer: String,
    sub: String,
}

async fn signed_in(setup: Setup) -> Signed {
    let w = World::with(setup).await;
    let customer = w.customer_with_card("Jo").await;
    let price = w.price("Pro", "1200", false).await;
    let sub = w.subscribe(&customer, &[&price]).await;
    let sub = sub["id"].as_str().unwrap().to_owned();
    let cookie = w.sign_in(&customer).await;
    Signed {
        w,
        cookie,
        customer,
        sub,
    }
}

/// `csrf=…&nonce=…` of the form posting to `action` on `page`.
fn form_of(page: &Got, action: &str) -> String {
    let at = page
        .body
        .find(&format!("action=\"{action}\""))
        .unwrap_or_else(|| panic!("no form to {action} in {}", page.body));
    let rest = &page.body[at..];
    let field = |name: &str| {
        let key = format!("name=\"{name}\" value=\"");
        let i = rest.find(&key).unwrap() + key.len();
        rest[i..i + rest[i..].find('"').unwrap()].to_owned()
    };
    format!("csrf={}&nonce={}", field("csrf"), field("nonce"))
}

/// Today's count of `job` for the world's project.
async fn jobs_today(w: &World, job: Job) -> i64 {
    let day = day_of(w.clock.now());
    let store = MetricsStore::new(w.table.clone(), Emf::memory("test").0);
    let rows = store.read(&w.project.id, day, day).await.unwrap();
    rows.into_iter()
        .next()
        .map(|c| c.jobs.get(&job).copied().unwrap_or_default())
        .unwrap_or_default()
}

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

impl Signed {
    async fn get(&self, path: &str) -> Got {
        self.w.get(path, Some(&self.cookie)).await
    }

    async fn post(&self, path: &str, form: &str) -> Got {
        self.w
            .call(Method::POST, path, Some(&self.cookie), Some(form))
            .await
    }

    async fn stripe_get(&self, path: &str) -> Value {
        self.w
            .http
            .get(format!("{}{path}", self.w.stripe_base))
            .bearer_auth(&self.w.stripe_key)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    async fn customer(&self) -> Value {
        self.stripe_get(&format!("/v1/customers/{}?expand[]=tax_ids", self.customer))
            .await
    }

    async fn default_pm(&self) -> String {
        self.customer().await["invoice_settings"]["default_payment_method"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    async fn event_count(&self, kind: &str) -> usize {
        let list = self
            .stripe_get(&format!("/v1/events?type={kind}&limit=100"))
            .await;
        list["data"].as_array().unwrap().len()
    }

    /// Update → the checkout session's id (from the 303's location).
    async fn start_update(&self) -> String {
        let page = self.get("/portal/payment-method").await;
        let got = self
            .post(
                "/portal/payment-method",
                &form_of(&page, "/portal/payment-method"),
            )
            .await;
        assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
        let location = got.header("location");
        location
            .rsplit('/')
            .next()
            .filter(|id| id.starts_with("cs_"))
            .unwrap_or_else(|| panic!("not a checkout URL: {location}"))
            .to_owned()
    }

    /// Presses "Complete" on the stand-in's Checkout page (without following the redirect).
    async fn complete_checkout(&self, cs: &str, card: &str) {
        let res = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
            .post(format!(
                "{}/_standin/checkout/{cs}/complete",
                self.w.stripe_base
            ))
            .form(&[("card", card)])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
    }
}

#[tokio::test]
async fn the_payment_method_flow_lands_on_a_page_that_starts_the_update() {
    let s = signed_in(Setup::default()).await;
    let token =
        s.w.token_for(&s.w.project.id, &s.customer, Flow::PaymentMethodUpdate)
            .await;
    let post =
        s.w.call(Method::POST, &format!("/portal/s/{token}"), None, Some(""))
            .await;
    assert_eq!(post.header("location"), "/portal/payment-method");
    let page =
        s.w.get("/portal/payment-method", Some(&post.cookie()))
            .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Visa ending in 4242"), "{}", page.body);
    assert!(page.body.contains("action=\"/portal/payment-method\""));
    assert!(page.body.contains("Update card"));
    // The form's 303 leads to Checkout: form-action must allow its origin.
    let csp = page.header("content-security-policy");
    assert!(
        csp.contains(&format!("form-action 'self' {}", s.w.stripe_base))
            || csp.contains(&s.w.stripe_base),
        "{csp}"
    );
    let overview = s.get("/portal").await;
    assert!(overview.body.contains("action=\"/portal/payment-method\""));
    assert!(overview
        .header("content-security-policy")
        .contains(&s.w.stripe_base));
}

#[tokio::test]
async fn update_creates_a_setup_checkout_for_the_customer_and_a_double_click_reuses_it() {
    let s = signed_in(Setup::default()).await;
    let page = s.get("/portal").await;
    let form = form_of(&page, "/portal/payment-method");
    let first = s.post("/portal/payment-method", &form).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    let url = first.header("location").to_owned();
    assert!(
        url.starts_with(&format!("{}/_standin/checkout/cs_", s.w.stripe_base)),
        "{url}"
    );
    let again = s.post("/portal/payment-method", &form).await;
    assert_eq!(again.header("location"), url, "same form, same session");
    let cs = url.rsplit('/').next().unwrap();
    let session = s.stripe_get(&format!("/v1/checkout/sessions/{cs}")).await;
    assert_eq!(session["mode"], "setup");
    assert_eq!(session["customer"], s.customer.as_str());
    assert_eq!(
        session["success_url"],
        "http://127.0.0.1:3000/portal/payment-method/return?session_id={CHECKOUT_SESSION_ID}"
    );
    assert_eq!(
        session["cancel_url"],
        "http://127.0.0.1:3000/portal/payment-method"
    );
    // Tagged, so only this session (never a tenant's own) is applied.
    let project = s.w.project.id.as_str();
    assert_eq!(session["metadata"]["portal_project"], project);
    assert_eq!(session["metadata"]["portal_purpose"], "card_update");
    let all = s
        .stripe_get(&format!("/v1/checkout/sessions?customer={}", s.customer))
        .await;
    assert_eq!(all["data"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_setup_session_the_portal_did_not_start_is_not_applied_on_return() {
    let s = signed_in(Setup::default()).await;
    let mine = s.default_pm().await;
    // The tenant's own setup session for this very customer (a backup card).
    let cs =
        s.w.stripe(
            "/v1/checkout/sessions",
            &[
                ("mode", "setup"),
                ("customer", &s.customer),
                ("payment_method_types[0]", "card"),
                ("success_url", "https://app.acme.test/ok"),
            ],
        )
        .await;
    let cs = cs["id"].as_str().unwrap().to_owned();
    s.complete_checkout(&cs, "tok_amex").await;
    let got = s
        .get(&format!("/portal/payment-method/return?session_id={cs}"))
        .await;
    assert_eq!(got.status, StatusCode::NOT_FOUND, "{}", got.body);
    assert_eq!(s.default_pm().await, mine, "my default card unchanged");
}

#[tokio::test]
async fn update_without_a_valid_csrf_token_is_refused_and_creates_nothing() {
    let s = signed_in(Setup::default()).await;
    for form in ["", "csrf=forged&nonce=abc"] {
        let got = s.post("/portal/payment-method", form).await;
        assert_eq!(got.status, StatusCode::FORBIDDEN, "{form}");
    }
    let all = s
        .stripe_get(&format!("/v1/checkout/sessions?customer={}", s.customer))
        .await;
    assert!(all["data"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn returning_from_checkout_makes_the_new_card_the_default_everywhere_once() {
    let s = signed_in(Setup::default()).await;
    let old = s.default_pm().await;
    let cs = s.start_update().await;
    s.complete_checkout(&cs, "tok_mastercard").await;

    let back = s
        .get(&format!("/portal/payment-method/return?session_id={cs}"))
        .await;
    assert_eq!(back.status, StatusCode::SEE_OTHER, "{}", back.body);
    assert_eq!(
        back.header("location"),
        "/portal/payment-method?result=updated"
    );
    let pm = s.default_pm().await;
    assert_ne!(pm, old);
    let session = s
        .stripe_get(&format!("/v1/checkout/sessions/{cs}?expand[]=setup_intent"))
        .await;
    assert_eq!(session["setup_intent"]["payment_method"], pm.as_str());
    let sub = s.stripe_get(&format!("/v1/subscriptions/{}", s.sub)).await;
    assert_eq!(sub["default_payment_method"], pm.as_str());

    let page = s.get("/portal/payment-method?result=updated").await;
    assert!(page.body.contains("Your card was updated"), "{}", page.body);
    assert!(page.body.contains("Mastercard ending in 4444"));
    let overview = s.get("/portal").await;
    assert!(overview.body.contains("Mastercard ending in 4444"));

    // A reload of the return URL (or the webhook after it) sends nothing to Stripe again.
    let customers = s.event_count("customer.updated").await;
    let subs = s.event_count("customer.subscription.updated").await;
    let reload = s
        .get(&format!("/portal/payment-method/return?session_id={cs}"))
        .await;
    assert_eq!(
        reload.header("location"),
        "/portal/payment-method?result=updated"
    );
    assert_eq!(s.event_count("customer.updated").await, customers);
    assert_eq!(s.event_count("customer.subscription.updated").await, subs);
    assert_eq!(
        jobs_today(&s.w, Job::PaymentMethodUpdated).await,
        1,
        "one card update, however often the return page loads"
    );
}

#[tokio::test]
async fn a_checkout_session_of_another_customer_is_refused() {
    let s = signed_in(Setup::default()).await;
    let mine = s.default_pm().await;
    let other = s.w.customer_with_card("Someone else").await;
    let cs =
        s.w.stripe(
            "/v1/checkout/sessions",
            &[
                ("mode", "setup"),
                ("customer", &other),
                ("payment_method_types[0]", "card"),
                ("success_url", "https://app.acme.test/ok"),
            ],
        )
        .await;
    let cs = cs["id"].as_str().unwrap().to_owned();
    s.complete_checkout(&cs, "tok_amex").await;
    let got = s
        .get(&format!("/portal/payment-method/return?session_id={cs}"))
        .await;
    assert_eq!(got.status, StatusCode::NOT_FOUND, "{}", got.body);
    assert_eq!(s.default_pm().await, mine, "my card unchanged");
    let theirs = s.stripe_get(&format!("/v1/customers/{other}")).await;
    let amex = s
        .stripe_get(&format!("/v1/checkout/sessions/{cs}?expand[]=setup_intent"))
        .await;
    assert_ne!(
        theirs["invoice_settings"]["default_payment_method"],
        amex["setup_intent"]["payment_method"],
        "their default not touched by my session"
    );
    // A session id of another Stripe account is just as unknown.
    let (_, b_key) = s.w.other_project("Beta").await;
    let b_customer =
        s.w.stripe_as(&b_key, "/v1/customers", &[("name", "B")])
            .await;
    let b_cs =
        s.w.stripe_as(
            &b_key,
            "/v1/checkout/sessions",
            &[
                ("mode", "setup"),
                ("customer", b_customer["id"].as_str().unwrap()),
                ("success_url", "https://b.test/ok"),
            ],
        )
        .await;
    let got = s
        .get(&format!(
            "/portal/payment-method/return?session_id={}",
            b_cs["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(got.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_checkout_left_unfinished_or_a_malformed_id_changes_nothing() {
    let s = signed_in(Setup::default()).await;
    let old = s.default_pm().await;
    let cs = s.start_update().await;
    let got = s
        .get(&format!("/portal/payment-method/return?session_id={cs}"))
        .await;
    assert_eq!(
        got.header("location"),
        "/portal/payment-method?result=unchanged"
    );
    let page = s.get("/portal/payment-method?result=unchanged").await;
    assert!(
        page.body.contains("Your card was not changed"),
        "{}",
        page.body
    );
    for bad in [
        "",
        "?session_id=",
        "?session_id=seti_123",
        "?session_id=cs_test_1%2F..%2Fx",
    ] {
        let got = s.get(&format!("/portal/payment-method/return{bad}")).await;
        assert_eq!(got.status, StatusCode::NOT_FOUND, "{bad}");
    }
    assert_eq!(s.default_pm().await, old);
    let post = s.post("/portal/payment-method/return", "").await;
    assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
    // Without a session: the session-ended page, nothing read.
    let anon =
        s.w.get(
            &format!("/portal/payment-method/return?session_id={cs}"),
            None,
        )
        .await;
    assert_eq!(anon.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_past_due_subscription_says_so_and_links_to_the_open_invoice() {
    let s = signed_in(Setup::default()).await;
    // Renewal charges a card that declines.
    let pm =
        s.w.stripe(
            "/v1/payment_methods",
            &[("type", "card"), ("card[token]", "tok_chargeCustomerFail")],
        )
        .await;
    let pm = pm["id"].as_str().unwrap();
    s.w.stripe(
        &format!("/v1/payment_methods/{pm}/attach"),
        &[("customer", &s.customer)],
    )
    .await;
    s.w.stripe(
        &format!("/v1/customers/{}", s.customer),
        &[("invoice_settings[default_payment_method]", pm)],
    )
    .await;
    let res =
        s.w.http
            .post(format!(
                "{}/_standin/accounts/{}/advance",
                s.w.stripe_base, s.w.stripe_key
            ))
            .json(&serde_json::json!({"seconds": 32 * 86_400}))
            .send()
            .await
            .unwrap();
    assert!(res.status().is_success());
    let sub = s
        .stripe_get(&format!(
            "/v1/subscriptions/{}?expand[]=latest_invoice",
            s.sub
        ))
        .await;
    assert_eq!(sub["status"], "past_due", "{sub}");
    assert_eq!(sub["latest_invoice"]["status"], "open");
    let invoice = sub["latest_invoice"]["id"].as_str().unwrap();
    let page = s.get("/portal").await;
    assert!(page.body.contains("Past due"), "{}", page.body);
    assert!(page.body.contains("The last payment for this plan failed"));
    // The portal's own link to the open invoice's hosted page.
    assert!(
        page.body.contains(&format!(
            "href=\"/portal/invoices/{invoice}/view\" rel=\"noopener\">Pay the open invoice"
        )),
        "{}",
        page.body
    );
}

// Billing details.

fn with_fields(fields: Vec<BillingField>) -> Setup {
    Setup {
        edit: Box::new(move |p| p.billing_fields = fields),
        ..Setup::default()
    }
}

fn address_form(base: &str, pairs: &[(&str, &str)]) -> String {
    let mut form = base.to_owned();
    for (k, v) in pairs {
        form.push_str(&format!("&{k}={}", enc(v)));
    }
    form
}

const GOOD: [(&str, &str); 7] = [
    ("email", "jo@example.test"),
    ("name", "Jo Bloggs"),
    ("line1", "1 High Street"),
    ("city", "London"),
    ("postal_code", "SW1A 1AA"),
    ("country", "gb"),
    ("tax_type", ""),
];

#[tokio::test]
async fn the_billing_details_flow_lands_on_the_form_filled_from_stripe() {
    let s = signed_in(Setup::default()).await;
    let token =
        s.w.token_for(&s.w.project.id, &s.customer, Flow::BillingDetailsUpdate)
            .await;
    let post =
        s.w.call(Method::POST, &format!("/portal/s/{token}"), None, Some(""))
            .await;
    assert_eq!(post.header("location"), "/portal/billing-details");
    let page =
        s.w.get("/portal/billing-details", Some(&post.cookie()))
            .await;
    assert_eq!(page.status, StatusCode::OK);
    for needle in [
        "value=\"jo@example.test\"",
        "value=\"Jo\"",
        "name=\"line1\"",
        "name=\"tax_type\"",
        "autocomplete=\"postal-code\"",
        "href=\"/portal/billing-details\" aria-current=\"page\"",
    ] {
        assert!(page.body.contains(needle), "lacks {needle}: {}", page.body);
    }
}

#[tokio::test]
async fn saving_the_address_writes_it_to_the_stripe_customer_and_says_saved() {
    let s = signed_in(Setup::default()).await;
    let page = s.get("/portal/billing-details").await;
    let form = address_form(&form_of(&page, "/portal/billing-details"), &GOOD);
    let got = s.post("/portal/billing-details", &form).await;
    assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
    assert_eq!(got.header("location"), "/portal/billing-details?saved=1");
    let c = s.customer().await;
    assert_eq!(c["name"], "Jo Bloggs");
    assert_eq!(c["address"]["line1"], "1 High Street");
    assert_eq!(c["address"]["postal_code"], "SW1A 1AA");
    assert_eq!(c["address"]["country"], "GB");
    let after = s.get("/portal/billing-details?saved=1").await;
    assert!(after
        .body
        .contains("Saved. Your billing details are up to date."));
    assert!(after.body.contains("value=\"1 High Street\""));
    assert_eq!(jobs_today(&s.w, Job::BillingDetailsUpdated).await, 1);
    // The same values again change nothing and count nothing.
    let page = s.get("/portal/billing-details").await;
    let form = address_form(&form_of(&page, "/portal/billing-details"), &GOOD);
    assert_eq!(
        s.post("/portal/billing-details", &form).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(jobs_today(&s.w, Job::BillingDetailsUpdated).await, 1);
}

#[tokio::test]
async fn a_changed_billing_email_is_told_to_the_old_address() {
    const SENDER: &str = "billing@acme.test";
    let w = World::with(Setup {
        edit: Box::new(|p| p.sender_email = Some(SENDER.parse().unwrap())),
        ..Setup::default()
    })
    .await;
    aws_sdk_ses::Client::new(&w.sdk)
        .verify_email_identity()
        .email_address(SENDER)
        .send()
        .await
        .unwrap();
    let tag = crate::support::suffix().to_lowercase();
    let (old, new) = (
        format!("old.{tag}@example.test"),
        format!("new.{tag}@example.test"),
    );
    let c = w
        .stripe("/v1/customers", &[("name", "Jo"), ("email", &old)])
        .await;
    let customer = c["id"].as_str().unwrap().to_owned();
    let cookie = w.sign_in(&customer).await;
    let page = w.get("/portal/billing-details", Some(&cookie)).await;
    let mut pairs = GOOD.to_vec();
    pairs[0] = ("email", &new);
    let form = address_form(&form_of(&page, "/portal/billing-details"), &pairs);
    let got = w
        .call(
            Method::POST,
            "/portal/billing-details",
            Some(&cookie),
            Some(&form),
        )
        .await;
    assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
    let endpoint = crate::support::env("BP_TEST_AWS_ENDPOINT");
    let told = test_support::sent_emails(&w.http, &endpoint, &old).await;
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(
        told[0].subject.contains("billing email was changed"),
        "{told:?}"
    );
    assert!(told[0].body.contains(&new), "{told:?}");
    assert!(test_support::sent_emails(&w.http, &endpoint, &new)
        .await
        .is_empty());
    // Saving the same details again tells nobody anything.
    let page = w.get("/portal/billing-details", Some(&cookie)).await;
    let form = address_form(&form_of(&page, "/portal/billing-details"), &pairs);
    w.call(
        Method::POST,
        "/portal/billing-details",
        Some(&cookie),
        Some(&form),
    )
    .await;
    assert_eq!(
        test_support::sent_emails(&w.http, &endpoint, &old)
            .await
            .len(),
        1
    );
}

#[tokio::test]
async fn a_missing_required_field_is_refused_next_to_the_field_with_the_values_kept() {
    let s = signed_in(Setup::default()).await;
    let before = s.customer().await;
    let page = s.get("/portal/billing-details").await;
    let mut pairs = GOOD.to_vec();
    pairs.retain(|(k, _)| *k != "email" && *k != "city");
    let got = s
        .post(
            "/portal/billing-details",
            &address_form(&form_of(&page, "/portal/billing-details"), &pairs),
        )
        .await;
    assert_eq!(got.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", got.body);
    let b = &got.body;
    let email_error = b.find("id=\"email-error\"").expect("email error");
    let email_input = b.find("id=\"email\"").unwrap();
    assert!(
        b[email_error..].starts_with("id=\"email-error\">Enter your email address."),
        "{b}"
    );
    assert!(
        email_error < email_input && email_input - email_error < 200,
        "next to the field"
    );
    assert!(b.contains("id=\"city-error\">Enter the town or city."));
    assert!(b.contains("aria-describedby=\"email-hint email-error\""));
    assert!(b.contains("aria-invalid=\"true\""));
    assert!(b.contains("role=\"alert\""));
    assert!(b.contains("href=\"#email\""));
    assert!(b.contains("value=\"1 High Street\""), "values kept");
    assert_eq!(
        s.customer().await["address"],
        before["address"],
        "nothing saved"
    );
    assert_eq!(jobs_today(&s.w, Job::BillingDetailsUpdated).await, 0);
    assert_eq!(s.customer().await["email"], before["email"]);
}

#[tokio::test]
async fn invalid_email_country_and_postal_code_each_get_their_message() {
    let s = signed_in(Setup::default()).await;
    let page = s.get("/portal/billing-details").await;
    let base = form_of(&page, "/portal/billing-details");
    let cases = [
        (
            "email",
            "jo@",
            "email-error\">Enter an email address like name@example.com.",
        ),
        (
            "country",
            "XX",
            "country-error\">Enter a two-letter country code",
        ),
        (
            "postal_code",
            "12345",
            "postal_code-error\">Enter a postal code in the format used in this country.",
        ),
    ];
    for (field, value, message) in cases {
        let pairs: Vec<(&str, &str)> = GOOD
            .iter()
            .map(|(k, v)| if *k == field { (*k, value) } else { (*k, *v) })
            .collect();
        let got = s
            .post("/portal/billing-details", &address_form(&base, &pairs))
            .await;
        assert_eq!(got.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert!(got.body.contains(message), "{field}: {}", got.body);
        assert!(
            got.body.contains(&format!("value=\"{value}\"")),
            "{field} kept"
        );
    }
    assert!(s.customer().await["address"].is_null(), "nothing saved");
}

#[tokio::test]
async fn a_field_the_project_does_not_allow_is_not_shown_and_ignored_when_posted() {
    let s = signed_in(with_fields(vec![BillingField::Address])).await;
    let page = s.get("/portal/billing-details").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("name=\"email\""), "{}", page.body);
    assert!(!page.body.contains("name=\"tax_type\""));
    let mut pairs = GOOD.to_vec();
    pairs.push(("tax_value", "DE123456789"));
    pairs.retain(|(k, _)| *k != "tax_type");
    pairs.push(("tax_type", "eu_vat"));
    pairs[0] = ("email", "attacker@evil.test");
    let got = s
        .post(
            "/portal/billing-details",
            &address_form(&form_of(&page, "/portal/billing-details"), &pairs),
        )
        .await;
    assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
    let c = s.customer().await;
    assert_eq!(
        c["email"], "jo@example.test",
        "email not allowed: unchanged"
    );
    assert_eq!(c["name"], "Jo", "name not allowed: unchanged");
    assert!(c["tax_ids"]["data"].as_array().unwrap().is_empty());
    assert_eq!(c["address"]["city"], "London");
}

#[tokio::test]
async fn without_billing_fields_there_is_no_billing_details_page() {
    let s = signed_in(with_fields(Vec::new())).await;
    let overview = s.get("/portal").await;
    assert!(!overview.body.contains("/portal/billing-details"));
    assert_eq!(
        s.get("/portal/billing-details").await.status,
        StatusCode::NOT_FOUND
    );
    let form = form_of(&overview, "/portal/payment-method");
    let got = s
        .post("/portal/billing-details", &address_form(&form, &GOOD))
        .await;
    assert_eq!(got.status, StatusCode::NOT_FOUND);
    assert!(s.customer().await["address"].is_null());
}

#[tokio::test]
async fn a_tax_id_is_added_replaced_and_removed_and_a_resubmitted_form_adds_it_once() {
    let s = signed_in(Setup::default()).await;
    let tax_ids = |c: &Value| -> Vec<(String, String)> {
        c["tax_ids"]["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t["type"].as_str().unwrap().to_owned(),
                    t["value"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let submit = |tax: (&'static str, &'static str)| {
        let mut pairs = GOOD.to_vec();
        pairs.retain(|(k, _)| *k != "tax_type");
        pairs.push(("tax_type", tax.0));
        pairs.push(("tax_value", tax.1));
        pairs
    };
    let page = s.get("/portal/billing-details").await;
    let form = address_form(
        &form_of(&page, "/portal/billing-details"),
        &submit(("eu_vat", "de123456789")),
    );
    assert_eq!(
        s.post("/portal/billing-details", &form).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        s.post("/portal/billing-details", &form).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        tax_ids(&s.customer().await),
        [("eu_vat".to_owned(), "DE123456789".to_owned())],
        "one tax id after a double submit"
    );
    let page = s.get("/portal/billing-details").await;
    assert!(page.body.contains("value=\"DE123456789\""));
    assert!(page.body.contains("value=\"eu_vat\" selected"));
    let form = address_form(
        &form_of(&page, "/portal/billing-details"),
        &submit(("gb_vat", "GB123456789")),
    );
    assert_eq!(
        s.post("/portal/billing-details", &form).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        tax_ids(&s.customer().await),
        [("gb_vat".to_owned(), "GB123456789".to_owned())]
    );
    let page = s.get("/portal/billing-details").await;
    let form = address_form(
        &form_of(&page, "/portal/billing-details"),
        &submit(("", "")),
    );
    assert_eq!(
        s.post("/portal/billing-details", &form).await.status,
        StatusCode::SEE_OTHER
    );
    assert!(tax_ids(&s.customer().await).is_empty());
    // An unknown type is refused next to the field.
    let page = s.get("/portal/billing-details").await;
    let form = address_form(
        &form_of(&page, "/portal/billing-details"),
        &submit(("xx_made_up", "123")),
    );
    let got = s.post("/portal/billing-details", &form).await;
    assert_eq!(got.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(got
        .body
        .contains("tax_type-error\">Choose a tax ID type from the list."));
    assert!(tax_ids(&s.customer().await).is_empty());
}

#[tokio::test]
async fn saving_billing_details_without_a_valid_csrf_token_is_refused() {
    let s = signed_in(Setup::default()).await;
    let form = address_form("csrf=forged&nonce=x", &GOOD);
    let got = s.post("/portal/billing-details", &form).await;
    assert_eq!(got.status, StatusCode::FORBIDDEN);
    // A valid token in a body over 8 KiB is not read.
    let page = s.get("/portal/billing-details").await;
    let huge = address_form(&form_of(&page, "/portal/billing-details"), &GOOD)
        + &format!("&line2={}", "x".repeat(9 * 1024));
    let got = s.post("/portal/billing-details", &huge).await;
    assert_eq!(got.status, StatusCode::FORBIDDEN);
    assert!(s.customer().await["address"].is_null());
    let anon =
        s.w.call(Method::POST, "/portal/billing-details", None, Some(&form))
            .await;
    assert_eq!(anon.status, StatusCode::UNAUTHORIZED);
    let put =
        s.w.call(
            Method::PUT,
            "/portal/billing-details",
            Some(&s.cookie),
            Some(&form),
        )
        .await;
    assert_eq!(put.status, StatusCode::METHOD_NOT_ALLOWED);
}
