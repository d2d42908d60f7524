//! The reactor, on real sockets on 127.0.0.1: what wakes a task that waits for I/O, and what
//! must not.

use std::cell::Cell;
use std::net::SocketAddr;
use std::os::fd::AsFd;
use std::pin::pin;
use std::rc::Rc;
use std::task::Poll;
use std::time::{Duration, Instant};

use super::{WATCHDOG, bounded, poll, traced};
use crate::executor::current_reactor;
use crate::reactor::{Reactor, selector_fd, sources};
use crate::*;

/// A connected pair of streams on 127.0.0.1: (the client's side, the server's side).
pub(super) async fn pair() -> (TcpStream, TcpStream) {
    let any_port: SocketAddr = "127.0.0.1:0".parse().unwrap();
    let listener = TcpListener::bind(any_port).await.unwrap();
    let client = TcpStream::connect(listener.local_addr().unwrap()).await;
    let (server_side, _) = listener.accept().await.unwrap();
    (client.unwrap(), server_side)
}

/// Yields until `done` is set, or fails the test after [`WATCHDOG`].
pub(super) async fn yield_until(done: &Cell<bool>, what: &str) {
    let started = Instant::now();
    while !done.get() {
        assert!(started.elapsed() < WATCHDOG, "{what} never happened");
        yield_now().await;
    }
}

#[test]
fn a_read_that_would_block_wakes_when_data_arrives() {
    let (received, polls) = traced(bounded(async {
        let (client, server_side) = pair().await;
        let reader = spawn(async move {
            let mut buf = [0u8; 16];
            let n = server_side.read(&mut buf).await.unwrap();
            buf[..n].to_vec()
        });
        yield_now().await; // the reader's first poll: nothing to read, it waits
        client.write_all(b"hi").await.unwrap();
        reader.await.unwrap()
    }));
    assert_eq!(received, b"hi");
    let reader: Vec<PollEvent> = polls.into_iter().filter(|p| p.task == TaskId(1)).collect();
    assert_eq!(
        reader,
        [poll(1, WokenBy::Spawn, false), poll(1, WokenBy::Io, true)]
    );
}

#[test]
fn a_read_that_lost_a_race_with_a_timer_leaves_no_waker_behind() {
    let timed_out = Rc::new(Cell::new(false));
    let racer_timed_out = Rc::clone(&timed_out);
    let (read_first, polls) = traced(bounded(async move {
        let (client, server_side) = pair().await;
        let racer = spawn(async move {
            let mut buf = [0u8; 16];
            let read_first = {
                let mut read = pin!(server_side.read(&mut buf));
                let mut timer = pin!(sleep(Duration::from_millis(20)));
                std::future::poll_fn(|cx| match read.as_mut().poll(cx) {
                    Poll::Ready(_) => Poll::Ready(true),
                    Poll::Pending => timer.as_mut().poll(cx).map(|()| false),
                })
                .await
            }; // the read, given up, is dropped here
            racer_timed_out.set(true);
            // Data arrives now: it must not wake this task, which waits for its timer only.
            sleep(Duration::from_millis(100)).await;
            read_first
        });
        yield_until(&timed_out, "the racer's timeout").await;
        client.write_all(b"late").await.unwrap();
        racer.await.unwrap()
    }));
    assert!(
        !read_first,
        "nothing was sent before the timer: the timer wins"
    );
    let racer: Vec<PollEvent> = polls.into_iter().filter(|p| p.task == TaskId(1)).collect();
    // Not a poll "woken by io" and Pending, for a read it gave up.
    assert_eq!(
        racer,
        [
            poll(1, WokenBy::Spawn, false),
            poll(1, WokenBy::Timer, false),
            poll(1, WokenBy::Timer, true)
        ]
    );
}

