//! The server out of file descriptors: it keeps serving the clients it has, and accepts again
//! once some leave. Started through `prlimit` (util-linux) with a low limit of open files, in a
//! test file of its own so that its many sockets are the only ones this process opens.

mod support;

use testkit::echo_checks;

use support::start_with_open_files;

/// The server's limit of open files: its runtime takes about ten, every client one more.
const OPEN_FILES: u32 = 64;

/// More clients than the server can hold; the system completes their connections anyway,
/// and queues those the server cannot accept (the listen backlog is 4096).
const CLIENTS: usize = OPEN_FILES as usize + 16;

#[test]
fn out_of_file_descriptors_it_serves_whom_it_has_and_accepts_again_once_some_leave() {
    let server = start_with_open_files("127.0.0.1", OPEN_FILES);
    echo_checks::out_of_file_descriptors_it_serves_whom_it_has_and_accepts_again_once_some_leave(
        server,
        CLIENTS,
        "panicked",
        |_| {},
    );
}
