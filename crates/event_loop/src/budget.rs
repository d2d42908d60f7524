//! The budget: how many I/O operations a task may complete in one poll before it must let the
//! others run. Ours, after tokio's "coop budget"; asyncio needs none (see below).
//!
//! Why it exists:
//! - A task pauses only where it returns `Pending`. A socket operation returns `Pending` only
//!   when the system says `WouldBlock`.
//! - A task that echoes a client who keeps sending never hears `WouldBlock`: each read finds
//!   data, each write finds room. It loops read → write → read inside one poll.
//! - Meanwhile the loop is stuck in that poll. No timer fires, no other client is read, no new
//!   connection is accepted, and SIGINT waits: cooperative multitasking with a task that does
//!   not cooperate.
//!
//! Measured without it (`tests/fairness.rs`, a debug build on 2 cores): while one client
//! streamed, another client's ping got no answer in 10 s, a new client was never echoed, and
//! SIGINT did not stop the server. With it, each was served at once.
//!
//! So each poll of a task starts with [`BUDGET`] operations. Every operation that completes
//! spends one. Once none is left, the next operation does not even try: it wakes its own task
//! and returns `Pending`, so the task goes to the back of the run queue. The loop then fires
//! the timers, asks the selector, and polls every other ready task first.
//!
//! asyncio needs no budget: its sockets are read in the loop's own callbacks, one readiness
//! event at a time, and a coroutine is resumed once per chunk. The Python twin (`reactor.py`)
//! resumes its generators as this loop polls its tasks, so it has a budget too.

use std::cell::Cell;

/// How many operations one poll of a task may complete: 128, as tokio's budget. A stream
/// echoed 64 KiB per write yields every few MiB: the cost of a turn is lost in that.
pub(crate) const BUDGET: u32 = 128;

thread_local! {
    /// What is left of the budget of the task being polled on this thread.
    static LEFT: Cell<u32> = const { Cell::new(BUDGET) };
}

/// Gives the task about to be polled a full budget.
pub(crate) fn refill() {
    LEFT.set(BUDGET);
}

/// Whether the task being polled may try one more operation.
pub(crate) fn has_some() -> bool {
    LEFT.get() > 0
}

/// Counts one operation that completed.
pub(crate) fn spend() {
    LEFT.set(LEFT.get().saturating_sub(1));
}
