//! Subscriptions: create, update (items, prorations, cancellation, pause), cancel, resume,
//! and the time-driven transitions (renewal, trial end, scheduled cancellation).

use serde_json::{json, Value};

use super::billing::{self, advance_invoice, create_invoice, item_line, prorations};
use super::discounts::{self, DiscountReq, Owner, Redeemer};
use super::items::{
    apply_item_money, apply_plan, item_object, plan_changed, plan_for_create, plan_for_update,
};
use crate::error::{ApiError, ApiResult};
use crate::events::{emit, emit_auto, emit_update};
use crate::form::Params;
use crate::state::{chosen_or_new_id, full_list, new_id, paginate, Account, Ctx};

const FEEDBACK: &[&str] = &[
    "customer_service",
    "low_quality",
    "missing_features",
    "other",
    "switched_service",
    "too_complex",
    "too_expensive",
    "unused",
];

/// The one place a subscription is shaped (as first created).
fn subscription_object(
    id: &str,
    customer: &Value,
    items: Vec<Value>,
    created: i64,
    currency: &str,
) -> Value {
    json!({
        "id": id,
        "object": "subscription",
        "application": null,
        "application_fee_percent": null,
        "automatic_tax": {"disabled_reason": null, "enabled": false, "liability": null},
        "billing_cycle_anchor": created,
        "billing_cycle_anchor_config": null,
        "billing_mode": {"type": "classic", "flexible": null},
        "billing_schedules": [],
        "billing_thresholds": null,
        "cancel_at": null,
        "cancel_at_period_end": false,
        "canceled_at": null,
        "cancellation_details": {"comment": null, "feedback": null, "reason": null},
        "collection_method": "charge_automatically",
        "created": created,
        "currency": currency,
        "customer": customer["id"],
        "customer_account": null,
        "days_until_due": null,
        "default_payment_method": null,
        "default_source": null,
        "default_tax_rates": [],
        "description": null,
        "discounts": [],
        "ended_at": null,
        "invoice_settings": {"account_tax_ids": null, "issuer": {"type": "self"}},
        "items": full_list(items, &format!("/v1/subscription_items?subscription={id}")),
        "latest_invoice": null,
        "livemode": false,
        "metadata": {},
        "next_pending_invoice_item_invoice": null,
        "on_behalf_of": null,
        "pause_collection": null,
        "payment_settings": {"payment_method_options": null, "payment_method_types": null, "save_default_payment_method": "off"},
        "pending_invoice_item_interval": null,
        "pending_setup_intent": null,
        "pending_update": null,
        "schedule": null,
        "start_date": created,
        "status": "incomplete",
        "test_clock": customer["test_clock"],
        "transfer_data": null,
        "trial_end": null,
        "trial_settings": {"end_behavior": {"missing_payment_method": "create_invoice"}},
        "trial_start": null,
    })
}

/// The item's period (all items share the subscription's cycle).
pub fn period(sub: &Value) -> (i64, i64) {
    let i = &sub["items"]["data"][0];
    (
        i["current_period_start"].as_i64().unwrap_or(0),
        i["current_period_end"].as_i64().unwrap_or(0),
    )
}

pub(super) fn interval(sub: &Value) -> (String, i64) {
    let r = &sub["items"]["data"][0]["price"]["recurring"];
    (
        r["interval"].as_str().unwrap_or("month").to_string(),
        r["interval_count"].as_i64().unwrap_or(1),
    )
}

pub(super) fn set_period(sub: &mut Value, start: i64, end: i64) {
    if let Some(items) = sub["items"]["data"].as_array_mut() {
        for i in items {
            i["current_period_start"] = json!(start);
            i["current_period_end"] = json!(end);
        }
    }
}

fn check_default_pm(acct: &Account, customer: &str, pm: &str, param: &str) -> ApiResult<()> {
    let pmo = acct.find_param("payment_method", pm, param)?;
    if pmo["customer"] != customer {
        return Err(ApiError::invalid(
            format!("The customer does not have a payment method with the ID {pm}. The payment method must be attached to the customer."),
            param,
        ));
    }
    Ok(())
}

