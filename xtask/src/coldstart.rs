//! `cargo xtask bench coldstart`: each function's release binary started N times against
//! a Lambda Runtime API emulator and moto, beside a `lambda_http` hello world built in the
//! same run with the same profile (the floor). Runs are interleaved so the machine's drift
//! falls on every binary alike.
//!
//! Init is spawn → the first `GET /runtime/invocation/next`; first response is spawn →
//! the response to one real request (each function's makes one round of DynamoDB reads).
//! Each function logs its own steps in a `cold start` line (`shared::runtime::InitTimings`);
//! their medians make the breakdown.

use crate::http;
use crate::proc::{install_signal_handlers, interrupted, run_foreground, Service};
use crate::python::ensure_venv;
use crate::runtime_api::RuntimeApi;
use crate::standins::start_moto;
use crate::{cargo, local_dir, root, step, target_dir};
use anyhow::{bail, Context, Result};
use base64::Engine;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::Read;
use std::net::SocketAddr;
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

const USAGE: &str = "\
usage: cargo xtask bench coldstart [--runs N] [--no-build] [--only BIN]... [--env NAME=VALUE]...

  --runs N     measured starts per binary (default 15; two more each warm the page cache)
  --no-build   use the release binaries already built
  --only BIN   start only this function (repeatable); the floor always runs
  --env N=V    one more environment variable for every binary (an experiment: e.g.
               SSL_CERT_FILE=<a CA bundle> to see what extra root certificates cost)
Uses moto at BP_TEST_AWS_ENDPOINT when set, else starts one.";

const WARM_UP_ROUNDS: usize = 2;
/// How long one start may take before the run fails.
const RUN_TIMEOUT: Duration = Duration::from_secs(30);
/// A project id and secrets in the right shapes, that no row matches.
const PROJECT: &str = "proj_coldstartbench0000000000";

/// The `lambda_http` hello world every function is compared with.
const FLOOR: &str = "coldstart-floor";

/// One binary under test and the request it answers first.
struct Subject {
    bin: &'static str,
    event: Value,
    /// The status its answer must have (the request is refused after its reads).
    status: u16,
}

fn subjects() -> Vec<Subject> {
    let api_key = format!("bpk_{PROJECT}_{}", "A".repeat(43));
    let cookie = format!("__Host-bp_session={PROJECT}.{}", "B".repeat(43));
    vec![
        Subject {
            bin: FLOOR,
            event: event("GET", "/", "", &[], None),
            status: 200,
        },
        // An unknown API key: one GetItem, then 401.
        Subject {
            bin: "create-session",
            event: event(
                "GET",
                "/v1/metrics",
                "from=2026-11-01&to=2026-11-02",
                &[("authorization", &format!("Bearer {api_key}"))],
                None,
            ),
            status: 401,
        },
        // An unknown session: the renewal, the project and the brake in one round, then
        // the signed-out page.
        Subject {
            bin: "portal",
            event: event("GET", "/portal", "", &[], Some(&cookie)),
            status: 401,
        },
        // An unknown project: one GetItem, then 404.
        Subject {
            bin: "webhooks",
            event: event(
                "POST",
                &format!("/webhooks/stripe/{PROJECT}"),
                "",
                &[("stripe-signature", "t=1,v1=00")],
                None,
            ),
            status: 404,
        },
    ]
}

/// An API Gateway HTTP API (payload 2.0) event.
fn event(
    method: &str,
    path: &str,
    query: &str,
    headers: &[(&str, &str)],
    cookie: Option<&str>,
) -> Value {
    let mut hs = serde_json::Map::new();
    hs.insert("host".into(), "bench.example.test".into());
    hs.insert("user-agent".into(), "coldstart-bench".into());
    for (k, v) in headers {
        hs.insert((*k).into(), (*v).into());
    }
    let mut e = json!({
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": path,
        "rawQueryString": query,
        "headers": hs,
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "bench",
            "domainName": "bench.example.test",
            "domainPrefix": "bench",
            "http": {"method": method, "path": path, "protocol": "HTTP/1.1",
                     "sourceIp": "127.0.0.1", "userAgent": "coldstart-bench"},
            "requestId": "bench-request",
            "routeKey": "$default",
            "stage": "$default",
            "time": "27/Nov/2026:12:00:00 +0000",
            "timeEpoch": 1_795_780_800_000u64
        },
        "body": if method == "POST" { "{}" } else { "" },
        "isBase64Encoded": false
    });
    if let Some(c) = cookie {
        e["cookies"] = json!([c]);
    }
    e
}

