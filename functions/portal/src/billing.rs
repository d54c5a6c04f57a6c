//! `/portal/payment-method…` and `/portal/billing-details`: updating the card through a
//! Stripe Checkout Session in setup mode, and editing the billing details the project
//! allows. Every POST checks the CSRF token, carries an `Idempotency-Key` derived from the
//! session's CSRF token and the form's nonce, and answers 303 (or 422 with the form).

use http::{Method, StatusCode};
use lambda_http::Request;
use shared::billing_details::{self, BillingForm, Field, Problem, SaveError};
use shared::browser_session::BrowserSession;
use shared::i18n::Catalogue;
use shared::metrics::Job;
use shared::payment_method::{self, SetupOutcome, RETURN_PATH};
use shared::project::Project;
use shared::stripe_portal::{action_idempotency_key, Expandable};
use shared::views::{self, Brand, ErrorKind, NavPage, BILLING_DETAILS_PATH, PAYMENT_METHOD_PATH};

use crate::flash::{with_notice, Flash};
use crate::handler::{
    chrome, error_reply, form_field, method_not_allowed, query_param, session, session_ended,
    session_page, stripe_key, within, Reply,
};
use crate::App;

/// Routes the paths this module owns; `None` for any other path.
pub(crate) async fn route(
    app: &App,
    req: &Request,
    path: &str,
) -> Option<(&'static str, anyhow::Result<Reply>)> {
    let method = req.method();
    let read = method == Method::GET || method == Method::HEAD;
    let post = method == Method::POST;
    Some(match path {
        PAYMENT_METHOD_PATH if read => ("payment_method", payment_method_page(app, req).await),
        PAYMENT_METHOD_PATH if post => ("payment_method_update", start_update(app, req).await),
        PAYMENT_METHOD_PATH => ("method", Ok(method_not_allowed("GET, HEAD, POST"))),
        RETURN_PATH if read => ("payment_method_return", checkout_return(app, req).await),
        RETURN_PATH => ("method", Ok(method_not_allowed("GET, HEAD"))),
        BILLING_DETAILS_PATH if read => ("billing_details", billing_details_page(app, req).await),
        BILLING_DETAILS_PATH if post => {
            ("billing_details_save", save_billing_details(app, req).await)
        }
        BILLING_DETAILS_PATH => ("method", Ok(method_not_allowed("GET, HEAD, POST"))),
        _ => return None,
    })
}

/// The origin of Stripe's Checkout pages, for `form-action` on pages with "Update card".
pub(crate) fn checkout_target(app: &App) -> Option<String> {
    payment_method::checkout_origin(&app.config.stripe_api_base)
}

fn csrf_ok(req: &Request, session: &BrowserSession, project: &Project) -> bool {
    let csrf = form_field(req, "csrf").unwrap_or_default();
    let ok = session.csrf_matches(&csrf);
    if !ok {
        tracing::warn!(project = %project.id, "refused a POST without a valid CSRF token");
    }
    ok
}

fn nonce(req: &Request) -> String {
    form_field(req, "nonce")
        .filter(|n| n.len() <= 64 && n.bytes().all(|b| b.is_ascii_alphanumeric()))
        .unwrap_or_default()
}

/// `GET /portal/payment-method[?result=updated|unchanged]`: the card and "Update card".
async fn payment_method_page(app: &App, req: &Request) -> anyhow::Result<Reply> {
    let Some((_, session, project)) = session(app, req).await? else {
        return Ok(session_ended(app));
    };
    let customer = match stripe_key(app, &project).await {
        Ok(key) => {
            within(
                app,
                "customer",
                app.stripe.retrieve_portal_customer(&key, &session.customer),
            )
            .await
        }
        Err(e) => {
            tracing::error!(error = ?e, "no Stripe key; showing a notice");
            Err(())
        }
    };
    let customer = customer.map(|c| (!c.deleted && c.id == session.customer.as_str()).then_some(c));
    let card = customer.as_ref().map_err(|_| ()).map(|c| {
        c.as_ref()
            .and_then(|c| c.invoice_settings.default_payment_method.as_ref())
            .and_then(Expandable::object)
            .and_then(|pm| pm.card.as_ref())
    });
    let updated = match query_param(req, "result").as_deref() {
        Some("updated") => Some(true),
        Some("unchanged") => Some(false),
        _ => None,
    };
    let t = Catalogue::for_locale(&session.locale);
    let brand = Brand::of(&project);
    let chrome = with_notice(chrome(&session, &project, NavPage::Overview), req, t);
    let nonce = shared::clock::random_base62(app.rng.as_ref(), 22)?;
    let page = views::payment_method(&views::PaymentMethodPage {
        t,
        brand: &brand,
        chrome: &chrome,
        card,
        updated,
        nonce: &nonce,
    });
    Ok(session_page(page, &session, &project).with_form_target(checkout_target(app)))
}

