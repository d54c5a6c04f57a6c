//! Prices and their products.

use serde::Deserialize;

use super::form::{expand, query};
use super::list::{Expandable, HasId, List};
use super::{StripeClient, StripeError, StripeKey};
use crate::ids::{MeterId, PriceId};

/// A product (the plan's name).
#[derive(Debug, Clone, Deserialize)]
pub struct Product {
    /// `prod_…`.
    pub id: String,
    /// Display name.
    pub name: Option<String>,
}

impl HasId for Product {
    fn stripe_id(&self) -> &str {
        &self.id
    }
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
    pub usage_type: Option<String>,
    /// The billing meter a metered price bills from (`mtr_…`).
    pub meter: Option<String>,
}

fn one() -> u32 {
    1
}

fn yes() -> bool {
    true
}

/// A price.
#[derive(Debug, Clone, Deserialize)]
pub struct Price {
    /// `price_…`.
    pub id: PriceId,
    /// ISO currency, lower case.
    pub currency: String,
    /// Amount per unit in minor units (absent for tiered prices).
    pub unit_amount: Option<i64>,
    /// `per_unit` or `tiered`.
    pub billing_scheme: Option<String>,
    /// Price nickname, shown when the product has no name.
    pub nickname: Option<String>,
    /// Recurring terms.
    pub recurring: Option<Recurring>,
    /// The product, expanded where asked.
    pub product: Expandable<Product>,
    /// Archived prices cannot be subscribed to.
    #[serde(default = "yes")]
    pub active: bool,
}

impl HasId for Price {
    fn stripe_id(&self) -> &str {
        self.id.as_str()
    }
}

impl Price {
    /// Whether usage is billed in arrears (metered).
    pub fn is_metered(&self) -> bool {
        self.recurring
            .as_ref()
            .and_then(|r| r.usage_type.as_deref())
            .is_some_and(|u| u == "metered")
    }

    /// The billing meter a metered price bills from, if it names a well-formed one.
    pub fn meter(&self) -> Option<MeterId> {
        let meter = self.recurring.as_ref()?.meter.as_deref()?;
        MeterId::parse(meter).ok()
    }

    /// The plan's display name: product name, else nickname.
    pub fn display_name(&self) -> Option<&str> {
        self.product
            .object()
            .and_then(|p| p.name.as_deref())
            .or(self.nickname.as_deref())
    }

    /// Whether both bill on the same interval.
    pub fn same_interval(&self, other: &Price) -> bool {
        match (&self.recurring, &other.recurring) {
            (Some(x), Some(y)) => x.interval == y.interval && x.interval_count == y.interval_count,
            _ => false,
        }
    }
}

impl StripeClient {
    /// `GET /v1/prices/{id}` with its product expanded.
    pub async fn price(&self, key: &StripeKey, id: &PriceId) -> Result<Price, StripeError> {
        self.get(key, &format!("/v1/prices/{id}"), &expand(&["product"]))
            .await
    }

    /// Up to 100 of the account's products, or exactly `ids` when given.
    pub async fn products(
        &self,
        key: &StripeKey,
        ids: &[String],
    ) -> Result<List<Product>, StripeError> {
        let mut q = query(&[("limit", "100")]);
        for (i, id) in ids.iter().take(100).enumerate() {
            q.push((format!("ids[{i}]"), id.clone()));
        }
        self.get(key, "/v1/products", &q).await
    }
}
