//! Every portal path, parsed once from method and path into a [`PortalRoute`] (or the
//! 404/405 it earns). Pure: the table of paths → routes is unit-tested below.

use http::Method;
use shared::cancel::Verb;
use shared::ids::{InvoiceId, SubscriptionId};
use shared::login::{LoginTarget, LOGIN_PATH};
use shared::metrics::Job;
use shared::payment_method::RETURN_PATH;
use shared::settings::AccentColor;
use shared::token::MAX_TOKEN_LEN;
use shared::views::{
    self, AUTOSUBMIT_PATH, BILLING_DETAILS_PATH, PAYMENT_METHOD_PATH, SUPPORT_PATH,
};

/// What a request asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PortalRoute {
    /// The content-addressed stylesheet.
    Stylesheet,
    /// The sign-in page's script.
    Script,
    /// The icon: at its content-addressed path (`hashed`), or at `/favicon.ico`.
    Favicon { hashed: bool },
    /// A tenant's accent stylesheet.
    Accent(AccentColor),
    /// `GET /portal/s/<token>`: the scanner-safe landing page.
    Landing(String),
    /// `POST /portal/s/<token>`: redeem and sign in.
    SignIn(String),
    /// `POST /portal/s/<token>/relink`: "Email me a new link".
    Relink(String),
    /// `GET /portal/login/<project id or slug>`: the sign-in page.
    Login(LoginTarget),
    /// `POST /portal/login/<project id or slug>`: email sign-in links.
    LoginSubmit(LoginTarget),
    /// `GET /portal`.
    Overview,
    /// `GET /portal/invoices`.
    Invoices,
    /// `POST /portal/return`: end the session, back to the tenant.
    Return,
    /// `POST /portal/locale`: the language switcher.
    SetLocale,
    /// `GET /portal/support`: counted, then the project's support URL.
    Support,
    /// `GET /portal/invoices/<in_…>/pdf|view`: counted, then Stripe's URL.
    InvoiceLink(InvoiceId, Job),
    /// `GET /portal/invoices/<in_…>`: the invoice explained.
    InvoicePage(InvoiceId),
    /// `GET /portal/payment-method`.
    PaymentMethod,
    /// `POST /portal/payment-method`: start a Checkout Session.
    StartCardUpdate,
    /// `GET /portal/payment-method/return`: back from Checkout.
    CheckoutReturn,
    /// `GET /portal/billing-details`.
    BillingDetails,
    /// `POST /portal/billing-details`.
    SaveBillingDetails,
    /// `GET /portal/subscriptions/<id>/cancel`.
    CancelPage(SubscriptionId),
    /// `POST /portal/subscriptions/<id>/cancel|renew|pause|resume`.
    SubscriptionAction(SubscriptionId, Verb),
    /// `POST /portal/subscriptions/<id>/cancel/reason`: the reason, then its offer.
    CancelReason(SubscriptionId),
    /// `POST /portal/subscriptions/<id>/offer`: accept the offer that answers a reason.
    AcceptOffer(SubscriptionId),
    /// `GET /portal/subscriptions/<id>/update`.
    PlanPage(SubscriptionId),
    /// `POST /portal/subscriptions/<id>/update`.
    PlanChange(SubscriptionId),
    /// `GET /portal/subscriptions/<id>/next-invoice`: Stripe's preview, itemised.
    NextInvoice(SubscriptionId),
}

/// Why no route matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Miss {
    /// 404.
    NotFound,
    /// 405 with these allowed methods.
    MethodNotAllowed(&'static str),
}

/// A request that matched no route: what it earns, and the name it is logged under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Missed {
    pub miss: Miss,
    pub name: &'static str,
    /// A static asset's path: answered before the cross-site check.
    pub asset: bool,
}

const READ: &str = "GET, HEAD";
const READ_POST: &str = "GET, HEAD, POST";
const POST: &str = "POST";

fn not_found(name: &'static str) -> Missed {
    Missed {
        miss: Miss::NotFound,
        name,
        asset: false,
    }
}

fn not_allowed(name: &'static str, allow: &'static str) -> Missed {
    Missed {
        miss: Miss::MethodNotAllowed(allow),
        name,
        asset: false,
    }
}

/// Which of the methods a route may take the request has.
#[derive(Debug, Clone, Copy)]
struct Methods {
    read: bool,
    post: bool,
}

impl Methods {
    fn of(method: &Method) -> Methods {
        Methods {
            read: method == Method::GET || method == Method::HEAD,
            post: method == Method::POST,
        }
    }

