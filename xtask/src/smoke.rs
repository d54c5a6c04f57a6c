//! The last step of `cargo xtask test`: run `cargo xtask dev` as a newcomer would and
//! check what the README promises — a demo API key that mints sessions, a portal URL that
//! signs in — then stop it with Ctrl-C (SIGINT) and check that it cleaned up after itself.

use crate::http;
use crate::proc::{ahead_of_others, free_port, Service};
use crate::{local_dir, root, step};
use anyhow::{ensure, Context, Result};
use serde_json::Value;
use std::net::{SocketAddr, TcpStream};
use std::process::Command;
use std::time::{Duration, Instant};

/// Long enough for `cargo xtask dev` to build its binaries from a warm target dir.
const START_TIMEOUT: Duration = Duration::from_secs(600);

/// `cargo xtask dev` running on a free port with its files in `.local/<name>/`, ready
/// (its `demo.json` written); stopped when dropped.
pub struct Dev {
    pub service: Service,
    pub demo: Value,
    pub demo_path: std::path::PathBuf,
    pub gateway: SocketAddr,
}

impl Dev {
    /// A text field of `demo.json`.
    pub fn text(&self, k: &str) -> Result<&str> {
        self.demo[k]
            .as_str()
            .with_context(|| format!("demo.json has no {k}"))
    }
}

/// Starts `cargo xtask dev` as a newcomer would, on a free port, with its files in
/// `.local/<name>/` and its log in `.local/logs/dev-<name>.log`, and waits for `demo.json`.
pub fn start_dev(name: &str, ahead: bool) -> Result<Dev> {
    let port = free_port()?;
    let dir = local_dir().join(name);
    let demo_path = dir.join("demo.json");
    let _ = std::fs::remove_file(&demo_path);
    let log = local_dir().join(format!("logs/dev-{name}.log"));
    step(format!(
        "Starting `cargo xtask dev` on port {port} — log: {}",
        log.display()
    ));
    let xtask = std::env::current_exe().context("locating xtask")?;
    let mut cmd = match ahead {
        true => ahead_of_others(&xtask),
        false => Command::new(&xtask),
    };
    cmd.arg("dev")
        .current_dir(root())
        .env("PORT", port.to_string())
        .env("BP_LOCAL_DIR", &dir)
        // The stand-in, not a developer's Stripe test account.
        .env_remove("STRIPE_SECRET_KEY");
    let mut dev = Service::spawn("cargo xtask dev", cmd, &log)?;
    // Ready once it has written demo.json; an early exit quotes the end of its log.
    dev.wait_ready(START_TIMEOUT, || demo_path.exists())?;
    let demo: Value =
        serde_json::from_slice(&std::fs::read(&demo_path)?).context("demo.json is not JSON")?;
    let gateway = SocketAddr::from(([127, 0, 0, 1], port));
    let dev = Dev {
        service: dev,
        demo,
        demo_path,
        gateway,
    };
    ensure!(
        dev.text("base_url")? == format!("http://{gateway}"),
        "demo.json names another base_url"
    );
    Ok(dev)
}

/// Signs in with the demo's portal URL (a POST, as the landing page's form does) and
/// returns the session cookie (`name=value`).
pub fn sign_in(dev: &Dev) -> Result<String> {
    let gateway = dev.gateway;
    let path = dev.portal_path()?;
    let signed_in = http::request(
        gateway,
        "POST",
        path,
        &[("Content-Type", "application/x-www-form-urlencoded")],
        b"",
    )?;
    ensure!(
        signed_in.status == 303 && signed_in.header("location") == Some("/portal"),
        "signing in answered {} (location {:?})",
        signed_in.status,
        signed_in.header("location")
    );
    Ok(signed_in
        .header("set-cookie")
        .and_then(|c| c.split(';').next())
        .context("signing in set no session cookie")?
        .to_string())
}

impl Dev {
    /// The path of the demo's portal URL on the gateway.
    pub fn portal_path(&self) -> Result<&str> {
        self.text("portal_url")?
            .strip_prefix(&format!("http://{}", self.gateway))
            .context("the portal URL is not on the gateway")
    }
}

