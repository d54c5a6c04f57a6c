//! The money model's part of the contract: tax rates, coupons, promotion codes, discounts,
//! billing meters and metered prices, and invoices and previews carrying all of them.

use serde_json::{json, Value};

use super::support::client::{str_at, Client};
use super::support::contract::{ids, now, short, Contract};

/// The money operations; each must succeed at least once.
pub const OPERATIONS: &[&str] = &[
    "POST /v1/tax_rates",
    "GET /v1/tax_rates",
    "GET /v1/tax_rates/{tax_rate}",
    "POST /v1/tax_rates/{tax_rate}",
    "POST /v1/coupons",
    "GET /v1/coupons",
    "GET /v1/coupons/{coupon}",
    "POST /v1/coupons/{coupon}",
    "DELETE /v1/coupons/{coupon}",
    "POST /v1/promotion_codes",
    "GET /v1/promotion_codes",
    "GET /v1/promotion_codes/{promotion_code}",
    "POST /v1/promotion_codes/{promotion_code}",
    "POST /v1/billing/meters",
    "GET /v1/billing/meters",
    "GET /v1/billing/meters/{id}",
    "POST /v1/billing/meters/{id}",
    "POST /v1/billing/meters/{id}/deactivate",
    "POST /v1/billing/meters/{id}/reactivate",
    "GET /v1/billing/meters/{id}/event_summaries",
    "POST /v1/billing/meter_events",
    "DELETE /v1/customers/{customer}/discount",
    "DELETE /v1/subscriptions/{subscription_exposed_id}/discount",
    "POST /v1/invoiceitems",
];

/// Event types the money model records.
pub const EVENT_TYPES: &[&str] = &[
    "tax_rate.created",
    "tax_rate.updated",
    "coupon.created",
    "coupon.updated",
    "coupon.deleted",
    "promotion_code.created",
    "promotion_code.updated",
    "billing.meter.created",
    "billing.meter.updated",
    "billing.meter.deactivated",
    "billing.meter.reactivated",
    "customer.discount.created",
    "customer.discount.deleted",
];

const DAY: i64 = 86_400;

async fn tax_rates(c: &Client, k: &mut Contract) -> (String, String) {
    let r = c
        .post(
            "/v1/tax_rates",
            &[
                ("display_name", "Sales tax"),
                ("percentage", "8.875"),
                ("inclusive", "false"),
                ("country", "US"),
                ("state", "NY"),
                ("jurisdiction", "US-NY"),
                ("tax_type", "sales_tax"),
                ("description", "New York City"),
            ],
        )
        .await;
    let body = k.check("create exclusive tax rate", &r, 200);
    k.ensure_eq("create tax rate", &body, "/percentage", json!(8.875));
    k.ensure_eq("create tax rate", &body, "/inclusive", json!(false));
    let sales_tax = r.id();
    let r = c
        .post(
            "/v1/tax_rates",
            &[
                ("display_name", "VAT"),
                ("percentage", "20"),
                ("inclusive", "true"),
                ("country", "DE"),
                ("tax_type", "vat"),
                ("metadata[source]", "contract"),
            ],
        )
        .await;
    k.check("create inclusive tax rate", &r, 200);
    let vat = r.id();
    let r = c.get(&format!("/v1/tax_rates/{vat}"), &[]).await;
    k.check("retrieve tax rate", &r, 200);
    let r = c
        .post(
            &format!("/v1/tax_rates/{vat}"),
            &[("description", "Germany"), ("jurisdiction", "DE")],
        )
        .await;
    let body = k.check("update tax rate", &r, 200);
    k.ensure_eq("update tax rate", &body, "/jurisdiction", json!("DE"));
    let r = c.get("/v1/tax_rates", &[("inclusive", "true")]).await;
    let list = k.check("list inclusive tax rates", &r, 200);
    k.ensure("list tax rates", ids(&list) == vec![vat.clone()], || {
        format!("expected [{vat}], got {:?}", ids(&list))
    });
    let r = c
        .post(
            "/v1/tax_rates",
            &[("display_name", "VAT"), ("percentage", "20")],
        )
        .await;
    let body = k.check_error(
        "create tax rate without inclusive",
        &r,
        400,
        "invalid_request_error",
        Some("parameter_missing"),
    );
    k.ensure_eq(
        "tax rate without inclusive",
        &body,
        "/error/param",
        json!("inclusive"),
    );
    let r = c.get("/v1/tax_rates/txr_doesnotexist", &[]).await;
    k.check_error(
        "retrieve missing tax rate",
        &r,
        404,
        "invalid_request_error",
        Some("resource_missing"),
    );
    (sales_tax, vat)
}

