//! Webhook event JSON (after the signature check): `stripe::event::parse` and the typed
//! Stripe objects it decodes (`Subscription`, `CheckoutSession`, `PreviousAttributes`),
//! then what the webhooks function does with them without I/O: the event id check, the
//! state predicates, `mail::decide` and the rendered email.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shared::i18n::Catalogue;
use shared::ids::EventId;
use shared::mail::{decide, render, SubscriptionMail, Transition};
use shared::stripe::event::{parse, EventData, EventKind};
use shared::stripe::Subscription;

fn predicates(sub: &Subscription) {
    if sub.scheduled_end().is_some() {
        assert!(sub.cancellation_scheduled());
    }
    if let Some(renewal) = sub.next_renewal() {
        assert!(sub
            .items
            .data
            .iter()
            .filter_map(|i| i.current_period_end)
            .all(|end| renewal <= end));
    }
    if sub.collection_paused() {
        assert!(sub.is_paused());
    }
    let _ = (
        sub.is_past_due(),
        sub.is_live(),
        sub.default_card(),
        sub.schedule_id(),
    );
    let _ = sub.customer.id();
}

fuzz_target!(|data: &[u8]| {
    let Ok((id, kind, event)) = parse(data) else {
        return;
    };
    let id_ok = EventId::parse(&id).is_ok();
    let Some(event) = event else {
        assert!(EventKind::of(&kind).is_none(), "a handled kind was ignored");
        return;
    };
    assert_eq!(event.id, id);
    assert_eq!(EventKind::of(&kind), Some(event.kind));
    match &event.data {
        EventData::Subscription { snapshot, previous } => {
            assert!(event.kind != EventKind::CheckoutSessionCompleted);
            predicates(snapshot);
            if !id_ok {
                return; // the handler answers 400 before acting
            }
            // The event's snapshot as the current state (the handler re-reads it).
            let Some((transition, key)) = decide(snapshot, &id, event.kind, snapshot, previous)
            else {
                return;
            };
            match &transition {
                Transition::CancelTookEffect { ended_at } => {
                    assert_eq!(key, format!("cancel_ended#{ended_at}"));
                }
                _ => assert!(key.ends_with(&format!("#{id}")), "key {key:?} of {id:?}"),
            }
            let mail = SubscriptionMail {
                tenant: "Acme",
                plan: "Pro",
                transition: &transition,
                portal_link: "https://portal.test/portal/s/x",
            };
            let email = render(
                Catalogue::english(),
                &mail,
                "billing@acme.test",
                "ada@x.test",
            );
            assert!(!email.subject.is_empty() && !email.subject.contains(['\r', '\n']));
            assert!(email.text.contains("https://portal.test/portal/s/x"));
        }
        EventData::Checkout(session) => {
            assert_eq!(event.kind, EventKind::CheckoutSessionCompleted);
            if session.is_completed_setup() {
                assert_eq!(session.mode.as_deref(), Some("setup"));
            }
            let _ = session.saved_payment_method();
        }
        EventData::MalformedSubscription => {
            assert!(event.kind != EventKind::CheckoutSessionCompleted);
        }
        EventData::MalformedCheckout => {
            assert_eq!(event.kind, EventKind::CheckoutSessionCompleted);
        }
    }
});
