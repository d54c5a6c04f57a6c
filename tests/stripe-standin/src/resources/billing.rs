//! Billing core shared by subscriptions, invoices and the clock: periods, lines, prorations,
//! invoice creation, finalization and payment.

use serde_json::{json, Value};
use time::{Date, Month, OffsetDateTime};

use super::discounts::{self, DiscountReq};
use super::totals;
use crate::error::{ApiError, ApiResult};
use crate::events::{emit, emit_auto, emit_update};
use crate::state::{full_list, new_id, Account, Ctx};

/// `anchor` moved forward by `n` billing intervals (months clamp to the month's last day).
pub fn add_interval(anchor: i64, interval: &str, count: i64, n: i64) -> i64 {
    let steps = count * n;
    match interval {
        "day" => anchor + steps * 86_400,
        "week" => anchor + steps * 7 * 86_400,
        "year" => add_months(anchor, steps * 12),
        _ => add_months(anchor, steps),
    }
}

fn add_months(ts: i64, months: i64) -> i64 {
    let Ok(dt) = OffsetDateTime::from_unix_timestamp(ts) else {
        return ts + months * 30 * 86_400;
    };
    let total = dt.year() as i64 * 12 + (dt.month() as i64 - 1) + months;
    let year = total.div_euclid(12) as i32;
    let month = Month::try_from((total.rem_euclid(12) + 1) as u8).unwrap_or(Month::January);
    let last = time::util::days_in_month(month, year);
    let day = dt.day().min(last);
    match Date::from_calendar_date(year, month, day) {
        Ok(d) => dt.replace_date(d).unix_timestamp(),
        Err(_) => ts + months * 30 * 86_400,
    }
}

/// The first period end after `after` on the cycle anchored at `anchor`.
pub fn next_period_end(anchor: i64, interval: &str, count: i64, after: i64) -> i64 {
    let mut n = 1;
    loop {
        let t = add_interval(anchor, interval, count, n);
        if t > after || n > 100_000 {
            return t;
        }
        n += 1;
    }
}

/// `25 Nov 2026`, as Stripe writes dates in proration descriptions.
pub fn short_date(ts: i64) -> String {
    OffsetDateTime::from_unix_timestamp(ts)
        .map(|d| format!("{} {} {}", d.day(), month_abbr(d.month()), d.year()))
        .unwrap_or_default()
}

fn month_abbr(m: Month) -> &'static str {
    match m {
        Month::January => "Jan",
        Month::February => "Feb",
        Month::March => "Mar",
        Month::April => "Apr",
        Month::May => "May",
        Month::June => "Jun",
        Month::July => "Jul",
        Month::August => "Aug",
        Month::September => "Sep",
        Month::October => "Oct",
        Month::November => "Nov",
        Month::December => "Dec",
    }
}

/// Stripe's zero-decimal currencies: amounts are in whole units (`unit_amount=500` is ¥500).
pub const ZERO_DECIMAL: &[&str] = &[
    "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv",
    "xaf", "xof", "xpf",
];

/// Three-decimal currencies (amounts in thousandths).
const THREE_DECIMAL: &[&str] = &["bhd", "jod", "kwd", "omr", "tnd"];

/// Digits after the decimal point in a currency's minor unit.
pub fn decimals(currency: &str) -> u32 {
    if ZERO_DECIMAL.contains(&currency) {
        0
    } else if THREE_DECIMAL.contains(&currency) {
        3
    } else {
        2
    }
}

/// `$29.00`, `¥1980` style amount (minor units) for descriptions and pages.
pub fn money(amount: i64, currency: &str) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    let a = amount.abs();
    let sym = match currency {
        "usd" => "$",
        "eur" => "€",
        "gbp" => "£",
        "jpy" => "¥",
        _ => "",
    };
    let suffix = if sym.is_empty() {
        format!(" {}", currency.to_uppercase())
    } else {
        String::new()
    };
    let number = match decimals(currency) {
        0 => a.to_string(),
        d => {
            let unit = 10_i64.pow(d);
            format!("{}.{:0width$}", a / unit, a % unit, width = d as usize)
        }
    };
    format!("{sign}{sym}{number}{suffix}")
}

