//! Customers and their tax ids.

use serde_json::{json, Value};

use crate::error::{ApiError, ApiResult};
use crate::events::{emit, emit_update};
use crate::form::Params;
use crate::state::{chosen_or_new_id, new_id, paginate, random_alnum, range_filter, Account, Ctx};

/// Stripe's address hash with every field present.
pub fn address(p: &Params) -> ApiResult<Value> {
    p.allow(&["city", "country", "line1", "line2", "postal_code", "state"])?;
    let f = |k: &str| -> ApiResult<Value> {
        Ok(p.str(k)?
            .filter(|s| !s.is_empty())
            .map_or(Value::Null, Value::String))
    };
    Ok(json!({
        "city": f("city")?, "country": f("country")?, "line1": f("line1")?,
        "line2": f("line2")?, "postal_code": f("postal_code")?, "state": f("state")?,
    }))
}

fn customer_object(id: &str, created: i64, test_clock: Option<String>) -> Value {
    json!({
        "id": id,
        "object": "customer",
        "address": null,
        "balance": 0,
        "created": created,
        "currency": null,
        "customer_account": null,
        "default_source": null,
        "delinquent": false,
        "description": null,
        "discount": null,
        "email": null,
        "invoice_prefix": random_alnum(8).to_uppercase(),
        "invoice_settings": {
            "custom_fields": null,
            "default_payment_method": null,
            "footer": null,
            "rendering_options": null,
        },
        "livemode": false,
        "metadata": {},
        "name": null,
        "next_invoice_sequence": 1,
        "phone": null,
        "preferred_locales": [],
        "shipping": null,
        "tax_exempt": "none",
        "test_clock": test_clock,
    })
}

const EDITABLE: &[&str] = &[
    "email",
    "name",
    "phone",
    "description",
    "metadata",
    "address",
    "invoice_settings",
    "preferred_locales",
    "tax_exempt",
    "invoice_prefix",
];

/// Applies the fields both create and update accept.
fn apply(acct: &Account, obj: &mut Value, p: &Params) -> ApiResult<()> {
    for k in ["email", "name", "phone", "description"] {
        if let Some(v) = p.nullable_str(k)? {
            obj[k] = v;
        }
    }
    if let Some(m) = p.metadata(obj.get("metadata"))? {
        obj["metadata"] = m;
    }
    if p.get("address").and_then(Value::as_str) == Some("") {
        obj["address"] = Value::Null;
    } else if let Some(a) = p.obj("address")? {
        obj["address"] = address(&a)?;
    }
    if let Some(locales) = p.strings("preferred_locales")? {
        obj["preferred_locales"] = json!(locales);
    }
    if let Some(t) = p.str("tax_exempt")? {
        if !["none", "exempt", "reverse"].contains(&t.as_str()) {
            return Err(ApiError::invalid(
                format!("Invalid tax_exempt: {t}"),
                "tax_exempt",
            ));
        }
        obj["tax_exempt"] = json!(t);
    }
    if let Some(prefix) = p.str("invoice_prefix")? {
        obj["invoice_prefix"] = json!(prefix);
    }
    if let Some(is) = p.obj("invoice_settings")? {
        is.allow(&[
            "default_payment_method",
            "footer",
            "custom_fields",
            "rendering_options",
        ])?;
        if let Some(pm) = is.nullable_str("default_payment_method")? {
            if let Some(pm_id) = pm.as_str() {
                let pmo = acct.find_param(
                    "payment_method",
                    pm_id,
                    "invoice_settings[default_payment_method]",
                )?;
                if pmo["customer"] != obj["id"] {
                    return Err(ApiError::invalid(
                        format!("The customer does not have a payment method with the ID {pm_id}. The payment method must be attached to the customer."),
                        "invoice_settings[default_payment_method]",
                    )
                    .with_code("resource_missing"));
                }
            }
            obj["invoice_settings"]["default_payment_method"] = pm;
        }
        if let Some(f) = is.nullable_str("footer")? {
            obj["invoice_settings"]["footer"] = f;
        }
    }
    Ok(())
}

