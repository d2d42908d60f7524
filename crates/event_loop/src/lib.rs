//! An event loop, on the standard library and a selector (mio): what `asyncio.run` starts,
//! in a few hundred lines. It runs tasks, timers and TCP sockets on one thread, as tokio's
//! current-thread runtime does, and as asyncio's `SelectorEventLoop` does on `selectors`.
//!
//! - [`run`]: `asyncio.run(main())`, runs a future and every task it spawns on this thread;
//! - [`spawn`]: `asyncio.create_task(...)`, gives a [`JoinHandle`] to await for the output
//!   (or [`JoinError::Cancelled`] if the loop ended first);
//! - [`sleep`]: `asyncio.sleep(seconds)`, a timer on the loop, not a sleeping thread;
//!   [`timeout`]: `asyncio.wait_for`;
//! - [`yield_now`]: `asyncio.sleep(0)`, lets every other ready task run first;
//! - [`TcpListener`], [`TcpStream`]: sockets whose waits are the selector's, as
//!   `asyncio.start_server` and `asyncio.open_connection` give; [`lookup_host`]:
//!   `loop.getaddrinfo`;
//! - [`spawn_blocking`]: `loop.run_in_executor(None, f)`, a blocking call on a thread;
//! - [`Signals`]: `loop.add_signal_handler`, a signal as a socket that becomes readable;
//! - [`run_traced`]: [`run`], reporting each poll: which task, who woke it, Ready or Pending.
//!
//! The loop is `executor.rs`, with its wakers (`wake.rs`), timers (`timers.rs`), selector
//! (`reactor.rs`) and the budget that keeps one busy task from holding it (`budget.rs`); `spawn.rs`, `pause.rs`, `net.rs`, `signal.rs` and `blocking.rs` are the
//! futures that talk to it, and `src/main.rs` is the lesson that uses it.

mod blocking;
mod budget;
mod executor;
mod net;
mod pause;
mod reactor;
mod signal;
mod spawn;
mod task_map;
mod timers;
mod trace;
mod wake;

pub use blocking::spawn_blocking;
pub use executor::{run, run_traced};
pub use net::{TcpListener, TcpStream, lookup_host};
pub use pause::{Elapsed, Sleep, YieldNow, sleep, timeout, yield_now};
pub use signal::Signals;
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
