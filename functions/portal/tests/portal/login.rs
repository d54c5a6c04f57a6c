//! The sign-in page: an email address in, single-use links by email out, the same answer
//! whether or not the address is known.

use std::time::{Duration, Instant};

use http::{Method, StatusCode};
use lambda_http::aws_lambda_events::apigw::ApiGatewayV2httpRequestContext;
use lambda_http::request::RequestContext;
use lambda_http::{Body, RequestExt};
use shared::login::{LoginSlug, PER_ADDRESS, PER_IP, PER_PROJECT};
use shared::project::ProjectStore;
use test_support::eventually;

use crate::support::{emails_to, read, request, suffix, Got, Setup, World};

const SENDER: &str = "billing@acme.test";

/// A generous floor and deadline: the suite shares one single-threaded moto, and work cut
/// off at the deadline would send nothing. The real figures are in `shared::login`.
const FLOOR: Duration = Duration::from_secs(8);
const DEADLINE: Duration = Duration::from_secs(7);

async fn world_with(enabled: bool) -> World {
    let mut w = World::with(Setup {
        edit: Box::new(move |p| {
            p.sender_email = Some(SENDER.parse().unwrap());
            p.login_enabled = enabled;
        }),
        ..Setup::default()
    })
    .await;
    aws_sdk_ses::Client::new(&w.sdk)
        .verify_email_identity()
        .email_address(SENDER)
        .send()
        .await
        .unwrap();
    w.app = w.app.with_login_timing(FLOOR, DEADLINE);
    w
}

async fn world() -> World {
    world_with(true).await
}

fn login_path(w: &World) -> String {
    format!("/portal/login/{}", w.project.id)
}

/// Calls the portal as a browser at `ip` would through API Gateway.
async fn call(
    w: &World,
    method: Method,
    path: &str,
    cookie: Option<&str>,
    form: Option<&str>,
    ip: &str,
) -> Got {
    let req = request(method, path, cookie, form);
    let mut ctx = ApiGatewayV2httpRequestContext::default();
    ctx.http.source_ip = Some(ip.to_owned());
    let req = req.with_request_context(RequestContext::ApiGatewayV2(ctx));
    read(portal::handle(&w.app, req).await)
}

/// The form's cookie and CSRF token, as a browser gets them from the page.
async fn open_form(w: &World, path: &str, ip: &str) -> (String, String) {
    let got = call(w, Method::GET, path, None, None, ip).await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.body);
    (got.cookie(), got.csrf())
}

fn form(csrf: &str, email: &str) -> String {
    form_urlencoded::Serializer::new(String::new())
        .append_pair("csrf", csrf)
        .append_pair("email", email)
        .finish()
}

/// Opens the page and submits `email` from `ip`.
async fn ask(w: &World, email: &str, ip: &str) -> Got {
    let path = login_path(w);
    let (cookie, csrf) = open_form(w, &path, ip).await;
    call(
        w,
        Method::POST,
        &path,
        Some(&cookie),
        Some(&form(&csrf, email)),
        ip,
    )
    .await
}

/// Every portal link in an email, in order.
fn links(body: &str) -> Vec<String> {
    body.match_indices("/portal/s/")
        .map(|(at, _)| {
            body[at..]
                .chars()
                .take_while(|c| !c.is_whitespace())
                .collect()
        })
        .collect()
}

fn address() -> String {
    format!("ada.{}@example.test", suffix().to_lowercase())
}

#[tokio::test]
async fn login_the_page_has_a_signed_form_a_strict_cookie_and_strict_headers() {
    let w = world().await;
    let got = call(&w, Method::GET, &login_path(&w), None, None, "192.0.2.1").await;
    assert_eq!(got.status, StatusCode::OK);
    crate::assert_security_headers(&got, "login page");
    assert!(
        got.body.contains("Sign in to manage billing"),
        "{}",
        got.body
    );
    assert!(got.body.contains("name=\"email\""));
    assert!(!got.csrf().is_empty());
    let set = got.header("set-cookie");
    assert!(set.starts_with("bp_login="), "{set}");
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict"),
        "{set}"
    );
    // The browser's language, as on other pages before sign-in.
    let mut req = http::Request::builder()
        .uri(login_path(&w))
        .header("accept-language", "de-DE,de;q=0.9")
        .body(Body::Empty)
        .unwrap();
    req = req.with_request_context(RequestContext::ApiGatewayV2(Default::default()));
    let de = read(portal::handle(&w.app, req).await);
    assert!(de.body.contains("Anmelden"), "{}", de.body);
}

