//! One function per page.

use maud::{html, Markup};

use super::components::{CardView, InvoiceTable, Notice, SubscriptionCard, SubscriptionView};
use super::{layout, Brand, Frame, Section, SessionChrome};
use crate::cancel::REASON_CODES;
use crate::i18n::Catalogue;
use crate::stripe::{Card, Invoice, InvoicePreview};

/// The sign-in landing page: a form that POSTs the token back (scanners only GET).
pub fn landing(t: &'static Catalogue, brand: Option<&Brand>, action: &str) -> Markup {
    let frame = Frame {
        t,
        title: t.landing_title(),
        brand,
        session: None,
        autosubmit: true,
    };
    layout(
        &frame,
        html! {
            h1 { (t.landing_title()) }
            p { (t.landing_body()) }
            form #signin method="post" action=(action) {
                button.btn type="submit" { (t.landing_button()) }
            }
        },
    )
}

/// What the 410 page shows.
#[derive(Debug, Clone)]
pub struct GonePage<'a> {
    /// Catalogue.
    pub t: &'static Catalogue,
    /// The tenant, where the token named a known project.
    pub brand: Option<&'a Brand>,
    /// Where "Email me a new link" posts.
    pub relink_action: &'a str,
    /// The tenant's app, where known.
    pub back_url: Option<&'a str>,
}

/// The 410 page: the same for expired, used and forged links.
pub fn gone(p: &GonePage<'_>) -> Markup {
    let t = p.t;
    let frame = Frame {
        t,
        title: t.gone_title(),
        brand: p.brand,
        session: None,
        autosubmit: false,
    };
    layout(
        &frame,
        html! {
            h1 { (t.gone_title()) }
            p { (t.gone_body()) }
            form method="post" action=(p.relink_action) {
                button.btn type="submit" { (t.gone_email_button()) }
            }
            @if let (Some(url), Some(brand)) = (p.back_url, p.brand) {
                p { a href=(url) { (t.back_to(&brand.name)) } }
            }
        },
    )
}

/// After "Email me a new link": identical whatever happened.
pub fn relink_sent(t: &'static Catalogue, brand: Option<&Brand>, back_url: Option<&str>) -> Markup {
    let frame = Frame {
        t,
        title: t.relink_sent_title(),
        brand,
        session: None,
        autosubmit: false,
    };
    layout(
        &frame,
        html! {
            h1 { (t.relink_sent_title()) }
            p { (t.relink_sent_body()) }
            @if let (Some(url), Some(brand)) = (back_url, brand) {
                p { a href=(url) { (t.back_to(&brand.name)) } }
            }
        },
    )
}

/// What the overview shows.
#[derive(Debug, Clone)]
pub struct OverviewPage<'a> {
    /// Catalogue.
    pub t: &'static Catalogue,
    /// Tenant branding.
    pub brand: &'a Brand,
    /// Navigation, CSRF, support.
    pub chrome: &'a SessionChrome,
    /// Customer's name or email.
    pub customer_label: Option<&'a str>,
    /// Subscriptions.
    pub subscriptions: Section<&'a [SubscriptionCard<'a>]>,
    /// Default card.
    pub card: Section<Option<&'a Card>>,
    /// Latest invoices.
    pub invoices: Section<&'a [Invoice]>,
    /// Per-render nonce for the subscription buttons.
    pub nonce: &'a str,
}

/// The overview: subscriptions, payment method, latest invoices.
pub fn overview(p: &OverviewPage<'_>) -> Markup {
    let t = p.t;
    let frame = Frame {
        t,
        title: t.nav_overview(),
        brand: Some(p.brand),
        session: Some(p.chrome),
        autosubmit: false,
    };
    layout(
        &frame,
        html! {
            h1 { (t.nav_overview()) }
            @if let Some(who) = p.customer_label {
                p.who { (t.signed_in_as(who)) }
            }
            section.card aria-labelledby="subs-h" {
                h2 #subs-h { (t.subscriptions_heading()) }
                @match p.subscriptions {
                    Err(()) => (Notice(t.section_unavailable())),
                    Ok([]) => p { (t.no_subscriptions()) },
                    Ok(cards) => @for card in cards { (SubscriptionView { t, card, actions: Some((&p.chrome.csrf, p.nonce)) }) },
                }
            }
            section.card aria-labelledby="pm-h" {
                h2 #pm-h { (t.payment_method_heading()) }
                @match p.card {
                    Err(()) => (Notice(t.section_unavailable())),
                    Ok(None) => p { (t.no_payment_method()) },
                    Ok(Some(card)) => (CardView { t, card }),
                }
                @if p.card.is_ok() {
                    (super::billing::update_card_form(t, &p.chrome.csrf, p.nonce, matches!(p.card, Ok(Some(_)))))
                }
            }
            section.card aria-labelledby="inv-h" {
                h2 #inv-h { (t.latest_invoices_heading()) }
                @match p.invoices {
                    Err(()) => (Notice(t.section_unavailable())),
                    Ok([]) => p { (t.no_invoices()) },
                    Ok(invoices) => {
                        (InvoiceTable { t, invoices, caption: t.latest_invoices_heading() })
                        p { a href="/portal/invoices" { (t.view_all_invoices()) } }
                    },
                }
            }
        },
    )
}