/// `discounts` and `default_tax_rates` of a create or update, validated before anything changes.
struct SubMoney {
    discounts: Option<Vec<DiscountReq>>,
    default_tax_rates: Option<Vec<Value>>,
}

fn parse_sub_money(
    acct: &Account,
    p: &Params,
    customer: &str,
    currency: Option<&str>,
    at: i64,
) -> ApiResult<SubMoney> {
    let r = Redeemer {
        customer,
        currency,
        at,
    };
    Ok(SubMoney {
        discounts: discounts::parse(acct, p, "discounts", &r)?,
        default_tax_rates: super::tax::parse_rates(acct, p, "default_tax_rates")?,
    })
}

/// Puts them on `sub`: new discounts are made (and redeemed) now.
fn apply_sub_money(cx: &mut Ctx<'_>, sub: &mut Value, m: SubMoney, at: i64) {
    if let Some(rates) = m.default_tax_rates {
        sub["default_tax_rates"] = json!(rates);
    }
    if let Some(reqs) = m.discounts {
        let sub_id = sub["id"].as_str().unwrap_or_default().to_string();
        let customer = sub["customer"].as_str().unwrap_or_default().to_string();
        let owner = Owner {
            customer: &customer,
            subscription: Some(&sub_id),
            ..Owner::default()
        };
        let made = discounts::materialize(cx, &reqs, &owner, at, false);
        let kept = discounts::ids(&made);
        // Discounts the new list leaves out end now.
        for gone in sub["discounts"].as_array().cloned().unwrap_or_default() {
            if !kept.as_array().is_some_and(|k| k.contains(&gone)) {
                if let Some(d) = gone
                    .as_str()
                    .and_then(|g| cx.acct.get("discount", g))
                    .cloned()
                {
                    emit(cx, "customer.discount.deleted", &d, None);
                }
            }
        }
        sub["discounts"] = kept;
    }
}

fn parse_cancellation_details(p: &Params, target: &mut Value) -> ApiResult<()> {
    if let Some(cd) = p.obj("cancellation_details")? {
        cd.allow(&["comment", "feedback"])?;
        if let Some(c) = cd.nullable_str("comment")? {
            target["comment"] = c;
        }
        if let Some(f) = cd.nullable_str("feedback")? {
            if let Some(s) = f.as_str() {
                if !FEEDBACK.contains(&s) {
                    return Err(ApiError::invalid(
                        format!(
                            "Invalid cancellation_details[feedback]: must be one of {}",
                            FEEDBACK.join(", ")
                        ),
                        "cancellation_details[feedback]",
                    ));
                }
            }
            target["feedback"] = f;
        }
    }
    Ok(())
}

