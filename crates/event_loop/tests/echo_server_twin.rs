//! `python3 event_loop.py echo-server`: the slides' echo protocol served by the Python twin's
//! own loop and reactor, run as a real process on 127.0.0.1 port 0, against plain sockets. It
//! logs what echo_server logs, and is as robust: it passes the same checks
//! (`testkit::echo_checks`).

mod twin_server;

use std::process::Command;

use testkit::echo_checks;
use testkit::echo_server::Server;
use twin_server::{TWIN, command, start_with_open_files};

#[test]
fn logs_the_slides_lines() {
    echo_checks::log_matches_the_slide(command);
}

#[test]
fn sigint_and_sigterm_stop_it_with_clients_connected() {
    echo_checks::sigint_and_sigterm_stop_it_with_clients_connected(command);
}

#[test]
fn a_half_closed_client_still_receives_every_byte_in_order() {
    echo_checks::a_half_closed_client_still_receives_everything(command);
}

#[test]
fn a_reset_mid_stream_affects_no_other_client() {
    echo_checks::a_reset_mid_stream_affects_no_other_client(command, "Traceback");
}

#[test]
fn a_client_that_never_reads_stalls_only_itself() {
    // Another one is echoed 1 MiB in full meanwhile.
    let twin = Server::start(command("127.0.0.1"));
    echo_checks::a_client_that_never_reads_stalls_only_itself(twin, 1 << 20, "INT", |_| {});
}

/// The server's limit of open files: Python and the loop take about ten, each client one more.
const OPEN_FILES: u32 = 64;

#[test]
fn out_of_file_descriptors_it_serves_whom_it_has_and_accepts_again_once_some_leave() {
    // Out of descriptors, the server logs it, pauses 100 ms (a timer, not a spin), and tries
    // again.
    let twin = start_with_open_files("127.0.0.1", OPEN_FILES);
    let clients = OPEN_FILES as usize + 16;
    echo_checks::out_of_file_descriptors_it_serves_whom_it_has_and_accepts_again_once_some_leave(
        twin,
        clients,
        "Traceback",
        |_| {},
    );
}

/// Runs `python3 event_loop.py ARGS`; returns its exit code and stderr.
fn run_twin(args: &[&str]) -> (Option<i32>, String) {
    let out = testkit::bounded::output_within(
        Command::new("python3").arg(TWIN).args(args),
        testkit::echo_server::WATCHDOG,
        "python3 event_loop.py",
    );
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
