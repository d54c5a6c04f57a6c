//! `cargo xtask dev`: the whole portal on one local address over the stand-ins.

use crate::proc::{install_signal_handlers, interrupted, run_foreground, Service};
use crate::standins::{read_seed, shown, start_moto, start_stripe_standin};
use crate::{cargo, http, local_dir, python::ensure_venv, root, step, target_dir};
use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use std::io::Write;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Duration;

const TABLE: &str = "billing-portal-dev";
const SIGNING_KEYS_PARAMETER: &str = "/billing-portal/signing-keys";
const SSM_PREFIX: &str = "/billing-portal";
/// The demo project's sign-in page slug (`/portal/login/acme-demo`).
const DEMO_LOGIN_SLUG: &str = "acme-demo";
/// The demo project's sender address, verified in moto's SES so emails go out.
const SENDER_EMAIL: &str = "billing@acme.test";

/// The demo account: seeded in the stand-in, or the caller's own Stripe test mode.
struct Stripe {
    api_base: String,
    secret_key: String,
    customer: Option<String>,
    subscription: Option<String>,
    /// The demo's metered subscription (the stand-in's seed only).
    metered_subscription: Option<String>,
    /// The customer without a discount of her own, and her subscription: the coupon
    /// offer's demo (the stand-in's seed only; the first customer's forever discount
    /// would be replaced by a coupon, so it is never offered to her).
    offer_customer: Option<String>,
    offer_subscription: Option<String>,
    /// The demo's prices, cheapest first (the stand-in's seed; empty for Stripe test mode).
    prices: Vec<String>,
}

