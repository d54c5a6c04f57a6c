//! One request: parse the route once, refuse cross-site POSTs, pass the guard, dispatch.

use http::Method;
use lambda_http::{Body, Request, Response};
use shared::runtime;
use shared::views::{self, ErrorKind};

use crate::app::App;
use crate::guard::{self, Ctx};
use crate::headers::Caching;
use crate::pages::{billing, cancel, invoice, links, login, next_invoice, overview, plan, sign_in};
use crate::reply::{error_reply, method_not_allowed, Reply};
use crate::route::{Miss, PortalRoute};

/// Answers one request; every failure becomes a friendly page with the security headers.
pub async fn handle(app: &App, req: Request) -> Response<Body> {
    let started = std::time::Instant::now();
    let (name, result) = runtime::catching(route(app, &req), || {
        ("panic", Err(anyhow::anyhow!("the request panicked")))
    })
    .await;
    let reply = result.unwrap_or_else(|e| {
        tracing::error!(route = name, error = ?e, "portal request failed");
        error_reply(ErrorKind::Internal)
    });
    // Only the route's name is logged: paths can carry tokens.
    tracing::info!(method = %req.method(), route = name, status = reply.status().as_u16(), "request handled");
    crate::metrics::record_request(app, name, reply.status().as_u16(), started.elapsed());
    let mut res = reply.into_response(req.method() == Method::HEAD);
    runtime::strict_transport(&app.config, res.headers_mut());
    res
}

async fn route(app: &App, req: &Request) -> (&'static str, anyhow::Result<Reply>) {
    let route = PortalRoute::parse(req.method(), req.uri().path());
    let asset = match &route {
        Ok(r) => r.is_asset(),
        Err(missed) => missed.asset,
    };
    if req.method() == Method::POST && !asset && !guard::same_origin(app, req) {
        // Browsers send `Origin` on form posts: a foreign one is a cross-site post
        // (login CSRF on the sign-in form, or a forged "Return").
        return ("cross_site", Ok(error_reply(ErrorKind::Forbidden)));
    }
    let route = match route {
        Ok(route) => route,
        Err(missed) => {
            let reply = match missed.miss {
                Miss::NotFound => error_reply(ErrorKind::NotFound),
                Miss::MethodNotAllowed(allow) => method_not_allowed(allow),
            };
            return (missed.name, Ok(reply));
        }
    };
    (route.name(), serve(app, req, route).await)
}

async fn serve(app: &App, req: &Request, route: PortalRoute) -> anyhow::Result<Reply> {
    let path = req.uri().path();
    let accept = req
        .headers()
        .get(http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    let css = "text/css; charset=utf-8";
    match route {
        PortalRoute::Stylesheet => Ok(Reply::asset(
            css,
            views::STYLESHEET.to_owned(),
            Caching::Immutable,
        )),
        PortalRoute::Script => Ok(Reply::asset(
            "text/javascript; charset=utf-8",
            views::AUTOSUBMIT_JS.to_owned(),
            Caching::Day,
        )),
        PortalRoute::Favicon { hashed } => Ok(Reply::asset(
            "image/svg+xml",
            views::FAVICON_SVG.to_owned(),
            if hashed {
                Caching::Immutable
            } else {
                Caching::Day
            },
        )),
        PortalRoute::Accent(accent) => {
            Ok(Reply::asset(css, accent.stylesheet(), Caching::Immutable))
        }
        PortalRoute::Landing(token) => sign_in::landing(app, &token, path, accept).await,
        PortalRoute::SignIn(token) => sign_in::sign_in(app, &token, path, accept).await,
        PortalRoute::Relink(token) => sign_in::relink(app, &token, accept).await,
        PortalRoute::Login(target) => login::page(app, req, &target, accept).await,
        PortalRoute::LoginSubmit(target) => login::submit(app, req, &target, accept).await,
        signed_in => {
            let ctx = match guard::enter(app, req, signed_in.needs_stripe()).await? {
                Ok(ctx) => ctx,
                Err(refused) => return Ok(refused),
            };
            page(app, req, ctx, signed_in).await
        }
    }
}

/// The pages and actions behind the guard.
async fn page(app: &App, req: &Request, ctx: Ctx, route: PortalRoute) -> anyhow::Result<Reply> {
    match route {
        PortalRoute::Overview => overview::overview(app, ctx).await,
        PortalRoute::Invoices => overview::invoices(app, ctx).await,
        PortalRoute::Return => sign_in::return_to_tenant(app, ctx).await,
        PortalRoute::SetLocale => sign_in::set_locale(app, ctx).await,
        PortalRoute::Support => links::support(app, ctx, req).await,
        PortalRoute::InvoiceLink(id, job) => links::invoice(app, ctx, req, &id, job).await,
        PortalRoute::InvoicePage(id) => invoice::page(app, ctx, &id).await,
        PortalRoute::NextInvoice(id) => next_invoice::page(app, ctx, &id).await,
        PortalRoute::PaymentMethod => billing::payment_method_page(app, ctx).await,
        PortalRoute::StartCardUpdate => billing::start_update(app, ctx).await,
        PortalRoute::CheckoutReturn => billing::checkout_return(app, ctx).await,
        PortalRoute::BillingDetails => billing::billing_details_page(app, ctx).await,
        PortalRoute::SaveBillingDetails => billing::save_billing_details(app, ctx).await,
        PortalRoute::CancelPage(id) => cancel::page(app, ctx, &id).await,
        PortalRoute::SubscriptionAction(id, verb) => cancel::act(app, ctx, &id, verb).await,
        PortalRoute::CancelReason(id) => cancel::reason(app, ctx, &id).await,
        PortalRoute::AcceptOffer(id) => cancel::accept_offer(app, ctx, &id).await,
        PortalRoute::PlanPage(id) => plan::page(app, ctx, &id).await,
        PortalRoute::PlanChange(id) => plan::confirm(app, ctx, &id).await,
        // Served before the guard.
        PortalRoute::Stylesheet
        | PortalRoute::Script
        | PortalRoute::Favicon { .. }
        | PortalRoute::Accent(_)
        | PortalRoute::Landing(_)
        | PortalRoute::SignIn(_)
        | PortalRoute::Relink(_)
        | PortalRoute::Login(_)
        | PortalRoute::LoginSubmit(_) => Ok(error_reply(ErrorKind::NotFound)),
    }
}
