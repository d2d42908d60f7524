//! What `event_loop echo-server` sets up in its own process, seen from outside it: signal
//! handlers that hold even when its parent ignored the signals, and the depth of its listen
//! queue, as the kernel reports them.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::Duration;

use testkit::bounded::{output_within, wait_within};

const PROGRAM: &str = env!("CARGO_BIN_EXE_event_loop");
const WATCHDOG: Duration = Duration::from_secs(60);

/// A server started on 127.0.0.1 port 0 by `sh -c 'SETUP exec PROGRAM echo-server ...'`: the
/// shell runs `setup`, then becomes the server (same process), and the lines of its log.
struct Server {
    child: Child,
    lines: Receiver<String>,
    log: Vec<String>,
    port: u16,
}

impl Server {
    fn start(setup: &str) -> Server {
        let script = format!(r#"{setup} exec "$0" echo-server 127.0.0.1 0"#);
        let mut child = Command::new("sh")
            .args(["-c", &script])
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
        let mut server = Server {
            child,
            lines,
            log: Vec::new(),
            port: 0,
        };
        // `INFO:root:Server started, listening on ('127.0.0.1', 41234)`
        let started = server.wait_for("listening on");
        let port = started
            .rsplit_once(", ")
            .and_then(|(_, p)| p.strip_suffix(')'));
        server.port = port.and_then(|p| p.parse().ok()).expect("a port");
        server
    }

    /// Reads the log until a line containing `text`, and returns it; fails after [`WATCHDOG`].
    fn wait_for(&mut self, text: &str) -> String {
        loop {
            let line = self
                .lines
                .recv_timeout(WATCHDOG)
                .unwrap_or_else(|e| panic!("no line with {text:?} ({e}); log: {:?}", self.log));
            self.log.push(line.clone());
            if line.contains(text) {
                return line;
            }
        }
    }
}

impl Drop for Server {
    /// A test that failed half-way leaves no server behind.
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// As a script's `cmd &` leaves SIGINT, and `nohup` SIGHUP: the server starts with SIGINT and
/// SIGTERM ignored. It installs its own handlers, as tokio's echo_server and asyncio's
/// `add_signal_handler` do, so each still stops it cleanly. (A shell's `trap` could not: a
/// signal ignored when a non-interactive shell starts cannot be trapped.)
#[test]
fn signals_ignored_by_its_parent_still_stop_it() {
    for signal in ["INT", "TERM"] {
        let mut server = Server::start("trap '' INT TERM;");
        let pid = server.child.id().to_string();
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
        server.wait_for("Server stopped");
        let status = wait_within(&mut server.child, WATCHDOG);
        let log = &server.log;
        assert_eq!(
            status.and_then(|s| s.code()),
            Some(0),
            "SIG{signal}: {log:?}"
        );
    }
}

/// The listen backlog, the queue of connections the kernel completes and holds until `accept`
/// takes them: 4096, as echo_server asks (the kernel caps it at `net.core.somaxconn`), where
/// std's `bind` gives 128. `ss` shows a listening socket's backlog in its Send-Q column.
#[test]
fn it_listens_with_a_backlog_of_4096() {
    let server = Server::start("");
    let somaxconn = std::fs::read_to_string("/proc/sys/net/core/somaxconn").unwrap();
    let expected = somaxconn.trim().parse::<u32>().unwrap().min(4096);
    let filter = format!("sport = :{}", server.port);
    let ss = output_within(Command::new("ss").args(["-Hltn", &filter]), WATCHDOG, "ss");
    let shown = String::from_utf8_lossy(&ss.stdout);
    // `LISTEN 0 4096 127.0.0.1:41234 0.0.0.0:*`: state, Recv-Q, Send-Q, ...
    let backlogs: Vec<&str> = shown
        .lines()
        .filter_map(|line| line.split_whitespace().nth(2))
        .collect();
    assert_eq!(backlogs, [expected.to_string()], "ss shows:\n{shown}");
}
