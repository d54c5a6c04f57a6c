//! Subscription schedules: enough for a change (e.g. a downgrade) at the period end.

use serde_json::{json, Value};

use super::billing::{self, ItemPlan};
use super::{lifecycle, subscriptions};
use crate::error::{ApiError, ApiResult};
use crate::events::{emit, emit_auto, emit_update};
use crate::form::Params;
use crate::state::{new_id, paginate, Account, Ctx};

fn phase_object(items: Vec<Value>, currency: &str, start: i64, end: i64, proration: &str) -> Value {
    json!({
        "add_invoice_items": [],
        "application_fee_percent": null,
        "automatic_tax": {"disabled_reason": null, "enabled": false, "liability": null},
        "billing_cycle_anchor": null,
        "billing_thresholds": null,
        "collection_method": null,
        "currency": currency,
        "default_payment_method": null,
        "default_tax_rates": [],
        "description": null,
        "discounts": [],
        "end_date": end,
        "invoice_settings": null,
        "items": items,
        "metadata": {},
        "on_behalf_of": null,
        "proration_behavior": proration,
        "start_date": start,
        "transfer_data": null,
        "trial_end": null,
    })
}

fn phase_item(price: &str, quantity: Option<i64>, metadata: Value) -> Value {
    let mut v = json!({
        "billing_thresholds": null,
        "discounts": [],
        "metadata": metadata,
        "price": price,
        "quantity": quantity,
        "tax_rates": [],
    });
    if quantity.is_none() {
        if let Some(m) = v.as_object_mut() {
            m.remove("quantity");
        }
    }
    v
}

fn schedule_object(id: &str, sub: &Value, phases: Vec<Value>, created: i64) -> Value {
    let current = phases
        .first()
        .map(|p| json!({"start_date": p["start_date"], "end_date": p["end_date"]}));
    json!({
        "id": id,
        "object": "subscription_schedule",
        "application": null,
        "billing_mode": {"type": "classic", "flexible": null},
        "canceled_at": null,
        "completed_at": null,
        "created": created,
        "current_phase": current,
        "customer": sub["customer"],
        "customer_account": null,
        "default_settings": {
            "application_fee_percent": null,
            "automatic_tax": {"disabled_reason": null, "enabled": false, "liability": null},
            "billing_cycle_anchor": "automatic",
            "billing_thresholds": null,
            "collection_method": sub["collection_method"],
            "default_payment_method": sub["default_payment_method"],
            "description": null,
            "invoice_settings": {"account_tax_ids": null, "days_until_due": null, "issuer": {"type": "self"}},
            "on_behalf_of": null,
            "transfer_data": null,
        },
        "end_behavior": "release",
        "livemode": false,
        "metadata": {},
        "phases": phases,
        "released_at": null,
        "released_subscription": null,
        "status": "active",
        "subscription": sub["id"],
        "test_clock": sub["test_clock"],
    })
}

pub fn create(cx: &mut Ctx<'_>, p: &Params) -> ApiResult<Value> {
    p.allow(&[
        "from_subscription",
        "customer",
        "phases",
        "end_behavior",
        "metadata",
        "start_date",
        "default_settings",
    ])?;
    let Some(sub_id) = p.str("from_subscription")? else {
        if p.has("customer") {
            return Err(ApiError::invalid(
                "The stand-in creates schedules only with from_subscription.",
                "customer",
            ));
        }
        return Err(ApiError::missing("from_subscription"));
    };
    if p.has("phases") {
        return Err(ApiError::invalid(
            "You cannot set `phases` if `from_subscription` is set.",
            "phases",
        ));
    }
    let old = cx
        .acct
        .find_param("subscription", &sub_id, "from_subscription")?;
    if !old["schedule"].is_null() {
        return Err(ApiError::invalid(
            format!(
                "You cannot migrate a subscription that is already attached to a schedule: `{}`.",
                old["schedule"].as_str().unwrap_or_default()
            ),
            "from_subscription",
        ));
    }
    if old["status"] == "canceled" {
        return Err(ApiError::invalid(
            "You cannot migrate a canceled subscription.",
            "from_subscription",
        ));
    }
    let (ps, pe) = subscriptions::period(&old);
    let items: Vec<Value> = old["items"]["data"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|i| {
            phase_item(
                i["price"]["id"].as_str().unwrap_or_default(),
                i["quantity"].as_i64(),
                i["metadata"].clone(),
            )
        })
        .collect();
    let currency = old["currency"].as_str().unwrap_or("usd");
    let phase = phase_object(items, currency, ps, pe, "create_prorations");
    let id = new_id("sub_sched");
    let now = cx.acct.now_for_customer(old["customer"].as_str());
    let mut sched = schedule_object(&id, &old, vec![phase], now);
    if let Some(m) = p.metadata(None)? {
        sched["metadata"] = m;
    }
    if let Some(eb) = p.str("end_behavior")? {
        sched["end_behavior"] = json!(eb);
    }
    cx.acct.insert("subscription_schedule", sched.clone());
    let mut sub = old.clone();
    sub["schedule"] = json!(id);
    cx.acct.put("subscription", sub.clone());
    emit(cx, "subscription_schedule.created", &sched, None);
    emit_update(cx, "customer.subscription.updated", &old, &sub, false);
    Ok(sched)
}

