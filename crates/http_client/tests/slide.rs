//! The built program, run as a real process against servers on 127.0.0.1.

use std::net::SocketAddr;
use std::process::Output;

use testkit::http_slide::{self, text};
use testkit::servers;

const PROGRAM: &str = env!("CARGO_BIN_EXE_http_client");

/// The runs the program makes, as their lines name them.
const RUN_NAMES: &[&str] = &["main()"];
const RUNS: usize = RUN_NAMES.len();

fn run(args: &[&str]) -> Output {
    http_slide::run(PROGRAM, args)
}

#[test]
fn sends_every_request_before_it_waits_for_any() {
    // Each server holds its answer until all three requests are in: fetched one by one, the
    // first would never be answered (the run would end in timeouts, and fail).
    let (addrs, outcomes) =
        servers::hold_until_all(3, b"HTTP/1.0 200 OK\r\n\r\nheld".to_vec()).unwrap();
    let names: Vec<String> = addrs.iter().map(SocketAddr::to_string).collect();
    // The timeout bounds the run, should the requests not come together.
    let mut args = vec!["--timeout", "20"];
    args.extend(names.iter().map(String::as_str));
    let out = run(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert_eq!(
        stdout
            .matches("23 bytes: b'HTTP/1.0 200 OK\\r\\n\\r\\nheld' ...")
            .count(),
        3,
        "{stdout}"
    );
    for _ in 0..3 {
        let outcome = outcomes.recv_timeout(servers::HOLD_BOUND).unwrap();
        assert_eq!(outcome, Ok(()));
    }
    // And the output says so: three starts before any end.
    let first_four: Vec<&str> = stdout.lines().take(4).collect();
    assert!(
        first_four[..3].iter().all(|l| l.ends_with(" starts")),
        "{stdout}"
    );
    assert!(first_four[3].ends_with(" ends"), "{stdout}");
}

#[test]
fn an_unreachable_server_fails_alone() {
    testkit::http::an_unreachable_server_fails_alone(PROGRAM, RUNS);
}

#[test]
fn a_host_that_does_not_resolve_fails_alone() {
    testkit::http::a_host_that_does_not_resolve_fails_alone(PROGRAM, RUNS);
}

#[test]
fn offline_the_slides_servers_fail_and_local_is_named() {
    testkit::http::offline_the_slides_servers_fail_and_local_is_named(PROGRAM, RUNS);
}

#[test]
fn a_lookup_that_hangs_times_out() {
    testkit::http::a_lookup_that_hangs_times_out(PROGRAM, RUNS);
}

#[test]
fn a_server_that_never_answers_times_out() {
    testkit::http::a_server_that_never_answers_times_out(PROGRAM, RUNS);
}

#[test]
fn a_connection_that_never_completes_times_out() {
    testkit::http::a_connection_that_never_completes_times_out(PROGRAM, RUNS);
}

#[test]
fn an_endless_response_fails_alone_in_bounded_memory() {
    testkit::http::an_endless_response_fails_alone_in_bounded_memory(PROGRAM, RUNS);
}

#[test]
fn prints_the_slide_with_local_stand_ins() {
    http_slide::prints_the_slide_with_local_stand_ins(PROGRAM, "http_client");
}

#[test]
fn sends_exactly_the_slides_request() {
    http_slide::sends_exactly_the_slides_request(PROGRAM, RUN_NAMES);
}

#[test]
fn reads_a_page_of_several_megabytes_whole() {
    http_slide::reads_a_page_of_several_megabytes_whole(PROGRAM, RUN_NAMES);
}

#[test]
fn timeline_draws_each_run() {
    http_slide::timeline_draws_each_run(PROGRAM, RUN_NAMES);
}

#[test]
fn help_and_bad_arguments() {
    http_slide::help_and_bad_arguments(PROGRAM, "http_client");
}

#[test]
fn a_closed_stdout_ends_it_quietly() {
    http_slide::a_closed_stdout_ends_it_quietly(PROGRAM);
}

#[test]
fn an_argument_that_is_not_utf8_is_named() {
    testkit::assert_non_utf8_argument_refused(PROGRAM);
}
