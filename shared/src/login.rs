//! Sign-in with an email address: the rules of the sign-in page (`/portal/login/<project
//! id or slug>`), kept apart from the page that applies them (`portal/src/pages/login.rs`).
//!
//! - The page answers the same way, in the same time, whether or not the address belongs
//!   to customers of the tenant's Stripe account: the answer is sent no earlier than
//!   [`ANSWER_FLOOR`] after the request began, and the work (Stripe lookup, minting, one
//!   email) is cut off at [`WORK_DEADLINE`], under that floor.
//! - Limits: per client IP and per project (a 429 page: neither says anything about an
//!   address), per address (the same answer, no email: a 429 there would reveal that the
//!   address was tried before, not that it exists, but the same answer is cheaper to
//!   reason about).
//! - The form is session-less, so its CSRF token is signed (the token signing keys) and
//!   bound to a nonce in a `SameSite=Strict` cookie (double submit): a forged or replayed
//!   form, or one posted by a browser that never loaded the page, is refused with 403.

pub use crate::settings::LoginSlug;
use std::time::Duration;

use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::i18n::Catalogue;
use crate::ids::ProjectId;
use crate::mail::Email;
use crate::settings::{is_email, MAX_EMAIL_CHARS};
use crate::store::counter::WindowedCounter;
use crate::store::{keys, Table};
use crate::token::SigningKeys;

/// The answer to a sign-in POST is sent no earlier than this after the request began.
pub const ANSWER_FLOOR: Duration = Duration::from_millis(2000);
/// The lookup, minting and email are abandoned after this (under [`ANSWER_FLOOR`]).
pub const WORK_DEADLINE: Duration = Duration::from_millis(1500);
/// Emails with sign-in links per address and window.
pub const PER_ADDRESS: i64 = 3;
/// Sign-in requests per client IP (per project) and window.
pub const PER_IP: i64 = 10;
/// Sign-in requests per project and window.
pub const PER_PROJECT: i64 = 300;
/// Window of the three limits, seconds.
pub const WINDOW_SECONDS: i64 = 3600;
/// Lifetime of an emailed sign-in link (capped by the project), as "Email me a new link".
pub const LINK_SECONDS: i64 = 3600;
/// Accounts listed in one email at most (one page of Stripe's list).
pub const MAX_ACCOUNTS: usize = 10;
/// How long a rendered sign-in form may be posted.
pub const CSRF_SECONDS: i64 = 3600;
/// The path prefix of sign-in pages.
pub const LOGIN_PATH: &str = "/portal/login/";

const CSRF_PURPOSE: &str = "login-csrf";
/// Longest email field read (Stripe's `email` filter takes at most 512).
const MAX_EMAIL_FIELD: usize = 512;
/// Longest CSRF field read.
const MAX_CSRF_FIELD: usize = 256;
const MAX_NONCE: usize = 64;
/// Cookie carrying the form's nonce, over HTTPS (`__Host-`: Secure, Path=/, no Domain).
pub const SECURE_COOKIE_NAME: &str = "__Host-bp_login";
/// The same cookie on local HTTP.
pub const LOCAL_COOKIE_NAME: &str = "bp_login";

/// What a sign-in path names: a project id or a slug.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginTarget {
    /// `/portal/login/proj_…`.
    Project(ProjectId),
    /// `/portal/login/<slug>`.
    Slug(LoginSlug),
}

impl LoginTarget {
    /// The target of the path segment after [`LOGIN_PATH`]; `None`: 404.
    pub fn parse(segment: &str) -> Option<LoginTarget> {
        if segment.starts_with("proj_") {
            return ProjectId::parse(segment).ok().map(LoginTarget::Project);
        }
        LoginSlug::parse(segment).ok().map(LoginTarget::Slug)
    }
}

/// The sign-in path of a project: its slug's where it has one, else its id's.
pub fn login_path(project: &ProjectId, slug: Option<&LoginSlug>) -> String {
    match slug {
        Some(s) => format!("{LOGIN_PATH}{s}"),
        None => format!("{LOGIN_PATH}{project}"),
    }
}

