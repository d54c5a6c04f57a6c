//! Plan changes: which prices a customer may switch to, whether a change is an upgrade or
//! a downgrade, when it applies, and the Stripe parameters that make it (a subscription
//! update now, or a schedule whose second phase starts at the period end).
//!
//! Everything here is pure: the portal fetches, these functions decide.

use std::collections::HashMap;

use crate::ids::PriceId;
use crate::project::{DowngradeTiming, Project, ProrationBehavior};
use crate::stripe::{
    Charges, InvoicePreview, ItemParams, Phase, PhaseBounds, PhaseDuration, PhaseItemParams,
    PhaseParams, PreviewChange, Price, ScheduleUpdate, Subscription, SubscriptionItem,
    SubscriptionUpdate,
};

/// A change the subscription's schedule will make: the plan it switches to, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduledChange {
    /// The plan's display name.
    pub plan: String,
    /// When it applies, epoch seconds.
    pub at: i64,
}

/// Price ids of a subscription's scheduled next phase (to be named).
pub fn scheduled_price_ids(sub: &Subscription) -> Vec<String> {
    let Some(phase) = next_phase_of(sub) else {
        return Vec::new();
    };
    phase
        .items
        .iter()
        .map(|i| i.price_id().to_owned())
        .collect()
}

fn next_phase_of(sub: &Subscription) -> Option<&Phase> {
    sub.schedule.as_ref()?.object()?.next_phase()
}

/// The scheduled change of `sub`, if its next phase holds other items than now; `prices`
/// names the phase's prices (an unnamed one reads `unnamed`).
pub fn scheduled_change(
    sub: &Subscription,
    prices: &HashMap<String, Price>,
    unnamed: &str,
) -> Option<ScheduledChange> {
    let phase = next_phase_of(sub)?;
    let now: Vec<(&str, Option<u64>)> = sub
        .items
        .data
        .iter()
        .map(|i| (i.price.id.as_str(), i.quantity))
        .collect();
    let next: Vec<(&str, Option<u64>)> = phase
        .items
        .iter()
        .map(|i| (i.price_id(), i.quantity))
        .collect();
    if now == next {
        return None;
    }
    let names: Vec<&str> = phase
        .items
        .iter()
        .map(|i| {
            prices
                .get(i.price_id())
                .and_then(Price::display_name)
                .unwrap_or(unnamed)
        })
        .collect();
    Some(ScheduledChange {
        plan: names.join(" + "),
        at: phase.start_date,
    })
}

/// Whether a change raises or lowers what the customer pays per unit of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Pays more (or the same): applies now.
    Upgrade,
    /// Pays less: applies when the project says.
    Downgrade,
}

/// When a change applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Now, prorated as given.
    Now(ProrationBehavior),
    /// At the end of the current period, through a subscription schedule.
    PeriodEnd,
}

/// Amount per year as a fraction (numerator, denominator), so prices of different intervals
/// compare exactly. `None` where the amount is unknown (tiered prices).
fn yearly_rate(price: &Price, quantity: u64) -> Option<(i128, i128)> {
    let amount = i128::from(price.unit_amount?) * i128::from(quantity.max(1));
    let r = price.recurring.as_ref()?;
    let per_year: i128 = match r.interval.as_str() {
        "day" => 365,
        "week" => 52,
        "month" => 12,
        "year" => 1,
        _ => return None,
    };
    Some((amount * per_year, i128::from(r.interval_count.max(1))))
}

/// Upgrade or downgrade: compares the amounts per year; unknown amounts count as upgrades
/// (they apply now, as the customer chose).
pub fn direction(current: &Price, current_qty: u64, target: &Price, target_qty: u64) -> Direction {
    match (
        yearly_rate(current, current_qty),
        yearly_rate(target, target_qty),
    ) {
        (Some((a, da)), Some((b, db))) if b * da < a * db => Direction::Downgrade,
        _ => Direction::Upgrade,
    }
}