/// One start of one binary.
struct Run {
    init: Duration,
    first_response: Duration,
    /// The function's own `cold start` line: `total_us` and each `<step>_us`.
    steps: BTreeMap<String, u64>,
}

pub fn run(args: &[String]) -> Result<ExitCode> {
    let mut runs = 15usize;
    let mut build = true;
    let mut extra_env: Vec<(String, String)> = Vec::new();
    let mut only: Vec<String> = Vec::new();
    let mut it = args.iter();
    match it.next().map(String::as_str) {
        Some("coldstart") => {}
        _ => {
            eprintln!("{USAGE}");
            return Ok(ExitCode::from(2));
        }
    }
    while let Some(a) = it.next() {
        match a.as_str() {
            "--runs" => {
                runs = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|n| *n > 0)
                    .context("--runs takes a positive number")?;
            }
            "--no-build" => build = false,
            "--only" => only.push(it.next().context("--only takes a binary's name")?.clone()),
            "--env" => {
                let (name, value) = it
                    .next()
                    .and_then(|kv| kv.split_once('='))
                    .context("--env takes NAME=VALUE")?;
                extra_env.push((name.to_string(), value.to_string()));
            }
            other => bail!("unknown argument {other}\n{USAGE}"),
        }
    }
    install_signal_handlers();
    let mut subjects = subjects();
    if let Some(unknown) = only.iter().find(|b| !subjects.iter().any(|s| s.bin == **b)) {
        bail!("--only {unknown}: not one of the functions\n{USAGE}");
    }
    if !only.is_empty() {
        subjects.retain(|s| s.bin == FLOOR || only.iter().any(|b| b == s.bin));
    }

    if build {
        // As `cargo lambda build` (and so `sam build`) does: --bin, no -p, so features are
        // resolved for the workspace the same way.
        let mut cmd = Command::new(cargo());
        cmd.args(["build", "--release"]);
        for s in &subjects {
            cmd.args(["--bin", s.bin]);
        }
        step(format!(
            "Building the release binaries ({})",
            subjects
                .iter()
                .map(|s| s.bin)
                .collect::<Vec<_>>()
                .join(", ")
        ));
        let status = run_foreground(cmd.current_dir(root()))?;
        if !status.success() {
            bail!("cargo build --release failed ({status})");
        }
    }
    let release = target_dir()?.join("release");
    for s in &subjects {
        let bin = release.join(s.bin);
        if !bin.exists() {
            bail!(
                "{} is missing; run without --no-build",
                crate::standins::shown(&bin)
            );
        }
    }

    let logs = local_dir().join("logs/coldstart");
    let (_moto, aws) = match std::env::var("BP_TEST_AWS_ENDPOINT") {
        Ok(url) if !url.is_empty() => {
            step(format!("Using moto at {url} (BP_TEST_AWS_ENDPOINT)"));
            (None, url)
        }
        _ => {
            ensure_venv()?;
            let (service, url) = start_moto(&logs.join("moto.log"))?;
            (Some(service), url)
        }
    };
    let world = World::seed(&aws)?;

    let total = WARM_UP_ROUNDS + runs;
    step(format!(
        "Starting each binary {total} times, interleaved ({WARM_UP_ROUNDS} warm-up rounds not counted)"
    ));
    let mut results: Vec<Vec<Run>> = subjects.iter().map(|_| Vec::new()).collect();
    for round in 0..total {
        // Rotate who goes first, so no binary always follows the same one.
        for k in 0..subjects.len() {
            let i = (round + k) % subjects.len();
            let run = start_once(&subjects[i], &world, &extra_env, &release, &logs)
                .with_context(|| format!("starting {}", subjects[i].bin))?;
            if round >= WARM_UP_ROUNDS {
                results[i].push(run);
            }
        }
        if interrupted() {
            bail!("interrupted");
        }
        print!("\r    round {}/{total}", round + 1);
        let _ = std::io::Write::flush(&mut std::io::stdout());
    }
    println!();
    report(&subjects, &results, &release);
    Ok(ExitCode::SUCCESS)
}

