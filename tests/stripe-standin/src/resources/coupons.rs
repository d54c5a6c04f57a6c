//! Coupons (`/v1/coupons`) and promotion codes (`/v1/promotion_codes`). Redeeming them into
//! discounts lives in `discounts.rs`.

use serde_json::{json, Value};

use crate::error::{ApiError, ApiResult};
use crate::events::{emit, emit_update};
use crate::form::{json_number, Params};
use crate::state::{chosen_or_new_id, new_id, paginate, random_alnum, range_filter, Account, Ctx};

/// A coupon by id, also after it was deleted: discounts made from it keep working, as on Stripe.
pub fn coupon_of<'a>(acct: &'a Account, id: &str) -> Option<&'a Value> {
    acct.get("coupon", id)
        .or_else(|| acct.get("deleted_coupon", id))
}

/// `valid`: not past `redeem_by` and not redeemed `max_redemptions` times.
pub fn coupon_valid(coupon: &Value, at: i64) -> bool {
    coupon["redeem_by"].as_i64().is_none_or(|r| at < r)
        && coupon["max_redemptions"]
            .as_i64()
            .is_none_or(|m| coupon["times_redeemed"].as_i64().unwrap_or(0) < m)
}

/// A coupon as served: `valid` reflects the current time.
fn served(acct: &Account, mut coupon: Value) -> Value {
    coupon["valid"] = json!(coupon_valid(&coupon, acct.now()));
    coupon
}

fn coupon_object(id: &str, created: i64) -> Value {
    json!({
        "id": id,
        "object": "coupon",
        "amount_off": null,
        "created": created,
        "currency": null,
        "duration": "once",
        "duration_in_months": null,
        "livemode": false,
        "max_redemptions": null,
        "metadata": {},
        "name": null,
        "percent_off": null,
        "redeem_by": null,
        "times_redeemed": 0,
        "valid": true,
    })
}

fn positive(p: &Params, key: &str) -> ApiResult<Option<i64>> {
    let v = p.int(key)?;
    if v.is_some_and(|n| n < 1) {
        return Err(ApiError::invalid(
            format!("Invalid {key}: must be a positive integer"),
            &p.name(key),
        ));
    }
    Ok(v)
}

pub fn create_coupon(cx: &mut Ctx<'_>, p: &Params) -> ApiResult<Value> {
    p.allow(&[
        "id",
        "amount_off",
        "currency",
        "duration",
        "duration_in_months",
        "percent_off",
        "max_redemptions",
        "redeem_by",
        "name",
        "metadata",
        "applies_to",
    ])?;
    let now = cx.acct.now();
    let id = match p.str("id")? {
        Some(s) if !s.is_empty() => chosen_or_new_id(cx.acct, p, "")?,
        _ => random_alnum(8),
    };
    let mut obj = coupon_object(&id, now);
    match (p.int("amount_off")?, p.number("percent_off")?) {
        (Some(_), Some(_)) => {
            return Err(ApiError::invalid(
                "You may only specify one of these parameters: amount_off, percent_off.",
                "amount_off",
            ))
        }
        (None, None) => {
            return Err(ApiError::invalid(
                "You must specify either amount_off or percent_off.",
                "percent_off",
            ))
        }
        (Some(a), None) => {
            if a < 1 {
                return Err(ApiError::invalid(
                    "Invalid amount_off: must be a positive integer",
                    "amount_off",
                ));
            }
            let currency = p.req_str("currency")?.to_lowercase();
            if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_alphabetic()) {
                return Err(ApiError::invalid(
                    format!("Invalid currency: {currency}"),
                    "currency",
                ));
            }
            obj["amount_off"] = json!(a);
            obj["currency"] = json!(currency);
        }
        (None, Some(pct)) => {
            if !(pct > 0.0 && pct <= 100.0) {
                return Err(ApiError::invalid(
                    "Invalid percent_off: must be greater than 0 and at most 100",
                    "percent_off",
                ));
            }
            if p.has("currency") {
                return Err(ApiError::invalid(
                    "currency can only be set together with amount_off.",
                    "currency",
                ));
            }
            obj["percent_off"] = json_number(pct);
        }
    }
    let duration = p.str("duration")?.unwrap_or_else(|| "once".into());
    if !["forever", "once", "repeating"].contains(&duration.as_str()) {
        return Err(ApiError::invalid(
            "Invalid duration: must be one of forever, once, or repeating",
            "duration",
        ));
    }
    obj["duration"] = json!(duration);
    let months = positive(p, "duration_in_months")?;
    match (duration.as_str(), months) {
        ("repeating", None) => return Err(ApiError::missing("duration_in_months")),
        ("repeating", Some(m)) => obj["duration_in_months"] = json!(m),
        (_, Some(_)) => {
            return Err(ApiError::invalid(
                "duration_in_months can only be set when duration is repeating.",
                "duration_in_months",
            ))
        }
        _ => {}
    }
    if let Some(m) = positive(p, "max_redemptions")? {
        obj["max_redemptions"] = json!(m);
    }
    if let Some(r) = p.int("redeem_by")? {
        if r <= now {
            return Err(ApiError::invalid(
                "Invalid redeem_by: must be in the future",
                "redeem_by",
            ));
        }
        obj["redeem_by"] = json!(r);
    }
    if let Some(n) = p.nullable_str("name")? {
        if n.as_str().is_some_and(|s| s.chars().count() > 40) {
            return Err(ApiError::invalid(
                "Invalid name: must be at most 40 characters",
                "name",
            ));
        }
        obj["name"] = n;
    }
    if let Some(m) = p.metadata(None)? {
        obj["metadata"] = m;
    }
    if let Some(at) = p.obj("applies_to")? {
        at.allow(&["products"])?;
        let products = at.strings("products")?.unwrap_or_default();
        for (i, prod) in products.iter().enumerate() {
            cx.acct
                .find_param("product", prod, &format!("applies_to[products][{i}]"))?;
        }
        obj["applies_to"] = json!({ "products": products });
    }
    cx.acct.insert("coupon", obj.clone());
    emit(cx, "coupon.created", &obj, None);
    Ok(obj)
}

