//! Slides "Things a coroutine may do" and "Coroutines and blocking operations": a coroutine
//! may call a blocking function, but should not. A heartbeat ticks every 0.1 s beside a
//! worker that is busy for 0.5 s, three times over:
//!
//! 1. the worker calls a blocking sleep: the one thread that runs every coroutine is stuck in
//!    it, so the heartbeat misses the ticks due at 0.1 to 0.4 s;
//! 2. the worker awaits a sleep: it pauses and leaves the thread to the heartbeat, which keeps
//!    ticking;
//! 3. the worker hands the same blocking sleep to another thread and awaits its end: the
//!    heartbeat keeps ticking too.
//!
//! Run it, and its Python twin:
//!
//!     cargo run -p async_blocking
//!     python3 crates/async_blocking/async_blocking.py     # the same in Python
//!
//! Python → Rust:
//! - `time.sleep(0.5)` in a coroutine → [`std::thread::sleep`] in an `async fn`: it compiles,
//!   and blocks the runtime's thread, as it blocks asyncio's loop;
//! - `await asyncio.sleep(0.5)` → `tokio::time::sleep(..).await`;
//! - `await loop.run_in_executor(None, time.sleep, 0.5)` → `tokio::task::spawn_blocking(..)`
//!   awaited: tokio's pool of threads for blocking work, which even a current-thread runtime
//!   has, plays the default executor;
//! - the heartbeat's loop of `asyncio.sleep` to the next tick, skipping the ticks it missed →
//!   [`tokio::time::interval_at`] with [`MissedTickBehavior::Skip`];
//! - `asyncio.gather(heartbeat(), work())` → `tokio::join!` with `biased;`, so that the
//!   heartbeat gets the first turn, as the first task given to `gather` does.
//!
//! Every time is printed to a tenth of a second, rounded down (`common::tenths`), and every
//! tick is due a whole tenth after the start, so a busy machine that wakes the program tens of
//! milliseconds late changes nothing printed.

use std::error::Error;
use std::time::Duration;

use common::tenths::tenths;
use tokio::time::{self, Instant, MissedTickBehavior};

const PERIOD: Duration = Duration::from_millis(100);
/// The heartbeat ticks at 0, 1, ..., LAST_TICK periods after the start.
const LAST_TICK: u32 = 7;
const WORK: Duration = Duration::from_millis(500);

/// Ticks every PERIOD from now, LAST_TICK + 1 times, and returns when each tick came (time
/// from the start). A tick that comes late is taken at once, and the ticks it missed are
/// skipped.
async fn heartbeat() -> Vec<Duration> {
    let start = Instant::now();
    // The first tick is taken at once, before the worker starts. (Asked of the interval, it
    // would wait for the runtime's timer to come round, and the worker would go first.)
    let mut ticks = vec![start.elapsed()];
    let mut interval = time::interval_at(start + PERIOD, PERIOD);
    interval.set_missed_tick_behavior(MissedTickBehavior::Skip);
    loop {
        // The time the tick was due; for a late tick, the time of the first one it missed.
        let due = interval.tick().await;
        ticks.push(start.elapsed());
        if due - start >= PERIOD * LAST_TICK {
            return ticks;
        }
    }
}

async fn blocks_the_thread() {
    std::thread::sleep(WORK);
}

async fn awaits_a_sleep() {
    time::sleep(WORK).await;
}

async fn hands_it_to_a_thread() -> Result<(), tokio::task::JoinError> {
    // The sleep runs on a pool thread; this task awaits its end without blocking. The error
    // would mean the closure panicked.
    tokio::task::spawn_blocking(|| std::thread::sleep(WORK)).await
}

/// Runs `work` beside the heartbeat, then prints when the heartbeat ticked and which ticks it
/// missed. Returns what `work` returned.
async fn beside_the_heartbeat<F: Future>(label: &str, work: F) -> F::Output {
    let (ticks, output) = tokio::join!(biased; heartbeat(), work);
    println!("{label}");
    let ticks: Vec<String> = ticks.into_iter().map(tenths).collect();
    println!("  heartbeat ticks at {}", ticks.join(" "));
    let missed: Vec<String> = (0..=LAST_TICK)
        .map(|k| tenths(PERIOD * k))
        .filter(|due| !ticks.contains(due))
        .collect();
    let missed = if missed.is_empty() {
        "none".to_string()
    } else {
        missed.join(" ")
    };
    println!("  heartbeat missed {missed}");
    output
}

// One thread runs the heartbeat and the worker, as asyncio's loop does: with a blocking call
// on it, nothing else can run.
#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn Error>> {
    common::cli!().no_args();
    beside_the_heartbeat(
        "the worker blocks the thread for 0.5 s:",
        blocks_the_thread(),
    )
    .await;
    beside_the_heartbeat("the worker awaits a 0.5 s sleep:", awaits_a_sleep()).await;
    beside_the_heartbeat(
        "the worker hands a 0.5 s blocking sleep to a thread:",
        hands_it_to_a_thread(),
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blocking_worker_holds_back_every_tick_until_it_returns() {
        // The first tick comes before the worker starts; the next cannot come before the
        // blocking call returns, however busy the machine is, since nothing else runs on the
        // thread meanwhile.
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        let (ticks, ()) =
            runtime.block_on(async { tokio::join!(biased; heartbeat(), blocks_the_thread()) });
        assert!(ticks[0] < WORK, "{ticks:?}");
        assert!(ticks[1] >= WORK, "{ticks:?}");
        // The ticks due at 0.1 to 0.4 s are skipped: what is left is the first tick, the
        // late one, and those due at 0.6 and 0.7 s.
        assert!(ticks.len() <= 4, "{ticks:?}");
    }
}
