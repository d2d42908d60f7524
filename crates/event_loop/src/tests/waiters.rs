//! Every waiter of a socket is woken: several tasks waiting on one socket and direction, and
//! several operations of one task (in a `join`), each keep the waker they left.

use std::rc::Rc;
use std::time::Duration;

use futures::future::join;

use super::reactor::{pair, yield_until};
use super::{bounded, poll, traced};
use crate::*;

#[test]
fn two_tasks_accepting_on_one_listener_each_get_a_connection() {
    let peers = run(bounded(async {
        let any_port = "127.0.0.1:0".parse().unwrap();
        let listener = Rc::new(TcpListener::bind(any_port).await.unwrap());
        let addr = listener.local_addr().unwrap();
        let acceptors: Vec<_> = (0..2)
            .map(|_| {
                let listener = Rc::clone(&listener);
                spawn(async move { listener.accept().await.unwrap().1 })
            })
            .collect();
        yield_now().await; // both acceptors wait on the listener now
        let first = TcpStream::connect(addr).await.unwrap();
        let second = TcpStream::connect(addr).await.unwrap();
        let mut peers = Vec::new();
        for acceptor in acceptors {
            peers.push(acceptor.await.unwrap());
        }
        let mut expected = vec![first.local_addr().unwrap(), second.local_addr().unwrap()];
        peers.sort();
        expected.sort();
        assert_eq!(peers, expected);
        peers
    }));
    assert_eq!(peers.len(), 2);
}

#[test]
fn two_tasks_reading_one_stream_each_get_bytes() {
    let mut got = run(bounded(async {
        let (client, server_side) = pair().await;
        let server_side = Rc::new(server_side);
        let readers: Vec<_> = (0..2)
            .map(|_| {
                let stream = Rc::clone(&server_side);
                spawn(async move {
                    let mut byte = [0u8; 1];
                    stream.read(&mut byte).await.unwrap();
                    byte[0]
                })
            })
            .collect();
        yield_now().await; // both readers wait on the stream now
        client.write_all(b"ab").await.unwrap();
        let mut got = Vec::new();
        for reader in readers {
            got.push(reader.await.unwrap());
        }
        got
    }));
    got.sort();
    assert_eq!(got, b"ab");
}

#[test]
fn a_read_dropped_by_its_timeout_leaves_its_siblings_waker() {
    // One task: `join(timeout(3 s, read1), timeout(100 ms, read2))`, two reads of one stream.
    // read2 gives up first; data arrives after that. The selector must still wake the task
    // for read1: the wake comes from io, not from read1's timer 3 s later.
    let timed_out = Rc::new(std::cell::Cell::new(false));
    let read2_timed_out = Rc::clone(&timed_out);
    let (read1, polls) = traced(bounded(async move {
        let (client, server_side) = pair().await;
        let both = spawn(async move {
            let (mut buf1, mut buf2) = ([0u8; 16], [0u8; 16]);
            let read1 = timeout(Duration::from_secs(3), server_side.read(&mut buf1));
            let read2 = async {
                let read2 = timeout(Duration::from_millis(100), server_side.read(&mut buf2)).await;
                read2_timed_out.set(true);
                read2
            };
            let (read1, read2) = join(read1, read2).await;
            assert!(read2.is_err(), "read2 times out: nothing is sent before");
            let n = read1
                .expect("read1 gets the data before its timeout")
                .unwrap();
            buf1[..n].to_vec()
        });
        yield_until(&timed_out, "read2's timeout").await;
        client.write_all(b"late").await.unwrap();
        both.await.unwrap()
    }));
    assert_eq!(read1, b"late");
    let last = polls.iter().rfind(|p| p.task == TaskId(1)).unwrap();
    assert_eq!(
        *last,
        poll(1, WokenBy::Io, true),
        "read1 was woken by {} instead of the data",
        last.woken_by
    );
}
