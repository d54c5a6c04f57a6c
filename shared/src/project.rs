//! Projects (tenants): their settings and their store on DynamoDB.
//!
//! Row: pk=`PROJECT#<id>`, sk=`PROJECT`, the record as JSON in `data`. Secrets are not
//! in the row: it names SSM parameters.

use anyhow::Context;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::ids::{PriceId, ProjectId, ReturnUrl};
use crate::retention::{CustomReason, OfferRule};
use crate::settings::LoginSlug;
use crate::settings::{
    lenient, lenient_list, AccentColor, EmailAddress, FrameAncestor, LogoUrl, SupportUrl,
};
pub use crate::settings::{BillingField, QuantityPolicy};
use crate::store::{is_conditional_check_failed, keys, s, Item, ItemExt, Table};

/// Default maximum lifetime of a portal session (4 h).
pub const DEFAULT_MAX_SESSION_SECONDS: u32 = 14_400;
/// Default maximum lifetime of a portal token (24 h).
pub const DEFAULT_MAX_TOKEN_SECONDS: u32 = 86_400;

/// How Stripe prorates plan changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProrationBehavior {
    /// Prorate, invoice at the next renewal.
    #[default]
    CreateProrations,
    /// No proration.
    None,
    /// Prorate and invoice immediately.
    AlwaysInvoice,
}

/// When a downgrade takes effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DowngradeTiming {
    /// Immediately.
    #[default]
    Immediately,
    /// At the end of the current period.
    PeriodEnd,
}

/// When a cancellation takes effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CancellationMode {
    /// At the end of the current period.
    #[default]
    PeriodEnd,
    /// Immediately.
    Immediate,
}

fn default_billing_fields() -> Vec<BillingField> {
    BillingField::ALL.to_vec()
}

/// Look of the portal.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Branding {
    /// Logo shown in the header.
    #[serde(default, deserialize_with = "lenient")]
    pub logo_url: Option<LogoUrl>,
    /// Accent colour, `#rrggbb`.
    #[serde(default, deserialize_with = "lenient")]
    pub accent_color: Option<AccentColor>,
}

/// A tenant and its portal settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    /// `proj_…`.
    pub id: ProjectId,
    /// Display name.
    pub name: String,
    /// SSM SecureString holding the project's Stripe secret key.
    pub stripe_secret_key_parameter: String,
    /// SSM SecureString holding the webhook signing secrets (comma-separated).
    pub webhook_secrets_parameter: String,
    /// Allowed return URLs (see `ReturnUrl::is_allowed_by`).
    pub return_urls: Vec<ReturnUrl>,
    /// Return URL used when a session names none; also allowed.
    pub default_return_url: ReturnUrl,
    /// Logo and colour.
    #[serde(default)]
    pub branding: Branding,
    /// Support URL or `mailto:` address shown in the portal.
    #[serde(default, deserialize_with = "lenient")]
    pub support_url: Option<SupportUrl>,
    /// From address of customer emails.
    #[serde(default, deserialize_with = "lenient")]
    pub sender_email: Option<EmailAddress>,
    /// Prices a customer may switch between.
    #[serde(default, deserialize_with = "lenient_list")]
    pub allowed_prices: Vec<PriceId>,
    /// Proration on plan changes.
    #[serde(default)]
    pub proration_behavior: ProrationBehavior,
    /// When downgrades apply.
    #[serde(default)]
    pub downgrade_timing: DowngradeTiming,
    /// Quantity changes on plan change, with their bounds; `None`: quantity is kept.
    #[serde(default)]
    pub quantity: Option<QuantityPolicy>,
    /// Price the cancel page offers as "Switch to <plan> instead" (one of `allowed_prices`).
    #[serde(default, deserialize_with = "lenient")]
    pub downgrade_price: Option<PriceId>,
    /// When cancellations apply.
    #[serde(default)]
    pub cancellation_mode: CancellationMode,
    /// Whether customers may pause.
    #[serde(default)]
    pub pause_offered: bool,
    /// Longest pause, in days.
    #[serde(default = "default_max_pause_days")]
    pub max_pause_days: u32,
    /// Whether cancelling asks for a reason.
    #[serde(default = "default_true")]
    pub reason_survey: bool,
    /// Reasons of the project's own, beside Stripe's eight (at most five).
    #[serde(default, deserialize_with = "crate::retention::lenient_records")]
    pub custom_reasons: Vec<CustomReason>,
    /// The offer that answers each reason (at most one per reason).
    #[serde(default, deserialize_with = "crate::retention::lenient_records")]
    pub offers: Vec<OfferRule>,
    /// Longest portal session after redemption, seconds.
    #[serde(default = "default_max_session_seconds")]
    pub max_session_seconds: u32,
    /// Longest portal token lifetime, seconds (caps `expires_in`).
    #[serde(default = "default_max_token_seconds")]
    pub max_token_seconds: u32,
    /// Billing details the customer may edit; empty: no billing details page.
    #[serde(default = "default_billing_fields")]
    pub billing_fields: Vec<BillingField>,
    /// Origins allowed to frame the portal (CSP `frame-ancestors`); empty: none.
    #[serde(default, deserialize_with = "lenient_list")]
    pub frame_ancestors: Vec<FrameAncestor>,
    /// The language of customers whose session, Stripe customer and browser name none the
    /// portal speaks (`en` by default).
    #[serde(default, deserialize_with = "crate::i18n::lenient_lang")]
    pub default_locale: crate::i18n::Lang,
    /// Whether the sign-in page (`/portal/login/<id or slug>`) is on.
    #[serde(default)]
    pub login_enabled: bool,
    /// The sign-in page's slug, unique in the deployment (`ProjectStore::set_login_slug`).
    #[serde(default, deserialize_with = "lenient")]
    pub login_slug: Option<LoginSlug>,
    /// Creation time, epoch seconds.
    pub created: i64,
}

