//! Secrets in SSM Parameter Store (SecureString), read once per cold start and cached.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use aws_sdk_ssm::types::ParameterType;
use secrecy::{ExposeSecret, SecretString};
use tokio::sync::Mutex;

use crate::ids::ProjectId;

/// A parameter that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SecretsError {
    /// No such parameter.
    #[error("SSM parameter {0} not found")]
    NotFound(String),
    /// Any other failure.
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

/// The SSM name of a project's Stripe secret key.
pub fn stripe_secret_key_parameter(prefix: &str, project: &ProjectId) -> String {
    format!(
        "{}/projects/{project}/stripe-secret-key",
        prefix.trim_end_matches('/')
    )
}

/// The SSM name of a project's webhook signing secrets (comma-separated).
pub fn webhook_secrets_parameter(prefix: &str, project: &ProjectId) -> String {
    format!(
        "{}/projects/{project}/webhook-secrets",
        prefix.trim_end_matches('/')
    )
}

/// SecureString parameters in SSM.
#[derive(Debug, Clone)]
pub struct Secrets {
    ssm: aws_sdk_ssm::Client,
}

impl Secrets {
    /// Wraps an SSM client.
    pub fn new(ssm: aws_sdk_ssm::Client) -> Secrets {
        Secrets { ssm }
    }

    /// Writes `value` as a SecureString (overwriting an existing value).
    pub async fn put(&self, name: &str, value: &SecretString) -> anyhow::Result<()> {
        self.ssm
            .put_parameter()
            .name(name)
            .value(value.expose_secret())
            .r#type(ParameterType::SecureString)
            .overwrite(true)
            .send()
            .await
            .with_context(|| format!("writing SSM parameter {name}"))?;
        Ok(())
    }

    /// Reads and decrypts a SecureString.
    pub async fn get(&self, name: &str) -> Result<SecretString, SecretsError> {
        let out = self
            .ssm
            .get_parameter()
            .name(name)
            .with_decryption(true)
            .send()
            .await;
        match out {
            Ok(out) => out
                .parameter()
                .and_then(|p| p.value())
                .map(SecretString::from)
                .ok_or_else(|| SecretsError::NotFound(name.to_owned())),
            Err(e)
                if e.as_service_error()
                    .is_some_and(|s| s.is_parameter_not_found()) =>
            {
                Err(SecretsError::NotFound(name.to_owned()))
            }
            Err(e) => Err(SecretsError::Other(
                anyhow::Error::new(e).context(format!("reading SSM parameter {name}")),
            )),
        }
    }
}

/// The shortest time between two reads of one cached parameter that bypass the cache
/// (a webhook secret rotated since the cold start): a flood of forged signatures cannot
/// turn into a flood of SSM reads (and KMS decrypts) that would throttle every function's
/// cold start.
pub const MIN_REFRESH_INTERVAL: Duration = Duration::from_secs(30);

#[derive(Debug)]
struct Cached {
    value: SecretString,
    read_at: Instant,
}

/// Secrets fetched at most once per process (one Lambda cold start) and kept in memory.
#[derive(Debug)]
pub struct SecretCache {
    secrets: Secrets,
    values: Mutex<HashMap<String, Cached>>,
    fetches: AtomicU64,
    min_refresh: Duration,
}

impl SecretCache {
    /// An empty cache over `secrets`.
    pub fn new(secrets: Secrets) -> SecretCache {
        SecretCache {
            secrets,
            values: Mutex::new(HashMap::new()),
            fetches: AtomicU64::new(0),
            min_refresh: MIN_REFRESH_INTERVAL,
        }
    }

    /// Replaces [`MIN_REFRESH_INTERVAL`] (tests: a rotation picked up at once).
    pub fn set_min_refresh_interval(&mut self, interval: Duration) {
        self.min_refresh = interval;
    }

    /// Reads `name` from SSM and keeps it in `values` (the caller holds the lock).
    async fn fetch_into(
        &self,
        values: &mut HashMap<String, Cached>,
        name: &str,
    ) -> Result<SecretString, SecretsError> {
        self.fetches.fetch_add(1, Ordering::Relaxed);
        let value = self.secrets.get(name).await?;
        let cached = Cached {
            value: value.clone(),
            read_at: Instant::now(),
        };
        values.insert(name.to_owned(), cached);
        Ok(value)
    }

    /// The secret named `name`, from memory or (first time) from SSM. Failures are not cached.
    pub async fn get(&self, name: &str) -> Result<SecretString, SecretsError> {
        // Holding the lock across the fetch makes concurrent first reads fetch once.
        let mut values = self.values.lock().await;
        if let Some(v) = values.get(name) {
            return Ok(v.value.clone());
        }
        let value = self.fetch_into(&mut values, name).await?;
        Ok(value)
    }

    /// Reads `name` from SSM again and keeps the new value, unless it was read less than
    /// [`MIN_REFRESH_INTERVAL`] ago: then `None`, and the caller goes on with what it has.
    /// (A parameter not cached yet is read.)
    pub async fn refresh(&self, name: &str) -> Result<Option<SecretString>, SecretsError> {
        let mut values = self.values.lock().await;
        if values
            .get(name)
            .is_some_and(|v| v.read_at.elapsed() < self.min_refresh)
        {
            return Ok(None);
        }
        let value = self.fetch_into(&mut values, name).await?;
        Ok(Some(value))
    }

    /// How many reads this cache made from SSM (for tests and diagnostics).
    pub fn fetches(&self) -> u64 {
        self.fetches.load(Ordering::Relaxed)
    }

    /// The underlying uncached store.
    pub fn secrets(&self) -> &Secrets {
        &self.secrets
    }
}

/// Shares one cache between handlers.
pub type SharedSecretCache = Arc<SecretCache>;
