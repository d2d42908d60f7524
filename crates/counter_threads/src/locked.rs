//! The counter done right: every increment whole, by an atomic add or under a lock, on threads
//! and on a pool of worker threads.

use std::error::Error;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use crate::{N, UNITS, run_threads};

/// A lock whose holder panicked is "poisoned"; none of these threads can panic while holding it,
/// but the error says what happened if one ever did.
const POISONED: &str = "a thread panicked while holding the counter's lock";

pub fn threads_with_atomic() -> u32 {
    let counter = AtomicU32::new(0);
    run_threads(|| {
        for _ in 0..N {
            // `Relaxed`: only this one number is shared, and each add is whole; the joins at
            // the end of the scope make every add visible to the thread that reads the total.
            counter.fetch_add(1, Ordering::Relaxed);
        }
    });
    counter.into_inner()
}

pub fn threads_with_lock() -> u32 {
    let counter = Mutex::new(0);
    run_threads(|| {
        for _ in 0..N {
            // The guard lives to the end of this statement: the lock is held for the add alone.
            *counter.lock().expect(POISONED) += 1;
        }
    });
    counter.into_inner().expect(POISONED)
}

pub fn tasks_with_lock() -> Result<u32, Box<dyn Error>> {
    let runtime = tokio::runtime::Builder::new_multi_thread().build()?;
    runtime.block_on(async {
        // A spawned task may outlive the function that spawned it, so it cannot borrow the
        // counter: each task owns a handle to it, an `Arc` (a reference-counted pointer).
        let counter = Arc::new(Mutex::new(0));
        let tasks: Vec<_> = (0..UNITS)
            .map(|_| {
                let counter = Arc::clone(&counter);
                tokio::spawn(async move {
                    for _ in 0..N {
                        // The guard is dropped before the `.await`. Held across it, it would
                        // make the task unfit to move between threads (a `MutexGuard` must be
                        // released by the thread that took it), and `tokio::spawn` would not
                        // compile.
                        *counter.lock().expect(POISONED) += 1;
                        tokio::task::yield_now().await; // as async_counter's sleep(0)
                    }
                })
            })
            .collect();
        for task in tasks {
            task.await?; // task.result(): an error if the task panicked
        }
        let total = *counter.lock().expect(POISONED);
        Ok(total)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_count_is_the_full_total() {
        let total = UNITS as u32 * N;
        assert_eq!(threads_with_atomic(), total);
        assert_eq!(threads_with_lock(), total);
        assert_eq!(tasks_with_lock().unwrap(), total);
    }
}
