//! Stripe client on `reqwest` (rustls), built once per cold start.
//!
//! Pinned `Stripe-Version`; the project's secret key is passed per call (it comes from
//! the project named by a verified token or API key, never from the request). Timeouts:
//! 2 s to connect, 5 s per attempt. 409, 429, 5xx and connection errors are retried at
//! most twice with jittered exponential backoff from 0.5 s; `Stripe-Should-Retry` wins.
//! Worst case, three attempts and two waits stay under 17 s, well inside the functions'
//! 29 s timeout (`template.yaml`), so a slow Stripe yields our error, not a Lambda kill.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use reqwest::{Method, StatusCode};
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use crate::clock::{OsRandom, Random};
use crate::ids::{CustomerId, SubscriptionId};

/// The pinned Stripe API version.
pub const STRIPE_VERSION: &str = "2026-08-26.dahlia";
/// Connect timeout.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);
/// Whole-attempt timeout.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(5);

/// A project's Stripe secret key. `Debug` never prints it.
#[derive(Clone)]
pub struct StripeKey(SecretString);

impl StripeKey {
    /// Wraps a secret key.
    pub fn new(key: SecretString) -> StripeKey {
        StripeKey(key)
    }
}

impl fmt::Debug for StripeKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StripeKey([redacted])")
    }
}

impl From<SecretString> for StripeKey {
    fn from(s: SecretString) -> Self {
        StripeKey(s)
    }
}

/// Stripe's error object (`{"error":{…}}`), fields as Stripe sends them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct StripeErrorBody {
    /// `type`, e.g. `invalid_request_error`.
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    /// Machine code, e.g. `resource_missing`.
    #[serde(default)]
    pub code: Option<String>,
    /// Parameter at fault.
    #[serde(default)]
    pub param: Option<String>,
    /// Human message.
    #[serde(default)]
    pub message: Option<String>,
}

#[derive(Deserialize)]
struct Envelope {
    error: StripeErrorBody,
}

/// A failed Stripe call.
#[derive(Debug, thiserror::Error)]
pub enum StripeError {
    /// 404: no such object in this account.
    #[error("Stripe object not found")]
    NotFound(StripeErrorBody),
    /// 401/403: the project's key is wrong or lacks permission.
    #[error("Stripe refused the project's credentials")]
    Unauthorized(StripeErrorBody),
    /// Could not reach Stripe (connection, timeout) after retries.
    #[error("Stripe unreachable: {0}")]
    Unreachable(String),
    /// Any other error status (after retries where allowed).
    #[error("Stripe answered {status}: {}", error.message.as_deref().unwrap_or("no message"))]
    Api {
        /// HTTP status.
        status: u16,
        /// Stripe's error object.
        error: StripeErrorBody,
    },
    /// A success body that does not parse.
    #[error("unexpected response from Stripe: {0}")]
    Decode(String),
}

/// Waits between retries; injectable so tests do not sleep.
pub trait Sleeper: Send + Sync {
    /// Sleeps for `d`.
    fn sleep(&self, d: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>>;
}

/// Sleeps on the tokio timer.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioSleeper;

impl Sleeper for TokioSleeper {
    fn sleep(&self, d: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        Box::pin(tokio::time::sleep(d))
    }
}

/// How many times and how long to wait before retrying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// Delay before the first retry (before jitter).
    pub base_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            base_delay: Duration::from_millis(500),
        }
    }
}

impl RetryPolicy {
    /// Delay before retry number `retry` (0-based): `base * 2^retry`, scaled by a jitter
    /// factor in [0.5, 1.0] from `jitter` in [0, 1].
    pub fn delay(&self, retry: u32, jitter: f64) -> Duration {
        let exp = self.base_delay.saturating_mul(1u32 << retry.min(10));
        exp.mul_f64(0.5 + 0.5 * jitter.clamp(0.0, 1.0))
    }

    /// Whether an answer is worth retrying: `Stripe-Should-Retry` first, else 409, 429, 5xx.
    pub fn should_retry(status: StatusCode, should_retry_header: Option<bool>) -> bool {
        should_retry_header.unwrap_or(
            status == StatusCode::CONFLICT
                || status == StatusCode::TOO_MANY_REQUESTS
                || status.is_server_error(),
        )
    }
}

