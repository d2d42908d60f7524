//! The two ways a task pauses on the loop: for a while ([`sleep`]), or just to let the others
//! run ([`yield_now`]).

use std::cell::RefCell;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use crate::executor;

/// `asyncio.sleep(duration)`: a future that ends once `duration` has passed since its first
/// poll. It costs the loop nothing meanwhile: its task is off the run queue, and a timer wakes
/// it. A zero duration ends at once; to pause and let others run, use [`yield_now`].
pub fn sleep(duration: Duration) -> Sleep {
    Sleep {
        duration,
        timer: None,
    }
}

/// The future of [`sleep`].
pub struct Sleep {
    duration: Duration,
    /// Once polled: the deadline, and the waker its timer calls (the latest poll's).
    timer: Option<(Instant, Rc<RefCell<Waker>>)>,
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
            Some((deadline, _)) if now >= *deadline => Poll::Ready(()),
            Some((_, waker)) => {
                // Polled early (by a join_all, say): the timer is set; keep its waker current.
                waker.borrow_mut().clone_from(cx.waker());
                Poll::Pending
            }
            None if self.duration.is_zero() => Poll::Ready(()),
            None => {
                let deadline = now + self.duration.min(LONGEST_SLEEP);
                let waker = Rc::new(RefCell::new(cx.waker().clone()));
                executor::set_timer(deadline, Rc::clone(&waker))
                    .unwrap_or_else(|no_loop| panic!("{no_loop}"));
                self.timer = Some((deadline, waker));
                Poll::Pending
            }
        }
    }
}

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
