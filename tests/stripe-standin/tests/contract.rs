//! The stand-in's contract with Stripe's published OpenAPI spec.
//!
//! One scenario drives every endpoint the product relies on through real HTTP, success
//! and error paths, and validates every JSON body against the schema the spec gives for
//! that operation and status. Drifts are collected, not fatal, so one run lists them all;
//! the test then fails if there is any, or if an operation was never answered successfully.

mod support;

#[path = "contract/money.rs"]
mod money;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::time::Duration;
use support::client::{first_form, random_secret_key, random_token, str_at, Client, StandIn};
use support::contract::{ids, now, short, Contract};
use support::openapi::spec;

/// Every operation the issue lists (spec templates); each must succeed at least once.
const OPERATIONS: &[&str] = &[
    "POST /v1/customers",
    "GET /v1/customers",
    "GET /v1/customers/{customer}",
    "POST /v1/customers/{customer}",
    "DELETE /v1/customers/{customer}",
    "POST /v1/customers/{customer}/tax_ids",
    "GET /v1/customers/{customer}/tax_ids",
    "GET /v1/customers/{customer}/tax_ids/{id}",
    "DELETE /v1/customers/{customer}/tax_ids/{id}",
    "GET /v1/customers/{customer}/payment_methods",
    "POST /v1/products",
    "GET /v1/products",
    "GET /v1/products/{id}",
    "POST /v1/prices",
    "GET /v1/prices",
    "GET /v1/prices/{price}",
    "POST /v1/payment_methods",
    "GET /v1/payment_methods",
    "GET /v1/payment_methods/{payment_method}",
    "POST /v1/payment_methods/{payment_method}/attach",
    "POST /v1/payment_methods/{payment_method}/detach",
    "POST /v1/setup_intents",
    "GET /v1/setup_intents/{intent}",
    "POST /v1/setup_intents/{intent}/confirm",
    "POST /v1/checkout/sessions",
    "GET /v1/checkout/sessions/{session}",
    "POST /v1/subscriptions",
    "GET /v1/subscriptions",
    "GET /v1/subscriptions/{subscription_exposed_id}",
    "POST /v1/subscriptions/{subscription_exposed_id}",
    "DELETE /v1/subscriptions/{subscription_exposed_id}",
    "POST /v1/subscriptions/{subscription}/resume",
    "POST /v1/subscription_schedules",
    "GET /v1/subscription_schedules/{schedule}",
    "POST /v1/subscription_schedules/{schedule}",
    "POST /v1/subscription_schedules/{schedule}/release",
    "POST /v1/invoices",
    "GET /v1/invoices",
    "GET /v1/invoices/{invoice}",
    "GET /v1/invoices/{invoice}/lines",
    "POST /v1/invoices/{invoice}/pay",
    "POST /v1/invoices/{invoice}/void",
    "POST /v1/invoices/{invoice}/finalize",
    "POST /v1/invoices/create_preview",
    "POST /v1/test_helpers/test_clocks",
    "GET /v1/test_helpers/test_clocks",
    "GET /v1/test_helpers/test_clocks/{test_clock}",
    "POST /v1/test_helpers/test_clocks/{test_clock}/advance",
    "DELETE /v1/test_helpers/test_clocks/{test_clock}",
    "GET /v1/events",
    "GET /v1/events/{id}",
    "POST /v1/webhook_endpoints",
    "GET /v1/webhook_endpoints",
    "GET /v1/webhook_endpoints/{webhook_endpoint}",
    "DELETE /v1/webhook_endpoints/{webhook_endpoint}",
];

/// Event types the issue requires the stand-in to record (all reachable in this scenario).
const EVENT_TYPES: &[&str] = &[
    "customer.updated",
    "customer.subscription.created",
    "customer.subscription.updated",
    "customer.subscription.deleted",
    "customer.subscription.paused",
    "customer.subscription.resumed",
    "invoice.created",
    "invoice.finalized",
    "invoice.paid",
    "invoice.payment_failed",
    "checkout.session.completed",
    "payment_method.attached",
];
const DAY: i64 = 86_400;

