//! Browser sessions: what a redeemed portal token turns into.
//!
//! The cookie value is `<project id>.<43 chars base64url of 32 random bytes>`: the project
//! in it keeps the lookup tenant-scoped, and the row is keyed by the SHA-256 of the whole
//! value (pk=`PROJECT#<p>`, sk=`BSESSION#<hex>`), so the table never holds a usable cookie.
//! Each request renews the session with one conditional `UpdateItem` that also enforces
//! the idle and absolute timeouts (DynamoDB's TTL sweep is too lazy to rely on) and counts
//! the request against the session's brake (a fixed window kept on the same row).

use std::fmt;

use anyhow::Context;
use aws_sdk_dynamodb::operation::update_item::UpdateItemError;
use aws_sdk_dynamodb::types::{
    Put, ReturnValue, ReturnValuesOnConditionCheckFailure, TransactWriteItem,
};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use time::OffsetDateTime;

use crate::clock::Random;
use crate::ids::{
    CustomerId, Flow, Locale, MeterId, PriceId, ProjectId, ReturnUrl, SubscriptionId,
    SubscriptionItemId,
};
use crate::store::counter::Hits;
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
/// The session row's attribute holding [`ReadHint::previews`], ids space-separated.
const PREVIEW_HINT: &str = "preview_hint";
/// The session row's attribute holding [`ReadHint::usage`], entries space-separated, each
/// `<subscription>:<meter>:<start>:<end>`.
const USAGE_HINT: &str = "usage_hint";
/// The session row's attribute holding [`ReadHint::plans`], entries space-separated, each
/// `<subscription>:<item>:<price>:<quantity or ->`.
const PLAN_HINT: &str = "plan_hint";
/// At most this many entries of each kind are remembered (the overview lists at most 20
/// subscriptions).
const MAX_HINT: usize = 20;
/// The window of a session's request brake ([`BrowserSession::requests`]), seconds.
pub const REQUEST_WINDOW_SECONDS: i64 = 60;
/// The session row's attributes holding the brake: its window's start and count.
const REQUEST_WINDOW: &str = "req_window";
const REQUEST_COUNT: &str = "req_count";

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
    /// Reads a page may start before the subscription list arrives: a hint only (the page
    /// keeps what the fresh list confirms), never a proof of ownership.
    pub hint: ReadHint,
    /// This request's place in the session's current brake window (this one included),
    /// counted by the renewal itself; zero on a session just started.
    pub requests: Hits,
    /// The row's sort key (`BSESSION#<hash>`): what metrics flag the outcome on.
    pub(crate) row_sk: String,
}

impl BrowserSession {
    /// Whether `presented` is this session's CSRF token (constant time).
    pub fn csrf_matches(&self, presented: &str) -> bool {
        !presented.is_empty() && bool::from(self.csrf.as_bytes().ct_eq(presented.as_bytes()))
    }

    /// The session of row `item`; its brake window ends `window_left` seconds from now.
    fn from_item(
        project: &ProjectId,
        item: &Item,
        window_left: u64,
    ) -> anyhow::Result<BrowserSession> {
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
            hint: ReadHint::of(opt(PREVIEW_HINT), opt(USAGE_HINT), opt(PLAN_HINT)),
            requests: Hits {
                count: item.get_n_opt(REQUEST_COUNT)?.unwrap_or(0),
                window_left,
            },
            row_sk: item.get_s("sk")?.to_owned(),
        })
    }

    /// Whether the session of row `item` is still live at `now` (the renewal's condition).
    fn live(item: &Item, now: i64) -> bool {
        let at_least = |name: &str, floor: i64| item.get_n(name).is_ok_and(|v| v > floor);
        at_least("last_seen", now - IDLE_TIMEOUT_SECONDS) && at_least("absolute_expiry", now)
    }
}

/// Reads a session's pages may start before the customer's subscription list arrives,
/// remembered from the last list seen (at sign-in, on the overview, on a next-invoice
/// page). Each read is scoped to the customer by id; the fresh list decides what is shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadHint {
    /// The subscriptions whose next invoice the overview previews.
    pub previews: Vec<SubscriptionId>,
    /// The meters whose usage so far the next-invoice pages read.
    pub usage: Vec<UsageHint>,
    /// The items of the subscriptions whose plan can change, for the preview of a change.
    pub plans: Vec<PlanHint>,
}

/// One item of a subscription whose plan can change: what a change's preview is built
/// from (which item, from which price, at which quantity).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanHint {
    /// The subscription.
    pub subscription: SubscriptionId,
    /// The item.
    pub item: SubscriptionItemId,
    /// Its price.
    pub price: PriceId,
    /// Its quantity (`None` for a metered price).
    pub quantity: Option<u64>,
}

