//! Browser sessions: what a redeemed portal token turns into.
//!
//! The cookie value is `<project id>.<43 chars base64url of 32 random bytes>`: the project
//! in it keeps the lookup tenant-scoped, and the row is keyed by the SHA-256 of the whole
//! value (pk=`PROJECT#<p>`, sk=`BSESSION#<hex>`), so the table never holds a usable cookie.
//! Each request renews the session with one conditional `UpdateItem` that also enforces
//! the idle and absolute timeouts (DynamoDB's TTL sweep is too lazy to rely on).

use std::fmt;

use anyhow::Context;
use aws_sdk_dynamodb::types::{Put, ReturnValue, TransactWriteItem};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use time::OffsetDateTime;

use crate::clock::Random;
use crate::ids::{CustomerId, Flow, Locale, ProjectId, ReturnUrl, SubscriptionId};
use crate::store::{
    is_conditional_check_failed, is_transaction_condition_failed, keys, n, s, Item, ItemExt, Table,
};
use crate::token::{Claims, TokenStore};

/// Idle timeout: a session unused this long has ended.
pub const IDLE_TIMEOUT_SECONDS: i64 = 30 * 60;
/// Cookie name where the scheme allows the `__Host-` prefix (HTTPS).
pub const SECURE_COOKIE_NAME: &str = "__Host-bp_session";
/// Cookie name on plain-HTTP local runs.
pub const LOCAL_COOKIE_NAME: &str = "bp_session";
const SECRET_BYTES: usize = 32;
/// The session row's attribute holding [`BrowserSession::preview_hint`], ids space-separated.
const PREVIEW_HINT: &str = "preview_hint";
/// At most this many ids are remembered (the overview lists at most 20 subscriptions).
const MAX_PREVIEW_HINT: usize = 20;

/// The session cookie's value. `Debug` never prints it.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionCookie {
    project: ProjectId,
    value: String,
}

impl fmt::Debug for SessionCookie {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionCookie")
            .field("project", &self.project)
            .finish_non_exhaustive()
    }
}

impl SessionCookie {
    /// A fresh random cookie for `project`.
    pub fn generate(project: &ProjectId, rng: &dyn Random) -> anyhow::Result<SessionCookie> {
        let mut secret = [0u8; SECRET_BYTES];
        rng.fill(&mut secret)?;
        Ok(SessionCookie {
            project: project.clone(),
            value: format!("{project}.{}", URL_SAFE_NO_PAD.encode(secret)),
        })
    }

    /// Parses an untrusted cookie value.
    pub fn parse(raw: &str) -> Option<SessionCookie> {
        let (project, secret) = raw.split_once('.')?;
        let project = ProjectId::parse(project).ok()?;
        let ok = secret.len() == 43
            && secret
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        ok.then(|| SessionCookie {
            project,
            value: raw.to_owned(),
        })
    }

    /// The project the cookie names (unverified until the row is found).
    pub fn project(&self) -> &ProjectId {
        &self.project
    }

    /// The cookie's value (goes into `Set-Cookie` only).
    pub fn expose(&self) -> &str {
        &self.value
    }

    /// SHA-256 (hex) of the cookie: names the session in keys without revealing it.
    pub fn digest(&self) -> String {
        hex::encode(Sha256::digest(self.value.as_bytes()))
    }

    pub(crate) fn row_sk(&self) -> String {
        keys::browser_session(&self.digest())
    }
}

/// How the cookie is sent: `__Host-` + `Secure` on HTTPS, plain on local HTTP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CookiePolicy {
    /// Whether the public base URL is HTTPS.
    pub secure: bool,
}

impl CookiePolicy {
    /// The policy for a public base URL (`https://…` → secure).
    pub fn for_base_url(public_base_url: &str) -> CookiePolicy {
        CookiePolicy {
            secure: !public_base_url.starts_with("http://"),
        }
    }

