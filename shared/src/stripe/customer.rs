//! The customer: the one `Customer` type, its reads and its writes.

use serde::{Deserialize, Serialize};

use super::form::{expand, query, Clearable};
use super::list::{null_as_default, Expandable, HasId, List};
use super::owned::{CustomerOwned, Owned};
use super::payment_method::{Card, PaymentMethod};
use super::{StripeClient, StripeError, StripeKey};
use crate::ids::{CustomerId, TaxIdId};

/// `customer.address`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Address {
    /// Line 1.
    pub line1: Option<String>,
    /// Line 2.
    pub line2: Option<String>,
    /// City.
    pub city: Option<String>,
    /// State.
    pub state: Option<String>,
    /// Postal code.
    pub postal_code: Option<String>,
    /// Country.
    pub country: Option<String>,
}

/// A tax id of the customer.
#[derive(Debug, Clone, Deserialize)]
pub struct TaxId {
    /// `txi_…`.
    pub id: TaxIdId,
    /// `eu_vat`, …
    #[serde(rename = "type")]
    pub kind: String,
    /// The number.
    pub value: String,
}

/// `customer.invoice_settings`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct InvoiceSettings {
    /// The customer's default payment method, expanded where asked.
    pub default_payment_method: Option<Expandable<PaymentMethod>>,
}

/// A Stripe customer, as much as the product reads (extra fields are ignored).
#[derive(Debug, Clone, Deserialize)]
pub struct Customer {
    /// `cus_…`.
    pub id: CustomerId,
    /// Deleted customers come back as `{"id","object","deleted":true}`.
    #[serde(default)]
    pub deleted: bool,
    /// Email.
    pub email: Option<String>,
    /// Name.
    pub name: Option<String>,
    /// Billing address.
    pub address: Option<Address>,
    /// Tax ids (expanded on request).
    pub tax_ids: Option<List<TaxId>>,
    /// Invoice settings.
    #[serde(default, deserialize_with = "null_as_default")]
    pub invoice_settings: InvoiceSettings,
    /// Languages the customer prefers, most preferred first.
    #[serde(default, deserialize_with = "null_as_default")]
    pub preferred_locales: Vec<String>,
    /// The customer's own discount (given in the Dashboard): it applies to every
    /// subscription without one of its own, so a retention coupon would replace it.
    #[serde(default)]
    pub discount: Option<super::discount::Discount>,
}

impl HasId for Customer {
    fn stripe_id(&self) -> &str {
        self.id.as_str()
    }
}

impl CustomerOwned for Customer {
    /// A customer owns itself, unless deleted.
    fn owner(&self) -> Option<&str> {
        (!self.deleted).then_some(self.id.as_str())
    }
}

impl Customer {
    /// The default card (`invoice_settings.default_payment_method`, when expanded).
    pub fn default_card(&self) -> Option<&Card> {
        self.invoice_settings
            .default_payment_method
            .as_ref()
            .and_then(Expandable::object)
            .and_then(|pm| pm.card.as_ref())
    }

    /// The name, else the email: how pages say who is signed in.
    pub fn label(&self) -> Option<&str> {
        self.name.as_deref().or(self.email.as_deref())
    }
}

/// Which expansion a customer read asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomerView {
    /// The customer as it is.
    Plain,
    /// With `invoice_settings.default_payment_method` expanded (the card).
    WithCard,
    /// With `tax_ids` expanded (billing details).
    WithTaxIds,
}

/// `address` parameters of a customer update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AddressParams {
    /// Line 1.
    pub line1: String,
    /// Line 2.
    pub line2: String,
    /// City.
    pub city: String,
    /// State.
    pub state: String,
    /// Postal code.
    pub postal_code: String,
    /// Country.
    pub country: String,
}

/// `invoice_settings` parameters of a customer update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvoiceSettingsParams {
    /// The new default payment method.
    pub default_payment_method: String,
}

/// `POST /v1/customers/{id}`: only the fields set are sent; an empty name unsets it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CustomerUpdate {
    /// New email.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// New name (`""` unsets).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New address, or cleared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<Clearable<AddressParams>>,
    /// New default payment method.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invoice_settings: Option<InvoiceSettingsParams>,
}

impl CustomerUpdate {
    /// Whether there is nothing to send.
    pub fn is_empty(&self) -> bool {
        *self == CustomerUpdate::default()
    }
}

