//! Project settings that cross a boundary (the admin CLI writes them, the functions read
//! them), each a type that parses: `portal-admin` and the functions accept and refuse
//! exactly the same values, because both go through these `parse` functions.
//!
//! Stored project records are read leniently ([`lenient`], [`lenient_list`]): a value an
//! older release stored and this one refuses is dropped with a warning, never fatal to the
//! tenant's portal.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::ids::{text_newtype, ParseError};

/// Longest URL a setting may hold.
pub const MAX_SETTING_URL: usize = 2048;
/// Longest email Stripe (and RFC 5321) accept.
pub const MAX_EMAIL_CHARS: usize = 254;

/// A billing detail the customer may edit on the billing details page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BillingField {
    /// The customer's email (invoices and receipts go there).
    Email,
    /// The customer's name.
    Name,
    /// The billing address.
    Address,
    /// One tax id (VAT number and the like).
    TaxId,
}

impl BillingField {
    /// Every field, in the order the page shows them.
    pub const ALL: [BillingField; 4] = [
        BillingField::Email,
        BillingField::Name,
        BillingField::Address,
        BillingField::TaxId,
    ];
}

/// Bounds on the quantity a customer may pick when changing plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuantityPolicy {
    /// Smallest quantity allowed (at least 1).
    pub min: u32,
    /// Largest quantity allowed.
    pub max: u32,
}

impl QuantityPolicy {
    /// Whether `quantity` is within the bounds.
    pub fn allows(&self, quantity: u64) -> bool {
        (u64::from(self.min)..=u64::from(self.max)).contains(&quantity)
    }
}

fn refuse(what: &str, value: &str) -> ParseError {
    let shown: String = value.chars().take(64).filter(|c| !c.is_control()).collect();
    ParseError(format!("{what}: {shown}"))
}

macro_rules! string_setting {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $name(String);

        text_newtype!($name);
    };
}

/// Whether `email` is a plausible address: one `@`, a dotted domain, no spaces.
pub fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    email.chars().count() <= MAX_EMAIL_CHARS
        && !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !email
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';'))
}

string_setting!(
    /// An email address (a sender, a support address): one `@`, a dotted domain, no
    /// spaces or header-breaking characters.
    EmailAddress
);

impl EmailAddress {
    /// Parses an address.
    pub fn parse(s: &str) -> Result<EmailAddress, ParseError> {
        let s = s.trim();
        if is_email(s) {
            Ok(EmailAddress(s.to_owned()))
        } else {
            Err(refuse("not an email address", s))
        }
    }
}

fn https_url(s: &str) -> Option<url::Url> {
    let url = url::Url::parse(s).ok()?;
    (s.len() <= MAX_SETTING_URL
        && url.as_str().len() <= MAX_SETTING_URL
        && url.scheme() == "https"
        && url.host_str().is_some_and(|h| !h.is_empty())
        && url.username().is_empty()
        && url.password().is_none())
    .then_some(url)
}

string_setting!(
    /// The tenant's logo: an `https://` URL (the page's CSP allows `https:` images only).
    LogoUrl
);

impl LogoUrl {
    /// Parses an `https://` URL of at most 2048 bytes.
    pub fn parse(s: &str) -> Result<LogoUrl, ParseError> {
        let s = s.trim();
        https_url(s)
            .map(|_| LogoUrl(s.to_owned()))
            .ok_or_else(|| refuse("the logo URL must be an https:// URL", s))
    }
}

string_setting!(
    /// Where "Contact support" leads: an `https://` URL or `mailto:<address>`.
    SupportUrl
);

impl SupportUrl {
    /// Parses `https://…` (kept as its serialisation: "Contact support" redirects to it,
    /// and a `Location` cannot carry what `url` percent-encodes) or `mailto:<address>`.
    pub fn parse(s: &str) -> Result<SupportUrl, ParseError> {
        let s = s.trim();
        let parsed = match s.strip_prefix("mailto:") {
            Some(address) => is_email(address).then(|| s.to_owned()),
            None => https_url(s).map(String::from),
        };
        parsed
            .map(SupportUrl)
            .ok_or_else(|| refuse("the support URL must be https://… or mailto:<address>", s))
    }
}

