//! Exercise locked_counter: async_counter with an await between reading the counter and
//! writing it back, made correct with a lock.

use futures::future::join_all;
use tokio::sync::Mutex;

/// How many tasks count, and how many times each adds 1.
pub const TASKS: usize = 5;
pub const N: u32 = 10000;

/// The counter's next value: the value read, plus one, known only after a pause (as if it
/// had to be asked of a server). Given: keep it as it is.
pub async fn next_value(read: u32) -> u32 {
    tokio::task::yield_now().await;
    read + 1
}

/// Adds 1 to `counter` N times: read it, `next_value(read).await`, write the result back.
/// Other tasks run during that await; none may read the counter until the new value is in.
pub async fn inc(counter: &Mutex<u32>) {
    for _ in 0..N {
        let _ = counter;
        todo!("lock the counter, read it, await next_value, write the new value back")
    }
}

/// Runs TASKS `inc`s at once on this one task, as async_counter does, and returns the total.
pub async fn count() -> u32 {
    let counter = Mutex::new(0);
    join_all((0..TASKS).map(|_| inc(&counter))).await;
    counter.into_inner()
}
