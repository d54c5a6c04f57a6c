//! What the customer is charged, itemised: an invoice's or a preview's lines (with their
//! own discounts), subtotal, discounts, taxes and totals; the next-invoice page and the
//! invoice page. Every figure is Stripe's ([`Charges`]); nothing is added up here.

use std::collections::HashMap;

use maud::{html, Markup, Render};

use super::charge_line::{discount_text, tax_label};
use super::components::{invoice_link, Notice};
use super::{layout, Brand, Frame, Section, SessionChrome};
use crate::charges::{is_invoice_level, Payment};
use crate::i18n::Catalogue;
use crate::stripe::{
    Charges, DiscountAmount, Invoice, InvoiceLine, InvoicePreview, Product, Subscription,
};

/// Names of what lines bill, by price id and by product id (the line's own description
/// where neither is known).
#[derive(Debug, Clone, Default)]
pub struct LineNames(HashMap<String, String>);

impl LineNames {
    /// The plans of `sub` (its prices' names) and the named `products`.
    pub fn new<'a>(
        subs: impl IntoIterator<Item = &'a Subscription>,
        products: impl IntoIterator<Item = &'a Product>,
    ) -> LineNames {
        let mut names = HashMap::new();
        for p in products {
            if let Some(name) = &p.name {
                names.insert(p.id.clone(), name.clone());
            }
        }
        for item in subs.into_iter().flat_map(|s| &s.items.data) {
            if let Some(name) = item.price.display_name() {
                names.insert(item.price.id.to_string(), name.to_owned());
            }
        }
        LineNames(names)
    }

    fn of(&self, t: &Catalogue, line: &InvoiceLine) -> String {
        let known = |id: Option<&str>| id.and_then(|id| self.0.get(id)).map(String::as_str);
        known(line.price_id())
            .or_else(|| known(line.product_id()))
            .or(line.description.as_deref())
            .map(str::to_owned)
            .unwrap_or_else(|| t.unnamed_plan().to_owned())
    }
}

/// An itemised invoice or preview: its lines (with their own discounts), the subtotal,
/// the invoice's discounts, each tax, the total and, for a real invoice, what was paid.
pub struct Itemised<'a> {
    /// Catalogue.
    pub t: &'static Catalogue,
    /// Stripe's figures.
    pub charges: &'a Charges,
    /// What the lines bill.
    pub names: &'a LineNames,
    /// Whether to show the amount paid and remaining (invoices, not previews).
    pub payments: bool,
}

impl Itemised<'_> {
    fn line(&self, line: &InvoiceLine) -> Markup {
        let (t, c) = (self.t, self.charges);
        let tc = t.charges();
        let money = |m: i64| t.format_money(m, &c.currency);
        // The line's own discounts; the invoice's come off after the subtotal.
        let own: Vec<&DiscountAmount> = line
            .discount_amounts
            .iter()
            .filter(|d| d.amount != 0 && !is_invoice_level(c, d.discount.id()))
            .collect();
        html! {
            tr {
                td data-label=(tc.col_description()) {
                    span.name { (self.names.of(t, line)) }
                    @if let Some(p) = line.period {
                        br; span.meta { (tc.period(&t.format_date(p.start), &t.format_date(p.end))) }
                    }
                    @if line.is_proration() {
                        br; span.meta { (tc.proration()) }
                    }
                }
                td.num data-label=(tc.col_quantity()) {
                    @if let Some(q) = line.quantity { (t.format_number(q as f64)) }
                }
                td.num data-label=(tc.col_unit_price()) {
                    @if let Some(unit) = line.unit_amount() { (money(unit)) }
                }
                td.num data-label=(t.col_amount()) { (money(line.amount)) }
            }
            @for d in own {
                @let label = self.discount_label(d);
                tr.discount {
                    td colspan="3" { (label) }
                    td.num { (money(-d.amount)) }
                }
            }
        }
    }

    fn discount_label(&self, d: &DiscountAmount) -> String {
        discount_text(self.t, d, &self.charges.currency)
    }
}

