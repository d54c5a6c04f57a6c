//! The payment method page and the billing details form.

use maud::{html, Markup};

use super::components::{CardView, Notice};
use super::{layout, Brand, Frame, Section, SessionChrome};
use crate::billing_details::{BillingForm, Field, Problem, TAX_ID_TYPES};
use crate::i18n::Catalogue;
use crate::project::BillingField;
use crate::stripe::Card;

/// Where the "Update card" form posts.
pub const PAYMENT_METHOD_PATH: &str = "/portal/payment-method";
/// The billing details page (GET) and its form (POST).
pub const BILLING_DETAILS_PATH: &str = "/portal/billing-details";

/// The "Update card" form: one button that starts a Checkout Session.
pub fn update_card_form(t: &'static Catalogue, csrf: &str, nonce: &str, has_card: bool) -> Markup {
    html! {
        form.inline method="post" action=(PAYMENT_METHOD_PATH) {
            input type="hidden" name="csrf" value=(csrf);
            input type="hidden" name="nonce" value=(nonce);
            button.btn #update-card type="submit" { (if has_card { t.update_card() } else { t.add_card() }) }
        }
    }
}

/// What the payment method page shows.
#[derive(Debug, Clone)]
pub struct PaymentMethodPage<'a> {
    /// Catalogue.
    pub t: &'static Catalogue,
    /// Tenant branding.
    pub brand: &'a Brand,
    /// Navigation, CSRF, support.
    pub chrome: &'a SessionChrome,
    /// The default card.
    pub card: Section<Option<&'a Card>>,
    /// `Some(true)`: just updated; `Some(false)`: back from Checkout without a change.
    pub updated: Option<bool>,
    /// Per-render nonce for the form.
    pub nonce: &'a str,
}

/// The payment method page: the current card and the button that updates it.
pub fn payment_method(p: &PaymentMethodPage<'_>) -> Markup {
    let t = p.t;
    let frame = Frame {
        t,
        title: t.payment_method_heading(),
        brand: Some(p.brand),
        session: Some(p.chrome),
        autosubmit: false,
    };
    layout(
        &frame,
        html! {
            h1 { (t.payment_method_heading()) }
            @match p.updated {
                Some(true) => p.done role="status" { (t.card_updated()) },
                Some(false) => (Notice(t.card_not_updated())),
                None => {},
            }
            section.card aria-label=(t.payment_method_heading()) {
                @match p.card {
                    Err(()) => (Notice(t.section_unavailable())),
                    Ok(None) => p { (t.no_payment_method()) },
                    Ok(Some(card)) => (CardView { t, card }),
                }
                p { (t.update_card_intro()) }
                (update_card_form(t, &p.chrome.csrf, p.nonce, matches!(p.card, Ok(Some(_)))))
            }
        },
    )
}

/// What the billing details page shows.
#[derive(Debug, Clone)]
pub struct BillingDetailsPage<'a> {
    /// Catalogue.
    pub t: &'static Catalogue,
    /// Tenant branding.
    pub brand: &'a Brand,
    /// Navigation, CSRF, support.
    pub chrome: &'a SessionChrome,
    /// The fields the project allows.
    pub allowed: &'a [BillingField],
    /// The values to show (from Stripe, or as submitted); `Err`: Stripe unavailable.
    pub form: Section<&'a BillingForm>,
    /// Problems of a refused submission, in page order.
    pub problems: &'a [(Field, Problem)],
    /// Whether the last submission was saved.
    pub saved: bool,
    /// Per-render nonce for the form.
    pub nonce: &'a str,
}

/// HTML `autocomplete` and `type` of a field.
fn input_kind(f: Field) -> (&'static str, &'static str) {
    match f {
        Field::Email => ("email", "email"),
        Field::Name => ("name", "text"),
        Field::Line1 => ("address-line1", "text"),
        Field::Line2 => ("address-line2", "text"),
        Field::City => ("address-level2", "text"),
        Field::State => ("address-level1", "text"),
        Field::PostalCode => ("postal-code", "text"),
        Field::Country => ("country", "text"),
        Field::TaxType | Field::TaxValue => ("off", "text"),
    }
}

struct FieldView<'a> {
    t: &'static Catalogue,
    field: Field,
    value: &'a str,
    problem: Option<Problem>,
}

