//! Routing and request parsing; the rules live in `shared` (tokens, browser sessions,
//! Stripe reads, views).

use std::collections::HashMap;
use std::future::Future;

use anyhow::Context;
use http::header::{ALLOW, CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use http::{HeaderValue, Method, StatusCode};
use lambda_http::{Body, Request, RequestExt, Response};
use maud::Markup;
use shared::browser_session::{BrowserSession, SessionCookie};
use shared::i18n::Catalogue;
use shared::ids::{Flow, Locale};
use shared::project::Project;
use shared::relink::{self, Email};
use shared::stripe::{StripeError, StripeKey};
use shared::stripe_portal::{
    attach_products, is_invoice_id, missing_products, Expandable, Invoice, List,
    PortalSubscription, Product,
};
use shared::token::{Claims, Redeem, TokenRequest, MAX_TOKEN_LEN};
use shared::views::{self, Accent, Brand, ErrorKind, GonePage, NavPage, SessionChrome};
use time::OffsetDateTime;

use crate::headers::{self, Caching};
use crate::App;

const MAX_FORM_BYTES: usize = 8 * 1024;
const INVOICES_PER_PAGE: u32 = 20;
const OVERVIEW_INVOICES: u32 = 5;
/// Lifetime of a link sent by "Email me a new link" (capped by the project).
const RELINK_TOKEN_SECONDS: i64 = 3600;

/// A response before the security headers are added.
pub(crate) struct Reply {
    status: StatusCode,
    content_type: &'static str,
    body: String,
    caching: Caching,
    location: Option<String>,
    set_cookie: Option<String>,
    allow: Option<&'static str>,
    frame_ancestors: Vec<String>,
    form_targets: Vec<String>,
}

impl Reply {
    fn html(status: StatusCode, markup: Markup) -> Reply {
        Reply {
            status,
            content_type: "text/html; charset=utf-8",
            body: markup.into_string(),
            caching: Caching::NoStore,
            location: None,
            set_cookie: None,
            allow: None,
            frame_ancestors: Vec::new(),
            form_targets: Vec::new(),
        }
    }

    fn asset(content_type: &'static str, body: String, caching: Caching) -> Reply {
        Reply {
            content_type,
            caching,
            ..Reply::html(StatusCode::OK, maud::html! {})
        }
        .with_body(body)
    }

    fn with_body(mut self, body: String) -> Reply {
        self.body = body;
        self
    }

    /// Also allows `target`'s origin in `form-action` (a form post redirected there).
    pub(crate) fn with_form_target(mut self, target: Option<String>) -> Reply {
        self.form_targets.extend(target);
        self
    }

    /// The same reply with another status (a refused form answers 4xx with the form).
    pub(crate) fn with_status(mut self, status: StatusCode) -> Reply {
        self.status = status;
        self
    }

    pub(crate) fn see_other(location: String) -> Reply {
        Reply {
            location: Some(location),
            ..Reply::html(StatusCode::SEE_OTHER, maud::html! {})
        }
    }

    /// Frames and form targets this project allows.
    pub(crate) fn for_project(mut self, project: Option<&Project>) -> Reply {
        if let Some(p) = project {
            self.frame_ancestors = p.frame_ancestors.clone();
        }
        self
    }

    fn into_response(self, head: bool) -> Response<Body> {
        let mut res = Response::new(if head {
            Body::Empty
        } else {
            Body::from(self.body)
        });
        *res.status_mut() = self.status;
        let h = res.headers_mut();
        h.insert(CONTENT_TYPE, HeaderValue::from_static(self.content_type));
        if let Some(v) = self.location.and_then(|l| HeaderValue::from_str(&l).ok()) {
            h.insert(LOCATION, v);
        }
        if let Some(v) = self.set_cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
            h.insert(SET_COOKIE, v);
        }
        if let Some(allow) = self.allow {
            h.insert(ALLOW, HeaderValue::from_static(allow));
        }
        headers::apply(h, &self.frame_ancestors, &self.form_targets, self.caching);
        res
    }
}

pub(crate) fn en() -> &'static Catalogue {
    Catalogue::english()
}

pub(crate) fn error_reply(kind: ErrorKind) -> Reply {
    let status = match kind {
        ErrorKind::NotFound => StatusCode::NOT_FOUND,
        ErrorKind::Forbidden => StatusCode::FORBIDDEN,
        ErrorKind::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
        ErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    };
    Reply::html(status, views::error_page(en(), None, kind))
}

