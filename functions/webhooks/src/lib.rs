//! Stripe webhooks: `POST /webhooks/stripe/<project id>`.
//!
//! Signature checked on the raw bytes, each event processed once (claimed with a
//! conditional put, released on failure so Stripe's retry processes it), current state
//! re-read from Stripe, and subscription emails sent exactly once per transition.

use std::sync::Arc;
use std::time::Duration;

use shared::claims::{EventClaims, MailClaims};
use shared::clock::{Clock, OsRandom, Random, SystemClock};
use shared::config::Config;
use shared::payment_method::SetupMarks;
use shared::project::ProjectStore;
use shared::runtime::{ColdStart, InitTimings};
use shared::secrets::SecretCache;
use shared::stripe::StripeClient;
use shared::token::TokenStore;

mod events;
mod handler;

pub use handler::{handle, MAX_BODY_BYTES};

/// Clients, stores and secrets, built once per cold start.
pub struct App {
    config: Config,
    projects: ProjectStore,
    tokens: TokenStore,
    events: EventClaims,
    mails: MailClaims,
    setup_marks: SetupMarks,
    ses: aws_sdk_ses::Client,
    stripe: StripeClient,
    secrets: SecretCache,
    clock: Arc<dyn Clock>,
    rng: Arc<dyn Random>,
    metrics: shared::metrics::MetricsStore,
    deadline: Duration,
    claim_wait: Duration,
}

/// How long processing one event may take: well inside the function's 29 s timeout, so a
/// failed attempt always gives its claim back before Lambda would kill it.
pub const PROCESSING_DEADLINE: Duration = Duration::from_secs(20);
/// How long a delivery waits for another delivery of the same event to finish.
pub const CLAIM_WAIT: Duration = Duration::from_secs(5);

impl App {
    /// Builds the app from the standard AWS environment (`AWS_ENDPOINT_URL` honoured),
    /// recording each step of the cold start in `timings`.
    pub async fn new(config: Config, timings: &InitTimings) -> anyhow::Result<App> {
        let http = timings.time_sync("http_client", shared::aws::http_client);
        let sdk = timings.time_sync("sdk_config", || shared::aws::load_with(http));
        App::build(config, &sdk, timings).await
    }

    /// Builds the app on a given SDK configuration; reads the token signing keys now
    /// (emails carry a portal link), so a missing parameter fails the cold start.
    pub async fn with_sdk(config: Config, sdk: &aws_config::SdkConfig) -> anyhow::Result<App> {
        App::build(config, sdk, &InitTimings::start()).await
    }

    async fn build(
        config: Config,
        sdk: &aws_config::SdkConfig,
        timings: &InitTimings,
    ) -> anyhow::Result<App> {
        let ColdStart {
            clients,
            table,
            secrets,
            tokens,
            projects,
            stripe,
        } = ColdStart::load_timed(&config, sdk, timings).await?;
        Ok(App {
            projects,
            tokens,
            events: EventClaims::new(table.clone()),
            mails: MailClaims::new(table.clone()),
            setup_marks: SetupMarks::new(table.clone()),
            metrics: shared::metrics::MetricsStore::new(
                table,
                shared::metrics::emf::Emf::stdout("webhooks"),
            ),
            ses: clients.ses,
            stripe,
            secrets,
            clock: Arc::new(SystemClock),
            rng: Arc::new(OsRandom),
            deadline: PROCESSING_DEADLINE,
            claim_wait: CLAIM_WAIT,
            config,
        })
    }

    /// Replaces the SES client (tests: an SES endpoint that fails).
    pub fn with_ses(mut self, ses: aws_sdk_ses::Client) -> App {
        self.ses = ses;
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

    /// Replaces the processing deadline (tests: a deadline that a slow Stripe misses).
    pub fn with_deadline(mut self, deadline: Duration) -> App {
        self.deadline = deadline;
        self
    }

    /// Replaces how long a delivery waits for another delivery of the same event.
    pub fn with_claim_wait(mut self, wait: Duration) -> App {
        self.claim_wait = wait;
        self
    }

    /// Replaces how often a webhook secret may be re-read from SSM (tests: at once).
    pub fn with_secret_refresh_interval(mut self, interval: Duration) -> App {
        self.secrets.set_min_refresh_interval(interval);
        self
    }

    /// The process's secret cache (tests count its reads from SSM).
    pub fn secrets(&self) -> &SecretCache {
        &self.secrets
    }

    /// Replaces the clock (tests: signature tolerance without sleeping).
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> App {
        self.clock = clock;
        self
    }
}