struct Catalog {
    basic: String,
    pro: String,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_stand_in_answers_every_endpoint_as_stripes_openapi_spec_describes() {
    let standin = StandIn::start().await;
    let key = random_secret_key();
    let c = Client::new(&standin.base, &key);
    let mut k = Contract::default();

    let catalog = catalog(&c, &mut k).await;
    let customer = customers(&c, &mut k).await;
    let (visa, mastercard) = payment_methods(&c, &mut k, &customer).await;
    setup_intents(&c, &mut k, &customer).await;
    checkout(&c, &mut k, &customer).await;
    subscriptions(&c, &mut k, &catalog, &customer, &visa, &mastercard).await;
    schedules(&c, &mut k, &catalog, &customer).await;
    invoices(&c, &mut k, &catalog, &customer).await;
    failed_payment(&c, &mut k, &catalog).await;
    test_clocks(&c, &mut k, &catalog).await;
    money::money(&standin.base, &key, &c, &mut k).await;
    events(&c, &mut k).await;
    webhook_endpoints(&c, &mut k).await;
    pagination(&c, &mut k).await;
    idempotency(&c, &mut k).await;
    wire_errors(&standin.base, &c, &mut k).await;

    for status in [400, 401, 402, 404] {
        k.ensure("error paths", k.error_statuses.contains(&status), || {
            format!("no {status} error was answered as expected")
        });
    }
    eprintln!(
        "contract: {} replies validated, {} operations covered, {} drifts",
        k.checked,
        k.covered.len(),
        k.drifts.len()
    );
    let checked = k.checked;
    k.ensure("scenario size", checked > 140, || {
        format!("only {checked} replies were validated")
    });
    let required: Vec<&str> = OPERATIONS
        .iter()
        .chain(money::OPERATIONS)
        .copied()
        .collect();
    let report = k.report(&required);
    assert!(
        report.is_empty(),
        "the stand-in drifts from Stripe's OpenAPI spec ({}):\n{report}",
        spec().version().unwrap_or("?")
    );
}

/// The whole pipeline (real reply → spec check → report) catches a drift: a real
/// subscription altered the way an outdated stand-in would answer.
#[tokio::test]
async fn a_reply_in_an_older_api_shape_is_reported_as_drift() {
    let standin = StandIn::start().await;
    let c = Client::new(&standin.base, &random_secret_key());
    let mut k = Contract::default();
    let catalog = catalog(&c, &mut k).await;
    let r = c
        .post("/v1/customers", &[("email", "old@example.com")])
        .await;
    let customer = r.id();
    let r = c
        .post(
            "/v1/subscriptions",
            &[
                ("customer", customer.as_str()),
                ("items[0][price]", catalog.basic.as_str()),
            ],
        )
        .await;
    let genuine = k.check("create subscription", &r, 200);
    assert_eq!(k.report(&[]), "", "the genuine reply must pass first");

    let mut old = r.clone();
    let mut body = genuine.clone();
    // Before basil: `plan` beside `price`, periods on the subscription, not its items.
    body["plan"] = body["items"]["data"][0]["price"].clone();
    body["current_period_end"] = body["items"]["data"][0]["current_period_end"].clone();
    body["items"]["data"][0]
        .as_object_mut()
        .expect("an item object")
        .remove("current_period_end");
    body["items"]["data"][0]["price"]["recurring"]["interval"] = json!("mnth");
    old.json = Some(body);
    k.check("create subscription (old shape)", &old, 200);
    let report = k.report(&[]);
    for expected in [
        "$.plan: unknown property",
        "$.current_period_end: unknown property",
        "$.items.data[*].current_period_end: missing required property",
        "$.items.data[*].price.recurring.interval: \"mnth\" not in enum",
    ] {
        assert!(
            report.contains(expected),
            "{expected:?} not reported in:\n{report}"
        );
    }
}

async fn catalog(c: &Client, k: &mut Contract) -> Catalog {
    let r = c
        .post(
            "/v1/products",
            &[("name", "Contract Pro"), ("metadata[tier]", "pro")],
        )
        .await;
    let product_body = k.check("create product", &r, 200);
    k.ensure_eq(
        "create product",
        &product_body,
        "/metadata/tier",
        json!("pro"),
    );
    let product = r.id();
    let r = c.get(&format!("/v1/products/{product}"), &[]).await;
    k.check("retrieve product", &r, 200);
    let r = c.get("/v1/products", &[("limit", "100")]).await;
    let list = k.check("list products", &r, 200);
    k.ensure("list products", ids(&list).contains(&product), || {
        format!("{product} missing from the list")
    });

    let price = |amount: &'static str, interval: &'static str| {
        let product = product.clone();
        async move {
            c.post(
                "/v1/prices",
                &[
                    ("product", product.as_str()),
                    ("currency", "usd"),
                    ("unit_amount", amount),
                    ("recurring[interval]", interval),
                    ("nickname", interval),
                ],
            )
            .await
        }
    };
    let r = price("1000", "month").await;
    let basic_body = k.check("create monthly price", &r, 200);
    k.ensure_eq(
        "create monthly price",
        &basic_body,
        "/recurring/interval",
        json!("month"),
    );
    k.ensure_eq(
        "create monthly price",
        &basic_body,
        "/unit_amount",
        json!(1000),
    );
    let basic = r.id();
    let r = price("2500", "month").await;
    k.check("create second monthly price", &r, 200);
    let pro = r.id();
    let r = price("24000", "year").await;
    k.check("create yearly price", &r, 200);
    let r = c
        .post(
            "/v1/prices",
            &[
                ("product", product.as_str()),
                ("currency", "usd"),
                ("unit_amount", "5"),
                ("recurring[interval]", "month"),
                ("recurring[usage_type]", "metered"),
            ],
        )
        .await;
    let metered = k.check("create metered price", &r, 200);
    k.ensure_eq(
        "create metered price",
        &metered,
        "/recurring/usage_type",
        json!("metered"),
    );

    let r = c.get(&format!("/v1/prices/{basic}"), &[]).await;
    k.check("retrieve price", &r, 200);
    let r = c
        .get(
            "/v1/prices",
            &[("product", product.as_str()), ("expand[]", "data.product")],
        )
        .await;
    let list = k.check("list prices of a product, product expanded", &r, 200);
    k.ensure("list prices of a product", ids(&list).len() == 4, || {
        format!("expected the 4 prices, got {:?}", ids(&list))
    });
    k.ensure_expanded(
        "list prices, expand[]=data.product",
        &list,
        "/data/0/product",
    );

    let r = c
        .post(
            "/v1/prices",
            &[("product", product.as_str()), ("unit_amount", "100")],
        )
        .await;
    let body = k.check_error(
        "create price without currency",
        &r,
        400,
        "invalid_request_error",
        Some("parameter_missing"),
    );
    k.ensure_eq(
        "create price without currency",
        &body,
        "/error/param",
        json!("currency"),
    );
    let r = c
        .post(
            "/v1/prices",
            &[
                ("product", product.as_str()),
                ("currency", "usd"),
                ("unit_amount", "abc"),
            ],
        )
        .await;
    let body = k.check_error(
        "create price with a non-integer amount",
        &r,
        400,
        "invalid_request_error",
        None,
    );
    k.ensure_eq(
        "create price with a non-integer amount",
        &body,
        "/error/param",
        json!("unit_amount"),
    );
    let r = c.get("/v1/prices/price_doesnotexist", &[]).await;
    k.check_error(
        "retrieve missing price",
        &r,
        404,
        "invalid_request_error",
        Some("resource_missing"),
    );
    let r = c.get("/v1/products/prod_doesnotexist", &[]).await;
    k.check_error(
        "retrieve missing product",
        &r,
        404,
        "invalid_request_error",
        Some("resource_missing"),
    );

    Catalog { basic, pro }
}

async fn customers(c: &Client, k: &mut Contract) -> String {
    let email = format!("ada-{}@example.com", random_token(4));
    let r = c
        .post(
            "/v1/customers",
            &[
                ("email", email.as_str()),
                ("name", "Ada Lovelace"),
                ("phone", "+15555550100"),
                ("address[line1]", "1 Main St"),
                ("address[city]", "Springfield"),
                ("address[postal_code]", "12345"),
                ("address[country]", "US"),
                ("preferred_locales[]", "en"),
                ("metadata[source]", "contract"),
            ],
        )
        .await;
    let body = k.check("create customer", &r, 200);
    k.ensure_eq("create customer", &body, "/email", json!(email));
    k.ensure_eq("create customer", &body, "/address/country", json!("US"));
    let customer = r.id();

    let r = c.get(&format!("/v1/customers/{customer}"), &[]).await;
    k.check("retrieve customer", &r, 200);
    let r = c
        .post(
            &format!("/v1/customers/{customer}"),
            &[("name", "Ada King"), ("metadata[plan]", "pro")],
        )
        .await;
    let body = k.check("update customer", &r, 200);
    k.ensure_eq("update customer", &body, "/name", json!("Ada King"));
    k.ensure_eq(
        "update customer merges metadata",
        &body,
        "/metadata/source",
        json!("contract"),
    );
    k.ensure_eq("update customer", &body, "/metadata/plan", json!("pro"));
    let r = c.get("/v1/customers", &[("email", email.as_str())]).await;
    let list = k.check("list customers by email", &r, 200);
    k.ensure(
        "list customers by email",
        ids(&list) == vec![customer.clone()],
        || format!("expected exactly [{customer}], got {:?}", ids(&list)),
    );

    // Tax ids.
    let tax_ids = format!("/v1/customers/{customer}/tax_ids");
    let r = c
        .post(&tax_ids, &[("type", "eu_vat"), ("value", "DE123456789")])
        .await;
    let body = k.check("create tax id", &r, 200);
    k.ensure_eq("create tax id", &body, "/type", json!("eu_vat"));
    let tax_id = r.id();
    let r = c.get(&format!("{tax_ids}/{tax_id}"), &[]).await;
    k.check("retrieve tax id", &r, 200);
    let r = c.get(&tax_ids, &[]).await;
    let list = k.check("list tax ids", &r, 200);
    k.ensure("list tax ids", ids(&list).contains(&tax_id), || {
        format!("{tax_id} not listed")
    });
    let r = c
        .get(
            &format!("/v1/customers/{customer}"),
            &[("expand[]", "tax_ids")],
        )
        .await;
    let body = k.check("retrieve customer, tax_ids included", &r, 200);
    k.ensure(
        "retrieve customer, expand[]=tax_ids",
        ids(&body["tax_ids"]).contains(&tax_id),
        || format!("tax_ids is {}", short(body.get("tax_ids"))),
    );
    let r = c.delete(&format!("{tax_ids}/{tax_id}"), &[]).await;
    let body = k.check("delete tax id", &r, 200);
    k.ensure_eq("delete tax id", &body, "/deleted", json!(true));

    // A throwaway customer to delete.
    let r = c
        .post("/v1/customers", &[("email", "gone@example.com")])
        .await;
    k.check("create customer to delete", &r, 200);
    let gone = r.id();
    // On the throwaway customer, so a wrongly accepted tax id does not spread to later steps.
    let r = c
        .post(
            &format!("/v1/customers/{gone}/tax_ids"),
            &[("type", "not_a_type"), ("value", "1")],
        )
        .await;
    let body = k.check_error(
        "create tax id of an unknown type",
        &r,
        400,
        "invalid_request_error",
        None,
    );
    k.ensure_eq(
        "create tax id of an unknown type",
        &body,
        "/error/param",
        json!("type"),
    );
    let r = c.delete(&format!("/v1/customers/{gone}"), &[]).await;
    let body = k.check("delete customer", &r, 200);
    k.ensure_eq("delete customer", &body, "/deleted", json!(true));
    let r = c.get(&format!("/v1/customers/{gone}"), &[]).await;
    let body = k.check("retrieve deleted customer", &r, 200);
    k.ensure_eq("retrieve deleted customer", &body, "/deleted", json!(true));

    let r = c.get("/v1/customers/cus_doesnotexist", &[]).await;
    k.check_error(
        "retrieve missing customer",
        &r,
        404,
        "invalid_request_error",
        Some("resource_missing"),
    );
    let r = c
        .post("/v1/customers/cus_doesnotexist", &[("name", "x")])
        .await;
    k.check_error(
        "update missing customer",
        &r,
        404,
        "invalid_request_error",
        Some("resource_missing"),
    );
    let r = c.post("/v1/customers", &[("not_a_param", "x")]).await;
    let body = k.check_error(
        "create customer with an unknown parameter",
        &r,
        400,
        "invalid_request_error",
        Some("parameter_unknown"),
    );
    k.ensure_eq(
        "create customer with an unknown parameter",
        &body,
        "/error/param",
        json!("not_a_param"),
    );
    customer
}

async fn new_card(c: &Client, k: &mut Contract, step: &str, token: &str) -> String {
    let r = c
        .post(
            "/v1/payment_methods",
            &[("type", "card"), ("card[token]", token)],
        )
        .await;
    let body = k.check(step, &r, 200);
    k.ensure_eq(step, &body, "/type", json!("card"));
    r.id()
}

async fn attach(c: &Client, k: &mut Contract, step: &str, pm: &str, customer: &str) -> Value {
    let r = c
        .post(
            &format!("/v1/payment_methods/{pm}/attach"),
            &[("customer", customer)],
        )
        .await;
    let body = k.check(step, &r, 200);
    k.ensure_eq(step, &body, "/customer", json!(customer));
    body
}

async fn payment_methods(c: &Client, k: &mut Contract, customer: &str) -> (String, String) {
    let r = c
        .post(
            "/v1/payment_methods",
            &[("type", "card"), ("card[token]", "tok_visa")],
        )
        .await;
    let body = k.check("create card from tok_visa", &r, 200);
    k.ensure_eq(
        "create card from tok_visa",
        &body,
        "/card/brand",
        json!("visa"),
    );
    k.ensure_eq(
        "create card from tok_visa",
        &body,
        "/card/last4",
        json!("4242"),
    );
    k.ensure_eq("create card from tok_visa", &body, "/customer", Value::Null);
    let visa = r.id();
    let r = c
        .post(
            "/v1/payment_methods",
            &[("type", "card"), ("card[token]", "tok_mastercard")],
        )
        .await;
    let body = k.check("create card from tok_mastercard", &r, 200);
    k.ensure_eq(
        "create card from tok_mastercard",
        &body,
        "/card/brand",
        json!("mastercard"),
    );
    let mastercard = r.id();
    let declined = new_card(
        c,
        k,
        "create card from tok_chargeDeclined",
        "tok_chargeDeclined",
    )
    .await;

    attach(c, k, "attach visa", &visa, customer).await;
    attach(c, k, "attach mastercard", &mastercard, customer).await;
    // Stripe checks a card when it is attached: this one is declined there.
    let r = c
        .post(
            &format!("/v1/payment_methods/{declined}/attach"),
            &[("customer", customer)],
        )
        .await;
    k.check_error(
        "attach tok_chargeDeclined card",
        &r,
        402,
        "card_error",
        Some("card_declined"),
    );

    let r = c
        .get(
            "/v1/payment_methods",
            &[("customer", customer), ("type", "card")],
        )
        .await;
    let list = k.check("list customer's cards", &r, 200);
    let listed = ids(&list);
    k.ensure(
        "list customer's cards",
        listed.contains(&visa) && listed.contains(&mastercard),
        || format!("expected {visa} and {mastercard}, got {listed:?}"),
    );
    let r = c
        .get(
            &format!("/v1/customers/{customer}/payment_methods"),
            &[("type", "card")],
        )
        .await;
    let list = k.check("list customer's payment methods", &r, 200);
    k.ensure(
        "list customer's payment methods",
        ids(&list).len() == 2,
        || format!("expected 2 cards, got {:?}", ids(&list)),
    );
    let r = c.get(&format!("/v1/payment_methods/{visa}"), &[]).await;
    k.check("retrieve payment method", &r, 200);

    let r = c
        .post(
            &format!("/v1/customers/{customer}"),
            &[("invoice_settings[default_payment_method]", visa.as_str())],
        )
        .await;
    let body = k.check("set the customer's default payment method", &r, 200);
    k.ensure_eq(
        "set default payment method",
        &body,
        "/invoice_settings/default_payment_method",
        json!(visa),
    );
    let r = c
        .get(
            &format!("/v1/customers/{customer}"),
            &[("expand[]", "invoice_settings.default_payment_method")],
        )
        .await;
    let body = k.check(
        "retrieve customer, default payment method expanded",
        &r,
        200,
    );
    k.ensure_expanded(
        "expand[]=invoice_settings.default_payment_method",
        &body,
        "/invoice_settings/default_payment_method",
    );

    let spare = new_card(c, k, "create a card to detach", "tok_visa").await;
    attach(c, k, "attach a card to detach", &spare, customer).await;
    let r = c
        .post(&format!("/v1/payment_methods/{spare}/detach"), &[])
        .await;
    let body = k.check("detach payment method", &r, 200);
    k.ensure_eq("detach payment method", &body, "/customer", Value::Null);
    let r = c
        .post(&format!("/v1/payment_methods/{spare}/detach"), &[])
        .await;
    k.check_error(
        "detach a detached payment method",
        &r,
        400,
        "invalid_request_error",
        None,
    );

    let r = c.get("/v1/payment_methods/pm_doesnotexist", &[]).await;
    k.check_error(
        "retrieve missing payment method",
        &r,
        404,
        "invalid_request_error",
        Some("resource_missing"),
    );
    let other = new_card(c, k, "create a card for a missing customer", "tok_visa").await;
    let r = c
        .post(
            &format!("/v1/payment_methods/{other}/attach"),
            &[("customer", "cus_doesnotexist")],
        )
        .await;
    k.check_error(
        "attach to a missing customer",
        &r,
        400,
        "invalid_request_error",
        Some("resource_missing"),
    );
    let r = c
        .post(
            "/v1/payment_methods",
            &[("type", "card"), ("card[token]", "tok_doesnotexist")],
        )
        .await;
    k.check_error(
        "create card from an unknown token",
        &r,
        400,
        "invalid_request_error",
        None,
    );
    (visa, mastercard)
}

async fn setup_intents(c: &Client, k: &mut Contract, customer: &str) {
    let r = c
        .post(
            "/v1/setup_intents",
            &[
                ("customer", customer),
                ("payment_method_types[]", "card"),
                ("usage", "off_session"),
            ],
        )
        .await;
    let body = k.check("create setup intent", &r, 200);
    k.ensure_eq(
        "create setup intent",
        &body,
        "/status",
        json!("requires_payment_method"),
    );
    let intent = r.id();
    let r = c.get(&format!("/v1/setup_intents/{intent}"), &[]).await;
    k.check("retrieve setup intent", &r, 200);
    let card = new_card(c, k, "create card for a setup intent", "tok_mastercard").await;
    let r = c
        .post(
            &format!("/v1/setup_intents/{intent}/confirm"),
            &[("payment_method", card.as_str())],
        )
        .await;
    let body = k.check("confirm setup intent", &r, 200);
    k.ensure_eq("confirm setup intent", &body, "/status", json!("succeeded"));
    let r = c
        .get(
            &format!("/v1/setup_intents/{intent}"),
            &[("expand[]", "payment_method")],
        )
        .await;
    let body = k.check("retrieve setup intent, payment method expanded", &r, 200);
    k.ensure_expanded("expand[]=payment_method", &body, "/payment_method");
    k.ensure_eq(
        "confirmed card is attached",
        &body,
        "/payment_method/customer",
        json!(customer),
    );
    let r = c.get("/v1/setup_intents/seti_doesnotexist", &[]).await;
    k.check_error(
        "retrieve missing setup intent",
        &r,
        404,
        "invalid_request_error",
        Some("resource_missing"),
    );
}

async fn checkout(c: &Client, k: &mut Contract, customer: &str) {
    let success = "http://127.0.0.1:9/done?session_id={CHECKOUT_SESSION_ID}";
    let r = c
        .post(
            "/v1/checkout/sessions",
            &[
                ("mode", "setup"),
                ("customer", customer),
                ("currency", "usd"),
                ("payment_method_types[]", "card"),
                ("success_url", success),
                ("cancel_url", "http://127.0.0.1:9/cancel"),
            ],
        )
        .await;
    let body = k.check("create setup-mode checkout session", &r, 200);
    k.ensure_eq("create checkout session", &body, "/mode", json!("setup"));
    k.ensure_eq("create checkout session", &body, "/status", json!("open"));
    let session = r.id();
    let url = str_at(&body, "/url");
    let r = c
        .get(&format!("/v1/checkout/sessions/{session}"), &[])
        .await;
    k.check("retrieve checkout session", &r, 200);

    let page = c.fetch(&url).await;
    let html = String::from_utf8_lossy(&page.body).to_string();
    k.ensure("open checkout page", page.status == 200, || {
        format!("GET {url} answered {}", page.status)
    });
    let form = first_form(&html);
    k.ensure("checkout page", form.is_some(), || {
        "no <form action=…> to complete the session".into()
    });
    if let Some((action, fields)) = form {
        let action = if action.starts_with('/') {
            let origin: String = url.splitn(4, '/').take(3).collect::<Vec<_>>().join("/");
            format!("{origin}{action}")
        } else {
            action
        };
        let done = c.submit(&action, &fields).await;
        let location = done.header("location").unwrap_or("");
        k.ensure(
            "complete checkout page",
            (300..400).contains(&done.status),
            || {
                format!(
                    "POST {action} answered {}, expected a redirect to success_url",
                    done.status
                )
            },
        );
        let expected = format!("http://127.0.0.1:9/done?session_id={session}");
        k.ensure("complete checkout page", location == expected, || {
            format!("redirected to {location:?}, expected {expected:?} ({{CHECKOUT_SESSION_ID}} filled in)")
        });
    }
    let r = c
        .get(
            &format!("/v1/checkout/sessions/{session}"),
            &[
                ("expand[]", "setup_intent"),
                ("expand[]", "setup_intent.payment_method"),
            ],
        )
        .await;
    let body = k.check("retrieve completed checkout session", &r, 200);
    k.ensure_eq(
        "completed checkout session",
        &body,
        "/status",
        json!("complete"),
    );
    k.ensure_expanded("expand[]=setup_intent", &body, "/setup_intent");
    k.ensure_eq(
        "completed checkout session",
        &body,
        "/setup_intent/status",
        json!("succeeded"),
    );
    k.ensure_expanded(
        "expand[]=setup_intent.payment_method",
        &body,
        "/setup_intent/payment_method",
    );

    let r = c
        .post(
            "/v1/checkout/sessions",
            &[
                ("mode", "not_a_mode"),
                ("customer", customer),
                ("success_url", success),
            ],
        )
        .await;
    k.check_error(
        "create checkout session with a bad mode",
        &r,
        400,
        "invalid_request_error",
        None,
    );
    let r = c
        .get("/v1/checkout/sessions/cs_test_doesnotexist", &[])
        .await;
    k.check_error(
        "retrieve missing checkout session",
        &r,
        404,
        "invalid_request_error",
        Some("resource_missing"),
    );
}

async fn subscriptions(
    c: &Client,
    k: &mut Contract,
    cat: &Catalog,
    customer: &str,
    visa: &str,
    mastercard: &str,
) {
    let r = c
        .post(
            "/v1/subscriptions",
            &[
                ("customer", customer),
                ("items[0][price]", cat.basic.as_str()),
                ("default_payment_method", visa),
                ("metadata[origin]", "contract"),
                ("expand[]", "latest_invoice"),
            ],
        )
        .await;
    let body = k.check("create subscription", &r, 200);
    k.ensure_eq("create subscription", &body, "/status", json!("active"));
    k.ensure_expanded(
        "create subscription, expand[]=latest_invoice",
        &body,
        "/latest_invoice",
    );
    k.ensure_eq(
        "create subscription",
        &body,
        "/latest_invoice/status",
        json!("paid"),
    );
    let sub = r.id();
    let item = str_at(&body, "/items/data/0/id");
    let path = format!("/v1/subscriptions/{sub}");

    let r = c
        .get(
            &path,
            &[
                ("expand[]", "customer"),
                ("expand[]", "latest_invoice"),
                ("expand[]", "default_payment_method"),
                ("expand[]", "items.data.price.product"),
            ],
        )
        .await;
    let body = k.check("retrieve subscription, expanded", &r, 200);
    for pointer in [
        "/customer",
        "/latest_invoice",
        "/default_payment_method",
        "/items/data/0/price/product",
    ] {
        k.ensure_expanded("retrieve subscription, expanded", &body, pointer);
    }
    let r = c.get(&format!("/v1/customers/{customer}"), &[]).await;
    let body = k.check("retrieve subscribed customer", &r, 200);
    k.ensure_eq(
        "a subscription sets the customer's currency",
        &body,
        "/currency",
        json!("usd"),
    );
    let r = c
        .get(
            "/v1/subscriptions",
            &[
                ("customer", customer),
                ("status", "all"),
                ("expand[]", "data.default_payment_method"),
            ],
        )
        .await;
    let list = k.check("list subscriptions", &r, 200);
    k.ensure("list subscriptions", ids(&list).contains(&sub), || {
        format!("{sub} not listed")
    });
    k.ensure_expanded(
        "list subscriptions, expand[]=data.default_payment_method",
        &list,
        "/data/0/default_payment_method",
    );

    let r = c
        .post(
            &path,
            &[
                ("items[0][id]", item.as_str()),
                ("items[0][price]", cat.pro.as_str()),
                ("proration_behavior", "create_prorations"),
            ],
        )
        .await;
    let body = k.check("change the subscription's price", &r, 200);
    k.ensure_eq(
        "change price",
        &body,
        "/items/data/0/price/id",
        json!(cat.pro),
    );
    let r = c
        .post(
            &path,
            &[("items[0][id]", item.as_str()), ("items[0][quantity]", "2")],
        )
        .await;
    let body = k.check("change the quantity", &r, 200);
    k.ensure_eq("change quantity", &body, "/items/data/0/quantity", json!(2));
    let r = c
        .post(&path, &[("default_payment_method", mastercard)])
        .await;
    let body = k.check("change the default payment method", &r, 200);
    k.ensure_eq(
        "change default payment method",
        &body,
        "/default_payment_method",
        json!(mastercard),
    );
    let r = c
        .post(
            &path,
            &[
                ("cancel_at_period_end", "true"),
                ("cancellation_details[feedback]", "too_expensive"),
                ("cancellation_details[comment]", "contract test"),
            ],
        )
        .await;
    let body = k.check("cancel at period end with details", &r, 200);
    k.ensure_eq(
        "cancel at period end",
        &body,
        "/cancel_at_period_end",
        json!(true),
    );
    k.ensure_eq(
        "cancellation details",
        &body,
        "/cancellation_details/feedback",
        json!("too_expensive"),
    );
    k.ensure_eq(
        "cancellation details",
        &body,
        "/cancellation_details/comment",
        json!("contract test"),
    );
    let r = c.post(&path, &[("cancel_at_period_end", "false")]).await;
    let body = k.check("renew (undo cancel at period end)", &r, 200);
    k.ensure_eq(
        "undo cancel at period end",
        &body,
        "/cancel_at_period_end",
        json!(false),
    );
    let cancel_at = now() + 3 * DAY;
    let r = c
        .post(&path, &[("cancel_at", &cancel_at.to_string())])
        .await;
    let body = k.check("set cancel_at", &r, 200);
    k.ensure_eq("set cancel_at", &body, "/cancel_at", json!(cancel_at));
    let r = c.post(&path, &[("cancel_at", "")]).await;
    let body = k.check("clear cancel_at", &r, 200);
    k.ensure_eq("clear cancel_at", &body, "/cancel_at", Value::Null);
    let r = c
        .post(&path, &[("pause_collection[behavior]", "void")])
        .await;
    let body = k.check("pause collection", &r, 200);
    k.ensure_eq(
        "pause collection",
        &body,
        "/pause_collection/behavior",
        json!("void"),
    );
    let r = c.post(&path, &[("pause_collection", "")]).await;
    let body = k.check("resume collection", &r, 200);
    k.ensure_eq("resume collection", &body, "/pause_collection", Value::Null);
    let r = c.post(&path, &[("cancel_at_period_end", "maybe")]).await;
    k.check_error(
        "update subscription with a non-boolean",
        &r,
        400,
        "invalid_request_error",
        None,
    );

    // Preview of a price change back to the cheaper price.
    let r = c
        .post(
            "/v1/invoices/create_preview",
            &[
                ("customer", customer),
                ("subscription", sub.as_str()),
                ("subscription_details[items][0][id]", item.as_str()),
                ("subscription_details[items][0][price]", cat.basic.as_str()),
                (
                    "subscription_details[proration_behavior]",
                    "create_prorations",
                ),
            ],
        )
        .await;
    let body = k.check("preview a price change", &r, 200);
    let prorations = body["lines"]["data"].as_array().map_or(0, |lines| {
        lines
            .iter()
            .filter(|l| {
                l.pointer("/parent/subscription_item_details/proration") == Some(&json!(true))
            })
            .count()
    });
    k.ensure("preview a price change", prorations > 0, || {
        "no line with parent.subscription_item_details.proration = true".into()
    });
    let r = c
        .post(
            "/v1/invoices/create_preview",
            &[("subscription", "sub_doesnotexist")],
        )
        .await;
    k.check_error(
        "preview for a missing subscription",
        &r,
        400,
        "invalid_request_error",
        Some("resource_missing"),
    );

    let r = c.delete(&path, &[]).await;
    let body = k.check("cancel subscription", &r, 200);
    k.ensure_eq("cancel subscription", &body, "/status", json!("canceled"));
    k.ensure("cancel subscription", body["ended_at"].is_i64(), || {
        "ended_at not set".into()
    });
    let r = c
        .post(
            &path,
            &[
                ("items[0][id]", item.as_str()),
                ("items[0][price]", cat.basic.as_str()),
            ],
        )
        .await;
    k.check_error(
        "change the price of a canceled subscription",
        &r,
        400,
        "invalid_request_error",
        None,
    );
    let r = c
        .post(
            "/v1/subscriptions",
            &[
                ("customer", customer),
                ("items[0][price]", "price_doesnotexist"),
            ],
        )
        .await;
    let body = k.check_error(
        "subscribe to a missing price",
        &r,
        400,
        "invalid_request_error",
        Some("resource_missing"),
    );
    k.ensure_eq(
        "subscribe to a missing price",
        &body,
        "/error/param",
        json!("items[0][price]"),
    );
    let r = c.get("/v1/subscriptions/sub_doesnotexist", &[]).await;
    k.check_error(
        "retrieve missing subscription",
        &r,
        404,
        "invalid_request_error",
        Some("resource_missing"),
    );
}

async fn schedules(c: &Client, k: &mut Contract, cat: &Catalog, customer: &str) {
    let r = c
        .post(
            "/v1/subscriptions",
            &[
                ("customer", customer),
                ("items[0][price]", cat.pro.as_str()),
            ],
        )
        .await;
    k.check("create subscription to downgrade", &r, 200);
    let sub = r.id();
    let r = c
        .post(
            "/v1/subscription_schedules",
            &[("from_subscription", sub.as_str())],
        )
        .await;
    let body = k.check("create schedule from subscription", &r, 200);
    k.ensure_eq("create schedule", &body, "/subscription", json!(sub));
    let schedule = r.id();
    let start = body
        .pointer("/phases/0/start_date")
        .and_then(Value::as_i64)
        .unwrap_or(0);
    let end = body
        .pointer("/phases/0/end_date")
        .and_then(Value::as_i64)
        .unwrap_or(0);
    let (start, end) = (start.to_string(), end.to_string());
    let r = c
        .post(
            &format!("/v1/subscription_schedules/{schedule}"),
            &[
                ("phases[0][items][0][price]", cat.pro.as_str()),
                ("phases[0][start_date]", start.as_str()),
                ("phases[0][end_date]", end.as_str()),
                ("phases[1][items][0][price]", cat.basic.as_str()),
                ("phases[1][duration][interval]", "month"),
                ("end_behavior", "release"),
            ],
        )
        .await;
    let body = k.check("schedule a downgrade at period end", &r, 200);
    k.ensure_eq(
        "schedule a downgrade",
        &body,
        "/phases/1/items/0/price",
        json!(cat.basic),
    );
    k.ensure_eq(
        "schedule a downgrade",
        &body,
        "/phases/1/start_date",
        json!(end.parse::<i64>().unwrap_or(0)),
    );
    let r = c
        .get(&format!("/v1/subscription_schedules/{schedule}"), &[])
        .await;
    k.check("retrieve schedule", &r, 200);
    let r = c
        .get(
            &format!("/v1/subscriptions/{sub}"),
            &[("expand[]", "schedule")],
        )
        .await;
    let body = k.check("retrieve scheduled subscription", &r, 200);
    k.ensure_expanded("expand[]=schedule", &body, "/schedule");
    let r = c
        .get(
            "/v1/subscriptions",
            &[
                ("customer", customer),
                ("limit", "1"),
                ("expand[]", "data.schedule"),
            ],
        )
        .await;
    let body = k.check("list subscriptions, schedules expanded", &r, 200);
    k.ensure_expanded("expand[]=data.schedule", &body, "/data/0/schedule");
    let r = c
        .post(
            &format!("/v1/subscription_schedules/{schedule}/release"),
            &[],
        )
        .await;
    let body = k.check("release schedule", &r, 200);
    k.ensure_eq("release schedule", &body, "/status", json!("released"));
    let r = c
        .post(
            "/v1/subscription_schedules",
            &[("from_subscription", "sub_doesnotexist")],
        )
        .await;
    k.check_error(
        "schedule a missing subscription",
        &r,
        400,
        "invalid_request_error",
        Some("resource_missing"),
    );
    let r = c
        .get("/v1/subscription_schedules/sub_sched_doesnotexist", &[])
        .await;
    k.check_error(
        "retrieve missing schedule",
        &r,
        404,
        "invalid_request_error",
        Some("resource_missing"),
    );
}

async fn send_invoice_subscription(
    c: &Client,
    k: &mut Contract,
    step: &str,
    price: &str,
    customer: &str,
) -> String {
    let r = c
        .post(
            "/v1/subscriptions",
            &[
                ("customer", customer),
                ("items[0][price]", price),
                ("collection_method", "send_invoice"),
                ("days_until_due", "30"),
            ],
        )
        .await;
    let body = k.check(step, &r, 200);
    let invoice = str_at(&body, "/latest_invoice");
    let r = c.get(&format!("/v1/invoices/{invoice}"), &[]).await;
    let body = k.check(step, &r, 200);
    k.ensure_eq(step, &body, "/status", json!("open"));
    invoice
}

async fn invoices(c: &Client, k: &mut Contract, cat: &Catalog, customer: &str) {
    let r = c
        .get("/v1/invoices", &[("customer", customer), ("limit", "100")])
        .await;
    let list = k.check("list invoices", &r, 200);
    let first = list["data"]
        .as_array()
        .and_then(|a| a.last())
        .cloned()
        .unwrap_or(Value::Null);
    k.ensure("list invoices", first.is_object(), || {
        "the customer has no invoices".into()
    });
    let invoice = str_at(&first, "/id");
    let r = c
        .get(
            &format!("/v1/invoices/{invoice}"),
            &[("expand[]", "customer")],
        )
        .await;
    let body = k.check("retrieve invoice, customer expanded", &r, 200);
    k.ensure_expanded("expand[]=customer", &body, "/customer");
    k.ensure("retrieve invoice", body["number"].is_string(), || {
        "a finalized invoice has a number".into()
    });
    let r = c.get(&format!("/v1/invoices/{invoice}/lines"), &[]).await;
    let lines = k.check("list invoice lines", &r, 200);
    k.ensure("list invoice lines", !ids(&lines).is_empty(), || {
        "no lines".into()
    });

    let pdf = c.fetch(&str_at(&body, "/invoice_pdf")).await;
    k.ensure(
        "fetch invoice_pdf",
        pdf.status == 200 && pdf.body.starts_with(b"%PDF"),
        || {
            format!(
                "answered {} with {} bytes not starting with %PDF",
                pdf.status,
                pdf.body.len()
            )
        },
    );
    let ct = pdf.header("content-type").unwrap_or("").to_string();
    k.ensure(
        "fetch invoice_pdf",
        ct.starts_with("application/pdf"),
        || format!("content-type {ct:?}"),
    );
    let page = c.fetch(&str_at(&body, "/hosted_invoice_url")).await;
    let ct = page.header("content-type").unwrap_or("").to_string();
    k.ensure(
        "fetch hosted_invoice_url",
        page.status == 200 && ct.starts_with("text/html"),
        || format!("answered {} with content-type {ct:?}", page.status),
    );

    let open = send_invoice_subscription(
        c,
        k,
        "send_invoice subscription to pay",
        &cat.basic,
        customer,
    )
    .await;
    let r = c
        .post(
            &format!("/v1/invoices/{open}/pay"),
            &[("paid_out_of_band", "true")],
        )
        .await;
    let body = k.check("pay invoice", &r, 200);
    k.ensure_eq("pay invoice", &body, "/status", json!("paid"));
    let r = c.post(&format!("/v1/invoices/{open}/pay"), &[]).await;
    k.check_error("pay a paid invoice", &r, 400, "invalid_request_error", None);

    let to_void = send_invoice_subscription(
        c,
        k,
        "send_invoice subscription to void",
        &cat.basic,
        customer,
    )
    .await;
    let r = c.post(&format!("/v1/invoices/{to_void}/void"), &[]).await;
    let body = k.check("void invoice", &r, 200);
    k.ensure_eq("void invoice", &body, "/status", json!("void"));
    let r = c.post(&format!("/v1/invoices/{to_void}/void"), &[]).await;
    k.check_error(
        "void a void invoice",
        &r,
        400,
        "invalid_request_error",
        None,
    );

    let r = c
        .post(
            "/v1/invoices",
            &[
                ("customer", customer),
                ("auto_advance", "false"),
                ("collection_method", "send_invoice"),
                ("days_until_due", "7"),
            ],
        )
        .await;
    let body = k.check("create draft invoice", &r, 200);
    k.ensure_eq("create draft invoice", &body, "/status", json!("draft"));
    let draft = r.id();
    let r = c.post(&format!("/v1/invoices/{draft}/finalize"), &[]).await;
    let body = k.check("finalize invoice", &r, 200);
    let status = body["status"].as_str().unwrap_or("");
    k.ensure(
        "finalize invoice",
        status == "open" || status == "paid",
        || format!("status {status:?} after finalize"),
    );
    let r = c.post(&format!("/v1/invoices/{draft}/finalize"), &[]).await;
    k.check_error(
        "finalize a finalized invoice",
        &r,
        400,
        "invalid_request_error",
        None,
    );
    let r = c.get("/v1/invoices/in_doesnotexist", &[]).await;
    k.check_error(
        "retrieve missing invoice",
        &r,
        404,
        "invalid_request_error",
        Some("resource_missing"),
    );
    let r = c.post("/v1/invoices/in_doesnotexist/pay", &[]).await;
    k.check_error(
        "pay missing invoice",
        &r,
        404,
        "invalid_request_error",
        Some("resource_missing"),
    );
}

async fn failed_payment(c: &Client, k: &mut Contract, cat: &Catalog) {
    let r = c
        .post("/v1/customers", &[("email", "fails@example.com")])
        .await;
    k.check("create customer whose card fails", &r, 200);
    let customer = r.id();
    // Attaching works; every charge is declined (Stripe's 4000 0000 0000 0341).
    let failing = new_card(
        c,
        k,
        "create card from tok_chargeCustomerFail",
        "tok_chargeCustomerFail",
    )
    .await;
    attach(
        c,
        k,
        "attach a card that fails on charge",
        &failing,
        &customer,
    )
    .await;
    let r = c
        .post(
            "/v1/subscriptions",
            &[
                ("customer", customer.as_str()),
                ("items[0][price]", cat.basic.as_str()),
                ("default_payment_method", failing.as_str()),
                ("payment_behavior", "allow_incomplete"),
                ("expand[]", "latest_invoice"),
            ],
        )
        .await;
    let body = k.check("subscribe with a card that fails", &r, 200);
    k.ensure_eq(
        "subscribe with a failing card",
        &body,
        "/status",
        json!("incomplete"),
    );
    k.ensure_eq(
        "subscribe with a failing card",
        &body,
        "/latest_invoice/status",
        json!("open"),
    );
    let sub = r.id();
    let invoice = str_at(&body, "/latest_invoice/id");
    let r = c.post(&format!("/v1/invoices/{invoice}/pay"), &[]).await;
    k.check_error(
        "pay with a declined card",
        &r,
        402,
        "card_error",
        Some("card_declined"),
    );
    let good = new_card(c, k, "create a working card", "tok_visa").await;
    attach(c, k, "attach a working card", &good, &customer).await;
    let r = c
        .post(
            &format!("/v1/invoices/{invoice}/pay"),
            &[("payment_method", good.as_str())],
        )
        .await;
    let body = k.check("pay with another card", &r, 200);
    k.ensure_eq("pay with another card", &body, "/status", json!("paid"));
    let r = c.get(&format!("/v1/subscriptions/{sub}"), &[]).await;
    let body = k.check("retrieve the subscription once paid", &r, 200);
    k.ensure_eq("first invoice paid", &body, "/status", json!("active"));
}

async fn test_clocks(c: &Client, k: &mut Contract, cat: &Catalog) {
    let t0 = now();
    let r = c
        .post(
            "/v1/test_helpers/test_clocks",
            &[("frozen_time", &t0.to_string()), ("name", "contract")],
        )
        .await;
    let body = k.check("create test clock", &r, 200);
    k.ensure_eq("create test clock", &body, "/frozen_time", json!(t0));
    let clock = r.id();
    let clock_path = format!("/v1/test_helpers/test_clocks/{clock}");
    let r = c.get("/v1/test_helpers/test_clocks", &[]).await;
    let list = k.check("list test clocks", &r, 200);
    k.ensure("list test clocks", ids(&list).contains(&clock), || {
        format!("{clock} not listed")
    });

    // A paying customer (renews) and a trial without a card (pauses at trial end).
    let r = c
        .post(
            "/v1/customers",
            &[
                ("email", "clock@example.com"),
                ("test_clock", clock.as_str()),
            ],
        )
        .await;
    let body = k.check("create customer on a test clock", &r, 200);
    k.ensure_eq(
        "create customer on a test clock",
        &body,
        "/test_clock",
        json!(clock),
    );
    let payer = r.id();
    let card = new_card(c, k, "create card on a test clock", "tok_visa").await;
    attach(c, k, "attach card on a test clock", &card, &payer).await;
    let r = c
        .post(
            "/v1/subscriptions",
            &[
                ("customer", payer.as_str()),
                ("items[0][price]", cat.basic.as_str()),
                ("default_payment_method", card.as_str()),
            ],
        )
        .await;
    k.check("subscribe on a test clock", &r, 200);
    let renewing = r.id();
    let r = c
        .post(
            "/v1/customers",
            &[
                ("email", "trial@example.com"),
                ("test_clock", clock.as_str()),
            ],
        )
        .await;
    k.check("create trial customer on a test clock", &r, 200);
    let trialer = r.id();
    let r = c
        .post(
            "/v1/subscriptions",
            &[
                ("customer", trialer.as_str()),
                ("items[0][price]", cat.basic.as_str()),
                ("trial_period_days", "3"),
                (
                    "trial_settings[end_behavior][missing_payment_method]",
                    "pause",
                ),
            ],
        )
        .await;
    let body = k.check("start a trial that pauses without a card", &r, 200);
    k.ensure_eq("start a trial", &body, "/status", json!("trialing"));
    let paused = r.id();

    let target = t0 + 32 * DAY;
    let r = c
        .post(
            &format!("{clock_path}/advance"),
            &[("frozen_time", &target.to_string())],
        )
        .await;
    k.check("advance test clock", &r, 200);
    let mut ready = false;
    for _ in 0..100 {
        let r = c.get(&clock_path, &[]).await;
        let body = k.check("retrieve test clock", &r, 200);
        if body["status"] == json!("ready") {
            k.ensure_eq("advanced test clock", &body, "/frozen_time", json!(target));
            ready = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    k.ensure("advance test clock", ready, || {
        "the clock never became ready".into()
    });

    let r = c
        .get(
            "/v1/invoices",
            &[("subscription", renewing.as_str()), ("limit", "10")],
        )
        .await;
    let list = k.check("list invoices after renewal", &r, 200);
    k.ensure("renewal invoices", ids(&list).len() >= 2, || {
        format!(
            "expected the first and a renewal invoice, got {:?}",
            ids(&list)
        )
    });
    let r = c.get(&format!("/v1/subscriptions/{paused}"), &[]).await;
    let body = k.check("retrieve subscription after its trial", &r, 200);
    k.ensure_eq(
        "trial ended without a card",
        &body,
        "/status",
        json!("paused"),
    );

    let card = new_card(c, k, "create card to resume", "tok_visa").await;
    attach(c, k, "attach card to resume", &card, &trialer).await;
    let r = c
        .post(
            &format!("/v1/customers/{trialer}"),
            &[("invoice_settings[default_payment_method]", card.as_str())],
        )
        .await;
    k.check("set default card to resume", &r, 200);
    let r = c
        .post(
            &format!("/v1/subscriptions/{paused}/resume"),
            &[("billing_cycle_anchor", "now")],
        )
        .await;
    let body = k.check("resume paused subscription", &r, 200);
    k.ensure_eq(
        "resume paused subscription",
        &body,
        "/status",
        json!("active"),
    );
    let r = c
        .post(&format!("/v1/subscriptions/{renewing}/resume"), &[])
        .await;
    k.check_error(
        "resume an active subscription",
        &r,
        400,
        "invalid_request_error",
        None,
    );
    let r = c
        .post(
            &format!("{clock_path}/advance"),
            &[("frozen_time", &t0.to_string())],
        )
        .await;
    k.check_error(
        "advance a test clock backwards",
        &r,
        400,
        "invalid_request_error",
        None,
    );

    let r = c.delete(&clock_path, &[]).await;
    let body = k.check("delete test clock", &r, 200);
    k.ensure_eq("delete test clock", &body, "/deleted", json!(true));
    let r = c
        .get("/v1/test_helpers/test_clocks/clock_doesnotexist", &[])
        .await;
    k.check_error(
        "retrieve missing test clock",
        &r,
        404,
        "invalid_request_error",
        Some("resource_missing"),
    );
}

/// Event types Stripe can send, from the spec's `enabled_events` enum.
fn known_event_types() -> Vec<Value> {
    spec()
        .operation("POST", "/v1/webhook_endpoints")
        .ok()
        .and_then(|(_, op)| {
            op.pointer(
                "/requestBody/content/application~1x-www-form-urlencoded/schema/properties/enabled_events/items/enum",
            )
        })
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

async fn events(c: &Client, k: &mut Contract) {
    let known = known_event_types();
    k.ensure("event types", known.len() > 100, || {
        "the spec's event type list is missing".into()
    });
    let mut all = Vec::new();
    let mut after: Option<String> = None;
    for _ in 0..50 {
        let mut params = vec![("limit", "100")];
        if let Some(a) = &after {
            params.push(("starting_after", a.as_str()));
        }
        let r = c.get("/v1/events", &params).await;
        let page = k.check("list events", &r, 200);
        let data = page["data"].as_array().cloned().unwrap_or_default();
        after = data.last().map(|e| str_at(e, "/id"));
        all.extend(data);
        if page["has_more"] != json!(true) || after.is_none() {
            break;
        }
    }
    let mut types = BTreeSet::new();
    for event in &all {
        let ty = str_at(event, "/type");
        let step = format!("event {ty}");
        k.ensure(&step, known.contains(&json!(ty)), || {
            format!("{ty:?} is not a Stripe event type")
        });
        let object = &event["data"]["object"];
        let name = str_at(object, "/object");
        k.check_component(&step, &name, object);
        if ty.ends_with(".updated") {
            let previous = event["data"]["previous_attributes"].as_object();
            k.ensure(&step, previous.is_some_and(|p| !p.is_empty()), || {
                "an .updated event without data.previous_attributes".into()
            });
        }
        // Older values of changed fields: the fields must exist; nested hashes may be partial.
        if let Some(previous) = event["data"]["previous_attributes"].as_object() {
            let properties = spec()
                .component(&name)
                .and_then(|s| s.get("properties"))
                .and_then(Value::as_object);
            for (field, old) in previous {
                match properties.and_then(|p| p.get(field)) {
                    None => k.drift(
                        &step,
                        format!("data.previous_attributes.{field} is not a {name} field"),
                    ),
                    Some(schema) if !old.is_object() => {
                        for v in spec().validate(schema, old) {
                            k.drift(
                                &step,
                                format!("data.previous_attributes.{field}{}", &v.to_string()[1..]),
                            );
                        }
                    }
                    Some(_) => {}
                }
            }
        }
        types.insert(ty);
    }
    for ty in EVENT_TYPES.iter().chain(money::EVENT_TYPES) {
        k.ensure("events recorded", types.contains(*ty), || {
            format!("no {ty} event was recorded")
        });
    }
    let id = all.first().map(|e| str_at(e, "/id")).unwrap_or_default();
    let r = c.get(&format!("/v1/events/{id}"), &[]).await;
    k.check("retrieve event", &r, 200);
    let r = c
        .get(
            "/v1/events",
            &[("type", "customer.subscription.updated"), ("limit", "100")],
        )
        .await;
    let list = k.check("list events of one type", &r, 200);
    let only = list["data"].as_array().is_some_and(|d| {
        !d.is_empty()
            && d.iter()
                .all(|e| e["type"] == json!("customer.subscription.updated"))
    });
    k.ensure("list events of one type", only, || {
        "type filter not applied (or no events)".into()
    });
    let r = c.get("/v1/events/evt_doesnotexist", &[]).await;
    k.check_error(
        "retrieve missing event",
        &r,
        404,
        "invalid_request_error",
        Some("resource_missing"),
    );
}

async fn webhook_endpoints(c: &Client, k: &mut Contract) {
    let r = c
        .post(
            "/v1/webhook_endpoints",
            &[
                ("url", "http://127.0.0.1:9/hook"),
                ("enabled_events[]", "customer.subscription.updated"),
                ("enabled_events[]", "invoice.paid"),
            ],
        )
        .await;
    let body = k.check("create webhook endpoint", &r, 200);
    let secret = str_at(&body, "/secret");
    k.ensure(
        "create webhook endpoint",
        secret.starts_with("whsec_"),
        || format!("secret {secret:?} does not start with whsec_"),
    );
    let endpoint = r.id();
    let r = c.get("/v1/webhook_endpoints", &[]).await;
    let list = k.check("list webhook endpoints", &r, 200);
    k.ensure(
        "list webhook endpoints",
        ids(&list).contains(&endpoint),
        || format!("{endpoint} not listed"),
    );
    let r = c
        .get(&format!("/v1/webhook_endpoints/{endpoint}"), &[])
        .await;
    k.check("retrieve webhook endpoint", &r, 200);
    let r = c
        .delete(&format!("/v1/webhook_endpoints/{endpoint}"), &[])
        .await;
    let body = k.check("delete webhook endpoint", &r, 200);
    k.ensure_eq("delete webhook endpoint", &body, "/deleted", json!(true));
    let r = c
        .get(&format!("/v1/webhook_endpoints/{endpoint}"), &[])
        .await;
    k.check_error(
        "retrieve deleted webhook endpoint",
        &r,
        404,
        "invalid_request_error",
        Some("resource_missing"),
    );
    let r = c
        .post(
            "/v1/webhook_endpoints",
            &[
                ("url", "http://127.0.0.1:9/hook"),
                ("enabled_events[]", "not.an.event"),
            ],
        )
        .await;
    k.check_error(
        "create webhook endpoint for an unknown event",
        &r,
        400,
        "invalid_request_error",
        None,
    );
    let r = c
        .post(
            "/v1/webhook_endpoints",
            &[("enabled_events[]", "invoice.paid")],
        )
        .await;
    let body = k.check_error(
        "create webhook endpoint without url",
        &r,
        400,
        "invalid_request_error",
        Some("parameter_missing"),
    );
    k.ensure_eq(
        "create webhook endpoint without url",
        &body,
        "/error/param",
        json!("url"),
    );
}

async fn pagination(c: &Client, k: &mut Contract) {
    let email = format!("page-{}@example.com", random_token(4));
    let mut created = Vec::new();
    for _ in 0..3 {
        let r = c.post("/v1/customers", &[("email", email.as_str())]).await;
        k.check("create customers to page through", &r, 200);
        created.push(r.id());
    }
    let r = c
        .get(
            "/v1/customers",
            &[("email", email.as_str()), ("limit", "2")],
        )
        .await;
    let first = k.check("list, first page", &r, 200);
    k.ensure_eq("list, first page", &first, "/has_more", json!(true));
    let page1 = ids(&first);
    k.ensure("list, first page", page1.len() == 2, || {
        format!("limit=2 gave {page1:?}")
    });
    // Stripe lists newest first.
    k.ensure(
        "list, newest first",
        page1.first() == created.last(),
        || format!("first page {page1:?}, created {created:?}"),
    );
    let last = page1.last().cloned().unwrap_or_default();
    let r = c
        .get(
            "/v1/customers",
            &[
                ("email", email.as_str()),
                ("limit", "2"),
                ("starting_after", last.as_str()),
            ],
        )
        .await;
    let second = k.check("list, second page", &r, 200);
    k.ensure_eq("list, second page", &second, "/has_more", json!(false));
    let mut seen: Vec<String> = page1.into_iter().chain(ids(&second)).collect();
    seen.sort();
    let mut expected = created.clone();
    expected.sort();
    k.ensure("list, pages", seen == expected, || {
        format!("pages gave {seen:?}, expected {expected:?}")
    });
    let r = c.get("/v1/customers", &[("limit", "101")]).await;
    let body = k.check_error(
        "list with limit above 100",
        &r,
        400,
        "invalid_request_error",
        None,
    );
    k.ensure_eq(
        "list with limit above 100",
        &body,
        "/error/param",
        json!("limit"),
    );
    let r = c
        .get("/v1/customers", &[("starting_after", "cus_doesnotexist")])
        .await;
    k.check_error(
        "list after a missing object",
        &r,
        400,
        "invalid_request_error",
        Some("resource_missing"),
    );
}

async fn idempotency(c: &Client, k: &mut Contract) {
    let key = random_token(16);
    let params = [("email", "idem@example.com"), ("name", "Once")];
    let first = c.post_idempotent("/v1/customers", &params, &key).await;
    let a = k.check("idempotent create", &first, 200);
    let again = c.post_idempotent("/v1/customers", &params, &key).await;
    let b = k.check("idempotent replay", &again, 200);
    k.ensure("idempotent replay", a == b && a.is_object(), || {
        format!(
            "replay answered another body: {} vs {}",
            short(Some(&a)),
            short(Some(&b))
        )
    });
    k.ensure(
        "idempotent replay",
        again.header("idempotent-replayed") == Some("true"),
        || "no Idempotent-Replayed: true header on the replay".into(),
    );
    let r = c
        .get("/v1/customers", &[("email", "idem@example.com")])
        .await;
    let list = k.check("idempotent replay created one customer", &r, 200);
    k.ensure("idempotent replay", ids(&list).len() == 1, || {
        format!("customers {:?}", ids(&list))
    });
    let other = c
        .post_idempotent("/v1/customers", &[("email", "other@example.com")], &key)
        .await;
    k.check_error(
        "idempotency key reused with other params",
        &other,
        400,
        "idempotency_error",
        None,
    );
}

async fn wire_errors(base: &str, c: &Client, k: &mut Contract) {
    let bad_key = Client::new(base, "not_a_key");
    let r = bad_key.get("/v1/customers", &[]).await;
    k.check_error("bad API key", &r, 401, "invalid_request_error", None);
    let no_key = Client::with_authorization(base, None);
    let r = no_key.get("/v1/customers", &[]).await;
    k.check_error("no API key", &r, 401, "invalid_request_error", None);
    let live = Client::new(base, "sk_live_contract");
    let r = live.get("/v1/customers", &[]).await;
    k.ensure("live key", r.status == 401, || {
        format!(
            "a live key answered {} (the stand-in is test mode only)",
            r.status
        )
    });

    // Basic auth with the key as user is Stripe's other accepted form.
    let key = random_secret_key();
    let basic = Client::with_authorization(
        base,
        Some(format!("Basic {}", BASE64.encode(format!("{key}:")))),
    );
    let r = basic.get("/v1/customers", &[]).await;
    k.check("basic auth", &r, 200);

    // An unknown URL answers Stripe's error envelope; no spec operation to look up here.
    let r = c.get("/v1/not_a_resource", &[]).await;
    k.ensure("unknown URL", r.status == 404, || {
        format!("answered {}", r.status)
    });
    k.check_component("unknown URL", "error", r.body_json());
}
