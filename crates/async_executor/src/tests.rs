//! get_page and main2 in-process, against servers on 127.0.0.1.

use super::*;
use std::time::Duration;
use testkit::servers;

fn args(servers: &[Server]) -> Args {
    Args {
        local: false,
        timeout: Duration::from_secs(20),
        max_bytes: http::DEFAULT_MAX_BYTES,
        timeline: false,
        servers: servers.to_vec(),
    }
}

fn limits(timeout: Duration, max_bytes: u64) -> Limits {
    Limits { timeout, max_bytes }
}

#[test]
fn main2_sends_every_request_before_it_waits_for_any() {
    // Each server holds its answer until all three requests are in: fetched one by one,
    // the first would never be answered.
    let (addrs, outcomes) =
        servers::hold_until_all(3, b"HTTP/1.0 200 OK\r\n\r\nhi".to_vec()).unwrap();
    let servers: Vec<Server> = addrs.into_iter().map(Server::at).collect();
    let ok = new_event_loop()
        .unwrap()
        .block_on(main2(&servers, &args(&servers)));
    assert!(ok);
    for _ in 0..3 {
        let outcome = outcomes.recv_timeout(servers::HOLD_BOUND).unwrap();
        assert_eq!(outcome, Ok(()));
    }
}

#[test]
fn get_page_returns_the_whole_response() {
    let response = b"HTTP/1.0 200 OK\r\n\r\n".repeat(10_000);
    let (addr, requests) = servers::answering(response.clone()).unwrap();
    let data = get_page(&Server::at(addr), &mut Job::alone(Limits::of(&args(&[])))).unwrap();
    assert_eq!(data, response);
    assert_eq!(requests.recv().unwrap(), b"GET / HTTP/1.0\r\n\r\n");
}

#[test]
fn a_response_of_max_bytes_is_read_and_one_byte_more_is_not() {
    let response = b"HTTP/1.0 200 OK\r\n\r\n".repeat(5); // 95 bytes
    let (addr, _) = servers::answering(response.clone()).unwrap();
    let twenty_s = Duration::from_secs(20);
    let data = get_page(&Server::at(addr), &mut Job::alone(limits(twenty_s, 95))).unwrap();
    assert_eq!(data, response);
    let err = get_page(&Server::at(addr), &mut Job::alone(limits(twenty_s, 94))).unwrap_err();
    assert_eq!(err.to_string(), "response larger than 94 bytes");
}

#[test]
fn an_endless_response_stops_at_max_bytes() {
    let (addr, sent) = servers::endless().unwrap();
    // The timeout bounds the test: a read that went on past the limit would fail with it.
    let limits = limits(Duration::from_secs(60), 1 << 20);
    let err = get_page(&Server::at(addr), &mut Job::alone(limits)).unwrap_err();
    assert_eq!(err.to_string(), "response larger than 1048576 bytes");
    testkit::http_slide::assert_dropped_at_the_limit(&sent, 1 << 20);
}

#[test]
fn a_silent_server_is_given_up() {
    let addr = servers::silent().unwrap();
    let limits = limits(Duration::from_millis(300), http::DEFAULT_MAX_BYTES);
    let err = get_page(&Server::at(addr), &mut Job::alone(limits)).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::TimedOut);
    assert_eq!(err.to_string(), "no answer within 0.3 s");
}

#[test]
fn a_refused_connection_is_an_error_not_a_panic() {
    let addr = servers::refused().unwrap();
    let err = get_page(&Server::at(addr), &mut Job::alone(Limits::of(&args(&[])))).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::ConnectionRefused);
}
