//! The one guard every signed-in page and action passes: it resumes the browser session
//! (idle and absolute timeouts), checks the CSRF token of a POST, reads the project's
//! Stripe key where the route talks to Stripe, and hands the handler a [`Ctx`].
//! Cross-site POSTs are refused before this, for every route (`handler::handle`).

use http::header::COOKIE;
use http::{Method, StatusCode};
use lambda_http::Request;
use maud::Markup;
use shared::browser_session::{BrowserSession, SessionCookie};
use shared::i18n::{choose_lang, Catalogue};
use shared::ids::CustomerId;
use shared::project::Project;
use shared::stripe::{action_idempotency_key, StripeKey};
use shared::views::{self, Brand, ErrorKind, NavPage, SessionChrome};

use crate::app::App;
use crate::flash::Flash;
use crate::headers;
use crate::reply::{en, error_reply, error_reply_in, too_many_requests, Reply};
use crate::request::{Form, Query};

/// A signed-in request that passed the guard.
pub(crate) struct Ctx {
    /// The session's cookie (to end it).
    pub cookie: SessionCookie,
    /// The session, renewed.
    pub session: BrowserSession,
    /// Its project.
    pub project: Project,
    /// The project's Stripe key, where the route talks to Stripe and SSM answered.
    pub key: Option<StripeKey>,
    /// The session's language.
    pub t: &'static Catalogue,
    /// The query string.
    pub query: Query,
    /// The form of a POST (empty for reads).
    pub form: Form,
    /// The request's path (where the language switcher comes back to).
    pub path: String,
}

/// Resumes the session of `req`; for a POST, checks its CSRF token. `Err(reply)`: the
/// session ended (401) or the token is wrong (403), and nothing else happens.
pub(crate) async fn enter(
    app: &App,
    req: &Request,
    needs_stripe: bool,
) -> anyhow::Result<Result<Ctx, Reply>> {
    let Some(Resumed {
        cookie,
        session,
        project,
        over_limit,
    }) = resume(app, req).await?
    else {
        return Ok(Err(session_ended(app)));
    };
    if let Some(seconds) = over_limit {
        tracing::warn!(project = %project.id, "a browser session is over its request limit");
        return Ok(Err(too_many_requests(&project, seconds)));
    }
    let form = if req.method() == Method::POST {
        let form = Form::of(req);
        if !session.csrf_matches(form.get("csrf").unwrap_or_default()) {
            tracing::warn!(project = %project.id, "refused a POST without a valid CSRF token");
            return Ok(Err(
                error_reply(ErrorKind::Forbidden).for_project(Some(&project))
            ));
        }
        form
    } else {
        Form::default()
    };
    let key = if needs_stripe {
        match app.stripe_key(&project).await {
            Ok(k) => Some(k),
            Err(e) => {
                tracing::error!(error = ?e, "no Stripe key; pages show notices, actions fail");
                None
            }
        }
    } else {
        None
    };
    let accept_language = req
        .headers()
        .get(http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    let lang = choose_lang(
        session.locale.as_str(),
        &[],
        accept_language,
        project.default_locale,
    );
    Ok(Ok(Ctx {
        t: Catalogue::of(lang),
        path: req.uri().path().to_owned(),
        cookie,
        session,
        project,
        key,
        query: Query::of(req),
        form,
    }))
}

/// A live browser session, its cookie and project.
struct Resumed {
    cookie: SessionCookie,
    session: BrowserSession,
    project: Project,
    /// Over the session's request limit: try again in this many seconds.
    over_limit: Option<u64>,
}

/// The browser session behind the request's cookie, renewed with this request counted
/// against the session's limit (one conditional write), and its project, read at the
/// same time; `None` if it ended.
async fn resume(app: &App, req: &Request) -> anyhow::Result<Option<Resumed>> {
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
        app.project(cookie.project()),
    );
    let (Some(session), Some(project)) = (session?, project?) else {
        return Ok(None);
    };
    let hits = session.requests;
    let over_limit = (hits.count > app.session_request_limit).then_some(hits.window_left);
    Ok(Some(Resumed {
        cookie,
        session,
        project,
        over_limit,
    }))
}