pub fn product_name(acct: &Account, price: &Value) -> String {
    let pid = price["product"]
        .as_str()
        .or_else(|| price["product"]["id"].as_str())
        .unwrap_or_default();
    acct.get("product", pid)
        .and_then(|p| p["name"].as_str())
        .unwrap_or(pid)
        .to_string()
}

fn product_id(price: &Value) -> Value {
    price["product"]
        .as_str()
        .map(|s| json!(s))
        .unwrap_or_else(|| price["product"]["id"].clone())
}

fn pricing(price: &Value) -> Value {
    json!({
        "type": "price_details",
        "price_details": {"price": price["id"], "product": product_id(price)},
        "unit_amount_decimal": price["unit_amount_decimal"],
    })
}

pub fn is_metered(price: &Value) -> bool {
    price["recurring"]["usage_type"] == "metered"
}

/// A plain (non-proration) line for one subscription item and period.
pub fn item_line(acct: &Account, item: &Value, sub_id: &str, start: i64, end: i64) -> Value {
    let price = &item["price"];
    let metered = is_metered(price);
    let qty = if metered {
        0
    } else {
        item["quantity"].as_i64().unwrap_or(1)
    };
    let unit = price["unit_amount"].as_i64().unwrap_or(0);
    let currency = price["currency"].as_str().unwrap_or("usd");
    let interval = price["recurring"]["interval"].as_str().unwrap_or("month");
    let desc = format!(
        "{qty} × {} (at {} / {interval})",
        product_name(acct, price),
        money(unit, currency)
    );
    json!({
        "id": new_id("il"),
        "object": "line_item",
        "amount": unit * qty,
        "currency": currency,
        "description": desc,
        "discount_amounts": [],
        "discountable": true,
        "discounts": item["discounts"].as_array().cloned().unwrap_or_default(),
        "invoice": null,
        "livemode": false,
        "metadata": item["metadata"].clone(),
        "parent": {
            "type": "subscription_item_details",
            "invoice_item_details": null,
            "subscription_item_details": {
                "invoice_item": null,
                "proration": false,
                "proration_details": {"credited_items": null},
                "subscription": sub_id,
                "subscription_item": item["id"],
            },
        },
        "period": {"start": start, "end": end},
        "pretax_credit_amounts": [],
        "pricing": pricing(price),
        "quantity": qty,
        "subtotal": unit * qty,
        "taxes": totals::tax_entries(&item["tax_rates"]),
    })
}

/// A line for a metered item billed in arrears: the usage its meter aggregated in `[start, end)`.
pub fn usage_line(acct: &Account, item: &Value, sub: &Value, start: i64, end: i64) -> Value {
    let sub_id = sub["id"].as_str().unwrap_or_default();
    let mut line = item_line(acct, item, sub_id, start, end);
    let price = &item["price"];
    let customer = sub["customer"].as_str().unwrap_or_default();
    let qty = super::meters::usage(acct, price, customer, start, end);
    let unit = price["unit_amount"].as_i64().unwrap_or(0);
    let interval = price["recurring"]["interval"].as_str().unwrap_or("month");
    line["quantity"] = json!(qty);
    line["amount"] = json!(unit * qty);
    line["subtotal"] = json!(unit * qty);
    line["description"] = json!(format!(
        "{qty} × {} (at {} / {interval})",
        product_name(acct, price),
        money(unit, price["currency"].as_str().unwrap_or("usd"))
    ));
    line
}

