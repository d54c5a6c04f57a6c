//! Offers that answer a cancel reason, and a project's own cancel reasons.
//!
//! A project maps reasons (Stripe's eight feedback codes, or up to five of its own) to at
//! most one offer each: a coupon, a pause, its cheaper plan (`downgrade_price`), or "talk
//! to us" (its support link). The settings parse here, once, for `portal-admin` and the
//! functions alike; what an accepted offer writes to Stripe is a pure function here too;
//! the one stateful rule (a coupon at most once per subscription per 12 months) is
//! [`CouponMarkers`], a conditional put on DynamoDB.

use std::collections::BTreeMap;

use anyhow::Context;
use aws_sdk_dynamodb::types::AttributeValue;

use crate::ids::{ParseError, ProjectId, SubscriptionId};
use crate::project::Project;
pub use crate::retention::{
    CouponId, CustomReason, Offer, OfferKind, OfferRule, ReasonKey, MAX_COUPON_ID_CHARS,
    MAX_CUSTOM_REASONS, MAX_REASON_KEY_CHARS, MAX_REASON_LABEL_CHARS, REASON_CODES,
};
use crate::store::{is_conditional_check_failed, keys, n, s, Table};
use crate::stripe::{Customer, DiscountParams, PauseParams, Subscription, SubscriptionUpdate};

/// Metadata key: the project's own reason a customer cancelled for (Stripe's
/// `cancellation_details.feedback` then says `other`).
pub const META_REASON: &str = "portal_cancel_reason";
/// Metadata key: that reason's label, in English (else the project's first label): stable
/// for the tenant's reports whatever language the customer used.
pub const META_REASON_LABEL: &str = "portal_cancel_reason_label";
/// Metadata key: the kind of offer the customer accepted.
pub const META_OFFER: &str = "portal_offer_accepted";
/// Metadata key: when (epoch seconds).
pub const META_OFFER_AT: &str = "portal_offer_accepted_at";
/// Metadata key: the reason the offer answered.
pub const META_OFFER_REASON: &str = "portal_offer_reason";
/// Metadata key: the coupon of an accepted coupon offer.
pub const META_OFFER_COUPON: &str = "portal_offer_coupon";

/// Whether the project's reasons and offers fit together: each offer answers a reason the
/// project asks about, a downgrade needs `downgrade_price`, "talk to us" a support link, a
/// pause a longest pause of at least a day. `portal-admin` refuses a project that fails
/// this; the portal shows no offer that would fail it (`offer_for`).
pub fn check(project: &Project) -> Result<(), ParseError> {
    if project.custom_reasons.len() > MAX_CUSTOM_REASONS {
        return Err(ParseError(format!(
            "at most {MAX_CUSTOM_REASONS} custom reasons"
        )));
    }
    for rule in &project.offers {
        if !knows_reason(project, &rule.reason) {
            return Err(ParseError(format!(
                "the offer for {} answers no reason the project asks about (Stripe's eight or --custom-reasons)",
                rule.reason
            )));
        }
        if !prerequisites(project, &rule.offer) {
            return Err(ParseError(match rule.offer {
                Offer::Downgrade => {
                    format!("the offer for {} needs --downgrade-price", rule.reason)
                }
                Offer::Support => format!("the offer for {} needs --support-url", rule.reason),
                Offer::Pause => format!(
                    "the offer for {} needs --max-pause-days of 1 or more",
                    rule.reason
                ),
                Offer::Coupon { .. } => format!("the offer for {} cannot be made", rule.reason),
            }));
        }
    }
    Ok(())
}

fn knows_reason(project: &Project, key: &ReasonKey) -> bool {
    key.is_stripe_code() || project.custom_reasons.iter().any(|r| r.key == *key)
}

fn prerequisites(project: &Project, offer: &Offer) -> bool {
    match offer {
        Offer::Coupon { .. } => true,
        Offer::Pause => project.max_pause_days > 0,
        Offer::Downgrade => project.downgrade_price.is_some(),
        Offer::Support => project.support_url.is_some(),
    }
}

/// The reason a form names, if the project asks about it (the survey on; one of Stripe's
/// eight or of its own).
pub fn reason(project: &Project, raw: &str) -> Option<ReasonKey> {
    if !project.reason_survey {
        return None;
    }
    let key = ReasonKey::parse(raw).ok()?;
    knows_reason(project, &key).then_some(key)
}

