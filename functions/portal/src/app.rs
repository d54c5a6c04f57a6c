//! What the portal builds once per cold start.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use shared::browser_session::{BrowserSessionStore, CookiePolicy};
use shared::cache::Kept;
use shared::clock::{Clock, OsRandom, Random, SystemClock};
use shared::config::Config;
use shared::ids::ProjectId;
use shared::login::LoginLimiter;
use shared::project::{Project, ProjectStore};
use shared::relink::RelinkLimiter;
use shared::runtime::{ColdStart, InitTimings};
use shared::secrets::SecretCache;
use shared::stripe::{StripeClient, StripeKey};
use shared::token::TokenStore;

/// Requests one browser session may make per minute: a loop (or a forwarded link) would
/// otherwise spend the tenant's Stripe rate limit.
pub const SESSION_REQUESTS_PER_MINUTE: i64 = 120;

/// How long a process keeps a project's settings and its Stripe key: a change made with
/// `portal-admin` (settings, a new key) reaches every page within this.
pub const PROJECT_MAX_AGE: Duration = Duration::from_secs(60);

/// How long a page waits for Stripe before showing a notice instead.
pub const DEFAULT_STRIPE_PAGE_TIMEOUT: Duration = Duration::from_secs(8);

/// Clients, stores and secrets, built once per cold start.
pub struct App {
    pub(crate) config: Config,
    pub(crate) projects: ProjectStore,
    pub(crate) tokens: TokenStore,
    pub(crate) sessions: BrowserSessionStore,
    pub(crate) relinks: RelinkLimiter,
    pub(crate) logins: LoginLimiter,
    /// The sign-in POST's answer floor and its work's deadline (`shared::login`).
    pub(crate) login_timing: (Duration, Duration),
    pub(crate) setup_marks: shared::payment_method::SetupMarks,
    pub(crate) coupon_markers: shared::offers::CouponMarkers,
    pub(crate) metrics: shared::metrics::MetricsStore,
    pub(crate) ses: aws_sdk_ses::Client,
    pub(crate) stripe: StripeClient,
    pub(crate) secrets: SecretCache,
    pub(crate) cookie: CookiePolicy,
    pub(crate) stripe_timeout: Duration,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) rng: Arc<dyn Random>,
    pub(crate) catalog: crate::catalog::Catalog,
    /// Projects read, for [`PROJECT_MAX_AGE`].
    projects_kept: Kept<ProjectId, Project>,
    /// Projects' Stripe keys read, for [`PROJECT_MAX_AGE`].
    keys_kept: Kept<(ProjectId, String), StripeKey>,
    /// Requests a browser session may make per brake window (a minute).
    pub(crate) session_request_limit: i64,
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
            sessions: BrowserSessionStore::new(table.clone()),
            setup_marks: shared::payment_method::SetupMarks::new(table.clone()),
            coupon_markers: shared::offers::CouponMarkers::new(table.clone()),
            metrics: shared::metrics::MetricsStore::new(
                table.clone(),
                shared::metrics::emf::Emf::stdout("portal"),
            ),
            session_request_limit: SESSION_REQUESTS_PER_MINUTE,
            logins: LoginLimiter::new(table.clone()),
            login_timing: (shared::login::ANSWER_FLOOR, shared::login::WORK_DEADLINE),
            relinks: RelinkLimiter::new(table),
            ses: clients.ses,
            stripe,
            secrets,
            cookie: CookiePolicy::for_base_url(&config.public_base_url),
            stripe_timeout: DEFAULT_STRIPE_PAGE_TIMEOUT,
            clock: Arc::new(SystemClock),
            rng: Arc::new(OsRandom),
            catalog: crate::catalog::Catalog::default(),
            projects_kept: Kept::new(PROJECT_MAX_AGE),
            keys_kept: Kept::new(PROJECT_MAX_AGE),
            config,
        })
    }

    /// Replaces how many requests a browser session may make per minute.
    pub fn with_session_request_limit(mut self, limit: i64) -> App {
        self.session_request_limit = limit;
        self
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

    /// Replaces the sign-in page's answer floor and work deadline (the deadline must stay
    /// under the floor; tests on a loaded machine give the work more time).
    pub fn with_login_timing(mut self, floor: Duration, deadline: Duration) -> App {
        self.login_timing = (floor, deadline.min(floor));
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

    /// A fresh per-render form nonce: a double-submitted form changes nothing twice.
    pub(crate) fn nonce(&self) -> anyhow::Result<String> {
        shared::clock::random_base62(self.rng.as_ref(), 22)
    }

    /// Forgets the projects and Stripe keys kept, as if [`PROJECT_MAX_AGE`] had passed:
    /// tests that change a project's settings between two requests call it.
    pub fn forget_kept_projects(&self) {
        self.projects_kept.clear();
        self.keys_kept.clear();
    }

    /// Project `id`: kept from a read less than [`PROJECT_MAX_AGE`] ago, else read from the
    /// table (and kept; an unknown project is read again each time).
    pub(crate) async fn project(&self, id: &ProjectId) -> anyhow::Result<Option<Project>> {
        let now = self.clock.now();
        if let Some(project) = self.projects_kept.get(id, now) {
            return Ok(Some(project));
        }
        let read = self.projects.get(id).await?;
        if let Some(project) = &read {
            self.projects_kept.put(id.clone(), project.clone(), now);
        }
        Ok(read)
    }

    /// The project's Stripe key: kept from a read less than [`PROJECT_MAX_AGE`] ago, else
    /// read from SSM (and kept, under the project's id and parameter both).
    pub(crate) async fn stripe_key(&self, project: &Project) -> anyhow::Result<StripeKey> {
        let now = self.clock.now();
        let name = (
            project.id.clone(),
            project.stripe_secret_key_parameter.clone(),
        );
        if let Some(key) = self.keys_kept.get(&name, now) {
            return Ok(key);
        }
        let secret = self
            .secrets
            .secrets()
            .get(&name.1)
            .await
            .with_context(|| format!("reading the Stripe key of project {}", project.id))?;
        let key = StripeKey::new(secret);
        self.keys_kept.put(name, key.clone(), now);
        Ok(key)
    }

    /// The origin of Stripe's Checkout pages, for `form-action` on pages with "Update card".
    pub(crate) fn checkout_target(&self) -> Option<String> {
        shared::payment_method::checkout_origin(&self.config.stripe_api_base)
    }
}
