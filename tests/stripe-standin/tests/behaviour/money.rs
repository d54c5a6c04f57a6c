//! Coupons, promotion codes, discounts and tax rates: real numbers on real invoices.

use reqwest::StatusCode;
use serde_json::{json, Value};

use super::{events_of, id, start, Api};

/// 2026-09-21T00:00:00Z: day-aligned, so meter summaries can start there.
pub const T0: i64 = 1_789_948_800;

impl Api {
    /// `POST` expecting a 400 naming `param`; returns the error.
    pub async fn refused(&self, path: &str, form: &[(&str, &str)], param: &str) -> Value {
        let (s, v) = self.post(path, form).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "POST {path}: {v}");
        assert_eq!(v["error"]["type"], "invalid_request_error", "{v}");
        assert_eq!(v["error"]["param"], param, "{v}");
        v["error"].clone()
    }

    pub async fn delete(&self, path: &str) -> (StatusCode, Value) {
        let (s, v, _) = self
            .send(self.http.delete(format!("{}{path}", self.base)))
            .await;
        (s, v)
    }

    pub async fn delete_ok(&self, path: &str) -> Value {
        let (s, v) = self.delete(path).await;
        assert_eq!(s, StatusCode::OK, "DELETE {path}: {v}");
        v
    }

    pub async fn advance_clock(&self, clock: &str, to: i64) {
        self.ok(
            &format!("/v1/test_helpers/test_clocks/{clock}/advance"),
            &[("frozen_time", &to.to_string())],
        )
        .await;
    }

    /// The newest invoice of a subscription.
    pub async fn latest_invoice(&self, sub: &str) -> Value {
        self.get_ok(&format!("/v1/invoices?subscription={sub}&limit=1"))
            .await["data"][0]
            .clone()
    }

    pub async fn set_customer_discount(&self, customer: &str, body: Value) -> (StatusCode, Value) {
        let res = self
            .http
            .post(format!(
                "{}/_standin/accounts/{}/customers/{customer}/discount",
                self.base, self.key
            ))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = res.status();
        (status, res.json().await.unwrap_or(Value::Null))
    }
}

/// A customer with a Visa card on a test clock frozen at `T0`; returns (clock, customer).
pub async fn clocked_customer(api: &Api) -> (String, String) {
    let clock = api
        .ok(
            "/v1/test_helpers/test_clocks",
            &[("frozen_time", &T0.to_string())],
        )
        .await;
    let cus = api
        .ok(
            "/v1/customers",
            &[
                ("test_clock", id(&clock)),
                ("email", "money@example.com"),
                ("payment_method", "pm_card_visa"),
                ("invoice_settings[default_payment_method]", "pm_card_visa"),
            ],
        )
        .await;
    (id(&clock).to_string(), id(&cus).to_string())
}

/// A monthly price of a new product; returns (product, price).
pub async fn monthly(api: &Api, name: &str, currency: &str, amount: i64) -> (String, String) {
    let prod = api.ok("/v1/products", &[("name", name)]).await;
    let price = api
        .ok(
            "/v1/prices",
            &[
                ("product", id(&prod)),
                ("currency", currency),
                ("unit_amount", &amount.to_string()),
                ("recurring[interval]", "month"),
            ],
        )
        .await;
    (id(&prod).to_string(), id(&price).to_string())
}

pub async fn coupon(api: &Api, form: &[(&str, &str)]) -> String {
    id(&api.ok("/v1/coupons", form).await).to_string()
}

pub async fn tax_rate(api: &Api, name: &str, pct: &str, inclusive: bool) -> String {
    let r = api
        .ok(
            "/v1/tax_rates",
            &[
                ("display_name", name),
                ("percentage", pct),
                ("inclusive", if inclusive { "true" } else { "false" }),
            ],
        )
        .await;
    id(&r).to_string()
}

pub fn ids_of(list: &Value) -> Vec<String> {
    list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| id(o).to_string())
        .collect()
}

fn amounts(list: &Value) -> Vec<(String, i64)> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["discount"].as_str().unwrap().to_string(),
                d["amount"].as_i64().unwrap(),
            )
        })
        .collect()
}

fn coupon_of_discount(d: &Value) -> &str {
    d["source"]["coupon"].as_str().unwrap()
}