pub fn create(cx: &mut Ctx<'_>, p: &Params) -> ApiResult<Value> {
    p.allow(&[
        "id",
        "customer",
        "items",
        "default_payment_method",
        "collection_method",
        "days_until_due",
        "metadata",
        "description",
        "trial_period_days",
        "trial_end",
        "cancel_at_period_end",
        "cancel_at",
        "payment_behavior",
        "proration_behavior",
        "off_session",
        "currency",
        "trial_settings",
        "payment_settings",
        "automatic_tax",
        "billing_cycle_anchor",
        "cancellation_details",
        "add_invoice_items",
        "discounts",
        "default_tax_rates",
    ])?;
    let customer_id = p.req_str("customer")?;
    let customer = cx.acct.find_param("customer", &customer_id, "customer")?;
    let list = p.list("items")?.ok_or_else(|| ApiError::missing("items"))?;
    let now = cx.acct.now_for_customer(Some(&customer_id));
    let plan = plan_for_create(cx, list, &customer_id, now)?;
    let id = chosen_or_new_id(cx.acct, p, "sub")?;
    let price = &plan[0].price;
    let money = parse_sub_money(cx.acct, p, &customer_id, price["currency"].as_str(), now)?;
    let (iv, ic) = (
        price["recurring"]["interval"]
            .as_str()
            .unwrap_or("month")
            .to_string(),
        price["recurring"]["interval_count"].as_i64().unwrap_or(1),
    );
    let trial_end = match (p.int("trial_period_days")?, p.str("trial_end")?) {
        (_, Some(t)) if t == "now" => None,
        (_, Some(_)) => {
            let t = p.int("trial_end")?.unwrap_or(now);
            if t <= now {
                return Err(ApiError::invalid(
                    "Invalid timestamp: must be an integer Unix timestamp in the future.",
                    "trial_end",
                ));
            }
            Some(t)
        }
        (Some(d), None) if d > 0 => Some(now + d * 86_400),
        _ => None,
    };
    let period_end = trial_end.unwrap_or_else(|| billing::add_interval(now, &iv, ic, 1));
    let items: Vec<Value> = plan
        .iter()
        .map(|pl| item_object(&new_id("si"), &id, pl, now, (now, period_end)))
        .collect();
    let currency = price["currency"].as_str().unwrap_or("usd").to_string();
    let mut sub = subscription_object(&id, &customer, items, now, &currency);
    if let Some(pm) = p.str("default_payment_method")? {
        check_default_pm(cx.acct, &customer_id, &pm, "default_payment_method")?;
        sub["default_payment_method"] = json!(pm);
    }
    if let Some(cm) = p.str("collection_method")? {
        if cm != "charge_automatically" && cm != "send_invoice" {
            return Err(ApiError::invalid(
                format!("Invalid collection_method: {cm}"),
                "collection_method",
            ));
        }
        sub["collection_method"] = json!(cm);
        if cm == "send_invoice" {
            sub["days_until_due"] = json!(p.int("days_until_due")?.unwrap_or(30));
        }
    }
    if let Some(m) = p.metadata(None)? {
        sub["metadata"] = m;
    }
    if let Some(d) = p.nullable_str("description")? {
        sub["description"] = d;
    }
    if let Some(ts) = p.obj("trial_settings")? {
        if let Some(eb) = ts.obj("end_behavior")? {
            if let Some(m) = eb.str("missing_payment_method")? {
                if !["cancel", "create_invoice", "pause"].contains(&m.as_str()) {
                    return Err(ApiError::invalid(
                        format!("Invalid missing_payment_method: {m}"),
                        &eb.name("missing_payment_method"),
                    ));
                }
                sub["trial_settings"]["end_behavior"]["missing_payment_method"] = json!(m);
            }
        }
    }
    if let Some(ps) = p.obj("payment_settings")? {
        if let Some(s) = ps.str("save_default_payment_method")? {
            sub["payment_settings"]["save_default_payment_method"] = json!(s);
        }
    }
    parse_cancellation_details(p, &mut sub["cancellation_details"])?;
    if p.bool("cancel_at_period_end")? == Some(true) {
        sub["cancel_at_period_end"] = json!(true);
        sub["cancel_at"] = json!(period_end);
        sub["canceled_at"] = json!(now);
    } else if let Some(at) = p.int("cancel_at")? {
        sub["cancel_at"] = json!(at);
        sub["canceled_at"] = json!(now);
    }
    let behavior = p
        .str("payment_behavior")?
        .unwrap_or_else(|| "allow_incomplete".into());
    if let Some(te) = trial_end {
        sub["trial_start"] = json!(now);
        sub["trial_end"] = json!(te);
        sub["status"] = json!("trialing");
    }
    apply_sub_money(cx, &mut sub, money, now);
    apply_item_money(cx, &mut sub, &plan, now, false);
    cx.acct.insert("subscription", sub.clone());
    // The first invoice: the full first period, or $0 for a trial.
    let lines: Vec<Value> = sub["items"]["data"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|i| {
            let mut l = item_line(cx.acct, i, &id, now, period_end);
            if trial_end.is_some() {
                l["amount"] = json!(0);
                l["subtotal"] = json!(0);
                l["description"] = json!(format!(
                    "Trial period for {}",
                    billing::product_name(cx.acct, &i["price"])
                ));
            }
            l
        })
        .collect();
    let sweep = billing::pending_items(cx.acct, &customer_id, Some(&id));
    let inv = create_invoice(
        cx,
        &customer_id,
        Some(&sub),
        (now, now),
        lines,
        sweep,
        "subscription_create",
        false,
    )?;
    let inv_id = inv["id"].as_str().unwrap_or_default().to_string();
    sub["latest_invoice"] = json!(inv_id);
    cx.acct.put("subscription", sub.clone());
    let inv = if behavior == "default_incomplete" && inv["amount_due"].as_i64().unwrap_or(0) > 0 {
        billing::finalize(cx, &inv_id, false)?
    } else {
        advance_invoice(cx, &inv_id, &Value::Null, false)?
    };
    let mut sub = cx.acct.find("subscription", &id)?;
    if trial_end.is_none() {
        let paid = inv["status"] == "paid"
            || (inv["collection_method"] == "send_invoice" && inv["status"] == "open");
        if paid {
            sub["status"] = json!("active");
        } else if behavior == "error_if_incomplete" {
            cx.acct.remove(&id);
            return Err(ApiError::card_declined());
        }
    }
    cx.acct.put("subscription", sub.clone());
    emit(cx, "customer.subscription.created", &sub, None);
    Ok(sub)
}