/// Coupons and a promotion code; returns (10 % for 3 months, 5.00 off forever, promotion code).
async fn coupons(c: &Client, k: &mut Contract, product: &str) -> (String, String, String) {
    let r = c
        .post(
            "/v1/coupons",
            &[
                ("id", "CONTRACT10"),
                ("percent_off", "10"),
                ("duration", "repeating"),
                ("duration_in_months", "3"),
                ("name", "Ten percent"),
            ],
        )
        .await;
    let body = k.check("create repeating percent coupon", &r, 200);
    k.ensure_eq("create coupon", &body, "/id", json!("CONTRACT10"));
    k.ensure_eq("create coupon", &body, "/duration_in_months", json!(3));
    let ten = r.id();
    let r = c
        .post(
            "/v1/coupons",
            &[
                ("amount_off", "500"),
                ("currency", "usd"),
                ("duration", "forever"),
                ("max_redemptions", "100"),
                ("redeem_by", &(now() + 120 * DAY).to_string()),
            ],
        )
        .await;
    let body = k.check("create amount-off coupon", &r, 200);
    k.ensure_eq("amount-off coupon", &body, "/currency", json!("usd"));
    let five = r.id();
    let r = c
        .post(
            "/v1/coupons",
            &[("percent_off", "50"), ("applies_to[products][0]", product)],
        )
        .await;
    let body = k.check("create coupon for one product", &r, 200);
    k.ensure_eq(
        "applies_to",
        &body,
        "/applies_to/products/0",
        json!(product),
    );
    let scoped = r.id();
    let r = c.get(&format!("/v1/coupons/{ten}"), &[]).await;
    k.check("retrieve coupon", &r, 200);
    let r = c
        .post(
            &format!("/v1/coupons/{ten}"),
            &[("name", "Ten off"), ("metadata[campaign]", "contract")],
        )
        .await;
    let body = k.check("update coupon", &r, 200);
    k.ensure_eq("update coupon", &body, "/name", json!("Ten off"));
    let r = c.get("/v1/coupons", &[("limit", "100")]).await;
    let list = k.check("list coupons", &r, 200);
    k.ensure("list coupons", ids(&list).len() == 3, || {
        format!("expected 3 coupons, got {:?}", ids(&list))
    });
    let r = c.delete(&format!("/v1/coupons/{scoped}"), &[]).await;
    let body = k.check("delete coupon", &r, 200);
    k.ensure_eq("delete coupon", &body, "/deleted", json!(true));
    let r = c
        .post(
            "/v1/coupons",
            &[
                ("percent_off", "10"),
                ("amount_off", "100"),
                ("currency", "usd"),
            ],
        )
        .await;
    let body = k.check_error(
        "create coupon with both percent_off and amount_off",
        &r,
        400,
        "invalid_request_error",
        None,
    );
    k.ensure_eq(
        "coupon with both",
        &body,
        "/error/param",
        json!("amount_off"),
    );
    let r = c
        .post(
            "/v1/coupons",
            &[("percent_off", "10"), ("duration", "repeating")],
        )
        .await;
    let body = k.check_error(
        "create repeating coupon without months",
        &r,
        400,
        "invalid_request_error",
        Some("parameter_missing"),
    );
    k.ensure_eq(
        "coupon without months",
        &body,
        "/error/param",
        json!("duration_in_months"),
    );
    let r = c.get(&format!("/v1/coupons/{scoped}"), &[]).await;
    k.check_error(
        "retrieve deleted coupon",
        &r,
        404,
        "invalid_request_error",
        Some("resource_missing"),
    );

    let r = c
        .post(
            "/v1/promotion_codes",
            &[
                ("promotion[type]", "coupon"),
                ("promotion[coupon]", ten.as_str()),
                ("code", "CONTRACT-TEN"),
                ("max_redemptions", "10"),
                ("expires_at", &(now() + 20 * DAY).to_string()),
                ("restrictions[first_time_transaction]", "false"),
            ],
        )
        .await;
    let body = k.check("create promotion code", &r, 200);
    k.ensure_eq("promotion code", &body, "/promotion/coupon", json!(ten));
    let promo = r.id();
    let r = c
        .get(
            &format!("/v1/promotion_codes/{promo}"),
            &[("expand[]", "promotion.coupon")],
        )
        .await;
    let body = k.check("retrieve promotion code, coupon expanded", &r, 200);
    k.ensure_expanded("expand[]=promotion.coupon", &body, "/promotion/coupon");
    for (step, params) in [
        (
            "list promotion codes by code",
            vec![("code", "contract-ten")],
        ),
        (
            "list promotion codes by coupon",
            vec![("coupon", ten.as_str())],
        ),
        ("list active promotion codes", vec![("active", "true")]),
    ] {
        let r = c.get("/v1/promotion_codes", &params).await;
        let list = k.check(step, &r, 200);
        k.ensure(step, ids(&list) == vec![promo.clone()], || {
            format!("expected [{promo}], got {:?}", ids(&list))
        });
    }
    let path = format!("/v1/promotion_codes/{promo}");
    let r = c.post(&path, &[("active", "false")]).await;
    let body = k.check("deactivate promotion code", &r, 200);
    k.ensure_eq("deactivate promotion code", &body, "/active", json!(false));
    let r = c
        .post(&path, &[("active", "true"), ("metadata[k]", "v")])
        .await;
    let body = k.check("reactivate promotion code", &r, 200);
    k.ensure_eq("reactivate promotion code", &body, "/active", json!(true));
    let r = c.post("/v1/promotion_codes", &[("code", "NOPROMO")]).await;
    let body = k.check_error(
        "create promotion code without promotion",
        &r,
        400,
        "invalid_request_error",
        Some("parameter_missing"),
    );
    k.ensure_eq(
        "promotion code without promotion",
        &body,
        "/error/param",
        json!("promotion"),
    );
    (ten, five, promo)
}