/// What the invoices page shows.
#[derive(Debug, Clone)]
pub struct InvoicesPage<'a> {
    /// Catalogue.
    pub t: &'static Catalogue,
    /// Tenant branding.
    pub brand: &'a Brand,
    /// Navigation, CSRF, support.
    pub chrome: &'a SessionChrome,
    /// This page of invoices.
    pub invoices: Section<&'a [Invoice]>,
    /// Cursor of the next page, if there is one.
    pub next_cursor: Option<&'a str>,
    /// Whether this is a later page (offers a link back to the first).
    pub paged: bool,
}

/// The invoices page, paged with Stripe's cursor.
pub fn invoices(p: &InvoicesPage<'_>) -> Markup {
    let t = p.t;
    let frame = Frame {
        t,
        title: t.invoices_heading(),
        brand: Some(p.brand),
        session: Some(p.chrome),
        autosubmit: false,
    };
    layout(
        &frame,
        html! {
            h1 { (t.invoices_heading()) }
            section.card aria-label=(t.invoices_heading()) {
                @match p.invoices {
                    Err(()) => (Notice(t.section_unavailable())),
                    Ok([]) => p { (t.no_invoices()) },
                    Ok(invoices) => (InvoiceTable { t, invoices, caption: t.invoices_heading() }),
                }
                @if p.paged || p.next_cursor.is_some() {
                    nav.pager aria-label=(t.pagination_label()) {
                        @if p.paged {
                            a href="/portal/invoices" { (t.newest_invoices()) }
                        }
                        @if let Some(cursor) = p.next_cursor {
                            a href={ "/portal/invoices?starting_after=" (cursor) } { (t.older_invoices()) }
                        }
                    }
                }
            }
        },
    )
}

/// Friendly error pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// 404.
    NotFound,
    /// 403 (CSRF).
    Forbidden,
    /// 405.
    MethodNotAllowed,
    /// 500.
    Internal,
}

/// An error page; never shows internals.
pub fn error_page(t: &'static Catalogue, brand: Option<&Brand>, kind: ErrorKind) -> Markup {
    let (title, body) = match kind {
        ErrorKind::NotFound => (t.not_found_title(), t.not_found_body()),
        ErrorKind::Forbidden => (t.forbidden_title(), t.forbidden_body()),
        ErrorKind::MethodNotAllowed => (t.method_title(), t.not_found_body()),
        ErrorKind::Internal => (t.error_title(), t.error_body()),
    };
    let frame = Frame {
        t,
        title,
        brand,
        session: None,
        autosubmit: false,
    };
    layout(
        &frame,
        html! {
            h1 { (title) }
            p { (body) }
        },
    )
}

/// A signed-in page whose Stripe data could not be read: its title, the notice, the way
/// back (and any notice the redirect here carried, through the chrome).
pub fn unavailable(
    t: &'static Catalogue,
    brand: &Brand,
    chrome: &SessionChrome,
    title: &str,
) -> Markup {
    let frame = Frame {
        t,
        title,
        brand: Some(brand),
        session: Some(chrome),
        autosubmit: false,
    };
    layout(
        &frame,
        html! {
            h1 { (title) }
            (Notice(t.section_unavailable()))
            p { a href="/portal" { (t.nav_overview()) } }
        },
    )
}

