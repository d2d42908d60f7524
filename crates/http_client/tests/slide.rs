//! The built program, run as a real process against servers on 127.0.0.1.

use std::net::SocketAddr;
use std::process::{Command, Output};

use testkit::servers;

const PROGRAM: &str = env!("CARGO_BIN_EXE_http_client");

/// How many runs the program makes: main.
const RUNS: usize = 1;

fn run(args: &[&str]) -> Output {
    Command::new(PROGRAM).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn prints_the_slide_with_local_stand_ins() {
    let out = run(&["--local"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    slides::assert_slide("http_client", &text(&out.stdout));
    // One line says where the stand-ins really are.
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("local stand-ins") && err.contains("127.0.0.1:"),
        "{err}"
    );
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
fn sends_exactly_the_slides_request() {
    let (addr, requests) = servers::answering(b"HTTP/1.0 200 OK\r\n\r\n".to_vec()).unwrap();
    let out = run(&[&addr.to_string()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(requests.recv().unwrap(), b"GET / HTTP/1.0\r\n\r\n");
}

#[test]
fn reads_a_page_of_several_megabytes_whole() {
    let mut response = b"HTTP/1.0 200 OK\r\n\r\n".to_vec();
    response.extend((0..5_000_000u32).map(|i| (i % 251) as u8));
    let (addr, _) = servers::answering(response.clone()).unwrap();
    let out = run(&[&addr.to_string()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let line = format!("{} bytes: b'HTTP/1.0 200 OK\\r\\n\\r\\n", response.len());
    assert!(text(&out.stdout).contains(&line), "{}", text(&out.stdout));
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
fn timeline_draws_the_run() {
    let mut names = Vec::new();
    for i in 0..3 {
        let response = format!("HTTP/1.0 200 OK\r\n\r\n{i}").into_bytes();
        names.push(servers::answering(response).unwrap().0.to_string());
    }
    let mut args = vec!["--timeline"];
    args.extend(names.iter().map(String::as_str));
    let out = run(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let chart = stdout
        .split_once("timeline of main(): 3 request(s) over ")
        .unwrap_or_else(|| panic!("no chart:\n{stdout}"))
        .1;
    for name in &names {
        assert!(chart.contains(&format!("\n{name} |")), "{stdout}");
    }
}

#[test]
fn help_and_bad_arguments() {
    testkit::assert_help(
        PROGRAM,
        &[
            "cargo run -p http_client",
            "--timeout",
            "\n  --local          the slide's servers",
            "\n  --max-bytes N    the largest response read",
            "(default 16777216, 16 MiB)",
        ],
    );

    for (args, named) in [
        (&["localhost:http"][..], "'http'"),
        (&[":80"], "':80'"),
        (&[""], "''"),
        (&["--timeout", "0"], "'0'"),
        (&["--max-bytes", "abc"], "'abc'"),
        (&["--max-bytes", "0"], "'0'"),
        (&["--max-bytes", "-5"], "'-5'"),
        (&["--max-bytes"], "--max-bytes"),
        (&["--timeout"], "--timeout"),
        (&["-x"], "'-x'"),
        (&["--local", "localhost"], "'localhost'"),
    ] {
        testkit::assert_one_line_error(PROGRAM, args, common::EXIT_USAGE, named);
    }
}
