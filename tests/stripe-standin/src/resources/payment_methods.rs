//! Payment methods made from Stripe's test tokens and card numbers.

use serde_json::{json, Value};

use crate::error::{ApiError, ApiResult};
use crate::events::{emit, emit_update};
use crate::form::Params;
use crate::state::{new_id, paginate, Account, Ctx};

/// A test card: brand, last4, funding, country.
struct TestCard {
    brand: &'static str,
    last4: String,
    funding: &'static str,
    country: &'static str,
}

/// Last digits of the test cards whose charges are declined (`tok_chargeCustomerFail`).
const DECLINING_LAST4: &[&str] = &["0002", "0341"];

/// Last digits of cards Stripe declines as soon as they are attached (`tok_chargeDeclined`).
const DECLINED_ON_ATTACH: &[&str] = &["0002"];

fn card_for_name(name: &str) -> Option<TestCard> {
    let (brand, last4, funding, country) = match name {
        "visa" => ("visa", "4242", "credit", "US"),
        "visa_debit" => ("visa", "5556", "debit", "US"),
        "mastercard" => ("mastercard", "4444", "credit", "US"),
        "mastercard_debit" => ("mastercard", "8210", "debit", "US"),
        "amex" => ("amex", "0005", "credit", "US"),
        "discover" => ("discover", "1117", "credit", "US"),
        "chargeDeclined" => ("visa", "0002", "credit", "US"),
        "chargeCustomerFail" => ("visa", "0341", "credit", "US"),
        _ => return None,
    };
    Some(TestCard {
        brand,
        last4: last4.to_string(),
        funding,
        country,
    })
}

fn card_for_number(number: &str) -> Option<TestCard> {
    let digits: String = number.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() < 12 {
        return None;
    }
    let brand = match digits.as_bytes()[0] {
        b'4' => "visa",
        b'5' | b'2' => "mastercard",
        b'3' => "amex",
        b'6' => "discover",
        _ => "unknown",
    };
    Some(TestCard {
        brand,
        last4: digits[digits.len() - 4..].to_string(),
        funding: "credit",
        country: "US",
    })
}

/// Whether charging this payment method fails (the decline test cards).
pub fn declines(pm: &Value) -> bool {
    pm["card"]["last4"]
        .as_str()
        .is_some_and(|l| DECLINING_LAST4.contains(&l))
}

fn billing_details(p: Option<&Params>) -> ApiResult<Value> {
    let mut bd = json!({
        "address": {"city": null, "country": null, "line1": null, "line2": null, "postal_code": null, "state": null},
        "email": null, "name": null, "phone": null, "tax_id": null,
    });
    if let Some(p) = p {
        p.allow(&["address", "email", "name", "phone", "tax_id"])?;
        for k in ["email", "name", "phone", "tax_id"] {
            if let Some(v) = p.nullable_str(k)? {
                bd[k] = v;
            }
        }
        if let Some(a) = p.obj("address")? {
            bd["address"] = super::customers::address(&a)?;
        }
    }
    Ok(bd)
}

fn payment_method_object(
    id: &str,
    card: &TestCard,
    exp: (i64, i64),
    created: i64,
    bd: Value,
) -> Value {
    json!({
        "id": id,
        "object": "payment_method",
        "allow_redisplay": "unspecified",
        "billing_details": bd,
        "card": {
            "brand": card.brand,
            "checks": {"address_line1_check": null, "address_postal_code_check": null, "cvc_check": "pass"},
            "country": card.country,
            "display_brand": card.brand,
            "exp_month": exp.0,
            "exp_year": exp.1,
            "fingerprint": format!("fp{}{}", card.brand, card.last4),
            "funding": card.funding,
            "generated_from": null,
            "last4": card.last4,
            "networks": {"available": [card.brand], "preferred": null},
            "regulated_status": "unregulated",
            "three_d_secure_usage": {"supported": true},
            "wallet": null,
        },
        "created": created,
        "customer": null,
        "customer_account": null,
        "livemode": false,
        "metadata": {},
        "radar_options": {},
        "type": "card",
    })
}

