//! The server out of file descriptors: it keeps serving the clients it has, and accepts again
//! once some leave. Started through `prlimit` (util-linux) with a low limit of open files, in a
//! test file of its own so that its many sockets are the only ones this process opens.

mod support;

use std::collections::HashSet;
use std::net::TcpStream;

use support::{Server, WATCHDOG, echo_through, peer_repr};

/// The server's limit of open files: its runtime takes about ten, every client one more.
const OPEN_FILES: u32 = 64;

/// More clients than the server can hold; the system completes their connections anyway,
/// and queues those the server cannot accept (the listen backlog is 4096).
const CLIENTS: usize = OPEN_FILES as usize + 16;

#[test]
fn out_of_file_descriptors_it_serves_whom_it_has_and_accepts_again_once_some_leave() {
    let mut server = Server::start_with_open_files("127.0.0.1", OPEN_FILES);
    let clients: Vec<TcpStream> = (0..CLIENTS).map(|_| server.connect()).collect();
    for client in &clients {
        // A read that never ends fails the test instead of hanging it.
        client.set_read_timeout(Some(WATCHDOG)).unwrap();
    }

    // Out of descriptors, the server logs it, pauses 100 ms, and tries again. Its one thread
    // runs every task it has just accepted before it tries again: by the second error line,
    // each accepted client has logged "Client connected".
    let error = format!(
        "ERROR:root:Cannot accept a connection on ('127.0.0.1', {}): Too many open files",
        server.port
    );
    assert!(
        server.wait_for("Cannot accept").starts_with(&error),
        "{error}"
    );
    server.wait_for("Cannot accept");
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
    newcomer.set_read_timeout(Some(WATCHDOG)).unwrap();
    assert_eq!(echo_through(&newcomer, b"newcomer", false), b"newcomer");
    assert!(!server.log.iter().any(|l| l.contains("panicked")));
}