pub fn retrieve(acct: &Account, id: &str) -> ApiResult<Value> {
    acct.find("subscription", id)
}

pub fn list(acct: &Account, p: &Params) -> ApiResult<Value> {
    let customer = p.str("customer")?;
    let status = p.str("status")?;
    let price = p.str("price")?;
    let clock = p.str("test_clock")?;
    let created = crate::state::range_filter(p, "created")?;
    let items = acct
        .all("subscription")
        .into_iter()
        .filter(|s| {
            let st = s["status"].as_str().unwrap_or_default();
            let status_ok = match status.as_deref() {
                None => st != "canceled" && st != "incomplete_expired",
                Some("all") => true,
                Some("ended") => st == "canceled" || st == "incomplete_expired",
                Some(x) => st == x,
            };
            status_ok
                && customer.as_deref().is_none_or(|c| s["customer"] == c)
                && clock.as_deref().is_none_or(|c| s["test_clock"] == c)
                && price.as_deref().is_none_or(|pr| {
                    s["items"]["data"]
                        .as_array()
                        .is_some_and(|a| a.iter().any(|i| i["price"]["id"] == pr))
                })
                && created(s)
        })
        .collect();
    paginate(items, "/v1/subscriptions", p)
}

pub fn parse_proration_behavior(p: &Params, key: &str) -> ApiResult<String> {
    let b = p.str(key)?.unwrap_or_else(|| "create_prorations".into());
    if !["create_prorations", "none", "always_invoice"].contains(&b.as_str()) {
        return Err(ApiError::invalid(
            format!("Invalid {key}: must be one of create_prorations, none, or always_invoice"),
            &p.name(key),
        ));
    }
    Ok(b)
}

