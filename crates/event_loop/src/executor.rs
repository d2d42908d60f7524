//! The event loop: the "caller" of every coroutine, running them all on one thread.
//!
//! A task is a future the loop owns, boxed and pinned (a future may point into itself, so it
//! must not move once polled). The loop polls a task when the task's waker has put it on the
//! run queue. Each turn of the loop, as in asyncio:
//!
//! 1. the timers whose deadline has passed wake their tasks;
//! 2. if no task is ready, the thread sleeps until the next deadline: no busy waiting;
//! 3. every task that was ready at the start of the turn is polled once, in the order it was
//!    woken. A task woken meanwhile (one that yielded) waits for the next turn: round-robin.
//!
//! A few lines are not the loop itself, and say so where they are: who woke a task
//! ([`WokenBy`], the `WAKING` thread-local, `waking_as`) serves `--trace` alone; the `sleeping`
//! flag and the task map's hasher (`task_map.rs`) serve speed alone.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, VecDeque};
use std::pin::{Pin, pin};
use std::rc::{Rc, Weak};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Wake, Waker};
use std::time::Instant;

use crate::NoRunningLoop;
use crate::task_map::TaskMap;
use crate::trace::{PollEvent, TaskId, WokenBy};

/// The run queue, shared with the wakers. The standard `Wake` trait lets a waker be called
/// from any thread, so it must be `Send + Sync`: a mutex, and a condition variable that wakes
/// the loop's thread if it sleeps.
#[derive(Default)]
struct RunQueue {
    ready: Mutex<Ready>,
    wakeup: Condvar,
}

#[derive(Default)]
struct Ready {
    /// The tasks to poll, in the order they were woken, with who woke them.
    queue: VecDeque<(Arc<TaskWaker>, WokenBy)>,
    /// For speed only: the loop's thread waits on `wakeup`, and only then must a waker signal
    /// it. (A signal costs a system call, and nearly every wake happens on the loop's own
    /// thread, which is awake.) Signalling on every wake would be just as correct.
    sleeping: bool,
    /// The loop has ended: a waker called from now on queues nothing. Without this, a waker
    /// called late would put itself back in `queue`, and the queue (holding the waker) and
    /// the waker (holding the queue) would keep each other alive for ever.
    closed: bool,
}

impl RunQueue {
    fn lock(&self) -> MutexGuard<'_, Ready> {
        self.ready.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn push(&self, task: Arc<TaskWaker>, woken_by: WokenBy) {
        let mut ready = self.lock();
        if ready.closed {
            return;
        }
        ready.queue.push_back((task, woken_by));
        if ready.sleeping {
            self.wakeup.notify_one();
        }
    }
}

