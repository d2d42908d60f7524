//! get_page in-process, against servers on 127.0.0.1.

use super::*;
use std::time::Duration;
use testkit::servers;

#[tokio::test]
async fn get_page_returns_the_whole_response() {
    let response = b"HTTP/1.0 200 OK\r\n\r\n".repeat(10_000);
    let (addr, requests) = servers::answering(response.clone()).unwrap();
    let data = get_page(&Server::at(addr), http::DEFAULT_MAX_BYTES, &Timeline::new())
        .await
        .unwrap();
    assert_eq!(data, response);
    assert_eq!(requests.recv().unwrap(), b"GET / HTTP/1.0\r\n\r\n");
}

#[tokio::test]
async fn a_response_of_max_bytes_is_read_and_one_byte_more_is_not() {
    let response = b"HTTP/1.0 200 OK\r\n\r\n".repeat(5); // 95 bytes
    let (addr, _) = servers::answering(response.clone()).unwrap();
    let data = get_page(&Server::at(addr), 95, &Timeline::new())
        .await
        .unwrap();
    assert_eq!(data, response);
    let err = get_page(&Server::at(addr), 94, &Timeline::new())
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), "response larger than 94 bytes");
}

#[tokio::test]
async fn an_endless_response_stops_at_max_bytes() {
    let (addr, sent) = servers::endless().unwrap();
    let (server, timeline) = (Server::at(addr), Timeline::new());
    let fetch = get_page(&server, 1 << 20, &timeline);
    // Bounded, so that a read that never stops fails here instead of hanging.
    let err = timeout(Duration::from_secs(60), fetch)
        .await
        .expect("the read went on for 60 s past its limit")
        .unwrap_err();
    assert_eq!(err.to_string(), "response larger than 1048576 bytes");
    testkit::http_slide::assert_dropped_at_the_limit(&sent, 1 << 20);
}

#[tokio::test]
async fn a_refused_connection_is_an_error_not_a_panic() {
    let addr = servers::refused().unwrap();
    let err = get_page(&Server::at(addr), http::DEFAULT_MAX_BYTES, &Timeline::new())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::ConnectionRefused);
}
