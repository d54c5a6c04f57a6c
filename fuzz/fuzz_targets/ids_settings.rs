//! Small values parsed from untrusted text: every `shared::ids` newtype (`*Id::parse`,
//! `Flow`, `Locale`, `ReturnUrl`), the project settings of `shared::settings`
//! (`EmailAddress`, `LogoUrl`, `SupportUrl`, `FrameAncestor`, `AccentColor`,
//! `QuantityPolicy`, `BillingField::parse_list`), `idempotency::parse_key`,
//! `api_key::ApiKey::parse`, `metrics::parse_day`, `TicketCategory` and `cancel::Verb`.
//!
//! Checked: what parses prints back to what parses to the same value (and through serde
//! JSON); ids keep their text; values that end up in a header (support URL as `Location`,
//! frame ancestors in the CSP, emails) are valid there and cannot inject anything.
//! Input: one string, given to every parser.
#![no_main]

use std::fmt::Debug;
use std::str::FromStr;

use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;
use serde::Serialize;
use shared::api_key::{ApiKey, API_KEY_LEN};
use shared::cancel::Verb;
use shared::i18n::Catalogue;
use shared::idempotency::{parse_key, MAX_KEY_LEN};
use shared::ids::{
    CheckoutSessionId, CustomerId, EventId, Flow, InvoiceId, Locale, PaymentMethodId, PriceId,
    ProjectId, ReturnUrl, ScheduleId, SubscriptionId, SubscriptionItemId, TaxIdId, MAX_URL_LEN,
};
use shared::metrics::{format_day, parse_day, TicketCategory};
use shared::project::{BillingField, QuantityPolicy};
use shared::settings::{AccentColor, EmailAddress, FrameAncestor, LogoUrl, SupportUrl};

/// `T` parsed from `s`: its text prints back to the same value, and survives serde JSON.
fn round_trip<T>(s: &str) -> Option<T>
where
    T: FromStr + ToString + PartialEq + Debug + Serialize + DeserializeOwned,
{
    let v = s.parse::<T>().ok()?;
    let text = v.to_string();
    match text.parse::<T>() {
        Ok(again) => assert_eq!(again, v, "{s:?} prints as {text:?}, which reads otherwise"),
        Err(_) => panic!("{s:?} parsed, but its text {text:?} does not"),
    }
    let json = serde_json::to_string(&v).expect("serialises");
    let back: T = serde_json::from_str(&json).expect("deserialises what it serialised");
    assert_eq!(back, v);
    Some(v)
}

/// A string id: parses to exactly its input, and only short, path-safe text.
fn id<T>(s: &str)
where
    T: FromStr + ToString + PartialEq + Debug + Serialize + DeserializeOwned + AsRef<str>,
{
    if let Some(v) = round_trip::<T>(s) {
        assert_eq!(v.as_ref(), s);
        assert!(!s.is_empty() && s.len() <= 255);
        assert!(s
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'));
    }
}

fn header_safe(s: &str) -> bool {
    http::HeaderValue::from_str(s).is_ok()
}

fuzz_target!(|data: &[u8]| {
    if let Ok(key) = parse_key(data) {
        assert!((1..=MAX_KEY_LEN).contains(&key.len()));
        assert_eq!(key.as_bytes(), data);
        assert!(header_safe(key));
    }
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };

    id::<ProjectId>(s);
    id::<CustomerId>(s);
    id::<SubscriptionId>(s);
    id::<InvoiceId>(s);
    id::<PriceId>(s);
    id::<SubscriptionItemId>(s);
    id::<CheckoutSessionId>(s);
    id::<ScheduleId>(s);
    id::<TaxIdId>(s);
    id::<PaymentMethodId>(s);
    id::<EventId>(s);
    if let Some(f) = round_trip::<Flow>(s) {
        assert_eq!(f.as_str(), s);
    }
    if let Some(l) = round_trip::<Locale>(s) {
        assert_eq!(l.as_str(), s);
        let _ = Catalogue::for_locale(&l);
    }

    if let Some(u) = round_trip::<ReturnUrl>(s) {
        assert!(matches!(u.url().scheme(), "http" | "https"));
        assert!(u.url().host_str().is_some_and(|h| !h.is_empty()));
        assert!(u.url().username().is_empty() && u.url().password().is_none());
        assert!(u.is_allowed_by(&u));
        assert!(
            u.as_str().len() <= MAX_URL_LEN,
            "a {}-byte return URL",
            u.as_str().len()
        );
        assert!(
            header_safe(u.as_str()),
            "return URL {u} is no Location value"
        );
    }

    if let Some(e) = round_trip::<EmailAddress>(s) {
        assert_eq!(e.as_str(), s.trim());
        assert!(!e.as_str().contains(['\r', '\n', '<', '>', ',', ';']));
    }
    if let Some(l) = round_trip::<LogoUrl>(s) {
        assert!(l.as_str().len() <= 2048);
    }
    if let Some(u) = round_trip::<SupportUrl>(s) {
        // "Contact support" is a redirect to it.
        assert!(
            header_safe(u.as_str()),
            "support URL {u:?} is no Location value"
        );
    }
    if let Some(f) = round_trip::<FrameAncestor>(s) {
        // It goes into `Content-Security-Policy: frame-ancestors …`.
        assert!(header_safe(f.as_str()));
        assert!(!f.as_str().contains([';', ',', ' ', '\'', '"']), "{f:?}");
        assert!(f.as_str().starts_with("https://") || f.as_str().starts_with("http://"));
    }
    if let Some(c) = round_trip::<AccentColor>(s) {
        assert_eq!(AccentColor::from_hex(&c.hex()), Some(c));
        let rgb: [u8; 3] = hex::decode(c.hex())
            .expect("hex")
            .try_into()
            .expect("3 bytes");
        assert!(
            AccentColor::contrast(c.text_on(), rgb) >= 4.5,
            "{c} has poor contrast"
        );
        let path = c.stylesheet_path();
        let route = portal::fuzzing::route(&http::Method::GET, &path);
        assert!(
            matches!(route, portal::fuzzing::Route::Found { name: "accent", .. }),
            "{path} is not served: {route:?}"
        );
    }
    if let Ok(Some(q)) = QuantityPolicy::parse(s) {
        assert!(1 <= q.min && q.min <= q.max);
        let text = format!("{}-{}", q.min, q.max);
        assert_eq!(QuantityPolicy::parse(&text), Ok(Some(q)));
    }
    if let Ok(fields) = BillingField::parse_list(s) {
        for (i, f) in fields.iter().enumerate() {
            assert!(!fields[..i].contains(f), "duplicate {f:?}");
        }
        let text = fields
            .iter()
            .map(|f| serde_json::to_value(f).expect("a name"))
            .map(|v| v.as_str().expect("a string").to_owned())
            .collect::<Vec<_>>()
            .join(",");
        let again = if fields.is_empty() {
            BillingField::parse_list("none")
        } else {
            BillingField::parse_list(&text)
        };
        assert_eq!(again, Ok(fields));
    }
    if let Some(key) = ApiKey::parse(s) {
        assert_eq!(key.expose(), s);
        assert_eq!(s.len(), API_KEY_LEN);
        assert!(s.starts_with(&format!("bpk_{}_", key.project())));
        assert!(key.display_prefix().len() < s.len());
    }
    if let Some(d) = parse_day(s) {
        assert_eq!(format_day(d), s);
    }
    if let Ok(c) = s.parse::<TicketCategory>() {
        assert_eq!(c.as_str(), s);
    }
    if let Some(v) = Verb::of(s) {
        assert_eq!(v.as_str(), s);
    }
});
