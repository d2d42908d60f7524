//! What the tests of `event_loop echo-server` share: the command that starts it, and what
//! /proc tells of the process that serves. The harness that runs it and reads its log, and
//! the checks every echo server of the slides passes, are testkit's (`testkit::echo_server`,
//! `testkit::echo_checks`): echo_server and the Python twin pass the same ones.

// Each test file uses its own part of this module.
#![allow(dead_code)]

use std::process::Command;

use testkit::echo_server::{Server, with_open_files};

pub const PROGRAM: &str = env!("CARGO_BIN_EXE_event_loop");

/// The command that starts `event_loop echo-server` on `host` port 0.
pub fn command(host: &str) -> Command {
    let mut command = Command::new(PROGRAM);
    command.args(["echo-server", host, "0"]);
    command
}

/// Starts the server on `host` port 0 and waits for its "listening on" line.
pub fn start(host: &str) -> Server {
    Server::start(command(host))
}

/// The same, allowed `open_files` file descriptors at most (`prlimit`, util-linux).
pub fn start_with_open_files(host: &str, open_files: u32) -> Server {
    Server::start(with_open_files(&command(host), open_files))
}

/// The process that serves: the one started (it handles its signals itself, through a
/// self-pipe the reactor watches).
pub fn serving_pid(server: &Server) -> u32 {
    server.pid()
}

/// The CPU time the serving process has used so far (user and system), in clock ticks (10 ms
/// each).
pub fn cpu_ticks(server: &Server) -> u64 {
    let pid = serving_pid(server);
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // After the command's name in parentheses: state is field 0, utime 11, stime 12.
    let fields: Vec<&str> = stat.rsplit_once(") ").unwrap().1.split(' ').collect();
    let ticks = |i: usize| fields[i].parse::<u64>().unwrap();
    ticks(11) + ticks(12)
}
