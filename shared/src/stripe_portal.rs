//! The Stripe reads behind the portal's pages: subscriptions with their items, prices and
//! products expanded, the customer with the default payment method, and invoices by cursor.
//!
//! Only the fields the pages show are decoded; anything else Stripe sends is ignored.

use std::collections::HashMap;

use serde::{Deserialize, Deserializer};

use crate::ids::CustomerId;
use crate::stripe::{StripeClient, StripeError, StripeKey};

/// One page of a Stripe list.
#[derive(Debug, Clone, Deserialize)]
pub struct List<T> {
    /// The objects on this page.
    pub data: Vec<T>,
    /// Whether more follow the last one.
    #[serde(default)]
    pub has_more: bool,
}

/// A field Stripe returns either as an id or, when expanded, as the object.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Expandable<T> {
    /// Expanded object.
    Object(Box<T>),
    /// Bare id.
    Id(String),
}

impl<T> Expandable<T> {
    /// The expanded object, if it was expanded.
    pub fn object(&self) -> Option<&T> {
        match self {
            Expandable::Object(o) => Some(o),
            Expandable::Id(_) => None,
        }
    }
}

/// A product (the plan's name).
#[derive(Debug, Clone, Deserialize)]
pub struct Product {
    /// `prod_…`.
    pub id: String,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
}

/// `price.recurring`.
#[derive(Debug, Clone, Deserialize)]
pub struct Recurring {
    /// `day`, `week`, `month`, `year`.
    pub interval: String,
    /// Number of intervals between bills.
    #[serde(default = "one")]
    pub interval_count: u32,
    /// `licensed` or `metered`.
    #[serde(default)]
    pub usage_type: Option<String>,
}

fn one() -> u32 {
    1
}

/// A price.
#[derive(Debug, Clone, Deserialize)]
pub struct Price {
    /// `price_…`.
    pub id: String,
    /// ISO currency, lower case.
    pub currency: String,
    /// Amount per unit in minor units (absent for tiered prices).
    #[serde(default)]
    pub unit_amount: Option<i64>,
    /// `per_unit` or `tiered`.
    #[serde(default)]
    pub billing_scheme: Option<String>,
    /// Price nickname, shown when the product has no name.
    #[serde(default)]
    pub nickname: Option<String>,
    /// Recurring terms.
    #[serde(default)]
    pub recurring: Option<Recurring>,
    /// The product, expanded where asked.
    pub product: Expandable<Product>,
}

impl Price {
    /// Whether usage is billed in arrears (metered).
    pub fn is_metered(&self) -> bool {
        self.recurring
            .as_ref()
            .and_then(|r| r.usage_type.as_deref())
            .is_some_and(|u| u == "metered")
    }

    /// The plan's display name: product name, else nickname.
    pub fn display_name(&self) -> Option<&str> {
        self.product
            .object()
            .and_then(|p| p.name.as_deref())
            .or(self.nickname.as_deref())
    }
}

/// A subscription item.
#[derive(Debug, Clone, Deserialize)]
pub struct SubscriptionItem {
    /// `si_…`.
    pub id: String,
    /// The price.
    pub price: Price,
    /// Quantity (absent for metered prices).
    #[serde(default)]
    pub quantity: Option<u64>,
    /// End of the current period (the next renewal), epoch seconds.
    #[serde(default)]
    pub current_period_end: Option<i64>,
}

/// `subscription.pause_collection`.
#[derive(Debug, Clone, Deserialize)]
pub struct PauseCollection {
    /// `keep_as_draft`, `mark_uncollectible`, `void`.
    #[serde(default)]
    pub behavior: Option<String>,
    /// When collection resumes, epoch seconds.
    #[serde(default)]
    pub resumes_at: Option<i64>,
}

/// A subscription with what the overview shows.
#[derive(Debug, Clone, Deserialize)]
pub struct PortalSubscription {
    /// `sub_…`.
    pub id: String,
    /// `trialing`, `active`, `past_due`, `paused`, `canceled`, …
    pub status: String,
    /// ISO currency.
    #[serde(default)]
    pub currency: Option<String>,
    /// Whether it ends at the period end.
    #[serde(default)]
    pub cancel_at_period_end: bool,
    /// When it is scheduled to end, epoch seconds.
    #[serde(default)]
    pub cancel_at: Option<i64>,
    /// End of the trial, epoch seconds.
    #[serde(default)]
    pub trial_end: Option<i64>,
    /// Paused invoice collection.
    #[serde(default)]
    pub pause_collection: Option<PauseCollection>,
    /// The subscription's own default card, expanded where asked.
    #[serde(default)]
    pub default_payment_method: Option<Expandable<PaymentMethod>>,
    /// Every item (multi-item and metered included).
    pub items: List<SubscriptionItem>,
    /// The latest invoice, expanded where asked (a past-due one links to its hosted page).
    #[serde(default)]
    pub latest_invoice: Option<Expandable<Invoice>>,
    /// The schedule managing it (a plan change at the period end), expanded where asked.
    #[serde(default)]
    pub schedule: Option<Expandable<crate::plan::Schedule>>,
    /// The schedule's next change, named (filled by the portal, not by Stripe).
    #[serde(skip)]
    pub scheduled_change: Option<crate::plan::ScheduledChange>,
    /// Whether the portal offers "Change plan" for it (filled by the portal).
    #[serde(skip)]
    pub plan_change_offered: bool,
}