/// When a change in `direction` applies under the project's settings.
pub fn when(project: &Project, direction: Direction) -> When {
    match (direction, project.downgrade_timing) {
        (Direction::Downgrade, DowngradeTiming::PeriodEnd) => When::PeriodEnd,
        _ => When::Now(project.proration_behavior),
    }
}

/// Why a change is refused (nothing is changed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The price is not one the project allows (or not usable for this subscription).
    PriceNotAllowed,
    /// The item is not on the subscription.
    ItemNotOnSubscription,
    /// A multi-item subscription and no item chosen.
    ChooseItem,
    /// The quantity is outside the project's bounds, or not a number.
    QuantityOutOfBounds {
        /// Smallest allowed.
        min: u32,
        /// Largest allowed.
        max: u32,
    },
    /// The project does not let customers change quantities.
    QuantityFixed,
    /// Another item of the subscription already has the price.
    PriceAlreadyOnSubscription,
    /// The subscription's state does not allow changes (cancelled, incomplete, …).
    NotChangeable,
    /// The chosen plan and quantity are what the subscription already has.
    NoChange,
}

/// What the customer asked for, as read from the form or query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeRequest {
    /// `si_…`; may be omitted for single-item subscriptions.
    pub item: Option<String>,
    /// The target price.
    pub price: String,
    /// The quantity as typed; `None` keeps the current one.
    pub quantity: Option<String>,
}

/// A change that passed every rule.
#[derive(Debug, Clone)]
pub struct Change {
    /// The item changed.
    pub item: SubscriptionItem,
    /// The price it switches to.
    pub target: Price,
    /// The new quantity (`None` for metered prices).
    pub quantity: Option<u64>,
    /// Upgrade or downgrade.
    pub direction: Direction,
    /// When it applies.
    pub when: When,
}

/// Whether a subscription in this state can change plan. One set to cancel renews first:
/// a change at its end would be moot, and its schedule would undo the cancellation.
pub fn changeable(sub: &Subscription) -> bool {
    sub.status.is_billing() && !sub.cancellation_scheduled()
}

/// Whether `price` can be offered on `sub`: allowed, active, recurring, same currency.
pub fn offerable(project: &Project, sub: &Subscription, price: &Price) -> bool {
    let currency = sub
        .currency
        .as_deref()
        .or_else(|| sub.items.data.first().map(|i| i.price.currency.as_str()));
    offerable_in(project, currency, price)
}

/// [`offerable`] on a subscription billed in `currency`.
pub fn offerable_in(project: &Project, currency: Option<&str>, price: &Price) -> bool {
    project.allowed_prices.contains(&price.id)
        && price.active
        && price.recurring.is_some()
        && currency.is_some_and(|c| c.eq_ignore_ascii_case(&price.currency))
}

/// Checks a request against the project's rules and the subscription; `offered` are the
/// prices that passed [`offerable`].
pub fn check(
    project: &Project,
    sub: &Subscription,
    offered: &[Price],
    req: &ChangeRequest,
) -> Result<Change, Refusal> {
    if !changeable(sub) {
        return Err(Refusal::NotChangeable);
    }
    check_items(project, &sub.items.data, offered, req)
}

