//! The budget (`budget.rs`): a task whose sockets are always ready still lets the timers and
//! the other tasks run.

use std::cell::Cell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use super::reactor::pair;
use super::{WATCHDOG, traced};
use crate::*;

/// A stream that never waits: one task holds both ends of a TCP connection on 127.0.0.1,
/// writes a chunk on one end and reads it back on the other, again and again, until `stop` is
/// set. Every read finds data and every write finds room: without the budget, no poll of this
/// task would ever end. Returns how many chunks went round. Fails the test once it has run
/// for [`WATCHDOG`] (the loop's own timers cannot stop it then).
async fn stream_until(stop: &Cell<bool>) -> u64 {
    let (near, far) = pair().await;
    let chunk = [7u8; 1024];
    let mut back = [0u8; 1024];
    let started = Instant::now();
    let mut rounds = 0;
    while !stop.get() {
        assert!(
            started.elapsed() < WATCHDOG,
            "the 10 ms timer did not fire while a task streamed for {WATCHDOG:?}: the task's \
             poll never ended"
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
        let streaming = spawn(async move { stream_until(&stop).await });
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