/// The offer that answers `reason`, where the project has one and can make it.
pub fn offer_for<'a>(project: &'a Project, reason: &ReasonKey) -> Option<&'a Offer> {
    project
        .offers
        .iter()
        .find(|r| r.reason == *reason)
        .map(|r| &r.offer)
        .filter(|o| prerequisites(project, o))
}

/// What Stripe's `cancellation_details.feedback` says for `reason`: the code itself, or
/// `other` for a project's own reason (Stripe takes only its eight).
pub fn feedback(reason: &ReasonKey) -> &'static str {
    REASON_CODES
        .into_iter()
        .find(|c| *c == reason.as_str())
        .unwrap_or("other")
}

/// The metadata a cancellation for `reason` writes: for a project's own reason, its key
/// and its English label (see [`META_REASON_LABEL`]); nothing for Stripe's codes.
pub fn reason_metadata(project: &Project, reason: &ReasonKey) -> BTreeMap<String, String> {
    project
        .custom_reasons
        .iter()
        .find(|r| r.key == *reason)
        .map(|r| {
            BTreeMap::from([
                (META_REASON.to_owned(), r.key.to_string()),
                (META_REASON_LABEL.to_owned(), r.label("en").to_owned()),
            ])
        })
        .unwrap_or_default()
}

/// The acceptance record written to the subscription's metadata with the offer.
pub fn acceptance_metadata(
    kind: OfferKind,
    reason: &ReasonKey,
    now: i64,
) -> BTreeMap<String, String> {
    BTreeMap::from([
        (META_OFFER.to_owned(), kind.as_str().to_owned()),
        (META_OFFER_AT.to_owned(), now.to_string()),
        (META_OFFER_REASON.to_owned(), reason.to_string()),
    ])
}

/// Whether a coupon offer can be made on `sub` of `customer`: it bills, and no discount
/// already applies to it. A retention coupon never stacks, and never replaces one: not the
/// subscription's, not an item's, and not the customer's own (Stripe applies the customer's
/// discount only to subscriptions without one, so a coupon set on the subscription would
/// silently end an "Early adopter: 20% off forever").
pub fn coupon_applies(sub: &Subscription, customer: &Customer) -> bool {
    sub.invoices_next()
        && sub.discounts.is_empty()
        && sub.items.data.iter().all(|i| i.discounts.is_empty())
        && customer.discount.is_none()
}

/// The update that accepts a coupon offer: the coupon as the subscription's one discount,
/// and the acceptance in its metadata.
pub fn coupon_update(coupon: &CouponId, reason: &ReasonKey, now: i64) -> SubscriptionUpdate {
    let mut metadata = acceptance_metadata(OfferKind::Coupon, reason, now);
    metadata.insert(META_OFFER_COUPON.to_owned(), coupon.to_string());
    SubscriptionUpdate {
        discounts: vec![DiscountParams {
            coupon: coupon.to_string(),
        }],
        metadata,
        ..SubscriptionUpdate::default()
    }
}

/// The update that accepts a pause offer (`days` within the project's longest pause).
pub fn pause_update(
    project: &Project,
    days: u32,
    reason: &ReasonKey,
    now: i64,
) -> Option<SubscriptionUpdate> {
    (1..=project.max_pause_days)
        .contains(&days)
        .then(|| SubscriptionUpdate {
            pause_collection: Some(crate::stripe::Clearable::Set(PauseParams {
                behavior: "void",
                resumes_at: now + i64::from(days) * 24 * 3600,
            })),
            metadata: acceptance_metadata(OfferKind::Pause, reason, now),
            ..SubscriptionUpdate::default()
        })
}

/// Whether `sub` shows a coupon offer accepted at `at` (a write whose answer was lost).
pub fn coupon_landed(sub: &Subscription, at: i64) -> bool {
    sub.metadata.get(META_OFFER).map(String::as_str) == Some("coupon")
        && sub.metadata.get(META_OFFER_AT) == Some(&at.to_string())
        && !sub.discounts.is_empty()
}

/// The 12-month marker of a coupon offer: a conditional put under the project's key.
#[derive(Debug, Clone)]
pub struct CouponMarkers {
    table: Table,
}

/// Whether the marker was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claimed {
    /// Taken now (at this instant): the offer may be applied.
    Fresh,
    /// A coupon offer was accepted on this subscription in the last 12 months.
    Taken,
}

