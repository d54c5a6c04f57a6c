//! `/portal/subscriptions/<id>/update`: change plan. A GET form picks the item, price and
//! quantity; the same page then shows Stripe's preview (charged now, next invoice) and a
//! one-click confirm POST. The rules live in `shared::plan`; the one place a change is
//! made is [`apply_change`].
//!
//! The preview is built from the subscription (which item, from which price, at which
//! quantity decide the proration and whether the change is invoiced now), so it would wait
//! for the subscription list. Where the session's read hint describes the subscription's
//! items and the prices are kept from an earlier page, the page builds the change from the
//! hint and asks for its preview in the same round as the list; the list then decides: the
//! preview is used only if the change it checks is the one previewed (the same request),
//! else it is asked again.

use http::StatusCode;
use shared::i18n::Catalogue;
use shared::ids::SubscriptionId;
use shared::plan::{self, Change, ChangeRequest, Refusal};
use shared::stripe::{
    action_idempotency_key, Expandable, InvoicePreview, Owned, PreviewChange, Price, Subscription,
    SubscriptionItem,
};
use shared::views::{self, ErrorKind, NavPage, PriceGroup, Selection, SubscriptionCard};

use crate::app::App;
use crate::flash::Flash;
use crate::guard::Ctx;
use crate::hint;
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

/// [`Loaded`], and with it, where `early` asks for a change the session's hint can
/// describe, that change's previews, asked for as soon as the prices are at hand (in the
/// list's round when they are kept from an earlier page). The list decides whether they
/// answer the change it checks ([`Previewed::answers`]).
async fn load(
    app: &App,
    ctx: &Ctx,
    id: &SubscriptionId,
    early: Option<&ChangeRequest>,
) -> anyhow::Result<Result<(Loaded, Option<Previewed>), Reply>> {
    let key = ctx.key()?;
    // Listing the customer's own subscriptions scopes the id to this customer.
    let project = &ctx.project;
    let allowed_then_early = async {
        let allowed = prices(app, key, &project.id, &project.allowed_prices).await;
        let early = match early.and_then(|req| hinted_change(ctx, id, &allowed, req)) {
            Some(change) => Some(preview(app, ctx, id, &change).await),
            None => None,
        };
        (allowed, early)
    };
    let (subs, (allowed, early)) = tokio::join!(
        named_subscriptions(app, key, &project.id, ctx.customer()),
        allowed_then_early,
    );
    let early = early.transpose()?;
    let Ok(subs) = subs else {
        return Ok(Err(ctx.error(ErrorKind::Internal)));
    };
    let fresh_hint = hint::of_list(&subs);
    let Some(sub) = subs.into_iter().find(|s| s.id == *id) else {
        return Ok(Err(ctx.error(ErrorKind::NotFound)));
    };
    let offered: Vec<Price> = allowed
        .into_iter()
        .filter(|p| plan::offerable(&ctx.project, &sub, p))
        .collect();
    let (scheduled, ()) = tokio::join!(
        scheduled_change(app, key, &project.id, &sub, &offered, ctx.t),
        hint::remember(app, &ctx.session, &fresh_hint),
    );
    Ok(Ok((
        Loaded {
            sub,
            offered,
            scheduled,
        },
        early,
    )))
}

