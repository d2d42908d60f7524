//! The heartbeat: a coroutine that ticks every [`PERIOD`], and the report of when it ticked.

use std::time::Duration;

use common::tenths::tenths;
use tokio::sync::oneshot;
use tokio::time::{self, Instant, MissedTickBehavior};

pub const PERIOD: Duration = Duration::from_millis(100);
/// The heartbeat ticks at 0, 1, ..., LAST_TICK periods after its start.
pub const LAST_TICK: u32 = 7;

/// Ticks every PERIOD from now, LAST_TICK + 1 times, and returns when each tick came (time
/// from the start). A tick that comes late is taken at once, and the ticks it missed are
/// skipped. `first_tick` is told when the first tick is taken, so that the worker can start
/// only then, as it does in Python, where `gather` runs the heartbeat's task first.
pub async fn heartbeat(first_tick: oneshot::Sender<()>) -> Vec<Duration> {
    let start = Instant::now();
    // The first tick is taken at once. (Asked of the interval, it would wait for the
    // runtime's timer to come round.)
    let mut ticks = vec![start.elapsed()];
    common::marks::point("heartbeat", "tick");
    // Err only if nobody listens: then nobody waits for it.
    let _ = first_tick.send(());
    let mut interval = time::interval_at(start + PERIOD, PERIOD);
    interval.set_missed_tick_behavior(MissedTickBehavior::Skip);
    loop {
        // The time the tick was due; for a late tick, the time of the first one it missed.
        let due = interval.tick().await;
        ticks.push(start.elapsed());
        common::marks::point("heartbeat", "tick");
        if due - start >= PERIOD * LAST_TICK {
            return ticks;
        }
    }
}

/// Prints `label`, when the heartbeat ticked, and which of its ticks it missed, each to a
/// tenth of a second (rounded down, see [`common::tenths`]).
pub fn report(label: &str, ticks: &[Duration]) {
    println!("{label}");
    let ticks: Vec<String> = ticks.iter().copied().map(tenths).collect();
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
}