#[tokio::test]
async fn coupons_validate_like_stripe_and_count_redemptions() {
    let (_s, api) = start().await;
    let e = api
        .refused(
            "/v1/coupons",
            &[
                ("percent_off", "10"),
                ("amount_off", "100"),
                ("currency", "usd"),
            ],
            "amount_off",
        )
        .await;
    assert!(e["message"].as_str().unwrap().contains("only specify one"));
    api.refused("/v1/coupons", &[("amount_off", "100")], "currency")
        .await;
    api.refused("/v1/coupons", &[("duration", "once")], "percent_off")
        .await;
    api.refused(
        "/v1/coupons",
        &[("percent_off", "10"), ("duration", "repeating")],
        "duration_in_months",
    )
    .await;
    api.refused("/v1/coupons", &[("percent_off", "120")], "percent_off")
        .await;
    api.refused("/v1/coupons", &[("percent_off", "abc")], "percent_off")
        .await;
    let e = api
        .refused(
            "/v1/coupons",
            &[("percent_off", "5"), ("bogus", "1")],
            "bogus",
        )
        .await;
    assert_eq!(e["code"], "parameter_unknown");
    api.refused(
        "/v1/coupons",
        &[
            ("percent_off", "5"),
            ("applies_to[products][0]", "prod_nope"),
        ],
        "applies_to[products][0]",
    )
    .await;

    let c = api
        .ok(
            "/v1/coupons",
            &[
                ("id", "SPRING25"),
                ("percent_off", "12.5"),
                ("duration", "repeating"),
                ("duration_in_months", "3"),
                ("max_redemptions", "1"),
                ("name", "Spring"),
            ],
        )
        .await;
    assert_eq!(c["id"], "SPRING25");
    assert_eq!(c["percent_off"], json!(12.5));
    assert_eq!(c["duration_in_months"], 3);
    assert_eq!(
        (c["valid"].clone(), c["times_redeemed"].clone()),
        (json!(true), json!(0))
    );
    let c = api
        .ok(
            "/v1/coupons/SPRING25",
            &[("name", "Spring sale"), ("metadata[team]", "growth")],
        )
        .await;
    assert_eq!(c["name"], "Spring sale");
    assert_eq!(c["metadata"]["team"], "growth");
    api.refused(
        "/v1/coupons/SPRING25",
        &[("percent_off", "50")],
        "percent_off",
    )
    .await;

    // Redeeming counts; the second redemption is over max_redemptions.
    let (cus, starter, _) = super::billing_setup(&api, "tok_visa").await;
    api.ok(
        "/v1/subscriptions",
        &[
            ("customer", &cus),
            ("items[0][price]", &starter),
            ("discounts[0][coupon]", "SPRING25"),
        ],
    )
    .await;
    let c = api.get_ok("/v1/coupons/SPRING25").await;
    assert_eq!(
        (c["valid"].clone(), c["times_redeemed"].clone()),
        (json!(false), json!(1))
    );
    api.refused(
        "/v1/subscriptions",
        &[
            ("customer", &cus),
            ("items[0][price]", &starter),
            ("discounts[0][coupon]", "SPRING25"),
        ],
        "discounts[0][coupon]",
    )
    .await;

    let list = api.get_ok("/v1/coupons?limit=10").await;
    assert_eq!(list["data"][0]["id"], "SPRING25");
    let gone = api.delete_ok("/v1/coupons/SPRING25").await;
    assert_eq!(
        gone,
        json!({"id": "SPRING25", "object": "coupon", "deleted": true})
    );
    let (s, v) = api.get("/v1/coupons/SPRING25").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(v["error"]["code"], "resource_missing");
    assert_eq!(events_of(&api, "coupon.deleted").await.len(), 1);
}

