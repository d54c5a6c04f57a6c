//! Billing meters (`/v1/billing/meters`), meter events (`/v1/billing/meter_events`), event
//! summaries, and the usage a metered price (`recurring[meter]`) bills for a period.

use serde_json::{json, Value};

use crate::error::{ApiError, ApiResult};
use crate::events::{emit, emit_update};
use crate::form::Params;
use crate::state::{new_id, paginate, Account, Ctx};

/// Internal kind of stored meter events (the API cannot read them back, only summarize them).
const EVENT_KIND: &str = "billing.meter_event";

fn meter_object(id: &str, created: i64) -> Value {
    json!({
        "id": id,
        "object": "billing.meter",
        "created": created,
        "customer_mapping": {"event_payload_key": "stripe_customer_id", "type": "by_id"},
        "default_aggregation": {"formula": "sum"},
        "display_name": "",
        "event_name": "",
        "event_time_window": null,
        "livemode": false,
        "status": "active",
        "status_transitions": {"deactivated_at": null},
        "updated": created,
        "value_settings": {"event_payload_key": "value"},
    })
}

fn bounded(p: &Params, key: &str, max: usize) -> ApiResult<String> {
    let s = p.req_str(key)?;
    if s.chars().count() > max {
        return Err(ApiError::invalid(
            format!("Invalid {key}: must be at most {max} characters"),
            &p.name(key),
        ));
    }
    Ok(s)
}

fn active_meter_for<'a>(acct: &'a Account, event_name: &str) -> Option<&'a Value> {
    acct.all("billing.meter")
        .into_iter()
        .find(|m| m["event_name"] == event_name && m["status"] == "active")
        .and_then(|m| acct.get("billing.meter", m["id"].as_str().unwrap_or_default()))
}

pub fn create(cx: &mut Ctx<'_>, p: &Params) -> ApiResult<Value> {
    p.allow(&[
        "display_name",
        "event_name",
        "default_aggregation",
        "customer_mapping",
        "value_settings",
        "event_time_window",
    ])?;
    let display_name = bounded(p, "display_name", 250)?;
    let event_name = bounded(p, "event_name", 100)?;
    let agg = p
        .obj("default_aggregation")?
        .ok_or_else(|| ApiError::missing("default_aggregation"))?;
    agg.allow(&["formula"])?;
    let formula = agg.req_str("formula")?;
    if !["count", "last", "sum"].contains(&formula.as_str()) {
        return Err(ApiError::invalid(
            "Invalid default_aggregation[formula]: must be one of count, last, or sum",
            "default_aggregation[formula]",
        ));
    }
    if active_meter_for(cx.acct, &event_name).is_some() {
        return Err(ApiError::invalid(
            format!("An active meter with event_name `{event_name}` already exists."),
            "event_name",
        ));
    }
    let now = cx.acct.now();
    let mut obj = meter_object(&new_id("mtr_test"), now);
    obj["display_name"] = json!(display_name);
    obj["event_name"] = json!(event_name);
    obj["default_aggregation"]["formula"] = json!(formula);
    if let Some(cm) = p.obj("customer_mapping")? {
        cm.allow(&["event_payload_key", "type"])?;
        if cm.req_str("type")? != "by_id" {
            return Err(ApiError::invalid(
                "Invalid customer_mapping[type]: must be one of by_id",
                "customer_mapping[type]",
            ));
        }
        obj["customer_mapping"]["event_payload_key"] = json!(cm.req_str("event_payload_key")?);
    }
    if let Some(vs) = p.obj("value_settings")? {
        vs.allow(&["event_payload_key"])?;
        obj["value_settings"]["event_payload_key"] = json!(vs.req_str("event_payload_key")?);
    }
    if let Some(w) = p.str("event_time_window")? {
        if w != "day" && w != "hour" {
            return Err(ApiError::invalid(
                "Invalid event_time_window: must be one of day or hour",
                "event_time_window",
            ));
        }
        obj["event_time_window"] = json!(w);
    }
    cx.acct.insert("billing.meter", obj.clone());
    emit(cx, "billing.meter.created", &obj, None);
    Ok(obj)
}

pub fn retrieve(acct: &Account, id: &str) -> ApiResult<Value> {
    acct.find("billing.meter", id)
}

pub fn update(cx: &mut Ctx<'_>, id: &str, p: &Params) -> ApiResult<Value> {
    p.allow(&["display_name"])?;
    let old = cx.acct.find("billing.meter", id)?;
    let mut obj = old.clone();
    if p.has("display_name") {
        obj["display_name"] = json!(bounded(p, "display_name", 250)?);
        obj["updated"] = json!(cx.acct.now());
    }
    cx.acct.put("billing.meter", obj.clone());
    emit_update(cx, "billing.meter.updated", &old, &obj, false);
    Ok(obj)
}