fn default_expiry(now: i64) -> (i64, i64) {
    let year = time::OffsetDateTime::from_unix_timestamp(now)
        .map(|t| t.year() as i64)
        .unwrap_or(2026);
    (12, year + 3)
}

/// Creates a card payment method from a test token name such as `tok_visa` (or `pm_card_visa`).
pub fn create_from_token(cx: &mut Ctx<'_>, token: &str, param: &str) -> ApiResult<Value> {
    let name = token
        .strip_prefix("tok_")
        .or_else(|| token.strip_prefix("pm_card_"))
        .unwrap_or(token);
    let card = card_for_name(name).ok_or_else(|| {
        ApiError::invalid(format!("No such token: '{token}'"), param).with_code("resource_missing")
    })?;
    let now = cx.acct.now();
    let obj = payment_method_object(
        &new_id("pm"),
        &card,
        default_expiry(now),
        now,
        billing_details(None)?,
    );
    cx.acct.insert("payment_method", obj.clone());
    Ok(obj)
}

pub fn create(cx: &mut Ctx<'_>, p: &Params) -> ApiResult<Value> {
    p.allow(&[
        "type",
        "card",
        "billing_details",
        "metadata",
        "customer",
        "payment_method",
        "allow_redisplay",
    ])?;
    let ty = p.req_str("type")?;
    if ty != "card" {
        return Err(ApiError::invalid(
            format!("The stand-in only supports type=card, not {ty}."),
            "type",
        ));
    }
    let card_p = p.obj("card")?.ok_or_else(|| ApiError::missing("card"))?;
    let now = cx.acct.now();
    let (card, exp) = if let Some(tok) = card_p.str("token")? {
        let name = tok.strip_prefix("tok_").unwrap_or(&tok);
        let card = card_for_name(name).ok_or_else(|| {
            ApiError::invalid(format!("No such token: '{tok}'"), "card[token]")
                .with_code("resource_missing")
        })?;
        (card, default_expiry(now))
    } else {
        let number = card_p.req_str("number")?;
        let card = card_for_number(&number).ok_or_else(|| {
            ApiError::new(
                axum::http::StatusCode::PAYMENT_REQUIRED,
                "card_error",
                "Your card number is incorrect.",
            )
            .with_code("incorrect_number")
        })?;
        let month = card_p
            .int("exp_month")?
            .ok_or_else(|| ApiError::missing("card[exp_month]"))?;
        let year = card_p
            .int("exp_year")?
            .ok_or_else(|| ApiError::missing("card[exp_year]"))?;
        if !(1..=12).contains(&month) {
            return Err(ApiError::new(
                axum::http::StatusCode::PAYMENT_REQUIRED,
                "card_error",
                "Your card's expiration month is invalid.",
            )
            .with_code("invalid_expiry_month"));
        }
        (card, (month, if year < 100 { 2000 + year } else { year }))
    };
    let bd = billing_details(p.obj("billing_details")?.as_ref())?;
    let mut obj = payment_method_object(&new_id("pm"), &card, exp, now, bd);
    if let Some(m) = p.metadata(None)? {
        obj["metadata"] = m;
    }
    cx.acct.insert("payment_method", obj.clone());
    Ok(obj)
}

pub fn retrieve(acct: &Account, id: &str) -> ApiResult<Value> {
    acct.find("payment_method", id)
}

pub fn update(cx: &mut Ctx<'_>, id: &str, p: &Params) -> ApiResult<Value> {
    p.allow(&["billing_details", "metadata", "card", "allow_redisplay"])?;
    let old = cx.acct.find("payment_method", id)?;
    let mut obj = old.clone();
    if let Some(m) = p.metadata(obj.get("metadata"))? {
        obj["metadata"] = m;
    }
    if let Some(bd) = p.obj("billing_details")? {
        let fresh = billing_details(Some(&bd))?;
        for k in ["email", "name", "phone", "tax_id", "address"] {
            if bd.has(k) {
                obj["billing_details"][k] = fresh[k].clone();
            }
        }
    }
    if let Some(c) = p.obj("card")? {
        c.allow(&["exp_month", "exp_year", "networks"])?;
        if let Some(m) = c.int("exp_month")? {
            obj["card"]["exp_month"] = json!(m);
        }
        if let Some(y) = c.int("exp_year")? {
            obj["card"]["exp_year"] = json!(y);
        }
    }
    cx.acct.put("payment_method", obj.clone());
    emit_update(cx, "payment_method.updated", &old, &obj, false);
    Ok(obj)
}

