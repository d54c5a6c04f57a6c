//! Every key shape of the single table, and how long each kind of row lives.
//!
//! Every row's partition key is its project's (`PROJECT#<project id>`), so no key of one
//! tenant can name another's row. `expires_at` (epoch seconds) is the TTL attribute;
//! DynamoDB's sweep can lag by days, so readers that care (tokens, sessions) check expiry
//! themselves. ARCHITECTURE.md carries the same table.
//!
//! | sort key | row | lives |
//! |---|---|---|
//! | `PROJECT` | the project's settings | forever |
//! | `APIKEY#<sha256 of the key>` | an API key (hash, label, revoked) | forever |
//! | `TOKEN#<sha256 of the token id>` | a portal link, until redeemed | until the link expires |
//! | `BSESSION#<sha256 of the cookie>` | a browser session, with its request brake (`req_window`, `req_count`) | 30 min idle, capped by the session's end |
//! | `IDEM#<sha256 of the key>` | an `Idempotency-Key` and its answer | [`IDEMPOTENCY_SECONDS`] |
//! | `RATE#<window start>` | the tenant API's request counter | two windows |
//! | `RELINK#CUS#<customer>#<window start>`, `RELINK#ADDR#<sha256 of address>#<start>` | "Email me a new link" counters | two windows |
//! | `EVENT#<evt id>` | a processed webhook event | [`EVENT_CLAIM_SECONDS`] |
//! | `MAIL#<subscription>#<transition>` | a sent subscription email | [`MAIL_CLAIM_SECONDS`] |
//! | `SETUP#<cs id>`, `SETUP#<cs id>#RETURNED` | an applied card update, its counted return | [`SETUP_MARK_SECONDS`] |
//! | `OFFER#<subscription>#coupon` | a retention coupon accepted on a subscription | [`COUPON_OFFER_SECONDS`] |
//! | `METRICS#DAY#<yyyy-mm-dd>` | a day's counters | forever |
//! | `CUSTREDEEM#<customer>#<yyyy-mm-dd>` | a customer's redemption that day | [`CUSTOMER_REDEEMED_SECONDS`] |
//! | `LOGIN#IP#<sha256 of the IP>#<start>`, `LOGIN#ADDR#<sha256 of address>#<start>`, `LOGIN#PROJECT#<start>` | the sign-in page's counters | two windows |
//!
//! One row lives outside every project's partition: `pk=LOGINSLUG#<slug>`, `sk=LOGINSLUG`,
//! a sign-in slug's claim (it names its project; the project's record names the slug).

use crate::ids::{CustomerId, ProjectId};

const DAY: i64 = 24 * 3600;

/// How long a processed event id is remembered (Stripe retries for up to 3 days;
/// redelivery by hand can come later).
pub const EVENT_CLAIM_SECONDS: i64 = 35 * DAY;
/// How long a sent-mail claim is kept: longer than any redelivery window.
pub const MAIL_CLAIM_SECONDS: i64 = 400 * DAY;
/// How long an applied checkout session is remembered (sessions expire within 24 h;
/// Stripe retries a webhook for up to 3 days).
pub const SETUP_MARK_SECONDS: i64 = 35 * DAY;
/// How long an idempotency key and its answer are kept.
pub const IDEMPOTENCY_SECONDS: i64 = DAY;
/// How long a customer's per-day redemption marker is kept ("portal then ticket").
pub const CUSTOMER_REDEEMED_SECONDS: i64 = 40 * DAY;

/// How long an accepted retention coupon bars another on the same subscription (12 months).
pub const COUPON_OFFER_SECONDS: i64 = 365 * DAY;

/// The partition key of everything that belongs to `project`.
pub fn project_pk(project: &ProjectId) -> String {
    format!("PROJECT#{project}")
}

/// The project row.
pub const PROJECT: &str = "PROJECT";

/// The prefix of API key rows (a query lists a project's keys).
pub const API_KEY_PREFIX: &str = "APIKEY#";

/// An API key row, by the key's SHA-256 (hex).
pub fn api_key(hash: &str) -> String {
    format!("{API_KEY_PREFIX}{hash}")
}

/// A portal link's row, by the hash of its random id.
pub fn token(id_hash: &str) -> String {
    format!("TOKEN#{id_hash}")
}

/// A browser session's row, by the SHA-256 (hex) of its cookie.
pub fn browser_session(cookie_hash: &str) -> String {
    format!("BSESSION#{cookie_hash}")
}