/// A line made from an invoice item (prorations and one-off charges).
pub fn invoiceitem_line(ii: &Value) -> Value {
    let sub = ii["parent"]["subscription_details"]["subscription"].clone();
    let si = ii["parent"]["subscription_details"]["subscription_item"]
        .as_str()
        .filter(|s| !s.is_empty());
    // Items made by a subscription change (prorations) show as subscription-item lines.
    let parent = match si {
        Some(si) => json!({
            "type": "subscription_item_details",
            "invoice_item_details": null,
            "subscription_item_details": {
                "invoice_item": ii["id"],
                "proration": ii["proration"],
                "proration_details": {"credited_items": null},
                "subscription": sub,
                "subscription_item": si,
            },
        }),
        None => json!({
            "type": "invoice_item_details",
            "invoice_item_details": {
                "invoice_item": ii["id"],
                "proration": ii["proration"],
                "proration_details": {"credited_items": null},
                "subscription": sub,
            },
            "subscription_item_details": null,
        }),
    };
    json!({
        "id": new_id("il"),
        "object": "line_item",
        "amount": ii["amount"],
        "currency": ii["currency"],
        "description": ii["description"],
        "discount_amounts": [],
        "discountable": ii["discountable"],
        "discounts": ii["discounts"].as_array().cloned().unwrap_or_default(),
        "invoice": null,
        "livemode": false,
        "metadata": ii["metadata"].clone(),
        "parent": parent,
        "period": ii["period"],
        "pretax_credit_amounts": [],
        "pricing": ii["pricing"],
        "quantity": ii["quantity"],
        "subtotal": ii["amount"],
        "taxes": totals::tax_entries(&ii["tax_rates"]),
    })
}

/// The one place an invoice item is shaped.
#[allow(clippy::too_many_arguments)]
pub fn invoiceitem_object(
    customer: &str,
    amount: i64,
    currency: &str,
    description: &str,
    price: Option<&Value>,
    quantity: i64,
    period: (i64, i64),
    proration: bool,
    subscription: Option<(&str, &str)>,
    date: i64,
    test_clock: Value,
) -> Value {
    json!({
        "id": new_id("ii"),
        "object": "invoiceitem",
        "amount": amount,
        "currency": currency,
        "customer": customer,
        "customer_account": null,
        "date": date,
        "description": description,
        "discountable": !proration,
        "discounts": [],
        "invoice": null,
        "livemode": false,
        "metadata": {},
        "net_amount": amount,
        "parent": subscription.map(|(s, si)| {
            let mut d = json!({"subscription": s, "subscription_item": si});
            if si.is_empty() {
                if let Some(m) = d.as_object_mut() {
                    m.remove("subscription_item");
                }
            }
            json!({"type": "subscription_details", "subscription_details": d})
        }),
        "period": {"start": period.0, "end": period.1},
        "pricing": price.map(pricing),
        "proration": proration,
        "proration_details": {"credited_items": null, "discount_amounts": []},
        "quantity": quantity,
        "quantity_decimal": quantity.to_string(),
        "tax_rates": [],
        "test_clock": test_clock,
    })
}

/// A desired subscription item after an update: `id` None for new items.
#[derive(Debug, Clone)]
pub struct ItemPlan {
    pub id: Option<String>,
    pub price: Value,
    pub quantity: i64,
    pub metadata: Value,
    /// `items[][tax_rates]` (tax rate objects); None keeps the item's.
    pub tax_rates: Option<Vec<Value>>,
    /// `items[][discounts]`; None keeps the item's.
    pub discounts: Option<Vec<DiscountReq>>,
}

