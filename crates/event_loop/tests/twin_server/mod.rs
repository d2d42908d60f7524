//! What the tests of the Python twin's echo server share: the command that starts `python3
//! event_loop.py echo-server HOST 0`. The harness that runs it and reads its log, and the
//! checks every echo server of the slides passes, are testkit's (`testkit::echo_server`,
//! `testkit::echo_checks`): echo_server and `event_loop echo-server` pass the same ones.

// Each test file uses its own part of this module.
#![allow(dead_code)]

use std::process::{Command, Stdio};

use testkit::echo_server::{Server, with_open_files};

pub const TWIN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/event_loop.py");

/// The command that starts the twin's echo server on `host` port 0.
pub fn command(host: &str) -> Command {
    let mut command = Command::new("python3");
    command
        .args([TWIN, "echo-server", host, "0"])
        .stdin(Stdio::null());
    command
}

/// The same, allowed `open_files` file descriptors at most (its soft and hard limit, set by
/// `prlimit` from util-linux).
pub fn start_with_open_files(host: &str, open_files: u32) -> Server {
    let mut command = with_open_files(&command(host), open_files);
    command.stdin(Stdio::null());
    Server::start(command)
}
