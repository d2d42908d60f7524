//! An event loop written with the standard library alone: what `asyncio.run` starts, in a few
//! hundred lines. It runs tasks and timers on one thread, as tokio's current-thread runtime
//! does, but it has no I/O: a task can wait for a deadline or for another task, not for a
//! socket.
//!
//! - [`run`]: `asyncio.run(main())`, runs a future and every task it spawns on this thread;
//! - [`spawn`]: `asyncio.create_task(...)`, gives a [`JoinHandle`] to await for the output
//!   (or [`JoinError::Cancelled`] if the loop ended first);
//! - [`sleep`]: `asyncio.sleep(seconds)`, a timer on the loop, not a sleeping thread;
//! - [`yield_now`]: `asyncio.sleep(0)`, lets every other ready task run first;
//! - [`run_traced`]: [`run`], reporting each poll: which task, who woke it, Ready or Pending.
//!
//! The loop is `executor.rs`; `spawn.rs` and `pause.rs` are the futures that talk to it, and
//! `src/main.rs` is the lesson that uses it.

mod executor;
mod net;
mod pause;
mod reactor;
mod spawn;
mod task_map;
mod timers;
mod trace;
mod wake;

pub use executor::{run, run_traced};
pub use net::{TcpListener, TcpStream, lookup_host};
pub use pause::{Sleep, YieldNow, sleep, yield_now};
pub use spawn::{JoinError, JoinHandle, spawn, try_spawn};
pub use trace::{PollEvent, TaskId, WokenBy};

/// What [`spawn`] and [`sleep`] say when no loop runs on this thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NoRunningLoop(&'static str);

impl std::fmt::Display for NoRunningLoop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = self.0;
        write!(
            f,
            "event_loop::{what} needs a running loop: call it inside event_loop::run"
        )
    }
}

impl std::error::Error for NoRunningLoop {}

#[cfg(test)]
mod tests;
