//! What each command does; the domain logic itself lives in `shared`.

use crate::cli::{
    ApiKeyCommand, Cancellation, Cli, Command, CreateProject, DevCommand, Downgrade,
    ProjectCommand, Proration, SigningKeysCommand, SigningKeysParameter, Switch, UpdateProject,
};
use anyhow::{anyhow, bail, ensure, Context, Result};
use aws_config::{BehaviorVersion, Region, SdkConfig};
use secrecy::{ExposeSecret, SecretString};
use serde_json::{json, Value};
use shared::api_key::{ApiKeyStore, RevokeError};
use shared::aws::Clients;
use shared::clock::OsRandom;
use shared::ids::{ParseError, PriceId, ProjectId, ReturnUrl};
use shared::login::{login_path, LoginSlug};
use shared::project::{
    BillingField, CancellationMode, DowngradeTiming, Project, ProjectStore, ProrationBehavior,
    QuantityPolicy,
};
use shared::secrets::{Secrets, SecretsError};
use shared::settings::{
    self, split_list, AccentColor, EmailAddress, FrameAncestor, LogoUrl, SupportUrl,
};
use shared::store::{create_table, Table};
use shared::token::SigningKeys;
use std::io::BufRead;
use time::OffsetDateTime;

struct Ctx {
    clients: Clients,
    table: Option<String>,
    ssm_prefix: String,
}

impl Ctx {
    fn table(&self) -> Result<Table> {
        let name = self.table.as_deref().ok_or_else(|| {
            anyhow!("no table: pass --table or set TABLE_NAME (the stack output TableName)")
        })?;
        Ok(Table::new(self.clients.dynamodb.clone(), name))
    }

    fn secrets(&self) -> Secrets {
        Secrets::new(self.clients.ssm.clone())
    }
}

pub async fn run(cli: Cli) -> Result<Value> {
    let sdk = sdk_config(cli.endpoint_url.as_deref()).await;
    let ctx = Ctx {
        clients: Clients::new(&sdk),
        table: cli.table.filter(|t| !t.is_empty()),
        ssm_prefix: cli.ssm_prefix.trim_end_matches('/').to_string(),
    };
    match cli.command {
        Command::Project(ProjectCommand::Create(args)) => create_project(&ctx, args).await,
        Command::Project(ProjectCommand::Show { project }) => {
            let project = load_project(&ctx, &project).await?;
            Ok(serde_json::to_value(&project)?)
        }
        Command::Project(ProjectCommand::Update(args)) => update_project(&ctx, *args).await,
        Command::ApiKey(cmd) => api_key(&ctx, cmd).await,
        Command::SigningKeys(cmd) => signing_keys(&ctx, cmd).await,
        Command::Metrics(args) => metrics(&ctx, args).await,
        Command::Dev(DevCommand::Bootstrap(parameter)) => {
            let table = ctx.table()?;
            create_table(&ctx.clients.dynamodb, table.name()).await?;
            let keys = init_signing_keys(&ctx, &parameter).await?;
            Ok(json!({ "table": table.name(), "signing_keys": keys }))
        }
        Command::Dev(DevCommand::VerifySender { email }) => {
            let email = EmailAddress::parse(&email).map_err(|e| flag("--email", e))?;
            let email = email.as_str();
            ctx.clients
                .ses
                .verify_email_identity()
                .email_address(email)
                .send()
                .await
                .with_context(|| format!("verifying {email} in SES"))?;
            Ok(json!({ "verified": email }))
        }
    }
}

/// The project's report over the last `--days`; the table is returned as a JSON string,
/// which `main` prints as is.
async fn metrics(ctx: &Ctx, args: crate::cli::MetricsArgs) -> Result<Value> {
    ensure!(
        (1..=crate::metrics::MAX_DAYS).contains(&args.days),
        "--days must be 1 to {}",
        crate::metrics::MAX_DAYS
    );
    let project = load_project(ctx, &args.project).await?;
    let now = OffsetDateTime::now_utc();
    let to = shared::metrics::day_of(now);
    let from = to - time::Duration::days(i64::from(args.days) - 1);
    let store = shared::metrics::MetricsStore::new(
        ctx.table()?,
        shared::metrics::emf::Emf::memory("portal-admin").0,
    );
    let rows = store.read(&project.id, from, to).await?;
    let report = shared::metrics::report(&rows, from, to, now, project.max_session_seconds);
    if args.json {
        return Ok(serde_json::to_value(&report)?);
    }
    Ok(Value::String(crate::metrics::table(
        project.id.as_str(),
        &project.name,
        &report,
    )))
}

