//! Outcome counters recorded by the portal, read back from moto: sessions count once
//! however many jobs they do (also concurrently), escalations and invoice links are
//! counted through the portal, and nobody else's invoice is reachable that way.

use futures::future::join_all;
use http::{Method, StatusCode};
use serde_json::Value;
use shared::clock::Clock;
use shared::metrics::emf::Emf;
use shared::metrics::{day_of, DayCounts, Job, MetricsStore};

use crate::support::{Setup, World};

async fn today(w: &World) -> DayCounts {
    let day = day_of(w.clock.now());
    let store = MetricsStore::new(w.table.clone(), Emf::memory("test").0);
    let rows = store.read(&w.project.id, day, day).await.unwrap();
    rows.into_iter().next().unwrap_or_default()
}

/// A customer with a subscription (so, a first invoice); returns (customer, invoice id).
async fn customer_with_invoice(w: &World) -> (String, String) {
    let customer = w.customer_with_card("Jo").await;
    let price = w.price("Pro", "1000", false).await;
    let sub = w.subscribe(&customer, &[&price]).await;
    let invoice = match &sub["latest_invoice"] {
        Value::String(id) => id.clone(),
        other => other["id"].as_str().unwrap().to_owned(),
    };
    (customer, invoice)
}

#[tokio::test]
async fn a_hundred_concurrent_jobs_in_one_session_count_one_completed_session_and_a_hundred_jobs() {
    let w = World::new().await;
    let (customer, invoice) = customer_with_invoice(&w).await;
    let cookie = w.sign_in(&customer).await;
    let path = format!("/portal/invoices/{invoice}/pdf");
    let replies = join_all((0..100).map(|_| w.get(&path, Some(&cookie)))).await;
    for got in &replies {
        assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
        assert!(
            got.header("location").starts_with("http"),
            "to Stripe's PDF"
        );
    }
    let c = today(&w).await;
    assert_eq!(c.redeemed, 1);
    assert_eq!(c.completed, 1, "one session, however many jobs");
    assert_eq!(c.engaged, 1);
    assert_eq!(c.jobs[&Job::InvoiceDownloaded], 100);
    assert_eq!(c.jobs[&Job::InvoiceOpened], 0);
}

#[tokio::test]
async fn contact_support_counts_once_per_session_then_redirects_to_the_projects_url() {
    let w = World::with(Setup {
        edit: Box::new(|p| p.support_url = Some("mailto:billing@acme.test".parse().unwrap())),
        ..Setup::default()
    })
    .await;
    let (customer, invoice) = customer_with_invoice(&w).await;
    let cookie = w.sign_in(&customer).await;
    for _ in 0..3 {
        let got = w.get("/portal/support", Some(&cookie)).await;
        assert_eq!(got.status, StatusCode::SEE_OTHER);
        assert_eq!(got.header("location"), "mailto:billing@acme.test");
    }
    // A HEAD (link checkers) redirects too but counts nothing.
    let head = w
        .call(Method::HEAD, "/portal/support", Some(&cookie), None)
        .await;
    assert_eq!(head.status, StatusCode::SEE_OTHER);
    let c = today(&w).await;
    assert_eq!((c.escalated, c.engaged, c.completed), (1, 1, 0));
    // The same session then does a job: completed, but engaged only once.
    let got = w
        .get(&format!("/portal/invoices/{invoice}/view"), Some(&cookie))
        .await;
    assert_eq!(got.status, StatusCode::SEE_OTHER);
    let c = today(&w).await;
    assert_eq!((c.escalated, c.engaged, c.completed), (1, 1, 1));
    assert_eq!(c.jobs[&Job::InvoiceOpened], 1);
    // A second sign-in that only escalates is another engaged session.
    let other = w.sign_in(&customer).await;
    w.get("/portal/support", Some(&other)).await;
    let c = today(&w).await;
    assert_eq!(
        (c.redeemed, c.escalated, c.engaged, c.completed),
        (2, 2, 2, 1)
    );
}

