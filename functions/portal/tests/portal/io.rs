//! What each portal page and action costs in I/O, counted exactly: the AWS requests the
//! app sends (through `World::aws`), and the Stripe requests the stand-in receives, round
//! by round (`StandIn::rounds`: the account's requests wait at the stand-in's gate and are
//! released one round at a time, so concurrency is seen without any clock). A page that
//! grows a request, or a round, fails here. The table in `docs/benchmarks.md` is this one.

use http::{Method, StatusCode};
use shared::project::{BillingField, ProjectStore};
use shared::retention::OfferRule;

use crate::charged::id;
use crate::support::{Got, Setup, World};

const SENDER: &str = "billing@acme.test";

/// One request and what it must cost.
struct Row {
    /// The table's name for it.
    name: &'static str,
    method: Method,
    path: String,
    form: Option<String>,
    /// With the session cookie.
    signed_in: bool,
    /// The AWS operations, sorted (`"DynamoDB UpdateItem"`, `"SSM GetParameter"`, …).
    aws: Vec<&'static str>,
    /// The Stripe requests of each sequential round (normalized, sorted within a round).
    stripe: Vec<Vec<&'static str>>,
}

/// A customer with a card, a 20% coupon and 8.25% tax, on Pro ($29) and on metered API
/// requests (with a meter and usage), of a project with every job switched on and a coupon
/// offer for the `too_expensive` reason.
struct Scene {
    w: World,
    customer: String,
    pro_sub: String,
    metered_sub: String,
    basic: String,
    invoice: String,
    cookie: Option<String>,
}