/// An address typed on the sign-in page, normalised: trimmed; compared with Stripe's
/// addresses case-insensitively (Stripe's `email` filter is case-sensitive, so both the
/// address as typed and its lowercase form are looked up).
#[derive(Clone, PartialEq, Eq)]
pub struct LoginAddress {
    typed: String,
    folded: String,
}

impl std::fmt::Debug for LoginAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LoginAddress({})", self.masked())
    }
}

impl LoginAddress {
    /// Parses a typed address (trimmed; a plausible address of at most 254 characters).
    pub fn parse(raw: &str) -> Option<LoginAddress> {
        let typed = raw.trim();
        (typed.chars().count() <= MAX_EMAIL_CHARS && is_email(typed)).then(|| LoginAddress {
            typed: typed.to_owned(),
            folded: typed.to_lowercase(),
        })
    }

    /// The values to pass to Stripe's `email` filter: as typed, and lowercased if
    /// different.
    pub fn lookups(&self) -> Vec<&str> {
        if self.typed == self.folded {
            vec![&self.typed]
        } else {
            vec![&self.typed, &self.folded]
        }
    }

    /// Whether a customer's stored address is this one (case-insensitively).
    pub fn matches(&self, stored: &str) -> bool {
        stored.trim().to_lowercase() == self.folded
    }

    /// SHA-256 (hex) of the lowercase address: its counter's name (the table holds no
    /// address).
    pub fn digest(&self) -> String {
        hex::encode(Sha256::digest(self.folded.as_bytes()))
    }

    /// For logs: the first character and the domain (`a…@example.com`), never the whole.
    pub fn masked(&self) -> String {
        let (local, domain) = self.folded.split_once('@').unwrap_or(("", ""));
        let first: String = local.chars().take(1).collect();
        format!("{first}…@{domain}")
    }
}

/// Why a sign-in form's address was refused (a 422 with the form again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressProblem {
    /// No address typed.
    Missing,
    /// Not an address.
    Invalid,
}

/// A sign-in form body, parsed once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginForm {
    /// The CSRF field, if present and of a sane length.
    pub csrf: Option<String>,
    /// The address, or why not.
    pub address: Result<LoginAddress, AddressProblem>,
}

impl LoginForm {
    /// Parses the form's pairs (the first of each name counts).
    pub fn parse<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> LoginForm {
        let (mut csrf, mut email) = (None, None);
        for (k, v) in pairs {
            match k {
                "csrf" if csrf.is_none() => csrf = Some(v),
                "email" if email.is_none() => email = Some(v),
                _ => {}
            }
        }
        let address = match email.map(str::trim) {
            None | Some("") => Err(AddressProblem::Missing),
            Some(e) if e.len() > MAX_EMAIL_FIELD => Err(AddressProblem::Invalid),
            Some(e) => LoginAddress::parse(e).ok_or(AddressProblem::Invalid),
        };
        LoginForm {
            csrf: csrf
                .filter(|c| !c.is_empty() && c.len() <= MAX_CSRF_FIELD)
                .map(str::to_owned),
            address,
        }
    }
}

/// The sign-in form's CSRF token: `<issued>.<nonce>.<kid>.<mac>`, a MAC over the project,
/// the time it was issued and a nonce that the browser also holds in a cookie.
pub fn issue_csrf(
    keys: &SigningKeys,
    project: &ProjectId,
    nonce: &str,
    now: OffsetDateTime,
) -> anyhow::Result<String> {
    let issued = now.unix_timestamp();
    let mac = keys.sign_form(CSRF_PURPOSE, &format!("{project}|{issued}|{nonce}"))?;
    Ok(format!("{issued}.{nonce}.{mac}"))
}

