//! What every function builds once per cold start, in one place.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use aws_config::SdkConfig;
use futures::FutureExt;

use crate::aws::Clients;
use crate::config::Config;
use crate::project::ProjectStore;
use crate::secrets::{SecretCache, Secrets};
use crate::store::Table;
use crate::stripe::StripeClient;
use crate::token::{SigningKeys, TokenStore};

/// Runs one request's work; a panic becomes `fallback()` (and an error log line) instead
/// of a dead execution environment. The release profile unwinds (`Cargo.toml`) for this:
/// no input is known to panic (the parsers are fuzzed), but a bug must cost one request a
/// friendly error, not every later request a cold start.
pub async fn catching<T>(work: impl Future<Output = T>, fallback: impl FnOnce() -> T) -> T {
    // Boxed: a page's future is large, and the stack it would otherwise sit on is not.
    match AssertUnwindSafe(Box::pin(work)).catch_unwind().await {
        Ok(v) => v,
        Err(_) => {
            tracing::error!("a request panicked; answered with an error");
            fallback()
        }
    }
}

/// Adds `Strict-Transport-Security` where the API is served over HTTPS.
pub fn strict_transport(config: &Config, headers: &mut http::HeaderMap) {
    if config.is_https() {
        headers.insert(
            http::header::STRICT_TRANSPORT_SECURITY,
            http::HeaderValue::from_static(crate::config::HSTS),
        );
    }
}

/// How long each step of one cold start took, logged once as a `cold start` line
/// (`cargo xtask bench coldstart` reads it for its breakdown; in CloudWatch it says where
/// a slow cold start went). Steps that run concurrently are each timed on their own.
#[derive(Debug)]
pub struct InitTimings {
    started: Instant,
    steps: Mutex<Vec<(&'static str, Duration)>>,
}

impl Default for InitTimings {
    fn default() -> Self {
        InitTimings::start()
    }
}

impl InitTimings {
    /// Starts the clock (first thing in `main`).
    pub fn start() -> InitTimings {
        InitTimings {
            started: Instant::now(),
            steps: Mutex::new(Vec::new()),
        }
    }

    /// Records that `step` took `took`.
    pub fn record(&self, step: &'static str, took: Duration) {
        if let Ok(mut steps) = self.steps.lock() {
            steps.push((step, took));
        }
    }

    /// Runs `work`, recording how long it took as `step`.
    pub fn time_sync<T>(&self, step: &'static str, work: impl FnOnce() -> T) -> T {
        let at = Instant::now();
        let out = work();
        self.record(step, at.elapsed());
        out
    }

    /// Awaits `work`, recording how long it took as `step`.
    pub async fn time<T>(&self, step: &'static str, work: impl Future<Output = T>) -> T {
        let at = Instant::now();
        let out = work.await;
        self.record(step, at.elapsed());
        out
    }

    /// The recorded steps, in the order they finished.
    pub fn steps(&self) -> Vec<(&'static str, Duration)> {
        self.steps.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Logs one `cold start` line: `total_us` since [`InitTimings::start`] and each step
    /// as `<step>_us`.
    pub fn log(&self) {
        let mut fields = serde_json::Map::new();
        for (step, took) in self.steps() {
            fields.insert(format!("{step}_us"), micros(took).into());
        }
        let steps = serde_json::Value::Object(fields);
        tracing::info!(
            total_us = micros(self.started.elapsed()),
            steps = %steps,
            "cold start"
        );
    }
}

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

/// The clients, stores and secrets shared by the functions.
pub struct ColdStart {
    /// AWS SDK clients (DynamoDB, SSM, SES).
    pub clients: Clients,
    /// The single table.
    pub table: Table,
    /// SSM secrets, each read once per process.
    pub secrets: SecretCache,
    /// Portal tokens, with the signing keys loaded.
    pub tokens: TokenStore,
    /// Projects.
    pub projects: ProjectStore,
    /// The Stripe client (one connection pool).
    pub stripe: StripeClient,
}

impl ColdStart {
    /// Builds everything on `sdk` (each call bounded by `aws::OPERATION_TIMEOUT`); reads
    /// the signing keys now, so a missing or bad signing-keys parameter fails the cold
    /// start, not a request.
    pub async fn load(config: &Config, sdk: &SdkConfig) -> anyhow::Result<ColdStart> {
        ColdStart::load_timed(config, sdk, &InitTimings::start()).await
    }

    /// [`ColdStart::load`], recording each step in `timings`.
    pub async fn load_timed(
        config: &Config,
        sdk: &SdkConfig,
        timings: &InitTimings,
    ) -> anyhow::Result<ColdStart> {
        let sdk = crate::aws::with_timeouts(sdk);
        let ssm = timings.time_sync("ssm_client", || aws_sdk_ssm::Client::new(&sdk));
        // The signing keys' round trip to SSM (and KMS) is the one wait of a cold start: it
        // goes out first, on a task of its own, and the rest is built while it is under way.
        // It is awaited before anything is served, so a missing or bad parameter still
        // fails the cold start, never a request.
        let keys = {
            let secrets = Secrets::new(ssm.clone());
            let parameter = config.signing_keys_parameter.clone();
            let started = Instant::now();
            tokio::spawn(async move {
                let keys = SigningKeys::load(&secrets, &parameter).await;
                (keys, started.elapsed())
            })
        };
        let dynamodb = timings.time_sync("dynamodb_client", || aws_sdk_dynamodb::Client::new(&sdk));
        let ses = timings.time_sync("ses_client", || aws_sdk_ses::Client::new(&sdk));
        let stripe = timings.time_sync("stripe_client", || {
            StripeClient::new(&config.stripe_api_base)
        })?;
        let waiting = Instant::now();
        let (keys, took) = keys
            .await
            .context("the task reading the signing keys failed")?;
        timings.record("signing_keys", took);
        timings.record("signing_keys_wait", waiting.elapsed());
        let keys = keys.context("loading the token signing keys")?;
        let clients = Clients { dynamodb, ssm, ses };
        let table = Table::new(clients.dynamodb.clone(), config.table_name.clone());
        let secrets = SecretCache::new(Secrets::new(clients.ssm.clone()));
        Ok(ColdStart {
            tokens: TokenStore::new(table.clone(), Arc::new(keys)),
            projects: ProjectStore::new(table.clone()),
            clients,
            table,
            secrets,
            stripe,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panicking_request_gets_the_fallback() {
        let panicking = async {
            let v: Vec<u8> = Vec::new();
            v[1]
        };
        assert_eq!(catching(panicking, || 42).await, 42);
        assert_eq!(catching(async { 7 }, || 42).await, 7);
    }

    #[test]
    fn hsts_only_over_https() {
        let mut c = Config::from_lookup(|n| match n {
            "TABLE_NAME" => Some("t".into()),
            "PUBLIC_BASE_URL" => Some("https://billing.example.com".into()),
            _ => None,
        })
        .unwrap();
        let mut h = http::HeaderMap::new();
        strict_transport(&c, &mut h);
        assert_eq!(
            h[http::header::STRICT_TRANSPORT_SECURITY],
            "max-age=31536000"
        );
        c.public_base_url = "http://127.0.0.1:3000".into();
        let mut h = http::HeaderMap::new();
        strict_transport(&c, &mut h);
        assert!(h.is_empty());
    }
}