pub fn dev_smoke() -> Result<()> {
    step("Smoke-testing `cargo xtask dev`");
    let Dev {
        service: mut dev,
        demo,
        demo_path,
        gateway,
    } = start_dev("smoke", false)?;
    let text = |k: &str| {
        demo[k]
            .as_str()
            .with_context(|| format!("demo.json has no {k}"))
    };

    // The curl the summary prints: a new session for the demo customer.
    crate::dev::mint_session(gateway, text("api_key")?, text("customer")?)?;

    // The printed sign-in page (`login_url`): the demo project has it on.
    let login = text("login_url")?;
    let login_path = login
        .strip_prefix(&format!("http://{gateway}"))
        .context("the sign-in URL is not on the gateway")?;
    let page = http::request(gateway, "GET", login_path, &[], b"")?;
    ensure!(
        page.status == 200 && String::from_utf8_lossy(&page.body).contains("type=\"email\""),
        "the sign-in page answered {}",
        page.status
    );

    // The printed portal URL: a landing page, then sign-in to the overview with a cookie.
    let portal = text("portal_url")?;
    let path = portal
        .strip_prefix(&format!("http://{gateway}"))
        .context("the portal URL is not on the gateway")?;
    let landing = http::request(gateway, "GET", path, &[], b"")?;
    ensure!(
        landing.status == 200,
        "the portal URL answered {}",
        landing.status
    );
    let signed_in = http::request(
        gateway,
        "POST",
        path,
        &[("Content-Type", "application/x-www-form-urlencoded")],
        b"",
    )?;
    ensure!(
        signed_in.status == 303 && signed_in.header("location") == Some("/portal"),
        "signing in answered {} (location {:?})",
        signed_in.status,
        signed_in.header("location")
    );
    let cookie = signed_in
        .header("set-cookie")
        .and_then(|c| c.split(';').next())
        .context("signing in set no session cookie")?
        .to_string();
    let overview = http::request(gateway, "GET", "/portal", &[("Cookie", &cookie)], b"")?;
    ensure!(
        overview.status == 200,
        "the overview answered {}",
        overview.status
    );
    // The demo shows what Stripe will charge next for both subscriptions, and why.
    let page = String::from_utf8_lossy(&overview.body);
    ensure!(
        page.matches("Next invoice on ").count() == 2 && page.contains("Early adopter: 20% off"),
        "the demo overview does not show both next invoices with the coupon:\n{page}"
    );

    // The coupon offer: never to Ada (her forever discount would be replaced by it) …
    let ada_offer = format!(
        "/portal/subscriptions/{}/cancel?reason=too_expensive",
        text("subscription")?
    );
    let ada = http::request(gateway, "GET", &ada_offer, &[("Cookie", &cookie)], b"")?;
    let ada = String::from_utf8_lossy(&ada.body);
    ensure!(
        ada.contains("id=\"cancel-anyway\"") && !ada.contains("id=\"accept-offer\""),
        "the demo offered a coupon over the customer's own discount:\n{ada}"
    );
    // … but to Grace, whose printed deep link lands on her cancel page.
    let offer = text("offer_portal_url")?
        .strip_prefix(&format!("http://{gateway}"))
        .context("the offers demo URL is not on the gateway")?
        .to_string();
    let grace_customer = demo["offer_customer"]
        .as_str()
        .context("demo.json has no offer_customer")?;
    let signed_in = http::request(
        gateway,
        "POST",
        &offer,
        &[("Content-Type", "application/x-www-form-urlencoded")],
        b"",
    )?;
    let to = signed_in.header("location").unwrap_or_default().to_string();
    ensure!(
        signed_in.status == 303 && to.ends_with("/cancel"),
        "signing in by the offers demo URL answered {} (location {to:?}; customer {grace_customer})",
        signed_in.status
    );
    let grace = signed_in
        .header("set-cookie")
        .and_then(|c| c.split(';').next())
        .context("signing in by the offers demo URL set no session cookie")?
        .to_string();
    let page = http::request(
        gateway,
        "GET",
        &format!("{to}?reason=too_expensive"),
        &[("Cookie", &grace)],
        b"",
    )?;
    let page = String::from_utf8_lossy(&page.body);
    ensure!(
        page.contains("id=\"accept-offer\"")
            && page.contains("20% off for 3 months")
            && page.contains("id=\"cancel-anyway\""),
        "the offers demo shows no coupon offer beside \"Cancel anyway\":\n{page}"
    );

    // Ctrl-C: it stops its children and removes demo.json.
    let stand_ins = [text("aws_endpoint_url")?, text("stripe_api_base")?]
        .map(|u| u.trim_start_matches("http://").to_string());
    dev.interrupt();
    let stopped = Instant::now();
    let status = loop {
        if let Some(status) = dev.exited() {
            break status;
        }
        ensure!(
            stopped.elapsed() < Duration::from_secs(30),
            "`cargo xtask dev` did not stop within 30 s of Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    ensure!(
        status.success(),
        "`cargo xtask dev` exited with {status} after Ctrl-C"
    );
    ensure!(
        !demo_path.exists(),
        "demo.json was left behind after Ctrl-C"
    );
    for addr in stand_ins
        .iter()
        .map(String::as_str)
        .chain([gateway.to_string().as_str()])
    {
        let addr: SocketAddr = addr
            .parse()
            .with_context(|| format!("bad address {addr}"))?;
        ensure!(
            TcpStream::connect_timeout(&addr, Duration::from_millis(300)).is_err(),
            "{addr} still listens after Ctrl-C"
        );
    }
    Ok(())
}
