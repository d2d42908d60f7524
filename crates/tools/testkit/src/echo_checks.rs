//! What every echo server of the slides' protocol must do, each written once: echo_server,
//! `event_loop echo-server` and the Python twin's server each pass them, called from a test of
//! their own crate. A check is given `command`, which returns the [`Command`] that starts the
//! server on HOST port 0, or a [`Server`] already started (where the crate measures something
//! of its own around the check).

use std::collections::HashSet;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::process::Command;
use std::thread;

use crate::echo_server::{
    STALLED, Server, WATCHDOG, binary_bytes, echo_through, kernel_buffers, peer_repr,
    send_without_reading,
};

/// Returns the command that starts the server on `host` port 0.
pub type StartCommand = fn(host: &str) -> Command;

/// What a server sends back for the bytes it is sent: [`echoed`] for an echo server; an
/// exercise's server may change the bytes (upper_echo), never their number.
pub type Transform = fn(sent: &[u8]) -> Vec<u8>;

/// The echo: every byte back as it came.
pub fn echoed(sent: &[u8]) -> Vec<u8> {
    sent.to_vec()
}

/// The slide's log, for a client on localhost that says hello and leaves; then SIGINT (Ctrl-C)
/// ends the server with one more line, `Server stopped`, and exit code 0.
pub fn log_matches_the_slide(command: StartCommand) {
    let mut server = Server::start(command("localhost"));
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
    // The slide shows the log up to the client's departure; Ctrl-C then ends Python's asyncio
    // server with a traceback, and these with one more line.
    slides::assert_slide("echo_server", &(log[..3].join("\n") + "\n"));
    assert_eq!(log[1], format!("INFO:root:Client connected from {me}"));
    assert_eq!(log.last().unwrap(), "INFO:root:Server stopped");
}

/// SIGINT and SIGTERM each stop the server with exit code 0 and `Server stopped`, while a
/// client is connected; the server closes that client's connection on its way out.
pub fn sigint_and_sigterm_stop_it_with_clients_connected(command: StartCommand) {
    for signal in ["INT", "TERM"] {
        let mut server = Server::start(command("127.0.0.1"));
        let idle = server.connect();
        server.wait_for(&format!("Client connected from {}", peer_repr(&idle)));
        server.signal(signal);
        let (status, log) = server.finish();
        assert_eq!(status.code(), Some(0), "SIG{signal}: {log:?}");
        assert_eq!(log.last().unwrap(), "INFO:root:Server stopped", "{log:?}");
        let mut rest = Vec::new();
        let _ = (&idle).read_to_end(&mut rest);
        assert!(
            rest.is_empty(),
            "SIG{signal}: {} bytes unasked for",
            rest.len()
        );
    }
}

/// One MiB of binary data comes back byte for byte, and nothing more: after the client's end
/// of stream, the server's.
pub fn one_mebibyte_of_binary_data_comes_back_byte_for_byte(command: StartCommand) {
    one_mebibyte_of_binary_data_comes_back_as(command, echoed);
}

/// One MiB of binary data comes back as `expected` makes it, and nothing more: after the
/// client's end of stream, the server's.
pub fn one_mebibyte_of_binary_data_comes_back_as(command: StartCommand, expected: Transform) {
    let server = Server::start(command("127.0.0.1"));
    let client = server.connect();
    let data = binary_bytes(1 << 20);
    let echo = echo_through(&client, &data, false);
    assert_same(&echo, &expected(&data));
    client.shutdown(Shutdown::Write).unwrap();
    let mut rest = Vec::new();
    (&client).read_to_end(&mut rest).unwrap();
    assert!(rest.is_empty(), "{} extra bytes", rest.len());
}

/// A client that half-closes (sends its end of stream) while its echo is on the way still
/// receives every byte in order, then the server's end of stream; the server logs it leaving.
pub fn a_half_closed_client_still_receives_everything(command: StartCommand) {
    a_half_closed_client_still_receives_everything_as(command, echoed);
}

/// [`a_half_closed_client_still_receives_everything`], for a server that sends back what
/// `expected` makes of the bytes sent.
pub fn a_half_closed_client_still_receives_everything_as(
    command: StartCommand,
    expected: Transform,
) {
    let mut server = Server::start(command("127.0.0.1"));
    let client = server.connect();
    let data = binary_bytes(300_000);
    let echo = echo_through(&client, &data, true);
    assert_same(&echo, &expected(&data));
    let mut rest = Vec::new();
    (&client).read_to_end(&mut rest).unwrap();
    assert!(rest.is_empty(), "{} extra bytes", rest.len());
    server.wait_for(&format!("Client disconnected from {}", peer_repr(&client)));
}