pub(crate) fn method_not_allowed(allow: &'static str) -> Reply {
    Reply {
        allow: Some(allow),
        ..error_reply(ErrorKind::MethodNotAllowed)
    }
}

/// Answers one request; every failure becomes a friendly page with the security headers.
pub async fn handle(app: &App, req: Request) -> Response<Body> {
    let started = std::time::Instant::now();
    let (route, result) = route(app, &req).await;
    let reply = result.unwrap_or_else(|e| {
        tracing::error!(route, error = ?e, "portal request failed");
        error_reply(ErrorKind::Internal)
    });
    // Only the route's name is logged: paths can carry tokens.
    tracing::info!(method = %req.method(), route, status = reply.status.as_u16(), "request handled");
    crate::metrics::record_request(app, route, reply.status.as_u16(), started.elapsed());
    reply.into_response(req.method() == Method::HEAD)
}

async fn route(app: &App, req: &Request) -> (&'static str, anyhow::Result<Reply>) {
    let path = req.uri().path();
    let method = req.method();
    let read = method == Method::GET || method == Method::HEAD;
    if path == views::stylesheet_path() {
        return (
            "stylesheet",
            Ok(asset_or_405(
                read,
                "text/css; charset=utf-8",
                views::STYLESHEET.to_owned(),
                Caching::Immutable,
            )),
        );
    }
    if path == views::AUTOSUBMIT_PATH {
        return (
            "script",
            Ok(asset_or_405(
                read,
                "text/javascript; charset=utf-8",
                views::AUTOSUBMIT_JS.to_owned(),
                Caching::Day,
            )),
        );
    }
    if let Some(hex) = path
        .strip_prefix("/portal/assets/accent-")
        .and_then(|r| r.strip_suffix(".css"))
    {
        return match Accent::parse(hex).filter(|_| hex.len() == 6) {
            Some(accent) => (
                "accent",
                Ok(asset_or_405(
                    read,
                    "text/css; charset=utf-8",
                    accent.stylesheet(),
                    Caching::Immutable,
                )),
            ),
            None => ("accent", Ok(error_reply(ErrorKind::NotFound))),
        };
    }
    if method == Method::POST && !same_origin(app, req) {
        // Browsers send `Origin` on form posts: a foreign one is a cross-site post
        // (login CSRF on the sign-in form, or a forged "Return").
        return ("cross_site", Ok(error_reply(ErrorKind::Forbidden)));
    }
    if let Some(rest) = path.strip_prefix("/portal/s/") {
        if rest.len() > MAX_TOKEN_LEN + 16 {
            return ("sign_in", Ok(error_reply(ErrorKind::NotFound)));
        }
        if let Some(token) = rest.strip_suffix("/relink") {
            return match *method {
                Method::POST => ("relink", relink(app, token).await),
                _ => ("relink", Ok(method_not_allowed("POST"))),
            };
        }
        return match *method {
            Method::GET | Method::HEAD => ("landing", landing(app, rest, path).await),
            Method::POST => ("sign_in", sign_in(app, rest, path).await),
            _ => ("sign_in", Ok(method_not_allowed("GET, HEAD, POST"))),
        };
    }
    if let Some(route) = crate::billing::route(app, req, path).await {
        return route;
    }
    if let Some(route) = crate::metrics::route(app, req, path).await {
        return route;
    }
    if let Some(id) = path
        .strip_prefix("/portal/subscriptions/")
        .and_then(|r| r.strip_suffix("/update"))
    {
        return crate::plan::route(app, req, id).await;
    }
    if let Some(rest) = path.strip_prefix("/portal/subscriptions/") {
        return crate::cancel::route(app, req, rest).await;
    }
    match path {
        "/portal" | "/portal/" if read => ("overview", overview(app, req).await),
        "/portal/invoices" | "/portal/invoices/" if read => ("invoices", invoices(app, req).await),
        "/portal/return" if method == Method::POST => ("return", return_to_tenant(app, req).await),
        "/portal" | "/portal/" | "/portal/invoices" | "/portal/invoices/" => {
            ("method", Ok(method_not_allowed("GET, HEAD")))
        }
        "/portal/return" => ("method", Ok(method_not_allowed("POST"))),
        _ => ("not_found", Ok(error_reply(ErrorKind::NotFound))),
    }
}