#[tokio::test]
async fn login_a_known_and_an_unknown_address_get_the_same_answer() {
    let w = world().await;
    let known = address();
    w.stripe("/v1/customers", &[("name", "Ada"), ("email", &known)])
        .await;
    let unknown = address();

    let (a, b) = tokio::join!(
        ask(&w, &known, "192.0.2.10"),
        ask(&w, &unknown, "192.0.2.11")
    );
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!((a.status, &a.body), (b.status, &b.body), "byte for byte");
    assert!(a.body.contains("Check your email"));
    assert!(!a.body.contains(&known) && !a.body.contains("csrf"));
    let names = |g: &Got| {
        let mut h: Vec<String> = g.headers.keys().map(|k| k.to_string()).collect();
        h.sort();
        h
    };
    assert_eq!(names(&a), names(&b));
    assert!(!a.headers.contains_key("set-cookie"));

    let sent = eventually("the known address's email", || async {
        Some(emails_to(&known).await).filter(|m| !m.is_empty())
    })
    .await;
    assert_eq!(sent.len(), 1);
    assert!(emails_to(&unknown).await.is_empty());
}

#[tokio::test]
async fn login_the_answer_waits_for_the_floor_whatever_the_address() {
    let mut w = world().await;
    let floor = Duration::from_millis(1500);
    w.app = w.app.with_login_timing(floor, Duration::from_millis(1200));
    let started = Instant::now();
    let got = ask(&w, &address(), "192.0.2.12").await;
    assert_eq!(got.status, StatusCode::OK);
    assert!(started.elapsed() >= floor, "answered before the floor");
}

#[tokio::test]
async fn login_one_email_lists_each_account_of_a_shared_address_and_each_link_works_once() {
    let w = world().await;
    let shared_address = address();
    let pro = w.price("Pro", "2900", false).await;
    let team = w.price("Team", "9900", false).await;
    let a = w
        .account()
        .customer_with_card("Ada Personal", &shared_address)
        .await;
    let b = w
        .account()
        .customer_with_card("Ada Ltd", &shared_address)
        .await;
    let (a, b) = (a.as_str(), b.as_str());
    w.subscribe(a, &[&pro]).await;
    w.subscribe(b, &[&team]).await;

    // Typed with other case and spaces: the same address.
    let typed = format!("  {}  ", shared_address.to_uppercase());
    assert_eq!(ask(&w, &typed, "192.0.2.20").await.status, StatusCode::OK);
    let sent = eventually("the sign-in email", || async {
        Some(emails_to(&shared_address).await).filter(|m| !m.is_empty())
    })
    .await;
    assert_eq!(sent.len(), 1, "one email for both accounts");
    let body = &sent[0];
    let found = links(body);
    assert_eq!(found.len(), 2, "{body}");
    for (name, plan) in [("Ada Personal", "Pro"), ("Ada Ltd", "Team")] {
        let at = body
            .find(name)
            .unwrap_or_else(|| panic!("{name} in {body}"));
        let block = &body[at..];
        let next_link = block.find("/portal/s/").unwrap();
        assert!(
            block[..next_link].contains(plan),
            "{name} pays for {plan}: {body}"
        );
    }

    for link in &found {
        assert_eq!(
            w.get(link, None).await.status,
            StatusCode::OK,
            "landing page"
        );
        let signed_in = w.call(Method::POST, link, None, Some("")).await;
        assert_eq!(
            signed_in.status,
            StatusCode::SEE_OTHER,
            "{}",
            signed_in.body
        );
        let overview = w.get("/portal", Some(&signed_in.cookie())).await;
        assert_eq!(overview.status, StatusCode::OK);
        let again = w.call(Method::POST, link, None, Some("")).await;
        assert_eq!(again.status, StatusCode::GONE, "single use");
    }
}