/// Proration invoice items (unstored) for moving `sub` from its items to `plan` at `t`.
pub fn prorations(acct: &Account, sub: &Value, plan: &[ItemPlan], t: i64) -> Vec<Value> {
    let customer = sub["customer"].as_str().unwrap_or_default();
    let sub_id = sub["id"].as_str().unwrap_or_default();
    let clock = sub["test_clock"].clone();
    let empty = vec![];
    let current = sub["items"]["data"].as_array().unwrap_or(&empty);
    let (ps, pe) = current
        .first()
        .map(|i| {
            (
                i["current_period_start"].as_i64().unwrap_or(t),
                i["current_period_end"].as_i64().unwrap_or(t),
            )
        })
        .unwrap_or((t, t));
    if pe <= ps || t >= pe {
        return Vec::new();
    }
    let t = t.max(ps);
    let frac = |amount: i64| -> i64 {
        (amount as f64 * (pe - t) as f64 / (pe - ps) as f64).round() as i64
    };
    let desc = |what: &str, qty: i64, price: &Value| {
        let name = product_name(acct, price);
        let q = if qty > 1 {
            format!("{qty} × ")
        } else {
            String::new()
        };
        format!("{what} time on {q}{name} after {}", short_date(t))
    };
    let mut out = Vec::new();
    let mut push = |amount: i64, d: String, price: &Value, qty: i64, si: &str, rates: &Value| {
        let currency = price["currency"].as_str().unwrap_or("usd");
        let mut ii = invoiceitem_object(
            customer,
            amount,
            currency,
            &d,
            Some(price),
            qty,
            (t, pe),
            true,
            Some((sub_id, si)),
            t,
            clock.clone(),
        );
        // A proration carries its item's tax rates (none: the invoice's defaults apply).
        ii["tax_rates"] = rates.clone();
        out.push(ii);
    };
    let plan_rates = |n: &ItemPlan, fallback: &Value| -> Value {
        n.tax_rates
            .as_ref()
            .map_or_else(|| fallback.clone(), |r| Value::Array(r.clone()))
    };
    for old in current {
        let si = old["id"].as_str().unwrap_or_default();
        let old_price = &old["price"];
        if is_metered(old_price) {
            continue;
        }
        let old_qty = old["quantity"].as_i64().unwrap_or(1);
        let new = plan.iter().find(|p| p.id.as_deref() == Some(si));
        let changed = match new {
            None => true,
            Some(n) => n.price["id"] != old_price["id"] || n.quantity != old_qty,
        };
        if !changed {
            continue;
        }
        let unit = old_price["unit_amount"].as_i64().unwrap_or(0);
        push(
            -frac(unit * old_qty),
            desc("Unused", old_qty, old_price),
            old_price,
            old_qty,
            si,
            &old["tax_rates"],
        );
        if let Some(n) = new {
            if !is_metered(&n.price) {
                let unit = n.price["unit_amount"].as_i64().unwrap_or(0);
                push(
                    frac(unit * n.quantity),
                    desc("Remaining", n.quantity, &n.price),
                    &n.price,
                    n.quantity,
                    si,
                    &plan_rates(n, &old["tax_rates"]),
                );
            }
        }
    }
    let is_new = |p: &&ItemPlan| {
        p.id.as_deref()
            .is_none_or(|id| !current.iter().any(|c| c["id"] == id))
    };
    for n in plan.iter().filter(is_new) {
        if is_metered(&n.price) {
            continue;
        }
        let unit = n.price["unit_amount"].as_i64().unwrap_or(0);
        let si = n.id.as_deref().unwrap_or_default();
        push(
            frac(unit * n.quantity),
            desc("Remaining", n.quantity, &n.price),
            &n.price,
            n.quantity,
            si,
            &plan_rates(n, &json!([])),
        );
    }
    out
}