/// Form encoding with Stripe's bracket notation: `a[b][0]=c`.
pub mod form {
    use serde_json::Value;

    /// Flattens a JSON object into `(key, value)` pairs; `null` becomes an empty value
    /// (Stripe's way to unset a field).
    pub fn pairs(params: &Value) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if let Value::Object(map) = params {
            for (k, v) in map {
                flatten(k.clone(), v, &mut out);
            }
        }
        out
    }

    fn flatten(key: String, v: &Value, out: &mut Vec<(String, String)>) {
        match v {
            Value::Object(map) => {
                for (k, v) in map {
                    flatten(format!("{key}[{k}]"), v, out);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    flatten(format!("{key}[{i}]"), v, out);
                }
            }
            Value::Null => out.push((key, String::new())),
            Value::Bool(b) => out.push((key, b.to_string())),
            Value::Number(n) => out.push((key, n.to_string())),
            Value::String(s) => out.push((key, s.clone())),
        }
    }

    /// `application/x-www-form-urlencoded` body of `params`.
    pub fn encode(params: &Value) -> String {
        let mut ser = form_urlencoded::Serializer::new(String::new());
        for (k, v) in pairs(params) {
            ser.append_pair(&k, &v);
        }
        ser.finish()
    }
}

/// A customer, as much as the portal needs (extra fields are ignored).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Customer {
    /// `cus_…`.
    pub id: String,
    /// Deleted customers come back as `{"id","object","deleted":true}`.
    #[serde(default)]
    pub deleted: bool,
    /// Email.
    #[serde(default)]
    pub email: Option<String>,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
}

/// A subscription, as much as the portal needs.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Subscription {
    /// `sub_…`.
    pub id: String,
    /// The customer id (expanded or not).
    #[serde(deserialize_with = "expandable_id")]
    pub customer: String,
    /// `active`, `trialing`, `canceled`, …
    pub status: String,
}

/// Accepts an id string or an expanded object with an `id`.
fn expandable_id<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Expandable {
        Id(String),
        Object { id: String },
    }
    Ok(match Expandable::deserialize(d)? {
        Expandable::Id(id) | Expandable::Object { id } => id,
    })
}

/// The Stripe HTTP client: one connection pool per process.
#[derive(Clone)]
pub struct StripeClient {
    http: reqwest::Client,
    base: String,
    retry: RetryPolicy,
    sleeper: Arc<dyn Sleeper>,
    rng: Arc<dyn Random>,
}

impl fmt::Debug for StripeClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StripeClient")
            .field("base", &self.base)
            .field("retry", &self.retry)
            .finish()
    }
}

impl StripeClient {
    /// A client for the API at `base` (e.g. `https://api.stripe.com`).
    pub fn new(base: &str) -> anyhow::Result<StripeClient> {
        let http = reqwest::Client::builder()
            .use_rustls_tls()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            .user_agent(concat!("billing-portal/", env!("CARGO_PKG_VERSION")))
            .build()
            .context("building the Stripe HTTP client")?;
        Ok(StripeClient {
            http,
            base: base.trim_end_matches('/').to_owned(),
            retry: RetryPolicy::default(),
            sleeper: Arc::new(TokioSleeper),
            rng: Arc::new(OsRandom),
        })
    }

    /// Replaces the retry policy and the sleeper (tests).
    pub fn with_retry(mut self, retry: RetryPolicy, sleeper: Arc<dyn Sleeper>) -> StripeClient {
        self.retry = retry;
        self.sleeper = sleeper;
        self
    }

    /// The API base URL.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// `GET /v1/customers/{id}`.
    pub async fn retrieve_customer(
        &self,
        key: &StripeKey,
        id: &CustomerId,
    ) -> Result<Customer, StripeError> {
        self.get(key, &format!("/v1/customers/{id}"), &[]).await
    }

