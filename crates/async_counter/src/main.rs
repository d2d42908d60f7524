//! Port of `async_counter.py`: five coroutines each add 1 to one shared counter 10000 times,
//! pausing after every step, and the total is exactly 50000 with no lock.
//!
//!     cargo run -p async_counter
//!     cargo run -p async_counter -- --await-between     # prints 10000
//!
//! Python → Rust:
//! - `async def inc()` → `async fn inc(counter: &Cell<u32>)`;
//! - `await asyncio.sleep(0)` → `tokio::task::yield_now().await`: pause, let the others run;
//! - `asyncio.gather(*coroutines)` → [`futures::future::join_all`]: run them all at once on
//!   this one task, and wait for every one;
//! - `asyncio.run(main())` → `#[tokio::main(flavor = "current_thread")]` on `async fn main`.
//!
//! Why no lock: asyncio runs every coroutine on one thread, and a coroutine is paused only at
//! an `await`. Nothing can come between reading `counter` and writing it back in
//! `counter += 1`, so no update is lost. The Rust version keeps the same guarantee and lets the
//! compiler check it: the counter is a [`Cell`], which can be changed through a shared
//! reference but is not `Sync`, so futures that borrow it cannot be sent to another thread.
//! Were the tasks spread over threads (`tokio::spawn` on a multi-thread runtime), the program
//! would not compile until the `Cell` became an atomic or sat behind a `Mutex`. (A Python-style
//! global would not do: Rust lets no one change a plain `static` without `unsafe`, since it
//! cannot see which threads touch it.)
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

async fn inc(counter: &Cell<u32>) {
    for _ in 0..N {
        counter.set(counter.get() + 1); // counter += 1
        tokio::task::yield_now().await; // await asyncio.sleep(0)
    }
}

/// `inc` with its pause moved between the read and the write: every coroutine that runs in
/// the pause reads the same value, and all but the last write are overwritten.
async fn inc_await_between(counter: &Cell<u32>) {
    for _ in 0..N {
        let read = counter.get(); // tmp = counter
        tokio::task::yield_now().await; // await asyncio.sleep(0)
        counter.set(read + 1); // counter = tmp + 1
    }
}

/// Runs the five coroutines, `inc` or, with `await_between`, `inc_await_between`, and
/// returns the total.
async fn count(await_between: bool) -> u32 {
    let counter = Cell::new(0);
    if await_between {
        join_all((0..COROUTINES).map(|_| inc_await_between(&counter))).await;
    } else {
        join_all((0..COROUTINES).map(|_| inc(&counter))).await;
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
    let cli = common::cli!("[--await-between]").with_options(&[AWAIT_BETWEEN]);
    let args = cli.args();
    let walked = cli.walk(&args);
    if let Some(extra) = walked.positional.first() {
        cli.fail(format!("unexpected argument '{extra}'"));
    }
    let await_between = walked.flag(AWAIT_BETWEEN);
    println!("{}", count(await_between).await);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::future::{Future, poll_fn};

    /// `inc(counter)`, noting in `turns` the number `task` once for each increment it makes.
    fn recorded<'a>(
        task: usize,
        counter: &'a Cell<u32>,
        turns: &'a RefCell<Vec<usize>>,
    ) -> impl Future<Output = ()> + 'a {
        let mut coroutine = Box::pin(inc(counter));
        poll_fn(move |cx| {
            let before = counter.get();
            let poll = coroutine.as_mut().poll(cx);
            for _ in before..counter.get() {
                turns.borrow_mut().push(task);
            }
            poll
        })
    }

    fn run_count(await_between: bool) -> u32 {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        runtime.block_on(count(await_between))
    }

    #[test]
    fn no_update_is_lost_while_nothing_awaits_between_read_and_write() {
        assert_eq!(run_count(false), 50000);
    }

    #[test]
    fn an_await_between_read_and_write_loses_four_updates_in_five() {
        // Each round, the five read the same value before any writes: one update in five is
        // kept, in every run.
        assert_eq!(run_count(true), N);
    }

    #[test]
    fn the_tasks_take_turns() {
        let counter = Cell::new(0);
        let turns = RefCell::new(Vec::new());
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        runtime.block_on(join_all(
            (0..COROUTINES).map(|task| recorded(task, &counter, &turns)),
        ));
        let turns = turns.into_inner();
        assert_eq!(counter.get(), 50000);
        assert_eq!(turns.len(), 50000);
        // Task 1 made its first increment long before task 0 made its last: they interleave,
        // rather than running one after another.
        let first_of_1 = turns.iter().position(|&t| t == 1).unwrap();
        let last_of_0 = turns.iter().rposition(|&t| t == 0).unwrap();
        assert!(first_of_1 < last_of_0, "{first_of_1} {last_of_0}");
        // Each yield hands the thread to the next task: one increment per turn, in order.
        assert_eq!(turns[..10], [0, 1, 2, 3, 4, 0, 1, 2, 3, 4]);
    }
}
