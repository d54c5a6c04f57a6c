//! `/portal/subscriptions/<id>/update`: change plan. A GET form picks the item, price and
//! quantity; the same page then shows Stripe's preview (charged now, next invoice) and a
//! one-click confirm POST. The rules live in `shared::plan`; the one place a change is
//! made is [`apply_change`].

use std::collections::HashMap;

use anyhow::{anyhow, Context};
use futures::stream::{self, StreamExt};
use http::{Method, StatusCode};
use lambda_http::Request;
use serde_json::{json, Value};
use shared::browser_session::BrowserSession;
use shared::i18n::Catalogue;
use shared::ids::SubscriptionId;
use shared::plan::{
    self, Change, ChangeRequest, OfferedPrice, PhaseBounds, Refusal, Schedule, When,
};
use shared::project::Project;
use shared::stripe::StripeKey;
use shared::stripe_portal::{action_idempotency_key, Expandable, PortalSubscription, Price};
use shared::views::{self, Brand, DowngradeOffer, ErrorKind, NavPage, PriceGroup, Selection};

use crate::flash::Flash;
use crate::handler::{
    chrome, error_reply, form_field, method_not_allowed, name_products, query_param, session,
    session_ended, session_page, stripe_key, within, Reply,
};
use crate::App;

/// Allowed prices fetched at once (there is no cap on how many a project allows).
const PRICE_FETCHES_IN_FLIGHT: usize = 8;
/// Longest value accepted from the form or query for an id or a quantity.
const MAX_FIELD: usize = 255;

/// Routes `/portal/subscriptions/<id>/update`.
pub(crate) async fn route(
    app: &App,
    req: &Request,
    id: &str,
) -> (&'static str, anyhow::Result<Reply>) {
    let Ok(id) = SubscriptionId::parse(id) else {
        return ("not_found", Ok(error_reply(ErrorKind::NotFound)));
    };
    match *req.method() {
        Method::GET | Method::HEAD => ("plan_page", page(app, req, &id).await),
        Method::POST => ("plan_change", confirm(app, req, &id).await),
        _ => ("method", Ok(method_not_allowed("GET, HEAD, POST"))),
    }
}

/// What both the page and the confirm need: the session, the subscription (the customer's
/// own) and the prices the project allows for it.
struct Loaded {
    session: BrowserSession,
    project: Project,
    key: StripeKey,
    sub: PortalSubscription,
    offered: Vec<Price>,
}

fn not_found(project: &Project) -> Reply {
    error_reply(ErrorKind::NotFound).for_project(Some(project))
}

async fn load(
    app: &App,
    req: &Request,
    id: &SubscriptionId,
) -> anyhow::Result<Result<Loaded, Reply>> {
    let Some((_, session, project)) = session(app, req).await? else {
        return Ok(Err(session_ended(app)));
    };
    if req.method() == Method::POST {
        let csrf = form_field(req, "csrf").unwrap_or_default();
        if !session.csrf_matches(&csrf) {
            tracing::warn!(project = %project.id, "refused a POST without a valid CSRF token");
            return Ok(Err(
                error_reply(ErrorKind::Forbidden).for_project(Some(&project))
            ));
        }
    }
    let key = stripe_key(app, &project).await?;
    // Listing the customer's own subscriptions scopes the id to this customer.
    let (subs, products, offered) = tokio::join!(
        within(
            app,
            "subscriptions",
            app.stripe
                .list_portal_subscriptions(&key, &session.customer)
        ),
        within(app, "products", app.stripe.list_products(&key, &[])),
        allowed_prices(app, &key, &project),
    );
    let Ok(subs) = subs else {
        return Ok(Err(
            error_reply(ErrorKind::Internal).for_project(Some(&project))
        ));
    };
    let mut subs = subs.data;
    subs.retain(|s| s.id == id.as_str());
    if subs.is_empty() {
        return Ok(Err(not_found(&project)));
    }
    name_products(app, &key, &mut subs, products).await;
    let mut sub = subs.swap_remove(0);
    let offered: Vec<Price> = offered
        .into_iter()
        .filter(|p| plan::offerable(&project, &sub, p))
        .map(|p| p.price)
        .collect();
    let t = Catalogue::for_locale(&session.locale);
    name_scheduled_change(app, &key, &mut sub, &offered, t).await;
    Ok(Ok(Loaded {
        session,
        project,
        key,
        sub,
        offered,
    }))
}

