//! Tenant API keys: `bpk_<project id>_<base64url of 32 random bytes>`.
//!
//! Only the SHA-256 of a key is stored: row pk=`PROJECT#<id>`, sk=`APIKEY#<sha256 hex>`.
//! The project id inside the key keeps the lookup tenant-scoped. Several keys can be
//! live per project; revoking sets `revoked_at`.

use std::fmt;

use anyhow::Context;
use aws_sdk_dynamodb::types::AttributeValue;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use time::OffsetDateTime;

use crate::clock::Random;
use crate::ids::ProjectId;
use crate::store::{is_conditional_check_failed, keys, n, s, Item, ItemExt, Table};

const KEY_PREFIX: &str = "bpk_";
const SECRET_LEN: usize = 43;
const PROJECT_LEN: usize = 29;
/// Length of every API key.
pub const API_KEY_LEN: usize = KEY_PREFIX.len() + PROJECT_LEN + 1 + SECRET_LEN;
const DISPLAY_LEN: usize = KEY_PREFIX.len() + PROJECT_LEN + 1 + 4;

/// A raw API key. Shown once at creation; `Debug` never prints it.
#[derive(Clone)]
pub struct ApiKey {
    raw: SecretString,
    project: ProjectId,
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey([redacted])")
    }
}

impl ApiKey {
    /// A fresh key for `project`: 32 random bytes (256 bits).
    pub fn generate(project: &ProjectId, rng: &dyn Random) -> anyhow::Result<ApiKey> {
        let mut bytes = [0u8; 32];
        rng.fill(&mut bytes)?;
        Ok(ApiKey {
            raw: SecretString::from(format!(
                "{KEY_PREFIX}{project}_{}",
                URL_SAFE_NO_PAD.encode(bytes)
            )),
            project: project.clone(),
        })
    }

    /// Parses a presented key; `None` unless it has the exact shape.
    pub fn parse(raw: &str) -> Option<ApiKey> {
        project_of(raw).map(|project| ApiKey {
            raw: SecretString::from(raw),
            project,
        })
    }

    /// The project the key names (not yet authenticated).
    pub fn project(&self) -> &ProjectId {
        &self.project
    }

    /// The key's text, to show once or to send.
    pub fn expose(&self) -> &str {
        self.raw.expose_secret()
    }

    /// SHA-256 hex of the whole key: its stored id.
    pub fn hash(&self) -> String {
        hash(self.raw.expose_secret())
    }

    /// A non-secret prefix to tell keys apart in listings.
    pub fn display_prefix(&self) -> String {
        format!("{}…", &self.raw.expose_secret()[..DISPLAY_LEN])
    }
}

fn project_of(raw: &str) -> Option<ProjectId> {
    if raw.len() != API_KEY_LEN || !raw.is_ascii() {
        return None;
    }
    let rest = raw.strip_prefix(KEY_PREFIX)?;
    let (project, rest) = rest.split_at(PROJECT_LEN);
    let secret = rest.strip_prefix('_')?;
    let base64url = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
    if !secret.bytes().all(base64url) {
        return None;
    }
    ProjectId::parse(project).ok()
}

/// SHA-256 hex of a key.
pub fn hash(raw: &str) -> String {
    hex::encode(Sha256::digest(raw.as_bytes()))
}

/// A stored API key (never the key itself).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ApiKeyRecord {
    /// SHA-256 hex of the key: the id used to revoke it.
    pub id: String,
    /// The project.
    pub project: ProjectId,
    /// Free-form label.
    pub label: Option<String>,
    /// Display prefix (`bpk_proj_…_AbCd…`).
    pub prefix: String,
    /// Creation time, epoch seconds.
    pub created: i64,
    /// Revocation time, epoch seconds.
    pub revoked_at: Option<i64>,
}

impl TryFrom<&Item> for ApiKeyRecord {
    type Error = anyhow::Error;
    fn try_from(item: &Item) -> anyhow::Result<ApiKeyRecord> {
        Ok(ApiKeyRecord {
            id: item.get_s("key_hash")?.to_owned(),
            project: ProjectId::parse(item.get_s("project_id")?)?,
            label: item.get_s_opt("label").map(str::to_owned),
            prefix: item.get_s("prefix")?.to_owned(),
            created: item.get_n("created")?,
            revoked_at: item.get_n_opt("revoked_at")?,
        })
    }
}

fn sk(hash: &str) -> String {
    keys::api_key(hash)
}

/// Why a key was refused; callers answer 401 without saying which.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// Malformed, unknown or revoked.
    #[error("invalid API key")]
    Invalid,
    /// The store failed.
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

/// Failures of `revoke`.
#[derive(Debug, thiserror::Error)]
pub enum RevokeError {
    /// No key with that id in the project.
    #[error("API key not found")]
    NotFound,
    /// The store failed.
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

/// API keys on DynamoDB.
#[derive(Debug, Clone)]
pub struct ApiKeyStore {
    table: Table,
}

impl ApiKeyStore {
    /// A store on `table`.
    pub fn new(table: Table) -> ApiKeyStore {
        ApiKeyStore { table }
    }

