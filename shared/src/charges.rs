//! What a customer is charged, read from Stripe's own objects: how a subscription's next
//! invoice will be paid, which of its items bill usage and over which period, and which
//! preview line is that usage's estimate. Pure: the portal fetches (the previews, the
//! meters), these decide; nothing here adds up prices. The figures themselves are always
//! Stripe's (`Charges` of an invoice or a preview).

use crate::ids::MeterId;
use crate::stripe::{Card, Charges, Customer, InvoiceLine, Subscription, SubscriptionItem};

/// How a subscription's next invoice will be paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Payment<'a> {
    /// Charged to this card (the subscription's own default, else the customer's).
    Card(&'a Card),
    /// Emailed for the customer to pay (`collection_method=send_invoice`).
    Email,
    /// Charged automatically, but no card is on file.
    NoCard,
}

/// How `sub`'s next invoice will be paid; `customer` carries the default card (expanded).
pub fn payment<'a>(sub: &'a Subscription, customer: Option<&'a Customer>) -> Payment<'a> {
    if sub.sends_invoice() {
        return Payment::Email;
    }
    match sub
        .default_card()
        .or_else(|| customer.and_then(Customer::default_card))
    {
        Some(card) => Payment::Card(card),
        None => Payment::NoCard,
    }
}

/// A metered item of a subscription: the meter it bills from and its current period.
#[derive(Debug, Clone)]
pub struct Metered<'a> {
    /// The item.
    pub item: &'a SubscriptionItem,
    /// Its price's meter.
    pub meter: MeterId,
    /// Start of the current period, epoch seconds.
    pub start: i64,
    /// End of the current period (when the usage is invoiced), epoch seconds.
    pub end: i64,
}

/// The items of `sub` that bill usage from a meter, with the period their usage so far
/// counts over.
pub fn metered(sub: &Subscription) -> Vec<Metered<'_>> {
    sub.items
        .data
        .iter()
        .filter(|i| i.price.is_metered())
        .filter_map(|item| {
            Some(Metered {
                item,
                meter: item.price.meter()?,
                start: item.current_period_start?,
                end: item.current_period_end?,
            })
        })
        .collect()
}

/// The line of a preview that bills `item`'s usage (not a proration): Stripe's estimate so
/// far.
pub fn usage_line<'a>(preview: &'a Charges, item: &SubscriptionItem) -> Option<&'a InvoiceLine> {
    preview
        .lines
        .data
        .iter()
        .find(|l| !l.is_proration() && l.price_id() == Some(item.price.id.as_str()))
}

/// Whether a discount applies to the whole invoice (`invoice.discounts`) rather than to
/// its own line: only those come off after the subtotal (Stripe's subtotal already
/// includes line discounts).
pub fn is_invoice_level(charges: &Charges, discount_id: &str) -> bool {
    charges.discounts.iter().any(|d| d.id() == discount_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sub(extra: serde_json::Value) -> Subscription {
        let mut v = json!({"id": "sub_1", "customer": "cus_1", "status": "active",
        "default_payment_method": {"id": "pm_sub", "card": {"brand": "visa", "last4": "1111",
            "exp_month": 1, "exp_year": 2030}},
        "items": {"data": [
            {"id": "si_1", "current_period_start": 100, "current_period_end": 200,
             "price": {"id": "price_seat", "currency": "usd", "unit_amount": 900,
                       "product": "prod_1"}},
            {"id": "si_2", "current_period_start": 100, "current_period_end": 200,
             "price": {"id": "price_calls", "currency": "usd", "unit_amount": 5,
               "product": "prod_2", "recurring": {"interval": "month",
               "usage_type": "metered", "meter": "mtr_test_1"}}},
            {"id": "si_3", "current_period_start": 100, "current_period_end": 200,
             "price": {"id": "price_legacy", "currency": "usd", "unit_amount": 5,
               "product": "prod_3", "recurring": {"interval": "month",
               "usage_type": "metered"}}}
        ]}});
        if let (Some(base), Some(extra)) = (v.as_object_mut(), extra.as_object()) {
            base.extend(extra.clone());
        }
        serde_json::from_value(v).unwrap()
    }

    fn customer(card: bool) -> Customer {
        let pm = card.then(|| {
            json!({"id": "pm_c", "card": {"brand": "mastercard",
            "last4": "4444", "exp_month": 2, "exp_year": 2031}})
        });
        serde_json::from_value(json!({"id": "cus_1",
            "invoice_settings": {"default_payment_method": pm}}))
        .unwrap()
    }

    #[test]
    fn the_next_invoice_is_paid_by_the_subscriptions_card_else_the_customers_or_by_email() {
        let own = sub(json!({}));
        let c = customer(true);
        assert!(matches!(payment(&own, Some(&c)), Payment::Card(card) if card.last4 == "1111"));
        let plain = sub(json!({"default_payment_method": null}));
        assert!(matches!(payment(&plain, Some(&c)), Payment::Card(card) if card.last4 == "4444"));
        assert_eq!(payment(&plain, Some(&customer(false))), Payment::NoCard);
        assert_eq!(payment(&plain, None), Payment::NoCard);
        let emailed = sub(json!({"collection_method": "send_invoice"}));
        assert_eq!(payment(&emailed, Some(&c)), Payment::Email);
    }

    #[test]
    fn only_items_with_a_meter_bill_usage_over_their_period() {
        let s = sub(json!({}));
        let m = metered(&s);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].item.id.as_str(), "si_2");
        assert_eq!(m[0].meter.as_str(), "mtr_test_1");
        assert_eq!((m[0].start, m[0].end), (100, 200));
    }

    #[test]
    fn the_usage_estimate_is_the_previews_own_line_for_the_price() {
        let s = sub(json!({}));
        let preview: Charges = serde_json::from_value(json!({"currency": "usd",
        "discounts": ["di_inv"],
        "lines": {"data": [
            {"amount": -300, "pricing": {"price_details": {"price": "price_calls"}},
             "parent": {"subscription_item_details": {"proration": true}}},
            {"amount": 2675, "quantity": 535,
             "pricing": {"price_details": {"price": "price_calls"}}}
        ]}}))
        .unwrap();
        let line = usage_line(&preview, &s.items.data[1]).unwrap();
        assert_eq!((line.amount, line.quantity), (2675, Some(535)));
        assert!(usage_line(&preview, &s.items.data[0]).is_none());
        assert!(is_invoice_level(&preview, "di_inv"));
        assert!(!is_invoice_level(&preview, "di_line"));
    }
}
