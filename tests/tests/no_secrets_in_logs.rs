//! "A token, cookie, API key or Stripe key never appears in a log line": the real
//! `dev-gateway` binary runs with debug logging, serves a successful and failing
//! requests, and every captured line is searched for the secrets involved.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tests::fixture::{create_customer, random_hex, TestEnv};

struct Captured {
    child: Child,
    lines: Arc<Mutex<Vec<String>>>,
    readers: Vec<JoinHandle<()>>,
}

impl Captured {
    fn spawn(env: &TestEnv, port: u16) -> Captured {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dev-gateway"))
            .envs(env.function_env())
            .env("PORT", port.to_string())
            .env("RUST_LOG", "debug")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starting dev-gateway");
        let lines = Arc::new(Mutex::new(Vec::new()));
        let mut readers = Vec::new();
        let stdout: Box<dyn std::io::Read + Send> = Box::new(child.stdout.take().unwrap());
        let stderr: Box<dyn std::io::Read + Send> = Box::new(child.stderr.take().unwrap());
        for stream in [stdout, stderr] {
            let lines = lines.clone();
            readers.push(std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    lines.lock().unwrap().push(line);
                }
            }));
        }
        Captured {
            child,
            lines,
            readers,
        }
    }

    /// Stops the process and returns everything it logged.
    fn finish(mut self) -> Vec<String> {
        let _ = self.child.kill();
        let _ = self.child.wait();
        for reader in self.readers.drain(..) {
            let _ = reader.join();
        }
        let lines = self.lines.lock().unwrap().clone();
        lines
    }
}

async fn wait_until_serving(base: &str, gateway: &mut Captured) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(Some(status)) = gateway.child.try_wait() {
            let log = gateway.lines.lock().unwrap().join("\n");
            panic!("dev-gateway exited ({status}):\n{log}");
        }
        if reqwest::get(format!("{base}/")).await.is_ok() {
            return;
        }
        assert!(Instant::now() < deadline, "dev-gateway did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::test]
async fn no_secret_appears_in_any_log_line() {
    let mut env = TestEnv::new().await;
    let tenant = env.project().await;
    let customer = create_customer(&env.standins.stripe_api_base, &tenant.stripe_key, None).await;
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    env.config.public_base_url = base.clone();

    let mut gateway = Captured::spawn(&env, port);
    wait_until_serving(&base, &mut gateway).await;
    let client = reqwest::Client::new();
    let post = |key: String, body: Value| {
        client
            .post(format!("{base}/v1/sessions"))
            .header("Authorization", format!("Bearer {key}"))
            .header("Content-Type", "application/json")
            .header("Cookie", "bp_session=cookie-secret-value")
            .body(body.to_string())
            .send()
    };

    // A full successful request: API key checked, Stripe called, token minted.
    let ok = post(tenant.api_key.clone(), json!({"customer": customer}))
        .await
        .unwrap();
    assert_eq!(ok.status(), 201);
    let ok: Value = ok.json().await.unwrap();
    let url = ok["url"].as_str().unwrap();
    let token = url.rsplit('/').next().unwrap().to_string();

    // Failing ones: a customer Stripe does not know (404 after a Stripe call), and an
    // API key of the right shape that does not exist (401).
    let missing = post(
        tenant.api_key.clone(),
        json!({"customer": "cus_doesnotexist"}),
    )
    .await
    .unwrap();
    assert_eq!(missing.status(), 404);
    let wrong_key = format!("bpk_{}_{}", tenant.project.id, random_hex(32));
    let unauthorized = post(wrong_key.clone(), json!({"customer": customer}))
        .await
        .unwrap();
    assert_eq!(unauthorized.status(), 401);

    let lines = gateway.finish();
    assert!(!lines.is_empty(), "dev-gateway logged nothing");
    assert!(
        lines.iter().any(|l| l.contains("create-session")),
        "the requests were not logged:\n{}",
        lines.join("\n")
    );

    // Everything after `bpk_<project>_`: the random part may itself hold `_` (base64url),
    // so splitting at the last one could leave a few letters that match anything.
    let api_key_secret = tenant
        .api_key
        .strip_prefix(&format!("bpk_{}_", tenant.project.id))
        .expect("an API key is bpk_<project>_<random>")
        .to_string();
    assert!(api_key_secret.len() >= 32, "{api_key_secret}");
    let token_parts: Vec<String> = token
        .split('.')
        .filter(|p| p.len() >= 16)
        .map(str::to_string)
        .collect();
    let mut secrets = vec![
        ("API key", tenant.api_key.clone()),
        ("API key (random part)", api_key_secret),
        ("wrong API key", wrong_key),
        ("Stripe secret key", tenant.stripe_key.clone()),
        ("portal token", token.clone()),
        ("cookie", "cookie-secret-value".to_string()),
    ];
    secrets.extend(token_parts.into_iter().map(|p| ("portal token part", p)));
    for (what, secret) in &secrets {
        for line in &lines {
            assert!(
                !line.contains(secret.as_str()),
                "the {what} appears in a log line: {line}"
            );
        }
    }
}