    /// Issues and stores a new key for `project`; returns it (to show once) and its record.
    pub async fn create(
        &self,
        project: &ProjectId,
        label: Option<&str>,
        now: OffsetDateTime,
        rng: &dyn Random,
    ) -> anyhow::Result<(ApiKey, ApiKeyRecord)> {
        let key = ApiKey::generate(project, rng)?;
        let record = ApiKeyRecord {
            id: key.hash(),
            project: project.clone(),
            label: label.map(str::to_owned),
            prefix: key.display_prefix(),
            created: now.unix_timestamp(),
            revoked_at: None,
        };
        let mut item = Item::from([
            ("pk".to_owned(), s(keys::project_pk(project))),
            ("sk".to_owned(), s(sk(&record.id))),
            ("key_hash".to_owned(), s(&record.id)),
            ("project_id".to_owned(), s(project.as_str())),
            ("prefix".to_owned(), s(&record.prefix)),
            ("created".to_owned(), n(record.created)),
        ]);
        if let Some(label) = &record.label {
            item.insert("label".to_owned(), s(label));
        }
        self.table
            .insert(item, &format!("an API key for {project}"))
            .await?;
        Ok((key, record))
    }

    /// Every key of `project`, revoked ones included.
    pub async fn list(&self, project: &ProjectId) -> anyhow::Result<Vec<ApiKeyRecord>> {
        let mut out = Vec::new();
        let mut start = None;
        loop {
            let page = self
                .table
                .client()
                .query()
                .table_name(self.table.name())
                .key_condition_expression("pk = :pk AND begins_with(sk, :sk)")
                .expression_attribute_values(":pk", s(keys::project_pk(project)))
                .expression_attribute_values(":sk", s(keys::API_KEY_PREFIX))
                .set_exclusive_start_key(start)
                .consistent_read(true)
                .send()
                .await
                .with_context(|| format!("listing API keys of {project}"))?;
            for item in page.items() {
                out.push(ApiKeyRecord::try_from(item)?);
            }
            match page.last_evaluated_key() {
                Some(k) if !k.is_empty() => start = Some(k.clone()),
                _ => break,
            }
        }
        out.sort_by_key(|r| r.created);
        Ok(out)
    }

    /// Revokes the key with id `key_id` (its SHA-256 hex) in `project`. Revoking twice is fine.
    pub async fn revoke(
        &self,
        project: &ProjectId,
        key_id: &str,
        now: OffsetDateTime,
    ) -> Result<(), RevokeError> {
        let res = self
            .table
            .client()
            .update_item()
            .table_name(self.table.name())
            .key("pk", s(keys::project_pk(project)))
            .key("sk", s(sk(key_id)))
            .update_expression("SET revoked_at = if_not_exists(revoked_at, :now)")
            .condition_expression("attribute_exists(pk)")
            .expression_attribute_values(":now", n(now.unix_timestamp()))
            .send()
            .await;
        match res {
            Ok(_) => Ok(()),
            Err(e) if is_conditional_check_failed(&e) => Err(RevokeError::NotFound),
            Err(e) => Err(RevokeError::Other(
                anyhow::Error::new(e).context(format!("revoking an API key of {project}")),
            )),
        }
    }

    /// The project a presented key belongs to, if the key is live.
    pub async fn authenticate(&self, raw: &str) -> Result<ProjectId, AuthError> {
        let key = ApiKey::parse(raw).ok_or(AuthError::Invalid)?;
        let project = key.project().clone();
        let hash = key.hash();
        let out = self
            .table
            .client()
            .get_item()
            .table_name(self.table.name())
            .key("pk", s(keys::project_pk(&project)))
            .key("sk", s(sk(&hash)))
            .consistent_read(true)
            .send()
            .await
            .context("looking up an API key")?;
        let item = out.item().ok_or(AuthError::Invalid)?;
        let stored = match item.get("key_hash") {
            Some(AttributeValue::S(h)) => h.as_bytes(),
            _ => return Err(AuthError::Invalid),
        };
        // The lookup was by hash already; compare again in constant time as defence in depth.
        if !bool::from(stored.ct_eq(hash.as_bytes())) {
            return Err(AuthError::Invalid);
        }
        if item.get_n_opt("revoked_at")?.is_some() {
            return Err(AuthError::Invalid);
        }
        Ok(project)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::OsRandom;
    use proptest::prelude::*;

    fn project() -> ProjectId {
        ProjectId::parse("proj_abcdefghijklmnopqrstuvwx").unwrap()
    }

    #[test]
    fn generated_keys_have_the_documented_shape() {
        let key = ApiKey::generate(&project(), &OsRandom).unwrap();
        let raw = key.expose();
        assert_eq!(raw.len(), API_KEY_LEN);
        assert!(raw.starts_with("bpk_proj_abcdefghijklmnopqrstuvwx_"));
        assert_eq!(ApiKey::parse(raw).unwrap().project(), &project());
        assert_eq!(key.hash().len(), 64);
        assert!(!format!("{key:?}").contains(&raw[34..]));
        assert!(key.display_prefix().len() < raw.len());
    }

    #[test]
    fn two_keys_differ() {
        let a = ApiKey::generate(&project(), &OsRandom).unwrap();
        let b = ApiKey::generate(&project(), &OsRandom).unwrap();
        assert_ne!(a.expose(), b.expose());
    }

    #[test]
    fn malformed_keys_do_not_parse() {
        let good = ApiKey::generate(&project(), &OsRandom).unwrap();
        let raw = good.expose();
        assert!(ApiKey::parse(&raw[1..]).is_none());
        assert!(ApiKey::parse(&format!("{raw}A")).is_none());
        assert!(ApiKey::parse(&raw.replace("bpk_", "sk_x")).is_none());
        assert!(ApiKey::parse("").is_none());
    }

    proptest! {
        #[test]
        fn key_parser_never_panics(s in "\\PC{0,100}") {
            if let Some(k) = ApiKey::parse(&s) {
                prop_assert_eq!(k.expose(), s.as_str());
            }
        }
    }
}