/// [`check`] on the items of a subscription already known to be [`changeable`] (a page
/// may build a change's preview from its session's hint of them before the subscription
/// arrives; the subscription itself then decides).
pub fn check_items(
    project: &Project,
    items: &[SubscriptionItem],
    offered: &[Price],
    req: &ChangeRequest,
) -> Result<Change, Refusal> {
    let item = match (&req.item, items) {
        (Some(id), items) => items
            .iter()
            .find(|i| i.id.as_str() == id)
            .ok_or(Refusal::ItemNotOnSubscription)?,
        (None, [only]) => only,
        (None, _) => return Err(Refusal::ChooseItem),
    };
    let target = offered
        .iter()
        .find(|p| p.id.as_str() == req.price && project.allowed_prices.contains(&p.id))
        .ok_or(Refusal::PriceNotAllowed)?;
    if items
        .iter()
        .any(|i| i.id != item.id && i.price.id == target.id)
    {
        return Err(Refusal::PriceAlreadyOnSubscription);
    }
    // One subscription bills on one cycle: other items fix the interval.
    if items
        .iter()
        .any(|i| i.id != item.id && !i.price.same_interval(target))
    {
        return Err(Refusal::PriceNotAllowed);
    }
    let current_qty = item.quantity.unwrap_or(1);
    let quantity = if target.is_metered() {
        None
    } else {
        let asked = match req.quantity.as_deref().map(str::trim) {
            None | Some("") => current_qty,
            Some(raw) => match (raw.parse::<u64>(), project.quantity) {
                (Ok(q), _) if q == current_qty => q,
                (Ok(q), Some(policy)) if policy.allows(q) => q,
                (_, Some(policy)) => {
                    return Err(Refusal::QuantityOutOfBounds {
                        min: policy.min,
                        max: policy.max,
                    })
                }
                (_, None) => return Err(Refusal::QuantityFixed),
            },
        };
        Some(asked)
    };
    if target.id == item.price.id && (quantity.is_none() || quantity == item.quantity) {
        return Err(Refusal::NoChange);
    }
    let direction = direction(&item.price, current_qty, target, quantity.unwrap_or(1));
    Ok(Change {
        item: item.clone(),
        target: target.clone(),
        quantity,
        direction,
        when: when(project, direction),
    })
}

fn item(id: Option<&SubscriptionItem>, price: &Price, quantity: Option<u64>) -> ItemParams {
    ItemParams {
        id: id.map(|i| i.id.clone()),
        price: price.id.clone(),
        quantity,
    }
}

fn phase_item(price: &Price, quantity: Option<u64>) -> PhaseItemParams {
    PhaseItemParams {
        price: price.id.clone(),
        quantity,
    }
}

impl Change {
    /// The proration behaviour of the change (`none` where it waits for the period end).
    pub fn proration(&self) -> ProrationBehavior {
        match self.when {
            When::Now(b) => b,
            When::PeriodEnd => ProrationBehavior::None,
        }
    }

    /// Whether the change moves the subscription to another billing interval (Stripe then
    /// starts a new cycle and invoices at once).
    pub fn changes_interval(&self) -> bool {
        !self.item.price.same_interval(&self.target)
    }

    /// `POST /v1/subscriptions/{id}` parameters that apply the change now.
    pub fn update_params(&self) -> SubscriptionUpdate {
        SubscriptionUpdate {
            items: vec![item(Some(&self.item), &self.target, self.quantity)],
            proration_behavior: Some(self.proration()),
            ..SubscriptionUpdate::default()
        }
    }

    /// `subscription_details` of `POST /v1/invoices/create_preview` for the change.
    pub fn preview_change(&self) -> PreviewChange {
        PreviewChange {
            items: vec![item(Some(&self.item), &self.target, self.quantity)],
            proration_behavior: self.proration(),
        }
    }

    /// `POST /v1/subscription_schedules/{id}` parameters: the current phase kept as it is
    /// until `phase.end_date`, then one phase with the change, after which the schedule
    /// releases the subscription.
    pub fn schedule_params(&self, sub: &Subscription, phase: PhaseBounds) -> ScheduleUpdate {
        let current = sub
            .items
            .data
            .iter()
            .map(|i| phase_item(&i.price, i.quantity))
            .collect();
        let next = sub
            .items
            .data
            .iter()
            .map(|i| {
                if i.id == self.item.id {
                    phase_item(&self.target, self.quantity)
                } else {
                    phase_item(&i.price, i.quantity)
                }
            })
            .collect();
        // One billing period of the new plan, then the schedule lets the subscription go on.
        let duration = match &self.target.recurring {
            Some(r) => PhaseDuration {
                interval: r.interval.clone(),
                interval_count: Some(r.interval_count),
            },
            None => PhaseDuration {
                interval: "month".to_owned(),
                interval_count: None,
            },
        };
        ScheduleUpdate {
            end_behavior: "release",
            phases: vec![
                PhaseParams {
                    items: current,
                    start_date: Some(phase.start_date),
                    end_date: Some(phase.end_date),
                    duration: None,
                    proration_behavior: None,
                },
                PhaseParams {
                    items: next,
                    start_date: None,
                    end_date: None,
                    duration: Some(duration),
                    proration_behavior: Some(ProrationBehavior::None),
                },
            ],
        }
    }

