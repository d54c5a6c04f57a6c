//! Portal tokens: `v1.<kid>.<base64url(payload JSON)>.<base64url(HMAC-SHA256)>`.
//!
//! The HMAC covers `v1.<kid>.<payload>`, is checked in constant time with the key named
//! by `kid` (any listed key verifies; the active one signs), and is checked before any
//! database read. The row is keyed by the SHA-256 of the random token id, never the token:
//! pk=`PROJECT#<p>`, sk=`TOKEN#<sha256 hex of id>`. Redemption is one conditional
//! `DeleteItem`, so of N concurrent redemptions exactly one wins.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use anyhow::{anyhow, bail, Context};
use aws_sdk_dynamodb::types::{Delete, ReturnValue, TransactWriteItem};
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use secrecy::{ExposeSecret, SecretSlice, SecretString};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::clock::Random;
use crate::ids::{CustomerId, Flow, Locale, ProjectId, ReturnUrl, SubscriptionId};
use crate::secrets::Secrets;
use crate::store::{is_conditional_check_failed, keys, n, s, Item, ItemExt, Table};

type HmacSha256 = Hmac<Sha256>;

/// Longest token accepted; anything longer is refused unread.
pub const MAX_TOKEN_LEN: usize = 4096;
const VERSION: &str = "v1";
const MIN_KEY_BYTES: usize = 32;

/// 16 random bytes naming one token.
#[derive(Clone, PartialEq, Eq)]
pub struct TokenId([u8; 16]);

impl TokenId {
    /// A fresh random id.
    pub fn generate(rng: &dyn Random) -> anyhow::Result<TokenId> {
        let mut b = [0u8; 16];
        rng.fill(&mut b)?;
        Ok(TokenId(b))
    }

    /// SHA-256 hex of the id: the row's key.
    pub fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.0))
    }
}

impl fmt::Debug for TokenId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenId([redacted])")
    }
}

impl Serialize for TokenId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&URL_SAFE_NO_PAD.encode(self.0))
    }
}

impl<'de> Deserialize<'de> for TokenId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let v = URL_SAFE_NO_PAD
            .decode(s.as_bytes())
            .map_err(serde::de::Error::custom)?;
        let b: [u8; 16] = v
            .try_into()
            .map_err(|_| serde::de::Error::custom("token id must be 16 bytes"))?;
        Ok(TokenId(b))
    }
}

/// What a token says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claims {
    /// The project whose Stripe account the portal uses.
    pub project: ProjectId,
    /// The customer.
    pub customer: CustomerId,
    /// The job the customer lands on.
    pub flow: Flow,
    /// The subscription a `subscription_*` flow acts on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription: Option<SubscriptionId>,
    /// Where "Return" leads; `None`: the project's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_url: Option<ReturnUrl>,
    /// Portal language.
    pub locale: Locale,
    /// Random id (the row is keyed by its hash).
    pub id: TokenId,
    /// Expiry, epoch seconds.
    pub exp: i64,
}

/// A signed token. `Debug` never prints it.
#[derive(Clone)]
pub struct PortalToken(SecretString);

impl PortalToken {
    /// The token's text (goes into the portal URL only).
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl fmt::Debug for PortalToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PortalToken([redacted])")
    }
}

/// Why a token was refused before reaching the store. Callers show none of this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// Wrong shape, size, version or encoding.
    #[error("malformed token")]
    Malformed,
    /// Unknown key id.
    #[error("unknown signing key")]
    UnknownKey,
    /// The HMAC does not match.
    #[error("bad token signature")]
    BadSignature,
    /// Past its expiry.
    #[error("token expired")]
    Expired,
}

/// A token whose HMAC and expiry were checked; only `SigningKeys::verify` makes one.
#[derive(Debug, Clone)]
pub struct VerifiedToken {
    claims: Claims,
}

impl VerifiedToken {
    /// The verified claims.
    pub fn claims(&self) -> &Claims {
        &self.claims
    }

    /// The verified claims, owned.
    pub fn into_claims(self) -> Claims {
        self.claims
    }
}

/// The HMAC keys, by key id. `Debug` never prints them.
#[derive(Clone)]
pub struct SigningKeys {
    active: String,
    keys: HashMap<String, SecretSlice<u8>>,
}

