//! Updating the card: a Stripe Checkout Session in `setup` mode, then the card it saved
//! becomes the customer's `invoice_settings.default_payment_method` and the default of
//! their live subscriptions.
//!
//! Two paths finish it: the portal's return page and the `checkout.session.completed`
//! webhook. Both call [`complete_setup`]; its Stripe writes carry idempotency keys derived
//! from the checkout session id (so a race between the two sends each change once), and a
//! marker row records the session as applied, so whichever path comes second does nothing
//! and exactly one call reports [`SetupOutcome::Updated`].

use anyhow::Context;
use serde_json::{json, Value};

use crate::ids::{CustomerId, ProjectId, SubscriptionId};
use crate::store::{n, project_pk, s, Item, Table};
use crate::stripe::{StripeClient, StripeError, StripeKey};

/// Where Stripe's Checkout sends the customer back (`{CHECKOUT_SESSION_ID}` is Stripe's
/// placeholder, filled in on redirect).
pub const RETURN_PATH: &str = "/portal/payment-method/return";
/// How long an applied checkout session is remembered (sessions expire within 24 h;
/// Stripe retries a webhook for up to 3 days).
pub const APPLIED_MARK_SECONDS: i64 = 35 * 24 * 3600;
/// Subscription statuses whose default card follows the customer's new one.
pub const LIVE_STATUSES: [&str; 3] = ["active", "trialing", "past_due"];

/// Whether `s` looks like a Checkout Session id (`cs_test_…`, `cs_live_…`), safe in a path.
pub fn is_checkout_session_id(s: &str) -> bool {
    s.len() <= 255
        && s.strip_prefix("cs_").is_some_and(|r| {
            !r.is_empty() && r.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        })
}

/// The origin of Stripe's hosted Checkout pages for an API base: `checkout.stripe.com` for
/// Stripe itself, the base's own origin for a stand-in. Pages whose form leads there must
/// allow it in CSP `form-action` (browsers check redirects after a form post too).
pub fn checkout_origin(stripe_api_base: &str) -> Option<String> {
    let url = url::Url::parse(stripe_api_base).ok()?;
    if url.host_str() == Some("api.stripe.com") {
        return Some("https://checkout.stripe.com".to_owned());
    }
    matches!(url.scheme(), "https" | "http").then(|| url.origin().ascii_serialization())
}

/// A created Checkout Session: where to send the customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetupCheckout {
    /// `cs_…`.
    pub id: String,
    /// Stripe's hosted page.
    pub url: String,
}

fn id_of(v: &Value) -> Option<&str> {
    v.as_str().or_else(|| v["id"].as_str())
}

impl StripeClient {
    /// Creates a Checkout Session in `setup` mode for `customer` (cards only: the portal
    /// shows cards).
    pub async fn create_setup_checkout(
        &self,
        key: &StripeKey,
        customer: &CustomerId,
        success_url: &str,
        cancel_url: &str,
        idempotency_key: &str,
    ) -> Result<SetupCheckout, StripeError> {
        let params = json!({
            "mode": "setup",
            "customer": customer.as_str(),
            "payment_method_types": ["card"],
            "success_url": success_url,
            "cancel_url": cancel_url,
        });
        let session: Value = self
            .post(key, "/v1/checkout/sessions", &params, idempotency_key)
            .await?;
        match (session["id"].as_str(), session["url"].as_str()) {
            (Some(id), Some(url)) if url.starts_with("https://") || url.starts_with("http://") => {
                Ok(SetupCheckout {
                    id: id.to_owned(),
                    url: url.to_owned(),
                })
            }
            _ => Err(StripeError::Decode(
                "checkout session without an id or url".to_owned(),
            )),
        }
    }
}

/// What [`complete_setup`] found and did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetupOutcome {
    /// The card is now the default everywhere; returned once per checkout session.
    Updated {
        /// The new default `pm_…`.
        payment_method: String,
    },
    /// The other path (return page or webhook) already applied this session.
    AlreadyApplied,
    /// No such session in this account, or it belongs to another customer: refused.
    NotOwned,
    /// Not a completed setup session (still open, expired, another mode): nothing to do.
    NotCompleted,
}

/// Marker rows of applied checkout sessions (`PROJECT#<id>` / `SETUP#<cs id>`).
#[derive(Debug, Clone)]
pub struct SetupMarks {
    table: Table,
}

impl SetupMarks {
    /// Marks on `table`.
    pub fn new(table: Table) -> SetupMarks {
        SetupMarks { table }
    }

    fn sk(session: &str) -> String {
        format!("SETUP#{session}")
    }

    /// Whether `session` was applied already.
    pub async fn applied(&self, project: &ProjectId, session: &str) -> anyhow::Result<bool> {
        let out = self
            .table
            .client
            .get_item()
            .table_name(&self.table.name)
            .key("pk", s(project_pk(project)))
            .key("sk", s(Self::sk(session)))
            .consistent_read(true)
            .send()
            .await
            .context("reading a checkout session mark")?;
        Ok(out.item().is_some())
    }

    /// Records that the customer came back from `session` to the portal; `true` only the
    /// first time (a reloaded return page is not a second card update).
    pub async fn first_return(
        &self,
        project: &ProjectId,
        session: &str,
        now: i64,
    ) -> anyhow::Result<bool> {
        let sk = format!("{}#RETURNED", Self::sk(session));
        self.put_new(project, sk, now, None).await
    }

