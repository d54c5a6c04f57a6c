//! The portal's HTML: one layout, one function per page, small `Render` components.
//!
//! Everything is `maud`, so text is escaped; no inline script or style (the CSP forbids
//! both): the stylesheet, the tenant's accent colour and the sign-in script are files.

mod billing;
mod components;
mod pages;
mod plan;

use std::sync::OnceLock;

use maud::{html, Markup, DOCTYPE};
use sha2::{Digest, Sha256};

use crate::i18n::Catalogue;

pub use billing::{
    billing_details, payment_method, update_card_form, BillingDetailsPage, PaymentMethodPage,
    BILLING_DETAILS_PATH, PAYMENT_METHOD_PATH,
};
pub use components::cancel_scheduled;
pub use components::{card_brand, Notice};
pub use pages::{cancel, CancelPage, REASON_CODES};
pub use pages::{
    error_page, gone, invoices, landing, overview, relink_sent, session_ended, unavailable,
    ErrorKind, GonePage, InvoicesPage, OverviewPage,
};
pub use plan::{plan_page, DowngradeOffer, PlanPage, PreviewView, PriceGroup, Selection};

/// The stylesheet.
pub const STYLESHEET: &str = include_str!("style.css");
/// The sign-in page's script.
pub const AUTOSUBMIT_JS: &str = include_str!("autosubmit.js");
/// Path of the sign-in script.
pub const AUTOSUBMIT_PATH: &str = "/portal/assets/autosubmit.js";

/// Path of the stylesheet, with a hash of its content so it can be cached for a year.
pub fn stylesheet_path() -> &'static str {
    static PATH: OnceLock<String> = OnceLock::new();
    PATH.get_or_init(|| {
        let hash = hex::encode(Sha256::digest(STYLESHEET.as_bytes()));
        format!("/portal/assets/style-{}.css", &hash[..16])
    })
}

/// A validated `#rrggbb` accent colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Accent([u8; 3]);

impl Accent {
    /// Parses `#rrggbb` (or `rrggbb`); anything else is `None`.
    pub fn parse(s: &str) -> Option<Accent> {
        let hex = s.strip_prefix('#').unwrap_or(s);
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Accent([byte(0)?, byte(2)?, byte(4)?]))
    }

    /// Lower-case hex without `#`.
    pub fn hex(&self) -> String {
        hex::encode(self.0)
    }

    /// Path of the stylesheet that sets this accent (its content depends only on the path).
    pub fn stylesheet_path(&self) -> String {
        format!("/portal/assets/accent-{}.css", self.hex())
    }

    fn luminance(rgb: [u8; 3]) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2])
    }

    /// WCAG contrast ratio between two colours.
    pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
        let (la, lb) = (Self::luminance(a), Self::luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    /// Text colour on the accent: white or black, whichever contrasts more (always ≥ 4.58:1).
    pub fn text_on(&self) -> [u8; 3] {
        const WHITE: [u8; 3] = [255, 255, 255];
        const INK: [u8; 3] = [0, 0, 0];
        if Self::contrast(self.0, WHITE) >= Self::contrast(self.0, INK) {
            WHITE
        } else {
            INK
        }
    }

    /// The accent stylesheet.
    pub fn stylesheet(&self) -> String {
        format!(
            ":root{{--accent:#{};--on-accent:#{}}}\n",
            self.hex(),
            hex::encode(self.text_on())
        )
    }
}

/// The tenant's branding as pages show it.
#[derive(Debug, Clone, Default)]
pub struct Brand {
    /// Tenant name.
    pub name: String,
    /// HTTPS logo URL, already checked.
    pub logo_url: Option<String>,
    /// Accent colour.
    pub accent: Option<Accent>,
}

impl Brand {
    /// Branding of a project; a logo that is not `https://` is dropped (CSP `img-src`).
    pub fn of(project: &crate::project::Project) -> Brand {
        Brand {
            name: project.name.clone(),
            logo_url: project
                .branding
                .logo_url
                .clone()
                .filter(|u| u.starts_with("https://") && u.len() <= 2048),
            accent: project
                .branding
                .accent_color
                .as_deref()
                .and_then(Accent::parse),
        }
    }
}

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
    pub support_url: Option<String>,
    /// Whether the project lets customers edit billing details (navigation link).
    pub billing_details: bool,
    /// A notice carried by the redirect that led here (a failed action), shown first.
    pub notice: Option<&'static str>,
}

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

/// Whether a support link is safe to put in an `href`.
pub fn safe_support_url(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("mailto:")) && url.len() <= 2048
}

/// The one layout.
pub fn layout(frame: &Frame<'_>, content: Markup) -> Markup {
    let t = frame.t;
    let tenant = frame.brand.map(|b| b.name.as_str());
    let full_title = match tenant {
        Some(name) => format!("{} – {} – {name}", frame.title, t.portal_title),
        None => format!("{} – {}", frame.title, t.portal_title),
    };
    html! {
        (DOCTYPE)
        html lang=(t.lang) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (full_title) }
                link rel="stylesheet" href=(stylesheet_path());
                @if let Some(accent) = frame.brand.and_then(|b| b.accent) {
                    link rel="stylesheet" href=(accent.stylesheet_path());
                }
                @if frame.autosubmit {
                    script src=(AUTOSUBMIT_PATH) defer {}
                }
            }
            body {
                a.skip href="#main" { (t.skip_to_content) }
                header.top {
                    div.wrap {
                        div.brand {
                            @if let Some(logo) = frame.brand.and_then(|b| b.logo_url.as_deref()) {
                                img src=(logo) alt="";
                            }
                            span { (tenant.unwrap_or(t.portal_title)) }
                        }
                        @if let Some(s) = frame.session {
                            nav aria-label=(t.nav_label) {
                                ul {
                                    li { a href="/portal" aria-current=[(s.current == NavPage::Overview).then_some("page")] { (t.nav_overview) } }
                                    li { a href="/portal/invoices" aria-current=[(s.current == NavPage::Invoices).then_some("page")] { (t.nav_invoices) } }
                                    @if s.billing_details {
                                        li { a href="/portal/billing-details" aria-current=[(s.current == NavPage::BillingDetails).then_some("page")] { (t.nav_billing_details) } }
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
                            button.btn type="submit" { ((t.return_to)(tenant.unwrap_or(t.portal_title))) }
                        }
                        @if s.support_url.as_deref().is_some_and(safe_support_url) {
                            // Through the portal, so the click counts as an escalation.
                            a href=(SUPPORT_PATH) { (t.contact_support) }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_parse_only_as_six_hex_digits() {
        assert_eq!(
            Accent::parse("#FF0080").map(|a| a.hex()),
            Some("ff0080".to_owned())
        );
        for bad in [
            "red", "#fff", "#ff008", "#ff00800", "#gg0000", "ff0080;}", "",
        ] {
            assert!(Accent::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn text_on_any_accent_has_at_least_aa_contrast() {
        for rgb in [
            [255, 255, 0],
            [0, 0, 0],
            [119, 119, 119],
            [255, 0, 0],
            [0, 128, 255],
            [255, 255, 255],
        ] {
            let a = Accent(rgb);
            let ratio = Accent::contrast(rgb, a.text_on());
            assert!(ratio >= 4.5, "{rgb:?}: {ratio}");
        }
    }

    #[test]
    fn the_stylesheet_path_changes_with_its_content() {
        let p = stylesheet_path();
        assert!(p.starts_with("/portal/assets/style-") && p.ends_with(".css"));
        assert_eq!(p.len(), "/portal/assets/style-".len() + 16 + 4);
    }
}
