//! HTTP plumbing: the router, the `/v1` front door (faults, auth, params, idempotency,
//! expansion, headers) and the connection loop that can drop connections on demand.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Router};
use base64::Engine;
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify};

use crate::error::ApiError;
use crate::faults::{self, FaultKind};
use crate::form::{self, Params};
use crate::resources;
use crate::state::{new_id, Account, Ctx, IdemEntry, Shared, API_VERSION};

/// Per-connection handle letting a handler close its connection without answering.
#[derive(Clone, Default)]
pub struct ConnCtl {
    kill: Arc<Notify>,
}

impl ConnCtl {
    pub fn drop_connection(&self) {
        self.kill.notify_one();
    }
}

pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .merge(crate::control::routes())
        .merge(crate::pages::routes())
        .fallback(api)
        .with_state(shared)
}

/// Accepts connections until `stop` flips, serving each with `app`.
pub async fn serve(listener: TcpListener, app: Router, stop: watch::Receiver<bool>) {
    let mut stop_accept = stop.clone();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let ctl = ConnCtl::default();
                let svc = app.clone().layer(Extension(ctl.clone()));
                let mut stop_conn = stop.clone();
                tokio::spawn(async move {
                    let io = hyper_util::rt::TokioIo::new(stream);
                    let conn = hyper::server::conn::http1::Builder::new()
                        .serve_connection(io, hyper_util::service::TowerToHyperService::new(svc));
                    tokio::select! {
                        _ = conn => {}
                        _ = ctl.kill.notified() => {}
                        _ = stop_conn.changed() => {}
                    }
                });
            }
            _ = stop_accept.changed() => break,
        }
    }
}

fn json_response(status: StatusCode, body: &Value, version: &str, request_id: &str) -> Response {
    let text = serde_json::to_string_pretty(body).unwrap_or_else(|_| "{}".into());
    let mut res = (status, text).into_response();
    let h = res.headers_mut();
    h.insert("content-type", HeaderValue::from_static("application/json"));
    if let Ok(v) = HeaderValue::from_str(version) {
        h.insert("stripe-version", v);
    }
    if let Ok(v) = HeaderValue::from_str(request_id) {
        h.insert("request-id", v);
    }
    res
}

fn error_response(e: &ApiError, version: &str, request_id: &str) -> Response {
    let mut res = json_response(e.status, &e.body(), version, request_id);
    if let Some(retry) = e.should_retry {
        res.headers_mut().insert(
            "stripe-should-retry",
            HeaderValue::from_static(if retry { "true" } else { "false" }),
        );
    }
    res
}

/// The secret key from `Authorization: Bearer …` or Basic (key as user name).
fn api_key(headers: &HeaderMap) -> Result<String, ApiError> {
    let missing = || {
        ApiError::auth("You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.")
    };
    let raw = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(missing)?
        .trim();
    let key = if let Some(k) = raw
        .strip_prefix("Bearer ")
        .or_else(|| raw.strip_prefix("bearer "))
    {
        k.trim().to_string()
    } else if let Some(b) = raw
        .strip_prefix("Basic ")
        .or_else(|| raw.strip_prefix("basic "))
    {
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(b.trim())
            .map_err(|_| {
                ApiError::auth("Invalid API Key provided: (malformed Basic credentials)")
            })?;
        let s =
            String::from_utf8(decoded).map_err(|_| ApiError::auth("Invalid API Key provided"))?;
        s.split(':').next().unwrap_or_default().to_string()
    } else {
        return Err(missing());
    };
    if key.is_empty() {
        return Err(missing());
    }
    let valid = (key.starts_with("sk_test_") || key.starts_with("rk_test_"))
        && key.len() > 8
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if !valid {
        let tail: String = key
            .chars()
            .rev()
            .take(4)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let shown = if key.starts_with("sk_live_") {
            "sk_live_****".to_string()
        } else {
            format!("{}****{tail}", key.chars().take(8).collect::<String>())
        };
        return Err(ApiError::auth(format!("Invalid API Key provided: {shown}")));
    }
    Ok(key)
}

/// Canonical text of a request for idempotency comparison.
fn fingerprint(method: &Method, path: &str, params: &Value) -> String {
    format!("{method} {path} {params}")
}