string_setting!(
    /// An origin allowed to frame the portal (CSP `frame-ancestors`): a bare
    /// `https://host[:port]`, or `http://` on 127.0.0.1 or localhost for local runs.
    /// Anything else could smuggle directives into the header.
    FrameAncestor
);

impl FrameAncestor {
    /// Parses an origin; stores its serialisation (`https://app.example.com`).
    pub fn parse(s: &str) -> Result<FrameAncestor, ParseError> {
        let s = s.trim();
        let bad = || refuse("not an origin like https://app.example.com", s);
        let url = url::Url::parse(s).map_err(|_| bad())?;
        let bare = (url.path() == "/" || url.path().is_empty())
            && url.query().is_none()
            && url.fragment().is_none()
            && url.username().is_empty()
            && url.password().is_none();
        let local = matches!(url.host_str(), Some("127.0.0.1" | "localhost"));
        let scheme_ok = url.scheme() == "https" || (url.scheme() == "http" && local);
        // A domain as DNS spells it: `url` lets `;`, `'` or `,` into a host, and the CSP
        // would read them as the end of the directive or a new source.
        let host_ok = match url.host() {
            Some(url::Host::Domain(d)) => {
                !d.is_empty()
                    && d.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
            }
            Some(url::Host::Ipv4(_) | url::Host::Ipv6(_)) => true,
            None => false,
        };
        if bare && scheme_ok && host_ok {
            Ok(FrameAncestor(url.origin().ascii_serialization()))
        } else {
            Err(bad())
        }
    }
}

/// The tenant's accent colour, `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AccentColor([u8; 3]);

impl AccentColor {
    /// Parses `#rrggbb` (the form the CLI and the project record use).
    pub fn parse(s: &str) -> Result<AccentColor, ParseError> {
        let s = s.trim();
        s.strip_prefix('#')
            .and_then(AccentColor::from_hex)
            .ok_or_else(|| refuse("the accent colour must be #rrggbb", s))
    }

    /// Parses six hex digits without `#` (the accent stylesheet's path).
    pub fn from_hex(hex: &str) -> Option<AccentColor> {
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(AccentColor([byte(0)?, byte(2)?, byte(4)?]))
    }

    /// The colour from its channels.
    pub fn from_rgb(rgb: [u8; 3]) -> AccentColor {
        AccentColor(rgb)
    }

    /// Lower-case hex without `#`.
    pub fn hex(&self) -> String {
        hex::encode(self.0)
    }

    /// Path of the stylesheet that sets this accent (its content depends only on the path).
    pub fn stylesheet_path(&self) -> String {
        format!("/portal/assets/accent-{}.css", self.hex())
    }

    fn luminance(rgb: [u8; 3]) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2])
    }

    /// WCAG contrast ratio between two colours.
    pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
        let (la, lb) = (Self::luminance(a), Self::luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    /// Text colour on the accent: white or black, whichever contrasts more (always ≥ 4.58:1).
    pub fn text_on(&self) -> [u8; 3] {
        const WHITE: [u8; 3] = [255, 255, 255];
        const INK: [u8; 3] = [0, 0, 0];
        if Self::contrast(self.0, WHITE) >= Self::contrast(self.0, INK) {
            WHITE
        } else {
            INK
        }
    }

    /// The accent stylesheet.
    pub fn stylesheet(&self) -> String {
        format!(
            ":root{{--accent:#{};--on-accent:#{}}}\n",
            self.hex(),
            hex::encode(self.text_on())
        )
    }
}

impl fmt::Display for AccentColor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.hex())
    }
}

