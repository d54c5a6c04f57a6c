//! Invoices: the customer's list, one invoice by id (theirs only) with its lines, and what
//! an invoice charges ([`Charges`], shared with previews), itemised as Stripe computed it.

use serde::Deserialize;

use super::customer::Customer;
use super::discount::{Discount, DiscountAmount};
use super::form::{expand, query};
use super::list::{null_as_default, Expandable, HasId, List};
use super::owned::{CustomerOwned, Owned};
use super::price::Price;
use super::tax_rate::InvoiceTax;
use super::{StripeClient, StripeError, StripeKey};
use crate::ids::{CustomerId, InvoiceId};

/// Longest invoice page the portal asks for.
pub const MAX_INVOICE_PAGE: u32 = 100;

/// What an invoice read by id (and a preview) expands, so discounts name their coupon and
/// taxes their rate (four levels: Stripe's limit). Lines name rates and discounts by id.
pub(crate) const CHARGES_EXPANSIONS: [&str; 2] = [
    "total_discount_amounts.discount.source.coupon",
    "total_taxes.tax_rate_details.tax_rate",
];

/// `line_item.parent.*_details`: carries the proration flag.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ProrationFlag {
    /// Whether the line is a proration.
    #[serde(default)]
    pub proration: bool,
}

/// `line_item.parent`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct LineParent {
    /// Lines from subscription items.
    pub subscription_item_details: Option<ProrationFlag>,
    /// Lines from invoice items.
    pub invoice_item_details: Option<ProrationFlag>,
}

/// `line_item.period`: the service period a line bills for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct LinePeriod {
    /// Start, epoch seconds (inclusive).
    pub start: i64,
    /// End, epoch seconds.
    pub end: i64,
}

/// `line_item.pricing.price_details`.
#[derive(Debug, Clone, Deserialize)]
pub struct PriceDetails {
    /// The price billed.
    pub price: Expandable<Price>,
    /// Its product's id.
    pub product: Option<String>,
}

/// `line_item.pricing`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct LinePricing {
    /// The price and product, for lines billed from a price.
    pub price_details: Option<PriceDetails>,
    /// Unit amount in minor units, as a decimal string (`"2900"`, `"0.5"`).
    pub unit_amount_decimal: Option<String>,
}

/// A line of an invoice or a preview.
#[derive(Debug, Clone, Deserialize)]
pub struct InvoiceLine {
    /// `il_…`.
    pub id: Option<String>,
    /// Gross amount (unit price × quantity), minor units.
    #[serde(default)]
    pub amount: i64,
    /// Stripe's description of the line.
    pub description: Option<String>,
    /// Units billed (for metered prices: the usage).
    pub quantity: Option<i64>,
    /// The service period.
    pub period: Option<LinePeriod>,
    /// The price behind the line.
    pub pricing: Option<LinePricing>,
    /// Taxes on the line.
    #[serde(default, deserialize_with = "null_as_default")]
    pub taxes: Vec<InvoiceTax>,
    /// What each discount took off the line.
    #[serde(default, deserialize_with = "null_as_default")]
    pub discount_amounts: Vec<DiscountAmount>,
    /// Where the line comes from.
    pub parent: Option<LineParent>,
}

impl InvoiceLine {
    /// Whether the line is a proration (credit for unused time or charge for the rest).
    pub fn is_proration(&self) -> bool {
        self.parent.as_ref().is_some_and(|p| {
            p.subscription_item_details
                .as_ref()
                .or(p.invoice_item_details.as_ref())
                .is_some_and(|f| f.proration)
        })
    }

    /// The id of the price billed, if the line comes from a price.
    pub fn price_id(&self) -> Option<&str> {
        Some(self.pricing.as_ref()?.price_details.as_ref()?.price.id())
    }

    /// The id of the product billed, if the line comes from a price.
    pub fn product_id(&self) -> Option<&str> {
        self.pricing
            .as_ref()?
            .price_details
            .as_ref()?
            .product
            .as_deref()
    }

    /// The unit price in whole minor units; `None` when absent or finer than a minor unit.
    pub fn unit_amount(&self) -> Option<i64> {
        let raw = self.pricing.as_ref()?.unit_amount_decimal.as_deref()?;
        let (whole, fraction) = raw.split_once('.').unwrap_or((raw, ""));
        if !fraction.bytes().all(|b| b == b'0') {
            return None;
        }
        whole.parse().ok()
    }
}