    /// The cookie's name.
    pub fn name(&self) -> &'static str {
        if self.secure {
            SECURE_COOKIE_NAME
        } else {
            LOCAL_COOKIE_NAME
        }
    }

    /// `Set-Cookie` value starting a session that the browser may keep `max_age` seconds.
    pub fn set(&self, cookie: &SessionCookie, max_age: i64) -> String {
        let secure = if self.secure { "; Secure" } else { "" };
        format!(
            "{}={}; Path=/; Max-Age={max_age}; HttpOnly{secure}; SameSite=Lax",
            self.name(),
            cookie.expose()
        )
    }

    /// `Set-Cookie` value that deletes the cookie.
    pub fn clear(&self) -> String {
        let secure = if self.secure { "; Secure" } else { "" };
        format!(
            "{}=; Path=/; Max-Age=0; HttpOnly{secure}; SameSite=Lax",
            self.name()
        )
    }

    /// Finds this policy's cookie among `Cookie` header values.
    pub fn find<'a>(&self, headers: impl IntoIterator<Item = &'a str>) -> Option<SessionCookie> {
        headers
            .into_iter()
            .flat_map(|h| h.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == self.name())
            .and_then(|(_, value)| SessionCookie::parse(value.trim()))
    }
}

/// A live browser session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrowserSession {
    /// The project (from the verified token).
    pub project: ProjectId,
    /// The customer.
    pub customer: CustomerId,
    /// The flow the token named.
    pub flow: Flow,
    /// The subscription a `subscription_*` flow acts on.
    pub subscription: Option<SubscriptionId>,
    /// Where "Return" leads; `None`: the project's default.
    pub return_url: Option<ReturnUrl>,
    /// Portal language.
    pub locale: Locale,
    /// The CSRF token every form of this session carries.
    pub csrf: String,
    /// Start, epoch seconds.
    pub created: i64,
    /// Last request, epoch seconds.
    pub last_seen: i64,
    /// End regardless of activity, epoch seconds.
    pub absolute_expiry: i64,
    /// Whether a job was already recorded for this session (metrics).
    pub completed: bool,
    /// Whether "Contact support" was already recorded for this session (metrics).
    pub escalated: bool,
    /// The subscriptions whose next invoice the overview last previewed: a hint only (the
    /// overview previews them alongside its other reads, then keeps what the fresh list
    /// confirms), never a proof of ownership.
    pub preview_hint: Vec<SubscriptionId>,
    /// The row's sort key (`BSESSION#<hash>`): what metrics flag the outcome on.
    pub(crate) row_sk: String,
}

impl BrowserSession {
    /// Whether `presented` is this session's CSRF token (constant time).
    pub fn csrf_matches(&self, presented: &str) -> bool {
        !presented.is_empty() && bool::from(self.csrf.as_bytes().ct_eq(presented.as_bytes()))
    }

    fn from_item(project: &ProjectId, item: &Item) -> anyhow::Result<BrowserSession> {
        let opt = |name: &str| item.get_s_opt(name).filter(|v| !v.is_empty());
        let flag = |name: &str| item.get(name).and_then(|v| v.as_bool().ok()).copied();
        Ok(BrowserSession {
            project: project.clone(),
            customer: CustomerId::parse(item.get_s("customer")?)?,
            flow: item.get_s("flow")?.parse()?,
            subscription: opt("subscription").map(SubscriptionId::parse).transpose()?,
            return_url: opt("return_url").map(ReturnUrl::parse).transpose()?,
            locale: Locale::parse(item.get_s("locale")?)?,
            csrf: item.get_s("csrf")?.to_owned(),
            created: item.get_n("created")?,
            last_seen: item.get_n("last_seen")?,
            absolute_expiry: item.get_n("absolute_expiry")?,
            completed: flag("completed").unwrap_or(false),
            escalated: flag("escalated").unwrap_or(false),
            // Lenient: a hint that does not parse is dropped.
            preview_hint: opt(PREVIEW_HINT)
                .map(|v| {
                    v.split(' ')
                        .filter_map(|id| SubscriptionId::parse(id).ok())
                        .collect()
                })
                .unwrap_or_default(),
            row_sk: item.get_s("sk")?.to_owned(),
        })
    }
}

