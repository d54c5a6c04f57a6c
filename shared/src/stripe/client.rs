//! The transport: one `reqwest` (rustls) client per cold start, the pinned version,
//! retries, timeouts and Stripe's error envelope. The typed calls live beside their
//! objects (`customer.rs`, `subscription.rs`, …); the untyped `get`/`post`/`delete` here are
//! private to this module tree, so nothing outside `shared::stripe` sees Stripe's JSON.
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
use serde::{Deserialize, Serialize};

use crate::clock::{OsRandom, Random};

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
    pub code: Option<String>,
    /// Parameter at fault.
    pub param: Option<String>,
    /// Human message.
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
    /// Parameters that could not be encoded (a bug on our side, never sent).
    #[error("could not encode Stripe parameters: {0}")]
    Encode(String),
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

    /// A GET with query parameters (bracket notation already applied by the caller).
    pub(super) async fn get<T: DeserializeOwned>(
        &self,
        key: &StripeKey,
        path: &str,
        query: &[(String, String)],
    ) -> Result<T, StripeError> {
        self.send(Method::GET, key, path, query, None).await
    }

    /// A POST of typed `params` (form-encoded) with an `Idempotency-Key`.
    pub(super) async fn post<P: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        key: &StripeKey,
        path: &str,
        params: &P,
        idempotency_key: &str,
    ) -> Result<T, StripeError> {
        self.write(Method::POST, key, path, params, idempotency_key)
            .await
    }

    /// A DELETE of typed `params` (e.g. `cancellation_details`) with an `Idempotency-Key`.
    pub(super) async fn delete<P: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        key: &StripeKey,
        path: &str,
        params: &P,
        idempotency_key: &str,
    ) -> Result<T, StripeError> {
        self.write(Method::DELETE, key, path, params, idempotency_key)
            .await
    }

    async fn write<P: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        method: Method,
        key: &StripeKey,
        path: &str,
        params: &P,
        idempotency_key: &str,
    ) -> Result<T, StripeError> {
        let pairs = super::form::pairs_of(params)?;
        self.send(method, key, path, &pairs, Some(idempotency_key))
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
                .body(super::form::encode(params))
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
    use crate::ids::CustomerId;
    use crate::stripe::Customer;
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

    async fn retrieve(c: &StripeClient) -> Result<Customer, StripeError> {
        c.get(&key(), &format!("/v1/customers/{}", cus()), &[])
            .await
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
        let customer = retrieve(&c).await.unwrap();
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
        match retrieve(&c).await {
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
        let err = retrieve(&c).await.unwrap_err();
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
        let sub: crate::stripe::Subscription =
            c.get(&key(), "/v1/subscriptions/sub_1", &[]).await.unwrap();
        assert_eq!(sub.customer.id(), "cus_1");
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
        assert!(retrieve(&c).await.is_err());
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
        assert_eq!(out.id.as_str(), "cus_1");
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
        let err = retrieve(&c).await.unwrap_err();
        assert!(matches!(err, StripeError::Unreachable(_)), "{err:?}");
        assert_eq!(sleeper.0.lock().unwrap().len(), 2);
    }
}