pub fn update(cx: &mut Ctx<'_>, id: &str, p: &Params) -> ApiResult<Value> {
    p.allow(&[
        "items",
        "proration_behavior",
        "proration_date",
        "cancel_at_period_end",
        "cancel_at",
        "cancellation_details",
        "pause_collection",
        "default_payment_method",
        "metadata",
        "description",
        "collection_method",
        "days_until_due",
        "trial_end",
        "payment_behavior",
        "billing_cycle_anchor",
        "off_session",
        "payment_settings",
        "trial_settings",
        "automatic_tax",
        "default_tax_rates",
        "discounts",
    ])?;
    let old = cx.acct.find("subscription", id)?;
    let status = old["status"].as_str().unwrap_or_default().to_string();
    if status == "canceled" || status == "incomplete_expired" {
        return Err(ApiError::bad_state(
            "A canceled subscription can only update its cancellation_details and metadata."
                .to_string(),
        ));
    }
    let customer_id = old["customer"].as_str().unwrap_or_default().to_string();
    let now = cx.acct.now_for_customer(Some(&customer_id));
    let mut sub = old.clone();
    let behavior = parse_proration_behavior(p, "proration_behavior")?;
    let t = p.int("proration_date")?.unwrap_or(now);
    let plan = plan_for_update(cx, &old, p.list("items")?)?;
    let money = parse_sub_money(cx.acct, p, &customer_id, old["currency"].as_str(), now)?;
    let mut immediate_invoice = None;
    let mut new_cycle = None;
    if plan_changed(&old, &plan) {
        if !old["schedule"].is_null() {
            return Err(ApiError::bad_state(format!(
                "The subscription is managed by the subscription schedule `{}`, and its items cannot be updated directly. Please update the schedule instead.",
                old["schedule"].as_str().unwrap_or_default()
            )));
        }
        let mut items_for_prorations = plan.clone();
        // Newly added items get their ids now so their proration lines name them.
        apply_plan(&mut sub, &plan, now);
        for (pl, item) in items_for_prorations
            .iter_mut()
            .zip(sub["items"]["data"].as_array().cloned().unwrap_or_default())
        {
            if pl.id.is_none() {
                pl.id = item["id"].as_str().map(str::to_string);
            }
        }
        let (old_iv, new_iv) = (interval(&old), interval(&sub));
        if old_iv != new_iv && status != "trialing" {
            // A new billing interval restarts the cycle now and invoices at once, as on Stripe.
            if behavior != "none" {
                for ii in prorations(cx.acct, &old, &[], t) {
                    cx.acct.insert("invoiceitem", ii.clone());
                    emit(cx, "invoiceitem.created", &ii, None);
                }
            }
            let end = billing::add_interval(t, &new_iv.0, new_iv.1, 1);
            set_period(&mut sub, t, end);
            sub["billing_cycle_anchor"] = json!(t);
            new_cycle = Some((t, end));
        } else if behavior != "none" && status != "trialing" {
            let new_items = prorations(cx.acct, &old, &items_for_prorations, t);
            for ii in &new_items {
                cx.acct.insert("invoiceitem", ii.clone());
                emit(cx, "invoiceitem.created", ii, None);
            }
            if behavior == "always_invoice" && !new_items.is_empty() {
                immediate_invoice = Some(new_items);
            }
        }
    }
    if let Some(pm) = p.nullable_str("default_payment_method")? {
        if let Some(s) = pm.as_str() {
            check_default_pm(cx.acct, &customer_id, s, "default_payment_method")?;
        }
        sub["default_payment_method"] = pm;
    }
    if let Some(m) = p.metadata(sub.get("metadata"))? {
        sub["metadata"] = m;
    }
    if let Some(d) = p.nullable_str("description")? {
        sub["description"] = d;
    }
    if let Some(cm) = p.str("collection_method")? {
        sub["collection_method"] = json!(cm);
        if cm == "send_invoice" {
            sub["days_until_due"] = json!(p.int("days_until_due")?.unwrap_or(30));
        } else {
            sub["days_until_due"] = Value::Null;
        }
    }
    let (_, pe) = period(&sub);
    let schedule_managed = !old["schedule"].is_null();
    if let Some(cape) = p.bool("cancel_at_period_end")? {
        if schedule_managed {
            return Err(ApiError::bad_state("The subscription is managed by a subscription schedule; update the schedule instead."));
        }
        sub["cancel_at_period_end"] = json!(cape);
        if cape {
            sub["cancel_at"] = json!(pe);
            sub["canceled_at"] = json!(now);
            sub["cancellation_details"]["reason"] = json!("cancellation_requested");
        } else {
            sub["cancel_at"] = Value::Null;
            sub["canceled_at"] = Value::Null;
            sub["cancellation_details"] =
                json!({"comment": null, "feedback": null, "reason": null});
        }
    }
    if p.has("cancel_at") {
        match p.str("cancel_at")?.as_deref() {
            Some("") => {
                sub["cancel_at"] = Value::Null;
                sub["canceled_at"] = Value::Null;
                sub["cancel_at_period_end"] = json!(false);
                sub["cancellation_details"] =
                    json!({"comment": null, "feedback": null, "reason": null});
            }
            Some("min_period_end") | Some("max_period_end") => {
                sub["cancel_at"] = json!(pe);
                sub["canceled_at"] = json!(now);
                sub["cancellation_details"]["reason"] = json!("cancellation_requested");
            }
            _ => {
                let at = p.int("cancel_at")?.unwrap_or(pe);
                if at <= now {
                    return Err(ApiError::invalid(
                        "Invalid timestamp: cancel_at must be in the future.",
                        "cancel_at",
                    ));
                }
                sub["cancel_at"] = json!(at);
                sub["cancel_at_period_end"] = json!(at == pe);
                sub["canceled_at"] = json!(now);
                sub["cancellation_details"]["reason"] = json!("cancellation_requested");
            }
        }
    }
    parse_cancellation_details(p, &mut sub["cancellation_details"])?;
    if p.has("pause_collection") {
        match p.obj("pause_collection")? {
            None => sub["pause_collection"] = Value::Null,
            Some(pc) => {
                pc.allow(&["behavior", "resumes_at"])?;
                let b = pc.req_str("behavior")?;
                if !["keep_as_draft", "mark_uncollectible", "void"].contains(&b.as_str()) {
                    return Err(ApiError::invalid(
                        "Invalid pause_collection[behavior]: must be one of keep_as_draft, mark_uncollectible, or void".to_string(),
                        "pause_collection[behavior]",
                    ));
                }
                let resumes = pc.int("resumes_at")?;
                if resumes.is_some_and(|r| r <= now) {
                    return Err(ApiError::invalid(
                        "Invalid timestamp: resumes_at must be in the future.",
                        "pause_collection[resumes_at]",
                    ));
                }
                sub["pause_collection"] = json!({"behavior": b, "resumes_at": resumes});
            }
        }
    }
    // Discounts are redeemed only once everything else is valid.
    apply_sub_money(cx, &mut sub, money, now);
    apply_item_money(cx, &mut sub, &plan, now, false);
    if p.str("trial_end")?.as_deref() == Some("now") && status == "trialing" {
        cx.acct.put("subscription", sub.clone());
        emit_update(cx, "customer.subscription.updated", &old, &sub, false);
        super::lifecycle::end_trial(cx, id, now, false)?;
        return cx.acct.find("subscription", id);
    }
    cx.acct.put("subscription", sub.clone());
    if let Some(cycle) = new_cycle {
        super::lifecycle::bill_period(cx, id, cycle, (t, t), "subscription_update", false)?;
        sub = cx.acct.find("subscription", id)?;
    }
    if let Some(items) = immediate_invoice {
        let inv = create_invoice(
            cx,
            &customer_id,
            Some(&sub),
            (t, t),
            Vec::new(),
            items,
            "subscription_update",
            false,
        )?;
        let inv_id = inv["id"].as_str().unwrap_or_default().to_string();
        sub["latest_invoice"] = json!(inv_id);
        cx.acct.put("subscription", sub.clone());
        advance_invoice(cx, &inv_id, &Value::Null, false)?;
        sub = cx.acct.find("subscription", id)?;
    }
    emit_update(cx, "customer.subscription.updated", &old, &sub, false);
    Ok(sub)
}

