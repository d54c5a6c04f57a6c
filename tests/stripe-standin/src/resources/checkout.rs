//! Setup intents and Checkout Sessions in `setup` mode.

use serde_json::{json, Value};

use super::payment_methods;
use crate::error::{ApiError, ApiResult};
use crate::events::emit;
use crate::form::Params;
use crate::state::{new_id, paginate, random_alnum, Account, Ctx};

fn setup_intent_object(id: &str, customer: Value, created: i64) -> Value {
    json!({
        "id": id,
        "object": "setup_intent",
        "application": null,
        "automatic_payment_methods": null,
        "cancellation_reason": null,
        "client_secret": format!("{id}_secret_{}", random_alnum(24)),
        "created": created,
        "customer": customer,
        "customer_account": null,
        "description": null,
        "flow_directions": null,
        "last_setup_error": null,
        "latest_attempt": null,
        "livemode": false,
        "mandate": null,
        "metadata": {},
        "next_action": null,
        "on_behalf_of": null,
        "payment_method": null,
        "payment_method_configuration_details": null,
        "payment_method_options": {"card": {"mandate_options": null, "network": null, "request_three_d_secure": "automatic"}},
        "payment_method_types": ["card"],
        "single_use_mandate": null,
        "status": "requires_payment_method",
        "usage": "off_session",
    })
}

/// Sets the payment method (creating cards from test tokens), attaches it, and succeeds.
fn confirm_inner(cx: &mut Ctx<'_>, si: &mut Value, pm: &str) -> ApiResult<()> {
    let pm_id = match cx.acct.get("payment_method", pm) {
        Some(v) => v["id"].as_str().unwrap_or_default().to_string(),
        None if pm.starts_with("pm_card_") || pm.starts_with("tok_") => {
            payment_methods::create_from_token(cx, pm, "payment_method")?["id"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        }
        None => {
            return Err(ApiError::no_such_param(
                "PaymentMethod",
                pm,
                "payment_method",
            ))
        }
    };
    if let Some(c) = si["customer"].as_str().map(str::to_string) {
        payment_methods::attach_to(cx, &pm_id, &c, "payment_method")?;
    }
    si["payment_method"] = json!(pm_id);
    si["status"] = json!("succeeded");
    cx.acct.put("setup_intent", si.clone());
    emit(cx, "setup_intent.succeeded", si, None);
    Ok(())
}

pub fn create_setup_intent(cx: &mut Ctx<'_>, p: &Params) -> ApiResult<Value> {
    p.allow(&[
        "customer",
        "payment_method",
        "confirm",
        "usage",
        "payment_method_types",
        "metadata",
        "description",
        "automatic_payment_methods",
        "return_url",
    ])?;
    let customer = match p.str("customer")? {
        Some(c) => {
            cx.acct.find_param("customer", &c, "customer")?;
            json!(c)
        }
        None => Value::Null,
    };
    let now = cx.acct.now_for_customer(customer.as_str());
    let mut si = setup_intent_object(&new_id("seti"), customer, now);
    if let Some(u) = p.str("usage")? {
        if u != "on_session" && u != "off_session" {
            return Err(ApiError::invalid(format!("Invalid usage: {u}"), "usage"));
        }
        si["usage"] = json!(u);
    }
    if let Some(t) = p.strings("payment_method_types")? {
        si["payment_method_types"] = json!(t);
    }
    if let Some(m) = p.metadata(None)? {
        si["metadata"] = m;
    }
    if let Some(d) = p.nullable_str("description")? {
        si["description"] = d;
    }
    let pm = p.str("payment_method")?;
    if pm.is_some() {
        si["status"] = json!("requires_confirmation");
    }
    cx.acct.insert("setup_intent", si.clone());
    emit(cx, "setup_intent.created", &si, None);
    if let (Some(pm), Some(true)) = (pm, p.bool("confirm")?) {
        confirm_inner(cx, &mut si, &pm)?;
    }
    Ok(si)
}

pub fn retrieve_setup_intent(acct: &Account, id: &str) -> ApiResult<Value> {
    acct.find("setup_intent", id)
}

pub fn confirm_setup_intent(cx: &mut Ctx<'_>, id: &str, p: &Params) -> ApiResult<Value> {
    p.allow(&[
        "payment_method",
        "return_url",
        "mandate_data",
        "use_stripe_sdk",
    ])?;
    let mut si = cx.acct.find("setup_intent", id)?;
    if si["status"] == "succeeded" || si["status"] == "canceled" {
        return Err(ApiError::bad_state(format!(
            "You cannot confirm this SetupIntent because it has a status of {}.",
            si["status"].as_str().unwrap_or_default()
        ))
        .with_code("setup_intent_unexpected_state"));
    }
    let pm = match p.str("payment_method")? {
        Some(pm) => pm,
        None => si["payment_method"]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| ApiError::missing("payment_method"))?,
    };
    confirm_inner(cx, &mut si, &pm)?;
    Ok(si)
}

