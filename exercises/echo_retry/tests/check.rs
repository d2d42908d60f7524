//! The check of echo_retry, against stand-in servers on 127.0.0.1: testkit's echo, silent
//! and refused servers, and two of this file's own that count their connections (one closes
//! its first connections before the whole echo, one never answers).

use std::io::{self, ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::Duration;

use echo_retry::{Policy, echo_once, echo_retry};
use testkit::echo_client::{echo, serve_once};
use testkit::servers;

const LINE: &str = "Hello, echo!\n";
/// How long the check waits for one call of echo_once or echo_retry.
const BOUND: Duration = Duration::from_secs(10);

/// Runs `future` on a one-thread runtime, for BOUND at most.
fn run<T>(what: &str, future: impl Future<Output = T>) -> T {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build();
    let runtime = runtime.expect("a tokio runtime");
    let bounded = async { tokio::time::timeout(BOUND, future).await };
    runtime.block_on(bounded).unwrap_or_else(|_| {
        panic!(
            "{what} did not end within {} s\n\
             hint: wrap the whole try (connect, write, read) in tokio::time::timeout(limit, ..)",
            BOUND.as_secs()
        )
    })
}

/// A server that reads each request and, for its first `failing` connections, sends back half
/// of it and closes; it echoes the later ones. Each connection is reported once accepted.
fn failing_first(failing: usize) -> (SocketAddr, Receiver<usize>) {
    serve_counted(move |number, mut conn| {
        let mut request = vec![0; LINE.len()];
        if conn.read_exact(&mut request).is_err() {
            return;
        }
        if number <= failing {
            let _ = conn.write_all(&request[..LINE.len() / 2]); // then closes: no whole echo
        } else {
            let _ = conn.write_all(&request);
        }
    })
}

/// A server that never answers; each connection is reported once accepted.
fn silent_counted() -> (SocketAddr, Receiver<usize>) {
    serve_counted(|_, mut conn| {
        let _ = io::copy(&mut conn, &mut io::sink()); // reads until the client goes away
    })
}

fn serve_counted(
    serve: impl Fn(usize, TcpStream) + Send + Copy + 'static,
) -> (SocketAddr, Receiver<usize>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a port on 127.0.0.1");
    let addr = listener.local_addr().expect("its address");
    let (report, reports) = mpsc::channel();
    thread::spawn(move || {
        for (number, conn) in listener.incoming().flatten().enumerate() {
            let _ = report.send(number + 1);
            thread::spawn(move || serve(number + 1, conn));
        }
    });
    (addr, reports)
}

/// How many connections the server reported: waits (5 s at most) for the `expected` first,
/// as the server may report its last accept a moment after the client gave up on it; then
/// takes any more already reported.
fn connections(reports: &Receiver<usize>, expected: usize) -> usize {
    let mut count = 0;
    while count < expected && reports.recv_timeout(Duration::from_secs(5)).is_ok() {
        count += 1;
    }
    count + reports.try_iter().count()
}

fn policy(tries: u32) -> Policy {
    Policy {
        limit: Duration::from_millis(300),
        tries,
        pause: Duration::from_millis(20),
    }
}

#[test]
fn step1_echoes_a_line() {
    let (port, server) = serve_once(echo);
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let echoed = run("echo_once to an echo server", echo_once(addr, LINE, BOUND));
    let echoed = echoed.unwrap_or_else(|error| {
        panic!(
            "echo_once to an echo server failed: {error}\n\
             hint: TcpStream::connect(addr), then write_all the line, then read it back"
        )
    });
    drop(server);
    assert!(
        echoed == LINE,
        "echo_once gave {echoed:?}, want the line sent, {LINE:?}\n\
         hint: read until as many bytes came back as you sent (read_exact), then make a String"
    );
}

#[test]
fn step2_gives_up_on_a_silent_server() {
    let addr = servers::silent().expect("a silent server");
    let limit = Duration::from_millis(300);
    let outcome = run(
        "echo_once to a server that never answers",
        echo_once(addr, LINE, limit),
    );
    assert!(
        matches!(&outcome, Err(error) if error.kind() == ErrorKind::TimedOut),
        "echo_once to a server that never answers gave {outcome:?}, want an error of kind \
         TimedOut\n\
         hint: when tokio::time::timeout gives Err(Elapsed), return \
         io::Error::new(io::ErrorKind::TimedOut, ...)"
    );
}

#[test]
fn step3_refused_is_an_error() {
    let addr = servers::refused().expect("a port where nothing listens");
    let outcome = run("echo_once to a refused port", echo_once(addr, LINE, BOUND));
    assert!(
        matches!(&outcome, Err(error) if error.kind() == ErrorKind::ConnectionRefused),
        "echo_once to a port where nothing listens gave {outcome:?}, want ConnectionRefused\n\
         hint: give connect's own error back with `?`"
    );
}

#[test]
fn step4_a_half_echo_is_an_error() {
    let (addr, _) = failing_first(1);
    let outcome = run(
        "echo_once to a server that closes early",
        echo_once(addr, LINE, BOUND),
    );
    assert!(
        matches!(&outcome, Err(error) if error.kind() == ErrorKind::UnexpectedEof),
        "a server sent half the echo, then closed; echo_once gave {outcome:?}, want an error \
         of kind UnexpectedEof\n\
         hint: read_exact reads until the buffer is full, and fails with UnexpectedEof if \
         the connection ends first"
    );
}

#[test]
fn step5_tries_again_after_a_failure() {
    let (addr, reports) = failing_first(2);
    let outcome = run("echo_retry, 3 tries", echo_retry(addr, LINE, policy(3)));
    let count = connections(&reports, 3);
    assert!(
        matches!(&outcome, Ok(echo) if echo == LINE) && count == 3,
        "a server failed the first 2 connections, then echoed; echo_retry with 3 tries gave \
         {outcome:?} after {count} connections, want the echo after 3\n\
         hint: call echo_once in a loop; return its first Ok, and after an error sleep \
         policy.pause and try again"
    );
}

#[test]
fn step6_stops_after_its_tries() {
    let (addr, reports) = silent_counted();
    let outcome = run(
        "echo_retry to a silent server",
        echo_retry(addr, LINE, policy(3)),
    );
    let count = connections(&reports, 3);
    assert!(
        matches!(&outcome, Err(error) if error.kind() == ErrorKind::TimedOut) && count == 3,
        "echo_retry with 3 tries to a server that never answers gave {outcome:?} after \
         {count} connections; want a TimedOut error after 3\n\
         hint: try policy.tries times in all, then return the last try's error"
    );
}

#[test]
fn step7_one_try_is_no_retry() {
    let addr = servers::refused().expect("a port where nothing listens");
    let outcome = run("echo_retry, 1 try", echo_retry(addr, LINE, policy(1)));
    assert!(
        matches!(&outcome, Err(error) if error.kind() == ErrorKind::ConnectionRefused),
        "echo_retry with 1 try to a refused port gave {outcome:?}, want ConnectionRefused\n\
         hint: give back the last try's own error, not one of your own"
    );
}
