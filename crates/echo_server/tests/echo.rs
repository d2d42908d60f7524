//! The built server, run as a real process on 127.0.0.1 with port 0, against plain sockets:
//! what any RFC 862 client (nc, socat, the Python client) would see.

mod support;

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::thread;
use testkit::assert_one_line_error;

use support::{PROGRAM, Server, echo_through, peer_repr, random_bytes};

#[test]
fn log_matches_the_slide() {
    let mut server = Server::start("localhost");
    let mut client = TcpStream::connect(("localhost", server.port)).unwrap();
    let text = b"Hello, 3 is my lucky number!";
    client.write_all(text).unwrap();
    let mut echo = [0u8; 28];
    client.read_exact(&mut echo).unwrap();
    assert_eq!(&echo, text);
    let me = peer_repr(&client);
    drop(client);
    server.wait_for(&format!("Client disconnected from {me}"));
    server.signal("INT");
    let (status, log) = server.finish();
    assert!(status.success(), "{status}");
    // The slide shows the log up to the client's departure; Ctrl-C then ends Python's server
    // with a traceback, and ours with one more line.
    let slide_part = log[..3].join("\n") + "\n";
    slides::assert_slide("echo_server", &slide_part);
    assert_eq!(log[1], format!("INFO:root:Client connected from {me}"));
    assert_eq!(log.last().unwrap(), "INFO:root:Server stopped");
}

#[test]
fn sigint_and_sigterm_stop_it_with_clients_connected() {
    for signal in ["INT", "TERM"] {
        let mut server = Server::start("127.0.0.1");
        let idle = server.connect();
        server.wait_for(&format!("Client connected from {}", peer_repr(&idle)));
        server.signal(signal);
        let (status, log) = server.finish();
        assert_eq!(status.code(), Some(0), "SIG{signal}: {log:?}");
        assert_eq!(log.last().unwrap(), "INFO:root:Server stopped", "{log:?}");
        // The server closed the idle client's connection on its way out.
        let mut rest = Vec::new();
        let _ = (&idle).read_to_end(&mut rest);
        assert!(rest.is_empty());
    }
}

#[test]
fn one_mebibyte_of_binary_data_comes_back_byte_for_byte() {
    let server = Server::start("127.0.0.1");
    let client = server.connect();
    let data = random_bytes(1 << 20);
    let echo = echo_through(&client, &data, false);
    assert!(echo == data, "the echo differs from what was sent");
    // Nothing more than what was sent: after our end of stream, the server's.
    client.shutdown(Shutdown::Write).unwrap();
    let mut rest = Vec::new();
    (&client).read_to_end(&mut rest).unwrap();
    assert!(rest.is_empty(), "{} extra bytes", rest.len());
}

#[test]
fn a_half_closed_client_still_receives_everything() {
    let mut server = Server::start("127.0.0.1");
    let client = server.connect();
    let data = random_bytes(300_000);
    let echo = echo_through(&client, &data, true);
    assert!(echo == data);
    let mut rest = Vec::new();
    (&client).read_to_end(&mut rest).unwrap();
    assert!(rest.is_empty());
    server.wait_for(&format!("Client disconnected from {}", peer_repr(&client)));
}

#[tokio::test]
async fn a_reset_mid_stream_affects_no_other_client() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut server = Server::start("127.0.0.1");
    let port = server.port;
    let mut steady = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .unwrap();
    let mut echo = [0u8; 6];
    steady.write_all(b"before").await.unwrap();
    steady.read_exact(&mut echo).await.unwrap();
    assert_eq!(&echo, b"before");

    // A client sends plenty, reads the first byte of its echo (the server is mid-stream), then
    // resets the connection: SO_LINGER 0 makes close send RST instead of FIN.
    let rude = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .unwrap();
    let rude_addr = common::pyrepr::address(rude.local_addr().unwrap());
    let (mut rude_reader, mut rude_writer) = rude.into_split();
    rude_writer.write_all(&random_bytes(200_000)).await.unwrap();
    let mut first = [0u8; 1];
    rude_reader.read_exact(&mut first).await.unwrap();
    let rude = rude_reader.reunite(rude_writer).unwrap();
    rude.set_zero_linger().unwrap();
    drop(rude);

    // The server logs the failure with the peer's address, and lets the client go.
    let failure = server.wait_for(&format!("Connection with {rude_addr} failed"));
    assert!(failure.starts_with("ERROR:root:"), "{failure}");
    server.wait_for(&format!("Client disconnected from {rude_addr}"));

    // The other connection goes on, and new clients are served.
    steady.write_all(b"after!").await.unwrap();
    steady.read_exact(&mut echo).await.unwrap();
    assert_eq!(&echo, b"after!");
    let newcomer = server.connect();
    assert!(echo_through(&newcomer, b"newcomer", false) == b"newcomer");
    assert!(!server.log.iter().any(|l| l.contains("panicked")));
}

#[test]
fn a_client_that_never_reads_stalls_only_itself() {
    const FLOOD: usize = 64 << 20;
    let mut server = Server::start("127.0.0.1");
    // One client connects and sends nothing.
    let silent = server.connect();
    server.wait_for(&format!("Client connected from {}", peer_repr(&silent)));
    // Another sends without ever reading: once the buffers between it and the server are
    // full, the server's write_all waits, the server stops reading from it, and its own
    // write blocks. The server holds no more than one 1024-byte buffer for it.
    let mut flood = server.connect();
    server.wait_for(&format!("Client connected from {}", peer_repr(&flood)));
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

    // Meanwhile a third one is echoed in full.
    let busy = server.connect();
    let data = random_bytes(1 << 20);
    assert!(echo_through(&busy, &data, false) == data);

    // Stopping the server closes the flooding connection: its write fails. Had the server
    // read everything the client sent, buffering it, the whole flood would have gone through.
    server.signal("INT");
    let sent = flooding.join().unwrap();
    assert!(sent < FLOOD, "the server took all {sent} bytes");
    let (status, _) = server.finish();
    assert!(status.success());
    drop(silent);
}

/// Runs the server with `args` until it exits; returns its exit code and stderr.
#[test]
fn a_bad_port_is_a_usage_error() {
    for port in ["seven", "70000", "-1"] {
        let err = assert_one_line_error(
            PROGRAM,
            &["127.0.0.1", port],
            common::EXIT_USAGE,
            &format!("'{port}'"),
        );
        assert!(err.contains("usage: echo_server [HOST [PORT]]"), "{err}");
    }
    assert_one_line_error(
        PROGRAM,
        &["127.0.0.1", "7000", "extra"],
        common::EXIT_USAGE,
        "'extra'",
    );
}

#[test]
fn a_port_in_use_is_named() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let err = assert_one_line_error(
        PROGRAM,
        &["127.0.0.1", &port.to_string()],
        common::EXIT_FAILURE,
        &format!("('127.0.0.1', {port})"),
    );
    assert!(err.contains("in use"), "{err}");
}

#[test]
fn a_host_that_does_not_resolve_is_named() {
    let host = testkit::unresolvable_host();
    assert_one_line_error(
        PROGRAM,
        &[&host, "0"],
        common::EXIT_FAILURE,
        &format!("'{host}'"),
    );
}

#[test]
fn help() {
    testkit::assert_help(PROGRAM, &["cargo run -p echo_server -- [HOST [PORT]]"]);
}

#[test]
fn an_argument_that_is_not_utf8_is_named() {
    testkit::assert_non_utf8_argument_refused(PROGRAM);
}
