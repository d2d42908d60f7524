//! `event_loop echo-server`, run as a real process on 127.0.0.1 port 0, against plain sockets:
//! what echo_server's tests ask of tokio's, asked of this loop's.

mod support;

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::thread;

use support::{PROGRAM, Server, WATCHDOG, binary_bytes, echo_through, peer_repr};
use testkit::assert_one_line_error;

#[test]
fn log_matches_the_slide() {
    let mut server = Server::start("localhost");
    let mut client = TcpStream::connect(("localhost", server.port)).unwrap();
    let text = b"Hello, 3 is my lucky number!";
    client.write_all(text).unwrap();
    let mut echo = [0u8; 28];
    client.set_read_timeout(Some(WATCHDOG)).unwrap();
    client.read_exact(&mut echo).unwrap();
    assert_eq!(&echo, text);
    let me = peer_repr(&client);
    drop(client);
    server.wait_for(&format!("Client disconnected from {me}"));
    server.signal("INT");
    let (status, log) = server.finish();
    assert_eq!(status.code(), Some(0), "{log:?}");
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
        idle.set_read_timeout(Some(WATCHDOG)).unwrap();
        let mut rest = Vec::new();
        let _ = (&idle).read_to_end(&mut rest);
        assert!(rest.is_empty());
    }
}

#[test]
fn binary_data_comes_back_byte_for_byte_also_after_a_half_close() {
    let mut server = Server::start("127.0.0.1");
    let client = server.connect();
    let data = binary_bytes(1 << 20);
    assert!(
        echo_through(&client, &data, false) == data,
        "the echo differs"
    );
    // Half-closed, the client still gets all it sent, then the server's end of stream.
    let half = server.connect();
    let data = binary_bytes(300_000);
    assert!(echo_through(&half, &data, true) == data, "the echo differs");
    let mut rest = Vec::new();
    (&half).read_to_end(&mut rest).unwrap();
    assert!(rest.is_empty(), "{} bytes more than were sent", rest.len());
    server.wait_for(&format!("Client disconnected from {}", peer_repr(&half)));
}

#[test]
fn a_reset_affects_no_other_client() {
    let mut server = Server::start("127.0.0.1");
    let steady = server.connect();
    assert_eq!(echo_through(&steady, b"before!", false), b"before!");
    // A client whose echo is still unread when it closes: its system answers the server
    // with a reset (RST), not an orderly end of stream.
    let mut rude = server.connect();
    let rude_addr = peer_repr(&rude);
    rude.write_all(&[b'x'; 100_000]).unwrap();
    rude.set_read_timeout(Some(WATCHDOG)).unwrap();
    let mut first = [0u8; 1];
    rude.read_exact(&mut first).unwrap(); // the echo has begun
    drop(rude);
    server.wait_for(&format!("Client disconnected from {rude_addr}"));
    assert_eq!(echo_through(&steady, b"after!", false), b"after!");
    let newcomer = server.connect();
    assert_eq!(echo_through(&newcomer, b"newcomer", false), b"newcomer");
}

#[test]
fn a_client_that_never_reads_stalls_only_itself_in_bounded_memory() {
    const FLOOD: usize = 64 << 20;
    let mut server = Server::start("127.0.0.1");
    let serving = server.serving_pid();
    let before = testkit::memory::peak_resident_kib(serving).unwrap();
    // A client sends without ever reading: once the buffers between it and the server are
    // full, the server's write_all waits, the server stops reading from it, and the
    // client's own write blocks, until the server stops and closes the connection.
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
    // Meanwhile another is echoed in full: 8 MiB, more than the buffers the flood fills.
    let busy = server.connect();
    let data = binary_bytes(8 << 20);
    assert!(echo_through(&busy, &data, false) == data);
    let peak = testkit::memory::peak_resident_kib(serving).unwrap();
    server.signal("TERM");
    let sent = flooding.join().unwrap();
    assert!(sent < FLOOD, "the server took all {sent} bytes");
    // What it holds for a client is one 1024-byte buffer: the peak grew by far less than the
    // flood sent, or than the 8 MiB echoed.
    assert!(
        peak - before < 4 << 10,
        "the server grew from {before} KiB to {peak} KiB while {sent} bytes flooded it"
    );
    let (status, _) = server.finish();
    assert!(status.success());
}

#[test]
fn a_thousand_clients_at_once_are_all_echoed() {
    let server = Server::start("127.0.0.1");
    let clients: Vec<TcpStream> = (0..1000).map(|_| server.connect()).collect();
    for (i, client) in clients.iter().enumerate() {
        let mut message = format!("client {i}").into_bytes();
        client.set_read_timeout(Some(WATCHDOG)).unwrap();
        (&*client).write_all(&message).unwrap();
        client.shutdown(Shutdown::Write).unwrap();
        let mut echo = Vec::new();
        (&*client).read_to_end(&mut echo).unwrap();
        assert_eq!(echo, std::mem::take(&mut message), "client {i}");
    }
}

#[test]
fn an_idle_server_sleeps() {
    // No busy polling: left alone, the serving process does not run. Its CPU time (user and
    // system, in clock ticks) does not grow while a client connects, is echoed, and leaves.
    let mut server = Server::start("127.0.0.1");
    let client = server.connect();
    assert_eq!(echo_through(&client, b"wake up", false), b"wake up");
    drop(client);
    server.wait_for("Client disconnected");
    let after_work = server.cpu_ticks();
    // Idle for half a second, the interval measured (not a wait for an event): a server that
    // polled without waiting would spend all of it, 50 ticks, on the CPU.
    thread::sleep(std::time::Duration::from_millis(500));
    let idle = server.cpu_ticks() - after_work;
    assert!(idle <= 2, "the idle server used the CPU for {idle} ticks");
}

#[test]
fn bad_command_lines_and_run_time_failures() {
    for port in ["seven", "70000", "-1"] {
        let err = assert_one_line_error(
            PROGRAM,
            &["echo-server", "127.0.0.1", port],
            common::EXIT_USAGE,
            &format!("'{port}'"),
        );
        assert!(err.starts_with("event_loop echo-server: "), "{err}");
        assert!(
            err.contains("(usage: event_loop echo-server [HOST [PORT]])"),
            "{err}"
        );
    }
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let err = assert_one_line_error(
        PROGRAM,
        &["echo-server", "127.0.0.1", &port.to_string()],
        common::EXIT_FAILURE,
        &format!("('127.0.0.1', {port})"),
    );
    assert!(err.contains("in use"), "{err}");
    let host = testkit::unresolvable_host();
    assert_one_line_error(
        PROGRAM,
        &["echo-server", &host, "0"],
        common::EXIT_FAILURE,
        &format!("'{host}'"),
    );
}
