//! Billing meters and metered prices, next-invoice previews that match the renewal, and
//! zero-decimal currencies.

use reqwest::StatusCode;
use serde_json::{json, Value};

use super::money::{clocked_customer, coupon, ids_of, monthly, tax_rate, T0};
use super::{events_of, id, start, Api};

async fn meter(api: &Api, event_name: &str, formula: &str) -> String {
    let m = api
        .ok(
            "/v1/billing/meters",
            &[
                ("display_name", event_name),
                ("event_name", event_name),
                ("default_aggregation[formula]", formula),
            ],
        )
        .await;
    id(&m).to_string()
}

async fn metered_price(api: &Api, meter: &str, currency: &str, unit: i64) -> String {
    let prod = api.ok("/v1/products", &[("name", "API calls")]).await;
    let p = api
        .ok(
            "/v1/prices",
            &[
                ("product", id(&prod)),
                ("currency", currency),
                ("unit_amount", &unit.to_string()),
                ("recurring[interval]", "month"),
                ("recurring[usage_type]", "metered"),
                ("recurring[meter]", meter),
            ],
        )
        .await;
    id(&p).to_string()
}

async fn usage(
    api: &Api,
    event: &str,
    customer: &str,
    value: &str,
    at: i64,
    ident: &str,
) -> (StatusCode, Value) {
    api.post(
        "/v1/billing/meter_events",
        &[
            ("event_name", event),
            ("payload[stripe_customer_id]", customer),
            ("payload[value]", value),
            ("timestamp", &at.to_string()),
            ("identifier", ident),
        ],
    )
    .await
}

#[tokio::test]
async fn meters_are_created_updated_listed_and_deactivated() {
    let (_s, api) = start().await;
    api.refused(
        "/v1/billing/meters",
        &[("display_name", "Calls"), ("event_name", "calls")],
        "default_aggregation",
    )
    .await;
    api.refused(
        "/v1/billing/meters",
        &[
            ("display_name", "Calls"),
            ("event_name", "calls"),
            ("default_aggregation[formula]", "avg"),
        ],
        "default_aggregation[formula]",
    )
    .await;
    let m = api
        .ok(
            "/v1/billing/meters",
            &[
                ("display_name", "Calls"),
                ("event_name", "calls"),
                ("default_aggregation[formula]", "sum"),
                ("customer_mapping[type]", "by_id"),
                ("customer_mapping[event_payload_key]", "stripe_customer_id"),
                ("value_settings[event_payload_key]", "value"),
            ],
        )
        .await;
    assert_eq!(m["object"], "billing.meter");
    assert_eq!(m["status"], "active");
    assert_eq!(m["default_aggregation"], json!({"formula": "sum"}));
    api.refused(
        "/v1/billing/meters",
        &[
            ("display_name", "Again"),
            ("event_name", "calls"),
            ("default_aggregation[formula]", "sum"),
        ],
        "event_name",
    )
    .await;
    let path = format!("/v1/billing/meters/{}", id(&m));
    let renamed = api.ok(&path, &[("display_name", "API calls")]).await;
    assert_eq!(renamed["display_name"], "API calls");
    api.refused(&path, &[("event_name", "other")], "event_name")
        .await;
    let off = api.ok(&format!("{path}/deactivate"), &[]).await;
    assert_eq!(off["status"], "inactive");
    assert!(off["status_transitions"]["deactivated_at"].is_i64());
    assert_eq!(
        ids_of(&api.get_ok("/v1/billing/meters?status=inactive").await),
        vec![id(&m).to_string()]
    );
    assert!(ids_of(&api.get_ok("/v1/billing/meters?status=active").await).is_empty());
    let (s, _) = usage(&api, "calls", "cus_x", "1", 0, "a").await;
    assert_eq!(
        s,
        StatusCode::BAD_REQUEST,
        "no active meter takes the event"
    );
    let on = api.ok(&format!("{path}/reactivate"), &[]).await;
    assert_eq!(on["status"], "active");
    assert!(on["status_transitions"]["deactivated_at"].is_null());
    assert_eq!(events_of(&api, "billing.meter.deactivated").await.len(), 1);
    assert_eq!(events_of(&api, "billing.meter.reactivated").await.len(), 1);
}