pub fn run() -> Result<ExitCode> {
    install_signal_handlers();
    let port: u16 = match std::env::var("PORT") {
        Ok(p) => p
            .parse()
            .with_context(|| format!("PORT={p} is not a port number"))?,
        Err(_) => 3000,
    };
    // Fail before the slow steps if the address is taken.
    drop(TcpListener::bind(("127.0.0.1", port)).with_context(|| {
        format!("127.0.0.1:{port} is in use; stop what runs there or set PORT=<another port>")
    })?);
    let base_url = format!("http://127.0.0.1:{port}");

    ensure_venv()?;
    step(
        "Building stripe-standin, portal-admin and dev-gateway (create-session, portal, webhooks)",
    );
    let status = run_foreground(
        Command::new(cargo())
            .args(["build", "-p", "stripe-standin", "-p", "portal-admin"])
            .args([
                "-p",
                "tests",
                "--bin",
                "dev-gateway",
                "--bin",
                "stripe-standin",
            ])
            .args(["--bin", "portal-admin"])
            .current_dir(root()),
    )?;
    if !status.success() {
        bail!("cargo build failed ({status})");
    }
    let bin = target_dir()?.join("debug");
    let logs = local_dir().join("logs");

    // Declared in start order; dropped (stopped) in reverse at the end or on any error.
    let (mut moto, aws_url) = start_moto(&logs.join("moto.log"))?;
    let (mut standin, stripe) = match std::env::var("STRIPE_SECRET_KEY") {
        Ok(key) if !key.is_empty() => {
            if !key.starts_with("sk_test_") && !key.starts_with("rk_test_") {
                bail!(
                    "STRIPE_SECRET_KEY must be a test-mode key (sk_test_…) for `cargo xtask dev`"
                );
            }
            step(
                "STRIPE_SECRET_KEY is set: the demo project uses Stripe test mode (api.stripe.com)",
            );
            let customer = std::env::var("STRIPE_CUSTOMER")
                .ok()
                .filter(|c| !c.is_empty());
            (
                None,
                Stripe {
                    api_base: "https://api.stripe.com".into(),
                    secret_key: key,
                    customer,
                    subscription: std::env::var("STRIPE_SUBSCRIPTION").ok(),
                    metered_subscription: None,
                    offer_customer: None,
                    offer_subscription: None,
                    prices: Vec::new(),
                },
            )
        }
        _ => {
            let log = logs.join("stripe-standin.log");
            let (service, url) = start_stripe_standin(&bin.join("stripe-standin"), true, &log)?;
            let seed = read_seed(&log)?;
            let text = |k: &str| seed[k].as_str().map(str::to_string);
            let stripe = Stripe {
                api_base: url,
                secret_key: text("secret_key").context("the demo seed has no secret_key")?,
                customer: text("customer"),
                subscription: text("subscription"),
                metered_subscription: text("metered_subscription"),
                offer_customer: text("offer_customer"),
                offer_subscription: text("offer_subscription"),
                prices: seed["prices"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|p| p.as_str().map(str::to_string))
                    .collect(),
            };
            (Some(service), stripe)
        }
    };

    let env: Vec<(&str, String)> = vec![
        ("AWS_ENDPOINT_URL", aws_url.clone()),
        ("AWS_ACCESS_KEY_ID", "test".into()),
        ("AWS_SECRET_ACCESS_KEY", "test".into()),
        ("AWS_REGION", "us-east-1".into()),
        ("TABLE_NAME", TABLE.into()),
        ("SIGNING_KEYS_PARAMETER", SIGNING_KEYS_PARAMETER.into()),
        ("SSM_PREFIX", SSM_PREFIX.into()),
        ("PUBLIC_BASE_URL", base_url.clone()),
        ("STRIPE_API_BASE", stripe.api_base.clone()),
    ];
    let admin_with_stdin = |args: &[&str], stdin: &[u8]| -> Result<Value> {
        let mut cmd = Command::new(bin.join("portal-admin"));
        cmd.args(args)
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            // The key travels by environment, never on a command line (`ps` shows those).
            .env("STRIPE_SECRET_KEY", &stripe.secret_key);
        admin_json(cmd, stdin)
    };
    let admin = |args: &[&str]| admin_with_stdin(args, b"");

    step(format!(
        "Creating table {TABLE} and the token signing key {SIGNING_KEYS_PARAMETER}"
    ));
    admin(&["dev", "bootstrap"])?;

    step("Seeding the demo project \"Acme Demo\"");
    let return_url = format!("{base_url}/");
    let created = admin(&[
        "project",
        "create",
        "--name",
        "Acme Demo",
        "--return-url",
        &return_url,
    ])?;
    let project = created["project"]
        .as_str()
        .context("portal-admin printed no project id")?
        .to_string();
    let api_key = created["api_key"]
        .as_str()
        .context("portal-admin printed no api_key")?
        .to_string();

    step(format!(
        "Setting the demo sender {SENDER_EMAIL} and verifying it in SES (moto)"
    ));
    admin(&[
        "project",
        "update",
        "--project",
        &project,
        "--sender-email",
        SENDER_EMAIL,
    ])?;
    admin(&["dev", "verify-sender", "--email", SENDER_EMAIL])?;

    // Every job on: plan changes between the demo's prices, pause, a support address.
    let mut settings = vec![
        "project",
        "update",
        "--project",
        &project,
        "--pause-offered",
        "true",
        "--support-url",
        "mailto:support@acme.test",
    ];
    let allowed = stripe.prices.join(",");
    if !allowed.is_empty() {
        step(format!(
            "Letting the demo customer switch between {} prices",
            stripe.prices.len()
        ));
        settings.extend(["--allowed-prices", &allowed]);
    }
    // The cheapest price is the "switch instead" offer on the cancel page.
    if let Some(cheapest) = stripe.prices.first() {
        settings.extend(["--downgrade-price", cheapest]);
    }
    // The sign-in page, so a customer without a link can ask for one by email.
    settings.extend([
        "--login",
        "on",
        "--login-slug",
        DEMO_LOGIN_SLUG,
        "--public-base-url",
        &base_url,
    ]);
    let updated = admin(&settings)?;
    let login_url = updated["login_url"]
        .as_str()
        .context("portal-admin printed no login_url")?
        .to_string();

    // Offers that answer the cancel reason, and one reason of the demo's own. The coupon
    // lives in the stand-in (a live Stripe account needs it created there by hand).
    if standin.is_some() {
        step(format!(
            "Creating the demo's retention coupon {DEMO_COUPON} (20% off for 3 months)"
        ));
        create_demo_coupon(&stripe)?;
        admin(&[
            "project",
            "update",
            "--project",
            &project,
            "--custom-reasons",
            "moving=Moving to another country",
            "--offers",
            &demo_offers(!stripe.prices.is_empty()),
        ])?;
    }

    if standin.is_some() {
        let url = format!("{base_url}/webhooks/stripe/{project}");
        step(format!("Registering the webhook endpoint {url}"));
        let secret = register_webhook_endpoint(&stripe, &url)?;
        // By stdin, never on a command line (`ps` shows those).
        admin_with_stdin(
            &[
                "project",
                "update",
                "--project",
                &project,
                "--webhook-secrets",
                "-",
            ],
            secret.as_bytes(),
        )?;
    } else {
        step("STRIPE_SECRET_KEY is set: no webhook endpoint registered (Stripe cannot reach 127.0.0.1)");
    }

    let gateway_log = logs.join("gateway.log");
    step(format!(
        "Starting the gateway on {base_url} — log: {}",
        shown(&gateway_log)
    ));
    let mut gateway_cmd = Command::new(bin.join("dev-gateway"));
    gateway_cmd
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .env("PORT", port.to_string())
        .env(
            "RUST_LOG",
            std::env::var("RUST_LOG").unwrap_or_else(|_| "info".into()),
        );
    let mut gateway = Service::spawn("dev-gateway", gateway_cmd, &gateway_log)?;
    let gateway_addr = SocketAddr::from(([127, 0, 0, 1], port));
    gateway.wait_ready(Duration::from_secs(60), || {
        http::request(gateway_addr, "GET", "/", &[], b"").is_ok()
    })?;

    let portal_url = match &stripe.customer {
        Some(customer) => {
            step("Minting a portal session (POST /v1/sessions)");
            Some(mint_session(gateway_addr, &api_key, customer)?)
        }
        None => None,
    };
    // A deep link to the second customer's cancel page, where "Too expensive" finds the
    // coupon offer.
    let offer_url = match (&stripe.offer_customer, &stripe.offer_subscription) {
        (Some(customer), Some(sub)) => {
            let body = json!({
                "customer": customer,
                "flow": "subscription_cancel",
                "subscription": sub,
            });
            Some(mint(gateway_addr, &api_key, &body)?)
        }
        _ => None,
    };

    let demo = json!({
        "base_url": base_url,
        "project": project,
        "api_key": api_key,
        "customer": stripe.customer,
        "subscription": stripe.subscription,
        "metered_subscription": stripe.metered_subscription,
        "portal_url": portal_url,
        "offer_customer": stripe.offer_customer,
        "offer_portal_url": offer_url,
        "login_url": login_url,
        "aws_endpoint_url": aws_url,
        "stripe_api_base": stripe.api_base,
        "stripe_secret_key": stripe.secret_key,
        "table_name": TABLE,
    });
    let _demo_file = DemoFile::write(&local_dir().join("demo.json"), &demo)?;

    print_summary(
        &base_url,
        &api_key,
        stripe.customer.as_deref(),
        portal_url.as_deref(),
        offer_url.as_deref(),
        &login_url,
    );

    let mut services: Vec<&mut Service> = vec![&mut gateway, &mut moto];
    if let Some(standin) = standin.as_mut() {
        services.push(standin);
    }
    let failure = wait_for_stop(&mut services);
    step("Stopping the gateway and the stand-ins");
    match failure {
        Some(msg) => {
            eprintln!("error: {msg}");
            Ok(ExitCode::FAILURE)
        }
        None => Ok(ExitCode::SUCCESS),
    }
}