fn default_true() -> bool {
    true
}
fn default_max_pause_days() -> u32 {
    90
}
fn default_max_session_seconds() -> u32 {
    DEFAULT_MAX_SESSION_SECONDS
}
fn default_max_token_seconds() -> u32 {
    DEFAULT_MAX_TOKEN_SECONDS
}

impl Project {
    /// A project with default settings; secrets live at the standard SSM names under `ssm_prefix`.
    pub fn new(
        id: ProjectId,
        name: impl Into<String>,
        return_url: ReturnUrl,
        ssm_prefix: &str,
        created: OffsetDateTime,
    ) -> Project {
        Project {
            stripe_secret_key_parameter: crate::secrets::stripe_secret_key_parameter(
                ssm_prefix, &id,
            ),
            webhook_secrets_parameter: crate::secrets::webhook_secrets_parameter(ssm_prefix, &id),
            id,
            name: name.into(),
            return_urls: vec![return_url.clone()],
            default_return_url: return_url,
            branding: Branding::default(),
            support_url: None,
            sender_email: None,
            allowed_prices: Vec::new(),
            proration_behavior: ProrationBehavior::default(),
            downgrade_timing: DowngradeTiming::default(),
            quantity: None,
            downgrade_price: None,
            cancellation_mode: CancellationMode::default(),
            pause_offered: false,
            max_pause_days: default_max_pause_days(),
            reason_survey: true,
            custom_reasons: Vec::new(),
            offers: Vec::new(),
            max_session_seconds: DEFAULT_MAX_SESSION_SECONDS,
            max_token_seconds: DEFAULT_MAX_TOKEN_SECONDS,
            billing_fields: default_billing_fields(),
            frame_ancestors: Vec::new(),
            default_locale: crate::i18n::Lang::En,
            login_enabled: false,
            login_slug: None,
            created: created.unix_timestamp(),
        }
    }

    /// Whether `url` is the default or matches an entry of the allow-list.
    pub fn allows_return_url(&self, url: &ReturnUrl) -> bool {
        url.is_allowed_by(&self.default_return_url)
            || self.return_urls.iter().any(|e| url.is_allowed_by(e))
    }
}

/// A project with default settings for unit tests (`proj_abc…`, "Acme", returns to
/// `https://app.acme.test/billing`).
#[cfg(test)]
pub(crate) fn test_project() -> Project {
    Project::new(
        ProjectId::parse("proj_abcdefghijklmnopqrstuvwx").expect("a valid project id"),
        "Acme",
        ReturnUrl::parse("https://app.acme.test/billing").expect("a valid URL"),
        "/billing-portal",
        OffsetDateTime::from_unix_timestamp(1_764_100_000).expect("a valid time"),
    )
}

impl TryFrom<&Item> for Project {
    type Error = anyhow::Error;
    fn try_from(item: &Item) -> anyhow::Result<Project> {
        let data = item.get_s("data")?;
        serde_json::from_str(data).context("decoding project record")
    }
}

impl TryFrom<Item> for Project {
    type Error = anyhow::Error;
    fn try_from(item: Item) -> anyhow::Result<Project> {
        Project::try_from(&item)
    }
}