/// Attaches `pm` (or a fresh card for a `pm_card_*` name) to `customer`.
pub fn attach_to(cx: &mut Ctx<'_>, pm: &str, customer: &str, param: &str) -> ApiResult<Value> {
    cx.acct.find_param("customer", customer, "customer")?;
    let mut obj = match cx.acct.get("payment_method", pm) {
        Some(v) => v.clone(),
        None if pm.starts_with("pm_card_") || pm.starts_with("tok_") => {
            create_from_token(cx, pm, param)?
        }
        None => return Err(ApiError::no_such("PaymentMethod", pm)),
    };
    match obj["customer"].as_str() {
        Some(c) if c == customer => return Ok(obj),
        Some(_) => {
            return Err(ApiError::bad_state(
                "The payment method you provided has already been attached to a customer.",
            ))
        }
        None => {}
    }
    if obj["card"]["last4"]
        .as_str()
        .is_some_and(|l| DECLINED_ON_ATTACH.contains(&l))
    {
        return Err(ApiError::card_declined());
    }
    obj["customer"] = json!(customer);
    cx.acct.put("payment_method", obj.clone());
    emit(cx, "payment_method.attached", &obj, None);
    Ok(obj)
}

pub fn attach(cx: &mut Ctx<'_>, id: &str, p: &Params) -> ApiResult<Value> {
    p.allow(&["customer"])?;
    let customer = p.req_str("customer")?;
    attach_to(cx, id, &customer, "payment_method")
}

pub fn detach(cx: &mut Ctx<'_>, id: &str) -> ApiResult<Value> {
    let mut obj = cx.acct.find("payment_method", id)?;
    let Some(customer) = obj["customer"].as_str().map(str::to_string) else {
        return Err(ApiError::bad_state(
            "The payment method you provided is not attached to a customer so detachment is impossible.",
        ));
    };
    obj["customer"] = Value::Null;
    cx.acct.put("payment_method", obj.clone());
    // A detached card cannot stay the customer's default.
    if let Some(old) = cx.acct.get("customer", &customer).cloned() {
        if old["invoice_settings"]["default_payment_method"] == id {
            let mut new = old.clone();
            new["invoice_settings"]["default_payment_method"] = Value::Null;
            cx.acct.put("customer", new.clone());
            emit_update(cx, "customer.updated", &old, &new, false);
        }
    }
    emit(
        cx,
        "payment_method.detached",
        &obj,
        Some(json!({"customer": customer})),
    );
    Ok(obj)
}

pub fn list(acct: &Account, p: &Params, customer: Option<&str>) -> ApiResult<Value> {
    let customer = match customer {
        Some(c) => Some(c.to_string()),
        None => p.str("customer")?,
    };
    if let Some(c) = &customer {
        acct.find_param("customer", c, "customer")?;
    }
    let ty = p.str("type")?;
    let items = acct
        .all("payment_method")
        .into_iter()
        .filter(|pm| {
            customer
                .as_deref()
                .is_none_or(|c| pm["customer"].as_str() == Some(c))
                && ty.as_deref().is_none_or(|t| pm["type"].as_str() == Some(t))
                && (customer.is_some() || !pm["customer"].is_null())
        })
        .collect();
    let url = match &customer {
        Some(c) if p.get("customer").is_none() => format!("/v1/customers/{c}/payment_methods"),
        _ => "/v1/payment_methods".to_string(),
    };
    paginate(items, &url, p)
}

pub fn retrieve_for_customer(acct: &Account, customer: &str, id: &str) -> ApiResult<Value> {
    acct.find("customer", customer)?;
    let pm = acct.find("payment_method", id)?;
    if pm["customer"] != customer {
        return Err(ApiError::no_such("PaymentMethod", id));
    }
    Ok(pm)
}
