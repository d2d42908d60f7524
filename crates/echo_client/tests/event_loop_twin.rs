//! The client against the event_loop lesson's Python twin serving the same protocol on its own
//! loop (`python3 crates/event_loop/event_loop.py echo-server 127.0.0.1 0`): the slide's two
//! lines, whichever loop serves them.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

const PROGRAM: &str = env!("CARGO_BIN_EXE_echo_client");
const TWIN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../event_loop/event_loop.py");
/// The longest wait for the server's "listening on" line.
const WATCHDOG: Duration = Duration::from_secs(60);

/// The twin server; killed when dropped, also when the test fails.
struct Twin(Child);

impl Drop for Twin {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the twin on 127.0.0.1 port 0, and returns it with the port its log shows.
fn start_twin() -> (Twin, u16) {
    let mut child = Command::new("python3")
        .args([TWIN, "echo-server", "127.0.0.1", "0"])
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let stderr = child.stderr.take().unwrap();
    let twin = Twin(child);
    let (tx, lines) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let started = lines
        .recv_timeout(WATCHDOG)
        .expect("the twin logs that it listens");
    // `INFO:root:Server started, listening on ('127.0.0.1', 41234)`
    let port = started
        .rsplit_once(", ")
        .and_then(|(_, p)| p.strip_suffix(')'))
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in {started:?}"));
    (twin, port)
}

#[test]
fn prints_the_slide_against_the_event_loop_twins_server() {
    let (_twin, port) = start_twin();
    let out = Command::new(PROGRAM)
        .args(["--timeout", "30", "127.0.0.1", &port.to_string()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let printed = String::from_utf8(out.stdout).unwrap();
    slides::assert_slide("echo_client", &printed);
}
