//! Identifiers and small values parsed once from untrusted input, then trusted.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::clock::{random_base62, Random};

/// Why a value failed to parse; the message is safe to show to the caller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseError(pub String);

fn is_stripe_id(s: &str, prefix: &str) -> bool {
    // Stripe ids are `<prefix>_` + alphanumerics; the stand-in also lets tests choose short ids.
    s.len() <= 255
        && s.strip_prefix(prefix)
            .and_then(|rest| rest.strip_prefix('_'))
            .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The traits of a string newtype whose `parse` is the only way in: `as_str`, `Display`,
/// `FromStr`, `AsRef<str>`, and serde as a string that must parse.
macro_rules! text_newtype {
    ($name:ident) => {
        impl $name {
            /// The value as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::ids::ParseError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Self::parse(&s).map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use text_newtype;

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident, $what:literal, $check:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// Parses the identifier from untrusted input.
            pub fn parse(s: &str) -> Result<Self, ParseError> {
                let check: fn(&str) -> bool = $check;
                if check(s) {
                    Ok(Self(s.to_owned()))
                } else {
                    Err(ParseError(format!("Invalid {}: {}", $what, truncate_for_message(s))))
                }
            }
        }

        text_newtype!($name);
    };
}

/// Keeps error messages short when echoing untrusted input.
fn truncate_for_message(s: &str) -> String {
    let mut out: String = s.chars().take(64).filter(|c| !c.is_control()).collect();
    if s.chars().count() > 64 {
        out.push('…');
    }
    out
}

/// Length of the random part of a project id.
pub const PROJECT_ID_RANDOM_LEN: usize = 24;

string_id!(
    /// A project (tenant) id: `proj_` followed by 24 alphanumerics.
    ProjectId,
    "project id",
    |s| s
        .strip_prefix("proj_")
        .is_some_and(|r| r.len() == PROJECT_ID_RANDOM_LEN && r.bytes().all(|b| b.is_ascii_alphanumeric()))
);

impl ProjectId {
    /// A fresh random project id.
    pub fn generate(rng: &dyn Random) -> anyhow::Result<Self> {
        Ok(Self(format!(
            "proj_{}",
            random_base62(rng, PROJECT_ID_RANDOM_LEN)?
        )))
    }
}

string_id!(
    /// A Stripe customer id (`cus_…`).
    CustomerId,
    "customer id",
    |s| is_stripe_id(s, "cus")
);

string_id!(
    /// A Stripe subscription id (`sub_…`).
    SubscriptionId,
    "subscription id",
    |s| is_stripe_id(s, "sub")
);

/// Whether `s` is `<prefix>` followed by letters, digits and underscores (Stripe ids with
/// a mode infix, such as `cs_test_…` or `sub_sched_…`).
fn is_stripe_id_with_underscores(s: &str, prefix: &str) -> bool {
    s.len() <= 255
        && s.strip_prefix(prefix).is_some_and(|rest| {
            !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        })
}

string_id!(
    /// A Stripe invoice id (`in_…`): safe in a path and as a list cursor.
    InvoiceId,
    "invoice id",
    |s| is_stripe_id(s, "in")
);

string_id!(
    /// A Stripe price id. Prices are `price_…`; legacy plan ids are chosen by the tenant,
    /// so any id made of letters, digits, `_` and `-` is accepted (all safe in a path).
    PriceId,
    "price id",
    |s| !s.is_empty()
        && s.len() <= 255
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
);

string_id!(
    /// A Stripe subscription item id (`si_…`).
    SubscriptionItemId,
    "subscription item id",
    |s| is_stripe_id_with_underscores(s, "si_")
);

string_id!(
    /// A Stripe Checkout Session id (`cs_test_…`, `cs_live_…`).
    CheckoutSessionId,
    "checkout session id",
    |s| is_stripe_id_with_underscores(s, "cs_")
);

string_id!(
    /// A Stripe subscription schedule id (`sub_sched_…`).
    ScheduleId,
    "subscription schedule id",
    |s| is_stripe_id_with_underscores(s, "sub_sched_")
);

string_id!(
    /// A Stripe tax id object's id (`txi_…`).
    TaxIdId,
    "tax id id",
    |s| is_stripe_id_with_underscores(s, "txi_")
);

string_id!(
    /// A Stripe payment method id (`pm_…`, or a legacy `card_…`).
    PaymentMethodId,
    "payment method id",
    |s| is_stripe_id_with_underscores(s, "pm_") || is_stripe_id_with_underscores(s, "card_")
);

string_id!(
    /// A Stripe billing meter id (`mtr_…`), as a metered price names it.
    MeterId,
    "meter id",
    |s| is_stripe_id_with_underscores(s, "mtr_")
);

string_id!(
    /// A Stripe event id (`evt_…`).
    EventId,
    "event id",
    |s| is_stripe_id_with_underscores(s, "evt_")
);

/// The job a portal session deep-links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flow {
    /// The portal's home page.
    #[default]
    Overview,
    /// The invoice list.
    Invoices,
    /// Update the default payment method.
    PaymentMethodUpdate,
    /// Update billing details (name, address, tax ids).
    BillingDetailsUpdate,
    /// Change the plan of a subscription.
    SubscriptionUpdate,
    /// Cancel a subscription.
    SubscriptionCancel,
    /// Pause a subscription.
    SubscriptionPause,
}

