//! What is left when a loop ends: nothing of the loop, no timer of a dropped sleep, and an
//! answer for every `JoinHandle`.

use std::cell::Cell;
use std::pin::pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use super::{poll, traced};
use crate::executor::run_queue_probe;
use crate::*;

#[test]
fn nothing_of_the_loop_outlives_run_with_a_task_still_queued() {
    let run_queue_alive = run(async {
        // A task that always yields is on the run queue when main returns.
        spawn(async {
            loop {
                yield_now().await;
            }
        });
        yield_now().await;
        run_queue_probe()
    });
    assert!(!run_queue_alive(), "the run queue and its wakers leaked");
}

#[test]
fn a_waker_called_after_its_loop_ended_queues_nothing() {
    let (waker, run_queue_alive) = run(async {
        let waker = std::future::poll_fn(|cx| Poll::Ready(cx.waker().clone())).await;
        (waker, run_queue_probe())
    });
    waker.wake_by_ref(); // the queue is closed: this must not put the waker in it
    assert!(
        run_queue_alive(),
        "the waker keeps the queue while it lives"
    );
    drop(waker);
    assert!(
        !run_queue_alive(),
        "the queue and the waker keep each other alive"
    );
}

#[test]
fn a_dropped_sleep_wakes_nobody() {
    let ((), polls) = traced(async {
        let mut early = Box::pin(sleep(Duration::from_millis(20)));
        // Polled once, so its timer is set, then dropped before its deadline.
        std::future::poll_fn(|cx| {
            assert!(early.as_mut().poll(cx).is_pending());
            Poll::Ready(())
        })
        .await;
        drop(early);
        sleep(Duration::from_millis(60)).await;
    });
    // Not a third poll at 20 ms, "woken by timer" and Pending.
    assert_eq!(
        polls,
        [poll(0, WokenBy::Run, false), poll(0, WokenBy::Timer, true)]
    );
}

#[test]
fn a_task_dropped_with_its_loop_gives_its_handle_cancelled() {
    // In a tuple: the handle leaves run unawaited.
    let (handle,) = run(async { (spawn(std::future::pending::<()>()),) });
    let mut handle = pin!(handle);
    let answer = handle
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()));
    assert_eq!(answer, Poll::Ready(Err(JoinError::Cancelled)));
}

#[test]
fn a_task_awaiting_another_is_dropped_too_and_nothing_hangs() {
    // main returns while task 2 awaits task 1, which never ends: both are dropped.
    let (handle,) = run(async {
        let never = spawn(std::future::pending::<()>());
        let waiting = spawn(async move { never.await.is_ok() });
        yield_now().await;
        (waiting,)
    });
    let mut handle = pin!(handle);
    let answer = handle
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()));
    assert_eq!(answer, Poll::Ready(Err(JoinError::Cancelled)));
}

/// Calls `try_spawn` when dropped, and keeps whether it found a loop.
struct SpawnsWhenDropped(Rc<Cell<Option<bool>>>);

impl Drop for SpawnsWhenDropped {
    fn drop(&mut self) {
        self.0.set(Some(try_spawn(async {}).is_ok()));
    }
}

#[test]
fn a_task_dropped_when_its_loop_ends_finds_no_loop_to_spawn_on() {
    let found_a_loop = Rc::new(Cell::new(None));
    let guard = SpawnsWhenDropped(Rc::clone(&found_a_loop));
    run(async move {
        spawn(async move {
            let _guard = guard;
            std::future::pending::<()>().await;
        });
        yield_now().await;
    });
    assert_eq!(found_a_loop.get(), Some(false));
}

#[test]
fn a_timeout_gives_elapsed_and_drops_what_it_waited_for() {
    let ((answer, done), polls) = traced(super::bounded(async {
        let late = timeout(Duration::from_millis(20), std::future::pending::<()>()).await;
        let in_time = timeout(Duration::from_secs(60), async { 7 }).await;
        (late, in_time)
    }));
    assert_eq!(answer, Err(Elapsed));
    assert_eq!(done, Ok(7));
    // Woken once, by the 20 ms timer; the 60 s one, dropped, wakes nobody.
    assert_eq!(
        polls,
        [poll(0, WokenBy::Run, false), poll(0, WokenBy::Timer, true)]
    );
}
