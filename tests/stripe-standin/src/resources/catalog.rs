//! Products and prices (one-time, recurring licensed and metered).

use serde_json::{json, Value};

use crate::error::{ApiError, ApiResult};
use crate::events::{emit, emit_update};
use crate::form::Params;
use crate::state::{chosen_or_new_id, new_id, paginate, Account, Ctx};

fn product_object(id: &str, name: &str, created: i64) -> Value {
    json!({
        "id": id,
        "object": "product",
        "active": true,
        "created": created,
        "default_price": null,
        "description": null,
        "images": [],
        "livemode": false,
        "marketing_features": [],
        "metadata": {},
        "name": name,
        "package_dimensions": null,
        "shippable": null,
        "statement_descriptor": null,
        "tax_code": null,
        "unit_label": null,
        "updated": created,
        "url": null,
    })
}

fn apply_product(obj: &mut Value, p: &Params) -> ApiResult<()> {
    if let Some(n) = p.str("name")? {
        if n.is_empty() {
            return Err(ApiError::invalid("The name cannot be empty.", "name"));
        }
        obj["name"] = json!(n);
    }
    for k in ["description", "statement_descriptor", "unit_label", "url"] {
        if let Some(v) = p.nullable_str(k)? {
            obj[k] = v;
        }
    }
    if let Some(a) = p.bool("active")? {
        obj["active"] = json!(a);
    }
    if let Some(m) = p.metadata(obj.get("metadata"))? {
        obj["metadata"] = m;
    }
    if let Some(imgs) = p.strings("images")? {
        obj["images"] = json!(imgs);
    }
    Ok(())
}

const PRODUCT_FIELDS: &[&str] = &[
    "name",
    "description",
    "active",
    "metadata",
    "statement_descriptor",
    "unit_label",
    "url",
    "images",
];

pub fn create_product(cx: &mut Ctx<'_>, p: &Params) -> ApiResult<Value> {
    let mut allowed = PRODUCT_FIELDS.to_vec();
    allowed.extend([
        "id",
        "default_price_data",
        "type",
        "tax_code",
        "marketing_features",
    ]);
    p.allow(&allowed)?;
    let name = p.req_str("name")?;
    let id = chosen_or_new_id(cx.acct, p, "prod")?;
    let mut obj = product_object(&id, &name, cx.acct.now());
    apply_product(&mut obj, p)?;
    cx.acct.insert("product", obj.clone());
    emit(cx, "product.created", &obj, None);
    if let Some(dp) = p.obj("default_price_data")? {
        let mut raw = dp.raw().clone();
        raw["product"] = json!(id);
        let price = create_price(cx, &Params::from_value(raw, "default_price_data"))?;
        obj["default_price"] = price["id"].clone();
        cx.acct.put("product", obj.clone());
    }
    Ok(obj)
}

pub fn update_product(cx: &mut Ctx<'_>, id: &str, p: &Params) -> ApiResult<Value> {
    let mut allowed = PRODUCT_FIELDS.to_vec();
    allowed.push("default_price");
    p.allow(&allowed)?;
    let old = cx.acct.find("product", id)?;
    let mut obj = old.clone();
    apply_product(&mut obj, p)?;
    if let Some(dp) = p.nullable_str("default_price")? {
        if let Some(pid) = dp.as_str() {
            cx.acct.find_param("price", pid, "default_price")?;
        }
        obj["default_price"] = dp;
    }
    obj["updated"] = json!(cx.acct.now());
    cx.acct.put("product", obj.clone());
    emit_update(cx, "product.updated", &old, &obj, false);
    Ok(obj)
}

pub fn delete_product(cx: &mut Ctx<'_>, id: &str) -> ApiResult<Value> {
    let obj = cx.acct.find("product", id)?;
    if cx.acct.all("price").iter().any(|pr| pr["product"] == id) {
        return Err(ApiError::bad_state(
            "This product cannot be deleted because it has one or more user-created prices.",
        ));
    }
    cx.acct.remove(id);
    emit(cx, "product.deleted", &obj, None);
    Ok(json!({"id": id, "object": "product", "deleted": true}))
}