/// An idempotency key's row, by the SHA-256 (hex) of the key.
pub fn idempotency(key_hash: &str) -> String {
    format!("IDEM#{key_hash}")
}

/// The tenant API's request counter.
pub const RATE: &str = "RATE";

/// "Email me a new link" counter of a customer.
pub fn relink_customer(customer: &CustomerId) -> String {
    format!("RELINK#CUS#{customer}")
}

/// "Email me a new link" counter of an address, by the SHA-256 (hex) of the address.
pub fn relink_address(address_hash: &str) -> String {
    format!("RELINK#ADDR#{address_hash}")
}

/// The sign-in page's counter of one client IP (SHA-256 of the address, hex).
pub fn login_ip(ip_hash: &str) -> String {
    format!("LOGIN#IP#{ip_hash}")
}

/// The sign-in page's counter of one email address (SHA-256 of it lowercased, hex).
pub fn login_address(address_hash: &str) -> String {
    format!("LOGIN#ADDR#{address_hash}")
}

/// The sign-in page's counter of the whole project.
pub const LOGIN_PROJECT: &str = "LOGIN#PROJECT";

/// The one kind of row outside a project's partition: a sign-in slug's claim, so that a
/// slug names one project in the whole deployment. It holds the project id; the project's
/// own record must name the slug too before the page is served.
pub fn login_slug_pk(slug: &str) -> String {
    format!("LOGINSLUG#{slug}")
}

/// The sort key of a sign-in slug's claim.
pub const LOGIN_SLUG: &str = "LOGINSLUG";

/// A windowed counter's row: the counter's name and its window's start.
pub fn window(counter: &str, start: i64) -> String {
    format!("{counter}#{start}")
}

/// A processed webhook event.
pub fn event(event_id: &str) -> String {
    format!("EVENT#{event_id}")
}

/// A sent subscription email: the subscription and the transition's exactly-once key.
pub fn mail(subscription: &str, transition: &str) -> String {
    format!("MAIL#{subscription}#{transition}")
}

/// The marker of a retention coupon accepted on `subscription`.
pub fn coupon_offer(subscription: &str) -> String {
    format!("OFFER#{subscription}#coupon")
}

/// An applied card update, by its Checkout Session.
pub fn setup(checkout_session: &str) -> String {
    format!("SETUP#{checkout_session}")
}

/// The customer's first return to the portal from a card update.
pub fn setup_returned(checkout_session: &str) -> String {
    format!("SETUP#{checkout_session}#RETURNED")
}

/// The prefix of a project's daily metrics rows.
pub const METRICS_DAY_PREFIX: &str = "METRICS#DAY#";

/// A day's metrics row (`yyyy-mm-dd`).
pub fn metrics_day(day: &str) -> String {
    format!("{METRICS_DAY_PREFIX}{day}")
}

/// A customer's redemption marker for a day (`yyyy-mm-dd`).
pub fn customer_redeemed(customer: &CustomerId, day: &str) -> String {
    format!("CUSTREDEEM#{customer}#{day}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_keep_their_stored_shapes() {
        let p = ProjectId::parse("proj_abcdefghijklmnopqrstuvwx").unwrap();
        let c = CustomerId::parse("cus_1").unwrap();
        assert_eq!(project_pk(&p), "PROJECT#proj_abcdefghijklmnopqrstuvwx");
        assert_eq!(api_key("ab"), "APIKEY#ab");
        assert_eq!(token("ab"), "TOKEN#ab");
        assert_eq!(browser_session("ab"), "BSESSION#ab");
        assert_eq!(idempotency("ab"), "IDEM#ab");
        assert_eq!(window(RATE, 60), "RATE#60");
        assert_eq!(window(&relink_customer(&c), 0), "RELINK#CUS#cus_1#0");
        assert_eq!(window(&relink_address("ab"), 0), "RELINK#ADDR#ab#0");
        assert_eq!(event("evt_1"), "EVENT#evt_1");
        assert_eq!(mail("sub_1", "paused#evt_1"), "MAIL#sub_1#paused#evt_1");
        assert_eq!(setup("cs_1"), "SETUP#cs_1");
        assert_eq!(setup_returned("cs_1"), "SETUP#cs_1#RETURNED");
        assert_eq!(metrics_day("2026-11-27"), "METRICS#DAY#2026-11-27");
        assert_eq!(
            customer_redeemed(&c, "2026-11-27"),
            "CUSTREDEEM#cus_1#2026-11-27"
        );
    }
}
