//! Subscription items: parsing `items[...]` into a plan, checking it, and applying it to a
//! subscription (shared by create, update, previews and schedules).

use serde_json::{json, Value};

use super::billing::{self, ItemPlan};
use super::discounts::{self, DiscountReq, Owner, Redeemer};
use super::subscriptions::period;
use super::tax;
use crate::error::{ApiError, ApiResult};
use crate::form::Params;
use crate::state::{new_id, Ctx};

pub(super) fn item_object(
    id: &str,
    sub_id: &str,
    plan: &ItemPlan,
    created: i64,
    period: (i64, i64),
) -> Value {
    let mut v = json!({
        "id": id,
        "object": "subscription_item",
        "billing_thresholds": null,
        "created": created,
        "current_period_end": period.1,
        "current_period_start": period.0,
        "discounts": [],
        "metadata": plan.metadata,
        "price": plan.price,
        "quantity": plan.quantity,
        "subscription": sub_id,
        "tax_rates": plan.tax_rates.clone().unwrap_or_default(),
    });
    if billing::is_metered(&plan.price) {
        if let Some(m) = v.as_object_mut() {
            m.remove("quantity");
        }
    }
    v
}

/// Resolves `price` / `price_data` of one item param into a price object.
fn resolve_price(cx: &mut Ctx<'_>, ip: &Params) -> ApiResult<Value> {
    if let Some(pid) = ip.str("price")? {
        let price = cx.acct.find_param("price", &pid, &ip.name("price"))?;
        if price["recurring"].is_null() {
            return Err(ApiError::invalid(
                format!("The price specified ({pid}) is a one-time price. Only recurring prices are allowed on subscriptions."),
                &ip.name("price"),
            ));
        }
        if price["active"] == false {
            return Err(ApiError::invalid(
                format!("The price specified ({pid}) is inactive. This field only accepts active prices."),
                &ip.name("price"),
            ));
        }
        return Ok(price);
    }
    if let Some(pd) = ip.obj("price_data")? {
        let product = pd.req_str("product")?;
        cx.acct
            .find_param("product", &product, &pd.name("product"))?;
        let price = super::catalog::build_price(cx.acct, &pd, &product)?;
        if price["recurring"].is_null() {
            return Err(ApiError::missing(&pd.name("recurring")));
        }
        cx.acct.insert("price", price.clone());
        return Ok(price);
    }
    Err(ApiError::missing(&ip.name("price")))
}

fn quantity(ip: &Params, default: i64) -> ApiResult<i64> {
    let q = ip.int("quantity")?.unwrap_or(default);
    if q < 0 {
        return Err(ApiError::invalid(
            "Invalid non-negative integer",
            &ip.name("quantity"),
        ));
    }
    Ok(q)
}

/// `tax_rates` and `discounts` of one `items[i]` hash (None where absent).
type ItemMoney = (Option<Vec<Value>>, Option<Vec<DiscountReq>>);

fn item_money(
    cx: &Ctx<'_>,
    ip: &Params,
    customer: &str,
    price: &Value,
    at: i64,
) -> ApiResult<ItemMoney> {
    let rates = tax::parse_rates(cx.acct, ip, "tax_rates")?;
    let r = Redeemer {
        customer,
        currency: price["currency"].as_str(),
        at,
    };
    Ok((rates, discounts::parse(cx.acct, ip, "discounts", &r)?))
}

/// Builds the item plan for `items[...]` on create.
pub(super) fn plan_for_create(
    cx: &mut Ctx<'_>,
    list: Vec<Params>,
    customer: &str,
    at: i64,
) -> ApiResult<Vec<ItemPlan>> {
    let mut plan = Vec::new();
    for ip in list {
        ip.allow(&[
            "price",
            "price_data",
            "quantity",
            "metadata",
            "tax_rates",
            "discounts",
            "billing_thresholds",
        ])?;
        let price = resolve_price(cx, &ip)?;
        let quantity = quantity(&ip, 1)?;
        let (tax_rates, discounts) = item_money(cx, &ip, customer, &price, at)?;
        plan.push(ItemPlan {
            id: None,
            price,
            quantity,
            metadata: ip.metadata(None)?.unwrap_or(json!({})),
            tax_rates,
            discounts,
        });
    }
    check_plan(&plan)?;
    Ok(plan)
}

fn check_plan(plan: &[ItemPlan]) -> ApiResult<()> {
    let Some(first) = plan.first() else {
        return Err(ApiError::missing("items"));
    };
    for (i, p) in plan.iter().enumerate() {
        if p.price["currency"] != first.price["currency"] {
            return Err(ApiError::invalid(
                "All prices on a subscription must have the same currency.",
                &format!("items[{i}][price]"),
            ));
        }
        if p.price["recurring"]["interval"] != first.price["recurring"]["interval"]
            || p.price["recurring"]["interval_count"] != first.price["recurring"]["interval_count"]
        {
            return Err(ApiError::invalid(
                "Currency and interval fields must match across all plans on this subscription.",
                &format!("items[{i}][price]"),
            ));
        }
        let dup = plan[..i].iter().any(|q| q.price["id"] == p.price["id"]);
        if dup {
            return Err(ApiError::invalid(
                "Cannot add multiple subscription items with the same price.",
                &format!("items[{i}][price]"),
            ));
        }
    }
    Ok(())
}

