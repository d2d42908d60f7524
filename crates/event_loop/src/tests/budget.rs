//! The budget (`budget.rs`): a task whose sockets are always ready still lets the timers and
//! the other tasks run.

use std::cell::Cell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use super::reactor::pair;
use super::{WATCHDOG, bounded, poll, traced};
use crate::*;

/// A stream that never waits: one task holds both `ends` of a TCP connection on 127.0.0.1,
/// writes a chunk on one end and reads it back on the other, again and again, until `stop` is
/// set. Every read finds data and every write finds room: without the budget, no poll of this
/// task would ever end. Returns how many chunks went round. Fails the test once it has run
/// for [`WATCHDOG`] (the loop's own timers cannot stop it then).
async fn stream_until(stop: &Cell<bool>, (near, far): (TcpStream, TcpStream)) -> u64 {
    let chunk = [7u8; 1024];
    let mut back = [0u8; 1024];
    let started = Instant::now();
    let mut rounds = 0;
    while !stop.get() {
        assert!(
            started.elapsed() < WATCHDOG,
            "a task streamed for {WATCHDOG:?} in one poll: nothing else could run to stop it"
        );
        near.write_all(&chunk).await.unwrap();
        let mut got = 0;
        while got < chunk.len() {
            got += far.read(&mut back[got..]).await.unwrap();
        }
        rounds += 1;
    }
    rounds
}

#[test]
fn a_10_ms_timer_fires_while_a_task_streams() {
    let stop = Rc::new(Cell::new(false));
    let stopper = Rc::clone(&stop);
    let (rounds, polls) = traced(async move {
        let ends = pair().await;
        let streaming = spawn(async move { stream_until(&stop, ends).await });
        spawn(async move {
            sleep(Duration::from_millis(10)).await;
            stopper.set(true); // the timer fired: the stream ends only now
        });
        streaming.await.unwrap()
    });
    assert!(rounds > 0);
    // The streaming task (task 1) was put back on the run queue by itself, with its budget
    // spent, not by the selector: its sockets were ready all along.
    let streamer_yields = polls
        .iter()
        .filter(|p| p.task == TaskId(1) && p.woke_itself() && !p.ready)
        .count();
    assert!(streamer_yields > 0, "{polls:?}");
}

#[test]
fn a_task_that_spent_its_budget_goes_behind_the_tasks_the_selector_woke() {
    let stop = Rc::new(Cell::new(false));
    let reader_done = Rc::clone(&stop);
    let (_, polls) = traced(bounded(async move {
        let (client, server_side) = pair().await;
        let ends = pair().await;
        let reader = spawn(async move {
            let mut byte = [0u8; 1];
            server_side.read(&mut byte).await.unwrap();
            reader_done.set(true); // the stream stops once the reader has had its turn
        });
        yield_now().await; // the reader waits for its socket now
        let streamer = spawn(async move {
            client.write_all(b"!").await.unwrap(); // the reader's socket becomes readable
            stream_until(&stop, ends).await
        });
        reader.await.unwrap();
        streamer.await.unwrap()
    }));
    // Task 2, the streamer, spent its budget in its first poll. The selector had found the
    // reader's socket ready meanwhile: the reader (task 1) goes first, then the streamer.
    let spent = polls
        .iter()
        .position(|p| *p == poll(2, WokenBy::Spawn, false))
        .unwrap_or_else(|| panic!("the streamer never spent its budget: {polls:?}"));
    assert_eq!(
        polls[spent + 1..spent + 3],
        [
            poll(1, WokenBy::Io, true),
            poll(2, WokenBy::Task(TaskId(2)), true)
        ]
    );
}
