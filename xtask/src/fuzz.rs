//! `cargo xtask fuzz [--seconds N] [--runs N] [TARGET…]`: builds the `fuzz/` targets with
//! the nightly toolchain (`cargo +nightly fuzz build`, cargo-fuzz installed when missing)
//! and runs each for N seconds (default 30) from its committed corpus, one at a time.
//! Fails on any crash, naming the reproducer.
//!
//! The build goes to `BP_FUZZ_TARGET_DIR` (`.ci/run`: outside the clone, so it stays
//! warm), else `fuzz/target`. Each run works in `<target dir>/xtask/<pid>/<target>/`: a
//! scratch corpus (the committed seeds in `fuzz/corpus/<target>/` are only read; the
//! scratch copy goes once the target passes), the artifacts (reproducers) and libFuzzer's
//! log. The process id keeps two invocations sharing a target dir (CI's short pass beside
//! a long run) out of each other's files. Nothing in the clone changes.

use crate::proc::{install_signal_handlers, interrupted, run_foreground};
use crate::{root, step};
use anyhow::{bail, Context, Result};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

/// Seconds per target when none are given.
pub const DEFAULT_SECONDS: u64 = 30;

/// libFuzzer and cargo-fuzz flags every build and run uses. The targets are safe Rust
/// hunting panics and broken invariants, so no sanitizer: twice the inputs per second.
const SANITIZER: [&str; 2] = ["--sanitizer", "none"];
const TRIPLE: &str = "x86_64-unknown-linux-gnu";

struct Options {
    seconds: Option<u64>,
    runs: Option<u64>,
    targets: Vec<String>,
}

fn parse_args(args: &[String]) -> Result<Options> {
    let mut opts = Options {
        seconds: None,
        runs: None,
        targets: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut number = |name: &str| -> Result<u64> {
            let v = it
                .next()
                .with_context(|| format!("{name} needs a number"))?;
            v.parse()
                .with_context(|| format!("{name} needs a number, not {v:?}"))
        };
        match arg.as_str() {
            "--seconds" => opts.seconds = Some(number("--seconds")?),
            "--runs" => opts.runs = Some(number("--runs")?),
            flag if flag.starts_with('-') => bail!("unknown option {flag}"),
            target => opts.targets.push(target.to_owned()),
        }
    }
    if opts.seconds.is_none() && opts.runs.is_none() {
        opts.seconds = Some(DEFAULT_SECONDS);
    }
    Ok(opts)
}

/// `cargo +nightly …` through rustup (the `cargo` that runs xtask is the stable one).
fn nightly_cargo() -> Command {
    let mut cmd = Command::new("cargo");
    cmd.arg("+nightly").env_remove("RUSTUP_TOOLCHAIN");
    cmd
}

fn fuzz_target_dir() -> PathBuf {
    std::env::var_os("BP_FUZZ_TARGET_DIR")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("fuzz/target"))
}

/// The targets `fuzz/Cargo.toml` declares (`[[bin]]` names), in its order.
fn declared_targets() -> Result<Vec<String>> {
    let manifest = root().join("fuzz/Cargo.toml");
    let text = std::fs::read_to_string(&manifest)
        .with_context(|| format!("reading {}", manifest.display()))?;
    let mut in_bin = false;
    let mut names = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_bin = line == "[[bin]]";
        } else if in_bin {
            if let Some(name) = line.strip_prefix("name = ") {
                names.push(name.trim_matches('"').to_owned());
            }
        }
    }
    Ok(names)
}

fn ensure_cargo_fuzz() -> Result<()> {
    let nightly = crate::proc::succeeds(nightly_cargo().arg("--version"));
    if !nightly {
        bail!("the nightly toolchain is missing: rustup toolchain install nightly");
    }
    let installed = crate::proc::succeeds(nightly_cargo().args(["fuzz", "--version"]));
    if installed {
        return Ok(());
    }
    step("Installing cargo-fuzz (cargo install cargo-fuzz --locked; a few minutes, once)");
    let status =
        run_foreground(Command::new(crate::cargo()).args(["install", "cargo-fuzz", "--locked"]))?;
    if !status.success() {
        bail!("cargo install cargo-fuzz --locked failed ({status})");
    }
    Ok(())
}

