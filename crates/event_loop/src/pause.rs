//! The two ways a task pauses on the loop: for a while ([`sleep`]), or just to let the others
//! run ([`yield_now`]).

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use crate::executor;
use crate::timers::Timer;

/// `asyncio.sleep(duration)`: a future that ends once `duration` has passed since its first
/// poll. It costs the loop nothing meanwhile: its task is off the run queue, and a timer wakes
/// it. A zero duration ends at once; to pause and let others run, use [`yield_now`]. Dropped
/// before its end, it removes its timer: nothing wakes the task for it later.
pub fn sleep(duration: Duration) -> Sleep {
    Sleep {
        duration,
        timer: None,
    }
}

/// The future of [`sleep`].
pub struct Sleep {
    duration: Duration,
    /// Once polled: the timer set on the loop.
    timer: Option<Timer>,
}

/// Longer sleeps are cut to this, far from where `Instant` could overflow.
const LONGEST_SLEEP: Duration = Duration::from_secs(30 * 365 * 24 * 3600);

impl Future for Sleep {
    type Output = ();

    /// # Panics
    /// Outside [`run`](crate::run), with the message of [`NoRunningLoop`](crate::NoRunningLoop).
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let now = Instant::now();
        match &self.timer {
            Some(timer) if now >= timer.deadline() => Poll::Ready(()),
            Some(timer) => {
                // Polled early (by a join_all, say): the timer is set; keep its waker current.
                timer.update_waker(cx.waker());
                Poll::Pending
            }
            None if self.duration.is_zero() => Poll::Ready(()),
            None => {
                let deadline = now + self.duration.min(LONGEST_SLEEP);
                let timers = executor::current_timers();
                let timers = timers.unwrap_or_else(|no_loop| panic!("{no_loop}"));
                self.timer = Some(Timer::set(&timers, deadline, cx.waker()));
                Poll::Pending
            }
        }
    }
}

/// `asyncio.wait_for(future, seconds)`: `future`'s output, or [`Elapsed`] once `duration` has
/// passed; then `future` is dropped where it waits (tokio's `time::timeout`).
pub async fn timeout<F: Future>(duration: Duration, future: F) -> Result<F::Output, Elapsed> {
    let mut future = std::pin::pin!(future);
    let mut limit = std::pin::pin!(sleep(duration));
    std::future::poll_fn(|cx| {
        if let Poll::Ready(output) = future.as_mut().poll(cx) {
            return Poll::Ready(Ok(output));
        }
        limit.as_mut().poll(cx).map(|()| Err(Elapsed))
    })
    .await
}

/// What [`timeout`] gives when the time is up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Elapsed;

impl std::fmt::Display for Elapsed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("deadline has elapsed")
    }
}

impl std::error::Error for Elapsed {}

/// `await asyncio.sleep(0)`: pause once, and let every other ready task run first.
pub fn yield_now() -> YieldNow {
    YieldNow { yielded: false }
}

/// The future of [`yield_now`].
pub struct YieldNow {
    yielded: bool,
}

impl Future for YieldNow {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        // Back on the run queue at once, behind every task already there: they go first.
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
