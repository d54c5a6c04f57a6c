//! `POST /v1/invoices/create_preview`: the next invoice of a subscription (or a customer),
//! optionally with proposed subscription changes and their prorations. Lines come in the order
//! the real invoice will have (subscription items, then pending items oldest first, then the
//! change's prorations), and money goes through `totals::compute` like every real invoice.

use serde_json::{json, Value};

use super::billing::{self, invoice_object, invoiceitem_line, item_line, prorations, usage_line};
use super::discounts::{self, Owner, Redeemer};
use super::items::{apply_item_money, apply_plan, plan_for_update};
use super::subscriptions::{parse_proration_behavior, period};
use super::{tax, totals};
use crate::error::{ApiError, ApiResult};
use crate::form::Params;
use crate::state::{new_id, Ctx};

/// `POST /v1/invoices/create_preview`: the next invoice, with prorations for proposed changes,
/// discounts in effect at the invoice's date, taxes, and metered usage so far.
pub fn create_preview(cx: &mut Ctx<'_>, p: &Params) -> ApiResult<Value> {
    p.allow(&[
        "customer",
        "subscription",
        "subscription_details",
        "automatic_tax",
        "currency",
        "customer_details",
        "invoice_items",
        "preview_mode",
        "schedule",
        "discounts",
    ])?;
    let sub = match p.str("subscription")? {
        Some(s) => Some(cx.acct.find_param("subscription", &s, "subscription")?),
        None => None,
    };
    let customer = match (p.str("customer")?, &sub) {
        (Some(c), _) => c,
        (None, Some(s)) => s["customer"].as_str().unwrap_or_default().to_string(),
        (None, None) => return Err(ApiError::missing("customer")),
    };
    let cust = cx.acct.find_param("customer", &customer, "customer")?;
    if let Some(s) = &sub {
        if s["customer"] != customer.as_str() {
            return Err(ApiError::invalid(
                "The subscription does not belong to this customer.",
                "subscription",
            ));
        }
    }
    let sd = p.obj("subscription_details")?;
    let now = cx.acct.now_for_customer(Some(&customer));
    let id = format!("upcoming_{}", new_id("in"));
    let currency = sub
        .as_ref()
        .and_then(|s| s["currency"].as_str())
        .map(str::to_string);
    let invoice_discounts = {
        let r = Redeemer {
            customer: &customer,
            currency: currency.as_deref().or(cust["currency"].as_str()),
            at: now,
        };
        discounts::parse(cx.acct, p, "discounts", &r)?
    };
    let default_rates = match &sd {
        Some(sd) => tax::parse_rates(cx.acct, sd, "default_tax_rates")?,
        None => None,
    };
    // Discounts made for this preview only (never stored).
    let mut extra: Vec<Value> = Vec::new();
    let (lines, period, reason, proration_date, at, shaped_by) = match &sub {
        Some(sub) => {
            let sub_id = sub["id"].as_str().unwrap_or_default();
            let (behavior, t, items) = match &sd {
                Some(sd) => {
                    sd.allow(&[
                        "items",
                        "proration_behavior",
                        "proration_date",
                        "cancel_at_period_end",
                        "cancel_at",
                        "default_tax_rates",
                        "trial_end",
                        "billing_cycle_anchor",
                        "resume_at",
                        "start_date",
                        "cancel_now",
                    ])?;
                    (
                        parse_proration_behavior(sd, "proration_behavior")?,
                        sd.int("proration_date")?.unwrap_or(now),
                        sd.list("items")?,
                    )
                }
                None => ("create_prorations".to_string(), now, None),
            };
            let plan = plan_for_update(cx, sub, items)?;
            let mut preview_sub = sub.clone();
            apply_plan(&mut preview_sub, &plan, now);
            extra.extend(apply_item_money(cx, &mut preview_sub, &plan, now, true));
            if let Some(rates) = &default_rates {
                preview_sub["default_tax_rates"] = json!(rates);
            }
            let new_prorations = if behavior == "none" || sub["status"] == "trialing" {
                Vec::new()
            } else {
                prorations(cx.acct, sub, &plan, t)
            };
            let proration_lines: Vec<Value> = new_prorations.iter().map(invoiceitem_line).collect();
            let recurring = |price: &Value| {
                (
                    price["recurring"]["interval"].clone(),
                    price["recurring"]["interval_count"].clone(),
                )
            };
            let interval_changes = plan.first().map(|p| recurring(&p.price))
                != Some(recurring(&sub["items"]["data"][0]["price"]));
            let pending = || -> Vec<Value> {
                billing::pending_items(cx.acct, &customer, Some(sub_id))
                    .iter()
                    .map(invoiceitem_line)
                    .collect()
            };
            let items = preview_sub["items"]["data"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            if interval_changes && sub["status"] != "trialing" {
                // Same as the update: the new cycle billed now, unused time credited.
                let mut lines: Vec<Value> = Vec::new();
                for item in &items {
                    let r = &item["price"]["recurring"];
                    let end = billing::add_interval(
                        t,
                        r["interval"].as_str().unwrap_or("month"),
                        r["interval_count"].as_i64().unwrap_or(1),
                        1,
                    );
                    lines.push(item_line(cx.acct, item, sub_id, t, end));
                }
                lines.extend(pending());
                if behavior != "none" {
                    lines.extend(
                        prorations(cx.acct, sub, &[], t)
                            .iter()
                            .map(invoiceitem_line),
                    );
                }
                (
                    lines,
                    (t, t),
                    "subscription_update",
                    Some(t),
                    now,
                    preview_sub,
                )
            } else if behavior == "always_invoice" {
                (
                    proration_lines,
                    (t, t),
                    "subscription_update",
                    Some(t),
                    now,
                    preview_sub,
                )
            } else {
                // The renewal at the period end: next period's licensed items, this period's
                // metered usage (none after a trial), pending items and these prorations.
                let (ps, pe) = period(sub);
                let r = &sub["items"]["data"][0]["price"]["recurring"];
                let next = billing::add_interval(
                    pe,
                    r["interval"].as_str().unwrap_or("month"),
                    r["interval_count"].as_i64().unwrap_or(1),
                    1,
                );
                let usage_from = if sub["status"] == "trialing" { pe } else { ps };
                let cancels = sub["cancel_at"].as_i64().is_some_and(|c| c <= pe)
                    || sd
                        .as_ref()
                        .and_then(|d| d.bool("cancel_at_period_end").ok().flatten())
                        == Some(true);
                let mut lines: Vec<Value> = Vec::new();
                if !cancels {
                    for item in &items {
                        lines.push(if billing::is_metered(&item["price"]) {
                            usage_line(cx.acct, item, &preview_sub, usage_from, pe)
                        } else {
                            item_line(cx.acct, item, sub_id, pe, next)
                        });
                    }
                }
                lines.extend(pending());
                lines.extend(proration_lines);
                (lines, (ps, pe), "upcoming", Some(t), pe, preview_sub)
            }
        }
        None => {
            let mut lines: Vec<Value> = Vec::new();
            if let Some(sd) = &sd {
                // A prospective new subscription: its first invoice.
                let fake = json!({"id": "", "customer": customer, "items": {"data": []}});
                let plan = plan_for_update(cx, &fake, sd.list("items")?)?;
                for pl in plan {
                    let r = &pl.price["recurring"];
                    let end = billing::add_interval(
                        now,
                        r["interval"].as_str().unwrap_or("month"),
                        r["interval_count"].as_i64().unwrap_or(1),
                        1,
                    );
                    let mut item = json!({"id": "", "price": pl.price, "quantity": pl.quantity, "metadata": {}});
                    item["tax_rates"] = json!(pl.tax_rates.clone().unwrap_or_default());
                    if let Some(reqs) = &pl.discounts {
                        let owner = Owner {
                            customer: &customer,
                            ..Owner::default()
                        };
                        let made = discounts::materialize(cx, reqs, &owner, now, true);
                        item["discounts"] = discounts::ids(&made);
                        extra.extend(made);
                    }
                    lines.push(item_line(cx.acct, &item, "", now, end));
                }
            }
            lines.extend(
                billing::pending_items(cx.acct, &customer, None)
                    .iter()
                    .map(invoiceitem_line),
            );
            (lines, (now, now), "manual", None, now, Value::Null)
        }
    };
    let shaped_sub = (!shaped_by.is_null()).then_some(&shaped_by);
    let currency = currency.or_else(|| {
        lines
            .first()
            .and_then(|l| l["currency"].as_str())
            .map(str::to_string)
    });
    let mut inv = invoice_object(
        cx.acct,
        &id,
        &cust,
        shaped_sub,
        now,
        period,
        lines,
        reason,
        currency
            .as_deref()
            .or(cust["currency"].as_str())
            .unwrap_or("usd"),
    );
    if shaped_sub.is_none() {
        if let Some(rates) = &default_rates {
            inv["default_tax_rates"] = json!(rates);
        }
    }
    let invoice_level = match &invoice_discounts {
        Some(reqs) => {
            let owner = Owner {
                customer: &customer,
                invoice: Some(&id),
                ..Owner::default()
            };
            let made = discounts::materialize(cx, reqs, &owner, now, true);
            let ids = made.iter().map(|d| d["id"].clone()).collect();
            extra.extend(made);
            ids
        }
        None => discounts::inherited(cx.acct, shaped_sub, &cust, at, &extra),
    };
    discounts::settle(cx.acct, &mut inv, invoice_level, at, &extra);
    totals::compute(cx.acct, &mut inv, &extra);
    inv["lines"]["url"] = json!("/v1/invoices/upcoming/lines");
    if let (Some(t), true) = (proration_date, !inv["parent"].is_null()) {
        inv["parent"]["subscription_details"]["subscription_proration_date"] = json!(t);
    }
    if let Some(lines) = inv["lines"]["data"].as_array_mut() {
        for l in lines {
            l["invoice"] = json!(id);
        }
    }
    Ok(inv)
}
