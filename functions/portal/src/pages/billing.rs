//! The payment method page ("Update card" through Stripe Checkout in setup mode) and the
//! billing details form. Every POST carries an `Idempotency-Key` derived from the
//! session's CSRF token and the form's nonce, and answers 303 (or 422 with the form).

use http::StatusCode;
use shared::billing_details::{self, BillingForm, Field, Problem, SaveError};
use shared::ids::CheckoutSessionId;
use shared::mail::{self, Email};
use shared::metrics::Job;
use shared::payment_method::{self, SetupOutcome, RETURN_PATH};
use shared::stripe::{CustomerView, SetupCheckoutRequest};
use shared::views::{self, ErrorKind, NavPage, BILLING_DETAILS_PATH, PAYMENT_METHOD_PATH};

use crate::app::App;
use crate::flash::Flash;
use crate::guard::Ctx;
use crate::reply::Reply;
use crate::stripe_reads::{with_key, within};

/// `GET /portal/payment-method[?result=updated|unchanged]`: the card and "Update card".
pub(crate) async fn payment_method_page(app: &App, ctx: Ctx) -> anyhow::Result<Reply> {
    let customer = with_key(app, ctx.key.as_ref(), "customer", |key| {
        app.stripe
            .own_customer(key, ctx.customer(), CustomerView::WithCard)
    })
    .await;
    let card = customer
        .as_ref()
        .map(|c| c.as_ref().and_then(|c| c.default_card()));
    let updated = match ctx.query.get("result") {
        Some("updated") => Some(true),
        Some("unchanged") => Some(false),
        _ => None,
    };
    let nonce = app.nonce()?;
    let chrome = ctx.chrome(NavPage::Overview);
    let page = views::payment_method(&views::PaymentMethodPage {
        t: ctx.t,
        brand: &ctx.brand(),
        chrome: &chrome,
        card: card.map_err(|_| ()),
        updated,
        nonce: &nonce,
    });
    Ok(ctx.page(page).with_form_target(app.checkout_target()))
}

/// `POST /portal/payment-method`: a Checkout Session in setup mode, then 303 to it.
pub(crate) async fn start_update(app: &App, ctx: Ctx) -> anyhow::Result<Reply> {
    let Some(key) = &ctx.key else {
        return Ok(ctx.failed(PAYMENT_METHOD_PATH));
    };
    let base = &app.config.public_base_url;
    let success = format!("{base}{RETURN_PATH}?session_id={{CHECKOUT_SESSION_ID}}");
    let cancel = format!("{base}{PAYMENT_METHOD_PATH}");
    let idem = ctx.idempotency_key("payment_method_update", ctx.customer().as_str());
    let tag = payment_method::card_update_tag(&ctx.project.id);
    let request = SetupCheckoutRequest {
        success_url: &success,
        cancel_url: &cancel,
        metadata: &tag,
    };
    let create = app
        .stripe
        .create_setup_checkout(key, ctx.customer(), &request, &idem);
    let Ok(checkout) = within(app, "checkout session", create).await else {
        return Ok(ctx.failed(PAYMENT_METHOD_PATH));
    };
    tracing::info!(project = %ctx.project.id, "card update started");
    Ok(ctx
        .see_other(checkout.url.clone())
        .with_form_target(Some(checkout.url)))
}

/// `GET /portal/payment-method/return?session_id=cs_…`: Stripe's Checkout sends the
/// customer back here; the card becomes the default (unless the webhook did it first).
pub(crate) async fn checkout_return(app: &App, ctx: Ctx) -> anyhow::Result<Reply> {
    let Some(cs) = ctx
        .query
        .get("session_id")
        .and_then(|s| CheckoutSessionId::parse(s).ok())
    else {
        return Ok(ctx.error(ErrorKind::NotFound));
    };
    let Some(key) = &ctx.key else {
        return Ok(ctx.failed(PAYMENT_METHOD_PATH));
    };
    let now = app.clock.now().unix_timestamp();
    let complete = payment_method::complete_setup(
        &app.stripe,
        key,
        &app.setup_marks,
        &ctx.project.id,
        ctx.customer(),
        &cs,
        now,
    );
    let result = match tokio::time::timeout(app.stripe_timeout, complete).await {
        Ok(Ok(SetupOutcome::Updated { .. } | SetupOutcome::AlreadyApplied)) => {
            payment_method_updated(app, &ctx, &cs, now).await;
            "updated"
        }
        Ok(Ok(SetupOutcome::NotCompleted)) => "unchanged",
        Ok(Ok(SetupOutcome::NotOwned | SetupOutcome::Foreign)) => {
            tracing::warn!(project = %ctx.project.id, "refused a checkout session the portal did not start for this customer");
            return Ok(ctx.error(ErrorKind::NotFound));
        }
        Ok(Err(e)) => {
            tracing::warn!(project = %ctx.project.id, error = ?e, "completing a card update failed");
            return Ok(ctx.failed(PAYMENT_METHOD_PATH));
        }
        Err(_) => {
            tracing::warn!(project = %ctx.project.id, "completing a card update timed out");
            return Ok(ctx.failed(PAYMENT_METHOD_PATH));
        }
    };
    Ok(ctx.see_other(format!("{PAYMENT_METHOD_PATH}?result={result}")))
}

