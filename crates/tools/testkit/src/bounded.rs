//! Waiting for a program with a bound: a test that waits for a program to end fails with a
//! message once the bound has passed, and kills the program, instead of hanging or leaving it
//! running behind it.

use std::process::{Child, Command, ExitStatus, Output};
use std::thread;
use std::time::{Duration, Instant};

/// Runs `command` to its end and returns what it printed. Should it still run after `bound`,
/// kills it and the processes it started, and panics with `what` and what it had printed so
/// far ([`slides::output_within`], which the slide checks use too).
pub fn output_within(command: &mut Command, bound: Duration, what: &str) -> Output {
    slides::output_within(command, bound).unwrap_or_else(|e| panic!("{what}: {e}"))
}

/// Waits until `child` ends, for `bound` at most: its exit status, or `None` when it was still
/// running (it is then killed and reaped).
pub fn wait_within(child: &mut Child, bound: Duration) -> Option<ExitStatus> {
    let deadline = Instant::now() + bound;
    loop {
        if let Some(status) = child.try_wait().expect("cannot wait for the child") {
            return Some(status);
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        thread::sleep(Duration::from_millis(20));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_program_that_ends_in_time_gives_its_output() {
        let out = output_within(
            Command::new("sh").args(["-c", "echo out; echo err >&2; exit 3"]),
            Duration::from_secs(30),
            "sh",
        );
        assert_eq!(out.status.code(), Some(3));
        assert_eq!(out.stdout, b"out\n");
        assert_eq!(out.stderr, b"err\n");
    }

    #[test]
    fn a_program_still_running_at_the_bound_is_killed() {
        let mut child = Command::new("sleep").arg("60").spawn().unwrap();
        let pid = child.id();
        assert_eq!(wait_within(&mut child, Duration::from_millis(100)), None);
        // Killed and reaped: its /proc entry is gone.
        assert!(!std::path::Path::new(&format!("/proc/{pid}")).exists());
    }
}
