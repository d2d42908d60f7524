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
//! Measured (release build, 2 cores): one client streams 1 MiB writes and drains the echo,
//! another sends a 1 KiB ping every 10 ms for 3 s.
//! - Without the budget, the streaming client on a CPU of its own: pings waited up to 0.5 to
//!   4 s, and a new client up to 0.5 s.
//! - Without it, the streaming client sharing the server's CPU: in three runs of 3 s, one ping
//!   answered, after 4 s; a new client waited 8 s or more, SIGINT 4 s or more.
//! - With it: pings answered in 1 to 7 ms (median), 6 to 24 ms (99th percentile), a new
//!   client in 7 to 33 ms, SIGINT in 5 to 19 ms: as tokio's echo_server (2 to 5 ms, 14 to 32
//!   ms, a new client in 6 to 16 ms).
//!
//! `tests/fairness.rs` runs the second case, and fails without the budget.
//!
//! So each poll of a task starts with [`BUDGET`] operations. Every operation that completes
//! spends one. Once none is left, the next operation does not even try: it returns `Pending`,
//! and its task goes to the back of the run queue. The loop asks the selector, fires the due
//! timers, and wakes the task only after the tasks these woke (tokio defers it the same way):
//! they all get a poll before it gets its next one.
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
