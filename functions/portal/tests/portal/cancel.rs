//! The cancel page and the one-click subscription actions.

use http::{Method, StatusCode};
use serde_json::{json, Value};
use shared::clock::{Clock, OsRandom};
use shared::i18n::Catalogue;
use shared::ids::{CustomerId, Flow, Locale, SubscriptionId};
use shared::project::CancellationMode;
use shared::token::TokenRequest;

use crate::stripe_down::{fault, own_standin};
use crate::support::{Got, Setup, World};

struct Signed {
    w: World,
    cookie: String,
    sub: String,
}

async fn signed_in(setup: Setup) -> Signed {
    let w = World::with(setup).await;
    let customer = w.customer_with_card("Jo").await;
    let price = w.price("Pro", "1200", false).await;
    let sub = w.subscribe(&customer, &[&price]).await;
    let sub = sub["id"].as_str().unwrap().to_owned();
    let cookie = w.sign_in(&customer).await;
    Signed { w, cookie, sub }
}

impl Signed {
    fn cancel_path(&self) -> String {
        format!("/portal/subscriptions/{}/cancel", self.sub)
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

    /// Fields of the first form posting to `action` on `page`: csrf and nonce.
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

fn period_end(sub: &Value) -> i64 {
    sub["items"]["data"][0]["current_period_end"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn the_confirm_button_is_on_the_cancel_page_one_click_from_the_overview() {
    let s = signed_in(Setup {
        edit: Box::new(|p| {
            p.reason_survey = false;
            p.pause_offered = false;
        }),
        ..Setup::default()
    })
    .await;
    let overview = s.get("/portal").await;
    assert_eq!(overview.status, StatusCode::OK);
    assert!(
        overview
            .body
            .contains(&format!("href=\"{}\"", s.cancel_path())),
        "no cancel link on the overview: {}",
        overview.body
    );
    let page = s.get(&s.cancel_path()).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("id=\"confirm-cancel\""), "{}", page.body);
    assert!(page
        .body
        .contains(&format!("action=\"{}\"", s.cancel_path())));
    let end = Catalogue::english().format_date(period_end(&s.subscription().await));
    assert!(
        page.body
            .contains(&format!("Your plan ends on {end}; you keep Pro until then")),
        "{}",
        page.body
    );
    // Neither pause nor the survey unless the project offers them.
    assert!(!page.body.contains("/pause\""), "{}", page.body);
    assert!(!page.body.contains("name=\"reason\""), "{}", page.body);
}

#[tokio::test]
async fn cancel_then_renew_then_cancel_again() {
    let s = signed_in(Setup {
        edit: Box::new(|p| p.reason_survey = true),
        ..Setup::default()
    })
    .await;
    let page = s.get(&s.cancel_path()).await;
    assert_eq!(
        page.body.matches("name=\"reason\"").count(),
        8,
        "{}",
        page.body
    );
    let form = Signed::form_of(&page, &s.cancel_path());
    let got = s
        .post(
            &s.cancel_path(),
            &format!("{form}&reason=too_expensive&comment=Just+testing"),
        )
        .await;
    assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
    assert_eq!(got.header("location"), "/portal");
    let sub = s.subscription().await;
    assert_eq!(sub["cancel_at_period_end"], true);
    assert_eq!(sub["cancellation_details"]["feedback"], "too_expensive");
    assert_eq!(sub["cancellation_details"]["comment"], "Just testing");
    let overview = s.get("/portal").await;
    let end = Catalogue::english().format_date(period_end(&sub));
    assert!(
        overview.body.contains(&format!("Cancels on {end}")),
        "{}",
        overview.body
    );
    let renew = format!("/portal/subscriptions/{}/renew", s.sub);
    let form = Signed::form_of(&overview, &renew);
    assert_eq!(s.post(&renew, &form).await.status, StatusCode::SEE_OTHER);
    assert_eq!(s.subscription().await["cancel_at_period_end"], false);
    let overview = s.get("/portal").await;
    assert!(!overview.body.contains("Cancels on"), "{}", overview.body);
    let page = s.get(&s.cancel_path()).await;
    let form = Signed::form_of(&page, &s.cancel_path());
    assert_eq!(
        s.post(&s.cancel_path(), &form).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(s.subscription().await["cancel_at_period_end"], true);
}

#[tokio::test]
async fn a_double_submitted_cancel_changes_nothing_twice() {
    let s = signed_in(Setup::default()).await;
    let cancel_form = Signed::form_of(&s.get(&s.cancel_path()).await, &s.cancel_path());
    assert_eq!(
        s.post(&s.cancel_path(), &cancel_form).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        s.post(&s.cancel_path(), &cancel_form).await.status,
        StatusCode::SEE_OTHER
    );
    let renew = format!("/portal/subscriptions/{}/renew", s.sub);
    let renew_form = Signed::form_of(&s.get("/portal").await, &renew);
    assert_eq!(
        s.post(&renew, &renew_form).await.status,
        StatusCode::SEE_OTHER
    );
    // The first cancel form, submitted once more (a late double-click): replayed, not re-applied.
    assert_eq!(
        s.post(&s.cancel_path(), &cancel_form).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(s.subscription().await["cancel_at_period_end"], false);
}

#[tokio::test]
async fn posts_without_a_valid_csrf_token_change_nothing() {
    let s = signed_in(Setup::default()).await;
    let got = s.post(&s.cancel_path(), "csrf=forged&nonce=abc").await;
    assert_eq!(got.status, StatusCode::FORBIDDEN);
    assert_eq!(s.subscription().await["cancel_at_period_end"], false);
}

#[tokio::test]
async fn another_customers_subscription_is_not_found() {
    let s = signed_in(Setup::default()).await;
    let other = s.w.customer_with_card("Other").await;
    let price = s.w.price("Team", "5000", false).await;
    let theirs = s.w.subscribe(&other, &[&price]).await;
    let theirs = theirs["id"].as_str().unwrap();
    let path = format!("/portal/subscriptions/{theirs}/cancel");
    assert_eq!(s.get(&path).await.status, StatusCode::NOT_FOUND);
    let form = Signed::form_of(&s.get(&s.cancel_path()).await, &s.cancel_path());
    assert_eq!(s.post(&path, &form).await.status, StatusCode::NOT_FOUND);
    let sub: Value =
        s.w.http
            .get(format!("{}/v1/subscriptions/{theirs}", s.w.stripe_base))
            .bearer_auth(&s.w.stripe_key)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    assert_eq!(sub["cancel_at_period_end"], false);
    assert_eq!(
        s.get("/portal/subscriptions/not-an-id/cancel").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn pause_with_a_resume_date_then_resume() {
    let s = signed_in(Setup {
        edit: Box::new(|p| {
            p.pause_offered = true;
            p.max_pause_days = 30;
        }),
        ..Setup::default()
    })
    .await;
    let page = s.get(&s.cancel_path()).await;
    let pause = format!("/portal/subscriptions/{}/pause", s.sub);
    assert!(page.body.contains("option value=\"30\""), "{}", page.body);
    assert!(!page.body.contains("option value=\"60\""), "{}", page.body);
    let form = Signed::form_of(&page, &pause);
    assert_eq!(
        s.post(&pause, &format!("{form}&days=31")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        s.post(&pause, &format!("{form}&days=14")).await.status,
        StatusCode::SEE_OTHER
    );
    let sub = s.subscription().await;
    let expected = s.w.clock.now().unix_timestamp() + 14 * 24 * 3600;
    assert_eq!(sub["pause_collection"]["behavior"], "void");
    assert_eq!(
        sub["pause_collection"]["resumes_at"].as_i64(),
        Some(expected)
    );
    let overview = s.get("/portal").await;
    let resume = format!("/portal/subscriptions/{}/resume", s.sub);
    let form = Signed::form_of(&overview, &resume);
    assert_eq!(s.post(&resume, &form).await.status, StatusCode::SEE_OTHER);
    assert!(s.subscription().await["pause_collection"].is_null());
}

#[tokio::test]
async fn immediate_mode_says_ends_now_and_cancels_now() {
    let s = signed_in(Setup {
        edit: Box::new(|p| p.cancellation_mode = CancellationMode::Immediate),
        ..Setup::default()
    })
    .await;
    let page = s.get(&s.cancel_path()).await;
    assert!(page.body.contains("Ends now"), "{}", page.body);
    let form = Signed::form_of(&page, &s.cancel_path());
    assert_eq!(
        s.post(&s.cancel_path(), &form).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(s.subscription().await["status"], "canceled");
}

#[tokio::test]
async fn the_subscription_cancel_deep_link_lands_on_the_cancel_page() {
    let s = signed_in(Setup::default()).await;
    let customer = s.subscription().await["customer"]
        .as_str()
        .unwrap()
        .to_owned();
    let req = TokenRequest {
        project: s.w.project.id.clone(),
        customer: CustomerId::parse(&customer).unwrap(),
        flow: Flow::SubscriptionCancel,
        subscription: Some(SubscriptionId::parse(&s.sub).unwrap()),
        return_url: None,
        locale: Locale::default(),
        expires_in: 300,
    };
    let (token, _) =
        s.w.app
            .tokens()
            .mint(req, "ps_test", s.w.clock.now(), &OsRandom)
            .await
            .unwrap();
    let got =
        s.w.call(
            Method::POST,
            &format!("/portal/s/{}", token.expose()),
            None,
            Some(""),
        )
        .await;
    assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
    assert_eq!(got.header("location"), s.cancel_path());
}

async fn clear_faults(base: &str) {
    let res = reqwest::Client::new()
        .delete(format!("{base}/_standin/faults"))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success());
}

impl Signed {
    /// Posts the form to `action` found on a fresh render of `page`, plus `extra`.
    async fn submit(&self, page: &str, action: &str, extra: &str) -> Got {
        let form = Signed::form_of(&self.get(page).await, action);
        self.post(action, &format!("{form}{extra}")).await
    }
}

#[tokio::test]
async fn a_failed_action_says_nothing_was_changed_on_its_own_page() {
    let standin = own_standin().await;
    let base = standin.base_url();
    let s = signed_in(Setup {
        stripe_base: base.clone(),
        edit: Box::new(|p| {
            p.pause_offered = true;
            p.max_pause_days = 30;
        }),
        ..Setup::default()
    })
    .await;
    let nothing_changed = Catalogue::english().action_failed();
    let writes_fail = json!({
        "path": format!("/v1/subscriptions/{}", s.sub),
        "method": "POST",
        "kind": "status",
        "status": 500,
    });
    let cancel = s.cancel_path();
    let pause = format!("/portal/subscriptions/{}/pause", s.sub);
    let renew = format!("/portal/subscriptions/{}/renew", s.sub);
    let resume = format!("/portal/subscriptions/{}/resume", s.sub);
    let cancel_failed = format!("{cancel}?notice=action_failed");
    let overview_failed = "/portal?notice=action_failed";

    // Cancel and pause fail: back on the cancel page, which says so and still offers both.
    let page = s.get(&cancel).await;
    assert!(!page.body.contains(nothing_changed), "{}", page.body);
    let cancel_form = Signed::form_of(&page, &cancel);
    let pause_form = Signed::form_of(&page, &pause);
    fault(&base, writes_fail.clone()).await;
    let got = s.post(&cancel, &cancel_form).await;
    assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
    assert_eq!(got.header("location"), cancel_failed);
    let got = s.post(&pause, &format!("{pause_form}&days=14")).await;
    assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
    assert_eq!(got.header("location"), cancel_failed);
    let page = s.get(&cancel_failed).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains(nothing_changed), "{}", page.body);
    assert!(page.body.contains("id=\"confirm-cancel\""), "{}", page.body);
    assert!(page.body.contains(&format!("action=\"{pause}\"")));
    let sub = s.subscription().await;
    assert_eq!(sub["cancel_at_period_end"], false, "{sub}");
    assert!(sub["pause_collection"].is_null(), "{sub}");

    // Stripe is back: trying again from the page works (a fresh form, a fresh key).
    clear_faults(&base).await;
    assert_eq!(
        s.submit(&cancel, &cancel, "").await.header("location"),
        "/portal"
    );
    let overview = s.get("/portal").await;
    assert!(
        !overview.body.contains(nothing_changed),
        "{}",
        overview.body
    );

    // Renew fails: back on the overview, still cancelling, Renew still offered.
    let renew_form = Signed::form_of(&overview, &renew);
    fault(&base, writes_fail.clone()).await;
    let got = s.post(&renew, &renew_form).await;
    assert_eq!(got.header("location"), overview_failed);
    let overview = s.get(overview_failed).await;
    assert!(overview.body.contains(nothing_changed), "{}", overview.body);
    assert!(overview.body.contains("Cancels on"), "{}", overview.body);
    assert!(overview.body.contains(&format!("action=\"{renew}\"")));
    assert_eq!(s.subscription().await["cancel_at_period_end"], true);

    // Resume fails likewise: still paused.
    clear_faults(&base).await;
    assert_eq!(
        s.submit("/portal", &renew, "").await.header("location"),
        "/portal"
    );
    let got = s.submit(&cancel, &pause, "&days=14").await;
    assert_eq!(got.header("location"), "/portal");
    let overview = s.get("/portal").await;
    let resume_form = Signed::form_of(&overview, &resume);
    fault(&base, writes_fail).await;
    let got = s.post(&resume, &resume_form).await;
    assert_eq!(got.header("location"), overview_failed);
    let overview = s.get(overview_failed).await;
    assert!(overview.body.contains(nothing_changed), "{}", overview.body);
    assert!(overview.body.contains("Paused until"), "{}", overview.body);
    assert!(overview.body.contains(&format!("action=\"{resume}\"")));
    assert!(!s.subscription().await["pause_collection"].is_null());
}

#[tokio::test]
async fn an_immediate_cancel_with_stripe_unreachable_says_nothing_was_changed() {
    let standin = own_standin().await;
    let base = standin.base_url();
    let s = signed_in(Setup {
        stripe_base: base.clone(),
        edit: Box::new(|p| p.cancellation_mode = CancellationMode::Immediate),
        ..Setup::default()
    })
    .await;
    let form = Signed::form_of(&s.get(&s.cancel_path()).await, &s.cancel_path());
    fault(
        &base,
        json!({"path": "/v1/subscriptions/*", "method": "DELETE", "kind": "drop"}),
    )
    .await;
    let got = s.post(&s.cancel_path(), &form).await;
    assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
    let back = got.header("location").to_owned();
    assert_eq!(back, format!("{}?notice=action_failed", s.cancel_path()));
    let page = s.get(&back).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains(Catalogue::english().action_failed()),
        "{}",
        page.body
    );
    assert!(page.body.contains("Ends now"), "{}", page.body);
    assert_eq!(s.subscription().await["status"], "active");
}

#[tokio::test]
async fn with_stripe_down_the_cancel_page_still_says_nothing_was_changed() {
    let standin = own_standin().await;
    let base = standin.base_url();
    let s = signed_in(Setup {
        stripe_base: base.clone(),
        ..Setup::default()
    })
    .await;
    let form = Signed::form_of(&s.get(&s.cancel_path()).await, &s.cancel_path());
    fault(&base, json!({"path": "/v1/*", "kind": "drop"})).await;
    let got = s.post(&s.cancel_path(), &form).await;
    assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
    let page = s.get(got.header("location")).await;
    assert_eq!(
        page.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        page.body
    );
    assert!(page.headers.contains_key("content-security-policy"));
    assert!(
        page.body.contains(Catalogue::english().action_failed()),
        "{}",
        page.body
    );
    assert!(page.body.contains("load this right now"), "{}", page.body);
    assert!(page.body.contains("href=\"/portal\""), "{}", page.body);
    clear_faults(&base).await;
    assert_eq!(s.subscription().await["cancel_at_period_end"], false);
}

/// A German session (its link's `locale`) of a customer whose Stripe language is French,
/// on a subscription carrying one metadata key of the tenant's own.
async fn german_session(setup: Setup) -> Signed {
    let w = World::with(setup).await;
    let customer = w.customer_with_card("Jo").await;
    w.stripe(
        &format!("/v1/customers/{customer}"),
        &[("preferred_locales[0]", "fr")],
    )
    .await;
    let price = w.price("Pro", "1200", false).await;
    let sub = w.subscribe(&customer, &[&price]).await;
    let sub = sub["id"].as_str().unwrap().to_owned();
    w.stripe(
        &format!("/v1/subscriptions/{sub}"),
        &[("metadata[tenant_key]", "kept")],
    )
    .await;
    let cookie = w
        .sign_in_with(&customer, Locale::parse("de").unwrap())
        .await;
    Signed { w, cookie, sub }
}

impl Signed {
    /// Posts the form to `action` found on `page` (with `extra` fields); checks that it
    /// made exactly one write to the subscription (the language rides in it) and that the
    /// subscription now names the session's language, stamped now, the tenant's key kept.
    async fn act_stamped(&self, page: &str, action: &str, extra: &str) {
        let form = Signed::form_of(&self.get(page).await, action);
        self.w.stripe_calls().await;
        let now = self.w.clock.now().unix_timestamp();
        let got = self.post(action, &format!("{form}{extra}")).await;
        assert_eq!(got.status, StatusCode::SEE_OTHER, "{action}: {}", got.body);
        assert_eq!(got.header("location"), "/portal", "{action}");
        let writes: Vec<String> = self
            .w
            .stripe_calls()
            .await
            .into_iter()
            .filter(|c| !c.starts_with("GET"))
            .collect();
        assert_eq!(writes.len(), 1, "{action}: {writes:?}");
        let sub = self.subscription().await;
        assert_eq!(sub["metadata"]["portal_locale"], "de", "{action}: {sub}");
        assert_eq!(
            sub["metadata"]["portal_locale_at"],
            now.to_string(),
            "{action}"
        );
        assert_eq!(sub["metadata"]["tenant_key"], "kept", "{action}");
    }
}

#[tokio::test]
async fn every_action_writes_the_sessions_language_in_its_own_update() {
    let s = german_session(Setup {
        edit: Box::new(|p| {
            p.reason_survey = false;
            p.pause_offered = true;
            p.max_pause_days = 30;
        }),
        ..Setup::default()
    })
    .await;
    let (cancel, overview) = (s.cancel_path(), "/portal");
    let verb = |v: &str| format!("/portal/subscriptions/{}/{v}", s.sub);
    s.act_stamped(&cancel, &cancel, "").await;
    assert_eq!(s.subscription().await["cancel_at_period_end"], true);
    s.w.clock.advance(60);
    s.act_stamped(overview, &verb("renew"), "").await;
    assert_eq!(s.subscription().await["cancel_at_period_end"], false);
    s.w.clock.advance(60);
    s.act_stamped(&cancel, &verb("pause"), "&days=14").await;
    assert!(!s.subscription().await["pause_collection"].is_null());
    s.w.clock.advance(60);
    s.act_stamped(overview, &verb("resume"), "").await;
    assert!(s.subscription().await["pause_collection"].is_null());
}

#[tokio::test]
async fn an_immediate_cancel_writes_the_sessions_language_just_before_it() {
    let s = german_session(Setup {
        edit: Box::new(|p| {
            p.reason_survey = false;
            p.cancellation_mode = CancellationMode::Immediate;
        }),
        ..Setup::default()
    })
    .await;
    let form = Signed::form_of(&s.get(&s.cancel_path()).await, &s.cancel_path());
    s.w.stripe_calls().await;
    let got = s.post(&s.cancel_path(), &form).await;
    assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
    let writes: Vec<String> =
        s.w.stripe_calls()
            .await
            .into_iter()
            .filter(|c| !c.starts_with("GET"))
            .collect();
    // Stripe's cancel takes no metadata: one update, then the cancel.
    assert_eq!(writes.len(), 2, "{writes:?}");
    assert!(
        writes[0].starts_with("POST /v1/subscriptions/"),
        "{writes:?}"
    );
    assert!(
        writes[1].starts_with("DELETE /v1/subscriptions/"),
        "{writes:?}"
    );
    let sub = s.subscription().await;
    assert_eq!(sub["status"], "canceled");
    assert_eq!(sub["metadata"]["portal_locale"], "de", "{sub}");
    assert_eq!(sub["metadata"]["tenant_key"], "kept");
}