impl PlanHint {
    fn parse(entry: &str) -> Option<PlanHint> {
        let mut parts = entry.split(':');
        let hint = PlanHint {
            subscription: SubscriptionId::parse(parts.next()?).ok()?,
            item: SubscriptionItemId::parse(parts.next()?).ok()?,
            price: PriceId::parse(parts.next()?).ok()?,
            quantity: match parts.next()? {
                "-" => None,
                q => Some(q.parse().ok()?),
            },
        };
        parts.next().is_none().then_some(hint)
    }
}

impl fmt::Display for PlanHint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let PlanHint {
            subscription,
            item,
            price,
            quantity,
        } = self;
        match quantity {
            Some(q) => write!(f, "{subscription}:{item}:{price}:{q}"),
            None => write!(f, "{subscription}:{item}:{price}:-"),
        }
    }
}

/// One metered item's usage read: its subscription, meter and current period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageHint {
    /// The subscription the item belongs to.
    pub subscription: SubscriptionId,
    /// The item's price's meter.
    pub meter: MeterId,
    /// The item's current period, epoch seconds.
    pub start: i64,
    /// Its end, epoch seconds.
    pub end: i64,
}

impl UsageHint {
    fn parse(entry: &str) -> Option<UsageHint> {
        let mut parts = entry.split(':');
        let hint = UsageHint {
            subscription: SubscriptionId::parse(parts.next()?).ok()?,
            meter: MeterId::parse(parts.next()?).ok()?,
            start: parts.next()?.parse().ok()?,
            end: parts.next()?.parse().ok()?,
        };
        parts.next().is_none().then_some(hint)
    }
}

impl fmt::Display for UsageHint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let UsageHint {
            subscription,
            meter,
            start,
            end,
        } = self;
        write!(f, "{subscription}:{meter}:{start}:{end}")
    }
}

impl ReadHint {
    /// The hint of a session row's three attributes. Lenient: an entry that does not parse
    /// is dropped (a hint only costs or saves a round trip).
    fn of(previews: Option<&str>, usage: Option<&str>, plans: Option<&str>) -> ReadHint {
        fn words(v: Option<&str>) -> impl Iterator<Item = &str> {
            v.unwrap_or_default().split(' ').filter(|w| !w.is_empty())
        }
        ReadHint {
            previews: words(previews)
                .filter_map(|id| SubscriptionId::parse(id).ok())
                .collect(),
            usage: words(usage).filter_map(UsageHint::parse).collect(),
            plans: words(plans).filter_map(PlanHint::parse).collect(),
        }
    }

    /// At most [`MAX_HINT`] entries of each kind.
    fn bounded(&self) -> ReadHint {
        ReadHint {
            previews: self.previews.iter().take(MAX_HINT).cloned().collect(),
            usage: self.usage.iter().take(MAX_HINT).cloned().collect(),
            plans: self.plans.iter().take(MAX_HINT).cloned().collect(),
        }
    }

    fn previews_text(&self) -> String {
        spaced(&self.previews)
    }

    fn usage_text(&self) -> String {
        spaced(&self.usage)
    }

    fn plans_text(&self) -> String {
        spaced(&self.plans)
    }

    /// The items hinted for `subscription`, in its order.
    pub fn plan_of<'a>(
        &'a self,
        subscription: &'a SubscriptionId,
    ) -> impl Iterator<Item = &'a PlanHint> + 'a {
        self.plans
            .iter()
            .filter(move |p| &p.subscription == subscription)
    }

    /// The usage reads hinted for `subscription`.
    pub fn usage_of<'a>(
        &'a self,
        subscription: &'a SubscriptionId,
    ) -> impl Iterator<Item = &'a UsageHint> + 'a {
        self.usage
            .iter()
            .filter(move |u| &u.subscription == subscription)
    }
}

/// A hint attribute's text: `entries` space-separated (each entry's text has no space).
fn spaced<T: fmt::Display>(entries: &[T]) -> String {
    let texts: Vec<String> = entries.iter().map(T::to_string).collect();
    texts.join(" ")
}

/// Which brake window a renewal counts the request in.
#[derive(Debug, Clone, Copy)]
enum Window {
    /// The window of the session's previous request: `ADD` one.
    Same,
    /// A window the row does not hold yet: the count starts at one.
    New,
}

