//! What the tests of the Python twin's echo server share: starting `python3 event_loop.py
//! echo-server 127.0.0.1 0`, reading its log line by line, signalling it, and talking to it
//! through plain sockets.
//!
//! Tests wait on events only: the server's "listening on" line (which gives the port), a line
//! of its log, a byte arriving, a process ending. The one bound on time, [`WATCHDOG`], turns a
//! server that never logs what it should into a failure instead of a hang.

// Each test file uses its own part of this module.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::Duration;

pub const TWIN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/event_loop.py");
pub const WATCHDOG: Duration = Duration::from_secs(60);

/// The twin's echo server, running, and the lines of its log as they come.
pub struct Twin {
    child: Child,
    pub port: u16,
    lines: Receiver<String>,
    pub log: Vec<String>,
}

impl Twin {
    /// Starts `python3 event_loop.py echo-server HOST 0` and waits for its "listening on" line.
    pub fn start(host: &str) -> Twin {
        let mut command = Command::new("python3");
        command.args([TWIN, "echo-server", host, "0"]);
        Twin::spawn(command)
    }

    /// The same, allowed `open_files` file descriptors at most (its soft and hard limit, set by
    /// `prlimit` from util-linux).
    pub fn start_with_open_files(host: &str, open_files: u32) -> Twin {
        let mut command = Command::new("prlimit");
        command
            .arg(format!("--nofile={open_files}:{open_files}"))
            .args(["python3", TWIN, "echo-server", host, "0"]);
        Twin::spawn(command)
    }

    fn spawn(mut command: Command) -> Twin {
        let mut child = command
            .stdin(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {command:?} (python3 installed?): {e}"));
        let stderr = child.stderr.take().unwrap();
        let (tx, lines) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut twin = Twin {
            child,
            port: 0,
            lines,
            log: Vec::new(),
        };
        let started = twin.wait_for("listening on");
        // `INFO:root:Server started, listening on ('127.0.0.1', 41234)`
        twin.port = started
            .rsplit_once(", ")
            .and_then(|(_, p)| p.strip_suffix(')'))
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in {started:?}"));
        assert_ne!(twin.port, 0, "the log shows the port really bound");
        twin
    }

    /// Reads the log until a line containing `text`, and returns that line.
    pub fn wait_for(&mut self, text: &str) -> String {
        loop {
            let line = self.lines.recv_timeout(WATCHDOG).unwrap_or_else(|e| {
                panic!(
                    "no line with {text:?} ({e}); log so far:\n{}",
                    self.log.join("\n")
                )
            });
            self.log.push(line.clone());
            if line.contains(text) {
                return line;
            }
        }
    }

    /// A connection to the server, whose reads fail after [`WATCHDOG`] rather than hang.
    pub fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).expect("the server accepts");
        stream.set_read_timeout(Some(WATCHDOG)).unwrap();
        stream
    }

    /// Sends a signal (`INT`, `TERM`) as `kill -INT PID` does.
    pub fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args([format!("-{name}"), self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
    }

    /// Waits for the server to exit; returns its status and its whole log.
    pub fn finish(mut self) -> (ExitStatus, Vec<String>) {
        let status = self.child.wait().unwrap();
        self.log.extend(self.lines.iter());
        (status, std::mem::take(&mut self.log))
    }
}

impl Drop for Twin {
    fn drop(&mut self) {
        // A test that failed half-way leaves no server behind.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The address Python prints for a peer: the server logs our local address this way.
pub fn peer_repr(stream: &TcpStream) -> String {
    common::pyrepr::address(stream.local_addr().unwrap())
}

/// `len` bytes of every value, in an order that repeats only after 2^64 (xorshift64*): binary
/// data, with no line structure and no text to hide a byte dropped or reordered.
pub fn binary_bytes(len: usize) -> Vec<u8> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..len)
        .map(|_| {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 56) as u8
        })
        .collect()
}

/// Sends `data` from a second thread while this one reads the echo, so that neither side
/// waits on a full buffer; then half-closes if asked. Returns `data.len()` bytes of echo.
pub fn echo_through(stream: &TcpStream, data: &[u8], half_close: bool) -> Vec<u8> {
    let mut writer = stream.try_clone().unwrap();
    let sent = data.to_vec();
    let sending = thread::spawn(move || {
        for chunk in sent.chunks(7000) {
            writer.write_all(chunk).unwrap();
        }
        if half_close {
            writer.shutdown(Shutdown::Write).unwrap();
        }
    });
    let mut received = vec![0u8; data.len()];
    (&*stream).read_exact(&mut received).unwrap();
    sending.join().unwrap();
    received
}