/// Whether a POST comes from our own pages. `Sec-Fetch-Site` decides where the browser
/// sends it; otherwise a foreign `Origin` refuses (`null` is what `no-referrer` pages send).
fn same_origin(app: &App, req: &Request) -> bool {
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = header("sec-fetch-site") {
        return matches!(site, "same-origin" | "none");
    }
    match header("origin") {
        None | Some("null") => true,
        Some(origin) => Some(origin.to_owned()) == headers::url_origin(&app.config.public_base_url),
    }
}

fn asset_or_405(read: bool, content_type: &'static str, body: String, caching: Caching) -> Reply {
    if read {
        Reply::asset(content_type, body, caching)
    } else {
        method_not_allowed("GET, HEAD")
    }
}

/// Claims of a token whose HMAC verifies, expired or not: enough to name the tenant on the
/// 410 page and to address a new link, never enough to sign in.
fn signed_claims(app: &App, token: &str) -> Option<Claims> {
    app.tokens()
        .keys()
        .verify(token, OffsetDateTime::UNIX_EPOCH)
        .ok()
        .map(|v| v.into_claims())
}

async fn project_of(app: &App, claims: Option<&Claims>) -> anyhow::Result<Option<Project>> {
    match claims {
        Some(c) => app.projects.get(&c.project).await,
        None => Ok(None),
    }
}

fn return_url(project: &Project, explicit: Option<&shared::ids::ReturnUrl>) -> String {
    explicit
        .unwrap_or(&project.default_return_url)
        .as_str()
        .to_owned()
}

fn gone(claims: Option<&Claims>, project: Option<&Project>, path: &str) -> Reply {
    let brand = project.map(Brand::of);
    let back = project.map(|p| return_url(p, claims.and_then(|c| c.return_url.as_ref())));
    let action = format!("{path}/relink");
    let page = views::gone(&GonePage {
        t: en(),
        brand: brand.as_ref(),
        relink_action: &action,
        back_url: back.as_deref(),
    });
    Reply::html(StatusCode::GONE, page).for_project(project)
}

/// `GET`/`HEAD /portal/s/<token>`: checks without spending (mail scanners fetch links).
async fn landing(app: &App, token: &str, path: &str) -> anyhow::Result<Reply> {
    let now = app.clock.now();
    let claims = signed_claims(app, token);
    let (check, project) = tokio::join!(
        app.tokens.check(token, now),
        project_of(app, claims.as_ref())
    );
    let project = project?;
    match (check?, project.as_ref()) {
        (Redeem::Redeemed(_), Some(p)) => {
            let brand = Brand::of(p);
            let page = views::landing(
                Catalogue::for_locale(&p_locale(claims.as_ref())),
                Some(&brand),
                path,
            );
            Ok(Reply::html(StatusCode::OK, page).for_project(project.as_ref()))
        }
        _ => Ok(gone(claims.as_ref(), project.as_ref(), path)),
    }
}

fn p_locale(claims: Option<&Claims>) -> Locale {
    claims.map(|c| c.locale.clone()).unwrap_or_default()
}

/// The clean page a flow lands on (flows without their own page yet land on the overview).
fn flow_path(session: &BrowserSession) -> String {
    match (session.flow, &session.subscription) {
        (Flow::Invoices, _) => "/portal/invoices".to_owned(),
        (Flow::PaymentMethodUpdate, _) => views::PAYMENT_METHOD_PATH.to_owned(),
        (Flow::BillingDetailsUpdate, _) => views::BILLING_DETAILS_PATH.to_owned(),
        (Flow::SubscriptionCancel, Some(sub)) => format!("/portal/subscriptions/{sub}/cancel"),
        (Flow::SubscriptionUpdate, Some(sub)) => format!("/portal/subscriptions/{sub}/update"),
        _ => "/portal".to_owned(),
    }
}

