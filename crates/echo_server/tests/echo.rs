//! The built server, run as a real process on 127.0.0.1 with port 0, against plain sockets:
//! what any RFC 862 client (nc, socat, the Python client) would see. The checks every echo
//! server of the slides passes are testkit's (`testkit::echo_checks`), called here.

mod support;

use testkit::{assert_one_line_error, echo_checks};

use support::{PROGRAM, command, start};

#[test]
fn log_matches_the_slide() {
    echo_checks::log_matches_the_slide(command);
}

#[test]
fn sigint_and_sigterm_stop_it_with_clients_connected() {
    echo_checks::sigint_and_sigterm_stop_it_with_clients_connected(command);
}

#[test]
fn one_mebibyte_of_binary_data_comes_back_byte_for_byte() {
    echo_checks::one_mebibyte_of_binary_data_comes_back_byte_for_byte(command);
}

#[test]
fn a_half_closed_client_still_receives_everything() {
    echo_checks::a_half_closed_client_still_receives_everything(command);
}

#[test]
fn a_reset_mid_stream_affects_no_other_client() {
    echo_checks::a_reset_mid_stream_affects_no_other_client(command, "panicked");
}

#[test]
fn a_client_that_never_reads_stalls_only_itself() {
    // The third client is echoed 1 MiB in full meanwhile.
    echo_checks::a_client_that_never_reads_stalls_only_itself(
        start("127.0.0.1"),
        1 << 20,
        "INT",
        |_| {},
    );
}

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
    testkit::assert_help(
        PROGRAM,
        &[
            "cargo run -p echo_server -- [HOST [PORT]]",
            "cargo run -p echo_client",
        ],
    );
}

#[test]
fn an_argument_that_is_not_utf8_is_named() {
    testkit::assert_non_utf8_argument_refused(PROGRAM);
}
