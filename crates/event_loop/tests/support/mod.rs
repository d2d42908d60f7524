//! What the tests of `event_loop echo-server` share: starting it on 127.0.0.1 port 0, reading
//! its log line by line, signalling it, and talking to it through plain sockets.
//!
//! Tests wait on events only: a line of the log, a byte arriving, a process ending. Each wait
//! is bounded by [`WATCHDOG`]: past it, the test fails with a message instead of hanging.

// Each test file uses its own part of this module.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

pub const PROGRAM: &str = env!("CARGO_BIN_EXE_event_loop");
pub const WATCHDOG: Duration = Duration::from_secs(60);

/// A running `event_loop echo-server` and the lines of its log as they come.
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
        command.args(["echo-server", host, "0"]);
        Server::spawn(command)
    }

    /// The same, allowed `open_files` file descriptors at most (`prlimit`, util-linux).
    pub fn start_with_open_files(host: &str, open_files: u32) -> Server {
        let mut command = Command::new("prlimit");
        command
            .arg(format!("--nofile={open_files}:{open_files}"))
            .args([PROGRAM, "echo-server", host, "0"]);
        Server::spawn(command)
    }

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
                panic!("no line with {text:?} ({e}); log:\n{}", self.log.join("\n"))
            });
            self.log.push(line.clone());
            if line.contains(text) {
                return line;
            }
        }
    }

    pub fn connect(&self) -> TcpStream {
        TcpStream::connect(("127.0.0.1", self.port)).expect("the server accepts")
    }

    /// The process that serves: the one started.
    pub fn serving_pid(&self) -> u32 {
        self.child.id()
    }

    /// The CPU time the serving process has used so far (user and system), in clock ticks
    /// (10 ms each).
    pub fn cpu_ticks(&self) -> u64 {
        let pid = self.serving_pid();
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
        // After the command's name in parentheses: state is field 0, utime 11, stime 12.
        let fields: Vec<&str> = stat.rsplit_once(") ").unwrap().1.split(' ').collect();
        let ticks = |i: usize| fields[i].parse::<u64>().unwrap();
        ticks(11) + ticks(12)
    }

    /// Sends a signal (`INT`, `TERM`) as `kill -INT PID` does.
    pub fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args([format!("-{name}"), self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
    }

    /// Waits (at most [`WATCHDOG`]) for the server to exit; returns its status and its log.
    pub fn finish(mut self) -> (ExitStatus, Vec<String>) {
        let started = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(
                started.elapsed() < WATCHDOG,
                "the server did not exit; log:\n{}",
                self.log.join("\n")
            );
            thread::sleep(Duration::from_millis(10));
        };
        // The reader thread ends at end of stream, after the last line.
        while let Ok(line) = self.lines.recv_timeout(WATCHDOG) {
            self.log.push(line);
        }
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

/// `len` bytes of every value, in an order that no shift or repeat of a block would keep.
pub fn binary_bytes(len: usize) -> Vec<u8> {
    let mut x: u32 = 2_463_534_242;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect()
}

/// Sends `data` from a second thread while this one reads the echo, so that neither side
/// waits on a full buffer; then half-closes if asked. Returns `data.len()` bytes of echo.
pub fn echo_through(stream: &TcpStream, data: &[u8], half_close: bool) -> Vec<u8> {
    stream.set_read_timeout(Some(WATCHDOG)).unwrap();
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