    /// A path that reads (and, where `post` is given, takes one POST); otherwise 405
    /// naming what is allowed.
    fn choose(
        self,
        read: PortalRoute,
        post: Option<PortalRoute>,
        name: &'static str,
    ) -> Result<PortalRoute, Missed> {
        match (self.read, self.post, post) {
            (true, _, _) => Ok(read),
            (_, true, Some(p)) => Ok(p),
            (_, _, Some(_)) => Err(not_allowed(name, READ_POST)),
            (_, _, None) => Err(not_allowed(name, READ)),
        }
    }

    /// A path that only takes a POST.
    fn post_only(self, route: PortalRoute, name: &'static str) -> Result<PortalRoute, Missed> {
        match self.post {
            true => Ok(route),
            false => Err(not_allowed(name, POST)),
        }
    }
}

impl PortalRoute {
    /// The route of `method` on `path`.
    pub(crate) fn parse(method: &Method, path: &str) -> Result<PortalRoute, Missed> {
        let m = Methods::of(method);
        if let Some(route) = asset(path) {
            let asset = |missed| Missed {
                asset: true,
                ..missed
            };
            return match (route, m.read) {
                (Some(route), true) => Ok(route),
                (Some(_), false) => Err(asset(not_allowed("method", READ))),
                (None, _) => Err(asset(not_found("accent"))),
            };
        }
        if let Some(rest) = path.strip_prefix("/portal/s/") {
            return token(rest, m);
        }
        if let Some(rest) = path.strip_prefix(LOGIN_PATH) {
            let target = LoginTarget::parse(rest).ok_or(not_found("login"))?;
            return m.choose(
                PortalRoute::Login(target.clone()),
                Some(PortalRoute::LoginSubmit(target)),
                "login",
            );
        }
        if let Some(route) = fixed(path, m) {
            return route;
        }
        if let Some(link) = invoice_link(path) {
            if !m.read {
                return Err(not_allowed("method", READ));
            }
            let (id, job) = link?;
            return Ok(PortalRoute::InvoiceLink(id, job));
        }
        if let Some(page) = invoice_page(path) {
            if !m.read {
                return Err(not_allowed("method", READ));
            }
            return page.map(PortalRoute::InvoicePage);
        }
        if let Some(rest) = path.strip_prefix("/portal/subscriptions/") {
            return subscription(rest, m);
        }
        Err(not_found("not_found"))
    }

    /// The name in logs and EMF lines (never the path: paths can carry tokens).
    pub(crate) fn name(&self) -> &'static str {
        match self {
            PortalRoute::Stylesheet => "stylesheet",
            PortalRoute::Script => "script",
            PortalRoute::Favicon { .. } => "favicon",
            PortalRoute::Accent(_) => "accent",
            PortalRoute::Landing(_) => "landing",
            PortalRoute::SignIn(_) => "sign_in",
            PortalRoute::Relink(_) => "relink",
            PortalRoute::Login(_) => "login",
            PortalRoute::LoginSubmit(_) => "login_submit",
            PortalRoute::Overview => "overview",
            PortalRoute::Invoices => "invoices",
            PortalRoute::Return => "return",
            PortalRoute::SetLocale => "set_locale",
            PortalRoute::Support => "support",
            PortalRoute::InvoiceLink(..) => "invoice_link",
            PortalRoute::InvoicePage(_) => "invoice_page",
            PortalRoute::PaymentMethod => "payment_method",
            PortalRoute::StartCardUpdate => "payment_method_update",
            PortalRoute::CheckoutReturn => "payment_method_return",
            PortalRoute::BillingDetails => "billing_details",
            PortalRoute::SaveBillingDetails => "billing_details_save",
            PortalRoute::CancelPage(_) => "cancel_page",
            PortalRoute::SubscriptionAction(..) => "subscription_action",
            PortalRoute::CancelReason(_) => "cancel_reason",
            PortalRoute::AcceptOffer(_) => "accept_offer",
            PortalRoute::PlanPage(_) => "plan_page",
            PortalRoute::PlanChange(_) => "plan_change",
            PortalRoute::NextInvoice(_) => "next_invoice",
        }
    }

    /// Whether it serves a static asset (no session, no cross-site check).
    pub(crate) fn is_asset(&self) -> bool {
        matches!(
            self,
            PortalRoute::Stylesheet
                | PortalRoute::Script
                | PortalRoute::Favicon { .. }
                | PortalRoute::Accent(_)
        )
    }

    /// Whether its handler talks to Stripe (the guard then reads the project's key).
    pub(crate) fn needs_stripe(&self) -> bool {
        !matches!(
            self,
            PortalRoute::Support | PortalRoute::Return | PortalRoute::SetLocale
        )
    }
}

/// `/portal/s/<rest>`: the landing page, sign-in and "Email me a new link".
fn token(rest: &str, m: Methods) -> Result<PortalRoute, Missed> {
    if rest.len() > MAX_TOKEN_LEN + 16 {
        return Err(not_found("sign_in"));
    }
    if let Some(token) = rest.strip_suffix("/relink") {
        return m.post_only(PortalRoute::Relink(token.to_owned()), "relink");
    }
    let token = rest.to_owned();
    m.choose(
        PortalRoute::Landing(token.clone()),
        Some(PortalRoute::SignIn(token)),
        "sign_in",
    )
}