/// 401: the session is unknown, idle too long or past its absolute limit.
fn session_ended(app: &App) -> Reply {
    Reply::html(StatusCode::UNAUTHORIZED, views::session_ended(en()))
        .with_cookie(app.cookie.clear())
}

/// Whether a POST comes from our own pages. `Sec-Fetch-Site` decides where the browser
/// sends it; otherwise a foreign `Origin` refuses (`null` is what `no-referrer` pages send).
pub(crate) fn same_origin(app: &App, req: &Request) -> bool {
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = header("sec-fetch-site") {
        return matches!(site, "same-origin" | "none");
    }
    match header("origin") {
        None | Some("null") => true,
        Some(origin) => Some(origin.to_owned()) == headers::url_origin(&app.config.public_base_url),
    }
}

/// Where "Return to <tenant>" leads: the session's return URL, else the project's default.
pub(crate) fn return_url(project: &Project, explicit: Option<&shared::ids::ReturnUrl>) -> String {
    explicit
        .unwrap_or(&project.default_return_url)
        .as_str()
        .to_owned()
}

impl Ctx {
    /// The signed-in customer.
    pub(crate) fn customer(&self) -> &CustomerId {
        &self.session.customer
    }

    /// The project's Stripe key, or an error (an action cannot go on without it).
    pub(crate) fn key(&self) -> anyhow::Result<&StripeKey> {
        self.key
            .as_ref()
            .ok_or_else(|| anyhow::anyhow!("no Stripe key for project {}", self.project.id))
    }

    /// The tenant's branding.
    pub(crate) fn brand(&self) -> Brand {
        Brand::of(&self.project)
    }

    /// The signed-in frame: navigation, CSRF, support, and the notice a redirect here
    /// carried.
    pub(crate) fn chrome(&self, current: NavPage) -> SessionChrome {
        SessionChrome {
            current,
            csrf: self.session.csrf.clone(),
            support_url: self.project.support_url.clone(),
            billing_details: !self.project.billing_fields.is_empty(),
            notice: Flash::of(&self.query).map(|f| f.text(self.t)),
            path: self.path.clone(),
        }
    }

    /// A page, with the tenant's framing and "Return to <tenant>" allowed.
    pub(crate) fn page(&self, markup: Markup) -> Reply {
        // "Return to <tenant>" posts here and is redirected there: form-action must allow it.
        Reply::html(StatusCode::OK, markup)
            .for_project(Some(&self.project))
            .with_form_targets(vec![self.return_url()])
    }

    /// A friendly error page of this project.
    pub(crate) fn error(&self, kind: ErrorKind) -> Reply {
        error_reply_in(self.t, kind).for_project(Some(&self.project))
    }

    /// `303 See Other` to `location`.
    pub(crate) fn see_other(&self, location: String) -> Reply {
        Reply::see_other(location).for_project(Some(&self.project))
    }

    /// Back to `path` saying the action failed and nothing was changed.
    pub(crate) fn failed(&self, path: &str) -> Reply {
        self.notice(path, Flash::ActionFailed)
    }

    /// Back to `path` with `flash`.
    pub(crate) fn notice(&self, path: &str, flash: Flash) -> Reply {
        flash.redirect(path).for_project(Some(&self.project))
    }

    /// Where "Return to <tenant>" leads.
    pub(crate) fn return_url(&self) -> String {
        return_url(&self.project, self.session.return_url.as_ref())
    }

    /// The `Idempotency-Key` of this form's `action` on `subject`: the same form
    /// submitted twice changes nothing twice.
    pub(crate) fn idempotency_key(&self, action: &str, subject: &str) -> String {
        action_idempotency_key(&self.session.csrf, action, subject, self.form.nonce())
    }
}
