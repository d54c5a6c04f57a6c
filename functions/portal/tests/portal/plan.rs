//! The plan-change page: preview, one-click confirm, period-end downgrades, refusals, and
//! the cancel page's downgrade offer.

use http::{Method, StatusCode};
use serde_json::Value;
use shared::browser_session::{BrowserSessionStore, PlanHint, SessionCookie};
use shared::clock::{Clock, OsRandom};
use shared::i18n::Catalogue;
use shared::ids::{CustomerId, Flow, Locale, SubscriptionId};
use shared::project::{DowngradeTiming, Project, ProrationBehavior, QuantityPolicy};
use shared::token::TokenRequest;

use crate::support::{Got, World};

struct Plans {
    w: World,
    customer: String,
    cookie: String,
    basic: String,
    pro: String,
    other: String,
}

/// A customer on `start` ("basic" or "pro") of a project allowing Basic ($10) and Pro ($20)
/// a month; "Other" ($30) exists in Stripe but is not allowed.
async fn plans(start: &str, edit: impl FnOnce(&mut Project) + Send + 'static) -> (Plans, String) {
    // Prices are made before the project settings name them: a bare world first.
    let w = World::new().await;
    let basic = w.price("Basic", "1000", false).await;
    let pro = w.price("Pro", "2000", false).await;
    let other = w.price("Other", "3000", false).await;
    let mut project = w.project.clone();
    project.allowed_prices = price_ids(&[&basic, &pro]);
    edit(&mut project);
    shared::project::ProjectStore::new(w.table.clone())
        .update(&project)
        .await
        .unwrap();
    let customer = w.customer_with_card("Jo").await;
    let first = if start == "pro" { &pro } else { &basic };
    let sub = w.subscribe(&customer, &[first]).await;
    let sub = sub["id"].as_str().unwrap().to_owned();
    let cookie = w.sign_in(&customer).await;
    (
        Plans {
            w,
            customer,
            cookie,
            basic,
            pro,
            other,
        },
        sub,
    )
}

impl Plans {
    async fn get(&self, path: &str) -> Got {
        self.w.get(path, Some(&self.cookie)).await
    }

    async fn post(&self, path: &str, form: &str) -> Got {
        self.w
            .call(Method::POST, path, Some(&self.cookie), Some(form))
            .await
    }

