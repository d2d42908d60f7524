//! `event_loop echo-server` out of file descriptors: it keeps serving the clients it has, and
//! accepts again once some leave. In a test file of its own, so that its many sockets are the
//! only ones this process opens.

mod support;

use testkit::echo_checks;

use support::{cpu_ticks, start_with_open_files};

/// The server's limit of open files: its loop takes a few (selector, wakeup, listener, the
/// self-pipe's reading end and a writing end per signal), every client one more.
const OPEN_FILES: u32 = 32;

/// More clients than the server can hold; the system completes their connections anyway,
/// and queues those the server cannot accept (the listen backlog is 4096).
const CLIENTS: usize = OPEN_FILES as usize + 8;

#[test]
fn out_of_file_descriptors_it_serves_whom_it_has_and_accepts_again_once_some_leave() {
    let server = start_with_open_files("127.0.0.1", OPEN_FILES);
    let server =
        echo_checks::out_of_file_descriptors_it_serves_whom_it_has_and_accepts_again_once_some_leave(
            server,
            CLIENTS,
            "panicked",
            |server| {
                // The pause, observed: still out of descriptors, the server retries ten times a
                // second and sleeps in between. Half a second measured (not a wait for an
                // event): a retry at once would keep it on the CPU all along, 50 ticks.
                let before = cpu_ticks(server);
                std::thread::sleep(std::time::Duration::from_millis(500));
                let spent = cpu_ticks(server) - before;
                assert!(
                    spent <= 5,
                    "out of descriptors, the server spun: {spent} ticks in 0.5 s"
                );
            },
        );
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
