//! A countdown as a `Stream`: the async iterator that `async for` walks in Python. Each number
//! comes one period after the one before.

use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use futures::Stream;
use tokio::time::{Sleep, sleep};

/// `from`, `from - 1`, ..., 1: the first one `period` after this call, then one each period.
pub fn countdown(from: u32, period: Duration) -> Countdown {
    Countdown {
        remaining: from,
        period,
        tick: Box::pin(sleep(period)),
    }
}

/// The stream of [`countdown`].
pub struct Countdown {
    /// The number to give next; 0 once the countdown is over.
    remaining: u32,
    period: Duration,
    /// The timer of the next number (in a box, so that it can be polled: `Sleep` is !Unpin).
    tick: Pin<Box<Sleep>>,
}

impl Stream for Countdown {
    type Item = u32;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u32>> {
        // Countdown is Unpin (its timer is in a box): a plain `&mut Countdown` is safe to take.
        let this = self.get_mut();
        if this.remaining == 0 {
            return Poll::Ready(None); // over, and it stays over
        }
        // Pending until the tick: the timer keeps cx's waker and wakes the task then.
        ready!(this.tick.as_mut().poll(cx));
        let number = this.remaining;
        this.remaining -= 1;
        // The next tick, one period after this one's deadline (not after now: no drift).
        let next = this.tick.deadline() + this.period;
        this.tick.as_mut().reset(next);
        Poll::Ready(Some(number))
    }
}
