//! Tax rates and the taxes they put on invoices: per line, on the discounted amount.

use serde_json::json;

use super::money::{clocked_customer, coupon, ids_of, monthly, tax_rate};
use super::{events_of, id, start};

#[tokio::test]
async fn tax_rates_are_created_listed_and_validated() {
    let (_s, api) = start().await;
    api.refused(
        "/v1/tax_rates",
        &[("display_name", "VAT"), ("inclusive", "true")],
        "percentage",
    )
    .await;
    api.refused(
        "/v1/tax_rates",
        &[
            ("display_name", "VAT"),
            ("percentage", "120"),
            ("inclusive", "true"),
        ],
        "percentage",
    )
    .await;
    api.refused(
        "/v1/tax_rates",
        &[
            ("display_name", "VAT"),
            ("percentage", "20"),
            ("inclusive", "maybe"),
        ],
        "inclusive",
    )
    .await;
    let vat = api
        .ok(
            "/v1/tax_rates",
            &[
                ("display_name", "VAT"),
                ("percentage", "20"),
                ("inclusive", "true"),
                ("country", "DE"),
                ("jurisdiction", "DE"),
                ("tax_type", "vat"),
                ("description", "German VAT"),
            ],
        )
        .await;
    assert_eq!(vat["percentage"], 20);
    assert_eq!(
        (vat["inclusive"].clone(), vat["active"].clone()),
        (json!(true), json!(true))
    );
    assert_eq!(vat["tax_type"], "vat");
    assert!(id(&vat).starts_with("txr_"));
    let ny = api
        .ok(
            "/v1/tax_rates",
            &[
                ("display_name", "Sales tax"),
                ("percentage", "8.875"),
                ("inclusive", "false"),
                ("country", "US"),
                ("state", "NY"),
            ],
        )
        .await;
    assert_eq!(ny["percentage"], json!(8.875));
    api.refused(
        &format!("/v1/tax_rates/{}", id(&ny)),
        &[("percentage", "9")],
        "percentage",
    )
    .await;
    api.refused(
        &format!("/v1/tax_rates/{}", id(&ny)),
        &[("tax_type", "toll")],
        "tax_type",
    )
    .await;
    let off = api
        .ok(
            &format!("/v1/tax_rates/{}", id(&ny)),
            &[("active", "false")],
        )
        .await;
    assert_eq!(off["active"], false);
    let inclusive = api.get_ok("/v1/tax_rates?inclusive=true").await;
    assert_eq!(ids_of(&inclusive), vec![id(&vat).to_string()]);
    let active = api.get_ok("/v1/tax_rates?active=true").await;
    assert_eq!(ids_of(&active), vec![id(&vat).to_string()]);
    // An inactive rate cannot be put on something new.
    let (cus, starter, _) = super::billing_setup(&api, "tok_visa").await;
    api.refused(
        "/v1/subscriptions",
        &[
            ("customer", &cus),
            ("items[0][price]", &starter),
            ("default_tax_rates[0]", id(&ny)),
        ],
        "default_tax_rates[0]",
    )
    .await;
    assert_eq!(events_of(&api, "tax_rate.created").await.len(), 2);
}

#[tokio::test]
async fn exclusive_tax_is_added_per_line_on_the_discounted_amount() {
    let (_s, api) = start().await;
    let (_, cus) = clocked_customer(&api).await;
    let (_, price) = monthly(&api, "Pro", "usd", 1999).await;
    let ny = tax_rate(&api, "Sales tax", "8.875", false).await;
    let ten = coupon(&api, &[("percent_off", "10"), ("duration", "forever")]).await;
    let sub = api
        .ok(
            "/v1/subscriptions",
            &[
                ("customer", &cus),
                ("items[0][price]", &price),
                ("default_tax_rates[0]", &ny),
                ("discounts[0][coupon]", &ten),
                ("expand[]", "latest_invoice"),
            ],
        )
        .await;
    assert_eq!(sub["default_tax_rates"][0]["id"], ny.as_str());
    let inv = &sub["latest_invoice"];
    assert_eq!(inv["default_tax_rates"][0]["id"], ny.as_str());
    // 1999 − round(199.9) = 1799; tax round(1799 × 8.875 %) = round(159.66) = 160.
    let tax = &inv["lines"]["data"][0]["taxes"][0];
    assert_eq!(tax["amount"], 160);
    assert_eq!(tax["taxable_amount"], 1799);
    assert_eq!(tax["tax_behavior"], "exclusive");
    assert_eq!(tax["type"], "tax_rate_details");
    assert_eq!(tax["tax_rate_details"]["tax_rate"], ny.as_str());
    assert_eq!(inv["total_taxes"], json!([tax]));
    assert_eq!(inv["subtotal"], 1999);
    assert_eq!(inv["subtotal_excluding_tax"], 1999);
    assert_eq!(inv["total_excluding_tax"], 1799);
    assert_eq!(inv["total"], 1959);
    assert_eq!(inv["amount_due"], 1959);
    assert_eq!(inv["amount_paid"], 1959);
}

