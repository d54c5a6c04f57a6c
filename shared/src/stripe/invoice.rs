//! Invoices: the customer's list, one invoice by id (theirs only), and previews.

use serde::Deserialize;

use super::customer::Customer;
use super::form::query;
use super::list::{Expandable, HasId, List};
use super::owned::{CustomerOwned, Owned};
use super::{StripeClient, StripeError, StripeKey};
use crate::ids::{CustomerId, InvoiceId};

/// Longest invoice page the portal asks for.
pub const MAX_INVOICE_PAGE: u32 = 100;

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
    #[serde(default)]
    pub subscription_item_details: Option<ProrationFlag>,
    /// Lines from invoice items.
    #[serde(default)]
    pub invoice_item_details: Option<ProrationFlag>,
}

/// A line of an invoice.
#[derive(Debug, Clone, Deserialize)]
pub struct InvoiceLine {
    /// Minor units.
    #[serde(default)]
    pub amount: i64,
    /// Where the line comes from.
    #[serde(default)]
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
}

/// An invoice.
#[derive(Debug, Clone, Deserialize)]
pub struct Invoice {
    /// `in_…`.
    pub id: InvoiceId,
    /// The customer billed.
    #[serde(default)]
    pub customer: Option<Expandable<Customer>>,
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
    /// What is due, minor units.
    #[serde(default)]
    pub amount_due: i64,
    /// Still owed, minor units.
    #[serde(default)]
    pub amount_remaining: i64,
    /// Creation, epoch seconds.
    #[serde(default)]
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

impl HasId for Invoice {
    fn stripe_id(&self) -> &str {
        self.id.as_str()
    }
}

/// What `create_preview` says the next invoice will be.
#[derive(Debug, Clone, Deserialize)]
pub struct InvoicePreview {
    /// ISO currency.
    pub currency: String,
    /// Total, minor units.
    #[serde(default)]
    pub total: i64,
    /// What would be charged, minor units.
    #[serde(default)]
    pub amount_due: i64,
    /// Lines (the first page).
    #[serde(default)]
    pub lines: List<InvoiceLine>,
}

impl InvoicePreview {
    /// The sum of the proration lines, minor units.
    pub fn proration_total(&self) -> i64 {
        self.lines
            .data
            .iter()
            .filter(|l| l.is_proration())
            .map(|l| l.amount)
            .sum()
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
        self.status.as_deref() == Some("open") && self.amount_remaining > 0
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

    /// The customer's own invoice `id`; `None` if there is none or it is another
    /// customer's.
    pub async fn customer_invoice(
        &self,
        key: &StripeKey,
        customer: &CustomerId,
        id: &InvoiceId,
    ) -> Result<Option<Owned<Invoice>>, StripeError> {
        match self
            .get::<Invoice>(key, &format!("/v1/invoices/{id}"), &[])
            .await
        {
            Ok(invoice) if invoice.id == *id => Ok(Owned::check(invoice, customer)),
            Ok(_) | Err(StripeError::NotFound(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }
}