/// Whether `presented` is a CSRF token this deployment issued for `project` less than
/// [`CSRF_SECONDS`] ago, with the nonce of the browser's cookie.
pub fn csrf_matches(
    keys: &SigningKeys,
    project: &ProjectId,
    presented: &str,
    cookie_nonce: Option<&str>,
    now: OffsetDateTime,
) -> bool {
    let mut parts = presented.splitn(3, '.');
    let (Some(issued), Some(nonce), Some(mac)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let Ok(issued_at) = issued.parse::<i64>() else {
        return false;
    };
    let age = now.unix_timestamp().saturating_sub(issued_at);
    valid_nonce(nonce)
        && cookie_nonce == Some(nonce)
        && (-60..=CSRF_SECONDS).contains(&age)
        && keys.verify_form(CSRF_PURPOSE, &format!("{project}|{issued}|{nonce}"), mac)
}

fn valid_nonce(nonce: &str) -> bool {
    !nonce.is_empty()
        && nonce.len() <= MAX_NONCE
        && nonce.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// The nonce cookie: set by the sign-in page, read by its POST.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NonceCookie {
    /// Whether the portal is served over HTTPS (`__Host-` and `Secure`).
    pub secure: bool,
}

impl NonceCookie {
    fn name(self) -> &'static str {
        if self.secure {
            SECURE_COOKIE_NAME
        } else {
            LOCAL_COOKIE_NAME
        }
    }

    /// `Set-Cookie` value holding `nonce` for as long as the form may be posted.
    pub fn set(self, nonce: &str) -> String {
        let secure = if self.secure { "; Secure" } else { "" };
        format!(
            "{}={nonce}; Path=/; Max-Age={CSRF_SECONDS}; HttpOnly{secure}; SameSite=Strict",
            self.name()
        )
    }

    /// The nonce among `Cookie` header values.
    pub fn find<'a>(self, headers: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
        headers
            .into_iter()
            .flat_map(|h| h.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == self.name())
            .map(|(_, v)| v.trim())
            .filter(|v| valid_nonce(v))
    }
}

/// Whether a request may go on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginAdmission {
    /// Under the limits.
    Allowed,
    /// Over the IP's or the project's limit: 429, try again in this many seconds.
    Limited {
        /// Seconds until the window ends.
        retry_after: u64,
    },
}

/// The sign-in page's counters (fixed windows, one atomic `ADD` each, under the
/// project's partition).
#[derive(Debug, Clone)]
pub struct LoginLimiter {
    counter: WindowedCounter,
}

impl LoginLimiter {
    /// A limiter on `table`.
    pub fn new(table: Table) -> LoginLimiter {
        LoginLimiter {
            counter: WindowedCounter::new(table, WINDOW_SECONDS),
        }
    }

    /// Counts one POST from `client_ip` to `project`'s page (both counters at once).
    pub async fn admit_client(
        &self,
        project: &ProjectId,
        client_ip: &str,
        now: OffsetDateTime,
    ) -> anyhow::Result<LoginAdmission> {
        let now = now.unix_timestamp();
        let ip = keys::login_ip(&hex::encode(Sha256::digest(client_ip.as_bytes())));
        let (by_ip, by_project) = tokio::join!(
            self.counter.hit(project, &ip, now),
            self.counter.hit(project, keys::LOGIN_PROJECT, now),
        );
        let (by_ip, by_project) = (by_ip?, by_project?);
        Ok(if by_ip.count > PER_IP || by_project.count > PER_PROJECT {
            LoginAdmission::Limited {
                retry_after: by_ip.window_left.max(by_project.window_left),
            }
        } else {
            LoginAdmission::Allowed
        })
    }

    /// Counts one request for `address`; `true` if it is under its limit.
    pub async fn admit_address(
        &self,
        project: &ProjectId,
        address: &LoginAddress,
        now: OffsetDateTime,
    ) -> anyhow::Result<bool> {
        let name = keys::login_address(&address.digest());
        let hits = self
            .counter
            .hit(project, &name, now.unix_timestamp())
            .await?;
        Ok(hits.count <= PER_ADDRESS)
    }
}

