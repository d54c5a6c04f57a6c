//! Discounts: redeeming coupons and promotion codes (`discounts[...]` parameters) into
//! discount objects on customers, subscriptions, subscription items, invoices and invoice
//! items; which discounts an invoice inherits; discounts ending (`duration`) and removal.

use serde_json::{json, Value};

use super::billing::add_interval;
use super::coupons::{coupon_of, coupon_valid};
use crate::error::{ApiError, ApiResult};
use crate::events::{emit, emit_auto, emit_update};
use crate::form::Params;
use crate::state::{new_id, Account, Ctx};

/// One validated `discounts[]` entry.
#[derive(Debug, Clone)]
pub enum DiscountReq {
    /// Redeem a coupon, directly or through a promotion code.
    New {
        coupon: String,
        promotion_code: Option<String>,
    },
    /// Keep an existing discount (`discounts[][discount]=di_…`).
    Existing(String),
}

/// Who redeems, in which currency and when (coupon validity is judged at `at`).
pub struct Redeemer<'a> {
    pub customer: &'a str,
    pub currency: Option<&'a str>,
    pub at: i64,
}

/// What a new discount is attached to.
#[derive(Default, Clone, Copy)]
pub struct Owner<'a> {
    pub customer: &'a str,
    pub subscription: Option<&'a str>,
    pub subscription_item: Option<&'a str>,
    pub invoice: Option<&'a str>,
    pub invoice_item: Option<&'a str>,
}

fn check_coupon(coupon: &Value, r: &Redeemer<'_>, param: &str) -> ApiResult<()> {
    let id = coupon["id"].as_str().unwrap_or_default();
    if !coupon_valid(coupon, r.at) {
        return Err(ApiError::invalid(
            format!("Coupon {id} is no longer valid: it is past its redeem_by date or was redeemed max_redemptions times."),
            param,
        ));
    }
    if let (Some(cc), Some(cur)) = (coupon["currency"].as_str(), r.currency) {
        if cc != cur {
            return Err(ApiError::invalid(
                format!("The coupon {id} is in {cc}, which does not match the currency {cur}."),
                param,
            ));
        }
    }
    Ok(())
}

