//! What a project offers a customer who is leaving, as settings: the cancel reasons it
//! asks about (Stripe's eight feedback codes and up to five of its own, labelled per
//! language) and the offer that answers each. Parsed here once for `portal-admin` and the
//! functions alike, and stored on the project row; the rules that apply them to a
//! subscription are in the `offers` module. A leaf: it knows nothing of projects, Stripe or
//! the store.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};

use crate::ids::{text_newtype, ParseError};

/// Stripe's eight cancellation reason codes, in the order they are offered.
pub const REASON_CODES: [&str; 8] = [
    "too_expensive",
    "missing_features",
    "switched_service",
    "unused",
    "customer_service",
    "too_complex",
    "low_quality",
    "other",
];
/// Most reasons a project may add to Stripe's eight.
pub const MAX_CUSTOM_REASONS: usize = 5;
/// Longest label of a custom reason (characters).
pub const MAX_REASON_LABEL_CHARS: usize = 80;
/// Longest reason key.
pub const MAX_REASON_KEY_CHARS: usize = 40;
/// Longest coupon id accepted in a setting.
pub const MAX_COUPON_ID_CHARS: usize = 64;
/// A reason's key: one of Stripe's eight codes, or a project's own (`[a-z][a-z0-9_]*`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReasonKey(String);

text_newtype!(ReasonKey);

impl ReasonKey {
    /// Parses a key: 1-40 characters of `a-z`, `0-9` and `_`, starting with a letter.
    pub fn parse(raw: &str) -> Result<ReasonKey, ParseError> {
        let ok = (1..=MAX_REASON_KEY_CHARS).contains(&raw.len())
            && raw.starts_with(|c: char| c.is_ascii_lowercase())
            && raw
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if ok {
            Ok(ReasonKey(raw.to_owned()))
        } else {
            Err(ParseError(format!(
                "a reason is 1-{MAX_REASON_KEY_CHARS} characters of a-z, 0-9 and _, starting with a letter: {}",
                raw.chars().take(64).filter(|c| !c.is_control()).collect::<String>()
            )))
        }
    }

    /// Whether it is one of Stripe's eight feedback codes.
    pub fn is_stripe_code(&self) -> bool {
        REASON_CODES.contains(&self.0.as_str())
    }
}

/// A coupon id named by a setting (Stripe's ids: letters, digits, `_` and `-`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CouponId(String);

text_newtype!(CouponId);

impl CouponId {
    /// Parses a coupon id: 1-64 characters of letters, digits, `_` and `-`.
    pub fn parse(raw: &str) -> Result<CouponId, ParseError> {
        let ok = (1..=MAX_COUPON_ID_CHARS).contains(&raw.len())
            && raw
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if ok {
            Ok(CouponId(raw.to_owned()))
        } else {
            Err(ParseError(format!(
                "a coupon id is 1-{MAX_COUPON_ID_CHARS} letters, digits, _ or -: {}",
                raw.chars()
                    .take(64)
                    .filter(|c| !c.is_control())
                    .collect::<String>()
            )))
        }
    }
}

/// A reason of the project's own, with its label per language (BCP-47 primary tag).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawCustomReason")]
pub struct CustomReason {
    /// Its key (never one of Stripe's codes).
    pub key: ReasonKey,
    /// Label by language (`en`, `fr`, …); at least one.
    pub labels: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct RawCustomReason {
    key: ReasonKey,
    labels: BTreeMap<String, String>,
}

impl TryFrom<RawCustomReason> for CustomReason {
    type Error = ParseError;
    fn try_from(raw: RawCustomReason) -> Result<CustomReason, ParseError> {
        if raw.key.is_stripe_code() {
            return Err(ParseError(format!(
                "{} is one of Stripe's reasons already",
                raw.key
            )));
        }
        if raw.labels.is_empty() {
            return Err(ParseError(format!("{} needs a label", raw.key)));
        }
        let mut labels = BTreeMap::new();
        for (lang, label) in raw.labels {
            labels.insert(parse_lang(&lang)?, parse_label(&label)?);
        }
        Ok(CustomReason {
            key: raw.key,
            labels,
        })
    }
}

fn parse_lang(raw: &str) -> Result<String, ParseError> {
    let raw = raw.trim().to_ascii_lowercase();
    if (2..=3).contains(&raw.len()) && raw.chars().all(|c| c.is_ascii_lowercase()) {
        Ok(raw)
    } else {
        Err(ParseError(format!(
            "a label's language is a two- or three-letter code (en, fr): {}",
            raw.chars()
                .take(16)
                .filter(|c| !c.is_control())
                .collect::<String>()
        )))
    }
}

fn parse_label(raw: &str) -> Result<String, ParseError> {
    let label = raw.trim();
    if label.is_empty()
        || label.chars().count() > MAX_REASON_LABEL_CHARS
        || label.chars().any(char::is_control)
    {
        return Err(ParseError(format!(
            "a reason's label is 1-{MAX_REASON_LABEL_CHARS} characters without control characters"
        )));
    }
    Ok(label.to_owned())
}

impl CustomReason {
    /// Its label in `lang` (a BCP-47 tag: `pt-BR` finds the `pt` label), else in English,
    /// else its first.
    pub fn label(&self, lang: &str) -> &str {
        let primary = lang.split('-').next().unwrap_or(lang).to_ascii_lowercase();
        self.labels
            .get(&primary)
            .or_else(|| self.labels.get("en"))
            .or_else(|| self.labels.values().next())
            .map_or(self.key.as_str(), String::as_str)
    }

