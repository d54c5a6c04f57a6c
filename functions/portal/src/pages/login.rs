//! The sign-in page: a customer without a link types an email address; each customer of
//! the tenant's Stripe account with that address gets a single-use portal link, all in one
//! email. The rules (limits, timing, CSRF, normalisation) are `shared::login`'s.

use std::collections::HashSet;
use std::time::Instant;

use http::header::COOKIE;
use http::StatusCode;
use lambda_http::request::RequestContext;
use lambda_http::{Request, RequestExt};
use shared::i18n::{choose_lang, Catalogue};
use shared::ids::{Flow, Locale};
use shared::login::{
    self, AccountLink, LoginAddress, LoginAdmission, LoginForm, LoginTarget, NonceCookie,
};
use shared::mail;
use shared::project::Project;
use shared::stripe::Customer;
use shared::token::TokenRequest;
use shared::views::{self, Brand, ErrorKind, LoginPage};

use crate::app::App;
use crate::reply::{error_reply, error_reply_in, too_many_requests, Reply};
use crate::request::Form;

/// The project whose sign-in page `target` names, if it has one switched on. A slug
/// counts only while the project's own record still names it.
async fn project_of(app: &App, target: &LoginTarget) -> anyhow::Result<Option<Project>> {
    let project = match target {
        LoginTarget::Project(id) => app.project(id).await?,
        LoginTarget::Slug(slug) => match app.projects.project_of_slug(slug).await? {
            Some(id) => app
                .project(&id)
                .await?
                .filter(|p| p.login_slug.as_ref() == Some(slug)),
            None => None,
        },
    };
    Ok(project.filter(|p| p.login_enabled))
}

/// The page's language: the browser's `Accept-Language`, else the project's default.
fn page_lang(project: &Project, accept: Option<&str>) -> &'static Catalogue {
    Catalogue::of(choose_lang("auto", &[], accept, project.default_locale))
}

fn nonce_cookie(app: &App) -> NonceCookie {
    NonceCookie {
        secure: app.cookie.secure,
    }
}

/// The nonce of the request's cookie, if it carries a well-formed one.
fn cookie_nonce<'r>(app: &App, req: &'r Request) -> Option<&'r str> {
    nonce_cookie(app).find(
        req.headers()
            .get_all(COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok()),
    )
}

/// The form, with a fresh CSRF token bound to the browser's nonce (kept if it has one,
/// so two open tabs both work).
fn form_reply(
    app: &App,
    req: &Request,
    project: &Project,
    t: &'static Catalogue,
    form: (&str, Option<login::AddressProblem>),
) -> anyhow::Result<Reply> {
    let nonce = match cookie_nonce(app, req) {
        Some(n) => n.to_owned(),
        None => app.nonce()?,
    };
    let csrf = login::issue_csrf(app.tokens.keys(), &project.id, &nonce, app.clock.now())?;
    let brand = Brand::of(project);
    let page = views::login_page(&LoginPage {
        t,
        brand: &brand,
        action: req.uri().path(),
        csrf: &csrf,
        value: form.0,
        problem: form.1,
    });
    let status = match form.1 {
        Some(_) => StatusCode::UNPROCESSABLE_ENTITY,
        None => StatusCode::OK,
    };
    Ok(Reply::html(status, page)
        .for_project(Some(project))
        .with_cookie(nonce_cookie(app).set(&nonce)))
}

/// `GET /portal/login/<project id or slug>`: the form (404 where the project has none).
pub(crate) async fn page(
    app: &App,
    req: &Request,
    target: &LoginTarget,
    accept: Option<&str>,
) -> anyhow::Result<Reply> {
    let Some(project) = project_of(app, target).await? else {
        return Ok(error_reply(ErrorKind::NotFound));
    };
    let t = page_lang(&project, accept);
    form_reply(app, req, &project, t, ("", None))
}

/// The client's address as API Gateway saw it (never a header the client writes).
fn client_ip(req: &Request) -> String {
    match req.request_context_ref() {
        Some(RequestContext::ApiGatewayV2(ctx)) => ctx.http.source_ip.clone(),
        _ => None,
    }
    .unwrap_or_else(|| "unknown".to_owned())
}

