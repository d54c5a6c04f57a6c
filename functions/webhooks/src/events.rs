//! What each handled event does. Subscription state is re-read from Stripe, so replays
//! and out-of-order deliveries act on the current state, not the event's snapshot.

use anyhow::{anyhow, Context};
use serde_json::Value;
use shared::i18n::Catalogue;
use shared::ids::{CustomerId, Flow, Locale, SubscriptionId};
use shared::mail::{self, SubscriptionMail};
use shared::payment_method::{self, SetupMarks, SetupOutcome};
use shared::project::Project;
use shared::stripe::{StripeError, StripeKey};
use shared::token::TokenRequest;

use crate::App;

const SUBSCRIPTION_EVENTS: [&str; 4] = [
    "customer.subscription.updated",
    "customer.subscription.deleted",
    "customer.subscription.paused",
    "customer.subscription.resumed",
];

/// Whether `kind` is an event type this function acts on.
pub fn handled(kind: &str) -> bool {
    SUBSCRIPTION_EVENTS.contains(&kind) || kind == "checkout.session.completed"
}

/// Processes one (claimed) event; an error means "not done, retry".
pub async fn process(app: &App, project: &Project, event: &Value) -> anyhow::Result<()> {
    let key = stripe_key(app, project).await?;
    match event["type"].as_str().unwrap_or_default() {
        "checkout.session.completed" => checkout_completed(app, project, &key, event).await,
        _ => subscription_changed(app, project, &key, event).await,
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

fn expand(fields: &[&str]) -> Vec<(String, String)> {
    fields
        .iter()
        .map(|f| ("expand[]".to_owned(), (*f).to_owned()))
        .collect()
}

async fn subscription_changed(
    app: &App,
    project: &Project,
    key: &StripeKey,
    event: &Value,
) -> anyhow::Result<()> {
    let snapshot = &event["data"]["object"];
    let id = snapshot["id"]
        .as_str()
        .and_then(|s| SubscriptionId::parse(s).ok())
        .ok_or_else(|| anyhow!("event without a valid subscription id"))?;
    let path = format!("/v1/subscriptions/{id}");
    let current: Value = match app
        .stripe
        .get(
            key,
            &path,
            &expand(&["customer", "items.data.price.product"]),
        )
        .await
    {
        Ok(v) => v,
        // Gone from Stripe (its customer was deleted): nothing left to tell anyone.
        Err(StripeError::NotFound(_)) => return Ok(()),
        Err(e) => return Err(anyhow!("re-reading subscription {id}: {e:?}")),
    };
    let Some((transition, transition_key)) = mail::decide(&current, event) else {
        return Ok(());
    };
    let customer = &current["customer"];
    let (Some(from), Some(to)) = (project.sender_email.as_deref(), customer["email"].as_str())
    else {
        tracing::info!(project = %project.id, subscription = %id, "no sender or no customer email; no mail");
        return Ok(());
    };
    let now = app.clock.now();
    if !app
        .mails
        .claim(
            &project.id,
            id.as_str(),
            &transition_key,
            now.unix_timestamp(),
        )
        .await?
    {
        return Ok(());
    }
    let sent = async {
        let customer_id = customer["id"]
            .as_str()
            .and_then(|c| CustomerId::parse(c).ok())
            .ok_or_else(|| anyhow!("subscription without a valid customer"))?;
        let link = portal_link(app, project, customer_id, now).await?;
        let cat = Catalogue::english();
        let plan = plan_name(&current).unwrap_or(cat.unnamed_plan);
        let email = mail::render(
            cat,
            &SubscriptionMail {
                tenant: &project.name,
                plan,
                transition: &transition,
                portal_link: &link,
            },
            from,
            to,
        );
        mail::send(&app.ses, &email).await
    }
    .await;
    if let Err(e) = sent {
        app.mails
            .release(&project.id, id.as_str(), &transition_key)
            .await
            .context("releasing an email claim after a failed send")?;
        return Err(e);
    }
    tracing::info!(project = %project.id, subscription = %id, transition = %transition_key, "subscription email sent");
    Ok(())
}

fn plan_name(sub: &Value) -> Option<&str> {
    let price = &sub["items"]["data"][0]["price"];
    price["product"]["name"]
        .as_str()
        .or_else(|| price["nickname"].as_str())
        .filter(|s| !s.is_empty())
}

/// A fresh portal link for the customer; once it expires, its page offers
/// "Email me a new link" to the address on file.
async fn portal_link(
    app: &App,
    project: &Project,
    customer: CustomerId,
    now: time::OffsetDateTime,
) -> anyhow::Result<String> {
    let req = TokenRequest {
        project: project.id.clone(),
        customer,
        flow: Flow::Overview,
        subscription: None,
        return_url: None,
        locale: Locale::default(),
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
    event: &Value,
) -> anyhow::Result<()> {
    let session = &event["data"]["object"];
    if session["mode"].as_str() != Some("setup") {
        return Ok(());
    }
    let (Some(customer), Some(id)) = (
        session["customer"]
            .as_str()
            .or_else(|| session["customer"]["id"].as_str()),
        session["id"].as_str(),
    ) else {
        return Ok(());
    };
    // Stripe never sends these malformed; a retry would not fix them.
    let Ok(customer) = CustomerId::parse(customer) else {
        tracing::warn!(project = %project.id, "checkout session event with a malformed customer id");
        return Ok(());
    };
    if !payment_method::is_checkout_session_id(id) {
        tracing::warn!(project = %project.id, "checkout session event with a malformed id");
        return Ok(());
    }
    let marks = SetupMarks::new(app.table.clone());
    let now = app.clock.now().unix_timestamp();
    let outcome =
        payment_method::complete_setup(&app.stripe, key, &marks, &project.id, &customer, id, now)
            .await?;
    if let SetupOutcome::Updated { .. } = outcome {
        tracing::info!(project = %project.id, via = "webhook", "payment method updated");
    }
    Ok(())
}