async fn meters(c: &Client, k: &mut Contract) -> String {
    let r = c
        .post(
            "/v1/billing/meters",
            &[
                ("display_name", "Contract calls"),
                ("event_name", "contract_calls"),
                ("default_aggregation[formula]", "sum"),
                ("customer_mapping[type]", "by_id"),
                ("customer_mapping[event_payload_key]", "stripe_customer_id"),
                ("value_settings[event_payload_key]", "value"),
            ],
        )
        .await;
    let body = k.check("create meter", &r, 200);
    k.ensure_eq("create meter", &body, "/status", json!("active"));
    let meter = r.id();
    let path = format!("/v1/billing/meters/{meter}");
    let r = c.get(&path, &[]).await;
    k.check("retrieve meter", &r, 200);
    let r = c.post(&path, &[("display_name", "API calls")]).await;
    let body = k.check("update meter", &r, 200);
    k.ensure_eq("update meter", &body, "/display_name", json!("API calls"));
    let r = c.get("/v1/billing/meters", &[("status", "active")]).await;
    let list = k.check("list meters", &r, 200);
    k.ensure("list meters", ids(&list).contains(&meter), || {
        format!("{meter} not listed")
    });
    let r = c.post(&format!("{path}/deactivate"), &[]).await;
    let body = k.check("deactivate meter", &r, 200);
    k.ensure_eq("deactivate meter", &body, "/status", json!("inactive"));
    let r = c.post(&format!("{path}/reactivate"), &[]).await;
    let body = k.check("reactivate meter", &r, 200);
    k.ensure_eq("reactivate meter", &body, "/status", json!("active"));
    let r = c
        .post(
            "/v1/billing/meters",
            &[
                ("display_name", "Twin"),
                ("event_name", "contract_calls"),
                ("default_aggregation[formula]", "count"),
            ],
        )
        .await;
    let body = k.check_error(
        "create a second active meter for an event name",
        &r,
        400,
        "invalid_request_error",
        None,
    );
    k.ensure_eq(
        "duplicate meter",
        &body,
        "/error/param",
        json!("event_name"),
    );
    meter
}

