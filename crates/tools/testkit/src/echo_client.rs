//! An echo client of the slides' protocol, run as a real process: echo_client and `event_loop
//! echo-client` send `Hello, N is my lucky number!`, print what they sent and what came back,
//! and give up on a server that never answers with the same one-line errors. [`Client`] runs
//! one and holds the checks both pass; [`serve_once`] and [`echo`] play the server.

use std::io::{ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Output};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::assert_one_line_error;
use crate::echo_server::WATCHDOG;
use crate::servers;

/// How to run a client, and the name its errors begin with.
#[derive(Clone, Copy)]
pub struct Client {
    /// The program built.
    pub program: &'static str,
    /// The arguments before the client's own (`echo-client` for `event_loop`).
    pub command: &'static [&'static str],
    /// What its error lines begin with, before `: `.
    pub name: &'static str,
}

impl Client {
    /// Runs the client with `args` until it exits ([`WATCHDOG`] at most, then it is killed
    /// and the test fails).
    pub fn run(&self, args: &[&str]) -> Output {
        let mut command = Command::new(self.program);
        command.args(self.command).args(args);
        crate::bounded::output_within(&mut command, WATCHDOG, self.name)
    }

    /// `program`, then the client's arguments: what [`assert_one_line_error`] runs.
    fn args<'a>(&'a self, args: &[&'a str]) -> Vec<&'a str> {
        self.command.iter().chain(args).copied().collect()
    }

    /// A server that accepts and reads but never echoes: with `--timeout 1` the client gives
    /// up after it has printed what it sent, with one line naming the server and the bound.
    pub fn a_server_that_never_echoes_is_given_up(&self) {
        let port = servers::silent().unwrap().port();
        let out = self.run(&["--timeout", "1", "127.0.0.1", &port.to_string()]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(common::EXIT_FAILURE), "{err}");
        assert_eq!(
            err,
            format!(
                "{}: no echo from ('127.0.0.1', {port}) within 1 s\n",
                self.name
            )
        );
        // What was sent, it says it sent.
        assert!(
            stdout(&out).starts_with("Sent to server:  Hello, "),
            "{out:?}"
        );
    }

    /// A connection that never completes: the client gives up after `--timeout`, which may
    /// come after HOST and PORT.
    pub fn a_connection_that_never_completes_is_given_up(&self) {
        let port = servers::never_completing().unwrap().port();
        let port_text = port.to_string();
        let err = assert_one_line_error(
            self.program,
            &self.args(&["127.0.0.1", &port_text, "--timeout", "1"]),
            common::EXIT_FAILURE,
            &format!("('127.0.0.1', {port})"),
        );
        assert_eq!(
            err,
            format!(
                "{}: cannot connect to ('127.0.0.1', {port}): no answer within 1 s\n",
                self.name
            )
        );
    }

    /// A host lookup that never answers: the client gives up after `--timeout`.
    pub fn a_lookup_that_hangs_is_given_up(&self) {
        let host = crate::dns::HOST;
        let args = self.args(&["--timeout", "1", host, "7"]);
        let out = crate::dns::run_with_silent_name_server(self.program, &args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(common::EXIT_FAILURE), "{err}");
        assert_eq!(
            err,
            format!(
                "{}: cannot connect to ('{host}', 7): no answer within 1 s\n",
                self.name
            )
        );
    }

    /// A port nobody listens on: one line naming host and port, and the refusal.
    pub fn a_refused_connection_names_host_and_port(&self) {
        let port = servers::refused().unwrap().port();
        let port_text = port.to_string();
        let err = assert_one_line_error(
            self.program,
            &self.args(&["127.0.0.1", &port_text]),
            common::EXIT_FAILURE,
            &format!("('127.0.0.1', {port})"),
        );
        assert!(
            err.starts_with(&format!("{}: cannot connect to", self.name)),
            "{err}"
        );
        assert!(err.contains("refused"), "{err}");
    }
}

/// What a client printed on stdout.
pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// A one-connection server on a free port of 127.0.0.1: `serve` gets the accepted connection
/// (its reads fail after [`WATCHDOG`] rather than hang) and returns what the client sent.
pub fn serve_once(
    serve: impl FnOnce(TcpStream) -> Vec<u8> + Send + 'static,
) -> (u16, JoinHandle<Vec<u8>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    listener.set_nonblocking(true).unwrap();
    let server = thread::spawn(move || {
        // Polled, so that a client that never comes fails the test instead of hanging it.
        let deadline = Instant::now() + WATCHDOG;
        let stream = loop {
            match listener.accept() {
                Ok((stream, _)) => break stream,
                Err(e) if e.kind() == ErrorKind::WouldBlock && Instant::now() < deadline => {
                    thread::sleep(Duration::from_millis(10));
                }
                Err(e) => panic!("no client connected within {WATCHDOG:?}: {e}"),
            }
        };
        stream.set_nonblocking(false).unwrap();
        stream.set_read_timeout(Some(WATCHDOG)).unwrap();
        serve(stream)
    });
    (port, server)
}

/// The echo of RFC 862: every byte back until the client closes; returns what it received.
pub fn echo(mut stream: TcpStream) -> Vec<u8> {
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
}