/// The standard AWS configuration, pointed at `endpoint` when given (local stand-ins
/// need a region too, so us-east-1 is assumed there when none is configured).
async fn sdk_config(endpoint: Option<&str>) -> SdkConfig {
    let mut loader = aws_config::defaults(BehaviorVersion::latest());
    if let Some(endpoint) = endpoint.filter(|e| !e.is_empty()) {
        loader = loader.endpoint_url(endpoint);
        let has_region = ["AWS_REGION", "AWS_DEFAULT_REGION"]
            .iter()
            .any(|v| std::env::var(v).is_ok_and(|r| !r.is_empty()));
        if !has_region {
            loader = loader.region(Region::new("us-east-1"));
        }
    }
    loader.load().await
}

async fn create_project(ctx: &Ctx, args: CreateProject) -> Result<Value> {
    let table = ctx.table()?;
    let return_urls = args
        .return_urls
        .iter()
        .map(|u| ReturnUrl::parse(u).map_err(|e| anyhow!("--return-url: {}", e.0)))
        .collect::<Result<Vec<_>>>()?;
    let default_return_url = return_urls
        .first()
        .cloned()
        .context("at least one --return-url is required")?;
    let raw_key = args.stripe_secret_key.as_deref().ok_or_else(|| {
        anyhow!(
            "no Stripe secret key: set STRIPE_SECRET_KEY, pass --stripe-secret-key - (reads stdin) \
             or --stripe-secret-key sk_…"
        )
    })?;
    let stripe_key = read_stripe_key(raw_key)?;
    ensure!(!args.name.trim().is_empty(), "--name must not be empty");

    let rng = OsRandom;
    let now = OffsetDateTime::now_utc();
    let id = ProjectId::generate(&rng)?;
    let mut project = Project::new(
        id,
        args.name.trim(),
        default_return_url,
        &ctx.ssm_prefix,
        now,
    );
    project.return_urls = return_urls;

    // The secret first: a stored project always has its Stripe key.
    ctx.secrets()
        .put(&project.stripe_secret_key_parameter, &stripe_key)
        .await?;
    ProjectStore::new(table.clone()).create(&project).await?;
    let (key, record) = ApiKeyStore::new(table)
        .create(&project.id, args.key_label.as_deref(), now, &rng)
        .await?;
    Ok(json!({
        "project": project.id,
        "api_key": key.expose(),
        "api_key_id": record.id,
        "name": project.name,
        "default_return_url": project.default_return_url,
        "return_urls": project.return_urls,
        "stripe_secret_key_parameter": project.stripe_secret_key_parameter,
    }))
}

async fn load_project(ctx: &Ctx, id: &str) -> Result<Project> {
    let id = parse_project_id(id)?;
    ProjectStore::new(ctx.table()?)
        .get(&id)
        .await?
        .ok_or_else(|| anyhow!("project {id} not found"))
}

fn parse_project_id(id: &str) -> Result<ProjectId> {
    ProjectId::parse(id).map_err(|e| anyhow!("--project: {}", e.0))
}