/// One account in the sign-in email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountLink {
    /// The customer's name in Stripe, if any.
    pub name: Option<String>,
    /// Its live subscriptions' plan names.
    pub plans: Vec<String>,
    /// Its single-use portal link.
    pub link: String,
}

/// The sign-in email: one link per account, each with its name and what it pays for.
pub fn email(t: &Catalogue, tenant: &str, accounts: &[AccountLink], from: &str, to: &str) -> Email {
    let login = t.login();
    let mut text = format!("{}\n\n{}\n", t.email_greeting(), login.email_intro(tenant));
    for (i, a) in accounts.iter().enumerate() {
        let number = i64::try_from(i + 1).unwrap_or(i64::MAX);
        let name = a
            .name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned)
            .unwrap_or_else(|| login.email_account(number));
        let plans = if a.plans.is_empty() {
            login.email_no_plans().to_owned()
        } else {
            login.email_plans(&a.plans.join(", "))
        };
        text.push_str(&format!("\n{name}\n{plans}\n{}\n", a.link));
    }
    text.push_str(&format!("\n{}\n", login.email_outro()));
    Email {
        from: from.to_owned(),
        to: to.to_owned(),
        subject: login.email_subject(tenant),
        text,
        html: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::OsRandom;

    fn project() -> ProjectId {
        ProjectId::parse("proj_abcdefghijklmnopqrstuvwx").unwrap()
    }

    fn at(t: i64) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(t).unwrap()
    }

    #[test]
    fn slugs_are_short_lowercase_words_with_single_hyphens() {
        for ok in ["acme", "acme-billing", "a1b", &"x".repeat(40)] {
            assert!(LoginSlug::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "ab",
            "Acme",
            "-acme",
            "acme-",
            "ac--me",
            "ac_me",
            "ac me",
            "açme",
            &"x".repeat(41),
            "proj_abc",
        ] {
            assert!(LoginSlug::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_login_path_names_a_project_or_a_slug() {
        assert_eq!(
            LoginTarget::parse("proj_abcdefghijklmnopqrstuvwx"),
            Some(LoginTarget::Project(project()))
        );
        assert_eq!(
            LoginTarget::parse("acme"),
            Some(LoginTarget::Slug(LoginSlug::parse("acme").unwrap()))
        );
        assert_eq!(LoginTarget::parse("proj_x"), None);
        assert_eq!(LoginTarget::parse("Acme"), None);
        assert_eq!(LoginTarget::parse(""), None);
    }

    #[test]
    fn addresses_are_trimmed_and_compared_case_insensitively() {
        let a = LoginAddress::parse("  Ada@Example.COM ").unwrap();
        assert_eq!(a.lookups(), vec!["Ada@Example.COM", "ada@example.com"]);
        assert!(a.matches("ada@example.com"));
        assert!(a.matches("ADA@EXAMPLE.COM"));
        assert!(!a.matches("ada@example.org"));
        assert_eq!(
            a.digest(),
            LoginAddress::parse("ada@example.com").unwrap().digest()
        );
        assert_eq!(
            LoginAddress::parse("ada@example.com").unwrap().lookups(),
            vec!["ada@example.com"]
        );
        assert_eq!(a.masked(), "a…@example.com");
        assert!(!format!("{a:?}").contains("ada@"));
        for bad in ["", "ada", "ada@", "@example.com", "a b@example.com", "a@b"] {
            assert!(LoginAddress::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn the_form_reads_the_first_fields_and_bounds_them() {
        let f = LoginForm::parse([("csrf", "c"), ("email", " a@b.co "), ("email", "x")]);
        assert_eq!(f.csrf.as_deref(), Some("c"));
        assert_eq!(f.address.unwrap().lookups(), vec!["a@b.co"]);
        assert_eq!(
            LoginForm::parse([("email", "")]).address,
            Err(AddressProblem::Missing)
        );
        assert_eq!(LoginForm::parse([]).address, Err(AddressProblem::Missing));
        assert_eq!(LoginForm::parse([]).csrf, None);
        assert_eq!(
            LoginForm::parse([("email", "nope")]).address,
            Err(AddressProblem::Invalid)
        );
        let long = format!("{}@example.com", "a".repeat(600));
        assert_eq!(
            LoginForm::parse([("email", long.as_str())]).address,
            Err(AddressProblem::Invalid)
        );
        let long_csrf = "c".repeat(300);
        assert_eq!(LoginForm::parse([("csrf", long_csrf.as_str())]).csrf, None);
    }

    #[test]
    fn a_csrf_token_holds_for_its_project_nonce_and_hour_only() {
        let keys = SigningKeys::generate("k1", &OsRandom).unwrap();
        let other = ProjectId::parse("proj_bbcdefghijklmnopqrstuvwx").unwrap();
        let t = issue_csrf(&keys, &project(), "N0nce", at(1_000_000)).unwrap();
        let ok = |p: &ProjectId, tok: &str, nonce: Option<&str>, now: i64| {
            csrf_matches(&keys, p, tok, nonce, at(now))
        };
        assert!(ok(&project(), &t, Some("N0nce"), 1_000_010));
        assert!(ok(&project(), &t, Some("N0nce"), 1_000_000 + CSRF_SECONDS));
        assert!(!ok(&project(), &t, Some("N0nce"), 1_000_001 + CSRF_SECONDS));
        assert!(!ok(&project(), &t, Some("other"), 1_000_010));
        assert!(!ok(&project(), &t, None, 1_000_010));
        assert!(!ok(&other, &t, Some("N0nce"), 1_000_010));
        assert!(!ok(&project(), "", Some("N0nce"), 1_000_010));
        let forged = t.replacen("1000000", "1000500", 1);
        assert!(!ok(&project(), &forged, Some("N0nce"), 1_000_600));
        let other_keys = SigningKeys::generate("k1", &OsRandom).unwrap();
        assert!(!csrf_matches(
            &other_keys,
            &project(),
            &t,
            Some("N0nce"),
            at(1_000_010)
        ));
    }

    #[test]
    fn the_email_lists_each_account_with_its_plans_and_link() {
        let accounts = [
            AccountLink {
                name: Some("Ada Ltd".into()),
                plans: vec!["Pro".into(), "API requests".into()],
                link: "https://x.test/portal/s/one".into(),
            },
            AccountLink {
                name: None,
                plans: vec![],
                link: "https://x.test/portal/s/two".into(),
            },
        ];
        let e = email(
            Catalogue::english(),
            "Acme",
            &accounts,
            "from@a.test",
            "to@a.test",
        );
        assert_eq!(e.subject, "Your Acme sign-in link");
        let one = e
            .text
            .find("Ada Ltd\nPays for: Pro, API requests\nhttps://x.test/portal/s/one");
        let two = e
            .text
            .find("Account 2\nNo active subscription\nhttps://x.test/portal/s/two");
        assert!(one.is_some() && two.is_some(), "{}", e.text);
        assert!(one < two);
    }

    #[test]
    fn the_nonce_cookie_is_strict_and_host_prefixed_over_https() {
        let https = NonceCookie { secure: true };
        let set = https.set("abc");
        assert!(set.starts_with("__Host-bp_login=abc; Path=/;"), "{set}");
        assert!(set.contains("Secure") && set.contains("SameSite=Strict"));
        assert_eq!(https.find(["x=y; __Host-bp_login=abc"]), Some("abc"));
        let local = NonceCookie { secure: false };
        assert!(!local.set("abc").contains("Secure"));
        assert_eq!(local.find(["bp_login=abc"]), Some("abc"));
        assert_eq!(local.find(["bp_login=a-c"]), None);
        assert_eq!(local.find(["__Host-bp_login=abc"]), None);
    }
}
