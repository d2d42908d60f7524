//! An echo server of the slides' protocol (RFC 862, with the slide's log), run as a real
//! process on port 0: echo_server, `event_loop echo-server` and the twin `python3
//! event_loop.py echo-server` all log `Server started, listening on (HOST, PORT)` first, then a
//! line for each client that comes, fails or goes, and `Server stopped` when told to stop.
//!
//! [`Server`] starts one from the [`Command`] that runs it, reads its log line by line,
//! signals it, and talks to it through plain sockets. Tests wait on events only: the "listening
//! on" line (which gives the port), a line of the log, a byte arriving, a process ending. The
//! one bound on time, [`WATCHDOG`], turns a server that never logs what it should, never
//! answers or never exits when told into a failure with a message instead of a hang; and a
//! server left behind by a failed test is killed.
//!
//! The checks that every such server passes are in [`crate::echo_checks`].

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::Duration;

/// The longest any one wait of these tests lasts before it fails.
pub const WATCHDOG: Duration = Duration::from_secs(60);

/// A running echo server and the lines of its log as they come.
pub struct Server {
    child: Child,
    /// The port its "listening on" line shows.
    pub port: u16,
    lines: Receiver<String>,
    /// The lines read so far, in order.
    pub log: Vec<String>,
}

impl Server {
    /// Runs `command` (which starts a server on port 0) with its stderr piped, and waits for
    /// its "listening on" line: `INFO:root:Server started, listening on ('127.0.0.1', 41234)`.
    pub fn start(mut command: Command) -> Server {
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
        self.wait_for_line(text, None)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// [`Server::wait_for`], but a line saying that the server panicked (`panicked at`: a
    /// task of it ended with a panic, a `todo!()` reached) ends the wait at once. Err says
    /// why no line came: that panic (its line and the next, the message), or the bound.
    pub fn wait_for_unless_panicked(&mut self, text: &str) -> Result<String, String> {
        self.wait_for_line(text, Some("panicked at"))
    }

    fn wait_for_line(&mut self, text: &str, failure: Option<&str>) -> Result<String, String> {
        loop {
            let line = self.lines.recv_timeout(WATCHDOG).map_err(|e| {
                format!(
                    "no line with {text:?} ({e}); log so far:\n{}",
                    self.log.join("\n")
                )
            })?;
            self.log.push(line.clone());
            if line.contains(text) {
                return Ok(line);
            }
            if failure.is_some_and(|failure| line.contains(failure)) {
                // The panic's message is on the next line.
                let message = self.lines.recv_timeout(WATCHDOG).unwrap_or_default();
                return Err(format!(
                    "the server panicked while we waited for {text:?}:\n{line}\n{message}"
                ));
            }
        }
    }

    /// Adds to the log the lines that have come so far, without waiting for more.
    pub fn read_logged(&mut self) {
        self.log.extend(self.lines.try_iter());
    }

    /// A connection to the server on 127.0.0.1, whose reads fail after [`WATCHDOG`] rather
    /// than hang.
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
        assert!(status.success(), "kill -{name}: {status}");
    }

    /// The id of the process started, for its entries in /proc.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits for the server to exit; returns its status and its whole log. A server still
    /// running after [`WATCHDOG`] (it ignored the signal it was sent) is killed, and the test
    /// fails with its log.
    pub fn finish(self) -> (ExitStatus, Vec<String>) {
        self.finish_within(WATCHDOG)
    }