/// What a renewal attempt did.
enum Renewal {
    /// Renewed and counted: the row as it is now.
    Done(Item),
    /// A condition failed: the row as it was, if there is one.
    Refused(Option<Item>),
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
            hint: ReadHint::default(),
            requests: Hits {
                count: 0,
                window_left: window_left(now),
            },
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
            (REQUEST_WINDOW.to_owned(), n(window_start(now))),
            (REQUEST_COUNT.to_owned(), n(0)),
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

    /// The live session behind `cookie`, renewed (`last_seen = now`) and this request
    /// counted against its brake ([`BrowserSession::requests`]); `None` when unknown, idle
    /// for [`IDLE_TIMEOUT_SECONDS`] or past its absolute expiry.
    ///
    /// One `UpdateItem` when the request falls in the window of the session's previous one
    /// (almost always); the first request of a new window takes a second, which starts the
    /// count afresh, and a third only if a concurrent request started it first. An ended
    /// session costs one.
    pub async fn resume(
        &self,
        cookie: &SessionCookie,
        now: OffsetDateTime,
    ) -> anyhow::Result<Option<BrowserSession>> {
        let now = now.unix_timestamp();
        let left = window_left(now);
        let old = match self.renew(cookie, now, Window::Same).await? {
            Renewal::Done(item) => return self.read(cookie, &item, left).map(Some),
            Renewal::Refused(old) => old,
        };
        if !old.is_some_and(|item| BrowserSession::live(&item, now)) {
            return Ok(None);
        }
        for window in [Window::New, Window::Same] {
            if let Renewal::Done(item) = self.renew(cookie, now, window).await? {
                return self.read(cookie, &item, left).map(Some);
            }
        }
        // The session ended between the attempts.
        Ok(None)
    }

    fn read(
        &self,
        cookie: &SessionCookie,
        item: &Item,
        window_left: u64,
    ) -> anyhow::Result<BrowserSession> {
        BrowserSession::from_item(cookie.project(), item, window_left)
            .context("reading a browser session row")
    }

    /// One conditional renewal of `cookie`'s row at `now`, counting the request in the
    /// brake window `window`.
    async fn renew(
        &self,
        cookie: &SessionCookie,
        now: i64,
        window: Window,
    ) -> anyhow::Result<Renewal> {
        const LIVE: &str =
            "attribute_exists(pk) AND last_seen > :idle_cutoff AND absolute_expiry > :now";
        let (update, condition) = match window {
            Window::Same => (
                "SET last_seen = :now, expires_at = :ttl ADD #count :one",
                format!("{LIVE} AND #window = :window"),
            ),
            Window::New => (
                "SET last_seen = :now, expires_at = :ttl, #window = :window, #count = :one",
                format!("{LIVE} AND (attribute_not_exists(#window) OR #window <> :window)"),
            ),
        };
        let res = self
            .table
            .client()
            .update_item()
            .table_name(self.table.name())
            .key("pk", s(keys::project_pk(cookie.project())))
            .key("sk", s(cookie.row_sk()))
            .update_expression(update)
            .condition_expression(condition)
            .expression_attribute_names("#window", REQUEST_WINDOW)
            .expression_attribute_names("#count", REQUEST_COUNT)
            .expression_attribute_values(":now", n(now))
            .expression_attribute_values(":idle_cutoff", n(now - IDLE_TIMEOUT_SECONDS))
            // The TTL only sweeps; the condition above is what ends a session on time.
            .expression_attribute_values(":ttl", n(now + IDLE_TIMEOUT_SECONDS))
            .expression_attribute_values(":window", n(window_start(now)))
            .expression_attribute_values(":one", n(1))
            .return_values(ReturnValue::AllNew)
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
            .send()
            .await;
        match res {
            Ok(out) => Ok(Renewal::Done(
                out.attributes()
                    .context("session renewal returned nothing")?
                    .clone(),
            )),
            Err(e) => match e.as_service_error() {
                Some(UpdateItemError::ConditionalCheckFailedException(refused)) => {
                    Ok(Renewal::Refused(refused.item().cloned()))
                }
                _ => Err(anyhow::Error::new(e).context("renewing a browser session")),
            },
        }
    }

