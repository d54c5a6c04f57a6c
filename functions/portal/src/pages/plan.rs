//! `/portal/subscriptions/<id>/update`: change plan. A GET form picks the item, price and
//! quantity; the same page then shows Stripe's preview (charged now, next invoice) and a
//! one-click confirm POST. The rules live in `shared::plan`; the one place a change is
//! made is [`apply_change`].

use http::StatusCode;
use shared::i18n::Catalogue;
use shared::ids::SubscriptionId;
use shared::plan::{self, Change, ChangeRequest, Refusal};
use shared::stripe::{action_idempotency_key, Expandable, Owned, Price, Subscription};
use shared::views::{self, ErrorKind, NavPage, PriceGroup, Selection, SubscriptionCard};

use crate::app::App;
use crate::flash::Flash;
use crate::guard::Ctx;
use crate::reply::Reply;
use crate::schedules::Failed;

use super::plan_change::{apply_change, Keys};
use crate::stripe_reads::{named_subscriptions, prices, scheduled_change, within};

/// Longest value accepted from the form or query for an id or a quantity.
const MAX_FIELD: usize = 255;

/// What both the page and the confirm need: the subscription (the customer's own), the
/// prices the project allows for it, and its scheduled change.
struct Loaded {
    sub: Owned<Subscription>,
    offered: Vec<Price>,
    scheduled: Option<plan::ScheduledChange>,
}

async fn load(app: &App, ctx: &Ctx, id: &SubscriptionId) -> anyhow::Result<Result<Loaded, Reply>> {
    let key = ctx.key()?;
    // Listing the customer's own subscriptions scopes the id to this customer.
    let project = &ctx.project;
    let (subs, allowed) = tokio::join!(
        named_subscriptions(app, key, &project.id, ctx.customer()),
        prices(app, key, &project.id, &project.allowed_prices),
    );
    let Ok(subs) = subs else {
        return Ok(Err(ctx.error(ErrorKind::Internal)));
    };
    let Some(sub) = subs.into_iter().find(|s| s.id == *id) else {
        return Ok(Err(ctx.error(ErrorKind::NotFound)));
    };
    let offered: Vec<Price> = allowed
        .into_iter()
        .filter(|p| plan::offerable(&ctx.project, &sub, p))
        .collect();
    let scheduled = scheduled_change(app, key, &project.id, &sub, &offered, ctx.t).await;
    Ok(Ok(Loaded {
        sub,
        offered,
        scheduled,
    }))
}

fn refusal_text(t: &'static Catalogue, r: Refusal) -> String {
    let tp = t.plan();
    match r {
        Refusal::PriceNotAllowed => tp.refused_price().to_owned(),
        Refusal::ItemNotOnSubscription => tp.refused_item().to_owned(),
        Refusal::ChooseItem => tp.refused_choose_item().to_owned(),
        Refusal::QuantityOutOfBounds { min, max } => tp.refused_quantity(min, max),
        Refusal::QuantityFixed => tp.refused_quantity_fixed().to_owned(),
        Refusal::PriceAlreadyOnSubscription => tp.refused_duplicate().to_owned(),
        Refusal::NotChangeable => tp.refused_state().to_owned(),
        Refusal::NoChange => tp.refused_same().to_owned(),
    }
}

/// A plan's name with quantities ("Pro × 3 + Support").
fn plan_name<'a>(
    t: &Catalogue,
    items: impl Iterator<Item = (Option<&'a str>, Option<u64>)>,
) -> String {
    let names: Vec<String> = items
        .map(|(name, qty)| {
            let name = name.unwrap_or(t.unnamed_plan());
            match qty.filter(|q| *q > 1) {
                Some(q) => format!("{name} {}", t.quantity(q)),
                None => name.to_owned(),
            }
        })
        .collect();
    if names.is_empty() {
        t.unnamed_plan().to_owned()
    } else {
        names.join(" + ")
    }
}

/// Offered prices grouped by product, in the project's order.
fn groups<'a>(t: &'static Catalogue, offered: &'a [Price]) -> Vec<PriceGroup<'a>> {
    let mut out: Vec<PriceGroup<'a>> = Vec::new();
    for price in offered {
        let product = match &price.product {
            Expandable::Object(p) => p.name.as_deref().unwrap_or(t.unnamed_plan()),
            Expandable::Id(_) => price.nickname.as_deref().unwrap_or(t.unnamed_plan()),
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

/// What the customer asked for, as typed.
struct Asked<'a> {
    item: Option<&'a str>,
    price: Option<&'a str>,
    quantity: Option<&'a str>,
}

impl Asked<'_> {
    fn request(&self) -> Option<ChangeRequest> {
        Some(ChangeRequest {
            item: self.item.map(str::to_owned),
            price: self.price?.to_owned(),
            quantity: self.quantity.map(str::to_owned),
        })
    }

    fn selection(&self) -> Selection<'_> {
        Selection {
            item: self.item,
            price: self.price,
            quantity: self.quantity,
        }
    }
}