/// `POST /v1/customers/{id}/tax_ids`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaxIdCreate {
    /// Stripe's tax id type (`eu_vat`, …).
    #[serde(rename = "type")]
    pub kind: String,
    /// The number.
    pub value: String,
}

impl StripeClient {
    /// `GET /v1/customers/{id}`, whoever it is (the tenant API checks a customer exists).
    pub async fn customer(
        &self,
        key: &StripeKey,
        id: &CustomerId,
        view: CustomerView,
    ) -> Result<Customer, StripeError> {
        let query = match view {
            CustomerView::Plain => Vec::new(),
            CustomerView::WithCard => expand(&["invoice_settings.default_payment_method"]),
            CustomerView::WithTaxIds => expand(&["tax_ids"]),
        };
        self.get(key, &format!("/v1/customers/{id}"), &query).await
    }

    /// The signed-in customer, unless deleted (`None`) — or unless Stripe answers with
    /// another customer than asked for.
    pub async fn own_customer(
        &self,
        key: &StripeKey,
        customer: &CustomerId,
        view: CustomerView,
    ) -> Result<Option<Owned<Customer>>, StripeError> {
        let c = self.customer(key, customer, view).await?;
        Ok(Owned::check(c, customer))
    }

    /// `GET /v1/customers?email=…`: the live customers whose address is exactly `email`
    /// (Stripe's filter is case-sensitive), at most `limit` (1-100).
    pub async fn customers_by_email(
        &self,
        key: &StripeKey,
        email: &str,
        limit: usize,
    ) -> Result<Vec<Customer>, StripeError> {
        let limit = limit.clamp(1, 100).to_string();
        let q = query(&[("email", email), ("limit", &limit)]);
        let list: List<Customer> = self.get(key, "/v1/customers", &q).await?;
        Ok(list.data.into_iter().filter(|c| !c.deleted).collect())
    }

    /// `POST /v1/customers/{id}`.
    pub async fn update_customer(
        &self,
        key: &StripeKey,
        customer: &CustomerId,
        update: &CustomerUpdate,
        idempotency_key: &str,
    ) -> Result<Customer, StripeError> {
        self.post(
            key,
            &format!("/v1/customers/{customer}"),
            update,
            idempotency_key,
        )
        .await
    }

    /// `POST /v1/customers/{id}/tax_ids`.
    pub async fn create_tax_id(
        &self,
        key: &StripeKey,
        customer: &CustomerId,
        tax_id: &TaxIdCreate,
        idempotency_key: &str,
    ) -> Result<TaxId, StripeError> {
        self.post(
            key,
            &format!("/v1/customers/{customer}/tax_ids"),
            tax_id,
            idempotency_key,
        )
        .await
    }

    /// `DELETE /v1/customers/{id}/tax_ids/{tax id}`; an id already gone is not an error.
    pub async fn delete_tax_id(
        &self,
        key: &StripeKey,
        customer: &CustomerId,
        tax_id: &TaxIdId,
        idempotency_key: &str,
    ) -> Result<(), StripeError> {
        let path = format!("/v1/customers/{customer}/tax_ids/{tax_id}");
        match self
            .delete::<_, Deleted>(key, &path, &super::NoParams {}, idempotency_key)
            .await
        {
            Ok(_) | Err(StripeError::NotFound(_)) => Ok(()),
            Err(e) => Err(e),
        }
    }
}

/// `{"id", "object", "deleted": true}`.
#[derive(Debug, Deserialize)]
struct Deleted {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deleted_customer_belongs_to_nobody() {
        let c: Customer = serde_json::from_value(
            serde_json::json!({"id": "cus_1", "object": "customer", "deleted": true}),
        )
        .unwrap();
        assert_eq!(c.owner(), None);
        let live: Customer = serde_json::from_value(serde_json::json!({
            "id": "cus_1", "email": "a@b.test", "invoice_settings": null, "preferred_locales": null
        }))
        .unwrap();
        assert_eq!(live.owner(), Some("cus_1"));
        assert_eq!(live.label(), Some("a@b.test"));
    }

    #[test]
    fn an_update_sends_only_what_is_set() {
        let update = CustomerUpdate {
            name: Some(String::new()),
            address: Some(Clearable::Clear),
            ..CustomerUpdate::default()
        };
        assert!(!update.is_empty());
        assert_eq!(
            super::super::form::pairs_of(&update).unwrap(),
            vec![
                ("address".to_owned(), String::new()),
                ("name".to_owned(), String::new())
            ]
        );
        assert!(CustomerUpdate::default().is_empty());
    }
}
