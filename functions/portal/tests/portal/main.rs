//! The portal against moto and the Stripe stand-in, through `portal::handle`.

mod support;

use http::{Method, StatusCode};
use shared::ids::Flow;
use support::{suffix, Got, Setup, World, RETURN_URL};

const SECURITY_HEADERS: [&str; 4] = [
    "content-security-policy",
    "referrer-policy",
    "x-content-type-options",
    "cache-control",
];

fn assert_security_headers(got: &Got, what: &str) {
    // Local runs are plain HTTP: no HSTS there (it would pin 127.0.0.1 to HTTPS).
    assert!(
        got.headers.get("strict-transport-security").is_none(),
        "{what}"
    );
    for h in SECURITY_HEADERS {
        assert!(got.headers.contains_key(h), "{what}: missing {h}");
    }
    let csp = got.header("content-security-policy");
    for part in [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ] {
        assert!(csp.contains(part), "{what}: CSP {csp} lacks {part}");
    }
    assert!(!csp.contains("unsafe-inline"), "{what}: {csp}");
    assert_eq!(got.header("x-frame-options"), "DENY", "{what}");
    assert_eq!(got.header("referrer-policy"), "no-referrer", "{what}");
    assert_eq!(got.header("x-content-type-options"), "nosniff", "{what}");
    // Private pages: never indexed, whatever the status.
    assert_eq!(got.header("x-robots-tag"), "noindex", "{what}");
}

#[tokio::test]
async fn a_scanners_get_and_head_leave_the_token_redeemable() {
    let w = World::new().await;
    let customer = w.customer_with_card("Jo").await;
    let token = w.token(&customer).await;
    let path = format!("/portal/s/{token}");

    let got = w.get(&path, None).await;
    assert_eq!(got.status, StatusCode::OK);
    assert!(
        got.body.contains(&format!("action=\"{path}\"")),
        "{}",
        got.body
    );
    assert!(got.body.contains("method=\"post\""));
    assert!(got.body.contains("src=\"/portal/assets/autosubmit.js\""));
    assert!(!got.headers.contains_key("set-cookie"));
    let head = w.call(Method::HEAD, &path, None, None).await;
    assert_eq!(head.status, StatusCode::OK);
    assert!(head.body.is_empty());
    // Again, as scanners retry.
    assert_eq!(w.get(&path, None).await.status, StatusCode::OK);

    let post = w.call(Method::POST, &path, None, Some("")).await;
    assert_eq!(post.status, StatusCode::SEE_OTHER);
    assert_eq!(post.header("location"), "/portal");
}

#[tokio::test]
async fn redeeming_a_token_twice_fails() {
    let w = World::new().await;
    let customer = w.customer_with_card("Jo").await;
    let token = w.token(&customer).await;
    let path = format!("/portal/s/{token}");
    assert_eq!(
        w.call(Method::POST, &path, None, Some("")).await.status,
        StatusCode::SEE_OTHER
    );
    let again = w.call(Method::POST, &path, None, Some("")).await;
    assert_eq!(again.status, StatusCode::GONE);
    assert!(again.body.contains("This link is no longer valid"));
    assert!(again.body.contains("Email me a new link"));
    assert!(
        again.body.contains(&format!("href=\"{RETURN_URL}\"")),
        "back link to the tenant"
    );
    assert!(!again.headers.contains_key("set-cookie"));
    // A GET of a spent link is the same 410.
    assert_eq!(w.get(&path, None).await.status, StatusCode::GONE);
}

#[tokio::test]
async fn the_invoices_flow_lands_on_the_invoices_page() {
    let w = World::new().await;
    let customer = w.customer_with_card("Jo").await;
    let token = w.token_for(&w.project.id, &customer, Flow::Invoices).await;
    let post = w
        .call(Method::POST, &format!("/portal/s/{token}"), None, Some(""))
        .await;
    assert_eq!(post.header("location"), "/portal/invoices");
}

