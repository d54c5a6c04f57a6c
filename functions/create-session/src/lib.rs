//! `POST /v1/sessions`: a tenant mints a portal session for one of its customers.
//!
//! `App` holds what is built once per cold start; `handle` answers one request and
//! never fails (errors become Stripe-shaped JSON responses).

use std::sync::Arc;

use shared::api_key::ApiKeyStore;
use shared::clock::{Clock, OsRandom, Random, SystemClock};
use shared::config::Config;
use shared::idempotency::IdempotencyStore;
use shared::project::ProjectStore;
use shared::rate_limit::{RateLimit, RateLimiter};
use shared::runtime::{ColdStart, InitTimings};
use shared::secrets::SecretCache;
use shared::store::Table;
use shared::stripe::StripeClient;
use shared::token::TokenStore;

/// Public wrappers of crate-private parsers for `fuzz/` (not an API).
#[doc(hidden)]
pub mod fuzzing;
mod handler;
mod metrics;

pub use handler::handle;

/// Clients, stores and secrets, built once per cold start.
pub struct App {
    config: Config,
    table: Table,
    api_keys: ApiKeyStore,
    projects: ProjectStore,
    tokens: TokenStore,
    idempotency: IdempotencyStore,
    rate_limiter: RateLimiter,
    metrics: shared::metrics::MetricsStore,
    stripe: StripeClient,
    secrets: SecretCache,
    clock: Arc<dyn Clock>,
    rng: Arc<dyn Random>,
}

impl App {
    /// Builds the app from the standard AWS environment (`AWS_ENDPOINT_URL` honoured),
    /// recording each step of the cold start in `timings`.
    pub async fn new(config: Config, timings: &InitTimings) -> anyhow::Result<App> {
        let http = timings.time_sync("http_client", shared::aws::http_client);
        let sdk = timings.time_sync("sdk_config", || shared::aws::load_with(http));
        App::build(config, &sdk, timings).await
    }

    /// Builds the app on a given SDK configuration; reads the signing keys now, so a
    /// missing or bad signing-keys parameter fails the cold start, not a request.
    pub async fn with_sdk(config: Config, sdk: &aws_config::SdkConfig) -> anyhow::Result<App> {
        App::build(config, sdk, &InitTimings::start()).await
    }

    async fn build(
        config: Config,
        sdk: &aws_config::SdkConfig,
        timings: &InitTimings,
    ) -> anyhow::Result<App> {
        let ColdStart {
            table,
            secrets,
            tokens,
            projects,
            stripe,
            ..
        } = ColdStart::load_timed(&config, sdk, timings).await?;
        Ok(App {
            api_keys: ApiKeyStore::new(table.clone()),
            projects,
            tokens,
            idempotency: IdempotencyStore::new(table.clone()),
            rate_limiter: RateLimiter::new(table.clone(), RateLimit::default()),
            metrics: shared::metrics::MetricsStore::new(
                table.clone(),
                shared::metrics::emf::Emf::stdout("create-session"),
            ),
            table,
            stripe,
            secrets,
            clock: Arc::new(SystemClock),
            rng: Arc::new(OsRandom),
            config,
        })
    }

    /// Replaces the per-project rate limit.
    pub fn with_rate_limit(mut self, limit: RateLimit) -> App {
        self.rate_limiter = RateLimiter::new(self.table.clone(), limit);
        self
    }

    /// Replaces the Stripe client (tests: no-sleep retries).
    pub fn with_stripe(mut self, stripe: StripeClient) -> App {
        self.stripe = stripe;
        self
    }

    /// Replaces where EMF metric lines go (tests: `Emf::memory`).
    pub fn with_emf(mut self, emf: shared::metrics::emf::Emf) -> App {
        self.metrics = self.metrics.with_emf(emf);
        self
    }

    /// Replaces the clock.
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> App {
        self.clock = clock;
        self
    }

    /// The token store (the portal redeems what this mints).
    pub fn tokens(&self) -> &TokenStore {
        &self.tokens
    }
}
