//! The subscription: the one `Subscription` type, what its state means (predicates live
//! here, once), its reads scoped to a customer, and its writes (the item, a preview of
//! the next invoice, the schedule that manages it).

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::customer::Customer;
use super::form::{expand, query, Clearable, NoParams};
use super::invoice::Invoice;
use super::list::{Expandable, HasId, List};
use super::owned::{CustomerOwned, Owned};
use super::payment_method::{Card, PaymentMethod};
use super::price::{Price, Product};
use super::schedule::{Schedule, ScheduleUpdate};
use super::{StripeClient, StripeError, StripeKey};
use crate::ids::{
    CustomerId, PaymentMethodId, PriceId, ScheduleId, SubscriptionId, SubscriptionItemId,
};
use crate::project::ProrationBehavior;

/// `subscription.status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubscriptionStatus {
    /// First payment pending.
    Incomplete,
    /// First payment never came.
    IncompleteExpired,
    /// In its trial.
    Trialing,
    /// Paid up.
    Active,
    /// A renewal payment failed.
    PastDue,
    /// Ended.
    Canceled,
    /// Unpaid after retries.
    Unpaid,
    /// Trial ended without a payment method.
    Paused,
    /// A status this version does not know.
    #[serde(other)]
    Unknown,
}

impl SubscriptionStatus {
    /// Stripe's name.
    pub fn as_str(self) -> &'static str {
        match self {
            SubscriptionStatus::Incomplete => "incomplete",
            SubscriptionStatus::IncompleteExpired => "incomplete_expired",
            SubscriptionStatus::Trialing => "trialing",
            SubscriptionStatus::Active => "active",
            SubscriptionStatus::PastDue => "past_due",
            SubscriptionStatus::Canceled => "canceled",
            SubscriptionStatus::Unpaid => "unpaid",
            SubscriptionStatus::Paused => "paused",
            SubscriptionStatus::Unknown => "unknown",
        }
    }

    /// Whether the subscription still bills (or will): active, trialing or past due.
    pub fn is_billing(self) -> bool {
        matches!(
            self,
            SubscriptionStatus::Active | SubscriptionStatus::Trialing | SubscriptionStatus::PastDue
        )
    }
}

/// `subscription.pause_collection`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PauseCollection {
    /// `keep_as_draft`, `mark_uncollectible`, `void`.
    pub behavior: Option<String>,
    /// When collection resumes, epoch seconds.
    pub resumes_at: Option<i64>,
}

/// A subscription item.
#[derive(Debug, Clone, Deserialize)]
pub struct SubscriptionItem {
    /// `si_…`.
    pub id: SubscriptionItemId,
    /// The price.
    pub price: Price,
    /// Quantity (absent for metered prices).
    pub quantity: Option<u64>,
    /// Start of the current period, epoch seconds (usage so far counts from here).
    pub current_period_start: Option<i64>,
    /// End of the current period (the next renewal), epoch seconds.
    pub current_period_end: Option<i64>,
    /// The item's own discounts (ids, or objects where expanded).
    #[serde(default, deserialize_with = "super::list::null_as_default")]
    pub discounts: Vec<Expandable<super::discount::Discount>>,
}

/// A Stripe subscription, as much as the product reads.
#[derive(Debug, Clone, Deserialize)]
pub struct Subscription {
    /// `sub_…`.
    pub id: SubscriptionId,
    /// Its customer (expanded where asked).
    pub customer: Expandable<Customer>,
    /// Where it stands.
    pub status: SubscriptionStatus,
    /// ISO currency.
    pub currency: Option<String>,
    /// `charge_automatically` or `send_invoice`.
    pub collection_method: Option<String>,
    /// Whether it ends at the period end.
    #[serde(default)]
    pub cancel_at_period_end: bool,
    /// When it is scheduled to end, epoch seconds.
    pub cancel_at: Option<i64>,
    /// When it was cancelled, epoch seconds.
    pub canceled_at: Option<i64>,
    /// When it ended, epoch seconds.
    pub ended_at: Option<i64>,
    /// End of the trial, epoch seconds.
    pub trial_end: Option<i64>,
    /// Paused invoice collection.
    pub pause_collection: Option<PauseCollection>,
    /// The subscription's own default card, expanded where asked.
    pub default_payment_method: Option<Expandable<PaymentMethod>>,
    /// Every item (multi-item and metered included).
    #[serde(default)]
    pub items: List<SubscriptionItem>,
    /// The latest invoice, expanded where asked (a past-due one links to its hosted page).
    pub latest_invoice: Option<Expandable<Invoice>>,
    /// The schedule managing it (a plan change at the period end), expanded where asked.
    pub schedule: Option<Expandable<Schedule>>,
    /// Its discounts (ids, or objects where expanded); a retention coupon never stacks on one.
    #[serde(default, deserialize_with = "super::list::null_as_default")]
    pub discounts: Vec<Expandable<super::discount::Discount>>,
    /// Its metadata (where the portal records a custom cancel reason and an accepted offer).
    #[serde(default, deserialize_with = "super::list::null_as_default")]
    pub metadata: BTreeMap<String, String>,
}

