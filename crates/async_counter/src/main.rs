//! Port of `async_counter.py`: five coroutines each add 1 to one shared counter 10000 times,
//! pausing after every step, and the total is exactly 50000 with no lock.
//!
//!     cargo run -p async_counter
//!     cargo run -p async_counter -- --await-between     # prints 10000
//!     cargo run -p async_counter -- --marks   # also each coroutine's first reads and writes, on stderr
//!
//! Python → Rust:
//! - `async def inc()` → `async fn inc(counter: &Cell<u32>)`;
//! - `await asyncio.sleep(0)` → `tokio::task::yield_now().await`: pause, let the others run;
//! - `asyncio.gather(*coroutines)` → [`futures::future::join_all`]: run them all at once, and
//!   wait for every one. The two differ. gather wraps each coroutine in a task of its own, at
//!   once. `join_all` makes no task: it is lazy, and polls the five futures in place, on this
//!   one `main` task, once awaited. Awaited at once, as here, they print the same. gather's
//!   own counterpart, a `tokio::spawn` per coroutine, is in coroutine_run; here it would not
//!   compile, since a spawned task must own what it uses, and these futures borrow `counter`;
//! - `asyncio.run(main())` → `#[tokio::main(flavor = "current_thread")]` on `async fn main`.
//!
//! Why no lock: asyncio runs every coroutine on one thread, and a coroutine is paused only at
//! an `await`. Nothing can come between reading `counter` and writing it back in
//! `counter += 1`, so no update is lost. The Rust version keeps the same guarantee and lets the
//! compiler check it: the counter is a [`Cell`], which can be changed through a shared
//! reference but is not `Sync`, so futures that borrow it cannot be sent to another thread.
//! Spawned with `tokio::spawn`, even on this one-thread runtime, they would not compile until
//! the `Cell` became an atomic or sat behind a `Mutex`: `tokio::spawn` requires `Send` on every
//! runtime. Only `tokio::task::spawn_local`, on a `LocalSet`, runs tasks that are not `Send`,
//! each on the thread that spawned it. (A Python-style global would not do: Rust lets no one
//! change a plain `static` without `unsafe`, since it cannot see which threads touch it.)
//!
//! The guarantee holds only while nothing awaits between the read and the write. With
//! `--await-between`, each coroutine reads the counter, awaits, then writes back what it read
//! plus one (`tmp = counter; await asyncio.sleep(0); counter = tmp + 1`): the others run in
//! that pause and read the same value, and the program prints 10000, four updates in five
//! lost, in every run. A coroutine needs no lock only while its read and its write are not
//! split by an `await`. counter_threads prints the same 10000 from Python's asyncio, beside
//! threads that lose updates the same way.

use std::cell::Cell;

use common::cli::Opt;
use futures::future::join_all;

const COROUTINES: usize = 5;
const N: u32 = 10000;

/// With `--marks`, coroutine `n`'s first [`MARKED_ROUNDS`] reads and writes, in its lane.
fn mark(n: usize, round: u32, what: impl FnOnce() -> String) {
    if round < MARKED_ROUNDS {
        common::marks::point(&format!("coroutine {n}"), &what());
    }
}

/// How many of each coroutine's rounds `--marks` shows: enough to see the pattern.
const MARKED_ROUNDS: u32 = 2;

async fn inc(counter: &Cell<u32>, n: usize) {
    for round in 0..N {
        counter.set(counter.get() + 1); // counter += 1
        mark(n, round, || {
            format!("+= 1: {}→{}", counter.get() - 1, counter.get())
        });
        tokio::task::yield_now().await; // await asyncio.sleep(0)
    }
}

/// `inc` with its pause moved between the read and the write: every coroutine that runs in
/// the pause reads the same value, and all but the last write are overwritten.
async fn inc_await_between(counter: &Cell<u32>, n: usize) {
    for round in 0..N {
        let read = counter.get(); // tmp = counter
        mark(n, round, || format!("read {read}"));
        tokio::task::yield_now().await; // await asyncio.sleep(0)
        counter.set(read + 1); // counter = tmp + 1
        mark(n, round, || format!("write {}", read + 1));
    }
}

/// Runs the five coroutines, `inc` or, with `await_between`, `inc_await_between`, and
/// returns the total.
async fn count(await_between: bool) -> u32 {
    let counter = Cell::new(0);
    if await_between {
        join_all((1..=COROUTINES).map(|n| inc_await_between(&counter, n))).await;
    } else {
        join_all((1..=COROUTINES).map(|n| inc(&counter, n))).await;
    }
    counter.get()
}

// `asyncio.run(main())`: the attribute makes a runtime and runs this `main` on it to its end.
// `current_thread` is asyncio's one-thread event loop: the runtime starts no other thread, and
// `join_all` runs the five futures inside this one `main` task, polling each in turn.
const AWAIT_BETWEEN: Opt = Opt::flag(
    "--await-between",
    "await between reading the counter and writing it back: updates are lost",
);

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let cli = common::cli!("[--await-between] [--marks]")
        .with_options(&[AWAIT_BETWEEN, common::marks::MARKS]);
    let args = cli.args();
    let walked = cli.walk(&args);
    if let Some(extra) = walked.positional.first() {
        cli.fail(format!("unexpected argument '{extra}'"));
    }
    let await_between = walked.flag(AWAIT_BETWEEN);
    if walked.flag(common::marks::MARKS) {
        common::marks::enable();
        common::marks::section(if await_between {
            "read, await, then write"
        } else {
            "counter += 1, then await"
        });
    }
    println!("{}", count(await_between).await);
}

#[cfg(test)]
mod tests;