impl Serialize for AccentColor {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for AccentColor {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        AccentColor::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// Smallest and largest longest pause, days.
pub const PAUSE_DAYS: (u32, u32) = (1, 365);
/// Smallest and largest session lifetime, seconds.
pub const SESSION_SECONDS: (u32, u32) = (60, 7 * 86_400);
/// Smallest and largest portal-link lifetime cap, seconds.
pub const TOKEN_SECONDS: (u32, u32) = (60, 86_400);

/// `value` if it lies within `bounds` (both included).
pub fn bounded(what: &str, value: u32, bounds: (u32, u32)) -> Result<u32, ParseError> {
    if (bounds.0..=bounds.1).contains(&value) {
        Ok(value)
    } else {
        Err(ParseError(format!(
            "{what} must be {}-{}",
            bounds.0, bounds.1
        )))
    }
}

impl QuantityPolicy {
    /// Parses `MIN-MAX` (1 ≤ MIN ≤ MAX), or `none` / empty for "quantities stay as they are".
    pub fn parse(raw: &str) -> Result<Option<QuantityPolicy>, ParseError> {
        let raw = raw.trim();
        if raw.is_empty() || raw.eq_ignore_ascii_case("none") {
            return Ok(None);
        }
        let parsed = raw.split_once('-').and_then(|(a, b)| {
            Some((a.trim().parse::<u32>().ok()?, b.trim().parse::<u32>().ok()?))
        });
        match parsed {
            Some((min, max)) if min >= 1 && min <= max => Ok(Some(QuantityPolicy { min, max })),
            _ => Err(ParseError(
                "the quantity must be MIN-MAX with 1 <= MIN <= MAX (e.g. 1-50), or none".to_owned(),
            )),
        }
    }
}

impl BillingField {
    /// Parses a comma-separated list (`email,name,address,tax_id`), or `none` for the
    /// empty list (no billing details page). Duplicates are dropped.
    pub fn parse_list(list: &str) -> Result<Vec<BillingField>, ParseError> {
        if list.trim() == "none" {
            return Ok(Vec::new());
        }
        let mut fields = Vec::new();
        for name in split_list(list) {
            let field = match name.replace('-', "_").as_str() {
                "email" => BillingField::Email,
                "name" => BillingField::Name,
                "address" => BillingField::Address,
                "tax_id" => BillingField::TaxId,
                _ => {
                    return Err(ParseError(format!(
                        "{name} is not one of email, name, address, tax_id (or none)"
                    )))
                }
            };
            if !fields.contains(&field) {
                fields.push(field);
            }
        }
        if fields.is_empty() {
            return Err(ParseError(
                "needs at least one of email, name, address, tax_id (or none)".to_owned(),
            ));
        }
        Ok(fields)
    }
}

/// The entries of a comma-separated list, trimmed, empty ones dropped.
pub fn split_list(list: &str) -> impl Iterator<Item = &str> {
    list.split(',').map(str::trim).filter(|s| !s.is_empty())
}

/// Reads an optional setting of a stored record; a value this release refuses is dropped.
pub fn lenient<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr<Err = ParseError>,
{
    let raw = Option::<String>::deserialize(d)?;
    Ok(raw.and_then(|s| match s.parse() {
        Ok(v) => Some(v),
        Err(e) => {
            tracing::warn!(error = %e, "a stored project setting no longer parses; ignored");
            None
        }
    }))
}

/// Reads a list setting of a stored record; entries this release refuses are dropped.
pub fn lenient_list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr<Err = ParseError>,
{
    let raw = Option::<Vec<String>>::deserialize(d)?.unwrap_or_default();
    Ok(raw
        .iter()
        .filter_map(|s| match s.parse() {
            Ok(v) => Some(v),
            Err(e) => {
                tracing::warn!(error = %e, "a stored project setting no longer parses; ignored");
                None
            }
        })
        .collect())
}

impl FromStr for AccentColor {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        AccentColor::parse(s)
    }
}

/// A project's sign-in page address chosen by the tenant: 3-40 of `a-z`, `0-9` and `-`,
/// starting and ending with a letter or digit. Unique across the deployment.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LoginSlug(String);

impl LoginSlug {
    /// Parses a slug (no trimming, no case folding: what is stored is what is typed).
    pub fn parse(s: &str) -> Result<LoginSlug, String> {
        let ok = (3..=40).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--");
        if ok {
            Ok(LoginSlug(s.to_owned()))
        } else {
            Err(
                "a sign-in slug is 3-40 lowercase letters, digits and single hyphens, \
                 starting and ending with a letter or digit"
                    .to_owned(),
            )
        }
    }