/// `GET /portal/subscriptions/<id>/update[?item=&price=&quantity=]`.
pub(crate) async fn page(app: &App, ctx: Ctx, id: &SubscriptionId) -> anyhow::Result<Reply> {
    let l = match load(app, &ctx, id).await? {
        Ok(l) => l,
        Err(reply) => return Ok(reply),
    };
    let q = &ctx.query;
    let asked = Asked {
        item: q.get("item").filter(|v| v.len() <= MAX_FIELD),
        price: q.get("price").filter(|v| v.len() <= MAX_FIELD),
        quantity: q.get("quantity").filter(|v| v.len() <= MAX_FIELD),
    };
    let checked = asked
        .request()
        .map(|a| plan::check(&ctx.project, &l.sub, &l.offered, &a));
    let quote = match &checked {
        Some(Ok(change)) => Some(quote(app, &ctx, &l.sub, change).await?),
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
    render(app, &ctx, &l, &asked, refusal, change.as_ref().zip(quote))
        .map(|r| r.with_status(status))
}

/// Stripe's figures for `change`: its preview and, where it is invoiced at once, the
/// preview of the renewal after it, in one concurrent round. `Err(())` where either
/// failed: the page then says the cost is unavailable.
async fn quote(
    app: &App,
    ctx: &Ctx,
    sub: &Owned<Subscription>,
    change: &Change,
) -> anyhow::Result<Result<plan::Quote, ()>> {
    let key = ctx.key()?;
    let nonce = app.nonce()?;
    // A preview changes nothing; the keys only satisfy the client's write path.
    let idem =
        |what: &str| action_idempotency_key(&ctx.session.csrf, what, sub.id.as_str(), &nonce);
    let (proposed, after) = (change.preview_change(), change.renewal_preview_change());
    let (proposed_key, after_key) = (idem("preview"), idem("preview-renewal"));
    let now = within(
        app,
        "preview",
        app.stripe
            .preview_invoice(key, sub, Some(&proposed), &proposed_key),
    );
    let renewal = async {
        match change.invoiced_now() {
            true => {
                let call = app
                    .stripe
                    .preview_invoice(key, sub, Some(&after), &after_key);
                Some(within(app, "preview", call).await)
            }
            false => None,
        }
    };
    let (now, renewal) = tokio::join!(now, renewal);
    let renewal = match renewal {
        Some(Err(())) => return Ok(Err(())),
        Some(Ok(r)) => Some(r),
        None => None,
    };
    Ok(now.and_then(|p| plan::quote(change, &p, renewal.as_ref()).ok_or(())))
}

fn render(
    app: &App,
    ctx: &Ctx,
    l: &Loaded,
    asked: &Asked<'_>,
    refusal: Option<Refusal>,
    preview: Option<(&Change, Result<plan::Quote, ()>)>,
) -> anyhow::Result<Reply> {
    let t = ctx.t;
    let items = l.sub.items.data.iter();
    let current = plan_name(t, items.map(|i| (i.price.display_name(), i.quantity)));
    let target = preview
        .as_ref()
        .map(|(c, _)| plan_name(t, std::iter::once((c.target.display_name(), c.quantity))));
    let preview = match (preview, &target) {
        (Some((change, quote)), Some(to)) => Some(views::PreviewView {
            change,
            from: &current,
            to,
            quote,
        }),
        _ => None,
    };
    let refusal = refusal.map(|r| refusal_text(t, r));
    let groups = groups(t, &l.offered);
    let nonce = app.nonce()?;
    let chrome = ctx.chrome(NavPage::Overview);
    let card = SubscriptionCard {
        sub: &l.sub,
        scheduled_change: l.scheduled.clone(),
        plan_change_offered: false,
        next_invoice: None,
    };
    let page = views::plan_page(&views::PlanPage {
        t,
        brand: &ctx.brand(),
        chrome: &chrome,
        card: &card,
        plan: &current,
        groups: &groups,
        selection: asked.selection(),
        quantity: ctx.project.quantity,
        refusal: refusal.as_deref(),
        preview,
        nonce: &nonce,
    });
    Ok(ctx.page(page))
}

/// `POST /portal/subscriptions/<id>/update`: the rules again, then [`apply_change`].
pub(crate) async fn confirm(app: &App, ctx: Ctx, id: &SubscriptionId) -> anyhow::Result<Reply> {
    let l = match load(app, &ctx, id).await? {
        Ok(l) => l,
        Err(reply) => return Ok(reply),
    };
    let f = &ctx.form;
    let asked = Asked {
        item: f.bounded("item", MAX_FIELD),
        price: Some(f.bounded("price", MAX_FIELD).unwrap_or_default()),
        quantity: f.bounded("quantity", MAX_FIELD),
    };
    let request = ChangeRequest {
        item: asked.item.map(str::to_owned),
        price: asked.price.unwrap_or_default().to_owned(),
        quantity: asked.quantity.map(str::to_owned),
    };
    let change = match plan::check(&ctx.project, &l.sub, &l.offered, &request) {
        Ok(c) => c,
        // The same form again after it took effect: nothing more to do.
        Err(Refusal::NoChange) => return Ok(ctx.see_other("/portal".to_owned())),
        Err(r) => {
            tracing::info!(project = %ctx.project.id, refusal = ?r, "plan change refused");
            return render(app, &ctx, &l, &asked, Some(r), None)
                .map(|r| r.with_status(StatusCode::BAD_REQUEST));
        }
    };
    if change.is_done(&l.sub) {
        return Ok(ctx.see_other("/portal".to_owned()));
    }
    // Without the project's Stripe key there is nothing to try: the error page.
    ctx.key()?;
    let keys = Keys {
        csrf: &ctx.session.csrf,
        sub: l.sub.id.as_str(),
        nonce: ctx.form.nonce(),
    };
    if let Err(failure) = apply_change(app, &ctx, &l.sub, &change, &keys).await {
        tracing::warn!(project = %ctx.project.id, ?failure, "plan change failed");
        let flash = match failure {
            Failed::NothingChanged => Flash::ActionFailed,
            Failed::MaybeChanged => Flash::MaybeChanged,
        };
        return Ok(ctx.notice(&format!("/portal/subscriptions/{id}/update"), flash));
    }
    tracing::info!(project = %ctx.project.id, when = ?change.when, "plan changed");
    crate::metrics::record_job(app, &ctx.session, shared::metrics::Job::PlanChanged).await;
    Ok(ctx.see_other("/portal".to_owned()))
}
