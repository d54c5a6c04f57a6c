//! "Email me a new link" on the 410 page.

use http::{Method, StatusCode};

use crate::support::{emails_to, suffix, Setup, World};

const SENDER: &str = "billing@acme.test";

async fn world() -> World {
    let w = World::with(Setup {
        edit: Box::new(|p| p.sender_email = Some(SENDER.parse().unwrap())),
        ..Setup::default()
    })
    .await;
    aws_sdk_ses::Client::new(&w.sdk)
        .verify_email_identity()
        .email_address(SENDER)
        .send()
        .await
        .unwrap();
    w
}

async fn expired_token(w: &World, customer: &str) -> String {
    let token = w.token(customer).await;
    w.clock.advance(301);
    token
}

#[tokio::test]
async fn a_link_expired_more_than_thirty_days_ago_gets_the_same_page_and_no_email() {
    let w = world().await;
    let email = format!("jo.{}@example.test", suffix().to_lowercase());
    let c = w
        .stripe("/v1/customers", &[("name", "Jo"), ("email", &email)])
        .await;
    let customer = c["id"].as_str().unwrap().to_owned();
    let stale = w.token(&customer).await;
    // It expires in 300 s; a month and a day later it may no longer ask for a new link.
    w.clock.advance(300 + 30 * 24 * 3600 + 1);
    let ask = |token: String| {
        let w = &w;
        async move {
            w.call(
                Method::POST,
                &format!("/portal/s/{token}/relink"),
                None,
                Some(""),
            )
            .await
        }
    };
    let got = ask(stale).await;
    assert_eq!(got.status, StatusCode::OK);
    assert!(got.body.contains("Check your email"), "the same page");
    assert!(
        emails_to(&email).await.is_empty(),
        "no email for a stale link"
    );
    // A link 29 days past its expiry still may.
    let fresh = w.token(&customer).await;
    w.clock.advance(300 + 29 * 24 * 3600);
    assert_eq!(ask(fresh).await.status, StatusCode::OK);
    assert_eq!(emails_to(&email).await.len(), 1);
}

#[tokio::test]
async fn a_new_link_is_emailed_to_the_address_on_file_and_works() {
    let w = world().await;
    let email = format!("jo.{}@example.test", suffix().to_lowercase());
    let c = w
        .stripe("/v1/customers", &[("name", "Jo"), ("email", &email)])
        .await;
    let customer = c["id"].as_str().unwrap().to_owned();
    let token = expired_token(&w, &customer).await;
    let got = w
        .call(
            Method::POST,
            &format!("/portal/s/{token}/relink"),
            None,
            Some(""),
        )
        .await;
    assert_eq!(got.status, StatusCode::OK);
    assert!(got.body.contains("Check your email"));

    let sent = emails_to(&email).await;
    assert_eq!(sent.len(), 1, "one email to {email}");
    let at = sent[0]
        .find("/portal/s/")
        .expect("a portal link in the email");
    let link: String = sent[0][at..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    assert_ne!(link, format!("/portal/s/{token}"), "a freshly minted token");
    let landing = w.get(&link, None).await;
    assert_eq!(landing.status, StatusCode::OK, "the new link signs in");
}

#[tokio::test]
async fn the_answer_is_the_same_whether_or_not_an_address_exists() {
    let w = world().await;
    let email = format!("jo.{}@example.test", suffix().to_lowercase());
    let with = w.stripe("/v1/customers", &[("email", &email)]).await;
    let without = w.stripe("/v1/customers", &[("name", "No Mail")]).await;
    let t1 = w.token(with["id"].as_str().unwrap()).await;
    let t2 = w.token(without["id"].as_str().unwrap()).await;
    w.clock.advance(301);
    let a = w
        .call(
            Method::POST,
            &format!("/portal/s/{t1}/relink"),
            None,
            Some(""),
        )
        .await;
    let b = w
        .call(
            Method::POST,
            &format!("/portal/s/{t2}/relink"),
            None,
            Some(""),
        )
        .await;
    assert_eq!(a.status, b.status);
    assert_eq!(a.body, b.body);
}

#[tokio::test]
async fn new_links_are_rate_limited_per_customer() {
    let w = world().await;
    let email = format!("jo.{}@example.test", suffix().to_lowercase());
    let c = w.stripe("/v1/customers", &[("email", &email)]).await;
    let customer = c["id"].as_str().unwrap().to_owned();
    let token = expired_token(&w, &customer).await;
    let mut bodies = Vec::new();
    for _ in 0..5 {
        let got = w
            .call(
                Method::POST,
                &format!("/portal/s/{token}/relink"),
                None,
                Some(""),
            )
            .await;
        assert_eq!(got.status, StatusCode::OK);
        bodies.push(got.body);
    }
    assert!(bodies.windows(2).all(|p| p[0] == p[1]), "identical answers");
    assert_eq!(emails_to(&email).await.len(), 3, "three per hour");
}

#[tokio::test]
async fn a_forged_token_sends_nothing() {
    let w = world().await;
    let got = w
        .call(
            Method::POST,
            "/portal/s/v1.k1.e30.AAAA/relink",
            None,
            Some(""),
        )
        .await;
    assert_eq!(got.status, StatusCode::OK);
    assert!(got.body.contains("Check your email"));
}
