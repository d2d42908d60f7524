//! What `event_loop echo-server` sets up in its own process, seen from outside it: signal
//! handlers that hold even when its parent ignored the signals, and the depth of its listen
//! queue, as the kernel reports them.

use std::process::Command;

use testkit::bounded::output_within;
use testkit::echo_server::{Server, WATCHDOG};

const PROGRAM: &str = env!("CARGO_BIN_EXE_event_loop");

/// A server started on 127.0.0.1 port 0 by `sh -c 'SETUP exec PROGRAM echo-server ...'`: the
/// shell runs `setup`, then becomes the server (same process).
fn start(setup: &str) -> Server {
    let script = format!(r#"{setup} exec "$0" echo-server 127.0.0.1 0"#);
    let mut command = Command::new("sh");
    command.args(["-c", &script]).arg(PROGRAM);
    Server::start(command)
}

/// As a script's `cmd &` leaves SIGINT, and `nohup` SIGHUP: the server starts with SIGINT and
/// SIGTERM ignored. It installs its own handlers, as tokio's echo_server and asyncio's
/// `add_signal_handler` do, so each still stops it cleanly. (A shell's `trap` could not: a
/// signal ignored when a non-interactive shell starts cannot be trapped.)
#[test]
fn signals_ignored_by_its_parent_still_stop_it() {
    for signal in ["INT", "TERM"] {
        let mut server = start("trap '' INT TERM;");
        let pid = server.pid().to_string();
        // The shell has become the server: its process ignored both signals from the start.
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
        assert!(
            status.contains("Name:\tevent_loop"),
            "not the server: {status}"
        );
        server.signal(signal);
        server.wait_for("Server stopped");
        let (status, log) = server.finish();
        assert_eq!(status.code(), Some(0), "SIG{signal}: {log:?}");
    }
}

/// The listen backlog, the queue of connections the kernel completes and holds until `accept`
/// takes them: 4096, as echo_server asks (the kernel caps it at `net.core.somaxconn`), where
/// std's `bind` gives 128. `ss` shows a listening socket's backlog in its Send-Q column.
#[test]
fn it_listens_with_a_backlog_of_4096() {
    let server = start("");
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
