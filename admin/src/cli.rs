//! Command-line shape.

use clap::{Args, Parser, Subcommand, ValueEnum};
use shared::config::{DEFAULT_SIGNING_KEYS_PARAMETER, DEFAULT_SSM_PREFIX};

/// Admin CLI of the billing portal. Prints JSON.
#[derive(Debug, Parser)]
#[command(name = "portal-admin", version)]
pub struct Cli {
    /// DynamoDB table of the stack (stack output TableName).
    #[arg(long, env = "TABLE_NAME", global = true)]
    pub table: Option<String>,
    /// AWS endpoint override, e.g. a local moto (http://127.0.0.1:5000).
    #[arg(long, env = "AWS_ENDPOINT_URL", global = true)]
    pub endpoint_url: Option<String>,
    /// Prefix of the per-project secrets in SSM (stack parameter SsmPrefix).
    #[arg(long, env = "SSM_PREFIX", default_value = DEFAULT_SSM_PREFIX, global = true)]
    pub ssm_prefix: String,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create, show and update projects (tenants).
    #[command(subcommand)]
    Project(ProjectCommand),
    /// Issue, revoke and list a project's API keys.
    #[command(subcommand, name = "api-key")]
    ApiKey(ApiKeyCommand),
    /// Create and rotate the portal-token signing keys (an SSM SecureString).
    #[command(subcommand, name = "signing-keys")]
    SigningKeys(SigningKeysCommand),
    /// A project's outcome metrics as a table with a sparkline per series.
    Metrics(MetricsArgs),
    /// Local development only (used by `cargo xtask dev`).
    #[command(subcommand, hide = true)]
    Dev(DevCommand),
}

#[derive(Debug, Args)]
pub struct MetricsArgs {
    /// Project id (proj_…).
    #[arg(long)]
    pub project: String,
    /// How many days back, today (UTC) included (1-366).
    #[arg(long, default_value_t = 30)]
    pub days: u32,
    /// Print the report as JSON (the shape of `GET /v1/metrics`) instead of the table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ProjectCommand {
    /// Create a project, store its Stripe key in SSM and issue its first API key.
    Create(CreateProject),
    /// Print a project's settings (no secrets).
    Show {
        /// Project id (proj_…).
        #[arg(long)]
        project: String,
    },
    /// Change a project's settings; only the given flags change.
    Update(Box<UpdateProject>),
}

#[derive(Debug, Args)]
pub struct CreateProject {
    /// Display name.
    #[arg(long)]
    pub name: String,
    /// Allowed return URL; the first is the default. Repeat for more. A URL ending in `/`
    /// also allows every path under it.
    #[arg(long = "return-url", required = true)]
    pub return_urls: Vec<String>,
    /// The project's Stripe secret key. Prefer the STRIPE_SECRET_KEY variable or `-`
    /// (read from stdin) so the key stays out of shell history.
    #[arg(long, env = "STRIPE_SECRET_KEY", hide_env_values = true)]
    pub stripe_secret_key: Option<String>,
    /// Label of the first API key.
    #[arg(long)]
    pub key_label: Option<String>,
}

