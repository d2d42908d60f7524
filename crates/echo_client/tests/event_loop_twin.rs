//! The client against the event_loop lesson's Python twin serving the same protocol on its own
//! loop (`python3 crates/event_loop/event_loop.py echo-server 127.0.0.1 0`): the slide's two
//! lines, whichever loop serves them.

use std::process::{Command, Stdio};

use testkit::echo_client::Client;
use testkit::echo_server::Server;

const PROGRAM: &str = env!("CARGO_BIN_EXE_echo_client");
const TWIN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../event_loop/event_loop.py");

/// Starts the twin on 127.0.0.1 port 0; it is killed when dropped, also when the test fails.
fn start_twin() -> Server {
    let mut twin = Command::new("python3");
    twin.args([TWIN, "echo-server", "127.0.0.1", "0"])
        .stdin(Stdio::null());
    Server::start(twin)
}

#[test]
fn prints_the_slide_against_the_event_loop_twins_server() {
    let twin = start_twin();
    let client = Client {
        program: PROGRAM,
        command: &[],
        name: "echo_client",
    };
    let out = client.run(&["--timeout", "30", "127.0.0.1", &twin.port.to_string()]);
    assert!(out.status.success(), "{out:?}");
    let printed = String::from_utf8(out.stdout).unwrap();
    slides::assert_slide("echo_client", &printed);
}
