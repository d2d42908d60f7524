//! The two tables about units of concurrency themselves, apart from any server: async_counter's
//! task switches on each runtime, and the cost of starting and joining N units of each kind.

use std::fmt::Write as _;

use crate::loads::spawn::{Cost, Kind};
use crate::report::thousands;
use crate::{COROUTINES, N, RUNS};

/// The name of the event_loop row of the counter table, which is compared with tokio's.
pub const EVENT_LOOP: &str = "event_loop (the lesson's loop), 5 tasks";
/// The row it is compared with.
pub const TOKIO_CURRENT: &str = "tokio current-thread, 5 tasks";
/// The target: event_loop's time per yield at most this many times tokio's.
const EVENT_LOOP_TARGET: f64 = 3.0;

/// async_counter's rates, in yields per second, and event_loop's ratio to tokio's.
pub fn counters(counters: &[(&str, f64)]) -> String {
    let mut out = String::new();
    if counters.is_empty() {
        return out;
    }
    let _ = writeln!(
        out,
        "\nasync_counter's work ({COROUTINES} x {N} increments, each followed by a yield), \
         median of {RUNS}:"
    );
    for (name, rate) in counters {
        let _ = writeln!(
            out,
            "  {name:<40} {:>12} yields/s  ({:.0} ns per yield)",
            thousands(*rate),
            1e9 / rate
        );
    }
    let rate = |name: &str| counters.iter().find(|(n, _)| *n == name).map(|(_, r)| *r);
    if let (Some(ours), Some(tokio)) = (rate(EVENT_LOOP), rate(TOKIO_CURRENT)) {
        // Time per yield is 1 / rate: event_loop's time over tokio's.
        let times = tokio / ours;
        let _ = writeln!(
            out,
            "  event_loop's time per yield: {times:.2}x tokio current-thread's \
             (target <= {EVENT_LOOP_TARGET:.0}x: {})",
            if times <= EVENT_LOOP_TARGET {
                "met"
            } else {
                "MISSED"
            }
        );
    }
    out
}

/// The slides' table of concurrency solutions in numbers: per unit, the time to start and
/// join it and the memory it holds while all N are alive.
pub fn spawns(costs: &[(&Kind, Cost)]) -> String {
    let mut out = String::new();
    if costs.is_empty() {
        return out;
    }
    let _ = writeln!(
        out,
        "\nStarting N units at once, all alive together, then joining them \
         (median of {RUNS}, each run in a fresh process):\n"
    );
    let _ = writeln!(
        out,
        "| unit | N | start + join, µs per unit | memory, KiB per unit |"
    );
    let _ = writeln!(out, "| --- | ---: | ---: | ---: |");
    for (kind, cost) in costs {
        let _ = writeln!(
            out,
            "| {} | {} | {:.2} | {:.2} |",
            kind.name,
            thousands(kind.n as f64),
            cost.per_unit.as_secs_f64() * 1e6,
            cost.kib_per_unit
        );
    }
    let _ = writeln!(
        out,
        "\nMemory: growth of the resident set while all are alive (VmRSS of this process for \
         threads and tasks; each child's Pss, summed, for processes)."
    );
    out
}
