//! What each handled event does. Subscription state is re-read from Stripe, so replays
//! and out-of-order deliveries act on the current state, not the event's snapshot.

use anyhow::{anyhow, Context};
use shared::claims::Claim;
use shared::i18n::Catalogue;
use shared::ids::{CheckoutSessionId, CustomerId, Flow, Locale};
use shared::mail::{self, SubscriptionMail, Transition};
use shared::payment_method::{self, SetupOutcome};
use shared::project::Project;
use shared::stripe::event::{Event, EventData, PreviousAttributes};
use shared::stripe::{CheckoutSession, Expandable, StripeKey, Subscription};
use shared::token::TokenRequest;

use crate::App;

/// Processes one (claimed) event; an error means "not done, retry".
pub async fn process(app: &App, project: &Project, event: &Event) -> anyhow::Result<()> {
    let key = stripe_key(app, project).await?;
    match &event.data {
        EventData::Checkout(session) => checkout_completed(app, project, &key, session).await,
        // Stripe never sends these; a retry would not fix them.
        EventData::MalformedCheckout => Ok(()),
        EventData::MalformedSubscription => Err(anyhow!("event without a valid subscription")),
        EventData::Subscription { snapshot, previous } => {
            subscription_changed(app, project, &key, event, snapshot, previous).await
        }
    }
}

async fn stripe_key(app: &App, project: &Project) -> anyhow::Result<StripeKey> {
    let secret = app
        .secrets
        .get(&project.stripe_secret_key_parameter)
        .await
        .context("reading the project's Stripe key")?;
    Ok(StripeKey::new(secret))
}

async fn subscription_changed(
    app: &App,
    project: &Project,
    key: &StripeKey,
    event: &Event,
    snapshot: &Subscription,
    previous: &PreviousAttributes,
) -> anyhow::Result<()> {
    let id = &snapshot.id;
    // Gone from Stripe (its customer was deleted): nothing left to tell anyone.
    let Some(current) = app
        .stripe
        .event_subscription(key, id)
        .await
        .map_err(|e| anyhow!("re-reading subscription {id}: {e:?}"))?
    else {
        return Ok(());
    };
    let Some((transition, transition_key)) =
        mail::decide(&current, &event.id, event.kind, snapshot, previous)
    else {
        return Ok(());
    };
    let email = current.customer.object().and_then(|c| c.email.as_deref());
    let (Some(from), Some(to)) = (project.sender_email.as_ref(), email) else {
        tracing::info!(project = %project.id, subscription = %id, "no sender or no customer email; no mail");
        return Ok(());
    };
    let now = app.clock.now();
    let claim = app
        .mails
        .claim(
            &project.id,
            id.as_str(),
            &transition_key,
            now.unix_timestamp(),
        )
        .await?;
    let lease = match claim {
        Claim::Fresh(lease) => lease,
        Claim::Done => return Ok(()),
        // Another event's delivery is sending this very email: retry once it is done.
        Claim::InFlight => return Err(anyhow!("this email is being sent by another delivery")),
    };
    // The session that caused the event, else the customer's language, else the project's.
    let preferred = current
        .customer
        .object()
        .map(|c| c.preferred_locales.as_slice())
        .unwrap_or_default();
    let lang = mail::mail_lang(
        &snapshot.metadata,
        event.created,
        preferred,
        project.default_locale,
    );
    // The email's link opens the portal in the session's language too; otherwise `auto`
    // (the customer's language, then the browser's).
    let link_locale = mail::session_lang(&snapshot.metadata, event.created)
        .and_then(|l| Locale::parse(l.tag()).ok())
        .unwrap_or_default();
    let sent = send(
        app,
        project,
        &current,
        &transition,
        (Catalogue::of(lang), link_locale),
        (from.as_str(), to),
        now,
    )
    .await;
    if let Err(e) = sent {
        app.mails
            .release(&project.id, id.as_str(), &transition_key, &lease)
            .await
            .context("releasing an email claim after a failed send")?;
        return Err(e);
    }
    app.mails
        .done(&project.id, id.as_str(), &transition_key, &lease)
        .await?;
    tracing::info!(project = %project.id, subscription = %id, transition = %transition_key, "subscription email sent");
    Ok(())
}