/// The item plan after `items[...]` on update (also used by invoice previews).
pub fn plan_for_update(
    cx: &mut Ctx<'_>,
    sub: &Value,
    list: Option<Vec<Params>>,
) -> ApiResult<Vec<ItemPlan>> {
    let empty = vec![];
    let current = sub["items"]["data"].as_array().unwrap_or(&empty);
    let customer = sub["customer"].as_str().unwrap_or_default().to_string();
    let at = cx.acct.now_for_customer(Some(&customer));
    let mut plan: Vec<ItemPlan> = current
        .iter()
        .map(|i| ItemPlan {
            id: i["id"].as_str().map(str::to_string),
            price: i["price"].clone(),
            quantity: i["quantity"].as_i64().unwrap_or(1),
            metadata: i["metadata"].clone(),
            tax_rates: None,
            discounts: None,
        })
        .collect();
    for ip in list.unwrap_or_default() {
        ip.allow(&[
            "id",
            "price",
            "price_data",
            "quantity",
            "deleted",
            "metadata",
            "clear_usage",
            "tax_rates",
            "discounts",
            "billing_thresholds",
        ])?;
        match ip.str("id")? {
            Some(si) => {
                let idx = plan
                    .iter()
                    .position(|p| p.id.as_deref() == Some(si.as_str()))
                    .ok_or_else(|| {
                        ApiError::no_such_param("subscription item", &si, &ip.name("id"))
                    })?;
                if ip.bool("deleted")? == Some(true) {
                    plan.remove(idx);
                    continue;
                }
                if ip.has("price") || ip.has("price_data") {
                    plan[idx].price = resolve_price(cx, &ip)?;
                }
                plan[idx].quantity = quantity(&ip, plan[idx].quantity)?;
                if let Some(m) = ip.metadata(Some(&plan[idx].metadata))? {
                    plan[idx].metadata = m;
                }
                let (rates, discounts) = item_money(cx, &ip, &customer, &plan[idx].price, at)?;
                if rates.is_some() {
                    plan[idx].tax_rates = rates;
                }
                if discounts.is_some() {
                    plan[idx].discounts = discounts;
                }
            }
            None => {
                let price = resolve_price(cx, &ip)?;
                let (tax_rates, discounts) = item_money(cx, &ip, &customer, &price, at)?;
                plan.push(ItemPlan {
                    id: None,
                    quantity: quantity(&ip, 1)?,
                    price,
                    metadata: ip.metadata(None)?.unwrap_or(json!({})),
                    tax_rates,
                    discounts,
                });
            }
        }
    }
    check_plan(&plan)?;
    Ok(plan)
}

/// Applies an item plan to the subscription object (keeping item ids and periods).
pub fn apply_plan(sub: &mut Value, plan: &[ItemPlan], created: i64) {
    let (ps, pe) = period(sub);
    let sub_id = sub["id"].as_str().unwrap_or_default().to_string();
    let empty = vec![];
    let current = sub["items"]["data"].as_array().unwrap_or(&empty).clone();
    let items: Vec<Value> = plan
        .iter()
        .map(|pl| {
            match pl
                .id
                .as_deref()
                .and_then(|id| current.iter().find(|i| i["id"] == id))
            {
                Some(existing) => {
                    let mut i = item_object(
                        existing["id"].as_str().unwrap_or_default(),
                        &sub_id,
                        pl,
                        existing["created"].as_i64().unwrap_or(created),
                        (ps, pe),
                    );
                    i["metadata"] = pl.metadata.clone();
                    i["discounts"] = existing["discounts"].clone();
                    if pl.tax_rates.is_none() {
                        i["tax_rates"] = existing["tax_rates"].clone();
                    }
                    i
                }
                None => item_object(&new_id("si"), &sub_id, pl, created, (ps, pe)),
            }
        })
        .collect();
    sub["items"]["data"] = json!(items);
}

pub(super) fn plan_changed(sub: &Value, plan: &[ItemPlan]) -> bool {
    let empty = vec![];
    let current = sub["items"]["data"].as_array().unwrap_or(&empty);
    current.len() != plan.len()
        || plan.iter().any(|pl| {
            pl.id.as_deref().is_none_or(|id| {
                current.iter().find(|i| i["id"] == id).is_none_or(|i| {
                    i["price"]["id"] != pl.price["id"]
                        || (!billing::is_metered(&pl.price)
                            && i["quantity"].as_i64().unwrap_or(1) != pl.quantity)
                })
            })
        })
}

/// Puts the plan's item `tax_rates` and `discounts` on `sub`'s items (plan and items in the
/// same order, as `apply_plan` leaves them). Returns the discounts made, stored unless `preview`.
pub fn apply_item_money(
    cx: &mut Ctx<'_>,
    sub: &mut Value,
    plan: &[ItemPlan],
    at: i64,
    preview: bool,
) -> Vec<Value> {
    let sub_id = sub["id"].as_str().unwrap_or_default().to_string();
    let customer = sub["customer"].as_str().unwrap_or_default().to_string();
    let mut made = Vec::new();
    let Some(items) = sub["items"]["data"].as_array_mut() else {
        return made;
    };
    for (pl, item) in plan.iter().zip(items.iter_mut()) {
        if let Some(rates) = &pl.tax_rates {
            item["tax_rates"] = json!(rates);
        }
        if let Some(reqs) = &pl.discounts {
            let si = item["id"].as_str().unwrap_or_default().to_string();
            let owner = Owner {
                customer: &customer,
                subscription: Some(&sub_id),
                subscription_item: Some(&si),
                ..Owner::default()
            };
            let ds = discounts::materialize(cx, reqs, &owner, at, preview);
            item["discounts"] = discounts::ids(&ds);
            made.extend(ds);
        }
    }
    made
}