/// Browser sessions on DynamoDB.
#[derive(Debug, Clone)]
pub struct BrowserSessionStore {
    table: Table,
}

impl BrowserSessionStore {
    /// A store on `table`.
    pub fn new(table: Table) -> BrowserSessionStore {
        BrowserSessionStore { table }
    }

    /// A new session for `claims` and its row (not yet written).
    fn new_session(
        claims: &Claims,
        max_seconds: u32,
        now: OffsetDateTime,
        rng: &dyn Random,
    ) -> anyhow::Result<(SessionCookie, BrowserSession, Item)> {
        let cookie = SessionCookie::generate(&claims.project, rng)?;
        let mut csrf = [0u8; 32];
        rng.fill(&mut csrf)?;
        let now = now.unix_timestamp();
        let session = BrowserSession {
            project: claims.project.clone(),
            customer: claims.customer.clone(),
            flow: claims.flow,
            subscription: claims.subscription.clone(),
            return_url: claims.return_url.clone(),
            locale: claims.locale.clone(),
            csrf: URL_SAFE_NO_PAD.encode(csrf),
            created: now,
            last_seen: now,
            absolute_expiry: now + i64::from(max_seconds.max(60)),
            completed: false,
            escalated: false,
            preview_hint: Vec::new(),
            row_sk: cookie.row_sk(),
        };
        let mut item = Item::from([
            ("pk".to_owned(), s(keys::project_pk(&session.project))),
            ("sk".to_owned(), s(cookie.row_sk())),
            ("customer".to_owned(), s(session.customer.as_str())),
            ("flow".to_owned(), s(session.flow.as_str())),
            ("locale".to_owned(), s(session.locale.as_str())),
            ("csrf".to_owned(), s(&session.csrf)),
            ("created".to_owned(), n(now)),
            ("last_seen".to_owned(), n(now)),
            ("absolute_expiry".to_owned(), n(session.absolute_expiry)),
            (
                "expires_at".to_owned(),
                n(ttl(now, session.absolute_expiry)),
            ),
        ]);
        if let Some(sub) = &session.subscription {
            item.insert("subscription".to_owned(), s(sub.as_str()));
        }
        if let Some(url) = &session.return_url {
            item.insert("return_url".to_owned(), s(url.as_str()));
        }
        Ok((cookie, session, item))
    }

    /// Starts a session for already redeemed `claims`, lasting at most `max_seconds`.
    pub async fn start(
        &self,
        claims: &Claims,
        max_seconds: u32,
        now: OffsetDateTime,
        rng: &dyn Random,
    ) -> anyhow::Result<(SessionCookie, BrowserSession)> {
        let (cookie, session, item) = Self::new_session(claims, max_seconds, now, rng)?;
        self.table.insert(item, "a browser session").await?;
        Ok((cookie, session))
    }

    /// Signs in with portal token `raw`: verifies it (no database read if that fails), then
    /// spends it and starts a session lasting at most `max_seconds` in ONE transaction, so
    /// a failure leaves the single-use link usable and no session behind. `None`: forged,
    /// expired, already spent, or not the project's.
    pub async fn sign_in(
        &self,
        tokens: &TokenStore,
        raw: &str,
        max_seconds: u32,
        now: OffsetDateTime,
        rng: &dyn Random,
    ) -> anyhow::Result<Option<(Claims, SessionCookie, BrowserSession)>> {
        let Ok(verified) = tokens.keys().verify(raw, now) else {
            return Ok(None);
        };
        let claims = verified.into_claims();
        let (cookie, session, item) = Self::new_session(&claims, max_seconds, now, rng)?;
        let put = Put::builder()
            .table_name(self.table.name())
            .set_item(Some(item))
            .condition_expression("attribute_not_exists(pk)")
            .build()
            .context("building a browser session")?;
        let res = self
            .table
            .client()
            .transact_write_items()
            .transact_items(tokens.spend(&claims, now)?)
            .transact_items(TransactWriteItem::builder().put(put).build())
            .send()
            .await;
        match res {
            Ok(_) => Ok(Some((claims, cookie, session))),
            // The token's condition (spent, expired, another project's): refused. A
            // session key collision cannot be told apart here; it is as unlikely as a
            // guessed cookie and answers the same.
            Err(e) if is_transaction_condition_failed(&e) => Ok(None),
            Err(e) => Err(anyhow::Error::new(e).context("signing in")),
        }
    }