pub fn list_products(acct: &Account, p: &Params) -> ApiResult<Value> {
    let active = p.bool("active")?;
    let ids = p.strings("ids")?;
    let items = acct
        .all("product")
        .into_iter()
        .filter(|pr| {
            active.is_none_or(|a| pr["active"] == a)
                && ids
                    .as_ref()
                    .is_none_or(|ids| ids.iter().any(|i| pr["id"] == i.as_str()))
        })
        .collect();
    paginate(items, "/v1/products", p)
}

fn price_object(
    id: &str,
    product: &str,
    currency: &str,
    unit_amount: Option<i64>,
    recurring: Value,
    created: i64,
) -> Value {
    json!({
        "id": id,
        "object": "price",
        "active": true,
        "billing_scheme": "per_unit",
        "created": created,
        "currency": currency,
        "custom_unit_amount": null,
        "livemode": false,
        "lookup_key": null,
        "metadata": {},
        "nickname": null,
        "product": product,
        "recurring": recurring,
        "tax_behavior": "unspecified",
        "tiers_mode": null,
        "transform_quantity": null,
        "type": if recurring.is_null() { "one_time" } else { "recurring" },
        "unit_amount": unit_amount,
        "unit_amount_decimal": unit_amount.map(|a| a.to_string()),
    })
}

/// Parses `recurring[...]`.
fn recurring(p: &Params) -> ApiResult<Value> {
    p.allow(&[
        "interval",
        "interval_count",
        "usage_type",
        "meter",
        "aggregate_usage",
        "trial_period_days",
    ])?;
    let interval = p.req_str("interval")?;
    if !["day", "week", "month", "year"].contains(&interval.as_str()) {
        return Err(ApiError::invalid(
            "Invalid recurring[interval]: must be one of day, month, week, or year".to_string(),
            &p.name("interval"),
        ));
    }
    let count = p.int("interval_count")?.unwrap_or(1);
    if count < 1 {
        return Err(ApiError::invalid(
            "Invalid interval_count",
            &p.name("interval_count"),
        ));
    }
    let usage = p.str("usage_type")?.unwrap_or_else(|| "licensed".into());
    if !["licensed", "metered"].contains(&usage.as_str()) {
        return Err(ApiError::invalid(
            format!("Invalid usage_type: {usage}"),
            &p.name("usage_type"),
        ));
    }
    Ok(json!({
        "interval": interval,
        "interval_count": count,
        "meter": p.str("meter")?,
        "usage_type": usage,
    }))
}

const PRICE_FIELDS: &[&str] = &["active", "metadata", "nickname", "lookup_key"];

fn apply_price(obj: &mut Value, p: &Params) -> ApiResult<()> {
    if let Some(a) = p.bool("active")? {
        obj["active"] = json!(a);
    }
    if let Some(m) = p.metadata(obj.get("metadata"))? {
        obj["metadata"] = m;
    }
    for k in ["nickname", "lookup_key"] {
        if let Some(v) = p.nullable_str(k)? {
            obj[k] = v;
        }
    }
    Ok(())
}