#[tokio::test]
async fn invoice_links_reach_only_the_customers_own_invoices() {
    let w = World::new().await;
    let (customer, _) = customer_with_invoice(&w).await;
    let (_, someone_elses) = customer_with_invoice(&w).await;
    let cookie = w.sign_in(&customer).await;
    let overview = w.get("/portal", Some(&cookie)).await;
    assert!(
        overview.body.contains("href=\"/portal/invoices/in_"),
        "invoice links go through the portal"
    );
    for path in [
        format!("/portal/invoices/{someone_elses}/pdf"),
        "/portal/invoices/in_doesnotexist/view".to_owned(),
        "/portal/invoices/not-an-id/pdf".to_owned(),
    ] {
        let got = w.get(&path, Some(&cookie)).await;
        assert_eq!(got.status, StatusCode::NOT_FOUND, "{path}");
    }
    let post = w
        .call(
            Method::POST,
            &format!("/portal/invoices/{someone_elses}/pdf"),
            Some(&cookie),
            Some(""),
        )
        .await;
    assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
    // Without a session: the session-ended page, nothing counted.
    let got = w
        .get(&format!("/portal/invoices/{someone_elses}/pdf"), None)
        .await;
    assert_eq!(got.status, StatusCode::UNAUTHORIZED);
    let c = today(&w).await;
    assert_eq!((c.completed, c.jobs[&Job::InvoiceDownloaded]), (0, 0));
}

#[tokio::test]
async fn without_a_support_url_there_is_no_support_link_to_count() {
    let w = World::new().await;
    let (customer, _) = customer_with_invoice(&w).await;
    let cookie = w.sign_in(&customer).await;
    assert!(!w
        .get("/portal", Some(&cookie))
        .await
        .body
        .contains("/portal/support"));
    let got = w.get("/portal/support", Some(&cookie)).await;
    assert_eq!(got.status, StatusCode::NOT_FOUND);
    assert_eq!(today(&w).await.escalated, 0);
}

#[tokio::test]
async fn portal_requests_and_jobs_write_emf_lines_without_secrets() {
    let mut w = World::new().await;
    let (emf, lines) = Emf::memory("portal");
    w.app = w.app.with_emf(emf);
    let (customer, invoice) = customer_with_invoice(&w).await;
    let token = w.token(&customer).await;
    let got = w
        .call(Method::POST, &format!("/portal/s/{token}"), None, Some(""))
        .await;
    let cookie = got.cookie();
    w.get(&format!("/portal/invoices/{invoice}/pdf"), Some(&cookie))
        .await;
    let lines = lines.lines();
    let parsed: Vec<Value> = lines
        .iter()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert!(parsed
        .iter()
        .all(|v| v["_aws"]["CloudWatchMetrics"].is_array()));
    let with = |name: &str| parsed.iter().filter(|v| v[name].is_number()).count();
    assert_eq!(with("SessionsRedeemed"), 1);
    assert_eq!(with("SessionsCompleted"), 1);
    assert_eq!(with("Jobs"), 1);
    assert_eq!(with("Requests"), 2);
    let job = parsed.iter().find(|v| v["Jobs"].is_number()).unwrap();
    assert_eq!(job["Job"], "invoice_downloaded");
    assert_eq!(job["Project"], w.project.id.as_str());
    let all = lines.join("\n");
    let cookie_value = cookie.split_once('=').unwrap().1;
    for secret in [
        token.as_str(),
        cookie_value,
        w.stripe_key.as_str(),
        customer.as_str(),
    ] {
        assert!(
            !all.contains(secret),
            "an EMF line leaks a secret or customer id"
        );
    }
    assert!(!all.contains('@'));
}

#[tokio::test]
async fn a_resubmitted_cancel_form_counts_one_job() {
    let w = World::new().await;
    let customer = w.customer_with_card("Jo").await;
    let price = w.price("Pro", "1000", false).await;
    let sub = w.subscribe(&customer, &[&price]).await;
    let sub = sub["id"].as_str().unwrap().to_owned();
    let cookie = w.sign_in(&customer).await;
    let page = w
        .get(
            &format!("/portal/subscriptions/{sub}/cancel"),
            Some(&cookie),
        )
        .await;
    let nonce = {
        let at = page.body.find("name=\"nonce\" value=\"").unwrap() + 20;
        page.body[at..at + page.body[at..].find('"').unwrap()].to_owned()
    };
    let form = format!("csrf={}&nonce={nonce}", page.csrf());
    for _ in 0..2 {
        let got = w
            .call(
                Method::POST,
                &format!("/portal/subscriptions/{sub}/cancel"),
                Some(&cookie),
                Some(&form),
            )
            .await;
        assert_eq!(got.status, StatusCode::SEE_OTHER);
        assert_eq!(got.header("location"), "/portal");
    }
    let c = today(&w).await;
    assert_eq!((c.completed, c.jobs[&Job::Cancelled]), (1, 1));
}