impl Render for Itemised<'_> {
    fn render(&self) -> Markup {
        let (t, c) = (self.t, self.charges);
        let tc = t.charges();
        let money = |m: i64| t.format_money(m, &c.currency);
        let row = |label: &str, amount: String, class: &str| {
            html! { tr class=(class) { th scope="row" colspan="3" { (label) } td.num { (amount) } } }
        };
        let invoice_discounts = c
            .discounts_applied()
            .filter(|d| is_invoice_level(c, d.discount.id()));
        html! {
            table.lines {
                caption.vh { (tc.lines_caption()) }
                thead {
                    tr {
                        th scope="col" { (tc.col_description()) }
                        th.num scope="col" { (tc.col_quantity()) }
                        th.num scope="col" { (tc.col_unit_price()) }
                        th.num scope="col" { (t.col_amount()) }
                    }
                }
                tbody {
                    @for line in &c.lines.data { (self.line(line)) }
                }
                tfoot {
                    (row(tc.subtotal(), money(c.subtotal), "subtotal"))
                    @for d in invoice_discounts {
                        (row(&self.discount_label(d), money(-d.amount), "discount"))
                    }
                    @for tax in &c.total_taxes {
                        @let label = tax_label(t, tax);
                        @if tax.is_inclusive() {
                            (row(&tc.includes_tax(&label), money(tax.amount), "tax"))
                        } @else {
                            (row(&label, money(tax.amount), "tax"))
                        }
                    }
                    (row(tc.total(), money(c.total), "total"))
                    @if self.payments {
                        (row(tc.amount_paid(), money(c.amount_paid), "paid"))
                        @if c.amount_remaining > 0 {
                            (row(tc.amount_remaining(), money(c.amount_remaining), "remaining"))
                        }
                    }
                }
            }
            @if c.lines.has_more {
                p.meta { (tc.more_lines()) }
            }
        }
    }
}

/// Usage so far of one metered item (the next-invoice page).
#[derive(Debug, Clone)]
pub struct UsageSoFar<'a> {
    /// The plan's name.
    pub plan: &'a str,
    /// Start of the period the usage counts from, epoch seconds.
    pub since: i64,
    /// The meter's aggregate so far (`Err`: the meter could not be read).
    pub quantity: Section<f64>,
    /// Stripe's estimate so far: the preview's line for it.
    pub estimate: Option<&'a InvoiceLine>,
}

/// What the next-invoice page shows.
#[derive(Debug, Clone)]
pub struct NextInvoicePage<'a> {
    /// Catalogue.
    pub t: &'static Catalogue,
    /// Tenant branding.
    pub brand: &'a Brand,
    /// Navigation, CSRF, support.
    pub chrome: &'a SessionChrome,
    /// The plan's name.
    pub plan: &'a str,
    /// When it comes.
    pub date: Option<i64>,
    /// Stripe's preview; `None`: the subscription will not be invoiced again as it stands.
    pub preview: Option<Section<&'a InvoicePreview>>,
    /// How it will be paid.
    pub payment: Payment<'a>,
    /// Usage so far of each metered item.
    pub usage: &'a [UsageSoFar<'a>],
    /// What the lines bill.
    pub names: &'a LineNames,
}

/// The next-invoice page: Stripe's preview itemised, how it will be paid, usage so far.
pub fn next_invoice(p: &NextInvoicePage<'_>) -> Markup {
    let t = p.t;
    let tc = t.charges();
    let title = tc.next_invoice_title(p.plan);
    let frame = Frame {
        t,
        title: &title,
        brand: Some(p.brand),
        session: Some(p.chrome),
        autosubmit: false,
    };
    let content = html! {
        h1 { (title) }
        @match p.preview {
            None => section.card { p { (tc.no_next_invoice()) } },
            Some(Err(())) => section.card { (Notice(tc.next_invoice_failed())) },
            Some(Ok(preview)) => {
                @let c = &preview.charges;
                section.card #next-invoice aria-labelledby="next-h" {
                    h2 #next-h {
                        @match p.date.or(c.period_end) {
                            Some(d) => (tc.next_invoice_on(&t.format_date(d), &t.format_money(c.total, &c.currency))),
                            None => (tc.next_invoice(&t.format_money(c.total, &c.currency))),
                        }
                    }
                    (Itemised { t, charges: c, names: p.names, payments: false })
                    p #payment { (payment_text(t, p.payment)) }
                }
            },
        }
        @if !p.usage.is_empty() {
            section.card #usage aria-labelledby="usage-h" {
                h2 #usage-h { (tc.usage_heading()) }
                ul.usage {
                    @for u in p.usage {
                        li {
                            @match u.quantity {
                                Ok(q) => (tc.usage_so_far(u.plan, &t.format_number(q), &t.format_date(u.since))),
                                Err(()) => (tc.usage_unavailable(u.plan)),
                            }
                            @if let (Some(line), Some(Ok(preview))) = (u.estimate, p.preview) {
                                br;
                                span.meta { (tc.usage_estimate(&t.format_money(line.amount, &preview.charges.currency))) }
                            }
                        }
                    }
                }
            }
        }
        p { a href="/portal" { (tc.back_to_overview()) } }
    };
    layout(&frame, content)
}