#[tokio::test]
async fn expired_used_and_forged_links_get_the_same_page() {
    let w = World::new().await;
    let customer = w.customer_with_card("Jo").await;
    let used = w.token(&customer).await;
    w.call(Method::POST, &format!("/portal/s/{used}"), None, Some(""))
        .await;
    let expired = w.token(&customer).await;
    w.clock.advance(301);
    let fresh = w.token(&customer).await;
    let mut forged = fresh.clone().into_bytes();
    let last = forged.len() - 2;
    forged[last] = if forged[last] == b'A' { b'B' } else { b'A' };
    let forged = String::from_utf8(forged).unwrap();

    let page = |t: &str, got: Got| {
        assert_eq!(got.status, StatusCode::GONE);
        got.body.replace(t, "TOKEN")
    };
    let used_page = page(&used, w.get(&format!("/portal/s/{used}"), None).await);
    let expired_page = page(&expired, w.get(&format!("/portal/s/{expired}"), None).await);
    let forged_page = page(&forged, w.get(&format!("/portal/s/{forged}"), None).await);
    assert_eq!(used_page, expired_page);
    // A forged link names no tenant, but says the same thing.
    let main = |p: &str| p[p.find("<main").unwrap()..p.find("</form>").unwrap()].to_owned();
    assert_eq!(main(&forged_page), main(&used_page));
    assert_eq!(
        w.call(Method::POST, &format!("/portal/s/{forged}"), None, Some(""))
            .await
            .status,
        StatusCode::GONE
    );
}

#[tokio::test]
async fn the_session_cookie_is_httponly_lax_and_local_runs_drop_secure() {
    let w = World::new().await;
    let customer = w.customer_with_card("Jo").await;
    let token = w.token(&customer).await;
    let got = w
        .call(Method::POST, &format!("/portal/s/{token}"), None, Some(""))
        .await;
    let set = got.header("set-cookie");
    assert!(set.starts_with("bp_session=proj_"), "{set}");
    for attr in [
        "; Path=/",
        "; HttpOnly",
        "; SameSite=Lax",
        "; Max-Age=14400",
    ] {
        assert!(set.contains(attr), "{set} lacks {attr}");
    }
    assert!(!set.contains("Secure"));
}