impl HasId for Subscription {
    fn stripe_id(&self) -> &str {
        self.id.as_str()
    }
}

impl CustomerOwned for Subscription {
    fn owner(&self) -> Option<&str> {
        Some(self.customer.id())
    }
}

impl Subscription {
    /// Whether a cancellation is scheduled (at the period end or at a date).
    pub fn cancellation_scheduled(&self) -> bool {
        self.cancel_at_period_end || self.cancel_at.is_some()
    }

    /// Whether invoice collection is paused (the portal's "pause").
    pub fn collection_paused(&self) -> bool {
        self.pause_collection.is_some()
    }

    /// Whether it is paused in either of Stripe's ways (collection, or a `paused` status).
    pub fn is_paused(&self) -> bool {
        self.collection_paused() || self.status == SubscriptionStatus::Paused
    }

    /// Whether Stripe will invoice it again as it stands: it bills (active, trialing, past
    /// due), no end is scheduled and collection is not paused. Only these have a "next
    /// invoice" (a scheduled end says "Cancels on", a pause "Paused until").
    pub fn invoices_next(&self) -> bool {
        self.status.is_billing() && !self.cancellation_scheduled() && !self.collection_paused()
    }

    /// Whether its invoices are emailed for the customer to pay (`send_invoice`) rather
    /// than charged to the default payment method.
    pub fn sends_invoice(&self) -> bool {
        self.collection_method.as_deref() == Some("send_invoice")
    }

    /// Whether a renewal payment failed.
    pub fn is_past_due(&self) -> bool {
        self.status == SubscriptionStatus::PastDue
    }

    /// Whether it has not ended (nor expired before it began).
    pub fn is_live(&self) -> bool {
        !matches!(
            self.status,
            SubscriptionStatus::Canceled | SubscriptionStatus::IncompleteExpired
        )
    }

    /// The next renewal: the earliest period end of its items.
    pub fn next_renewal(&self) -> Option<i64> {
        self.items
            .data
            .iter()
            .filter_map(|i| i.current_period_end)
            .min()
    }

    /// When a scheduled cancellation takes effect.
    pub fn scheduled_end(&self) -> Option<i64> {
        self.cancel_at.or(if self.cancel_at_period_end {
            self.next_renewal()
        } else {
            None
        })
    }

    /// Its own default card, when expanded.
    pub fn default_card(&self) -> Option<&Card> {
        self.default_payment_method
            .as_ref()?
            .object()?
            .card
            .as_ref()
    }

    /// The id of the schedule that manages it, if any.
    pub fn schedule_id(&self) -> Option<&str> {
        self.schedule.as_ref().map(Expandable::id)
    }
}

/// Product ids that `subs` name but `known` lacks (products beyond the listed page).
pub fn missing_products(
    subs: &[Owned<Subscription>],
    known: &HashMap<String, Product>,
) -> Vec<String> {
    let mut ids: Vec<String> = subs
        .iter()
        .flat_map(|s| &s.items.data)
        .filter_map(|i| match &i.price.product {
            Expandable::Id(id) if !known.contains_key(id) => Some(id.clone()),
            _ => None,
        })
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

impl Owned<Subscription> {
    /// Replaces product ids in its items' prices by the products in `known`.
    pub fn attach_products(&mut self, known: &HashMap<String, Product>) {
        for item in self.inner_mut().items.data.iter_mut() {
            if let Expandable::Id(id) = &item.price.product {
                if let Some(p) = known.get(id) {
                    item.price.product = Expandable::Object(Box::new(p.clone()));
                }
            }
        }
    }
}

/// `cancellation_details` of a cancel.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CancellationDetails {
    /// One of Stripe's eight reason codes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feedback: Option<String>,
    /// The customer's comment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl CancellationDetails {
    /// Whether the customer said nothing.
    pub fn is_empty(&self) -> bool {
        self.feedback.is_none() && self.comment.is_none()
    }
}