    /// Parses `portal-admin`'s `--custom-reasons`: `;`-separated `KEY=Label` entries
    /// (English) and `KEY.LANG=Label` (another language); `none` or empty: no reasons.
    pub fn parse_list(raw: &str) -> Result<Vec<CustomReason>, ParseError> {
        let raw = raw.trim();
        if raw.is_empty() || raw == "none" {
            return Ok(Vec::new());
        }
        let mut out: Vec<RawCustomReason> = Vec::new();
        for entry in raw.split(';').map(str::trim).filter(|e| !e.is_empty()) {
            let (name, label) = entry.split_once('=').ok_or_else(|| {
                ParseError(format!(
                    "a custom reason is KEY=Label or KEY.LANG=Label: {entry}"
                ))
            })?;
            let (key, lang) = match name.trim().split_once('.') {
                Some((k, l)) => (k, parse_lang(l)?),
                None => (name.trim(), "en".to_owned()),
            };
            let key = ReasonKey::parse(key)?;
            let label = parse_label(label)?;
            match out.iter_mut().find(|r| r.key == key) {
                Some(r) => {
                    r.labels.insert(lang, label);
                }
                None => out.push(RawCustomReason {
                    key,
                    labels: BTreeMap::from([(lang, label)]),
                }),
            }
        }
        if out.len() > MAX_CUSTOM_REASONS {
            return Err(ParseError(format!(
                "at most {MAX_CUSTOM_REASONS} custom reasons"
            )));
        }
        out.into_iter().map(CustomReason::try_from).collect()
    }
}

/// What an offer is, without its parameters (the funnel counts by kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OfferKind {
    /// A coupon on the subscription.
    Coupon,
    /// Pause collection.
    Pause,
    /// The project's cheaper plan.
    Downgrade,
    /// "Talk to us": the support link.
    Support,
}

impl OfferKind {
    /// Every kind, in the order reports list them.
    pub const ALL: [OfferKind; 4] = [
        OfferKind::Coupon,
        OfferKind::Pause,
        OfferKind::Downgrade,
        OfferKind::Support,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            OfferKind::Coupon => "coupon",
            OfferKind::Pause => "pause",
            OfferKind::Downgrade => "downgrade",
            OfferKind::Support => "support",
        }
    }
}

/// An offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Offer {
    /// Apply this coupon to the subscription (Stripe's `discounts`).
    Coupon {
        /// The coupon.
        coupon: CouponId,
    },
    /// Pause collection (the project's pause lengths).
    Pause,
    /// Switch to the project's `downgrade_price`.
    Downgrade,
    /// Talk to us: the project's support link.
    Support,
}

impl Offer {
    /// Its kind.
    pub fn kind(&self) -> OfferKind {
        match self {
            Offer::Coupon { .. } => OfferKind::Coupon,
            Offer::Pause => OfferKind::Pause,
            Offer::Downgrade => OfferKind::Downgrade,
            Offer::Support => OfferKind::Support,
        }
    }
}

/// One reason's offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferRule {
    /// The reason it answers.
    pub reason: ReasonKey,
    /// The offer.
    pub offer: Offer,
}

impl OfferRule {
    /// Parses `portal-admin`'s `--offers`: `;`-separated `REASON=coupon:ID`,
    /// `REASON=pause`, `REASON=downgrade`, `REASON=support`; `none` or empty: no offers.
    /// At most one offer per reason. (Whether each reason and offer fits the project is
    /// [`check`].)
    pub fn parse_list(raw: &str) -> Result<Vec<OfferRule>, ParseError> {
        let raw = raw.trim();
        if raw.is_empty() || raw == "none" {
            return Ok(Vec::new());
        }
        let mut out: Vec<OfferRule> = Vec::new();
        for entry in raw.split(';').map(str::trim).filter(|e| !e.is_empty()) {
            let (reason, offer) = entry.split_once('=').ok_or_else(|| {
                ParseError(format!(
                    "an offer is REASON=coupon:ID, REASON=pause, REASON=downgrade or REASON=support: {entry}"
                ))
            })?;
            let reason = ReasonKey::parse(reason.trim())?;
            let offer = match offer.trim() {
                "pause" => Offer::Pause,
                "downgrade" => Offer::Downgrade,
                "support" => Offer::Support,
                other => match other.strip_prefix("coupon:") {
                    Some(id) => Offer::Coupon {
                        coupon: CouponId::parse(id.trim())?,
                    },
                    None => {
                        return Err(ParseError(format!(
                            "an offer is coupon:ID, pause, downgrade or support: {other}"
                        )))
                    }
                },
            };
            if out.iter().any(|r| r.reason == reason) {
                return Err(ParseError(format!("{reason} has more than one offer")));
            }
            out.push(OfferRule { reason, offer });
        }
        Ok(out)
    }
}

/// Reads a list of JSON records leniently: an entry this release refuses is dropped with
/// a warning (as `settings::lenient_list` does for text settings).
pub(crate) fn lenient_records<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    let raw = Option::<Vec<serde_json::Value>>::deserialize(d)?.unwrap_or_default();
    Ok(raw
        .into_iter()
        .filter_map(|v| match serde_json::from_value(v) {
            Ok(t) => Some(t),
            Err(e) => {
                tracing::warn!(error = %e, "a stored project setting no longer parses; ignored");
                None
            }
        })
        .collect())
}
