//! Multi-step writes end all or nothing: a step Stripe fails is undone (a released
//! schedule is given back, a created one released, a half-saved customer put back), and
//! the page says "nothing was changed" only when that is true.
//!
//! Each test has a stand-in of its own: some faults match paths no test knows in advance.

use http::{Method, StatusCode};
use serde_json::{json, Value};
use shared::project::{DowngradeTiming, ProjectStore};

use crate::stripe_down::{fault, own_standin};
use crate::support::{Got, Setup, World};

/// A customer on Pro ($20) of a project allowing Basic ($10), Pro and Max ($50), with
/// downgrades at the period end, on a stand-in of the test's own.
struct Scene {
    _standin: stripe_standin::Running,
    w: World,
    customer: String,
    cookie: String,
    sub: String,
    basic: String,
    pro: String,
    max: String,
}

async fn scene() -> Scene {
    let standin = own_standin().await;
    let w = World::with(Setup {
        stripe_base: standin.base_url(),
        ..Setup::default()
    })
    .await;
    let basic = w.price("Basic", "1000", false).await;
    let pro = w.price("Pro", "2000", false).await;
    let max = w.price("Max", "5000", false).await;
    let mut project = w.project.clone();
    project.allowed_prices = [&basic, &pro, &max]
        .iter()
        .map(|id| id.parse().unwrap())
        .collect();
    project.downgrade_timing = DowngradeTiming::PeriodEnd;
    ProjectStore::new(w.table.clone())
        .update(&project)
        .await
        .unwrap();
    let customer = w.customer_with_card("Jo").await;
    let sub = w.subscribe(&customer, &[&pro]).await;
    let sub = sub["id"].as_str().unwrap().to_owned();
    let cookie = w.sign_in(&customer).await;
    Scene {
        _standin: standin,
        w,
        customer,
        cookie,
        sub,
        basic,
        pro,
        max,
    }
}

/// A 500 on the next `method` request to `path`, not to be retried.
fn once(path: &str, method: &str) -> Value {
    json!({"path": path, "method": method, "kind": "status", "status": 500,
           "should_retry": false, "times": 1})
}

/// The url-encoded hidden fields (and `names` present) of the form posting to `action`.
fn form_of(page: &Got, action: &str, names: &[&str]) -> String {
    let at = page
        .body
        .find(&format!("action=\"{action}\""))
        .unwrap_or_else(|| panic!("no form to {action} in {}", page.body));
    let form = &page.body[at..at + page.body[at..].find("</form>").unwrap()];
    let mut out = form_urlencoded::Serializer::new(String::new());
    for name in names {
        let key = format!("name=\"{name}\" value=\"");
        if let Some(i) = form.find(&key) {
            let v = &form[i + key.len()..];
            out.append_pair(name, &v[..v.find('"').unwrap()]);
        }
    }
    out.finish()
}

const PLAN_FIELDS: [&str; 5] = ["csrf", "nonce", "item", "price", "quantity"];

impl Scene {
    async fn get(&self, path: &str) -> Got {
        self.w.get(path, Some(&self.cookie)).await
    }

    async fn post(&self, path: &str, form: &str) -> Got {
        self.w
            .call(Method::POST, path, Some(&self.cookie), Some(form))
            .await
    }

