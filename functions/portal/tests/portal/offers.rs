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
    customer: String,
    price: String,
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
    Signed {
        w,
        cookie,
        customer,
        price,
        sub,
    }
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

    async fn customer(&self) -> Value {
        let path = format!("/v1/customers/{}", self.customer);
        self.w.account().get(&path).await
    }

    /// The project as stored, changed by `edit` (the app reads it again).
    async fn edit_project(&self, edit: impl FnOnce(&mut shared::project::Project)) {
        let mut project = self.w.project.clone();
        edit(&mut project);
        shared::project::ProjectStore::new(self.w.table.clone())
            .update(&project)
            .await
            .unwrap();
        self.w.app.forget_kept_projects();
    }

    /// Picks `reason` on the cancel page as the form does; answers the page it lands on.
    async fn pick(&self, reason: &str) -> Got {
        let page = self.get(&self.path("cancel")).await;
        let form = Signed::form_of(&page, &self.path("cancel"));
        let got = self
            .post(
                &self.path("cancel/reason"),
                &format!("{form}&reason={reason}"),
            )
            .await;
        assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
        self.get(got.header("location")).await
    }

    /// Posts the offer form (`form`: csrf and nonce) for `reason` with `extra` fields.
    async fn take_offer(&self, form: &str, reason: &str, extra: &str) -> Got {
        let body = format!("{form}&reason={reason}{extra}");
        self.post(&self.path("offer"), &body).await
    }

    /// Where a refused offer lands: the cancel page, saying the offer is not available.
    fn unavailable(&self) -> String {
        format!("{}?notice=offer_unavailable", self.path("cancel"))
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
    assert_eq!(again.header("location"), s.unavailable());
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
    let got = s.take_offer(&form, "too_expensive", "").await;
    assert_eq!(got.header("location"), s.unavailable());
    let sub = s.subscription().await;
    assert_eq!(sub["discounts"].as_array().unwrap().len(), 1);
    assert!(
        sub["metadata"].get("portal_offer_accepted").is_none(),
        "{sub}"
    );
}

/// The bug this guards: Stripe applies a customer's own discount only to subscriptions
/// without one, so a retention coupon set on the subscription would end an "Early adopter:
/// 20% off forever" without a word.
#[tokio::test]
async fn a_coupon_never_replaces_the_customers_own_discount() {
    let s = signed_in().await;
    let early =
        s.w.stripe(
            "/v1/coupons",
            &[
                ("percent_off", "20"),
                ("duration", "forever"),
                ("name", "Early adopter"),
            ],
        )
        .await;
    s.w.account()
        .give_customer_discount(&s.customer, early["id"].as_str().unwrap())
        .await;
    let page = s.pick("too_expensive").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(!page.body.contains("id=\"accept-offer\""), "{}", page.body);
    assert!(page.body.contains("id=\"cancel-anyway\""), "{}", page.body);
    // A crafted (or stale) form changes nothing either.
    let form = Signed::form_of(&page, &s.path("cancel"));
    let got = s.take_offer(&form, "too_expensive", "").await;
    assert_eq!(got.header("location"), s.unavailable());
    let sub = s.subscription().await;
    assert_eq!(sub["discounts"], serde_json::json!([]), "{sub}");
    assert!(sub["metadata"].get("portal_offer_accepted").is_none());
    let customer = s.customer().await;
    assert_eq!(
        customer["discount"]["source"]["coupon"], early["id"],
        "{customer}"
    );
    let c = today(&s.w).await;
    assert!(!c.funnel.shown.contains_key("coupon"), "{:?}", c.funnel);
    assert!(!c.funnel.accepted.contains_key("coupon"), "{:?}", c.funnel);
}

#[tokio::test]
async fn concurrent_coupon_accepts_apply_it_once() {
    let s = signed_in().await;
    let page = s.pick("too_expensive").await;
    assert!(page.body.contains("id=\"accept-offer\""), "{}", page.body);
    // Two tabs, each with its own form (nonce): the marker, not Stripe's idempotency,
    // decides; every submit lands on a page that says what happened.
    let other = s.pick("too_expensive").await;
    let forms = [
        Signed::form_of(&page, &s.path("offer")),
        Signed::form_of(&other, &s.path("offer")),
    ];
    let path = s.path("offer");
    let posts = (0..8).map(|i| {
        let form = format!("{}&reason=too_expensive", forms[i % 2]);
        let path = path.clone();
        let s = &s;
        async move { s.post(&path, &form).await }
    });
    let replies = join_all(posts).await;
    let applied = replies
        .iter()
        .filter(|g| g.header("location") == "/portal?notice=offer_applied")
        .count();
    let refused = replies
        .iter()
        .filter(|g| g.header("location") == s.unavailable())
        .count();
    assert_eq!(
        (applied, refused),
        (1, 7),
        "{:?}",
        replies
            .iter()
            .map(|g| g.header("location"))
            .collect::<Vec<_>>()
    );
    let sub = s.subscription().await;
    assert_eq!(sub["discounts"].as_array().unwrap().len(), 1, "{sub}");
    assert_eq!(today(&s.w).await.funnel.accepted["coupon"], 1);
    let events =
        s.w.account()
            .get("/v1/events?type=customer.discount.created")
            .await;
    assert_eq!(events["data"].as_array().unwrap().len(), 1, "{events}");
}