/// `pause_collection` of an update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PauseParams {
    /// What happens to invoices while paused (`void`).
    pub behavior: &'static str,
    /// When collection resumes, epoch seconds.
    pub resumes_at: i64,
}

/// One item of an update or a preview: `id` names the item changed (absent: a new one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemParams {
    /// The item changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<SubscriptionItemId>,
    /// Its new price.
    pub price: PriceId,
    /// Its new quantity (absent for metered prices).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quantity: Option<u64>,
}

/// `POST /v1/subscriptions/{id}`: only the fields set are sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SubscriptionUpdate {
    /// Cancel (or not) at the period end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel_at_period_end: Option<bool>,
    /// Cancel at a date, or clear it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel_at: Option<Clearable<i64>>,
    /// Why the customer cancels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancellation_details: Option<CancellationDetails>,
    /// Pause collection, or resume it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pause_collection: Option<Clearable<PauseParams>>,
    /// A new default card.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_payment_method: Option<PaymentMethodId>,
    /// Items changed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ItemParams>,
    /// How an item change is prorated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proration_behavior: Option<ProrationBehavior>,
    /// Replace the subscription's discounts (a retention coupon).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub discounts: Vec<DiscountParams>,
    /// Metadata keys to set (an empty value unsets a key, as Stripe does).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub metadata: BTreeMap<String, String>,
}

/// One entry of `discounts` in an update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiscountParams {
    /// The coupon redeemed.
    pub coupon: String,
}

/// `DELETE /v1/subscriptions/{id}`: cancel now.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SubscriptionCancel {
    /// Why the customer cancels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancellation_details: Option<CancellationDetails>,
}

/// `subscription_details` of a preview: the change to price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreviewChange {
    /// Items changed.
    pub items: Vec<ItemParams>,
    /// How the change is prorated.
    pub proration_behavior: ProrationBehavior,
}

impl StripeClient {
    /// The customer's subscriptions (any status but `canceled`/`incomplete_expired`) with
    /// the default payment method, schedule and latest invoice expanded. Items carry their
    /// prices; products stay ids (`data.items.data.price.product` is five levels, over
    /// Stripe's expansion limit of four): name them with [`StripeClient::products`] and
    /// [`Owned::attach_products`].
    pub async fn customer_subscriptions(
        &self,
        key: &StripeKey,
        customer: &CustomerId,
    ) -> Result<Vec<Owned<Subscription>>, StripeError> {
        let mut q = query(&[
            ("customer", customer.as_str()),
            ("status", "all"),
            ("limit", "20"),
        ]);
        q.extend(expand(&[
            "data.default_payment_method",
            "data.schedule",
            "data.latest_invoice",
        ]));
        let list: List<Subscription> = self.get(key, "/v1/subscriptions", &q).await?;
        Ok(owned_live(list, customer))
    }

    /// The customer's subscriptions whose default card follows theirs (active, trialing,
    /// past due), without expansions.
    pub async fn billing_subscriptions(
        &self,
        key: &StripeKey,
        customer: &CustomerId,
    ) -> Result<Vec<Owned<Subscription>>, StripeError> {
        let q = query(&[
            ("customer", customer.as_str()),
            ("status", "all"),
            ("limit", "100"),
        ]);
        let list: List<Subscription> = self.get(key, "/v1/subscriptions", &q).await?;
        let mut subs = owned_live(list, customer);
        subs.retain(|s| s.status.is_billing());
        Ok(subs)
    }

