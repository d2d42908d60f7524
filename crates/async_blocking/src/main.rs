//! Slides "Things a coroutine may do" and "Coroutines and blocking operations": a coroutine
//! may call a blocking function, but should not. A heartbeat ticks every 0.1 s beside a
//! worker that is busy for 0.5 s, each a task of its own (as `asyncio.gather` makes each
//! coroutine a task), five times over:
//!
//! 1. on one thread, the worker calls a blocking sleep: the thread that runs every task is
//!    stuck in it, so the heartbeat misses the ticks due at 0.1 to 0.4 s;
//! 2. on one thread, the worker awaits a sleep: it pauses and leaves the thread to the
//!    heartbeat, which keeps ticking;
//! 3. on one thread, the worker hands the same blocking sleep to another thread and awaits its
//!    end: the heartbeat keeps ticking too;
//! 4. on two threads (a multi-thread runtime), the worker blocks one of them: the heartbeat's
//!    task runs on the other, and keeps ticking;
//! 5. on two threads again, but the heartbeat and the blocking worker joined with `join!` in
//!    one task: a task runs on one thread at a time, so the heartbeat waits for the worker, as
//!    in 1. Many threads do not help futures that share a task.
//!
//! Run it, and its Python twin:
//!
//!     cargo run -p async_blocking
//!     python3 crates/async_blocking/async_blocking.py     # the same in Python
//!     cargo run -p async_blocking -- --marks    # also when each tick and the worker ran, on stderr
//!
//! Python → Rust:
//! - `time.sleep(0.5)` in a coroutine → [`std::thread::sleep`] in an `async fn`: it compiles,
//!   and blocks the thread that polls it, as it blocks asyncio's loop;
//! - `await asyncio.sleep(0.5)` → `tokio::time::sleep(..).await`;
//! - `await loop.run_in_executor(None, time.sleep, 0.5)` → `tokio::task::spawn_blocking(..)`
//!   awaited: tokio's pool of threads for blocking work, which even a current-thread runtime
//!   has, plays the default executor;
//! - `asyncio.gather(heartbeat(), work())` → two `tokio::spawn`s, awaited ([`tasks::apart`]);
//! - asyncio's one loop per thread → a current-thread runtime. asyncio has no loop that runs
//!   one task on several threads; the Python twin shows 4 and 5 with a second loop in a second
//!   thread, the heartbeat on it (4) or both on it (5). tokio's multi-thread runtime moves
//!   tasks between its threads, but never splits a task: what `join!` joins shares one
//!   ([`tasks::together`]).
//!
//! Every time is printed to a tenth of a second, rounded down (`common::tenths`), and every
//! tick is due a whole tenth after the start, so a busy machine that wakes the program tens of
//! milliseconds late changes nothing printed.

mod heartbeat;
mod tasks;

use std::error::Error;
use std::time::Duration;

use common::marks;
use tokio::runtime::{Builder, Runtime};
use tokio::task::JoinError;

use heartbeat::report;
use tasks::{apart, together};

pub(crate) const WORK: Duration = Duration::from_millis(500);

pub(crate) async fn blocks_the_thread() {
    std::thread::sleep(WORK);
}

async fn awaits_a_sleep() {
    tokio::time::sleep(WORK).await;
}

async fn hands_it_to_a_thread() -> Result<(), JoinError> {
    // The sleep runs on a pool thread; this task awaits its end without blocking. The error
    // would mean the closure panicked.
    tokio::task::spawn_blocking(|| std::thread::sleep(WORK)).await
}

pub(crate) fn one_thread() -> std::io::Result<Runtime> {
    Builder::new_current_thread().enable_all().build()
}

pub(crate) fn two_threads() -> std::io::Result<Runtime> {
    Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
}

/// `work`, marked as a bar in the worker's lane with `--marks`.
async fn worker<W: Future>(what: &'static str, work: W) -> W::Output {
    let since = marks::now();
    let output = work.await;
    marks::span("worker", what, since);
    output
}

const BLOCKS_ONE: &str = "one thread; the worker blocks it for 0.5 s:";
const AWAITS: &str = "one thread; the worker awaits a 0.5 s sleep:";
const HANDS_OVER: &str = "one thread; the worker hands a 0.5 s blocking sleep to another thread:";
const BLOCKS_ONE_OF_TWO: &str =
    "two threads; the worker blocks one, the heartbeat runs on the other:";
const SAME_TASK: &str = "two threads; the heartbeat and the blocking worker on the same one:";

fn main() -> Result<(), Box<dyn Error>> {
    marks::only_option(&common::cli!("[--marks]").with_options(&[marks::MARKS]));
    let blocking = || worker("blocks its thread", blocks_the_thread());
    // One thread runs every task, as asyncio's loop does: with a blocking call on it, nothing
    // else can run.
    let one = one_thread()?;
    marks::section(BLOCKS_ONE);
    let (ticks, ()) = one.block_on(apart(blocking()))?;
    report(BLOCKS_ONE, &ticks);
    marks::section(AWAITS);
    let (ticks, ()) = one.block_on(apart(worker("awaits a sleep", awaits_a_sleep())))?;
    report(AWAITS, &ticks);
    marks::section(HANDS_OVER);
    let handed = worker("awaits the other thread", hands_it_to_a_thread());
    let (ticks, result) = one.block_on(apart(handed))?;
    result?;
    report(HANDS_OVER, &ticks);

    let two = two_threads()?;
    marks::section(BLOCKS_ONE_OF_TWO);
    let (ticks, ()) = two.block_on(apart(blocking()))?;
    report(BLOCKS_ONE_OF_TWO, &ticks);
    marks::section(SAME_TASK);
    let (ticks, ()) = two.block_on(together(blocking()))?;
    // In one task, so on one thread at a time.
    report(SAME_TASK, &ticks);
    Ok(())
}
