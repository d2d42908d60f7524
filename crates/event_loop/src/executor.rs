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

use std::cell::{Cell, RefCell};
use std::cmp::Reverse;
use std::collections::binary_heap::PeekMut;
use std::collections::{BinaryHeap, HashMap, VecDeque};
use std::pin::{Pin, pin};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Wake, Waker};
use std::time::Instant;

use crate::NoRunningLoop;
use crate::trace::{PollEvent, TaskId, TaskMap, WokenBy};

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
    /// The loop's thread waits on `wakeup`: only then must a waker signal it. (A signal costs a
    /// system call, and nearly every wake happens on the loop's own thread, which is awake.)
    sleeping: bool,
}

impl RunQueue {
    fn lock(&self) -> MutexGuard<'_, Ready> {
        self.ready.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn push(&self, task: Arc<TaskWaker>, woken_by: WokenBy) {
        let mut ready = self.lock();
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
    /// The deadlines, earliest on top (a BinaryHeap puts its largest on top, hence `Reverse`),
    /// each with a number that serves equal deadlines first set, first woken...
    deadlines: RefCell<BinaryHeap<Reverse<(Instant, u64)>>>,
    /// ...and, by that number, the waker to call then.
    timer_wakers: RefCell<HashMap<u64, Rc<RefCell<Waker>>>>,
    tasks_spawned: Cell<usize>,
    timers_set: Cell<u64>,
}

thread_local! {
    /// The loop that [`run`] runs on this thread, as `asyncio.get_running_loop()` finds it.
    static CURRENT: RefCell<Option<Rc<Loop>>> = const { RefCell::new(None) };
    /// Who calls wakers on this thread now: the task being polled, or the timers.
    static WAKING: Cell<WokenBy> = const { Cell::new(WokenBy::Outside) };
}

fn current(what: &'static str) -> Result<Rc<Loop>, NoRunningLoop> {
    CURRENT.with_borrow(|current| current.clone().ok_or(NoRunningLoop(what)))
}

/// Runs `f`, counting the wakers it calls as called by `by`.
fn waking_as<R>(by: WokenBy, f: impl FnOnce() -> R) -> R {
    let before = WAKING.replace(by);
    let result = f();
    WAKING.set(before);
    result
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

/// For [`Sleep`](crate::Sleep): call `waker` once `deadline` has passed.
pub(crate) fn set_timer(deadline: Instant, waker: Rc<RefCell<Waker>>) -> Result<(), NoRunningLoop> {
    let the_loop = current("sleep")?;
    let number = the_loop.timers_set.replace(the_loop.timers_set.get() + 1);
    let mut deadlines = the_loop.deadlines.borrow_mut();
    deadlines.push(Reverse((deadline, number)));
    the_loop.timer_wakers.borrow_mut().insert(number, waker);
    Ok(())
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
        if self.deadlines.borrow().is_empty() {
            return None; // no clock to read
        }
        let now = Instant::now();
        loop {
            let mut deadlines = self.deadlines.borrow_mut();
            let earliest = deadlines.peek_mut()?;
            let Reverse((deadline, number)) = *earliest;
            if deadline > now {
                return Some(deadline);
            }
            PeekMut::pop(earliest);
            drop(deadlines);
            let waker = self.timer_wakers.borrow_mut().remove(&number);
            if let Some(waker) = waker {
                waking_as(WokenBy::Timer, || waker.borrow().wake_by_ref());
            }
        }
    }
}

/// Clears [`CURRENT`] when [`run`] ends, also by a panic.
struct Entered;

impl Drop for Entered {
    fn drop(&mut self) {
        let the_loop = CURRENT.take();
        drop(the_loop); // its tasks are dropped after the borrow ends: a drop may spawn
    }
}

/// `asyncio.run(main)`: runs `main` on a new loop, with every task it spawns, until `main`
/// ends, and returns its output. The tasks still running then are dropped.
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
