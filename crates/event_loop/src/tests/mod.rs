//! The loop's behaviour, checked by what it polls and in which order, never by timing.

use std::cell::{Cell, RefCell};
use std::pin::pin;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use crate::*;

/// Runs `main` and returns its output with every poll the loop made.
fn traced<F: Future>(main: F) -> (F::Output, Vec<PollEvent>) {
    let mut polls = Vec::new();
    let output = run_traced(main, |poll| polls.push(poll));
    (output, polls)
}

/// A bound on every wait of these tests for what a socket or another thread does: past it,
/// the test fails instead of hanging.
const WATCHDOG: Duration = Duration::from_secs(10);

/// `future`, or a panic once [`WATCHDOG`] has passed: the loop waits in its selector for a
/// deadline at most that far.
async fn bounded<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut limit = pin!(sleep(WATCHDOG));
    std::future::poll_fn(|cx| {
        // The limit first: an answer that came only because the watchdog woke the loop is
        // a failure too.
        assert!(
            limit.as_mut().poll(cx).is_pending(),
            "no answer in {WATCHDOG:?}"
        );
        future.as_mut().poll(cx)
    })
    .await
}

fn poll(task: usize, woken_by: WokenBy, ready: bool) -> PollEvent {
    PollEvent {
        task: TaskId(task),
        woken_by,
        ready,
    }
}