/// Builds (without storing) a price from `price_data`-style params, for inline prices too.
pub fn build_price(acct: &Account, p: &Params, product: &str) -> ApiResult<Value> {
    let currency = p.req_str("currency")?.to_lowercase();
    if currency.len() != 3 {
        return Err(ApiError::invalid(
            format!("Invalid currency: {currency}"),
            &p.name("currency"),
        ));
    }
    let unit_amount = match (p.int("unit_amount")?, p.str("unit_amount_decimal")?) {
        (Some(a), _) => Some(a),
        (None, Some(d)) => Some(d.parse::<f64>().map(|f| f.round() as i64).map_err(|_| {
            ApiError::invalid(
                format!("Invalid decimal: {d}"),
                &p.name("unit_amount_decimal"),
            )
        })?),
        (None, None) => None,
    };
    if unit_amount.is_some_and(|a| a < 0) {
        return Err(ApiError::invalid(
            "Invalid non-negative integer",
            &p.name("unit_amount"),
        ));
    }
    let recurring = match p.obj("recurring")? {
        Some(r) => recurring(&r)?,
        None => Value::Null,
    };
    if let Some(meter) = recurring["meter"].as_str() {
        let param = format!("{}[meter]", p.name("recurring"));
        acct.find_param("billing.meter", meter, &param)?;
        if recurring["usage_type"] != "metered" {
            return Err(ApiError::invalid(
                "A meter can only be set on a price with recurring[usage_type]=metered.",
                &param,
            ));
        }
    }
    if unit_amount.is_none() && p.str("custom_unit_amount")?.is_none() {
        return Err(ApiError::missing(&p.name("unit_amount")));
    }
    Ok(price_object(
        &new_id("price"),
        product,
        &currency,
        unit_amount,
        recurring,
        acct.now(),
    ))
}

pub fn create_price(cx: &mut Ctx<'_>, p: &Params) -> ApiResult<Value> {
    let mut allowed = PRICE_FIELDS.to_vec();
    allowed.extend([
        "id",
        "currency",
        "unit_amount",
        "unit_amount_decimal",
        "product",
        "product_data",
        "recurring",
        "billing_scheme",
        "tax_behavior",
        "transfer_lookup_key",
    ]);
    p.allow(&allowed)?;
    let product = match (p.str("product")?, p.obj("product_data")?) {
        (Some(prod), _) => {
            cx.acct.find_param("product", &prod, "product")?;
            prod
        }
        (None, Some(pd)) => {
            let prod = create_product(cx, &Params::from_value(pd.raw().clone(), "product_data"))?;
            prod["id"].as_str().unwrap_or_default().to_string()
        }
        (None, None) => return Err(ApiError::missing("product")),
    };
    let mut obj = build_price(cx.acct, p, &product)?;
    if p.has("id") {
        obj["id"] = json!(chosen_or_new_id(cx.acct, p, "price")?);
    }
    if let Some(tb) = p.str("tax_behavior")? {
        obj["tax_behavior"] = json!(tb);
    }
    apply_price(&mut obj, p)?;
    cx.acct.insert("price", obj.clone());
    emit(cx, "price.created", &obj, None);
    Ok(obj)
}

pub fn update_price(cx: &mut Ctx<'_>, id: &str, p: &Params) -> ApiResult<Value> {
    p.allow(PRICE_FIELDS)?;
    let old = cx.acct.find("price", id)?;
    let mut obj = old.clone();
    apply_price(&mut obj, p)?;
    cx.acct.put("price", obj.clone());
    emit_update(cx, "price.updated", &old, &obj, false);
    Ok(obj)
}

pub fn list_prices(acct: &Account, p: &Params) -> ApiResult<Value> {
    let product = p.str("product")?;
    let active = p.bool("active")?;
    let ty = p.str("type")?;
    let currency = p.str("currency")?;
    let lookup = p.strings("lookup_keys")?;
    let items = acct
        .all("price")
        .into_iter()
        .filter(|pr| {
            product.as_deref().is_none_or(|x| pr["product"] == x)
                && active.is_none_or(|a| pr["active"] == a)
                && ty.as_deref().is_none_or(|x| pr["type"] == x)
                && currency.as_deref().is_none_or(|x| pr["currency"] == x)
                && lookup
                    .as_ref()
                    .is_none_or(|ls| ls.iter().any(|l| pr["lookup_key"] == l.as_str()))
        })
        .collect();
    paginate(items, "/v1/prices", p)
}
