//! Exercise send_counter: async_counter's five tasks, spread over the threads of a
//! multi-thread runtime with `tokio::spawn`.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

/// How many tasks count, and how many times each adds 1.
pub const TASKS: usize = 5;
pub const N: u32 = 10000;

/// Adds 1 to `counter` N times, pausing after every step to let other tasks run.
async fn inc(counter: Arc<AtomicU32>) {
    for _ in 0..N {
        // Read, add and write in one step that no other thread can come between.
        counter.fetch_add(1, Ordering::Relaxed);
        tokio::task::yield_now().await;
    }
}

/// Starts TASKS tasks with `tokio::spawn`, each running `inc` on one shared counter, waits
/// for all of them, and returns the total: TASKS * N.
pub async fn count() -> u32 {
    // `Arc`: a count of owners that threads may change safely, where `Rc`'s may not.
    let counter = Arc::new(AtomicU32::new(0));
    let mut tasks = Vec::new();
    for _ in 0..TASKS {
        tasks.push(tokio::spawn(inc(Arc::clone(&counter))));
    }
    for task in tasks {
        task.await.expect("a counting task panicked");
    }
    counter.load(Ordering::Relaxed)
}