/// The project's allowed prices that Stripe returns (a deleted or unreadable one is left out).
async fn allowed_prices(app: &App, key: &StripeKey, project: &Project) -> Vec<OfferedPrice> {
    let mut ids = project.allowed_prices.clone();
    ids.dedup();
    stream::iter(ids)
        .map(|id| async move {
            within(app, "price", app.stripe.retrieve_offered_price(key, &id)).await
        })
        .buffered(PRICE_FETCHES_IN_FLIGHT)
        .filter_map(|r| async move { r.ok() })
        .collect()
        .await
}

/// Names the plan a schedule switches `sub` to (prices not in `known` are read).
async fn name_scheduled_change(
    app: &App,
    key: &StripeKey,
    sub: &mut PortalSubscription,
    known: &[Price],
    t: &'static Catalogue,
) {
    let ids = plan::scheduled_price_ids(sub);
    if ids.is_empty() {
        return;
    }
    let mut prices: HashMap<String, Price> = known
        .iter()
        .filter(|p| ids.contains(&p.id))
        .map(|p| (p.id.clone(), p.clone()))
        .collect();
    let unknown: Vec<&String> = ids.iter().filter(|id| !prices.contains_key(*id)).collect();
    for id in unknown {
        if let Ok(p) = within(app, "price", app.stripe.retrieve_offered_price(key, id)).await {
            prices.insert(id.clone(), p.price);
        }
    }
    sub.scheduled_change = plan::scheduled_change(sub, &prices, t.unnamed_plan);
}

/// Marks which subscriptions offer "Change plan" and names their scheduled changes (the
/// overview calls this once per page).
pub(crate) async fn annotate(
    app: &App,
    key: &StripeKey,
    project: &Project,
    subs: &mut [PortalSubscription],
    t: &'static Catalogue,
) {
    for sub in subs.iter_mut() {
        sub.plan_change_offered = !project.allowed_prices.is_empty() && plan::changeable(sub);
        name_scheduled_change(app, key, sub, &[], t).await;
    }
}

/// The cancel page's "Switch to <plan> instead", where the project's downgrade price
/// applies to this subscription and Stripe can offer it.
pub(crate) async fn downgrade_offer(
    app: &App,
    key: &StripeKey,
    project: &Project,
    sub: &PortalSubscription,
    t: &'static Catalogue,
) -> Option<DowngradeOffer> {
    let target = plan::downgrade_target(project, sub)?;
    let price = within(app, "price", app.stripe.retrieve_offered_price(key, target))
        .await
        .ok()
        .filter(|p| plan::offerable(project, sub, p))?;
    let item = sub.items.data.first()?;
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("item", &item.id)
        .append_pair("price", &price.price.id)
        .finish();
    Some(DowngradeOffer {
        t,
        plan: price
            .price
            .display_name()
            .unwrap_or(t.unnamed_plan)
            .to_owned(),
        href: format!("/portal/subscriptions/{}/update?{query}", sub.id),
    })
}

fn bounded(v: Option<String>) -> Option<String> {
    v.filter(|s| s.len() <= MAX_FIELD)
}

fn refusal_text(t: &'static Catalogue, r: Refusal) -> String {
    let tp = t.plan;
    match r {
        Refusal::PriceNotAllowed => tp.refused_price.to_owned(),
        Refusal::ItemNotOnSubscription => tp.refused_item.to_owned(),
        Refusal::ChooseItem => tp.refused_choose_item.to_owned(),
        Refusal::QuantityOutOfBounds { min, max } => (tp.refused_quantity)(min, max),
        Refusal::QuantityFixed => tp.refused_quantity_fixed.to_owned(),
        Refusal::PriceAlreadyOnSubscription => tp.refused_duplicate.to_owned(),
        Refusal::NotChangeable => tp.refused_state.to_owned(),
        Refusal::NoChange => tp.refused_same.to_owned(),
    }
}

