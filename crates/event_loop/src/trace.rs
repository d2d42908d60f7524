//! What [`run_traced`](crate::run_traced) reports of each poll: which task, who woke it, and
//! what the poll returned.

use std::fmt;

/// A task's number: 0 is the main future given to [`run`](crate::run), then 1, 2... in the
/// order spawned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TaskId(pub usize);

impl TaskId {
    pub const MAIN: TaskId = TaskId(0);
}

impl fmt::Display for TaskId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            0 => f.write_str("main"),
            n => write!(f, "task-{n}"),
        }
    }
}

/// Who put a task on the run queue: who called its waker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WokenBy {
    /// [`run`](crate::run) queued the main future for its first poll.
    Run,
    /// [`spawn`](crate::spawn) queued a new task for its first poll.
    Spawn,
    /// The task being polled: the task itself when it yields, or one that just ended and
    /// wakes whoever awaits its [`JoinHandle`](crate::JoinHandle).
    Task(TaskId),
    /// The deadline of a [`sleep`](crate::sleep) passed.
    Timer,
    /// The selector found the socket that the task waits for ready.
    Io,
    /// A waker called from outside the loop's polls, such as from another thread.
    Outside,
}

impl fmt::Display for WokenBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WokenBy::Run => f.write_str("run"),
            WokenBy::Spawn => f.write_str("spawn"),
            WokenBy::Task(task) => task.fmt(f),
            WokenBy::Timer => f.write_str("timer"),
            WokenBy::Io => f.write_str("io"),
            WokenBy::Outside => f.write_str("outside"),
        }
    }
}

/// One poll of one task.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PollEvent {
    pub task: TaskId,
    pub woken_by: WokenBy,
    /// The task ended in this poll (`Poll::Ready`), or paused (`Poll::Pending`).
    pub ready: bool,
}

impl PollEvent {
    /// Whether the task woke itself: it yielded, and went to the back of the queue.
    pub fn woke_itself(&self) -> bool {
        self.woken_by == WokenBy::Task(self.task)
    }
}