/// The table and signing keys one run of the bench uses; removed again when it ends.
struct World {
    aws: SocketAddr,
    aws_url: String,
    table: String,
    parameter: String,
}

impl World {
    fn seed(aws_url: &str) -> Result<World> {
        let aws: SocketAddr = aws_url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .parse()
            .with_context(|| format!("moto's URL {aws_url} is not http://<ip>:<port>"))?;
        let id = std::process::id();
        let world = World {
            aws,
            aws_url: aws_url.to_string(),
            table: format!("coldstart-bench-{id}"),
            parameter: format!("/coldstart-bench-{id}/signing-keys"),
        };
        step(format!(
            "Creating table {} and signing keys {} on moto",
            world.table, world.parameter
        ));
        world.call(
            "dynamodb",
            "DynamoDB_20120810.CreateTable",
            "1.0",
            json!({
                "TableName": world.table,
                "AttributeDefinitions": [
                    {"AttributeName": "pk", "AttributeType": "S"},
                    {"AttributeName": "sk", "AttributeType": "S"}
                ],
                "KeySchema": [
                    {"AttributeName": "pk", "KeyType": "HASH"},
                    {"AttributeName": "sk", "KeyType": "RANGE"}
                ],
                "BillingMode": "PAY_PER_REQUEST"
            }),
        )?;
        // The shape `portal-admin signing-keys init` writes (`shared::token::SigningKeys`).
        let mut key = [0u8; 32];
        std::fs::File::open("/dev/urandom")
            .and_then(|mut f| f.read_exact(&mut key))
            .context("reading /dev/urandom")?;
        let keys = json!({
            "active": "k1",
            "keys": {"k1": base64::engine::general_purpose::STANDARD.encode(key)}
        });
        world.call(
            "ssm",
            "AmazonSSM.PutParameter",
            "1.1",
            json!({
                "Name": world.parameter,
                "Value": keys.to_string(),
                "Type": "SecureString",
                "Overwrite": true
            }),
        )?;
        Ok(world)
    }

    /// One AWS JSON-protocol call (moto checks no signature; it reads the service from
    /// the credential scope).
    fn call(&self, service: &str, target: &str, version: &str, body: Value) -> Result<Value> {
        let auth = format!(
            "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/{service}/aws4_request, SignedHeaders=host, Signature=0"
        );
        let content_type = format!("application/x-amz-json-{version}");
        let res = http::request(
            self.aws,
            "POST",
            "/",
            &[
                ("Content-Type", &content_type),
                ("X-Amz-Target", target),
                ("Authorization", &auth),
            ],
            body.to_string().as_bytes(),
        )?;
        if res.status != 200 {
            bail!(
                "{target} answered {}: {}",
                res.status,
                String::from_utf8_lossy(&res.body)
            );
        }
        serde_json::from_slice(&res.body).with_context(|| format!("{target}: not JSON"))
    }

    /// The environment Lambda and `template.yaml` give a function.
    fn env(&self, bin: &str, runtime_api: &str) -> Vec<(&'static str, String)> {
        vec![
            ("AWS_LAMBDA_RUNTIME_API", runtime_api.to_string()),
            ("AWS_LAMBDA_FUNCTION_NAME", bin.to_string()),
            ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256".into()),
            ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST".into()),
            ("AWS_LAMBDA_LOG_GROUP_NAME", format!("/aws/lambda/{bin}")),
            ("AWS_LAMBDA_LOG_STREAM_NAME", "coldstart".into()),
            ("AWS_REGION", "us-east-1".into()),
            ("AWS_ACCESS_KEY_ID", "test".into()),
            ("AWS_SECRET_ACCESS_KEY", "test".into()),
            ("AWS_SESSION_TOKEN", "test".into()),
            ("AWS_ENDPOINT_URL", self.aws_url.clone()),
            ("TABLE_NAME", self.table.clone()),
            ("SIGNING_KEYS_PARAMETER", self.parameter.clone()),
            ("SSM_PREFIX", "/coldstart-bench".into()),
            ("PUBLIC_BASE_URL", "https://bench.example.test".into()),
            ("RUST_LOG", "info".into()),
            ("METRICS_STACK", "coldstart-bench".into()),
        ]
    }
}