/// The one place an invoice is shaped (draft, unstored).
#[allow(clippy::too_many_arguments)]
pub fn invoice_object(
    acct: &Account,
    id: &str,
    customer: &Value,
    sub: Option<&Value>,
    created: i64,
    period: (i64, i64),
    mut lines: Vec<Value>,
    billing_reason: &str,
    currency: &str,
) -> Value {
    for l in lines.iter_mut() {
        l["invoice"] = json!(id);
    }
    let collection = sub
        .and_then(|s| s["collection_method"].as_str())
        .unwrap_or("charge_automatically");
    let parent = sub.map(|s| {
        json!({
            "type": "subscription_details",
            "quote_details": null,
            "subscription_details": {"metadata": s["metadata"].clone(), "subscription": s["id"]},
        })
    });
    let mut inv = json!({
        "id": id,
        "object": "invoice",
        "account_country": "US",
        "account_name": "Stand-in Test Account",
        "account_tax_ids": null,
        "amount_due": 0,
        "amount_overpaid": 0,
        "amount_paid": 0,
        "amount_paid_off_stripe": 0,
        "amount_remaining": 0,
        "amount_shipping": 0,
        "application": null,
        "attempt_count": 0,
        "attempted": false,
        "auto_advance": true,
        "automatic_tax": {"disabled_reason": null, "enabled": false, "liability": null, "provider": null, "status": null},
        "automatically_finalizes_at": null,
        "billing_reason": billing_reason,
        "collection_method": collection,
        "confirmation_secret": null,
        "created": created,
        "currency": currency,
        "custom_fields": null,
        "customer": customer["id"],
        "customer_account": null,
        "customer_address": customer["address"],
        "customer_email": customer["email"],
        "customer_name": customer["name"],
        "customer_phone": customer["phone"],
        "customer_shipping": null,
        "customer_tax_exempt": customer["tax_exempt"],
        "customer_tax_ids": customer_tax_ids(acct, customer["id"].as_str().unwrap_or_default()),
        "default_payment_method": null,
        "default_source": null,
        "default_tax_rates": sub.map_or(json!([]), |s| {
            s["default_tax_rates"].as_array().cloned().map_or(json!([]), Value::Array)
        }),
        "description": null,
        "discounts": [],
        "due_date": null,
        "effective_at": null,
        "ending_balance": null,
        "footer": null,
        "from_invoice": null,
        "hosted_invoice_url": null,
        "invoice_pdf": null,
        "issuer": {"type": "self"},
        "last_finalization_error": null,
        "latest_revision": null,
        "lines": full_list(lines, &format!("/v1/invoices/{id}/lines")),
        "livemode": false,
        "metadata": {},
        "next_payment_attempt": null,
        "number": null,
        "on_behalf_of": null,
        "parent": parent,
        "payment_settings": {"default_mandate": null, "payment_method_options": null, "payment_method_types": null},
        "period_end": period.1,
        "period_start": period.0,
        "post_payment_credit_notes_amount": 0,
        "pre_payment_credit_notes_amount": 0,
        "receipt_number": null,
        "rendering": null,
        "shipping_cost": null,
        "shipping_details": null,
        "starting_balance": 0,
        "statement_descriptor": null,
        "status": "draft",
        "status_transitions": {"finalized_at": null, "marked_uncollectible_at": null, "paid_at": null, "voided_at": null},
        "subtotal": 0,
        "subtotal_excluding_tax": 0,
        "test_clock": customer["test_clock"],
        "total": 0,
        "total_discount_amounts": [],
        "total_excluding_tax": 0,
        "total_pretax_credit_amounts": [],
        "total_taxes": [],
        "webhooks_delivered_at": null,
    });
    totals::compute(acct, &mut inv, &[]);
    inv
}

fn customer_tax_ids(acct: &Account, customer: &str) -> Value {
    Value::Array(
        acct.all("tax_id")
            .into_iter()
            .filter(|t| t["customer"] == customer)
            .map(|t| json!({"type": t["type"], "value": t["value"]}))
            .collect(),
    )
}

/// Pending invoice items of a customer (for one subscription, or any when `sub` is None).
pub fn pending_items(acct: &Account, customer: &str, sub: Option<&str>) -> Vec<Value> {
    let mut items: Vec<Value> = acct
        .all("invoiceitem")
        .into_iter()
        .filter(|ii| {
            ii["customer"] == customer
                && ii["invoice"].is_null()
                && match sub {
                    Some(s) => {
                        let owner = &ii["parent"]["subscription_details"]["subscription"];
                        owner == s || owner.is_null()
                    }
                    None => true,
                }
        })
        .collect();
    items.reverse();
    items
}