impl fmt::Debug for SigningKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKeys")
            .field("active", &self.active)
            .field("keys", &"[redacted]")
            .finish()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeysJson {
    active: String,
    keys: HashMap<String, String>,
}

fn valid_kid(kid: &str) -> bool {
    (1..=32).contains(&kid.len())
        && kid
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl SigningKeys {
    /// Parses the SSM value `{"active":"k1","keys":{"k1":"<base64 ≥32 bytes>",…}}`.
    pub fn from_json(json: &SecretString) -> anyhow::Result<SigningKeys> {
        // serde_json's errors could quote the input: keep them out of the message.
        let parsed: KeysJson = serde_json::from_str(json.expose_secret()).map_err(|e| {
            anyhow!(
                "signing keys are not the expected JSON (line {}, column {})",
                e.line(),
                e.column()
            )
        })?;
        let mut keys = HashMap::new();
        for (kid, b64) in parsed.keys {
            if !valid_kid(&kid) {
                return Err(anyhow!(
                    "signing key id {kid:?} must be 1-32 of [A-Za-z0-9_-]"
                ));
            }
            let bytes = STANDARD
                .decode(b64.trim())
                .or_else(|_| URL_SAFE_NO_PAD.decode(b64.trim()))
                .map_err(|_| anyhow!("signing key {kid} is not base64"))?;
            if bytes.len() < MIN_KEY_BYTES {
                return Err(anyhow!(
                    "signing key {kid} is shorter than {MIN_KEY_BYTES} bytes"
                ));
            }
            keys.insert(kid, SecretSlice::from(bytes));
        }
        if !keys.contains_key(&parsed.active) {
            return Err(anyhow!(
                "active signing key {:?} is not listed",
                parsed.active
            ));
        }
        Ok(SigningKeys {
            active: parsed.active,
            keys,
        })
    }

    /// A fresh single-key set (32 random bytes) named `kid`, for seeding.
    pub fn generate(kid: &str, rng: &dyn Random) -> anyhow::Result<SigningKeys> {
        if !valid_kid(kid) {
            return Err(anyhow!(
                "signing key id {kid:?} must be 1-32 of [A-Za-z0-9_-]"
            ));
        }
        let mut bytes = vec![0u8; 32];
        rng.fill(&mut bytes)?;
        Ok(SigningKeys {
            active: kid.to_owned(),
            keys: HashMap::from([(kid.to_owned(), SecretSlice::from(bytes))]),
        })
    }

    /// Adds (or replaces) key `kid` and makes it the active signer; older keys still verify.
    pub fn rotate(&mut self, kid: &str, rng: &dyn Random) -> anyhow::Result<()> {
        let fresh = SigningKeys::generate(kid, rng)?;
        self.keys.extend(fresh.keys);
        self.active = fresh.active;
        Ok(())
    }

    /// Drops key `kid` (tokens signed with it stop verifying). The active key stays.
    pub fn retire(&mut self, kid: &str) {
        if kid != self.active {
            self.keys.remove(kid);
        }
    }

    /// The JSON stored in SSM.
    pub fn to_json(&self) -> SecretString {
        let keys: serde_json::Map<String, serde_json::Value> = self
            .keys
            .iter()
            .map(|(k, v)| (k.clone(), STANDARD.encode(v.expose_secret()).into()))
            .collect();
        SecretString::from(serde_json::json!({"active": self.active, "keys": keys}).to_string())
    }

    /// Reads the keys from the SSM parameter `name` (once per cold start: nothing reads
    /// the parameter again, so it is not kept in a `SecretCache`).
    pub async fn load(secrets: &Secrets, name: &str) -> anyhow::Result<SigningKeys> {
        let json = secrets
            .get(name)
            .await
            .with_context(|| format!("reading signing keys from {name}"))?;
        SigningKeys::from_json(&json).with_context(|| format!("parsing signing keys in {name}"))
    }

    /// Writes the keys to the SSM parameter `name`, for seeding and rotation.
    pub async fn store(&self, secrets: &Secrets, name: &str) -> anyhow::Result<()> {
        secrets.put(name, &self.to_json()).await
    }

    /// The active key id.
    pub fn active_kid(&self) -> &str {
        &self.active
    }

    fn mac(&self, kid: &str) -> Option<HmacSha256> {
        let key = self.keys.get(kid)?;
        HmacSha256::new_from_slice(key.expose_secret()).ok()
    }

    /// A MAC of `data` for `purpose` with the active key: `<kid>.<base64url sig>`. Forms
    /// that need no session (the sign-in page's CSRF token) are signed this way; the
    /// purpose keeps such a MAC from ever verifying as anything else.
    pub fn sign_form(&self, purpose: &str, data: &str) -> anyhow::Result<String> {
        let mut mac = self
            .mac(&self.active)
            .ok_or_else(|| anyhow!("signing key {} missing", self.active))?;
        mac.update(purpose.as_bytes());
        mac.update(&[0]);
        mac.update(data.as_bytes());
        let sig = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        Ok(format!("{}.{sig}", self.active))
    }

    /// Whether `signed` (`<kid>.<sig>`, from [`SigningKeys::sign_form`]) is a MAC of `data`
    /// for `purpose` by any live key, compared in constant time.
    pub fn verify_form(&self, purpose: &str, data: &str, signed: &str) -> bool {
        let Some((kid, sig)) = signed.split_once('.') else {
            return false;
        };
        let (Some(mut mac), Ok(sig)) = (self.mac(kid), URL_SAFE_NO_PAD.decode(sig.as_bytes()))
        else {
            return false;
        };
        mac.update(purpose.as_bytes());
        mac.update(&[0]);
        mac.update(data.as_bytes());
        mac.verify_slice(&sig).is_ok()
    }

    /// Signs `claims` with the active key.
    pub fn sign(&self, claims: &Claims) -> anyhow::Result<PortalToken> {
        self.sign_with(&self.active, claims)
    }

    /// Signs `claims` with key `kid`. Signing is deterministic: the same claims and key
    /// give the same token (an idempotent replay rebuilds its link this way).
    pub fn sign_with(&self, kid: &str, claims: &Claims) -> anyhow::Result<PortalToken> {
        let payload =
            URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).context("encoding claims")?);
        let signing_input = format!("{VERSION}.{kid}.{payload}");
        let mut mac = self
            .mac(kid)
            .ok_or_else(|| anyhow!("signing key {kid} missing"))?;
        mac.update(signing_input.as_bytes());
        let sig = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        let token = format!("{signing_input}.{sig}");
        // `verify` refuses longer tokens, so such a link would be dead on arrival.
        if token.len() > MAX_TOKEN_LEN {
            bail!("claims too long for a portal token ({} bytes)", token.len());
        }
        Ok(PortalToken(SecretString::from(token)))
    }

    /// Checks shape, HMAC (constant time) and expiry. Touches no database.
    pub fn verify(&self, raw: &str, now: OffsetDateTime) -> Result<VerifiedToken, TokenError> {
        if raw.len() > MAX_TOKEN_LEN || !raw.is_ascii() {
            return Err(TokenError::Malformed);
        }
        let mut parts = raw.split('.');
        let (Some(version), Some(kid), Some(payload), Some(sig), None) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return Err(TokenError::Malformed);
        };
        if version != VERSION || !valid_kid(kid) {
            return Err(TokenError::Malformed);
        }
        let sig = URL_SAFE_NO_PAD
            .decode(sig.as_bytes())
            .map_err(|_| TokenError::Malformed)?;
        let mut mac = self.mac(kid).ok_or(TokenError::UnknownKey)?;
        // The signed input is the token minus its last part, byte for byte.
        mac.update(&raw.as_bytes()[..VERSION.len() + 1 + kid.len() + 1 + payload.len()]);
        mac.verify_slice(&sig)
            .map_err(|_| TokenError::BadSignature)?;
        let json = URL_SAFE_NO_PAD
            .decode(payload.as_bytes())
            .map_err(|_| TokenError::Malformed)?;
        let claims: Claims = serde_json::from_slice(&json).map_err(|_| TokenError::Malformed)?;
        if claims.exp <= now.unix_timestamp() {
            return Err(TokenError::Expired);
        }
        Ok(VerifiedToken { claims })
    }
}

