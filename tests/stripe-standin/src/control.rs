//! Control endpoints under `/_standin/`: health, faults, time, redelivery, delivery log.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::faults::Fault;
use crate::resources::clocks::{self, Scope};
use crate::state::{lock, Account, Ctx, Shared, API_VERSION};
use crate::webhooks;

pub fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/_standin/health", get(health))
        .route(
            "/_standin/faults",
            post(add_fault).get(list_faults).delete(clear_faults),
        )
        .route("/_standin/accounts/{key}/advance", post(advance_account))
        .route("/_standin/accounts/{key}/time", get(account_time))
        .route(
            "/_standin/accounts/{key}/requests",
            get(account_requests).delete(clear_account_requests),
        )
        .route(
            "/_standin/accounts/{key}/gate",
            post(close_gate).get(gate_state).delete(open_gate),
        )
        .route("/_standin/accounts/{key}/gate/release", post(release_gate))
        .route(
            "/_standin/accounts/{key}/customers/{customer}/discount",
            post(set_customer_discount),
        )
        .route("/_standin/advance", post(advance_by_header))
        .route("/_standin/events/{id}/redeliver", post(redeliver))
        .route(
            "/_standin/deliveries",
            get(deliveries).delete(clear_deliveries),
        )
}

fn err(status: StatusCode, msg: &str) -> Response {
    (
        status,
        Json(json!({"error": {"type": "invalid_request_error", "message": msg}})),
    )
        .into_response()
}

async fn health() -> Json<Value> {
    Json(json!({"status": "ok", "api_version": API_VERSION}))
}

async fn add_fault(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let faults: Vec<Fault> = match serde_json::from_slice::<Value>(&body) {
        Ok(v @ Value::Array(_)) => match serde_json::from_value(v) {
            Ok(f) => f,
            Err(e) => return err(StatusCode::BAD_REQUEST, &format!("invalid fault: {e}")),
        },
        Ok(v) => match serde_json::from_value(v) {
            Ok(f) => vec![f],
            Err(e) => return err(StatusCode::BAD_REQUEST, &format!("invalid fault: {e}")),
        },
        Err(e) => return err(StatusCode::BAD_REQUEST, &format!("invalid JSON: {e}")),
    };
    let mut all = lock(&shared.faults);
    all.extend(faults);
    (StatusCode::OK, Json(json!({"faults": *all}))).into_response()
}

async fn list_faults(State(shared): State<Arc<Shared>>) -> Json<Value> {
    Json(json!({"faults": *lock(&shared.faults)}))
}

async fn clear_faults(State(shared): State<Arc<Shared>>) -> Json<Value> {
    lock(&shared.faults).clear();
    Json(json!({"faults": []}))
}

/// Reads `seconds` / `to` from a JSON or form body, or the query.
fn advance_target(now: i64, body: &Bytes, query: &HashMap<String, String>) -> Result<i64, String> {
    let mut fields: HashMap<String, i64> = HashMap::new();
    let text = String::from_utf8_lossy(body);
    if text.trim_start().starts_with('{') {
        let v: Value = serde_json::from_str(&text).map_err(|e| format!("invalid JSON: {e}"))?;
        for k in ["seconds", "to", "frozen_time"] {
            if let Some(n) = v.get(k).and_then(Value::as_i64) {
                fields.insert(k.into(), n);
            }
        }
    } else {
        for (k, v) in form_urlencoded::parse(text.as_bytes()).chain(
            query
                .iter()
                .map(|(k, v)| (k.as_str().into(), v.as_str().into())),
        ) {
            if let Ok(n) = v.parse::<i64>() {
                fields.insert(k.into_owned(), n);
            }
        }
    }
    match (
        fields.get("seconds"),
        fields.get("to").or(fields.get("frozen_time")),
    ) {
        (Some(s), _) => Ok(now + s),
        (None, Some(t)) => Ok(*t),
        (None, None) => Err("give `seconds` (relative) or `to` (unix time)".into()),
    }
}

fn do_advance(
    shared: &Arc<Shared>,
    key: &str,
    body: &Bytes,
    query: &HashMap<String, String>,
) -> Response {
    let mut accounts = shared.accounts();
    let acct = accounts
        .entry(key.to_string())
        .or_insert_with(|| Account::new(key));
    let target = match advance_target(acct.now(), body, query) {
        Ok(t) => t,
        Err(e) => return err(StatusCode::BAD_REQUEST, &e),
    };
    let mut cx = Ctx {
        acct,
        shared,
        request: json!({"id": null, "idempotency_key": null}),
    };
    match clocks::advance(&mut cx, &Scope::Account, target) {
        Ok(t) => Json(json!({"now": t, "offset": cx.acct.offset})).into_response(),
        Err(e) => (e.status, Json(e.body())).into_response(),
    }
}

async fn advance_account(
    State(shared): State<Arc<Shared>>,
    Path(key): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    body: Bytes,
) -> Response {
    do_advance(&shared, &key, &body, &q)
}

