//! Child processes: background services in their own process groups (stopped as a
//! group, SIGKILL if they hang), foreground commands, and Ctrl-C / SIGTERM handling.

use anyhow::{bail, Context, Result};
use std::fs::File;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

extern "C" fn on_signal(_: libc::c_int) {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// Catch SIGINT and SIGTERM so we can stop our children before exiting.
/// (Handlers reset to the default on exec, so children are unaffected.)
pub fn install_signal_handlers() {
    let handler: extern "C" fn(libc::c_int) = on_signal;
    // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
    unsafe {
        libc::signal(libc::SIGINT, handler as libc::sighandler_t);
        libc::signal(libc::SIGTERM, handler as libc::sighandler_t);
    }
}

/// True once Ctrl-C or SIGTERM arrived.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// How many of a log's last lines an error about its process quotes.
const TAIL_LINES: usize = 25;

/// The last [`TAIL_LINES`] lines of `log`, indented, for an error message: CI keeps the
/// console output, not the clone's `.local/logs`.
fn log_tail(log: &Path) -> String {
    let text = match std::fs::read(log) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => return format!("    (unreadable: {e})"),
    };
    let lines: Vec<&str> = text.lines().collect();
    let from = lines.len().saturating_sub(TAIL_LINES);
    if from == lines.len() {
        return "    (empty)".to_owned();
    }
    lines[from..]
        .iter()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A long-running child (moto, the stand-in, the gateway) with its output in a log file.
pub struct Service {
    pub name: String,
    pub log: PathBuf,
    child: Option<Child>,
}

impl Service {
    /// Starts `cmd` in a new process group, stdout and stderr to `log`.
    pub fn spawn(name: &str, mut cmd: Command, log: &Path) -> Result<Service> {
        if let Some(dir) = log.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        let out = File::create(log).with_context(|| format!("creating {}", log.display()))?;
        let err = out.try_clone()?;
        cmd.stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .process_group(0);
        // SAFETY: prctl is async-signal-safe; it makes the kernel stop the child if
        // xtask itself dies without cleaning up (e.g. SIGKILL), so nothing is orphaned.
        unsafe {
            cmd.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
                Ok(())
            });
        }
        let child = cmd
            .spawn()
            .with_context(|| format!("starting {name} ({:?})", cmd.get_program()))?;
        Ok(Service {
            name: name.to_string(),
            log: log.to_path_buf(),
            child: Some(child),
        })
    }

    /// Polls `ready` until it returns true; fails early, naming the log, if the child exits.
    pub fn wait_ready(&mut self, timeout: Duration, mut ready: impl FnMut() -> bool) -> Result<()> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.exited() {
                bail!(
                    "{} exited ({status}) before it was ready; the end of its log ({}):\n{}",
                    self.name,
                    self.log.display(),
                    log_tail(&self.log)
                );
            }
            if ready() {
                return Ok(());
            }
            if interrupted() {
                bail!("interrupted");
            }
            if start.elapsed() > timeout {
                bail!(
                    "{} was not ready after {}s; see its log: {}",
                    self.name,
                    timeout.as_secs(),
                    self.log.display()
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The exit status if the child has stopped on its own.
    pub fn exited(&mut self) -> Option<ExitStatus> {
        self.child
            .as_mut()
            .and_then(|c| c.try_wait().ok().flatten())
    }

    /// SIGINT to the leader only, as Ctrl-C in a terminal would reach it (its own
    /// children run in groups of their own).
    pub fn interrupt(&mut self) {
        if let Some(pid) = self
            .child
            .as_ref()
            .and_then(|c| libc::pid_t::try_from(c.id()).ok())
        {
            // SAFETY: signalling our own child.
            unsafe { libc::kill(pid, libc::SIGINT) };
        }
    }

    /// SIGTERM to the whole group, SIGKILL after a grace period, then reap.
    pub fn stop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        let Ok(pgid) = libc::pid_t::try_from(child.id()) else {
            let _ = child.kill();
            let _ = child.wait();
            return;
        };
        // SAFETY: plain syscalls on the process group we created.
        unsafe { libc::kill(-pgid, libc::SIGTERM) };
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        // Whatever is left of the group (a hung leader or stray grandchildren) goes now.
        unsafe { libc::kill(-pgid, libc::SIGKILL) };
        let _ = child.wait();
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Runs a command in the foreground (inheriting the terminal). On Ctrl-C / SIGTERM the
/// child is asked to stop too, and we wait for it so nothing outlives us.
/// Whether `cmd` runs and exits 0, its output discarded (is a tool installed?).
pub fn succeeds(cmd: &mut Command) -> bool {
    cmd.stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// How much CPU priority [`ahead_of_others`] asks for (`nice`: lower is more; only root
/// may go below 0).
const AHEAD_NICENESS: &str = "-10";

/// A command for `program` that runs ahead of the machine's other work where it may (as
/// root, as in CI: `nice -n -10`, inherited by its children); where `nice` is missing, or
/// may not raise the priority (it then says so and runs the program as it is), the
/// program runs as usual. For measurements that judge our own work, not a neighbour's.
pub fn ahead_of_others(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let has_nice = Command::new("nice")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if has_nice {
        let mut cmd = Command::new("nice");
        cmd.args(["-n", AHEAD_NICENESS]).arg(program);
        cmd
    } else {
        Command::new(program)
    }
}

pub fn run_foreground(cmd: &mut Command) -> Result<ExitStatus> {
    let mut child = cmd
        .spawn()
        .with_context(|| format!("starting {:?}", cmd.get_program()))?;
    let mut forwarded = false;
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(status);
        }
        if interrupted() && !forwarded {
            forwarded = true;
            if let Ok(pid) = libc::pid_t::try_from(child.id()) {
                // SAFETY: signalling our own child.
                unsafe { libc::kill(pid, libc::SIGTERM) };
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A loopback port that was free a moment ago.
pub fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").context("finding a free port")?;
    Ok(listener.local_addr()?.port())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_quotes_the_last_lines_of_the_log() {
        let dir = std::env::temp_dir().join(format!("xtask-log-tail-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a scratch dir");
        let log = dir.join("service.log");
        let lines: Vec<String> = (1..=30).map(|i| format!("line {i}")).collect();
        std::fs::write(&log, lines.join("\n")).expect("a log");
        let tail = log_tail(&log);
        assert_eq!(tail.lines().count(), TAIL_LINES);
        assert_eq!(tail.lines().next(), Some("    line 6"));
        assert_eq!(tail.lines().last(), Some("    line 30"));

        std::fs::write(&log, "").expect("an empty log");
        assert_eq!(log_tail(&log), "    (empty)");
        std::fs::remove_dir_all(&dir).expect("removing the scratch dir");
        assert!(log_tail(&log).starts_with("    (unreadable: "));
    }
}
