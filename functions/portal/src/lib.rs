//! The customer portal: scanner-safe sign-in, browser sessions and the billing pages.
//!
//! `App` holds what is built once per cold start; `handle` answers one request and never
//! fails (errors become friendly HTML pages with the security headers).

use std::sync::Arc;
use std::time::Duration;

use shared::browser_session::{BrowserSessionStore, CookiePolicy};
use shared::clock::{Clock, OsRandom, Random, SystemClock};
use shared::config::Config;
use shared::project::ProjectStore;
use shared::relink::RelinkLimiter;
use shared::runtime::ColdStart;
use shared::secrets::SecretCache;
use shared::stripe::StripeClient;
use shared::token::TokenStore;

mod billing;
mod cancel;
mod flash;
mod handler;
mod headers;
mod metrics;
mod plan;

pub use handler::handle;

/// How long a page waits for Stripe before showing a notice instead.
pub const DEFAULT_STRIPE_PAGE_TIMEOUT: Duration = Duration::from_secs(8);

/// Clients, stores and secrets, built once per cold start.
pub struct App {
    config: Config,
    projects: ProjectStore,
    tokens: TokenStore,
    sessions: BrowserSessionStore,
    relinks: RelinkLimiter,
    setup_marks: shared::payment_method::SetupMarks,
    metrics: shared::metrics::MetricsStore,
    ses: aws_sdk_ses::Client,
    stripe: StripeClient,
    secrets: SecretCache,
    cookie: CookiePolicy,
    stripe_timeout: Duration,
    clock: Arc<dyn Clock>,
    rng: Arc<dyn Random>,
}

impl App {
    /// Builds the app from the standard AWS environment (`AWS_ENDPOINT_URL` honoured).
    pub async fn new(config: Config) -> anyhow::Result<App> {
        let sdk = shared::aws::load().await;
        App::with_sdk(config, &sdk).await
    }

    /// Builds the app on a given SDK configuration; reads the signing keys now, so a
    /// missing or bad signing-keys parameter fails the cold start, not a request.
    pub async fn with_sdk(config: Config, sdk: &aws_config::SdkConfig) -> anyhow::Result<App> {
        let ColdStart {
            clients,
            table,
            secrets,
            tokens,
            projects,
            stripe,
        } = ColdStart::load(&config, sdk).await?;
        Ok(App {
            projects,
            tokens,
            sessions: BrowserSessionStore::new(table.clone()),
            setup_marks: shared::payment_method::SetupMarks::new(table.clone()),
            metrics: shared::metrics::MetricsStore::new(
                table.clone(),
                shared::metrics::emf::Emf::stdout("portal"),
            ),
            relinks: RelinkLimiter::new(table),
            ses: clients.ses,
            stripe,
            secrets,
            cookie: CookiePolicy::for_base_url(&config.public_base_url),
            stripe_timeout: DEFAULT_STRIPE_PAGE_TIMEOUT,
            clock: Arc::new(SystemClock),
            rng: Arc::new(OsRandom),
            config,
        })
    }

    /// Replaces the Stripe client (tests: no-sleep retries).
    pub fn with_stripe(mut self, stripe: StripeClient) -> App {
        self.stripe = stripe;
        self
    }

    /// Replaces how long a page waits for Stripe.
    pub fn with_stripe_timeout(mut self, timeout: Duration) -> App {
        self.stripe_timeout = timeout;
        self
    }

    /// Replaces where EMF metric lines go (tests: `Emf::memory`).
    pub fn with_emf(mut self, emf: shared::metrics::emf::Emf) -> App {
        self.metrics = self.metrics.with_emf(emf);
        self
    }

    /// Replaces the clock (tests: expiry without sleeping).
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> App {
        self.clock = clock;
        self
    }

    /// The token store (tests mint tokens with the same keys).
    pub fn tokens(&self) -> &TokenStore {
        &self.tokens
    }

    /// The session cookie policy in force.
    pub fn cookie_policy(&self) -> CookiePolicy {
        self.cookie
    }
}