/// The outcome of a redemption.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(clippy::large_enum_variant)] // Returned once per request, never stored in bulk.
pub enum Redeem {
    /// This call spent the token.
    Redeemed(Claims),
    /// Forged, altered, expired, already spent or not this project's; no detail on purpose.
    Refused,
}

/// What a portal session needs to mint a token.
#[derive(Debug, Clone)]
pub struct TokenRequest {
    /// Project.
    pub project: ProjectId,
    /// Customer.
    pub customer: CustomerId,
    /// Flow.
    pub flow: Flow,
    /// Subscription for `subscription_*` flows.
    pub subscription: Option<SubscriptionId>,
    /// Return URL (already checked against the project's allow-list).
    pub return_url: Option<ReturnUrl>,
    /// Locale.
    pub locale: Locale,
    /// Lifetime in seconds.
    pub expires_in: i64,
}

/// Tokens on DynamoDB, with the keys that sign and verify them.
#[derive(Debug, Clone)]
pub struct TokenStore {
    table: Table,
    keys: Arc<SigningKeys>,
}

impl TokenStore {
    /// A store on `table` signing with `keys`.
    pub fn new(table: Table, keys: Arc<SigningKeys>) -> TokenStore {
        TokenStore { table, keys }
    }

    /// The signing keys.
    pub fn keys(&self) -> &SigningKeys {
        &self.keys
    }