impl FieldView<'_> {
    fn render(&self, control: Markup) -> Markup {
        let (t, f) = (self.t, self.field);
        let id = f.name();
        html! {
            div.field {
                label for=(id) { (t.billing_field_label(f)) }
                @if let Some(hint) = t.billing_field_hint(f) {
                    p.hint id=(format!("{id}-hint")) { (hint) }
                }
                @if let Some(problem) = self.problem {
                    p.field-error id=(format!("{id}-error")) { (t.billing_problem(f, problem)) }
                }
                (control)
            }
        }
    }

    fn described_by(&self) -> Option<String> {
        let id = self.field.name();
        let mut ids = Vec::new();
        if self.t.billing_field_hint(self.field).is_some() {
            ids.push(format!("{id}-hint"));
        }
        if self.problem.is_some() {
            ids.push(format!("{id}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }

    fn input(&self) -> Markup {
        let (autocomplete, kind) = input_kind(self.field);
        let required = matches!(self.field, Field::Email);
        let max = if self.field == Field::Email { 254 } else { 200 };
        self.render(html! {
            input id=(self.field.name()) name=(self.field.name()) type=(kind) value=(self.value)
                autocomplete=(autocomplete) maxlength=(max) required[required]
                aria-invalid=[self.problem.map(|_| "true")]
                aria-describedby=[self.described_by()];
        })
    }

    fn tax_type_select(&self) -> Markup {
        let t = self.t;
        self.render(html! {
            select id=(self.field.name()) name=(self.field.name())
                aria-invalid=[self.problem.map(|_| "true")]
                aria-describedby=[self.described_by()] {
                option value="" selected[self.value.is_empty()] { (t.tax_type_none()) }
                @for kind in TAX_ID_TYPES {
                    option value=(kind) selected[self.value == kind] { (t.tax_type_label(kind)) }
                }
            }
        })
    }
}

/// The billing details form; a refused submission shows each message next to its field
/// and a list of them (linked to the fields) above the form.
pub fn billing_details(p: &BillingDetailsPage<'_>) -> Markup {
    let t = p.t;
    let frame = Frame {
        t,
        title: t.nav_billing_details(),
        brand: Some(p.brand),
        session: Some(p.chrome),
        autosubmit: false,
    };
    let problem = |f: Field| p.problems.iter().find(|(x, _)| *x == f).map(|(_, pr)| *pr);
    let allows = |b: BillingField| p.allowed.contains(&b);
    layout(
        &frame,
        html! {
            h1 { (t.nav_billing_details()) }
            @if p.saved && p.problems.is_empty() {
                p.done role="status" { (t.billing_saved()) }
            }
            @if !p.problems.is_empty() {
                div.problems role="alert" aria-labelledby="problems-h" {
                    h2 #problems-h { (t.form_problems_heading()) }
                    ul {
                        @for (f, pr) in p.problems {
                            li { a href=(format!("#{}", f.name())) { (t.billing_field_label(*f)) ": " (t.billing_problem(*f, *pr)) } }
                        }
                    }
                }
            }
            section.card aria-label=(t.nav_billing_details()) {
                p { (t.billing_details_intro()) }
                @match p.form {
                    Err(()) => (Notice(t.section_unavailable())),
                    Ok(form) => {
                        @let view = |field: Field| FieldView { t, field, value: form.value(field), problem: problem(field) };
                        form #billing-form method="post" action=(BILLING_DETAILS_PATH) novalidate {
                            input type="hidden" name="csrf" value=(p.chrome.csrf);
                            input type="hidden" name="nonce" value=(p.nonce);
                            @if allows(BillingField::Email) { (view(Field::Email).input()) }
                            @if allows(BillingField::Name) { (view(Field::Name).input()) }
                            @if allows(BillingField::Address) {
                                fieldset {
                                    legend { (t.address_legend()) }
                                    @for f in [Field::Line1, Field::Line2, Field::City, Field::State, Field::PostalCode, Field::Country] {
                                        (view(f).input())
                                    }
                                }
                            }
                            @if allows(BillingField::TaxId) {
                                fieldset {
                                    legend { (t.tax_id_legend()) }
                                    (view(Field::TaxType).tax_type_select())
                                    (view(Field::TaxValue).input())
                                }
                            }
                            p { button.btn #save-billing type="submit" { (t.save_button()) } }
                        }
                    },
                }
            }
        },
    )
}