    /// `GET /v1/subscriptions/{id}`.
    pub async fn retrieve_subscription(
        &self,
        key: &StripeKey,
        id: &SubscriptionId,
    ) -> Result<Subscription, StripeError> {
        self.get(key, &format!("/v1/subscriptions/{id}"), &[]).await
    }

    /// A GET with query parameters (bracket notation already applied by the caller).
    pub async fn get<T: DeserializeOwned>(
        &self,
        key: &StripeKey,
        path: &str,
        query: &[(String, String)],
    ) -> Result<T, StripeError> {
        self.send(Method::GET, key, path, query, None).await
    }

    /// A POST of `params` (a JSON object, form-encoded) with an `Idempotency-Key`.
    pub async fn post<T: DeserializeOwned>(
        &self,
        key: &StripeKey,
        path: &str,
        params: &serde_json::Value,
        idempotency_key: &str,
    ) -> Result<T, StripeError> {
        self.send(
            Method::POST,
            key,
            path,
            &form::pairs(params),
            Some(idempotency_key),
        )
        .await
    }

    /// A DELETE with an `Idempotency-Key`.
    pub async fn delete<T: DeserializeOwned>(
        &self,
        key: &StripeKey,
        path: &str,
        idempotency_key: &str,
    ) -> Result<T, StripeError> {
        self.send(Method::DELETE, key, path, &[], Some(idempotency_key))
            .await
    }

    /// A DELETE with form `params` (e.g. `cancellation_details`) and an `Idempotency-Key`.
    pub async fn delete_with<T: DeserializeOwned>(
        &self,
        key: &StripeKey,
        path: &str,
        params: &serde_json::Value,
        idempotency_key: &str,
    ) -> Result<T, StripeError> {
        self.send(
            Method::DELETE,
            key,
            path,
            &form::pairs(params),
            Some(idempotency_key),
        )
        .await
    }

    async fn send<T: DeserializeOwned>(
        &self,
        method: Method,
        key: &StripeKey,
        path: &str,
        params: &[(String, String)],
        idempotency_key: Option<&str>,
    ) -> Result<T, StripeError> {
        let url = format!("{}{path}", self.base);
        let mut retry = 0;
        loop {
            let mut req = self
                .http
                .request(method.clone(), &url)
                .bearer_auth(key.0.expose_secret())
                .header("Stripe-Version", STRIPE_VERSION);
            if let Some(k) = idempotency_key {
                req = req.header("Idempotency-Key", k);
            }
            req = if method == Method::GET {
                req.query(params)
            } else {
                req.header(
                    reqwest::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .body(encode_pairs(params))
            };
            let outcome = match req.send().await {
                Err(e) => Attempt::Failed(describe(e)),
                Ok(res) => {
                    let status = res.status();
                    let should_retry = res
                        .headers()
                        .get("Stripe-Should-Retry")
                        .and_then(|v| v.to_str().ok())
                        .map(|v| v.eq_ignore_ascii_case("true"));
                    match res.bytes().await {
                        Err(e) => Attempt::Failed(describe(e)),
                        Ok(body) => Attempt::Answered {
                            status,
                            should_retry,
                            body: body.to_vec(),
                        },
                    }
                }
            };
            let retryable = match &outcome {
                Attempt::Failed(_) => true,
                Attempt::Answered {
                    status,
                    should_retry,
                    ..
                } => !status.is_success() && RetryPolicy::should_retry(*status, *should_retry),
            };
            if retryable && retry < self.retry.max_retries {
                let delay = self.retry.delay(retry, self.jitter());
                tracing::info!(
                    path,
                    retry = retry + 1,
                    delay_ms = delay.as_millis() as u64,
                    "retrying Stripe call"
                );
                self.sleeper.sleep(delay).await;
                retry += 1;
                continue;
            }
            return match outcome {
                Attempt::Failed(why) => Err(StripeError::Unreachable(why)),
                Attempt::Answered { status, body, .. } => decode(status, &body),
            };
        }
    }

    fn jitter(&self) -> f64 {
        let mut b = [0u8; 4];
        match self.rng.fill(&mut b) {
            Ok(()) => f64::from(u32::from_le_bytes(b)) / f64::from(u32::MAX),
            Err(_) => 0.5,
        }
    }
}

enum Attempt {
    Failed(String),
    Answered {
        status: StatusCode,
        should_retry: Option<bool>,
        body: Vec<u8>,
    },
}

fn encode_pairs(params: &[(String, String)]) -> String {
    let mut ser = form_urlencoded::Serializer::new(String::new());
    for (k, v) in params {
        ser.append_pair(k, v);
    }
    ser.finish()
}

/// A transport error without the URL's query (no secrets are in URLs, but keep it short).
fn describe(e: reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "connection failed"
    } else {
        "transport error"
    };
    format!("{kind}: {}", e.without_url())
}