    /// The customer's own subscription `id`; `None` if there is none or it is another
    /// customer's.
    pub async fn customer_subscription(
        &self,
        key: &StripeKey,
        customer: &CustomerId,
        id: &SubscriptionId,
    ) -> Result<Option<Owned<Subscription>>, StripeError> {
        match self
            .get::<Subscription>(key, &format!("/v1/subscriptions/{id}"), &[])
            .await
        {
            Ok(sub) if sub.id == *id => Ok(Owned::check(sub, customer)),
            Ok(_) | Err(StripeError::NotFound(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// A subscription named by a verified Stripe event, with its customer and products
    /// expanded (the email names both); `None` if it is gone.
    pub async fn event_subscription(
        &self,
        key: &StripeKey,
        id: &SubscriptionId,
    ) -> Result<Option<Subscription>, StripeError> {
        let q = expand(&["customer", "items.data.price.product"]);
        match self.get(key, &format!("/v1/subscriptions/{id}"), &q).await {
            Ok(sub) => Ok(Some(sub)),
            Err(StripeError::NotFound(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// `POST /v1/subscriptions/{id}` on the customer's own subscription.
    pub async fn update_subscription(
        &self,
        key: &StripeKey,
        sub: &Owned<Subscription>,
        update: &SubscriptionUpdate,
        idempotency_key: &str,
    ) -> Result<Subscription, StripeError> {
        self.post(
            key,
            &format!("/v1/subscriptions/{}", sub.id),
            update,
            idempotency_key,
        )
        .await
    }

    /// `DELETE /v1/subscriptions/{id}`: cancels the customer's own subscription now.
    pub async fn cancel_subscription(
        &self,
        key: &StripeKey,
        sub: &Owned<Subscription>,
        cancel: &SubscriptionCancel,
        idempotency_key: &str,
    ) -> Result<Subscription, StripeError> {
        self.delete(
            key,
            &format!("/v1/subscriptions/{}", sub.id),
            cancel,
            idempotency_key,
        )
        .await
    }

    /// The schedule that still manages the customer's own subscription, if any.
    pub async fn live_schedule(
        &self,
        key: &StripeKey,
        sub: &Owned<Subscription>,
    ) -> Result<Option<Schedule>, StripeError> {
        let schedule = match &sub.schedule {
            None => return Ok(None),
            Some(Expandable::Object(s)) => (**s).clone(),
            Some(Expandable::Id(id)) => {
                let id = ScheduleId::parse(id)
                    .map_err(|_| StripeError::Decode("unexpected schedule id".to_owned()))?;
                self.get(key, &format!("/v1/subscription_schedules/{id}"), &[])
                    .await?
            }
        };
        Ok(schedule.is_live().then_some(schedule))
    }

    /// `POST /v1/subscription_schedules` from the customer's own subscription.
    pub async fn create_schedule(
        &self,
        key: &StripeKey,
        sub: &Owned<Subscription>,
        idempotency_key: &str,
    ) -> Result<Schedule, StripeError> {
        let params = FromSubscription {
            from_subscription: &sub.id,
        };
        self.post(key, "/v1/subscription_schedules", &params, idempotency_key)
            .await
    }

    /// `POST /v1/subscription_schedules/{id}`: a schedule read through the customer's own
    /// subscription ([`StripeClient::live_schedule`], [`StripeClient::create_schedule`]).
    pub async fn update_schedule(
        &self,
        key: &StripeKey,
        schedule: &Schedule,
        update: &ScheduleUpdate,
        idempotency_key: &str,
    ) -> Result<Schedule, StripeError> {
        self.post(
            key,
            &format!("/v1/subscription_schedules/{}", schedule.id),
            update,
            idempotency_key,
        )
        .await
    }

    /// Releases a schedule read through the customer's own subscription
    /// ([`StripeClient::live_schedule`], [`StripeClient::create_schedule`]): its pending
    /// change is dropped and the subscription goes on as it is.
    pub async fn release_schedule(
        &self,
        key: &StripeKey,
        schedule: &Schedule,
        idempotency_key: &str,
    ) -> Result<(), StripeError> {
        let _: Schedule = self
            .post(
                key,
                &format!("/v1/subscription_schedules/{}/release", schedule.id),
                &NoParams {},
                idempotency_key,
            )
            .await?;
        Ok(())
    }
}

#[derive(Serialize)]
struct FromSubscription<'a> {
    from_subscription: &'a SubscriptionId,
}

/// The list's live subscriptions that belong to `customer`.
fn owned_live(list: List<Subscription>, customer: &CustomerId) -> Vec<Owned<Subscription>> {
    list.data
        .into_iter()
        .filter(Subscription::is_live)
        .filter_map(|s| Owned::check(s, customer))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sub(extra: serde_json::Value) -> Subscription {
        let mut v = json!({"id": "sub_1", "customer": "cus_1", "status": "active",
        "items": {"data": [
            {"id": "si_1", "current_period_end": 2000, "price": {"id": "price_1",
              "currency": "usd", "unit_amount": 100, "product": "prod_1"}},
            {"id": "si_2", "current_period_end": 1500, "price": {"id": "price_2",
              "currency": "usd", "unit_amount": 5, "product": "prod_2",
              "recurring": {"interval": "month", "usage_type": "metered"}}}
        ]}});
        if let (Some(base), Some(extra)) = (v.as_object_mut(), extra.as_object()) {
            base.extend(extra.clone());
        }
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn a_subscription_with_metered_and_licensed_items_decodes() {
        let s = sub(json!({"default_payment_method": "pm_1"}));
        assert_eq!(s.items.data.len(), 2);
        assert!(!s.items.data[0].price.is_metered());
        assert!(s.items.data[1].price.is_metered());
        assert!(matches!(s.default_payment_method, Some(Expandable::Id(_))));
        assert_eq!(s.owner(), Some("cus_1"));
    }

    #[test]
    fn the_state_predicates_read_stripes_fields() {
        let live = sub(json!({}));
        assert!(!live.cancellation_scheduled());
        assert_eq!(live.next_renewal(), Some(1500));
        assert_eq!(live.scheduled_end(), None);
        let at_end = sub(json!({"cancel_at_period_end": true}));
        assert!(at_end.cancellation_scheduled());
        assert_eq!(at_end.scheduled_end(), Some(1500));
        let at_date = sub(json!({"cancel_at": 1800}));
        assert_eq!(at_date.scheduled_end(), Some(1800));
        let paused = sub(json!({"pause_collection": {"behavior": "void", "resumes_at": 9}}));
        assert!(paused.collection_paused() && paused.is_paused());
        let trial_paused = sub(json!({"status": "paused"}));
        assert!(!trial_paused.collection_paused() && trial_paused.is_paused());
        assert!(sub(json!({"status": "past_due"})).is_past_due());
        // Only a subscription Stripe will invoice again as it stands has a next invoice.
        assert!(live.invoices_next());
        assert!(sub(json!({"status": "trialing"})).invoices_next());
        assert!(sub(json!({"status": "past_due"})).invoices_next());
        for ends in [&at_end, &at_date, &paused, &trial_paused] {
            assert!(!ends.invoices_next());
        }
        assert!(!sub(json!({"status": "canceled"})).invoices_next());
        assert!(!sub(json!({"status": "incomplete"})).invoices_next());
        assert!(sub(json!({"collection_method": "send_invoice"})).sends_invoice());
        assert!(!live.sends_invoice());
        assert!(!sub(json!({"status": "canceled"})).is_live());
        assert!(!sub(json!({"status": "incomplete_expired"})).is_live());
        assert_eq!(
            sub(json!({"status": "brand_new"})).status,
            SubscriptionStatus::Unknown
        );
    }

    #[test]
    fn an_update_sends_only_what_is_set_and_clears_with_empty_values() {
        let renew = SubscriptionUpdate {
            cancel_at: Some(Clearable::Clear),
            ..SubscriptionUpdate::default()
        };
        assert_eq!(
            super::super::form::pairs_of(&renew).unwrap(),
            vec![("cancel_at".to_owned(), String::new())]
        );
        let change = SubscriptionUpdate {
            items: vec![ItemParams {
                id: Some(SubscriptionItemId::parse("si_1").unwrap()),
                price: PriceId::parse("price_2").unwrap(),
                quantity: Some(3),
            }],
            proration_behavior: Some(ProrationBehavior::AlwaysInvoice),
            ..SubscriptionUpdate::default()
        };
        assert_eq!(
            super::super::form::pairs_of(&change).unwrap(),
            vec![
                ("items[0][id]".to_owned(), "si_1".to_owned()),
                ("items[0][price]".to_owned(), "price_2".to_owned()),
                ("items[0][quantity]".to_owned(), "3".to_owned()),
                ("proration_behavior".to_owned(), "always_invoice".to_owned()),
            ]
        );
    }
}