/// The change `req` would be were subscription `id` as the session's hint last saw it:
/// its items from the hint, their prices from `allowed`. `None` where the hint does not
/// describe `id`, names a price not among `allowed`, or the rules refuse the request.
fn hinted_change(
    ctx: &Ctx,
    id: &SubscriptionId,
    allowed: &[Price],
    req: &ChangeRequest,
) -> Option<Change> {
    let items = ctx
        .session
        .hint
        .plan_of(id)
        .map(|h| {
            let price = allowed.iter().find(|p| p.id == h.price)?;
            Some(SubscriptionItem {
                id: h.item.clone(),
                price: price.clone(),
                quantity: h.quantity,
                current_period_start: None,
                current_period_end: None,
                discounts: Vec::new(),
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let currency = items.first()?.price.currency.as_str();
    let offered: Vec<Price> = allowed
        .iter()
        .filter(|p| plan::offerable_in(&ctx.project, Some(currency), p))
        .cloned()
        .collect();
    plan::check_items(&ctx.project, &items, &offered, req).ok()
}

/// Stripe's previews of a change to one of the customer's subscriptions: the change's own
/// and, where it is invoiced at once, the renewal's after it; each `Err(())` where it
/// failed (the page then says the cost is unavailable).
struct Previewed {
    /// What was asked: the change (`subscription_details`), and whether it is invoiced now.
    asked: (PreviewChange, bool),
    now: Result<Owned<InvoicePreview>, ()>,
    renewal: Option<Result<Owned<InvoicePreview>, ()>>,
}

impl Previewed {
    /// Whether these are the previews of `change`: the requests it would send are these.
    fn answers(&self, change: &Change) -> bool {
        self.asked == (change.preview_change(), change.invoiced_now())
    }

    /// Stripe's figures for `change`.
    fn quote(&self, change: &Change) -> Result<plan::Quote, ()> {
        let renewal = match &self.renewal {
            Some(Err(())) => return Err(()),
            Some(Ok(r)) => Some(&**r),
            None => None,
        };
        let now = self.now.as_ref().map_err(|_| ())?;
        plan::quote(change, now, renewal).ok_or(())
    }
}

/// The previews of `change` to the customer's subscription `id`, in one concurrent round
/// (each scoped to the customer: Stripe refuses another's subscription, and the answer
/// must name this customer and subscription).
async fn preview(
    app: &App,
    ctx: &Ctx,
    id: &SubscriptionId,
    change: &Change,
) -> anyhow::Result<Previewed> {
    let key = ctx.key()?;
    let nonce = app.nonce()?;
    // A preview changes nothing; the keys only satisfy the client's write path.
    let idem = |what: &str| action_idempotency_key(&ctx.session.csrf, what, id.as_str(), &nonce);
    let one = |details: PreviewChange, idem: String| async move {
        let call = app
            .stripe
            .customer_preview(key, ctx.customer(), id, Some(&details), &idem);
        within(app, "preview", call).await?.ok_or(())
    };
    let asked = (change.preview_change(), change.invoiced_now());
    let now = one(asked.0.clone(), idem("preview"));
    let renewal = async {
        match asked.1 {
            true => {
                let after = change.renewal_preview_change();
                Some(one(after, idem("preview-renewal")).await)
            }
            false => None,
        }
    };
    let (now, renewal) = tokio::join!(now, renewal);
    Ok(Previewed {
        asked,
        now,
        renewal,
    })
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
    let q = &ctx.query;
    let asked = Asked {
        item: q.get("item").filter(|v| v.len() <= MAX_FIELD),
        price: q.get("price").filter(|v| v.len() <= MAX_FIELD),
        quantity: q.get("quantity").filter(|v| v.len() <= MAX_FIELD),
    };
    let request = asked.request();
    let (l, early) = match load(app, &ctx, id, request.as_ref()).await? {
        Ok(loaded) => loaded,
        Err(reply) => return Ok(reply),
    };
    let checked = request.map(|a| plan::check(&ctx.project, &l.sub, &l.offered, &a));
    let quote = match &checked {
        Some(Ok(change)) => {
            let previewed = match early {
                Some(p) if p.answers(change) => p,
                _ => preview(app, &ctx, &l.sub.id, change).await?,
            };
            Some(previewed.quote(change))
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
    render(app, &ctx, &l, &asked, refusal, change.as_ref().zip(quote))
        .map(|r| r.with_status(status))
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
    let l = match load(app, &ctx, id, None).await? {
        Ok((l, _)) => l,
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