fn plan_name(t: &Catalogue, items: impl Iterator<Item = (Option<String>, Option<u64>)>) -> String {
    let names: Vec<String> = items
        .map(|(name, qty)| {
            let name = name.unwrap_or_else(|| t.unnamed_plan.to_owned());
            match qty.filter(|q| *q > 1) {
                Some(q) => format!("{name} {}", (t.quantity)(q)),
                None => name,
            }
        })
        .collect();
    if names.is_empty() {
        t.unnamed_plan.to_owned()
    } else {
        names.join(" + ")
    }
}

fn current_plan(t: &Catalogue, sub: &PortalSubscription) -> String {
    plan_name(
        t,
        sub.items
            .data
            .iter()
            .map(|i| (i.price.display_name().map(str::to_owned), i.quantity)),
    )
}

fn target_plan(t: &Catalogue, change: &Change) -> String {
    plan_name(
        t,
        std::iter::once((
            change.target.display_name().map(str::to_owned),
            change.quantity,
        )),
    )
}

/// Offered prices grouped by product, in the project's order.
fn groups<'a>(t: &'static Catalogue, offered: &'a [Price]) -> Vec<PriceGroup<'a>> {
    let mut out: Vec<PriceGroup<'a>> = Vec::new();
    for price in offered {
        let product = match &price.product {
            Expandable::Object(p) => p.name.as_deref().unwrap_or(t.unnamed_plan),
            Expandable::Id(_) => price.nickname.as_deref().unwrap_or(t.unnamed_plan),
        };
        match out.iter_mut().find(|g| g.product == product) {
            Some(g) => g.prices.push(price),
            None => out.push(PriceGroup {
                product,
                prices: vec![price],
            }),
        }
    }
    out
}

/// `GET /portal/subscriptions/<id>/update[?item=&price=&quantity=]`.
async fn page(app: &App, req: &Request, id: &SubscriptionId) -> anyhow::Result<Reply> {
    let l = match load(app, req, id).await? {
        Ok(l) => l,
        Err(reply) => return Ok(reply),
    };
    let item = bounded(query_param(req, "item"));
    let price = bounded(query_param(req, "price"));
    let quantity = bounded(query_param(req, "quantity"));
    let asked = price.clone().map(|price| ChangeRequest {
        item: item.clone(),
        price,
        quantity: quantity.clone(),
    });
    let t = Catalogue::for_locale(&l.session.locale);
    let checked = asked.map(|a| plan::check(&l.project, &l.sub, &l.offered, &a));
    let quote = match &checked {
        Some(Ok(change)) => {
            let params = change.preview_params(l.session.customer.as_str(), &l.sub.id);
            // A preview changes nothing; the key only satisfies the client's write path.
            let nonce = shared::clock::random_base62(app.rng.as_ref(), 22)?;
            let idem = action_idempotency_key(&l.session.csrf, "preview", &l.sub.id, &nonce);
            Some(
                within(
                    app,
                    "preview",
                    app.stripe.preview_change(&l.key, &params, &idem),
                )
                .await
                .map(|p| plan::quote(change, &l.sub, &p)),
            )
        }
        _ => None,
    };
    let refusal = match &checked {
        Some(Err(r)) => Some(*r),
        // Say so before the customer picks anything (e.g. a cancellation is scheduled).
        None if !plan::changeable(&l.sub) => Some(Refusal::NotChangeable),
        _ => None,
    };
    let status = match refusal {
        Some(Refusal::NoChange) | None => StatusCode::OK,
        Some(Refusal::NotChangeable) if checked.is_none() => StatusCode::OK,
        Some(_) => StatusCode::BAD_REQUEST,
    };
    let change = checked.and_then(Result::ok);
    render(
        app,
        req,
        &l,
        RenderArgs {
            selection: Selection {
                item: item.as_deref(),
                price: price.as_deref(),
                quantity: quantity.as_deref(),
            },
            refusal: refusal.map(|r| refusal_text(t, r)),
            change: change.as_ref(),
            quote,
            status,
        },
    )
}

