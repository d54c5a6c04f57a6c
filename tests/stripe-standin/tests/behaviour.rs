//! Behaviour of the stand-in over real HTTP, one in-process server per test.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hmac::{Hmac, KeyInit, Mac};
use reqwest::StatusCode;
use serde_json::Value;
use sha2::Sha256;
use stripe_standin::{spawn, Options, Running};

struct Api {
    base: String,
    key: String,
    http: reqwest::Client,
}

fn random_key() -> String {
    let mut b = [0u8; 12];
    getrandom::fill(&mut b).unwrap();
    format!("sk_test_{}", hex::encode(b))
}

async fn start() -> (Running, Api) {
    let opts = Options {
        port: 0,
        webhook_backoff: vec![
            Duration::from_millis(100),
            Duration::from_millis(200),
            Duration::from_millis(300),
        ],
    };
    let s = spawn(opts).await.unwrap();
    let api = Api::new(&s.base_url(), &random_key());
    (s, api)
}

impl Api {
    fn new(base: &str, key: &str) -> Api {
        Api {
            base: base.to_string(),
            key: key.to_string(),
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
        }
    }

    fn with_key(&self, key: &str) -> Api {
        Api::new(&self.base, key)
    }

    async fn send(
        &self,
        req: reqwest::RequestBuilder,
    ) -> (StatusCode, Value, reqwest::header::HeaderMap) {
        let res = req.bearer_auth(&self.key).send().await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let text = res.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::Null),
            headers,
        )
    }

    async fn post(&self, path: &str, form: &[(&str, &str)]) -> (StatusCode, Value) {
        let (s, v, _) = self
            .send(self.http.post(format!("{}{path}", self.base)).form(form))
            .await;
        (s, v)
    }

    async fn ok(&self, path: &str, form: &[(&str, &str)]) -> Value {
        let (s, v) = self.post(path, form).await;
        assert_eq!(s, StatusCode::OK, "POST {path}: {v}");
        v
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        let (s, v, _) = self
            .send(self.http.get(format!("{}{path}", self.base)))
            .await;
        (s, v)
    }

    async fn get_ok(&self, path: &str) -> Value {
        let (s, v) = self.get(path).await;
        assert_eq!(s, StatusCode::OK, "GET {path}: {v}");
        v
    }

    async fn advance(&self, seconds: i64) {
        let res = self
            .http
            .post(format!(
                "{}/_standin/accounts/{}/advance",
                self.base, self.key
            ))
            .json(&serde_json::json!({ "seconds": seconds }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
    }
}

fn id(v: &Value) -> &str {
    v["id"].as_str().unwrap()
}

/// A customer with a default tok_visa card, a product and two monthly prices.
async fn billing_setup(api: &Api, card: &str) -> (String, String, String) {
    let cus = api
        .ok(
            "/v1/customers",
            &[("email", "a@example.com"), ("name", "A")],
        )
        .await;
    let pm = api
        .ok(
            "/v1/payment_methods",
            &[("type", "card"), ("card[token]", card)],
        )
        .await;
    api.ok(
        &format!("/v1/payment_methods/{}/attach", id(&pm)),
        &[("customer", id(&cus))],
    )
    .await;
    api.ok(
        &format!("/v1/customers/{}", id(&cus)),
        &[("invoice_settings[default_payment_method]", id(&pm))],
    )
    .await;
    let prod = api.ok("/v1/products", &[("name", "Plan")]).await;
    let starter = api
        .ok(
            "/v1/prices",
            &[
                ("product", id(&prod)),
                ("currency", "usd"),
                ("unit_amount", "1000"),
                ("recurring[interval]", "month"),
            ],
        )
        .await;
    let pro = api
        .ok(
            "/v1/prices",
            &[
                ("product", id(&prod)),
                ("currency", "usd"),
                ("unit_amount", "3000"),
                ("recurring[interval]", "month"),
            ],
        )
        .await;
    (
        id(&cus).to_string(),
        id(&starter).to_string(),
        id(&pro).to_string(),
    )
}

async fn events_of(api: &Api, ty: &str) -> Vec<Value> {
    api.get_ok(&format!("/v1/events?type={ty}&limit=100")).await["data"]
        .as_array()
        .unwrap()
        .clone()
}

#[tokio::test]
async fn idempotent_replay_returns_the_first_response() {
    let (_s, api) = start().await;
    let req = |email: &'static str| {
        api.http
            .post(format!("{}/v1/customers", api.base))
            .header("Idempotency-Key", "key-1")
            .form(&[("email", email)])
    };
    let (s1, first, _) = api.send(req("x@example.com")).await;
    let (s2, second, h2) = api.send(req("x@example.com")).await;
    assert_eq!(s1, StatusCode::OK);
    assert_eq!(s2, StatusCode::OK);
    assert_eq!(first, second);
    assert_eq!(h2.get("idempotent-replayed").unwrap(), "true");
    let list = api.get_ok("/v1/customers").await;
    assert_eq!(
        list["data"].as_array().unwrap().len(),
        1,
        "replay must not create a second customer"
    );

    // Errors replay too, with their status.
    let bad = || {
        api.http
            .post(format!("{}/v1/customers", api.base))
            .header("Idempotency-Key", "key-2")
            .form(&[("tax_exempt", "maybe")])
    };
    let (e1, b1, _) = api.send(bad()).await;
    let (e2, b2, _) = api.send(bad()).await;
    assert_eq!(e1, StatusCode::BAD_REQUEST);
    assert_eq!((e1, b1), (e2, b2));
}

