//! Headless Chromium over WebDriver (Debian's `chromium` + `chromium-driver`) for browser
//! tests: start chromedriver, open a browser with or without JavaScript, wait for a page,
//! read its text, take screenshots (under `.local/screenshots/`) and run axe-core.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Map, Value};

use test_support::eventually;

use crate::fixture::random_hex;

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// A running chromedriver and the profiles of the browsers it opened. On drop (a passing
/// or a panicking test alike) chromedriver's whole process group goes, the browsers it
/// launched included, then their profiles.
pub struct Driver {
    child: Child,
    url: String,
    profiles: Vec<PathBuf>,
}

impl Driver {
    /// Starts chromedriver on a free loopback port; panics with the install command if
    /// Chromium or chromedriver is missing.
    pub async fn start() -> Driver {
        assert!(
            Path::new(CHROMEDRIVER).exists() && Path::new(CHROMIUM).exists(),
            "chromium and chromedriver missing: run `cargo xtask test` (installs Debian's chromium and chromium-driver)"
        );
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port for chromedriver")
            .port();
        // Its own process group: the browsers it launches join it, so one kill ends them all
        // (killing chromedriver alone left Chromium running after every test).
        let child = Command::new(CHROMEDRIVER)
            .process_group(0)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let url = format!("http://127.0.0.1:{port}");
        eventually("chromedriver to answer", || async {
            reqwest::get(format!("{url}/status")).await.ok().map(drop)
        })
        .await;
        Driver {
            child,
            url,
            profiles: Vec::new(),
        }
    }

    /// A new headless browser (fresh profile, 1280×900), JavaScript on or off.
    pub async fn browser(&mut self, javascript: bool) -> Client {
        self.browser_speaking(javascript, None).await
    }

    /// [`Driver::browser`] whose languages are `accept_languages` (Chromium's
    /// `intl.accept_languages`, e.g. `de-DE,de`: it sends `Accept-Language: de-DE,de;q=0.9`).
    pub async fn browser_speaking(
        &mut self,
        javascript: bool,
        accept_languages: Option<&str>,
    ) -> Client {
        let profile = std::env::temp_dir().join(format!("bp-chromium-{}", random_hex(8)));
        std::fs::create_dir_all(&profile).expect("a Chromium profile folder");
        let mut options = json!({
            "binary": CHROMIUM,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                // No crash handler: it starts in a session of its own, outside the group.
                "--disable-breakpad", "--disable-crash-reporter",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,900",
                format!("--user-data-dir={}", profile.display()),
            ],
        });
        let mut prefs = Map::new();
        if !javascript {
            prefs.insert(
                "profile.managed_default_content_settings.javascript".to_owned(),
                json!(2),
            );
        }
        if let Some(languages) = accept_languages {
            prefs.insert("intl.accept_languages".to_owned(), json!(languages));
        }
        if !prefs.is_empty() {
            options["prefs"] = Value::Object(prefs);
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
        if let Ok(pgid) = i32::try_from(self.child.id()) {
            // SAFETY: kill(2) with a negative pid signals the group chromedriver leads.
            unsafe { libc::kill(-pgid, libc::SIGKILL) };
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        for p in &self.profiles {
            let _ = std::fs::remove_dir_all(p);
        }
    }
}

/// `.local/screenshots/` at the workspace root (with the other local state; not in
/// `./target`, which `cargo xtask sam-build` wants to be its link to the build cache).
pub fn screenshots_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.local/screenshots");
    std::fs::create_dir_all(&dir).expect("the screenshots folder");
    dir
}

/// Saves `<name>-<width>.png` of the current page at `width` px.
pub async fn screenshot(c: &Client, name: &str, width: u32) {
    c.set_window_size(width, 900).await.expect("resizing");
    let png = c.screenshot().await.expect("a screenshot");
    std::fs::write(screenshots_dir().join(format!("{name}-{width}.png")), png)
        .expect("writing the screenshot");
}

/// Waits until the browser is at `path`.
pub async fn wait_for_path(c: &Client, path: &str) {
    let what = format!("the browser to reach {path}");
    eventually(&what, || async {
        (c.current_url().await.expect("current url").path() == path).then_some(())
    })
    .await;
}

/// The visible text of the page. Right after a click the browser may be between two
/// documents (no body yet, or the old one gone stale): that is retried.
pub async fn text(c: &Client) -> String {
    eventually("a page with a readable body", || async {
        c.find(Locator::Css("body")).await.ok()?.text().await.ok()
    })
    .await
}

/// The page's text once `done` holds (a redirect may land on the same path).
pub async fn text_once(c: &Client, what: &str, done: impl Fn(&str) -> bool) -> String {
    let what = format!("the page to show {what}");
    eventually(&what, || async {
        let t = text(c).await;
        done(&t).then_some(t)
    })
    .await
}

/// Clicks the first element matching `locator`.
pub async fn click(c: &Client, locator: Locator<'_>) {
    c.find(locator)
        .await
        .expect("the element to click")
        .click()
        .await
        .expect("a click");
}

/// axe-core's browser build: `BP_TEST_AXE_JS`, else `node_modules/axe-core/axe.min.js` at
/// the workspace root (`npm ci` installs it).
pub fn axe_source() -> String {
    let path = std::env::var("BP_TEST_AXE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../node_modules/axe-core/axe.min.js")
        });
    std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "axe-core missing at {}: run `cargo xtask test` (installs axe-core from npm) or set BP_TEST_AXE_JS",
            path.display()
        )
    })
}

/// Serious and critical WCAG 2.1 A/AA violations on the current page.
pub async fn axe_violations(c: &Client, axe: &str) -> Vec<String> {
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