async fn update_project(ctx: &Ctx, args: UpdateProject) -> Result<Value> {
    let mut project = load_project(ctx, &args.project).await?;
    ensure!(
        !(args.stripe_secret_key.as_deref() == Some("-")
            && args.webhook_secrets.as_deref() == Some("-")),
        "only one of --stripe-secret-key and --webhook-secrets can read stdin"
    );
    if let Some(name) = args.name {
        ensure!(!name.trim().is_empty(), "--name must not be empty");
        project.name = name.trim().to_string();
    }
    if let Some(list) = args.return_urls {
        project.return_urls = split_list(&list)
            .map(|u| ReturnUrl::parse(u).map_err(|e| anyhow!("--return-urls: {}", e.0)))
            .collect::<Result<_>>()?;
    }
    if let Some(url) = args.default_return_url {
        project.default_return_url =
            ReturnUrl::parse(&url).map_err(|e| anyhow!("--default-return-url: {}", e.0))?;
    }
    if let Some(url) = args.logo_url {
        project.branding.logo_url = optional(&url, "--logo-url", LogoUrl::parse)?;
    }
    if let Some(color) = args.accent_color {
        project.branding.accent_color = optional(&color, "--accent-color", AccentColor::parse)?;
    }
    if let Some(support) = args.support_url {
        project.support_url = optional(&support, "--support-url", SupportUrl::parse)?;
    }
    if let Some(email) = args.sender_email {
        project.sender_email = optional(&email, "--sender-email", EmailAddress::parse)?;
    }
    if let Some(list) = args.allowed_prices {
        project.allowed_prices = list_of(&list, "--allowed-prices", PriceId::parse)?;
    }
    if let Some(p) = args.proration {
        project.proration_behavior = match p {
            Proration::CreateProrations => ProrationBehavior::CreateProrations,
            Proration::None => ProrationBehavior::None,
            Proration::AlwaysInvoice => ProrationBehavior::AlwaysInvoice,
        };
    }
    if let Some(d) = args.downgrade_timing {
        project.downgrade_timing = match d {
            Downgrade::Immediately => DowngradeTiming::Immediately,
            Downgrade::PeriodEnd => DowngradeTiming::PeriodEnd,
        };
    }
    if let Some(q) = args.quantity {
        project.quantity = QuantityPolicy::parse(&q).map_err(|e| flag("--quantity", e))?;
    }
    if let Some(price) = args.downgrade_price {
        project.downgrade_price = optional(&price, "--downgrade-price", PriceId::parse)?;
    }
    if let Some(c) = args.cancellation_mode {
        project.cancellation_mode = match c {
            Cancellation::PeriodEnd => CancellationMode::PeriodEnd,
            Cancellation::Immediate => CancellationMode::Immediate,
        };
    }
    if let Some(v) = args.pause_offered {
        project.pause_offered = v;
    }
    if let Some(days) = args.max_pause_days {
        project.max_pause_days = bounded("--max-pause-days", days, settings::PAUSE_DAYS)?;
    }
    if let Some(v) = args.reason_survey {
        project.reason_survey = v;
    }
    if let Some(list) = args.custom_reasons {
        project.custom_reasons = shared::offers::CustomReason::parse_list(&list)
            .map_err(|e| flag("--custom-reasons", e))?;
    }
    if let Some(list) = args.offers {
        project.offers =
            shared::offers::OfferRule::parse_list(&list).map_err(|e| flag("--offers", e))?;
    }
    if let Some(tag) = args.default_locale {
        project.default_locale = tag.parse().map_err(|e| flag("--default-locale", e))?;
    }
    if let Some(s) = args.max_session_seconds {
        project.max_session_seconds =
            bounded("--max-session-seconds", s, settings::SESSION_SECONDS)?;
    }
    if let Some(s) = args.max_token_seconds {
        project.max_token_seconds = bounded("--max-token-seconds", s, settings::TOKEN_SECONDS)?;
    }
    if let Some(list) = args.frame_ancestors {
        project.frame_ancestors = list_of(&list, "--frame-ancestors", FrameAncestor::parse)?;
    }
    if let Some(list) = args.billing_fields {
        project.billing_fields =
            BillingField::parse_list(&list).map_err(|e| flag("--billing-fields", e))?;
    }
    let previous_slug = project.login_slug.clone();
    if let Some(on) = args.login {
        project.login_enabled = on == Switch::On;
    }
    if let Some(slug) = args.login_slug {
        project.login_slug = optional(&slug, "--login-slug", |s| {
            LoginSlug::parse(s).map_err(ParseError)
        })?;
    }
    shared::offers::check(&project).map_err(|e| flag("--offers", e))?;
    if let Some(price) = &project.downgrade_price {
        ensure!(
            project.allowed_prices.contains(price),
            "--downgrade-price {price} must be one of the allowed prices (--allowed-prices)"
        );
    }

    let mut changed_secrets = Vec::new();
    if let Some(raw) = args.stripe_secret_key {
        let key = read_stripe_key(&raw)?;
        ctx.secrets()
            .put(&project.stripe_secret_key_parameter, &key)
            .await?;
        changed_secrets.push("stripe_secret_key");
    }
    if let Some(raw) = args.webhook_secrets {
        let value = read_secret(&raw, "--webhook-secrets")?;
        let secrets: Vec<&str> = split_list(value.expose_secret()).collect();
        ensure!(
            !secrets.is_empty() && secrets.iter().all(|s| s.starts_with("whsec_")),
            "--webhook-secrets must be a comma-separated list of whsec_… secrets"
        );
        let joined = SecretString::from(secrets.join(","));
        ctx.secrets()
            .put(&project.webhook_secrets_parameter, &joined)
            .await?;
        changed_secrets.push("webhook_secrets");
    }

    ProjectStore::new(ctx.table()?)
        .update_with_slug(&project, previous_slug.as_ref())
        .await?;
    let mut out = serde_json::to_value(&project)?;
    out["updated_secrets"] = json!(changed_secrets);
    if project.login_enabled {
        let path = login_path(&project.id, project.login_slug.as_ref());
        out["login_url"] = match args.public_base_url.as_deref() {
            Some(base) => json!(format!("{}{path}", base.trim_end_matches('/'))),
            None => json!(path),
        };
    }
    Ok(out)
}

