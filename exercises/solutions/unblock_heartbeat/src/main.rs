//! A heartbeat ticks every 0.1 s beside a worker that runs a 0.5 s blocking call, all on one
//! thread (a current-thread runtime, as asyncio's loop). It prints when the heartbeat ticked.
//! Until `run_blocking` hands the call to another thread, the ticks due while it runs are
//! missed.
//!
//!     cargo run -p unblock_heartbeat

use std::time::Duration;

use common::cli::Cli;
use common::tenths::tenths;
use tokio::sync::oneshot;
use tokio::time::{Instant, MissedTickBehavior};
use unblock_heartbeat::run_blocking;

/// The command line: no arguments. (Named here, not from Cargo.toml: the solution's package
/// has another name.)
const CLI: Cli = Cli {
    name: "unblock_heartbeat",
    package: "unblock_heartbeat",
    about: "A heartbeat beside a worker that runs a blocking call: which ticks does it miss?",
    usage: "",
    options: &[],
};

const PERIOD: Duration = Duration::from_millis(100);
const TICKS: u32 = 8;
const WORK: Duration = Duration::from_millis(500);

/// Ticks every PERIOD, TICKS times; returns when each tick came. A late tick skips the ones
/// it missed. `first_tick` is told when the first tick is taken.
async fn heartbeat(first_tick: oneshot::Sender<()>) -> Vec<Duration> {
    let start = Instant::now();
    let mut interval = tokio::time::interval(PERIOD);
    interval.set_missed_tick_behavior(MissedTickBehavior::Skip);
    interval.tick().await; // the first tick comes at once
    let mut ticks = vec![start.elapsed()];
    let _ = first_tick.send(());
    while ticks.len() < TICKS as usize {
        interval.tick().await;
        ticks.push(start.elapsed());
    }
    ticks
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    CLI.no_args();
    let (first_tick, first_tick_taken) = oneshot::channel();
    let heartbeat = tokio::spawn(heartbeat(first_tick));
    // The worker starts once the heartbeat has taken its first tick.
    let _ = first_tick_taken.await;
    let worker = tokio::spawn(run_blocking(|| {
        std::thread::sleep(WORK); // a blocking call: 0.5 s during which the thread does nothing else
        "done"
    }));
    let said = worker.await.expect("the worker panicked");
    let ticks = heartbeat.await.expect("the heartbeat panicked");
    println!("worker: {said}");
    let ticks: Vec<String> = ticks.into_iter().map(tenths).collect();
    println!("heartbeat ticks at {}", ticks.join(" "));
    let missed: Vec<String> = (0..TICKS)
        .map(|k| tenths(PERIOD * k))
        .filter(|due| !ticks.contains(due))
        .collect();
    if missed.is_empty() {
        println!("heartbeat missed none");
    } else {
        println!("heartbeat missed {}", missed.join(" "));
    }
}