/// `POST /portal/s/<token>`: redeems once, starts a session, 303 to the clean page.
async fn sign_in(app: &App, token: &str, path: &str) -> anyhow::Result<Reply> {
    let now = app.clock.now();
    let claims = signed_claims(app, token);
    let (redeemed, project) = tokio::join!(
        app.tokens.redeem(token, now),
        project_of(app, claims.as_ref())
    );
    let project = project?;
    let (Redeem::Redeemed(claims), Some(project)) = (redeemed?, project.as_ref()) else {
        return Ok(gone(claims.as_ref(), project.as_ref(), path));
    };
    let (cookie, session) = app
        .sessions
        .start(&claims, project.max_session_seconds, now, app.rng.as_ref())
        .await?;
    tracing::info!(project = %project.id, flow = %claims.flow, "portal session started");
    crate::metrics::record_redeemed(app, &session).await;
    let mut reply = Reply::see_other(flow_path(&session)).for_project(Some(project));
    reply.set_cookie = Some(
        app.cookie
            .set(&cookie, session.absolute_expiry - session.created),
    );
    Ok(reply)
}

/// The browser session behind the request's cookie, renewed, with its project.
pub(crate) async fn session(
    app: &App,
    req: &Request,
) -> anyhow::Result<Option<(SessionCookie, BrowserSession, Project)>> {
    let cookies = req
        .headers()
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok());
    let Some(cookie) = app.cookie.find(cookies) else {
        return Ok(None);
    };
    let now = app.clock.now();
    let (session, project) = tokio::join!(
        app.sessions.resume(&cookie, now),
        app.projects.get(cookie.project())
    );
    Ok(match (session?, project?) {
        (Some(s), Some(p)) => Some((cookie, s, p)),
        _ => None,
    })
}

pub(crate) fn session_ended(app: &App) -> Reply {
    let mut reply = Reply::html(StatusCode::UNAUTHORIZED, views::session_ended(en()));
    reply.set_cookie = Some(app.cookie.clear());
    reply
}

pub(crate) fn chrome(
    session: &BrowserSession,
    project: &Project,
    current: NavPage,
) -> SessionChrome {
    SessionChrome {
        current,
        csrf: session.csrf.clone(),
        support_url: project.support_url.clone(),
        billing_details: !project.billing_fields.is_empty(),
        notice: None,
    }
}

/// A page's reply, with the tenant's framing and "Return" target allowed.
pub(crate) fn session_page(markup: Markup, session: &BrowserSession, project: &Project) -> Reply {
    let mut reply = Reply::html(StatusCode::OK, markup).for_project(Some(project));
    // "Return to <tenant>" posts here and is redirected there: form-action must allow it.
    reply.form_targets = vec![return_url(project, session.return_url.as_ref())];
    reply
}

pub(crate) async fn stripe_key(app: &App, project: &Project) -> anyhow::Result<StripeKey> {
    let secret = app
        .secrets
        .get(&project.stripe_secret_key_parameter)
        .await
        .with_context(|| format!("reading the Stripe key of project {}", project.id))?;
    Ok(StripeKey::new(secret))
}

/// A Stripe call bounded by the page's patience; failures are logged and become `Err(())`.
pub(crate) async fn within<T>(
    app: &App,
    what: &'static str,
    call: impl Future<Output = Result<T, StripeError>>,
) -> Result<T, ()> {
    match tokio::time::timeout(app.stripe_timeout, call).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => {
            tracing::warn!(call = what, error = %e, "Stripe read failed; showing a notice");
            Err(())
        }
        Err(_) => {
            tracing::warn!(call = what, "Stripe read timed out; showing a notice");
            Err(())
        }
    }
}

/// Names the products of `subs`: `listed` is the first page of products (read alongside the
/// subscriptions); those beyond it are read in one more call.
pub(crate) async fn name_products(
    app: &App,
    key: &StripeKey,
    subs: &mut [PortalSubscription],
    listed: Result<List<Product>, ()>,
) {
    let mut known: HashMap<String, Product> = listed
        .map(|l| l.data.into_iter().map(|p| (p.id.clone(), p)).collect())
        .unwrap_or_default();
    let missing = missing_products(subs, &known);
    if !missing.is_empty() {
        if let Ok(more) = within(app, "products", app.stripe.list_products(key, &missing)).await {
            known.extend(more.data.into_iter().map(|p| (p.id.clone(), p)));
        }
    }
    attach_products(subs, &known);
}