async fn api_key(ctx: &Ctx, cmd: ApiKeyCommand) -> Result<Value> {
    let store = ApiKeyStore::new(ctx.table()?);
    match cmd {
        ApiKeyCommand::Create { project, label } => {
            // Only issue keys for projects that exist.
            let project = load_project(ctx, &project).await?;
            let (key, record) = store
                .create(
                    &project.id,
                    label.as_deref(),
                    OffsetDateTime::now_utc(),
                    &OsRandom,
                )
                .await?;
            let mut out = serde_json::to_value(&record)?;
            out["api_key"] = json!(key.expose());
            Ok(out)
        }
        ApiKeyCommand::Revoke { project, id } => {
            let project = parse_project_id(&project)?;
            match store
                .revoke(&project, id.trim(), OffsetDateTime::now_utc())
                .await
            {
                Ok(()) => Ok(json!({ "project": project, "revoked": id.trim() })),
                Err(RevokeError::NotFound) => {
                    bail!("no API key {} in project {project}", id.trim())
                }
                Err(RevokeError::Other(e)) => Err(e),
            }
        }
        ApiKeyCommand::List { project } => {
            let project = parse_project_id(&project)?;
            Ok(serde_json::to_value(store.list(&project).await?)?)
        }
    }
}

async fn signing_keys(ctx: &Ctx, cmd: SigningKeysCommand) -> Result<Value> {
    match cmd {
        SigningKeysCommand::Init(parameter) => init_signing_keys(ctx, &parameter).await,
        SigningKeysCommand::Rotate(parameter) => {
            let mut keys = load_signing_keys(ctx, &parameter.name).await?;
            let kid = format!("k{}", OffsetDateTime::now_utc().unix_timestamp());
            keys.rotate(&kid, &OsRandom)?;
            keys.store(&ctx.secrets(), &parameter.name).await?;
            Ok(json!({ "parameter": parameter.name, "active": keys.active_kid() }))
        }
        SigningKeysCommand::Retire { parameter, kid } => {
            let mut keys = load_signing_keys(ctx, &parameter.name).await?;
            ensure!(
                keys.active_kid() != kid,
                "{kid} is the active key: rotate first, then retire it once its tokens expired"
            );
            keys.retire(&kid);
            keys.store(&ctx.secrets(), &parameter.name).await?;
            Ok(json!({ "parameter": parameter.name, "retired": kid, "active": keys.active_kid() }))
        }
    }
}

async fn init_signing_keys(ctx: &Ctx, parameter: &SigningKeysParameter) -> Result<Value> {
    let secrets = ctx.secrets();
    match secrets.get(&parameter.name).await {
        Ok(_) => Ok(json!({ "parameter": parameter.name, "created": false })),
        Err(SecretsError::NotFound(_)) => {
            let keys = SigningKeys::generate("k1", &OsRandom)?;
            keys.store(&secrets, &parameter.name).await?;
            Ok(json!({ "parameter": parameter.name, "created": true, "active": keys.active_kid() }))
        }
        Err(SecretsError::Other(e)) => Err(e),
    }
}