#[tokio::test]
async fn each_accounts_requests_are_recorded_for_counting() {
    let (_s, api) = start().await;
    let other = api.with_key(&random_key());
    api.ok("/v1/customers", &[("email", "x@example.com")]).await;
    api.get_ok("/v1/customers").await;
    other.get_ok("/v1/products").await;
    let url = format!("{}/_standin/accounts/{}/requests", api.base, api.key);
    let seen: Value = api
        .http
        .get(&url)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        seen["data"],
        serde_json::json!([{"method": "POST", "path": "/v1/customers"},
               {"method": "GET", "path": "/v1/customers"}])
    );
    api.http.delete(&url).send().await.unwrap();
    let seen: Value = api
        .http
        .get(&url)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(seen["data"], serde_json::json!([]));
}

#[tokio::test]
async fn idempotency_key_reused_with_other_params_is_rejected() {
    let (_s, api) = start().await;
    let req = |email: &'static str| {
        api.http
            .post(format!("{}/v1/customers", api.base))
            .header("Idempotency-Key", "same")
            .form(&[("email", email)])
    };
    let (s1, _, _) = api.send(req("one@example.com")).await;
    let (s2, err, _) = api.send(req("two@example.com")).await;
    assert_eq!(s1, StatusCode::OK);
    assert_eq!(s2, StatusCode::BAD_REQUEST);
    assert_eq!(err["error"]["type"], "idempotency_error");
}

