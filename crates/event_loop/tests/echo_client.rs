//! `event_loop echo-client`, run as a real process against plain sockets on 127.0.0.1 port 0
//! that play the server, against `event_loop echo-server`, and both against the tokio lessons
//! echo_server and echo_client: the same lines, errors and exit codes.

mod support;

use std::path::PathBuf;
use std::process::{Command, Output};

use support::{PROGRAM, start};
use testkit::assert_one_line_error;
use testkit::echo_client::{Client, echo, serve_once, stdout};
use testkit::echo_server::{Server, WATCHDOG};

const CLIENT: Client = Client {
    program: PROGRAM,
    command: &["echo-client"],
    name: "event_loop echo-client",
};

fn run_client(args: &[&str]) -> Output {
    CLIENT.run(args)
}

/// The client succeeded and printed the slide's two lines (the number in 1..=100).
fn assert_echoed(out: &Output) {
    assert!(out.status.success(), "{out:?}");
    let printed = stdout(out);
    slides::assert_slide("echo_client", &printed);
}

#[test]
fn prints_the_slide_against_a_plain_echo_server() {
    let (port, server) = serve_once(echo);
    let out = run_client(&["127.0.0.1", &port.to_string()]);
    assert_echoed(&out);
    let sent = String::from_utf8(server.join().unwrap()).unwrap();
    assert_eq!(
        stdout(&out).lines().next().unwrap(),
        format!("Sent to server:  {sent}")
    );
}

#[test]
fn client_and_server_on_this_loop_talk() {
    let mut server = start("127.0.0.1");
    let out = run_client(&["127.0.0.1", &server.port.to_string()]);
    assert_echoed(&out);
    server.wait_for("Client disconnected");
}

/// A tokio lesson's binary, built beside this one (same target directory and profile).
fn lesson(name: &str) -> PathBuf {
    let dir = PathBuf::from(PROGRAM).parent().unwrap().to_path_buf();
    let release = dir.ends_with("release");
    let mut build = Command::new(env!("CARGO"));
    build.args(["build", "--quiet", "-p", name]);
    if release {
        build.arg("--release");
    }
    let status = build.status().unwrap();
    assert!(status.success(), "cargo build -p {name}: {status}");
    dir.join(name)
}

#[test]
fn the_tokio_client_talks_to_this_loops_server() {
    let mut server = start("127.0.0.1");
    let mut client = Command::new(lesson("echo_client"));
    client.args(["127.0.0.1", &server.port.to_string()]);
    let out = testkit::bounded::output_within(&mut client, WATCHDOG, "echo_client");
    assert_echoed(&out);
    server.wait_for("Client disconnected");
}

#[test]
fn this_loops_client_talks_to_the_tokio_server() {
    let mut tokio_server = Command::new(lesson("echo_server"));
    tokio_server.args(["127.0.0.1", "0"]);
    let tokio_server = Server::start(tokio_server);
    let out = run_client(&["127.0.0.1", &tokio_server.port.to_string()]);
    drop(tokio_server);
    assert_echoed(&out);
}

#[test]
fn a_refused_connection_names_host_and_port() {
    CLIENT.a_refused_connection_names_host_and_port();
}

#[test]
fn a_server_that_never_echoes_is_given_up() {
    CLIENT.a_server_that_never_echoes_is_given_up();
}

#[test]
fn a_connection_that_never_completes_is_given_up() {
    CLIENT.a_connection_that_never_completes_is_given_up();
}

#[test]
fn a_lookup_that_hangs_is_given_up() {
    CLIENT.a_lookup_that_hangs_is_given_up();
}

#[test]
fn bad_command_lines_are_usage_errors() {
    for (args, named) in [
        (&["echo-client", "--timeout", "soon"][..], "'soon'"),
        (&["echo-client", "--timeout", "0"], "'0'"),
        (&["echo-client", "--timeout"], "--timeout"),
        (&["echo-client", "h", "seven"], "'seven'"),
        (&["echo-client", "h", "8", "extra"], "'extra'"),
        (&["echo-client", "--verbose"], "'--verbose'"),
    ] {
        let err = assert_one_line_error(PROGRAM, args, common::EXIT_USAGE, named);
        assert!(err.starts_with("event_loop echo-client: "), "{err}");
    }
}