pub fn run(args: &[String]) -> Result<ExitCode> {
    install_signal_handlers();
    let opts = parse_args(args)?;
    let declared = declared_targets()?;
    let targets = if opts.targets.is_empty() {
        declared.clone()
    } else {
        for t in &opts.targets {
            if !declared.contains(t) {
                bail!("no fuzz target {t}; there are: {}", declared.join(", "));
            }
        }
        opts.targets.clone()
    };
    ensure_cargo_fuzz()?;

    step("cargo fmt --check (fuzz/)");
    let fmt = run_foreground(
        Command::new(crate::cargo())
            .args(["fmt", "--manifest-path", "fuzz/Cargo.toml", "--check"])
            .current_dir(root()),
    )?;
    if !fmt.success() {
        bail!("fuzz/ is not formatted: cargo fmt --manifest-path fuzz/Cargo.toml");
    }

    let target_dir = fuzz_target_dir();
    let started = Instant::now();
    step(format!(
        "Building the fuzz targets: cargo +nightly fuzz build --sanitizer none --target-dir {}",
        target_dir.display()
    ));
    let mut build = nightly_cargo();
    build
        .args(["fuzz", "build"])
        .args(SANITIZER)
        .arg("--target-dir")
        .arg(&target_dir)
        .current_dir(root());
    if !run_foreground(&mut build)?.success() {
        bail!("building the fuzz targets failed");
    }
    println!("    built in {}s", started.elapsed().as_secs());

    let mut failed = Vec::new();
    for target in &targets {
        if interrupted() {
            break;
        }
        match run_target(&target_dir, target, &opts)? {
            Outcome::Passed(summary) => println!("  ok      {target:<18} {summary}"),
            Outcome::Crashed => failed.push(target.as_str()),
            Outcome::Interrupted => break,
        }
    }
    if interrupted() {
        println!("  interrupted");
        return Ok(ExitCode::FAILURE);
    }
    println!("==> fuzzing took {}s", started.elapsed().as_secs());
    if failed.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        println!("\nfuzz targets that crashed: {}", failed.join(", "));
        Ok(ExitCode::FAILURE)
    }
}

enum Outcome {
    Passed(String),
    Crashed,
    Interrupted,
}

fn run_target(target_dir: &Path, target: &str, opts: &Options) -> Result<Outcome> {
    let binary = target_dir.join(TRIPLE).join("release").join(target);
    let work = target_dir
        .join("xtask")
        .join(std::process::id().to_string())
        .join(target);
    let corpus = work.join("corpus");
    let artifacts = work.join("artifacts");
    // Every run starts from the committed seeds alone.
    if work.exists() {
        std::fs::remove_dir_all(&work).with_context(|| format!("clearing {}", work.display()))?;
    }
    std::fs::create_dir_all(&corpus)?;
    std::fs::create_dir_all(&artifacts)?;
    let seeds = root().join("fuzz/corpus").join(target);
    let dict = root().join("fuzz/dicts").join(format!("{target}.dict"));
    let log_path = work.join("fuzz.log");
    let log = File::create(&log_path)?;

    let mut cmd = Command::new(&binary);
    cmd.arg(&corpus);
    if seeds.is_dir() {
        cmd.arg(&seeds);
    }
    if let Some(s) = opts.seconds {
        cmd.arg(format!("-max_total_time={s}"));
    }
    if let Some(r) = opts.runs {
        cmd.arg(format!("-runs={r}"));
    }
    if dict.is_file() {
        cmd.arg(format!("-dict={}", dict.display()));
    }
    cmd.arg(format!("-artifact_prefix={}/", artifacts.display()))
        .args(["-timeout=10", "-rss_limit_mb=2048", "-print_final_stats=1"])
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log);
    let limit = match (opts.seconds, opts.runs) {
        (Some(s), Some(r)) => format!("{s}s or {r} runs"),
        (Some(s), None) => format!("{s}s"),
        (None, Some(r)) => format!("{r} runs"),
        (None, None) => "no limit".to_owned(),
    };
    step(format!(
        "Fuzzing {target} ({limit}; log: {})",
        log_path.display()
    ));
    let status = run_foreground(&mut cmd)
        .with_context(|| format!("running {} (built?)", binary.display()))?;
    let text = std::fs::read_to_string(&log_path).unwrap_or_default();
    if status.success() {
        // The scratch corpus served its run; the log stays for its statistics.
        if let Err(e) = std::fs::remove_dir_all(&corpus) {
            eprintln!("(could not remove {}: {e})", corpus.display());
        }
        return Ok(Outcome::Passed(summary(&text)));
    }
    if interrupted() {
        return Ok(Outcome::Interrupted);
    }
    // The panic and libFuzzer's report are at the end of its log.
    let lines: Vec<&str> = text.lines().collect();
    eprintln!("--- {target}: the end of {}", log_path.display());
    for line in &lines[lines.len().saturating_sub(40)..] {
        eprintln!("{line}");
    }
    eprintln!("---");
    let mut found = false;
    for entry in std::fs::read_dir(&artifacts)?.flatten() {
        found = true;
        let path = entry.path();
        eprintln!("  FAILED  {target}: reproducer {}", path.display());
        eprintln!(
            "          reproduce: cargo +nightly fuzz run --sanitizer none {target} {}",
            path.display()
        );
    }
    if !found {
        eprintln!("  FAILED  {target} ({status}) without a reproducer; see the log above");
    }
    Ok(Outcome::Crashed)
}

