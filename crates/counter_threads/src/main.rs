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
//!   [`AtomicU32::fetch_add`](std::sync::atomic::AtomicU32::fetch_add): the processor reads,
//!   adds and writes back as one indivisible step;
//! - `threading.Lock()` and `with lock: counter += 1` → [`Mutex`](std::sync::Mutex) and
//!   `*counter.lock().expect(..) += 1`: the counter lives inside the lock, and the guard that
//!   `lock()` returns is the only way to reach it; the lock is released when the guard is dropped;
//! - `concurrent.futures.ThreadPoolExecutor` and `pool.submit(inc)` → a tokio multi-thread
//!   runtime and [`tokio::spawn`]: a pool of worker threads (one per core by default) that run
//!   tasks. This lesson is about threads, so its runtime is a multi-thread one, as are those of
//!   async_blocking's last two runs; the other lessons' runtimes run their tasks on one thread.
//!   A task that pauses at its `yield_now().await` may go on on another worker, at the same
//!   time as the others;
//! - `tmp = counter`, a pause, `counter = tmp + 1` on threads → `counter.load(..)`, a pause,
//!   `counter.store(read + 1, ..)` on an [`std::sync::atomic::AtomicU32`]; the pause is
//!   `time.sleep(0)` → [`thread::yield_now`], or, for the first one, `threading.Barrier(5)`
//!   and `wait()` → [`std::sync::Barrier`] and `wait()`: no thread goes on before all have
//!   come;
//! - the same in coroutines, `await asyncio.sleep(0)` in the pause → a [`std::cell::Cell`]
//!   read and written around `tokio::task::yield_now().await`.
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
//!
//! The last two lines show an update lost, and where coroutines lose one too (`src/lost.rs`):
//! each unit reads the counter, pauses, then writes back what it read plus one. Threads lose
//! updates in the pause, even with an atomic counter, since a load and then a store are two
//! steps. Coroutines lose them as well once the pause is an `.await`: four in five, exactly, in
//! every run. So a coroutine needs no lock only while nothing awaits between its read and its
//! write.
//!
//! - `src/locked.rs`: the counter kept whole, by an atomic add or a lock;
//! - `src/lost.rs`: the counter that loses updates, on threads and in coroutines.

use std::error::Error;
use std::thread;

mod locked;
mod lost;

const UNITS: usize = 5;
const N: u32 = 10000;

/// Runs `inc` on `UNITS` threads at once and waits for them all.
fn run_threads(inc: impl Fn() + Sync) {
    thread::scope(|s| {
        for _ in 0..UNITS {
            s.spawn(&inc);
        }
    }); // every thread is joined here
}

fn main() -> Result<(), Box<dyn Error>> {
    common::cli!().no_args();
    println!("{UNITS} units x {N} increments");
    println!("threads + atomic: {}", locked::threads_with_atomic());
    println!("threads + lock: {}", locked::threads_with_lock());
    println!(
        "tasks on a thread pool + lock: {}",
        locked::tasks_with_lock()?
    );
    let threads = lost::threads_read_pause_write();
    println!(
        "threads, no lock, a pause between read and write: {}",
        lost::lost_or_not(threads)
    );
    let coroutines = lost::coroutines_read_await_write()?;
    println!(
        "coroutines, no lock, an await between read and write: {coroutines} ({})",
        lost::lost_or_not(coroutines)
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use std::sync::Mutex;

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