    async fn stripe_get(&self, path: &str) -> Value {
        self.w
            .http
            .get(format!("{}{path}", self.w.stripe_base))
            .bearer_auth(&self.w.stripe_key)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    async fn subscription(&self) -> Value {
        self.stripe_get(&format!("/v1/subscriptions/{}", self.sub))
            .await
    }

    fn plan_path(&self) -> String {
        format!("/portal/subscriptions/{}/update", self.sub)
    }

    fn cancel_path(&self) -> String {
        format!("/portal/subscriptions/{}/cancel", self.sub)
    }

    /// Confirms a change to `price` through the plan page.
    async fn change_to(&self, price: &str) -> Got {
        let path = self.plan_path();
        let preview = self.get(&format!("{path}?price={price}")).await;
        assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
        self.post(&path, &form_of(&preview, &path, &PLAN_FIELDS))
            .await
    }

    /// Schedules the downgrade to Basic at the period end; returns the schedule's id.
    async fn schedule_downgrade(&self) -> String {
        let got = self.change_to(&self.basic).await;
        assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
        assert_eq!(got.header("location"), "/portal");
        assert_eq!(self.pending().await.as_deref(), Some(self.basic.as_str()));
        self.subscription().await["schedule"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// The price the subscription's live schedule moves to next, if any.
    async fn pending(&self) -> Option<String> {
        let live = self
            .stripe_get(&format!(
                "/v1/subscription_schedules?customer={}",
                self.customer
            ))
            .await;
        let live: Vec<&Value> = live["data"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["status"] == "active" || s["status"] == "not_started")
            .collect();
        assert!(live.len() <= 1, "one live schedule at most: {live:?}");
        let s = live.first()?;
        assert_eq!(s["subscription"], self.sub.as_str());
        assert_eq!(
            self.subscription().await["schedule"],
            s["id"],
            "the subscription names its schedule"
        );
        let phases = s["phases"].as_array().unwrap();
        assert_eq!(phases.len(), 2, "{s}");
        phases[1]["items"][0]["price"].as_str().map(str::to_owned)
    }

    async fn price(&self) -> String {
        self.subscription().await["items"]["data"][0]["price"]["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Cancels at the period end through the cancel page.
    async fn cancel(&self) -> Got {
        let path = self.cancel_path();
        let page = self.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        self.post(&path, &form_of(&page, &path, &["csrf", "nonce"]))
            .await
    }
}

/// The page a failed action leads back to says what `notice` means.
async fn says(s: &Scene, got: &Got, back_to: &str, notice: &str, words: &str) {
    assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
    let location = got.header("location").to_owned();
    assert_eq!(location, format!("{back_to}?notice={notice}"));
    let page = s.get(&location).await;
    assert!(page.body.contains(words), "{}", page.body);
}

const NOTHING_CHANGED: &str = "That did not work, and nothing was changed.";
const MAYBE_CHANGED: &str = "part of it may have been saved";

#[tokio::test]
async fn a_cancel_that_fails_after_releasing_the_downgrade_gives_the_downgrade_back() {
    let s = scene().await;
    let first = s.schedule_downgrade().await;
    fault(
        &s.w.stripe_base,
        once(&format!("/v1/subscriptions/{}", s.sub), "POST"),
    )
    .await;
    let got = s.cancel().await;
    says(&s, &got, &s.cancel_path(), "action_failed", NOTHING_CHANGED).await;
    let sub = s.subscription().await;
    assert_eq!(sub["cancel_at_period_end"], false, "{sub}");
    assert_eq!(s.price().await, s.pro);
    assert_eq!(s.pending().await.as_deref(), Some(s.basic.as_str()));
    let released = s
        .stripe_get(&format!("/v1/subscription_schedules/{first}"))
        .await;
    assert_eq!(released["status"], "released", "the first was released");
    // The same form again, Stripe well: it cancels, and the downgrade goes with it.
    let again = s.cancel().await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.body);
    assert_eq!(again.header("location"), "/portal");
    assert_eq!(s.subscription().await["cancel_at_period_end"], true);
    assert_eq!(s.pending().await, None);
}

#[tokio::test]
async fn a_cancel_whose_release_fails_changes_nothing() {
    let s = scene().await;
    let schedule = s.schedule_downgrade().await;
    fault(
        &s.w.stripe_base,
        once(
            &format!("/v1/subscription_schedules/{schedule}/release"),
            "POST",
        ),
    )
    .await;
    let got = s.cancel().await;
    says(&s, &got, &s.cancel_path(), "action_failed", NOTHING_CHANGED).await;
    let sub = s.subscription().await;
    assert_eq!(sub["cancel_at_period_end"], false, "{sub}");
    assert_eq!(sub["schedule"], schedule.as_str(), "the same schedule");
    assert_eq!(s.pending().await.as_deref(), Some(s.basic.as_str()));
}

#[tokio::test]
async fn a_cancel_that_cannot_be_undone_says_part_may_be_saved() {
    let s = scene().await;
    s.schedule_downgrade().await;
    fault(
        &s.w.stripe_base,
        once(&format!("/v1/subscriptions/{}", s.sub), "POST"),
    )
    .await;
    // Giving the schedule back fails too.
    fault(&s.w.stripe_base, once("/v1/subscription_schedules", "POST")).await;
    let got = s.cancel().await;
    says(
        &s,
        &got,
        &s.cancel_path(),
        "action_maybe_changed",
        MAYBE_CHANGED,
    )
    .await;
    assert_eq!(s.subscription().await["cancel_at_period_end"], false);
}

#[tokio::test]
async fn an_upgrade_that_fails_after_releasing_the_downgrade_gives_the_downgrade_back() {
    let s = scene().await;
    s.schedule_downgrade().await;
    fault(
        &s.w.stripe_base,
        once(&format!("/v1/subscriptions/{}", s.sub), "POST"),
    )
    .await;
    let got = s.change_to(&s.max).await;
    says(&s, &got, &s.plan_path(), "action_failed", NOTHING_CHANGED).await;
    assert_eq!(s.price().await, s.pro);
    assert_eq!(s.pending().await.as_deref(), Some(s.basic.as_str()));
    let overview = s.get("/portal").await;
    assert!(
        overview.body.contains("Changes to Basic on "),
        "{}",
        overview.body
    );
}

#[tokio::test]
async fn a_downgrade_whose_phases_fail_leaves_no_schedule_behind() {
    let s = scene().await;
    // Creating the schedule works; writing its phases (a path with its new id) fails.
    fault(
        &s.w.stripe_base,
        once("/v1/subscription_schedules/sub_sched_*", "POST"),
    )
    .await;
    let got = s.change_to(&s.basic).await;
    says(&s, &got, &s.plan_path(), "action_failed", NOTHING_CHANGED).await;
    assert_eq!(s.price().await, s.pro);
    assert_eq!(s.pending().await, None);
    assert!(s.subscription().await["schedule"].is_null());
    let all = s
        .stripe_get(&format!(
            "/v1/subscription_schedules?customer={}",
            s.customer
        ))
        .await;
    let all = all["data"].as_array().unwrap();
    assert_eq!(all.len(), 1, "the one made was released: {all:?}");
    assert_eq!(all[0]["status"], "released");
    // Stripe well again: the same change goes through.
    s.schedule_downgrade().await;
    assert_eq!(s.pending().await.as_deref(), Some(s.basic.as_str()));
}

// Billing details: a new tax id is created, then the customer updated, then the old tax
// id removed.

const DETAILS: &str = "/portal/billing-details";

fn details_form(page: &Got, tax: (&str, &str)) -> String {
    let mut form = form_of(page, DETAILS, &["csrf", "nonce"]);
    let enc = |v: &str| form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>();
    for (k, v) in [
        ("email", "new@example.test"),
        ("name", "Jo Bloggs"),
        ("line1", "1 High Street"),
        ("city", "London"),
        ("postal_code", "SW1A 1AA"),
        ("country", "gb"),
        ("tax_type", tax.0),
        ("tax_value", tax.1),
    ] {
        form.push_str(&format!("&{k}={}", enc(v)));
    }
    form
}

/// The customer's email, city and tax ids (kind, value).
async fn details(s: &Scene) -> (Value, Value, Vec<(String, String)>) {
    let c = s
        .stripe_get(&format!("/v1/customers/{}?expand[]=tax_ids", s.customer))
        .await;
    let tax = c["tax_ids"]["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["type"].as_str().unwrap().to_owned(),
                t["value"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    (c["email"].clone(), c["address"]["city"].clone(), tax)
}

/// Saves a first tax id (and the address) with Stripe well.
async fn with_tax_id(s: &Scene) {
    let page = s.get(DETAILS).await;
    let got = s
        .post(DETAILS, &details_form(&page, ("eu_vat", "DE123456789")))
        .await;
    assert_eq!(got.header("location"), format!("{DETAILS}?saved=1"));
}

#[tokio::test]
async fn a_details_save_whose_customer_update_fails_removes_the_new_tax_id() {
    let s = scene().await;
    let before = details(&s).await;
    fault(
        &s.w.stripe_base,
        once(&format!("/v1/customers/{}", s.customer), "POST"),
    )
    .await;
    let page = s.get(DETAILS).await;
    let got = s
        .post(DETAILS, &details_form(&page, ("gb_vat", "GB123456789")))
        .await;
    says(&s, &got, DETAILS, "action_failed", NOTHING_CHANGED).await;
    assert_eq!(details(&s).await, before, "as it was: no tax id, old email");
    assert_eq!(before.0, "jo@example.test");
}

#[tokio::test]
async fn a_details_save_whose_old_tax_id_removal_fails_is_put_back_whole() {
    let s = scene().await;
    with_tax_id(&s).await;
    let before = details(&s).await;
    assert_eq!(before.2, [("eu_vat".to_owned(), "DE123456789".to_owned())]);
    // Put the email back, so the next save changes it again.
    s.w.stripe(
        &format!("/v1/customers/{}", s.customer),
        &[("email", "jo@example.test")],
    )
    .await;
    let before = details(&s).await;
    fault(
        &s.w.stripe_base,
        once(&format!("/v1/customers/{}/tax_ids/*", s.customer), "DELETE"),
    )
    .await;
    let page = s.get(DETAILS).await;
    let got = s
        .post(DETAILS, &details_form(&page, ("gb_vat", "GB123456789")))
        .await;
    says(&s, &got, DETAILS, "action_failed", NOTHING_CHANGED).await;
    assert_eq!(details(&s).await, before, "old email, only the old tax id");
}

#[tokio::test]
async fn a_details_save_whose_tax_id_fails_writes_nothing() {
    let s = scene().await;
    let before = details(&s).await;
    fault(
        &s.w.stripe_base,
        once(&format!("/v1/customers/{}/tax_ids", s.customer), "POST"),
    )
    .await;
    let page = s.get(DETAILS).await;
    let got = s
        .post(DETAILS, &details_form(&page, ("gb_vat", "GB123456789")))
        .await;
    says(&s, &got, DETAILS, "action_failed", NOTHING_CHANGED).await;
    assert_eq!(details(&s).await, before);
}