/// The customer is back from Checkout with a new default card (applied by this request or
/// by the webhook just before): counted once per checkout session.
async fn payment_method_updated(app: &App, ctx: &Ctx, cs: &CheckoutSessionId, now: i64) {
    let project = &ctx.project.id;
    match app
        .setup_marks
        .first_return(project, cs.as_str(), now)
        .await
    {
        Ok(true) => {
            tracing::info!(project = %project, "payment method updated");
            crate::metrics::record_job(app, &ctx.session, Job::PaymentMethodUpdated).await;
        }
        Ok(false) => {}
        Err(e) => tracing::warn!(project = %project, error = ?e, "card update not counted"),
    }
}

/// The billing email changed: the old address hears of it (someone with the session could
/// otherwise take over the account's invoices unnoticed). Never fails the request.
async fn tell_old_address(app: &App, ctx: &Ctx, old: &str, new: &str) {
    let Some(from) = &ctx.project.sender_email else {
        return;
    };
    let name = &ctx.project.name;
    let email = Email {
        from: from.to_string(),
        to: old.to_owned(),
        subject: ctx.t.email_changed_subject(name),
        text: ctx.t.email_changed_body(name, new),
        html: None,
    };
    if let Err(e) = mail::send(&app.ses, &email).await {
        tracing::warn!(project = %ctx.project.id, error = ?e, "the old billing address was not told of the change");
    }
}

/// The billing details page with `form`, and the problems of a refused submission (422).
fn render_billing(
    app: &App,
    ctx: &Ctx,
    form: Result<&BillingForm, ()>,
    problems: &[(Field, Problem)],
    saved: bool,
) -> anyhow::Result<Reply> {
    let nonce = app.nonce()?;
    let chrome = ctx.chrome(NavPage::BillingDetails);
    let page = views::billing_details(&views::BillingDetailsPage {
        t: ctx.t,
        brand: &ctx.brand(),
        chrome: &chrome,
        allowed: &ctx.project.billing_fields,
        form,
        problems,
        saved,
        nonce: &nonce,
    });
    let reply = ctx.page(page);
    Ok(if problems.is_empty() {
        reply
    } else {
        reply.with_status(StatusCode::UNPROCESSABLE_ENTITY)
    })
}

/// `GET /portal/billing-details[?saved=1]`: the form, filled from the Stripe customer.
pub(crate) async fn billing_details_page(app: &App, ctx: Ctx) -> anyhow::Result<Reply> {
    if ctx.project.billing_fields.is_empty() {
        return Ok(ctx.error(ErrorKind::NotFound));
    }
    let customer = with_key(app, ctx.key.as_ref(), "customer", |key| {
        app.stripe
            .own_customer(key, ctx.customer(), CustomerView::WithTaxIds)
    })
    .await;
    let form = customer
        .ok()
        .flatten()
        .map(|c| BillingForm::from_customer(&c))
        .ok_or(());
    let saved = ctx.query.get("saved") == Some("1");
    render_billing(app, &ctx, form.as_ref().map_err(|_| ()), &[], saved)
}

/// `POST /portal/billing-details`: validates the allowed fields; saves what changed.
pub(crate) async fn save_billing_details(app: &App, ctx: Ctx) -> anyhow::Result<Reply> {
    let allowed = &ctx.project.billing_fields;
    if allowed.is_empty() {
        return Ok(ctx.error(ErrorKind::NotFound));
    }
    let form = BillingForm::from_pairs(ctx.form.pairs(), allowed);
    let update = match form.validate(allowed) {
        Ok(u) => u,
        Err(problems) => return render_billing(app, &ctx, Ok(&form), &problems, false),
    };
    let Some(key) = &ctx.key else {
        return Ok(ctx.failed(BILLING_DETAILS_PATH));
    };
    let read = app
        .stripe
        .own_customer(key, ctx.customer(), CustomerView::WithTaxIds);
    let current = match within(app, "customer", read).await {
        Ok(Some(c)) => c,
        Ok(None) => return Ok(ctx.error(ErrorKind::NotFound)),
        Err(()) => return Ok(ctx.failed(BILLING_DETAILS_PATH)),
    };
    let idem = ctx.idempotency_key("billing_details", ctx.customer().as_str());
    // No outer timeout: each Stripe call has its own, and a save that fails half-way must
    // get to put the customer back.
    let saved = billing_details::save(&app.stripe, key, &current, &update, &idem).await;
    match saved {
        Ok(changed) => {
            if changed {
                tracing::info!(project = %ctx.project.id, "billing details updated");
                crate::metrics::record_job(app, &ctx.session, Job::BillingDetailsUpdated).await;
            }
            if let (Some(old), Some(new)) = (current.email.as_deref(), update.email.as_deref()) {
                if !old.eq_ignore_ascii_case(new) {
                    tell_old_address(app, &ctx, old, new).await;
                }
            }
            Ok(ctx.see_other(format!("{BILLING_DETAILS_PATH}?saved=1")))
        }
        Err(SaveError::Refused(field)) => {
            render_billing(app, &ctx, Ok(&form), &[(field, Problem::Refused)], false)
        }
        Err(SaveError::Stripe(e)) => {
            tracing::warn!(project = %ctx.project.id, error = %e, "saving billing details failed");
            Ok(ctx.failed(BILLING_DETAILS_PATH))
        }
        Err(SaveError::MaybeSaved(e)) => {
            tracing::warn!(project = %ctx.project.id, error = %e, "a billing details save may be partly made");
            Ok(ctx.notice(BILLING_DETAILS_PATH, Flash::MaybeChanged))
        }
    }
}
