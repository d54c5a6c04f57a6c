//! The project-local virtualenv (`.venv`) with moto and cfn-lint from tools/requirements.txt.

use crate::{proc::run_foreground, root, step};
use anyhow::{bail, Context, Result};
use std::path::PathBuf;
use std::process::Command;

/// `.venv/bin/python`.
pub fn python() -> PathBuf {
    root().join(".venv/bin/python")
}

/// Creates `.venv` and installs the pinned requirements when missing or changed.
/// A stamp file holding the installed requirements makes the check cheap.
pub fn ensure_venv() -> Result<()> {
    let venv = root().join(".venv");
    let requirements_path = root().join("tools/requirements.txt");
    let requirements = std::fs::read_to_string(&requirements_path)
        .with_context(|| format!("reading {}", requirements_path.display()))?;
    let stamp = venv.join(".requirements-installed");
    if python().exists() && std::fs::read_to_string(&stamp).ok().as_deref() == Some(&requirements) {
        step("Python tools (.venv) are up to date");
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
    step("Installing tools/requirements.txt into .venv (moto, cfn-lint)");
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
            .arg(&requirements_path),
    )?;
    if !status.success() {
        bail!("pip install -r tools/requirements.txt failed ({status})");
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