/// A task's waker: calling it puts the task back on the run queue, unless it is there already
/// (`queued`: waking a task twice before it is polled changes nothing).
struct TaskWaker {
    task: TaskId,
    queued: AtomicBool,
    run_queue: Arc<RunQueue>,
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

type Task = (Pin<Box<dyn Future<Output = ()>>>, Waker);

/// The running loop, which [`spawn`] and [`sleep`](crate::sleep) find through [`CURRENT`].
#[derive(Default)]
struct Loop {
    run_queue: Arc<RunQueue>,
    /// The spawned tasks not yet ended. A task is taken out while polled, so it may spawn.
    tasks: RefCell<TaskMap<Task>>,
    /// The timers, earliest first, each with the waker to call at its deadline. A number
    /// beside the deadline serves equal deadlines first set, first woken, and lets a dropped
    /// [`Sleep`](crate::Sleep) find its own timer to remove.
    timers: RefCell<BTreeMap<TimerKey, Waker>>,
    tasks_spawned: Cell<usize>,
    timers_set: Cell<u64>,
}

/// A timer's place in [`Loop::timers`].
pub(crate) type TimerKey = (Instant, u64);

impl Drop for Loop {
    /// Breaks the one cycle of references: the run queue holds the wakers of the tasks it
    /// lists, and each waker holds the run queue. Closed and emptied, it is freed with the
    /// last waker. The tasks are dropped next (the fields' own drops), and their wakes do
    /// nothing now.
    fn drop(&mut self) {
        let queued = {
            let mut ready = self.run_queue.lock();
            ready.closed = true;
            std::mem::take(&mut ready.queue)
        };
        drop(queued); // outside the lock: dropping a waker may call another
    }
}

thread_local! {
    /// The loop that [`run`] runs on this thread, as `asyncio.get_running_loop()` finds it.
    static CURRENT: RefCell<Option<Rc<Loop>>> = const { RefCell::new(None) };
    /// For `--trace` only: who calls wakers on this thread now, the task being polled or the
    /// timers. The loop itself needs not know who woke a task.
    static WAKING: Cell<WokenBy> = const { Cell::new(WokenBy::Outside) };
}

fn current(what: &'static str) -> Result<Rc<Loop>, NoRunningLoop> {
    CURRENT.with_borrow(|current| current.clone().ok_or(NoRunningLoop(what)))
}

/// For `--trace` only: runs `f`, counting the wakers it calls as called by `by`.
fn waking_as<R>(by: WokenBy, f: impl FnOnce() -> R) -> R {
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

/// For [`spawn`](crate::spawn): adds `task` to the loop, to be polled in the next turn.
pub(crate) fn add_task(task: Pin<Box<dyn Future<Output = ()>>>) -> Result<TaskId, NoRunningLoop> {
    let the_loop = current("spawn")?;
    let id = TaskId(the_loop.tasks_spawned.get() + 1);
    the_loop.tasks_spawned.set(id.0);
    let waker = the_loop.waker(id);
    the_loop
        .tasks
        .borrow_mut()
        .insert(id, (task, waker.clone()));
    waking_as(WokenBy::Spawn, || waker.wake());
    Ok(id)
}

/// A timer set on a loop, for [`Sleep`](crate::Sleep): it calls its waker once its deadline
/// has passed, and is removed from the loop when dropped (as asyncio cancels a timer handle).
pub(crate) struct Timer {
    key: TimerKey,
    /// Weak: a `Sleep` kept after its loop ended must not keep the loop alive.
    the_loop: Weak<Loop>,
}

impl Timer {
    /// Sets a timer on the running loop.
    pub(crate) fn set(deadline: Instant, waker: &Waker) -> Result<Timer, NoRunningLoop> {
        let the_loop = current("sleep")?;
        let key = (deadline, the_loop.timers_set.get());
        the_loop.timers_set.set(key.1 + 1);
        the_loop.timers.borrow_mut().insert(key, waker.clone());
        let the_loop = Rc::downgrade(&the_loop);
        Ok(Timer { key, the_loop })
    }

    pub(crate) fn deadline(&self) -> Instant {
        self.key.0
    }

    /// Polled again before its deadline (by a `join_all`, say): call the latest waker.
    pub(crate) fn update_waker(&self, waker: &Waker) {
        if let Some(the_loop) = self.the_loop.upgrade()
            && let Some(timer) = the_loop.timers.borrow_mut().get_mut(&self.key)
        {
            timer.clone_from(waker);
        }
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let Some(the_loop) = self.the_loop.upgrade() {
            let waker = the_loop.timers.borrow_mut().remove(&self.key);
            drop(waker); // after the borrow ends
        }
    }
}

impl Loop {
    fn waker(&self, task: TaskId) -> Waker {
        let run_queue = Arc::clone(&self.run_queue);
        let queued = AtomicBool::new(false);
        Waker::from(Arc::new(TaskWaker {
            task,
            queued,
            run_queue,
        }))
    }

    /// Polls spawned task `task` once: `Some(true)` if it ended now, `None` if it had ended
    /// before (and a waker it left behind was called).
    fn poll_task(&self, task: TaskId) -> Option<bool> {
        let (mut future, waker) = self.tasks.borrow_mut().remove(&task)?;
        let mut cx = Context::from_waker(&waker);
        let ended = waking_as(WokenBy::Task(task), || future.as_mut().poll(&mut cx)).is_ready();
        if !ended {
            self.tasks.borrow_mut().insert(task, (future, waker));
        }
        Some(ended)
    }

    /// Steps 1 and 2 of a turn: returns the tasks to poll in this turn, once there are some.
    fn wait_for_ready(&self) -> VecDeque<(Arc<TaskWaker>, WokenBy)> {
        loop {
            let next_deadline = self.wake_due_timers();
            let mut ready = self.run_queue.lock();
            if !ready.queue.is_empty() {
                return std::mem::take(&mut ready.queue);
            }
            // Nothing to run: sleep until the next deadline, or until a waker is called from
            // another thread. (With neither to come, it sleeps for ever, as asyncio would.)
            let wakeup = &self.run_queue.wakeup;
            ready.sleeping = true;
            let mut ready = match next_deadline {
                Some(deadline) => {
                    let timeout = deadline.saturating_duration_since(Instant::now());
                    let woken = wakeup.wait_timeout(ready, timeout);
                    woken.unwrap_or_else(PoisonError::into_inner).0
                }
                None => wakeup.wait(ready).unwrap_or_else(PoisonError::into_inner),
            };
            ready.sleeping = false;
        }
    }

    /// Wakes the tasks whose deadline has passed; returns the next deadline, if any.
    fn wake_due_timers(&self) -> Option<Instant> {
        if self.timers.borrow().is_empty() {
            return None; // no clock to read
        }
        let now = Instant::now();
        loop {
            let mut timers = self.timers.borrow_mut();
            let earliest = timers.first_entry()?;
            if earliest.key().0 > now {
                return Some(earliest.key().0);
            }
            let waker = earliest.remove();
            drop(timers); // the task's waker may be called with the loop's state borrowed
            waking_as(WokenBy::Timer, || waker.wake());
        }
    }
}

/// Clears [`CURRENT`] when [`run`] ends, also by a panic.
struct Entered;

impl Drop for Entered {
    fn drop(&mut self) {
        // First out of CURRENT, then dropped: the tasks' own drops run with no current loop,
        // so a drop that calls `try_spawn` gets `NoRunningLoop` (and `spawn` panics), as on
        // any thread without a loop; and they do not find CURRENT borrowed.
        let the_loop = CURRENT.take();
        drop(the_loop);
    }
}

/// `asyncio.run(main)`: runs `main` on a new loop, with every task it spawns, until `main`
/// ends, and returns its output. The tasks still running then are dropped, as asyncio cancels
/// them; a [`JoinHandle`](crate::JoinHandle) of one of them gives
/// [`JoinError::Cancelled`](crate::JoinError). Nothing of the loop outlives `run`, whatever
/// state its tasks were in.
///
/// # Panics
/// Inside another `run` on the same thread, as `asyncio.run` refuses to; or if a task panics.
pub fn run<F: Future>(main: F) -> F::Output {
    run_traced(main, |_| {})
}

/// [`run`], calling `on_poll` after every poll of a task.
pub fn run_traced<F: Future>(main: F, mut on_poll: impl FnMut(PollEvent)) -> F::Output {
    let the_loop = Rc::new(Loop::default());
    CURRENT.with_borrow_mut(|current| {
        assert!(
            current.is_none(),
            "event_loop::run cannot be called from a running event loop"
        );
        *current = Some(Rc::clone(&the_loop));
    });
    let _entered = Entered;
    // The main future is not spawned: it needs not be 'static, and it stays on this stack.
    let mut main = pin!(main);
    let main_waker = the_loop.waker(TaskId::MAIN);
    waking_as(WokenBy::Run, || main_waker.wake_by_ref());
    let mut output = None;
    loop {
        // Step 3 of a turn.
        for (waker, woken_by) in the_loop.wait_for_ready() {
            // From here on, a wake queues the task again, for the next turn.
            waker.queued.store(false, Ordering::Release);
            let task = waker.task;
            let ready = if task == TaskId::MAIN {
                let mut cx = Context::from_waker(&main_waker);
                let poll = waking_as(WokenBy::Task(task), || main.as_mut().poll(&mut cx));
                poll.map(|main_output| output = Some(main_output))
                    .is_ready()
            } else if let Some(ended) = the_loop.poll_task(task) {
                ended
            } else {
                continue; // it had ended before: a stale wake
            };
            on_poll(PollEvent {
                task,
                woken_by,
                ready,
            });
            if let Some(output) = output {
                return output;
            }
        }
    }
}

/// Whether the running loop's run queue is still alive, asked later: what a test of leaks
/// needs, since a leaked queue frees nothing that a program could see.
#[cfg(test)]
pub(crate) fn run_queue_probe() -> impl Fn() -> bool {
    let run_queue = Arc::downgrade(&current("probe").unwrap().run_queue);
    move || run_queue.strong_count() > 0
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
