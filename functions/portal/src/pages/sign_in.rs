//! Signing in and out: the scanner-safe landing page, redemption, "Email me a new link",
//! and "Return to <tenant>".

use anyhow::Context;
use http::StatusCode;
use shared::browser_session::BrowserSession;
use shared::i18n::{choose_lang, Catalogue, Lang, LangChoice};
use shared::ids::{Flow, Locale};
use shared::mail::{self, Email};
use shared::project::Project;
use shared::stripe::{CustomerView, StripeKey};
use shared::token::{Claims, Redeem, TokenRequest};
use shared::views::{self, Brand, GonePage};
use time::OffsetDateTime;

use crate::app::App;
use crate::guard::{return_url, Ctx};
use crate::hint;
use crate::reply::Reply;
use crate::stripe_reads::within;

/// Lifetime of a link sent by "Email me a new link" (capped by the project).
const RELINK_TOKEN_SECONDS: i64 = 3600;
/// How long after its expiry an old link can still ask for a new one: a link forwarded or
/// leaked long ago must not mint fresh ones forever.
pub(crate) const RELINK_WINDOW_SECONDS: i64 = 30 * 24 * 3600;

/// Claims of a token whose HMAC verifies, expired or not: enough to name the tenant on the
/// 410 page and to address a new link, never enough to sign in.
fn signed_claims(app: &App, token: &str) -> Option<Claims> {
    app.tokens
        .keys()
        .verify(token, OffsetDateTime::UNIX_EPOCH)
        .ok()
        .map(|v| v.into_claims())
}

async fn project_of(app: &App, claims: Option<&Claims>) -> anyhow::Result<Option<Project>> {
    match claims {
        Some(c) => app.project(&c.project).await,
        None => Ok(None),
    }
}

/// A token's state (`check` or `redeem`), read alongside the project its signed claims
/// name (for the page's branding), with those claims.
async fn read_token(
    app: &App,
    token: &str,
    state: impl std::future::Future<Output = anyhow::Result<Redeem>>,
) -> anyhow::Result<(Redeem, Option<Claims>, Option<Project>)> {
    let claims = signed_claims(app, token);
    let (state, project) = tokio::join!(state, project_of(app, claims.as_ref()));
    Ok((state?, claims, project?))
}

/// The language of a page before sign-in: the link's `locale`, the browser's
/// `Accept-Language`, the project's default (English where the project is unknown).
fn page_lang(
    claims: Option<&Claims>,
    project: Option<&Project>,
    accept: Option<&str>,
) -> &'static Catalogue {
    let locale = claims.map(|c| c.locale.as_str()).unwrap_or("auto");
    let default = project.map(|p| p.default_locale).unwrap_or_default();
    Catalogue::of(choose_lang(locale, &[], accept, default))
}

/// The 410 page: the same for expired, used and forged links.
fn gone(
    claims: Option<&Claims>,
    project: Option<&Project>,
    path: &str,
    accept: Option<&str>,
) -> Reply {
    let brand = project.map(Brand::of);
    let back = project.map(|p| return_url(p, claims.and_then(|c| c.return_url.as_ref())));
    let action = format!("{path}/relink");
    let page = views::gone(&GonePage {
        t: page_lang(claims, project, accept),
        brand: brand.as_ref(),
        relink_action: &action,
        back_url: back.as_deref(),
    });
    Reply::html(StatusCode::GONE, page).for_project(project)
}