/// `DELETE /v1/subscriptions/:id`.
pub fn cancel(cx: &mut Ctx<'_>, id: &str, p: &Params) -> ApiResult<Value> {
    p.allow(&["invoice_now", "prorate", "cancellation_details"])?;
    let mut sub = cx.acct.find("subscription", id)?;
    if sub["status"] == "canceled" {
        return Err(ApiError::bad_state(format!(
            "No such subscription: '{id}'; it has already been canceled."
        ))
        .with_code("resource_missing"));
    }
    parse_cancellation_details(p, &mut sub["cancellation_details"])?;
    cx.acct.put("subscription", sub);
    let prorate = p.bool("prorate")?.unwrap_or(false);
    let invoice_now = p.bool("invoice_now")?.unwrap_or(false);
    cancel_now(cx, id, prorate, invoice_now, Some("cancellation_requested"))
}

/// Ends a subscription now: optional credit proration and final invoice, `customer.subscription.deleted`.
pub fn cancel_now(
    cx: &mut Ctx<'_>,
    id: &str,
    prorate: bool,
    invoice_now: bool,
    reason: Option<&str>,
) -> ApiResult<Value> {
    cancel_at_time(cx, id, prorate, invoice_now, reason, false)
}

pub(super) fn cancel_at_time(
    cx: &mut Ctx<'_>,
    id: &str,
    prorate: bool,
    invoice_now: bool,
    reason: Option<&str>,
    automatic: bool,
) -> ApiResult<Value> {
    let old = cx.acct.find("subscription", id)?;
    let customer_id = old["customer"].as_str().unwrap_or_default().to_string();
    let now = cx.acct.now_for_customer(Some(&customer_id));
    let mut sub = old.clone();
    if prorate {
        for ii in prorations(cx.acct, &old, &[], now) {
            cx.acct.insert("invoiceitem", ii);
        }
    }
    sub["status"] = json!("canceled");
    sub["ended_at"] = json!(now);
    if sub["canceled_at"].is_null() || !automatic {
        sub["canceled_at"] = json!(now);
    }
    if let Some(r) = reason {
        if sub["cancellation_details"]["reason"].is_null() {
            sub["cancellation_details"]["reason"] = json!(r);
        }
    }
    cx.acct.put("subscription", sub.clone());
    if invoice_now {
        let sweep = billing::pending_items(cx.acct, &customer_id, Some(id));
        if !sweep.is_empty() {
            let inv = create_invoice(
                cx,
                &customer_id,
                Some(&sub),
                (now, now),
                Vec::new(),
                sweep,
                "subscription_cycle",
                automatic,
            )?;
            let inv_id = inv["id"].as_str().unwrap_or_default().to_string();
            sub["latest_invoice"] = json!(inv_id);
            cx.acct.put("subscription", sub.clone());
            advance_invoice(cx, &inv_id, &Value::Null, automatic)?;
        }
    }
    // A schedule managing this subscription ends with it.
    if let Some(sched) = old["schedule"].as_str() {
        if let Some(s) = cx.acct.get_mut("subscription_schedule", sched) {
            s["status"] = json!("canceled");
            s["canceled_at"] = json!(now);
            s["current_phase"] = Value::Null;
        }
    }
    let sub = cx.acct.find("subscription", id)?;
    if automatic {
        emit_auto(cx, "customer.subscription.deleted", &sub, None);
    } else {
        emit(cx, "customer.subscription.deleted", &sub, None);
    }
    Ok(sub)
}