#[tokio::test]
async fn login_past_the_per_address_limit_the_answer_is_the_same_and_no_email_goes() {
    let w = world().await;
    let known = address();
    w.stripe("/v1/customers", &[("name", "Ada"), ("email", &known)])
        .await;
    let tries = usize::try_from(PER_ADDRESS).unwrap() + 1;
    let answers = futures::future::join_all((0..tries).map(|i| {
        let w = &w;
        let known = known.clone();
        async move { ask(w, &known, &format!("192.0.2.{}", 30 + i)).await }
    }))
    .await;
    for got in &answers {
        assert_eq!(
            (got.status, &got.body),
            (answers[0].status, &answers[0].body)
        );
    }
    assert_eq!(answers[0].status, StatusCode::OK);
    assert_eq!(
        emails_to(&known).await.len(),
        usize::try_from(PER_ADDRESS).unwrap(),
        "no email past the limit"
    );
}

/// A known address asked for from `ip` past a limit: 429 with `Retry-After`, no email.
/// The address, for further checks.
async fn assert_limited(w: &World, path: &str, (cookie, csrf): (&str, &str), ip: &str) -> String {
    let known = address();
    w.stripe("/v1/customers", &[("name", "Ada"), ("email", &known)])
        .await;
    let body = form(csrf, &known);
    let limited = call(w, Method::POST, path, Some(cookie), Some(&body), ip).await;
    assert_eq!(
        limited.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        limited.body
    );
    assert!(!limited.header("retry-after").is_empty());
    assert!(emails_to(&known).await.is_empty());
    known
}

#[tokio::test]
async fn login_past_the_per_ip_limit_the_answer_is_429() {
    let w = world().await;
    let path = login_path(&w);
    let ip = "198.51.100.7";
    let (cookie, csrf) = open_form(&w, &path, ip).await;
    // Invalid addresses count too, and answer at once (422): no floor to wait for.
    for _ in 0..PER_IP {
        let got = call(
            &w,
            Method::POST,
            &path,
            Some(&cookie),
            Some(&form(&csrf, "nope")),
            ip,
        )
        .await;
        assert_eq!(got.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            got.body.contains("Enter an email address like"),
            "{}",
            got.body
        );
    }
    assert_limited(&w, &path, (&cookie, &csrf), ip).await;
    // Another client is not affected.
    let other = call(&w, Method::GET, &path, None, None, "198.51.100.8").await;
    assert_eq!(other.status, StatusCode::OK);
}

/// A flood spread over many addresses (each under its own limit) still stops at the
/// project's limit; another project's page is not affected.
#[tokio::test]
async fn login_past_the_per_project_limit_the_answer_is_429_from_any_client() {
    let w = world().await;
    let path = login_path(&w);
    let per_ip = usize::try_from(PER_IP).unwrap();
    let clients = usize::try_from(PER_PROJECT).unwrap().div_ceil(per_ip);
    let (cookie, csrf) = open_form(&w, &path, "203.0.113.1").await;
    let floods = (0..clients).map(|c| {
        let (w, path, cookie, csrf) = (&w, &path, &cookie, &csrf);
        async move {
            let ip = format!("10.7.{}.{}", c / 200, c % 200 + 1);
            for _ in 0..per_ip {
                // Invalid addresses count too, and answer at once (no floor).
                let got = call(
                    w,
                    Method::POST,
                    path,
                    Some(cookie),
                    Some(&form(csrf, "nope")),
                    &ip,
                )
                .await;
                assert_eq!(got.status, StatusCode::UNPROCESSABLE_ENTITY, "{ip}");
            }
        }
    });
    futures::future::join_all(floods).await;
    let fresh = "198.51.100.99";
    let known = assert_limited(&w, &path, (&cookie, &csrf), fresh).await;
    // Another project's sign-in page counts on its own.
    let other = world().await;
    let got = ask(&other, &known, fresh).await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.body);
}