/// `N runs, N exec/s, cov N, corpus N` from libFuzzer's final stats.
fn summary(log: &str) -> String {
    let stat = |name: &str| {
        log.lines()
            .rev()
            .find_map(|l| l.strip_prefix(&format!("stat::{name}:")))
            .map(|v| v.trim().to_owned())
            .unwrap_or_else(|| "?".to_owned())
    };
    let done = log
        .lines()
        .rev()
        .find(|l| l.contains("DONE") || l.contains("INITED"))
        .unwrap_or_default();
    let field = |name: &str| {
        done.split_whitespace()
            .skip_while(|w| *w != name)
            .nth(1)
            .unwrap_or("?")
            .to_owned()
    };
    format!(
        "{:>10} runs {:>7} exec/s  cov {:>5}  ft {:>5}  corpus {}",
        stat("number_of_executed_units"),
        stat("average_exec_per_sec"),
        field("cov:"),
        field("ft:"),
        field("corp:")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_declared_fuzz_target_has_a_source_and_seeds() {
        let targets = declared_targets().unwrap();
        assert!(targets.len() >= 10, "{targets:?}");
        for t in targets {
            let src = root().join(format!("fuzz/fuzz_targets/{t}.rs"));
            assert!(src.is_file(), "{} missing", src.display());
            let seeds = root().join(format!("fuzz/corpus/{t}"));
            let n = std::fs::read_dir(&seeds).map(|d| d.count()).unwrap_or(0);
            assert!(n > 0, "no committed seeds in {}", seeds.display());
        }
    }

    #[test]
    fn the_summary_reads_libfuzzers_final_stats() {
        let log =
            "#1000\tDONE   cov: 812 ft: 2430 corp: 250/6080b lim: 4096 exec/s: 33 rss: 60Mb\n\
                   Done 1000 runs in 30 second(s)\n\
                   stat::number_of_executed_units: 1000\n\
                   stat::average_exec_per_sec:     33\n";
        let s = summary(log);
        assert!(s.contains("1000 runs") && s.contains("33 exec/s"), "{s}");
        assert!(
            s.contains("cov   812") && s.contains("corpus 250/6080b"),
            "{s}"
        );
    }

    #[test]
    fn options_default_to_thirty_seconds() {
        let o = parse_args(&[]).unwrap();
        assert_eq!((o.seconds, o.runs), (Some(DEFAULT_SECONDS), None));
        let o = parse_args(&["--runs".into(), "10".into(), "token".into()]).unwrap();
        assert_eq!(
            (o.seconds, o.runs, o.targets),
            (None, Some(10), vec!["token".into()])
        );
        assert!(parse_args(&["--seconds".into()]).is_err());
        assert!(parse_args(&["--bogus".into()]).is_err());
    }
}
