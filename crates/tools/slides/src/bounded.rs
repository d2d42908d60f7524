//! Running a program whose end a test waits for, with a bound on the wait.
//!
//! `Command::output` waits for ever: a lesson that hangs would hang its test, and with it
//! `make test`. [`output_within`] waits at most a given time, then kills the program and
//! everything it started, and says so.

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

/// How long a test waits for a lesson to end by itself: the slowest runs in a few seconds, and
/// a loaded machine may take ten times as long; past this, the lesson hangs.
pub const RUN_BOUND: Duration = Duration::from_secs(120);

/// Runs `command` to its end, as `Command::output` does, but waits at most `limit`: then the
/// program and the processes it started (its process group) are killed, and the error names
/// the program and shows what it had printed.
pub fn output_within(command: &mut Command, limit: Duration) -> Result<Output, String> {
    let name = format!("{:?}", command.get_program());
    // A group of its own, so that a kill reaches the children too (compare_conc's, python's).
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .map_err(|e| format!("cannot run {name}: {e}"))?;
    let pid = child.id();
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let (done, ended) = mpsc::channel();
    thread::spawn(move || {
        let _ = done.send(child.wait());
    });
    let status = match ended.recv_timeout(limit) {
        Ok(status) => status.map_err(|e| format!("cannot wait for {name}: {e}"))?,
        Err(_) => {
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{pid}")])
                .status();
            let _ = ended.recv_timeout(Duration::from_secs(10));
            let (out, err) = (stdout.join(), stderr.join());
            return Err(format!(
                "{name} still running after {limit:?}: killed. Its stdout:\n{}\nIts stderr:\n{}",
                String::from_utf8_lossy(&out.unwrap_or_default()),
                String::from_utf8_lossy(&err.unwrap_or_default()),
            ));
        }
    };
    Ok(Output {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    })
}

/// Reads a pipe to its end on a thread of its own, so that a full pipe never blocks the program.
fn drain(pipe: Option<impl Read + Send + 'static>) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        bytes
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_program_that_ends_gives_its_output() {
        let out = output_within(Command::new("echo").arg("hi"), RUN_BOUND).unwrap();
        assert!(out.status.success());
        assert_eq!(out.stdout, b"hi\n");
    }

    #[test]
    fn a_program_that_hangs_is_killed_with_its_children_and_named() {
        // The shell's child, `sleep`, holds the pipes open: it must die too for the wait to end.
        let err = output_within(
            Command::new("sh").args(["-c", "echo started; sleep 600"]),
            Duration::from_millis(300),
        )
        .unwrap_err();
        assert!(err.contains("\"sh\" still running after 300ms"), "{err}");
        assert!(err.contains("started"), "{err}");
    }
}