/// Prices of one product: a licensed seat (20.00) and calls metered at 0.10.
async fn prices(c: &Client, k: &mut Contract, meter: &str) -> (String, String, String) {
    let r = c.post("/v1/products", &[("name", "Contract money")]).await;
    k.check("create product for money", &r, 200);
    let product = r.id();
    let r = c
        .post(
            "/v1/prices",
            &[
                ("product", product.as_str()),
                ("currency", "usd"),
                ("unit_amount", "2000"),
                ("recurring[interval]", "month"),
            ],
        )
        .await;
    k.check("create seat price", &r, 200);
    let seat = r.id();
    let r = c
        .post(
            "/v1/prices",
            &[
                ("product", product.as_str()),
                ("currency", "usd"),
                ("unit_amount", "10"),
                ("recurring[interval]", "month"),
                ("recurring[usage_type]", "metered"),
                ("recurring[meter]", meter),
            ],
        )
        .await;
    let body = k.check("create price on a meter", &r, 200);
    k.ensure_eq("metered price", &body, "/recurring/meter", json!(meter));
    (product, seat, r.id())
}

/// The whole money scenario on a customer of its own test clock.
pub async fn money(base: &str, key: &str, c: &Client, k: &mut Contract) {
    let (sales_tax, vat) = tax_rates(c, k).await;
    let meter = meters(c, k).await;
    let (product, seat, calls) = prices(c, k, &meter).await;
    let (ten, five, promo) = coupons(c, k, &product).await;

    let t0 = now() - now() % DAY;
    let r = c
        .post(
            "/v1/test_helpers/test_clocks",
            &[("frozen_time", &t0.to_string())],
        )
        .await;
    k.check("create test clock for money", &r, 200);
    let clock = r.id();
    let r = c
        .post(
            "/v1/customers",
            &[
                ("email", "money@example.com"),
                ("test_clock", clock.as_str()),
                ("payment_method", "pm_card_visa"),
                ("invoice_settings[default_payment_method]", "pm_card_visa"),
            ],
        )
        .await;
    k.check("create customer for money", &r, 200);
    let customer = r.id();

    // A seat with its own sales tax and 5.00 off, metered calls under the default VAT, and
    // the promotion code's 10 % on the subscription.
    let r = c
        .post(
            "/v1/subscriptions",
            &[
                ("customer", customer.as_str()),
                ("items[0][price]", seat.as_str()),
                ("items[0][tax_rates][0]", sales_tax.as_str()),
                ("items[0][discounts][0][coupon]", five.as_str()),
                ("items[1][price]", calls.as_str()),
                ("default_tax_rates[0]", vat.as_str()),
                ("discounts[0][promotion_code]", promo.as_str()),
                ("expand[]", "latest_invoice"),
                ("expand[]", "discounts"),
                ("expand[]", "items.data.discounts"),
            ],
        )
        .await;
    let body = k.check("subscribe with discounts and tax rates", &r, 200);
    // 2000 − 500 (item) = 1500 − 10 % = 1350, + round(1350 × 8.875 %) = 120.
    k.ensure_eq(
        "discounted, taxed first invoice",
        &body,
        "/latest_invoice/total",
        json!(1470),
    );
    k.ensure_eq(
        "subtotal has item discounts",
        &body,
        "/latest_invoice/subtotal",
        json!(1500),
    );
    k.ensure_eq(
        "subscription discount",
        &body,
        "/discounts/0/promotion_code",
        json!(promo),
    );
    k.ensure_expanded(
        "expand[]=items.data.discounts",
        &body,
        "/items/data/0/discounts/0",
    );
    let sub = r.id();
    let invoice = str_at(&body, "/latest_invoice/id");
    let period_end = body
        .pointer("/items/data/0/current_period_end")
        .and_then(Value::as_i64)
        .unwrap_or(0);
    let r = c
        .get(
            &format!("/v1/invoices/{invoice}"),
            &[
                ("expand[]", "discounts"),
                ("expand[]", "total_discount_amounts.discount"),
                ("expand[]", "total_taxes.tax_rate_details.tax_rate"),
            ],
        )
        .await;
    let body = k.check(
        "retrieve discounted invoice, discounts and rates expanded",
        &r,
        200,
    );
    k.ensure_expanded("expand[]=discounts", &body, "/discounts/0");
    k.ensure_expanded(
        "expand[]=total_taxes.tax_rate_details.tax_rate",
        &body,
        "/total_taxes/0/tax_rate_details/tax_rate",
    );
    let r = c.get(&format!("/v1/invoices/{invoice}/lines"), &[]).await;
    let lines = k.check("list discounted, taxed invoice lines", &r, 200);
    k.ensure_eq("line taxes", &lines, "/data/0/taxes/0/amount", json!(120));
    k.ensure_eq(
        "line discounts",
        &lines,
        "/data/0/discount_amounts/0/amount",
        json!(500),
    );

    // Usage: 42 calls, a retried identifier refused; summaries.
    let event = |value: &'static str, ident: &'static str| {
        let customer = customer.clone();
        async move {
            c.post(
                "/v1/billing/meter_events",
                &[
                    ("event_name", "contract_calls"),
                    ("payload[stripe_customer_id]", customer.as_str()),
                    ("payload[value]", value),
                    ("timestamp", &(t0 + 60).to_string()),
                    ("identifier", ident),
                ],
            )
            .await
        }
    };
    let r = event("42", "contract-usage-1").await;
    let body = k.check("record a meter event", &r, 200);
    k.ensure_eq("meter event", &body, "/payload/value", json!("42"));
    let r = event("42", "contract-usage-1").await;
    let body = k.check_error(
        "record a meter event twice",
        &r,
        400,
        "invalid_request_error",
        None,
    );
    k.ensure_eq(
        "duplicate meter event",
        &body,
        "/error/param",
        json!("identifier"),
    );
    let summaries = format!("/v1/billing/meters/{meter}/event_summaries");
    let (start, end) = (t0.to_string(), (t0 + DAY).to_string());
    let r = c
        .get(
            &summaries,
            &[
                ("customer", customer.as_str()),
                ("start_time", &start),
                ("end_time", &end),
            ],
        )
        .await;
    let body = k.check("meter event summary", &r, 200);
    k.ensure_eq(
        "meter event summary",
        &body,
        "/data/0/aggregated_value",
        json!(42),
    );
    let hours = (t0 + 7200).to_string();
    let r = c
        .get(
            &summaries,
            &[
                ("customer", customer.as_str()),
                ("start_time", &start),
                ("end_time", &hours),
                ("value_grouping_window", "hour"),
            ],
        )
        .await;
    let body = k.check("hourly meter event summaries", &r, 200);
    k.ensure("hourly summaries", ids(&body).len() == 2, || {
        format!("expected 2 hours, got {}", short(body.get("data")))
    });
    let r = c
        .get(
            &summaries,
            &[
                ("customer", customer.as_str()),
                ("start_time", &(t0 + 30).to_string()),
                ("end_time", &end),
            ],
        )
        .await;
    k.check_error(
        "meter event summary from an unaligned start",
        &r,
        400,
        "invalid_request_error",
        None,
    );

    // The next invoice: licensed seat, this period's calls, discounts, taxes.
    let r = c
        .post(
            "/v1/invoices/create_preview",
            &[("subscription", sub.as_str())],
        )
        .await;
    let preview = k.check(
        "preview the renewal with usage, discounts and taxes",
        &r,
        200,
    );
    let metered = preview["lines"]["data"].as_array().and_then(|lines| {
        lines
            .iter()
            .find(|l| l.pointer("/pricing/price_details/price") == Some(&json!(calls)))
    });
    k.ensure(
        "preview shows usage",
        metered.is_some_and(|l| l["quantity"] == json!(42)),
        || format!("metered line {}", short(metered)),
    );
    let r = c
        .post(
            "/v1/invoices/create_preview",
            &[("subscription", sub.as_str()), ("discounts", "")],
        )
        .await;
    let bare = k.check("preview without inherited discounts", &r, 200);
    k.ensure(
        "preview without discounts",
        bare["total"] != preview["total"],
        || "discounts=\"\" changed nothing".into(),
    );
    let r = c
        .post(
            &format!("/v1/test_helpers/test_clocks/{clock}/advance"),
            &[("frozen_time", &(period_end + 60).to_string())],
        )
        .await;
    k.check("advance to the renewal", &r, 200);
    let r = c
        .get(
            "/v1/invoices",
            &[("subscription", sub.as_str()), ("limit", "1")],
        )
        .await;
    let list = k.check("list the renewal invoice", &r, 200);
    for field in [
        "total",
        "subtotal",
        "total_excluding_tax",
        "total_taxes",
        "total_discount_amounts",
    ] {
        k.ensure_eq(
            "the renewal charges what the preview showed",
            &list,
            &format!("/data/0/{field}"),
            preview[field].clone(),
        );
    }

    // Subscription discounts: cleared with "", deleted with DELETE …/discount.
    let path = format!("/v1/subscriptions/{sub}");
    let r = c.post(&path, &[("discounts", "")]).await;
    let body = k.check("clear subscription discounts", &r, 200);
    k.ensure_eq("clear discounts", &body, "/discounts", json!([]));
    let r = c
        .post(
            &path,
            &[
                ("discounts[0][coupon]", five.as_str()),
                ("default_tax_rates", ""),
            ],
        )
        .await;
    let body = k.check(
        "set a subscription coupon, clear default tax rates",
        &r,
        200,
    );
    k.ensure_eq(
        "clear default tax rates",
        &body,
        "/default_tax_rates",
        json!([]),
    );
    let r = c.delete(&format!("{path}/discount"), &[]).await;
    let body = k.check("delete subscription discount", &r, 200);
    k.ensure_eq(
        "delete subscription discount",
        &body,
        "/deleted",
        json!(true),
    );
    let r = c.delete(&format!("{path}/discount"), &[]).await;
    k.check_error(
        "delete a subscription discount twice",
        &r,
        404,
        "invalid_request_error",
        Some("resource_missing"),
    );

    // A customer discount (set as the Dashboard would) and its removal.
    let url = format!("{base}/_standin/accounts/{key}/customers/{customer}/discount");
    let set = c.submit(&url, &[("coupon".into(), ten.clone())]).await;
    k.ensure("give the customer a discount", set.status == 200, || {
        format!("POST {url} answered {}", set.status)
    });
    let r = c.get(&format!("/v1/customers/{customer}"), &[]).await;
    let body = k.check("retrieve customer with a discount", &r, 200);
    k.ensure_eq(
        "customer discount",
        &body,
        "/discount/source/coupon",
        json!(ten),
    );
    let r = c
        .delete(&format!("/v1/customers/{customer}/discount"), &[])
        .await;
    let body = k.check("delete customer discount", &r, 200);
    k.ensure_eq("delete customer discount", &body, "/deleted", json!(true));

    // A one-off invoice: an item with its own discount and rate, an invoice coupon and rates.
    let r = c
        .post(
            "/v1/invoiceitems",
            &[
                ("customer", customer.as_str()),
                ("amount", "3000"),
                ("currency", "usd"),
                ("description", "Onboarding"),
                ("tax_rates[0]", sales_tax.as_str()),
                ("discounts[0][coupon]", five.as_str()),
            ],
        )
        .await;
    let body = k.check(
        "create invoice item with a discount and a tax rate",
        &r,
        200,
    );
    k.ensure_eq(
        "invoice item tax rates",
        &body,
        "/tax_rates/0/id",
        json!(sales_tax),
    );
    let r = c
        .post(
            "/v1/invoices",
            &[
                ("customer", customer.as_str()),
                ("pending_invoice_items_behavior", "include"),
                ("discounts[0][coupon]", ten.as_str()),
                ("default_tax_rates[0]", vat.as_str()),
            ],
        )
        .await;
    let body = k.check(
        "create invoice with a coupon and default tax rates",
        &r,
        200,
    );
    // 3000 − 500 = 2500 − 10 % = 2250, + round(2250 × 8.875 %) = 200.
    k.ensure_eq("one-off invoice total", &body, "/total", json!(2450));
    let r = c
        .post(&format!("/v1/invoices/{}/finalize", r.id()), &[])
        .await;
    k.check("finalize a discounted, taxed invoice", &r, 200);

    // Yen: zero-decimal amounts, a yen coupon; a dollar coupon does not fit.
    let r = c
        .post(
            "/v1/prices",
            &[
                ("product", product.as_str()),
                ("currency", "jpy"),
                ("unit_amount", "1980"),
                ("recurring[interval]", "month"),
            ],
        )
        .await;
    k.check("create yen price", &r, 200);
    let yen = r.id();
    let r = c
        .post("/v1/coupons", &[("amount_off", "300"), ("currency", "jpy")])
        .await;
    k.check("create yen coupon", &r, 200);
    let yen_off = r.id();
    let r = c
        .post(
            "/v1/customers",
            &[
                ("email", "yen@example.com"),
                ("payment_method", "pm_card_visa"),
                ("invoice_settings[default_payment_method]", "pm_card_visa"),
            ],
        )
        .await;
    k.check("create yen customer", &r, 200);
    let yen_customer = r.id();
    let r = c
        .post(
            "/v1/subscriptions",
            &[
                ("customer", yen_customer.as_str()),
                ("items[0][price]", yen.as_str()),
                ("discounts[0][coupon]", five.as_str()),
            ],
        )
        .await;
    let body = k.check_error(
        "subscribe in yen with a dollar coupon",
        &r,
        400,
        "invalid_request_error",
        None,
    );
    k.ensure_eq(
        "dollar coupon on yen",
        &body,
        "/error/param",
        json!("discounts[0][coupon]"),
    );
    let r = c
        .post(
            "/v1/subscriptions",
            &[
                ("customer", yen_customer.as_str()),
                ("items[0][price]", yen.as_str()),
                ("discounts[0][coupon]", yen_off.as_str()),
                ("expand[]", "latest_invoice"),
            ],
        )
        .await;
    let body = k.check("subscribe in yen with a yen coupon", &r, 200);
    k.ensure_eq("yen invoice", &body, "/latest_invoice/total", json!(1680));
    k.ensure_eq(
        "yen invoice",
        &body,
        "/latest_invoice/currency",
        json!("jpy"),
    );
}
