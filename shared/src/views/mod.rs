//! The portal's HTML: one layout, one function per page, small `Render` components.
//!
//! Everything is `maud`, so text is escaped; no inline script or style (the CSP forbids
//! both): the stylesheet, the tenant's accent colour and the sign-in script are files.

mod billing;
mod charge_line;
mod charges;
mod components;
mod login;
mod pages;
mod plan;

use std::sync::OnceLock;

use maud::{html, Markup, DOCTYPE};
use sha2::{Digest, Sha256};

use crate::i18n::{Catalogue, Lang};
use crate::settings::{AccentColor, LogoUrl, SupportUrl};

pub use billing::{
    billing_details, payment_method, update_card_form, BillingDetailsPage, PaymentMethodPage,
    BILLING_DETAILS_PATH, PAYMENT_METHOD_PATH,
};
pub use charge_line::{
    charge_terms, coupon_terms, discount_text, invoice_path, next_invoice_path, tax_label,
    tax_text, NextInvoiceLine,
};
pub use charges::{
    invoice, next_invoice, InvoicePage, Itemised, LineNames, NextInvoicePage, UsageSoFar,
};
pub use components::{Notice, SubscriptionCard};
pub use login::{login_page, login_sent, LoginPage};
pub use pages::{cancel, CancelPage, OfferView, ReasonStep};
pub use pages::{
    error_page, gone, invoices, landing, overview, rate_limited, relink_sent, session_ended,
    unavailable, ErrorKind, GonePage, InvoicesPage, OverviewPage,
};
pub use plan::{plan_page, DowngradeOffer, PlanPage, PreviewView, PriceGroup, Selection};

/// The stylesheet.
pub const STYLESHEET: &str = include_str!("style.css");
/// The sign-in page's script.
pub const AUTOSUBMIT_JS: &str = include_str!("autosubmit.js");
/// Path of the sign-in script.
pub const AUTOSUBMIT_PATH: &str = "/portal/assets/autosubmit.js";

/// The portal's icon (a card), for the tab and bookmarks.
pub const FAVICON_SVG: &str = include_str!("favicon.svg");
/// Where browsers look for an icon when a page names none; the portal answers it too.
pub const FAVICON_ICO_PATH: &str = "/favicon.ico";

/// Path of the icon, with a hash of its content so it can be cached for a year.
pub fn favicon_path() -> &'static str {
    static PATH: OnceLock<String> = OnceLock::new();
    PATH.get_or_init(|| {
        let hash = hex::encode(Sha256::digest(FAVICON_SVG.as_bytes()));
        format!("/portal/assets/favicon-{}.svg", &hash[..16])
    })
}

/// Path of the stylesheet, with a hash of its content so it can be cached for a year.
pub fn stylesheet_path() -> &'static str {
    static PATH: OnceLock<String> = OnceLock::new();
    PATH.get_or_init(|| {
        let hash = hex::encode(Sha256::digest(STYLESHEET.as_bytes()));
        format!("/portal/assets/style-{}.css", &hash[..16])
    })
}

/// The tenant's branding as pages show it.
#[derive(Debug, Clone, Default)]
pub struct Brand {
    /// Tenant name.
    pub name: String,
    /// HTTPS logo URL.
    pub logo_url: Option<LogoUrl>,
    /// Accent colour.
    pub accent: Option<AccentColor>,
}

impl Brand {
    /// Branding of a project.
    pub fn of(project: &crate::project::Project) -> Brand {
        Brand {
            name: project.name.clone(),
            logo_url: project.branding.logo_url.clone(),
            accent: project.branding.accent_color,
        }
    }
}

/// A section that loaded, or failed (the page still renders).
pub type Section<T> = Result<T, ()>;

/// Which page of a signed-in session is current (for the navigation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NavPage {
    /// Overview.
    Overview,
    /// Invoices.
    Invoices,
    /// Billing details.
    BillingDetails,
}

/// What the signed-in frame needs: navigation, support link, "Return to <tenant>".
#[derive(Debug, Clone)]
pub struct SessionChrome {
    /// Current page.
    pub current: NavPage,
    /// The session's CSRF token (goes into every form).
    pub csrf: String,
    /// Support URL (`https://` or `mailto:`), if the project has one.
    pub support_url: Option<SupportUrl>,
    /// Whether the project lets customers edit billing details (navigation link).
    pub billing_details: bool,
    /// A notice carried by the redirect that led here (a failed action), shown first.
    pub notice: Option<&'static str>,
    /// This page's path: where the language switcher comes back to.
    pub path: String,
}