async fn load_signing_keys(ctx: &Ctx, name: &str) -> Result<SigningKeys> {
    let raw = ctx.secrets().get(name).await.map_err(|e| match e {
        SecretsError::NotFound(_) => {
            anyhow!("{name} does not exist: run `portal-admin signing-keys init` first")
        }
        SecretsError::Other(e) => e,
    })?;
    SigningKeys::from_json(&raw)
}

/// A secret from the flag's value, or from stdin when the value is `-`.
fn read_secret(value: &str, flag: &str) -> Result<SecretString> {
    let text = if value == "-" {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .with_context(|| format!("reading {flag} from stdin"))?;
        line
    } else {
        value.to_string()
    };
    let text = text.trim();
    ensure!(!text.is_empty(), "{flag} is empty");
    Ok(SecretString::from(text.to_string()))
}

fn read_stripe_key(value: &str) -> Result<SecretString> {
    let key = read_secret(value, "the Stripe secret key")?;
    let k = key.expose_secret();
    // Never echo the value: only say what shape was expected.
    ensure!(
        (k.starts_with("sk_") || k.starts_with("rk_")) && !k.contains(char::is_whitespace),
        "the Stripe secret key must look like sk_test_…, sk_live_… or rk_…"
    );
    Ok(key)
}

/// A refusal from a shared parser, naming the flag.
fn flag(name: &str, e: ParseError) -> anyhow::Error {
    anyhow!("{name}: {}", e.0)
}

/// A number within the setting's bounds.
fn bounded(name: &str, value: u32, bounds: (u32, u32)) -> Result<u32> {
    settings::bounded(name, value, bounds).map_err(|e| anyhow!(e.0))
}

/// An empty value clears the setting; anything else must parse.
fn optional<T>(
    value: &str,
    name: &str,
    parse: impl Fn(&str) -> std::result::Result<T, ParseError>,
) -> Result<Option<T>> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    parse(value).map(Some).map_err(|e| flag(name, e))
}

/// A comma-separated list whose every entry must parse.
fn list_of<T>(
    list: &str,
    name: &str,
    parse: impl Fn(&str) -> std::result::Result<T, ParseError>,
) -> Result<Vec<T>> {
    split_list(list)
        .map(|v| parse(v).map_err(|e| flag(name, e)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stripe_key_must_look_like_one() {
        assert!(read_stripe_key("sk_test_abc").is_ok());
        assert!(read_stripe_key("rk_live_abc").is_ok());
        assert!(read_stripe_key("pk_test_abc").is_err());
        assert!(read_stripe_key("sk_test_a b").is_err());
    }

    #[test]
    fn colours_support_urls_and_origins_are_checked_by_the_shared_parsers() {
        assert!(optional("#12abEF", "--accent-color", AccentColor::parse).is_ok());
        assert!(optional("12abef", "--accent-color", AccentColor::parse).is_err());
        assert!(optional("#12abeg", "--accent-color", AccentColor::parse).is_err());
        assert!(optional("mailto:help@acme.test", "--support-url", SupportUrl::parse).is_ok());
        assert!(optional("https://acme.test/help", "--support-url", SupportUrl::parse).is_ok());
        assert!(optional("help@acme.test", "--support-url", SupportUrl::parse).is_err());
        // The portal would drop these: the CLI refuses them.
        assert!(optional("http://acme.test/help", "--support-url", SupportUrl::parse).is_err());
        assert!(list_of(
            "http://app.acme.test",
            "--frame-ancestors",
            FrameAncestor::parse
        )
        .is_err());
        assert_eq!(
            list_of(
                "https://app.acme.test",
                "--frame-ancestors",
                FrameAncestor::parse
            )
            .unwrap()[0]
                .as_str(),
            "https://app.acme.test"
        );
        assert!(list_of(
            "https://app.acme.test/billing",
            "--frame-ancestors",
            FrameAncestor::parse
        )
        .is_err());
        let e = optional("nope", "--sender-email", EmailAddress::parse).unwrap_err();
        assert!(e.to_string().starts_with("--sender-email: "), "{e}");
        assert_eq!(optional(" ", "--logo-url", LogoUrl::parse).unwrap(), None);
    }

    #[test]
    fn empty_list_entries_are_dropped() {
        let items: Vec<&str> = split_list(" price_a, ,price_b,").collect();
        assert_eq!(items, ["price_a", "price_b"]);
    }
}