#[tokio::test]
async fn the_session_cookie_is_host_prefixed_and_secure_on_https() {
    let w = World::with(Setup {
        public_base_url: "https://billing.example.test".to_owned(),
        ..Setup::default()
    })
    .await;
    let customer = w.customer_with_card("Jo").await;
    let token = w.token(&customer).await;
    let got = w
        .call(Method::POST, &format!("/portal/s/{token}"), None, Some(""))
        .await;
    let set = got.header("set-cookie");
    assert!(set.starts_with("__Host-bp_session=proj_"), "{set}");
    for attr in ["; Path=/", "; HttpOnly", "; Secure", "; SameSite=Lax"] {
        assert!(set.contains(attr), "{set} lacks {attr}");
    }
    assert!(!set.contains("Domain="));
    // Over HTTPS, browsers are told never to use plain HTTP here.
    assert_eq!(got.header("strict-transport-security"), "max-age=31536000");
    // The cookie works under its own name only.
    let cookie = got.cookie();
    let page = w.get("/portal", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("strict-transport-security"), "max-age=31536000");
    let plain = cookie.replacen("__Host-", "", 1);
    assert_eq!(
        w.get("/portal", Some(&plain)).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn an_idle_session_ends_after_thirty_minutes_and_activity_renews_it() {
    let w = World::new().await;
    let customer = w.customer_with_card("Jo").await;
    let cookie = w.sign_in(&customer).await;
    w.clock.advance(29 * 60);
    assert_eq!(
        w.get("/portal/invoices", Some(&cookie)).await.status,
        StatusCode::OK
    );
    w.clock.advance(29 * 60);
    assert_eq!(
        w.get("/portal/invoices", Some(&cookie)).await.status,
        StatusCode::OK,
        "renewed by activity"
    );
    w.clock.advance(30 * 60);
    let got = w.get("/portal", Some(&cookie)).await;
    assert_eq!(got.status, StatusCode::UNAUTHORIZED);
    assert!(got.body.contains("Your billing session has ended"));
    assert!(got.header("set-cookie").contains("Max-Age=0"));
}

#[tokio::test]
async fn a_session_ends_at_the_projects_absolute_limit_despite_activity() {
    let w = World::with(Setup {
        edit: Box::new(|p| p.max_session_seconds = 3600),
        ..Setup::default()
    })
    .await;
    let customer = w.customer_with_card("Jo").await;
    let cookie = w.sign_in(&customer).await;
    for _ in 0..3 {
        w.clock.advance(20 * 60 - 1);
        assert_eq!(
            w.get("/portal/invoices", Some(&cookie)).await.status,
            StatusCode::OK
        );
    }
    w.clock.advance(10);
    assert_eq!(
        w.get("/portal/invoices", Some(&cookie)).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_post_without_a_valid_csrf_token_is_refused_and_changes_nothing() {
    let w = World::new().await;
    let customer = w.customer_with_card("Jo").await;
    let cookie = w.sign_in(&customer).await;
    let page = w.get("/portal", Some(&cookie)).await;
    let csrf = page.csrf();
    assert!(csrf.len() >= 40);

    for form in ["", "csrf=", "csrf=nope", &format!("csrf={}x", csrf)] {
        let got = w
            .call(Method::POST, "/portal/return", Some(&cookie), Some(form))
            .await;
        assert_eq!(got.status, StatusCode::FORBIDDEN, "form {form:?}");
        assert!(!got.headers.contains_key("set-cookie"));
        assert_security_headers(&got, "403");
    }
    assert_eq!(
        w.get("/portal", Some(&cookie)).await.status,
        StatusCode::OK,
        "session still live"
    );

    let got = w
        .call(
            Method::POST,
            "/portal/return",
            Some(&cookie),
            Some(&format!("csrf={csrf}")),
        )
        .await;
    assert_eq!(got.status, StatusCode::SEE_OTHER);
    assert_eq!(got.header("location"), RETURN_URL);
    assert!(got.header("set-cookie").contains("Max-Age=0"));
    assert!(got
        .header("content-security-policy")
        .contains("form-action 'self' https://app.acme.test"));
    assert_eq!(
        w.get("/portal", Some(&cookie)).await.status,
        StatusCode::UNAUTHORIZED,
        "ended"
    );
}

#[tokio::test]
async fn a_cross_site_post_is_refused() {
    let w = World::new().await;
    let customer = w.customer_with_card("Jo").await;
    let token = w.token(&customer).await;
    let path = format!("/portal/s/{token}");
    let post = |headers: &[(&str, &str)]| {
        let mut b = http::Request::builder().method(Method::POST).uri(&path);
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        b.body(lambda_http::Body::Empty).unwrap()
    };
    for headers in [
        &[("sec-fetch-site", "cross-site")][..],
        &[("sec-fetch-site", "same-site")][..],
        &[("origin", "https://evil.example")][..],
    ] {
        let got = support::read(portal::handle(&w.app, post(headers)).await);
        assert_eq!(got.status, StatusCode::FORBIDDEN, "{headers:?}");
        assert_security_headers(&got, "cross-site 403");
    }
    // Refused before redeeming: the link still works from our own page.
    let own = [("sec-fetch-site", "same-origin"), ("origin", "null")];
    let got = support::read(portal::handle(&w.app, post(&own)).await);
    assert_eq!(got.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let w = World::new().await;
    let customer = w.customer_with_card("Jo").await;
    let token = w.token(&customer).await;
    let landing = w.get(&format!("/portal/s/{token}"), None).await;
    assert_security_headers(&landing, "landing");
    let signin = w
        .call(Method::POST, &format!("/portal/s/{token}"), None, Some(""))
        .await;
    assert_security_headers(&signin, "303");
    let cookie = signin.cookie();
    let overview = w.get("/portal", Some(&cookie)).await;
    assert_eq!(overview.status, StatusCode::OK);
    assert_security_headers(&overview, "overview");
    assert_eq!(overview.header("cache-control"), "no-store");
    let invoices = w.get("/portal/invoices", Some(&cookie)).await;
    assert_security_headers(&invoices, "invoices");
    let gone = w.get(&format!("/portal/s/{token}"), None).await;
    assert_eq!(gone.status, StatusCode::GONE);
    assert_security_headers(&gone, "410");
    let missing = w.get("/portal/nothing-here", None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_security_headers(&missing, "404");
    let ended = w.get("/portal", None).await;
    assert_security_headers(&ended, "401");
    let wrong = w.call(Method::DELETE, "/portal", None, None).await;
    assert_eq!(wrong.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_security_headers(&wrong, "405");

    let css_path = overview.body.split("href=\"").find_map(|s| {
        let p = &s[..s.find('"')?];
        p.starts_with("/portal/assets/style-").then(|| p.to_owned())
    });
    let css = w.get(&css_path.expect("a stylesheet link"), None).await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.header("content-type").starts_with("text/css"));
    assert_eq!(
        css.header("cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert_security_headers(&css, "stylesheet");
    // The icon: named by every page, and at /favicon.ico for browsers that ask there.
    let icon = shared::views::favicon_path();
    assert!(
        overview.body.contains(&format!(
            "rel=\"icon\" type=\"image/svg+xml\" href=\"{icon}\""
        )),
        "{}",
        overview.body
    );
    for (path, caching) in [
        (icon, "public, max-age=31536000, immutable"),
        ("/favicon.ico", "public, max-age=86400"),
    ] {
        let got = w.get(path, None).await;
        assert_eq!(got.status, StatusCode::OK, "{path}");
        assert_eq!(got.header("content-type"), "image/svg+xml", "{path}");
        assert!(got.body.starts_with("<svg"), "{path}");
        assert_eq!(got.header("cache-control"), caching, "{path}");
        assert_security_headers(&got, path);
    }
    let js = w.get("/portal/assets/autosubmit.js", None).await;
    assert!(js.header("content-type").starts_with("text/javascript"));
    assert_security_headers(&js, "script");
    assert_eq!(
        w.get("/portal/assets/style-0000000000000000.css", None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn framing_follows_the_projects_allow_list() {
    let w = World::with(Setup {
        edit: Box::new(|p| p.frame_ancestors = vec!["https://app.acme.test".parse().unwrap()]),
        ..Setup::default()
    })
    .await;
    let customer = w.customer_with_card("Jo").await;
    let cookie = w.sign_in(&customer).await;
    let got = w.get("/portal", Some(&cookie)).await;
    assert!(got
        .header("content-security-policy")
        .contains("frame-ancestors https://app.acme.test;"));
    assert!(!got.headers.contains_key("x-frame-options"));
}

#[tokio::test]
async fn a_customer_and_plan_named_like_a_script_render_as_text() {
    let w = World::new().await;
    let evil = "<script>alert(1)</script>";
    let customer = w.customer_with_card(evil).await;
    let price = w.price(evil, "1000", false).await;
    w.subscribe(&customer, &[&price]).await;
    let cookie = w.sign_in(&customer).await;
    let got = w.get("/portal", Some(&cookie)).await;
    assert_eq!(got.status, StatusCode::OK);
    assert!(!got.body.contains(evil), "raw script in the page");
    assert!(!got.body.contains("<script>"));
    assert!(
        got.body
            .matches("&lt;script&gt;alert(1)&lt;/script&gt;")
            .count()
            >= 2,
        "{}",
        got.body
    );
}

#[tokio::test]
async fn a_session_of_project_a_never_reads_project_bs_customer_with_the_same_id() {
    let w = World::new().await;
    let (b, b_key) = w.other_project("Beta").await;
    let shared_id = format!("cus_Same{}", suffix());
    w.stripe(
        "/v1/customers",
        &[("id", &shared_id), ("name", "Alice of A")],
    )
    .await;
    w.stripe_as(
        &b_key,
        "/v1/customers",
        &[("id", &shared_id), ("name", "Bob of B")],
    )
    .await;

    let cookie = w.sign_in(&shared_id).await;
    let a_page = w.get("/portal", Some(&cookie)).await;
    assert!(a_page.body.contains("Alice of A"), "{}", a_page.body);
    assert!(!a_page.body.contains("Bob of B"));

    // B's own session sees B's customer.
    let token = w.token_for(&b.id, &shared_id, Flow::Overview).await;
    let b_cookie = w
        .call(Method::POST, &format!("/portal/s/{token}"), None, Some(""))
        .await
        .cookie();
    let b_page = w.get("/portal", Some(&b_cookie)).await;
    assert!(b_page.body.contains("Bob of B"));
    assert!(!b_page.body.contains("Alice of A"));

    // A's cookie relabelled with B's project id finds nothing.
    let (name, value) = cookie.split_once('=').unwrap();
    let (_, secret) = value.split_once('.').unwrap();
    let relabelled = format!("{name}={}.{secret}", b.id);
    assert_eq!(
        w.get("/portal", Some(&relabelled)).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn the_overview_shows_every_item_the_card_and_the_latest_invoices() {
    let w = World::new().await;
    let customer = w.customer_with_card("Jo Bloggs").await;
    let seats = w.price("Team seats", "1200", false).await;
    let calls = w.price("API calls", "5", true).await;
    w.subscribe(&customer, &[&seats, &calls]).await;
    let cookie = w.sign_in(&customer).await;
    let got = w.get("/portal", Some(&cookie)).await;
    assert_eq!(got.status, StatusCode::OK);
    let b = &got.body;
    for needle in [
        "Jo Bloggs",
        "Team seats",
        "API calls",
        "$12.00 per month",
        "$0.05 per unit used, billed monthly",
        "Active",
        "Next invoice on ",
        // Stripe's preview: the seats, and no usage recorded yet.
        ": $12.00</a>",
        "Visa ending in 4242",
        "Latest invoices",
        "Download PDF",
    ] {
        assert!(b.contains(needle), "overview lacks {needle:?}:\n{b}");
    }
    assert!(b.contains("Return to Acme"));
    assert!(b.contains("<main"), "landmarks");
    assert!(b.contains("lang=\"en\""));
    let css = w.get(shared::views::stylesheet_path(), None).await;
    assert!(
        b.len() + css.body.len() <= 30 * 1024,
        "page {} + css {} bytes",
        b.len(),
        css.body.len()
    );
}

#[tokio::test]
async fn the_support_link_and_accent_come_from_the_project() {
    let w = World::with(Setup {
        edit: Box::new(|p| {
            p.support_url = Some("https://help.acme.test/billing".parse().unwrap());
            p.branding.accent_color = Some("#FFCC00".parse().unwrap());
            p.branding.logo_url = Some("https://cdn.acme.test/logo.png".parse().unwrap());
        }),
        ..Setup::default()
    })
    .await;
    let customer = w.customer_with_card("Jo").await;
    let cookie = w.sign_in(&customer).await;
    let got = w.get("/portal", Some(&cookie)).await;
    // The link goes through the portal (the click is counted), then to the project's URL.
    assert!(got.body.contains("href=\"/portal/support\""));
    assert!(got.body.contains("Contact support"));
    let support = w.get("/portal/support", Some(&cookie)).await;
    assert_eq!(support.status, StatusCode::SEE_OTHER);
    assert_eq!(support.header("location"), "https://help.acme.test/billing");
    assert!(got.body.contains("src=\"https://cdn.acme.test/logo.png\""));
    assert!(got
        .body
        .contains("href=\"/portal/assets/accent-ffcc00.css\""));
    let css = w.get("/portal/assets/accent-ffcc00.css", None).await;
    assert_eq!(css.status, StatusCode::OK);
    // Yellow takes dark text for contrast.
    assert!(css.body.contains("--on-accent:#000000"), "{}", css.body);
    assert_eq!(
        w.get("/portal/assets/accent-ffcc0;.css", None).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_invoices_page_pages_with_stripes_cursor() {
    let w = World::new().await;
    let customer = w.customer_with_card("Jo").await;
    let price = w.price("Pro", "1000", false).await;
    w.subscribe(&customer, &[&price]).await;
    // 24 more monthly invoices.
    let client = reqwest::Client::new();
    let res = client
        .post(format!(
            "{}/_standin/accounts/{}/advance",
            w.stripe_base, w.stripe_key
        ))
        .json(&serde_json::json!({"seconds": 24 * 31 * 86_400}))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.text().await.unwrap());
    let cookie = w.sign_in(&customer).await;
    let first = w.get("/portal/invoices", Some(&cookie)).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(
        first.body.matches("Download PDF").count(),
        20,
        "{}",
        first.body
    );
    let marker = "href=\"/portal/invoices?starting_after=";
    let at = first.body.find(marker).expect("an older-invoices link") + marker.len();
    let cursor = &first.body[at..at + first.body[at..].find('"').unwrap()];
    assert!(cursor.starts_with("in_"));
    let second = w
        .get(
            &format!("/portal/invoices?starting_after={cursor}"),
            Some(&cookie),
        )
        .await;
    assert_eq!(second.status, StatusCode::OK);
    let n = second.body.matches("Download PDF").count();
    assert!((1..20).contains(&n), "{n} on page two");
    assert!(second.body.contains("Newest invoices"));
    // A junk cursor is ignored, not passed to Stripe.
    let junk = w
        .get(
            "/portal/invoices?starting_after=in_1%26limit%3D100",
            Some(&cookie),
        )
        .await;
    assert_eq!(junk.status, StatusCode::OK);
}

#[tokio::test]
async fn an_open_invoice_offers_pay_now() {
    let w = World::new().await;
    let c = w.stripe("/v1/customers", &[("name", "Jo")]).await;
    let customer = c["id"].as_str().unwrap().to_owned();
    let price = w.price("Pro", "1000", false).await;
    w.stripe(
        "/v1/subscriptions",
        &[
            ("customer", &customer),
            ("items[0][price]", &price),
            ("collection_method", "send_invoice"),
            ("days_until_due", "30"),
        ],
    )
    .await;
    let cookie = w.sign_in(&customer).await;
    let got = w.get("/portal/invoices", Some(&cookie)).await;
    assert!(got.body.contains("Pay now"), "{}", got.body);
    assert!(got.body.contains("Due"));
    let over = w.get("/portal", Some(&cookie)).await;
    assert!(over.body.contains("No payment method on file."));
}

#[tokio::test]
async fn unknown_paths_get_a_friendly_404_without_internals() {
    let w = World::new().await;
    let got = w.get("/portal/../../etc/passwd", None).await;
    assert_eq!(got.status, StatusCode::NOT_FOUND);
    assert!(got.body.contains("Page not found"));
    let long = format!("/portal/s/{}", "a".repeat(5000));
    assert_eq!(w.get(&long, None).await.status, StatusCode::NOT_FOUND);
    let junk = w.get("/portal/s/%00%ff%3Cscript%3E", None).await;
    assert_eq!(junk.status, StatusCode::GONE);
    assert!(!junk.body.contains("<script"));
}

mod all_or_nothing;
mod billing;
mod budget;
mod cancel;
mod charged;
mod charges;
mod invoice_page;
mod io;
mod login;
mod metrics;
mod offers;
mod plan;
mod relink;
mod stripe_down;

/// The signing keys are read at the cold start: a missing or unusable parameter stops the
/// function there (Lambda reports the init error), never on a customer's request.
#[tokio::test]
async fn a_missing_or_bad_signing_key_fails_the_cold_start() {
    let moto = test_support::Moto::fresh(
        &test_support::env("BP_TEST_STRIPE_API_BASE"),
        test_support::LOCAL_BASE_URL,
    )
    .await;
    for (what, config) in moto.broken_signing_keys().await {
        let Err(err) = portal::App::with_sdk(config, &moto.sdk).await else {
            panic!("the cold start succeeded with {what}");
        };
        assert!(
            format!("{err:#}").contains("signing keys"),
            "{what}: {err:#}"
        );
    }
}
