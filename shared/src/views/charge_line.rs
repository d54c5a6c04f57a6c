//! A charge in a line: the overview's next-invoice line (Stripe's total, linking to the
//! itemised page), and how a discount and a tax read ("20% off, until 27 Mar 2027",
//! "Sales tax 8.25%: $1.91"). Every figure is Stripe's.

use maud::{html, Markup, Render};

use super::Section;
use crate::i18n::Catalogue;
use crate::stripe::{Charges, DiscountAmount, InvoicePreview, InvoiceTax, Subscription};

/// The next-invoice page of a subscription.
pub fn next_invoice_path(subscription: &str) -> String {
    format!("/portal/subscriptions/{subscription}/next-invoice")
}

/// An invoice's page in the portal.
pub fn invoice_path(invoice: &str) -> String {
    format!("/portal/invoices/{invoice}")
}

/// What a discount takes off, as customers read it: "20% off, until 27 Mar 2027".
pub fn discount_text(t: &Catalogue, d: &DiscountAmount, currency: &str) -> String {
    let tc = t.charges();
    let Some(discount) = d.discount() else {
        return tc.discount().to_owned();
    };
    let Some(coupon) = discount.coupon() else {
        return tc.discount().to_owned();
    };
    let off = match (coupon.percent_off, coupon.amount_off) {
        (Some(pct), _) => tc.percent_off(&t.format_percent(pct)),
        (None, Some(amount)) => {
            let currency = coupon.currency.as_deref().unwrap_or(currency);
            tc.amount_off(&t.format_money(amount, currency))
        }
        (None, None) => tc.discount().to_owned(),
    };
    let off = match coupon.name.as_deref().map(str::trim) {
        Some(name) if !name.is_empty() => tc.named_discount(name, &off),
        _ => off,
    };
    match (discount.end, coupon.duration.as_deref()) {
        (Some(end), _) => tc.discount_until(&off, &t.format_date(end)),
        (None, Some("once")) => tc.discount_once(&off),
        _ => off,
    }
}

/// A coupon's own terms, as Stripe states them: "20% off for 3 months", "$5.00 off once".
/// `None` for a coupon with neither a percentage nor an amount.
pub fn coupon_terms(t: &Catalogue, coupon: &crate::stripe::Coupon) -> Option<String> {
    let tc = t.charges();
    let off = match (
        coupon.percent_off,
        coupon.amount_off,
        coupon.currency.as_deref(),
    ) {
        (Some(pct), _, _) => tc.percent_off(&t.format_percent(pct)),
        (None, Some(amount), Some(currency)) => tc.amount_off(&t.format_money(amount, currency)),
        _ => return None,
    };
    Some(
        match (coupon.duration.as_deref(), coupon.duration_in_months) {
            (Some("repeating"), Some(months)) => t.offers().for_months(&off, months),
            (Some("once"), _) => tc.discount_once(&off),
            _ => t.offers().forever(&off),
        },
    )
}

/// A tax's name and rate: "Sales tax 8.25%".
pub fn tax_label(t: &Catalogue, tax: &InvoiceTax) -> String {
    let rate = tax.rate();
    let name = rate
        .and_then(|r| r.display_name.as_deref())
        .filter(|n| !n.trim().is_empty())
        .map(str::to_owned)
        .unwrap_or_else(|| t.charges().tax().to_owned());
    match rate.and_then(|r| r.percentage) {
        Some(pct) => t.charges().tax_rate(&name, &t.format_percent(pct)),
        None => name,
    }
}

/// A tax with its amount: "Sales tax 8.25%: $1.91", or "Includes VAT 20%: $5.00".
pub fn tax_text(t: &Catalogue, tax: &InvoiceTax, currency: &str) -> String {
    let (label, amount) = (tax_label(t, tax), t.format_money(tax.amount, currency));
    if tax.is_inclusive() {
        t.charges().tax_included(&label, &amount)
    } else {
        t.charges().tax_added(&label, &amount)
    }
}

/// The discounts and taxes of an invoice in one line ("20% off · Sales tax 8.25%: $1.91");
/// `None` where it has neither.
pub fn charge_terms(t: &Catalogue, charges: &Charges) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for d in charges.discounts_applied() {
        if !seen.contains(&d.discount.id()) {
            seen.push(d.discount.id());
            parts.push(discount_text(t, d, &charges.currency));
        }
    }
    parts.extend(
        charges
            .total_taxes
            .iter()
            .map(|tax| tax_text(t, tax, &charges.currency)),
    );
    (!parts.is_empty()).then(|| parts.join(t.charges().separator()))
}

/// The overview's line about a subscription's next invoice: Stripe's total (linking to
/// the itemised page) and its discount and tax; "unavailable" where the preview failed.
pub struct NextInvoiceLine<'a> {
    /// Catalogue.
    pub t: &'static Catalogue,
    /// The subscription.
    pub sub: &'a Subscription,
    /// Stripe's preview of its next invoice.
    pub preview: Section<&'a InvoicePreview>,
}

impl Render for NextInvoiceLine<'_> {
    fn render(&self) -> Markup {
        let (t, sub) = (self.t, self.sub);
        let id = format!("next-invoice-{}", sub.id);
        match self.preview {
            // No amount at all: never a guess.
            Err(()) => {
                html! { p.meta.next-invoice id=(id) { (t.charges().next_invoice_unavailable()) } }
            }
            Ok(preview) => {
                let c = &preview.charges;
                let total = t.format_money(c.total, &c.currency);
                let text = match sub.next_renewal().or(c.period_end) {
                    Some(date) => t.charges().next_invoice_on(&t.format_date(date), &total),
                    None => t.charges().next_invoice(&total),
                };
                html! {
                    p.meta.next-invoice id=(id) {
                        a href=(next_invoice_path(sub.id.as_str())) { (text) }
                    }
                    @if let Some(terms) = charge_terms(t, c) {
                        p.meta.charge-terms { (terms) }
                    }
                }
            }
        }
    }
}
