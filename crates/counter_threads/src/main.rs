//! async_counter's counter (5 units, each adding 1 to one shared counter 10000 times) run by
//! threads, the slides' table row "Threads: preemptive multitasking": the system may stop a
//! thread between any two instructions and run another. (Python's threads then take turns on one
//! CPU, as the table says, since only the thread holding the GIL runs Python code; Rust's run on
//! every core at the same moment.) So a shared counter needs an atomic or a lock, and Rust
//! refuses to compile the program that shares a plain one.
//!
//!     cargo run -p counter_threads
//!
//! Python (`counter_threads.py`, beside this crate) → Rust:
//! - `threading.Thread(target=inc)`, `t.start()`, `t.join()` → [`thread::scope`] and
//!   `s.spawn(..)`: the scope joins every thread at its end, which lets the threads borrow the
//!   counter, a local of the function;
//! - an operation that no thread switch can cut in two (Python's `list.append`) →
//!   [`AtomicU32::fetch_add`]: the processor reads, adds and writes back as one indivisible
//!   step;
//! - `threading.Lock()` and `with lock: counter += 1` → [`Mutex`] and
//!   `*counter.lock().expect(..) += 1`: the counter lives inside the lock, and the guard that
//!   `lock()` returns is the only way to reach it; the lock is released when the guard is dropped;
//! - `concurrent.futures.ThreadPoolExecutor` and `pool.submit(inc)` → a tokio multi-thread
//!   runtime and [`tokio::spawn`]: a pool of worker threads (one per core by default) that run
//!   tasks. This lesson is about threads, so here, unlike in the other lessons, the runtime is
//!   a multi-thread one: a task that pauses at its `yield_now().await` may go on on another
//!   worker, at the same time as the others.
//!
//! The program that shares a plain counter, `compile_fail/plain_counter.rs`, does not compile:
//!
//! ```text
//! error[E0499]: cannot borrow `counter` as mutable more than once at a time
//!    |             s.spawn(|| {
//!    |                     ^^ `counter` was mutably borrowed here in the previous iteration of the loop
//! ```
//!
//! A thread that adds to the counter needs a `&mut` to it, and only one `&mut` to a value may
//! exist at a time. Python has no such check; its threads would run, and could lose updates (see
//! `counter_threads.py`). async_counter's counter, a [`std::cell::Cell`], changes through a
//! shared `&`, and so cannot go to threads either (`compile_fail/cell_counter.rs`):
//!
//! ```text
//! error[E0277]: `Cell<i32>` cannot be shared between threads safely
//!    = help: the trait `Sync` is not implemented for `Cell<i32>`
//! ```
//!
//! A value may be borrowed by several threads at once only if its type is `Sync`, as atomics
//! and `Mutex` are. These two rules are how Rust rules out data races when it compiles.
//!
//! That is why async_counter needs no lock: its five coroutines run on one thread and switch
//! only at an `.await`, never inside `counter += 1`; and were they moved to threads, this is the
//! error that would say so. `tests/does_not_compile.rs` runs rustc on both files and checks these
//! errors.

use std::error::Error;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

const UNITS: usize = 5;
const N: u32 = 10000;

/// A lock whose holder panicked is "poisoned"; none of these threads can panic while holding it,
/// but the error says what happened if one ever did.
const POISONED: &str = "a thread panicked while holding the counter's lock";

/// Runs `inc` on `UNITS` threads at once and waits for them all.
fn run_threads(inc: impl Fn() + Sync) {
    thread::scope(|s| {
        for _ in 0..UNITS {
            s.spawn(&inc);
        }
    }); // every thread is joined here
}

fn threads_with_atomic() -> u32 {
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

fn threads_with_lock() -> u32 {
    let counter = Mutex::new(0);
    run_threads(|| {
        for _ in 0..N {
            // The guard lives to the end of this statement: the lock is held for the add alone.
            *counter.lock().expect(POISONED) += 1;
        }
    });
    counter.into_inner().expect(POISONED)
}

fn tasks_with_lock() -> Result<u32, Box<dyn Error>> {
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

fn main() -> Result<(), Box<dyn Error>> {
    common::cli!().no_args();
    println!("{UNITS} units x {N} increments");
    println!("threads + atomic: {}", threads_with_atomic());
    println!("threads + lock: {}", threads_with_lock());
    println!("tasks on a thread pool + lock: {}", tasks_with_lock()?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_count_is_the_full_total() {
        let total = UNITS as u32 * N;
        assert_eq!(threads_with_atomic(), total);
        assert_eq!(threads_with_lock(), total);
        assert_eq!(tasks_with_lock().unwrap(), total);
    }

    #[test]
    fn the_threads_are_distinct_threads() {
        // The units really run on threads of their own, not one after another on this one.
        let seen = Mutex::new(HashSet::new());
        run_threads(|| {
            seen.lock().unwrap().insert(thread::current().id());
        });
        let seen = seen.into_inner().unwrap();
        assert_eq!(seen.len(), UNITS);
        assert!(!seen.contains(&thread::current().id()));
    }
}
