//! A countdown as a `Stream`: the async iterator that `async for` walks in Python. Each number
//! comes one period after the one before.

use std::pin::Pin;
use std::task::{Context, Poll};
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
        let _ = (&mut this.remaining, this.period, &mut this.tick, cx);
        todo!("None once over; else wait for the tick, give the number, set the next tick")
    }
}
