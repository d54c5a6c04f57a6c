//! Small pieces pages are built from.

use maud::{html, Markup, Render};

use super::charge_line::{invoice_path, NextInvoiceLine};
use super::Section;
use crate::i18n::Catalogue;
use crate::plan::ScheduledChange;
use crate::stripe::{Card, Invoice, InvoicePreview, Price, Subscription, SubscriptionStatus};

/// A notice where a section's data could not be loaded.
pub struct Notice<'a>(pub &'a str);

impl Render for Notice<'_> {
    fn render(&self) -> Markup {
        html! { p.notice role="status" { (self.0) } }
    }
}

/// A card: brand, last 4, expiry.
pub struct CardView<'a> {
    /// Catalogue.
    pub t: &'static Catalogue,
    /// The card.
    pub card: &'a Card,
}

impl Render for CardView<'_> {
    fn render(&self) -> Markup {
        let t = self.t;
        html! {
            p.name { (t.card_ending(&t.card_brand(&self.card.brand), &self.card.last4)) }
            p.meta { (t.card_expires(self.card.exp_month, self.card.exp_year)) }
        }
    }
}

pub(super) fn price_text(t: &Catalogue, price: &Price) -> String {
    let Some(amount) = price.unit_amount else {
        return t.price_tiered().to_owned();
    };
    let amount = t.format_money(amount, &price.currency);
    match &price.recurring {
        Some(r) if price.is_metered() => t.price_metered(&amount, &r.interval, r.interval_count),
        Some(r) => t.price_per(&amount, &r.interval, r.interval_count),
        None => amount,
    }
}

/// A subscription with what the portal knows beyond Stripe's object.
#[derive(Debug, Clone)]
pub struct SubscriptionCard<'a> {
    /// The subscription.
    pub sub: &'a Subscription,
    /// The plan its schedule switches to, named.
    pub scheduled_change: Option<ScheduledChange>,
    /// Whether the portal offers "Change plan" for it.
    pub plan_change_offered: bool,
    /// Stripe's preview of its next invoice, where the page shows one (`Err`: the preview
    /// failed, so the amount is "unavailable").
    pub next_invoice: Option<Section<&'a InvoicePreview>>,
}

impl<'a> SubscriptionCard<'a> {
    /// A card with nothing beyond the subscription.
    pub fn plain(sub: &'a Subscription) -> SubscriptionCard<'a> {
        SubscriptionCard {
            sub,
            scheduled_change: None,
            plan_change_offered: false,
            next_invoice: None,
        }
    }
}

/// One subscription: its items, status and what happens next.
pub struct SubscriptionView<'a> {
    /// Catalogue.
    pub t: &'static Catalogue,
    /// The subscription.
    pub card: &'a SubscriptionCard<'a>,
    /// CSRF token and form nonce for the Renew / Resume buttons; `None`: no actions.
    pub actions: Option<(&'a str, &'a str)>,
}

impl SubscriptionView<'_> {
    fn title(&self) -> String {
        let names: Vec<String> = self
            .card
            .sub
            .items
            .data
            .iter()
            .map(|i| {
                i.price
                    .display_name()
                    .map(str::to_owned)
                    .unwrap_or_else(|| self.t.unnamed_plan().to_owned())
            })
            .collect();
        if names.is_empty() {
            self.t.unnamed_plan().to_owned()
        } else {
            names.join(" + ")
        }
    }

    fn status(&self) -> (String, &'static str) {
        let t = self.t;
        let sub = self.card.sub;
        let class = match sub.status {
            SubscriptionStatus::Active | SubscriptionStatus::Trialing => "b-ok",
            SubscriptionStatus::PastDue
            | SubscriptionStatus::Unpaid
            | SubscriptionStatus::Incomplete => "b-bad",
            SubscriptionStatus::Paused => "b-warn",
            _ => "b-info",
        };
        if sub.collection_paused() && sub.status == SubscriptionStatus::Active {
            return (t.status("paused"), "b-warn");
        }
        (t.status(sub.status.as_str()), class)
    }

    /// What happens next besides the next invoice: a scheduled end, a pause, a trial.
    fn next_step(&self) -> Option<String> {
        let t = self.t;
        let sub = self.card.sub;
        if let Some(end) = sub.scheduled_end() {
            return Some(t.cancels_on(&t.format_date(end)));
        }
        if let Some(p) = &sub.pause_collection {
            return p.resumes_at.map(|r| t.paused_until(&t.format_date(r)));
        }
        if sub.status == SubscriptionStatus::Trialing {
            if let Some(end) = sub.trial_end {
                return Some(t.trial_ends_on(&t.format_date(end)));
            }
        }
        None
    }
}