    /// Signs a new token and stores its row; `session_id` is kept on the row for metrics.
    pub async fn mint(
        &self,
        req: TokenRequest,
        session_id: &str,
        now: OffsetDateTime,
        rng: &dyn Random,
    ) -> anyhow::Result<(PortalToken, Claims)> {
        let claims = Claims {
            project: req.project,
            customer: req.customer,
            flow: req.flow,
            subscription: req.subscription,
            return_url: req.return_url,
            locale: req.locale,
            id: TokenId::generate(rng)?,
            exp: now.unix_timestamp() + req.expires_in,
        };
        let token = self.keys.sign(&claims)?;
        self.put(&claims, session_id, now).await?;
        Ok((token, claims))
    }

    /// Stores the row of `claims`.
    pub async fn put(
        &self,
        claims: &Claims,
        session_id: &str,
        now: OffsetDateTime,
    ) -> anyhow::Result<()> {
        let item = Item::from([
            ("pk".to_owned(), s(keys::project_pk(&claims.project))),
            ("sk".to_owned(), s(token_sk(&claims.id))),
            ("project_id".to_owned(), s(claims.project.as_str())),
            ("customer".to_owned(), s(claims.customer.as_str())),
            ("flow".to_owned(), s(claims.flow.as_str())),
            ("session_id".to_owned(), s(session_id)),
            ("created".to_owned(), n(now.unix_timestamp())),
            ("expires_at".to_owned(), n(claims.exp)),
        ]);
        self.table.insert(item, "a portal token").await
    }

    /// Verifies `raw` (no database read if that fails), then spends it with one
    /// conditional `DeleteItem`: the row exists, is not expired, and names the token's
    /// project and customer.
    pub async fn redeem(&self, raw: &str, now: OffsetDateTime) -> anyhow::Result<Redeem> {
        let Ok(verified) = self.keys.verify(raw, now) else {
            return Ok(Redeem::Refused);
        };
        let claims = verified.into_claims();
        let res = self
            .table
            .client()
            .delete_item()
            .table_name(self.table.name())
            .key("pk", s(keys::project_pk(&claims.project)))
            .key("sk", s(token_sk(&claims.id)))
            .condition_expression(REDEEMABLE)
            .expression_attribute_values(":now", n(now.unix_timestamp()))
            .expression_attribute_values(":p", s(claims.project.as_str()))
            .expression_attribute_values(":c", s(claims.customer.as_str()))
            .return_values(ReturnValue::AllOld)
            .send()
            .await;
        match res {
            Ok(out) => {
                // Belt and braces: the old row must be the one the condition described.
                let old = out
                    .attributes()
                    .ok_or_else(|| anyhow!("redeem returned no row"))?;
                if old.get_s("project_id")? != claims.project.as_str()
                    || old.get_s("customer")? != claims.customer.as_str()
                {
                    return Ok(Redeem::Refused);
                }
                Ok(Redeem::Redeemed(claims))
            }
            Err(e) if is_conditional_check_failed(&e) => Ok(Redeem::Refused),
            Err(e) => Err(anyhow::Error::new(e).context("redeeming a portal token")),
        }
    }

