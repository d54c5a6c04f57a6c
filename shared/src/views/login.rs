//! The sign-in page (an email address in) and its answer, identical whatever happened.

use maud::{html, Markup};

use super::{layout, Brand, Frame};
use crate::i18n::Catalogue;
use crate::login::AddressProblem;

/// What the sign-in page shows.
#[derive(Debug, Clone)]
pub struct LoginPage<'a> {
    /// Catalogue.
    pub t: &'static Catalogue,
    /// Tenant branding.
    pub brand: &'a Brand,
    /// Where the form posts (the page's own path).
    pub action: &'a str,
    /// The form's signed CSRF token.
    pub csrf: &'a str,
    /// The address typed, when the form comes back refused.
    pub value: &'a str,
    /// Why it was refused.
    pub problem: Option<AddressProblem>,
}

/// The sign-in page: one address field, one button.
pub fn login_page(p: &LoginPage<'_>) -> Markup {
    let t = p.t;
    let login = t.login();
    let frame = Frame {
        t,
        title: login.title(),
        brand: Some(p.brand),
        session: None,
        autosubmit: false,
    };
    let problem = p.problem.map(|pr| match pr {
        AddressProblem::Missing => login.missing(),
        AddressProblem::Invalid => login.invalid(),
    });
    layout(
        &frame,
        html! {
            h1 { (login.title()) }
            p { (login.intro(&p.brand.name)) }
            form method="post" action=(p.action) novalidate {
                input type="hidden" name="csrf" value=(p.csrf);
                div.field {
                    label for="email" { (login.email_label()) }
                    @if let Some(problem) = problem {
                        p.field-error id="email-error" { (problem) }
                    }
                    input id="email" name="email" type="email" autocomplete="email"
                        inputmode="email" required maxlength="254" value=(p.value)
                        aria-invalid=[problem.map(|_| "true")]
                        aria-describedby=[problem.map(|_| "email-error")];
                }
                button.btn type="submit" { (login.button()) }
            }
        },
    )
}

/// After the sign-in form: the same page whether or not the address is known.
pub fn login_sent(t: &'static Catalogue, brand: &Brand, again: &str) -> Markup {
    let login = t.login();
    let frame = Frame {
        t,
        title: login.sent_title(),
        brand: Some(brand),
        session: None,
        autosubmit: false,
    };
    layout(
        &frame,
        html! {
            h1 { (login.sent_title()) }
            p { (login.sent_body()) }
            p { a href=(again) { (login.sent_again()) } }
        },
    )
}