/// `payment_method.card`.
#[derive(Debug, Clone, Deserialize)]
pub struct Card {
    /// `visa`, `mastercard`, …
    pub brand: String,
    /// Last four digits.
    pub last4: String,
    /// Expiry month.
    pub exp_month: u32,
    /// Expiry year.
    pub exp_year: u32,
}

/// A payment method.
#[derive(Debug, Clone, Deserialize)]
pub struct PaymentMethod {
    /// `pm_…`.
    pub id: String,
    /// The card, for card payment methods.
    #[serde(default)]
    pub card: Option<Card>,
}

/// `customer.invoice_settings`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct InvoiceSettings {
    /// The customer's default payment method, expanded where asked.
    #[serde(default)]
    pub default_payment_method: Option<Expandable<PaymentMethod>>,
}

/// The customer as the portal shows it.
#[derive(Debug, Clone, Deserialize)]
pub struct PortalCustomer {
    /// `cus_…`.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Email.
    #[serde(default)]
    pub email: Option<String>,
    /// Deleted customers come back as `{"id","object","deleted":true}`.
    #[serde(default)]
    pub deleted: bool,
    /// Invoice settings.
    #[serde(default, deserialize_with = "null_as_default")]
    pub invoice_settings: InvoiceSettings,
}

fn null_as_default<'de, D: Deserializer<'de>, T: Deserialize<'de> + Default>(
    d: D,
) -> Result<T, D::Error> {
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// An invoice.
#[derive(Debug, Clone, Deserialize)]
pub struct Invoice {
    /// `in_…`.
    pub id: String,
    /// Invoice number (absent on drafts).
    #[serde(default)]
    pub number: Option<String>,
    /// `draft`, `open`, `paid`, `uncollectible`, `void`.
    #[serde(default)]
    pub status: Option<String>,
    /// ISO currency.
    pub currency: String,
    /// Total in minor units.
    #[serde(default)]
    pub total: i64,
    /// Still owed, minor units.
    #[serde(default)]
    pub amount_remaining: i64,
    /// Creation, epoch seconds.
    pub created: i64,
    /// Due date for `send_invoice`, epoch seconds.
    #[serde(default)]
    pub due_date: Option<i64>,
    /// Stripe's hosted page (pay, download).
    #[serde(default)]
    pub hosted_invoice_url: Option<String>,
    /// PDF download.
    #[serde(default)]
    pub invoice_pdf: Option<String>,
}

impl Invoice {
    /// Whether the customer sees it (drafts are the tenant's work in progress).
    pub fn is_visible(&self) -> bool {
        self.status.as_deref().is_some_and(|s| s != "draft")
    }
}

/// Product ids that `subs` name but `known` lacks.
pub fn missing_products(
    subs: &[PortalSubscription],
    known: &HashMap<String, Product>,
) -> Vec<String> {
    let mut ids: Vec<String> = subs
        .iter()
        .flat_map(|s| &s.items.data)
        .filter_map(|i| match &i.price.product {
            Expandable::Id(id) if !known.contains_key(id) => Some(id.clone()),
            _ => None,
        })
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// Replaces product ids in `subs` by the products in `known`.
pub fn attach_products(subs: &mut [PortalSubscription], known: &HashMap<String, Product>) {
    for item in subs.iter_mut().flat_map(|s| s.items.data.iter_mut()) {
        if let Expandable::Id(id) = &item.price.product {
            if let Some(p) = known.get(id) {
                item.price.product = Expandable::Object(Box::new(p.clone()));
            }
        }
    }
}

/// Longest invoice page the portal asks for.
pub const MAX_INVOICE_PAGE: u32 = 100;

/// Whether `s` looks like a Stripe invoice id (safe to use as a cursor).
pub fn is_invoice_id(s: &str) -> bool {
    s.len() <= 255
        && s.strip_prefix("in_")
            .is_some_and(|r| !r.is_empty() && r.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

impl StripeClient {
    /// The customer's subscriptions (any status but `canceled`/`incomplete_expired`) with
    /// the default payment method expanded. Items carry their prices; products stay ids
    /// (`data.items.data.price.product` is five levels, over Stripe's expansion limit of
    /// four): name them with [`StripeClient::list_products`] and [`attach_products`].
    pub async fn list_portal_subscriptions(
        &self,
        key: &StripeKey,
        customer: &CustomerId,
    ) -> Result<List<PortalSubscription>, StripeError> {
        let query = pairs(&[
            ("customer", customer.as_str()),
            ("status", "all"),
            ("limit", "20"),
            ("expand[0]", "data.default_payment_method"),
            ("expand[1]", "data.schedule"),
            ("expand[2]", "data.latest_invoice"),
        ]);
        let mut list: List<PortalSubscription> = self.get(key, "/v1/subscriptions", &query).await?;
        list.data
            .retain(|s| s.status != "canceled" && s.status != "incomplete_expired");
        Ok(list)
    }

    /// The customer with `invoice_settings.default_payment_method` expanded.
    pub async fn retrieve_portal_customer(
        &self,
        key: &StripeKey,
        customer: &CustomerId,
    ) -> Result<PortalCustomer, StripeError> {
        let query = pairs(&[("expand[0]", "invoice_settings.default_payment_method")]);
        self.get(key, &format!("/v1/customers/{customer}"), &query)
            .await
    }

    /// One page of the customer's invoices, newest first, after the cursor `starting_after`.
    pub async fn list_portal_invoices(
        &self,
        key: &StripeKey,
        customer: &CustomerId,
        limit: u32,
        starting_after: Option<&str>,
    ) -> Result<List<Invoice>, StripeError> {
        let limit = limit.clamp(1, MAX_INVOICE_PAGE).to_string();
        let mut query = pairs(&[("customer", customer.as_str()), ("limit", &limit)]);
        if let Some(cursor) = starting_after.filter(|c| is_invoice_id(c)) {
            query.push(("starting_after".to_owned(), cursor.to_owned()));
        }
        // Drafts stay in the list so the last id is still the right cursor; pages skip
        // them with `Invoice::is_visible`.
        self.get(key, "/v1/invoices", &query).await
    }

    /// Up to 100 of the account's products, or exactly `ids` when given.
    pub async fn list_products(
        &self,
        key: &StripeKey,
        ids: &[String],
    ) -> Result<List<Product>, StripeError> {
        let mut query = pairs(&[("limit", "100")]);
        for (i, id) in ids.iter().take(100).enumerate() {
            query.push((format!("ids[{i}]"), id.clone()));
        }
        self.get(key, "/v1/products", &query).await
    }

    /// `GET /v1/payment_methods/{id}`.
    pub async fn retrieve_payment_method(
        &self,
        key: &StripeKey,
        id: &str,
    ) -> Result<PaymentMethod, StripeError> {
        if !id.starts_with("pm_") && !id.starts_with("card_") {
            return Err(StripeError::Decode("not a payment method id".to_owned()));
        }
        self.get(key, &format!("/v1/payment_methods/{id}"), &[])
            .await
    }
}

/// The `Idempotency-Key` of a portal action: the same form submitted twice (same session
/// CSRF token, action, subscription and per-render nonce) changes nothing twice.
pub fn action_idempotency_key(csrf: &str, action: &str, subscription: &str, nonce: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("{csrf}\n{action}\n{subscription}\n{nonce}").as_bytes());
    format!("portal-{}", hex::encode(digest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subscription_with_metered_and_licensed_items_decodes() {
        let json = serde_json::json!({
            "id": "sub_1", "object": "subscription", "status": "active", "currency": "usd",
            "cancel_at_period_end": false, "cancel_at": null, "trial_end": null,
            "pause_collection": null, "default_payment_method": "pm_1",
            "items": {"object": "list", "has_more": false, "data": [
                {"id": "si_1", "quantity": 2, "current_period_end": 1_800_000_000,
                 "price": {"id": "price_1", "currency": "usd", "unit_amount": 1200,
                   "billing_scheme": "per_unit", "nickname": null,
                   "recurring": {"interval": "month", "interval_count": 1, "usage_type": "licensed"},
                   "product": {"id": "prod_1", "name": "Pro"}}},
                {"id": "si_2", "current_period_end": 1_800_000_000,
                 "price": {"id": "price_2", "currency": "usd", "unit_amount": 5,
                   "recurring": {"interval": "month", "usage_type": "metered"},
                   "product": "prod_2", "nickname": "API calls"}}
            ]}
        });
        let s: PortalSubscription = serde_json::from_value(json).unwrap();
        assert_eq!(s.items.data.len(), 2);
        assert_eq!(s.items.data[0].price.display_name(), Some("Pro"));
        assert!(!s.items.data[0].price.is_metered());
        assert_eq!(s.items.data[1].price.display_name(), Some("API calls"));
        assert!(s.items.data[1].price.is_metered());
        assert!(matches!(s.default_payment_method, Some(Expandable::Id(_))));
    }

    #[test]
    fn only_invoice_ids_are_cursors() {
        assert!(is_invoice_id("in_1AbC"));
        assert!(!is_invoice_id("in_"));
        assert!(!is_invoice_id("cus_1"));
        assert!(!is_invoice_id("in_1&limit=100"));
    }
}
