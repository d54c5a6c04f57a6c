//! The portal in headless Chromium (Debian's `chromium` + `chromium-driver`) over WebDriver:
//! sign in from a session URL, read the overview and invoices, reuse the URL (410), and
//! sign in with JavaScript disabled. Screenshots go to `target/screenshots/`.

#[allow(dead_code)]
#[path = "portal/support.rs"]
mod support;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Map};
use support::{Setup, World};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// Serves `portal::handle` over HTTP on `listener`, as the API gateway would.
fn serve(world: Arc<World>, listener: tokio::net::TcpListener) {
    let app = axum::Router::new().fallback(move |req: axum::extract::Request| {
        let world = world.clone();
        async move {
            let (parts, body) = req.into_parts();
            let bytes = axum::body::to_bytes(body, 1 << 20)
                .await
                .unwrap_or_default();
            let req = http::Request::from_parts(parts, lambda_http::Body::from(bytes.to_vec()));
            let (parts, body) = portal::handle(&world.app, req).await.into_parts();
            let bytes = match body {
                lambda_http::Body::Text(t) => t.into_bytes(),
                lambda_http::Body::Binary(b) => b,
                _ => Vec::new(),
            };
            axum::response::Response::from_parts(parts, axum::body::Body::from(bytes))
        }
    });
    tokio::spawn(async move { axum::serve(listener, app).await });
}

struct Driver {
    child: Child,
    url: String,
    profiles: Vec<PathBuf>,
}

impl Driver {
    async fn start() -> Driver {
        assert!(
            std::path::Path::new(CHROMEDRIVER).exists() && std::path::Path::new(CHROMIUM).exists(),
            "chromium and chromedriver missing: run `cargo xtask test` (installs Debian's chromium and chromium-driver)"
        );
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let url = format!("http://127.0.0.1:{port}");
        for _ in 0..100 {
            if reqwest::get(format!("{url}/status")).await.is_ok() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Driver {
            child,
            url,
            profiles: Vec::new(),
        }
    }

    async fn browser(&mut self, javascript: bool) -> Client {
        let profile = std::env::temp_dir().join(format!("bp-chromium-{}", support::suffix()));
        std::fs::create_dir_all(&profile).unwrap();
        let mut options = json!({
            "binary": CHROMIUM,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,900",
                format!("--user-data-dir={}", profile.display()),
            ],
        });
        if !javascript {
            options["prefs"] = json!({"profile.managed_default_content_settings.javascript": 2});
        }
        self.profiles.push(profile);
        let mut caps = Map::new();
        caps.insert("goog:chromeOptions".to_owned(), options);
        ClientBuilder::native()
            .capabilities(caps)
            .connect(&self.url)
            .await
            .expect("a WebDriver session")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        for p in &self.profiles {
            let _ = std::fs::remove_dir_all(p);
        }
    }
}

fn screenshots_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn screenshot(c: &Client, name: &str, width: u32) {
    c.set_window_size(width, 900).await.unwrap();
    let png = c.screenshot().await.unwrap();
    std::fs::write(screenshots_dir().join(format!("{name}-{width}.png")), png).unwrap();
}