async fn api(
    State(shared): State<Arc<Shared>>,
    conn: Option<Extension<ConnCtl>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let request_id = new_id("req");
    let version = headers
        .get("stripe-version")
        .and_then(|v| v.to_str().ok())
        .unwrap_or(API_VERSION)
        .to_string();
    let path = uri.path().to_string();

    if !path.starts_with("/_standin") {
        // A held account's request waits for its round before anything else happens.
        if let Ok(key) = api_key(&headers) {
            crate::gate::pass(&shared, &key, method.as_str(), &path).await;
        }
        if let Some(f) = faults::take(&shared, method.as_str(), &path) {
            match f.kind {
                FaultKind::Latency => {
                    tokio::time::sleep(Duration::from_millis(f.latency_ms.unwrap_or(1000))).await;
                }
                FaultKind::Status => {
                    let status = StatusCode::from_u16(f.status.unwrap_or(500))
                        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                    let mut e = if status == StatusCode::TOO_MANY_REQUESTS {
                        ApiError::new(status, "invalid_request_error", "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.")
                            .with_code("rate_limit")
                    } else if status.is_server_error() {
                        ApiError::new(status, "api_error", "An unknown error occurred")
                    } else {
                        ApiError::new(status, "invalid_request_error", "Injected fault")
                    };
                    e.should_retry = f.should_retry;
                    return error_response(&e, &version, &request_id);
                }
                FaultKind::Drop => {
                    if let Some(Extension(c)) = conn {
                        c.drop_connection();
                    }
                    // The connection task drops the socket; this future is never answered.
                    std::future::pending::<()>().await;
                }
                FaultKind::Malformed => {
                    let mut res = (
                        StatusCode::OK,
                        "{\"object\": \"list\", \"data\": [{\"id\": ",
                    )
                        .into_response();
                    res.headers_mut()
                        .insert("content-type", HeaderValue::from_static("application/json"));
                    return res;
                }
            }
        }
    }

    let Some(rest) = path.strip_prefix("/v1/") else {
        return error_response(
            &ApiError::unrecognized_url(method.as_str(), &path),
            &version,
            &request_id,
        );
    };
    let key = match api_key(&headers) {
        Ok(k) => k,
        Err(e) => return error_response(&e, &version, &request_id),
    };

    // Query string and body both carry params (bracket notation); the body wins.
    let mut params = match form::parse(uri.query().unwrap_or("")) {
        Ok(v) => v,
        Err(e) => return error_response(&e.into(), &version, &request_id),
    };
    let body_text = String::from_utf8_lossy(&body);
    if !body_text.trim().is_empty() {
        let is_json = headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|c| c.contains("json"));
        if is_json {
            let e = ApiError::bad_state("Invalid request: the Stripe API takes form-encoded bodies (application/x-www-form-urlencoded), not JSON.");
            return error_response(&e, &version, &request_id);
        }
        match form::parse(&body_text) {
            Ok(Value::Object(m)) => {
                if let Value::Object(q) = &mut params {
                    q.extend(m);
                }
            }
            Ok(_) => {}
            Err(e) => return error_response(&e.into(), &version, &request_id),
        }
    }
    let p = Params::new(params.clone());
    let expand = match p.strings("expand") {
        Ok(e) => e.unwrap_or_default(),
        Err(e) => return error_response(&e, &version, &request_id),
    };
    let idem_key = if method == Method::POST || method == Method::DELETE {
        headers
            .get("idempotency-key")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    } else {
        None
    };
    let fp = fingerprint(&method, &path, &params);
    let segs: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();

    let mut accounts = shared.accounts();
    let acct = accounts
        .entry(key.clone())
        .or_insert_with(|| Account::new(&key));
    acct.requests.push((method.to_string(), path.clone()));
    if let Some(k) = &idem_key {
        if let Some(prev) = acct.idempotency.get(k) {
            if prev.fingerprint != fp {
                return error_response(&ApiError::idempotency(k), &version, &request_id);
            }
            let status = StatusCode::from_u16(prev.status).unwrap_or(StatusCode::OK);
            let mut res = json_response(status, &prev.body, &version, &request_id);
            res.headers_mut()
                .insert("idempotent-replayed", HeaderValue::from_static("true"));
            if let Ok(v) = HeaderValue::from_str(k) {
                res.headers_mut().insert("idempotency-key", v);
            }
            return res;
        }
    }
    let mut cx = Ctx {
        acct,
        shared: &shared,
        request: json!({"id": request_id, "idempotency_key": idem_key}),
    };
    let result = resources::dispatch(&mut cx, &method, &segs, &p).and_then(|mut v| {
        resources::expand(cx.acct, &mut v, &expand)?;
        Ok(v)
    });
    let (status, body) = match &result {
        Ok(v) => (StatusCode::OK, v.clone()),
        Err(e) => (e.status, e.body()),
    };
    if let Some(k) = &idem_key {
        if !status.is_server_error() {
            cx.acct.idempotency.insert(
                k.clone(),
                IdemEntry {
                    fingerprint: fp,
                    status: status.as_u16(),
                    body: body.clone(),
                },
            );
        }
    }
    drop(accounts);
    tracing::debug!(%method, %path, status = status.as_u16(), "stripe api call");
    let mut res = match result {
        Ok(v) => json_response(StatusCode::OK, &v, &version, &request_id),
        Err(e) => error_response(&e, &version, &request_id),
    };
    if let Some(k) = idem_key {
        if let Ok(v) = HeaderValue::from_str(&k) {
            res.headers_mut().insert("idempotency-key", v);
        }
    }
    res
}

/// A tiny helper for HTML/PDF handlers.
pub fn with_type(
    body: impl Into<Body>,
    content_type: &'static str,
    status: StatusCode,
) -> Response {
    let mut res = Response::new(body.into());
    *res.status_mut() = status;
    res.headers_mut()
        .insert("content-type", HeaderValue::from_static(content_type));
    res
}