impl Render for SubscriptionView<'_> {
    fn render(&self) -> Markup {
        let t = self.t;
        let (status, class) = self.status();
        html! {
            article.sub {
                div.sub-head {
                    h3.name { (self.title()) }
                    span.badge.(class) { (status) }
                }
                ul.items aria-label=(t.items_label()) {
                    @for item in &self.card.sub.items.data {
                        li {
                            span {
                                (item.price.display_name().unwrap_or(t.unnamed_plan()))
                                @if let Some(q) = item.quantity.filter(|q| *q > 1) {
                                    " " (t.quantity(q))
                                }
                            }
                            span { (price_text(t, &item.price)) }
                        }
                    }
                }
                @if let Some(next) = self.next_step() {
                    p.meta { (next) }
                }
                @if let Some(preview) = self.card.next_invoice {
                    (NextInvoiceLine { t, sub: self.card.sub, preview })
                }
                @if let Some(change) = &self.card.scheduled_change {
                    p.meta.scheduled-change { (t.plan().changes_on(&change.plan, &t.format_date(change.at))) }
                }
                @if self.card.sub.is_past_due() {
                    (PastDue { t, sub: self.card.sub })
                }
                @if let Some((csrf, nonce)) = self.actions {
                    (SubscriptionActions { t, card: self.card, csrf, nonce })
                }
            }
        }
    }
}

/// A past-due subscription: says so and links to the open invoice's hosted page.
pub struct PastDue<'a> {
    /// Catalogue.
    pub t: &'static Catalogue,
    /// The subscription (its latest invoice expanded).
    pub sub: &'a Subscription,
}

impl Render for PastDue<'_> {
    fn render(&self) -> Markup {
        let t = self.t;
        let open = self
            .sub
            .latest_invoice
            .as_ref()
            .and_then(|i| i.object())
            .filter(|i| i.status.as_deref() == Some("open") && i.hosted_url().is_some())
            .map(|i| invoice_link(i.id.as_str(), "view"));
        html! {
            div.notice.past-due role="status" {
                (t.past_due_notice())
                @if let Some(url) = open {
                    " "
                    a href=(url) rel="noopener" { (t.pay_open_invoice()) }
                }
            }
        }
    }
}

/// An invoice table (overview and invoices page).
pub struct InvoiceTable<'a> {
    /// Catalogue.
    pub t: &'static Catalogue,
    /// Invoices, newest first.
    pub invoices: &'a [Invoice],
    /// Accessible name of the table.
    pub caption: &'a str,
}

impl Render for InvoiceTable<'_> {
    fn render(&self) -> Markup {
        let t = self.t;
        html! {
            table {
                caption.vh { (self.caption) }
                thead {
                    tr {
                        th scope="col" { (t.col_date()) }
                        th scope="col" { (t.col_number()) }
                        th.num scope="col" { (t.col_amount()) }
                        th scope="col" { (t.col_status()) }
                        th scope="col" { (t.col_actions()) }
                    }
                }
                tbody {
                    @for inv in self.invoices {
                        @let number = inv.number.as_deref().unwrap_or("—");
                        @let status = inv.status.as_deref().unwrap_or("");
                        tr {
                            td data-label=(t.col_date()) { (t.format_date(inv.created)) }
                            td data-label=(t.col_number()) {
                                a href=(invoice_path(inv.id.as_str())) { (inv.number.as_deref().unwrap_or(t.charges().invoice_details())) }
                            }
                            td.num data-label=(t.col_amount()) { (t.format_money(inv.charges.total, &inv.charges.currency)) }
                            td data-label=(t.col_status()) { (t.invoice_status(status)) }
                            td.links {
                                @if inv.pdf_url().is_some() {
                                    a href=(invoice_link(inv.id.as_str(), "pdf")) rel="noopener" { (t.download_pdf()) span.vh { (t.for_invoice(number)) } }
                                }
                                @if inv.hosted_url().is_some() {
                                    @let hosted = invoice_link(inv.id.as_str(), "view");
                                    @if inv.is_payable() {
                                        a.btn href=(hosted) rel="noopener" { (t.pay_now()) span.vh { (t.for_invoice(number)) } }
                                    } @else {
                                        a href=(hosted) rel="noopener" { (t.view_invoice()) span.vh { (t.for_invoice(number)) } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The portal's counted link to an invoice's PDF (`pdf`) or hosted page (`view`): the
/// portal counts the job, then redirects to Stripe's URL.
pub fn invoice_link(id: &str, which: &str) -> String {
    format!("/portal/invoices/{id}/{which}")
}

/// The one-click actions of a subscription: Renew, Resume, or a link to cancel.
pub struct SubscriptionActions<'a> {
    /// Catalogue.
    pub t: &'static Catalogue,
    /// The subscription.
    pub card: &'a SubscriptionCard<'a>,
    /// CSRF token.
    pub csrf: &'a str,
    /// Per-render nonce: a double-submitted form changes nothing twice.
    pub nonce: &'a str,
}

impl Render for SubscriptionActions<'_> {
    fn render(&self) -> Markup {
        let (t, sub) = (self.t, self.card.sub);
        let base = format!("/portal/subscriptions/{}", sub.id);
        let form = |action: &str, label: &str| {
            html! {
                form.inline method="post" action=(format!("{base}/{action}")) {
                    input type="hidden" name="csrf" value=(self.csrf);
                    input type="hidden" name="nonce" value=(self.nonce);
                    button type="submit" { (label) }
                }
            }
        };
        html! {
            div.actions {
                @if sub.cancellation_scheduled() {
                    (form("renew", t.renew_button()))
                } @else if sub.collection_paused() {
                    (form("resume", t.resume_button()))
                } @else if sub.status.is_billing() {
                    a href=(format!("{base}/cancel")) { (t.cancel_plan()) }
                }
                @if self.card.plan_change_offered {
                    a href=(format!("{base}/update")) { (t.plan().change_plan()) }
                }
            }
        }
    }
}