fn decode<T: DeserializeOwned>(status: StatusCode, body: &[u8]) -> Result<T, StripeError> {
    if status.is_success() {
        return serde_json::from_slice(body).map_err(|e| StripeError::Decode(e.to_string()));
    }
    let error = serde_json::from_slice::<Envelope>(body)
        .map(|e| e.error)
        .unwrap_or_default();
    Err(match status {
        StatusCode::NOT_FOUND => StripeError::NotFound(error),
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => StripeError::Unauthorized(error),
        _ => StripeError::Api {
            status: status.as_u16(),
            error,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::sync::Mutex;
    use wiremock::matchers::{header, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    #[derive(Default)]
    struct RecordingSleeper(Mutex<Vec<Duration>>);

    impl Sleeper for RecordingSleeper {
        fn sleep(&self, d: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
            self.0.lock().unwrap().push(d);
            Box::pin(async {})
        }
    }

    fn client(base: &str) -> (StripeClient, Arc<RecordingSleeper>) {
        let sleeper = Arc::new(RecordingSleeper::default());
        let c = StripeClient::new(base)
            .unwrap()
            .with_retry(RetryPolicy::default(), sleeper.clone());
        (c, sleeper)
    }

    fn key() -> StripeKey {
        StripeKey::new(SecretString::from("sk_test_123"))
    }

    fn cus() -> CustomerId {
        CustomerId::parse("cus_1").unwrap()
    }

    #[test]
    fn forms_use_bracket_notation() {
        let body = form::encode(&json!({
            "items": [{"price": "price_1", "quantity": 2}],
            "metadata": {"k": "v w"},
            "cancel_at_period_end": true,
            "description": null,
        }));
        assert_eq!(
            body,
            "cancel_at_period_end=true&description=&items%5B0%5D%5Bprice%5D=price_1\
             &items%5B0%5D%5Bquantity%5D=2&metadata%5Bk%5D=v+w"
        );
    }

    #[test]
    fn backoff_starts_at_half_a_second_and_doubles_with_jitter() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay(0, 1.0), Duration::from_millis(500));
        assert_eq!(p.delay(0, 0.0), Duration::from_millis(250));
        assert_eq!(p.delay(1, 1.0), Duration::from_millis(1000));
        assert!(p.delay(1, 0.3) >= Duration::from_millis(500));
    }

    #[test]
    fn stripe_should_retry_wins_over_the_status() {
        assert!(RetryPolicy::should_retry(
            StatusCode::TOO_MANY_REQUESTS,
            None
        ));
        assert!(RetryPolicy::should_retry(StatusCode::CONFLICT, None));
        assert!(RetryPolicy::should_retry(StatusCode::BAD_GATEWAY, None));
        assert!(!RetryPolicy::should_retry(StatusCode::BAD_REQUEST, None));
        assert!(!RetryPolicy::should_retry(
            StatusCode::SERVICE_UNAVAILABLE,
            Some(false)
        ));
        assert!(RetryPolicy::should_retry(
            StatusCode::BAD_REQUEST,
            Some(true)
        ));
    }

    #[test]
    fn debug_hides_the_key() {
        assert_eq!(format!("{:?}", key()), "StripeKey([redacted])");
    }

    #[tokio::test]
    async fn requests_carry_the_key_and_the_pinned_version() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/v1/customers/cus_1"))
            .and(header("authorization", "Bearer sk_test_123"))
            .and(header("stripe-version", STRIPE_VERSION))
            .respond_with(ResponseTemplate::new(200).set_body_json(
                json!({"id": "cus_1", "object": "customer", "email": "a@b.test", "extra": 1}),
            ))
            .expect(1)
            .mount(&server)
            .await;
        let (c, _) = client(&server.uri());
        let customer = c.retrieve_customer(&key(), &cus()).await.unwrap();
        assert_eq!(customer.email.as_deref(), Some("a@b.test"));
        assert!(!customer.deleted);
    }

    #[tokio::test]
    async fn a_missing_object_is_not_found_with_stripes_error() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(404).set_body_json(json!({"error": {
                "type": "invalid_request_error", "code": "resource_missing",
                "param": "id", "message": "No such customer: 'cus_1'"}})))
            .expect(1)
            .mount(&server)
            .await;
        let (c, sleeper) = client(&server.uri());
        match c.retrieve_customer(&key(), &cus()).await {
            Err(StripeError::NotFound(e)) => {
                assert_eq!(e.code.as_deref(), Some("resource_missing"))
            }
            other => panic!("{other:?}"),
        }
        assert!(sleeper.0.lock().unwrap().is_empty(), "404 is not retried");
    }

    #[tokio::test]
    async fn server_errors_are_retried_twice_then_reported() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(
                ResponseTemplate::new(500).set_body_json(json!({"error": {"type": "api_error"}})),
            )
            .expect(3)
            .mount(&server)
            .await;
        let (c, sleeper) = client(&server.uri());
        let err = c.retrieve_customer(&key(), &cus()).await.unwrap_err();
        assert!(
            matches!(err, StripeError::Api { status: 500, .. }),
            "{err:?}"
        );
        let delays = sleeper.0.lock().unwrap().clone();
        assert_eq!(delays.len(), 2);
        assert!(delays[0] >= Duration::from_millis(250) && delays[0] <= Duration::from_millis(500));
        assert!(
            delays[1] >= Duration::from_millis(500) && delays[1] <= Duration::from_millis(1000)
        );
    }

    #[tokio::test]
    async fn a_retry_that_succeeds_returns_the_object() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(429))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "id": "sub_1", "object": "subscription", "status": "active",
                "customer": {"id": "cus_1", "object": "customer"}})))
            .mount(&server)
            .await;
        let (c, sleeper) = client(&server.uri());
        let sub = c
            .retrieve_subscription(&key(), &SubscriptionId::parse("sub_1").unwrap())
            .await
            .unwrap();
        assert_eq!(sub.customer, "cus_1");
        assert_eq!(sleeper.0.lock().unwrap().len(), 1);
    }

    #[tokio::test]
    async fn stripe_should_retry_false_stops_retries() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(503).insert_header("Stripe-Should-Retry", "false"))
            .expect(1)
            .mount(&server)
            .await;
        let (c, _) = client(&server.uri());
        assert!(c.retrieve_customer(&key(), &cus()).await.is_err());
    }

    #[tokio::test]
    async fn writes_carry_an_idempotency_key_and_a_form_body() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/v1/customers/cus_1"))
            .and(header("idempotency-key", "idem-1"))
            .and(header("content-type", "application/x-www-form-urlencoded"))
            .and(wiremock::matchers::body_string("metadata%5Ba%5D=b"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "cus_1"})))
            .expect(1)
            .mount(&server)
            .await;
        let (c, _) = client(&server.uri());
        let out: Customer = c
            .post(
                &key(),
                "/v1/customers/cus_1",
                &json!({"metadata": {"a": "b"}}),
                "idem-1",
            )
            .await
            .unwrap();
        assert_eq!(out.id, "cus_1");
    }

    #[tokio::test]
    async fn an_unreachable_stripe_is_retried_then_unreachable() {
        // Bind and drop a listener to get a port nobody listens on.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let (c, sleeper) = client(&format!("http://127.0.0.1:{port}"));
        let err = c.retrieve_customer(&key(), &cus()).await.unwrap_err();
        assert!(matches!(err, StripeError::Unreachable(_)), "{err:?}");
        assert_eq!(sleeper.0.lock().unwrap().len(), 2);
    }
}