pub fn list(acct: &Account, p: &Params) -> ApiResult<Value> {
    let status = p.str("status")?;
    if let Some(s) = &status {
        if s != "active" && s != "inactive" {
            return Err(ApiError::invalid(
                "Invalid status: must be one of active or inactive",
                "status",
            ));
        }
    }
    let items = acct
        .all("billing.meter")
        .into_iter()
        .filter(|m| status.as_deref().is_none_or(|s| m["status"] == s))
        .collect();
    paginate(items, "/v1/billing/meters", p)
}

/// `…/deactivate` (`active` false) and `…/reactivate` (`active` true).
pub fn set_active(cx: &mut Ctx<'_>, id: &str, p: &Params, active: bool) -> ApiResult<Value> {
    p.allow(&[])?;
    let old = cx.acct.find("billing.meter", id)?;
    let (from, to) = if active {
        ("inactive", "active")
    } else {
        ("active", "inactive")
    };
    if old["status"] != from {
        return Err(ApiError::bad_state(format!("This meter is already {to}.")));
    }
    if active {
        let name = old["event_name"].as_str().unwrap_or_default();
        if active_meter_for(cx.acct, name).is_some() {
            return Err(ApiError::bad_state(format!(
                "Another active meter already uses event_name `{name}`."
            )));
        }
    }
    let now = cx.acct.now();
    let mut obj = old.clone();
    obj["status"] = json!(to);
    obj["status_transitions"]["deactivated_at"] = if active { Value::Null } else { json!(now) };
    obj["updated"] = json!(now);
    cx.acct.put("billing.meter", obj.clone());
    let kind = if active {
        "billing.meter.reactivated"
    } else {
        "billing.meter.deactivated"
    };
    emit(cx, kind, &obj, None);
    Ok(obj)
}

/// `POST /v1/billing/meter_events`. Checked synchronously here (Stripe checks some of this
/// asynchronously): an active meter for `event_name`, the customer in the payload, an integer
/// value (unless the meter counts events), a timestamp within 35 days back and 5 minutes ahead
/// of the customer's clock, and an `identifier` not used before (400, as Stripe answers).
pub fn create_event(cx: &mut Ctx<'_>, p: &Params) -> ApiResult<Value> {
    p.allow(&["event_name", "payload", "timestamp", "identifier"])?;
    let event_name = bounded(p, "event_name", 100)?;
    let payload = p
        .obj("payload")?
        .ok_or_else(|| ApiError::missing("payload"))?;
    let meter = active_meter_for(cx.acct, &event_name)
        .cloned()
        .ok_or_else(|| {
            ApiError::invalid(
                format!("No active meter was found for event_name `{event_name}`."),
                "event_name",
            )
        })?;
    let customer_key = meter["customer_mapping"]["event_payload_key"]
        .as_str()
        .unwrap_or("stripe_customer_id");
    let customer = payload.req_str(customer_key)?;
    cx.acct
        .find_param("customer", &customer, &payload.name(customer_key))?;
    let value_key = meter["value_settings"]["event_payload_key"]
        .as_str()
        .unwrap_or("value");
    if meter["default_aggregation"]["formula"] != "count" {
        payload.req_str(value_key)?;
    }
    if payload.has(value_key) {
        let raw = payload.str(value_key)?.unwrap_or_default();
        if raw.trim().parse::<i64>().is_err() {
            return Err(ApiError::invalid(
                format!("Invalid integer: {raw}"),
                &payload.name(value_key),
            ));
        }
    }
    let mut fields = serde_json::Map::new();
    if let Value::Object(m) = payload.raw() {
        for (k, v) in m {
            let Some(s) = v.as_str() else {
                return Err(ApiError::invalid(
                    format!("Invalid string: {{...}} for {}", payload.name(k)),
                    &payload.name(k),
                ));
            };
            if s.chars().count() > 100 {
                return Err(ApiError::invalid(
                    format!(
                        "Invalid {}: must be at most 100 characters",
                        payload.name(k)
                    ),
                    &payload.name(k),
                ));
            }
            fields.insert(k.clone(), json!(s));
        }
    }
    let now = cx.acct.now_for_customer(Some(&customer));
    let timestamp = p.int("timestamp")?.unwrap_or(now);
    if timestamp < now - 35 * 86_400 || timestamp > now + 300 {
        return Err(ApiError::invalid(
            "Invalid timestamp: must be within the past 35 days or up to 5 minutes in the future.",
            "timestamp",
        ));
    }
    let identifier = match p.str("identifier")? {
        Some(i) if !i.is_empty() => {
            if i.chars().count() > 100 {
                return Err(ApiError::invalid(
                    "Invalid identifier: must be at most 100 characters",
                    "identifier",
                ));
            }
            i
        }
        _ => new_id("mev").replace("mev_", ""),
    };
    let key = format!("{EVENT_KIND}:{identifier}");
    if cx.acct.exists(&key) {
        let mut e = ApiError::invalid(
            format!("An event already exists with identifier {identifier}."),
            "identifier",
        );
        e.should_retry = Some(false);
        return Err(e);
    }
    let event = json!({
        "object": "billing.meter_event",
        "created": now,
        "event_name": event_name,
        "identifier": identifier,
        "livemode": false,
        "payload": Value::Object(fields),
        "timestamp": timestamp,
    });
    let mut stored = event.clone();
    stored["id"] = json!(key);
    stored["_customer"] = json!(customer);
    cx.acct.insert(EVENT_KIND, stored);
    Ok(event)
}