#[tokio::test]
async fn two_accounts_with_the_same_customer_id_are_isolated() {
    let (_s, a) = start().await;
    let b = a.with_key(&random_key());
    a.ok(
        "/v1/customers",
        &[("id", "cus_X"), ("email", "a@tenant-a.test")],
    )
    .await;
    b.ok(
        "/v1/customers",
        &[("id", "cus_X"), ("email", "b@tenant-b.test")],
    )
    .await;
    assert_eq!(
        a.get_ok("/v1/customers/cus_X").await["email"],
        "a@tenant-a.test"
    );
    assert_eq!(
        b.get_ok("/v1/customers/cus_X").await["email"],
        "b@tenant-b.test"
    );
    b.ok("/v1/customers/cus_X", &[("name", "Only B")]).await;
    assert!(a.get_ok("/v1/customers/cus_X").await["name"].is_null());
    let only_a = a
        .ok("/v1/customers", &[("email", "solo@tenant-a.test")])
        .await;
    let (status, err) = b.get(&format!("/v1/customers/{}", id(&only_a))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(err["error"]["code"], "resource_missing");
    // The same id twice in one account is refused.
    let (dup, _) = a.post("/v1/customers", &[("id", "cus_X")]).await;
    assert_eq!(dup, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn bad_and_missing_keys_get_401() {
    let (_s, api) = start().await;
    let res = api
        .http
        .get(format!("{}/v1/customers", api.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let bad = api.with_key("pk_test_nope");
    let (status, body) = bad.get("/v1/customers").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"]["type"], "invalid_request_error");
    // Basic auth with the key as user name works.
    let res = api
        .http
        .get(format!("{}/v1/customers", api.base))
        .basic_auth(&api.key, Some(""))
        .header("Stripe-Version", "2026-08-26.dahlia")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers().get("stripe-version").unwrap(),
        "2026-08-26.dahlia"
    );
}

#[tokio::test]
async fn unknown_resource_is_404_resource_missing() {
    let (_s, api) = start().await;
    for path in [
        "/v1/customers/cus_missing",
        "/v1/subscriptions/sub_missing",
        "/v1/invoices/in_missing",
    ] {
        let (status, body) = api.get(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(body["error"]["type"], "invalid_request_error");
        assert_eq!(body["error"]["code"], "resource_missing");
    }
    let (status, _) = api.get("/v1/no_such_endpoint").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn bad_param_is_400_naming_the_param() {
    let (_s, api) = start().await;
    let (status, body) = api.post("/v1/customers", &[("bogus", "1")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["type"], "invalid_request_error");
    assert_eq!(body["error"]["param"], "bogus");
    let (status, body) = api
        .post("/v1/subscriptions", &[("items[0][price]", "price_x")])
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["param"], "customer");
    assert_eq!(body["error"]["code"], "parameter_missing");
    let (status, body) = api.get("/v1/customers?limit=500").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["param"], "limit");
}

#[tokio::test]
async fn lists_paginate_with_starting_after() {
    let (_s, api) = start().await;
    for i in 0..5 {
        api.ok("/v1/customers", &[("email", &format!("c{i}@example.com"))])
            .await;
    }
    let page1 = api.get_ok("/v1/customers?limit=2").await;
    assert_eq!(page1["object"], "list");
    assert_eq!(page1["url"], "/v1/customers");
    assert_eq!(page1["has_more"], true);
    let data1 = page1["data"].as_array().unwrap();
    assert_eq!(data1[0]["email"], "c4@example.com", "newest first");
    let last = id(&data1[1]);
    let page2 = api
        .get_ok(&format!("/v1/customers?limit=10&starting_after={last}"))
        .await;
    assert_eq!(page2["data"].as_array().unwrap().len(), 3);
    assert_eq!(page2["has_more"], false);
    let by_email = api.get_ok("/v1/customers?email=c2%40example.com").await;
    assert_eq!(by_email["data"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn subscription_create_bills_the_default_card_and_expands() {
    let (_s, api) = start().await;
    let (cus, starter, _) = billing_setup(&api, "tok_visa").await;
    let sub = api
        .ok(
            "/v1/subscriptions",
            &[
                ("customer", &cus),
                ("items[0][price]", &starter),
                ("expand[]", "latest_invoice"),
                ("expand[]", "items.data.price.product"),
            ],
        )
        .await;
    assert_eq!(sub["status"], "active");
    assert_eq!(sub["latest_invoice"]["status"], "paid");
    assert_eq!(sub["latest_invoice"]["amount_paid"], 1000);
    assert_eq!(sub["items"]["data"][0]["price"]["product"]["name"], "Plan");
    assert!(
        sub["items"]["data"][0]["current_period_end"]
            .as_i64()
            .unwrap()
            > sub["items"]["data"][0]["current_period_start"]
                .as_i64()
                .unwrap()
    );
    assert!(
        sub.get("current_period_end").is_none(),
        "dahlia keeps periods on items"
    );
    let inv = &sub["latest_invoice"];
    let pdf = api
        .http
        .get(inv["invoice_pdf"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(
        pdf.headers().get("content-type").unwrap(),
        "application/pdf"
    );
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF-1.4"));
    let page = api
        .http
        .get(inv["hosted_invoice_url"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert!(page
        .text()
        .await
        .unwrap()
        .contains(inv["number"].as_str().unwrap()));
}

#[tokio::test]
async fn declined_card_leaves_the_renewal_unpaid_and_the_subscription_past_due() {
    let (_s, api) = start().await;
    let (cus, starter, _) = billing_setup(&api, "tok_visa").await;
    let sub = api
        .ok(
            "/v1/subscriptions",
            &[("customer", &cus), ("items[0][price]", &starter)],
        )
        .await;
    let bad = api
        .ok(
            "/v1/payment_methods",
            &[("type", "card"), ("card[token]", "tok_chargeCustomerFail")],
        )
        .await;
    api.ok(
        &format!("/v1/payment_methods/{}/attach", id(&bad)),
        &[("customer", &cus)],
    )
    .await;
    api.ok(
        &format!("/v1/subscriptions/{}", id(&sub)),
        &[("default_payment_method", id(&bad))],
    )
    .await;
    api.advance(32 * 86_400).await;
    let sub = api
        .get_ok(&format!(
            "/v1/subscriptions/{}?expand[]=latest_invoice",
            id(&sub)
        ))
        .await;
    assert_eq!(sub["status"], "past_due");
    assert_eq!(sub["latest_invoice"]["status"], "open");
    assert_eq!(events_of(&api, "invoice.payment_failed").await.len(), 1);
    let (status, err) = api
        .post(
            &format!(
                "/v1/invoices/{}/pay",
                sub["latest_invoice"]["id"].as_str().unwrap()
            ),
            &[],
        )
        .await;
    assert_eq!(status, StatusCode::PAYMENT_REQUIRED);
    assert_eq!(err["error"]["code"], "card_declined");
}

#[tokio::test]
async fn price_change_with_create_prorations_matches_the_preview() {
    let (_s, api) = start().await;
    let (cus, starter, pro) = billing_setup(&api, "tok_visa").await;
    let sub = api
        .ok(
            "/v1/subscriptions",
            &[("customer", &cus), ("items[0][price]", &starter)],
        )
        .await;
    let si = sub["items"]["data"][0]["id"].as_str().unwrap().to_string();
    let start = sub["items"]["data"][0]["current_period_start"]
        .as_i64()
        .unwrap();
    let proration_date = (start + 10 * 86_400).to_string();
    let preview = api
        .ok(
            "/v1/invoices/create_preview",
            &[
                ("customer", &cus),
                ("subscription", id(&sub)),
                ("subscription_details[items][0][id]", &si),
                ("subscription_details[items][0][price]", &pro),
                (
                    "subscription_details[proration_behavior]",
                    "create_prorations",
                ),
                ("subscription_details[proration_date]", &proration_date),
            ],
        )
        .await;
    let predicted: Vec<(i64, String, Value)> = preview["lines"]["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["parent"]["subscription_item_details"]["proration"] == true)
        .map(|l| {
            (
                l["amount"].as_i64().unwrap(),
                l["description"].as_str().unwrap().to_string(),
                l["period"].clone(),
            )
        })
        .collect();
    assert_eq!(predicted.len(), 2, "one credit and one charge: {preview}");
    assert!(predicted.iter().any(|(a, _, _)| *a < 0) && predicted.iter().any(|(a, _, _)| *a > 0));

    api.ok(
        &format!("/v1/subscriptions/{}", id(&sub)),
        &[
            ("items[0][id]", &si),
            ("items[0][price]", &pro),
            ("proration_behavior", "create_prorations"),
            ("proration_date", &proration_date),
        ],
    )
    .await;
    let pending = api
        .get_ok(&format!("/v1/invoiceitems?customer={cus}&pending=true"))
        .await;
    let mut actual: Vec<(i64, String, Value)> = pending["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|ii| {
            (
                ii["amount"].as_i64().unwrap(),
                ii["description"].as_str().unwrap().to_string(),
                ii["period"].clone(),
            )
        })
        .collect();
    let mut predicted_sorted = predicted.clone();
    actual.sort_by_key(|x| x.0);
    predicted_sorted.sort_by_key(|x| x.0);
    assert_eq!(actual, predicted_sorted);

    // At renewal, the next invoice carries exactly those proration lines.
    api.advance(32 * 86_400).await;
    let invs = api
        .get_ok(&format!("/v1/invoices?subscription={}&limit=1", id(&sub)))
        .await;
    let renewal = &invs["data"][0];
    assert_eq!(renewal["billing_reason"], "subscription_cycle");
    let mut billed: Vec<(i64, String, Value)> = renewal["lines"]["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["parent"]["subscription_item_details"]["proration"] == true)
        .map(|l| {
            (
                l["amount"].as_i64().unwrap(),
                l["description"].as_str().unwrap().to_string(),
                l["period"].clone(),
            )
        })
        .collect();
    billed.sort_by_key(|x| x.0);
    assert_eq!(billed, predicted_sorted);
    let expected_total: i64 = 3000 + predicted.iter().map(|x| x.0).sum::<i64>();
    assert_eq!(renewal["total"].as_i64().unwrap(), expected_total);
}

#[tokio::test]
async fn cancel_at_period_end_then_time_passing_deletes_the_subscription() {
    let (_s, api) = start().await;
    let (cus, starter, _) = billing_setup(&api, "tok_visa").await;
    let sub = api
        .ok(
            "/v1/subscriptions",
            &[("customer", &cus), ("items[0][price]", &starter)],
        )
        .await;
    let end = sub["items"]["data"][0]["current_period_end"]
        .as_i64()
        .unwrap();
    let upd = api
        .ok(
            &format!("/v1/subscriptions/{}", id(&sub)),
            &[
                ("cancel_at_period_end", "true"),
                ("cancellation_details[feedback]", "too_expensive"),
            ],
        )
        .await;
    assert_eq!(upd["cancel_at_period_end"], true);
    assert_eq!(upd["cancel_at"], end);
    assert_eq!(upd["status"], "active");
    let updated = events_of(&api, "customer.subscription.updated").await;
    assert_eq!(
        updated[0]["data"]["previous_attributes"]["cancel_at_period_end"],
        false
    );
    assert!(events_of(&api, "customer.subscription.deleted")
        .await
        .is_empty());

    api.advance(40 * 86_400).await;
    let after = api.get_ok(&format!("/v1/subscriptions/{}", id(&sub))).await;
    assert_eq!(after["status"], "canceled");
    assert_eq!(after["ended_at"], end);
    assert_eq!(after["cancellation_details"]["feedback"], "too_expensive");
    let deleted = events_of(&api, "customer.subscription.deleted").await;
    assert_eq!(deleted.len(), 1);
    assert_eq!(deleted[0]["data"]["object"]["id"], id(&sub));
    assert!(
        deleted[0]["request"]["id"].is_null(),
        "time-driven events carry no request id"
    );
    let invoices = api
        .get_ok(&format!("/v1/invoices?subscription={}", id(&sub)))
        .await;
    assert_eq!(
        invoices["data"].as_array().unwrap().len(),
        1,
        "no renewal invoice after cancellation"
    );
}

#[tokio::test]
async fn renewal_on_a_test_clock_moves_periods_and_pays() {
    let (_s, api) = start().await;
    let clock = api
        .ok(
            "/v1/test_helpers/test_clocks",
            &[("frozen_time", "1790000000")],
        )
        .await;
    let cus = api
        .ok(
            "/v1/customers",
            &[
                ("test_clock", id(&clock)),
                ("payment_method", "pm_card_visa"),
                ("invoice_settings[default_payment_method]", "pm_card_visa"),
            ],
        )
        .await;
    assert_eq!(cus["created"], 1790000000);
    assert!(cus["invoice_settings"]["default_payment_method"]
        .as_str()
        .unwrap()
        .starts_with("pm_"));
    let prod = api.ok("/v1/products", &[("name", "Clocked")]).await;
    let price = api
        .ok(
            "/v1/prices",
            &[
                ("product", id(&prod)),
                ("currency", "usd"),
                ("unit_amount", "500"),
                ("recurring[interval]", "month"),
            ],
        )
        .await;
    let sub = api
        .ok(
            "/v1/subscriptions",
            &[("customer", id(&cus)), ("items[0][price]", id(&price))],
        )
        .await;
    assert_eq!(sub["start_date"], 1790000000);
    let end = sub["items"]["data"][0]["current_period_end"]
        .as_i64()
        .unwrap();
    let target = (end + 3600).to_string();
    let adv = api
        .ok(
            &format!("/v1/test_helpers/test_clocks/{}/advance", id(&clock)),
            &[("frozen_time", &target)],
        )
        .await;
    assert_eq!(adv["status"], "ready");
    let sub = api.get_ok(&format!("/v1/subscriptions/{}", id(&sub))).await;
    assert_eq!(sub["items"]["data"][0]["current_period_start"], end);
    let invs = api
        .get_ok(&format!("/v1/invoices?customer={}", id(&cus)))
        .await;
    let data = invs["data"].as_array().unwrap();
    assert_eq!(data.len(), 2);
    assert!(data.iter().all(|i| i["status"] == "paid"));
}

#[tokio::test]
async fn schedule_downgrade_applies_at_the_phase_end() {
    let (_s, api) = start().await;
    let (cus, starter, pro) = billing_setup(&api, "tok_visa").await;
    let sub = api
        .ok(
            "/v1/subscriptions",
            &[("customer", &cus), ("items[0][price]", &pro)],
        )
        .await;
    let sched = api
        .ok(
            "/v1/subscription_schedules",
            &[("from_subscription", id(&sub))],
        )
        .await;
    let phase0 = &sched["phases"][0];
    let start = phase0["start_date"].as_i64().unwrap().to_string();
    let end = phase0["end_date"].as_i64().unwrap().to_string();
    api.ok(
        &format!("/v1/subscription_schedules/{}", id(&sched)),
        &[
            ("phases[0][items][0][price]", &pro),
            ("phases[0][start_date]", &start),
            ("phases[0][end_date]", &end),
            ("phases[1][items][0][price]", &starter),
            ("phases[1][duration][interval]", "month"),
            ("end_behavior", "release"),
        ],
    )
    .await;
    api.advance(35 * 86_400).await;
    let sub = api
        .get_ok(&format!(
            "/v1/subscriptions/{}?expand[]=latest_invoice",
            id(&sub)
        ))
        .await;
    assert_eq!(sub["items"]["data"][0]["price"]["id"], starter.as_str());
    assert_eq!(
        sub["latest_invoice"]["amount_paid"], 1000,
        "renewal billed at the new price"
    );
    assert_eq!(sub["status"], "active");
}

#[tokio::test]
async fn a_schedule_phase_lasts_its_duration_and_iterations_is_unknown_as_in_the_spec() {
    let (_s, api) = start().await;
    let (cus, starter, pro) = billing_setup(&api, "tok_visa").await;
    let sub = api
        .ok(
            "/v1/subscriptions",
            &[("customer", &cus), ("items[0][price]", &pro)],
        )
        .await;
    let sched = api
        .ok(
            "/v1/subscription_schedules",
            &[("from_subscription", id(&sub))],
        )
        .await;
    let path = format!("/v1/subscription_schedules/{}", id(&sched));
    let end = sched["phases"][0]["end_date"].as_i64().unwrap();
    let (start, end_s) = (
        sched["phases"][0]["start_date"]
            .as_i64()
            .unwrap()
            .to_string(),
        end.to_string(),
    );
    let phase0 = [
        ("phases[0][items][0][price]", pro.as_str()),
        ("phases[0][start_date]", start.as_str()),
        ("phases[0][end_date]", end_s.as_str()),
        ("phases[1][items][0][price]", starter.as_str()),
    ];
    let mut old = phase0.to_vec();
    old.push(("phases[1][iterations]", "1"));
    let (status, err) = api.post(&path, &old).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{err}");
    assert_eq!(err["error"]["code"], "parameter_unknown");
    assert_eq!(err["error"]["param"], "phases[1][iterations]");

    let mut both = phase0.to_vec();
    both.extend([
        ("phases[1][end_date]", "9999999999"),
        ("phases[1][duration][interval]", "day"),
    ]);
    let (status, _) = api.post(&path, &both).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    let mut two_days = phase0.to_vec();
    two_days.extend([
        ("phases[1][duration][interval]", "day"),
        ("phases[1][duration][interval_count]", "2"),
    ]);
    let updated = api.ok(&path, &two_days).await;
    assert_eq!(updated["phases"][1]["start_date"], end);
    assert_eq!(updated["phases"][1]["end_date"], end + 2 * 86_400);
}

#[tokio::test]
async fn pause_collection_ends_at_resumes_at() {
    let (_s, api) = start().await;
    let (cus, starter, _) = billing_setup(&api, "tok_visa").await;
    let sub = api
        .ok(
            "/v1/subscriptions",
            &[("customer", &cus), ("items[0][price]", &starter)],
        )
        .await;
    let now = sub["created"].as_i64().unwrap();
    let resumes = (now + 45 * 86_400).to_string();
    let paused = api
        .ok(
            &format!("/v1/subscriptions/{}", id(&sub)),
            &[
                ("pause_collection[behavior]", "void"),
                ("pause_collection[resumes_at]", &resumes),
            ],
        )
        .await;
    assert_eq!(paused["pause_collection"]["behavior"], "void");
    api.advance(50 * 86_400).await;
    let after = api.get_ok(&format!("/v1/subscriptions/{}", id(&sub))).await;
    assert!(after["pause_collection"].is_null());
    let invs = api
        .get_ok(&format!(
            "/v1/invoices?subscription={}&status=void",
            id(&sub)
        ))
        .await;
    assert_eq!(
        invs["data"].as_array().unwrap().len(),
        1,
        "the renewal during the pause is voided"
    );
}

/// A webhook receiver answering `fail_first` 500s before 200s.
async fn receiver(fail_first: usize) -> (String, Arc<Mutex<Vec<(String, String)>>>) {
    use axum::http::HeaderMap;
    let got: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
    let seen = got.clone();
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |headers: HeaderMap, body: String| {
            let seen = seen.clone();
            async move {
                let sig = headers
                    .get("stripe-signature")
                    .map(|v| v.to_str().unwrap().to_string())
                    .unwrap_or_default();
                let mut v = seen.lock().unwrap();
                v.push((sig, body));
                if v.len() <= fail_first {
                    StatusCode::INTERNAL_SERVER_ERROR
                } else {
                    StatusCode::OK
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}/hook"), got)
}

fn verify(secret: &str, header: &str, body: &str) -> bool {
    let mut t = None;
    let mut sigs = Vec::new();
    for part in header.split(',') {
        match part.split_once('=') {
            Some(("t", v)) => t = Some(v.to_string()),
            Some(("v1", v)) => sigs.push(v.to_string()),
            _ => {}
        }
    }
    let Some(t) = t else { return false };
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{t}.{body}").as_bytes());
    let expected = hex::encode(mac.finalize().into_bytes());
    sigs.contains(&expected)
}

async fn wait_for<T>(mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out waiting");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn webhook_endpoint_receives_signed_events() {
    let (_s, api) = start().await;
    let (url, got) = receiver(0).await;
    let ep = api
        .ok(
            "/v1/webhook_endpoints",
            &[
                ("url", &url),
                ("enabled_events[]", "customer.created"),
                ("enabled_events[]", "customer.updated"),
            ],
        )
        .await;
    let secret = ep["secret"].as_str().unwrap().to_string();
    assert!(secret.starts_with("whsec_"));
    let cus = api
        .ok("/v1/customers", &[("email", "hook@example.com")])
        .await;
    api.ok("/v1/products", &[("name", "not subscribed to")])
        .await;
    api.ok(
        &format!("/v1/customers/{}", id(&cus)),
        &[("name", "Renamed")],
    )
    .await;
    let deliveries = wait_for(|| {
        let v = got.lock().unwrap();
        (v.len() >= 2).then(|| v.clone())
    })
    .await;
    // Deliveries are queued as an event is made: one no endpoint wants is never queued.
    let (status, products) = api.get("/v1/events?type=product.created").await;
    assert_eq!(status, 200, "{products}");
    assert_eq!(products["data"][0]["pending_webhooks"], 0, "{products}");
    assert_eq!(
        got.lock().unwrap().len(),
        2,
        "product.created is not enabled"
    );
    let mut types = Vec::new();
    for (sig, body) in &deliveries {
        assert!(verify(&secret, sig, body), "signature must verify");
        assert!(!verify("whsec_wrong", sig, body));
        let ev: Value = serde_json::from_str(body).unwrap();
        assert_eq!(ev["api_version"], "2026-08-26.dahlia");
        types.push(ev["type"].as_str().unwrap().to_string());
        if ev["type"] == "customer.updated" {
            assert_eq!(ev["data"]["previous_attributes"]["name"], Value::Null);
            assert_eq!(ev["data"]["object"]["name"], "Renamed");
        }
    }
    types.sort();
    assert_eq!(types, ["customer.created", "customer.updated"]);
}

#[tokio::test]
async fn failing_endpoint_gets_the_retry_and_redelivery_duplicates() {
    let (s, api) = start().await;
    let (url, got) = receiver(2).await;
    api.ok(
        "/v1/webhook_endpoints",
        &[("url", &url), ("enabled_events[]", "*")],
    )
    .await;
    let cus = api
        .ok("/v1/customers", &[("email", "retry@example.com")])
        .await;
    let bodies = wait_for(|| {
        let v = got.lock().unwrap();
        (v.len() >= 3).then(|| v.clone())
    })
    .await;
    let ids: Vec<String> = bodies
        .iter()
        .map(|(_, b)| {
            serde_json::from_str::<Value>(b).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(
        ids.iter().all(|i| *i == ids[0]),
        "the same event is retried"
    );
    let log: Value = api
        .http
        .get(format!(
            "{}/_standin/deliveries?event={}",
            s.base_url(),
            ids[0]
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let attempts: Vec<i64> = log["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["status"].as_i64().unwrap())
        .collect();
    assert_eq!(attempts, [500, 500, 200]);
    let ev = api.get_ok(&format!("/v1/events/{}", ids[0])).await;
    assert_eq!(ev["data"]["object"]["id"], id(&cus));
    assert_eq!(ev["pending_webhooks"], 0);

    let res = api
        .http
        .post(format!(
            "{}/_standin/events/{}/redeliver?count=2",
            s.base_url(),
            ids[0]
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    wait_for(|| (got.lock().unwrap().len() >= 5).then_some(())).await;
}

#[tokio::test]
async fn rate_limit_fault_sets_should_retry_then_clears() {
    let (s, api) = start().await;
    let res = api
        .http
        .post(format!("{}/_standin/faults", s.base_url()))
        .json(&serde_json::json!({"path": "/v1/customers*", "method": "GET", "kind": "status", "status": 429, "should_retry": true, "times": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let (status, body, headers) = api
        .send(api.http.get(format!("{}/v1/customers", api.base)))
        .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(headers.get("stripe-should-retry").unwrap(), "true");
    assert_eq!(body["error"]["code"], "rate_limit");
    let (status, _) = api.get("/v1/customers").await;
    assert_eq!(status, StatusCode::OK, "times=1 applies once");
}

#[tokio::test]
async fn latency_drop_and_malformed_faults() {
    let (s, api) = start().await;
    let add = |f: Value| {
        api.http
            .post(format!("{}/_standin/faults", s.base_url()))
            .json(&f)
            .send()
    };
    add(serde_json::json!({"path": "/v1/products", "kind": "latency", "latency_ms": 300, "times": 1})).await.unwrap();
    let t = Instant::now();
    let (status, _) = api.get("/v1/products").await;
    assert_eq!(status, StatusCode::OK);
    assert!(t.elapsed() >= Duration::from_millis(300));

    add(serde_json::json!({"path": "/v1/prices", "kind": "drop"}))
        .await
        .unwrap();
    let res = api
        .http
        .get(format!("{}/v1/prices", api.base))
        .bearer_auth(&api.key)
        .send()
        .await;
    assert!(res.is_err(), "the connection is closed without a response");

    add(serde_json::json!({"path": "/v1/events", "kind": "malformed"}))
        .await
        .unwrap();
    let res = api
        .http
        .get(format!("{}/v1/events", api.base))
        .bearer_auth(&api.key)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(serde_json::from_str::<Value>(&res.text().await.unwrap()).is_err());

    let cleared = api
        .http
        .delete(format!("{}/_standin/faults", s.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(cleared.status(), StatusCode::OK);
    let (status, _) = api.get("/v1/prices").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn checkout_setup_session_completes_through_its_html_form() {
    let (s, api) = start().await;
    let cus = api
        .ok("/v1/customers", &[("email", "co@example.com")])
        .await;
    let session = api
        .ok(
            "/v1/checkout/sessions",
            &[
                ("mode", "setup"),
                ("customer", id(&cus)),
                ("currency", "usd"),
                (
                    "success_url",
                    "https://app.example.test/done?cs={CHECKOUT_SESSION_ID}",
                ),
                ("cancel_url", "https://app.example.test/cancel"),
            ],
        )
        .await;
    assert_eq!(session["status"], "open");
    let page = api
        .http
        .get(session["url"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("<form method=\"post\""));
    assert!(page.contains("Complete"));
    let action = format!(
        "{}/_standin/checkout/{}/complete",
        s.base_url(),
        id(&session)
    );
    let res = api
        .http
        .post(&action)
        .form(&[("card", "tok_visa")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        res.headers().get("location").unwrap().to_str().unwrap(),
        format!("https://app.example.test/done?cs={}", id(&session))
    );
    let done = api
        .get_ok(&format!(
            "/v1/checkout/sessions/{}?expand[]=setup_intent.payment_method",
            id(&session)
        ))
        .await;
    assert_eq!(done["status"], "complete");
    assert_eq!(done["setup_intent"]["status"], "succeeded");
    assert_eq!(done["setup_intent"]["payment_method"]["customer"], id(&cus));
    assert_eq!(
        done["setup_intent"]["payment_method"]["card"]["last4"],
        "4242"
    );
    assert_eq!(events_of(&api, "checkout.session.completed").await.len(), 1);
    assert_eq!(events_of(&api, "payment_method.attached").await.len(), 1);
    // A completed session cannot be completed again.
    let again = api
        .http
        .post(&action)
        .form(&[("card", "tok_visa")])
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::CONFLICT);
}

#[tokio::test]
async fn seeded_demo_has_an_active_subscription_and_paid_invoices() {
    let (s, _) = start().await;
    let facts = s.seed_demo().unwrap();
    let api = Api::new(&s.base_url(), facts["secret_key"].as_str().unwrap());
    let sub = api
        .get_ok(&format!(
            "/v1/subscriptions/{}",
            facts["subscription"].as_str().unwrap()
        ))
        .await;
    assert_eq!(sub["status"], "active");
    assert_eq!(facts["prices"].as_array().unwrap().len(), 3);
    let invoices = facts["invoices"].as_array().unwrap();
    assert!(invoices.len() >= 3);
    for i in invoices {
        assert_eq!(
            api.get_ok(&format!("/v1/invoices/{}", i.as_str().unwrap()))
                .await["status"],
            "paid"
        );
    }
    // The money the demo shows: $29.00 less 20 % forever, plus 8.25 % sales tax.
    let customer = facts["customer"].as_str().unwrap();
    let pro = api
        .ok(
            "/v1/invoices/create_preview",
            &[
                ("customer", customer),
                ("subscription", facts["subscription"].as_str().unwrap()),
            ],
        )
        .await;
    assert_eq!(pro["subtotal"], 2900, "{pro}");
    assert_eq!(pro["total_discount_amounts"][0]["amount"], 580);
    assert_eq!(pro["total_taxes"][0]["amount"], 191);
    assert_eq!(pro["total"], 2511);
    // The metered subscription: usage so far this period, discounted and taxed.
    let metered = facts["metered_subscription"].as_str().unwrap();
    assert_eq!(
        api.get_ok(&format!("/v1/subscriptions/{metered}")).await["status"],
        "active"
    );
    let usage = api
        .ok(
            "/v1/invoices/create_preview",
            &[("customer", customer), ("subscription", metered)],
        )
        .await;
    assert_eq!(usage["lines"]["data"][0]["quantity"], 535, "{usage}");
    assert_eq!(usage["lines"]["data"][0]["amount"], 2675);
    // 535 × $0.05 less 20 %, plus 8.25 % tax: what the README says the demo shows.
    assert_eq!(usage["total"], 2317);
    for key in ["coupon", "tax_rate", "meter", "metered_price"] {
        assert!(facts[key].is_string(), "{key}");
    }
    // Grace: Starter with a card and no discount of her own (a coupon offer may go to her).
    let grace = facts["offer_customer"].as_str().unwrap();
    assert!(api.get_ok(&format!("/v1/customers/{grace}")).await["discount"].is_null());
    let starter = api
        .get_ok(&format!(
            "/v1/subscriptions/{}",
            facts["offer_subscription"].as_str().unwrap()
        ))
        .await;
    assert_eq!(starter["status"], "active", "{starter}");
    assert_eq!(starter["customer"], grace);
    assert_eq!(starter["discounts"], serde_json::json!([]));
}

#[tokio::test]
async fn trial_ending_without_a_card_pauses_and_resume_bills() {
    let (_s, api) = start().await;
    let cus = api
        .ok("/v1/customers", &[("email", "trial@example.com")])
        .await;
    let prod = api.ok("/v1/products", &[("name", "Trialled")]).await;
    let price = api
        .ok(
            "/v1/prices",
            &[
                ("product", id(&prod)),
                ("currency", "usd"),
                ("unit_amount", "700"),
                ("recurring[interval]", "month"),
            ],
        )
        .await;
    let sub = api
        .ok(
            "/v1/subscriptions",
            &[
                ("customer", id(&cus)),
                ("items[0][price]", id(&price)),
                ("trial_period_days", "7"),
                (
                    "trial_settings[end_behavior][missing_payment_method]",
                    "pause",
                ),
            ],
        )
        .await;
    assert_eq!(sub["status"], "trialing");
    api.advance(8 * 86_400).await;
    let paused = api.get_ok(&format!("/v1/subscriptions/{}", id(&sub))).await;
    assert_eq!(paused["status"], "paused");
    assert_eq!(
        events_of(&api, "customer.subscription.paused").await.len(),
        1
    );

    let (status, _) = api
        .post(&format!("/v1/subscriptions/{}/resume", id(&sub)), &[])
        .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "resume works even when the charge then fails"
    );
    let pm = api
        .ok(
            "/v1/payment_methods",
            &[("type", "card"), ("card[token]", "tok_mastercard")],
        )
        .await;
    api.ok(
        &format!("/v1/payment_methods/{}/attach", id(&pm)),
        &[("customer", id(&cus))],
    )
    .await;
    let (status, body) = api
        .post(&format!("/v1/subscriptions/{}/resume", id(&sub)), &[])
        .await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "only paused subscriptions resume: {body}"
    );
    assert_eq!(
        events_of(&api, "customer.subscription.resumed").await.len(),
        1
    );
}

#[tokio::test]
async fn switching_to_a_yearly_price_restarts_the_cycle_and_bills_now() {
    let (_s, api) = start().await;
    let (cus, starter, _) = billing_setup(&api, "tok_visa").await;
    let prod = api.ok("/v1/products", &[("name", "Yearly")]).await;
    let yearly = api
        .ok(
            "/v1/prices",
            &[
                ("product", id(&prod)),
                ("currency", "usd"),
                ("unit_amount", "12000"),
                ("recurring[interval]", "year"),
            ],
        )
        .await;
    let sub = api
        .ok(
            "/v1/subscriptions",
            &[("customer", &cus), ("items[0][price]", &starter)],
        )
        .await;
    let si = sub["items"]["data"][0]["id"].as_str().unwrap().to_string();
    let start = sub["items"]["data"][0]["current_period_start"]
        .as_i64()
        .unwrap();
    let t = (start + 15 * 86_400).to_string();
    let preview = api
        .ok(
            "/v1/invoices/create_preview",
            &[
                ("subscription", id(&sub)),
                ("subscription_details[items][0][id]", &si),
                ("subscription_details[items][0][price]", id(&yearly)),
                ("subscription_details[proration_date]", &t),
            ],
        )
        .await;
    let updated = api
        .ok(
            &format!("/v1/subscriptions/{}", id(&sub)),
            &[
                ("items[0][id]", &si),
                ("items[0][price]", id(&yearly)),
                ("proration_date", &t),
                ("expand[]", "latest_invoice"),
            ],
        )
        .await;
    let item = &updated["items"]["data"][0];
    assert_eq!(
        item["current_period_start"].as_i64().unwrap().to_string(),
        t
    );
    assert!(
        item["current_period_end"].as_i64().unwrap()
            - item["current_period_start"].as_i64().unwrap()
            >= 365 * 86_400
    );
    let inv = &updated["latest_invoice"];
    assert_eq!(inv["billing_reason"], "subscription_update");
    assert_eq!(inv["status"], "paid");
    assert_eq!(
        inv["total"], preview["total"],
        "preview predicted the charge"
    );
    assert!(
        inv["total"].as_i64().unwrap() < 12000,
        "unused monthly time is credited"
    );
}

#[path = "behaviour/money.rs"]
mod money;

#[path = "behaviour/usage.rs"]
mod usage;

#[path = "behaviour/tax.rs"]
mod tax;

#[tokio::test]
async fn customers_are_filtered_by_their_exact_case_sensitive_email() {
    let (_s, api) = start().await;
    let a = api
        .ok("/v1/customers", &[("email", "Ada@Example.com")])
        .await;
    let b = api
        .ok("/v1/customers", &[("email", "Ada@Example.com")])
        .await;
    api.ok("/v1/customers", &[("email", "ada@example.com.au")])
        .await;
    let ids = |v: &Value| -> Vec<String> {
        v["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let exact = api.get_ok("/v1/customers?email=Ada%40Example.com").await;
    let mut got = ids(&exact);
    got.sort();
    let mut want = vec![
        a["id"].as_str().unwrap().to_owned(),
        b["id"].as_str().unwrap().to_owned(),
    ];
    want.sort();
    assert_eq!(got, want);
    let folded = api.get_ok("/v1/customers?email=ada%40example.com").await;
    assert!(ids(&folded).is_empty(), "case-sensitive: {folded}");
    let long = format!("/v1/customers?email={}", "a".repeat(513));
    let (status, body) = api.get(&long).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["error"]["param"], "email");
}