/// Where the language switcher posts.
pub const LOCALE_PATH: &str = "/portal/locale";

/// Everything the layout needs besides the page's content.
#[derive(Debug, Clone)]
pub struct Frame<'a> {
    /// Text catalogue.
    pub t: &'static Catalogue,
    /// Page title.
    pub title: &'a str,
    /// Tenant branding; `None` where the tenant is unknown.
    pub brand: Option<&'a Brand>,
    /// Signed-in parts.
    pub session: Option<&'a SessionChrome>,
    /// Whether the page loads the sign-in script.
    pub autosubmit: bool,
}

/// The portal path that counts a "Contact support" click, then redirects to the project's
/// support URL.
pub const SUPPORT_PATH: &str = "/portal/support";

/// The one layout.
pub fn layout(frame: &Frame<'_>, content: Markup) -> Markup {
    let t = frame.t;
    let tenant = frame.brand.map(|b| b.name.as_str());
    let full_title = match tenant {
        Some(name) => format!("{} – {} – {name}", frame.title, t.portal_title()),
        None => format!("{} – {}", frame.title, t.portal_title()),
    };
    html! {
        (DOCTYPE)
        html lang=(t.lang()) dir=(t.dir()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (full_title) }
                link rel="icon" type="image/svg+xml" href=(favicon_path());
                link rel="stylesheet" href=(stylesheet_path());
                @if let Some(accent) = frame.brand.and_then(|b| b.accent) {
                    link rel="stylesheet" href=(accent.stylesheet_path());
                }
                @if frame.autosubmit {
                    script src=(AUTOSUBMIT_PATH) defer {}
                }
            }
            body {
                a.skip href="#main" { (t.skip_to_content()) }
                header.top {
                    div.wrap {
                        div.brand {
                            @if let Some(logo) = frame.brand.and_then(|b| b.logo_url.as_ref().map(LogoUrl::as_str)) {
                                img src=(logo) alt="";
                            }
                            span { (tenant.unwrap_or(t.portal_title())) }
                        }
                        @if let Some(s) = frame.session {
                            nav aria-label=(t.nav_label()) {
                                ul {
                                    li { a href="/portal" aria-current=[(s.current == NavPage::Overview).then_some("page")] { (t.nav_overview()) } }
                                    li { a href="/portal/invoices" aria-current=[(s.current == NavPage::Invoices).then_some("page")] { (t.nav_invoices()) } }
                                    @if s.billing_details {
                                        li { a href="/portal/billing-details" aria-current=[(s.current == NavPage::BillingDetails).then_some("page")] { (t.nav_billing_details()) } }
                                    }
                                }
                            }
                        }
                    }
                }
                main #main .wrap tabindex="-1" {
                    @if let Some(notice) = frame.session.and_then(|s| s.notice) {
                        div.flash { (Notice(notice)) }
                    }
                    (content)
                }
                @if let Some(s) = frame.session {
                    footer.wrap {
                        form method="post" action="/portal/return" {
                            input type="hidden" name="csrf" value=(s.csrf);
                            button.btn type="submit" { (t.return_to(tenant.unwrap_or(t.portal_title()))) }
                        }
                        @if s.support_url.is_some() {
                            // Through the portal, so the click counts as an escalation.
                            a href=(SUPPORT_PATH) { (t.contact_support()) }
                        }
                        (language_switcher(t, s))
                    }
                }
            }
        }
    }
}

/// The language switcher: a plain form (no script), each language named in itself and
/// marked with its own `lang` and `dir`, posting like every other action (CSRF token).
fn language_switcher(t: &Catalogue, s: &SessionChrome) -> Markup {
    html! {
        form.lang method="post" action=(LOCALE_PATH) {
            input type="hidden" name="csrf" value=(s.csrf);
            input type="hidden" name="back" value=(s.path);
            label for="lang-choice" { (t.language_switcher_label()) }
            select #lang-choice name="locale" {
                @for lang in Lang::ALL {
                    @let own = Catalogue::of(lang);
                    option value=(lang.tag()) lang=(lang.tag()) dir=(own.dir()) selected[lang == t.language()] {
                        (own.language_name())
                    }
                }
            }
            button.btn type="submit" { (t.language_switcher_button()) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stylesheet_path_changes_with_its_content() {
        let p = stylesheet_path();
        assert!(p.starts_with("/portal/assets/style-") && p.ends_with(".css"));
        assert_eq!(p.len(), "/portal/assets/style-".len() + 16 + 4);
    }
}