/// Renders and sends the email of `transition` in `cat`'s language (with a fresh portal
/// link whose session speaks `link_locale`).
async fn send(
    app: &App,
    project: &Project,
    current: &Subscription,
    transition: &Transition,
    (cat, link_locale): (&Catalogue, Locale),
    (from, to): (&str, &str),
    now: time::OffsetDateTime,
) -> anyhow::Result<()> {
    let customer = CustomerId::parse(current.customer.id())
        .map_err(|_| anyhow!("subscription without a valid customer"))?;
    let link = portal_link(app, project, customer, link_locale, now).await?;
    let mail = SubscriptionMail {
        tenant: &project.name,
        plan: plan_name(current).unwrap_or(cat.unnamed_plan()),
        transition,
        portal_link: &link,
    };
    mail::send(&app.ses, &mail::render(cat, &mail, from, to)).await
}

/// The first item's plan name (the email names one plan).
fn plan_name(sub: &Subscription) -> Option<&str> {
    sub.items
        .data
        .first()?
        .price
        .display_name()
        .filter(|s| !s.is_empty())
}

/// A fresh portal link for the customer; once it expires, its page offers
/// "Email me a new link" to the address on file.
async fn portal_link(
    app: &App,
    project: &Project,
    customer: CustomerId,
    locale: Locale,
    now: time::OffsetDateTime,
) -> anyhow::Result<String> {
    let req = TokenRequest {
        project: project.id.clone(),
        customer,
        flow: Flow::Overview,
        subscription: None,
        return_url: None,
        locale,
        expires_in: i64::from(project.max_token_seconds),
    };
    let (token, _) = app
        .tokens
        .mint(req, "email", now, app.rng.as_ref())
        .await
        .context("minting a portal link for an email")?;
    if let Err(e) = app.metrics.minted(&project.id, now).await {
        tracing::warn!(project = %project.id, error = ?e, "minted link not counted");
    }
    Ok(format!(
        "{}/portal/s/{}",
        app.config.public_base_url,
        token.expose()
    ))
}

/// Setup-mode checkout completed: the new card becomes the customer's default and that
/// of their live subscriptions (`shared::payment_method::complete_setup`, shared with the
/// portal's return page: whichever comes second does nothing).
async fn checkout_completed(
    app: &App,
    project: &Project,
    key: &StripeKey,
    session: &CheckoutSession,
) -> anyhow::Result<()> {
    if session.mode.as_deref() != Some("setup")
        || !payment_method::is_card_update_of(session, &project.id)
    {
        // Not a card update the portal started for this project (a tenant's own setup
        // session, say): acknowledged and left alone. complete_setup checks it again on
        // the session as Stripe has it now.
        return Ok(());
    }
    let Some(customer) = session.customer.as_ref().map(Expandable::id) else {
        return Ok(());
    };
    // Stripe never sends these malformed; a retry would not fix them.
    let Ok(customer) = CustomerId::parse(customer) else {
        tracing::warn!(project = %project.id, "checkout session event with a malformed customer id");
        return Ok(());
    };
    let Ok(id) = CheckoutSessionId::parse(&session.id) else {
        tracing::warn!(project = %project.id, "checkout session event with a malformed id");
        return Ok(());
    };
    let now = app.clock.now().unix_timestamp();
    let outcome = payment_method::complete_setup(
        &app.stripe,
        key,
        &app.setup_marks,
        &project.id,
        &customer,
        &id,
        now,
    )
    .await?;
    match outcome {
        SetupOutcome::Updated { .. } => {
            tracing::info!(project = %project.id, via = "webhook", "payment method updated")
        }
        SetupOutcome::Foreign => {
            tracing::info!(project = %project.id, "a setup session the portal did not start; left alone")
        }
        _ => {}
    }
    Ok(())
}