    /// The slug.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for LoginSlug {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<LoginSlug, ParseError> {
        LoginSlug::parse(s).map_err(ParseError)
    }
}

impl TryFrom<String> for LoginSlug {
    type Error = String;
    fn try_from(s: String) -> Result<LoginSlug, String> {
        LoginSlug::parse(&s)
    }
}

impl From<LoginSlug> for String {
    fn from(s: LoginSlug) -> String {
        s.0
    }
}

impl std::fmt::Display for LoginSlug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_need_one_at_and_a_dotted_domain() {
        assert!(EmailAddress::parse("billing@acme.test").is_ok());
        for bad in [
            "",
            "acme.test",
            "@acme.test",
            "a@b",
            "a@@b.test",
            "a b@c.test",
            "a@.test",
            "a@test.",
            "a@b..test",
            "a@b.test>",
            "x,y@b.test",
        ] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad}");
        }
        assert!(EmailAddress::parse(&format!("{}@b.test", "a".repeat(250))).is_err());
    }

    #[test]
    fn logos_must_be_https() {
        assert!(LogoUrl::parse("https://cdn.acme.test/logo.png").is_ok());
        for bad in [
            "http://cdn.acme.test/logo.png",
            "javascript:alert(1)",
            "data:image/png;base64,AA",
            "//cdn.acme.test/x.png",
            "https://user:pw@cdn.acme.test/x.png",
            "",
        ] {
            assert!(LogoUrl::parse(bad).is_err(), "{bad}");
        }
        let long = format!("https://cdn.acme.test/{}", "a".repeat(2048));
        assert!(LogoUrl::parse(&long).is_err());
    }

    #[test]
    fn support_is_https_or_a_mailto_address() {
        assert!(SupportUrl::parse("https://acme.test/help").is_ok());
        assert!(SupportUrl::parse("mailto:help@acme.test").is_ok());
        for bad in [
            "http://acme.test/help",
            "help@acme.test",
            "mailto:",
            "mailto:nobody",
            "javascript:alert(1)",
            "tel:+15555550100",
        ] {
            assert!(SupportUrl::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_frame_ancestor_cannot_end_its_csp_directive() {
        // Found by fuzzing (`fuzz/fuzz_targets/ids_settings.rs`): `url` accepts `'` (and
        // `;`, `,`) in a host, so `https://x;script-src` would have added a directive.
        for bad in [
            "https://x;script-src",
            "https://a'p.example.com:8443",
            "https://a,b.example.com",
            "https://a\"b.example.com",
            "https://a*.example.com",
        ] {
            assert!(FrameAncestor::parse(bad).is_err(), "{bad}");
        }
        for ok in [
            "https://app.acme.test",
            "https://xn--bcher-kva.example",
            "https://bücher.example",
            "https://[::1]:8443",
            "http://127.0.0.1:3000",
        ] {
            let f = FrameAncestor::parse(ok).unwrap();
            assert!(f.as_str().bytes().all(|b| b.is_ascii_graphic()), "{f:?}");
            assert!(!f.as_str().contains([';', ',', '\'', '"']), "{f:?}");
        }
    }

    #[test]
    fn a_support_url_is_kept_as_a_location_can_carry_it() {
        // Found by fuzzing (`fuzz/fuzz_targets/ids_settings.rs`): the URL was kept as
        // typed, controls included, and the redirect to it went out without a `Location`.
        let u = SupportUrl::parse("https://help.acme.test/billing%\u{0}\u{7f} é#f").unwrap();
        assert_eq!(
            u.as_str(),
            "https://help.acme.test/billing%%00%7F%20%C3%A9#f"
        );
        assert!(http::HeaderValue::from_str(u.as_str()).is_ok());
        assert_eq!(SupportUrl::parse(u.as_str()), Ok(u));
        // What is read back must parse again: the limit holds for the serialisation too.
        let spaces = format!("https://help.acme.test/{}z", "a ".repeat(700));
        assert!(SupportUrl::parse(&spaces).is_err());
        assert!(LogoUrl::parse(&spaces).is_err());
        assert_eq!(
            SupportUrl::parse("https://help.acme.test/billing")
                .unwrap()
                .as_str(),
            "https://help.acme.test/billing"
        );
    }

    #[test]
    fn only_bare_https_origins_may_frame_the_portal() {
        assert_eq!(
            FrameAncestor::parse("https://app.acme.test")
                .unwrap()
                .as_str(),
            "https://app.acme.test"
        );
        assert_eq!(
            FrameAncestor::parse("https://app.acme.test:8443/")
                .unwrap()
                .as_str(),
            "https://app.acme.test:8443"
        );
        assert!(FrameAncestor::parse("http://127.0.0.1:3000").is_ok());
        for bad in [
            "http://app.acme.test",
            "https://app.acme.test/path",
            "https://app.acme.test/?q=1",
            "https://a.test; script-src *",
            "*",
            "'self'",
            "javascript:alert(1)",
        ] {
            assert!(FrameAncestor::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn accents_parse_only_as_six_hex_digits() {
        assert_eq!(
            AccentColor::parse("#FF0080").map(|a| a.hex()),
            Ok("ff0080".to_owned())
        );
        for bad in [
            "red", "#fff", "#ff008", "#ff00800", "#gg0000", "ff0080;}", "", "ff0080",
        ] {
            assert!(AccentColor::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            AccentColor::from_hex("ff0080"),
            AccentColor::parse("#ff0080").ok()
        );
        assert_eq!(AccentColor::from_hex("#ff0080"), None);
    }

    #[test]
    fn text_on_any_accent_has_at_least_aa_contrast() {
        for rgb in [
            [255, 255, 0],
            [0, 0, 0],
            [119, 119, 119],
            [255, 0, 0],
            [0, 128, 255],
            [255, 255, 255],
        ] {
            let a = AccentColor::from_rgb(rgb);
            let ratio = AccentColor::contrast(rgb, a.text_on());
            assert!(ratio >= 4.5, "{rgb:?}: {ratio}");
        }
    }

    #[test]
    fn quantities_are_bounds_or_none() {
        assert_eq!(
            QuantityPolicy::parse("1-50"),
            Ok(Some(QuantityPolicy { min: 1, max: 50 }))
        );
        assert_eq!(QuantityPolicy::parse("none"), Ok(None));
        assert_eq!(QuantityPolicy::parse(""), Ok(None));
        for bad in ["0-5", "5-1", "1-", "x-y", "3", "-1-5"] {
            assert!(QuantityPolicy::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn billing_fields_are_named_or_none() {
        assert_eq!(
            BillingField::parse_list("email, tax-id,email"),
            Ok(vec![BillingField::Email, BillingField::TaxId])
        );
        assert_eq!(BillingField::parse_list("none"), Ok(Vec::new()));
        assert!(BillingField::parse_list("phone").is_err());
        assert!(BillingField::parse_list(" , ").is_err());
    }

    #[test]
    fn numbers_are_checked_against_their_bounds() {
        assert_eq!(bounded("days", 30, PAUSE_DAYS), Ok(30));
        assert!(bounded("days", 0, PAUSE_DAYS).is_err());
        assert!(bounded("days", 366, PAUSE_DAYS).is_err());
        assert!(bounded("seconds", 59, TOKEN_SECONDS).is_err());
        assert!(bounded("seconds", 86_401, TOKEN_SECONDS).is_err());
        assert!(bounded("seconds", 604_800, SESSION_SECONDS).is_ok());
    }

    #[test]
    fn stored_values_this_release_refuses_are_dropped_not_fatal() {
        #[derive(Deserialize)]
        struct Stored {
            #[serde(default, deserialize_with = "lenient")]
            support_url: Option<SupportUrl>,
            #[serde(default, deserialize_with = "lenient_list")]
            frame_ancestors: Vec<FrameAncestor>,
        }
        let s: Stored = serde_json::from_str(
            r#"{"support_url": "http://old.test", "frame_ancestors": ["http://a.test", "https://b.test"]}"#,
        )
        .unwrap();
        assert_eq!(s.support_url, None);
        assert_eq!(s.frame_ancestors.len(), 1);
        let s: Stored = serde_json::from_str(r#"{"support_url": null}"#).unwrap();
        assert_eq!(s.support_url, None);
    }
}