struct RenderArgs<'a> {
    selection: Selection<'a>,
    refusal: Option<String>,
    change: Option<&'a Change>,
    quote: Option<Result<plan::Quote, ()>>,
    status: StatusCode,
}

fn render(app: &App, req: &Request, l: &Loaded, a: RenderArgs<'_>) -> anyhow::Result<Reply> {
    let t = Catalogue::for_locale(&l.session.locale);
    let plan = current_plan(t, &l.sub);
    let to = a.change.map(|c| target_plan(t, c));
    let preview = match (a.change, a.quote, &to) {
        (Some(change), Some(quote), Some(to)) => Some(views::PreviewView {
            change,
            from: &plan,
            to,
            quote,
        }),
        _ => None,
    };
    let groups = groups(t, &l.offered);
    let nonce = shared::clock::random_base62(app.rng.as_ref(), 22)?;
    let brand = Brand::of(&l.project);
    let chrome =
        crate::flash::with_notice(chrome(&l.session, &l.project, NavPage::Overview), req, t);
    let page = views::plan_page(&views::PlanPage {
        t,
        brand: &brand,
        chrome: &chrome,
        sub: &l.sub,
        plan: &plan,
        groups: &groups,
        selection: a.selection,
        quantity: l.project.quantity,
        refusal: a.refusal.as_deref(),
        preview,
        nonce: &nonce,
    });
    Ok(session_page(page, &l.session, &l.project).with_status(a.status))
}

/// `POST /portal/subscriptions/<id>/update`: CSRF, the rules again, then [`apply_change`].
async fn confirm(app: &App, req: &Request, id: &SubscriptionId) -> anyhow::Result<Reply> {
    let l = match load(app, req, id).await? {
        Ok(l) => l,
        Err(reply) => return Ok(reply),
    };
    let item = bounded(form_field(req, "item"));
    let price = bounded(form_field(req, "price")).unwrap_or_default();
    let quantity = bounded(form_field(req, "quantity"));
    let asked = ChangeRequest {
        item: item.clone(),
        price: price.clone(),
        quantity: quantity.clone(),
    };
    let t = Catalogue::for_locale(&l.session.locale);
    let change = match plan::check(&l.project, &l.sub, &l.offered, &asked) {
        Ok(c) => c,
        // The same form again after it took effect: nothing more to do.
        Err(Refusal::NoChange) => return Ok(done(&l.project)),
        Err(r) => {
            tracing::info!(project = %l.project.id, refusal = ?r, "plan change refused");
            return render(
                app,
                req,
                &l,
                RenderArgs {
                    selection: Selection {
                        item: item.as_deref(),
                        price: Some(&price),
                        quantity: quantity.as_deref(),
                    },
                    refusal: Some(refusal_text(t, r)),
                    change: None,
                    quote: None,
                    status: StatusCode::BAD_REQUEST,
                },
            );
        }
    };
    if change.is_done(&l.sub) {
        return Ok(done(&l.project));
    }
    let nonce = form_field(req, "nonce")
        .filter(|n| n.len() <= 64 && n.bytes().all(|b| b.is_ascii_alphanumeric()))
        .unwrap_or_default();
    let keys = Keys {
        csrf: &l.session.csrf,
        sub: &l.sub.id,
        nonce: &nonce,
    };
    if let Err(e) = apply_change(app, &l.key, &l.sub, &change, &keys).await {
        tracing::warn!(project = %l.project.id, error = ?e, "plan change failed");
        // A write that timed out may have landed: re-read before saying nothing changed.
        let landed = match within(
            app,
            "subscriptions",
            app.stripe
                .list_portal_subscriptions(&l.key, &l.session.customer),
        )
        .await
        {
            Ok(list) => list
                .data
                .iter()
                .any(|s| s.id == l.sub.id && change.is_done(s)),
            Err(()) => false,
        };
        if !landed {
            return Ok(Flash::ActionFailed
                .redirect(&format!("/portal/subscriptions/{id}/update"))
                .for_project(Some(&l.project)));
        }
    }
    tracing::info!(project = %l.project.id, when = ?change.when, "plan changed");
    crate::metrics::record_job(app, &l.session, shared::metrics::Job::PlanChanged).await;
    Ok(done(&l.project))
}

