//! Reads several pages share: a Stripe call bounded by the page's patience, the
//! customer's subscriptions with their plans named, and what the portal adds to each
//! (its scheduled change, whether it offers "Change plan").

use std::collections::HashMap;
use std::future::Future;
use std::sync::Arc;

use shared::i18n::Catalogue;
use shared::ids::{CustomerId, PriceId, ProjectId};
use shared::plan::{self, ScheduledChange};
use shared::project::Project;
use shared::stripe::{
    missing_products, List, Owned, Price, Product, StripeError, StripeKey, Subscription,
};
use shared::views::SubscriptionCard;

use crate::app::App;

/// A Stripe call bounded by the page's patience; failures are logged and become `Err(())`.
pub(crate) async fn within<T>(
    app: &App,
    what: &'static str,
    call: impl Future<Output = Result<T, StripeError>>,
) -> Result<T, ()> {
    match tokio::time::timeout(app.stripe_timeout, call).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => {
            tracing::warn!(call = what, error = %e, "Stripe call failed; showing a notice");
            Err(())
        }
        Err(_) => {
            tracing::warn!(call = what, "Stripe call timed out; showing a notice");
            Err(())
        }
    }
}

/// A read that needs the project's Stripe key: without one (SSM failed) the page shows
/// a notice, as for any failed read.
pub(crate) async fn with_key<'k, T, F>(
    app: &App,
    key: Option<&'k StripeKey>,
    what: &'static str,
    call: impl FnOnce(&'k StripeKey) -> F,
) -> Result<T, ()>
where
    F: Future<Output = Result<T, StripeError>>,
{
    match key {
        Some(key) => within(app, what, call(key)).await,
        None => Err(()),
    }
}

/// The project's first page of products (kept a minute per process, `catalog`).
pub(crate) async fn products(
    app: &App,
    key: &StripeKey,
    project: &ProjectId,
) -> Result<Arc<List<Product>>, ()> {
    let read = app
        .catalog
        .products(project, || app.stripe.products(key, &[]));
    within(app, "products", read).await
}

/// The customer's subscriptions with their plans named: one concurrent round
/// (subscriptions and the first page of products), a second only for products beyond it.
pub(crate) async fn named_subscriptions(
    app: &App,
    key: &StripeKey,
    project: &ProjectId,
    customer: &CustomerId,
) -> Result<Vec<Owned<Subscription>>, ()> {
    let (subs, products) = tokio::join!(
        within(
            app,
            "subscriptions",
            app.stripe.customer_subscriptions(key, customer)
        ),
        products(app, key, project),
    );
    let mut subs = subs?;
    name_products(app, key, &mut subs, products).await;
    Ok(subs)
}

/// Names the products of `subs`: `listed` is the first page of products (read alongside the
/// subscriptions); those beyond it are read in one more call.
pub(crate) async fn name_products(
    app: &App,
    key: &StripeKey,
    subs: &mut [Owned<Subscription>],
    listed: Result<Arc<List<Product>>, ()>,
) {
    let mut known: HashMap<String, Product> = listed
        .map(|l| l.data.iter().map(|p| (p.id.clone(), p.clone())).collect())
        .unwrap_or_default();
    let missing = missing_products(subs, &known);
    if !missing.is_empty() {
        if let Ok(more) = within(app, "products", app.stripe.products(key, &missing)).await {
            known.extend(more.data.into_iter().map(|p| (p.id.clone(), p)));
        }
    }
    for sub in subs.iter_mut() {
        sub.attach_products(&known);
    }
}

/// Price `id` of the project (kept a minute per process, `catalog`).
pub(crate) async fn price(
    app: &App,
    key: &StripeKey,
    project: &ProjectId,
    id: &PriceId,
) -> Result<Arc<Price>, ()> {
    let read = app.catalog.price(project, id, || app.stripe.price(key, id));
    within(app, "price", read).await
}

/// The project's prices that Stripe returns, in the project's order (a deleted or
/// unreadable one is left out). `ids` may repeat; each is read once, a few at a time.
pub(crate) async fn prices(
    app: &App,
    key: &StripeKey,
    project: &ProjectId,
    ids: &[PriceId],
) -> Vec<Price> {
    use futures::stream::{self, StreamExt};
    /// Prices fetched at once (there is no cap on how many a project allows).
    const IN_FLIGHT: usize = 8;
    let mut ids = ids.to_vec();
    ids.dedup();
    stream::iter(ids)
        .map(|id| async move { price(app, key, project, &id).await })
        .buffered(IN_FLIGHT)
        .filter_map(|r| async move { r.ok().map(|p| (*p).clone()) })
        .collect()
        .await
}

/// The plan `sub`'s schedule switches it to, named (prices not in `known` are read).
pub(crate) async fn scheduled_change(
    app: &App,
    key: &StripeKey,
    project: &ProjectId,
    sub: &Subscription,
    known: &[Price],
    t: &'static Catalogue,
) -> Option<ScheduledChange> {
    let ids = plan::scheduled_price_ids(sub);
    if ids.is_empty() {
        return None;
    }
    let mut names: HashMap<String, Price> = known
        .iter()
        .filter(|p| ids.iter().any(|id| id == p.id.as_str()))
        .map(|p| (p.id.to_string(), p.clone()))
        .collect();
    let unknown: Vec<PriceId> = ids
        .iter()
        .filter(|id| !names.contains_key(*id))
        .filter_map(|id| PriceId::parse(id).ok())
        .collect();
    for p in prices(app, key, project, &unknown).await {
        names.insert(p.id.to_string(), p);
    }
    plan::scheduled_change(sub, &names, t.unnamed_plan())
}

/// Each subscription as the overview shows it: its scheduled change and whether it offers
/// "Change plan".
pub(crate) async fn cards<'a>(
    app: &App,
    key: &StripeKey,
    project: &Project,
    subs: &'a [Owned<Subscription>],
    t: &'static Catalogue,
) -> Vec<SubscriptionCard<'a>> {
    let mut cards = Vec::with_capacity(subs.len());
    for sub in subs {
        cards.push(SubscriptionCard {
            sub,
            scheduled_change: scheduled_change(app, key, &project.id, sub, &[], t).await,
            plan_change_offered: !project.allowed_prices.is_empty() && plan::changeable(sub),
            next_invoice: None,
        });
    }
    cards
}
