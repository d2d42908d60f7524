//! Slide "Coroutines and the async keyword": calling an `async fn` runs none of its body; it
//! gives a value (Python's coroutine object, Rust's future) that runs only when something
//! drives it. Then the ways to drive one, timed for coroutines that each sleep 0.1 s: one
//! after another takes 0.2 s, together 0.1 s, and a task started before a 0.1 s sleep has
//! done its own sleep by the time it is awaited.
//!
//!     cargo run -p coroutine_run
//!     python3 crates/coroutine_run/coroutine_run.py     # the same in Python
//!
//! Python → Rust:
//! - `co = nap("a")` → `let co = nap("a")`: a future, and nothing printed. Printed, it shows
//!   Python's text for a coroutine object with the future's real address;
//! - `asyncio.run(co)` → a runtime's [`tokio::runtime::Runtime::block_on`]: make an event
//!   loop, run the coroutine on it to its end;
//! - `await nap("a")` then `await nap("b")` → `nap("a").await` then `nap("b").await`: the
//!   second starts when the first is done;
//! - `asyncio.gather(nap("a"), nap("b"))` → [`tokio::join!`] (or `futures::future::join_all`
//!   for a list): both polled in place, by the task that awaits them, each left while it
//!   sleeps for the other;
//! - `asyncio.create_task(nap("b"))` → [`tokio::spawn`]: the task starts at once, on its own,
//!   and runs whenever the current one pauses, before anyone awaits it. A bare coroutine or
//!   future does nothing until it is awaited.
//!
//! The elapsed times are printed to a tenth of a second, rounded down, so that the lesson's
//! numbers come out the same on a busy machine: see `common::tenths`.

use std::error::Error;
use std::time::Duration;

use common::tenths::tenths;
use tokio::task::JoinError;
use tokio::time::{Instant, sleep};

const NAP: Duration = Duration::from_millis(100);

/// `async def nap(name)`: says it has started, then sleeps 0.1 s, leaving the thread to others.
async fn nap(name: &'static str) {
    println!("  {name} starts");
    sleep(NAP).await;
}

/// Prints `label`, runs `work` to its end, and prints how long that took.
async fn timed<F: Future>(label: &str, work: F) -> F::Output {
    println!("{label}");
    let started = Instant::now();
    let output = work.await;
    println!("  took {}s", tenths(started.elapsed()));
    output
}

async fn in_turn() {
    nap("a").await;
    nap("b").await;
}

async fn together() {
    tokio::join!(nap("a"), nap("b"));
}

async fn bare_future() {
    let co = nap("b");
    println!("  main sleeps");
    sleep(NAP).await;
    println!("  main awaits");
    co.await;
}

async fn task() -> Result<(), JoinError> {
    let task = tokio::spawn(nap("b"));
    println!("  main sleeps");
    sleep(NAP).await;
    println!("  main awaits");
    // The task's result; an error only if it panicked.
    task.await
}

async fn the_other_ways() -> Result<(), JoinError> {
    timed(r#"await nap("a"), then await nap("b"):"#, in_turn()).await;
    timed(r#"await nap("a") and nap("b") together:"#, together()).await;
    timed(
        r#"make nap("b"), sleep 0.1 s, then await it:"#,
        bare_future(),
    )
    .await;
    timed(
        r#"start nap("b") as a task, sleep 0.1 s, then await it:"#,
        task(),
    )
    .await
}

fn main() -> Result<(), Box<dyn Error>> {
    common::cli!().no_args();
    let co = nap("a");
    println!(
        r#"calling nap("a") gives <coroutine object nap at {:p}>, and runs nothing"#,
        &co
    );
    println!("run it to its end on an event loop:");
    let started = std::time::Instant::now();
    // `asyncio.run(co)`: an event loop with one thread, and its timer for `sleep`.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    runtime.block_on(co);
    println!("  took {}s", tenths(started.elapsed()));
    // `asyncio.run(the_other_ways())` makes a second event loop; a tokio runtime can simply
    // run another future.
    runtime.block_on(the_other_ways())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::rc::Rc;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use tokio::runtime::Runtime;

    fn runtime() -> Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap()
    }

    #[test]
    fn a_future_runs_only_when_awaited() {
        let ran = Rc::new(Cell::new(false));
        let flag = ran.clone();
        let co = async move { flag.set(true) };
        runtime().block_on(async {
            tokio::task::yield_now().await;
            assert!(!ran.get(), "the future ran before it was awaited");
            co.await;
            assert!(ran.get());
        });
    }

    #[test]
    fn a_spawned_task_runs_before_it_is_awaited() {
        let ran = Arc::new(AtomicBool::new(false));
        let flag = ran.clone();
        runtime().block_on(async {
            let task = tokio::spawn(async move { flag.store(true, Ordering::SeqCst) });
            // On this one thread the task gets its turn as soon as this one pauses.
            sleep(Duration::from_millis(1)).await;
            assert!(ran.load(Ordering::SeqCst), "the task had not run");
            task.await.unwrap();
        });
    }
}