fn done(project: &Project) -> Reply {
    Reply::see_other("/portal".to_owned()).for_project(Some(project))
}

/// Idempotency keys of one confirmed form: each Stripe write of the change gets its own,
/// the same on a resubmission of that form.
pub(crate) struct Keys<'a> {
    csrf: &'a str,
    sub: &'a str,
    nonce: &'a str,
}

impl Keys<'_> {
    fn of(&self, step: &str) -> String {
        action_idempotency_key(self.csrf, &format!("plan-{step}"), self.sub, self.nonce)
    }
}

/// How a confirmed change was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Applied {
    /// The subscription now has the new plan.
    Now,
    /// A schedule switches it at the period end.
    AtPeriodEnd,
}

/// Makes a checked change in Stripe: the one successful plan-change path. Now: releases a
/// schedule that would undo it, then updates the item. Period end: a schedule from the
/// subscription (or its existing one) gets a second phase with the new plan.
pub(crate) async fn apply_change(
    app: &App,
    key: &StripeKey,
    sub: &PortalSubscription,
    change: &Change,
    keys: &Keys<'_>,
) -> anyhow::Result<Applied> {
    let schedule = live_schedule(app, key, sub).await?;
    match change.when {
        When::Now(_) => {
            if let Some(s) = schedule {
                write(
                    app,
                    key,
                    &format!("/v1/subscription_schedules/{}/release", s.id),
                    &json!({}),
                    &keys.of("release"),
                )
                .await?;
            }
            write(
                app,
                key,
                &format!("/v1/subscriptions/{}", sub.id),
                &change.update_params(),
                &keys.of("update"),
            )
            .await?;
            Ok(Applied::Now)
        }
        When::PeriodEnd => {
            let schedule = match schedule {
                Some(s) => s,
                None => {
                    let created = write(
                        app,
                        key,
                        "/v1/subscription_schedules",
                        &json!({ "from_subscription": sub.id }),
                        &keys.of("schedule"),
                    )
                    .await?;
                    serde_json::from_value::<Schedule>(created)
                        .context("decoding the new schedule")?
                }
            };
            let bounds: PhaseBounds = schedule
                .current_phase
                .ok_or_else(|| anyhow!("schedule {} has no current phase", schedule.id))?;
            write(
                app,
                key,
                &format!("/v1/subscription_schedules/{}", schedule.id),
                &change.schedule_params(sub, bounds),
                &keys.of("phases"),
            )
            .await?;
            Ok(Applied::AtPeriodEnd)
        }
    }
}

/// The subscription's schedule while it still manages it.
async fn live_schedule(
    app: &App,
    key: &StripeKey,
    sub: &PortalSubscription,
) -> anyhow::Result<Option<Schedule>> {
    let schedule = match &sub.schedule {
        None => return Ok(None),
        Some(Expandable::Object(s)) => (**s).clone(),
        Some(Expandable::Id(id)) => {
            if !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                return Err(anyhow!("unexpected schedule id"));
            }
            within(
                app,
                "schedule",
                app.stripe
                    .get::<Schedule>(key, &format!("/v1/subscription_schedules/{id}"), &[]),
            )
            .await
            .map_err(|()| anyhow!("reading schedule {id}"))?
        }
    };
    Ok(matches!(schedule.status.as_str(), "active" | "not_started").then_some(schedule))
}

async fn write(
    app: &App,
    key: &StripeKey,
    path: &str,
    params: &Value,
    idempotency_key: &str,
) -> anyhow::Result<Value> {
    within(
        app,
        "plan_change",
        app.stripe.post::<Value>(key, path, params, idempotency_key),
    )
    .await
    .map_err(|()| anyhow!("Stripe write {path} failed"))
}