#[tokio::test]
async fn a_coupon_offer_comes_back_twelve_months_after_it_was_taken() {
    let mut s = signed_in().await;
    let page = s.pick("too_expensive").await;
    let form = Signed::form_of(&page, &s.path("offer"));
    let got = s.take_offer(&form, "too_expensive", "").await;
    assert_eq!(got.header("location"), "/portal?notice=offer_applied");
    // The coupon ran its three months and left: the subscription has no discount again.
    let path = format!("/v1/subscriptions/{}/discount", s.sub);
    s.w.account().delete(&path).await;
    // A year on, the session is long over: sign in again each time.
    s.w.clock.advance(364 * 86_400);
    s.cookie = s.w.sign_in(&s.customer).await;
    let within_a_year = s.pick("too_expensive").await;
    assert!(
        !within_a_year.body.contains("id=\"accept-offer\""),
        "{}",
        within_a_year.body
    );
    s.w.clock.advance(2 * 86_400);
    s.cookie = s.w.sign_in(&s.customer).await;
    let after = s.pick("too_expensive").await;
    assert!(after.body.contains("id=\"accept-offer\""), "{}", after.body);
    let form = Signed::form_of(&after, &s.path("offer"));
    let got = s.take_offer(&form, "too_expensive", "").await;
    assert_eq!(got.header("location"), "/portal?notice=offer_applied");
    assert_eq!(
        s.subscription().await["discounts"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn downgrade_and_support_offers_are_shown_followed_and_counted() {
    let mut s = signed_in().await;
    let basic = s.w.price("Basic", "500", false).await;
    let pro = s.price.clone();
    s.edit_project(|p| {
        p.allowed_prices = vec![pro.parse().unwrap(), basic.parse().unwrap()];
        p.downgrade_price = Some(basic.parse().unwrap());
        p.support_url = Some("https://help.acme.test/billing".parse().unwrap());
        p.offers = OfferRule::parse_list(
            "too_expensive=coupon:SAVE20;missing_features=downgrade;customer_service=support",
        )
        .unwrap();
    })
    .await;

    let page = s.pick("missing_features").await;
    assert!(page.body.contains("Switch to Basic"), "{}", page.body);
    assert!(page.body.contains("id=\"cancel-anyway\""), "{}", page.body);
    let form = Signed::form_of(&page, &s.path("offer"));
    let got = s.take_offer(&form, "missing_features", "").await;
    assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
    let to = got.header("location");
    assert!(
        to.starts_with(&format!("/portal/subscriptions/{}/update?item=", s.sub))
            && to.ends_with(&format!("&price={basic}")),
        "{to}"
    );
    let preview = s.get(to).await;
    assert!(
        preview.body.contains("id=\"confirm-form\""),
        "{}",
        preview.body
    );

    // The funnel counts each step once per session: "talk to us" in a session of its own.
    s.cookie = s.w.sign_in(&s.customer).await;
    let page = s.pick("customer_service").await;
    assert!(page.body.contains("id=\"accept-offer\""), "{}", page.body);
    assert!(page.body.contains("id=\"cancel-anyway\""), "{}", page.body);
    let form = Signed::form_of(&page, &s.path("offer"));
    let got = s.take_offer(&form, "customer_service", "").await;
    assert_eq!(got.header("location"), "/portal/support");

    // Nothing changed at Stripe: following an offer is not accepting a price.
    let sub = s.subscription().await;
    assert_eq!(
        sub["items"]["data"][0]["price"]["id"],
        pro.as_str(),
        "{sub}"
    );
    assert!(
        sub["metadata"].get("portal_offer_accepted").is_none(),
        "{sub}"
    );
    let c = today(&s.w).await;
    assert_eq!(c.funnel.shown["downgrade"], 1, "{:?}", c.funnel);
    assert_eq!(c.funnel.shown["support"], 1, "{:?}", c.funnel);
    assert_eq!(c.funnel.accepted["downgrade"], 1, "{:?}", c.funnel);
    assert_eq!(c.funnel.accepted["support"], 1, "{:?}", c.funnel);
    assert_eq!(c.funnel.reasons["missing_features"], 1);
    assert_eq!(c.funnel.reasons["customer_service"], 1);
    assert_eq!(c.funnel.opened, 2);
}

#[tokio::test]
async fn offers_are_refused_on_a_subscription_already_set_to_cancel() {
    let s = signed_in().await;
    let page = s.pick("unused").await;
    let form = Signed::form_of(&page, &s.path("offer"));
    s.w.stripe(
        &format!("/v1/subscriptions/{}", s.sub),
        &[("cancel_at_period_end", "true")],
    )
    .await;
    for reason in ["unused", "too_expensive"] {
        let got = s.take_offer(&form, reason, "&days=7").await;
        assert_eq!(got.header("location"), s.unavailable(), "{reason}");
    }
    let sub = s.subscription().await;
    assert!(sub["pause_collection"].is_null(), "{sub}");
    assert_eq!(sub["discounts"], serde_json::json!([]), "{sub}");
    assert_eq!(sub["cancel_at_period_end"], true);
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
    let got = s.take_offer(&form, "unused", "&days=7").await;
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
