//! Tax rates (`/v1/tax_rates`) and the `tax_rates` / `default_tax_rates` parameters that
//! put them on subscriptions, subscription items, invoices and invoice items.

use serde_json::{json, Value};

use crate::error::{ApiError, ApiResult};
use crate::events::{emit, emit_update};
use crate::form::{json_number, Params};
use crate::state::{new_id, paginate, range_filter, Account, Ctx};

/// `tax_type` values the spec allows.
const TAX_TYPES: &[&str] = &[
    "amusement_tax",
    "communications_tax",
    "gst",
    "hst",
    "igst",
    "jct",
    "lease_tax",
    "mass_transit_parking_tax",
    "parking_tax",
    "pst",
    "qst",
    "retail_delivery_fee",
    "rst",
    "sales_tax",
    "service_tax",
    "vat",
];

/// The one place a tax rate is shaped. `rate_type` is left out: the spec says it is only
/// present on rates made by Stripe Tax; a manual rate's effective percentage is its percentage.
fn tax_rate_object(id: &str, display_name: &str, inclusive: bool, pct: f64, created: i64) -> Value {
    json!({
        "id": id,
        "object": "tax_rate",
        "active": true,
        "country": null,
        "created": created,
        "description": null,
        "display_name": display_name,
        "effective_percentage": json_number(pct),
        "flat_amount": null,
        "inclusive": inclusive,
        "jurisdiction": null,
        "jurisdiction_level": null,
        "livemode": false,
        "metadata": {},
        "percentage": json_number(pct),
        "state": null,
        "tax_type": null,
    })
}

fn max_len(p: &Params, key: &str, max: usize) -> ApiResult<Option<Value>> {
    let v = p.nullable_str(key)?;
    if let Some(s) = v.as_ref().and_then(Value::as_str) {
        if s.chars().count() > max {
            return Err(ApiError::invalid(
                format!("Invalid {key}: must be at most {max} characters"),
                &p.name(key),
            ));
        }
    }
    Ok(v)
}

/// The fields create and update share.
fn apply(obj: &mut Value, p: &Params) -> ApiResult<()> {
    if let Some(a) = p.bool("active")? {
        obj["active"] = json!(a);
    }
    for (key, max) in [
        ("country", 5000),
        ("description", 5000),
        ("jurisdiction", 50),
        ("state", 5000),
    ] {
        if let Some(v) = max_len(p, key, max)? {
            obj[key] = v;
        }
    }
    if let Some(name) = max_len(p, "display_name", 50)? {
        if name.is_null() {
            return Err(ApiError::invalid(
                "The display_name cannot be empty.",
                "display_name",
            ));
        }
        obj["display_name"] = name;
    }
    if let Some(t) = p.nullable_str("tax_type")? {
        if let Some(s) = t.as_str() {
            if !TAX_TYPES.contains(&s) {
                return Err(ApiError::invalid(
                    format!("Invalid tax_type: must be one of {}", TAX_TYPES.join(", ")),
                    "tax_type",
                ));
            }
        }
        obj["tax_type"] = t;
    }
    if let Some(m) = p.metadata(obj.get("metadata"))? {
        obj["metadata"] = m;
    }
    Ok(())
}

const EDITABLE: &[&str] = &[
    "active",
    "country",
    "description",
    "display_name",
    "jurisdiction",
    "metadata",
    "state",
    "tax_type",
];

pub fn create(cx: &mut Ctx<'_>, p: &Params) -> ApiResult<Value> {
    let mut allowed = EDITABLE.to_vec();
    allowed.extend(["inclusive", "percentage"]);
    p.allow(&allowed)?;
    let name = p.req_str("display_name")?;
    let inclusive = p
        .bool("inclusive")?
        .ok_or_else(|| ApiError::missing("inclusive"))?;
    let pct = p
        .number("percentage")?
        .ok_or_else(|| ApiError::missing("percentage"))?;
    if !(0.0..=100.0).contains(&pct) {
        return Err(ApiError::invalid(
            "Invalid percentage: must be between 0 and 100",
            "percentage",
        ));
    }
    let mut obj = tax_rate_object(&new_id("txr"), &name, inclusive, pct, cx.acct.now());
    apply(&mut obj, p)?;
    cx.acct.insert("tax_rate", obj.clone());
    emit(cx, "tax_rate.created", &obj, None);
    Ok(obj)
}

pub fn retrieve(acct: &Account, id: &str) -> ApiResult<Value> {
    acct.find("tax_rate", id)
}

pub fn update(cx: &mut Ctx<'_>, id: &str, p: &Params) -> ApiResult<Value> {
    p.allow(EDITABLE)?;
    let old = cx.acct.find("tax_rate", id)?;
    let mut obj = old.clone();
    apply(&mut obj, p)?;
    cx.acct.put("tax_rate", obj.clone());
    emit_update(cx, "tax_rate.updated", &old, &obj, false);
    Ok(obj)
}

pub fn list(acct: &Account, p: &Params) -> ApiResult<Value> {
    let active = p.bool("active")?;
    let inclusive = p.bool("inclusive")?;
    let created = range_filter(p, "created")?;
    let items = acct
        .all("tax_rate")
        .into_iter()
        .filter(|t| {
            active.is_none_or(|a| t["active"] == a)
                && inclusive.is_none_or(|i| t["inclusive"] == i)
                && created(t)
        })
        .collect();
    paginate(items, "/v1/tax_rates", p)
}

/// Parses a list of tax rate ids (`key=""` clears) into the tax rate objects Stripe embeds.
/// Inactive rates are refused, as Stripe refuses them for new uses.
pub fn parse_rates(acct: &Account, p: &Params, key: &str) -> ApiResult<Option<Vec<Value>>> {
    let Some(ids) = p.strings(key)? else {
        return Ok(None);
    };
    let mut out: Vec<Value> = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let param = format!("{}[{i}]", p.name(key));
        let rate = acct.find_param("tax_rate", id, &param)?;
        if rate["active"] == false {
            return Err(ApiError::invalid(
                format!("Tax rate {id} is inactive and cannot be used for new applications."),
                &param,
            ));
        }
        if out.iter().any(|r| r["id"] == rate["id"]) {
            return Err(ApiError::invalid(
                format!("The tax rate {id} was specified more than once."),
                &param,
            ));
        }
        out.push(rate);
    }
    Ok(Some(out))
}