pub fn create(cx: &mut Ctx<'_>, p: &Params) -> ApiResult<Value> {
    let mut allowed = EDITABLE.to_vec();
    allowed.extend([
        "id",
        "payment_method",
        "test_clock",
        "tax_id_data",
        "shipping",
        "source",
    ]);
    p.allow(&allowed)?;
    let id = chosen_or_new_id(cx.acct, p, "cus")?;
    let clock = match p.str("test_clock")? {
        Some(c) => {
            cx.acct
                .find_param("test_helpers.test_clock", &c, "test_clock")?;
            Some(c)
        }
        None => None,
    };
    let created = match &clock {
        Some(c) => cx
            .acct
            .get("test_helpers.test_clock", c)
            .and_then(|c| c["frozen_time"].as_i64())
            .unwrap_or_else(|| cx.acct.now()),
        None => cx.acct.now(),
    };
    let mut obj = customer_object(&id, created, clock);
    // Attach first so invoice_settings may name the new payment method.
    let pm_param = p.str("payment_method")?;
    if let Some(pm) = &pm_param {
        cx.acct
            .find_param("payment_method", pm, "payment_method")
            .or_else(|e| {
                if pm.starts_with("pm_card_") {
                    Ok(Value::Null)
                } else {
                    Err(e)
                }
            })?;
    }
    cx.acct.insert("customer", obj.clone());
    let mut pm_id = None;
    if let Some(pm) = pm_param {
        match super::payment_methods::attach_to(cx, &pm, &id, "payment_method") {
            Ok(v) => pm_id = v["id"].as_str().map(str::to_string),
            Err(e) => {
                cx.acct.remove(&id);
                return Err(e);
            }
        }
    }
    let mut p2 = p.clone();
    if let (Some(pm_id), Some(given)) = (
        &pm_id,
        p.get("invoice_settings")
            .and_then(|v| v["default_payment_method"].as_str()),
    ) {
        // `pm_card_visa` names a fresh card: point the default at the created one.
        if given.starts_with("pm_card_") {
            let mut raw = p.raw().clone();
            raw["invoice_settings"]["default_payment_method"] = json!(pm_id);
            p2 = Params::new(raw);
        }
    }
    if let Err(e) = apply(cx.acct, &mut obj, &p2) {
        cx.acct.remove(&id);
        return Err(e);
    }
    cx.acct.put("customer", obj.clone());
    emit(cx, "customer.created", &obj, None);
    if let Some(list) = p.list("tax_id_data")? {
        for t in list {
            create_tax_id(cx, &id, &t)?;
        }
    }
    Ok(obj)
}

pub fn retrieve(acct: &Account, id: &str) -> ApiResult<Value> {
    if let Some(d) = acct.get("deleted_customer", id) {
        return Ok(d.clone());
    }
    acct.find("customer", id)
}

pub fn update(cx: &mut Ctx<'_>, id: &str, p: &Params) -> ApiResult<Value> {
    p.allow(EDITABLE)?;
    let old = cx.acct.find("customer", id)?;
    let mut obj = old.clone();
    apply(cx.acct, &mut obj, p)?;
    cx.acct.put("customer", obj.clone());
    emit_update(cx, "customer.updated", &old, &obj, false);
    Ok(obj)
}

pub fn delete(cx: &mut Ctx<'_>, id: &str) -> ApiResult<Value> {
    let obj = cx.acct.find("customer", id)?;
    // Deleting a customer cancels its subscriptions immediately, as Stripe does.
    let subs: Vec<String> = cx
        .acct
        .all("subscription")
        .into_iter()
        .filter(|s| {
            s["customer"] == id && s["status"] != "canceled" && s["status"] != "incomplete_expired"
        })
        .filter_map(|s| s["id"].as_str().map(str::to_string))
        .collect();
    for s in subs {
        super::subscriptions::cancel_now(cx, &s, false, false, Some("cancellation_requested"))?;
    }
    cx.acct.remove(id);
    let deleted = json!({"id": id, "object": "customer", "deleted": true});
    cx.acct.insert("deleted_customer", deleted.clone());
    emit(cx, "customer.deleted", &obj, None);
    Ok(deleted)
}

