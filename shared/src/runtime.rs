//! What every function builds once per cold start, in one place.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;

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
    /// Builds everything on `sdk`; reads the signing keys now, so a missing or bad
    /// signing-keys parameter fails the cold start, not a request.
    pub async fn load(config: &Config, sdk: &SdkConfig) -> anyhow::Result<ColdStart> {
        let clients = Clients::new(sdk);
        let table = Table::new(clients.dynamodb.clone(), config.table_name.clone());
        let secrets = SecretCache::new(Secrets::new(clients.ssm.clone()));
        let keys = SigningKeys::load(&secrets, &config.signing_keys_parameter)
            .await
            .context("loading the token signing keys")?;
        let stripe = StripeClient::new(&config.stripe_api_base)?;
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