    /// Remembers `hint` on the session, so a later page can start those reads alongside
    /// its subscription list. Writes only when the hint changed; a session that ended
    /// meanwhile is left alone.
    pub async fn remember_hint(
        &self,
        session: &BrowserSession,
        hint: &ReadHint,
    ) -> anyhow::Result<()> {
        let hint = hint.bounded();
        if session.hint == hint {
            return Ok(());
        }
        let res = self
            .table
            .client()
            .update_item()
            .table_name(self.table.name())
            .key("pk", s(keys::project_pk(&session.project)))
            .key("sk", s(&session.row_sk))
            .update_expression("SET #previews = :previews, #usage = :usage, #plans = :plans")
            .condition_expression("attribute_exists(pk)")
            .expression_attribute_names("#previews", PREVIEW_HINT)
            .expression_attribute_names("#usage", USAGE_HINT)
            .expression_attribute_names("#plans", PLAN_HINT)
            .expression_attribute_values(":previews", s(hint.previews_text()))
            .expression_attribute_values(":usage", s(hint.usage_text()))
            .expression_attribute_values(":plans", s(hint.plans_text()))
            .send()
            .await;
        match res {
            Ok(_) => Ok(()),
            Err(e) if is_conditional_check_failed(&e) => Ok(()),
            Err(e) => Err(anyhow::Error::new(e).context("remembering the session's read hint")),
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

/// The start of the brake window holding `now`.
fn window_start(now: i64) -> i64 {
    now - now.rem_euclid(REQUEST_WINDOW_SECONDS)
}

/// Seconds from `now` to the end of its brake window (at least 1).
fn window_left(now: i64) -> u64 {
    u64::try_from(window_start(now) + REQUEST_WINDOW_SECONDS - now)
        .unwrap_or(1)
        .max(1)
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
    fn brake_windows_are_fixed_minutes() {
        assert_eq!((window_start(120), window_left(120)), (120, 60));
        assert_eq!((window_start(179), window_left(179)), (120, 1));
        assert_eq!((window_start(-1), window_left(-1)), (-60, 1));
    }

    #[test]
    fn a_read_hint_reads_back_what_it_wrote_and_drops_what_does_not_parse() {
        let sub_a = SubscriptionId::parse("sub_a").unwrap();
        let plan = |item: &str, price: &str, quantity| PlanHint {
            subscription: sub_a.clone(),
            item: SubscriptionItemId::parse(item).unwrap(),
            price: PriceId::parse(price).unwrap(),
            quantity,
        };
        let hint = ReadHint {
            previews: vec![sub_a.clone()],
            usage: vec![UsageHint {
                subscription: sub_a.clone(),
                meter: MeterId::parse("mtr_1").unwrap(),
                start: 1_700_000_000,
                end: -5,
            }],
            plans: vec![
                plan("si_1", "gold-monthly", Some(3)),
                plan("si_2", "price_m", None),
            ],
        };
        let (previews, usage, plans) = (hint.previews_text(), hint.usage_text(), hint.plans_text());
        assert_eq!(usage, "sub_a:mtr_1:1700000000:-5");
        assert_eq!(plans, "sub_a:si_1:gold-monthly:3 sub_a:si_2:price_m:-");
        assert_eq!(
            ReadHint::of(Some(&previews), Some(&usage), Some(&plans)),
            hint
        );
        assert_eq!(ReadHint::of(None, None, None), ReadHint::default());
        let messy = ReadHint::of(
            Some("sub_a  bad/id"),
            Some("sub_a:mtr_1:1700000000:-5 sub_a:mtr_1:1:2:3 sub_a:price_1:1:2 sub_a:mtr_1:x:2"),
            Some(concat!(
                "sub_a:si_1:gold-monthly:3 sub_a:si_1:price_1:-1 sub_a:si_1:price_1 ",
                "sub_a:si_1:price_1:1:2 sub_a:in_1:price_1:1  sub_a:si_2:price_m:-"
            )),
        );
        assert_eq!(messy, hint);
        let many = ReadHint {
            previews: vec![sub_a.clone(); 30],
            usage: vec![hint.usage[0].clone(); 30],
            plans: vec![hint.plans[0].clone(); 30],
        };
        let bounded = many.bounded();
        assert_eq!(
            (
                bounded.previews.len(),
                bounded.usage.len(),
                bounded.plans.len()
            ),
            (MAX_HINT, MAX_HINT, MAX_HINT)
        );
        let of_a: Vec<_> = hint.usage_of(&hint.previews[0]).collect();
        assert_eq!(of_a.len(), 1);
        let sub_b = SubscriptionId::parse("sub_b").unwrap();
        assert_eq!(hint.usage_of(&sub_b).count(), 0);
        let plans_of_a: Vec<_> = hint.plan_of(&sub_a).cloned().collect();
        assert_eq!(plans_of_a, hint.plans);
        assert_eq!(hint.plan_of(&sub_b).count(), 0);
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
            hint: ReadHint::default(),
            requests: Hits {
                count: 0,
                window_left: 60,
            },
            row_sk: String::new(),
        };
        assert!(s.csrf_matches("abc"));
        assert!(!s.csrf_matches("abd"));
        assert!(!s.csrf_matches(""));
        assert!(!s.csrf_matches("abcd"));
    }
}