pub fn retrieve(acct: &Account, id: &str) -> ApiResult<Value> {
    acct.find("subscription_schedule", id)
}

pub fn list(acct: &Account, p: &Params) -> ApiResult<Value> {
    let customer = p.str("customer")?;
    let items = acct
        .all("subscription_schedule")
        .into_iter()
        .filter(|s| customer.as_deref().is_none_or(|c| s["customer"] == c))
        .collect();
    paginate(items, "/v1/subscription_schedules", p)
}

fn first_interval(acct: &Account, items: &[Value]) -> (String, i64) {
    items
        .first()
        .and_then(|i| i["price"].as_str())
        .and_then(|p| acct.get("price", p))
        .map(|p| {
            (
                p["recurring"]["interval"]
                    .as_str()
                    .unwrap_or("month")
                    .to_string(),
                p["recurring"]["interval_count"].as_i64().unwrap_or(1),
            )
        })
        .unwrap_or(("month".into(), 1))
}

pub fn update(cx: &mut Ctx<'_>, id: &str, p: &Params) -> ApiResult<Value> {
    p.allow(&[
        "phases",
        "end_behavior",
        "metadata",
        "proration_behavior",
        "default_settings",
    ])?;
    let old = cx.acct.find("subscription_schedule", id)?;
    if old["status"] != "active" && old["status"] != "not_started" {
        return Err(ApiError::bad_state(format!(
            "You cannot update a subscription schedule that is currently in the `{}` status.",
            old["status"].as_str().unwrap_or_default()
        )));
    }
    let mut sched = old.clone();
    if let Some(list) = p.list("phases")? {
        if list.is_empty() {
            return Err(ApiError::missing("phases"));
        }
        let mut phases = Vec::new();
        let mut prev_end: Option<i64> = None;
        let n = list.len();
        for (i, ph) in list.iter().enumerate() {
            ph.allow(&[
                "items",
                "start_date",
                "end_date",
                "proration_behavior",
                "metadata",
                "billing_cycle_anchor",
                "collection_method",
                "default_payment_method",
                "description",
                "trial_end",
                "duration",
                "add_invoice_items",
                "currency",
            ])?;
            let mut items = Vec::new();
            for it in ph
                .list("items")?
                .ok_or_else(|| ApiError::missing(&ph.name("items")))?
            {
                it.allow(&[
                    "price",
                    "quantity",
                    "metadata",
                    "price_data",
                    "tax_rates",
                    "discounts",
                    "billing_thresholds",
                ])?;
                let pid = it.req_str("price")?;
                let price = cx.acct.find_param("price", &pid, &it.name("price"))?;
                let q = if billing::is_metered(&price) {
                    None
                } else {
                    Some(it.int("quantity")?.unwrap_or(1))
                };
                items.push(phase_item(&pid, q, it.metadata(None)?.unwrap_or(json!({}))));
            }
            let now = cx.acct.now_for_customer(old["customer"].as_str());
            let start = match ph.str("start_date")?.as_deref() {
                Some("now") => now,
                Some(_) => ph.int("start_date")?.unwrap_or(now),
                None => match (i, prev_end) {
                    (0, _) => old["phases"][0]["start_date"].as_i64().unwrap_or(now),
                    (_, Some(e)) => e,
                    _ => now,
                },
            };
            let (iv, ic) = first_interval(cx.acct, &items);
            let duration = match ph.obj("duration")? {
                Some(d) => {
                    d.allow(&["interval", "interval_count"])?;
                    let interval = d.req_str("interval")?;
                    if !["day", "week", "month", "year"].contains(&interval.as_str()) {
                        return Err(ApiError::invalid(
                            format!("Invalid interval: {interval}"),
                            &d.name("interval"),
                        ));
                    }
                    let count = d.int("interval_count")?.unwrap_or(1);
                    if count < 1 {
                        return Err(ApiError::invalid(
                            "interval_count must be at least 1.",
                            &d.name("interval_count"),
                        ));
                    }
                    Some((interval, count))
                }
                None => None,
            };
            let end = match (ph.int("end_date")?, duration) {
                (Some(_), Some(_)) => {
                    return Err(ApiError::invalid(
                        "You cannot set both `end_date` and `duration` on a phase.",
                        &ph.name("duration"),
                    ))
                }
                (Some(e), None) => e,
                (None, Some((interval, count))) => {
                    billing::add_interval(start, &interval, count, 1)
                }
                (None, None) if i + 1 == n => billing::add_interval(start, &iv, ic, 1),
                (None, None) => return Err(ApiError::missing(&ph.name("end_date"))),
            };
            if end <= start {
                return Err(ApiError::invalid(
                    "Phase end_date must be after its start_date.",
                    &ph.name("end_date"),
                ));
            }
            let proration = ph
                .str("proration_behavior")?
                .unwrap_or_else(|| "create_prorations".into());
            let currency = old["phases"][0]["currency"].as_str().unwrap_or("usd");
            let mut phase = phase_object(items, currency, start, end, &proration);
            if let Some(m) = ph.metadata(None)? {
                phase["metadata"] = m;
            }
            phases.push(phase);
            prev_end = Some(end);
        }
        sched["current_phase"] =
            json!({"start_date": phases[0]["start_date"], "end_date": phases[0]["end_date"]});
        sched["phases"] = json!(phases);
    }
    if let Some(eb) = p.str("end_behavior")? {
        if !["release", "cancel", "none", "renew"].contains(&eb.as_str()) {
            return Err(ApiError::invalid(
                format!("Invalid end_behavior: {eb}"),
                "end_behavior",
            ));
        }
        sched["end_behavior"] = json!(eb);
    }
    if let Some(m) = p.metadata(sched.get("metadata"))? {
        sched["metadata"] = m;
    }
    cx.acct.put("subscription_schedule", sched.clone());
    emit_update(cx, "subscription_schedule.updated", &old, &sched, false);
    Ok(sched)
}

