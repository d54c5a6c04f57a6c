//! Stripe's own preview of a subscription's next invoice (`POST /v1/invoices/create_preview`):
//! discounts, taxes and metered usage so far included. The portal shows its figures and
//! never recomputes them from prices.

use serde::{Deserialize, Serialize};

use super::customer::Customer;
use super::invoice::{Charges, CHARGES_EXPANSIONS};
use super::list::{Expandable, ObjectRef};
use super::owned::{CustomerOwned, Owned};
use super::subscription::PreviewChange;
use super::{StripeClient, StripeError, StripeKey};
use crate::ids::{CustomerId, SubscriptionId};

/// `invoice.parent.subscription_details`.
#[derive(Debug, Clone, Deserialize)]
pub struct SubscriptionParent {
    /// The subscription the invoice is for.
    pub subscription: Expandable<ObjectRef>,
}

/// `invoice.parent`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct InvoiceParent {
    /// Set for a subscription's invoices.
    pub subscription_details: Option<SubscriptionParent>,
}

/// What `create_preview` says the next invoice will be.
#[derive(Debug, Clone, Deserialize)]
pub struct InvoicePreview {
    /// The customer billed.
    pub customer: Option<Expandable<Customer>>,
    /// The subscription it is for.
    pub parent: Option<InvoiceParent>,
    /// When Stripe will try to collect it, epoch seconds.
    pub next_payment_attempt: Option<i64>,
    /// What it charges.
    #[serde(flatten)]
    pub charges: Charges,
}

impl InvoicePreview {
    /// The id of the subscription it previews.
    pub fn subscription_id(&self) -> Option<&str> {
        let parent = self.parent.as_ref()?.subscription_details.as_ref()?;
        Some(parent.subscription.id())
    }
}

impl CustomerOwned for InvoicePreview {
    fn owner(&self) -> Option<&str> {
        self.customer.as_ref().map(Expandable::id)
    }
}

/// `create_preview` of a subscription, as it stands or with a change.
#[derive(Debug, Serialize)]
struct PreviewParams<'a> {
    customer: &'a CustomerId,
    subscription: &'a SubscriptionId,
    #[serde(skip_serializing_if = "Option::is_none")]
    subscription_details: Option<&'a PreviewChange>,
    expand: [&'static str; 2],
}

impl StripeClient {
    /// Stripe's preview of the next invoice of the customer's subscription `id`, as it
    /// stands. A read by id, scoped twice: Stripe refuses a subscription that is not this
    /// customer's, and the answer must name this customer and this subscription; `None`
    /// otherwise. A preview changes nothing; the key only satisfies the write path.
    pub async fn customer_next_invoice(
        &self,
        key: &StripeKey,
        customer: &CustomerId,
        id: &SubscriptionId,
        idempotency_key: &str,
    ) -> Result<Option<Owned<InvoicePreview>>, StripeError> {
        self.customer_preview(key, customer, id, None, idempotency_key)
            .await
    }

    /// [`StripeClient::customer_next_invoice`] with `change` made to the subscription
    /// first (`subscription_details`: a plan change's preview), scoped the same way.
    pub async fn customer_preview(
        &self,
        key: &StripeKey,
        customer: &CustomerId,
        id: &SubscriptionId,
        change: Option<&PreviewChange>,
        idempotency_key: &str,
    ) -> Result<Option<Owned<InvoicePreview>>, StripeError> {
        let params = PreviewParams {
            customer,
            subscription: id,
            subscription_details: change,
            expand: CHARGES_EXPANSIONS,
        };
        let preview = self
            .post::<_, InvoicePreview>(key, "/v1/invoices/create_preview", &params, idempotency_key)
            .await;
        match preview {
            Ok(p) if p.subscription_id() == Some(id.as_str()) => Ok(Owned::check(p, customer)),
            Ok(_) | Err(StripeError::NotFound(_)) => Ok(None),
            // No such subscription, or another customer's.
            Err(StripeError::Api { status: 400, error })
                if error.param.as_deref() == Some("subscription") =>
            {
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_preview_names_its_customer_and_subscription() {
        let p: InvoicePreview = serde_json::from_value(json!({
            "id": "upcoming_in_1", "customer": "cus_1", "currency": "usd", "total": 2511,
            "parent": {"type": "subscription_details",
                       "subscription_details": {"subscription": "sub_1"}},
            "lines": {"data": [], "has_more": false}
        }))
        .unwrap();
        assert_eq!(p.subscription_id(), Some("sub_1"));
        assert_eq!(p.owner(), Some("cus_1"));
        assert_eq!(p.charges.total, 2511);
        let ada = CustomerId::parse("cus_1").unwrap();
        let bob = CustomerId::parse("cus_2").unwrap();
        assert!(Owned::check(p.clone(), &ada).is_some());
        assert!(Owned::check(p, &bob).is_none());
    }
}