    /// Whether `sub` already has this change applied (now) or scheduled (period end): a
    /// resubmitted form then changes nothing.
    pub fn is_done(&self, sub: &Subscription) -> bool {
        let matches = |price: &str, qty: Option<u64>| {
            price == self.target.id.as_str() && (self.quantity.is_none() || qty == self.quantity)
        };
        match self.when {
            When::Now(_) => sub
                .items
                .data
                .iter()
                .any(|i| i.id == self.item.id && matches(i.price.id.as_str(), i.quantity)),
            When::PeriodEnd => next_phase_of(sub)
                .is_some_and(|p| p.items.iter().any(|i| matches(i.price_id(), i.quantity))),
        }
    }

    /// Whether the change is invoiced at once (always-invoice, or a new billing interval):
    /// its preview is then today's invoice, and the next renewal needs a preview of its
    /// own ([`Change::renewal_preview_change`]).
    pub fn invoiced_now(&self) -> bool {
        self.when != When::PeriodEnd
            && (self.proration() == ProrationBehavior::AlwaysInvoice || self.changes_interval())
    }

    /// `subscription_details` of the preview of the first renewal after a change invoiced
    /// now: the same items, no prorations (they are on today's invoice).
    pub fn renewal_preview_change(&self) -> PreviewChange {
        PreviewChange {
            items: vec![item(Some(&self.item), &self.target, self.quantity)],
            proration_behavior: ProrationBehavior::None,
        }
    }
}

/// What the preview page tells the customer: Stripe's figures, discounts and tax included.
#[derive(Debug, Clone)]
pub struct Quote {
    /// ISO currency.
    pub currency: String,
    /// Charged when the change is confirmed (minor units).
    pub due_now: i64,
    /// Today's invoice, where the change is invoiced at once.
    pub today: Option<Charges>,
    /// Prorations (credit for unused time and charge for the rest), minor units.
    pub proration: i64,
    /// The next invoice as Stripe previewed it (its `total` is what will be charged).
    pub next: Charges,
    /// When the next invoice comes; `None` where the change starts a new cycle now.
    pub next_date: Option<i64>,
}

/// The figures of a change from Stripe's previews. Invoiced at once (always-invoice, or a
/// new billing interval): `preview` is today's invoice and `renewal` (required; `None`
/// then gives no quote) the next one. Otherwise `preview` is the next renewal invoice,
/// prorations included.
pub fn quote(
    change: &Change,
    preview: &InvoicePreview,
    renewal: Option<&InvoicePreview>,
) -> Option<Quote> {
    let charges = &preview.charges;
    let period_end = change.item.current_period_end;
    if change.invoiced_now() {
        Some(Quote {
            currency: charges.currency.clone(),
            due_now: charges.amount_due,
            today: Some(charges.clone()),
            proration: charges.proration_total(),
            next: renewal?.charges.clone(),
            next_date: if change.changes_interval() {
                None
            } else {
                period_end
            },
        })
    } else {
        Some(Quote {
            currency: charges.currency.clone(),
            due_now: 0,
            today: None,
            proration: charges.proration_total(),
            next: charges.clone(),
            next_date: period_end,
        })
    }
}