fn detach_from_subscription(cx: &mut Ctx<'_>, sched: &Value, automatic: bool) -> ApiResult<()> {
    if let Some(sub_id) = sched["subscription"].as_str() {
        if let Some(old) = cx.acct.get("subscription", sub_id).cloned() {
            let mut sub = old.clone();
            sub["schedule"] = Value::Null;
            cx.acct.put("subscription", sub.clone());
            emit_update(cx, "customer.subscription.updated", &old, &sub, automatic);
        }
    }
    Ok(())
}

fn release_inner(cx: &mut Ctx<'_>, id: &str, automatic: bool) -> ApiResult<Value> {
    let old = cx.acct.find("subscription_schedule", id)?;
    if old["status"] != "active" && old["status"] != "not_started" {
        return Err(ApiError::bad_state(format!(
            "You cannot release a subscription schedule that is currently in the `{}` status.",
            old["status"].as_str().unwrap_or_default()
        )));
    }
    let now = cx.acct.now_for_customer(old["customer"].as_str());
    detach_from_subscription(cx, &old, automatic)?;
    let mut sched = old.clone();
    sched["status"] = json!("released");
    sched["released_at"] = json!(now);
    sched["released_subscription"] = old["subscription"].clone();
    sched["subscription"] = Value::Null;
    sched["current_phase"] = Value::Null;
    cx.acct.put("subscription_schedule", sched.clone());
    if automatic {
        emit_auto(cx, "subscription_schedule.released", &sched, None);
    } else {
        emit(cx, "subscription_schedule.released", &sched, None);
    }
    Ok(sched)
}

