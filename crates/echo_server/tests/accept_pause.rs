//! Out of file descriptors, the server pauses before it tries `accept` again: the connection it
//! cannot take stays queued, so retrying at once would fail at once, for ever, and spin the
//! server's one thread. In a test file of its own, as `out_of_files.rs`, so that its sockets
//! are the only ones this process opens.

mod support;

use std::net::TcpStream;
use std::time::{Duration, Instant};

use support::start_with_open_files;

/// The server's pause after a failed `accept` (`serve_forever` in src/main.rs).
const PAUSE: Duration = Duration::from_millis(100);

/// The server's limit of open files, and more clients than it can hold.
const OPEN_FILES: u32 = 32;
const CLIENTS: usize = OPEN_FILES as usize + 8;

/// How many failed attempts the test waits for.
const ATTEMPTS: usize = 10;

#[test]
fn out_of_file_descriptors_it_pauses_between_attempts_to_accept() {
    // Every failed attempt logs one line. Each comes at least PAUSE after the one before (a
    // pause never ends early), and all of them after `started`: so, however busy the machine,
    // the lines logged by any moment number at most 1 + (time since `started`) / PAUSE. A
    // busy machine only makes the time longer. A server that retries at once logs thousands
    // in the same time.
    let started = Instant::now();
    let mut server = start_with_open_files("127.0.0.1", OPEN_FILES);
    let _clients: Vec<TcpStream> = (0..CLIENTS).map(|_| server.connect()).collect();
    for _ in 0..ATTEMPTS {
        server.wait_for("Cannot accept");
    }
    server.read_logged();
    let elapsed = started.elapsed();
    let attempts = server
        .log
        .iter()
        .filter(|l| l.contains("Cannot accept"))
        .count() as u32;
    let most = 1 + elapsed.as_millis() / PAUSE.as_millis();
    assert!(
        u128::from(attempts) <= most,
        "{attempts} failed attempts to accept in {elapsed:?}: with a pause of {PAUSE:?} \
         between them, {most} at most"
    );
}