#[tokio::test]
async fn inclusive_tax_is_extracted_and_item_rates_override_the_subscription_defaults() {
    let (_s, api) = start().await;
    let (_, cus) = clocked_customer(&api).await;
    let (_, a) = monthly(&api, "A", "usd", 3000).await;
    let (_, b) = monthly(&api, "B", "usd", 1000).await;
    let vat = tax_rate(&api, "VAT", "20", true).await;
    let gst = tax_rate(&api, "GST", "5", false).await;
    let sub = api
        .ok(
            "/v1/subscriptions",
            &[
                ("customer", &cus),
                ("items[0][price]", &a),
                ("items[1][price]", &b),
                ("items[1][tax_rates][0]", &gst),
                ("default_tax_rates[0]", &vat),
                ("expand[]", "latest_invoice"),
            ],
        )
        .await;
    assert_eq!(sub["items"]["data"][1]["tax_rates"][0]["id"], gst.as_str());
    assert_eq!(sub["items"]["data"][0]["tax_rates"], json!([]));
    let inv = &sub["latest_invoice"];
    let lines = inv["lines"]["data"].as_array().unwrap();
    // A: 3000 × 20 / 120 = 500 included; B: only its own 5 % GST, 50 added.
    assert_eq!(lines[0]["taxes"][0]["amount"], 500);
    assert_eq!(lines[0]["taxes"][0]["taxable_amount"], 2500);
    assert_eq!(lines[0]["taxes"][0]["tax_behavior"], "inclusive");
    assert_eq!(lines[1]["taxes"].as_array().unwrap().len(), 1);
    assert_eq!(lines[1]["taxes"][0]["amount"], 50);
    assert_eq!(
        lines[1]["taxes"][0]["tax_rate_details"]["tax_rate"],
        gst.as_str()
    );
    assert_eq!(inv["subtotal"], 4000);
    assert_eq!(inv["subtotal_excluding_tax"], 3500);
    assert_eq!(inv["total_excluding_tax"], 3500);
    assert_eq!(inv["total"], 4050);
    assert_eq!(inv["total_taxes"].as_array().unwrap().len(), 2);

    // Clearing the defaults leaves only the item's own rate on the next invoice.
    api.ok(
        &format!("/v1/subscriptions/{}", id(&sub)),
        &[("default_tax_rates", "")],
    )
    .await;
    let preview = api
        .ok("/v1/invoices/create_preview", &[("subscription", id(&sub))])
        .await;
    assert_eq!(preview["total"], 4050);
    assert_eq!(preview["total_taxes"].as_array().unwrap().len(), 1);
    assert_eq!(preview["total_excluding_tax"], 4000);
    // An item's own rates can change without any other change to it.
    let si = sub["items"]["data"][0]["id"].as_str().unwrap();
    let updated = api
        .ok(
            &format!("/v1/subscriptions/{}", id(&sub)),
            &[("items[0][id]", si), ("items[0][tax_rates][0]", &gst)],
        )
        .await;
    assert_eq!(
        updated["items"]["data"][0]["tax_rates"][0]["id"],
        gst.as_str()
    );
    let preview = api
        .ok("/v1/invoices/create_preview", &[("subscription", id(&sub))])
        .await;
    assert_eq!(preview["total"], 4000 + 150 + 50);
}
