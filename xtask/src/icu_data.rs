//! `cargo xtask icu-data`: rewrites `shared/cldr-data/data/`, the ICU4X baked data the
//! portal formats money, dates and numbers with (`shared/src/i18n/provider.rs`): the data
//! markers `shared::i18n::format` loads, for the twelve shipped locales and their fallback
//! parents, taken from the pinned ICU4X crates' own compiled data by `tools/icu-data` (its
//! own workspace, so its export features stay out of the portal's build).
//!
//! Run it after every ICU4X upgrade (first set `tools/icu-data/Cargo.toml`'s pinned
//! versions to the workspace's), then `cargo test -p shared`. Needs nothing but crates.io.

use crate::{root, step};
use anyhow::{bail, Context, Result};
use std::process::{Command, ExitCode};

pub fn run() -> Result<ExitCode> {
    let out = root().join("shared/cldr-data/data");
    step(format!("tools/icu-data -> {}", out.display()));
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .arg("run")
        .arg("--quiet")
        .arg("--manifest-path")
        .arg(root().join("tools/icu-data/Cargo.toml"))
        .arg("--")
        .arg(&out)
        .status()
        .context("cargo run tools/icu-data")?;
    if !status.success() {
        bail!("tools/icu-data failed ({status})");
    }
    Ok(ExitCode::SUCCESS)
}
