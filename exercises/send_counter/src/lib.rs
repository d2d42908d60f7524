//! Exercise send_counter: async_counter's five tasks, spread over the threads of a
//! multi-thread runtime with `tokio::spawn`.
//!
//! This file does not compile yet: that is the exercise. Read the error first.

use std::cell::Cell;
use std::rc::Rc;

/// How many tasks count, and how many times each adds 1.
pub const TASKS: usize = 5;
pub const N: u32 = 10000;

/// Adds 1 to `counter` N times, pausing after every step to let other tasks run.
async fn inc(counter: Rc<Cell<u32>>) {
    for _ in 0..N {
        counter.set(counter.get() + 1);
        tokio::task::yield_now().await;
    }
}

/// Starts TASKS tasks with `tokio::spawn`, each running `inc` on one shared counter, waits
/// for all of them, and returns the total: TASKS * N.
pub async fn count() -> u32 {
    let counter = Rc::new(Cell::new(0));
    let mut tasks = Vec::new();
    for _ in 0..TASKS {
        tasks.push(tokio::spawn(inc(Rc::clone(&counter))));
    }
    for task in tasks {
        task.await.expect("a counting task panicked");
    }
    counter.get()
}