/// `GET`/`HEAD /portal/s/<token>`: checks without spending (mail scanners fetch links).
pub(crate) async fn landing(
    app: &App,
    token: &str,
    path: &str,
    accept: Option<&str>,
) -> anyhow::Result<Reply> {
    let check = app.tokens.check(token, app.clock.now());
    let (check, claims, project) = read_token(app, token, check).await?;
    match (check, project.as_ref()) {
        (Redeem::Redeemed(_), Some(p)) => {
            let t = page_lang(claims.as_ref(), Some(p), accept);
            let page = views::landing(t, Some(&Brand::of(p)), path);
            Ok(Reply::html(StatusCode::OK, page).for_project(project.as_ref()))
        }
        _ => Ok(gone(claims.as_ref(), project.as_ref(), path, accept)),
    }
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

/// `POST /portal/s/<token>`: redeems once and starts a session (one transaction: a
/// failure leaves the link usable), 303 to the clean page.
pub(crate) async fn sign_in(
    app: &App,
    token: &str,
    path: &str,
    accept: Option<&str>,
) -> anyhow::Result<Reply> {
    let now = app.clock.now();
    let signed = signed_claims(app, token);
    let project = project_of(app, signed.as_ref()).await?;
    let Some(project) = project.as_ref() else {
        return Ok(gone(signed.as_ref(), None, path, accept));
    };
    let started = app
        .sessions
        .sign_in(
            &app.tokens,
            token,
            project.max_session_seconds,
            now,
            app.rng.as_ref(),
        )
        .await?;
    let Some((claims, cookie, session)) = started else {
        return Ok(gone(signed.as_ref(), Some(project), path, accept));
    };
    tracing::info!(project = %project.id, flow = %claims.flow, "portal session started");
    tokio::join!(
        first_reads(app, project, &session),
        crate::metrics::record_redeemed(app, &session),
    );
    let lifetime = session.absolute_expiry - session.created;
    Ok(Reply::see_other(flow_path(&session))
        .for_project(Some(project))
        .with_cookie(app.cookie.set(&cookie, lifetime)))
}

/// What a new session reads from Stripe before its first page, in one concurrent round:
/// the customer's preferred language where the link said `auto`
/// ([`adopt_customer_language`]) and, for a session landing on the overview, its
/// subscriptions, remembered as the session's read hint so that the first overview is one
/// Stripe round too. Best effort: a failure only costs the language or the head start.
async fn first_reads(app: &App, project: &Project, session: &BrowserSession) {
    let wants_language = LangChoice::of_locale(session.locale.as_str())
        .lang()
        .is_none();
    let lands_on_overview = flow_path(session) == "/portal";
    if !wants_language && !lands_on_overview {
        return;
    }
    let key = match app.stripe_key(project).await {
        Ok(key) => key,
        Err(e) => {
            tracing::warn!(project = %project.id, error = ?e, "no Stripe key for the first reads");
            return;
        }
    };
    let language = async {
        if wants_language {
            adopt_customer_language(app, &key, session).await;
        }
    };
    let hint = async {
        if lands_on_overview {
            let list = app.stripe.customer_subscriptions(&key, &session.customer);
            if let Ok(subs) = within(app, "subscriptions", list).await {
                hint::remember(app, session, &hint::of_list(&subs)).await;
            }
        }
    };
    tokio::join!(language, hint);
}

/// A session whose link said `auto` (or a language we do not ship) takes the Stripe
/// customer's preferred language where we ship one: it outranks the browser's. Best
/// effort: without it, the browser's `Accept-Language` and the project's default decide.
async fn adopt_customer_language(app: &App, key: &StripeKey, session: &BrowserSession) {
    let found = async {
        let customer = app
            .stripe
            .own_customer(key, &session.customer, CustomerView::Plain)
            .await
            .context("reading the customer's preferred languages")?;
        let lang =
            customer.and_then(|c| c.preferred_locales.iter().find_map(|l| Lang::best_match(l)));
        if let Some(lang) = lang {
            let locale = Locale::parse(lang.tag())
                .map_err(|e| anyhow::anyhow!("a shipped tag is a locale: {e:?}"))?;
            app.sessions.set_locale(session, &locale).await?;
        }
        anyhow::Ok(())
    };
    if let Err(e) = found.await {
        tracing::warn!(project = %session.project, error = ?e, "customer's language not adopted");
    }
}

/// Whether `path` is one of our own pages to come back to (never another site).
fn is_portal_page(path: &str) -> bool {
    (path == "/portal" || path.starts_with("/portal/"))
        && path.len() <= 512
        && path
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.'))
        && !path.contains("//")
        && !path.contains("..")
        && path != views::LOCALE_PATH
}

/// `POST /portal/locale`: the language switcher sets the session's language and goes back
/// to the page it was on. A language we do not ship changes nothing and says so.
pub(crate) async fn set_locale(app: &App, ctx: Ctx) -> anyhow::Result<Reply> {
    let back = ctx
        .form
        .get("back")
        .filter(|p| is_portal_page(p))
        .unwrap_or("/portal")
        .to_owned();
    let Some(locale) = ctx
        .form
        .get("locale")
        .and_then(Lang::parse)
        .and_then(|l| Locale::parse(l.tag()).ok())
    else {
        return Ok(ctx.failed(&back));
    };
    app.sessions.set_locale(&ctx.session, &locale).await?;
    Ok(ctx.see_other(back))
}

/// `POST /portal/return`: ends the session and goes back to the tenant.
pub(crate) async fn return_to_tenant(app: &App, ctx: Ctx) -> anyhow::Result<Reply> {
    app.sessions.end(&ctx.cookie).await?;
    let target = ctx.return_url();
    Ok(ctx
        .see_other(target.clone())
        .with_form_targets(vec![target])
        .with_cookie(app.cookie.clear()))
}

/// `POST /portal/s/<token>/relink`: emails a fresh link to the address on file. The answer
/// is the same whether or not anything was sent.
pub(crate) async fn relink(app: &App, token: &str, accept: Option<&str>) -> anyhow::Result<Reply> {
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
    let t = page_lang(claims.as_ref(), project.as_ref(), accept);
    let page = views::relink_sent(t, brand.as_ref(), back.as_deref());
    Ok(Reply::html(StatusCode::OK, page).for_project(project.as_ref()))
}

async fn send_new_link(app: &App, claims: &Claims, project: &Project) -> anyhow::Result<()> {
    let Some(from) = &project.sender_email else {
        tracing::info!(project = %project.id, "no sender email configured; new link not sent");
        return Ok(());
    };
    let now = app.clock.now();
    if claims.exp < now.unix_timestamp() - RELINK_WINDOW_SECONDS {
        tracing::info!(project = %project.id, "a link expired too long ago; no new link");
        return Ok(());
    }
    let key = app.stripe_key(project).await?;
    let customer = app
        .stripe
        .own_customer(&key, &claims.customer, CustomerView::Plain)
        .await
        .context("reading the customer's email")?;
    let Some(to) = customer.as_ref().and_then(|c| c.email.as_deref()) else {
        return Ok(());
    };
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
    // The language of the link that asked, else the customer's, else the project's.
    let preferred = customer
        .as_ref()
        .map(|c| c.preferred_locales.clone())
        .unwrap_or_default();
    let t = Catalogue::of(choose_lang(
        claims.locale.as_str(),
        &preferred,
        None,
        project.default_locale,
    ));
    let email = Email {
        from: from.to_string(),
        to: to.to_owned(),
        subject: t.relink_email_subject(&project.name),
        text: t.relink_email_body(&project.name, &link),
        html: None,
    };
    mail::send(&app.ses, &email).await?;
    tracing::info!(project = %project.id, "new link sent");
    Ok(())
}