fn payment_text(t: &Catalogue, payment: Payment<'_>) -> String {
    let tc = t.charges();
    match payment {
        Payment::Card(card) => {
            tc.paid_with_card(&t.card_ending(&t.card_brand(&card.brand), &card.last4))
        }
        Payment::Email => tc.paid_by_email().to_owned(),
        Payment::NoCard => tc.paid_without_card().to_owned(),
    }
}

/// What the invoice page shows.
#[derive(Debug, Clone)]
pub struct InvoicePage<'a> {
    /// Catalogue.
    pub t: &'static Catalogue,
    /// Tenant branding.
    pub brand: &'a Brand,
    /// Navigation, CSRF, support.
    pub chrome: &'a SessionChrome,
    /// The customer's own invoice (drafts never get here).
    pub invoice: &'a Invoice,
    /// What the lines bill.
    pub names: &'a LineNames,
}

/// An invoice explained: lines, discounts, taxes, what was paid, its status, "Pay now"
/// for an open one, and the counted PDF and hosted-page links.
pub fn invoice(p: &InvoicePage<'_>) -> Markup {
    let (t, inv) = (p.t, p.invoice);
    let tc = t.charges();
    let title = match inv.number.as_deref() {
        Some(n) => tc.invoice_title(n),
        None => tc.invoice_untitled().to_owned(),
    };
    let frame = Frame {
        t,
        title: &title,
        brand: Some(p.brand),
        session: Some(p.chrome),
        autosubmit: false,
    };
    let status = inv.status.as_deref().unwrap_or("");
    let badge = match status {
        "paid" => "b-ok",
        "open" => "b-warn",
        "uncollectible" => "b-bad",
        _ => "b-info",
    };
    let number = inv.number.as_deref().unwrap_or("—");
    let content = html! {
        div.invoice-head {
            h1 { (title) }
            span.badge.(badge) #invoice-status { (t.invoice_status(status)) }
        }
        p.meta {
            (tc.issued_on(&t.format_date(inv.created)))
            @if let Some(paid) = inv.status_transitions.paid_at.filter(|_| status == "paid") {
                (t.charges().separator()) (tc.paid_on(&t.format_date(paid)))
            } @else if let Some(due) = inv.due_date.filter(|_| status == "open") {
                (t.charges().separator()) (tc.due_on(&t.format_date(due)))
            }
        }
        section.card #invoice aria-label=(title) {
            (Itemised { t, charges: &inv.charges, names: p.names, payments: true })
            div.actions {
                @if inv.is_payable() && inv.hosted_url().is_some() {
                    a.btn #pay-now href=(invoice_link(inv.id.as_str(), "view")) rel="noopener" { (t.pay_now()) span.vh { (t.for_invoice(number)) } }
                }
                @if inv.pdf_url().is_some() {
                    a href=(invoice_link(inv.id.as_str(), "pdf")) rel="noopener" { (t.download_pdf()) span.vh { (t.for_invoice(number)) } }
                }
                @if inv.hosted_url().is_some() && !inv.is_payable() {
                    a href=(invoice_link(inv.id.as_str(), "view")) rel="noopener" { (t.view_invoice()) span.vh { (t.for_invoice(number)) } }
                }
            }
        }
        p { a href="/portal/invoices" { (tc.back_to_invoices()) } }
    };
    layout(&frame, content)
}