#[tokio::test]
async fn login_a_missing_or_wrong_csrf_token_is_403_and_sends_nothing() {
    let w = world().await;
    let known = address();
    w.stripe("/v1/customers", &[("name", "Ada"), ("email", &known)])
        .await;
    let path = login_path(&w);
    let ip = "203.0.113.5";
    let (cookie, csrf) = open_form(&w, &path, ip).await;
    let second_tab = call(&w, Method::GET, &path, Some(&cookie), None, ip).await;
    let missing = form_urlencoded::Serializer::new(String::new())
        .append_pair("email", &known)
        .finish();
    let cases = [
        (Some(cookie.as_str()), missing),
        (Some(cookie.as_str()), form("1.abc.k1.bad", &known)),
        (None, form(&csrf, &known)),
        (Some("bp_login=SomeoneElse"), form(&csrf, &known)),
    ];
    for (cookie, body) in cases {
        let got = call(&w, Method::POST, &path, cookie, Some(&body), ip).await;
        assert_eq!(got.status, StatusCode::FORBIDDEN, "{cookie:?} {body}");
        crate::assert_security_headers(&got, "refused login");
    }
    // The same browser's cookie keeps its nonce: a second tab's form is still good.
    assert_eq!(second_tab.cookie(), cookie);
    // A form signed for another project does not hold here.
    let (other, _) = w.other_project("Other").await;
    let mut p = other.clone();
    p.login_enabled = true;
    ProjectStore::new(w.table.clone()).update(&p).await.unwrap();
    let other_path = format!("/portal/login/{}", other.id);
    let (_, other_csrf) = open_form(&w, &other_path, ip).await;
    let got = call(
        &w,
        Method::POST,
        &path,
        Some(&cookie),
        Some(&form(&other_csrf, &known)),
        ip,
    )
    .await;
    assert_eq!(got.status, StatusCode::FORBIDDEN);
    // A cross-site post is refused before anything.
    let mut req = request(
        Method::POST,
        &path,
        Some(&cookie),
        Some(&form(&csrf, &known)),
    );
    req.headers_mut()
        .insert("origin", "https://evil.test".parse().unwrap());
    assert_eq!(
        read(portal::handle(&w.app, req).await).status,
        StatusCode::FORBIDDEN
    );
    assert!(emails_to(&known).await.is_empty(), "nothing sent");
}

