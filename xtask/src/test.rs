//! `cargo xtask test`: install and start the stand-ins, install what the browser tests
//! need (Chromium, chromedriver, axe-core), then run every test and lint.
//!
//! Clippy is not run here (it rebuilds the workspace in check mode, doubling the time on
//! a small machine); `.ci/run` runs it after this command.

use crate::browser::{ensure_chromium, ensure_node_tools};
use crate::proc::{install_signal_handlers, interrupted, run_foreground};
use crate::python::ensure_venv;
use crate::standins::{start_moto, start_stripe_standin};
use crate::{cargo, root, step, target_dir};
use anyhow::{bail, Result};
use std::process::{Command, ExitCode, Stdio};

pub fn run(args: &[String]) -> Result<ExitCode> {
    install_signal_handlers();
    ensure_venv()?;
    ensure_chromium()?;
    let axe = ensure_node_tools()?.axe;

    step("Building the Stripe stand-in");
    let status = run_foreground(
        Command::new(cargo())
            .args(["build", "-p", "stripe-standin", "--bin", "stripe-standin"])
            .current_dir(root()),
    )?;
    if !status.success() {
        bail!("building stripe-standin failed ({status})");
    }
    let standin_bin = target_dir()?.join("debug/stripe-standin");
    let logs = root().join(".local/logs");

    // Stopped (whole process groups) when they go out of scope: on success, on error
    // and after Ctrl-C alike.
    let (_moto, aws_url) = start_moto(&logs.join("test-moto.log"))?;
    let (_standin, stripe_url) =
        start_stripe_standin(&standin_bin, false, &logs.join("test-stripe-standin.log"))?;

    // The browser tests start their own chromedriver; they need axe-core's path.
    let env: Vec<(&str, String)> = vec![
        ("BP_TEST_AWS_ENDPOINT", aws_url),
        ("BP_TEST_STRIPE_API_BASE", stripe_url),
        (
            "BP_TEST_STANDIN_BIN",
            standin_bin.to_string_lossy().into_owned(),
        ),
        ("BP_TEST_AXE_JS", axe.to_string_lossy().into_owned()),
        ("AWS_ACCESS_KEY_ID", "test".into()),
        ("AWS_SECRET_ACCESS_KEY", "test".into()),
        ("AWS_REGION", "us-east-1".into()),
    ];

    let mut results: Vec<(&str, bool)> = Vec::new();

    let mut tests = test_command(args);
    step(format!("Running the tests: {}", describe(&tests)));
    let ok = run_foreground(
        tests
            .current_dir(root())
            .envs(env.iter().map(|(k, v)| (*k, v.as_str()))),
    )?
    .success();
    results.push(("tests", ok));

    // Only on a full run: `-- -p shared` and the like are for quick iterations.
    if !interrupted() && args.is_empty() {
        let ok = match crate::smoke::dev_smoke() {
            Ok(()) => true,
            Err(e) => {
                eprintln!("error: {e:#}");
                false
            }
        };
        results.push(("cargo xtask dev (smoke)", ok));
    }

    if !interrupted() {
        step("cargo fmt --all --check");
        let ok = run_foreground(
            Command::new(cargo())
                .args(["fmt", "--all", "--check"])
                .current_dir(root()),
        )?
        .success();
        results.push(("cargo fmt --check", ok));
    }

    if !interrupted() {
        step("cfn-lint template.yaml");
        let ok = run_foreground(
            Command::new(root().join(".venv/bin/cfn-lint"))
                .arg("template.yaml")
                .current_dir(root()),
        )?
        .success();
        results.push(("cfn-lint template.yaml", ok));
    }

    println!();
    for (name, ok) in &results {
        println!("  {:<24} {}", name, if *ok { "ok" } else { "FAILED" });
    }
    if interrupted() {
        println!("  interrupted");
        return Ok(ExitCode::FAILURE);
    }
    let failed: Vec<&str> = results.iter().filter(|r| !r.1).map(|r| r.0).collect();
    if failed.is_empty() {
        println!("\nall checks passed");
        Ok(ExitCode::SUCCESS)
    } else {
        println!("\nfailed: {}", failed.join(", "));
        Ok(ExitCode::FAILURE)
    }
}

/// `cargo nextest run` when installed, else `cargo test`; the whole workspace unless the
/// caller picked packages, and every failure reported rather than the first.
fn test_command(args: &[String]) -> Command {
    let picks_packages = args
        .iter()
        .any(|a| a == "-p" || a.starts_with("--package") || a.starts_with("-p"));
    let nextest = Command::new(cargo())
        .args(["nextest", "--version"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    let mut cmd = Command::new(cargo());
    if nextest {
        cmd.args(["nextest", "run"]);
    } else {
        println!("    (cargo-nextest not found: falling back to `cargo test`)");
        cmd.arg("test");
    }
    if !picks_packages {
        cmd.arg("--workspace");
    }
    if !args.iter().any(|a| a == "--fail-fast") {
        cmd.arg("--no-fail-fast");
    }
    cmd.args(args);
    cmd
}

fn describe(cmd: &Command) -> String {
    let args: Vec<String> = cmd
        .get_args()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    format!("cargo {}", args.join(" "))
}
