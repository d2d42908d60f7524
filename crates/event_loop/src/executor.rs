//! The event loop: the "caller" of every coroutine, running them all on one thread.
//!
//! A task is a future the loop owns, boxed and pinned (a future may point into itself, so it
//! must not move once polled). The loop polls a task when the task's waker has put it on the
//! run queue. Each turn of the loop, in the order of asyncio's `_run_once`:
//!
//! 1. the selector (`reactor.rs`) wakes the tasks whose socket is ready. If no task is ready,
//!    the thread waits there until a socket is ready or the next deadline: no busy waiting;
//! 2. the timers whose deadline has passed wake their tasks;
//! 3. every task that was ready at the start of this step is polled once, in the order it was
//!    woken. A task woken meanwhile (one that yielded) waits for the next turn: round-robin.
//!
//! A task that never waits would still hold the loop inside its poll; the budget
//! (`budget.rs`) makes a task that keeps finding its sockets ready yield. Such a task is woken
//! at the end of steps 1 and 2, behind the tasks they woke: ours, as tokio does it.
//!
//! The loop's parts: this file, the wakers (`wake.rs`), the timers (`timers.rs`) and the
//! selector (`reactor.rs`). A few lines are not the loop itself, and say so where they are:
//! who woke a task ([`WokenBy`], `waking_as`) serves `--trace` alone; the `sleeping` flag and
//! the task map's hasher (`task_map.rs`) serve speed alone.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::pin::{Pin, pin};
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::task::{Context, Waker};
use std::time::{Duration, Instant};

use crate::NoRunningLoop;
use crate::budget;
use crate::reactor::Reactor;
use crate::task_map::TaskMap;
use crate::timers::Timers;
use crate::trace::{PollEvent, TaskId, WokenBy};
use crate::wake::{RunQueue, TaskWaker, waking_as};

type Task = (Pin<Box<dyn Future<Output = ()>>>, Waker);

/// The running loop, which [`spawn`](crate::spawn), [`sleep`](crate::sleep) and the sockets
/// find through [`CURRENT`].
struct Loop {
    run_queue: Arc<RunQueue>,
    /// The spawned tasks not yet ended. A task is taken out while polled, so it may spawn.
    tasks: RefCell<TaskMap<Task>>,
    tasks_spawned: Cell<usize>,
    timers: Rc<Timers>,
    reactor: Rc<Reactor>,
}

impl Drop for Loop {
    /// Breaks the one cycle of references: the run queue holds the wakers of the tasks it
    /// lists, and each waker holds the run queue. Closed and emptied, it is freed with the
    /// last waker. The tasks are dropped next (the fields' own drops), and their wakes do
    /// nothing now.
    fn drop(&mut self) {
        drop(self.run_queue.close()); // outside the lock: dropping a waker may call another
    }
}

thread_local! {
    /// The loop that [`run`] runs on this thread, as `asyncio.get_running_loop()` finds it.
    static CURRENT: RefCell<Option<Rc<Loop>>> = const { RefCell::new(None) };
}

fn current(what: &'static str) -> Result<Rc<Loop>, NoRunningLoop> {
    CURRENT.with_borrow(|current| current.clone().ok_or(NoRunningLoop(what)))
}

/// For [`Sleep`](crate::Sleep): the running loop's timers.
pub(crate) fn current_timers() -> Result<Rc<Timers>, NoRunningLoop> {
    Ok(Rc::clone(&current("sleep")?.timers))
}

/// For the sockets: the running loop's reactor.
pub(crate) fn current_reactor(what: &'static str) -> Result<Rc<Reactor>, NoRunningLoop> {
    Ok(Rc::clone(&current(what)?.reactor))
}

/// For [`spawn`](crate::spawn): adds `task` to the loop, to be polled in the next turn.
pub(crate) fn add_task(task: Pin<Box<dyn Future<Output = ()>>>) -> Result<TaskId, NoRunningLoop> {
    let the_loop = current("spawn")?;
    let id = TaskId(the_loop.tasks_spawned.get() + 1);
    the_loop.tasks_spawned.set(id.0);
    let waker = TaskWaker::waker(id, &the_loop.run_queue);
    the_loop
        .tasks
        .borrow_mut()
        .insert(id, (task, waker.clone()));
    waking_as(WokenBy::Spawn, || waker.wake());
    Ok(id)
}