pub fn retrieve_coupon(acct: &Account, id: &str) -> ApiResult<Value> {
    acct.find("coupon", id).map(|c| served(acct, c))
}

pub fn update_coupon(cx: &mut Ctx<'_>, id: &str, p: &Params) -> ApiResult<Value> {
    p.allow(&["name", "metadata"])?;
    let old = served(cx.acct, cx.acct.find("coupon", id)?);
    let mut obj = old.clone();
    if let Some(n) = p.nullable_str("name")? {
        obj["name"] = n;
    }
    if let Some(m) = p.metadata(obj.get("metadata"))? {
        obj["metadata"] = m;
    }
    cx.acct.put("coupon", obj.clone());
    emit_update(cx, "coupon.updated", &old, &obj, false);
    Ok(obj)
}

/// Deleting a coupon stops new redemptions; discounts already made from it keep applying.
pub fn delete_coupon(cx: &mut Ctx<'_>, id: &str) -> ApiResult<Value> {
    let obj = served(cx.acct, cx.acct.find("coupon", id)?);
    cx.acct.remove(id);
    cx.acct.insert("deleted_coupon", obj.clone());
    for promo in cx.acct.all("promotion_code") {
        if promo["promotion"]["coupon"] == id && promo["active"] == true {
            let mut new = promo.clone();
            new["active"] = json!(false);
            cx.acct.put("promotion_code", new.clone());
            emit_update(cx, "promotion_code.updated", &promo, &new, false);
        }
    }
    emit(cx, "coupon.deleted", &obj, None);
    Ok(json!({"id": id, "object": "coupon", "deleted": true}))
}

pub fn list_coupons(acct: &Account, p: &Params) -> ApiResult<Value> {
    let created = range_filter(p, "created")?;
    let items = acct
        .all("coupon")
        .into_iter()
        .filter(|c| created(c))
        .map(|c| served(acct, c))
        .collect();
    paginate(items, "/v1/coupons", p)
}

fn promotion_code_object(id: &str, code: &str, coupon: &str, created: i64) -> Value {
    json!({
        "id": id,
        "object": "promotion_code",
        "active": true,
        "code": code,
        "created": created,
        "customer": null,
        "customer_account": null,
        "expires_at": null,
        "livemode": false,
        "max_redemptions": null,
        "metadata": {},
        "promotion": {"coupon": coupon, "type": "coupon"},
        "restrictions": {
            "first_time_transaction": false,
            "minimum_amount": null,
            "minimum_amount_currency": null,
        },
        "times_redeemed": 0,
    })
}

fn check_code(acct: &Account, code: &str) -> ApiResult<()> {
    if code.is_empty()
        || code.len() > 500
        || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return Err(ApiError::invalid(
            format!("Invalid code: {code}. Codes may contain only letters, digits and dashes."),
            "code",
        ));
    }
    let taken = acct.all("promotion_code").iter().any(|pc| {
        pc["active"] == true
            && pc["code"]
                .as_str()
                .is_some_and(|c| c.eq_ignore_ascii_case(code))
    });
    if taken {
        return Err(ApiError::invalid(
            format!("An active promotion code with the code {code} already exists."),
            "code",
        ));
    }
    Ok(())
}