#[tokio::test]
async fn promotion_codes_redeem_their_coupon_and_list_by_code_active_and_coupon() {
    let (_s, api) = start().await;
    let (cus, starter, _) = super::billing_setup(&api, "tok_visa").await;
    let c = coupon(&api, &[("percent_off", "50"), ("duration", "forever")]).await;
    api.refused("/v1/promotion_codes", &[("code", "X")], "promotion")
        .await;
    api.refused(
        "/v1/promotion_codes",
        &[("promotion[type]", "coupon"), ("promotion[coupon]", "nope")],
        "promotion[coupon]",
    )
    .await;
    let promo = api
        .ok(
            "/v1/promotion_codes",
            &[
                ("promotion[type]", "coupon"),
                ("promotion[coupon]", &c),
                ("code", "HALFOFF"),
                ("max_redemptions", "5"),
            ],
        )
        .await;
    assert_eq!(promo["promotion"], json!({"coupon": c, "type": "coupon"}));
    assert_eq!(promo["active"], true);
    assert_eq!(promo["restrictions"]["first_time_transaction"], false);
    // Codes are unique among active codes, whatever their case.
    api.refused(
        "/v1/promotion_codes",
        &[
            ("promotion[type]", "coupon"),
            ("promotion[coupon]", &c),
            ("code", "halfoff"),
        ],
        "code",
    )
    .await;
    let other = coupon(&api, &[("amount_off", "100"), ("currency", "usd")]).await;
    api.ok(
        "/v1/promotion_codes",
        &[
            ("promotion[type]", "coupon"),
            ("promotion[coupon]", &other),
            ("code", "HUNDRED"),
        ],
    )
    .await;
    let by_code = api.get_ok("/v1/promotion_codes?code=halfoff").await;
    assert_eq!(ids_of(&by_code), vec![id(&promo).to_string()]);
    let by_coupon = api
        .get_ok(&format!("/v1/promotion_codes?coupon={other}"))
        .await;
    assert_eq!(by_coupon["data"][0]["code"], "HUNDRED");
    assert_eq!(by_coupon["data"].as_array().unwrap().len(), 1);

    let sub = api
        .ok(
            "/v1/subscriptions",
            &[
                ("customer", &cus),
                ("items[0][price]", &starter),
                ("discounts[0][promotion_code]", id(&promo)),
                ("expand[]", "latest_invoice"),
                ("expand[]", "discounts"),
            ],
        )
        .await;
    let d = &sub["discounts"][0];
    assert_eq!(d["object"], "discount");
    assert_eq!(d["promotion_code"], id(&promo));
    assert_eq!(coupon_of_discount(d), c);
    assert_eq!(d["subscription"], id(&sub));
    assert_eq!(sub["latest_invoice"]["total"], 500);
    let promo_now = api
        .get_ok(&format!("/v1/promotion_codes/{}", id(&promo)))
        .await;
    assert_eq!(promo_now["times_redeemed"], 1);

    let off = api
        .ok(
            &format!("/v1/promotion_codes/{}", id(&promo)),
            &[("active", "false")],
        )
        .await;
    assert_eq!(off["active"], false);
    let inactive = api.get_ok("/v1/promotion_codes?active=false").await;
    assert_eq!(ids_of(&inactive), vec![id(&promo).to_string()]);
    api.refused(
        "/v1/subscriptions",
        &[
            ("customer", &cus),
            ("items[0][price]", &starter),
            ("discounts[0][promotion_code]", id(&promo)),
        ],
        "discounts[0][promotion_code]",
    )
    .await;
    api.refused(
        &format!("/v1/promotion_codes/{}", id(&promo)),
        &[("code", "NEW")],
        "code",
    )
    .await;
}

#[tokio::test]
async fn a_repeating_discount_applies_until_its_months_run_out() {
    let (_s, api) = start().await;
    let (clock, cus) = clocked_customer(&api).await;
    let (_, price) = monthly(&api, "Team", "usd", 2000).await;
    let c = coupon(
        &api,
        &[
            ("percent_off", "25"),
            ("duration", "repeating"),
            ("duration_in_months", "2"),
        ],
    )
    .await;
    let sub = api
        .ok(
            "/v1/subscriptions",
            &[
                ("customer", &cus),
                ("items[0][price]", &price),
                ("discounts[0][coupon]", &c),
                ("expand[]", "discounts"),
                ("expand[]", "latest_invoice"),
            ],
        )
        .await;
    let d = &sub["discounts"][0];
    assert_eq!(d["start"], T0);
    let first = &sub["latest_invoice"];
    assert_eq!(
        (first["subtotal"].clone(), first["total"].clone()),
        (json!(2000), json!(1500))
    );
    assert_eq!(
        amounts(&first["total_discount_amounts"]),
        vec![(id(d).to_string(), 500)]
    );
    assert_eq!(first["discounts"], json!([id(d)]));
    assert_eq!(
        first["lines"]["data"][0]["discount_amounts"][0]["amount"],
        500
    );

    let sub_id = id(&sub).to_string();
    let end1 = sub["items"]["data"][0]["current_period_end"]
        .as_i64()
        .unwrap();
    api.advance_clock(&clock, end1 + 60).await;
    assert_eq!(
        api.latest_invoice(&sub_id).await["total"],
        1500,
        "second month"
    );
    let now = api.get_ok(&format!("/v1/subscriptions/{sub_id}")).await;
    let end2 = now["items"]["data"][0]["current_period_end"]
        .as_i64()
        .unwrap();
    assert_eq!(
        d["end"], end2,
        "two months from the start, as the second period ends"
    );
    api.advance_clock(&clock, end2 + 60).await;
    let third = api.latest_invoice(&sub_id).await;
    assert_eq!(
        third["total"], 2000,
        "the discount ended after two months: {third}"
    );
    assert_eq!(third["discounts"], json!([]));
    let after = api.get_ok(&format!("/v1/subscriptions/{sub_id}")).await;
    assert_eq!(after["discounts"], json!([]));
    let ended = events_of(&api, "customer.discount.deleted").await;
    assert_eq!(ended.len(), 1);
    assert!(ended[0]["request"]["id"].is_null(), "time ended it");
}