pub fn cancel_setup_intent(cx: &mut Ctx<'_>, id: &str, p: &Params) -> ApiResult<Value> {
    p.allow(&["cancellation_reason"])?;
    let mut si = cx.acct.find("setup_intent", id)?;
    if si["status"] == "succeeded" || si["status"] == "canceled" {
        return Err(ApiError::bad_state(format!(
            "You cannot cancel this SetupIntent because it has a status of {}.",
            si["status"].as_str().unwrap_or_default()
        ))
        .with_code("setup_intent_unexpected_state"));
    }
    si["status"] = json!("canceled");
    si["cancellation_reason"] = p
        .str("cancellation_reason")?
        .map_or(Value::Null, Value::String);
    cx.acct.put("setup_intent", si.clone());
    emit(cx, "setup_intent.canceled", &si, None);
    Ok(si)
}

pub fn list_setup_intents(acct: &Account, p: &Params) -> ApiResult<Value> {
    let customer = p.str("customer")?;
    let items = acct
        .all("setup_intent")
        .into_iter()
        .filter(|s| customer.as_deref().is_none_or(|c| s["customer"] == c))
        .collect();
    paginate(items, "/v1/setup_intents", p)
}

fn session_object(id: &str, base: &str, created: i64) -> Value {
    json!({
        "id": id,
        "object": "checkout.session",
        "adaptive_pricing": null,
        "after_expiration": null,
        "allow_promotion_codes": null,
        "amount_subtotal": null,
        "amount_total": null,
        "automatic_tax": {"enabled": false, "liability": null, "provider": null, "status": null},
        "billing_address_collection": null,
        "cancel_url": null,
        "client_reference_id": null,
        "client_secret": null,
        "collected_information": null,
        "consent": null,
        "consent_collection": null,
        "created": created,
        "currency": null,
        "currency_conversion": null,
        "custom_fields": [],
        "custom_text": {"after_submit": null, "shipping_address": null, "submit": null, "terms_of_service_acceptance": null},
        "customer": null,
        "customer_account": null,
        "customer_creation": null,
        "customer_details": null,
        "customer_email": null,
        "discounts": [],
        "expires_at": created + 24 * 3600,
        "invoice": null,
        "invoice_creation": null,
        "livemode": false,
        "locale": null,
        "metadata": {},
        "mode": "setup",
        "payment_intent": null,
        "payment_link": null,
        "payment_method_collection": "always",
        "payment_method_configuration_details": null,
        "payment_method_options": {},
        "payment_method_types": ["card"],
        "payment_status": "no_payment_required",
        "phone_number_collection": {"enabled": false},
        "recovered_from": null,
        "saved_payment_method_options": null,
        "setup_intent": null,
        "shipping_address_collection": null,
        "shipping_cost": null,
        "shipping_options": [],
        "status": "open",
        "submit_type": null,
        "subscription": null,
        "success_url": null,
        "tax_id_collection": {"enabled": false, "required": "never"},
        "total_details": null,
        "ui_mode": "hosted_page",
        "url": format!("{base}/_standin/checkout/{id}"),
    })
}