#[derive(Debug, Args)]
pub struct UpdateProject {
    /// Project id (proj_…).
    #[arg(long)]
    pub project: String,
    /// Display name.
    #[arg(long)]
    pub name: Option<String>,
    /// Replace the allowed return URLs (comma-separated).
    #[arg(long)]
    pub return_urls: Option<String>,
    /// Default return URL (also allowed).
    #[arg(long)]
    pub default_return_url: Option<String>,
    /// Logo URL (https); empty clears.
    #[arg(long)]
    pub logo_url: Option<String>,
    /// Accent colour `#rrggbb`; empty clears.
    #[arg(long)]
    pub accent_color: Option<String>,
    /// Support URL or `mailto:` address; empty clears.
    #[arg(long)]
    pub support_url: Option<String>,
    /// From address of customer emails; empty clears.
    #[arg(long)]
    pub sender_email: Option<String>,
    /// Replace the prices customers may switch between (comma-separated price_… ids).
    #[arg(long)]
    pub allowed_prices: Option<String>,
    /// Proration on plan changes.
    #[arg(long, value_enum)]
    pub proration: Option<Proration>,
    /// When downgrades take effect.
    #[arg(long, value_enum)]
    pub downgrade_timing: Option<Downgrade>,
    /// Quantities customers may pick on plan change, `MIN-MAX` (e.g. `1-50`); `none`
    /// keeps quantities as they are.
    #[arg(long)]
    pub quantity: Option<String>,
    /// Price the cancel page offers as "Switch to <plan> instead" (one of the allowed
    /// prices); empty clears.
    #[arg(long)]
    pub downgrade_price: Option<String>,
    /// When cancellations take effect.
    #[arg(long, value_enum)]
    pub cancellation_mode: Option<Cancellation>,
    /// Offer pausing the subscription.
    #[arg(long)]
    pub pause_offered: Option<bool>,
    /// Longest pause, in days.
    #[arg(long)]
    pub max_pause_days: Option<u32>,
    /// Ask for a reason when cancelling.
    #[arg(long)]
    pub reason_survey: Option<bool>,
    /// Replace the project's own cancel reasons (at most 5): `;`-separated `KEY=Label`
    /// and `KEY.LANG=Label`; `none` clears.
    #[arg(long)]
    pub custom_reasons: Option<String>,
    /// Replace the offers per reason: `;`-separated `REASON=coupon:ID`, `REASON=pause`,
    /// `REASON=downgrade`, `REASON=support`; `none` clears.
    #[arg(long)]
    pub offers: Option<String>,
    /// The portal's language for customers whose session, Stripe customer and browser
    /// name none it speaks: en, es, fr, de, it, pt-BR, nl, pl, ja, zh-Hans, ar or he.
    #[arg(long)]
    pub default_locale: Option<String>,
    /// Longest portal session after the link is opened, seconds.
    #[arg(long)]
    pub max_session_seconds: Option<u32>,
    /// Longest portal-link lifetime, seconds (caps `expires_in`; 60-86400).
    #[arg(long)]
    pub max_token_seconds: Option<u32>,
    /// Replace the origins allowed to frame the portal (comma-separated); empty: none.
    #[arg(long)]
    pub frame_ancestors: Option<String>,
    /// Billing details customers may edit (comma-separated: email, name, address, tax_id);
    /// `none` turns the billing details page off.
    #[arg(long)]
    pub billing_fields: Option<String>,
    /// Replace the webhook signing secrets (comma-separated whsec_…; `-` reads stdin).
    #[arg(long)]
    pub webhook_secrets: Option<String>,
    /// Rotate the Stripe secret key (`-` reads stdin).
    #[arg(long)]
    pub stripe_secret_key: Option<String>,
    /// The sign-in page (`/portal/login/<project id or slug>`): customers type their email
    /// and get portal links by email.
    #[arg(long, value_enum)]
    pub login: Option<Switch>,
    /// The sign-in page's address, `/portal/login/<slug>`: 3-40 lowercase letters, digits
    /// and hyphens, unique in the deployment; empty clears.
    #[arg(long)]
    pub login_slug: Option<String>,
    /// The portal's public base URL (the stack's `ApiUrl` or custom domain), to print the
    /// sign-in URL in full.
    #[arg(long, env = "PUBLIC_BASE_URL")]
    pub public_base_url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Switch {
    On,
    Off,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Proration {
    CreateProrations,
    None,
    AlwaysInvoice,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Downgrade {
    Immediately,
    PeriodEnd,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Cancellation {
    PeriodEnd,
    Immediate,
}

#[derive(Debug, Subcommand)]
pub enum ApiKeyCommand {
    /// Issue a new key (shown once).
    Create {
        /// Project id (proj_…).
        #[arg(long)]
        project: String,
        /// Free-form label.
        #[arg(long)]
        label: Option<String>,
    },
    /// Revoke a key by its id (from `api-key list`).
    Revoke {
        /// Project id (proj_…).
        #[arg(long)]
        project: String,
        /// Key id (SHA-256 hex, the `id` in `api-key list`).
        #[arg(long)]
        id: String,
    },
    /// List a project's keys (ids, prefixes, labels; never the keys).
    List {
        /// Project id (proj_…).
        #[arg(long)]
        project: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum SigningKeysCommand {
    /// Create the parameter with one fresh key, unless it exists.
    Init(SigningKeysParameter),
    /// Add a fresh key and sign with it; older keys keep verifying outstanding tokens.
    Rotate(SigningKeysParameter),
    /// Remove a (non-active) key: tokens signed with it stop working.
    Retire {
        #[command(flatten)]
        parameter: SigningKeysParameter,
        /// Key id to remove.
        #[arg(long)]
        kid: String,
    },
}

#[derive(Debug, Args)]
pub struct SigningKeysParameter {
    /// SSM parameter (stack parameter SigningKeysParameterName).
    #[arg(long = "parameter", env = "SIGNING_KEYS_PARAMETER", default_value = DEFAULT_SIGNING_KEYS_PARAMETER)]
    pub name: String,
}

#[derive(Debug, Subcommand)]
pub enum DevCommand {
    /// Create the table and the signing keys (idempotent).
    Bootstrap(SigningKeysParameter),
    /// Verify a sender address in SES (moto accepts it at once) so emails go out.
    VerifySender {
        /// The address (a project's `sender_email`).
        #[arg(long)]
        email: String,
    },
}