/// Creates and stores a draft invoice from lines plus the pending items it sweeps up.
#[allow(clippy::too_many_arguments)]
pub fn create_invoice(
    cx: &mut Ctx<'_>,
    customer_id: &str,
    sub: Option<&Value>,
    period: (i64, i64),
    mut lines: Vec<Value>,
    sweep: Vec<Value>,
    reason: &str,
    automatic: bool,
) -> ApiResult<Value> {
    let customer = cx.acct.find_param("customer", customer_id, "customer")?;
    let now = cx.acct.now_for_customer(Some(customer_id));
    let id = new_id("in");
    let currency = lines
        .first()
        .or(sweep.first())
        .and_then(|l| l["currency"].as_str())
        .or_else(|| sub.and_then(|s| s["currency"].as_str()))
        .unwrap_or("usd")
        .to_string();
    // A customer's first invoice fixes its currency, as on Stripe.
    if let Some(c) = cx.acct.get_mut("customer", customer_id) {
        if c["currency"].is_null() {
            c["currency"] = json!(currency);
        }
    }
    for mut ii in sweep {
        lines.push(invoiceitem_line(&ii));
        ii["invoice"] = json!(id);
        cx.acct.put("invoiceitem", ii);
    }
    let mut inv = invoice_object(
        cx.acct, &id, &customer, sub, now, period, lines, reason, &currency,
    );
    let inherited = discounts::inherited(cx.acct, sub, &customer, now, &[]);
    discounts::settle(cx.acct, &mut inv, inherited, now, &[]);
    totals::compute(cx.acct, &mut inv, &[]);
    if let Some(s) = sub {
        if s["collection_method"] == "send_invoice" {
            let days = s["days_until_due"].as_i64().unwrap_or(30);
            inv["due_date"] = json!(now + days * 86_400);
        }
        inv["default_payment_method"] = s["default_payment_method"].clone();
        inv["description"] = s["description"].clone();
    }
    cx.acct.insert("invoice", inv.clone());
    if automatic {
        emit_auto(cx, "invoice.created", &inv, None);
    } else {
        emit(cx, "invoice.created", &inv, None);
    }
    Ok(inv)
}

fn emit_as(cx: &mut Ctx<'_>, automatic: bool, kind: &str, obj: &Value) {
    if automatic {
        emit_auto(cx, kind, obj, None);
    } else {
        emit(cx, kind, obj, None);
    }
}

/// Draft → open: number, hosted page and PDF links.
pub fn finalize(cx: &mut Ctx<'_>, invoice_id: &str, automatic: bool) -> ApiResult<Value> {
    let mut inv = cx.acct.find("invoice", invoice_id)?;
    if inv["status"] != "draft" {
        return Err(ApiError::bad_state(
            "This invoice is already finalized, you can't re-finalize a non-draft invoice."
                .to_string(),
        )
        .with_code("invoice_not_editable"));
    }
    let customer_id = inv["customer"].as_str().unwrap_or_default().to_string();
    let now = cx.acct.now_for_customer(Some(&customer_id));
    let mut number = String::new();
    if let Some(c) = cx.acct.get_mut("customer", &customer_id) {
        let seq = c["next_invoice_sequence"].as_i64().unwrap_or(1);
        number = format!("{}-{seq:04}", c["invoice_prefix"].as_str().unwrap_or("INV"));
        c["next_invoice_sequence"] = json!(seq + 1);
    }
    let base = cx.base_url();
    inv["number"] = json!(number);
    inv["status"] = json!("open");
    inv["status_transitions"]["finalized_at"] = json!(now);
    inv["effective_at"] = json!(now);
    inv["hosted_invoice_url"] = json!(format!("{base}/_standin/invoices/{invoice_id}"));
    inv["invoice_pdf"] = json!(format!("{base}/_standin/invoices/{invoice_id}/pdf"));
    inv["webhooks_delivered_at"] = json!(now);
    inv["ending_balance"] = json!(0);
    if inv["collection_method"] == "charge_automatically"
        && inv["amount_due"].as_i64().unwrap_or(0) > 0
    {
        inv["next_payment_attempt"] = json!(now);
    }
    cx.acct.put("invoice", inv.clone());
    emit_as(cx, automatic, "invoice.finalized", &inv);
    discounts::consume_once(cx, &inv, automatic)?;
    Ok(inv)
}