#[tokio::test]
async fn meter_events_are_deduplicated_and_summarized_by_window() {
    let (_s, api) = start().await;
    let (clock, cus) = clocked_customer(&api).await;
    let calls = meter(&api, "calls", "sum").await;
    api.advance_clock(&clock, T0 + 5000).await;
    let ok = |r: (StatusCode, Value)| {
        assert_eq!(r.0, StatusCode::OK, "{}", r.1);
        r.1
    };
    let e = ok(usage(&api, "calls", &cus, "100", T0 + 10, "req-1").await);
    assert_eq!(e["object"], "billing.meter_event");
    assert_eq!(e["identifier"], "req-1");
    assert_eq!(
        e["payload"],
        json!({"stripe_customer_id": cus, "value": "100"})
    );
    assert_eq!(e["timestamp"], T0 + 10);
    ok(usage(&api, "calls", &cus, "250", T0 + 4000, "req-2").await);
    // A retry with the same identifier is refused, and not counted.
    let (s, v) = usage(&api, "calls", &cus, "100", T0 + 10, "req-1").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(v["error"]["param"], "identifier");
    let (s, v) = usage(&api, "calls", &cus, "ten", T0, "req-3").await;
    assert_eq!(
        (s, v["error"]["param"].clone()),
        (StatusCode::BAD_REQUEST, json!("payload[value]"))
    );
    let (s, v) = usage(&api, "calls", &cus, "5", T0 - 40 * 86_400, "req-4").await;
    assert_eq!(
        (s, v["error"]["param"].clone()),
        (StatusCode::BAD_REQUEST, json!("timestamp"))
    );
    let (s, v) = usage(&api, "calls", "cus_nope", "5", T0, "req-5").await;
    assert_eq!(
        (s, v["error"]["param"].clone()),
        (
            StatusCode::BAD_REQUEST,
            json!("payload[stripe_customer_id]")
        )
    );

    let summaries = format!("/v1/billing/meters/{calls}/event_summaries");
    let day = api
        .get_ok(&format!(
            "{summaries}?customer={cus}&start_time={T0}&end_time={}",
            T0 + 86_400
        ))
        .await;
    let data = day["data"].as_array().unwrap();
    assert_eq!(data.len(), 1);
    assert_eq!(data[0]["aggregated_value"], 350);
    assert_eq!(data[0]["meter"], calls.as_str());
    assert_eq!(
        (data[0]["start_time"].clone(), data[0]["end_time"].clone()),
        (json!(T0), json!(T0 + 86_400))
    );
    let hourly = api
        .get_ok(&format!(
            "{summaries}?customer={cus}&start_time={T0}&end_time={}&value_grouping_window=hour",
            T0 + 3 * 3600
        ))
        .await;
    let values: Vec<(i64, i64)> = hourly["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["start_time"].as_i64().unwrap() - T0,
                s["aggregated_value"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        values,
        vec![(7200, 0), (3600, 250), (0, 100)],
        "newest first"
    );
    let (s, v) = api
        .get(&format!(
            "{summaries}?customer={cus}&start_time={}&end_time={}",
            T0 + 30,
            T0 + 3600
        ))
        .await;
    assert_eq!(
        (s, v["error"]["param"].clone()),
        (StatusCode::BAD_REQUEST, json!("start_time"))
    );
    let (s, v) = api
        .get(&format!(
            "{summaries}?customer={cus}&start_time={}&end_time={}&value_grouping_window=day",
            T0 + 3600,
            T0 + 86_400
        ))
        .await;
    assert_eq!(
        (s, v["error"]["param"].clone()),
        (StatusCode::BAD_REQUEST, json!("start_time"))
    );
}

#[tokio::test]
async fn metered_usage_is_billed_at_renewal_by_the_meter_formula() {
    let (_s, api) = start().await;
    let (clock, cus) = clocked_customer(&api).await;
    let sum = meter(&api, "tokens", "sum").await;
    let count = meter(&api, "logins", "count").await;
    let last = meter(&api, "seats", "last").await;
    let p_sum = metered_price(&api, &sum, "usd", 5).await;
    let p_count = metered_price(&api, &count, "usd", 100).await;
    let p_last = metered_price(&api, &last, "usd", 1000).await;
    let prod = api.ok("/v1/products", &[("name", "Other")]).await;
    for (usage_type, meter_id) in [("metered", "mtr_nope"), ("licensed", sum.as_str())] {
        api.refused(
            "/v1/prices",
            &[
                ("product", id(&prod)),
                ("currency", "usd"),
                ("unit_amount", "1"),
                ("recurring[interval]", "month"),
                ("recurring[usage_type]", usage_type),
                ("recurring[meter]", meter_id),
            ],
            "recurring[meter]",
        )
        .await;
    }
    let sub = api
        .ok(
            "/v1/subscriptions",
            &[
                ("customer", &cus),
                ("items[0][price]", &p_sum),
                ("items[1][price]", &p_count),
                ("items[2][price]", &p_last),
                ("expand[]", "latest_invoice"),
            ],
        )
        .await;
    assert_eq!(
        sub["latest_invoice"]["total"], 0,
        "usage is billed in arrears"
    );
    api.advance_clock(&clock, T0 + 3600).await;
    for (i, (event, value)) in [
        ("tokens", "1200"),
        ("tokens", "800"),
        ("logins", "1"),
        ("logins", "1"),
        ("logins", "1"),
        ("seats", "4"),
        ("seats", "7"),
    ]
    .iter()
    .enumerate()
    {
        let (s, v) = usage(
            &api,
            event,
            &cus,
            value,
            T0 + 60 * (i as i64 + 1),
            &format!("u{i}"),
        )
        .await;
        assert_eq!(s, StatusCode::OK, "{v}");
    }
    let end = sub["items"]["data"][0]["current_period_end"]
        .as_i64()
        .unwrap();
    // After the period: not billed in this one.
    api.advance_clock(&clock, end - 60).await;
    let (s, _) = usage(&api, "tokens", &cus, "999999", end + 60, "late").await;
    assert_eq!(s, StatusCode::OK);
    api.advance_clock(&clock, end + 3600).await;
    let inv = api.latest_invoice(id(&sub)).await;
    assert_eq!(inv["billing_reason"], "subscription_cycle");
    let qty = |price: &str| {
        let l = inv["lines"]["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["pricing"]["price_details"]["price"] == price)
            .unwrap()
            .clone();
        (
            l["quantity"].as_i64().unwrap(),
            l["amount"].as_i64().unwrap(),
            l["period"].clone(),
        )
    };
    assert_eq!(qty(&p_sum).0, 2000, "sum");
    assert_eq!(qty(&p_sum).1, 10_000);
    assert_eq!(qty(&p_sum).2, json!({"start": T0, "end": end}));
    assert_eq!(qty(&p_count).0, 3, "count");
    assert_eq!(qty(&p_last).0, 7, "last");
    assert_eq!(inv["total"], 10_000 + 300 + 7000);
    assert_eq!(inv["status"], "paid");
}

#[tokio::test]
async fn the_renewal_preview_total_is_what_the_renewal_charges() {
    let (_s, api) = start().await;
    let (clock, cus) = clocked_customer(&api).await;
    let (_, seat) = monthly(&api, "Seat", "usd", 2000).await;
    let calls = meter(&api, "calls", "sum").await;
    let per_call = metered_price(&api, &calls, "usd", 5).await;
    let tax = tax_rate(&api, "Sales tax", "10", false).await;
    let ten = coupon(
        &api,
        &[
            ("percent_off", "10"),
            ("duration", "repeating"),
            ("duration_in_months", "3"),
        ],
    )
    .await;
    let sub = api
        .ok(
            "/v1/subscriptions",
            &[
                ("customer", &cus),
                ("items[0][price]", &seat),
                ("items[1][price]", &per_call),
                ("default_tax_rates[0]", &tax),
                ("discounts[0][coupon]", &ten),
            ],
        )
        .await;
    let sub_id = id(&sub).to_string();
    api.ok(
        "/v1/invoiceitems",
        &[
            ("customer", &cus),
            ("amount", "500"),
            ("currency", "usd"),
            ("subscription", &sub_id),
        ],
    )
    .await;
    api.advance_clock(&clock, T0 + 7200).await;
    for (i, v) in ["70", "50"].iter().enumerate() {
        let (s, b) = usage(
            &api,
            "calls",
            &cus,
            v,
            T0 + 600 * (i as i64 + 1),
            &format!("c{i}"),
        )
        .await;
        assert_eq!(s, StatusCode::OK, "{b}");
    }
    let preview = api
        .ok("/v1/invoices/create_preview", &[("subscription", &sub_id)])
        .await;
    assert_eq!(preview["billing_reason"], "upcoming");
    // Seat 2000, 120 calls × 5 = 600, the pending 500: 10 % off each (310), then 10 % tax on
    // 1800 + 540 + 450 = 279.
    assert_eq!(preview["subtotal"], 3100);
    assert_eq!(preview["total_discount_amounts"][0]["amount"], 310);
    assert_eq!(preview["total_taxes"][0]["amount"], 279);
    assert_eq!(preview["total"], 3069);
    let metered_line = preview["lines"]["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["pricing"]["price_details"]["price"] == per_call.as_str())
        .unwrap()
        .clone();
    assert_eq!(metered_line["quantity"], 120);

    let end = sub["items"]["data"][0]["current_period_end"]
        .as_i64()
        .unwrap();
    api.advance_clock(&clock, end + 60).await;
    let renewal = api.latest_invoice(&sub_id).await;
    assert_eq!(renewal["billing_reason"], "subscription_cycle");
    for field in [
        "subtotal",
        "subtotal_excluding_tax",
        "total",
        "total_excluding_tax",
        "amount_due",
        "total_taxes",
    ] {
        assert_eq!(renewal[field], preview[field], "{field}");
    }
    assert_eq!(renewal["amount_paid"], 3069);
    assert_eq!(
        renewal["lines"]["data"].as_array().unwrap().len(),
        preview["lines"]["data"].as_array().unwrap().len()
    );
}

#[tokio::test]
async fn a_change_preview_with_discounts_and_taxes_matches_the_update_and_renewal() {
    let (_s, api) = start().await;
    let (clock, cus) = clocked_customer(&api).await;
    let (_, basic) = monthly(&api, "Basic", "usd", 1000).await;
    let (_, pro) = monthly(&api, "Pro", "usd", 3000).await;
    let tax = tax_rate(&api, "VAT", "10", false).await;
    let twenty = coupon(&api, &[("percent_off", "20"), ("duration", "forever")]).await;
    let sub = api
        .ok(
            "/v1/subscriptions",
            &[
                ("customer", &cus),
                ("items[0][price]", &basic),
                ("items[0][tax_rates][0]", &tax),
                ("discounts[0][coupon]", &twenty),
                ("expand[]", "latest_invoice"),
            ],
        )
        .await;
    assert_eq!(
        sub["latest_invoice"]["total"], 880,
        "1000 − 20 % + 10 % tax"
    );
    let sub_id = id(&sub).to_string();
    let si = sub["items"]["data"][0]["id"].as_str().unwrap().to_string();
    let (ps, pe) = (
        sub["items"]["data"][0]["current_period_start"]
            .as_i64()
            .unwrap(),
        sub["items"]["data"][0]["current_period_end"]
            .as_i64()
            .unwrap(),
    );
    let at = ps + (pe - ps) / 3;
    let at_s = at.to_string();
    let preview = api
        .ok(
            "/v1/invoices/create_preview",
            &[
                ("subscription", &sub_id),
                ("subscription_details[items][0][id]", &si),
                ("subscription_details[items][0][price]", &pro),
                ("subscription_details[proration_date]", &at_s),
            ],
        )
        .await;
    let prorations: Vec<&Value> = preview["lines"]["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["parent"]["subscription_item_details"]["proration"] == true)
        .collect();
    assert_eq!(prorations.len(), 2);
    for p in &prorations {
        assert_eq!(p["discountable"], false);
        assert_eq!(
            p["discount_amounts"],
            json!([]),
            "prorations are not discounted"
        );
        let amount = p["amount"].as_i64().unwrap();
        let tax_amount = p["taxes"][0]["amount"].as_i64().unwrap();
        assert_eq!(
            tax_amount,
            (amount as f64 / 10.0).round() as i64,
            "taxed at 10 %: {p}"
        );
    }
    let credit_and_charge: i64 = prorations
        .iter()
        .map(|p| p["amount"].as_i64().unwrap())
        .sum();
    let next = 3000 - 600;
    let taxes: i64 = preview["total_taxes"][0]["amount"].as_i64().unwrap();
    assert_eq!(
        taxes,
        prorations
            .iter()
            .map(|p| p["taxes"][0]["amount"].as_i64().unwrap())
            .sum::<i64>()
            + 240
    );
    assert_eq!(
        preview["total"].as_i64().unwrap(),
        credit_and_charge + next + taxes
    );

    api.ok(
        &format!("/v1/subscriptions/{sub_id}"),
        &[
            ("items[0][id]", &si),
            ("items[0][price]", &pro),
            ("proration_date", &at_s),
        ],
    )
    .await;
    api.advance_clock(&clock, pe + 60).await;
    let renewal = api.latest_invoice(&sub_id).await;
    assert_eq!(renewal["total"], preview["total"], "{renewal}");
    assert_eq!(renewal["total_taxes"], preview["total_taxes"]);
    assert_eq!(
        renewal["total_discount_amounts"],
        preview["total_discount_amounts"]
    );
}

#[tokio::test]
async fn a_preview_can_try_other_discounts_and_tax_rates() {
    let (_s, api) = start().await;
    let (_, cus) = clocked_customer(&api).await;
    let (_, price) = monthly(&api, "Plan", "usd", 1000).await;
    let vat = tax_rate(&api, "VAT", "20", true).await;
    let half = coupon(&api, &[("percent_off", "50")]).await;
    let sub = api
        .ok(
            "/v1/subscriptions",
            &[("customer", &cus), ("items[0][price]", &price)],
        )
        .await;
    let preview = api
        .ok(
            "/v1/invoices/create_preview",
            &[
                ("subscription", id(&sub)),
                ("discounts[0][coupon]", &half),
                ("subscription_details[default_tax_rates][0]", &vat),
            ],
        )
        .await;
    assert_eq!(preview["total"], 500);
    assert_eq!(
        preview["total_taxes"][0]["amount"], 83,
        "500 × 20 / 120 = 83.33"
    );
    assert_eq!(preview["total_excluding_tax"], 417);
    // Nothing was stored: the coupon is unredeemed and the subscription unchanged.
    assert_eq!(
        api.get_ok(&format!("/v1/coupons/{half}")).await["times_redeemed"],
        0
    );
    let now = api.get_ok(&format!("/v1/subscriptions/{}", id(&sub))).await;
    assert_eq!(
        (now["discounts"].clone(), now["default_tax_rates"].clone()),
        (json!([]), json!([]))
    );
    let (s, v) = api
        .post(
            "/v1/invoices/create_preview",
            &[("subscription", id(&sub)), ("discounts[0][coupon]", "nope")],
        )
        .await;
    assert_eq!(
        (s, v["error"]["param"].clone()),
        (StatusCode::BAD_REQUEST, json!("discounts[0][coupon]"))
    );
}

#[tokio::test]
async fn zero_decimal_yen_stays_whole_in_prices_coupons_taxes_and_pages() {
    let (_s, api) = start().await;
    let (_, cus) = clocked_customer(&api).await;
    let (_, price) = monthly(&api, "Plan", "jpy", 1980).await;
    let jct = tax_rate(&api, "JCT", "10", false).await;
    let off = coupon(
        &api,
        &[
            ("amount_off", "300"),
            ("currency", "jpy"),
            ("duration", "forever"),
        ],
    )
    .await;
    let usd_off = coupon(&api, &[("amount_off", "300"), ("currency", "usd")]).await;
    api.refused(
        "/v1/subscriptions",
        &[
            ("customer", &cus),
            ("items[0][price]", &price),
            ("discounts[0][coupon]", &usd_off),
        ],
        "discounts[0][coupon]",
    )
    .await;
    let sub = api
        .ok(
            "/v1/subscriptions",
            &[
                ("customer", &cus),
                ("items[0][price]", &price),
                ("discounts[0][coupon]", &off),
                ("default_tax_rates[0]", &jct),
                ("expand[]", "latest_invoice"),
            ],
        )
        .await;
    let inv = &sub["latest_invoice"];
    assert_eq!(inv["currency"], "jpy");
    // ¥1980 − ¥300 = ¥1680, + 10 % = ¥168: ¥1848, not ¥18.48.
    assert_eq!(inv["subtotal"], 1980);
    assert_eq!(inv["total_discount_amounts"][0]["amount"], 300);
    assert_eq!(inv["total_taxes"][0]["amount"], 168);
    assert_eq!(inv["total"], 1848);
    assert_eq!(inv["amount_paid"], 1848);
    assert_eq!(
        inv["lines"]["data"][0]["description"],
        "1 × Plan (at ¥1980 / month)"
    );
    let page = api
        .http
        .get(inv["hosted_invoice_url"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("¥1848"), "{page}");
    assert!(page.contains("-¥300"), "{page}");
    assert!(page.contains("JCT 10%"), "{page}");
    let pdf = api
        .http
        .get(inv["invoice_pdf"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("Total: JPY 1848"), "{text}");
    let preview = api
        .ok("/v1/invoices/create_preview", &[("subscription", id(&sub))])
        .await;
    assert_eq!(preview["total"], 1848);
}