/// `POST /portal/payment-method`: a Checkout Session in setup mode, then 303 to it.
async fn start_update(app: &App, req: &Request) -> anyhow::Result<Reply> {
    let Some((_, session, project)) = session(app, req).await? else {
        return Ok(session_ended(app));
    };
    if !csrf_ok(req, &session, &project) {
        return Ok(error_reply(ErrorKind::Forbidden).for_project(Some(&project)));
    }
    let Ok(key) = stripe_key(app, &project).await else {
        return Ok(Flash::ActionFailed
            .redirect(PAYMENT_METHOD_PATH)
            .for_project(Some(&project)));
    };
    let base = &app.config.public_base_url;
    let success = format!("{base}{RETURN_PATH}?session_id={{CHECKOUT_SESSION_ID}}");
    let cancel = format!("{base}{PAYMENT_METHOD_PATH}");
    let idem = action_idempotency_key(
        &session.csrf,
        "payment_method_update",
        session.customer.as_str(),
        &nonce(req),
    );
    let created = within(
        app,
        "checkout session",
        app.stripe
            .create_setup_checkout(&key, &session.customer, &success, &cancel, &idem),
    )
    .await;
    let Ok(checkout) = created else {
        return Ok(Flash::ActionFailed
            .redirect(PAYMENT_METHOD_PATH)
            .for_project(Some(&project)));
    };
    tracing::info!(project = %project.id, "card update started");
    let target = checkout.url.clone();
    Ok(Reply::see_other(target.clone())
        .for_project(Some(&project))
        .with_form_target(Some(target)))
}

/// `GET /portal/payment-method/return?session_id=cs_…`: Stripe's Checkout sends the
/// customer back here; the card becomes the default (unless the webhook did it first).
async fn checkout_return(app: &App, req: &Request) -> anyhow::Result<Reply> {
    let Some((_, session, project)) = session(app, req).await? else {
        return Ok(session_ended(app));
    };
    let Some(cs) = query_param(req, "session_id")
        .filter(|s| payment_method::is_checkout_session_id(s.as_str()))
    else {
        return Ok(error_reply(ErrorKind::NotFound).for_project(Some(&project)));
    };
    let Ok(key) = stripe_key(app, &project).await else {
        return Ok(Flash::ActionFailed
            .redirect(PAYMENT_METHOD_PATH)
            .for_project(Some(&project)));
    };
    let now = app.clock.now().unix_timestamp();
    let outcome = tokio::time::timeout(
        app.stripe_timeout,
        payment_method::complete_setup(
            &app.stripe,
            &key,
            &app.setup_marks,
            &project.id,
            &session.customer,
            &cs,
            now,
        ),
    )
    .await;
    let result = match outcome {
        Ok(Ok(SetupOutcome::Updated { .. } | SetupOutcome::AlreadyApplied)) => {
            payment_method_updated(app, &session, &project, &cs, now).await;
            "updated"
        }
        Ok(Ok(SetupOutcome::NotCompleted)) => "unchanged",
        Ok(Ok(SetupOutcome::NotOwned)) => {
            tracing::warn!(project = %project.id, "refused a checkout session of another customer");
            return Ok(error_reply(ErrorKind::NotFound).for_project(Some(&project)));
        }
        Ok(Err(e)) => {
            tracing::warn!(project = %project.id, error = ?e, "completing a card update failed");
            return Ok(Flash::ActionFailed
                .redirect(PAYMENT_METHOD_PATH)
                .for_project(Some(&project)));
        }
        Err(_) => {
            tracing::warn!(project = %project.id, "completing a card update timed out");
            return Ok(Flash::ActionFailed
                .redirect(PAYMENT_METHOD_PATH)
                .for_project(Some(&project)));
        }
    };
    Ok(
        Reply::see_other(format!("{PAYMENT_METHOD_PATH}?result={result}"))
            .for_project(Some(&project)),
    )
}

/// The customer is back from Checkout with a new default card (applied by this request or
/// by the webhook just before): counted once per checkout session.
async fn payment_method_updated(
    app: &App,
    session: &BrowserSession,
    project: &Project,
    cs: &str,
    now: i64,
) {
    match app.setup_marks.first_return(&project.id, cs, now).await {
        Ok(true) => {
            tracing::info!(project = %project.id, "payment method updated");
            crate::metrics::record_job(app, session, Job::PaymentMethodUpdated).await;
        }
        Ok(false) => {}
        Err(e) => tracing::warn!(project = %project.id, error = ?e, "card update not counted"),
    }
}

struct BillingRender<'a> {
    form: Result<&'a BillingForm, ()>,
    problems: &'a [(Field, Problem)],
    saved: bool,
}

fn render_billing(
    app: &App,
    req: &Request,
    session: &BrowserSession,
    project: &Project,
    r: &BillingRender<'_>,
) -> anyhow::Result<Reply> {
    let t = Catalogue::for_locale(&session.locale);
    let brand = Brand::of(project);
    let chrome = with_notice(chrome(session, project, NavPage::BillingDetails), req, t);
    let nonce = shared::clock::random_base62(app.rng.as_ref(), 22)?;
    let page = views::billing_details(&views::BillingDetailsPage {
        t,
        brand: &brand,
        chrome: &chrome,
        allowed: &project.billing_fields,
        form: r.form,
        problems: r.problems,
        saved: r.saved,
        nonce: &nonce,
    });
    let reply = session_page(page, session, project);
    Ok(if r.problems.is_empty() {
        reply
    } else {
        reply.with_status(StatusCode::UNPROCESSABLE_ENTITY)
    })
}

