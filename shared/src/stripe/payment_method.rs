//! Cards: payment methods and the setup intents that save them.

use serde::Deserialize;

use super::list::{Expandable, HasId};

/// `payment_method.card`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
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
    pub card: Option<Card>,
}

impl HasId for PaymentMethod {
    fn stripe_id(&self) -> &str {
        &self.id
    }
}

/// A setup intent (what a setup-mode Checkout Session saved).
#[derive(Debug, Clone, Deserialize)]
pub struct SetupIntent {
    /// `seti_…`.
    pub id: String,
    /// The saved payment method.
    pub payment_method: Option<Expandable<PaymentMethod>>,
}

impl HasId for SetupIntent {
    fn stripe_id(&self) -> &str {
        &self.id
    }
}