    /// The conditional delete that spends the row of verified `claims`, as one item of a
    /// transaction (sign-in spends the token and starts the session together).
    pub(crate) fn spend(
        &self,
        claims: &Claims,
        now: OffsetDateTime,
    ) -> anyhow::Result<TransactWriteItem> {
        let delete = Delete::builder()
            .table_name(self.table.name())
            .key("pk", s(keys::project_pk(&claims.project)))
            .key("sk", s(token_sk(&claims.id)))
            .condition_expression(REDEEMABLE)
            .expression_attribute_values(":now", n(now.unix_timestamp()))
            .expression_attribute_values(":p", s(claims.project.as_str()))
            .expression_attribute_values(":c", s(claims.customer.as_str()))
            .build()
            .context("building a token redemption")?;
        Ok(TransactWriteItem::builder().delete(delete).build())
    }

    /// Verifies `raw` and checks its row without spending it (for a landing page).
    pub async fn check(&self, raw: &str, now: OffsetDateTime) -> anyhow::Result<Redeem> {
        let Ok(verified) = self.keys.verify(raw, now) else {
            return Ok(Redeem::Refused);
        };
        let claims = verified.into_claims();
        let out = self
            .table
            .client()
            .get_item()
            .table_name(self.table.name())
            .key("pk", s(keys::project_pk(&claims.project)))
            .key("sk", s(token_sk(&claims.id)))
            .consistent_read(true)
            .send()
            .await
            .context("checking a portal token")?;
        let Some(row) = out.item() else {
            return Ok(Redeem::Refused);
        };
        let live = row.get_n("expires_at")? > now.unix_timestamp()
            && row.get_s("project_id")? == claims.project.as_str()
            && row.get_s("customer")? == claims.customer.as_str();
        Ok(if live {
            Redeem::Redeemed(claims)
        } else {
            Redeem::Refused
        })
    }
}

/// A token row that can be spent: there, not expired, and naming the token's project and
/// customer (DynamoDB's TTL sweep can lag by days: expiry is part of the condition).
const REDEEMABLE: &str =
    "attribute_exists(pk) AND expires_at > :now AND project_id = :p AND customer = :c";

