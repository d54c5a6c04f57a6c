//! Starting the local stand-ins: moto (DynamoDB, SES, SSM) and the Stripe stand-in.

use crate::http;
use crate::proc::{free_port, Service};
use crate::python::python;
use crate::{root, step};
use anyhow::{Context, Result};
use std::net::SocketAddr;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// Generous: a cold moto import on a busy 2-core machine takes several seconds.
const READY_TIMEOUT: Duration = Duration::from_secs(90);

/// Starts moto single-threaded (tools/moto_server.py) and waits until DynamoDB answers.
/// Returns the service and its base URL.
pub fn start_moto(log: &Path) -> Result<(Service, String)> {
    let port = free_port()?;
    step(format!(
        "Starting moto (DynamoDB, SES, SSM) on 127.0.0.1:{port} — log: {}",
        shown(log)
    ));
    let mut cmd = Command::new(python());
    cmd.arg(root().join("tools/moto_server.py"))
        .args(["--host", "127.0.0.1", "--port", &port.to_string()])
        .env("PYTHONUNBUFFERED", "1");
    let mut service = Service::spawn("moto", cmd, log)?;
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    service.wait_ready(READY_TIMEOUT, || {
        http::request(
            addr,
            "POST",
            "/",
            &[
                ("Content-Type", "application/x-amz-json-1.0"),
                ("X-Amz-Target", "DynamoDB_20120810.ListTables"),
                (
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0",
                ),
            ],
            b"{}",
        )
        .map(|r| r.status == 200)
        .unwrap_or(false)
    })?;
    Ok((service, format!("http://{addr}")))
}

/// Starts the Stripe stand-in binary (optionally `--seed demo`) and waits for its health check.
pub fn start_stripe_standin(bin: &Path, seed_demo: bool, log: &Path) -> Result<(Service, String)> {
    let port = free_port()?;
    step(format!(
        "Starting the Stripe stand-in on 127.0.0.1:{port}{} — log: {}",
        if seed_demo { " (seed: demo)" } else { "" },
        shown(log)
    ));
    let mut cmd = Command::new(bin);
    cmd.args(["--port", &port.to_string()]);
    if seed_demo {
        cmd.args(["--seed", "demo"]);
    }
    let mut service = Service::spawn("stripe-standin", cmd, log)?;
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    // The stand-in answers its health check while it is still seeding, so with a seed it
    // is ready only once the seed line is in its log.
    service.wait_ready(READY_TIMEOUT, || {
        let healthy = http::request(addr, "GET", "/_standin/health", &[], b"")
            .map(|r| r.status == 200)
            .unwrap_or(false);
        healthy && (!seed_demo || seed_line(log).is_some())
    })?;
    Ok((service, format!("http://{addr}")))
}

/// The demo seed the stand-in prints as one JSON line on stdout once it has seeded.
pub fn read_seed(log: &Path) -> Result<serde_json::Value> {
    seed_line(log).with_context(|| format!("no demo seed line in {}", log.display()))
}

fn seed_line(log: &Path) -> Option<serde_json::Value> {
    let text = std::fs::read_to_string(log).ok()?;
    text.lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line.trim()).ok())
        .find(|v| v.get("secret_key").is_some())
}

/// A path relative to the workspace root when possible, for shorter messages.
pub fn shown(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}
