//! A small event loop for one future, with timers: the part of event_loop that `sleep` talks
//! to. event_loop keeps its timers to itself; this loop lets your `sleep` set one.
//!
//! The loop polls the future only after something woke it. When nothing did, it waits for
//! its earliest timer and calls that timer's waker. No timer and no wake-up means the future
//! would wait for ever: `run` then ends with [`Stuck`].
//!
//! Read this file; you need not change it.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Instant;

/// What [`run`] gives: the future's output, and how the loop got there.
#[derive(Debug)]
pub struct Ran<T> {
    pub output: T,
    /// How many times the loop polled the future.
    pub polls: u32,
    /// How many timers were set with [`set_timer`].
    pub timers_set: u32,
}

/// The future returned `Pending`, but set no timer and woke nothing.
#[derive(Debug)]
pub struct Stuck {
    pub polls: u32,
}

impl std::fmt::Display for Stuck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the future returned Pending (poll {}), but no timer is set and nothing woke it: \
             it would wait for ever",
            self.polls
        )
    }
}

/// The timers of the loop running on this thread: deadline (and a number, to keep equal
/// deadlines apart) → the waker to call then.
struct Timers {
    by_deadline: BTreeMap<(Instant, u32), Waker>,
    set: u32,
}

thread_local! {
    static TIMERS: RefCell<Option<Timers>> = const { RefCell::new(None) };
}

/// Asks the loop to call `waker.wake()` once `deadline` has passed.
///
/// # Panics
/// Outside [`run`].
pub fn set_timer(deadline: Instant, waker: &Waker) {
    TIMERS.with_borrow_mut(|timers| {
        let timers = timers
            .as_mut()
            .expect("set_timer needs a running mini_loop::run");
        timers.set += 1;
        timers
            .by_deadline
            .insert((deadline, timers.set), waker.clone());
    });
}

/// The waker of the one future: it raises a flag the loop reads before each poll.
struct Flag(AtomicBool);

impl Wake for Flag {
    fn wake(self: Arc<Self>) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// Runs `future` to its end on this thread (`asyncio.run` for one coroutine).
pub fn run<F: Future>(future: F) -> Result<Ran<F::Output>, Stuck> {
    TIMERS.set(Some(Timers {
        by_deadline: BTreeMap::new(),
        set: 0,
    }));
    let outcome = run_with_timers(future);
    TIMERS.set(None);
    outcome
}

fn run_with_timers<F: Future>(future: F) -> Result<Ran<F::Output>, Stuck> {
    let mut future = pin!(future);
    let flag = Arc::new(Flag(AtomicBool::new(true))); // the first poll needs no wake-up
    let waker = Waker::from(Arc::clone(&flag));
    let mut cx = Context::from_waker(&waker);
    let mut polls = 0;
    loop {
        if flag.0.swap(false, Ordering::SeqCst) {
            polls += 1;
            if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
                let timers_set = TIMERS.with_borrow(|t| t.as_ref().map_or(0, |t| t.set));
                return Ok(Ran {
                    output,
                    polls,
                    timers_set,
                });
            }
            continue;
        }
        let Some(due) = next_due() else {
            return Err(Stuck { polls });
        };
        std::thread::sleep(due.saturating_duration_since(Instant::now()));
        wake_due();
    }
}

/// The earliest deadline, if any timer is set.
fn next_due() -> Option<Instant> {
    TIMERS.with_borrow(|timers| {
        let timers = timers.as_ref()?;
        timers
            .by_deadline
            .keys()
            .next()
            .map(|&(deadline, _)| deadline)
    })
}

/// Calls the waker of every timer whose deadline has passed, and forgets the timer.
fn wake_due() {
    let now = Instant::now();
    loop {
        let due = TIMERS.with_borrow_mut(|timers| {
            let entry = timers.as_mut()?.by_deadline.first_entry()?;
            (entry.key().0 <= now).then(|| entry.remove())
        });
        match due {
            Some(waker) => waker.wake(),
            None => return,
        }
    }
}
