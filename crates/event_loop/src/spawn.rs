//! `asyncio.create_task`: a future run as a task of its own, and the handle that awaits its
//! output.

use std::cell::RefCell;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

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
    let slot = Rc::new(RefCell::new(Slot {
        output: None,
        waiter: None,
    }));
    let task_slot = Rc::clone(&slot);
    // The task: the future, then its output put where the handle finds it.
    executor::add_task(Box::pin(async move {
        let output = future.await;
        let waiter = {
            let mut slot = task_slot.borrow_mut();
            slot.output = Some(output);
            slot.waiter.take()
        };
        if let Some(waiter) = waiter {
            waiter.wake(); // whoever awaits the JoinHandle
        }
    }))?;
    Ok(JoinHandle { slot })
}

/// A spawned task's output, to await. Dropping it leaves the task running.
pub struct JoinHandle<T> {
    slot: Rc<RefCell<Slot<T>>>,
}

struct Slot<T> {
    output: Option<T>,
    /// The waker of whoever awaits the handle, called when the task ends.
    waiter: Option<Waker>,
}

impl<T> Future for JoinHandle<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut slot = self.slot.borrow_mut();
        match slot.output.take() {
            Some(output) => Poll::Ready(output),
            None => {
                slot.waiter = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}
