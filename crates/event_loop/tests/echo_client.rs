//! `event_loop echo-client`, run as a real process against plain sockets on 127.0.0.1 port 0
//! that play the server, against `event_loop echo-server`, and both against the tokio lessons
//! echo_server and echo_client: the same lines, errors and exit codes.

mod support;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::thread;

use support::{PROGRAM, Server, WATCHDOG};
use testkit::{assert_one_line_error, servers};

fn run_client(args: &[&str]) -> Output {
    Command::new(PROGRAM)
        .arg("echo-client")
        .args(args)
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// The echo of RFC 862 for one connection, on a thread: every byte back until the client
/// closes; returns what it received.
fn plain_echo_server() -> (u16, thread::JoinHandle<Vec<u8>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        stream.set_read_timeout(Some(WATCHDOG)).unwrap();
        let mut received = Vec::new();
        let mut buf = [0u8; 1024];
        loop {
            let n = stream.read(&mut buf).unwrap();
            if n == 0 {
                return received;
            }
            received.extend_from_slice(&buf[..n]);
            stream.write_all(&buf[..n]).unwrap();
        }
    });
    (port, server)
}

/// The client succeeded and printed the slide's two lines (the number in 1..=100).
fn assert_echoed(out: &Output) {
    assert!(out.status.success(), "{out:?}");
    let printed = stdout(out);
    slides::assert_slide("echo_client", &printed);
}

#[test]
fn prints_the_slide_against_a_plain_echo_server() {
    let (port, server) = plain_echo_server();
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
    let mut server = Server::start("127.0.0.1");
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
    let mut server = Server::start("127.0.0.1");
    let out = Command::new(lesson("echo_client"))
        .args(["127.0.0.1", &server.port.to_string()])
        .output()
        .unwrap();
    assert_echoed(&out);
    server.wait_for("Client disconnected");
}

#[test]
fn this_loops_client_talks_to_the_tokio_server() {
    let mut command = Command::new(lesson("echo_server"));
    let mut tokio_server = command
        .args(["127.0.0.1", "0"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Its first line gives the port: `INFO:root:Server started, listening on ('127.0.0.1', N)`,
    // read on a thread so that the wait for it has a bound.
    let stderr = tokio_server.stderr.take().unwrap();
    let (tx, first_line) = std::sync::mpsc::channel();
    thread::spawn(move || {
        let mut line = String::new();
        let _ = std::io::BufRead::read_line(&mut std::io::BufReader::new(stderr), &mut line);
        let _ = tx.send(line);
    });
    let line = first_line.recv_timeout(WATCHDOG);
    let line = line.unwrap_or_else(|e| panic!("echo_server logged nothing: {e}"));
    let port = line
        .trim_end()
        .rsplit_once(", ")
        .and_then(|(_, p)| p.strip_suffix(')'))
        .unwrap_or_else(|| panic!("no port in {line:?}"))
        .to_string();
    let out = run_client(&["127.0.0.1", &port]);
    let _ = tokio_server.kill();
    let _ = tokio_server.wait();
    assert_echoed(&out);
}

#[test]
fn a_refused_connection_names_host_and_port() {
    let port = servers::refused().unwrap().port();
    let err = assert_one_line_error(
        PROGRAM,
        &["echo-client", "127.0.0.1", &port.to_string()],
        common::EXIT_FAILURE,
        &format!("('127.0.0.1', {port})"),
    );
    assert!(
        err.starts_with("event_loop echo-client: cannot connect to"),
        "{err}"
    );
    assert!(err.contains("refused"), "{err}");
}

#[test]
fn a_server_that_never_echoes_is_given_up() {
    let port = servers::silent().unwrap().port();
    let out = run_client(&["--timeout", "1", "127.0.0.1", &port.to_string()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(common::EXIT_FAILURE), "{err}");
    assert_eq!(
        err,
        format!("event_loop echo-client: no echo from ('127.0.0.1', {port}) within 1 s\n")
    );
    assert!(
        stdout(&out).starts_with("Sent to server:  Hello, "),
        "{out:?}"
    );
}

#[test]
fn a_connection_that_never_completes_is_given_up() {
    let port = servers::never_completing().unwrap().port();
    let err = assert_one_line_error(
        PROGRAM,
        &[
            "echo-client",
            "127.0.0.1",
            &port.to_string(),
            "--timeout",
            "1",
        ],
        common::EXIT_FAILURE,
        &format!("('127.0.0.1', {port})"),
    );
    assert_eq!(
        err,
        format!(
            "event_loop echo-client: cannot connect to ('127.0.0.1', {port}): no answer \
             within 1 s\n"
        )
    );
}

#[test]
fn a_lookup_that_hangs_is_given_up() {
    let host = testkit::dns::HOST;
    let args = ["echo-client", "--timeout", "1", host, "7"];
    let out = testkit::dns::run_with_silent_name_server(PROGRAM, &args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(common::EXIT_FAILURE), "{err}");
    assert_eq!(
        err,
        format!("event_loop echo-client: cannot connect to ('{host}', 7): no answer within 1 s\n")
    );
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
