//! `python3 event_loop.py echo-server`: the slides' echo protocol served by the Python twin's
//! own loop and reactor, run as a real process on 127.0.0.1 port 0, against plain sockets. It
//! logs what echo_server logs, and is as robust.

mod twin_server;

use std::collections::HashSet;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::process::Command;
use std::thread;

use twin_server::{TWIN, Twin, binary_bytes, echo_through, peer_repr};

#[test]
fn logs_the_slides_lines() {
    let mut twin = Twin::start("localhost");
    let mut client = TcpStream::connect(("localhost", twin.port)).unwrap();
    let text = b"Hello, 3 is my lucky number!";
    client.write_all(text).unwrap();
    let mut echo = [0u8; 28];
    client.read_exact(&mut echo).unwrap();
    assert_eq!(&echo, text);
    let me = peer_repr(&client);
    drop(client);
    twin.wait_for(&format!("Client disconnected from {me}"));
    twin.signal("INT");
    let (status, log) = twin.finish();
    assert_eq!(status.code(), Some(0), "{log:?}");
    // The lines of echo_server's slide, then the one line Ctrl-C adds.
    slides::assert_slide("echo_server", &(log[..3].join("\n") + "\n"));
    assert_eq!(log[1], format!("INFO:root:Client connected from {me}"));
    assert_eq!(log.last().unwrap(), "INFO:root:Server stopped");
}

#[test]
fn sigint_and_sigterm_stop_it_with_clients_connected() {
    for signal in ["INT", "TERM"] {
        let mut twin = Twin::start("127.0.0.1");
        let idle = twin.connect();
        twin.wait_for(&format!("Client connected from {}", peer_repr(&idle)));
        twin.signal(signal);
        let (status, log) = twin.finish();
        assert_eq!(status.code(), Some(0), "SIG{signal}: {log:?}");
        assert_eq!(log.last().unwrap(), "INFO:root:Server stopped", "{log:?}");
        let mut rest = Vec::new();
        let _ = (&idle).read_to_end(&mut rest);
        assert!(rest.is_empty());
    }
}

#[test]
fn a_half_closed_client_still_receives_every_byte_in_order() {
    let mut twin = Twin::start("127.0.0.1");
    let client = twin.connect();
    let data = binary_bytes(300_000);
    let echo = echo_through(&client, &data, true);
    assert!(echo == data, "the echo differs from what was sent");
    // Nothing more than what was sent: after our end of stream, the server's.
    let mut rest = Vec::new();
    (&client).read_to_end(&mut rest).unwrap();
    assert!(rest.is_empty(), "{} extra bytes", rest.len());
    twin.wait_for(&format!("Client disconnected from {}", peer_repr(&client)));
}

#[test]
fn a_reset_mid_stream_affects_no_other_client() {
    let mut twin = Twin::start("127.0.0.1");
    let steady = twin.connect();
    assert!(echo_through(&steady, b"before", false) == b"before");

    // A client sends plenty, reads the first byte of its echo (the server is mid-stream), then
    // closes with unread bytes in its receive buffer: the kernel resets the connection.
    let mut rude = twin.connect();
    let rude_addr = peer_repr(&rude);
    rude.write_all(&binary_bytes(200_000)).unwrap();
    let mut first = [0u8; 1];
    rude.read_exact(&mut first).unwrap();
    drop(rude);

    let failure = twin.wait_for(&format!("Connection with {rude_addr} failed"));
    assert!(failure.starts_with("ERROR:root:"), "{failure}");
    twin.wait_for(&format!("Client disconnected from {rude_addr}"));

    // The other connection goes on, and new clients are served.
    assert!(echo_through(&steady, b"after!", false) == b"after!");
    let newcomer = twin.connect();
    assert!(echo_through(&newcomer, b"newcomer", false) == b"newcomer");
    assert!(!twin.log.iter().any(|l| l.contains("Traceback")));
}