/// What an invoice or a preview charges, as Stripe itemised it (the fields' names are
/// the spec's). The portal shows these figures; it never recomputes them.
#[derive(Debug, Clone, Deserialize)]
pub struct Charges {
    /// ISO currency.
    pub currency: String,
    /// Lines less their own discounts, minor units.
    #[serde(default)]
    pub subtotal: i64,
    /// Total without any tax, minor units.
    pub total_excluding_tax: Option<i64>,
    /// Total after discounts and taxes, minor units.
    #[serde(default)]
    pub total: i64,
    /// What is due, minor units.
    #[serde(default)]
    pub amount_due: i64,
    /// What was paid, minor units.
    #[serde(default)]
    pub amount_paid: i64,
    /// Still owed, minor units.
    #[serde(default)]
    pub amount_remaining: i64,
    /// `charge_automatically` or `send_invoice`.
    pub collection_method: Option<String>,
    /// Start of the period invoice items belong to, epoch seconds.
    pub period_start: Option<i64>,
    /// End of that period (a subscription's renewal date for its next invoice).
    pub period_end: Option<i64>,
    /// The lines (the first page).
    #[serde(default)]
    pub lines: List<InvoiceLine>,
    /// The invoice-level discounts.
    #[serde(default, deserialize_with = "null_as_default")]
    pub discounts: Vec<Expandable<Discount>>,
    /// What each discount took off, over every line.
    #[serde(default, deserialize_with = "null_as_default")]
    pub total_discount_amounts: Vec<DiscountAmount>,
    /// Each tax, over every line.
    #[serde(default, deserialize_with = "null_as_default")]
    pub total_taxes: Vec<InvoiceTax>,
}

impl Charges {
    /// The sum of the proration lines, minor units.
    pub fn proration_total(&self) -> i64 {
        self.lines
            .data
            .iter()
            .filter(|l| l.is_proration())
            .map(|l| l.amount)
            .sum()
    }

    /// Whether Stripe emails the invoice for the customer to pay (`send_invoice`), rather
    /// than charging the default payment method.
    pub fn sends_invoice(&self) -> bool {
        self.collection_method.as_deref() == Some("send_invoice")
    }

    /// The discounts that took something off.
    pub fn discounts_applied(&self) -> impl Iterator<Item = &DiscountAmount> {
        self.total_discount_amounts.iter().filter(|d| d.amount != 0)
    }
}

/// `invoice.status_transitions`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct StatusTransitions {
    /// When it was finalized, epoch seconds.
    pub finalized_at: Option<i64>,
    /// When it was paid, epoch seconds.
    pub paid_at: Option<i64>,
}

/// An invoice.
#[derive(Debug, Clone, Deserialize)]
pub struct Invoice {
    /// `in_…`.
    pub id: InvoiceId,
    /// The customer billed.
    pub customer: Option<Expandable<Customer>>,
    /// Invoice number (absent on drafts).
    pub number: Option<String>,
    /// `draft`, `open`, `paid`, `uncollectible`, `void`.
    pub status: Option<String>,
    /// Creation, epoch seconds.
    #[serde(default)]
    pub created: i64,
    /// Due date for `send_invoice`, epoch seconds.
    pub due_date: Option<i64>,
    /// When it was finalized and paid.
    #[serde(default, deserialize_with = "null_as_default")]
    pub status_transitions: StatusTransitions,
    /// Stripe's hosted page (pay, download).
    pub hosted_invoice_url: Option<String>,
    /// PDF download.
    pub invoice_pdf: Option<String>,
    /// What it charges.
    #[serde(flatten)]
    pub charges: Charges,
}

impl HasId for Invoice {
    fn stripe_id(&self) -> &str {
        self.id.as_str()
    }
}

impl CustomerOwned for Invoice {
    fn owner(&self) -> Option<&str> {
        self.customer.as_ref().map(Expandable::id)
    }
}

/// Links from Stripe go into `href` only when they are http(s) (never `javascript:`).
fn http_url(u: Option<&str>) -> Option<&str> {
    u.filter(|u| u.starts_with("https://") || u.starts_with("http://"))
}

impl Invoice {
    /// Whether the customer sees it (drafts are the tenant's work in progress).
    pub fn is_visible(&self) -> bool {
        self.status.as_deref().is_some_and(|s| s != "draft")
    }

    /// Whether it is open with something left to pay.
    pub fn is_payable(&self) -> bool {
        self.status.as_deref() == Some("open") && self.charges.amount_remaining > 0
    }

    /// Stripe's hosted page, if it is an http(s) URL.
    pub fn hosted_url(&self) -> Option<&str> {
        http_url(self.hosted_invoice_url.as_deref())
    }

    /// The PDF, if it is an http(s) URL.
    pub fn pdf_url(&self) -> Option<&str> {
        http_url(self.invoice_pdf.as_deref())
    }
}

