//! `asyncio.sleep(seconds)` for the loop of `mini_loop.rs`.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use crate::mini_loop;

/// A future that ends once `duration` has passed since its first poll.
pub fn sleep(duration: Duration) -> Sleep {
    Sleep {
        duration,
        deadline: None,
    }
}

/// The future of [`sleep`].
pub struct Sleep {
    duration: Duration,
    /// When it ends: set at the first poll.
    deadline: Option<Instant>,
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // Yours to write: fix the deadline at the first poll (`self.deadline`), give Ready once
        // it has passed, else set a timer with `mini_loop::set_timer` and give Pending.
        todo!("sleep's poll")
    }
}