impl Loop {
    /// # Panics
    /// If the system gives no selector (out of file descriptors).
    fn new() -> Loop {
        let (reactor, wakeup) = Reactor::new()
            .unwrap_or_else(|e| panic!("event_loop::run cannot start a selector: {e}"));
        Loop {
            run_queue: Arc::new(RunQueue::new(wakeup)),
            tasks: RefCell::default(),
            tasks_spawned: Cell::new(0),
            timers: Rc::default(),
            reactor: Rc::new(reactor),
        }
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
            self.ask_selector();
            self.timers.wake_due();
            // Last, the tasks that spent their I/O budget: behind those just woken.
            self.reactor.wake_deferred();
            let mut ready = self.run_queue.lock();
            if !ready.queue.is_empty() {
                return std::mem::take(&mut ready.queue);
            }
        }
    }

    /// Step 1: wakes the tasks whose socket is ready, waiting for one if no task is ready.
    fn ask_selector(&self) {
        let timeout = {
            let mut ready = self.run_queue.lock();
            if !ready.queue.is_empty() || self.reactor.has_deferred() {
                // Tasks are ready, but look at the sockets too, without waiting: tasks that
                // keep yielding must not keep the others from their I/O.
                Some(Duration::ZERO)
            } else {
                // Nothing to run: wait in the selector until the next deadline, a socket that
                // is ready, or a waker called from another thread. (With none of them to
                // come, it waits for ever, as asyncio would.)
                ready.sleeping = true;
                let next_deadline = self.timers.next_deadline();
                next_deadline.map(|deadline| deadline.saturating_duration_since(Instant::now()))
            }
        };
        self.reactor.wait(timeout);
        self.run_queue.lock().sleeping = false;
        self.reactor.wake_ready();
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
/// ends, and returns its output. The tasks still running then are dropped; a
/// [`JoinHandle`](crate::JoinHandle) of one of them gives
/// [`JoinError::Cancelled`](crate::JoinError). Nothing of the loop outlives `run`, whatever
/// state its tasks were in.
///
/// asyncio does more: it cancels each task left, which throws `CancelledError` into it where
/// it waits, and runs the loop until their cleanup (`finally`, `async with`) has run, awaits
/// and all. A dropped future runs no await: only the `Drop` of what it holds (its sockets
/// close, its timers go), as tokio does.
///
/// # Panics
/// Inside another `run` on the same thread, as `asyncio.run` refuses to; if a task panics; or
/// if the system gives no selector (out of file descriptors).
pub fn run<F: Future>(main: F) -> F::Output {
    run_traced(main, |_| {})
}

/// [`run`], calling `on_poll` after every poll of a task.
pub fn run_traced<F: Future>(main: F, mut on_poll: impl FnMut(PollEvent)) -> F::Output {
    CURRENT.with_borrow(|current| {
        assert!(
            current.is_none(),
            "event_loop::run cannot be called from a running event loop"
        );
    });
    let the_loop = Rc::new(Loop::new());
    CURRENT.set(Some(Rc::clone(&the_loop)));
    let _entered = Entered;
    // The main future is not spawned: it needs not be 'static, and it stays on this stack.
    let mut main = pin!(main);
    let main_waker = TaskWaker::waker(TaskId::MAIN, &the_loop.run_queue);
    waking_as(WokenBy::Run, || main_waker.wake_by_ref());
    let mut output = None;
    loop {
        // Step 3 of a turn.
        for (waker, woken_by) in the_loop.wait_for_ready() {
            // From here on, a wake queues the task again, for the next turn.
            waker.queued.store(false, Ordering::Release);
            budget::refill();
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

/// The bytes the running loop's task `id` takes in its box, for a test of what a task costs.
#[cfg(test)]
pub(crate) fn task_size(id: TaskId) -> Option<usize> {
    let the_loop = current("probe").unwrap();
    let tasks = the_loop.tasks.borrow();
    tasks
        .get(&id)
        .map(|(future, _)| std::mem::size_of_val(&**future))
}