impl CouponMarkers {
    /// Markers on `table`.
    pub fn new(table: Table) -> CouponMarkers {
        CouponMarkers { table }
    }

    /// Takes the marker of `sub` at `now` unless one taken in the last 12 months stands.
    pub async fn claim(
        &self,
        project: &ProjectId,
        sub: &SubscriptionId,
        now: i64,
    ) -> anyhow::Result<Claimed> {
        let res = self
            .table
            .client()
            .put_item()
            .table_name(self.table.name())
            .item("pk", s(keys::project_pk(project)))
            .item("sk", s(keys::coupon_offer(sub.as_str())))
            .item("accepted_at", n(now))
            .item("expires_at", n(now + keys::COUPON_OFFER_SECONDS))
            .condition_expression("attribute_not_exists(pk) OR expires_at <= :now")
            .expression_attribute_values(":now", n(now))
            .send()
            .await;
        match res {
            Ok(_) => Ok(Claimed::Fresh),
            Err(e) if is_conditional_check_failed(&e) => Ok(Claimed::Taken),
            Err(e) => Err(anyhow::Error::new(e).context("claiming a coupon offer")),
        }
    }

    /// Whether a marker of the last 12 months stands for `sub` (the page then shows no
    /// coupon offer).
    pub async fn taken(
        &self,
        project: &ProjectId,
        sub: &SubscriptionId,
        now: i64,
    ) -> anyhow::Result<bool> {
        let item = self
            .table
            .get(
                &keys::project_pk(project),
                &keys::coupon_offer(sub.as_str()),
            )
            .await
            .context("reading a coupon offer marker")?;
        Ok(item.is_some_and(|i| {
            i.get("expires_at")
                .and_then(|v| v.as_n().ok())
                .and_then(|v| v.parse::<i64>().ok())
                .is_some_and(|exp| exp > now)
        }))
    }

