//! `POST /v1/invoices/create_preview`: the next invoice of a subscription (or a customer),
//! optionally with proposed subscription changes and their prorations.

use serde_json::{json, Value};

use super::billing::{self, invoice_object, invoiceitem_line, item_line, prorations};
use super::items::plan_for_update;
use super::subscriptions::{parse_proration_behavior, period};
use crate::error::{ApiError, ApiResult};
use crate::form::Params;
use crate::state::{new_id, Ctx};

/// `POST /v1/invoices/create_preview`: the next invoice, with prorations for proposed changes.
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
    let (lines, period, reason, proration_date) = match &sub {
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
            if interval_changes && sub["status"] != "trialing" {
                // Same as the update: unused time credited, the new cycle billed now.
                let mut lines: Vec<Value> = if behavior == "none" {
                    Vec::new()
                } else {
                    prorations(cx.acct, sub, &[], t)
                        .iter()
                        .map(invoiceitem_line)
                        .collect()
                };
                lines.extend(
                    billing::pending_items(cx.acct, &customer, Some(sub_id))
                        .iter()
                        .map(invoiceitem_line),
                );
                for pl in &plan {
                    let r = &pl.price["recurring"];
                    let end = billing::add_interval(
                        t,
                        r["interval"].as_str().unwrap_or("month"),
                        r["interval_count"].as_i64().unwrap_or(1),
                        1,
                    );
                    let item = json!({"id": pl.id, "price": pl.price, "quantity": pl.quantity, "metadata": pl.metadata});
                    lines.push(item_line(cx.acct, &item, sub_id, t, end));
                }
                (lines, (t, t), "subscription_update", Some(t))
            } else if behavior == "always_invoice" {
                (proration_lines, (t, t), "subscription_update", Some(t))
            } else {
                let (ps, pe) = period(sub);
                let r = &sub["items"]["data"][0]["price"]["recurring"];
                let next = billing::add_interval(
                    pe,
                    r["interval"].as_str().unwrap_or("month"),
                    r["interval_count"].as_i64().unwrap_or(1),
                    1,
                );
                let mut preview_sub = sub.clone();
                super::items::apply_plan(&mut preview_sub, &plan, now);
                let mut lines: Vec<Value> =
                    billing::pending_items(cx.acct, &customer, Some(sub_id))
                        .iter()
                        .map(invoiceitem_line)
                        .collect();
                lines.extend(proration_lines);
                let cancels = sub["cancel_at"].as_i64().is_some_and(|c| c <= pe)
                    || sd
                        .as_ref()
                        .and_then(|d| d.bool("cancel_at_period_end").ok().flatten())
                        == Some(true);
                if !cancels {
                    for item in preview_sub["items"]["data"]
                        .as_array()
                        .cloned()
                        .unwrap_or_default()
                    {
                        lines.push(item_line(cx.acct, &item, sub_id, pe, next));
                    }
                }
                (lines, (ps, pe), "upcoming", Some(t))
            }
        }
        None => {
            let mut lines: Vec<Value> = billing::pending_items(cx.acct, &customer, None)
                .iter()
                .map(invoiceitem_line)
                .collect();
            if let Some(sd) = &sd {
                // A prospective new subscription: its first invoice.
                let fake = json!({"id": "", "items": {"data": []}});
                let plan = plan_for_update(cx, &fake, sd.list("items")?)?;
                for pl in plan {
                    let r = &pl.price["recurring"];
                    let end = billing::add_interval(
                        now,
                        r["interval"].as_str().unwrap_or("month"),
                        r["interval_count"].as_i64().unwrap_or(1),
                        1,
                    );
                    let item = json!({"id": "", "price": pl.price, "quantity": pl.quantity, "metadata": {}});
                    lines.push(item_line(cx.acct, &item, "", now, end));
                }
            }
            (lines, (now, now), "manual", None)
        }
    };
    let mut inv = invoice_object(
        cx.acct,
        &id,
        &cust,
        sub.as_ref(),
        now,
        period,
        lines,
        reason,
        sub.as_ref()
            .and_then(|s| s["currency"].as_str())
            .unwrap_or("usd"),
    );
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