impl Drop for World {
    fn drop(&mut self) {
        // Best effort: a moto we started goes away with its data anyway.
        let _ = self.call(
            "dynamodb",
            "DynamoDB_20120810.DeleteTable",
            "1.0",
            json!({"TableName": self.table}),
        );
        let _ = self.call(
            "ssm",
            "AmazonSSM.DeleteParameter",
            "1.1",
            json!({"Name": self.parameter}),
        );
    }
}

fn start_once(
    subject: &Subject,
    world: &World,
    extra_env: &[(String, String)],
    release: &std::path::Path,
    logs: &std::path::Path,
) -> Result<Run> {
    let api = RuntimeApi::start(subject.event.to_string().into_bytes())?;
    let log = logs.join(format!("{}.log", subject.bin));
    let mut cmd = Command::new(release.join(subject.bin));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .envs(world.env(subject.bin, &api.address()))
        .envs(extra_env.iter().map(|(k, v)| (k, v)));
    let spawned = Instant::now();
    // Stopped (its whole group, SIGKILL at the latest) when this returns, however it does.
    let mut service = Service::spawn(subject.bin, cmd, &log)?;
    let seen = api.wait(RUN_TIMEOUT, || service.exited().is_some());
    service.stop();
    let output = std::fs::read_to_string(&log).unwrap_or_default();
    let failed = |why: &str| -> anyhow::Error {
        anyhow::anyhow!(
            "{} {why}; its output ({}):\n{}",
            subject.bin,
            crate::standins::shown(&log),
            output.lines().take(20).collect::<Vec<_>>().join("\n")
        )
    };
    if let Some(error) = &seen.error {
        return Err(failed(&format!(
            "reported an error to the runtime API: {}",
            String::from_utf8_lossy(error)
        )));
    }
    let (Some(first_next), Some((answered, body))) = (seen.first_next, seen.response) else {
        return Err(failed("did not answer (exited or timed out)"));
    };
    let answer: Value = serde_json::from_slice(&body).map_err(|_| failed("answered non-JSON"))?;
    let status = answer["statusCode"].as_u64().unwrap_or(0);
    if status != u64::from(subject.status) {
        return Err(failed(&format!(
            "answered {status}, expected {} (body: {})",
            subject.status,
            answer["body"]
                .as_str()
                .unwrap_or("")
                .chars()
                .take(200)
                .collect::<String>()
        )));
    }
    Ok(Run {
        init: first_next.duration_since(spawned),
        first_response: answered.duration_since(spawned),
        steps: cold_start_line(&output),
    })
}

/// `total_us` and the `<step>_us` fields of the function's `cold start` log line.
fn cold_start_line(output: &str) -> BTreeMap<String, u64> {
    let mut steps = BTreeMap::new();
    for line in output.lines() {
        let Ok(v) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        if v["message"] != "cold start" {
            continue;
        }
        if let Some(total) = v["total_us"].as_u64() {
            steps.insert("total".to_string(), total);
        }
        // `steps` is logged as a JSON object in a string field.
        let inner = v["steps"]
            .as_str()
            .and_then(|s| serde_json::from_str::<Value>(s).ok());
        if let Some(Value::Object(fields)) = inner {
            for (name, us) in fields {
                if let Some(us) = us.as_u64() {
                    steps.insert(name.trim_end_matches("_us").to_string(), us);
                }
            }
        }
    }
    steps
}

