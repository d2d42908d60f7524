//! The built client, run as a real process against plain sockets on 127.0.0.1 port 0 that
//! play the server: an RFC 862 echo, one that splits its echo, one that answers bytes that are
//! not UTF-8, one that hangs up, one that never answers, one that never lets the connection
//! complete, and none at all.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::process::Output;
use testkit::assert_one_line_error;
use testkit::echo_client::{Client, echo, serve_once, stdout};

const PROGRAM: &str = env!("CARGO_BIN_EXE_echo_client");

const CLIENT: Client = Client {
    program: PROGRAM,
    command: &[],
    name: "echo_client",
};

/// Reads the client's message: it ends with `!`.
fn read_message(stream: &mut TcpStream) -> Vec<u8> {
    let mut message = Vec::new();
    let mut byte = [0u8; 1];
    while !message.ends_with(b"!") {
        stream.read_exact(&mut byte).unwrap();
        message.push(byte[0]);
    }
    message
}

fn run_client(args: &[&str]) -> Output {
    CLIENT.run(args)
}

#[test]
fn prints_the_slide_against_a_plain_echo_server() {
    let (port, server) = serve_once(echo);
    let out = run_client(&["127.0.0.1", &port.to_string()]);
    assert!(out.status.success(), "{out:?}");
    let printed = stdout(&out);
    slides::assert_slide("echo_client", &printed);
    // What it says it sent is what the server received, and the number is in 1..=100.
    let sent = String::from_utf8(server.join().unwrap()).unwrap();
    assert_eq!(
        printed.lines().next().unwrap(),
        format!("Sent to server:  {sent}")
    );
    let n: u32 = sent
        .strip_prefix("Hello, ")
        .and_then(|s| s.strip_suffix(" is my lucky number!"))
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!((1..=100).contains(&n), "{n}");
}

#[test]
fn waits_for_an_echo_that_comes_in_pieces() {
    let (port, server) = serve_once(|mut stream| {
        stream.set_nodelay(true).unwrap();
        let message = read_message(&mut stream);
        // One byte per segment: a single read(1024) would see only the first.
        for byte in &message {
            stream.write_all(std::slice::from_ref(byte)).unwrap();
        }
        message
    });
    let out = run_client(&["127.0.0.1", &port.to_string()]);
    assert!(out.status.success(), "{out:?}");
    let sent = String::from_utf8(server.join().unwrap()).unwrap();
    assert_eq!(
        stdout(&out),
        format!("Sent to server:  {sent}\nReceived from server:  {sent}\n")
    );
}

#[test]
fn prints_bytes_that_are_not_utf8_lossily() {
    let (port, server) = serve_once(|mut stream| {
        let message = read_message(&mut stream);
        let mut answer = b"caf\xc3\xa9 \xff\xfe".to_vec();
        answer.resize(message.len(), b'.');
        stream.write_all(&answer).unwrap();
        message
    });
    let out = run_client(&["127.0.0.1", &port.to_string()]);
    assert!(out.status.success(), "{out:?}");
    let sent = server.join().unwrap();
    let received = stdout(&out).lines().nth(1).unwrap().to_string();
    let dots = ".".repeat(sent.len() - 8);
    assert_eq!(
        received,
        format!("Received from server:  café \u{fffd}\u{fffd}{dots}")
    );
}

#[test]
fn a_server_that_hangs_up_early_is_an_error() {
    let (port, server) = serve_once(|mut stream| {
        let message = read_message(&mut stream);
        stream.write_all(b"Hello").unwrap();
        stream.shutdown(Shutdown::Both).unwrap();
        message
    });
    let out = run_client(&["127.0.0.1", &port.to_string()]);
    let sent = server.join().unwrap();
    // "Sent to server: ..." is on stdout already; the error is one line on stderr.
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(common::EXIT_FAILURE), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(&format!("('127.0.0.1', {port})")), "{err}");
    assert!(err.contains(&format!("5 of {} bytes", sent.len())), "{err}");
}

#[test]
fn a_refused_connection_names_host_and_port() {
    CLIENT.a_refused_connection_names_host_and_port();
}

#[test]
fn a_host_that_does_not_resolve_is_named() {
    let host = testkit::unresolvable_host();
    assert_one_line_error(
        PROGRAM,
        &[&host, "7000"],
        common::EXIT_FAILURE,
        &format!("('{host}', 7000)"),
    );
}

#[test]
fn a_bad_port_is_a_usage_error() {
    for port in ["seven", "70000", "-1", ""] {
        let err = assert_one_line_error(
            PROGRAM,
            &["127.0.0.1", port],
            common::EXIT_USAGE,
            &format!("'{port}'"),
        );
        assert!(
            err.contains("usage: echo_client [--timeout SECS] [HOST [PORT]]"),
            "{err}"
        );
    }
    assert_one_line_error(
        PROGRAM,
        &["127.0.0.1", "7000", "extra"],
        common::EXIT_USAGE,
        "'extra'",
    );
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
fn a_bad_timeout_is_a_usage_error() {
    // 1e19 s cannot be added to the clock; above one day is refused, in all three clients.
    for value in ["soon", "0", "-1", "", "1e19", "86401"] {
        assert_one_line_error(
            PROGRAM,
            &["--timeout", value, "127.0.0.1", "7000"],
            common::EXIT_USAGE,
            &format!("'{value}'"),
        );
    }
    assert_one_line_error(PROGRAM, &["--timeout"], common::EXIT_USAGE, "--timeout");
}

#[test]
fn help() {
    testkit::assert_help(
        PROGRAM,
        &[
            "cargo run -p echo_client -- [--timeout SECS] [HOST [PORT]]",
            "cargo run -p echo_server",
            "\n  --timeout SECS   how long to wait for the connection, then for the whole echo\n\
             \x20                  (default 10, at most 86400)",
        ],
    );
}

#[test]
fn a_closed_stdout_ends_it_quietly() {
    testkit::assert_quiet_when_stdout_closed(PROGRAM, &["--help"], 0);
    // Against a server: it stops at "Sent to server", its first line. The server echoes
    // until the client is gone, whichever way it goes.
    let (port, _server) = serve_once(|mut stream| {
        let mut buf = [0u8; 1024];
        while let Ok(n @ 1..) = stream.read(&mut buf) {
            if stream.write_all(&buf[..n]).is_err() {
                break;
            }
        }
        Vec::new()
    });
    testkit::assert_quiet_when_stdout_closed(PROGRAM, &["127.0.0.1", &port.to_string()], 0);
}

#[test]
fn an_argument_that_is_not_utf8_is_named() {
    testkit::assert_non_utf8_argument_refused(PROGRAM);
}
