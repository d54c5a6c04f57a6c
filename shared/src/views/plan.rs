//! The plan-change page (`/portal/subscriptions/<id>/update`) and the cancel page's
//! downgrade offer.

use maud::{html, Markup, Render};

use super::charge_line::charge_terms;
use super::components::{price_text, Notice, SubscriptionCard};
use super::{layout, Brand, Frame, SessionChrome};
use crate::i18n::Catalogue;
use crate::plan::{Change, Quote, When};
use crate::project::QuantityPolicy;
use crate::stripe::{Price, Subscription};

/// The prices of one product, as the page groups them.
#[derive(Debug, Clone)]
pub struct PriceGroup<'a> {
    /// Product name.
    pub product: &'a str,
    /// Its offered prices.
    pub prices: Vec<&'a Price>,
}

/// What the customer picked (echoed into the form).
#[derive(Debug, Clone, Default)]
pub struct Selection<'a> {
    /// Chosen item.
    pub item: Option<&'a str>,
    /// Chosen price.
    pub price: Option<&'a str>,
    /// Quantity as typed.
    pub quantity: Option<&'a str>,
}

/// A change that passed the rules, with Stripe's figures (`Err` where the preview failed).
#[derive(Debug, Clone)]
pub struct PreviewView<'a> {
    /// The change.
    pub change: &'a Change,
    /// What the customer has now.
    pub from: &'a str,
    /// What they switch to.
    pub to: &'a str,
    /// The figures.
    pub quote: Result<Quote, ()>,
}

/// What the plan page shows.
#[derive(Debug, Clone)]
pub struct PlanPage<'a> {
    /// Catalogue.
    pub t: &'static Catalogue,
    /// Tenant branding.
    pub brand: &'a Brand,
    /// Navigation, CSRF, support.
    pub chrome: &'a SessionChrome,
    /// The subscription.
    pub card: &'a SubscriptionCard<'a>,
    /// Its plan's name.
    pub plan: &'a str,
    /// Offered prices by product.
    pub groups: &'a [PriceGroup<'a>],
    /// The customer's choice so far.
    pub selection: Selection<'a>,
    /// Quantity bounds where the project lets customers pick one.
    pub quantity: Option<QuantityPolicy>,
    /// Why the last choice was refused.
    pub refusal: Option<&'a str>,
    /// The preview of a valid choice.
    pub preview: Option<PreviewView<'a>>,
    /// Per-render nonce of the confirm form.
    pub nonce: &'a str,
}

fn current_prices(sub: &Subscription) -> impl Iterator<Item = &str> {
    sub.items.data.iter().map(|i| i.price.id.as_str())
}

/// The plan-change page: choose (a GET form), preview, confirm (one POST).
pub fn plan_page(p: &PlanPage<'_>) -> Markup {
    let t = p.t;
    let tp = t.plan();
    let title = tp.title(p.plan);
    let frame = Frame {
        t,
        title: &title,
        brand: Some(p.brand),
        session: Some(p.chrome),
        autosubmit: false,
    };
    let sub = p.card.sub;
    let action = format!("/portal/subscriptions/{}/update", sub.id);
    let items = &sub.items.data;
    let chosen_item = p
        .selection
        .item
        .or_else(|| items.first().map(|i| i.id.as_str()));
    let chosen_qty = p
        .selection
        .quantity
        .map(str::to_owned)
        .or_else(|| {
            items
                .iter()
                .find(|i| Some(i.id.as_str()) == chosen_item)
                .and_then(|i| i.quantity)
                .map(|q| q.to_string())
        })
        .unwrap_or_else(|| "1".to_owned());
    let content = html! {
        h1 { (title) }
        @if let Some(c) = &p.card.scheduled_change {
            p.meta #scheduled-change { (tp.changes_on(&c.plan, &t.format_date(c.at))) }
        }
        @if let Some(msg) = p.refusal {
            p.notice #refusal role="alert" { (msg) }
        }
        @if let Some(pv) = &p.preview {
            (Preview { t, view: pv, action: &action, csrf: &p.chrome.csrf, nonce: p.nonce })
        }
        section.card aria-labelledby="choose-h" {
            h2 #choose-h { (tp.change_plan()) }
            p { (tp.intro()) }
            @if p.groups.is_empty() {
                p { (tp.no_prices()) }
            } @else {
                form #choose method="get" action=(action) {
                    @if let [only] = items.as_slice() {
                        input type="hidden" name="item" value=(only.id);
                    } @else {
                        fieldset {
                            legend { (tp.item_legend()) }
                            @for item in items {
                                div.choice {
                                    input type="radio" name="item" id=(format!("item-{}", item.id)) value=(item.id)
                                        checked[Some(item.id.as_str()) == chosen_item];
                                    " "
                                    label for=(format!("item-{}", item.id)) {
                                        (item.price.display_name().unwrap_or(t.unnamed_plan()))
                                        " – " (price_text(t, &item.price))
                                    }
                                }
                            }
                        }
                    }
                    @for group in p.groups {
                        fieldset {
                            legend { (group.product) }
                            @for price in &group.prices {
                                @let id = format!("price-{}", price.id);
                                @let current = current_prices(sub).any(|c| c == price.id.as_str());
                                div.choice {
                                    input type="radio" name="price" id=(id) value=(price.id)
                                        checked[p.selection.price == Some(price.id.as_str())];
                                    " "
                                    label for=(id) {
                                        (price_text(t, price))
                                        @if let Some(nick) = price.nickname.as_deref() {
                                            " (" (nick) ")"
                                        }
                                        @if current { " " strong { (tp.current()) } }
                                    }
                                }
                            }
                        }
                    }
                    @if let Some(q) = p.quantity {
                        p {
                            label for="quantity" { (tp.quantity_label(q.min, q.max)) }
                            " "
                            input #quantity type="number" name="quantity" inputmode="numeric"
                                min=(q.min) max=(q.max) value=(chosen_qty);
                        }
                    }
                    p { button.btn type="submit" { (tp.preview_button()) } }
                }
            }
            p { a href="/portal" { (t.keep_plan()) } }
        }
    };
    layout(&frame, content)
}