/// A session that made too many requests in a short time (429).
pub fn rate_limited(t: &'static Catalogue, brand: Option<&Brand>) -> Markup {
    let frame = Frame {
        t,
        title: t.rate_limited_title(),
        brand,
        session: None,
        autosubmit: false,
    };
    layout(
        &frame,
        html! {
            h1 { (t.rate_limited_title()) }
            p { (t.rate_limited_body()) }
        },
    )
}

/// A session that is unknown, idle too long or past its absolute limit.
pub fn session_ended(t: &'static Catalogue) -> Markup {
    let frame = Frame {
        t,
        title: t.session_ended_title(),
        brand: None,
        session: None,
        autosubmit: false,
    };
    layout(
        &frame,
        html! {
            h1 { (t.session_ended_title()) }
            p { (t.session_ended_body()) }
        },
    )
}

/// What the cancel page shows.
#[derive(Debug, Clone)]
pub struct CancelPage<'a> {
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
    /// When it ends if cancelled: `Some(period end)`, or `None` for "now".
    pub ends_at: Option<i64>,
    /// Pause choices (days from now, resume date) where the project offers pause.
    pub pause_options: &'a [(u32, i64)],
    /// Whether to ask for a reason.
    pub reason_survey: bool,
    /// "Switch to <plan> instead", where the project's downgrade applies.
    pub downgrade: Option<&'a super::DowngradeOffer>,
    /// Stripe's preview of the next invoice, which cancelling means not paying (`Err`: the
    /// preview failed; `None`: no next invoice).
    pub not_charged: Option<Section<&'a InvoicePreview>>,
    /// Per-render nonce.
    pub nonce: &'a str,
    /// The project's own reasons (key, label in the customer's language).
    pub custom_reasons: &'a [(String, String)],
    /// Whether some reason has an offer (the reason form then also offers "Continue").
    pub has_offers: bool,
    /// After a reason was given: the reason and the offer that answers it.
    pub step: Option<&'a ReasonStep>,
}

/// The cancel page after a reason: the reason, and the offer beside "Cancel anyway".
#[derive(Debug, Clone)]
pub struct ReasonStep {
    /// The reason's key (sent again with either form).
    pub reason: String,
    /// Its label.
    pub label: String,
    /// The offer, where one answers the reason and applies.
    pub offer: Option<OfferView>,
}

/// An offer as the cancel page shows it.
#[derive(Debug, Clone)]
pub enum OfferView {
    /// A coupon, with its terms as Stripe states them.
    Coupon(String),
    /// A pause: (days, resume date) choices.
    Pause(Vec<(u32, i64)>),
    /// The cheaper plan, by name.
    Downgrade(String),
    /// "Talk to us".
    Support,
}

fn offer_card(
    t: &'static Catalogue,
    base: &str,
    p: &CancelPage<'_>,
    step: &ReasonStep,
    offer: &OfferView,
) -> Markup {
    let to = t.offers();
    let (body, button) = match offer {
        OfferView::Coupon(terms) => (to.coupon_body(terms), to.coupon_button().to_owned()),
        OfferView::Pause(_) => (to.pause_body().to_owned(), to.pause_button().to_owned()),
        OfferView::Downgrade(plan) => (to.downgrade_body(plan), to.downgrade_button(plan)),
        OfferView::Support => (to.support_body().to_owned(), to.support_button().to_owned()),
    };
    html! {
        section.card #offer aria-labelledby="offer-h" {
            h2 #offer-h { (to.offer_heading()) }
            p { (body) }
            form method="post" action=(format!("{base}/offer")) {
                input type="hidden" name="csrf" value=(p.chrome.csrf);
                input type="hidden" name="nonce" value=(p.nonce);
                input type="hidden" name="reason" value=(step.reason);
                @if let OfferView::Pause(options) = offer {
                    p {
                        label for="offer-days" { (t.pause_until_label()) }
                        " "
                        select #offer-days name="days" {
                            @for (days, at) in options {
                                option value=(days) { (t.pause_option(*days, &t.format_date(*at))) }
                            }
                        }
                    }
                }
                p { button.btn #accept-offer type="submit" { (button) } }
            }
        }
    }
}