pub fn list(acct: &Account, p: &Params) -> ApiResult<Value> {
    let email = p.str("email")?;
    // The spec: a case-sensitive filter on the whole address, at most 512 characters.
    if email.as_deref().is_some_and(|e| e.chars().count() > 512) {
        return Err(ApiError::invalid(
            "Invalid email: must be at most 512 characters",
            "email",
        ));
    }
    let clock = p.str("test_clock")?;
    let created = range_filter(p, "created")?;
    let items = acct
        .all("customer")
        .into_iter()
        .filter(|c| {
            email
                .as_deref()
                .is_none_or(|e| c["email"].as_str() == Some(e))
                && clock
                    .as_deref()
                    .is_none_or(|t| c["test_clock"].as_str() == Some(t))
                && created(c)
        })
        .collect();
    paginate(items, "/v1/customers", p)
}

fn tax_id_object(id: &str, customer: &str, ty: &str, value: &str, created: i64) -> Value {
    let country = match ty {
        "eu_vat" => value.get(..2).map(|c| c.to_uppercase().replace("EL", "GR")),
        _ => ty.split('_').next().map(str::to_uppercase),
    };
    json!({
        "id": id,
        "object": "tax_id",
        "country": country,
        "created": created,
        "customer": customer,
        "customer_account": null,
        "livemode": false,
        "owner": {"type": "customer", "customer": customer, "customer_account": null},
        "type": ty,
        "value": value,
        "verification": {"status": "pending", "verified_address": null, "verified_name": null},
    })
}

pub fn create_tax_id(cx: &mut Ctx<'_>, customer: &str, p: &Params) -> ApiResult<Value> {
    p.allow(&["type", "value"])?;
    cx.acct.find("customer", customer)?;
    let ty = p.req_str("type")?;
    let value = p.req_str("value")?;
    if !crate::enums::TAX_ID_TYPES.contains(&ty.as_str()) || ty == "unknown" {
        return Err(ApiError::invalid(
            format!("Invalid value for type: {ty}"),
            &p.name("type"),
        ));
    }
    let id = new_id("txi");
    let obj = tax_id_object(
        &id,
        customer,
        &ty,
        &value,
        cx.acct.now_for_customer(Some(customer)),
    );
    cx.acct.insert("tax_id", obj.clone());
    emit(cx, "customer.tax_id.created", &obj, None);
    Ok(obj)
}

pub fn retrieve_tax_id(acct: &Account, customer: &str, id: &str) -> ApiResult<Value> {
    acct.find("customer", customer)?;
    let t = acct.find("tax_id", id)?;
    if t["customer"] != customer {
        return Err(ApiError::no_such("tax_id", id));
    }
    Ok(t)
}

pub fn delete_tax_id(cx: &mut Ctx<'_>, customer: &str, id: &str) -> ApiResult<Value> {
    let t = retrieve_tax_id(cx.acct, customer, id)?;
    cx.acct.remove(id);
    emit(cx, "customer.tax_id.deleted", &t, None);
    Ok(json!({"id": id, "object": "tax_id", "deleted": true}))
}

pub fn list_tax_ids(acct: &Account, customer: &str, p: &Params) -> ApiResult<Value> {
    acct.find("customer", customer)?;
    let items = acct
        .all("tax_id")
        .into_iter()
        .filter(|t| t["customer"] == customer)
        .collect();
    paginate(items, &format!("/v1/customers/{customer}/tax_ids"), p)
}
