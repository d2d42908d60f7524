//! `asyncio.create_task`: a future run as a task of its own, and the handle that awaits its
//! output.

use std::cell::RefCell;
use std::fmt;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use futures::FutureExt;

use crate::NoRunningLoop;
use crate::executor;

/// `asyncio.create_task(future)`: runs `future` as a task of its own, beside the others, from
/// the next turn of the loop on, awaited or not.
///
/// # Panics
/// Outside [`run`](crate::run), with the message of [`NoRunningLoop`]; [`try_spawn`] returns
/// it instead.
pub fn spawn<F: Future + 'static>(future: F) -> JoinHandle<F::Output> {
    try_spawn(future).unwrap_or_else(|no_loop| panic!("{no_loop}"))
}

/// [`spawn`], or an error outside [`run`](crate::run).
pub fn try_spawn<F: Future + 'static>(future: F) -> Result<JoinHandle<F::Output>, NoRunningLoop> {
    let slot = Rc::new(RefCell::new(Slot::Running { waiter: None }));
    let outcome = Outcome {
        slot: Rc::clone(&slot),
    };
    // The task: the future, then its output put where the handle finds it. `map`, not an
    // `async move { future.await }` block: such a block keeps the future twice, once as the
    // value it captured and once as the one it awaits, and a task's memory would double (a
    // client of the echo server holds a 1 KiB buffer).
    executor::add_task(Box::pin(
        future.map(move |output| outcome.set(Slot::Done(output))),
    ))?;
    Ok(JoinHandle { slot })
}

/// A spawned task's output, to await. Dropping it leaves the task running.
///
/// It gives `Err(JoinError::Cancelled)` if the task was dropped before it ended: its loop's
/// [`run`](crate::run) returned first. (tokio's `JoinHandle` gives `JoinError::Cancelled` too,
/// and asyncio raises `CancelledError`.) So awaiting a handle never hangs on a task that no
/// loop will ever poll again.
pub struct JoinHandle<T> {
    slot: Rc<RefCell<Slot<T>>>,
}

/// Why a [`JoinHandle`] has no output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JoinError {
    /// The task was dropped before it ended, when its loop ended.
    Cancelled,
}

impl fmt::Display for JoinError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the task was cancelled: its loop ended before it did")
    }
}

impl std::error::Error for JoinError {}

enum Slot<T> {
    /// With the waker of whoever awaits the handle, called when the task ends.
    Running {
        waiter: Option<Waker>,
    },
    Done(T),
    Cancelled,
    /// The handle has returned the output.
    Taken,
}

/// The task's side of the slot. Dropped with the task, it marks a task that never ended as
/// cancelled, and wakes whoever awaits it.
struct Outcome<T> {
    slot: Rc<RefCell<Slot<T>>>,
}

impl<T> Outcome<T> {
    fn set(&self, outcome: Slot<T>) {
        let before = std::mem::replace(&mut *self.slot.borrow_mut(), outcome);
        if let Slot::Running {
            waiter: Some(waiter),
        } = before
        {
            waiter.wake(); // whoever awaits the JoinHandle, after the borrow ends
        }
    }
}

impl<T> Drop for Outcome<T> {
    fn drop(&mut self) {
        let running = matches!(*self.slot.borrow(), Slot::Running { .. });
        if running {
            self.set(Slot::Cancelled);
        }
    }
}

impl<T> Future for JoinHandle<T> {
    type Output = Result<T, JoinError>;

    /// # Panics
    /// If polled again after it returned.
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<T, JoinError>> {
        let mut slot = self.slot.borrow_mut();
        match std::mem::replace(&mut *slot, Slot::Taken) {
            Slot::Running { .. } => {
                *slot = Slot::Running {
                    waiter: Some(cx.waker().clone()),
                };
                Poll::Pending
            }
            Slot::Done(output) => Poll::Ready(Ok(output)),
            Slot::Cancelled => Poll::Ready(Err(JoinError::Cancelled)),
            Slot::Taken => panic!("a JoinHandle polled after it returned"),
        }
    }
}