impl Flow {
    /// Every flow, in the order SPEC lists them.
    pub const ALL: [Flow; 7] = [
        Flow::Overview,
        Flow::Invoices,
        Flow::PaymentMethodUpdate,
        Flow::BillingDetailsUpdate,
        Flow::SubscriptionUpdate,
        Flow::SubscriptionCancel,
        Flow::SubscriptionPause,
    ];

    /// The wire name (`subscription_cancel`).
    pub fn as_str(self) -> &'static str {
        match self {
            Flow::Overview => "overview",
            Flow::Invoices => "invoices",
            Flow::PaymentMethodUpdate => "payment_method_update",
            Flow::BillingDetailsUpdate => "billing_details_update",
            Flow::SubscriptionUpdate => "subscription_update",
            Flow::SubscriptionCancel => "subscription_cancel",
            Flow::SubscriptionPause => "subscription_pause",
        }
    }

    /// Whether the flow acts on one subscription, which the request must name.
    pub fn needs_subscription(self) -> bool {
        matches!(
            self,
            Flow::SubscriptionUpdate | Flow::SubscriptionCancel | Flow::SubscriptionPause
        )
    }
}

impl fmt::Display for Flow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Flow {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Flow::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| {
                ParseError(format!(
                    "Invalid flow: must be one of {}",
                    Flow::ALL.map(Flow::as_str).join(", ")
                ))
            })
    }
}

string_id!(
    /// A portal locale: `auto` or a BCP-47-like tag (`en`, `en-GB`, `zh-Hant-TW`).
    Locale,
    "locale",
    is_locale
);

