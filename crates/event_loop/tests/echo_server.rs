//! `event_loop echo-server`, run as a real process on 127.0.0.1 port 0, against plain sockets:
//! what echo_server's tests ask of tokio's, asked of this loop's (the checks they share are
//! testkit's, `testkit::echo_checks`).

mod support;

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::thread;

use support::{PROGRAM, command, cpu_ticks, serving_pid, start};
use testkit::echo_server::{WATCHDOG, echo_through};
use testkit::{assert_one_line_error, echo_checks};

#[test]
fn log_matches_the_slide() {
    echo_checks::log_matches_the_slide(command);
}

#[test]
fn sigint_and_sigterm_stop_it_with_clients_connected() {
    echo_checks::sigint_and_sigterm_stop_it_with_clients_connected(command);
}

#[test]
fn binary_data_comes_back_byte_for_byte_also_after_a_half_close() {
    echo_checks::one_mebibyte_of_binary_data_comes_back_byte_for_byte(command);
    echo_checks::a_half_closed_client_still_receives_everything(command);
}

#[test]
fn a_reset_affects_no_other_client() {
    echo_checks::a_reset_mid_stream_affects_no_other_client(command, "panicked");
}

#[test]
fn a_client_that_never_reads_stalls_only_itself_in_bounded_memory() {
    let server = start("127.0.0.1");
    let serving = serving_pid(&server);
    let before = testkit::memory::peak_resident_kib(serving).unwrap();
    let mut peak = before;
    // Another client is echoed 8 MiB in full meanwhile, more than the buffers the flood fills.
    echo_checks::a_client_that_never_reads_stalls_only_itself(server, 8 << 20, "TERM", |_| {
        peak = testkit::memory::peak_resident_kib(serving).unwrap();
    });
    // What it holds for a client is one 1024-byte buffer, and at most 64 KiB read ahead
    // (`GATHER`, src/echo/server.rs): the peak grew by far less than the flood sent, or than
    // the 8 MiB echoed. Without that cap, it grew by 14 to 73 MiB.
    assert!(
        peak - before < 4 << 10,
        "the server grew from {before} KiB to {peak} KiB while a client flooded it"
    );
}

#[test]
fn a_thousand_clients_at_once_are_all_echoed() {
    let server = start("127.0.0.1");
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
    let mut server = start("127.0.0.1");
    let client = server.connect();
    assert_eq!(echo_through(&client, b"wake up", false), b"wake up");
    drop(client);
    server.wait_for("Client disconnected");
    let after_work = cpu_ticks(&server);
    // Idle for half a second, the interval measured (not a wait for an event): a server that
    // polled without waiting would spend all of it, 50 ticks, on the CPU.
    thread::sleep(std::time::Duration::from_millis(500));
    let idle = cpu_ticks(&server) - after_work;
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