/// The payment method an invoice would be charged with.
pub fn payment_method_for(acct: &Account, inv: &Value) -> Option<String> {
    if let Some(pm) = inv["default_payment_method"].as_str() {
        return Some(pm.to_string());
    }
    let sub_id = inv["parent"]["subscription_details"]["subscription"].as_str();
    if let Some(pm) = sub_id
        .and_then(|s| acct.get("subscription", s))
        .and_then(|s| s["default_payment_method"].as_str())
    {
        return Some(pm.to_string());
    }
    inv["customer"]
        .as_str()
        .and_then(|c| acct.get("customer", c))
        .and_then(|c| c["invoice_settings"]["default_payment_method"].as_str())
        .map(str::to_string)
}

/// Outcome of a payment attempt.
pub enum Payment {
    Paid(Value),
    Failed(Value, ApiError),
}

/// Charges an open invoice (zero amounts are paid without a charge).
pub fn attempt_payment(
    cx: &mut Ctx<'_>,
    invoice_id: &str,
    pm_override: Option<String>,
    automatic: bool,
) -> ApiResult<Payment> {
    let mut inv = cx.acct.find("invoice", invoice_id)?;
    let customer_id = inv["customer"].as_str().unwrap_or_default().to_string();
    let now = cx.acct.now_for_customer(Some(&customer_id));
    let due = inv["amount_remaining"].as_i64().unwrap_or(0);
    if due > 0 {
        let pm = pm_override.or_else(|| payment_method_for(cx.acct, &inv));
        let pm_obj = pm
            .as_deref()
            .and_then(|p| cx.acct.get("payment_method", p))
            .cloned();
        let failure = match &pm_obj {
            None => Some(
                ApiError::bad_state(
                    "This customer has no attached payment source or default payment method. Please consider adding a default payment method.",
                )
                .with_code("invoice_payment_intent_requires_action"),
            ),
            Some(p) if super::payment_methods::declines(p) => Some(ApiError::card_declined()),
            Some(_) => None,
        };
        inv["attempt_count"] = json!(inv["attempt_count"].as_i64().unwrap_or(0) + 1);
        inv["attempted"] = json!(true);
        if let Some(err) = failure {
            inv["next_payment_attempt"] = Value::Null;
            cx.acct.put("invoice", inv.clone());
            emit_as(cx, automatic, "invoice.payment_failed", &inv);
            mark_subscription_after_payment(cx, &inv, false, automatic)?;
            return Ok(Payment::Failed(inv, err));
        }
    } else {
        inv["attempted"] = json!(true);
    }
    inv["amount_paid"] = json!(inv["amount_paid"].as_i64().unwrap_or(0) + due);
    inv["amount_remaining"] = json!(0);
    inv["status"] = json!("paid");
    inv["next_payment_attempt"] = Value::Null;
    inv["status_transitions"]["paid_at"] = json!(now);
    cx.acct.put("invoice", inv.clone());
    emit_as(cx, automatic, "invoice.paid", &inv);
    emit_as(cx, automatic, "invoice.payment_succeeded", &inv);
    mark_subscription_after_payment(cx, &inv, true, automatic)?;
    Ok(Payment::Paid(inv))
}

/// Paid → the subscription is active again; failed → past_due (incomplete stays incomplete).
fn mark_subscription_after_payment(
    cx: &mut Ctx<'_>,
    inv: &Value,
    paid: bool,
    automatic: bool,
) -> ApiResult<()> {
    let Some(sub_id) = inv["parent"]["subscription_details"]["subscription"].as_str() else {
        return Ok(());
    };
    let Some(old) = cx.acct.get("subscription", sub_id).cloned() else {
        return Ok(());
    };
    let status = old["status"].as_str().unwrap_or_default();
    let latest = old["latest_invoice"] == inv["id"];
    let new_status = match (paid, status) {
        (true, "past_due" | "unpaid" | "incomplete") if latest => "active",
        (false, "active") if latest => "past_due",
        _ => return Ok(()),
    };
    let mut new = old.clone();
    new["status"] = json!(new_status);
    cx.acct.put("subscription", new.clone());
    emit_update(cx, "customer.subscription.updated", &old, &new, automatic);
    Ok(())
}

