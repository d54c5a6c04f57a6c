//! What the portal's browser tests and audits need: Debian's Chromium and chromedriver,
//! and axe-core and Lighthouse from npm (pinned in the root `package.json` /
//! `package-lock.json`).

use crate::proc::run_foreground;
use crate::{root, step};
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the browser tests look for them (functions/portal/tests/browser.rs).
pub const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const APT_INSTALL: &str = "apt-get update && apt-get install -y chromium chromium-driver";

/// Installs Chromium and chromedriver with apt-get when either is missing (root only;
/// otherwise fails with the command to run).
pub fn ensure_chromium() -> Result<()> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        step("Chromium and chromedriver are installed");
        return Ok(());
    }
    // SAFETY: geteuid has no preconditions and cannot fail.
    if unsafe { libc::geteuid() } != 0 {
        bail!(
            "the browser tests need {CHROMIUM} and {CHROMEDRIVER}; install them with:\n    \
             sudo sh -c '{APT_INSTALL}'"
        );
    }
    step("Installing Chromium and chromedriver (apt-get install chromium chromium-driver)");
    for args in [
        &["update"][..],
        &[
            "install",
            "-y",
            "--no-install-recommends",
            "chromium",
            "chromium-driver",
        ][..],
    ] {
        let status = run_foreground(
            Command::new("apt-get")
                .args(args)
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )
        .context("running apt-get")?;
        if !status.success() {
            bail!(
                "`apt-get {}` failed ({status}); install them yourself: {APT_INSTALL}",
                args.join(" ")
            );
        }
    }
    if !(Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists()) {
        bail!("apt-get installed chromium and chromium-driver but {CHROMIUM} or {CHROMEDRIVER} is still missing");
    }
    Ok(())
}

/// The npm tools, installed.
pub struct NodeTools {
    /// `axe.min.js`, injected by the browser tests.
    pub axe: PathBuf,
    /// Lighthouse's CLI (`cargo xtask lighthouse`).
    pub lighthouse: PathBuf,
}

/// Installs the pinned axe-core and Lighthouse with `npm ci` when `node_modules` is
/// missing or the lock file changed since the last install (a stamp holds the lock it
/// installed), and returns where they are.
pub fn ensure_node_tools() -> Result<NodeTools> {
    let lock_path = root().join("package-lock.json");
    let lock = std::fs::read_to_string(&lock_path)
        .with_context(|| format!("reading {}", lock_path.display()))?;
    let modules = root().join("node_modules");
    let tools = NodeTools {
        axe: modules.join("axe-core/axe.min.js"),
        lighthouse: crate::lighthouse::cli_path(&modules),
    };
    let installed = || tools.axe.exists() && tools.lighthouse.exists();
    let stamp = modules.join(".billing-portal-installed-lock");
    if installed() && std::fs::read_to_string(&stamp).ok().as_deref() == Some(&lock) {
        step("axe-core and Lighthouse (node_modules) are up to date");
        return Ok(tools);
    }
    for tool in ["node", "npm"] {
        let found = crate::proc::succeeds(Command::new(tool).arg("--version"));
        if !found {
            bail!(
                "`{tool}` not found: the accessibility tests and audits need axe-core and \
                 Lighthouse from npm; install Node.js with npm (e.g. `apt-get install -y \
                 nodejs npm`)"
            );
        }
    }
    step("Installing axe-core and Lighthouse from package-lock.json (npm ci)");
    let status = run_foreground(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(root()),
    )?;
    if !status.success() {
        bail!("`npm ci` failed ({status})");
    }
    if !installed() {
        bail!(
            "`npm ci` did not install {} and {}",
            tools.axe.display(),
            tools.lighthouse.display()
        );
    }
    std::fs::write(&stamp, lock).context("writing the node_modules stamp")?;
    Ok(tools)
}