fn to_item(p: &Project) -> anyhow::Result<Item> {
    Ok(Item::from([
        ("pk".to_owned(), s(keys::project_pk(&p.id))),
        ("sk".to_owned(), s(keys::PROJECT)),
        ("project_id".to_owned(), s(p.id.as_str())),
        ("name".to_owned(), s(&p.name)),
        (
            "data".to_owned(),
            s(serde_json::to_string(p).context("encoding project")?),
        ),
    ]))
}

/// Failures of project writes.
#[derive(Debug, thiserror::Error)]
pub enum ProjectStoreError {
    /// `create` found a project with that id.
    #[error("project {0} already exists")]
    AlreadyExists(ProjectId),
    /// `update` found no project with that id.
    #[error("project {0} not found")]
    NotFound(ProjectId),
    /// Another project has claimed this sign-in slug.
    #[error("the sign-in slug {0} is taken by another project")]
    SlugTaken(LoginSlug),
    /// Anything else.
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

/// Projects on DynamoDB.
#[derive(Debug, Clone)]
pub struct ProjectStore {
    table: Table,
}

impl ProjectStore {
    /// A store on `table`.
    pub fn new(table: Table) -> ProjectStore {
        ProjectStore { table }
    }

    /// Writes a new project; fails if the id is taken.
    pub async fn create(&self, project: &Project) -> Result<(), ProjectStoreError> {
        self.put(project, "attribute_not_exists(pk)")
            .await
            .map_err(|e| match e {
                PutError::Condition => ProjectStoreError::AlreadyExists(project.id.clone()),
                PutError::Other(e) => ProjectStoreError::Other(e),
            })
    }

    /// Replaces an existing project's record; fails if there is none.
    pub async fn update(&self, project: &Project) -> Result<(), ProjectStoreError> {
        self.put(project, "attribute_exists(pk)")
            .await
            .map_err(|e| match e {
                PutError::Condition => ProjectStoreError::NotFound(project.id.clone()),
                PutError::Other(e) => ProjectStoreError::Other(e),
            })
    }

    /// The project with `id`, if any.
    pub async fn get(&self, id: &ProjectId) -> anyhow::Result<Option<Project>> {
        let item = self
            .table
            .get(&keys::project_pk(id), keys::PROJECT)
            .await
            .with_context(|| format!("reading project {id}"))?;
        item.map(Project::try_from).transpose()
    }

    /// Replaces an existing project's record whose sign-in slug changes from `previous`
    /// (what the stored record names) to `project.login_slug`, in one transaction: the new
    /// slug's claim is written only if no other project holds it, the old claim is
    /// dropped only if it is this project's, and the record only if it exists.
    pub async fn update_with_slug(
        &self,
        project: &Project,
        previous: Option<&LoginSlug>,
    ) -> Result<(), ProjectStoreError> {
        use aws_sdk_dynamodb::types::{Delete, Put, TransactWriteItem};
        if project.login_slug.as_ref() == previous {
            return self.update(project).await;
        }
        let build = |e: aws_sdk_dynamodb::error::BuildError| {
            ProjectStoreError::Other(anyhow::Error::new(e).context("building a slug change"))
        };
        let me = s(project.id.as_str());
        let mut items = vec![TransactWriteItem::builder()
            .put(
                Put::builder()
                    .table_name(self.table.name())
                    .set_item(Some(to_item(project)?))
                    .condition_expression("attribute_exists(pk)")
                    .build()
                    .map_err(build)?,
            )
            .build()];
        if let Some(slug) = &project.login_slug {
            let claim = Item::from([
                ("pk".to_owned(), s(keys::login_slug_pk(slug.as_str()))),
                ("sk".to_owned(), s(keys::LOGIN_SLUG)),
                ("project_id".to_owned(), me.clone()),
            ]);
            items.push(
                TransactWriteItem::builder()
                    .put(
                        Put::builder()
                            .table_name(self.table.name())
                            .set_item(Some(claim))
                            .condition_expression("attribute_not_exists(pk) OR project_id = :p")
                            .expression_attribute_values(":p", me.clone())
                            .build()
                            .map_err(build)?,
                    )
                    .build(),
            );
        }
        if let Some(old) = previous {
            items.push(
                TransactWriteItem::builder()
                    .delete(
                        Delete::builder()
                            .table_name(self.table.name())
                            .key("pk", s(keys::login_slug_pk(old.as_str())))
                            .key("sk", s(keys::LOGIN_SLUG))
                            .condition_expression("attribute_not_exists(pk) OR project_id = :p")
                            .expression_attribute_values(":p", me.clone())
                            .build()
                            .map_err(build)?,
                    )
                    .build(),
            );
        }
        let res = self
            .table
            .client()
            .transact_write_items()
            .set_transact_items(Some(items))
            .send()
            .await;
        match res {
            Ok(_) => Ok(()),
            Err(e) if crate::store::is_transaction_condition_failed(&e) => {
                // Which condition failed: the record (gone) or the claim (taken).
                match self.get(&project.id).await? {
                    None => Err(ProjectStoreError::NotFound(project.id.clone())),
                    Some(_) => Err(ProjectStoreError::SlugTaken(
                        project
                            .login_slug
                            .clone()
                            .ok_or_else(|| anyhow::anyhow!("a slug change failed its condition"))?,
                    )),
                }
            }
            Err(e) => Err(ProjectStoreError::Other(
                anyhow::Error::new(e).context(format!("changing the slug of {}", project.id)),
            )),
        }
    }