#[tokio::test]
async fn login_a_disabled_project_and_an_unknown_slug_are_404() {
    let w = world_with(false).await;
    let path = login_path(&w);
    assert_eq!(
        call(&w, Method::GET, &path, None, None, "192.0.2.50")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        call(
            &w,
            Method::POST,
            &path,
            None,
            Some("email=a%40b.co"),
            "192.0.2.50"
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    for bad in [
        "/portal/login/no-such-slug-here",
        "/portal/login/Bad_Slug",
        "/portal/login/",
        "/portal/login/proj_x",
    ] {
        assert_eq!(
            call(&w, Method::GET, bad, None, None, "192.0.2.50")
                .await
                .status,
            StatusCode::NOT_FOUND,
            "{bad}"
        );
    }
}

#[tokio::test]
async fn login_a_slug_names_one_project_and_serves_its_page() {
    let w = world().await;
    let store = ProjectStore::new(w.table.clone());
    let slug = LoginSlug::parse(&format!("acme-{}", suffix().to_lowercase())).unwrap();
    let mut p = w.project.clone();
    p.login_slug = Some(slug.clone());
    store.update_with_slug(&p, None).await.unwrap();
    w.app.forget_kept_projects();
    let got = call(
        &w,
        Method::GET,
        &format!("/portal/login/{slug}"),
        None,
        None,
        "192.0.2.60",
    )
    .await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.body);
    assert!(got
        .body
        .contains(&format!("action=\"/portal/login/{slug}\"")));

    // Another project may not take it.
    let (other, _) = w.other_project("Other").await;
    let mut o = other.clone();
    o.login_enabled = true;
    o.login_slug = Some(slug.clone());
    let taken = store.update_with_slug(&o, None).await;
    assert!(
        matches!(taken, Err(shared::project::ProjectStoreError::SlugTaken(_))),
        "{taken:?}"
    );
    assert_eq!(
        store.get(&other.id).await.unwrap().unwrap().login_slug,
        None
    );
    assert_eq!(
        store.project_of_slug(&slug).await.unwrap(),
        Some(w.project.id.clone())
    );
}

/// The timing figure of `docs/benchmarks.md`: 20 answers each for known and unknown
/// addresses with the real floor and deadline, interleaved; prints the medians. Not a
/// timed assertion: run it by hand (`cargo test -p portal --test portal
/// login_timing_figure -- --ignored --nocapture`).
#[tokio::test]
#[ignore]
async fn login_timing_figure() {
    let mut w = world().await;
    w.app = w
        .app
        .with_login_timing(shared::login::ANSWER_FLOOR, shared::login::WORK_DEADLINE);
    const TRIES: usize = 20;
    let mut known = Vec::new();
    for _ in 0..TRIES {
        let email = address();
        w.account().customer_with_card("Ada", &email).await;
        known.push(email);
    }
    let (mut k, mut u) = (Vec::new(), Vec::new());
    for (i, email) in known.iter().enumerate() {
        for (is_known, email) in [(true, email.clone()), (false, address())] {
            let ip = format!("10.0.{}.{}", i, u8::from(is_known));
            let path = login_path(&w);
            let (cookie, csrf) = open_form(&w, &path, &ip).await;
            let started = Instant::now();
            let got = call(
                &w,
                Method::POST,
                &path,
                Some(&cookie),
                Some(&form(&csrf, &email)),
                &ip,
            )
            .await;
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            assert_eq!(got.status, StatusCode::OK);
            if is_known {
                k.push(ms)
            } else {
                u.push(ms)
            }
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        (v[v.len() / 2 - 1] + v[v.len() / 2]) / 2.0
    };
    let spread = |v: &[f64]| v[v.len() - 1] - v[0];
    let (mk, mu) = (median(&mut k), median(&mut u));
    println!(
        "login timing over {TRIES} tries each: known median {mk:.1} ms (spread {:.1} ms), unknown median {mu:.1} ms (spread {:.1} ms), difference {:.1} ms",
        spread(&k),
        spread(&u),
        mk - mu
    );
    for email in &known {
        assert_eq!(
            emails_to(email).await.len(),
            1,
            "each known address got its email"
        );
    }
}

/// The sign-in page's row of `docs/benchmarks.md`'s I/O table: what each request sends
/// once the process keeps the project and its Stripe key.
#[tokio::test]
async fn login_each_request_costs_what_the_table_says() {
    let w = world().await;
    let known = address();
    let customer = w.account().customer_with_card("Ada", &known).await;
    let price = w.price("Pro", "2900", false).await;
    w.subscribe(&customer, &[&price]).await;
    // Warm: the project and the key are kept after a first request.
    ask(&w, &address(), "192.0.2.90").await;
    let path = login_path(&w);
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    w.aws.take();
    w.stripe_calls().await;

    let (cookie, csrf) = open_form(&w, &path, "192.0.2.91").await;
    assert_eq!(w.aws.take(), Vec::<String>::new(), "the page");

    let post = |email: String| {
        let (w, path, cookie, csrf) = (&w, &path, &cookie, &csrf);
        async move {
            call(
                w,
                Method::POST,
                path,
                Some(cookie),
                Some(&form(csrf, &email)),
                "192.0.2.91",
            )
            .await
        }
    };
    post(address()).await;
    assert_eq!(
        sorted(w.aws.take()),
        vec!["DynamoDB UpdateItem"; 3],
        "unknown address: the IP's, project's and address's counters"
    );
    assert_eq!(w.stripe_calls().await, vec!["GET /v1/customers"]);

    post(known.clone()).await;
    assert_eq!(
        sorted(w.aws.take()),
        vec![
            "DynamoDB PutItem",
            "DynamoDB UpdateItem",
            "DynamoDB UpdateItem",
            "DynamoDB UpdateItem",
            "DynamoDB UpdateItem",
            "SES SendEmail",
        ],
        "known address: counters, the link's row, `minted`, one email"
    );
    assert_eq!(
        sorted(w.stripe_calls().await),
        vec![
            "GET /v1/customers",
            "GET /v1/products",
            "GET /v1/subscriptions"
        ]
    );
}