/// `POST /portal/login/<project id or slug>`: checks the CSRF token and the client's
/// limits, then answers "check your email" no earlier than the floor after the request
/// began, whatever the address; the lookup and the email happen within the deadline.
pub(crate) async fn submit(
    app: &App,
    req: &Request,
    target: &LoginTarget,
    accept: Option<&str>,
) -> anyhow::Result<Reply> {
    let started = Instant::now();
    let Some(project) = project_of(app, target).await? else {
        return Ok(error_reply(ErrorKind::NotFound));
    };
    let t = page_lang(&project, accept);
    let form = Form::of(req);
    let form = LoginForm::parse(form.pairs());
    let now = app.clock.now();
    let csrf_ok = form.csrf.as_deref().is_some_and(|csrf| {
        login::csrf_matches(
            app.tokens.keys(),
            &project.id,
            csrf,
            cookie_nonce(app, req),
            now,
        )
    });
    if !csrf_ok {
        tracing::warn!(project = %project.id, "refused a sign-in POST without a valid CSRF token");
        return Ok(error_reply_in(t, ErrorKind::Forbidden).for_project(Some(&project)));
    }
    match app
        .logins
        .admit_client(&project.id, &client_ip(req), now)
        .await
    {
        Ok(LoginAdmission::Allowed) => {}
        Ok(LoginAdmission::Limited { retry_after }) => {
            tracing::warn!(project = %project.id, "sign-in requests over a client's or the project's limit");
            return Ok(too_many_requests(&project, retry_after));
        }
        // A brake, not a gate: the per-address limit still holds below.
        Err(e) => {
            tracing::warn!(project = %project.id, error = ?e, "a sign-in request not counted")
        }
    }
    let address = match form.address {
        Ok(a) => a,
        Err(problem) => {
            let typed = Form::of(req)
                .bounded("email", 254)
                .unwrap_or_default()
                .to_owned();
            return form_reply(app, req, &project, t, (&typed, Some(problem)));
        }
    };
    let (floor, deadline) = app.login_timing;
    let work = send_links(app, &project, &address, accept);
    match tokio::time::timeout(deadline, work).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => {
            tracing::warn!(project = %project.id, address = %address.masked(), error = ?e, "sign-in links not sent")
        }
        Err(_) => {
            tracing::warn!(project = %project.id, address = %address.masked(), "sign-in links abandoned at the deadline")
        }
    }
    // The same answer, no earlier than the floor, whatever happened above.
    tokio::time::sleep_until((started + floor).into()).await;
    let again = req.uri().path().to_owned();
    let page = views::login_sent(t, &Brand::of(&project), &again);
    Ok(Reply::html(StatusCode::OK, page).for_project(Some(&project)))
}

/// The customers of the project's Stripe account whose address is `address`
/// (case-insensitively; see `LoginAddress::lookups`), at most `MAX_ACCOUNTS`.
async fn customers_with(
    app: &App,
    key: &shared::stripe::StripeKey,
    address: &LoginAddress,
) -> anyhow::Result<Vec<Customer>> {
    let reads = address.lookups().into_iter().map(|email| {
        app.stripe
            .customers_by_email(key, email, login::MAX_ACCOUNTS)
    });
    let mut seen = HashSet::new();
    let mut found = Vec::new();
    for read in futures::future::join_all(reads).await {
        for c in read.map_err(|e| anyhow::anyhow!("looking customers up by email: {e}"))? {
            let matches = c.email.as_deref().is_some_and(|e| address.matches(e));
            if matches && seen.insert(c.id.clone()) {
                found.push(c);
            }
        }
    }
    found.truncate(login::MAX_ACCOUNTS);
    Ok(found)
}

/// One account of the email: a fresh link and what the customer pays for.
async fn account_link(
    app: &App,
    project: &Project,
    key: &shared::stripe::StripeKey,
    customer: &Customer,
) -> anyhow::Result<AccountLink> {
    let now = app.clock.now();
    let request = TokenRequest {
        project: project.id.clone(),
        customer: customer.id.clone(),
        flow: Flow::Overview,
        subscription: None,
        return_url: None,
        locale: Locale::default(),
        expires_in: login::LINK_SECONDS.min(i64::from(project.max_token_seconds)),
    };
    let (minted, subs) = tokio::join!(
        app.tokens.mint(request, "login", now, app.rng.as_ref()),
        crate::stripe_reads::named_subscriptions(app, key, &project.id, &customer.id),
    );
    let (token, _) = minted?;
    if let Err(e) = app.metrics.minted(&project.id, now).await {
        tracing::warn!(project = %project.id, error = ?e, "minted link not counted");
    }
    let mut plans: Vec<String> = Vec::new();
    for sub in subs.unwrap_or_default() {
        for item in &sub.items.data {
            if let Some(name) = item.price.display_name() {
                if !plans.iter().any(|p| p == name) {
                    plans.push(name.to_owned());
                }
            }
        }
    }
    Ok(AccountLink {
        name: customer.name.clone(),
        plans,
        link: format!("{}/portal/s/{}", app.config.public_base_url, token.expose()),
    })
}

/// Looks the address up and emails one link per account; nothing when the address is
/// over its limit, unknown, or the project has no sender.
async fn send_links(
    app: &App,
    project: &Project,
    address: &LoginAddress,
    accept: Option<&str>,
) -> anyhow::Result<()> {
    let now = app.clock.now();
    if !app.logins.admit_address(&project.id, address, now).await? {
        tracing::info!(project = %project.id, address = %address.masked(), "sign-in address over its limit; no email");
        return Ok(());
    }
    let key = app.stripe_key(project).await?;
    let customers = customers_with(app, &key, address).await?;
    let Some(first) = customers.first() else {
        tracing::info!(project = %project.id, address = %address.masked(), "no customer with this address");
        return Ok(());
    };
    let Some(from) = &project.sender_email else {
        tracing::info!(project = %project.id, "no sender email configured; sign-in links not sent");
        return Ok(());
    };
    let accounts = futures::future::join_all(
        customers
            .iter()
            .map(|c| account_link(app, project, &key, c)),
    )
    .await
    .into_iter()
    .collect::<anyhow::Result<Vec<_>>>()?;
    // The address as Stripe holds it (the typed one matched it, case aside).
    let to = first.email.as_deref().map(str::trim).unwrap_or_default();
    let t = Catalogue::of(choose_lang(
        "auto",
        &first.preferred_locales,
        accept,
        project.default_locale,
    ));
    let email = login::email(t, &project.name, &accounts, from.as_str(), to);
    mail::send(&app.ses, &email).await?;
    tracing::info!(project = %project.id, accounts = accounts.len(), "sign-in links sent");
    Ok(())
}