#[tokio::test]
async fn a_once_coupon_discounts_only_the_first_invoice() {
    let (_s, api) = start().await;
    let (clock, cus) = clocked_customer(&api).await;
    let (_, price) = monthly(&api, "Solo", "usd", 1000).await;
    let c = coupon(&api, &[("amount_off", "300"), ("currency", "usd")]).await;
    let sub = api
        .ok(
            "/v1/subscriptions",
            &[
                ("customer", &cus),
                ("items[0][price]", &price),
                ("discounts[0][coupon]", &c),
                ("expand[]", "latest_invoice"),
            ],
        )
        .await;
    assert_eq!(sub["latest_invoice"]["total"], 700);
    let now = api.get_ok(&format!("/v1/subscriptions/{}", id(&sub))).await;
    assert_eq!(now["discounts"], json!([]), "used up by the first invoice");
    let end = sub["items"]["data"][0]["current_period_end"]
        .as_i64()
        .unwrap();
    api.advance_clock(&clock, end + 60).await;
    assert_eq!(api.latest_invoice(id(&sub)).await["total"], 1000);
}

#[tokio::test]
async fn applies_to_limits_a_coupon_and_amount_off_is_spread_in_proportion() {
    let (_s, api) = start().await;
    let (_, cus) = clocked_customer(&api).await;
    let (prod_a, a) = monthly(&api, "A", "usd", 3000).await;
    let (_, b) = monthly(&api, "B", "usd", 1000).await;
    let half_a = coupon(
        &api,
        &[
            ("percent_off", "50"),
            ("duration", "forever"),
            ("applies_to[products][0]", &prod_a),
        ],
    )
    .await;
    let five = coupon(
        &api,
        &[
            ("amount_off", "500"),
            ("currency", "usd"),
            ("duration", "forever"),
        ],
    )
    .await;
    let sub = api
        .ok(
            "/v1/subscriptions",
            &[
                ("customer", &cus),
                ("items[0][price]", &a),
                ("items[1][price]", &b),
                ("discounts[0][coupon]", &half_a),
                ("discounts[1][coupon]", &five),
                ("expand[]", "latest_invoice"),
                ("expand[]", "discounts"),
            ],
        )
        .await;
    let (d_half, d_five) = (id(&sub["discounts"][0]), id(&sub["discounts"][1]));
    let inv = &sub["latest_invoice"];
    let line = |price: &str| {
        inv["lines"]["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["pricing"]["price_details"]["price"] == price)
            .unwrap()
            .clone()
    };
    // A: 50 % of 3000 = 1500; the 500 off then splits 1500 : 1000 → 300 and 200.
    assert_eq!(
        amounts(&line(&a)["discount_amounts"]),
        vec![(d_half.to_string(), 1500), (d_five.to_string(), 300)]
    );
    assert_eq!(
        amounts(&line(&b)["discount_amounts"]),
        vec![(d_five.to_string(), 200)]
    );
    assert_eq!(
        amounts(&inv["total_discount_amounts"]),
        vec![(d_half.to_string(), 1500), (d_five.to_string(), 500)]
    );
    assert_eq!(
        (inv["subtotal"].clone(), inv["total"].clone()),
        (json!(4000), json!(2000))
    );
    assert_eq!(inv["amount_due"], 2000);
}

#[tokio::test]
async fn item_discounts_come_before_subscription_discounts() {
    let (_s, api) = start().await;
    let (_, cus) = clocked_customer(&api).await;
    let (_, a) = monthly(&api, "A", "usd", 3000).await;
    let (_, b) = monthly(&api, "B", "usd", 1000).await;
    let ten = coupon(&api, &[("percent_off", "10"), ("duration", "forever")]).await;
    let five = coupon(
        &api,
        &[
            ("amount_off", "500"),
            ("currency", "usd"),
            ("duration", "forever"),
        ],
    )
    .await;
    let sub = api
        .ok(
            "/v1/subscriptions",
            &[
                ("customer", &cus),
                ("items[0][price]", &a),
                ("items[0][discounts][0][coupon]", &ten),
                ("items[1][price]", &b),
                ("discounts[0][coupon]", &five),
                ("expand[]", "latest_invoice"),
                ("expand[]", "items.data.discounts"),
            ],
        )
        .await;
    let item_discount = &sub["items"]["data"][0]["discounts"][0];
    assert_eq!(
        item_discount["subscription_item"],
        sub["items"]["data"][0]["id"]
    );
    assert_eq!(coupon_of_discount(item_discount), ten);
    let inv = &sub["latest_invoice"];
    let la = &inv["lines"]["data"][0];
    assert_eq!(la["discounts"], json!([id(item_discount)]));
    // 10 % of 3000 = 300 on A; 500 over 2700 : 1000 = 364.86 + 135.14 → 365 and 135.
    assert_eq!(la["discount_amounts"][0]["amount"], 300);
    assert_eq!(la["discount_amounts"][1]["amount"], 365);
    assert_eq!(
        inv["lines"]["data"][1]["discount_amounts"][0]["amount"],
        135
    );
    // The subtotal already has item discounts in it; the subscription's come after.
    assert_eq!(inv["subtotal"], 3700);
    assert_eq!(inv["total"], 3200);
    assert_eq!(inv["total_excluding_tax"], 3200);
    // `discounts[][discount]` keeps an existing discount while adding another.
    let kept = inv["discounts"][0].as_str().unwrap().to_string();
    let updated = api
        .ok(
            &format!("/v1/subscriptions/{}", id(&sub)),
            &[
                ("discounts[0][discount]", &kept),
                ("discounts[1][coupon]", &ten),
            ],
        )
        .await;
    assert_eq!(updated["discounts"][0], kept.as_str());
    assert_eq!(updated["discounts"].as_array().unwrap().len(), 2);
    api.refused(
        &format!("/v1/subscriptions/{}", id(&sub)),
        &[("discounts[0][discount]", "di_nope")],
        "discounts[0][discount]",
    )
    .await;
}

#[tokio::test]
async fn customer_discounts_apply_when_the_subscription_has_none_and_deletes_remove_them() {
    let (_s, api) = start().await;
    let (_, cus) = clocked_customer(&api).await;
    let (_, price) = monthly(&api, "Basic", "usd", 1000).await;
    let twenty = coupon(&api, &[("percent_off", "20"), ("duration", "forever")]).await;
    let ten = coupon(&api, &[("percent_off", "10"), ("duration", "forever")]).await;
    let (s, c) = api
        .set_customer_discount(&cus, json!({"coupon": twenty}))
        .await;
    assert_eq!(s, StatusCode::OK, "{c}");
    assert_eq!(c["discount"]["object"], "discount");
    assert_eq!(c["discount"]["customer"], cus.as_str());
    assert!(c["discount"]["subscription"].is_null());
    let (s, _) = api
        .set_customer_discount(&cus, json!({"coupon": "nope"}))
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);

    let plain = api
        .ok(
            "/v1/subscriptions",
            &[
                ("customer", &cus),
                ("items[0][price]", &price),
                ("expand[]", "latest_invoice"),
            ],
        )
        .await;
    assert_eq!(plain["latest_invoice"]["total"], 800, "the customer's 20 %");
    assert_eq!(
        plain["latest_invoice"]["discounts"],
        json!([c["discount"]["id"]])
    );
    let own = api
        .ok(
            "/v1/subscriptions",
            &[
                ("customer", &cus),
                ("items[0][price]", &price),
                ("discounts[0][coupon]", &ten),
                ("expand[]", "latest_invoice"),
            ],
        )
        .await;
    assert_eq!(own["latest_invoice"]["total"], 900, "its own 10 % wins");

    // `discounts=""` clears a subscription's discounts; the customer's applies again.
    let cleared = api
        .ok(
            &format!("/v1/subscriptions/{}", id(&own)),
            &[("discounts", "")],
        )
        .await;
    assert_eq!(cleared["discounts"], json!([]));
    let preview = api
        .ok("/v1/invoices/create_preview", &[("subscription", id(&own))])
        .await;
    assert_eq!(preview["total"], 800);
    api.ok(
        &format!("/v1/subscriptions/{}", id(&own)),
        &[("discounts[0][coupon]", &ten)],
    )
    .await;
    let gone = api
        .delete_ok(&format!("/v1/subscriptions/{}/discount", id(&own)))
        .await;
    assert_eq!(gone["deleted"], true);
    assert_eq!(gone["object"], "discount");
    assert!(gone.get("end").is_none());
    let (s, _) = api
        .delete(&format!("/v1/subscriptions/{}/discount", id(&own)))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    let gone = api
        .delete_ok(&format!("/v1/customers/{cus}/discount"))
        .await;
    assert_eq!(gone["deleted"], true);
    assert_eq!(
        api.get_ok(&format!("/v1/customers/{cus}")).await["discount"],
        Value::Null
    );
    let preview = api
        .ok("/v1/invoices/create_preview", &[("subscription", id(&own))])
        .await;
    assert_eq!(preview["total"], 1000);
    assert!(events_of(&api, "customer.discount.created").await.len() >= 3);
}