    /// Records `session` as applied; `false` if another call recorded it first.
    pub async fn mark(
        &self,
        project: &ProjectId,
        session: &str,
        payment_method: &str,
        now: i64,
    ) -> anyhow::Result<bool> {
        self.put_new(project, Self::sk(session), now, Some(payment_method))
            .await
    }

    async fn put_new(
        &self,
        project: &ProjectId,
        sk: String,
        now: i64,
        payment_method: Option<&str>,
    ) -> anyhow::Result<bool> {
        let mut item = Item::from([
            ("pk".to_owned(), s(project_pk(project))),
            ("sk".to_owned(), s(sk)),
            ("created".to_owned(), n(now)),
            ("expires_at".to_owned(), n(now + APPLIED_MARK_SECONDS)),
        ]);
        if let Some(pm) = payment_method {
            item.insert("payment_method".to_owned(), s(pm));
        }
        self.table
            .put_new(item)
            .await
            .context("marking a checkout session")
    }
}

/// The `Idempotency-Key` of one write made for checkout session `session`.
pub fn setup_idempotency_key(session: &str, target: &str) -> String {
    format!("setup-{session}-{target}")
}

/// Makes the card saved by checkout session `session` the default of `customer` and of
/// their active, trialing and past-due subscriptions. Safe to call any number of times,
/// concurrently, from the portal and the webhook.
pub async fn complete_setup(
    stripe: &StripeClient,
    key: &StripeKey,
    marks: &SetupMarks,
    project: &ProjectId,
    customer: &CustomerId,
    session: &str,
    now: i64,
) -> anyhow::Result<SetupOutcome> {
    if !is_checkout_session_id(session) {
        return Ok(SetupOutcome::NotOwned);
    }
    if marks.applied(project, session).await? {
        return Ok(SetupOutcome::AlreadyApplied);
    }
    let query = vec![("expand[]".to_owned(), "setup_intent".to_owned())];
    let checkout: Value = match stripe
        .get(key, &format!("/v1/checkout/sessions/{session}"), &query)
        .await
    {
        Ok(v) => v,
        Err(StripeError::NotFound(_)) => return Ok(SetupOutcome::NotOwned),
        Err(e) => return Err(e).context("reading the checkout session"),
    };
    if id_of(&checkout["customer"]) != Some(customer.as_str()) {
        return Ok(SetupOutcome::NotOwned);
    }
    if checkout["mode"].as_str() != Some("setup") || checkout["status"].as_str() != Some("complete")
    {
        return Ok(SetupOutcome::NotCompleted);
    }
    let intent = &checkout["setup_intent"];
    let Some(pm) = id_of(&intent["payment_method"]).map(str::to_owned) else {
        return Ok(SetupOutcome::NotCompleted);
    };
    let _: Value = stripe
        .post(
            key,
            &format!("/v1/customers/{customer}"),
            &json!({ "invoice_settings": { "default_payment_method": pm } }),
            &setup_idempotency_key(session, "customer"),
        )
        .await
        .context("setting the customer's default card")?;
    let query = vec![
        ("customer".to_owned(), customer.to_string()),
        ("status".to_owned(), "all".to_owned()),
        ("limit".to_owned(), "100".to_owned()),
    ];
    let subs: Value = stripe
        .get(key, "/v1/subscriptions", &query)
        .await
        .context("listing the customer's subscriptions")?;
    for sub in subs["data"].as_array().into_iter().flatten() {
        let live = sub["status"]
            .as_str()
            .is_some_and(|st| LIVE_STATUSES.contains(&st));
        let Some(id) = sub["id"].as_str().filter(|_| live) else {
            continue;
        };
        let id = SubscriptionId::parse(id).context("a subscription id from Stripe")?;
        if id_of(&sub["default_payment_method"]) == Some(pm.as_str()) {
            continue;
        }
        let _: Value = stripe
            .post(
                key,
                &format!("/v1/subscriptions/{id}"),
                &json!({ "default_payment_method": pm }),
                &setup_idempotency_key(session, id.as_str()),
            )
            .await
            .with_context(|| format!("setting subscription {id}'s default card"))?;
    }
    Ok(if marks.mark(project, session, &pm, now).await? {
        SetupOutcome::Updated { payment_method: pm }
    } else {
        SetupOutcome::AlreadyApplied
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_checkout_session_ids_pass() {
        assert!(is_checkout_session_id("cs_test_a1B2c3"));
        assert!(is_checkout_session_id("cs_live_a1"));
        for bad in [
            "",
            "cs_",
            "seti_1",
            "cs_test_1/../x",
            "cs_test_1?x=1",
            "cs_é",
        ] {
            assert!(!is_checkout_session_id(bad), "{bad}");
        }
        assert!(!is_checkout_session_id(&format!("cs_{}", "a".repeat(300))));
    }

    #[test]
    fn checkout_lives_on_checkout_stripe_com_or_the_stand_in() {
        assert_eq!(
            checkout_origin("https://api.stripe.com").as_deref(),
            Some("https://checkout.stripe.com")
        );
        assert_eq!(
            checkout_origin("http://127.0.0.1:12111").as_deref(),
            Some("http://127.0.0.1:12111")
        );
        assert_eq!(checkout_origin("ftp://x.test"), None);
    }

    #[test]
    fn idempotency_keys_name_the_session_and_the_target() {
        assert_eq!(
            setup_idempotency_key("cs_test_1", "customer"),
            "setup-cs_test_1-customer"
        );
        assert_ne!(
            setup_idempotency_key("cs_test_1", "sub_1"),
            setup_idempotency_key("cs_test_2", "sub_1")
        );
    }
}