#[test]
fn a_blocking_call_wakes_the_loop_from_its_own_thread() {
    let (answer, polls) = traced(bounded(async {
        let (go, wait_for_go) = std::sync::mpsc::channel::<()>();
        // Runs only once the main task has waited: the blocking call cannot end before that.
        let _sender = spawn(async move { go.send(()).unwrap() });
        spawn_blocking(move || wait_for_go.recv().map(|()| 42))
            .await
            .unwrap()
    }));
    assert_eq!(answer, Ok(42));
    let main: Vec<PollEvent> = polls.into_iter().filter(|p| p.task == TaskId(0)).collect();
    assert_eq!(
        main,
        [
            poll(0, WokenBy::Run, false),
            poll(0, WokenBy::Outside, true)
        ]
    );
}

#[test]
fn a_lookup_gives_the_addresses_of_its_host() {
    let (addrs, polls) = traced(bounded(async {
        lookup_host("localhost", 7).await.unwrap()
    }));
    assert!(!addrs.is_empty());
    assert!(
        addrs.iter().all(|a| a.ip().is_loopback() && a.port() == 7),
        "{addrs:?}"
    );
    // The lookup's thread may end before the first poll looks (it reads /etc/hosts): then the
    // first poll is Ready. Otherwise the thread wakes the loop from outside, as above.
    let outside = [
        poll(0, WokenBy::Run, false),
        poll(0, WokenBy::Outside, true),
    ];
    assert!(
        polls == outside || polls == [poll(0, WokenBy::Run, true)],
        "{polls:?}"
    );
}

/// How many file descriptors the selector (epoll) watches: the `tfd:` lines of its entry in
/// `/proc/self/fdinfo`, one per descriptor registered.
fn watched(reactor: &Reactor) -> usize {
    let fd = selector_fd(reactor);
    let path = format!("/proc/self/fdinfo/{fd}");
    let info = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    info.lines().filter(|l| l.starts_with("tfd:")).count()
}

#[test]
fn a_dropped_stream_deregisters() {
    run(bounded(async {
        let reactor = current_reactor("test").unwrap();
        let (client, server_side) = pair().await;
        assert_eq!(sources(&reactor), 2, "the two streams, the listener gone");
        assert_eq!(
            watched(&reactor),
            3,
            "the two streams and the loop's wakeup"
        );
        // A copy of the client's descriptor, as a child process would inherit it: closing the
        // socket alone then leaves it in epoll, which watches the open file, not the number.
        let copy = client.as_fd().try_clone_to_owned().unwrap();
        drop(client);
        assert_eq!(sources(&reactor), 1);
        assert_eq!(
            watched(&reactor),
            2,
            "epoll still watches the dropped stream"
        );
        drop(server_side);
        assert_eq!(sources(&reactor), 0);
        assert_eq!(watched(&reactor), 1);
        drop(copy);
    }));
}

#[test]
fn a_refused_connection_is_an_error() {
    // A port that was just free: bound, then closed, so nothing listens there.
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = free.local_addr().unwrap();
    drop(free);
    let result = run(bounded(TcpStream::connect(addr)));
    let error = result.err().expect("nothing listens there");
    assert_eq!(error.kind(), std::io::ErrorKind::ConnectionRefused);
}

#[test]
fn every_byte_comes_back_in_order_through_a_half_close() {
    let sent: Vec<u8> = (0..=255u8).cycle().take(3 << 20).collect();
    let expected = sent.clone();
    let received = run(bounded(async move {
        let (client, server_side) = pair().await;
        // The echo: all it reads, written back, until end of stream, then FIN.
        spawn(async move {
            let mut buf = [0u8; 1024];
            loop {
                let n = server_side.read(&mut buf).await.unwrap();
                if n == 0 {
                    break server_side.shutdown().await.unwrap();
                }
                server_side.write_all(&buf[..n]).await.unwrap();
            }
        });
        // One task writes while this one reads: neither waits on a full buffer.
        let reader = Rc::new(client);
        let writer = Rc::clone(&reader);
        let sending = spawn(async move {
            writer.write_all(&sent).await.unwrap();
            writer.shutdown().await.unwrap();
        });
        let mut received = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            let n = reader.read(&mut buf).await.unwrap();
            if n == 0 {
                break;
            }
            received.extend_from_slice(&buf[..n]);
        }
        sending.await.unwrap();
        received
    }));
    assert!(received == expected, "the echo differs from what was sent");
}
