//! `cargo xtask sam-build`: the README's `sam build`, with the SAM CLI and cargo-lambda
//! (which brings zig) installed pinned into `.venv` from `tools/deploy-requirements.txt`,
//! and the arm64 Rust standard library added with rustup when missing. Prints each
//! function's `bootstrap` size.
//!
//! `--target-cache DIR` keeps the build outside the clone: `./target` becomes a link to
//! DIR, so `sam build` (which cargo-lambda runs in the source tree, without
//! `CARGO_TARGET_DIR`, picking the binaries up from `./target/lambda/`) stays the README's
//! command word for word and later runs are incremental.

use crate::proc::{install_signal_handlers, interrupted, run_foreground};
use crate::python::ensure_requirements;
use crate::{root, step};
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// `template.yaml`'s `Architectures: [arm64]` on `provided.al2023`.
const TARGET: &str = "aarch64-unknown-linux-gnu";
/// The functions of `template.yaml` (logical id, binary).
pub const FUNCTIONS: [(&str, &str); 3] = [
    ("CreateSessionFunction", "create-session"),
    ("PortalFunction", "portal"),
    ("WebhooksFunction", "webhooks"),
];
/// The size each `bootstrap` should stay under (issue #14); a larger one is reported.
const SIZE_BUDGET: u64 = 8_000_000;
/// How often a long build says it is still going.
const HEARTBEAT: Duration = Duration::from_secs(60);

const USAGE: &str = "\
usage: cargo xtask sam-build [--target-cache DIR]

  --target-cache DIR   link ./target to DIR first (a build cache outside the clone)";

pub fn run(args: &[String]) -> Result<ExitCode> {
    let mut cache: Option<PathBuf> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--target-cache" => {
                cache = Some(
                    it.next()
                        .map(PathBuf::from)
                        .context("--target-cache takes a directory")?,
                );
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(ExitCode::SUCCESS);
            }
            other => bail!("unknown argument {other}\n{USAGE}"),
        }
    }
    install_signal_handlers();
    ensure_requirements("tools/deploy-requirements.txt", "the SAM CLI, cargo-lambda")?;
    ensure_rust_target()?;
    if let Some(dir) = &cache {
        link_target(dir)?;
    }

    let bin = root().join(".venv/bin");
    let path = std::env::join_paths(
        std::iter::once(bin.clone()).chain(
            std::env::var_os("PATH")
                .iter()
                .flat_map(std::env::split_paths),
        ),
    )
    .context("building PATH")?;
    step(format!(
        "sam build (cargo-lambda, {TARGET}; progress every {}s)",
        HEARTBEAT.as_secs()
    ));
    let started = Instant::now();
    let done = Arc::new(AtomicBool::new(false));
    let heartbeat = {
        let done = done.clone();
        let deps = root().join("target").join(TARGET).join("release/deps");
        std::thread::spawn(move || {
            let mut next = HEARTBEAT;
            while !done.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(500));
                if started.elapsed() >= next {
                    next += HEARTBEAT;
                    // Each crate compiled leaves one `.rlib` (cargo makes the
                    // `.fingerprint` folders up front, so those say nothing).
                    let built = std::fs::read_dir(&deps).map_or(0, |entries| {
                        entries
                            .filter_map(Result::ok)
                            .filter(|e| e.path().extension().is_some_and(|x| x == "rlib"))
                            .count()
                    });
                    println!(
                        "    … sam build running for {}s ({built} crates built for {TARGET} so far)",
                        started.elapsed().as_secs()
                    );
                }
            }
        })
    };
    let status = run_foreground(
        Command::new(bin.join("sam"))
            .arg("build")
            .current_dir(root())
            .env("PATH", &path)
            // As the README says: no CARGO_TARGET_DIR, so the binaries land in ./target/lambda/.
            .env_remove("CARGO_TARGET_DIR")
            .env("SAM_CLI_TELEMETRY", "0"),
    );
    done.store(true, Ordering::SeqCst);
    let _ = heartbeat.join();
    let status = status?;
    if interrupted() {
        bail!("interrupted");
    }
    if !status.success() {
        bail!(
            "`sam build` failed ({status}) after {}s",
            started.elapsed().as_secs()
        );
    }
    println!("    sam build took {}s", started.elapsed().as_secs());

    let mut over = Vec::new();
    for (id, name) in FUNCTIONS {
        let bootstrap = root().join(".aws-sam/build").join(id).join("bootstrap");
        let size = std::fs::metadata(&bootstrap)
            .with_context(|| format!("`sam build` left no {}", bootstrap.display()))?
            .len();
        println!(
            "    {name:<15} .aws-sam/build/{id}/bootstrap  {size} bytes ({:.2} MB)",
            size as f64 / 1e6
        );
        if size > SIZE_BUDGET {
            over.push(name);
        }
    }
    if !over.is_empty() {
        println!(
            "    over the {:.0} MB budget: {} (docs/benchmarks.md says what the size is made of)",
            SIZE_BUDGET as f64 / 1e6,
            over.join(", ")
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Adds the arm64 standard library with rustup when it is missing; without rustup, says
/// what is needed.
fn ensure_rust_target() -> Result<()> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .current_dir(root())
        .stderr(Stdio::inherit())
        .output();
    match installed {
        Ok(out) if out.status.success() => {
            if String::from_utf8_lossy(&out.stdout)
                .lines()
                .any(|l| l.trim() == TARGET)
            {
                return Ok(());
            }
            step(format!(
                "Adding the Rust target {TARGET} (rustup target add)"
            ));
            let status = run_foreground(
                Command::new("rustup")
                    .args(["target", "add", TARGET])
                    .current_dir(root()),
            )?;
            if !status.success() {
                bail!(
                    "`rustup target add {TARGET}` failed ({status}); `sam build` needs the \
                     Rust standard library for {TARGET}: install it, then run this again"
                );
            }
            Ok(())
        }
        _ => {
            // No rustup: the toolchain may still have the target; cargo-lambda will say.
            println!(
                "    rustup not found: make sure your Rust toolchain has the {TARGET} standard library"
            );
            Ok(())
        }
    }
}

/// Makes `./target` a link to `dir` (created if missing). A real `./target` directory is
/// left alone and used as it is.
fn link_target(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let link = root().join("target");
    match std::fs::symlink_metadata(&link) {
        Ok(meta) if meta.file_type().is_symlink() => {
            if std::fs::read_link(&link)? == dir {
                return Ok(());
            }
            std::fs::remove_file(&link).context("replacing the ./target link")?;
        }
        Ok(_) => {
            println!(
                "    ./target exists and is not a link: building there, not in {} (set \
                 CARGO_TARGET_DIR so that cargo's own builds stay out of ./target)",
                dir.display()
            );
            return Ok(());
        }
        Err(_) => {}
    }
    step(format!(
        "Linking ./target to the build cache {}",
        dir.display()
    ));
    std::os::unix::fs::symlink(dir, &link)
        .with_context(|| format!("linking ./target to {}", dir.display()))?;
    Ok(())
}
