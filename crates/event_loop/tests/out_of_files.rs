//! `event_loop echo-server` out of file descriptors: it keeps serving the clients it has, and
//! accepts again once some leave. In a test file of its own, so that its many sockets are the
//! only ones this process opens.

mod support;

use std::collections::HashSet;
use std::net::TcpStream;

use support::{Server, WATCHDOG, echo_through, peer_repr};

/// The server's limit of open files: its loop takes a few (selector, wakeup, listener, the
/// self-pipe's reading end and a writing end per signal), every client one more.
const OPEN_FILES: u32 = 32;

/// More clients than the server can hold; the system completes their connections anyway,
/// and queues those the server cannot accept (the listen backlog is 4096).
const CLIENTS: usize = OPEN_FILES as usize + 8;

#[test]
fn out_of_file_descriptors_it_serves_whom_it_has_and_accepts_again_once_some_leave() {
    let mut server = Server::start_with_open_files("127.0.0.1", OPEN_FILES);
    let clients: Vec<TcpStream> = (0..CLIENTS).map(|_| server.connect()).collect();
    for client in &clients {
        client.set_read_timeout(Some(WATCHDOG)).unwrap();
    }
    // Out of descriptors, the server logs it, pauses 100 ms, and tries again. Between two
    // error lines, every task it had accepted has run: it has logged "Client connected".
    let error = format!(
        "ERROR:root:Cannot accept a connection on ('127.0.0.1', {}): Too many open files",
        server.port
    );
    assert!(server.wait_for("Cannot accept").starts_with(&error));
    server.wait_for("Cannot accept");
    // The pause, observed: still out of descriptors, the server retries ten times a second
    // and sleeps in between. Half a second measured (not a wait for an event): a retry at
    // once would keep it on the CPU all along, 50 ticks.
    let before = server.cpu_ticks();
    std::thread::sleep(std::time::Duration::from_millis(500));
    let spent = server.cpu_ticks() - before;
    assert!(
        spent <= 5,
        "out of descriptors, the server spun: {spent} ticks in 0.5 s"
    );
    let accepted: HashSet<&str> = server
        .log
        .iter()
        .filter_map(|l| l.strip_prefix("INFO:root:Client connected from "))
        .collect();
    let (held, waiting): (Vec<TcpStream>, Vec<TcpStream>) = clients
        .into_iter()
        .partition(|c| accepted.contains(peer_repr(c).as_str()));
    assert_eq!(held.len(), accepted.len());
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
    drop(held);
    for (i, client) in waiting.iter().enumerate() {
        let message = format!("waiting client {i}");
        assert_eq!(
            echo_through(client, message.as_bytes(), false),
            message.as_bytes()
        );
    }
    let newcomer = server.connect();
    assert_eq!(echo_through(&newcomer, b"newcomer", false), b"newcomer");
    // The pause, observed: between the first error and now, far fewer error lines than an
    // accept retried at once (thousands a second) would have logged.
    server.signal("TERM");
    let (status, log) = server.finish();
    assert!(status.success());
    let errors = log.iter().filter(|l| l.contains("Cannot accept")).count();
    assert!(
        errors < 100,
        "{errors} accept errors: no pause between them"
    );
}