/// A client resets its connection (RST) while the server is mid-stream: the server logs the
/// failure as an error naming the peer, lets it go, and serves the other client and new ones.
/// No line of the log contains `crash` (`panicked`, `Traceback`).
pub fn a_reset_mid_stream_affects_no_other_client(command: StartCommand, crash: &str) {
    let mut server = Server::start(command("127.0.0.1"));
    let steady = server.connect();
    assert!(echo_through(&steady, b"before", false) == b"before");

    // A client sends plenty, reads the first byte of its echo (the server is mid-stream), then
    // resets the connection.
    let mut rude = server.connect();
    let rude_addr = peer_repr(&rude);
    rude.write_all(&binary_bytes(200_000)).unwrap();
    let mut first = [0u8; 1];
    rude.read_exact(&mut first).unwrap();
    reset(rude);

    let failure = server.wait_for(&format!("Connection with {rude_addr} failed"));
    assert!(failure.starts_with("ERROR:root:"), "{failure}");
    server.wait_for(&format!("Client disconnected from {rude_addr}"));

    assert!(echo_through(&steady, b"after!", false) == b"after!");
    let newcomer = server.connect();
    assert!(echo_through(&newcomer, b"newcomer", false) == b"newcomer");
    server.read_logged();
    assert!(!server.log.iter().any(|l| l.contains(crash)), "{crash}");
}

/// Fails unless `got` is `expected`, naming the first byte that differs.
fn assert_same(got: &[u8], expected: &[u8]) {
    if let Some(at) = (0..expected.len()).find(|&i| got.get(i) != expected.get(i)) {
        panic!(
            "the echo differs from what was expected: byte {at} is {:?}, expected {:?}",
            got.get(at),
            expected[at]
        );
    }
}

/// Closes `stream` with a reset (RST) instead of an end of stream: SO_LINGER 0, which std does
/// not set and tokio does.
fn reset(stream: TcpStream) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .unwrap();
    let _entered = runtime.enter();
    stream.set_nonblocking(true).unwrap();
    let stream = tokio::net::TcpStream::from_std(stream).unwrap();
    stream.set_zero_linger().unwrap();
}

/// While one client is connected and silent, another sends without ever reading: once the
/// buffers between it and the server are full, the server's write waits, it stops reading
/// that client, and the client's own write blocks (for [`STALLED`]: the flood ends there).
/// Meanwhile a third is echoed `echoed` bytes in full. The flood got no further than the
/// kernel's buffers hold: had the server read everything the client sent, buffering it, the
/// whole flood, more than they hold, would have gone through. Then `while_stalled` runs, the
/// flooding connection still open; `signal` stops the server, which exits 0.
pub fn a_client_that_never_reads_stalls_only_itself(
    mut server: Server,
    echoed: usize,
    signal: &str,
    while_stalled: impl FnOnce(&Server),
) {
    let buffered = kernel_buffers();
    let flood_bytes = buffered + (64 << 20);
    let silent = server.connect();
    server.wait_for(&format!("Client connected from {}", peer_repr(&silent)));
    let flood = server.connect();
    server.wait_for(&format!("Client connected from {}", peer_repr(&flood)));
    let flood_writer = flood.try_clone().unwrap();
    let flooding = thread::spawn(move || send_without_reading(flood_writer, flood_bytes, STALLED));

    let busy = server.connect();
    let data = binary_bytes(echoed);
    assert!(
        echo_through(&busy, &data, false) == data,
        "the echo differs"
    );
    let sent = flooding.join().unwrap();
    assert!(
        sent <= buffered,
        "a client that never reads sent {sent} bytes, more than the {buffered} the kernel can \
         hold: the server read ahead of its echo"
    );
    while_stalled(&server);

    server.signal(signal);
    let (status, log) = server.finish();
    assert!(status.success(), "{status}: {log:?}");
    drop((silent, flood));
}

/// Out of file descriptors (started `with_open_files`, with fewer than `clients`), the server
/// keeps serving the clients it has, and accepts again once some leave. It logs each failed
/// accept as an error, pauses, and tries again; between two error lines, every client it had
/// accepted has logged "Client connected". `while_out` runs after the second error line, the
/// server still out of descriptors. No line of the log contains `crash`. Returns the server,
/// still running.
pub fn out_of_file_descriptors_it_serves_whom_it_has_and_accepts_again_once_some_leave(
    mut server: Server,
    clients: usize,
    crash: &str,
    while_out: impl FnOnce(&mut Server),
) -> Server {
    let clients: Vec<TcpStream> = (0..clients).map(|_| server.connect()).collect();
    let error = format!(
        "ERROR:root:Cannot accept a connection on ('127.0.0.1', {}): Too many open files",
        server.port
    );
    let first = server.wait_for("Cannot accept");
    assert!(first.starts_with(&error), "{first:?} is not {error:?}");
    server.wait_for("Cannot accept");
    while_out(&mut server);
    let accepted: HashSet<&str> = server
        .log
        .iter()
        .filter_map(|l| l.strip_prefix("INFO:root:Client connected from "))
        .collect();
    let (held, waiting): (Vec<TcpStream>, Vec<TcpStream>) = clients
        .into_iter()
        .partition(|c| accepted.contains(peer_repr(c).as_str()));
    assert_eq!(held.len(), accepted.len());
    // The test needs every waiting client, and one more, to fit where the held ones were.
    assert!(
        !waiting.is_empty() && waiting.len() < held.len(),
        "{} held, {} waiting",
        held.len(),
        waiting.len()
    );

    // The clients it holds are still echoed.
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
    // And a newcomer too.
    let newcomer = server.connect();
    assert_eq!(echo_through(&newcomer, b"newcomer", false), b"newcomer");
    server.read_logged();
    assert!(!server.log.iter().any(|l| l.contains(crash)), "{crash}");
    server
}
