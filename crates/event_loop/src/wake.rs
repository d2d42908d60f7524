//! Wakers: how a task gets back on the run queue. A task's waker is what it leaves behind when
//! it pauses (with a timer, a socket, another task); calling it says "this task can go on".

use std::cell::Cell;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Wake, Waker};

use crate::trace::{TaskId, WokenBy};

/// The run queue, shared with the wakers. The standard `Wake` trait lets a waker be called
/// from any thread, so it must be `Send + Sync`: a mutex, and a `mio::Waker` that wakes the
/// loop's thread out of the selector if it waits there.
pub(crate) struct RunQueue {
    ready: Mutex<Ready>,
    wakeup: mio::Waker,
}

#[derive(Default)]
pub(crate) struct Ready {
    /// The tasks to poll, in the order they were woken, with who woke them.
    pub(crate) queue: VecDeque<(Arc<TaskWaker>, WokenBy)>,
    /// For speed only: the loop's thread waits in the selector, and only then must a waker
    /// signal it. (A signal costs a system call, and nearly every wake happens on the loop's
    /// own thread, which is awake.) Signalling on every wake would be just as correct.
    pub(crate) sleeping: bool,
    /// The loop has ended: a waker called from now on queues nothing. Without this, a waker
    /// called late would put itself back in `queue`, and the queue (holding the waker) and
    /// the waker (holding the queue) would keep each other alive for ever.
    pub(crate) closed: bool,
}

impl RunQueue {
    pub(crate) fn new(wakeup: mio::Waker) -> RunQueue {
        RunQueue {
            ready: Mutex::default(),
            wakeup,
        }
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Ready> {
        self.ready.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn push(&self, task: Arc<TaskWaker>, woken_by: WokenBy) {
        let mut ready = self.lock();
        if ready.closed {
            return;
        }
        ready.queue.push_back((task, woken_by));
        if ready.sleeping {
            ready.sleeping = false; // one signal is enough
            // It fails only if the system is out of resources; the loop then wakes at its
            // next deadline or I/O event instead.
            let _ = self.wakeup.wake();
        }
    }

    /// Closes the queue (see [`Ready::closed`]) and returns what it held, to drop.
    pub(crate) fn close(&self) -> VecDeque<(Arc<TaskWaker>, WokenBy)> {
        let mut ready = self.lock();
        ready.closed = true;
        std::mem::take(&mut ready.queue)
    }
}

/// A task's waker: calling it puts the task back on the run queue, unless it is there already
/// (`queued`: waking a task twice before it is polled changes nothing).
pub(crate) struct TaskWaker {
    pub(crate) task: TaskId,
    pub(crate) queued: AtomicBool,
    run_queue: Arc<RunQueue>,
}

impl TaskWaker {
    pub(crate) fn waker(task: TaskId, run_queue: &Arc<RunQueue>) -> Waker {
        Waker::from(Arc::new(TaskWaker {
            task,
            queued: AtomicBool::new(false),
            run_queue: Arc::clone(run_queue),
        }))
    }
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        if !self.queued.swap(true, Ordering::AcqRel) {
            self.run_queue.push(Arc::clone(self), WAKING.get());
        }
    }
}

thread_local! {
    /// For `--trace` only: who calls wakers on this thread now, the task being polled, the
    /// timers or the selector. The loop itself needs not know who woke a task.
    static WAKING: Cell<WokenBy> = const { Cell::new(WokenBy::Outside) };
}

/// For `--trace` only: who calls wakers on this thread now.
pub(crate) fn waking() -> WokenBy {
    WAKING.get()
}

/// For `--trace` only: runs `f`, counting the wakers it calls as called by `by`.
pub(crate) fn waking_as<R>(by: WokenBy, f: impl FnOnce() -> R) -> R {
    /// Puts back who was waking before, also when `f` panics (and the panic is caught).
    struct Restore(WokenBy);
    impl Drop for Restore {
        fn drop(&mut self) {
            WAKING.set(self.0);
        }
    }
    let _restore = Restore(WAKING.replace(by));
    f()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waking_as_puts_back_who_was_waking_after_a_panic() {
        let caught = std::panic::catch_unwind(|| waking_as(WokenBy::Timer, || panic!("in f")));
        assert!(caught.is_err());
        assert_eq!(WAKING.get(), WokenBy::Outside);
    }
}