fn token_sk(id: &TokenId) -> String {
    keys::token(&id.hash())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::OsRandom;
    use proptest::prelude::*;

    fn t(secs: i64) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(secs).unwrap()
    }

    fn claims(exp: i64) -> Claims {
        Claims {
            project: ProjectId::parse("proj_abcdefghijklmnopqrstuvwx").unwrap(),
            customer: CustomerId::parse("cus_X").unwrap(),
            flow: Flow::SubscriptionCancel,
            subscription: Some(SubscriptionId::parse("sub_1").unwrap()),
            return_url: Some(ReturnUrl::parse("https://app.test/billing").unwrap()),
            locale: Locale::parse("en-GB").unwrap(),
            id: TokenId::generate(&OsRandom).unwrap(),
            exp,
        }
    }

    fn keys() -> SigningKeys {
        SigningKeys::generate("k1", &OsRandom).unwrap()
    }

    #[test]
    fn a_signed_token_verifies_to_its_claims() {
        let keys = keys();
        let c = claims(2_000);
        let token = keys.sign(&c).unwrap();
        assert!(token.expose().starts_with("v1.k1."));
        assert_eq!(keys.verify(token.expose(), t(1_000)).unwrap().claims(), &c);
    }

    /// Every field at the longest its parser accepts: the token still fits what `verify`
    /// reads, so no accepted `POST /v1/sessions` fails to mint its link.
    #[test]
    fn the_longest_accepted_claims_still_make_a_token() {
        let url = format!("https://app.test/?q={}", "\\".repeat(1014));
        let c = Claims {
            customer: CustomerId::parse(&format!("cus_{}", "a".repeat(251))).unwrap(),
            subscription: Some(SubscriptionId::parse(&format!("sub_{}", "b".repeat(251))).unwrap()),
            return_url: Some(ReturnUrl::parse(&url).unwrap()),
            locale: Locale::parse("abc-abcdefgh-abcdefgh-abcdefgh").unwrap(),
            ..claims(2_000)
        };
        let keys = keys();
        let token = keys.sign(&c).unwrap();
        assert!(
            token.expose().len() <= MAX_TOKEN_LEN,
            "{}",
            token.expose().len()
        );
        assert_eq!(keys.verify(token.expose(), t(1_000)).unwrap().claims(), &c);
    }

    #[test]
    fn an_expired_token_is_refused() {
        let keys = keys();
        let token = keys.sign(&claims(2_000)).unwrap();
        assert_eq!(
            keys.verify(token.expose(), t(2_000)).unwrap_err(),
            TokenError::Expired
        );
    }

    #[test]
    fn a_token_with_any_flipped_byte_is_refused() {
        let keys = keys();
        let token = keys.sign(&claims(2_000)).unwrap();
        let raw = token.expose().as_bytes().to_vec();
        for i in 0..raw.len() {
            let mut bad = raw.clone();
            bad[i] ^= 0x01;
            let Ok(bad) = String::from_utf8(bad) else {
                continue;
            };
            assert!(
                keys.verify(&bad, t(1_000)).is_err(),
                "byte {i} flipped still verified"
            );
        }
    }

    #[test]
    fn a_token_signed_with_another_key_is_refused() {
        let token = keys().sign(&claims(2_000)).unwrap();
        assert_eq!(
            keys().verify(token.expose(), t(1_000)).unwrap_err(),
            TokenError::BadSignature
        );
    }

    #[test]
    fn rotation_keeps_old_tokens_valid_until_the_old_key_retires() {
        let mut keys = keys();
        let old = keys.sign(&claims(2_000)).unwrap();
        keys.rotate("k2", &OsRandom).unwrap();
        let new = keys.sign(&claims(2_000)).unwrap();
        assert!(new.expose().starts_with("v1.k2."));
        assert!(keys.verify(old.expose(), t(1_000)).is_ok());
        assert!(keys.verify(new.expose(), t(1_000)).is_ok());
        keys.retire("k1");
        assert_eq!(
            keys.verify(old.expose(), t(1_000)).unwrap_err(),
            TokenError::UnknownKey
        );
        assert!(keys.verify(new.expose(), t(1_000)).is_ok());
    }

    #[test]
    fn swapping_the_kid_breaks_the_signature() {
        let mut keys = keys();
        keys.rotate("k2", &OsRandom).unwrap();
        let token = keys.sign(&claims(2_000)).unwrap();
        let swapped = token.expose().replacen("v1.k2.", "v1.k1.", 1);
        assert_eq!(
            keys.verify(&swapped, t(1_000)).unwrap_err(),
            TokenError::BadSignature
        );
    }

    #[test]
    fn keys_round_trip_through_their_json() {
        let mut keys = keys();
        keys.rotate("k2", &OsRandom).unwrap();
        let token = keys.sign(&claims(2_000)).unwrap();
        let back = SigningKeys::from_json(&keys.to_json()).unwrap();
        assert_eq!(back.active_kid(), "k2");
        assert!(back.verify(token.expose(), t(1_000)).is_ok());
    }

    #[test]
    fn short_or_unlisted_keys_are_rejected() {
        let short = SecretString::from(r#"{"active":"k1","keys":{"k1":"c2hvcnQ="}}"#);
        assert!(SigningKeys::from_json(&short).is_err());
        let unlisted = SecretString::from(format!(
            r#"{{"active":"k2","keys":{{"k1":"{}"}}}}"#,
            STANDARD.encode([7u8; 32])
        ));
        assert!(SigningKeys::from_json(&unlisted).is_err());
    }

    #[test]
    fn oversized_tokens_are_refused_unread() {
        let raw = format!("v1.k1.{}.x", "A".repeat(MAX_TOKEN_LEN));
        assert_eq!(
            keys().verify(&raw, t(0)).unwrap_err(),
            TokenError::Malformed
        );
    }

    #[test]
    fn debug_output_hides_tokens_and_keys() {
        let keys = keys();
        let token = keys.sign(&claims(2_000)).unwrap();
        assert_eq!(format!("{token:?}"), "PortalToken([redacted])");
        let dbg = format!("{keys:?}");
        assert!(dbg.contains("[redacted]"));
        assert!(!dbg.contains(keys.to_json().expose_secret()));
    }

    proptest! {
        #[test]
        fn verify_never_panics_on_garbage(s in "\\PC{0,300}") {
            prop_assert!(keys().verify(&s, t(0)).is_err());
        }

        #[test]
        fn verify_refuses_dotted_garbage(a in "[A-Za-z0-9_-]{0,40}", b in "[A-Za-z0-9_-]{0,40}") {
            let raw = format!("v1.k1.{a}.{b}");
            prop_assert!(keys().verify(&raw, t(0)).is_err());
        }
    }
}
