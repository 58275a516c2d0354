//! Commands with a time limit, ended with everything they started.

use std::os::unix::process::CommandExt as _;
use std::process::{Command, Stdio};
use std::sync::{Mutex, MutexGuard, Once, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use nix::sys::signal::Signal;

use super::{Context, Result, check_status, describe, fail};

/// Like [`run`], but kills the command and everything it started when it runs longer than
/// `limit`: browser runs can hang (a WebDriver session without a display never returns).
///
/// The command runs in a process group of its own, so one signal to the group ends it and all
/// it started (chromedriver, geckodriver and their browsers, node's workers), even those whose
/// parent already died. (Playwright starts Chromium in a session of its own; Chromium ends when
/// node's pipe to it closes, so the group's end ends it too.)
/// A group of its own is not the terminal's foreground group, so Ctrl-C would no longer reach
/// it: xtask forwards it ([`forward_ctrl_c`]). Its stdin is empty, as a process outside the
/// foreground group that reads the terminal would be stopped.
pub fn run_with_timeout(cmd: &mut Command, limit: Duration) -> Result {
    let line = describe(cmd);
    println!("$ {line}   (time limit {}s)", limit.as_secs());
    forward_ctrl_c();
    let mut child = {
        // Held while spawning, so a Ctrl-C in between waits until the group is listed.
        let mut groups = lock_groups();
        let child = cmd
            .process_group(0)
            .stdin(Stdio::null())
            .spawn()
            .context(|| format!("could not start `{line}`"))?;
        groups.push(child.id());
        child
    };
    let started = Instant::now();
    let result = loop {
        match child.try_wait().context(|| format!("waiting for `{line}`")) {
            Ok(Some(status)) => break check_status(&line, status),
            Ok(None) if started.elapsed() > limit => {
                kill_group(child.id(), Signal::SIGKILL);
                let _ = child.wait();
                break fail(format!(
                    "`{line}` did not finish within {}s and was killed",
                    limit.as_secs()
                ));
            }
            Ok(None) => thread::sleep(Duration::from_millis(200)),
            Err(e) => break Err(e),
        }
    };
    lock_groups().retain(|&group| group != child.id());
    result
}

/// The process groups of the commands [`run_with_timeout`] is running.
static GROUPS: Mutex<Vec<u32>> = Mutex::new(Vec::new());

fn lock_groups() -> MutexGuard<'static, Vec<u32>> {
    GROUPS.lock().unwrap_or_else(PoisonError::into_inner)
}

/// On Ctrl-C (SIGINT), sends SIGINT to every group in [`GROUPS`], as the terminal does to its
/// foreground group, and exits as SIGINT's default action would have.
fn forward_ctrl_c() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        let installed = ctrlc::set_handler(|| {
            for &group in lock_groups().iter() {
                kill_group(group, Signal::SIGINT);
            }
            std::process::exit(130);
        });
        if let Err(e) = installed {
            eprintln!("xtask: Ctrl-C will not reach the commands it runs: {e}");
        }
    });
}

/// Sends `signal` to process group `group`; best effort, as it may have ended already.
fn kill_group(group: u32, signal: Signal) {
    if let Ok(group) = i32::try_from(group) {
        let _ = nix::sys::signal::killpg(nix::unistd::Pid::from_raw(group), signal);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A timed-out command's own children end with it: `sh` starts a `sleep` in the background
    /// and waits, and after the time limit neither runs.
    #[test]
    fn a_timeout_ends_the_whole_process_group() {
        let pid_file = std::env::temp_dir().join(format!("xtask-group-{}", std::process::id()));
        let script = format!("sleep 60 & echo $! > '{}'; wait", pid_file.display());
        let started = Instant::now();
        let result = run_with_timeout(
            Command::new("sh").args(["-c", &script]),
            Duration::from_secs(1),
        );
        assert!(result.is_err_and(|e| e.to_string().contains("was killed")));
        assert!(started.elapsed() < Duration::from_secs(10));
        let grandchild = std::fs::read_to_string(&pid_file).unwrap_or_default();
        let _ = std::fs::remove_file(&pid_file);
        let grandchild = grandchild.trim();
        assert!(!grandchild.is_empty(), "sh did not start its sleep");
        // Gone, or a zombie waiting for init to reap it, once the SIGKILL is delivered.
        let running = || {
            let stat = std::fs::read_to_string(format!("/proc/{grandchild}/stat"));
            let stat = stat.unwrap_or_default();
            let state = stat
                .rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().next());
            !matches!(state, None | Some("Z" | "X"))
        };
        let killed = Instant::now();
        while running() && killed.elapsed() < Duration::from_secs(5) {
            thread::sleep(Duration::from_millis(20));
        }
        assert!(!running(), "sleep {grandchild} still runs");
        assert!(lock_groups().is_empty());
        assert!(run_with_timeout(&mut Command::new("true"), Duration::from_secs(5)).is_ok());
    }
}