/// `GET /portal/billing-details[?saved=1]`: the form, filled from the Stripe customer.
async fn billing_details_page(app: &App, req: &Request) -> anyhow::Result<Reply> {
    let Some((_, session, project)) = session(app, req).await? else {
        return Ok(session_ended(app));
    };
    if project.billing_fields.is_empty() {
        return Ok(error_reply(ErrorKind::NotFound).for_project(Some(&project)));
    }
    let customer = match stripe_key(app, &project).await {
        Ok(key) => {
            within(
                app,
                "customer",
                app.stripe
                    .retrieve_billing_customer(&key, &session.customer),
            )
            .await
        }
        Err(e) => {
            tracing::error!(error = ?e, "no Stripe key; showing a notice");
            Err(())
        }
    };
    let form = customer
        .ok()
        .filter(|c| !c.deleted && c.id == session.customer.as_str())
        .map(|c| BillingForm::from_customer(&c))
        .ok_or(());
    let saved = query_param(req, "saved").as_deref() == Some("1");
    render_billing(
        app,
        req,
        &session,
        &project,
        &BillingRender {
            form: form.as_ref().map_err(|_| ()),
            problems: &[],
            saved,
        },
    )
}

/// `POST /portal/billing-details`: validates the allowed fields; saves what changed.
async fn save_billing_details(app: &App, req: &Request) -> anyhow::Result<Reply> {
    let Some((_, session, project)) = session(app, req).await? else {
        return Ok(session_ended(app));
    };
    if !csrf_ok(req, &session, &project) {
        return Ok(error_reply(ErrorKind::Forbidden).for_project(Some(&project)));
    }
    if project.billing_fields.is_empty() {
        return Ok(error_reply(ErrorKind::NotFound).for_project(Some(&project)));
    }
    // The CSRF check read the form: past it, the body is within `handler`'s size limit.
    let body = req.body().as_ref();
    let pairs: Vec<(String, String)> = form_urlencoded::parse(body).into_owned().collect();
    let form = BillingForm::from_pairs(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        &project.billing_fields,
    );
    let update = match form.validate(&project.billing_fields) {
        Ok(u) => u,
        Err(problems) => {
            return render_billing(
                app,
                req,
                &session,
                &project,
                &BillingRender {
                    form: Ok(&form),
                    problems: &problems,
                    saved: false,
                },
            );
        }
    };
    let failed = || {
        Flash::ActionFailed
            .redirect(BILLING_DETAILS_PATH)
            .for_project(Some(&project))
    };
    let Ok(key) = stripe_key(app, &project).await else {
        return Ok(failed());
    };
    let Ok(current) = within(
        app,
        "customer",
        app.stripe
            .retrieve_billing_customer(&key, &session.customer),
    )
    .await
    else {
        return Ok(failed());
    };
    if current.deleted || current.id != session.customer.as_str() {
        return Ok(error_reply(ErrorKind::NotFound).for_project(Some(&project)));
    }
    let idem = action_idempotency_key(
        &session.csrf,
        "billing_details",
        session.customer.as_str(),
        &nonce(req),
    );
    match save_details(app, &key, &session, &project, &current, &update, &idem).await {
        Ok(()) => {
            Ok(Reply::see_other(format!("{BILLING_DETAILS_PATH}?saved=1"))
                .for_project(Some(&project)))
        }
        Err(SaveError::Refused(field)) => render_billing(
            app,
            req,
            &session,
            &project,
            &BillingRender {
                form: Ok(&form),
                problems: &[(field, Problem::Refused)],
                saved: false,
            },
        ),
        Err(SaveError::Stripe(e)) => {
            tracing::warn!(project = %project.id, error = %e, "saving billing details failed");
            Ok(failed())
        }
    }
}

/// The one place billing details are written; logs a completed update.
async fn save_details(
    app: &App,
    key: &shared::stripe::StripeKey,
    session: &BrowserSession,
    project: &Project,
    current: &billing_details::BillingCustomer,
    update: &billing_details::BillingUpdate,
    idem: &str,
) -> Result<(), SaveError> {
    let write = billing_details::save(&app.stripe, key, current, update, idem);
    let changed = match tokio::time::timeout(app.stripe_timeout, write).await {
        Ok(r) => r?,
        Err(_) => {
            return Err(SaveError::Stripe(shared::stripe::StripeError::Unreachable(
                "timed out".to_owned(),
            )))
        }
    };
    if changed {
        tracing::info!(project = %project.id, "billing details updated");
        crate::metrics::record_job(app, session, Job::BillingDetailsUpdated).await;
    }
    Ok(())
}