impl StripeClient {
    /// One page of the customer's invoices, newest first, after the cursor
    /// `starting_after`. Drafts stay in the list so the last id is still the right cursor;
    /// pages skip them with [`Invoice::is_visible`].
    pub async fn customer_invoices(
        &self,
        key: &StripeKey,
        customer: &CustomerId,
        limit: u32,
        starting_after: Option<&InvoiceId>,
    ) -> Result<List<Invoice>, StripeError> {
        let limit = limit.clamp(1, MAX_INVOICE_PAGE).to_string();
        let mut q = query(&[("customer", customer.as_str()), ("limit", &limit)]);
        if let Some(cursor) = starting_after {
            q.push(("starting_after".to_owned(), cursor.to_string()));
        }
        let mut list: List<Invoice> = self.get(key, "/v1/invoices", &q).await?;
        list.data.retain(|i| i.owner() == Some(customer.as_str()));
        Ok(list)
    }

    /// The customer's own invoice `id`, its discounts' coupons and its taxes' rates
    /// expanded; `None` if there is none or it is another customer's.
    pub async fn customer_invoice(
        &self,
        key: &StripeKey,
        customer: &CustomerId,
        id: &InvoiceId,
    ) -> Result<Option<Owned<Invoice>>, StripeError> {
        let q = expand(&CHARGES_EXPANSIONS);
        match self
            .get::<Invoice>(key, &format!("/v1/invoices/{id}"), &q)
            .await
        {
            Ok(invoice) if invoice.id == *id => Ok(Owned::check(invoice, customer)),
            Ok(_) | Err(StripeError::NotFound(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Every line of the customer's own invoice (up to 100), where its first page of lines
    /// was not all of them.
    pub async fn invoice_lines(
        &self,
        key: &StripeKey,
        invoice: &Owned<Invoice>,
    ) -> Result<List<InvoiceLine>, StripeError> {
        let q = query(&[("limit", "100")]);
        self.get(key, &format!("/v1/invoices/{}/lines", invoice.id), &q)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_invoice_decodes_its_lines_discounts_and_taxes_as_the_spec_names_them() {
        let inv: Invoice = serde_json::from_value(json!({
            "id": "in_1", "customer": "cus_1", "status": "paid", "currency": "usd",
            "subtotal": 2900, "total": 2511, "total_excluding_tax": 2320,
            "amount_due": 2511, "amount_paid": 2511, "amount_remaining": 0,
            "collection_method": "charge_automatically",
            "discounts": ["di_1"],
            "total_discount_amounts": [{"amount": 580, "discount": {"id": "di_1", "end": null,
                "source": {"type": "coupon", "coupon": {"id": "c", "percent_off": 20.0,
                "duration": "forever"}}}}],
            "total_taxes": [{"amount": 191, "tax_behavior": "exclusive", "taxable_amount": 2320,
                "type": "tax_rate_details", "tax_rate_details": {"tax_rate": {"id": "txr_1",
                "display_name": "Sales tax", "percentage": 8.25, "inclusive": false}}}],
            "status_transitions": {"paid_at": 5},
            "lines": {"data": [{"id": "il_1", "amount": 2900, "quantity": 1,
                "period": {"start": 1, "end": 2},
                "pricing": {"type": "price_details", "unit_amount_decimal": "2900",
                    "price_details": {"price": "price_1", "product": "prod_1"}},
                "taxes": [{"amount": 191, "tax_behavior": "exclusive",
                    "tax_rate_details": {"tax_rate": "txr_1"}}],
                "discount_amounts": [{"amount": 580, "discount": "di_1"}]}], "has_more": false}
        }))
        .unwrap();
        let c = &inv.charges;
        assert_eq!((c.subtotal, c.total, c.amount_paid), (2900, 2511, 2511));
        assert!(!c.sends_invoice());
        let d = c.discounts_applied().next().unwrap();
        assert_eq!(
            d.discount().unwrap().coupon().unwrap().percent_off,
            Some(20.0)
        );
        assert_eq!(c.total_taxes[0].rate().unwrap().percentage, Some(8.25));
        let line = &c.lines.data[0];
        assert_eq!(line.price_id(), Some("price_1"));
        assert_eq!(line.product_id(), Some("prod_1"));
        assert_eq!(line.unit_amount(), Some(2900));
        assert_eq!(line.period, Some(LinePeriod { start: 1, end: 2 }));
        assert_eq!(inv.status_transitions.paid_at, Some(5));
    }

    #[test]
    fn nulls_and_absent_money_fields_decode_as_empty() {
        let inv: Invoice = serde_json::from_value(json!({
            "id": "in_1", "currency": "jpy", "total_taxes": null,
            "total_discount_amounts": null, "status_transitions": null,
            "lines": {"data": [{"amount": 5, "taxes": null, "discount_amounts": null,
                "pricing": {"unit_amount_decimal": "0.5"}}]}
        }))
        .unwrap();
        assert!(inv.charges.total_taxes.is_empty());
        assert_eq!(inv.charges.lines.data[0].unit_amount(), None);
    }
}
