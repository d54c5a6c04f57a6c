//! Offers that answer the cancel reason, custom reasons and the cancel funnel, against
//! the stand-in and moto: a coupon offer is applied to Stripe once (and never twice in 12
//! months, never on top of a discount), recorded in metadata; a custom reason is `other`
//! at Stripe and named in metadata; funnel steps count once per session under
//! concurrent submits.

use futures::future::join_all;
use http::{Method, StatusCode};
use serde_json::Value;
use shared::clock::Clock;
use shared::metrics::emf::Emf;
use shared::metrics::{day_of, DayCounts, MetricsStore};
use shared::offers::{CustomReason, OfferRule};

use crate::support::{Got, Setup, World};

struct Signed {
    w: World,
    cookie: String,
    sub: String,
}

fn offering_project() -> Setup {
    Setup {
        edit: Box::new(|p| {
            p.reason_survey = true;
            p.custom_reasons = CustomReason::parse_list("moving=Moving abroad").unwrap();
            p.offers = OfferRule::parse_list("too_expensive=coupon:SAVE20;unused=pause").unwrap();
        }),
        ..Setup::default()
    }
}

async fn signed_in() -> Signed {
    let w = World::with(offering_project()).await;
    let made: Value = w
        .http
        .post(format!("{}/v1/coupons", w.stripe_base))
        .bearer_auth(&w.stripe_key)
        .form(&[
            ("id", "SAVE20"),
            ("percent_off", "20"),
            ("duration", "repeating"),
            ("duration_in_months", "3"),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(made["id"], "SAVE20", "{made}");
    let customer = w.customer_with_card("Jo").await;
    let price = w.price("Pro", "1200", false).await;
    let sub = w.subscribe(&customer, &[&price]).await;
    let sub = sub["id"].as_str().unwrap().to_owned();
    let cookie = w.sign_in(&customer).await;
    Signed { w, cookie, sub }
}

impl Signed {
    fn path(&self, tail: &str) -> String {
        format!("/portal/subscriptions/{}/{tail}", self.sub)
    }

    async fn get(&self, path: &str) -> Got {
        self.w.get(path, Some(&self.cookie)).await
    }

    async fn post(&self, path: &str, form: &str) -> Got {
        self.w
            .call(Method::POST, path, Some(&self.cookie), Some(form))
            .await
    }

    async fn subscription(&self) -> Value {
        self.w
            .http
            .get(format!(
                "{}/v1/subscriptions/{}",
                self.w.stripe_base, self.sub
            ))
            .bearer_auth(&self.w.stripe_key)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// csrf and nonce of the first form posting to `action` on `page`.
    fn form_of(page: &Got, action: &str) -> String {
        let at = page
            .body
            .find(&format!("action=\"{action}\""))
            .unwrap_or_else(|| panic!("no form to {action} in {}", page.body));
        let rest = &page.body[at..];
        let field = |name: &str| {
            let key = format!("name=\"{name}\" value=\"");
            let i = rest.find(&key).unwrap() + key.len();
            rest[i..i + rest[i..].find('"').unwrap()].to_owned()
        };
        format!("csrf={}&nonce={}", field("csrf"), field("nonce"))
    }
}

async fn today(w: &World) -> DayCounts {
    let day = day_of(w.clock.now());
    let store = MetricsStore::new(w.table.clone(), Emf::memory("test").0);
    let rows = store.read(&w.project.id, day, day).await.unwrap();
    rows.into_iter().next().unwrap_or_default()
}

#[tokio::test]
async fn a_coupon_offer_sits_beside_cancel_anyway_and_applies_once() {
    let s = signed_in().await;
    let first = s.get(&s.path("cancel")).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert!(first.body.contains("id=\"continue\""), "{}", first.body);
    assert!(
        first.body.contains("value=\"moving\""),
        "the custom reason is offered"
    );
    let form = Signed::form_of(&first, &s.path("cancel"));
    let got = s
        .post(
            &s.path("cancel/reason"),
            &format!("{form}&reason=too_expensive"),
        )
        .await;
    assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
    let location = got.header("location").to_owned();
    assert_eq!(
        location,
        format!("{}?reason=too_expensive", s.path("cancel"))
    );
    let page = s.get(&location).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    // The offer, and beside it the one-click cancel, in the same kind of card and button.
    assert!(page.body.contains("id=\"accept-offer\""), "{}", page.body);
    assert!(page.body.contains("id=\"cancel-anyway\""), "{}", page.body);
    assert!(page.body.contains("20% off for 3 months"), "{}", page.body);
    let offer_form = Signed::form_of(&page, &s.path("offer"));
    let accept = format!("{offer_form}&reason=too_expensive");
    let got = s.post(&s.path("offer"), &accept).await;
    assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
    // Back on the overview, which says the offer is applied.
    assert_eq!(got.header("location"), "/portal?notice=offer_applied");
    let overview = s.get("/portal?notice=offer_applied").await;
    assert!(
        overview.body.contains("the offer is applied to your plan"),
        "{}",
        overview.body
    );
    let sub = s.subscription().await;
    let discounts = sub["discounts"].as_array().unwrap();
    assert_eq!(discounts.len(), 1, "{sub}");
    assert_eq!(sub["metadata"]["portal_offer_accepted"], "coupon");
    assert_eq!(sub["metadata"]["portal_offer_coupon"], "SAVE20");
    assert_eq!(sub["metadata"]["portal_offer_reason"], "too_expensive");
    assert_eq!(
        sub["cancel_at_period_end"], false,
        "an offer cancels nothing"
    );
    // Accepting again (a resubmit, or a second try): refused, Stripe unchanged.
    let again = s.post(&s.path("offer"), &accept).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert_eq!(
        again.header("location"),
        format!("{}?notice=offer_unavailable", s.path("cancel"))
    );
    assert_eq!(
        s.subscription().await["discounts"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // And the page no longer shows it, but still offers the cancel.
    let page = s.get(&location).await;
    assert!(!page.body.contains("id=\"accept-offer\""), "{}", page.body);
    assert!(page.body.contains("id=\"cancel-anyway\""), "{}", page.body);
    // The marker stands even when the discount is gone (12 months, not "while it lasts").
    let c = today(&s.w).await;
    assert_eq!(c.funnel.opened, 1);
    assert_eq!(c.funnel.reasons["too_expensive"], 1);
    assert_eq!(c.funnel.shown["coupon"], 1);
    assert_eq!(c.funnel.accepted["coupon"], 1);
    assert_eq!(c.funnel.cancelled, 0);
}

#[tokio::test]
async fn cancel_anyway_cancels_in_one_click_with_a_custom_reason_in_metadata() {
    let s = signed_in().await;
    let page = s.get(&format!("{}?reason=moving", s.path("cancel"))).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Moving abroad"), "{}", page.body);
    assert!(
        !page.body.contains("id=\"accept-offer\""),
        "no offer for this reason"
    );
    let form = Signed::form_of(&page, &s.path("cancel"));
    let got = s
        .post(
            &s.path("cancel"),
            &format!("{form}&reason=moving&comment=bye"),
        )
        .await;
    assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
    let sub = s.subscription().await;
    assert_eq!(sub["cancel_at_period_end"], true);
    assert_eq!(sub["cancellation_details"]["feedback"], "other");
    assert_eq!(sub["metadata"]["portal_cancel_reason"], "moving");
    assert_eq!(
        sub["metadata"]["portal_cancel_reason_label"],
        "Moving abroad"
    );
    let c = today(&s.w).await;
    assert_eq!(c.funnel.opened, 1);
    assert_eq!(c.funnel.reasons["moving"], 1);
    assert_eq!(c.funnel.cancelled, 1);
}

#[tokio::test]
async fn a_coupon_never_stacks_on_a_discount_already_there() {
    let s = signed_in().await;
    let updated =
        s.w.http
            .post(format!("{}/v1/subscriptions/{}", s.w.stripe_base, s.sub))
            .bearer_auth(&s.w.stripe_key)
            .form(&[("discounts[0][coupon]", "SAVE20")])
            .send()
            .await
            .unwrap();
    assert!(updated.status().is_success());
    let page = s
        .get(&format!("{}?reason=too_expensive", s.path("cancel")))
        .await;
    assert!(!page.body.contains("id=\"accept-offer\""), "{}", page.body);
    let form = Signed::form_of(&page, &s.path("cancel"));
    let got = s
        .post(&s.path("offer"), &format!("{form}&reason=too_expensive"))
        .await;
    assert_eq!(
        got.header("location"),
        format!("{}?notice=offer_unavailable", s.path("cancel"))
    );
    let sub = s.subscription().await;
    assert_eq!(sub["discounts"].as_array().unwrap().len(), 1);
    assert!(
        sub["metadata"].get("portal_offer_accepted").is_none(),
        "{sub}"
    );
}

#[tokio::test]
async fn a_pause_offer_pauses_and_bad_offer_forms_change_nothing() {
    let s = signed_in().await;
    let page = s.get(&format!("{}?reason=unused", s.path("cancel"))).await;
    assert!(page.body.contains("id=\"offer-days\""), "{}", page.body);
    let form = Signed::form_of(&page, &s.path("offer"));
    for bad in [
        format!("{form}&reason=unused&days=0"),
        format!("{form}&reason=unused&days=x"),
        format!("{form}&reason=moving"),
        format!("{form}&reason=nope"),
        form.clone(),
    ] {
        let got = s.post(&s.path("offer"), &bad).await;
        assert_eq!(got.status, StatusCode::NOT_FOUND, "{bad}: {}", got.body);
    }
    assert!(s.subscription().await["pause_collection"].is_null());
    let got = s
        .post(&s.path("offer"), &format!("{form}&reason=unused&days=7"))
        .await;
    assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
    let sub = s.subscription().await;
    assert!(!sub["pause_collection"].is_null(), "{sub}");
    assert_eq!(sub["metadata"]["portal_offer_accepted"], "pause");
    // The pause email speaks the session's language (written with the pause).
    assert_eq!(sub["metadata"]["portal_locale"], "en", "{sub}");
    assert_eq!(today(&s.w).await.funnel.accepted["pause"], 1);
}

#[tokio::test]
async fn funnel_steps_count_once_per_session_under_concurrent_submits() {
    let s = signed_in().await;
    let page = s.get(&s.path("cancel")).await;
    let form = Signed::form_of(&page, &s.path("cancel"));
    let reason = format!("{form}&reason=too_expensive");
    let path = s.path("cancel/reason");
    let replies = join_all((0..20).map(|_| s.post(&path, &reason))).await;
    assert!(replies.iter().all(|g| g.status == StatusCode::SEE_OTHER));
    let cancel_page = s.path("cancel");
    let opened = join_all((0..10).map(|_| s.get(&cancel_page))).await;
    assert!(opened.iter().all(|g| g.status == StatusCode::OK));
    // A second session of another customer counts on its own.
    let other = s.w.customer_with_card("Al").await;
    let price = s.w.price("Basic", "500", false).await;
    let theirs = s.w.subscribe(&other, &[&price]).await;
    let theirs = theirs["id"].as_str().unwrap().to_owned();
    let cookie = s.w.sign_in(&other).await;
    let their_path = format!("/portal/subscriptions/{theirs}/cancel");
    join_all((0..10).map(|_| s.w.get(&their_path, Some(&cookie)))).await;
    let c = today(&s.w).await;
    assert_eq!(c.funnel.opened, 2, "two sessions opened the page");
    assert_eq!(
        c.funnel.reasons["too_expensive"], 1,
        "one session gave the reason"
    );
    assert_eq!(c.funnel.cancelled, 0);
}
