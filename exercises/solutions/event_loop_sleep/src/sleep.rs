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

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // Sleep holds no self-reference (it is Unpin): a plain `&mut Sleep` is safe to take.
        let this = self.get_mut();
        let now = Instant::now();
        // The deadline is fixed once, at the first poll; a later poll must not move it.
        let deadline = *this.deadline.get_or_insert(now + this.duration);
        if now >= deadline {
            return Poll::Ready(());
        }
        // Not yet: the loop calls this waker at the deadline, and only then polls us again.
        mini_loop::set_timer(deadline, cx.waker());
        Poll::Pending
    }
}