/// Aggregated value of a meter's events for a customer in `[start, end)` by its formula.
pub fn aggregate(acct: &Account, meter: &Value, customer: &str, start: i64, end: i64) -> i64 {
    let value_key = meter["value_settings"]["event_payload_key"]
        .as_str()
        .unwrap_or("value");
    let mut events: Vec<Value> = acct
        .all(EVENT_KIND)
        .into_iter()
        .filter(|e| {
            e["event_name"] == meter["event_name"]
                && e["_customer"] == customer
                && e["timestamp"]
                    .as_i64()
                    .is_some_and(|t| start <= t && t < end)
        })
        .collect();
    // `all` is newest first; time order (then creation order) decides `last`.
    events.reverse();
    events.sort_by_key(|e| e["timestamp"].as_i64().unwrap_or(0));
    let value = |e: &Value| -> i64 {
        e["payload"][value_key]
            .as_str()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(0)
    };
    match meter["default_aggregation"]["formula"].as_str() {
        Some("count") => events.len() as i64,
        Some("last") => events.last().map(value).unwrap_or(0),
        _ => events.iter().map(value).sum(),
    }
}

/// The usage a metered price bills for a customer's period (0 without a meter).
pub fn usage(acct: &Account, price: &Value, customer: &str, start: i64, end: i64) -> i64 {
    price["recurring"]["meter"]
        .as_str()
        .and_then(|m| acct.get("billing.meter", m))
        .map(|m| aggregate(acct, m, customer, start, end))
        .unwrap_or(0)
}

/// `GET /v1/billing/meters/:id/event_summaries`: one summary for the range, or one per hour or
/// day with `value_grouping_window`, newest first.
pub fn event_summaries(acct: &Account, id: &str, p: &Params) -> ApiResult<Value> {
    let meter = acct.find("billing.meter", id)?;
    let customer = p.req_str("customer")?;
    acct.find_param("customer", &customer, "customer")?;
    let start = p
        .int("start_time")?
        .ok_or_else(|| ApiError::missing("start_time"))?;
    let end = p
        .int("end_time")?
        .ok_or_else(|| ApiError::missing("end_time"))?;
    let window = match p.str("value_grouping_window")?.as_deref() {
        None | Some("") => None,
        Some("hour") => Some(3_600),
        Some("day") => Some(86_400),
        Some(w) => {
            return Err(ApiError::invalid(
                format!("Invalid value_grouping_window: {w}; must be one of day or hour"),
                "value_grouping_window",
            ))
        }
    };
    let align = window.unwrap_or(60);
    for (key, t) in [("start_time", start), ("end_time", end)] {
        if t.rem_euclid(align) != 0 {
            let unit = match align {
                60 => "minute",
                3_600 => "hour",
                _ => "day (00:00 UTC)",
            };
            return Err(ApiError::invalid(
                format!("{key} must be aligned with {unit} boundaries."),
                key,
            ));
        }
    }
    if end <= start {
        return Err(ApiError::invalid(
            "end_time must be after start_time.",
            "end_time",
        ));
    }
    let step = window.unwrap_or(end - start);
    let mut summaries = Vec::new();
    let mut t = start;
    while t < end && summaries.len() < 10_000 {
        let to = (t + step).min(end);
        summaries.push(json!({
            "id": format!("mtrusg_test_{}_{t}_{to}", id.trim_start_matches("mtr_test_")),
            "object": "billing.meter_event_summary",
            "aggregated_value": aggregate(acct, &meter, &customer, t, to),
            "end_time": to,
            "livemode": false,
            "meter": id,
            "start_time": t,
        }));
        t = to;
    }
    summaries.reverse();
    paginate(
        summaries,
        &format!("/v1/billing/meters/{id}/event_summaries"),
        p,
    )
}