pub fn release(cx: &mut Ctx<'_>, id: &str, p: &Params) -> ApiResult<Value> {
    p.allow(&["preserve_cancel_date"])?;
    release_inner(cx, id, false)
}

pub fn cancel(cx: &mut Ctx<'_>, id: &str, p: &Params) -> ApiResult<Value> {
    p.allow(&["invoice_now", "prorate"])?;
    let old = cx.acct.find("subscription_schedule", id)?;
    if old["status"] != "active" && old["status"] != "not_started" {
        return Err(ApiError::bad_state(format!(
            "You cannot cancel a subscription schedule that is currently in the `{}` status.",
            old["status"].as_str().unwrap_or_default()
        )));
    }
    if let Some(sub_id) = old["subscription"].as_str() {
        let prorate = p.bool("prorate")?.unwrap_or(true);
        let invoice_now = p.bool("invoice_now")?.unwrap_or(true);
        subscriptions::cancel_now(
            cx,
            sub_id,
            prorate,
            invoice_now,
            Some("cancellation_requested"),
        )?;
    }
    let now = cx.acct.now_for_customer(old["customer"].as_str());
    let mut sched = cx.acct.find("subscription_schedule", id)?;
    sched["status"] = json!("canceled");
    sched["canceled_at"] = json!(now);
    sched["current_phase"] = Value::Null;
    cx.acct.put("subscription_schedule", sched.clone());
    emit(cx, "subscription_schedule.canceled", &sched, None);
    Ok(sched)
}

/// The time at which the schedule's current phase ends, if it is running.
pub fn current_phase_end(sched: &Value) -> Option<i64> {
    if sched["status"] != "active" {
        return None;
    }
    sched["current_phase"]["end_date"].as_i64()
}

/// Time reached the current phase's end: move to the next phase or apply `end_behavior`.
pub fn phase_end(cx: &mut Ctx<'_>, id: &str) -> ApiResult<()> {
    let old = cx.acct.find("subscription_schedule", id)?;
    let end = old["current_phase"]["end_date"].as_i64().unwrap_or(0);
    let phases = old["phases"].as_array().cloned().unwrap_or_default();
    let next = phases
        .iter()
        .find(|ph| ph["start_date"].as_i64() == Some(end))
        .cloned();
    let sub_id = old["subscription"].as_str().unwrap_or_default().to_string();
    match next {
        Some(ph) => {
            let sub = cx.acct.find("subscription", &sub_id)?;
            let existing: Vec<String> = sub["items"]["data"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|i| i["id"].as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            let mut plan = Vec::new();
            for (k, it) in ph["items"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .iter()
                .enumerate()
            {
                let pid = it["price"].as_str().unwrap_or_default();
                let price = cx.acct.find("price", pid)?;
                plan.push(ItemPlan {
                    id: existing.get(k).cloned(),
                    price,
                    quantity: it["quantity"].as_i64().unwrap_or(1),
                    metadata: it["metadata"].clone(),
                    tax_rates: None,
                    discounts: None,
                });
            }
            lifecycle::switch_items(cx, &sub_id, &plan, |_| {})?;
            let mut sched = old.clone();
            sched["current_phase"] =
                json!({"start_date": ph["start_date"], "end_date": ph["end_date"]});
            cx.acct.put("subscription_schedule", sched.clone());
            emit_update(cx, "subscription_schedule.updated", &old, &sched, true);
        }
        None => match old["end_behavior"].as_str() {
            Some("cancel") => {
                lifecycle::scheduled_cancel(cx, &sub_id)?;
                let mut sched = cx.acct.find("subscription_schedule", id)?;
                sched["status"] = json!("completed");
                sched["completed_at"] = json!(end);
                sched["current_phase"] = Value::Null;
                cx.acct.put("subscription_schedule", sched.clone());
                emit_auto(cx, "subscription_schedule.completed", &sched, None);
            }
            _ => {
                release_inner(cx, id, true)?;
            }
        },
    }
    Ok(())
}