/// `POST /v1/subscriptions/:id/resume` (only for `status=paused`, like Stripe).
pub fn resume(cx: &mut Ctx<'_>, id: &str, p: &Params) -> ApiResult<Value> {
    p.allow(&[
        "billing_cycle_anchor",
        "proration_behavior",
        "proration_date",
    ])?;
    let old = cx.acct.find("subscription", id)?;
    if old["status"] != "paused" {
        return Err(ApiError::bad_state(format!(
            "Subscription cannot be resumed because its status is {}. Only subscriptions with status=paused can be resumed.",
            old["status"].as_str().unwrap_or_default()
        )));
    }
    let customer_id = old["customer"].as_str().unwrap_or_default().to_string();
    let now = cx.acct.now_for_customer(Some(&customer_id));
    let (iv, ic) = interval(&old);
    let end = billing::add_interval(now, &iv, ic, 1);
    let mut sub = old.clone();
    set_period(&mut sub, now, end);
    sub["billing_cycle_anchor"] = json!(now);
    sub["status"] = json!("active");
    cx.acct.put("subscription", sub.clone());
    super::lifecycle::bill_period(cx, id, (now, end), (now, now), "subscription_cycle", false)?;
    let sub = cx.acct.find("subscription", id)?;
    emit(cx, "customer.subscription.resumed", &sub, None);
    emit_update(cx, "customer.subscription.updated", &old, &sub, false);
    Ok(sub)
}

/// List of `/v1/subscription_items?subscription=`.
pub fn list_items(acct: &Account, p: &Params) -> ApiResult<Value> {
    let sub_id = p.req_str("subscription")?;
    let sub = acct.find_param("subscription", &sub_id, "subscription")?;
    let items = sub["items"]["data"].as_array().cloned().unwrap_or_default();
    paginate(items, "/v1/subscription_items", p)
}

pub fn retrieve_item(acct: &Account, id: &str) -> ApiResult<Value> {
    acct.all("subscription")
        .into_iter()
        .find_map(|s| {
            s["items"]["data"]
                .as_array()
                .and_then(|a| a.iter().find(|i| i["id"] == id).cloned())
        })
        .ok_or_else(|| ApiError::no_such("subscription_item", id))
}