pub fn create_promotion_code(cx: &mut Ctx<'_>, p: &Params) -> ApiResult<Value> {
    p.allow(&[
        "promotion",
        "code",
        "active",
        "customer",
        "expires_at",
        "max_redemptions",
        "metadata",
        "restrictions",
    ])?;
    let promotion = p
        .obj("promotion")?
        .ok_or_else(|| ApiError::missing("promotion"))?;
    promotion.allow(&["type", "coupon"])?;
    let ty = promotion.req_str("type")?;
    if ty != "coupon" {
        return Err(ApiError::invalid(
            "Invalid promotion[type]: must be one of coupon",
            "promotion[type]",
        ));
    }
    let coupon_id = promotion.req_str("coupon")?;
    let coupon = cx
        .acct
        .find_param("coupon", &coupon_id, "promotion[coupon]")?;
    let now = cx.acct.now();
    let code = match p.str("code")? {
        Some(c) if !c.is_empty() => c,
        _ => random_alnum(8).to_uppercase(),
    };
    let active = p.bool("active")?.unwrap_or(true);
    if active {
        check_code(cx.acct, &code)?;
    }
    let mut obj = promotion_code_object(&new_id("promo"), &code, &coupon_id, now);
    obj["active"] = json!(active && coupon_valid(&coupon, now));
    if let Some(c) = p.str("customer")? {
        cx.acct.find_param("customer", &c, "customer")?;
        obj["customer"] = json!(c);
    }
    if let Some(e) = p.int("expires_at")? {
        if e <= now {
            return Err(ApiError::invalid(
                "Invalid expires_at: must be in the future",
                "expires_at",
            ));
        }
        if coupon["redeem_by"].as_i64().is_some_and(|r| e > r) {
            return Err(ApiError::invalid(
                "The promotion code cannot expire after its coupon's redeem_by date.",
                "expires_at",
            ));
        }
        obj["expires_at"] = json!(e);
    }
    if let Some(m) = positive(p, "max_redemptions")? {
        if coupon["max_redemptions"].as_i64().is_some_and(|cm| m > cm) {
            return Err(ApiError::invalid(
                "The promotion code's max_redemptions cannot be greater than its coupon's.",
                "max_redemptions",
            ));
        }
        obj["max_redemptions"] = json!(m);
    }
    if let Some(m) = p.metadata(None)? {
        obj["metadata"] = m;
    }
    if let Some(r) = p.obj("restrictions")? {
        r.allow(&[
            "first_time_transaction",
            "minimum_amount",
            "minimum_amount_currency",
        ])?;
        if let Some(f) = r.bool("first_time_transaction")? {
            obj["restrictions"]["first_time_transaction"] = json!(f);
        }
        if let Some(m) = r.int("minimum_amount")? {
            let cur = r.req_str("minimum_amount_currency")?.to_lowercase();
            obj["restrictions"]["minimum_amount"] = json!(m);
            obj["restrictions"]["minimum_amount_currency"] = json!(cur);
        }
    }
    cx.acct.insert("promotion_code", obj.clone());
    emit(cx, "promotion_code.created", &obj, None);
    Ok(obj)
}

pub fn retrieve_promotion_code(acct: &Account, id: &str) -> ApiResult<Value> {
    acct.find("promotion_code", id)
}

pub fn update_promotion_code(cx: &mut Ctx<'_>, id: &str, p: &Params) -> ApiResult<Value> {
    p.allow(&["active", "metadata"])?;
    let old = cx.acct.find("promotion_code", id)?;
    let mut obj = old.clone();
    if let Some(a) = p.bool("active")? {
        if a && old["active"] == false {
            let coupon = old["promotion"]["coupon"].as_str().unwrap_or_default();
            if cx
                .acct
                .get("coupon", coupon)
                .is_none_or(|c| !coupon_valid(c, cx.acct.now()))
            {
                return Err(ApiError::invalid(
                    "This promotion code's coupon is no longer valid, so it cannot be reactivated.",
                    "active",
                ));
            }
            check_code(cx.acct, old["code"].as_str().unwrap_or_default())?;
        }
        obj["active"] = json!(a);
    }
    if let Some(m) = p.metadata(obj.get("metadata"))? {
        obj["metadata"] = m;
    }
    cx.acct.put("promotion_code", obj.clone());
    emit_update(cx, "promotion_code.updated", &old, &obj, false);
    Ok(obj)
}

pub fn list_promotion_codes(acct: &Account, p: &Params) -> ApiResult<Value> {
    let code = p.str("code")?;
    let active = p.bool("active")?;
    let coupon = p.str("coupon")?;
    let customer = p.str("customer")?;
    let created = range_filter(p, "created")?;
    let items = acct
        .all("promotion_code")
        .into_iter()
        .filter(|pc| {
            code.as_deref().is_none_or(|c| {
                pc["code"]
                    .as_str()
                    .is_some_and(|x| x.eq_ignore_ascii_case(c))
            }) && active.is_none_or(|a| pc["active"] == a)
                && coupon
                    .as_deref()
                    .is_none_or(|c| pc["promotion"]["coupon"] == c)
                && customer.as_deref().is_none_or(|c| pc["customer"] == c)
                && created(pc)
        })
        .collect();
    paginate(items, "/v1/promotion_codes", p)
}