    /// The live session behind `cookie`, renewed (`last_seen = now`); `None` when unknown,
    /// idle for [`IDLE_TIMEOUT_SECONDS`] or past its absolute expiry.
    pub async fn resume(
        &self,
        cookie: &SessionCookie,
        now: OffsetDateTime,
    ) -> anyhow::Result<Option<BrowserSession>> {
        let now = now.unix_timestamp();
        let res = self
            .table
            .client()
            .update_item()
            .table_name(self.table.name())
            .key("pk", s(keys::project_pk(cookie.project())))
            .key("sk", s(cookie.row_sk()))
            .update_expression("SET last_seen = :now, expires_at = :ttl")
            .condition_expression(
                "attribute_exists(pk) AND last_seen > :idle_cutoff AND absolute_expiry > :now",
            )
            .expression_attribute_values(":now", n(now))
            .expression_attribute_values(":idle_cutoff", n(now - IDLE_TIMEOUT_SECONDS))
            // The TTL only sweeps; the condition above is what ends a session on time.
            .expression_attribute_values(":ttl", n(now + IDLE_TIMEOUT_SECONDS))
            .return_values(ReturnValue::AllNew)
            .send()
            .await;
        match res {
            Ok(out) => {
                let item = out
                    .attributes()
                    .context("session renewal returned nothing")?;
                BrowserSession::from_item(cookie.project(), item)
                    .map(Some)
                    .context("reading a browser session row")
            }
            Err(e) if is_conditional_check_failed(&e) => Ok(None),
            Err(e) => Err(anyhow::Error::new(e).context("renewing a browser session")),
        }
    }

    /// Remembers which subscriptions' next invoices the overview previewed, so its next
    /// render can start those previews alongside its other reads. Writes only when the
    /// hint changed; a session that ended meanwhile is left alone.
    pub async fn remember_previewed(
        &self,
        session: &BrowserSession,
        ids: &[SubscriptionId],
    ) -> anyhow::Result<()> {
        let ids = &ids[..ids.len().min(MAX_PREVIEW_HINT)];
        if session.preview_hint == ids {
            return Ok(());
        }
        let value: Vec<&str> = ids.iter().map(SubscriptionId::as_str).collect();
        let res = self
            .table
            .client()
            .update_item()
            .table_name(self.table.name())
            .key("pk", s(keys::project_pk(&session.project)))
            .key("sk", s(&session.row_sk))
            .update_expression("SET #hint = :hint")
            .condition_expression("attribute_exists(pk)")
            .expression_attribute_names("#hint", PREVIEW_HINT)
            .expression_attribute_values(":hint", s(value.join(" ")))
            .send()
            .await;
        match res {
            Ok(_) => Ok(()),
            Err(e) if is_conditional_check_failed(&e) => Ok(()),
            Err(e) => Err(anyhow::Error::new(e).context("remembering previewed subscriptions")),
        }
    }

