//! Updating the card: a Stripe Checkout Session in `setup` mode, then the card it saved
//! becomes the customer's `invoice_settings.default_payment_method` and the default of
//! their live subscriptions.
//!
//! Two paths finish it: the portal's return page and the `checkout.session.completed`
//! webhook. Both call [`complete_setup`]; its Stripe writes carry idempotency keys derived
//! from the checkout session id (so a race between the two sends each change once), and a
//! marker row records the session as applied, so whichever path comes second does nothing
//! and exactly one call reports [`SetupOutcome::Updated`].

use std::collections::BTreeMap;

use anyhow::Context;

use crate::ids::{CheckoutSessionId, CustomerId, PaymentMethodId, ProjectId};
use crate::store::{keys, n, s, Item, Table};
use crate::stripe::{
    CheckoutSession, CustomerUpdate, InvoiceSettingsParams, StripeClient, StripeKey,
    SubscriptionUpdate,
};

/// Metadata key naming the project on the Checkout Sessions (and setup intents) the portal
/// creates.
pub const TAG_PROJECT: &str = "portal_project";
/// Metadata key naming why the portal created it.
pub const TAG_PURPOSE: &str = "portal_purpose";
/// The purpose of a card update.
pub const PURPOSE_CARD_UPDATE: &str = "card_update";

/// The metadata of a card update the portal starts for `project`. Only sessions that carry
/// it are ever applied: a tenant's own setup sessions (a backup card, say) are not ours.
pub fn card_update_tag(project: &ProjectId) -> BTreeMap<String, String> {
    BTreeMap::from([
        (TAG_PROJECT.to_owned(), project.to_string()),
        (TAG_PURPOSE.to_owned(), PURPOSE_CARD_UPDATE.to_owned()),
    ])
}

/// Whether the session is a card update the portal started for `project`.
pub fn is_card_update_of(session: &CheckoutSession, project: &ProjectId) -> bool {
    let tag = |key: &str| session.metadata.get(key).map(String::as_str);
    tag(TAG_PROJECT) == Some(project.as_str()) && tag(TAG_PURPOSE) == Some(PURPOSE_CARD_UPDATE)
}

/// Where Stripe's Checkout sends the customer back (`{CHECKOUT_SESSION_ID}` is Stripe's
/// placeholder, filled in on redirect).
pub const RETURN_PATH: &str = "/portal/payment-method/return";

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
    /// The customer's session, but not a card update the portal started for this project
    /// (the tenant's own, say): left alone.
    Foreign,
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

    /// Whether `session` was applied already.
    pub async fn applied(&self, project: &ProjectId, session: &str) -> anyhow::Result<bool> {
        let row = self
            .table
            .get(&keys::project_pk(project), &keys::setup(session))
            .await
            .context("reading a checkout session mark")?;
        Ok(row.is_some())
    }

    /// Records that the customer came back from `session` to the portal; `true` only the
    /// first time (a reloaded return page is not a second card update).
    pub async fn first_return(
        &self,
        project: &ProjectId,
        session: &str,
        now: i64,
    ) -> anyhow::Result<bool> {
        self.put_new(project, keys::setup_returned(session), now, None)
            .await
    }

    /// Records `session` as applied; `false` if another call recorded it first.
    pub async fn mark(
        &self,
        project: &ProjectId,
        session: &str,
        payment_method: &str,
        now: i64,
    ) -> anyhow::Result<bool> {
        self.put_new(project, keys::setup(session), now, Some(payment_method))
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
            ("pk".to_owned(), s(keys::project_pk(project))),
            ("sk".to_owned(), s(sk)),
            ("created".to_owned(), n(now)),
            ("expires_at".to_owned(), n(now + keys::SETUP_MARK_SECONDS)),
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
    session: &CheckoutSessionId,
    now: i64,
) -> anyhow::Result<SetupOutcome> {
    let session_id = session.as_str();
    if marks.applied(project, session_id).await? {
        return Ok(SetupOutcome::AlreadyApplied);
    }
    let Some(checkout) = stripe
        .customer_checkout_session(key, customer, session)
        .await
        .context("reading the checkout session")?
    else {
        return Ok(SetupOutcome::NotOwned);
    };
    if !is_card_update_of(&checkout, project) {
        return Ok(SetupOutcome::Foreign);
    }
    if !checkout.is_completed_setup() {
        return Ok(SetupOutcome::NotCompleted);
    }
    let Some(pm) = checkout
        .saved_payment_method()
        .and_then(|pm| PaymentMethodId::parse(pm).ok())
    else {
        return Ok(SetupOutcome::NotCompleted);
    };
    let update = CustomerUpdate {
        invoice_settings: Some(InvoiceSettingsParams {
            default_payment_method: pm.to_string(),
        }),
        ..CustomerUpdate::default()
    };
    stripe
        .update_customer(
            key,
            customer,
            &update,
            &setup_idempotency_key(session_id, "customer"),
        )
        .await
        .context("setting the customer's default card")?;
    let subs = stripe
        .billing_subscriptions(key, customer)
        .await
        .context("listing the customer's subscriptions")?;
    for sub in &subs {
        if sub.default_payment_method.as_ref().map(|d| d.id()) == Some(pm.as_str()) {
            continue;
        }
        let update = SubscriptionUpdate {
            default_payment_method: Some(pm.clone()),
            ..SubscriptionUpdate::default()
        };
        stripe
            .update_subscription(
                key,
                sub,
                &update,
                &setup_idempotency_key(session_id, sub.id.as_str()),
            )
            .await
            .with_context(|| format!("setting subscription {}'s default card", sub.id))?;
    }
    Ok(
        if marks.mark(project, session_id, pm.as_str(), now).await? {
            SetupOutcome::Updated {
                payment_method: pm.to_string(),
            }
        } else {
            SetupOutcome::AlreadyApplied
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_portals_own_card_updates_of_this_project_count() {
        let p = ProjectId::parse("proj_abcdefghijklmnopqrstuvwx").unwrap();
        let other = ProjectId::parse("proj_bbcdefghijklmnopqrstuvwx").unwrap();
        let session = |metadata: serde_json::Value| -> CheckoutSession {
            serde_json::from_value(serde_json::json!({"id": "cs_1", "metadata": metadata})).unwrap()
        };
        let ours = serde_json::to_value(card_update_tag(&p)).unwrap();
        assert!(is_card_update_of(&session(ours.clone()), &p));
        assert!(!is_card_update_of(&session(ours), &other));
        assert!(!is_card_update_of(&session(serde_json::json!({})), &p));
        assert!(!is_card_update_of(&session(serde_json::Value::Null), &p));
        let backup = serde_json::json!({"portal_project": p.as_str(), "portal_purpose": "backup"});
        assert!(!is_card_update_of(&session(backup), &p));
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