impl Scene {
    async fn new() -> Scene {
        let w = World::with(Setup {
            edit: Box::new(|p| {
                p.sender_email = Some(SENDER.parse().unwrap());
                p.support_url = Some("mailto:support@acme.test".parse().unwrap());
                p.pause_offered = true;
                p.billing_fields = vec![BillingField::Email, BillingField::Name];
            }),
            ..Setup::default()
        })
        .await;
        aws_sdk_ses::Client::new(&w.sdk)
            .verify_email_identity()
            .email_address(SENDER)
            .send()
            .await
            .unwrap();
        let basic = w.price("Basic", "1000", false).await;
        let pro = w.price("Pro", "2900", false).await;
        let mut project = w.project.clone();
        project.allowed_prices = vec![basic.parse().unwrap(), pro.parse().unwrap()];
        project.downgrade_price = Some(basic.parse().unwrap());
        project.reason_survey = true;
        project.offers = OfferRule::parse_list("too_expensive=coupon:SAVE20").unwrap();
        ProjectStore::new(w.table.clone())
            .update(&project)
            .await
            .unwrap();

        let email = format!(
            "ada.{}@example.test",
            crate::support::suffix().to_lowercase()
        );
        let customer = w.account().customer_with_card("Ada", &email).await;
        let coupon = w
            .stripe(
                "/v1/coupons",
                &[("percent_off", "20"), ("duration", "forever")],
            )
            .await;
        // The coupon of the `too_expensive` offer.
        w.stripe(
            "/v1/coupons",
            &[
                ("id", "SAVE20"),
                ("percent_off", "20"),
                ("duration", "repeating"),
                ("duration_in_months", "3"),
            ],
        )
        .await;
        w.account()
            .give_customer_discount(&customer, id(&coupon))
            .await;
        let tax = w
            .stripe(
                "/v1/tax_rates",
                &[
                    ("display_name", "Sales tax"),
                    ("percentage", "8.25"),
                    ("inclusive", "false"),
                ],
            )
            .await;
        let meter = w
            .stripe(
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
        let api = w.stripe("/v1/products", &[("name", "API requests")]).await;
        let requests = w
            .stripe(
                "/v1/prices",
                &[
                    ("product", id(&api)),
                    ("currency", "usd"),
                    ("unit_amount", "5"),
                    ("recurring[interval]", "month"),
                    ("recurring[usage_type]", "metered"),
                    ("recurring[meter]", id(&meter)),
                ],
            )
            .await;
        let taxed = [("default_tax_rates[0]", id(&tax))];
        let pro_sub = w.account().subscribe_with(&customer, &[&pro], &taxed).await;
        let metered_sub = w
            .account()
            .subscribe_with(&customer, &[id(&requests)], &taxed)
            .await;
        w.stripe(
            "/v1/billing/meter_events",
            &[
                ("event_name", "api_requests"),
                ("payload[stripe_customer_id]", &customer),
                ("payload[value]", "535"),
            ],
        )
        .await;
        let invoices = w
            .account()
            .get(&format!("/v1/invoices?customer={customer}&limit=1"))
            .await;
        let invoice = id(&invoices["data"][0]).to_owned();
        w.stripe_calls().await;
        // Only the app's requests from here on.
        w.aws.take();
        Scene {
            customer,
            pro_sub: id(&pro_sub).to_owned(),
            metered_sub: id(&metered_sub).to_owned(),
            basic,
            invoice,
            cookie: None,
            w,
        }
    }

    /// Sends the row's request, releasing its Stripe requests round by round; checks its
    /// cost.
    async fn check(&self, row: &Row) -> Got {
        let expected: Vec<Vec<String>> = row
            .stripe
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect();
        let cookie = if row.signed_in {
            self.cookie.as_deref()
        } else {
            None
        };
        let (got, rounds) = self
            .w
            .account()
            .rounds(
                Box::pin(
                    self.w
                        .call(row.method.clone(), &row.path, cookie, row.form.as_deref()),
                ),
                &expected,
            )
            .await;
        let mut aws = self.w.aws.take();
        aws.sort();
        assert_eq!(aws, row.aws, "{}: AWS requests", row.name);
        assert_eq!(rounds, expected, "{}: Stripe rounds", row.name);
        got
    }
}

fn get(name: &'static str, path: String) -> Row {
    Row {
        name,
        method: Method::GET,
        path,
        form: None,
        signed_in: true,
        aws: Vec::new(),
        stripe: Vec::new(),
    }
}

fn post(name: &'static str, path: String, form: String) -> Row {
    Row {
        method: Method::POST,
        form: Some(form),
        ..get(name, path)
    }
}

impl Row {
    fn aws(mut self, ops: &[&'static str]) -> Row {
        self.aws = ops.to_vec();
        self.aws.sort();
        self
    }

    fn stripe(mut self, rounds: &[&[&'static str]]) -> Row {
        self.stripe = rounds
            .iter()
            .map(|r| {
                let mut r = r.to_vec();
                r.sort();
                r
            })
            .collect();
        self
    }

    fn anonymous(mut self) -> Row {
        self.signed_in = false;
        self
    }
}

/// The hidden fields (`csrf`, `nonce`, `item`, …) of the form on `page` whose opening tag
/// contains `marker` (`action="/portal/…"`, `id="confirm-form"`), form-encoded.
fn form_of(page: &Got, marker: &str) -> String {
    let at = page
        .body
        .find(marker)
        .unwrap_or_else(|| panic!("no form with {marker} in {}", page.body));
    let end = page.body[at..].find("</form>").expect("a closed form");
    let form = &page.body[at..at + end];
    let mut out = form_urlencoded::Serializer::new(String::new());
    for name in ["csrf", "nonce", "item", "price", "quantity"] {
        let key = format!("name=\"{name}\" value=\"");
        if let Some(i) = form.find(&key) {
            let v = &form[i + key.len()..];
            out.append_pair(name, &v[..v.find('"').expect("a closed value")]);
        }
    }
    out.finish()
}

fn action(path: &str) -> String {
    format!("action=\"{path}\"")
}

/// The session renewal, which also counts the request against the session's brake.
const RENEW: &str = "DynamoDB UpdateItem";
const SIGNED_IN: [&str; 1] = [RENEW];
/// The first request in a new brake window: the renewal in the old one is refused (its
/// condition names the window), and a second starts the count afresh.
const NEW_WINDOW: &str = "DynamoDB UpdateItem";
/// The session row's read hint written (at sign-in; the subscriptions changed).
const HINT: &str = "DynamoDB UpdateItem";
/// A job counted: the first of a session is a transaction with the session's flag.
const FIRST_JOB: &str = "DynamoDB TransactWriteItems";
const JOB: &str = "DynamoDB UpdateItem";
/// A step of the cancel funnel: counted once per session, by a transaction with the
/// session's flag for that step (a repeat fails its condition and counts nothing).
const FUNNEL: &str = "DynamoDB TransactWriteItems";
const PROJECT: &str = "DynamoDB GetItem";
const STRIPE_KEY: &str = "SSM GetParameter";

const CUSTOMER: &str = "GET /v1/customers/{cus}";
const SUBSCRIPTIONS: &str = "GET /v1/subscriptions";
const SUBSCRIPTION: &str = "GET /v1/subscriptions/{sub}";
const UPDATE_SUBSCRIPTION: &str = "POST /v1/subscriptions/{sub}";
const INVOICES: &str = "GET /v1/invoices";
const INVOICE: &str = "GET /v1/invoices/{in}";
const PRODUCTS: &str = "GET /v1/products";
const PREVIEW: &str = "POST /v1/invoices/create_preview";
const METER_USAGE: &str = "GET /v1/billing/meters/{mtr}/event_summaries";

fn with(base: &[&'static str], more: &[&'static str]) -> Vec<&'static str> {
    base.iter().chain(more).copied().collect()
}

#[tokio::test]
async fn every_page_and_action_costs_what_the_table_says() {
    let mut s = Scene::new().await;
    let token = s.w.token(&s.customer).await;
    s.w.aws.take();
    let landing = format!("/portal/s/{token}");
    let pro = format!("/portal/subscriptions/{}", s.pro_sub);

    // A fresh process: the project is read once, then kept (`PROJECT_MAX_AGE`).
    let got = s
        .check(
            &get("landing page (a process's first request)", landing.clone())
                .anonymous()
                .aws(&[PROJECT, "DynamoDB GetItem"]),
        )
        .await;
    assert_eq!(got.status, StatusCode::OK);
    s.check(
        &get("landing page", landing.clone())
            .anonymous()
            .aws(&["DynamoDB GetItem"]),
    )
    .await;
    let got = s
        .check(
            // The sign-in transaction, and the `redeemed` counter's; an `auto` link also
            // reads the customer's preferred languages (so the Stripe key, then kept), and
            // a session landing on the overview lists the subscriptions in the same round,
            // for its read hint.
            &post("sign-in", landing.clone(), String::new())
                .anonymous()
                .aws(&[
                    "DynamoDB TransactWriteItems",
                    "DynamoDB TransactWriteItems",
                    HINT,
                    "SSM GetParameter",
                ])
                .stripe(&[&[CUSTOMER, SUBSCRIPTIONS]]),
        )
        .await;
    assert_eq!(got.status, StatusCode::SEE_OTHER);
    s.cookie = Some(got.cookie());

    // Sign-in left the read hint: a session's first overview starts its previews with
    // the list, and writes nothing more.
    s.check(
        &get("overview (a session's first)", "/portal".into())
            .aws(&SIGNED_IN)
            .stripe(&[&[
                CUSTOMER,
                INVOICES,
                PREVIEW,
                PREVIEW,
                PRODUCTS,
                SUBSCRIPTIONS,
            ]]),
    )
    .await;
    let overview = s
        .check(
            &get("overview", "/portal".into())
                .aws(&SIGNED_IN)
                .stripe(&[&[CUSTOMER, INVOICES, SUBSCRIPTIONS, PREVIEW, PREVIEW]]),
        )
        .await;
    assert_eq!(overview.status, StatusCode::OK);
    s.check(
        &get("invoices", "/portal/invoices".into())
            .aws(&SIGNED_IN)
            .stripe(&[&[INVOICES]]),
    )
    .await;
    let got = s
        .check(
            &get("invoice page", format!("/portal/invoices/{}", s.invoice))
                .aws(&SIGNED_IN)
                .stripe(&[&[INVOICE, PRODUCTS]]),
        )
        .await;
    assert_eq!(got.status, StatusCode::OK);
    s.check(
        &get("next invoice", format!("{pro}/next-invoice"))
            .aws(&SIGNED_IN)
            .stripe(&[&[CUSTOMER, SUBSCRIPTIONS, PREVIEW]]),
    )
    .await;
    let got = s
        .check(
            // Usage so far needs the meter, named by the subscription's price: the read
            // hint names it, so the meter is read with the list.
            &get(
                "next invoice (metered)",
                format!("/portal/subscriptions/{}/next-invoice", s.metered_sub),
            )
            .aws(&SIGNED_IN)
            .stripe(&[&[CUSTOMER, METER_USAGE, SUBSCRIPTIONS, PREVIEW]]),
        )
        .await;
    assert_eq!(got.status, StatusCode::OK);
    s.check(
        &get("plan page", format!("{pro}/update"))
            .aws(&SIGNED_IN)
            .stripe(&[&[
                "GET /v1/prices/{price}",
                "GET /v1/prices/{price}",
                SUBSCRIPTIONS,
            ]]),
    )
    .await;
    let sub =
        s.w.account()
            .get(&format!("/v1/subscriptions/{}", s.pro_sub))
            .await;
    let item = sub["items"]["data"][0]["id"]
        .as_str()
        .expect("an item")
        .to_owned();
    let chosen = format!("{pro}/update?item={item}&price={}", s.basic);
    // The preview is built from the subscription's item: the session's read hint names
    // it (and its price and quantity), and the prices are kept from the plan page, so the
    // preview goes out with the list, which then confirms it.
    let plan_row = get("plan page with a plan chosen", chosen.clone())
        .aws(&SIGNED_IN)
        .stripe(&[&[SUBSCRIPTIONS, PREVIEW]]);
    let preview = s.check(&plan_row).await;
    assert!(
        preview.body.contains("id=\"confirm-form\""),
        "{}",
        preview.body
    );
    let cancel_row = get("cancel page", format!("{pro}/cancel"))
        .aws(&with(&SIGNED_IN, &[FUNNEL]))
        .stripe(&[&[SUBSCRIPTIONS, PREVIEW]]);
    let cancel_page = s.check(&cancel_row).await;
    assert_eq!(cancel_page.status, StatusCode::OK);
    // The reason's offer is a coupon, known from the reason: the tenant's coupon and the
    // customer (its own discount) are read with the list. This customer has a discount of
    // its own ("Early adopter", forever), which a coupon on the subscription would replace:
    // no offer, so no "offer shown" count and no marker read; "opened" counts (a repeat).
    let offered = s
        .check(
            &get(
                "cancel page after a reason with a coupon offer",
                format!("{pro}/cancel?reason=too_expensive"),
            )
            .aws(&with(&SIGNED_IN, &[FUNNEL]))
            .stripe(&[&[SUBSCRIPTIONS, PREVIEW, "GET /v1/coupons/SAVE20", CUSTOMER]]),
        )
        .await;
    assert_eq!(offered.status, StatusCode::OK);
    assert!(
        !offered.body.contains("id=\"accept-offer\"")
            && offered.body.contains("id=\"cancel-anyway\""),
        "{}",
        offered.body
    );
    let billing = s
        .check(
            &get("billing details", "/portal/billing-details".into())
                .aws(&SIGNED_IN)
                .stripe(&[&[CUSTOMER]]),
        )
        .await;
    let card = s
        .check(
            &get("payment method", "/portal/payment-method".into())
                .aws(&SIGNED_IN)
                .stripe(&[&[CUSTOMER]]),
        )
        .await;

    // Past `PROJECT_MAX_AGE`, the project and its key are read again, in the same round
    // as the session renewal; a minute later is also a new brake window.
    s.w.clock.advance(portal::PROJECT_MAX_AGE.as_secs() as i64);
    s.check(
        &get("invoices, a minute later", "/portal/invoices".into())
            .aws(&with(&SIGNED_IN, &[NEW_WINDOW, PROJECT, STRIPE_KEY]))
            .stripe(&[&[INVOICES]]),
    )
    .await;

    let got = s
        .check(
            &get("contact support", "/portal/support".into()).aws(&with(&SIGNED_IN, &[FIRST_JOB])),
        )
        .await;
    assert_eq!(got.status, StatusCode::SEE_OTHER);
    let got = s
        .check(
            &get("invoice PDF", format!("/portal/invoices/{}/pdf", s.invoice))
                .aws(&with(&SIGNED_IN, &[FIRST_JOB]))
                .stripe(&[&[INVOICE]]),
        )
        .await;
    assert_eq!(got.status, StatusCode::SEE_OTHER);
    let got = s
        .check(
            &get("expired link", landing.clone())
                .anonymous()
                .aws(&["DynamoDB GetItem"]),
        )
        .await;
    assert_eq!(got.status, StatusCode::GONE);

    // Actions: the subscription read by id (ownership), then the write; the job counted.
    let act = |name, path: String, page: &Got| {
        let form = format!("{}&days=7", form_of(page, &action(&path)));
        post(name, path, form)
            .aws(&with(&SIGNED_IN, &[JOB]))
            .stripe(&[&[SUBSCRIPTION], &[UPDATE_SUBSCRIPTION]])
    };
    let got = s
        .check(&act("pause", format!("{pro}/pause"), &cancel_page))
        .await;
    assert_eq!(got.status, StatusCode::SEE_OTHER);
    let overview = s
        .check(
            &get("overview (its subscriptions changed)", "/portal".into())
                .aws(&with(&SIGNED_IN, &[HINT]))
                .stripe(&[&[CUSTOMER, INVOICES, SUBSCRIPTIONS, PREVIEW, PREVIEW]]),
        )
        .await;
    s.check(&act("resume", format!("{pro}/resume"), &overview))
        .await;
    let cancel_page = s.check(&cancel_row).await;
    // A cancellation is also the funnel's last step.
    let form = format!(
        "{}&days=7",
        form_of(&cancel_page, &action(&format!("{pro}/cancel")))
    );
    s.check(
        &post("cancel", format!("{pro}/cancel"), form)
            .aws(&with(&SIGNED_IN, &[JOB, FUNNEL]))
            .stripe(&[&[SUBSCRIPTION], &[UPDATE_SUBSCRIPTION]]),
    )
    .await;
    let overview = s
        .check(
            // Set to end, Pro can no longer change plan: the hint forgets its item.
            &get("overview (one subscription ending)", "/portal".into())
                .aws(&with(&SIGNED_IN, &[HINT]))
                .stripe(&[&[CUSTOMER, INVOICES, SUBSCRIPTIONS, PREVIEW]]),
        )
        .await;
    s.check(&act("renew", format!("{pro}/renew"), &overview))
        .await;
    // The hint was written while the subscription was set to end (no plan change then):
    // the preview waits for the list, and the page remembers the fresh hint.
    let preview = s
        .check(
            &get(
                "plan page with a plan chosen, the hint stale",
                chosen.clone(),
            )
            .aws(&with(&SIGNED_IN, &[HINT]))
            .stripe(&[&[SUBSCRIPTIONS], &[PREVIEW]]),
        )
        .await;
    let got = s
        .check(
            &post(
                "plan change",
                format!("{pro}/update"),
                form_of(&preview, "id=\"confirm-form\""),
            )
            .aws(&with(&SIGNED_IN, &[JOB]))
            .stripe(&[&[SUBSCRIPTIONS], &[UPDATE_SUBSCRIPTION]]),
        )
        .await;
    assert_eq!(got.status, StatusCode::SEE_OTHER);
    let got = s
        .check(
            // The customer read (what changes), the write, and the confirmation email.
            &post(
                "billing details saved",
                "/portal/billing-details".into(),
                format!(
                    "{}&name=Ada+L&email=ada2%40example.test",
                    form_of(&billing, &action("/portal/billing-details"))
                ),
            )
            .aws(&with(&SIGNED_IN, &[JOB, "SES SendEmail"]))
            .stripe(&[&[CUSTOMER], &["POST /v1/customers/{cus}"]]),
        )
        .await;
    assert_eq!(got.status, StatusCode::SEE_OTHER);
    let got = s
        .check(
            // Counted when Checkout returns, not here.
            &post(
                "update card (to Checkout)",
                "/portal/payment-method".into(),
                form_of(&card, &action("/portal/payment-method")),
            )
            .aws(&SIGNED_IN)
            .stripe(&[&["POST /v1/checkout/sessions"]]),
        )
        .await;
    assert_eq!(got.status, StatusCode::SEE_OTHER);
    let got = s
        .check(
            // The link's claims, the two relink brakes, the mint counter; the email.
            &post(
                "email me a new link",
                format!("{landing}/relink"),
                String::new(),
            )
            .anonymous()
            .aws(&[
                "DynamoDB PutItem",
                "DynamoDB UpdateItem",
                "DynamoDB UpdateItem",
                "DynamoDB UpdateItem",
                "SES SendEmail",
            ])
            .stripe(&[&[CUSTOMER]]),
        )
        .await;
    assert_eq!(got.status, StatusCode::OK);
    let got = s
        .check(
            &post(
                "return to the app",
                "/portal/return".into(),
                form_of(&overview, &action("/portal/return")),
            )
            .aws(&with(&SIGNED_IN, &["DynamoDB DeleteItem"])),
        )
        .await;
    assert_eq!(got.status, StatusCode::SEE_OTHER);
}
