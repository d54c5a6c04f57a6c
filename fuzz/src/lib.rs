//! Fixtures the fuzz targets share: a fixed clock and key, a project, subscriptions.
//! Nothing here is random: a crash reproduces from its input alone. Each is built once
//! per process (decoding them for every input would cost more than the parsers).

use std::sync::OnceLock;

use serde_json::{json, Value};
use shared::clock::Random;
use shared::ids::{PriceId, ProjectId, ReturnUrl};
use shared::project::{CancellationMode, DowngradeTiming, Project, QuantityPolicy};
use shared::stripe::{Price, Subscription};
use shared::token::SigningKeys;
use time::OffsetDateTime;

/// The fuzzers' "now": 2027-01-15T08:00:00Z.
pub const NOW: i64 = 1_800_000_000;

/// [`NOW`] as a date-time.
pub fn now() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(NOW).expect("NOW is a valid time")
}

/// The byte every fixture key is made of.
pub const KEY_BYTE: u8 = 0x42;

/// A "random" source that always gives [`KEY_BYTE`].
pub struct FixedRandom;

impl Random for FixedRandom {
    fn fill(&self, buf: &mut [u8]) -> anyhow::Result<()> {
        buf.fill(KEY_BYTE);
        Ok(())
    }
}

/// Signing keys with one key, `k1`, of 32 × [`KEY_BYTE`].
pub fn signing_keys() -> &'static SigningKeys {
    static KEYS: OnceLock<SigningKeys> = OnceLock::new();
    KEYS.get_or_init(|| SigningKeys::generate("k1", &FixedRandom).expect("k1 is a valid key id"))
}

/// The HMAC-SHA256 of `input` under key `k1`, base64url: what `SigningKeys` appends.
pub fn token_mac(input: &[u8]) -> String {
    use base64::Engine;
    use hmac::{Hmac, KeyInit, Mac};
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&[KEY_BYTE; 32]).expect("any key length");
    mac.update(input);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

/// The sign-in form's CSRF token for `nonce`, issued for [`PROJECT`] at [`NOW`] with
/// [`signing_keys`].
pub fn login_csrf(nonce: &str) -> String {
    let project = ProjectId::parse(PROJECT).expect("the fixture id");
    shared::login::issue_csrf(signing_keys(), &project, nonce, now())
        .expect("the fixture key signs")
}

/// The fixture project's id.
pub const PROJECT: &str = "proj_abcdefghijklmnopqrstuvwx";

/// A project with every job on: three allowed prices, quantities 1-50, pause up to 90
/// days, the reason survey, period-end cancellation and downgrades.
pub fn project() -> &'static Project {
    static PROJECT: OnceLock<Project> = OnceLock::new();
    PROJECT.get_or_init(lenient_project)
}

fn lenient_project() -> Project {
    let mut p = Project::new(
        ProjectId::parse(PROJECT).expect("valid project id"),
        "Acme",
        ReturnUrl::parse("https://app.acme.test/billing").expect("valid URL"),
        "/billing-portal",
        now(),
    );
    p.return_urls
        .push(ReturnUrl::parse("https://app.acme.test/app/").expect("valid URL"));
    p.allowed_prices = [
        "price_basic",
        "price_pro",
        "price_pro_year",
        "price_metered",
    ]
    .iter()
    .map(|id| PriceId::parse(id).expect("valid price id"))
    .collect();
    p.quantity = Some(QuantityPolicy { min: 1, max: 50 });
    p.pause_offered = true;
    p.downgrade_timing = DowngradeTiming::PeriodEnd;
    p.custom_reasons = shared::offers::CustomReason::parse_list("moving=Moving abroad")
        .expect("valid custom reasons");
    p.offers = shared::offers::OfferRule::parse_list(
        "too_expensive=coupon:SAVE20;unused=pause;moving=pause",
    )
    .expect("valid offers");
    p
}

/// [`project`] with the other choices: no quantities, immediate cancellation, no pause,
/// no survey, downgrades at once.
pub fn strict_project() -> &'static Project {
    static PROJECT: OnceLock<Project> = OnceLock::new();
    PROJECT.get_or_init(strict)
}

fn strict() -> Project {
    let mut p = lenient_project();
    p.quantity = None;
    p.pause_offered = false;
    p.reason_survey = false;
    p.cancellation_mode = CancellationMode::Immediate;
    p.downgrade_timing = DowngradeTiming::Immediately;
    p.max_pause_days = 1;
    p
}

/// A price as Stripe sends it.
pub fn price_json(id: &str, amount: i64, interval: &str, usage: &str) -> Value {
    json!({
        "id": id, "currency": "eur", "unit_amount": amount, "active": true,
        "recurring": {"interval": interval, "interval_count": 1, "usage_type": usage},
        "product": {"id": format!("prod_{id}"), "name": id},
    })
}

/// The prices the fixture project offers.
pub fn offered() -> &'static [Price] {
    static PRICES: OnceLock<Vec<Price>> = OnceLock::new();
    PRICES.get_or_init(prices)
}

fn prices() -> Vec<Price> {
    [
        price_json("price_basic", 900, "month", "licensed"),
        price_json("price_pro", 2900, "month", "licensed"),
        price_json("price_pro_year", 29000, "year", "licensed"),
        price_json("price_metered", 5, "month", "metered"),
    ]
    .into_iter()
    .map(|v| serde_json::from_value(v).expect("valid price"))
    .collect()
}

/// Subscriptions in the states the rules tell apart: one item, two items (one metered),
/// a scheduled cancellation, paused collection, cancelled.
pub fn subscriptions() -> &'static [Subscription] {
    static SUBS: OnceLock<Vec<Subscription>> = OnceLock::new();
    SUBS.get_or_init(subs)
}

fn subs() -> Vec<Subscription> {
    let item = |id: &str, price: Value, qty: Option<u64>| json!({"id": id, "price": price, "quantity": qty, "current_period_end": NOW + 86_400 * 20});
    let basic = price_json("price_basic", 900, "month", "licensed");
    let pro = price_json("price_pro", 2900, "month", "licensed");
    let metered = price_json("price_metered", 5, "month", "metered");
    let sub = |extra: Value, items: Vec<Value>| {
        let mut v = json!({
            "id": "sub_1", "customer": "cus_1", "status": "active", "currency": "eur",
            "items": {"data": items},
        });
        if let (Some(o), Value::Object(e)) = (v.as_object_mut(), extra) {
            o.extend(e);
        }
        serde_json::from_value::<Subscription>(v).expect("valid subscription")
    };
    vec![
        sub(json!({}), vec![item("si_1", pro.clone(), Some(3))]),
        sub(
            json!({}),
            vec![
                item("si_1", basic.clone(), Some(1)),
                item("si_2", metered, None),
            ],
        ),
        sub(
            json!({"cancel_at_period_end": true, "schedule": "sub_sched_1"}),
            vec![item("si_1", pro, Some(1))],
        ),
        sub(
            json!({"pause_collection": {"behavior": "void", "resumes_at": NOW + 86_400}}),
            vec![item("si_1", basic.clone(), Some(2))],
        ),
        sub(
            json!({"status": "canceled", "ended_at": NOW - 10}),
            vec![item("si_1", basic, Some(1))],
        ),
    ]
}

/// `data` split at the first `sep`: (before, after); all of it before when absent.
pub fn split(data: &[u8], sep: u8) -> (&[u8], &[u8]) {
    match data.iter().position(|b| *b == sep) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[]),
    }
}
