//! The loads put on every server, each in a module of its own, and what they give: a figure
//! per run, or the reason a run has none.

pub mod burst;
pub mod counter;
pub mod data;
pub mod fair;
pub mod ping;
pub mod spawn;
pub mod stream;

use std::time::Duration;

/// What the loads measured on one server: the figure of every measured run, and the loads it
/// gave up.
#[derive(Default)]
pub struct Results {
    pub ping1: Vec<PingPong>,
    pub ping50: Vec<PingPong>,
    pub stream: Vec<f64>,
    pub burst: Vec<f64>,
    pub fair: Vec<fair::Fair>,
    /// Why a load was given up (it did not finish within 5 s).
    pub gave_up: Vec<(Load, &'static str, String)>,
    /// Peak resident memory (VmHWM, KiB) after the bursts, for a server this program started.
    pub peak_rss_kib: Option<u64>,
    /// Most threads seen in the server while all the burst's connections were open.
    pub burst_threads: Option<u64>,
    /// Connection attempts dropped by a full listen queue, in each burst.
    pub burst_drops: Vec<f64>,
}

#[derive(Clone, Copy)]
pub struct PingPong {
    pub rps: f64,
    pub p50_us: f64,
    pub p99_us: f64,
}

impl PingPong {
    fn from(mut latencies_ns: Vec<u32>, elapsed: Duration) -> Self {
        latencies_ns.sort_unstable();
        let pct = |p: usize| {
            let i = (latencies_ns.len() * p / 100).min(latencies_ns.len().saturating_sub(1));
            latencies_ns
                .get(i)
                .map_or(0.0, |&ns| f64::from(ns) / 1000.0)
        };
        PingPong {
            rps: latencies_ns.len() as f64 / elapsed.as_secs_f64(),
            p50_us: pct(50),
            p99_us: pct(99),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Load {
    Ping1,
    Ping50,
    Stream,
    Burst,
    Fair,
}

impl Load {
    pub const ALL: [Load; 5] = [
        Load::Ping1,
        Load::Ping50,
        Load::Stream,
        Load::Burst,
        Load::Fair,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Load::Ping1 => "ping1",
            Load::Ping50 => "ping50",
            Load::Stream => "stream",
            Load::Burst => "burst",
            Load::Fair => "fair",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Load::Ping1 => "ping-pong, 1 KiB, 1 connection",
            Load::Ping50 => "ping-pong, 1 KiB, 50 connections",
            Load::Stream => "64 MiB through 1 connection",
            Load::Burst => "burst of 10,000 connections",
            Load::Fair => "fair: pings and new connections beside a stream",
        }
    }
}

/// What one run gave: a figure, or why it has none. A server too slow to finish in 5 s, or
/// one that drops connections of the burst under overload, is a result too, shown in the table
/// as `short`; a wrong byte ends the bench.
pub enum Outcome<T> {
    Done(T),
    GaveUp { short: &'static str, why: String },
}

fn too_slow<T>(why: String) -> Outcome<T> {
    Outcome::GaveUp {
        short: "> 5 s",
        why,
    }
}

fn ns(d: Duration) -> u32 {
    u32::try_from(d.as_nanos()).unwrap_or(u32::MAX)
}