/// Finalizes and, for automatic collection, charges a fresh invoice; pause behaviour applies.
pub fn advance_invoice(
    cx: &mut Ctx<'_>,
    invoice_id: &str,
    pause: &Value,
    automatic: bool,
) -> ApiResult<Value> {
    match pause["behavior"].as_str() {
        Some("keep_as_draft") => return cx.acct.find("invoice", invoice_id),
        Some("void") => {
            finalize(cx, invoice_id, automatic)?;
            return void(cx, invoice_id, automatic);
        }
        Some("mark_uncollectible") => {
            finalize(cx, invoice_id, automatic)?;
            return mark_uncollectible(cx, invoice_id, automatic);
        }
        _ => {}
    }
    let inv = finalize(cx, invoice_id, automatic)?;
    if inv["collection_method"] == "charge_automatically" {
        return Ok(match attempt_payment(cx, invoice_id, None, automatic)? {
            Payment::Paid(v) | Payment::Failed(v, _) => v,
        });
    }
    Ok(inv)
}

pub fn void(cx: &mut Ctx<'_>, invoice_id: &str, automatic: bool) -> ApiResult<Value> {
    let old = cx.acct.find("invoice", invoice_id)?;
    if old["status"] != "open" && old["status"] != "uncollectible" {
        return Err(ApiError::bad_state(format!(
            "You can only void open or uncollectible invoices; this invoice is {}.",
            old["status"].as_str().unwrap_or("draft")
        )));
    }
    let mut inv = old.clone();
    inv["status"] = json!("void");
    inv["amount_remaining"] = json!(0);
    inv["next_payment_attempt"] = Value::Null;
    inv["status_transitions"]["voided_at"] =
        json!(cx.acct.now_for_customer(inv["customer"].as_str()));
    cx.acct.put("invoice", inv.clone());
    emit_as(cx, automatic, "invoice.voided", &inv);
    Ok(inv)
}

pub fn mark_uncollectible(cx: &mut Ctx<'_>, invoice_id: &str, automatic: bool) -> ApiResult<Value> {
    let old = cx.acct.find("invoice", invoice_id)?;
    if old["status"] != "open" {
        return Err(ApiError::bad_state(
            "You can only mark open invoices as uncollectible.",
        ));
    }
    let mut inv = old.clone();
    inv["status"] = json!("uncollectible");
    inv["next_payment_attempt"] = Value::Null;
    inv["status_transitions"]["marked_uncollectible_at"] =
        json!(cx.acct.now_for_customer(inv["customer"].as_str()));
    cx.acct.put("invoice", inv.clone());
    emit_as(cx, automatic, "invoice.marked_uncollectible", &inv);
    Ok(inv)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_clamp_to_the_last_day() {
        // 2026-01-31T00:00:00Z + 1 month = 2026-02-28.
        let jan31 = 1_769_817_600;
        let feb28 = 1_772_236_800;
        assert_eq!(add_interval(jan31, "month", 1, 1), feb28);
        // From the anchor, two months later is 31 March again.
        assert_eq!(add_interval(jan31, "month", 1, 2), 1_774_915_200);
    }

    #[test]
    fn next_period_end_skips_past_periods() {
        let anchor = 1_769_817_600;
        let end = next_period_end(anchor, "day", 1, anchor + 3 * 86_400 + 5);
        assert_eq!(end, anchor + 4 * 86_400);
    }

    #[test]
    fn money_formats_minor_units() {
        assert_eq!(money(2900, "usd"), "$29.00");
        assert_eq!(money(-1505, "eur"), "-€15.05");
        // Zero-decimal: 7 is ¥7, not ¥0.07.
        assert_eq!(money(7, "jpy"), "¥7");
        assert_eq!(money(-1980, "krw"), "-1980 KRW");
        assert_eq!(money(12345, "kwd"), "12.345 KWD");
    }
}