    /// Sets the session's language: the switcher's choice, or at sign-in the Stripe
    /// customer's preferred language where the link said `auto`. A session that ended
    /// meanwhile is left alone.
    pub async fn set_locale(
        &self,
        session: &BrowserSession,
        locale: &Locale,
    ) -> anyhow::Result<()> {
        if &session.locale == locale {
            return Ok(());
        }
        let res = self
            .table
            .client()
            .update_item()
            .table_name(self.table.name())
            .key("pk", s(keys::project_pk(&session.project)))
            .key("sk", s(&session.row_sk))
            .update_expression("SET #locale = :locale")
            .condition_expression("attribute_exists(pk)")
            .expression_attribute_names("#locale", "locale")
            .expression_attribute_values(":locale", s(locale.as_str()))
            .send()
            .await;
        match res {
            Ok(_) => Ok(()),
            Err(e) if is_conditional_check_failed(&e) => Ok(()),
            Err(e) => Err(anyhow::Error::new(e).context("setting a session's language")),
        }
    }

    /// Ends the session behind `cookie` (idempotent).
    pub async fn end(&self, cookie: &SessionCookie) -> anyhow::Result<()> {
        self.table
            .client()
            .delete_item()
            .table_name(self.table.name())
            .key("pk", s(keys::project_pk(cookie.project())))
            .key("sk", s(cookie.row_sk()))
            .send()
            .await
            .context("ending a browser session")?;
        Ok(())
    }
}

fn ttl(now: i64, absolute: i64) -> i64 {
    (now + IDLE_TIMEOUT_SECONDS).min(absolute)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::OsRandom;

    fn project() -> ProjectId {
        ProjectId::parse("proj_abcdefghijklmnopqrstuvwx").unwrap()
    }

    #[test]
    fn a_generated_cookie_parses_back_and_names_its_project() {
        let c = SessionCookie::generate(&project(), &OsRandom).unwrap();
        let parsed = SessionCookie::parse(c.expose()).unwrap();
        assert_eq!(parsed, c);
        assert_eq!(parsed.project(), &project());
        assert!(!format!("{c:?}").contains(c.expose()));
    }

    #[test]
    fn malformed_cookies_are_refused() {
        let good = SessionCookie::generate(&project(), &OsRandom).unwrap();
        let value = good.expose();
        for bad in [
            "",
            "proj_abc",
            &value[..value.len() - 1],
            &format!("{value}x"),
            &value.replacen("proj_", "cus_", 1),
            &format!("{}!", &value[..value.len() - 1]),
        ] {
            assert!(SessionCookie::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn the_cookie_is_host_prefixed_and_secure_on_https_only() {
        let c = SessionCookie::generate(&project(), &OsRandom).unwrap();
        let https = CookiePolicy::for_base_url("https://billing.example.com").set(&c, 60);
        assert!(https.starts_with("__Host-bp_session="));
        for attr in ["; Path=/", "; HttpOnly", "; Secure", "; SameSite=Lax"] {
            assert!(https.contains(attr), "{https} lacks {attr}");
        }
        assert!(!https.contains("Domain"));
        let local = CookiePolicy::for_base_url("http://127.0.0.1:3000").set(&c, 60);
        assert!(local.starts_with("bp_session="));
        assert!(!local.contains("Secure"));
    }

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let policy = CookiePolicy { secure: true };
        let c = SessionCookie::generate(&project(), &OsRandom).unwrap();
        let header = format!("a=b; __Host-bp_session={}; c=d", c.expose());
        assert_eq!(policy.find([header.as_str()]), Some(c));
        assert_eq!(policy.find(["bp_session=x"]), None);
    }

    #[test]
    fn csrf_must_match_exactly() {
        let s = BrowserSession {
            project: project(),
            customer: CustomerId::parse("cus_1").unwrap(),
            flow: Flow::Overview,
            subscription: None,
            return_url: None,
            locale: Locale::default(),
            csrf: "abc".to_owned(),
            created: 0,
            last_seen: 0,
            absolute_expiry: 1,
            completed: false,
            escalated: false,
            preview_hint: Vec::new(),
            row_sk: String::new(),
        };
        assert!(s.csrf_matches("abc"));
        assert!(!s.csrf_matches("abd"));
        assert!(!s.csrf_matches(""));
        assert!(!s.csrf_matches("abcd"));
    }
}