/// The cancel page's alternative: the project's downgrade price applies to single-item
/// subscriptions that are not on it already.
pub fn downgrade_target<'a>(project: &'a Project, sub: &Subscription) -> Option<&'a PriceId> {
    let target = project.downgrade_price.as_ref()?;
    if !project.allowed_prices.iter().any(|p| p == target) || !changeable(sub) {
        return None;
    }
    match sub.items.data.as_slice() {
        [only] if only.price.id != *target => Some(target),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::QuantityPolicy;
    use serde_json::{json, Value};

    fn price(id: &str, amount: i64, interval: &str) -> Price {
        serde_json::from_value(json!({
            "id": id, "currency": "usd", "unit_amount": amount,
            "recurring": {"interval": interval, "interval_count": 1, "usage_type": "licensed"},
            "product": {"id": format!("prod_{id}"), "name": id},
        }))
        .unwrap()
    }

    fn sub(items: &[(&str, &Price, u64)]) -> Subscription {
        let data: Vec<Value> = items
            .iter()
            .map(|(id, p, q)| {
                json!({"id": id, "quantity": q, "current_period_end": 2_000_000_000,
                       "price": serde_json::to_value(PriceJson(p)).unwrap()})
            })
            .collect();
        serde_json::from_value(json!({
            "id": "sub_1", "customer": "cus_1", "status": "active", "currency": "usd",
            "items": {"data": data, "has_more": false},
        }))
        .unwrap()
    }

    /// Prices are decode-only; tests rebuild their JSON.
    struct PriceJson<'a>(&'a Price);
    impl serde::Serialize for PriceJson<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let p = self.0;
            let r = p.recurring.as_ref().unwrap();
            json!({"id": p.id, "currency": p.currency, "unit_amount": p.unit_amount,
                   "recurring": {"interval": r.interval, "interval_count": r.interval_count},
                   "product": {"id": "prod_x", "name": p.display_name()}})
            .serialize(s)
        }
    }

    fn project(allowed: &[&str]) -> Project {
        let mut p = crate::project::test_project();
        p.allowed_prices = allowed.iter().map(|s| PriceId::parse(s).unwrap()).collect();
        p
    }

    fn ask(item: Option<&str>, price: &str, qty: Option<&str>) -> ChangeRequest {
        ChangeRequest {
            item: item.map(str::to_owned),
            price: price.to_owned(),
            quantity: qty.map(str::to_owned),
        }
    }

    #[test]
    fn a_higher_amount_per_year_is_an_upgrade_whatever_the_interval() {
        let basic = price("basic", 1000, "month");
        let pro = price("pro", 2000, "month");
        let yearly = price("yearly", 11_000, "year");
        assert_eq!(direction(&basic, 1, &pro, 1), Direction::Upgrade);
        assert_eq!(direction(&pro, 1, &basic, 1), Direction::Downgrade);
        // 110/year < 120/year.
        assert_eq!(direction(&basic, 1, &yearly, 1), Direction::Downgrade);
        assert_eq!(direction(&basic, 1, &basic, 2), Direction::Upgrade);
        assert_eq!(direction(&basic, 3, &basic, 2), Direction::Downgrade);
        assert_eq!(direction(&basic, 1, &basic, 1), Direction::Upgrade);
    }

    #[test]
    fn downgrades_wait_for_the_period_end_only_where_the_project_says() {
        let mut p = project(&[]);
        p.proration_behavior = ProrationBehavior::AlwaysInvoice;
        assert_eq!(
            when(&p, Direction::Downgrade),
            When::Now(ProrationBehavior::AlwaysInvoice)
        );
        p.downgrade_timing = DowngradeTiming::PeriodEnd;
        assert_eq!(when(&p, Direction::Downgrade), When::PeriodEnd);
        assert_eq!(
            when(&p, Direction::Upgrade),
            When::Now(ProrationBehavior::AlwaysInvoice)
        );
    }

    #[test]
    fn only_allowed_prices_pass() {
        let (basic, pro, other) = (
            price("basic", 1000, "month"),
            price("pro", 2000, "month"),
            price("other", 3000, "month"),
        );
        let s = sub(&[("si_1", &basic, 1)]);
        let p = project(&["basic", "pro"]);
        let offered = vec![basic.clone(), pro.clone(), other.clone()];
        let ok = check(&p, &s, &offered, &ask(None, "pro", None)).unwrap();
        assert_eq!(ok.direction, Direction::Upgrade);
        assert_eq!(ok.quantity, Some(1));
        assert_eq!(
            check(&p, &s, &offered, &ask(None, "other", None)).unwrap_err(),
            Refusal::PriceNotAllowed
        );
        assert_eq!(
            check(&p, &s, &offered, &ask(None, "basic", None)).unwrap_err(),
            Refusal::NoChange
        );
        let mut cancelling = s.clone();
        cancelling.cancel_at_period_end = true;
        assert_eq!(
            check(&p, &cancelling, &offered, &ask(None, "pro", None)).unwrap_err(),
            Refusal::NotChangeable
        );
    }

    #[test]
    fn quantities_are_fixed_unless_the_project_bounds_them() {
        let (basic, pro) = (price("basic", 1000, "month"), price("pro", 2000, "month"));
        let s = sub(&[("si_1", &basic, 2)]);
        let mut p = project(&["basic", "pro"]);
        let offered = vec![basic.clone(), pro.clone()];
        assert_eq!(
            check(&p, &s, &offered, &ask(None, "pro", Some("3"))).unwrap_err(),
            Refusal::QuantityFixed
        );
        // Resending the current quantity is not a quantity change.
        assert!(check(&p, &s, &offered, &ask(None, "pro", Some("2"))).is_ok());
        p.quantity = Some(QuantityPolicy { min: 1, max: 5 });
        let bounds = Refusal::QuantityOutOfBounds { min: 1, max: 5 };
        for bad in ["0", "6", "-1", "two", "1e3"] {
            assert_eq!(
                check(&p, &s, &offered, &ask(None, "pro", Some(bad))).unwrap_err(),
                bounds,
                "{bad}"
            );
        }
        let c = check(&p, &s, &offered, &ask(None, "basic", Some("5"))).unwrap();
        assert_eq!(c.quantity, Some(5));
        assert_eq!(c.direction, Direction::Upgrade);
        let c = check(&p, &s, &offered, &ask(None, "basic", Some("1"))).unwrap();
        assert_eq!(c.direction, Direction::Downgrade);
    }

    #[test]
    fn multi_item_subscriptions_name_the_item_and_keep_one_interval() {
        let (seats, pro, support, yearly) = (
            price("seats", 1000, "month"),
            price("pro", 2000, "month"),
            price("support", 500, "month"),
            price("yearly", 20_000, "year"),
        );
        let s = sub(&[("si_1", &seats, 1), ("si_2", &support, 1)]);
        let p = project(&["seats", "pro", "support", "yearly"]);
        let offered = vec![seats.clone(), pro.clone(), support.clone(), yearly.clone()];
        assert_eq!(
            check(&p, &s, &offered, &ask(None, "pro", None)).unwrap_err(),
            Refusal::ChooseItem
        );
        assert_eq!(
            check(&p, &s, &offered, &ask(Some("si_9"), "pro", None)).unwrap_err(),
            Refusal::ItemNotOnSubscription
        );
        assert_eq!(
            check(&p, &s, &offered, &ask(Some("si_1"), "support", None)).unwrap_err(),
            Refusal::PriceAlreadyOnSubscription
        );
        assert_eq!(
            check(&p, &s, &offered, &ask(Some("si_1"), "yearly", None)).unwrap_err(),
            Refusal::PriceNotAllowed
        );
        let c = check(&p, &s, &offered, &ask(Some("si_1"), "pro", None)).unwrap();
        assert_eq!(c.item.id.as_str(), "si_1");
        assert!(!c.invoiced_now(), "prorations wait for the renewal");
        let params = c.update_params();
        assert_eq!(params.items[0].id.as_ref().unwrap().as_str(), "si_1");
        assert_eq!(params.items[0].price.as_str(), "pro");
        assert_eq!(
            params.proration_behavior,
            Some(ProrationBehavior::CreateProrations)
        );
    }

    fn preview(total: i64, amount_due: i64, proration: i64) -> InvoicePreview {
        serde_json::from_value(json!({
            "customer": "cus_1", "currency": "usd", "total": total, "amount_due": amount_due,
            "lines": {"data": [{"amount": proration,
                "parent": {"subscription_item_details": {"proration": true}}}]}
        }))
        .unwrap()
    }

    #[test]
    fn quotes_are_stripes_previews_never_prices_times_quantities() {
        let (basic, pro) = (price("basic", 1000, "month"), price("pro", 2000, "month"));
        let s = sub(&[("si_1", &basic, 1)]);
        let mut p = project(&["basic", "pro"]);
        let offered = [basic.clone(), pro.clone()];
        // Prorations wait for the renewal: the one preview is the next invoice.
        let later = check(&p, &s, &offered, &ask(None, "pro", None)).unwrap();
        assert!(!later.invoiced_now());
        let q = quote(&later, &preview(2165, 2165, 995), None).unwrap();
        assert_eq!((q.due_now, q.next.total, q.proration), (0, 2165, 995));
        assert_eq!(q.next_date, Some(2_000_000_000));
        // Invoiced now: today's invoice, and the renewal from a preview of its own.
        p.proration_behavior = ProrationBehavior::AlwaysInvoice;
        let now = check(&p, &s, &offered, &ask(None, "pro", None)).unwrap();
        assert!(now.invoiced_now());
        assert_eq!(
            now.renewal_preview_change().proration_behavior,
            ProrationBehavior::None
        );
        let today = preview(1077, 1077, 995);
        assert!(quote(&now, &today, None).is_none(), "no renewal, no quote");
        let q = quote(&now, &today, Some(&preview(1732, 1732, 0))).unwrap();
        assert_eq!((q.due_now, q.next.total), (1077, 1732));
        assert_eq!(q.today.map(|c| c.total), Some(1077));
    }

    #[test]
    fn a_period_end_change_keeps_the_current_phase_and_adds_one() {
        let (basic, pro) = (price("basic", 1000, "month"), price("pro", 2000, "month"));
        let s = sub(&[("si_1", &pro, 1)]);
        let mut p = project(&["basic", "pro"]);
        p.downgrade_timing = DowngradeTiming::PeriodEnd;
        let c = check(
            &p,
            &s,
            &[basic.clone(), pro.clone()],
            &ask(None, "basic", None),
        )
        .unwrap();
        assert_eq!(c.when, When::PeriodEnd);
        let v = c.schedule_params(
            &s,
            PhaseBounds {
                start_date: 10,
                end_date: 20,
            },
        );
        assert_eq!(v.phases[0].items[0].price.as_str(), "pro");
        assert_eq!(v.phases[0].end_date, Some(20));
        assert_eq!(v.phases[1].items[0].price.as_str(), "basic");
        assert_eq!(v.phases[1].duration.as_ref().unwrap().interval, "month");
        assert_eq!(v.end_behavior, "release");
        assert_eq!(
            c.preview_change().proration_behavior,
            ProrationBehavior::None
        );
        assert!(!c.is_done(&s));
    }

    #[test]
    fn a_downgrade_offer_needs_an_allowed_price_and_a_single_item() {
        let (basic, pro) = (price("basic", 1000, "month"), price("pro", 2000, "month"));
        let mut p = project(&["basic", "pro"]);
        let one = sub(&[("si_1", &pro, 1)]);
        fn target<'a>(p: &'a Project, s: &Subscription) -> Option<&'a str> {
            downgrade_target(p, s).map(PriceId::as_str)
        }
        assert_eq!(target(&p, &one), None);
        p.downgrade_price = Some(PriceId::parse("basic").unwrap());
        assert_eq!(target(&p, &one), Some("basic"));
        assert_eq!(target(&p, &sub(&[("si_1", &basic, 1)])), None);
        assert_eq!(
            target(&p, &sub(&[("si_1", &pro, 1), ("si_2", &basic, 1)])),
            None
        );
        p.allowed_prices = vec![PriceId::parse("pro").unwrap()];
        assert_eq!(target(&p, &one), None);
    }
}
