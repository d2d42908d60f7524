//! `event_loop echo-server` started with SIGINT and SIGTERM ignored, as a script's `cmd &` (for
//! SIGINT) or `nohup` leave them: the server installs its own handlers, as tokio's echo_server
//! and asyncio's `add_signal_handler` do, so each signal still stops it cleanly. (A shell's
//! `trap` could not do that: a signal ignored when a non-interactive shell starts cannot be
//! trapped.)

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::Duration;

use testkit::bounded::wait_within;

const PROGRAM: &str = env!("CARGO_BIN_EXE_event_loop");
const WATCHDOG: Duration = Duration::from_secs(60);

/// Starts the server on 127.0.0.1 port 0 from a shell that ignores SIGINT and SIGTERM (`trap ''`)
/// and then becomes the server (`exec`): the server starts with both ignored.
fn start_with_signals_ignored() -> (Server, Receiver<String>) {
    let mut child = Command::new("sh")
        .args([
            "-c",
            r#"trap '' INT TERM; exec "$0" echo-server 127.0.0.1 0"#,
        ])
        .arg(PROGRAM)
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sh runs");
    let stderr = child.stderr.take().unwrap();
    let (tx, lines) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    (Server(child), lines)
}

/// The server's process, killed if the test fails half-way: no server is left behind.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Reads lines until one contains `text`; fails after [`WATCHDOG`].
fn wait_for(lines: &Receiver<String>, text: &str, log: &mut Vec<String>) {
    while !log.last().is_some_and(|line| line.contains(text)) {
        let line = lines
            .recv_timeout(WATCHDOG)
            .unwrap_or_else(|e| panic!("no line with {text:?} ({e}); log: {log:?}"));
        log.push(line);
    }
}

#[test]
fn signals_ignored_by_its_parent_still_stop_it() {
    for signal in ["INT", "TERM"] {
        let (mut server, lines) = start_with_signals_ignored();
        let mut log = Vec::new();
        wait_for(&lines, "listening on", &mut log);
        let pid = server.0.id().to_string();
        // The shell has become the server: its process ignored both signals from the start.
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
        assert!(
            status.contains("Name:\tevent_loop"),
            "not the server: {status}"
        );
        let kill = Command::new("kill")
            .args([format!("-{signal}"), pid])
            .status();
        assert!(kill.expect("kill runs").success());
        wait_for(&lines, "Server stopped", &mut log);
        let status = wait_within(&mut server.0, WATCHDOG);
        assert_eq!(
            status.and_then(|s| s.code()),
            Some(0),
            "SIG{signal}: {log:?}"
        );
    }
}