/// `GET /portal`: subscriptions, payment method and latest invoices, one round of calls.
async fn overview(app: &App, req: &Request) -> anyhow::Result<Reply> {
    let Some((_, session, project)) = session(app, req).await? else {
        return Ok(session_ended(app));
    };
    let key = match stripe_key(app, &project).await {
        Ok(k) => Some(k),
        Err(e) => {
            tracing::error!(error = ?e, "no Stripe key; showing notices");
            None
        }
    };
    let customer = &session.customer;
    // One round of concurrent reads; a second only for products beyond the first 100.
    let (subs, cust, invoices, products) = match &key {
        Some(key) => {
            tokio::join!(
                within(
                    app,
                    "subscriptions",
                    app.stripe.list_portal_subscriptions(key, customer)
                ),
                within(
                    app,
                    "customer",
                    app.stripe.retrieve_portal_customer(key, customer)
                ),
                within(
                    app,
                    "invoices",
                    app.stripe
                        .list_portal_invoices(key, customer, OVERVIEW_INVOICES, None)
                ),
                within(app, "products", app.stripe.list_products(key, &[])),
            )
        }
        None => (Err(()), Err(()), Err(()), Err(())),
    };
    let mut subs = subs.map(|l| l.data);
    if let (Ok(subs), Some(key)) = (subs.as_mut(), &key) {
        name_products(app, key, subs, products).await;
        let t = Catalogue::for_locale(&session.locale);
        crate::plan::annotate(app, key, &project, subs, t).await;
    }
    let invoices = invoices.map(|l| {
        l.data
            .into_iter()
            .filter(Invoice::is_visible)
            .collect::<Vec<_>>()
    });
    let cust = cust
        .ok()
        .filter(|c| !c.deleted && c.id == customer.as_str());
    let card = match (&cust, &subs) {
        (Some(c), _) => {
            let from_customer = c
                .invoice_settings
                .default_payment_method
                .as_ref()
                .and_then(Expandable::object)
                .and_then(|pm| pm.card.as_ref());
            let from_subscription = subs.as_ref().ok().and_then(|subs| {
                subs.iter()
                    .filter_map(|s| s.default_payment_method.as_ref()?.object()?.card.as_ref())
                    .next()
            });
            Ok(from_customer.or(from_subscription))
        }
        (None, _) => Err(()),
    };
    let label = cust
        .as_ref()
        .and_then(|c| c.name.as_deref().or(c.email.as_deref()));
    let brand = Brand::of(&project);
    let t = Catalogue::for_locale(&session.locale);
    let chrome = crate::flash::with_notice(chrome(&session, &project, NavPage::Overview), req, t);
    let nonce = shared::clock::random_base62(app.rng.as_ref(), 22)?;
    let page = views::overview(&views::OverviewPage {
        t,
        brand: &brand,
        chrome: &chrome,
        customer_label: label,
        subscriptions: subs.as_deref().map_err(|_| ()),
        card,
        invoices: invoices.as_deref().map_err(|_| ()),
        nonce: &nonce,
    });
    // "Update card" posts here and is redirected to Stripe's Checkout.
    Ok(session_page(page, &session, &project)
        .with_form_target(crate::billing::checkout_target(app)))
}