    /// The project that claimed sign-in slug `slug`, if any.
    pub async fn project_of_slug(&self, slug: &LoginSlug) -> anyhow::Result<Option<ProjectId>> {
        let item = self
            .table
            .get(&keys::login_slug_pk(slug.as_str()), keys::LOGIN_SLUG)
            .await
            .context("reading a sign-in slug")?;
        item.map(|i| {
            ProjectId::parse(i.get_s("project_id")?)
                .map_err(|e| anyhow::anyhow!("a slug claim names a bad project id: {e:?}"))
        })
        .transpose()
    }

    async fn put(&self, project: &Project, condition: &str) -> Result<(), PutError> {
        let item = to_item(project)?;
        let res = self
            .table
            .client()
            .put_item()
            .table_name(self.table.name())
            .set_item(Some(item))
            .condition_expression(condition)
            .send()
            .await;
        match res {
            Ok(_) => Ok(()),
            Err(e) if is_conditional_check_failed(&e) => Err(PutError::Condition),
            Err(e) => Err(PutError::Other(
                anyhow::Error::new(e).context(format!("writing project {}", project.id)),
            )),
        }
    }
}

enum PutError {
    Condition,
    Other(anyhow::Error),
}

impl From<anyhow::Error> for PutError {
    fn from(e: anyhow::Error) -> Self {
        PutError::Other(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> Project {
        test_project()
    }

    #[test]
    fn a_project_round_trips_through_its_item() {
        let p = project();
        let item = to_item(&p).unwrap();
        assert_eq!(
            item.get_s("pk").unwrap(),
            "PROJECT#proj_abcdefghijklmnopqrstuvwx"
        );
        assert_eq!(Project::try_from(&item).unwrap(), p);
    }

    #[test]
    fn new_projects_name_their_secrets_in_ssm() {
        let p = project();
        assert_eq!(
            p.stripe_secret_key_parameter,
            "/billing-portal/projects/proj_abcdefghijklmnopqrstuvwx/stripe-secret-key"
        );
        assert_eq!(p.max_token_seconds, 86_400);
        assert_eq!(p.max_session_seconds, 14_400);
    }

    #[test]
    fn records_missing_newer_fields_get_defaults() {
        let json = r#"{"id":"proj_abcdefghijklmnopqrstuvwx","name":"A",
            "stripe_secret_key_parameter":"/p/s","webhook_secrets_parameter":"/p/w",
            "return_urls":[],"default_return_url":"https://a.test/","created":1}"#;
        let p: Project = serde_json::from_str(json).unwrap();
        assert_eq!(p.max_token_seconds, DEFAULT_MAX_TOKEN_SECONDS);
        assert_eq!(p.cancellation_mode, CancellationMode::PeriodEnd);
        assert!(p.reason_survey);
        assert_eq!(p.quantity, None);
        assert_eq!(p.downgrade_price, None);
        assert_eq!(p.billing_fields, BillingField::ALL.to_vec());
    }

    #[test]
    fn return_urls_are_checked_against_the_allow_list() {
        let mut p = project();
        p.return_urls
            .push(ReturnUrl::parse("https://other.acme.test/").unwrap());
        let ok = |u: &str| p.allows_return_url(&ReturnUrl::parse(u).unwrap());
        assert!(ok("https://app.acme.test/billing"));
        assert!(ok("https://other.acme.test/anything"));
        assert!(!ok("https://evil.test/billing"));
    }
}