async fn wait_for_path(c: &Client, path: &str) {
    for _ in 0..50 {
        if c.current_url().await.unwrap().path() == path {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "never reached {path}: at {}",
        c.current_url().await.unwrap()
    );
}

async fn text(c: &Client) -> String {
    c.find(Locator::Css("body"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn world() -> (Arc<World>, SocketAddr) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let w = Arc::new(
        World::with(Setup {
            public_base_url: format!("http://{addr}"),
            ..Setup::default()
        })
        .await,
    );
    serve(w.clone(), listener);
    (w, addr)
}

#[tokio::test]
async fn a_customer_signs_in_reads_the_overview_and_invoices_and_cannot_reuse_the_link() {
    let (w, addr) = world().await;
    let customer = w.customer_with_card("Ada Lovelace").await;
    let price = w.price("Pro", "2900", false).await;
    w.subscribe(&customer, &[&price]).await;
    let url = format!("http://{addr}/portal/s/{}", w.token(&customer).await);

    let mut driver = Driver::start().await;
    let c = driver.browser(true).await;
    c.goto(&url).await.unwrap();
    wait_for_path(&c, "/portal").await;
    let overview = text(&c).await;
    assert!(overview.contains("Pro"), "{overview}");
    assert!(overview.contains("$29.00 per month"), "{overview}");
    assert!(overview.contains("Renews on "), "{overview}");
    assert!(overview.contains("Visa ending in 4242"), "{overview}");
    screenshot(&c, "overview", 1280).await;
    screenshot(&c, "overview", 375).await;

    c.set_window_size(1280, 900).await.unwrap();
    c.find(Locator::LinkText("Invoices"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_path(&c, "/portal/invoices").await;
    let pdf = c
        .find(Locator::Css("a[href$='/pdf']"))
        .await
        .expect("a PDF link")
        .attr("href")
        .await
        .unwrap()
        .expect("an href");
    screenshot(&c, "invoices", 1280).await;
    screenshot(&c, "invoices", 375).await;
    let res = reqwest::get(&pdf).await.unwrap();
    assert!(
        res.status().is_success(),
        "PDF link answers {}",
        res.status()
    );
    c.goto(&pdf).await.unwrap();

    // The same session URL again: spent.
    c.goto(&url).await.unwrap();
    let gone = text(&c).await;
    assert!(gone.contains("This link is no longer valid"), "{gone}");
    assert!(gone.contains("Email me a new link"));
    screenshot(&c, "gone", 1280).await;
    c.close().await.unwrap();
}

#[tokio::test]
async fn with_javascript_disabled_the_landing_button_signs_in() {
    let (w, addr) = world().await;
    let customer = w.customer_with_card("Ada Lovelace").await;
    let url = format!("http://{addr}/portal/s/{}", w.token(&customer).await);

    let mut driver = Driver::start().await;
    let c = driver.browser(false).await;
    c.goto(&url).await.unwrap();
    // No script ran: still on the landing page.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(c
        .current_url()
        .await
        .unwrap()
        .path()
        .starts_with("/portal/s/"));
    c.find(Locator::Css("#signin button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_path(&c, "/portal").await;
    assert!(text(&c).await.contains("Visa ending in 4242"));
    c.close().await.unwrap();
}

/// axe-core's browser build: `BP_TEST_AXE_JS`, else `node_modules/axe-core/axe.min.js` at
/// the workspace root (`npm install axe-core`).
fn axe_source() -> String {
    let path = std::env::var("BP_TEST_AXE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../node_modules/axe-core/axe.min.js")
        });
    std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "axe-core missing at {}: run `cargo xtask test` (installs axe-core from npm) or set BP_TEST_AXE_JS",
            path.display()
        )
    })
}

/// Serious and critical WCAG 2.1 A/AA violations on the current page.
async fn axe_violations(c: &Client, axe: &str) -> Vec<String> {
    // WebDriver scripts are not subject to the page's CSP.
    c.execute(axe, vec![]).await.expect("axe loads");
    let found = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
               .then(r => done(r.violations
                 .filter(v => v.impact === 'serious' || v.impact === 'critical')
                 .map(v => v.id + ' (' + v.nodes.length + ')')))
               .catch(e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .expect("axe runs");
    serde_json::from_value(found).expect("a list of violations")
}

#[tokio::test]
async fn overview_invoices_and_410_pages_have_no_serious_accessibility_violations() {
    let axe = axe_source();
    let (w, addr) = world().await;
    let customer = w.customer_with_card("Ada Lovelace").await;
    let price = w.price("Pro", "2900", false).await;
    let sub = w.subscribe(&customer, &[&price]).await;
    let cancel_path = format!(
        "/portal/subscriptions/{}/cancel",
        sub["id"].as_str().unwrap()
    );
    let url = format!("http://{addr}/portal/s/{}", w.token(&customer).await);

    let mut driver = Driver::start().await;
    let c = driver.browser(true).await;
    let mut report = Vec::new();
    c.goto(&url).await.unwrap();
    wait_for_path(&c, "/portal").await;
    for width in [1280, 375] {
        c.set_window_size(width, 900).await.unwrap();
        for path in ["/portal", "/portal/invoices", cancel_path.as_str()] {
            c.goto(&format!("http://{addr}{path}")).await.unwrap();
            for v in axe_violations(&c, &axe).await {
                report.push(format!("{path} @{width}px: {v}"));
            }
        }
    }
    c.goto(&url).await.unwrap();
    assert!(text(&c).await.contains("This link is no longer valid"));
    for v in axe_violations(&c, &axe).await {
        report.push(format!("410: {v}"));
    }
    c.close().await.unwrap();
    assert!(
        report.is_empty(),
        "accessibility violations:\n{}",
        report.join("\n")
    );
}

#[tokio::test]
async fn a_customer_cancels_in_one_click_renews_and_cancels_again() {
    let (w, addr) = world().await;
    let customer = w.customer_with_card("Ada Lovelace").await;
    let price = w.price("Pro", "2900", false).await;
    let sub = w.subscribe(&customer, &[&price]).await;
    let sub_id = sub["id"].as_str().unwrap().to_owned();
    let url = format!("http://{addr}/portal/s/{}", w.token(&customer).await);
    let cancel_path = format!("/portal/subscriptions/{sub_id}/cancel");

    let mut driver = Driver::start().await;
    let c = driver.browser(true).await;
    c.goto(&url).await.unwrap();
    wait_for_path(&c, "/portal").await;
    for round in 0..2 {
        // One click from the overview to the cancel page, one click to confirm.
        c.find(Locator::LinkText("Cancel plan"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_for_path(&c, &cancel_path).await;
        let page = text(&c).await;
        assert!(page.contains("Your plan ends on "), "{page}");
        if round == 0 {
            screenshot(&c, "cancel", 1280).await;
            screenshot(&c, "cancel", 375).await;
            c.set_window_size(1280, 900).await.unwrap();
        }
        c.find(Locator::Css("label[for='reason-too_expensive']"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        c.find(Locator::Id("confirm-cancel"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_for_path(&c, "/portal").await;
        let overview = text(&c).await;
        assert!(overview.contains("Cancels on "), "{overview}");
        let sub: serde_json::Value = w
            .http
            .get(format!("{}/v1/subscriptions/{sub_id}", w.stripe_base))
            .bearer_auth(&w.stripe_key)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(sub["cancellation_details"]["feedback"], "too_expensive");
        if round == 1 {
            break;
        }
        c.find(Locator::XPath("//button[normalize-space()='Renew']"))
            .await
            .expect("a Renew button")
            .click()
            .await
            .unwrap();
        wait_for_path(&c, "/portal").await;
        for _ in 0..50 {
            if !text(&c).await.contains("Cancels on ") {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(!text(&c).await.contains("Cancels on "));
    }
    c.close().await.unwrap();
}