    /// Gives back the marker taken at `at` (the coupon was not applied).
    pub async fn release(
        &self,
        project: &ProjectId,
        sub: &SubscriptionId,
        at: i64,
    ) -> anyhow::Result<()> {
        let res = self
            .table
            .client()
            .delete_item()
            .table_name(self.table.name())
            .key("pk", s(keys::project_pk(project)))
            .key("sk", s(keys::coupon_offer(sub.as_str())))
            .condition_expression("accepted_at = :at")
            .expression_attribute_values(":at", AttributeValue::N(at.to_string()))
            .send()
            .await;
        match res {
            Ok(_) => Ok(()),
            // Someone else's marker: not ours to give back.
            Err(e) if is_conditional_check_failed(&e) => Ok(()),
            Err(e) => Err(anyhow::Error::new(e).context("releasing a coupon offer marker")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> Project {
        crate::project::test_project()
    }

    #[test]
    fn custom_reasons_parse_with_labels_per_language() {
        let list = CustomReason::parse_list(
            "price_hike=Prices went up; price_hike.fr=Les prix ont augmenté;moving=Moving abroad",
        )
        .unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].label("fr"), "Les prix ont augmenté");
        assert_eq!(list[0].label("de"), "Prices went up");
        assert_eq!(list[1].key.as_str(), "moving");
        assert!(CustomReason::parse_list("none").unwrap().is_empty());
        for bad in [
            "too_expensive=Mine",
            "Bad Key=x",
            "k=",
            "k",
            "a=1;b=2;c=3;d=4;e=5;f=6",
            "k.english=x",
        ] {
            assert!(CustomReason::parse_list(bad).is_err(), "{bad}");
        }
        let long = format!("k={}", "x".repeat(81));
        assert!(CustomReason::parse_list(&long).is_err());
    }

    #[test]
    fn offers_parse_one_per_reason_and_are_checked_against_the_project() {
        let rules = OfferRule::parse_list(
            "too_expensive=coupon:SAVE20;unused=pause;missing_features=downgrade;customer_service=support",
        )
        .unwrap();
        assert_eq!(rules.len(), 4);
        assert_eq!(rules[0].offer.kind(), OfferKind::Coupon);
        for bad in [
            "too_expensive=coupon:",
            "too_expensive=gift",
            "unused=pause;unused=support",
            "x",
            "too_expensive=coupon:a b",
        ] {
            assert!(OfferRule::parse_list(bad).is_err(), "{bad}");
        }
        let mut p = project();
        p.offers = rules;
        // No downgrade price nor support link yet.
        assert!(check(&p).is_err());
        p.downgrade_price = Some(crate::ids::PriceId::parse("price_cheap").unwrap());
        p.support_url = Some(crate::settings::SupportUrl::parse("https://help.acme.test").unwrap());
        assert_eq!(check(&p), Ok(()));
        p.offers = OfferRule::parse_list("moving=support").unwrap();
        assert!(check(&p).is_err(), "an unknown reason");
        p.custom_reasons = CustomReason::parse_list("moving=Moving").unwrap();
        assert_eq!(check(&p), Ok(()));
    }

    #[test]
    fn a_custom_reason_is_other_at_stripe_and_named_in_metadata() {
        let mut p = project();
        p.custom_reasons =
            CustomReason::parse_list("moving.fr=Je déménage;moving=Moving abroad").unwrap();
        let moving = reason(&p, "moving").unwrap();
        assert_eq!(feedback(&moving), "other");
        let meta = reason_metadata(&p, &moving);
        assert_eq!(meta[META_REASON], "moving");
        assert_eq!(meta[META_REASON_LABEL], "Moving abroad");
        let unused = reason(&p, "unused").unwrap();
        assert_eq!(feedback(&unused), "unused");
        assert!(reason_metadata(&p, &unused).is_empty());
        assert_eq!(reason(&p, "made_up"), None);
        p.reason_survey = false;
        assert_eq!(reason(&p, "unused"), None);
    }

    #[test]
    fn a_coupon_applies_only_where_no_discount_of_any_kind_would_be_replaced() {
        let sub = |discounts: serde_json::Value, item_discounts: serde_json::Value| {
            serde_json::from_value::<Subscription>(serde_json::json!({
                "id": "sub_1", "customer": "cus_1", "status": "active",
                "discounts": discounts,
                "items": {"object": "list", "has_more": false, "data": [{
                    "id": "si_1", "discounts": item_discounts,
                    "price": {"id": "price_1", "currency": "usd", "unit_amount": 1200,
                        "product": "prod_1"}}]}
            }))
            .unwrap()
        };
        let customer = |discount: serde_json::Value| {
            serde_json::from_value::<Customer>(serde_json::json!({
                "id": "cus_1", "email": null, "name": null, "address": null, "tax_ids": null,
                "discount": discount,
            }))
            .unwrap()
        };
        let none = serde_json::json!([]);
        let bare = customer(serde_json::Value::Null);
        assert!(coupon_applies(&sub(none.clone(), none.clone()), &bare));
        assert!(!coupon_applies(
            &sub(serde_json::json!(["di_1"]), none.clone()),
            &bare
        ));
        assert!(!coupon_applies(
            &sub(none.clone(), serde_json::json!(["di_2"])),
            &bare
        ));
        let early = customer(serde_json::json!({
            "id": "di_3", "source": {"coupon": "early"}, "start": 1, "end": null,
        }));
        assert!(!coupon_applies(&sub(none.clone(), none.clone()), &early));
        let mut set_to_cancel = sub(none.clone(), none);
        set_to_cancel.cancel_at_period_end = true;
        assert!(!coupon_applies(&set_to_cancel, &bare));
    }

    #[test]
    fn an_accepted_coupon_is_one_discount_and_recorded_in_metadata() {
        let coupon = CouponId::parse("SAVE20").unwrap();
        let why = ReasonKey::parse("too_expensive").unwrap();
        let u = coupon_update(&coupon, &why, 1_000);
        assert_eq!(
            u.discounts,
            vec![DiscountParams {
                coupon: "SAVE20".to_owned()
            }]
        );
        assert_eq!(u.metadata[META_OFFER], "coupon");
        assert_eq!(u.metadata[META_OFFER_AT], "1000");
        assert_eq!(u.metadata[META_OFFER_COUPON], "SAVE20");
        assert_eq!(u.cancel_at_period_end, None);
        let p = project();
        assert!(pause_update(&p, 0, &why, 0).is_none());
        assert!(pause_update(&p, p.max_pause_days + 1, &why, 0).is_none());
        let pause = pause_update(&p, 7, &why, 0).unwrap();
        assert_eq!(pause.metadata[META_OFFER], "pause");
    }
}