pub fn create_session(cx: &mut Ctx<'_>, p: &Params) -> ApiResult<Value> {
    p.allow(&[
        "mode",
        "customer",
        "success_url",
        "cancel_url",
        "currency",
        "payment_method_types",
        "setup_intent_data",
        "metadata",
        "client_reference_id",
        "customer_email",
        "expires_at",
        "locale",
        "ui_mode",
        "line_items",
        "billing_address_collection",
    ])?;
    let mode = p.req_str("mode")?;
    if !["payment", "setup", "subscription"].contains(&mode.as_str()) {
        return Err(ApiError::invalid(format!("Invalid mode: {mode}"), "mode"));
    }
    if mode != "setup" {
        return Err(ApiError::invalid(
            "The stand-in supports Checkout Sessions in setup mode only.",
            "mode",
        ));
    }
    let success = p.req_str("success_url")?;
    if !(success.starts_with("http://") || success.starts_with("https://")) {
        return Err(
            ApiError::invalid(format!("Not a valid URL: {success}"), "success_url")
                .with_code("url_invalid"),
        );
    }
    let customer = p.str("customer")?;
    if let Some(c) = &customer {
        cx.acct.find_param("customer", c, "customer")?;
    }
    let now = cx.acct.now_for_customer(customer.as_deref());
    let id = format!("cs_test_{}", random_alnum(58));
    let mut s = session_object(&id, &cx.base_url(), now);
    s["success_url"] = json!(success);
    s["cancel_url"] = p.str("cancel_url")?.map_or(Value::Null, Value::String);
    s["customer"] = customer.map_or(Value::Null, Value::String);
    for k in [
        "currency",
        "client_reference_id",
        "customer_email",
        "locale",
    ] {
        if let Some(v) = p.str(k)? {
            s[k] = json!(v);
        }
    }
    if let Some(t) = p.strings("payment_method_types")? {
        s["payment_method_types"] = json!(t);
    }
    if let Some(m) = p.metadata(None)? {
        s["metadata"] = m;
    }
    if let Some(e) = p.int("expires_at")? {
        if e < now + 1800 || e > now + 86_400 {
            return Err(ApiError::invalid(
                "expires_at must be between 30 minutes and 24 hours from now.",
                "expires_at",
            ));
        }
        s["expires_at"] = json!(e);
    }
    cx.acct.insert("checkout.session", s.clone());
    if let Some(sid) = p.obj("setup_intent_data")? {
        // Kept aside for completion; not part of the session's shape.
        cx.acct.insert(
            "checkout.session.setup_intent_data",
            json!({"id": format!("{id}#sid"), "data": sid.raw().clone()}),
        );
    }
    Ok(s)
}

pub fn retrieve_session(acct: &Account, id: &str) -> ApiResult<Value> {
    acct.find("checkout.session", id)
}

pub fn list_sessions(acct: &Account, p: &Params) -> ApiResult<Value> {
    let customer = p.str("customer")?;
    let status = p.str("status")?;
    let items = acct
        .all("checkout.session")
        .into_iter()
        .filter(|s| {
            customer.as_deref().is_none_or(|c| s["customer"] == c)
                && status.as_deref().is_none_or(|st| s["status"] == st)
        })
        .collect();
    paginate(items, "/v1/checkout/sessions", p)
}

pub fn expire_session(cx: &mut Ctx<'_>, id: &str) -> ApiResult<Value> {
    let mut s = cx.acct.find("checkout.session", id)?;
    if s["status"] != "open" {
        return Err(ApiError::bad_state(format!(
            "Only Checkout Sessions with a status in [\"open\"] can be expired. This Checkout Session has a status of \"{}\".",
            s["status"].as_str().unwrap_or_default()
        )));
    }
    s["status"] = json!("expired");
    s["url"] = Value::Null;
    cx.acct.put("checkout.session", s.clone());
    emit(cx, "checkout.session.expired", &s, None);
    Ok(s)
}

/// The hosted page's "Complete" button: card attached, setup intent succeeded, session complete.
pub fn complete_session(cx: &mut Ctx<'_>, id: &str, token: &str) -> ApiResult<Value> {
    let mut s = cx.acct.find("checkout.session", id)?;
    let now = cx.acct.now_for_customer(s["customer"].as_str());
    if s["status"] != "open" || s["expires_at"].as_i64().is_some_and(|e| e < now) {
        return Err(ApiError::bad_state(
            "This Checkout Session is no longer open.",
        ));
    }
    let mut si = setup_intent_object(&new_id("seti"), s["customer"].clone(), now);
    if let Some(extra) = cx
        .acct
        .get_any(&format!("{id}#sid"))
        .map(|v| v["data"].clone())
    {
        if let Some(m) = extra.get("metadata") {
            si["metadata"] = m.clone();
        }
        if let Some(d) = extra.get("description") {
            si["description"] = d.clone();
        }
    }
    cx.acct.insert("setup_intent", si.clone());
    emit(cx, "setup_intent.created", &si, None);
    confirm_inner(cx, &mut si, token)?;
    let customer_details = match s["customer"]
        .as_str()
        .and_then(|c| cx.acct.get("customer", c))
    {
        Some(c) => json!({
            "address": c["address"], "business_name": null, "email": c["email"], "individual_name": null,
            "name": c["name"], "phone": c["phone"], "tax_exempt": c["tax_exempt"], "tax_ids": [],
        }),
        None => json!({
            "address": null, "business_name": null, "email": s["customer_email"], "individual_name": null,
            "name": null, "phone": null, "tax_exempt": "none", "tax_ids": [],
        }),
    };
    s["status"] = json!("complete");
    s["setup_intent"] = si["id"].clone();
    s["customer_details"] = customer_details;
    s["url"] = Value::Null;
    cx.acct.put("checkout.session", s.clone());
    emit(cx, "checkout.session.completed", &s, None);
    Ok(s)
}