    /// [`finish`](Server::finish), with `bound` instead of [`WATCHDOG`] for the server to exit.
    pub fn finish_within(mut self, bound: Duration) -> (ExitStatus, Vec<String>) {
        let Some(status) = crate::bounded::wait_within(&mut self.child, bound) else {
            self.read_logged();
            panic!(
                "the server still ran {bound:?} after it was told to stop; killed. Log:\n{}",
                self.log.join("\n")
            );
        };
        // The reader thread ends at end of stream, after the last line; a process the server
        // started and left behind would hold the stream open, hence the bound.
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

/// `command` run through `prlimit` (util-linux), allowed `open_files` file descriptors at
/// most: its soft and hard limit. The program, arguments, directory and environment are
/// `command`'s; its stdin, stdout and stderr are not (a [`Command`] does not tell them).
pub fn with_open_files(command: &Command, open_files: u32) -> Command {
    let mut limited = Command::new("prlimit");
    limited
        .arg(format!("--nofile={open_files}:{open_files}"))
        .arg(command.get_program())
        .args(command.get_args());
    if let Some(dir) = command.get_current_dir() {
        limited.current_dir(dir);
    }
    for (name, value) in command.get_envs() {
        match value {
            Some(value) => limited.env(name, value),
            None => limited.env_remove(name),
        };
    }
    limited
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
/// waits on a full buffer; then half-closes if asked. Returns `data.len()` bytes of echo. The
/// reads fail after [`WATCHDOG`] without a byte, rather than hang.
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
    (&*stream)
        .read_exact(&mut received)
        .unwrap_or_else(|e| panic!("the echo of {} bytes stopped short: {e}", data.len()));
    sending.join().unwrap();
    received
}

/// Sends up to `flood` bytes without reading the echo, until a write stays blocked for
/// `stalled` (the server no longer reads this client) or fails (the server closed the
/// connection); returns how many bytes went out.
pub fn send_without_reading(mut client: TcpStream, flood: u64, stalled: Duration) -> u64 {
    client.set_write_timeout(Some(stalled)).unwrap();
    let data = vec![b'x'; 1 << 16];
    let mut sent = 0;
    while sent < flood {
        match client.write(&data) {
            Ok(n) => sent += n as u64,
            Err(_) => break,
        }
    }
    sent
}

/// How long a flooding client's write may stay blocked before it takes the server to have
/// stopped reading it. Not a limit on the server's speed: a server that keeps reading unblocks
/// the write at once, and one that stopped never does.
pub const STALLED: Duration = Duration::from_secs(2);

/// The most bytes the kernel can hold between a client that does not read and a server that
/// does not read it further: the client's send buffer and the server's receive buffer one way,
/// the server's send buffer and the client's receive buffer the other, each at most the
/// system's largest (`net.ipv4.tcp_wmem` and `tcp_rmem`), plus the 64 KiB a server gathers.
pub fn kernel_buffers() -> u64 {
    let largest = |name: &str| -> u64 {
        let path = format!("/proc/sys/net/ipv4/{name}");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let max = text.split_whitespace().last().and_then(|v| v.parse().ok());
        max.unwrap_or_else(|| panic!("{path}: no largest size in {text:?}"))
    };
    2 * (largest("tcp_wmem") + largest("tcp_rmem")) + 64 * 1024
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in that logs the line a server logs when it listens, then only sleeps.
    fn pretend_server() -> Command {
        let mut command = Command::new("sh");
        command.args([
            "-c",
            "echo \"INFO:root:Server started, listening on ('127.0.0.1', 4321)\" >&2; exec sleep 600",
        ]);
        command
    }

    #[test]
    fn the_port_comes_from_the_listening_line_and_a_dropped_server_is_killed() {
        let server = Server::start(pretend_server());
        assert_eq!(server.port, 4321);
        let pid = server.pid();
        // Dropped on a thread, so that a drop that waits for the stand-in's own end (ten
        // minutes) fails the test instead of holding it.
        let (dropped, done) = mpsc::channel();
        thread::spawn(move || {
            drop(server);
            let _ = dropped.send(());
        });
        done.recv_timeout(Duration::from_secs(30))
            .expect("dropping the server did not end it");
        // Killed and reaped: its /proc entry is gone.
        assert!(!std::path::Path::new(&format!("/proc/{pid}")).exists());
    }

    #[test]
    fn a_signalled_server_is_waited_for_and_its_status_given() {
        let server = Server::start(pretend_server());
        server.signal("TERM");
        let (status, log) = server.finish();
        assert_eq!(status.code(), None, "ended by the signal: {status}");
        assert_eq!(log.len(), 1, "{log:?}");
    }

    #[test]
    fn with_open_files_limits_the_program_it_runs() {
        let mut command = Command::new("sh");
        command.args(["-c", "ulimit -n"]);
        let out = with_open_files(&command, 17).output().unwrap();
        assert!(out.status.success(), "{out:?}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), "17\n");
    }
}
