//! `cargo xtask <command>`: the project's developer commands.
//!
//! - `cargo xtask dev`  — the portal on http://127.0.0.1:3000 over local stand-ins.
//! - `cargo xtask test` — installs and starts the stand-ins, runs every test and lint.
//! - `cargo xtask sam-build` — the README's `sam build` with pinned tools, sizes printed.
//! - `cargo xtask bench coldstart` — cold starts of the release binaries, with a floor.
//! - `cargo xtask fuzz` — builds the `fuzz/` targets (nightly) and runs each briefly.
//! - `cargo xtask lighthouse` — Lighthouse audits of the portal's pages; fails below 1.00.
//! - `cargo xtask icu-data` — regenerates the ICU4X data of the shipped locales.

mod browser;
mod coldstart;
mod dev;
mod doc_refs;
mod fuzz;
mod http;
mod icu_data;
mod lighthouse;
// The module-cycle check runs as a test (`the_product_crates_have_no_module_cycles`).
#[cfg(test)]
mod modules;
mod proc;
mod python;
mod runtime_api;
mod sam;
mod smoke;
mod standins;
mod test;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  dev                  run the portal locally on http://127.0.0.1:3000 (PORT overrides)
                       over moto and the Stripe stand-in, with a seeded demo project
  test [-- <args>]     start the stand-ins and run every test, cargo fmt --check and
                       cfn-lint; <args> go to `cargo nextest run` (e.g. -- -p shared)
  sam-build [--target-cache DIR]
                       `sam build` with the pinned SAM CLI and cargo-lambda (installed
                       into .venv), printing each bootstrap's size; DIR keeps ./target
                       outside the clone
  bench coldstart      each function's release binary started N times against a Lambda
                       Runtime API emulator and moto, beside a lambda_http hello world
                       ([--runs N] [--no-build])
  fuzz [--seconds N] [--runs N] [TARGET...]
                       build the fuzz targets with nightly cargo-fuzz (installed when
                       missing) and run each N seconds (default 30) from its committed
                       corpus; fails on a crash and names the reproducer
  lighthouse           audit the portal's pages (landing, overview, invoices, next
                       invoice, plan, cancel, billing details, expired link) with
                       Lighthouse in Chromium, mobile emulation; fails when a page scores
                       under 1.00 in performance, accessibility or best practices
  icu-data             rewrite shared/cldr-data/data (ICU4X data for the twelve shipped
                       locales) from the pinned ICU4X crates' compiled data; run after
                       an ICU4X upgrade
";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let result = match args.next().as_deref() {
        Some("dev") => dev::run(),
        Some("test") => {
            let rest: Vec<String> = args.skip_while(|a| a == "--").collect();
            test::run(&rest)
        }
        Some("sam-build") => {
            let rest: Vec<String> = args.collect();
            sam::run(&rest)
        }
        Some("bench") => {
            let rest: Vec<String> = args.collect();
            coldstart::run(&rest)
        }
        Some("fuzz") => {
            let rest: Vec<String> = args.collect();
            fuzz::run(&rest)
        }
        Some("lighthouse") => lighthouse::run(),
        Some("icu-data") => icu_data::run(),
        // The last step of `test` on its own (needs nothing running).
        Some("smoke-dev") => crate::smoke::dev_smoke().map(|()| ExitCode::SUCCESS),
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        other => {
            if let Some(cmd) = other {
                eprintln!("unknown command: {cmd}\n");
            }
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// One progress line per step.
pub fn step(msg: impl std::fmt::Display) {
    println!("==> {msg}");
}

/// The workspace root (xtask lives one level below it).
///
/// Taken from the `CARGO_MANIFEST_DIR` that `cargo run` sets at run time: a binary built
/// from another clone into a shared `CARGO_TARGET_DIR` must not act on that clone.
pub fn root() -> &'static Path {
    static ROOT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    ROOT.get_or_init(|| {
        let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
        manifest_dir
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or(manifest_dir)
    })
}

/// Where `cargo xtask dev` keeps `demo.json` and its logs: `BP_LOCAL_DIR`, else `.local`
/// at the workspace root (the smoke test of `cargo xtask test` uses its own folder so it
/// never touches a developer's running demo).
pub fn local_dir() -> PathBuf {
    std::env::var_os("BP_LOCAL_DIR")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join(".local"))
}

/// The cargo that invoked us (so toolchain overrides carry over).
pub fn cargo() -> PathBuf {
    std::env::var_os("CARGO")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("cargo"))
}

/// Where cargo puts binaries: honours `CARGO_TARGET_DIR` and cargo config via `cargo metadata`.
pub fn target_dir() -> anyhow::Result<PathBuf> {
    use anyhow::Context;
    let out = std::process::Command::new(cargo())
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .current_dir(root())
        .stderr(std::process::Stdio::inherit())
        .output()
        .context("running `cargo metadata`")?;
    anyhow::ensure!(out.status.success(), "`cargo metadata` failed");
    let meta: serde_json::Value =
        serde_json::from_slice(&out.stdout).context("parsing `cargo metadata` output")?;
    let dir = meta["target_directory"]
        .as_str()
        .context("`cargo metadata` has no target_directory")?;
    Ok(PathBuf::from(dir))
}