/// The cancel page: what happens, the alternatives that exist, one-click confirm.
pub fn cancel(p: &CancelPage<'_>) -> Markup {
    let t = p.t;
    let title = t.cancel_title(p.plan);
    let frame = Frame {
        t,
        title: &title,
        brand: Some(p.brand),
        session: Some(p.chrome),
        autosubmit: false,
    };
    let sub = p.card.sub;
    let base = format!("/portal/subscriptions/{}", sub.id);
    layout(
        &frame,
        html! {
            h1 { (title) }
            @if sub.cancellation_scheduled() || sub.collection_paused() {
                section.card {
                    (SubscriptionView { t, card: p.card, actions: Some((&p.chrome.csrf, p.nonce)) })
                }
            } @else {
                section.card aria-label=(t.cancel_plan()) {
                    p #what-happens {
                        @match p.ends_at {
                            Some(end) => (t.cancel_ends_on(&t.format_date(end), p.plan)),
                            None => (t.cancel_ends_now(p.plan)),
                        }
                    }
                    @match (p.not_charged, sub.next_renewal()) {
                        (Some(Ok(preview)), Some(date)) => p #not-charged {
                            (t.charges().cancel_not_charged(
                                &t.format_money(preview.charges.total, &preview.charges.currency),
                                &t.format_date(date),
                            ))
                        },
                        (Some(_), _) => p #not-charged { (t.charges().cancel_not_charged_unavailable()) },
                        (None, _) => {},
                    }
                    @if let Some(step) = p.step {
                        p #your-reason {
                            (t.offers().you_said(&step.label)) " "
                            a href=(format!("{base}/cancel")) { (t.offers().change_reason()) }
                        }
                    }
                }
                @if let Some(step) = p.step {
                    div.choice {
                        @if let Some(offer) = &step.offer {
                            (offer_card(t, &base, p, step, offer))
                        }
                        section.card #still-cancel aria-labelledby="still-h" {
                            h2 #still-h { (t.offers().still_cancel_heading()) }
                            form #cancel-form method="post" action=(format!("{base}/cancel")) {
                                input type="hidden" name="csrf" value=(p.chrome.csrf);
                                input type="hidden" name="nonce" value=(p.nonce);
                                input type="hidden" name="reason" value=(step.reason);
                                label for="comment" { (t.comment_label()) }
                                textarea #comment name="comment" maxlength="500" rows="3" {}
                                p { button.btn #cancel-anyway type="submit" { (t.offers().cancel_anyway()) } }
                            }
                        }
                    }
                    p { a href="/portal" { (t.keep_plan()) } }
                } @else {
                section.card {
                    form #cancel-form method="post" action=(format!("{base}/cancel")) {
                        input type="hidden" name="csrf" value=(p.chrome.csrf);
                        input type="hidden" name="nonce" value=(p.nonce);
                        @if p.reason_survey {
                            fieldset {
                                legend { (t.reason_legend()) }
                                @for code in REASON_CODES {
                                    div {
                                        input type="radio" name="reason" id=(format!("reason-{code}")) value=(code);
                                        " "
                                        label for=(format!("reason-{code}")) { (t.reason_label(code)) }
                                    }
                                }
                                @for (key, label) in p.custom_reasons {
                                    div {
                                        input type="radio" name="reason" id=(format!("reason-{key}")) value=(key);
                                        " "
                                        label for=(format!("reason-{key}")) { (label) }
                                    }
                                }
                            }
                            label for="comment" { (t.comment_label()) }
                            textarea #comment name="comment" maxlength="500" rows="3" {}
                        }
                        p {
                            button.btn #confirm-cancel type="submit" { (t.cancel_confirm()) }
                            @if p.reason_survey && p.has_offers {
                                " "
                                button.btn #continue type="submit" formaction=(format!("{base}/cancel/reason")) { (t.offers().continue_button()) }
                            }
                        }
                    }
                    p { a href="/portal" { (t.keep_plan()) } }
                }
                @if let Some(offer) = p.downgrade {
                    (offer)
                }
                @if !p.pause_options.is_empty() {
                    section.card aria-labelledby="pause-h" {
                        h2 #pause-h { (t.pause_heading()) }
                        form method="post" action=(format!("{base}/pause")) {
                            input type="hidden" name="csrf" value=(p.chrome.csrf);
                            input type="hidden" name="nonce" value=(p.nonce);
                            label for="resume-days" { (t.pause_until_label()) }
                            " "
                            select #resume-days name="days" {
                                @for (days, at) in p.pause_options {
                                    option value=(days) { (t.pause_option(*days, &t.format_date(*at))) }
                                }
                            }
                            " "
                            button type="submit" { (t.pause_button()) }
                        }
                    }
                }
                }
            }
        },
    )
}
