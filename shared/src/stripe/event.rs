//! Webhook events, decoded once (after the signature check) into what the product acts on.

use serde::Deserialize;
use serde_json::Value;

use super::checkout::CheckoutSession;
use super::list::present;
use super::subscription::{PauseCollection, Subscription};

/// Event types the webhooks function acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    /// `customer.subscription.updated`.
    SubscriptionUpdated,
    /// `customer.subscription.deleted`.
    SubscriptionDeleted,
    /// `customer.subscription.paused`.
    SubscriptionPaused,
    /// `customer.subscription.resumed`.
    SubscriptionResumed,
    /// `checkout.session.completed`.
    CheckoutSessionCompleted,
}

impl EventKind {
    /// The kind named by Stripe's `type`, if it is one the product handles.
    pub fn of(kind: &str) -> Option<EventKind> {
        Some(match kind {
            "customer.subscription.updated" => EventKind::SubscriptionUpdated,
            "customer.subscription.deleted" => EventKind::SubscriptionDeleted,
            "customer.subscription.paused" => EventKind::SubscriptionPaused,
            "customer.subscription.resumed" => EventKind::SubscriptionResumed,
            "checkout.session.completed" => EventKind::CheckoutSessionCompleted,
            _ => return None,
        })
    }
}

/// `data.previous_attributes` of a subscription event: the fields that changed, with the
/// values they had (`Some(None)`: it was `null`; `None`: it did not change).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PreviousAttributes {
    /// `cancel_at_period_end` before.
    #[serde(default, deserialize_with = "present")]
    pub cancel_at_period_end: Option<Option<bool>>,
    /// `cancel_at` before.
    #[serde(default, deserialize_with = "present")]
    pub cancel_at: Option<Option<i64>>,
    /// `pause_collection` before.
    #[serde(default, deserialize_with = "present")]
    pub pause_collection: Option<Option<PauseCollection>>,
}

/// What an event carries, by kind.
#[derive(Debug, Clone)]
pub enum EventData {
    /// A subscription event: the snapshot at the time and what changed.
    Subscription {
        /// The subscription as it was when the event happened.
        snapshot: Box<Subscription>,
        /// What changed.
        previous: PreviousAttributes,
    },
    /// A subscription event whose object does not decode (Stripe never sends one; a retry
    /// will not fix it either).
    MalformedSubscription,
    /// `checkout.session.completed`.
    Checkout(Box<CheckoutSession>),
    /// A checkout event whose session has no usable id.
    MalformedCheckout,
}

/// A handled event.
#[derive(Debug, Clone)]
pub struct Event {
    /// `evt_…`.
    pub id: String,
    /// Its kind.
    pub kind: EventKind,
    /// When Stripe created it (epoch seconds); `None` when absent or not a number.
    pub created: Option<i64>,
    /// Its object.
    pub data: EventData,
}

/// Why a verified body is not an event we can read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EventError {
    /// Not JSON.
    #[error("body is not a JSON event")]
    NotJson,
    /// No `id` or no `type`.
    #[error("event has no id or type")]
    NoIdOrType,
}

#[derive(Deserialize)]
struct Head {
    id: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    /// Read leniently: a malformed `created` only loses what it would tell.
    #[serde(default)]
    created: Value,
    #[serde(default)]
    data: Body,
}

#[derive(Default, Deserialize)]
struct Body {
    #[serde(default)]
    object: Value,
    #[serde(default)]
    previous_attributes: Value,
}

/// A verified body, read: `Ok((id, None))` for a well-formed event of a type the product
/// does not act on.
pub fn parse(body: &[u8]) -> Result<(String, String, Option<Event>), EventError> {
    let head: Head = serde_json::from_slice(body).map_err(|_| EventError::NotJson)?;
    let (Some(id), Some(kind)) = (head.id, head.kind) else {
        return Err(EventError::NoIdOrType);
    };
    let Some(known) = EventKind::of(&kind) else {
        return Ok((id, kind, None));
    };
    let data = match known {
        EventKind::CheckoutSessionCompleted => {
            match serde_json::from_value::<CheckoutSession>(head.data.object) {
                Ok(s) => EventData::Checkout(Box::new(s)),
                Err(_) => EventData::MalformedCheckout,
            }
        }
        _ => {
            let snapshot = serde_json::from_value::<Subscription>(head.data.object);
            let previous = match head.data.previous_attributes {
                Value::Null => Ok(PreviousAttributes::default()),
                v => serde_json::from_value(v),
            };
            match (snapshot, previous) {
                (Ok(s), Ok(previous)) => EventData::Subscription {
                    snapshot: Box::new(s),
                    previous,
                },
                _ => EventData::MalformedSubscription,
            }
        }
    };
    let event = Event {
        id: id.clone(),
        kind: known,
        created: head.created.as_i64(),
        data,
    };
    Ok((id, kind, Some(event)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn bytes(v: Value) -> Vec<u8> {
        serde_json::to_vec(&v).unwrap()
    }

    #[test]
    fn previous_attributes_tell_null_from_absent() {
        let body = bytes(
            json!({"id": "evt_1", "type": "customer.subscription.updated",
            "data": {"object": {"id": "sub_1", "customer": "cus_1", "status": "active"},
                     "previous_attributes": {"cancel_at": null, "cancel_at_period_end": true}}}),
        );
        let (_, _, event) = parse(&body).unwrap();
        let Some(Event {
            data: EventData::Subscription { previous, .. },
            ..
        }) = event
        else {
            panic!("not a subscription event");
        };
        assert_eq!(previous.cancel_at, Some(None));
        assert_eq!(previous.cancel_at_period_end, Some(Some(true)));
        assert_eq!(previous.pause_collection, None);
    }

    #[test]
    fn created_is_read_and_a_malformed_one_is_dropped() {
        let event = |created: Value| {
            let body = bytes(
                json!({"id": "evt_1", "type": "customer.subscription.updated",
                "created": created,
                "data": {"object": {"id": "sub_1", "customer": "cus_1", "status": "active"}}}),
            );
            parse(&body).unwrap().2.unwrap().created
        };
        assert_eq!(event(json!(1_800_000_000)), Some(1_800_000_000));
        assert_eq!(event(json!("1800000000")), None);
        assert_eq!(event(Value::Null), None);
    }

    #[test]
    fn other_types_are_read_but_not_decoded() {
        let (id, kind, event) = parse(&bytes(
            json!({"id": "evt_2", "type": "invoice.paid", "data": {}}),
        ))
        .unwrap();
        assert_eq!((id.as_str(), kind.as_str()), ("evt_2", "invoice.paid"));
        assert!(event.is_none());
        assert_eq!(parse(b"nope").unwrap_err(), EventError::NotJson);
        assert_eq!(
            parse(&bytes(json!({"type": "invoice.paid"}))).unwrap_err(),
            EventError::NoIdOrType
        );
    }

    #[test]
    fn objects_that_do_not_decode_are_marked_malformed() {
        let sub = parse(&bytes(
            json!({"id": "evt_3", "type": "customer.subscription.deleted",
            "data": {"object": {"no": "id"}}}),
        ))
        .unwrap()
        .2
        .unwrap();
        assert!(matches!(sub.data, EventData::MalformedSubscription));
        let cs = parse(&bytes(
            json!({"id": "evt_4", "type": "checkout.session.completed",
            "data": {"object": {"mode": "setup"}}}),
        ))
        .unwrap()
        .2
        .unwrap();
        assert!(matches!(cs.data, EventData::MalformedCheckout));
    }
}
