//! The project-local virtualenv (`.venv`): moto and cfn-lint from tools/requirements.txt,
//! and for `cargo xtask sam-build` the SAM CLI and cargo-lambda from
//! tools/deploy-requirements.txt.

use crate::{proc::run_foreground, root, step};
use anyhow::{bail, Context, Result};
use std::path::PathBuf;
use std::process::Command;

/// `.venv/bin/python`.
pub fn python() -> PathBuf {
    root().join(".venv/bin/python")
}

/// Creates `.venv` and installs the pinned test tools (tools/requirements.txt) when
/// missing or changed.
pub fn ensure_venv() -> Result<()> {
    ensure_requirements("tools/requirements.txt", "moto, cfn-lint")
}

/// Creates `.venv` and installs the requirements file `file` (relative to the workspace
/// root; `what` names its tools in messages) when missing or changed. A stamp file per
/// requirements file, holding what was installed, makes the check cheap.
pub fn ensure_requirements(file: &str, what: &str) -> Result<()> {
    let venv = root().join(".venv");
    let requirements_path = root().join(file);
    let requirements = std::fs::read_to_string(&requirements_path)
        .with_context(|| format!("reading {}", requirements_path.display()))?;
    let stem = requirements_path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("requirements");
    let stamp = venv.join(format!(".{stem}-installed"));
    if python().exists() && std::fs::read_to_string(&stamp).ok().as_deref() == Some(&requirements) {
        step(format!("Python tools in .venv ({what}) are up to date"));
        return Ok(());
    }
    if !python().exists() {
        let base = find_python()?;
        step(format!("Creating .venv with {base}"));
        let status = run_foreground(Command::new(&base).args(["-m", "venv"]).arg(&venv))?;
        if !status.success() {
            bail!("`{base} -m venv .venv` failed ({status}); is python3-venv installed?");
        }
    }
    step(format!("Installing {file} into .venv ({what})"));
    let status = run_foreground(
        Command::new(python())
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-r",
            ])
            .arg(&requirements_path)
            .current_dir(root()),
    )?;
    if !status.success() {
        bail!("pip install -r {file} failed ({status})");
    }
    std::fs::write(&stamp, requirements).context("writing the .venv stamp")?;
    Ok(())
}

/// Python 3.11 if present, else any python3 ≥ 3.9 (moto's minimum).
fn find_python() -> Result<String> {
    for candidate in ["python3.11", "python3", "python"] {
        let ok = Command::new(candidate)
            .args([
                "-c",
                "import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)",
            ])
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false);
        if ok {
            return Ok(candidate.to_string());
        }
    }
    bail!("no Python ≥ 3.9 found (looked for python3.11, python3, python); install Python 3.11")
}
