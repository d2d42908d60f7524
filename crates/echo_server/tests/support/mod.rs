//! What the tests of the built server share: starting it on 127.0.0.1 port 0, reading its log
//! line by line, signalling it, and talking to it through plain sockets.
//!
//! Tests wait on events only: the server's "listening on" line (which gives the port), a line
//! of its log, a byte arriving, a process ending. The one bound on time, [`WATCHDOG`], turns a
//! server that never logs what it should, or never exits when told, into a failure instead of
//! a hang (and kills it).

// Each test file uses its own part of this module.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::Duration;

use rand::RngCore;

pub const PROGRAM: &str = env!("CARGO_BIN_EXE_echo_server");
pub const WATCHDOG: Duration = Duration::from_secs(60);

/// A running echo_server and the lines of its log as they come.
pub struct Server {
    child: Child,
    pub port: u16,
    lines: Receiver<String>,
    pub log: Vec<String>,
}

impl Server {
    /// Starts the server on `host` port 0 and waits for its "listening on" line.
    pub fn start(host: &str) -> Server {
        let mut command = Command::new(PROGRAM);
        command.args([host, "0"]);
        Server::spawn(command)
    }

    /// Starts the server on `host` port 0 allowed `open_files` file descriptors at most (its
    /// soft and hard limit, set by `prlimit` from util-linux), and waits for its "listening
    /// on" line.
    pub fn start_with_open_files(host: &str, open_files: u32) -> Server {
        let mut command = Command::new("prlimit");
        command
            .arg(format!("--nofile={open_files}:{open_files}"))
            .args([PROGRAM, host, "0"]);
        Server::spawn(command)
    }

    /// Runs `command`, which starts the server, and waits for its "listening on" line.
    fn spawn(mut command: Command) -> Server {
        let mut child = command
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
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
        let mut server = Server {
            child,
            port: 0,
            lines,
            log: Vec::new(),
        };
        let started = server.wait_for("listening on");
        // `INFO:root:Server started, listening on ('127.0.0.1', 41234)`
        server.port = started
            .rsplit_once(", ")
            .and_then(|(_, p)| p.strip_suffix(')'))
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in {started:?}"));
        assert_ne!(server.port, 0, "the log shows the port really bound");
        server
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

    /// Adds to the log the lines that have come so far, without waiting for more.
    pub fn read_logged(&mut self) {
        self.log.extend(self.lines.try_iter());
    }

    pub fn connect(&self) -> TcpStream {
        TcpStream::connect(("127.0.0.1", self.port)).expect("the server accepts")
    }

    /// Sends a signal (`INT`, `TERM`) as `kill -INT PID` does.
    pub fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args([format!("-{name}"), self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
    }

    /// The server's process id, for its entries in /proc.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits for the server to exit; returns its status and its whole log. A server still
    /// running after [`WATCHDOG`] (it ignored the signal it was sent) is killed, and the test
    /// fails with its log.
    pub fn finish(mut self) -> (ExitStatus, Vec<String>) {
        let Some(status) = testkit::bounded::wait_within(&mut self.child, WATCHDOG) else {
            self.log.extend(self.lines.try_iter());
            panic!(
                "the server still ran {WATCHDOG:?} after it was told to stop; killed. Log:\n{}",
                self.log.join("\n")
            );
        };
        // The reader thread ends at end of stream, after the last line.
        self.log.extend(self.lines.iter());
        (status, std::mem::take(&mut self.log))
    }
}

impl Drop for Server {
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

pub fn random_bytes(len: usize) -> Vec<u8> {
    let mut data = vec![0u8; len];
    rand::rng().fill_bytes(&mut data);
    data
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
