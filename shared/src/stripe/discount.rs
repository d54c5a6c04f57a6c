//! Discounts: coupons redeemed on a customer, a subscription, an item or an invoice, as
//! invoices and previews name them (`total_discount_amounts`, a line's `discount_amounts`).

use serde::Deserialize;

use super::list::{Expandable, HasId};

/// A coupon: what a discount takes off, and for how long.
#[derive(Debug, Clone, Deserialize)]
pub struct Coupon {
    /// The coupon's id.
    pub id: String,
    /// Its name, shown to customers on invoices.
    pub name: Option<String>,
    /// Percent off (`20.0`, `12.5`), when it is a percentage.
    pub percent_off: Option<f64>,
    /// Minor units off, when it is an amount.
    pub amount_off: Option<i64>,
    /// The currency of `amount_off`.
    pub currency: Option<String>,
    /// `forever`, `once` or `repeating`.
    pub duration: Option<String>,
    /// Months a `repeating` coupon lasts.
    pub duration_in_months: Option<i64>,
}

impl HasId for Coupon {
    fn stripe_id(&self) -> &str {
        &self.id
    }
}

/// `discount.source`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DiscountSource {
    /// The coupon redeemed (expanded where asked).
    pub coupon: Option<Expandable<Coupon>>,
}

/// A discount (also a `deleted_discount`: the same fields, with `deleted`).
#[derive(Debug, Clone, Deserialize)]
pub struct Discount {
    /// `di_…`.
    pub id: String,
    /// What was redeemed.
    pub source: Option<DiscountSource>,
    /// When it was applied, epoch seconds.
    pub start: Option<i64>,
    /// When it ends (`repeating` coupons), epoch seconds; `None`: it does not end.
    pub end: Option<i64>,
}

impl HasId for Discount {
    fn stripe_id(&self) -> &str {
        &self.id
    }
}

impl Discount {
    /// The coupon, when expanded.
    pub fn coupon(&self) -> Option<&Coupon> {
        self.source.as_ref()?.coupon.as_ref()?.object()
    }
}

/// `discounts_resource_discount_amount`: what one discount took off.
#[derive(Debug, Clone, Deserialize)]
pub struct DiscountAmount {
    /// Minor units taken off.
    #[serde(default)]
    pub amount: i64,
    /// The discount (expanded where asked).
    pub discount: Expandable<Discount>,
}

impl DiscountAmount {
    /// The discount, when expanded.
    pub fn discount(&self) -> Option<&Discount> {
        self.discount.object()
    }
}

impl super::StripeClient {
    /// A coupon of the account (`GET /v1/coupons/{id}`): a retention offer's terms.
    pub async fn coupon(
        &self,
        key: &super::StripeKey,
        id: &crate::retention::CouponId,
    ) -> Result<Coupon, super::StripeError> {
        self.get(key, &format!("/v1/coupons/{id}"), &[]).await
    }
}
