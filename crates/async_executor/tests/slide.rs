//! The built program, run as a real process against servers on 127.0.0.1.
//!
//! That main2 fetches all at once is tested in src/main.rs, in-process, against servers that
//! answer nobody until every request is in: main1, which asks one at a time, could never pass
//! them, and the program always runs main1 first.

use std::process::Output;

use testkit::http_slide::{self, text};
use testkit::servers;

const PROGRAM: &str = env!("CARGO_BIN_EXE_async_executor");

/// The runs the program makes, as their lines name them.
const RUN_NAMES: &[&str] = &["main1()", "main2()"];
const RUNS: usize = RUN_NAMES.len();

fn run(args: &[&str]) -> Output {
    http_slide::run(PROGRAM, args)
}

/// Three servers that answer at once, each with its own response.
fn three_answering() -> (Vec<String>, Vec<Vec<u8>>) {
    let mut names = Vec::new();
    let mut responses = Vec::new();
    for i in 0..3 {
        let response = format!("HTTP/1.0 200 OK\r\n\r\nserver {i}").into_bytes();
        let (addr, _) = servers::answering(response.clone()).unwrap();
        names.push(addr.to_string());
        responses.push(response);
    }
    (names, responses)
}

#[test]
fn main1_waits_for_each_page_before_the_next() {
    let (names, responses) = three_answering();
    let args: Vec<&str> = names.iter().map(String::as_str).collect();
    let out = run(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let main1: Vec<&str> = stdout
        .lines()
        .take_while(|l| !l.starts_with("main1(): "))
        .collect();
    // starts, ends, result; for each server in turn: never two requests under way at once.
    assert_eq!(main1.len(), 9, "{stdout}");
    for (i, name) in names.iter().enumerate() {
        assert!(
            main1[3 * i].ends_with(&format!(": {name} starts")),
            "{stdout}"
        );
        assert!(
            main1[3 * i + 1].ends_with(&format!(": {name} ends")),
            "{stdout}"
        );
        assert_eq!(
            main1[3 * i + 2],
            format!(
                "{} bytes: {} ...",
                responses[i].len(),
                common::pyrepr::bytes(&responses[i])
            )
        );
    }
    // main2 fetched the same pages, and began them in the order of the servers.
    let main2: Vec<&str> = stdout
        .split_once("main1(): ")
        .unwrap()
        .1
        .lines()
        .skip(1)
        .collect();
    let starts: Vec<&&str> = main2.iter().filter(|l| l.ends_with(" starts")).collect();
    for (i, name) in names.iter().enumerate() {
        assert!(starts[i].ends_with(&format!(": {name} starts")), "{stdout}");
    }
    assert!(main2.last().unwrap().starts_with("main2(): "), "{stdout}");
    let results = stdout.lines().filter(|l| l.contains(" bytes: b'")).count();
    assert_eq!(results, 6, "{stdout}");
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
    http_slide::prints_the_slide_with_local_stand_ins(PROGRAM, "async_executor");
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
    http_slide::help_and_bad_arguments(PROGRAM, "async_executor");
}

#[test]
fn a_closed_stdout_ends_it_quietly() {
    http_slide::a_closed_stdout_ends_it_quietly(PROGRAM);
}

#[test]
fn an_argument_that_is_not_utf8_is_named() {
    testkit::assert_non_utf8_argument_refused(PROGRAM);
}