fn is_locale(s: &str) -> bool {
    if s == "auto" {
        return true;
    }
    if s.len() > 35 {
        return false;
    }
    let mut parts = s.split('-');
    let lang_ok = parts
        .next()
        .is_some_and(|l| (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_alphabetic()));
    let mut count = 0;
    let rest_ok = parts.all(|p| {
        count += 1;
        (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    lang_ok && rest_ok && count <= 3
}

impl Default for Locale {
    fn default() -> Self {
        Locale("auto".to_owned())
    }
}

/// Longest return URL accepted.
pub const MAX_URL_LEN: usize = 2048;

/// An absolute `http(s)` URL the customer returns to from the portal.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReturnUrl(url::Url);

impl ReturnUrl {
    /// Parses an absolute http(s) URL with a host and no credentials.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let bad =
            |why: &str| ParseError(format!("Invalid URL ({why}): {}", truncate_for_message(s)));
        if s.len() > MAX_URL_LEN {
            return Err(bad("too long"));
        }
        let url = url::Url::parse(s).map_err(|_| bad("not an absolute URL"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(bad("scheme must be http or https"));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(bad("no host"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(bad("credentials are not allowed"));
        }
        // Percent-encoding can triple what was typed, and the token carries the
        // serialisation as JSON, where each `\` (which a query keeps as typed) takes two
        // bytes: bound what the token carries.
        let serialised = url.as_str();
        if serialised.len() + serialised.matches('\\').count() > MAX_URL_LEN {
            return Err(bad("too long once encoded"));
        }
        Ok(ReturnUrl(url))
    }

    /// The URL as text.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The parsed URL.
    pub fn url(&self) -> &url::Url {
        &self.0
    }

    /// Whether this URL is allowed by `entry` of an allow-list: same scheme, host and port,
    /// and the same path, or a path under `entry` when `entry`'s path ends with `/`.
    /// Query and fragment of `self` are free.
    pub fn is_allowed_by(&self, entry: &ReturnUrl) -> bool {
        let (a, e) = (&self.0, &entry.0);
        if a.scheme() != e.scheme()
            || a.host_str() != e.host_str()
            || a.port_or_known_default() != e.port_or_known_default()
        {
            return false;
        }
        let (ap, ep) = (a.path(), e.path());
        ap == ep || (ep.ends_with('/') && ap.starts_with(ep))
    }
}

impl fmt::Display for ReturnUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.as_str())
    }
}

impl FromStr for ReturnUrl {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for ReturnUrl {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.as_str())
    }
}

impl<'de> Deserialize<'de> for ReturnUrl {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn project_ids_round_trip_and_reject_bad_shapes() {
        let id = ProjectId::generate(&crate::clock::OsRandom).unwrap();
        assert_eq!(ProjectId::parse(id.as_str()).unwrap(), id);
        assert!(ProjectId::parse("proj_short").is_err());
        assert!(ProjectId::parse("proj_abcdefghijklmnopqrstuvw!").is_err());
        assert!(ProjectId::parse("prj_abcdefghijklmnopqrstuvwx").is_err());
        assert!(ProjectId::parse("proj_abcdefghijklmnopqrstuvwx").is_ok());
    }

    #[test]
    fn customer_ids_need_the_prefix_and_alphanumerics() {
        assert!(CustomerId::parse("cus_X").is_ok());
        assert!(CustomerId::parse("cus_").is_err());
        assert!(CustomerId::parse("sub_123").is_err());
        assert!(CustomerId::parse("cus_12 3").is_err());
        assert!(CustomerId::parse(&format!("cus_{}", "a".repeat(300))).is_err());
        assert!(SubscriptionId::parse("sub_1Abc").is_ok());
        assert!(SubscriptionId::parse("cus_1Abc").is_err());
    }

    #[test]
    fn price_ids_are_path_safe() {
        assert!(PriceId::parse("price_1AbC").is_ok());
        assert!(PriceId::parse("gold-monthly").is_ok());
        assert!(PriceId::parse("").is_err());
        assert!(PriceId::parse("price_1/../customers").is_err());
        assert!(PriceId::parse("price_1?expand=x").is_err());
    }

    #[test]
    fn stripe_ids_with_a_mode_infix_take_underscores_but_nothing_path_like() {
        assert!(CheckoutSessionId::parse("cs_test_a1B2c3").is_ok());
        assert!(CheckoutSessionId::parse("cs_live_a1").is_ok());
        for bad in [
            "",
            "cs_",
            "seti_1",
            "cs_test_1/../x",
            "cs_test_1?x=1",
            "cs_é",
        ] {
            assert!(CheckoutSessionId::parse(bad).is_err(), "{bad}");
        }
        assert!(CheckoutSessionId::parse(&format!("cs_{}", "a".repeat(300))).is_err());
        assert!(ScheduleId::parse("sub_sched_1A").is_ok());
        assert!(ScheduleId::parse("sub_1A").is_err());
        assert!(EventId::parse("evt_1_x").is_ok());
        assert!(EventId::parse("evt_1-x").is_err());
        assert!(InvoiceId::parse("in_1AbC").is_ok());
        assert!(InvoiceId::parse("in_").is_err());
        assert!(InvoiceId::parse("in_1&limit=100").is_err());
        assert!(PaymentMethodId::parse("pm_1").is_ok());
        assert!(PaymentMethodId::parse("card_1").is_ok());
        assert!(PaymentMethodId::parse("src_1").is_err());
        assert!(TaxIdId::parse("txi_1").is_ok());
        assert!(SubscriptionItemId::parse("si_1").is_ok());
        assert!(SubscriptionItemId::parse("si_1/x").is_err());
    }

    #[test]
    fn flows_parse_from_their_wire_names_only() {
        for f in Flow::ALL {
            assert_eq!(f.as_str().parse::<Flow>().unwrap(), f);
        }
        assert!("Overview".parse::<Flow>().is_err());
        assert!(Flow::SubscriptionPause.needs_subscription());
        assert!(!Flow::Invoices.needs_subscription());
    }

    #[test]
    fn locales_accept_auto_and_tags() {
        for ok in ["auto", "en", "en-GB", "zh-Hant-TW", "fil"] {
            assert!(Locale::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "e",
            "english",
            "en_GB",
            "en-",
            "-en",
            "en-GB-x-y-z",
            "auto ",
        ] {
            assert!(Locale::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn return_urls_must_be_absolute_http() {
        assert!(ReturnUrl::parse("https://app.example.com/billing").is_ok());
        assert!(ReturnUrl::parse("http://127.0.0.1:3000/x").is_ok());
        for bad in [
            "/billing",
            "javascript:alert(1)",
            "ftp://example.com/",
            "https://user:pw@example.com/",
            "data:text/html,hi",
        ] {
            assert!(ReturnUrl::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_return_url_fits_its_limit_once_percent_encoded() {
        // 2017 bytes as typed, 6017 once each "é" becomes "%C3%A9": its token would be
        // longer than any token `verify` reads (found by fuzzing the token).
        let typed = format!("https://app.test/{}", "é".repeat(1000));
        assert!(typed.len() <= MAX_URL_LEN);
        let err = ReturnUrl::parse(&typed).unwrap_err();
        assert!(err.to_string().contains("too long"), "{err}");
        let fits = format!("https://app.test/{}", "é".repeat(300));
        assert!(ReturnUrl::parse(&fits).unwrap().as_str().len() <= MAX_URL_LEN);
    }

    #[test]
    fn a_return_url_fits_its_limit_once_written_as_json() {
        // 1,054 bytes, and a query keeps its backslashes: 2,054 bytes as JSON, whose token
        // was longer than any token `verify` reads (found by fuzzing `sessions_json`).
        let typed = format!("https://app.test/?q={}", "\\".repeat(1034));
        assert!(typed.len() <= MAX_URL_LEN);
        let err = ReturnUrl::parse(&typed).unwrap_err();
        assert!(err.to_string().contains("too long"), "{err}");
        let fits = format!("https://app.test/?q={}", "\\".repeat(1000));
        let url = ReturnUrl::parse(&fits).unwrap();
        let json = serde_json::to_string(url.as_str()).unwrap();
        assert!(json.len() - 2 <= MAX_URL_LEN, "{}", json.len());
    }

    #[test]
    fn allow_list_matches_origin_and_path() {
        let entry = ReturnUrl::parse("https://app.example.com/billing").unwrap();
        let dir = ReturnUrl::parse("https://app.example.com/app/").unwrap();
        let ok = |s: &str, e: &ReturnUrl| ReturnUrl::parse(s).unwrap().is_allowed_by(e);
        assert!(ok("https://app.example.com/billing?tab=1", &entry));
        assert!(ok("https://app.example.com:443/billing", &entry));
        assert!(!ok("https://app.example.com/billing/evil", &entry));
        assert!(!ok("https://app.example.com.evil.test/billing", &entry));
        assert!(!ok("http://app.example.com/billing", &entry));
        assert!(!ok("https://app.example.com:8443/billing", &entry));
        assert!(ok("https://app.example.com/app/settings", &dir));
        assert!(!ok("https://app.example.com/application", &dir));
    }

    proptest! {
        #[test]
        fn project_id_parser_accepts_exactly_the_format(s in "\\PC{0,40}") {
            let expected = s.starts_with("proj_")
                && s.len() == 29
                && s[5..].bytes().all(|b| b.is_ascii_alphanumeric());
            prop_assert_eq!(ProjectId::parse(&s).is_ok(), expected);
        }

        #[test]
        fn valid_project_ids_always_parse(r in "[A-Za-z0-9]{24}") {
            let id = format!("proj_{r}");
            let parsed = ProjectId::parse(&id).unwrap();
            prop_assert_eq!(parsed.as_str(), id.as_str());
        }

        #[test]
        fn customer_id_parser_never_panics_and_keeps_the_prefix(s in "\\PC{0,300}") {
            if let Ok(id) = CustomerId::parse(&s) {
                prop_assert!(id.as_str().starts_with("cus_"));
                prop_assert!(id.as_str().len() <= 255);
            }
        }

        #[test]
        fn stripe_like_customer_ids_parse(r in "[A-Za-z0-9]{1,40}") {
            let customer = format!("cus_{r}");
            prop_assert!(CustomerId::parse(&customer).is_ok());
            let subscription = format!("sub_{r}");
            prop_assert!(SubscriptionId::parse(&subscription).is_ok());
        }

        #[test]
        fn locale_parser_never_panics(s in "\\PC{0,50}") {
            let _ = Locale::parse(&s);
        }

        #[test]
        fn language_region_locales_parse(l in "[a-z]{2,3}", r in "[A-Z]{2}") {
            let tag = format!("{l}-{r}");
            prop_assert!(Locale::parse(&tag).is_ok());
        }

        #[test]
        fn return_url_parser_only_yields_http_urls(s in "\\PC{0,80}") {
            if let Ok(u) = ReturnUrl::parse(&s) {
                prop_assert!(matches!(u.url().scheme(), "http" | "https"));
            }
        }

        #[test]
        fn a_url_is_allowed_by_itself(host in "[a-z]{1,10}\\.test", path in "(/[a-z0-9]{0,8}){0,3}") {
            let s = format!("https://{host}{path}");
            let u = ReturnUrl::parse(&s).unwrap();
            prop_assert!(u.is_allowed_by(&u));
        }
    }
}
