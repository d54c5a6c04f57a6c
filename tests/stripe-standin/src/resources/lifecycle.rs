//! What happens to a subscription as time passes: renewal, trial end, scheduled
//! cancellation, the end of a collection pause and schedule phase changes.

use serde_json::{json, Value};

use super::billing::{self, advance_invoice, create_invoice, item_line, ItemPlan};
use super::items::apply_plan;
use super::subscriptions::{cancel_at_time, interval, period, set_period};
use crate::error::ApiResult;
use crate::events::{emit, emit_auto, emit_update};
use crate::state::Ctx;

/// Invoices the items for `period` plus pending items, then finalizes and charges it.
pub(super) fn bill_period(
    cx: &mut Ctx<'_>,
    id: &str,
    period: (i64, i64),
    inv_period: (i64, i64),
    reason: &str,
    automatic: bool,
) -> ApiResult<Value> {
    let sub = cx.acct.find("subscription", id)?;
    let customer_id = sub["customer"].as_str().unwrap_or_default().to_string();
    let items = sub["items"]["data"].as_array().cloned().unwrap_or_default();
    let lines: Vec<Value> = items
        .iter()
        .map(|i| {
            if billing::is_metered(&i["price"]) {
                // Metered usage is billed in arrears: what the meter recorded last period.
                billing::usage_line(cx.acct, i, &sub, inv_period.0, inv_period.1)
            } else {
                item_line(cx.acct, i, id, period.0, period.1)
            }
        })
        .collect();
    let sweep = billing::pending_items(cx.acct, &customer_id, Some(id));
    let inv = create_invoice(
        cx,
        &customer_id,
        Some(&sub),
        inv_period,
        lines,
        sweep,
        reason,
        automatic,
    )?;
    let inv_id = inv["id"].as_str().unwrap_or_default().to_string();
    if let Some(s) = cx.acct.get_mut("subscription", id) {
        s["latest_invoice"] = json!(inv_id);
    }
    advance_invoice(cx, &inv_id, &sub["pause_collection"], automatic)
}

/// Renewal at the period end: periods move, a new invoice is charged.
pub fn renew(cx: &mut Ctx<'_>, id: &str) -> ApiResult<()> {
    let old = cx.acct.find("subscription", id)?;
    let (ps, pe) = period(&old);
    let (iv, ic) = interval(&old);
    let anchor = old["billing_cycle_anchor"].as_i64().unwrap_or(ps);
    let next = billing::next_period_end(anchor, &iv, ic, pe);
    let mut sub = old.clone();
    set_period(&mut sub, pe, next);
    cx.acct.put("subscription", sub);
    bill_period(cx, id, (pe, next), (ps, pe), "subscription_cycle", true)?;
    let new = cx.acct.find("subscription", id)?;
    emit_update(cx, "customer.subscription.updated", &old, &new, true);
    Ok(())
}

/// Trial end: bill and activate, or pause/cancel when no payment method (per trial_settings).
pub fn end_trial(cx: &mut Ctx<'_>, id: &str, at: i64, automatic: bool) -> ApiResult<()> {
    let old = cx.acct.find("subscription", id)?;
    let has_pm = billing::payment_method_for(cx.acct, &json!({"customer": old["customer"], "parent": {"subscription_details": {"subscription": id}}})).is_some();
    let behavior = old["trial_settings"]["end_behavior"]["missing_payment_method"]
        .as_str()
        .unwrap_or("create_invoice");
    let mut sub = old.clone();
    sub["trial_end"] = json!(at);
    if !has_pm && behavior == "pause" {
        sub["status"] = json!("paused");
        cx.acct.put("subscription", sub.clone());
        if automatic {
            emit_auto(cx, "customer.subscription.paused", &sub, None);
        } else {
            emit(cx, "customer.subscription.paused", &sub, None);
        }
        emit_update(cx, "customer.subscription.updated", &old, &sub, automatic);
        return Ok(());
    }
    if !has_pm && behavior == "cancel" {
        cx.acct.put("subscription", sub);
        cancel_at_time(
            cx,
            id,
            false,
            false,
            Some("cancellation_requested"),
            automatic,
        )?;
        return Ok(());
    }
    let (iv, ic) = interval(&old);
    let end = billing::add_interval(at, &iv, ic, 1);
    set_period(&mut sub, at, end);
    sub["billing_cycle_anchor"] = json!(at);
    sub["status"] = json!("active");
    cx.acct.put("subscription", sub);
    let inv = bill_period(cx, id, (at, end), (at, at), "subscription_cycle", automatic)?;
    if inv["status"] != "paid" && inv["collection_method"] == "charge_automatically" {
        if let Some(s) = cx.acct.get_mut("subscription", id) {
            s["status"] = json!("past_due");
        }
    }
    let new = cx.acct.find("subscription", id)?;
    emit_update(cx, "customer.subscription.updated", &old, &new, automatic);
    Ok(())
}

/// Scheduled cancellation (`cancel_at` / `cancel_at_period_end`) reached.
pub fn scheduled_cancel(cx: &mut Ctx<'_>, id: &str) -> ApiResult<()> {
    cancel_at_time(cx, id, false, false, Some("cancellation_requested"), true).map(|_| ())
}

/// `pause_collection.resumes_at` reached.
pub fn unpause_collection(cx: &mut Ctx<'_>, id: &str) -> ApiResult<()> {
    let old = cx.acct.find("subscription", id)?;
    let mut sub = old.clone();
    sub["pause_collection"] = Value::Null;
    cx.acct.put("subscription", sub.clone());
    emit_update(cx, "customer.subscription.updated", &old, &sub, true);
    Ok(())
}

/// Replaces the items (schedule phase change) without prorations, emitting an update.
pub fn switch_items(
    cx: &mut Ctx<'_>,
    id: &str,
    plan: &[ItemPlan],
    extra: impl FnOnce(&mut Value),
) -> ApiResult<()> {
    let old = cx.acct.find("subscription", id)?;
    let now = cx.acct.now_for_customer(old["customer"].as_str());
    let mut sub = old.clone();
    apply_plan(&mut sub, plan, now);
    extra(&mut sub);
    cx.acct.put("subscription", sub.clone());
    emit_update(cx, "customer.subscription.updated", &old, &sub, true);
    Ok(())
}