#[tokio::test]
async fn invoice_and_invoice_item_discounts_on_a_one_off_invoice() {
    let (_s, api) = start().await;
    let (cus, _, _) = super::billing_setup(&api, "tok_visa").await;
    let ten = coupon(&api, &[("amount_off", "1000"), ("currency", "usd")]).await;
    let half = coupon(&api, &[("percent_off", "50")]).await;
    api.ok(
        "/v1/invoiceitems",
        &[
            ("customer", &cus),
            ("amount", "5000"),
            ("currency", "usd"),
            ("description", "Setup"),
        ],
    )
    .await;
    let ii = api
        .ok(
            "/v1/invoiceitems",
            &[
                ("customer", &cus),
                ("amount", "2000"),
                ("currency", "usd"),
                ("discounts[0][coupon]", &half),
            ],
        )
        .await;
    let ii_discount = ii["discounts"][0].as_str().unwrap().to_string();
    let inv = api
        .ok(
            "/v1/invoices",
            &[
                ("customer", &cus),
                ("pending_invoice_items_behavior", "include"),
                ("discounts[0][coupon]", &ten),
                ("expand[]", "discounts"),
            ],
        )
        .await;
    assert_eq!(inv["discounts"][0]["invoice"], id(&inv));
    // 2000 − 50 % = 1000 (item level, in the subtotal); then 1000 off spread 5000 : 1000.
    assert_eq!(inv["subtotal"], 6000);
    assert_eq!(inv["total"], 5000);
    let item_line = inv["lines"]["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["amount"] == 2000)
        .unwrap()
        .clone();
    assert_eq!(item_line["discounts"], json!([ii_discount]));
    assert_eq!(item_line["discount_amounts"][0]["amount"], 1000);
    assert_eq!(item_line["discount_amounts"][1]["amount"], 167);
    // A draft's invoice discounts can be replaced; `""` removes them.
    let path = format!("/v1/invoices/{}", id(&inv));
    let bare = api.ok(&path, &[("discounts", "")]).await;
    assert_eq!(
        (bare["discounts"].clone(), bare["total"].clone()),
        (json!([]), json!(6000))
    );
    let again = api.ok(&path, &[("discounts[0][coupon]", &half)]).await;
    // 50 % of 5000 and of the 1000 left on the item line.
    assert_eq!(again["total"], 3000);
    let paid = api.ok(&format!("{path}/pay"), &[]).await;
    assert_eq!(paid["amount_paid"], 3000);
    let (s, e) = api.post(&path, &[("discounts", "")]).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(e["error"]["code"], "invoice_not_editable");
}
