//! Waiting for a program with a bound: a test that waits for a program to end fails with a
//! message once the bound has passed, and kills the program, instead of hanging or leaving it
//! running behind it.

use std::io::Read;
use std::process::{Child, ExitStatus, Output};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// Waits until `child` ends, and returns what it printed (its stdout and stderr, when piped).
/// Should it still run after `bound`, kills it, reaps it, and panics with `what` and what it
/// had printed so far.
pub fn output_within(mut child: Child, bound: Duration, what: &str) -> Output {
    // The pipes are read on threads of their own: a program that fills one while the test
    // waits for it to end would otherwise never end.
    let stdout = child.stdout.take().map(read_on_a_thread);
    let stderr = child.stderr.take().map(read_on_a_thread);
    let status = wait_within(&mut child, bound);
    let collect = |reader: Option<Reader>, finished: bool| {
        reader.map(|r| r.bytes(finished)).unwrap_or_default()
    };
    let finished = status.is_some();
    let (stdout, stderr) = (collect(stdout, finished), collect(stderr, finished));
    match status {
        Some(status) => Output {
            status,
            stdout,
            stderr,
        },
        None => panic!(
            "{what}: still running after {bound:?}, killed\nstdout:\n{}\nstderr:\n{}",
            String::from_utf8_lossy(&stdout),
            String::from_utf8_lossy(&stderr)
        ),
    }
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

/// A pipe read to its end on a thread of its own, into a buffer the test can look at.
struct Reader {
    bytes: Arc<Mutex<Vec<u8>>>,
    thread: thread::JoinHandle<()>,
}

impl Reader {
    /// All the pipe gave once it has ended (`finished`); else what it gave so far, since a
    /// process the killed one started may still hold the pipe open.
    fn bytes(self, finished: bool) -> Vec<u8> {
        if finished {
            let _ = self.thread.join();
        }
        let bytes = self.bytes.lock().unwrap_or_else(|e| e.into_inner());
        bytes.clone()
    }
}

fn read_on_a_thread(mut pipe: impl Read + Send + 'static) -> Reader {
    let bytes = Arc::new(Mutex::new(Vec::new()));
    let filled = bytes.clone();
    let thread = thread::spawn(move || {
        let mut chunk = [0; 4096];
        while let Ok(n @ 1..) = pipe.read(&mut chunk) {
            filled
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .extend_from_slice(&chunk[..n]);
        }
    });
    Reader { bytes, thread }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::{Command, Stdio};

    #[test]
    fn a_program_that_ends_in_time_gives_its_output() {
        let child = Command::new("sh")
            .args(["-c", "echo out; echo err >&2; exit 3"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let out = output_within(child, Duration::from_secs(30), "sh");
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
