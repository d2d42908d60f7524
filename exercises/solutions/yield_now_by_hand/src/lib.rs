//! `yield_now` written by hand: the future behind `await asyncio.sleep(0)`. Awaited, it
//! pauses the task once, so that the other tasks get a turn. Then async_counter's counter,
//! whose five tasks take turns with it.

use std::cell::Cell;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::future::join_all;

/// A pause of one turn: `yield_now().await` lets every other task run once, then goes on.
pub fn yield_now() -> YieldNow {
    YieldNow { yielded: false }
}

/// The future of [`yield_now`].
pub struct YieldNow {
    /// Whether this future has already paused its task once.
    yielded: bool,
}

impl Future for YieldNow {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // YieldNow holds a bool only, so it is Unpin: a plain `&mut YieldNow` is safe to take.
        let this = self.get_mut();
        if this.yielded {
            return Poll::Ready(()); // the second poll: the others have had their turn
        }
        this.yielded = true;
        // Ask the runtime to poll this task again, before saying Pending: it then runs every
        // other task that is ready, and comes back. Without the wake, nobody would.
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// How many tasks count, and how many times each adds 1.
pub const TASKS: usize = 5;
pub const N: u32 = 10000;

/// Adds 1 to `counter` N times, pausing after every step to let the other tasks run.
pub async fn inc(counter: &Cell<u32>) {
    for _ in 0..N {
        counter.set(counter.get() + 1); // counter += 1
        yield_now().await; // await asyncio.sleep(0)
    }
}

/// Runs TASKS `inc`s at once on one counter, and returns the total: TASKS * N.
pub async fn count() -> u32 {
    let counter = Cell::new(0);
    join_all((0..TASKS).map(|_| inc(&counter))).await;
    counter.get()
}