/// Validates one `discounts[i]` hash: exactly one of `coupon`, `promotion_code`, `discount`.
pub fn parse_entry(acct: &Account, e: &Params, r: &Redeemer<'_>) -> ApiResult<DiscountReq> {
    e.allow(&["coupon", "discount", "promotion_code"])?;
    let get = |k: &str| -> ApiResult<Option<String>> { Ok(e.str(k)?.filter(|s| !s.is_empty())) };
    let (coupon, discount, promo) = (get("coupon")?, get("discount")?, get("promotion_code")?);
    let given = [&coupon, &discount, &promo]
        .iter()
        .filter(|v| v.is_some())
        .count();
    if given == 0 {
        return Err(ApiError::missing(&e.name("coupon")));
    }
    if given > 1 {
        return Err(ApiError::invalid(
            "You may only specify one of these parameters: coupon, discount, promotion_code.",
            &e.name(if coupon.is_some() {
                "coupon"
            } else {
                "discount"
            }),
        ));
    }
    if let Some(c) = coupon {
        let param = e.name("coupon");
        let obj = acct.find_param("coupon", &c, &param)?;
        check_coupon(&obj, r, &param)?;
        return Ok(DiscountReq::New {
            coupon: c,
            promotion_code: None,
        });
    }
    if let Some(pc) = promo {
        let param = e.name("promotion_code");
        let obj = acct.find_param("promotion_code", &pc, &param)?;
        let inactive = obj["active"] != true
            || obj["expires_at"].as_i64().is_some_and(|x| r.at >= x)
            || obj["max_redemptions"]
                .as_i64()
                .is_some_and(|m| obj["times_redeemed"].as_i64().unwrap_or(0) >= m);
        if inactive {
            return Err(ApiError::invalid(
                format!("The promotion code {pc} is inactive, expired or used up."),
                &param,
            ));
        }
        if obj["customer"].as_str().is_some_and(|c| c != r.customer) {
            return Err(ApiError::invalid(
                format!("The promotion code {pc} cannot be redeemed by this customer."),
                &param,
            ));
        }
        let coupon_id = obj["promotion"]["coupon"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let coupon = acct.find_param("coupon", &coupon_id, &param)?;
        check_coupon(&coupon, r, &param)?;
        return Ok(DiscountReq::New {
            coupon: coupon_id,
            promotion_code: Some(pc),
        });
    }
    let id = discount.unwrap_or_default();
    let param = e.name("discount");
    let obj = acct.find_param("discount", &id, &param)?;
    if obj["customer"] != r.customer {
        return Err(ApiError::invalid(
            format!("The discount {id} belongs to another customer."),
            &param,
        ));
    }
    Ok(DiscountReq::Existing(id))
}

/// Parses `key` (a list of discount hashes, `""` = none); None when absent.
pub fn parse(
    acct: &Account,
    p: &Params,
    key: &str,
    r: &Redeemer<'_>,
) -> ApiResult<Option<Vec<DiscountReq>>> {
    let Some(list) = p.list(key)? else {
        return Ok(None);
    };
    list.iter()
        .map(|e| parse_entry(acct, e, r))
        .collect::<ApiResult<Vec<_>>>()
        .map(Some)
}

fn discount_object(coupon: &Value, promo: Option<&str>, owner: &Owner<'_>, start: i64) -> Value {
    let end = match (
        coupon["duration"].as_str(),
        coupon["duration_in_months"].as_i64(),
    ) {
        (Some("repeating"), Some(months)) => Some(add_interval(start, "month", 1, months)),
        _ => None,
    };
    json!({
        "id": new_id("di"),
        "object": "discount",
        "checkout_session": null,
        "customer": owner.customer,
        "customer_account": null,
        "end": end,
        "invoice": owner.invoice,
        "invoice_item": owner.invoice_item,
        "promotion_code": promo,
        "source": {"coupon": coupon["id"], "type": "coupon"},
        "start": start,
        "subscription": owner.subscription,
        "subscription_item": owner.subscription_item,
    })
}

/// Discount objects for `reqs`. Unless `preview`, new ones are stored, redemptions counted and
/// `customer.discount.created` recorded for customer and subscription discounts.
pub fn materialize(
    cx: &mut Ctx<'_>,
    reqs: &[DiscountReq],
    owner: &Owner<'_>,
    at: i64,
    preview: bool,
) -> Vec<Value> {
    let mut out = Vec::new();
    for req in reqs {
        match req {
            DiscountReq::Existing(id) => {
                if let Some(d) = cx.acct.get("discount", id) {
                    out.push(d.clone());
                }
            }
            DiscountReq::New {
                coupon,
                promotion_code,
            } => {
                let Some(c) = coupon_of(cx.acct, coupon).cloned() else {
                    continue;
                };
                let d = discount_object(&c, promotion_code.as_deref(), owner, at);
                if !preview {
                    cx.acct.insert("discount", d.clone());
                    if let Some(c) = cx.acct.get_mut("coupon", coupon) {
                        c["times_redeemed"] = json!(c["times_redeemed"].as_i64().unwrap_or(0) + 1);
                        let valid = coupon_valid(c, at);
                        c["valid"] = json!(valid);
                    }
                    if let Some(pc) = promotion_code
                        .as_deref()
                        .and_then(|pc| cx.acct.get_mut("promotion_code", pc))
                    {
                        pc["times_redeemed"] =
                            json!(pc["times_redeemed"].as_i64().unwrap_or(0) + 1);
                    }
                    if owner.invoice.is_none() && owner.invoice_item.is_none() {
                        emit(cx, "customer.discount.created", &d, None);
                    }
                }
                out.push(d);
            }
        }
    }
    out
}

/// The ids of discount objects, as stored on their owners.
pub fn ids(discounts: &[Value]) -> Value {
    Value::Array(discounts.iter().map(|d| d["id"].clone()).collect())
}

/// The id of a discount reference (an id, or an expanded object).
fn ref_id(v: &Value) -> Option<&str> {
    v.as_str().or_else(|| v["id"].as_str())
}

/// A discount by id: ephemeral ones of a preview (`extra`) first, then stored ones.
pub fn find<'a>(acct: &'a Account, extra: &'a [Value], id: &str) -> Option<&'a Value> {
    extra
        .iter()
        .find(|d| d["id"] == id)
        .or_else(|| acct.get("discount", id))
}

/// The discounts of `list` still in effect at `at` (not ended by their `duration`).
pub fn active_at(acct: &Account, list: &Value, at: i64, extra: &[Value]) -> Vec<Value> {
    list.as_array()
        .map(|a| {
            a.iter()
                .filter_map(ref_id)
                .filter(|id| {
                    find(acct, extra, id).is_some_and(|d| d["end"].as_i64().is_none_or(|e| at < e))
                })
                .map(|id| json!(id))
                .collect()
        })
        .unwrap_or_default()
}

/// What an invoice inherits at `at`: the subscription's discounts, else the customer's.
pub fn inherited(
    acct: &Account,
    sub: Option<&Value>,
    customer: &Value,
    at: i64,
    extra: &[Value],
) -> Vec<Value> {
    if let Some(s) = sub {
        let own = active_at(acct, &s["discounts"], at, extra);
        if !own.is_empty() {
            return own;
        }
    }
    let cd = &customer["discount"];
    match cd["id"].as_str() {
        Some(_) => active_at(acct, &json!([cd["id"]]), at, std::slice::from_ref(cd)),
        None => Vec::new(),
    }
}

/// Sets an invoice's discounts and drops line discounts that ended by `at`.
pub fn settle(acct: &Account, inv: &mut Value, discounts: Vec<Value>, at: i64, extra: &[Value]) {
    inv["discounts"] = Value::Array(discounts);
    if let Some(lines) = inv["lines"]["data"].as_array_mut() {
        for l in lines {
            let kept = active_at(acct, &l["discounts"], at, extra);
            l["discounts"] = Value::Array(kept);
        }
    }
}

/// Removes a discount from the subscriptions (and items) and the customer holding it.
pub fn detach(cx: &mut Ctx<'_>, id: &str, automatic: bool) -> ApiResult<()> {
    let Some(d) = cx.acct.get("discount", id).cloned() else {
        return Ok(());
    };
    let drop_id = |list: &mut Value| {
        if let Some(a) = list.as_array_mut() {
            a.retain(|x| ref_id(x) != Some(id));
        }
    };
    // Every subscription of the customer holding it (`discounts[][discount]` can share one).
    let customer = d["customer"].as_str().unwrap_or_default().to_string();
    for old in cx.acct.all("subscription") {
        if old["customer"] != customer.as_str() {
            continue;
        }
        let mut new = old.clone();
        drop_id(&mut new["discounts"]);
        if let Some(items) = new["items"]["data"].as_array_mut() {
            for i in items {
                drop_id(&mut i["discounts"]);
            }
        }
        if new != old {
            cx.acct.put("subscription", new.clone());
            emit_update(cx, "customer.subscription.updated", &old, &new, automatic);
        }
    }
    if let Some(old) = cx.acct.get("customer", &customer).cloned() {
        if old["discount"]["id"] == id {
            let mut new = old.clone();
            new["discount"] = Value::Null;
            cx.acct.put("customer", new.clone());
            emit_update(cx, "customer.updated", &old, &new, automatic);
        }
    }
    if automatic {
        emit_auto(cx, "customer.discount.deleted", &d, None);
    } else {
        emit(cx, "customer.discount.deleted", &d, None);
    }
    Ok(())
}

/// After an invoice is finalized: `once` discounts it used leave their customer or subscription.
pub fn consume_once(cx: &mut Ctx<'_>, inv: &Value, automatic: bool) -> ApiResult<()> {
    let used: Vec<String> = inv["total_discount_amounts"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|x| x["amount"].as_i64().unwrap_or(0) != 0)
                .filter_map(|x| ref_id(&x["discount"]).map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    for id in used {
        let Some(d) = cx.acct.get("discount", &id) else {
            continue;
        };
        let once = d["source"]["coupon"]
            .as_str()
            .and_then(|c| coupon_of(cx.acct, c))
            .is_some_and(|c| c["duration"] == "once");
        if once && d["invoice"].is_null() && d["invoice_item"].is_null() {
            detach(cx, &id, automatic)?;
        }
    }
    Ok(())
}

/// A discount as `DELETE …/discount` answers it (`deleted_discount` has no `end`).
fn deleted_shape(d: &Value) -> Value {
    let mut v = d.clone();
    if let Some(m) = v.as_object_mut() {
        m.remove("end");
        m.insert("deleted".into(), json!(true));
    }
    v
}

/// 404 for `DELETE …/discount` on something without one.
fn no_discount(kind: &str, id: &str) -> ApiError {
    ApiError::new(
        axum::http::StatusCode::NOT_FOUND,
        "invalid_request_error",
        format!("The {kind} {id} has no discount."),
    )
    .with_code("resource_missing")
}

/// `DELETE /v1/customers/:id/discount`.
pub fn delete_customer_discount(cx: &mut Ctx<'_>, customer: &str) -> ApiResult<Value> {
    let c = cx.acct.find("customer", customer)?;
    let Some(id) = c["discount"]["id"].as_str().map(str::to_string) else {
        return Err(no_discount("customer", customer));
    };
    let d = cx
        .acct
        .get("discount", &id)
        .cloned()
        .unwrap_or_else(|| c["discount"].clone());
    detach(cx, &id, false)?;
    Ok(deleted_shape(&d))
}

/// `DELETE /v1/subscriptions/:id/discount`: removes the subscription-level discounts.
pub fn delete_subscription_discount(cx: &mut Ctx<'_>, sub_id: &str) -> ApiResult<Value> {
    let sub = cx.acct.find("subscription", sub_id)?;
    let ids: Vec<String> = sub["discounts"]
        .as_array()
        .map(|a| a.iter().filter_map(ref_id).map(str::to_string).collect())
        .unwrap_or_default();
    let Some(first) = ids
        .first()
        .and_then(|id| cx.acct.get("discount", id))
        .cloned()
    else {
        return Err(no_discount("subscription", sub_id));
    };
    for id in &ids {
        detach(cx, id, false)?;
    }
    Ok(deleted_shape(&first))
}

/// Gives a customer a discount, as the Dashboard does (the API has no parameter for it in
/// this version): `{"coupon": …}` or `{"promotion_code": …}`. Replaces any current one.
pub fn set_customer_discount(cx: &mut Ctx<'_>, customer: &str, entry: &Params) -> ApiResult<Value> {
    let c = cx.acct.find("customer", customer)?;
    let now = cx.acct.now_for_customer(Some(customer));
    let req = {
        let r = Redeemer {
            customer,
            currency: c["currency"].as_str(),
            at: now,
        };
        parse_entry(cx.acct, entry, &r)?
    };
    if let Some(old) = c["discount"]["id"].as_str() {
        detach(cx, old, true)?;
    }
    let owner = Owner {
        customer,
        ..Owner::default()
    };
    let made = materialize(cx, &[req], &owner, now, false);
    let old = cx.acct.find("customer", customer)?;
    let mut new = old.clone();
    new["discount"] = made.first().cloned().unwrap_or(Value::Null);
    cx.acct.put("customer", new.clone());
    emit_update(cx, "customer.updated", &old, &new, true);
    Ok(new)
}

/// `(end, discount id)` of every ending discount held by a subscription or its items.
pub fn endings(acct: &Account, holder: &Value) -> Vec<(i64, String)> {
    let mut refs: Vec<&Value> = holder["discounts"]
        .as_array()
        .into_iter()
        .flatten()
        .collect();
    if let Some(items) = holder["items"]["data"].as_array() {
        refs.extend(
            items
                .iter()
                .flat_map(|i| i["discounts"].as_array().into_iter().flatten()),
        );
    }
    if holder["object"] == "customer" && holder["discount"].is_object() {
        refs.push(&holder["discount"]);
    }
    refs.into_iter()
        .filter_map(ref_id)
        .filter_map(|id| {
            let end = acct.get("discount", id)?["end"].as_i64()?;
            Some((end, id.to_string()))
        })
        .collect()
}