#[test]
fn a_client_that_never_reads_stalls_only_itself() {
    const FLOOD: usize = 64 << 20;
    let mut twin = Twin::start("127.0.0.1");
    // A client sends without ever reading: once the buffers between it and the server are
    // full, the server's send waits, the server stops reading from it, and its own write
    // blocks. The server holds no more than one 1024-byte read for it.
    let mut flood = twin.connect();
    twin.wait_for(&format!("Client connected from {}", peer_repr(&flood)));
    let flooding = thread::spawn(move || {
        let data = vec![b'x'; 1 << 16];
        let mut sent = 0;
        while sent < FLOOD {
            match flood.write(&data) {
                Ok(n) => sent += n,
                Err(_) => break,
            }
        }
        sent
    });

    // Meanwhile another one is echoed in full.
    let busy = twin.connect();
    let data = binary_bytes(1 << 20);
    assert!(echo_through(&busy, &data, false) == data);

    // Stopping the server closes the flooding connection: its write fails. Had the server read
    // everything the client sent, buffering it, the whole flood would have gone through.
    twin.signal("INT");
    let sent = flooding.join().unwrap();
    assert!(sent < FLOOD, "the server took all {sent} bytes");
    let (status, _) = twin.finish();
    assert!(status.success());
}

/// The server's limit of open files: Python and the loop take about ten, each client one more.
const OPEN_FILES: u32 = 64;

#[test]
fn out_of_file_descriptors_it_serves_whom_it_has_and_accepts_again_once_some_leave() {
    let mut twin = Twin::start_with_open_files("127.0.0.1", OPEN_FILES);
    let clients: Vec<TcpStream> = (0..OPEN_FILES + 16).map(|_| twin.connect()).collect();
    // Out of descriptors, the server logs it, pauses 100 ms (a timer, not a spin), and tries
    // again; meanwhile its loop has run every task it accepted: by the second error line, each
    // accepted client has logged "Client connected".
    let error = format!(
        "ERROR:root:Cannot accept a connection on ('127.0.0.1', {}): Too many open files",
        twin.port
    );
    assert!(
        twin.wait_for("Cannot accept").starts_with(&error),
        "{error}"
    );
    twin.wait_for("Cannot accept");
    let accepted: HashSet<&str> = twin
        .log
        .iter()
        .filter_map(|l| l.strip_prefix("INFO:root:Client connected from "))
        .collect();
    let (held, waiting): (Vec<TcpStream>, Vec<TcpStream>) = clients
        .into_iter()
        .partition(|c| accepted.contains(peer_repr(c).as_str()));
    assert!(
        !waiting.is_empty() && waiting.len() < held.len(),
        "{} held, {} waiting",
        held.len(),
        waiting.len()
    );
    for (i, client) in held.iter().enumerate() {
        let message = format!("held client {i}");
        assert_eq!(
            echo_through(client, message.as_bytes(), false),
            message.as_bytes()
        );
    }
    // They leave: the server accepts the waiting ones, and echoes them.
    for client in &held {
        client.shutdown(Shutdown::Both).unwrap();
    }
    drop(held);
    for (i, client) in waiting.iter().enumerate() {
        let message = format!("waiting client {i}");
        assert_eq!(
            echo_through(client, message.as_bytes(), false),
            message.as_bytes()
        );
    }
    let newcomer = twin.connect();
    assert_eq!(echo_through(&newcomer, b"newcomer", false), b"newcomer");
    assert!(!twin.log.iter().any(|l| l.contains("Traceback")));
}

/// Runs `python3 event_loop.py ARGS`; returns its exit code and stderr.
fn run_twin(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new("python3")
        .arg(TWIN)
        .args(args)
        .output()
        .unwrap();
    assert!(out.stdout.is_empty(), "{args:?}: stdout not empty");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn bad_input_is_one_line_naming_it() {
    for (args, named) in [
        (&["echo-server", "127.0.0.1", "seven"][..], "'seven'"),
        (&["echo-server", "127.0.0.1", "70000"], "'70000'"),
        (&["echo-server", "127.0.0.1", "7000", "extra"], "'extra'"),
    ] {
        let (code, err) = run_twin(args);
        assert_eq!(code, Some(common::EXIT_USAGE), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(named), "{err}");
    }
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let (code, err) = run_twin(&["echo-server", "127.0.0.1", &port]);
    assert_eq!(code, Some(common::EXIT_FAILURE), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(&format!("('127.0.0.1', {port})")), "{err}");
    assert!(err.contains("in use"), "{err}");
}