/// The value at quantile `q` (nearest rank) of `values`, sorted in place.
fn quantile(values: &mut [f64], q: f64) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    values.sort_by(f64::total_cmp);
    let rank = (q * values.len() as f64).ceil().max(1.0) as usize;
    values[rank.min(values.len()) - 1]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn report(subjects: &[Subject], results: &[Vec<Run>], release: &std::path::Path) {
    let summary = |runs: &[Run], pick: fn(&Run) -> Duration, q: f64| {
        let mut v: Vec<f64> = runs.iter().map(|r| ms(pick(r))).collect();
        quantile(&mut v, q)
    };
    let floor_init = summary(&results[0], |r| r.init, 0.5);
    let runs = results.first().map_or(0, Vec::len);
    println!("\n{runs} starts each (x86_64 release builds; MB = 10^6 bytes):\n");
    println!("| binary | size | init median | init p95 | first response median | first response p95 | init − floor (median) |");
    println!("|---|---|---|---|---|---|---|");
    for (s, runs) in subjects.iter().zip(results) {
        let size = std::fs::metadata(release.join(s.bin))
            .map(|m| m.len() as f64 / 1e6)
            .unwrap_or(f64::NAN);
        let init = summary(runs, |r| r.init, 0.5);
        println!(
            "| {} | {size:.2} MB | {init:.1} ms | {:.1} ms | {:.1} ms | {:.1} ms | {} |",
            s.bin,
            summary(runs, |r| r.init, 0.95),
            summary(runs, |r| r.first_response, 0.5),
            summary(runs, |r| r.first_response, 0.95),
            if s.bin == FLOOR {
                "—".to_string()
            } else {
                format!("+{:.1} ms", init - floor_init)
            }
        );
    }

    // The breakdown: each step's median, per function (steps that overlap are timed each).
    let functions: Vec<(&Subject, &Vec<Run>)> = subjects
        .iter()
        .zip(results)
        .filter(|(s, _)| s.bin != FLOOR)
        .collect();
    let mut names: Vec<String> = Vec::new();
    for (_, runs) in &functions {
        for run in runs.iter() {
            for name in run.steps.keys() {
                if name != "total" && !names.contains(name) {
                    names.push(name.clone());
                }
            }
        }
    }
    println!("\nInit breakdown, medians in ms (each function's `cold start` log line):\n");
    print!("| step |");
    for (s, _) in &functions {
        print!(" {} |", s.bin);
    }
    println!();
    println!("|---|{}", "---|".repeat(functions.len()));
    let step_median = |runs: &[Run], name: &str| {
        let mut v: Vec<f64> = runs
            .iter()
            .filter_map(|r| r.steps.get(name))
            .map(|us| *us as f64 / 1000.0)
            .collect();
        quantile(&mut v, 0.5)
    };
    for name in names.iter().map(String::as_str).chain(["total"]) {
        let label = if name == "total" {
            "main's own set-up (`total`)"
        } else {
            name
        };
        print!("| {label} |");
        for (_, runs) in &functions {
            print!(" {:.2} |", step_median(runs, name));
        }
        println!();
    }
    print!("| outside it: exec, tokio, runtime client → first `next` (init − total) |");
    for (_, runs) in &functions {
        let mut v: Vec<f64> = runs
            .iter()
            .filter_map(|r| {
                let total = *r.steps.get("total")? as f64 / 1000.0;
                Some(ms(r.init) - total)
            })
            .collect();
        print!(" {:.2} |", quantile(&mut v, 0.5));
    }
    println!("\n(The floor's whole init: {floor_init:.2} ms.)");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_are_nearest_rank() {
        let mut v = vec![5.0, 1.0, 4.0, 2.0, 3.0];
        assert_eq!(quantile(&mut v, 0.5), 3.0);
        assert_eq!(quantile(&mut v, 0.95), 5.0);
        let mut twenty: Vec<f64> = (1..=20).map(f64::from).collect();
        assert_eq!(quantile(&mut twenty, 0.95), 19.0);
        assert!(quantile(&mut [], 0.5).is_nan());
    }

    #[test]
    fn reads_the_cold_start_line() {
        let out = r#"{"timestamp":"x","level":"INFO","message":"cold start","total_us":1234,"steps":"{\"sdk_config_us\":300,\"signing_keys_us\":800}","target":"shared::runtime"}
{"message":"request handled"}"#;
        let steps = cold_start_line(out);
        assert_eq!(steps.get("total"), Some(&1234));
        assert_eq!(steps.get("sdk_config"), Some(&300));
        assert_eq!(steps.get("signing_keys"), Some(&800));
    }
}