struct Preview<'a> {
    t: &'static Catalogue,
    view: &'a PreviewView<'a>,
    action: &'a str,
    csrf: &'a str,
    nonce: &'a str,
}

impl Render for Preview<'_> {
    fn render(&self) -> Markup {
        let (t, v) = (self.t, self.view);
        let tp = t.plan();
        let c = v.change;
        html! {
            section.card #preview aria-labelledby="preview-h" {
                h2 #preview-h { (tp.preview_heading()) }
                p { (tp.from_to(v.from, v.to)) }
                @match &v.quote {
                    Err(()) => (Notice(tp.preview_unavailable())),
                    Ok(q) => {
                        @let money = |m: i64| t.format_money(m, &q.currency);
                        p #due-now {
                            @if q.due_now > 0 { (tp.due_now(&money(q.due_now))) } @else { (tp.nothing_now()) }
                        }
                        @if let Some(terms) = q.today.as_ref().filter(|_| q.due_now > 0).and_then(|c| charge_terms(t, c)) {
                            p.meta #due-now-terms { (terms) }
                        }
                        // Where today's charge is the proration, "Charged today" says it all.
                        @if q.proration > 0 && q.proration != q.due_now {
                            p { (tp.proration_charge(&money(q.proration))) }
                        } @else if q.proration < 0 {
                            p { (tp.proration_credit(&money(-q.proration))) }
                        }
                        // Stripe's own preview of the next invoice: discounts and tax included.
                        p #next-invoice {
                            @match q.next_date {
                                Some(d) => (tp.next_invoice(&t.format_date(d), &money(q.next.total))),
                                None => (tp.then_each_renewal(&money(q.next.total))),
                            }
                        }
                        @if let Some(terms) = charge_terms(t, &q.next) {
                            p.meta #next-invoice-terms { (terms) }
                        }
                        p #when {
                            @match (c.when, c.item.current_period_end) {
                                (When::PeriodEnd, Some(end)) => (tp.applies_at(v.to, &t.format_date(end))),
                                _ => (tp.applies_now()),
                            }
                        }
                        form #confirm-form method="post" action=(self.action) {
                            input type="hidden" name="csrf" value=(self.csrf);
                            input type="hidden" name="nonce" value=(self.nonce);
                            input type="hidden" name="item" value=(c.item.id);
                            input type="hidden" name="price" value=(c.target.id);
                            @if let Some(q) = c.quantity {
                                input type="hidden" name="quantity" value=(q);
                            }
                            button.btn #confirm-change type="submit" { (tp.confirm_button()) }
                        }
                    },
                }
            }
        }
    }
}

/// The cancel page's "Switch to <plan> instead": a link to that plan's preview.
#[derive(Debug, Clone)]
pub struct DowngradeOffer {
    /// Catalogue.
    pub t: &'static Catalogue,
    /// The plan offered.
    pub plan: String,
    /// The plan page with the price chosen (its preview).
    pub href: String,
}

impl Render for DowngradeOffer {
    fn render(&self) -> Markup {
        let tp = self.t.plan();
        html! {
            section.card aria-labelledby="switch-h" {
                h2 #switch-h { (tp.switch_heading()) }
                p { a #switch-instead href=(self.href) { (tp.switch_instead(&self.plan)) } }
            }
        }
    }
}
