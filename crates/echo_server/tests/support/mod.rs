//! What the tests of the built server share: the command that starts it. The harness that runs
//! it and reads its log, and the checks every echo server of the slides passes, are testkit's
//! (`testkit::echo_server`, `testkit::echo_checks`): `event_loop echo-server` and its Python
//! twin pass the same ones.

// Each test file uses its own part of this module.
#![allow(dead_code)]

use std::process::Command;

use testkit::echo_server::{Server, with_open_files};

pub const PROGRAM: &str = env!("CARGO_BIN_EXE_echo_server");

/// The command that starts the server on `host` port 0.
pub fn command(host: &str) -> Command {
    let mut command = Command::new(PROGRAM);
    command.args([host, "0"]);
    command
}

/// Starts the server on `host` port 0 and waits for its "listening on" line.
pub fn start(host: &str) -> Server {
    Server::start(command(host))
}

/// The same, allowed `open_files` file descriptors at most.
pub fn start_with_open_files(host: &str, open_files: u32) -> Server {
    Server::start(with_open_files(&command(host), open_files))
}