/// Runs a portal-admin command with `stdin` as its input and parses its JSON stdout;
/// its stderr is shown on failure.
fn admin_json(mut cmd: Command, stdin: &[u8]) -> Result<Value> {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("running portal-admin")?;
    if let Some(mut input) = child.stdin.take() {
        input
            .write_all(stdin)
            .context("writing to portal-admin's stdin")?;
        // Dropping it closes the pipe: the command sees end of input.
    }
    let out = child.wait_with_output().context("running portal-admin")?;
    if !out.status.success() {
        bail!(
            "portal-admin {:?} failed ({}):\n{}",
            cmd.get_args().collect::<Vec<_>>(),
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    if out.stdout.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Null);
    }
    serde_json::from_slice(&out.stdout).context("portal-admin printed something that is not JSON")
}

/// Registers `url` for every event type with the stand-in; returns the endpoint's
/// signing secret (`whsec_…`).
/// The demo's offer per reason (a downgrade only where there is a cheaper price).
fn demo_offers(downgrade: bool) -> String {
    let mut offers = format!(
        "too_expensive=coupon:{DEMO_COUPON};unused=pause;customer_service=support;moving=pause"
    );
    if downgrade {
        offers.push_str(";missing_features=downgrade");
    }
    offers
}

/// The demo's retention coupon (the offer for `too_expensive`).
const DEMO_COUPON: &str = "DEMO_SAVE20";

/// Creates [`DEMO_COUPON`] in the stand-in: 20% off, repeating, 3 months.
fn create_demo_coupon(stripe: &Stripe) -> Result<()> {
    let addr: SocketAddr = stripe
        .api_base
        .strip_prefix("http://")
        .and_then(|a| a.parse().ok())
        .with_context(|| {
            format!(
                "the stand-in address {} is not http://ip:port",
                stripe.api_base
            )
        })?;
    let body = format!(
        "id={DEMO_COUPON}&percent_off=20&duration=repeating&duration_in_months=3&name=Stay+with+us"
    );
    let auth = format!("Bearer {}", stripe.secret_key);
    let res = http::request(
        addr,
        "POST",
        "/v1/coupons",
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        body.as_bytes(),
    )?;
    if res.status != 200 {
        bail!(
            "POST /v1/coupons answered {}: {}",
            res.status,
            String::from_utf8_lossy(&res.body)
        );
    }
    Ok(())
}