async fn advance_by_header(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
    body: Bytes,
) -> Response {
    let key = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_string);
    match key {
        Some(k) => do_advance(&shared, k.trim(), &body, &q),
        None => err(
            StatusCode::UNAUTHORIZED,
            "Authorization: Bearer sk_test_… names the account",
        ),
    }
}

/// Gives a customer a discount the way the Dashboard does (API `2026-08-26.dahlia` has no
/// parameter for it): `{"coupon": "…"}` or `{"promotion_code": "promo_…"}`, as JSON or a form.
async fn set_customer_discount(
    State(shared): State<Arc<Shared>>,
    Path((key, customer)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let text = String::from_utf8_lossy(&body);
    let parsed = if text.trim_start().starts_with('{') {
        serde_json::from_str::<Value>(&text).map_err(|e| format!("invalid JSON: {e}"))
    } else {
        crate::form::parse(&text).map_err(|e| e.message)
    };
    let entry = match parsed {
        Ok(v @ Value::Object(_)) => v,
        Ok(_) => return err(StatusCode::BAD_REQUEST, "expected an object"),
        Err(e) => return err(StatusCode::BAD_REQUEST, &e),
    };
    let mut accounts = shared.accounts();
    let acct = accounts
        .entry(key.clone())
        .or_insert_with(|| Account::new(&key));
    let mut cx = Ctx {
        acct,
        shared: &shared,
        request: json!({"id": null, "idempotency_key": null}),
    };
    let p = crate::form::Params::new(entry);
    match crate::resources::discounts::set_customer_discount(&mut cx, &customer, &p) {
        Ok(c) => Json(c).into_response(),
        Err(e) => (e.status, Json(e.body())).into_response(),
    }
}

async fn account_time(State(shared): State<Arc<Shared>>, Path(key): Path<String>) -> Json<Value> {
    let accounts = shared.accounts();
    let (now, offset) = accounts
        .get(&key)
        .map(|a| (a.now(), a.offset))
        .unwrap_or((crate::state::wall_now(), 0));
    Json(json!({"now": now, "offset": offset}))
}

/// The API requests made with `key`, oldest first (tests count what a page costs).
async fn account_requests(
    State(shared): State<Arc<Shared>>,
    Path(key): Path<String>,
) -> Json<Value> {
    let accounts = shared.accounts();
    let data: Vec<Value> = accounts
        .get(&key)
        .map(|a| {
            a.requests
                .iter()
                .map(|(method, path)| json!({"method": method, "path": path}))
                .collect()
        })
        .unwrap_or_default();
    Json(json!({"data": data}))
}

/// Holds the account's API requests until released, round by round.
async fn close_gate(State(shared): State<Arc<Shared>>, Path(key): Path<String>) -> Json<Value> {
    Json(crate::gate::close(&shared, &key))
}

/// The round being collected and the requests waiting in it.
async fn gate_state(State(shared): State<Arc<Shared>>, Path(key): Path<String>) -> Response {
    match crate::gate::state(&shared, &key) {
        Some(v) => Json(v).into_response(),
        None => err(StatusCode::NOT_FOUND, "no gate on this account"),
    }
}

/// Lets the waiting requests through; the next ones wait in a new round.
async fn release_gate(State(shared): State<Arc<Shared>>, Path(key): Path<String>) -> Response {
    match crate::gate::release(&shared, &key) {
        Some(v) => Json(v).into_response(),
        None => err(StatusCode::NOT_FOUND, "no gate on this account"),
    }
}

/// Stops holding the account's requests (every waiting one goes through).
async fn open_gate(State(shared): State<Arc<Shared>>, Path(key): Path<String>) -> Json<Value> {
    crate::gate::open(&shared, &key);
    Json(json!({"held": []}))
}

async fn clear_account_requests(
    State(shared): State<Arc<Shared>>,
    Path(key): Path<String>,
) -> Json<Value> {
    if let Some(a) = shared.accounts().get_mut(&key) {
        a.requests.clear();
    }
    Json(json!({"data": []}))
}

async fn redeliver(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let count = q
        .get("count")
        .and_then(|c| c.parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, 100);
    let accounts = shared.accounts();
    let Some(acct) = accounts.values().find(|a| a.get("event", &id).is_some()) else {
        return err(StatusCode::NOT_FOUND, &format!("No such event: '{id}'"));
    };
    match webhooks::redeliver(acct, &shared, &id, count) {
        Ok(n) => Json(json!({"event": id, "queued": n})).into_response(),
        Err(e) => (e.status, Json(e.body())).into_response(),
    }
}

async fn deliveries(
    State(shared): State<Arc<Shared>>,
    Query(q): Query<HashMap<String, String>>,
) -> Json<Value> {
    let all = lock(&shared.deliveries);
    let data: Vec<Value> = all
        .iter()
        .filter(|d| {
            ["event", "endpoint", "account"]
                .iter()
                .all(|k| q.get(*k).is_none_or(|want| d[*k] == want.as_str()))
        })
        .cloned()
        .collect();
    Json(json!({"data": data}))
}

async fn clear_deliveries(State(shared): State<Arc<Shared>>) -> Json<Value> {
    lock(&shared.deliveries).clear();
    Json(json!({"data": []}))
}
