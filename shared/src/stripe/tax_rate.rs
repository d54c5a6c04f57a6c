//! Tax rates and the taxes an invoice or a preview charges with them (`total_taxes`, a
//! line's `taxes`).

use serde::Deserialize;

use super::list::{Expandable, HasId};

/// A tax rate (manual rates: a percentage, inclusive or exclusive).
#[derive(Debug, Clone, Deserialize)]
pub struct TaxRate {
    /// `txr_…`.
    pub id: String,
    /// The name customers see ("Sales tax", "VAT").
    pub display_name: Option<String>,
    /// Percent out of 100 (`8.25`).
    pub percentage: Option<f64>,
    /// Whether the price already includes it.
    #[serde(default)]
    pub inclusive: bool,
    /// Where it applies, as the tenant labelled it.
    pub jurisdiction: Option<String>,
}

impl HasId for TaxRate {
    fn stripe_id(&self) -> &str {
        &self.id
    }
}

/// `tax_rate_details` of a tax.
#[derive(Debug, Clone, Deserialize)]
pub struct TaxRateDetails {
    /// The rate (expanded where asked).
    pub tax_rate: Expandable<TaxRate>,
}

/// `billing_bill_resource_invoicing_taxes_tax`: one tax on a line or an invoice.
#[derive(Debug, Clone, Deserialize)]
pub struct InvoiceTax {
    /// Minor units of tax.
    #[serde(default)]
    pub amount: i64,
    /// `inclusive` or `exclusive`.
    pub tax_behavior: Option<String>,
    /// The rate, for taxes of `type: tax_rate_details`.
    pub tax_rate_details: Option<TaxRateDetails>,
    /// What the tax was computed on, minor units.
    pub taxable_amount: Option<i64>,
}

impl InvoiceTax {
    /// The rate, when expanded.
    pub fn rate(&self) -> Option<&TaxRate> {
        self.tax_rate_details.as_ref()?.tax_rate.object()
    }

    /// Whether the price already included it (it adds nothing to the total).
    pub fn is_inclusive(&self) -> bool {
        self.tax_behavior.as_deref() == Some("inclusive")
    }
}