    /// The plan page of `sub` with `query` (the GET form's choice).
    async fn choose(&self, sub: &str, query: &str) -> Got {
        self.get(&format!("{}?{query}", update_path(sub))).await
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

    async fn subscription(&self, id: &str) -> Value {
        self.stripe_get(&format!("/v1/subscriptions/{id}")).await
    }

    /// `customer.subscription.updated` events of `sub` that changed its items.
    async fn item_changes(&self, sub: &str) -> usize {
        let events = self
            .stripe_get("/v1/events?type=customer.subscription.updated&limit=100")
            .await;
        events["data"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| {
                e["data"]["object"]["id"] == sub
                    && e["data"]["previous_attributes"].get("items").is_some()
            })
            .count()
    }
}

/// The project's allowed-prices setting for these price ids.
fn price_ids(ids: &[&String]) -> Vec<shared::ids::PriceId> {
    ids.iter().map(|id| id.parse().unwrap()).collect()
}

fn update_path(sub: &str) -> String {
    format!("/portal/subscriptions/{sub}/update")
}

/// The confirm form's fields on a preview page, url-encoded.
fn confirm_form(page: &Got) -> String {
    let at = page
        .body
        .find("id=\"confirm-form\"")
        .unwrap_or_else(|| panic!("no confirm form in {}", page.body));
    let form = &page.body[at..at + page.body[at..].find("</form>").unwrap()];
    let mut out = form_urlencoded::Serializer::new(String::new());
    for name in ["csrf", "nonce", "item", "price", "quantity"] {
        let key = format!("name=\"{name}\" value=\"");
        if let Some(i) = form.find(&key) {
            let v = &form[i + key.len()..];
            out.append_pair(name, &v[..v.find('"').unwrap()]);
        }
    }
    out.finish()
}

/// The amount in cents after `label` (e.g. "Charged today: $9.99").
fn cents_after(body: &str, label: &str) -> i64 {
    let at = body
        .find(label)
        .unwrap_or_else(|| panic!("no {label:?} in {body}"))
        + label.len();
    let text: String = body[at..]
        .chars()
        .skip_while(|c| *c == '$')
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .filter(|c| *c != ',')
        .collect();
    let (whole, frac) = text.split_once('.').unwrap();
    whole.parse::<i64>().unwrap() * 100 + frac[..2].parse::<i64>().unwrap()
}

fn price_of(sub: &Value) -> &str {
    sub["items"]["data"][0]["price"]["id"].as_str().unwrap()
}

fn period_end(sub: &Value) -> i64 {
    sub["items"]["data"][0]["current_period_end"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn the_plan_page_lists_the_allowed_prices_by_product_with_the_current_one_marked() {
    let (p, sub) = plans("basic", |_| {}).await;
    let overview = p.get("/portal").await;
    assert!(
        overview
            .body
            .contains(&format!("href=\"{}\"", update_path(&sub))),
        "no Change plan link: {}",
        overview.body
    );
    let page = p.get(&update_path(&sub)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let b = &page.body;
    assert!(b.contains("<legend>Basic</legend>"), "{b}");
    assert!(b.contains("<legend>Pro</legend>"), "{b}");
    assert!(
        !b.contains("Other"),
        "a price the project does not allow is listed"
    );
    assert!(b.contains(&format!("value=\"{}\"", p.basic)));
    assert!(b.contains(&format!("value=\"{}\"", p.pro)));
    assert!(!b.contains(&p.other));
    let marked = &b[b.find(&format!("id=\"price-{}\"", p.basic)).unwrap()..];
    assert!(
        marked[..marked.find("</div>").unwrap()].contains("(current plan)"),
        "{b}"
    );
    assert!(
        b.contains("method=\"get\""),
        "choosing works without scripts"
    );
    assert!(!b.contains("id=\"confirm-form\""), "nothing to confirm yet");
}

#[tokio::test]
async fn an_upgrade_shows_the_proration_charged_now_and_applies_it_on_confirm() {
    let (p, sub) = plans("basic", |pr| {
        pr.proration_behavior = ProrationBehavior::AlwaysInvoice;
    })
    .await;
    let preview = p.choose(&sub, &format!("price={}", p.pro)).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    assert!(
        preview.body.contains("From Basic to Pro"),
        "{}",
        preview.body
    );
    // Almost a whole month of the $10 difference.
    let due = cents_after(&preview.body, "Charged today: ");
    assert!((990..=1000).contains(&due), "charged now {due}");
    let date = Catalogue::english().format_date(period_end(&p.subscription(&sub).await));
    let renewal = cents_after(&preview.body, &format!("Next invoice on {date}: "));
    assert_eq!(renewal, 2000, "{}", preview.body);
    assert!(preview
        .body
        .contains("The change applies as soon as you confirm."));
    assert_eq!(
        price_of(&p.subscription(&sub).await),
        p.basic,
        "a preview changes nothing"
    );

    let done = p.post(&update_path(&sub), &confirm_form(&preview)).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.header("location"), "/portal");
    let s = p.subscription(&sub).await;
    assert_eq!(price_of(&s), p.pro);
    let invoice = p
        .stripe_get(&format!(
            "/v1/invoices/{}",
            s["latest_invoice"].as_str().unwrap()
        ))
        .await;
    let charged = invoice["amount_due"].as_i64().unwrap();
    assert!(
        (charged - due).abs() <= 1,
        "previewed {due}, invoiced {charged}"
    );
    let overview = p.get("/portal").await;
    assert!(
        overview.body.contains("<h3 class=\"name\">Pro</h3>"),
        "{}",
        overview.body
    );
}

/// The preview of a change goes out with the subscription list, built from the session's
/// read hint of the subscription's items; a hint gone stale (the quantity changed in Stripe
/// since) is not shown: the list's change differs from the one previewed, so it is previewed
/// again, and the hint is corrected for the next page.
#[tokio::test]
async fn a_stale_plan_hint_is_previewed_again_and_corrected() {
    let (p, sub) = plans("basic", |pr| {
        pr.proration_behavior = ProrationBehavior::None;
    })
    .await;
    let sessions = BrowserSessionStore::new(p.w.table.clone());
    let value = p.cookie.split_once('=').expect("name=value").1;
    let cookie = SessionCookie::parse(value).expect("the session cookie");
    let hinted_quantity = || async {
        let session = sessions
            .resume(&cookie, p.w.clock.now())
            .await
            .unwrap()
            .expect("a live session");
        let id = SubscriptionId::parse(&sub).unwrap();
        let items: Vec<PlanHint> = session.hint.plan_of(&id).cloned().collect();
        assert_eq!(items.len(), 1, "{:?}", session.hint);
        assert_eq!(items[0].price.as_str(), p.basic);
        items[0].quantity
    };
    // The plan page keeps the prices and remembers the subscription's item (Basic × 1).
    let page = p.get(&update_path(&sub)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(hinted_quantity().await, Some(1));

    // Three seats since, set in Stripe behind the session's back.
    let item = p.subscription(&sub).await["items"]["data"][0]["id"]
        .as_str()
        .expect("an item")
        .to_owned();
    p.w.stripe(
        &format!("/v1/subscriptions/{sub}"),
        &[
            ("items[0][id]", item.as_str()),
            ("items[0][quantity]", "3"),
            ("proration_behavior", "none"),
        ],
    )
    .await;

    // The hint's change would be Basic × 1 to Pro × 1 ($20.00 a month); the subscription's
    // is three seats of Pro.
    let preview = p.choose(&sub, &format!("price={}", p.pro)).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    let date = Catalogue::english().format_date(period_end(&p.subscription(&sub).await));
    let renewal = cents_after(&preview.body, &format!("Next invoice on {date}: "));
    assert_eq!(renewal, 6000, "{}", preview.body);
    assert!(
        confirm_form(&preview).contains("quantity=3"),
        "{}",
        preview.body
    );
    assert_eq!(hinted_quantity().await, Some(3));
}

#[tokio::test]
async fn the_same_plan_change_form_submitted_twice_changes_stripe_once() {
    let (p, sub) = plans("basic", |_| {}).await;
    let preview = p.choose(&sub, &format!("price={}", p.pro)).await;
    // Deferred prorations: nothing now, the difference on the next invoice.
    assert!(
        preview.body.contains("Nothing is charged today."),
        "{}",
        preview.body
    );
    let next = cents_after(
        &preview.body,
        &format!(
            "Next invoice on {}: ",
            Catalogue::english().format_date(period_end(&p.subscription(&sub).await))
        ),
    );
    assert!((2990..=3000).contains(&next), "next invoice {next}");
    let form = confirm_form(&preview);
    let path = update_path(&sub);
    let (a, b) = tokio::join!(p.post(&path, &form), p.post(&path, &form));
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    assert_eq!(b.status, StatusCode::SEE_OTHER, "{}", b.body);
    let again = p.post(&update_path(&sub), &form).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.body);
    assert_eq!(price_of(&p.subscription(&sub).await), p.pro);
    assert_eq!(p.item_changes(&sub).await, 1, "one change in Stripe");
    let items = p
        .stripe_get(&format!(
            "/v1/invoiceitems?customer={}&pending=true",
            p.customer
        ))
        .await;
    assert_eq!(
        items["data"].as_array().unwrap().len(),
        2,
        "one pair of proration items: {items}"
    );
}

#[tokio::test]
async fn a_downgrade_at_period_end_is_scheduled_and_shown_on_the_overview() {
    let (p, sub) = plans("pro", |pr| {
        pr.downgrade_timing = DowngradeTiming::PeriodEnd;
    })
    .await;
    let end = period_end(&p.subscription(&sub).await);
    let date = Catalogue::english().format_date(end);
    let preview = p.choose(&sub, &format!("price={}", p.basic)).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    assert!(
        preview.body.contains("Nothing is charged today."),
        "{}",
        preview.body
    );
    assert!(
        preview.body.contains(&format!(
            "Your plan changes to Basic on {date}; you keep your current plan until then."
        )),
        "{}",
        preview.body
    );
    assert_eq!(
        cents_after(&preview.body, &format!("Next invoice on {date}: ")),
        1000
    );

    let form = confirm_form(&preview);
    for _ in 0..2 {
        let done = p.post(&update_path(&sub), &form).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    }
    let s = p.subscription(&sub).await;
    assert_eq!(price_of(&s), p.pro, "still Pro until the period end");
    let schedule = p
        .stripe_get(&format!(
            "/v1/subscription_schedules/{}",
            s["schedule"].as_str().expect("a schedule")
        ))
        .await;
    assert_eq!(schedule["phases"].as_array().unwrap().len(), 2);
    assert_eq!(schedule["phases"][1]["items"][0]["price"], p.basic.as_str());
    assert_eq!(schedule["phases"][1]["start_date"], end);
    let schedules = p
        .stripe_get(&format!(
            "/v1/subscription_schedules?customer={}",
            p.customer
        ))
        .await;
    assert_eq!(
        schedules["data"].as_array().unwrap().len(),
        1,
        "one schedule"
    );

    let overview = p.get("/portal").await;
    assert!(
        overview
            .body
            .contains(&format!("Changes to Basic on {date}")),
        "{}",
        overview.body
    );
    // At the period end Stripe switches the plan.
    let res =
        p.w.http
            .post(format!(
                "{}/_standin/accounts/{}/advance",
                p.w.stripe_base, p.w.stripe_key
            ))
            .json(&serde_json::json!({"to": end + 60}))
            .send()
            .await
            .unwrap();
    assert!(res.status().is_success());
    assert_eq!(price_of(&p.subscription(&sub).await), p.basic);
}

#[tokio::test]
async fn a_downgrade_applies_now_where_the_project_says_so() {
    let (p, sub) = plans("pro", |_| {}).await;
    let preview = p.choose(&sub, &format!("price={}", p.basic)).await;
    assert!(
        preview.body.contains("Includes a credit of $"),
        "{}",
        preview.body
    );
    let done = p.post(&update_path(&sub), &confirm_form(&preview)).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let s = p.subscription(&sub).await;
    assert_eq!(price_of(&s), p.basic);
    assert!(s["schedule"].is_null());
}

#[tokio::test]
async fn a_price_the_project_does_not_allow_is_refused_and_changes_nothing() {
    let (p, sub) = plans("basic", |_| {}).await;
    let page = p.choose(&sub, &format!("price={}", p.other)).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(
        page.body
            .contains("That plan is not available for this subscription. Nothing was changed."),
        "{}",
        page.body
    );
    assert!(!page.body.contains("id=\"confirm-form\""));
    // A forged confirm naming it.
    let good = p.choose(&sub, &format!("price={}", p.pro)).await;
    let forged = confirm_form(&good).replace(&p.pro, &p.other);
    let got = p.post(&update_path(&sub), &forged).await;
    assert_eq!(got.status, StatusCode::BAD_REQUEST, "{}", got.body);
    assert!(got.body.contains("Nothing was changed."));
    assert_eq!(price_of(&p.subscription(&sub).await), p.basic);
    assert_eq!(p.item_changes(&sub).await, 0);
}

#[tokio::test]
async fn a_subscription_of_another_customer_is_not_found_and_unchanged() {
    let (p, sub) = plans("basic", |_| {}).await;
    let other = p.w.customer_with_card("Other").await;
    let theirs = p.w.subscribe(&other, &[&p.basic]).await;
    let theirs = theirs["id"].as_str().unwrap().to_owned();
    let got = p
        .get(&format!("{}?price={}", update_path(&theirs), p.pro))
        .await;
    assert_eq!(got.status, StatusCode::NOT_FOUND);
    assert!(got.body.contains("Page not found"));
    let mine = p.choose(&sub, &format!("price={}", p.pro)).await;
    let form = confirm_form(&mine);
    let got = p.post(&update_path(&theirs), &form).await;
    assert_eq!(got.status, StatusCode::NOT_FOUND);
    assert_eq!(price_of(&p.subscription(&theirs).await), p.basic);
    assert_eq!(p.item_changes(&theirs).await, 0);
}

#[tokio::test]
async fn a_quantity_outside_the_bounds_is_refused_and_one_inside_applies() {
    let (p, sub) = plans("basic", |pr| {
        pr.quantity = Some(QuantityPolicy { min: 1, max: 5 });
    })
    .await;
    let page = p.get(&update_path(&sub)).await;
    assert!(page.body.contains("Quantity (1 to 5)"), "{}", page.body);
    assert!(page.body.contains("min=\"1\" max=\"5\""), "{}", page.body);
    let bad = p
        .get(&format!(
            "{}?price={}&quantity=9",
            update_path(&sub),
            p.basic
        ))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad
        .body
        .contains("Choose a quantity from 1 to 5. Nothing was changed."));
    let preview = p
        .get(&format!(
            "{}?price={}&quantity=3",
            update_path(&sub),
            p.basic
        ))
        .await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    assert!(
        preview.body.contains("From Basic to Basic × 3"),
        "{}",
        preview.body
    );
    let form = confirm_form(&preview);
    let got = p
        .post(
            &update_path(&sub),
            &form.replace("quantity=3", "quantity=6"),
        )
        .await;
    assert_eq!(got.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        p.subscription(&sub).await["items"]["data"][0]["quantity"],
        1
    );
    let got = p.post(&update_path(&sub), &form).await;
    assert_eq!(got.status, StatusCode::SEE_OTHER);
    assert_eq!(
        p.subscription(&sub).await["items"]["data"][0]["quantity"],
        3
    );
}

#[tokio::test]
async fn quantities_stay_as_they_are_unless_the_project_allows_changes() {
    let (p, sub) = plans("basic", |_| {}).await;
    let page = p.get(&update_path(&sub)).await;
    assert!(!page.body.contains("name=\"quantity\""));
    let got = p.choose(&sub, &format!("price={}&quantity=4", p.pro)).await;
    assert_eq!(got.status, StatusCode::BAD_REQUEST);
    assert!(got.body.contains("The quantity cannot be changed here."));
}

#[tokio::test]
async fn multi_item_subscriptions_change_only_the_chosen_item() {
    let (p, _) = plans("basic", |_| {}).await;
    let support = p.w.price("Support", "500", false).await;
    let customer = p.w.customer_with_card("Multi").await;
    let sub = p.w.subscribe(&customer, &[&p.basic, &support]).await;
    let sub_id = sub["id"].as_str().unwrap().to_owned();
    let seats_item = sub["items"]["data"][0]["id"].as_str().unwrap().to_owned();
    let cookie = p.w.sign_in(&customer).await;
    let get = |path: String| {
        let (w, c) = (&p.w, cookie.clone());
        async move { w.get(&path, Some(&c)).await }
    };
    let page = get(update_path(&sub_id)).await;
    assert!(
        page.body.contains("Which part of your subscription?"),
        "{}",
        page.body
    );
    let got = get(format!("{}?price={}", update_path(&sub_id), p.pro)).await;
    assert_eq!(got.status, StatusCode::BAD_REQUEST);
    assert!(got
        .body
        .contains("Choose which part of your subscription to change."));
    let got = get(format!(
        "{}?item=si_NotMine&price={}",
        update_path(&sub_id),
        p.pro
    ))
    .await;
    assert_eq!(got.status, StatusCode::BAD_REQUEST);
    assert!(got
        .body
        .contains("That item is not part of this subscription."));

    let preview = get(format!(
        "{}?item={seats_item}&price={}",
        update_path(&sub_id),
        p.pro
    ))
    .await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    let form = confirm_form(&preview);
    let forged = form.replace(&seats_item, "si_NotMine");
    let got =
        p.w.call(
            Method::POST,
            &update_path(&sub_id),
            Some(&cookie),
            Some(&forged),
        )
        .await;
    assert_eq!(got.status, StatusCode::BAD_REQUEST);
    let got =
        p.w.call(
            Method::POST,
            &update_path(&sub_id),
            Some(&cookie),
            Some(&form),
        )
        .await;
    assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
    let s = p.subscription(&sub_id).await;
    let prices: Vec<&str> = s["items"]["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["price"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(prices, [p.pro.as_str(), support.as_str()]);
}

#[tokio::test]
async fn a_confirm_without_a_valid_csrf_token_is_refused() {
    let (p, sub) = plans("basic", |_| {}).await;
    let preview = p.choose(&sub, &format!("price={}", p.pro)).await;
    let form = confirm_form(&preview);
    let csrf = preview.csrf();
    let got = p
        .post(&update_path(&sub), &form.replace(&csrf, "forged"))
        .await;
    assert_eq!(got.status, StatusCode::FORBIDDEN);
    assert_eq!(price_of(&p.subscription(&sub).await), p.basic);
}

#[tokio::test]
async fn the_subscription_update_deep_link_lands_on_the_plan_page() {
    let (p, sub) = plans("basic", |_| {}).await;
    let req = TokenRequest {
        project: p.w.project.id.clone(),
        customer: CustomerId::parse(&p.customer).unwrap(),
        flow: Flow::SubscriptionUpdate,
        subscription: Some(SubscriptionId::parse(&sub).unwrap()),
        return_url: None,
        locale: Locale::default(),
        expires_in: 300,
    };
    let (token, _) =
        p.w.app
            .tokens()
            .mint(req, "ps_test", p.w.clock.now(), &OsRandom)
            .await
            .unwrap();
    let got =
        p.w.call(
            Method::POST,
            &format!("/portal/s/{}", token.expose()),
            None,
            Some(""),
        )
        .await;
    assert_eq!(got.status, StatusCode::SEE_OTHER);
    assert_eq!(got.header("location"), update_path(&sub));
}

#[tokio::test]
async fn the_cancel_page_offers_the_downgrade_only_where_it_applies() {
    let (p, sub) = plans("pro", |_| {}).await;
    let cancel = format!("/portal/subscriptions/{sub}/cancel");
    let page = p.get(&cancel).await;
    assert!(
        !page.body.contains("instead</a>"),
        "no downgrade set: {}",
        page.body
    );

    let mut project = p.w.project.clone();
    project.allowed_prices = price_ids(&[&p.basic, &p.pro]);
    project.downgrade_price = Some(p.basic.parse().unwrap());
    shared::project::ProjectStore::new(p.w.table.clone())
        .update(&project)
        .await
        .unwrap();
    p.w.app.forget_kept_projects();
    let page = p.get(&cancel).await;
    assert!(
        page.body.contains("Switch to Basic instead"),
        "{}",
        page.body
    );
    let item = p.subscription(&sub).await["items"]["data"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let href = format!("{}?item={item}&amp;price={}", update_path(&sub), p.basic);
    assert!(page.body.contains(&href), "{}", page.body);
    let preview = p
        .get(&format!(
            "{}?item={item}&price={}",
            update_path(&sub),
            p.basic
        ))
        .await;
    assert!(
        preview.body.contains("id=\"confirm-form\""),
        "{}",
        preview.body
    );

    // A customer already on the downgrade plan is not offered it.
    let customer = p.w.customer_with_card("Small").await;
    let small = p.w.subscribe(&customer, &[&p.basic]).await;
    let cookie = p.w.sign_in(&customer).await;
    let page =
        p.w.get(
            &format!(
                "/portal/subscriptions/{}/cancel",
                small["id"].as_str().unwrap()
            ),
            Some(&cookie),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("Switch to"), "{}", page.body);
}

#[tokio::test]
async fn a_change_stripe_refuses_says_nothing_was_changed() {
    let (p, sub) = plans("basic", |_| {}).await;
    let preview = p.choose(&sub, &format!("price={}", p.pro)).await;
    // Only this subscription's writes fail: other tests share the stand-in.
    crate::stripe_down::fault(
        &p.w.stripe_base,
        serde_json::json!({"path": format!("/v1/subscriptions/{sub}"), "method": "POST",
                           "kind": "status", "status": 500, "times": 3}),
    )
    .await;
    let got = p.post(&update_path(&sub), &confirm_form(&preview)).await;
    assert_eq!(got.status, StatusCode::SEE_OTHER);
    let back = got.header("location").to_owned();
    assert_eq!(back, format!("{}?notice=action_failed", update_path(&sub)));
    let page = p.get(&back).await;
    assert!(
        page.body
            .contains("That did not work, and nothing was changed."),
        "{}",
        page.body
    );
    assert_eq!(price_of(&p.subscription(&sub).await), p.basic);
    assert_eq!(p.item_changes(&sub).await, 0);
}

#[tokio::test]
async fn an_upgrade_after_a_scheduled_downgrade_replaces_it() {
    let (p, sub) = plans("pro", |pr| {
        pr.downgrade_timing = DowngradeTiming::PeriodEnd;
    })
    .await;
    let max = p.w.price("Max", "5000", false).await;
    let mut project = p.w.project.clone();
    project.allowed_prices = price_ids(&[&p.basic, &p.pro, &max]);
    project.downgrade_timing = DowngradeTiming::PeriodEnd;
    shared::project::ProjectStore::new(p.w.table.clone())
        .update(&project)
        .await
        .unwrap();
    p.w.app.forget_kept_projects();
    let down = p.choose(&sub, &format!("price={}", p.basic)).await;
    let got = p.post(&update_path(&sub), &confirm_form(&down)).await;
    assert_eq!(got.status, StatusCode::SEE_OTHER);
    let schedule = p.subscription(&sub).await["schedule"]
        .as_str()
        .expect("a schedule")
        .to_owned();
    let page = p.get(&update_path(&sub)).await;
    assert!(page.body.contains("Changes to Basic on "), "{}", page.body);

    let up = p.choose(&sub, &format!("price={max}")).await;
    assert!(
        up.body
            .contains("The change applies as soon as you confirm."),
        "{}",
        up.body
    );
    let got = p.post(&update_path(&sub), &confirm_form(&up)).await;
    assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
    let s = p.subscription(&sub).await;
    assert_eq!(price_of(&s), max);
    assert!(s["schedule"].is_null(), "{s}");
    let released = p
        .stripe_get(&format!("/v1/subscription_schedules/{schedule}"))
        .await;
    assert_eq!(released["status"], "released");
    let overview = p.get("/portal").await;
    assert!(!overview.body.contains("Changes to"), "{}", overview.body);
}

#[tokio::test]
async fn a_second_scheduled_downgrade_replaces_the_first_on_the_same_schedule() {
    let (p, _) = plans("basic", |_| {}).await;
    let max = p.w.price("Max", "5000", false).await;
    let mut project = p.w.project.clone();
    project.allowed_prices = price_ids(&[&p.basic, &p.pro, &max]);
    project.downgrade_timing = DowngradeTiming::PeriodEnd;
    shared::project::ProjectStore::new(p.w.table.clone())
        .update(&project)
        .await
        .unwrap();
    p.w.app.forget_kept_projects();
    let customer = p.w.customer_with_card("Max").await;
    let sub = p.w.subscribe(&customer, &[&max]).await;
    let sub = sub["id"].as_str().unwrap().to_owned();
    let cookie = p.w.sign_in(&customer).await;
    for target in [&p.pro, &p.basic] {
        let preview =
            p.w.get(
                &format!("{}?price={target}", update_path(&sub)),
                Some(&cookie),
            )
            .await;
        let got =
            p.w.call(
                Method::POST,
                &update_path(&sub),
                Some(&cookie),
                Some(&confirm_form(&preview)),
            )
            .await;
        assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
    }
    let s = p.subscription(&sub).await;
    assert_eq!(price_of(&s), max);
    let schedules = p
        .stripe_get(&format!("/v1/subscription_schedules?customer={customer}"))
        .await;
    let data = schedules["data"].as_array().unwrap();
    assert_eq!(data.len(), 1, "{schedules}");
    assert_eq!(data[0]["phases"][1]["items"][0]["price"], p.basic.as_str());
    let overview = p.w.get("/portal", Some(&cookie)).await;
    assert!(
        overview.body.contains("Changes to Basic on "),
        "{}",
        overview.body
    );
}

#[tokio::test]
async fn a_subscription_set_to_cancel_renews_before_it_changes_plan() {
    let (p, sub) = plans("basic", |_| {}).await;
    let preview = p.choose(&sub, &format!("price={}", p.pro)).await;
    p.w.stripe(
        &format!("/v1/subscriptions/{sub}"),
        &[("cancel_at_period_end", "true")],
    )
    .await;
    let refused = "This subscription cannot change plan right now. Nothing was changed.";
    let page = p.get(&update_path(&sub)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(refused), "{}", page.body);
    let overview = p.get("/portal").await;
    assert!(
        !overview.body.contains(&update_path(&sub)),
        "{}",
        overview.body
    );
    let got = p.post(&update_path(&sub), &confirm_form(&preview)).await;
    assert_eq!(got.status, StatusCode::BAD_REQUEST);
    assert!(got.body.contains(refused));
    assert_eq!(price_of(&p.subscription(&sub).await), p.basic);
}

#[tokio::test]
async fn cancelling_after_a_scheduled_downgrade_releases_the_schedule_and_cancels() {
    let (p, sub) = plans("pro", |pr| {
        pr.downgrade_timing = DowngradeTiming::PeriodEnd;
    })
    .await;
    let preview = p.choose(&sub, &format!("price={}", p.basic)).await;
    let done = p.post(&update_path(&sub), &confirm_form(&preview)).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let schedule = p.subscription(&sub).await["schedule"]
        .as_str()
        .expect("a schedule for the downgrade")
        .to_owned();

    let cancel_path = format!("/portal/subscriptions/{sub}/cancel");
    let page = p.get(&cancel_path).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let at = page
        .body
        .find(&format!("action=\"{cancel_path}\""))
        .unwrap_or_else(|| panic!("no cancel form in {}", page.body));
    let rest = &page.body[at..];
    let field = |name: &str| {
        let key = format!("name=\"{name}\" value=\"");
        let i = rest.find(&key).unwrap() + key.len();
        rest[i..i + rest[i..].find('"').unwrap()].to_owned()
    };
    let form = format!("csrf={}&nonce={}", field("csrf"), field("nonce"));
    let got = p.post(&cancel_path, &form).await;
    assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
    assert_eq!(got.header("location"), "/portal", "not a failure notice");

    let s = p.subscription(&sub).await;
    assert_eq!(s["cancel_at_period_end"], true, "{s}");
    assert_eq!(price_of(&s), p.pro, "the downgrade is superseded");
    let released = p
        .stripe_get(&format!("/v1/subscription_schedules/{schedule}"))
        .await;
    assert_eq!(released["status"], "released", "{released}");
    let overview = p.get("/portal").await;
    assert!(overview.body.contains("Cancels on "), "{}", overview.body);
    assert!(
        !overview.body.contains("Changes to Basic on "),
        "{}",
        overview.body
    );
}
