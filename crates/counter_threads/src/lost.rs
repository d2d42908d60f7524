//! The counter done wrong: each increment is a read, a pause, then a write of what was read
//! plus one, with no lock. Whoever writes in another's pause has that update overwritten.
//!
//! - On threads the system decides who runs in a pause, so how many updates are lost changes
//!   from run to run. To lose some in every run, the first pause of each thread is a handshake
//!   (a [`Barrier`]): every thread has read 0 before any writes 1, so at least `UNITS - 1`
//!   updates are lost; later pauses only give the thread up ([`thread::yield_now`]), and lose
//!   as many as the system happens to let in. The program prints whether updates were lost,
//!   not how many.
//! - In coroutines nothing comes between a read and a write unless the coroutine awaits in
//!   between; with an `.await` there, the others run in that pause, exactly as threads would.
//!   On one thread, taking turns in order, each round of five reads the same value, and the
//!   total is exactly `N`: four updates in five are lost, in every run.
//!
//! The threads' counter is an atomic, as Rust asks of anything threads change together, and
//! yet updates are lost: an atomic makes each load and each store whole (no data race), but a
//! load followed by a store is two steps, and another thread's store can fall between them (a
//! race condition, which no compiler can rule out). Only an indivisible read-modify-write
//! (`fetch_add`) or a lock held from the read to the write keeps every update.

use std::cell::Cell;
use std::error::Error;
use std::sync::Barrier;
use std::sync::atomic::{AtomicU32, Ordering};
use std::thread;

use futures::future::join_all;

use crate::{N, UNITS, run_threads};

/// What the lines about a lost update say: `updates lost` when the total is short of
/// `UNITS` x `N`.
pub fn lost_or_not(total: u32) -> &'static str {
    if total < UNITS as u32 * N {
        "updates lost"
    } else {
        "no update lost"
    }
}

/// `tmp = counter; pause; counter = tmp + 1` on `UNITS` threads.
pub fn threads_read_pause_write() -> u32 {
    let counter = AtomicU32::new(0);
    let everyone_has_read = Barrier::new(UNITS);
    run_threads(|| {
        for i in 0..N {
            let read = counter.load(Ordering::Relaxed);
            if i == 0 {
                everyone_has_read.wait();
            } else {
                thread::yield_now();
            }
            counter.store(read + 1, Ordering::Relaxed);
        }
    });
    counter.into_inner()
}

/// `tmp = counter; await asyncio.sleep(0); counter = tmp + 1` in `UNITS` coroutines on one
/// thread, gathered as async_counter gathers its own.
pub fn coroutines_read_await_write() -> Result<u32, Box<dyn Error>> {
    let runtime = tokio::runtime::Builder::new_current_thread().build()?;
    let counter = Cell::new(0);
    let inc = || async {
        for _ in 0..N {
            let read = counter.get();
            tokio::task::yield_now().await; // the others run here, and read the same value
            counter.set(read + 1);
        }
    };
    runtime.block_on(join_all((0..UNITS).map(|_| inc())));
    Ok(counter.get())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threads_that_pause_between_read_and_write_lose_updates() {
        // The handshake makes every thread read 0 and write 1: at least UNITS - 1 lost, in
        // every run, whatever the system does later.
        for _ in 0..3 {
            let total = threads_read_pause_write();
            assert!(total <= (UNITS as u32) * N - (UNITS as u32 - 1), "{total}");
            assert_eq!(lost_or_not(total), "updates lost");
        }
    }

    #[test]
    fn coroutines_that_await_between_read_and_write_lose_all_but_one_in_five() {
        assert_eq!(coroutines_read_await_write().unwrap(), N);
    }

    #[test]
    fn the_full_total_is_no_update_lost() {
        assert_eq!(lost_or_not(UNITS as u32 * N), "no update lost");
        assert_eq!(lost_or_not(UNITS as u32 * N - 1), "updates lost");
    }
}