/// The pages at fixed paths; `None` for any other path.
fn fixed(path: &str, m: Methods) -> Option<Result<PortalRoute, Missed>> {
    let (read, post) = match path {
        PAYMENT_METHOD_PATH => (
            PortalRoute::PaymentMethod,
            Some(PortalRoute::StartCardUpdate),
        ),
        RETURN_PATH => (PortalRoute::CheckoutReturn, None),
        BILLING_DETAILS_PATH => (
            PortalRoute::BillingDetails,
            Some(PortalRoute::SaveBillingDetails),
        ),
        SUPPORT_PATH => (PortalRoute::Support, None),
        "/portal" | "/portal/" => (PortalRoute::Overview, None),
        "/portal/invoices" | "/portal/invoices/" => (PortalRoute::Invoices, None),
        "/portal/return" => return Some(m.post_only(PortalRoute::Return, "method")),
        views::LOCALE_PATH => return Some(m.post_only(PortalRoute::SetLocale, "method")),
        _ => return None,
    };
    Some(m.choose(read, post, "method"))
}

/// `Some(route)` for an asset path, `Some(None)` for an accent path that is not a colour.
fn asset(path: &str) -> Option<Option<PortalRoute>> {
    if path == views::stylesheet_path() {
        return Some(Some(PortalRoute::Stylesheet));
    }
    if path == AUTOSUBMIT_PATH {
        return Some(Some(PortalRoute::Script));
    }
    if path == views::favicon_path() {
        return Some(Some(PortalRoute::Favicon { hashed: true }));
    }
    if path == views::FAVICON_ICO_PATH {
        return Some(Some(PortalRoute::Favicon { hashed: false }));
    }
    let hex = path
        .strip_prefix("/portal/assets/accent-")?
        .strip_suffix(".css")?;
    Some(AccentColor::from_hex(hex).map(PortalRoute::Accent))
}

/// `/portal/invoices/<id>/pdf|view`: `None` if the path is not one.
fn invoice_link(path: &str) -> Option<Result<(InvoiceId, Job), Missed>> {
    let (id, which) = path.strip_prefix("/portal/invoices/")?.split_once('/')?;
    let job = match which {
        "pdf" => Job::InvoiceDownloaded,
        "view" => Job::InvoiceOpened,
        _ => return None,
    };
    Some(
        InvoiceId::parse(id)
            .map(|id| (id, job))
            .map_err(|_| not_found("invoice_link")),
    )
}

/// `/portal/invoices/<id>` (one segment, not `pdf|view` of one): `None` if the path is not
/// one.
fn invoice_page(path: &str) -> Option<Result<InvoiceId, Missed>> {
    let id = path.strip_prefix("/portal/invoices/")?;
    if id.is_empty() || id.contains('/') {
        return None;
    }
    Some(InvoiceId::parse(id).map_err(|_| not_found("invoice_page")))
}

/// `/portal/subscriptions/<rest>`.
fn subscription(rest: &str, m: Methods) -> Result<PortalRoute, Missed> {
    let (read, post) = (m.read, m.post);
    let Some((id, action)) = rest.split_once('/') else {
        return Err(not_found("not_found"));
    };
    let Ok(id) = SubscriptionId::parse(id) else {
        return Err(not_found("not_found"));
    };
    match (action, Verb::of(action)) {
        ("next-invoice", _) if read => Ok(PortalRoute::NextInvoice(id)),
        ("next-invoice", _) => Err(not_allowed("method", READ)),
        ("update", _) if read => Ok(PortalRoute::PlanPage(id)),
        ("update", _) if post => Ok(PortalRoute::PlanChange(id)),
        ("update", _) => Err(not_allowed("method", READ_POST)),
        ("cancel/reason", _) if post => Ok(PortalRoute::CancelReason(id)),
        ("cancel/reason", _) => Err(not_allowed("method", POST)),
        ("offer", _) if post => Ok(PortalRoute::AcceptOffer(id)),
        ("offer", _) => Err(not_allowed("method", POST)),
        (_, Some(Verb::Cancel)) if read => Ok(PortalRoute::CancelPage(id)),
        (_, Some(verb)) if post => Ok(PortalRoute::SubscriptionAction(id, verb)),
        (_, Some(Verb::Cancel)) => Err(not_allowed("method", READ_POST)),
        (_, Some(_)) => Err(not_allowed("method", POST)),
        (_, None) => Err(not_found("not_found")),
    }
}

#[cfg(test)]
mod tests;
