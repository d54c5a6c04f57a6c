//! Events: recorded on every state change, listed at `/v1/events`, delivered to webhook endpoints.

use serde_json::{json, Value};

use crate::error::ApiResult;
use crate::form::Params;
use crate::state::{new_id, paginate, previous_attributes, Account, Ctx, API_VERSION};
use crate::webhooks;

/// The one place an event object is shaped.
fn event_object(
    acct: &Account,
    kind: &str,
    object: Value,
    prev: Option<Value>,
    request: Value,
    created: i64,
) -> Value {
    let mut data = json!({ "object": object });
    if let Some(p) = prev {
        data["previous_attributes"] = p;
    }
    json!({
        "id": new_id("evt"),
        "object": "event",
        "account": acct.id,
        "api_version": API_VERSION,
        "created": created,
        "data": data,
        "livemode": false,
        "pending_webhooks": 0,
        "request": request,
        "type": kind,
    })
}

/// Records an event (and queues its webhook deliveries) with the context's request.
pub fn emit(cx: &mut Ctx<'_>, kind: &str, object: &Value, prev: Option<Value>) {
    let request = cx.request.clone();
    emit_with(cx, kind, object, prev, request);
}

/// Records an event caused by time passing (`request.id` null).
pub fn emit_auto(cx: &mut Ctx<'_>, kind: &str, object: &Value, prev: Option<Value>) {
    let request = cx.automatic();
    emit_with(cx, kind, object, prev, request);
}

/// Records an `*.updated` event when something changed; `previous_attributes` holds the old values.
pub fn emit_update(cx: &mut Ctx<'_>, kind: &str, old: &Value, new: &Value, automatic: bool) {
    let prev = previous_attributes(old, new);
    if prev.as_object().is_some_and(|m| m.is_empty()) {
        return;
    }
    if automatic {
        emit_auto(cx, kind, new, Some(prev));
    } else {
        emit(cx, kind, new, Some(prev));
    }
}

fn emit_with(cx: &mut Ctx<'_>, kind: &str, object: &Value, prev: Option<Value>, request: Value) {
    let customer = object["customer"].as_str().or_else(|| {
        (object["object"] == "customer")
            .then(|| object["id"].as_str())
            .flatten()
    });
    let created = cx.acct.now_for_customer(customer);
    let mut event = event_object(cx.acct, kind, object.clone(), prev, request, created);
    event["pending_webhooks"] = json!(webhooks::matching_count(cx.acct, kind));
    webhooks::queue_deliveries(cx.acct, cx.shared, &event);
    cx.acct.insert("event", event);
}

pub fn list(acct: &Account, p: &Params) -> ApiResult<Value> {
    let ty = p.str("type")?;
    let types = p.strings("types")?;
    let created = crate::state::range_filter(p, "created")?;
    let items: Vec<Value> = acct
        .all("event")
        .into_iter()
        .filter(|e| {
            let t = e["type"].as_str().unwrap_or_default();
            ty.as_deref().is_none_or(|want| type_matches(want, t))
                && types
                    .as_ref()
                    .is_none_or(|ts| ts.iter().any(|want| type_matches(want, t)))
                && created(e)
        })
        .collect();
    paginate(items, "/v1/events", p)
}

/// Stripe allows `type=customer.*` wildcards.
fn type_matches(want: &str, t: &str) -> bool {
    match want.strip_suffix('*') {
        Some(prefix) => t.starts_with(prefix),
        None => want == t,
    }
}