fn register_webhook_endpoint(stripe: &Stripe, url: &str) -> Result<String> {
    let addr: SocketAddr = stripe
        .api_base
        .strip_prefix("http://")
        .and_then(|a| a.parse().ok())
        .with_context(|| {
            format!(
                "the stand-in address {} is not http://ip:port",
                stripe.api_base
            )
        })?;
    let body = format!("url={}&enabled_events%5B%5D=%2A", form_encode(url));
    let auth = format!("Bearer {}", stripe.secret_key);
    let res = http::request(
        addr,
        "POST",
        "/v1/webhook_endpoints",
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        body.as_bytes(),
    )?;
    let text = String::from_utf8_lossy(&res.body);
    if res.status != 200 {
        bail!("POST /v1/webhook_endpoints answered {}: {text}", res.status);
    }
    let value: Value =
        serde_json::from_str(&text).context("POST /v1/webhook_endpoints returned bad JSON")?;
    value["secret"]
        .as_str()
        .filter(|s| s.starts_with("whsec_"))
        .map(str::to_string)
        .context("POST /v1/webhook_endpoints returned no whsec_ secret")
}

/// `application/x-www-form-urlencoded` encoding of one value.
fn form_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub fn mint_session(addr: SocketAddr, api_key: &str, customer: &str) -> Result<String> {
    mint(addr, api_key, &json!({ "customer": customer }))
}

/// `POST /v1/sessions` with `body`; the session's URL.
fn mint(addr: SocketAddr, api_key: &str, body: &Value) -> Result<String> {
    let body = body.to_string();
    let auth = format!("Bearer {api_key}");
    let res = http::request(
        addr,
        "POST",
        "/v1/sessions",
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/json"),
        ],
        body.as_bytes(),
    )?;
    let text = String::from_utf8_lossy(&res.body);
    if res.status != 201 {
        bail!(
            "POST /v1/sessions answered {}: {text}\n(see .local/logs/gateway.log)",
            res.status
        );
    }
    let value: Value =
        serde_json::from_str(&text).context("POST /v1/sessions returned bad JSON")?;
    value["url"]
        .as_str()
        .map(str::to_string)
        .context("POST /v1/sessions returned no url")
}

fn print_summary(
    base_url: &str,
    api_key: &str,
    customer: Option<&str>,
    portal_url: Option<&str>,
    offer_url: Option<&str>,
    login_url: &str,
) {
    let customer_arg = customer.unwrap_or("cus_…");
    println!();
    println!("Billing portal running on {base_url}");
    println!();
    println!("  Demo API key:  {api_key}");
    match portal_url {
        Some(url) => {
            println!("  Portal URL:    {url}");
            println!("                 (the demo customer's portal; the link signs in once)");
        }
        None => println!("  Portal URL:    (set STRIPE_CUSTOMER=cus_… to mint one at start)"),
    }
    if let Some(url) = offer_url {
        println!("  Offers demo:   {url}");
        println!(
            "                 (Grace's cancel page: pick \"Too expensive\" for the coupon offer;"
        );
        println!(
            "                 Ada has a forever discount a coupon would replace, so none for her)"
        );
    }
    println!("  Sign-in page:  {login_url}");
    println!("                 (type the demo customer's email; the link arrives in moto's SES)");
    println!();
    println!("  Create a portal session:");
    println!("    curl -sS -X POST {base_url}/v1/sessions \\");
    println!("      -H 'Authorization: Bearer {api_key}' \\");
    println!("      -H 'Content-Type: application/json' \\");
    println!("      -d '{{\"customer\": \"{customer_arg}\", \"flow\": \"overview\"}}'");
    println!();
    println!(
        "  These facts are in {}; logs in {}.",
        shown(&local_dir().join("demo.json")),
        shown(&local_dir().join("logs"))
    );
    println!("  Press Ctrl-C to stop.");
    println!();
}

/// Blocks until Ctrl-C / SIGTERM (None) or until a service dies on its own (Some(reason)).
fn wait_for_stop(services: &mut [&mut Service]) -> Option<String> {
    loop {
        if interrupted() {
            return None;
        }
        for service in services.iter_mut() {
            if let Some(status) = service.exited() {
                return Some(format!(
                    "{} stopped unexpectedly ({status}); see its log: {}",
                    service.name,
                    shown(&service.log)
                ));
            }
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// `.local/demo.json`, removed when the command ends (normally, on error or on Ctrl-C).
struct DemoFile(PathBuf);

impl DemoFile {
    fn write(path: &Path, value: &Value) -> Result<DemoFile> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let text = serde_json::to_string_pretty(value)? + "\n";
        std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?;
        Ok(DemoFile(path.to_path_buf()))
    }
}

impl Drop for DemoFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_encoding_escapes_url_characters() {
        assert_eq!(
            form_encode("http://127.0.0.1:3000/webhooks/stripe/proj_a1"),
            "http%3A%2F%2F127.0.0.1%3A3000%2Fwebhooks%2Fstripe%2Fproj_a1"
        );
        assert_eq!(form_encode("a b&c=d"), "a%20b%26c%3Dd");
    }
}
