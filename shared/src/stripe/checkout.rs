//! The Checkout Session (setup mode) that saves a new card.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::customer::Customer;
use super::list::{null_as_default, Expandable};
use super::owned::{CustomerOwned, Owned};
use super::payment_method::SetupIntent;
use super::{StripeClient, StripeError, StripeKey};
use crate::ids::{CheckoutSessionId, CustomerId};

/// A Checkout Session, as the card update reads it.
#[derive(Debug, Clone, Deserialize)]
pub struct CheckoutSession {
    /// `cs_…`.
    pub id: String,
    /// `setup`, `payment` or `subscription`.
    pub mode: Option<String>,
    /// `open`, `complete` or `expired`.
    pub status: Option<String>,
    /// The customer it was made for.
    pub customer: Option<Expandable<Customer>>,
    /// The setup intent, expanded where asked.
    pub setup_intent: Option<Expandable<SetupIntent>>,
    /// Stripe's hosted page.
    pub url: Option<String>,
    /// Set by whoever created it.
    #[serde(default, deserialize_with = "null_as_default")]
    pub metadata: BTreeMap<String, String>,
}

impl CustomerOwned for CheckoutSession {
    fn owner(&self) -> Option<&str> {
        self.customer.as_ref().map(Expandable::id)
    }
}

impl CheckoutSession {
    /// Whether it is a setup session the customer completed.
    pub fn is_completed_setup(&self) -> bool {
        self.mode.as_deref() == Some("setup") && self.status.as_deref() == Some("complete")
    }

    /// The payment method its setup intent saved.
    pub fn saved_payment_method(&self) -> Option<&str> {
        self.setup_intent
            .as_ref()?
            .object()?
            .payment_method
            .as_ref()
            .map(Expandable::id)
    }
}

/// A created Checkout Session: where to send the customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetupCheckout {
    /// `cs_…`.
    pub id: String,
    /// Stripe's hosted page.
    pub url: String,
}

/// `POST /v1/checkout/sessions` in setup mode.
#[derive(Debug, Clone, Serialize)]
struct SetupCheckoutCreate<'a> {
    mode: &'static str,
    customer: &'a str,
    payment_method_types: [&'static str; 1],
    success_url: &'a str,
    cancel_url: &'a str,
    metadata: &'a BTreeMap<String, String>,
    setup_intent_data: SetupIntentData<'a>,
}

#[derive(Debug, Clone, Serialize)]
struct SetupIntentData<'a> {
    metadata: &'a BTreeMap<String, String>,
}

/// Where a setup-mode Checkout Session sends the customer, and what it is tagged with.
#[derive(Debug, Clone)]
pub struct SetupCheckoutRequest<'a> {
    /// After the card is saved (`{CHECKOUT_SESSION_ID}` is filled in by Stripe).
    pub success_url: &'a str,
    /// When the customer goes back without saving.
    pub cancel_url: &'a str,
    /// Metadata of the session and of its setup intent.
    pub metadata: &'a BTreeMap<String, String>,
}

impl StripeClient {
    /// Creates a Checkout Session in `setup` mode for `customer` (cards only: the portal
    /// shows cards).
    pub async fn create_setup_checkout(
        &self,
        key: &StripeKey,
        customer: &CustomerId,
        request: &SetupCheckoutRequest<'_>,
        idempotency_key: &str,
    ) -> Result<SetupCheckout, StripeError> {
        let params = SetupCheckoutCreate {
            mode: "setup",
            customer: customer.as_str(),
            payment_method_types: ["card"],
            success_url: request.success_url,
            cancel_url: request.cancel_url,
            metadata: request.metadata,
            setup_intent_data: SetupIntentData {
                metadata: request.metadata,
            },
        };
        let session: CheckoutSession = self
            .post(key, "/v1/checkout/sessions", &params, idempotency_key)
            .await?;
        match session.url {
            Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
                Ok(SetupCheckout {
                    id: session.id,
                    url,
                })
            }
            _ => Err(StripeError::Decode(
                "checkout session without a url".to_owned(),
            )),
        }
    }

    /// The customer's own Checkout Session `id`, with its setup intent expanded; `None`
    /// if there is no such session or it is another customer's.
    pub async fn customer_checkout_session(
        &self,
        key: &StripeKey,
        customer: &CustomerId,
        id: &CheckoutSessionId,
    ) -> Result<Option<Owned<CheckoutSession>>, StripeError> {
        let query = super::form::expand(&["setup_intent"]);
        match self
            .get::<CheckoutSession>(key, &format!("/v1/checkout/sessions/{id}"), &query)
            .await
        {
            Ok(session) => Ok(Owned::check(session, customer)),
            Err(StripeError::NotFound(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }
}