pub(crate) fn query_param(req: &Request, name: &str) -> Option<String> {
    if let Some(v) = req
        .query_string_parameters_ref()
        .and_then(|q| q.first(name))
    {
        return Some(v.to_owned());
    }
    let query = req.uri().query()?;
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// `GET /portal/invoices[?starting_after=in_…]`: one page of invoices.
async fn invoices(app: &App, req: &Request) -> anyhow::Result<Reply> {
    let Some((_, session, project)) = session(app, req).await? else {
        return Ok(session_ended(app));
    };
    // A cursor that is not an invoice id is ignored: the first page is shown.
    let cursor = query_param(req, "starting_after").filter(|c| is_invoice_id(c));
    let list = match stripe_key(app, &project).await {
        Ok(key) => {
            within(
                app,
                "invoices",
                app.stripe.list_portal_invoices(
                    &key,
                    &session.customer,
                    INVOICES_PER_PAGE,
                    cursor.as_deref(),
                ),
            )
            .await
        }
        Err(e) => {
            tracing::error!(error = ?e, "no Stripe key; showing a notice");
            Err(())
        }
    };
    let next = list
        .as_ref()
        .ok()
        .filter(|l| l.has_more)
        .and_then(|l| l.data.last())
        .map(|i| i.id.clone());
    let visible = list.map(|l| {
        l.data
            .into_iter()
            .filter(Invoice::is_visible)
            .collect::<Vec<_>>()
    });
    let brand = Brand::of(&project);
    let chrome = chrome(&session, &project, NavPage::Invoices);
    let page = views::invoices(&views::InvoicesPage {
        t: Catalogue::for_locale(&session.locale),
        brand: &brand,
        chrome: &chrome,
        invoices: visible.as_deref().map_err(|_| ()),
        next_cursor: next.as_deref(),
        paged: cursor.is_some(),
    });
    Ok(session_page(page, &session, &project))
}

pub(crate) fn form_field(req: &Request, name: &str) -> Option<String> {
    let body = req.body().as_ref();
    if body.len() > MAX_FORM_BYTES {
        return None;
    }
    form_urlencoded::parse(body)
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// `POST /portal/return`: ends the session and goes back to the tenant.
async fn return_to_tenant(app: &App, req: &Request) -> anyhow::Result<Reply> {
    let Some((cookie, session, project)) = session(app, req).await? else {
        return Ok(session_ended(app));
    };
    let csrf = form_field(req, "csrf").unwrap_or_default();
    if !session.csrf_matches(&csrf) {
        tracing::warn!(project = %project.id, "refused a POST without a valid CSRF token");
        return Ok(error_reply(ErrorKind::Forbidden).for_project(Some(&project)));
    }
    app.sessions.end(&cookie).await?;
    let target = return_url(&project, session.return_url.as_ref());
    let mut reply = Reply::see_other(target.clone()).for_project(Some(&project));
    reply.form_targets = vec![target];
    reply.set_cookie = Some(app.cookie.clear());
    Ok(reply)
}

/// `POST /portal/s/<token>/relink`: emails a fresh link to the address on file. The answer
/// is the same whether or not anything was sent.
async fn relink(app: &App, token: &str) -> anyhow::Result<Reply> {
    let claims = signed_claims(app, token);
    let project = project_of(app, claims.as_ref()).await.unwrap_or_else(|e| {
        tracing::warn!(error = ?e, "could not read the project for a new link");
        None
    });
    if let (Some(claims), Some(project)) = (&claims, &project) {
        if let Err(e) = send_new_link(app, claims, project).await {
            tracing::warn!(project = %project.id, error = ?e, "new link not sent");
        }
    }
    let brand = project.as_ref().map(Brand::of);
    let back = project
        .as_ref()
        .map(|p| return_url(p, claims.as_ref().and_then(|c| c.return_url.as_ref())));
    let page = views::relink_sent(en(), brand.as_ref(), back.as_deref());
    Ok(Reply::html(StatusCode::OK, page).for_project(project.as_ref()))
}

async fn send_new_link(app: &App, claims: &Claims, project: &Project) -> anyhow::Result<()> {
    let Some(from) = project.sender_email.as_deref() else {
        tracing::info!(project = %project.id, "no sender email configured; new link not sent");
        return Ok(());
    };
    let key = stripe_key(app, project).await?;
    let customer = app
        .stripe
        .retrieve_portal_customer(&key, &claims.customer)
        .await
        .context("reading the customer's email")?;
    let Some(to) = customer.email.as_deref().filter(|_| !customer.deleted) else {
        return Ok(());
    };
    let now = app.clock.now();
    if !app
        .relinks
        .admit(&project.id, &claims.customer, to, now)
        .await?
    {
        tracing::info!(project = %project.id, "new link rate-limited");
        return Ok(());
    }
    let request = TokenRequest {
        project: project.id.clone(),
        customer: claims.customer.clone(),
        flow: claims.flow,
        subscription: claims.subscription.clone(),
        return_url: claims.return_url.clone(),
        locale: claims.locale.clone(),
        expires_in: RELINK_TOKEN_SECONDS.min(i64::from(project.max_token_seconds)),
    };
    let (token, _) = app
        .tokens
        .mint(request, "relink", now, app.rng.as_ref())
        .await?;
    if let Err(e) = app.metrics.minted(&project.id, now).await {
        tracing::warn!(project = %project.id, error = ?e, "minted link not counted");
    }
    let link = format!("{}/portal/s/{}", app.config.public_base_url, token.expose());
    let t = Catalogue::for_locale(&claims.locale);
    let email = Email {
        from: from.to_owned(),
        to: to.to_owned(),
        subject: (t.relink_email_subject)(&project.name),
        text: (t.relink_email_body)(&project.name, &link),
    };
    relink::send(&app.ses, &email).await?;
    tracing::info!(project = %project.id, "new link sent");
    Ok(())
}