#[test]
fn yielding_tasks_take_turns_round_robin() {
    let steps = Rc::new(RefCell::new(Vec::new()));
    let (_, polls) = traced(async {
        let tasks: Vec<_> = (1..=3)
            .map(|n| {
                let steps = Rc::clone(&steps);
                spawn(async move {
                    for _ in 0..2 {
                        steps.borrow_mut().push(n);
                        yield_now().await;
                    }
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
    });
    assert_eq!(*steps.borrow(), [1, 2, 3, 1, 2, 3]);
    let itself = |n| WokenBy::Task(TaskId(n));
    let expected = [
        poll(0, WokenBy::Run, false),
        poll(1, WokenBy::Spawn, false),
        poll(2, WokenBy::Spawn, false),
        poll(3, WokenBy::Spawn, false),
        poll(1, itself(1), false),
        poll(2, itself(2), false),
        poll(3, itself(3), false),
        poll(1, itself(1), true),
        poll(2, itself(2), true),
        poll(3, itself(3), true),
        // Task 1's end woke main, which was waiting for it; 2 and 3 had ended by then.
        poll(0, WokenBy::Task(TaskId(1)), true),
    ];
    assert_eq!(polls, expected);
}

#[test]
fn sleepers_wake_in_the_order_of_their_deadlines() {
    let woke = Rc::new(RefCell::new(Vec::new()));
    let (_, polls) = traced(async {
        let tasks: Vec<_> = [300, 100, 200]
            .into_iter()
            .map(|ms| {
                let woke = Rc::clone(&woke);
                spawn(async move {
                    sleep(Duration::from_millis(ms)).await;
                    woke.borrow_mut().push(ms);
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
    });
    assert_eq!(*woke.borrow(), [100, 200, 300]);
    let timer_wakes: Vec<TaskId> = polls
        .iter()
        .filter(|p| p.woken_by == WokenBy::Timer)
        .map(|p| p.task)
        .collect();
    assert_eq!(timer_wakes, [TaskId(2), TaskId(3), TaskId(1)]);
}

#[test]
fn a_sleep_costs_two_polls_not_a_spin() {
    // A loop that spun until the deadline would poll the sleeper over and over.
    let ((), polls) = traced(sleep(Duration::from_millis(200)));
    assert_eq!(
        polls,
        [poll(0, WokenBy::Run, false), poll(0, WokenBy::Timer, true)]
    );
}

#[test]
fn a_sleep_for_ever_is_cut_short_by_a_timeout_without_overflow() {
    // `Instant::now() + Duration::MAX` would overflow: the loop caps a sleep's length.
    let ((), polls) = traced(async {
        let cut = timeout(Duration::from_millis(10), sleep(Duration::MAX)).await;
        assert_eq!(cut, Err(Elapsed));
    });
    assert_eq!(
        polls,
        [poll(0, WokenBy::Run, false), poll(0, WokenBy::Timer, true)]
    );
}

#[test]
fn a_join_handle_gives_the_tasks_output() {
    let (answer, polls) = traced(async { spawn(async { 6 * 7 }).await.unwrap() });
    assert_eq!(answer, 42);
    assert_eq!(polls.len(), 3, "{polls:?}"); // main, the task, main again
}

#[test]
fn a_task_spawned_by_a_task_runs() {
    let inner_ran = Rc::new(Cell::new(false));
    let flag = Rc::clone(&inner_ran);
    let output = run(async move {
        spawn(async move {
            let inner = spawn(async move {
                flag.set(true);
                "from the inner task"
            });
            inner.await.unwrap()
        })
        .await
        .unwrap()
    });
    assert_eq!(output, "from the inner task");
    assert!(inner_ran.get());
}

#[test]
fn a_task_runs_without_being_awaited() {
    let ran = Rc::new(Cell::new(false));
    let flag = Rc::clone(&ran);
    run(async move {
        drop(spawn(async move { flag.set(true) }));
        yield_now().await; // main pauses: the task gets its turn
    });
    assert!(ran.get());
}

#[test]
fn timers_fire_while_other_tasks_keep_yielding() {
    // The sleeper is woken in the turn after its deadline even though a task is always ready:
    // due timers are looked at every turn, not only when the loop runs out of work. Main
    // yields until the sleeper is done, or until a watchdog far past the deadline says the
    // timer was never looked at: then the test fails instead of hanging.
    let done = Rc::new(Cell::new(false));
    let sleeper_done = Rc::clone(&done);
    let (woken_in_time, polls) = traced(async move {
        spawn(async move {
            sleep(Duration::from_millis(50)).await;
            sleeper_done.set(true);
        });
        let started = std::time::Instant::now();
        while !done.get() {
            if started.elapsed() > WATCHDOG {
                return false;
            }
            yield_now().await;
        }
        true
    });
    assert!(
        woken_in_time,
        "the sleeper never woke while main kept yielding"
    );
    // Woken by its timer while main was yielding: main was polled after it, woken by itself.
    let sleeper_woken = polls
        .iter()
        .position(|p| *p == poll(1, WokenBy::Timer, true))
        .unwrap_or_else(|| panic!("no timer wake of the sleeper in {polls:?}"));
    assert_eq!(
        polls[sleeper_woken + 1..],
        [poll(0, WokenBy::Task(TaskId::MAIN), true)]
    );
}

/// A future completed from another thread: what a reactor or a thread pool does.
#[derive(Default)]
struct FromThread {
    done: bool,
    waker: Option<Waker>,
}

#[test]
fn a_waker_called_from_another_thread_wakes_the_sleeping_loop() {
    let shared = Arc::new(Mutex::new(FromThread::default()));
    let other = Arc::clone(&shared);
    let ((), polls) = traced(bounded(std::future::poll_fn(move |cx| {
        let mut state = shared.lock().unwrap();
        if state.done {
            return Poll::Ready(());
        }
        if state.waker.is_none() {
            let other = Arc::clone(&other);
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(50));
                let mut state = other.lock().unwrap();
                state.done = true;
                if let Some(waker) = state.waker.take() {
                    waker.wake();
                }
            });
        }
        state.waker = Some(cx.waker().clone());
        Poll::Pending
    })));
    assert_eq!(
        polls,
        [
            poll(0, WokenBy::Run, false),
            poll(0, WokenBy::Outside, true)
        ]
    );
}

#[test]
fn spawn_outside_run_is_an_error_that_says_so() {
    let error = try_spawn(async {}).err().unwrap();
    assert_eq!(
        error.to_string(),
        "event_loop::spawn needs a running loop: call it inside event_loop::run"
    );
}

#[test]
#[should_panic(expected = "event_loop::spawn needs a running loop")]
fn spawn_outside_run_panics_with_that_message() {
    spawn(async {});
}

#[test]
#[should_panic(expected = "event_loop::sleep needs a running loop")]
fn sleep_outside_run_panics_with_that_message() {
    let sleep = pin!(sleep(Duration::from_millis(1)));
    let _ = sleep.poll(&mut Context::from_waker(Waker::noop()));
}

#[test]
#[should_panic(expected = "event_loop::run cannot be called from a running event loop")]
fn run_inside_run_panics() {
    run(async { run(async {}) });
}

#[test]
fn the_loop_is_gone_after_run() {
    run(async {});
    assert!(try_spawn(async {}).is_err());
    // And a second run works.
    assert_eq!(run(async { spawn(async { 1 }).await }), Ok(1));
}

mod budget;
mod ending;
mod reactor;
mod signal;
mod task_size;
mod waiters;
