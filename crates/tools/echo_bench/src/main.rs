//! The lecture's table of concurrency solutions, in numbers.
//!
//! Four echo servers run the same algorithm (read up to 1024 bytes, write them all back):
//! the project's `echo_server` (one tokio task per client), `event_loop echo-server` (the same
//! on the event_loop lesson's own loop and mio reactor, no tokio), a thread-per-connection
//! server on `std::net` written here (the slides' "threads" row), and `cecho`, a
//! single-threaded epoll server in C with no runtime at all (`../shared/bench/cecho.c`, the floor of what the
//! algorithm costs). This program starts each of them on a free port of 127.0.0.1, puts the
//! same loads on them side by side, checks every echoed byte, and prints one table with each
//! figure's ratio to cecho's. It also times the slide's `async_counter` work, which is nothing
//! but task switches, on tokio, on the event_loop lesson's own loop and on threads; and what it
//! costs to start N processes, threads, tokio tasks and event_loop tasks (`loads::spawn`).
//!
//!     make bench
//!     cargo build --release -p echo_server -p event_loop
//!     cargo run --release -p echo_bench -- [--cecho PATH] [--vs HOST:PORT]... [--secs S]
//!
//! The echo_server and event_loop it starts are the ones built beside it, in the same target
//! directory (`target/release/echo_server` for a release build): `make bench` builds them
//! first, so that the servers measured are the current ones.
//!
//! - `--cecho PATH`: start the C server built from `cecho.c` (`make bench` builds it into
//!   `target/cecho` when `../shared/bench/cecho.c` is there); the ratios need it.
//! - `--vs HOST:PORT`: also measure an echo server started by hand (the slide's Python server,
//!   say), on a loopback address only. Its memory is not measured: it is not our child.
//! - `--secs S`: length of each ping-pong run and of the fair load's window, 2 by default, at
//!   most 5.
//! - `--only LOADS`: some of `ping1,ping50,stream,burst,fair,counter,spawn` (all by default),
//!   to look closer at one load without waiting for the others.
//!
//! The fair load (`loads::fair`) asks whether one streaming client stops the others. One
//! client streams 64 KiB writes and drains the echo; meanwhile, for `--secs`, a second client
//! pings 1 KiB every 10 ms and a new client connects every 100 ms to send 1 KiB. Its table
//! gives the pings' p50/p99, the slowest new connection (connect to echo), and the stream's
//! MB/s during the window. Its targets: event_loop's ping p99 at most 2x echo_server's, and
//! event_loop's stream at least 0.9x the figure it had before its loop was made fair.
//!
//! Exit codes: 0 measured (a missed target is reported, not failed), 1 a load failed (an echoed
//! byte differed, a server did not start or broke a connection, the open-file limit is too low),
//! 2 bad command line.
//!
//! Method: every load runs once to warm up, then 3 times; the table shows the median of the 3.
//! The runs are interleaved (run 1 on every server, then run 2, ...) so that noise from other
//! work on the machine falls on every server alike. The load generator shares the machine's
//! cores with the server it measures: 1-connection ping-pong and the stream use blocking
//! `std::net` client threads (the fewest system calls per request), the 50-connection
//! ping-pong and the burst use a tokio current-thread runtime, so the generator never takes
//! more than one core of the two.

mod fair_report;
mod help;
mod loads;
mod report;
mod servers;
mod system;
mod tasks_report;

use std::error::Error;
use std::net::{SocketAddr, ToSocketAddrs};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use help::{HELP, USAGE};
use loads::burst::burst;
use loads::counter::{counter_event_loop, counter_tasks, counter_threads};
use loads::data::{Pool, random_bytes};
use loads::fair::fair;
use loads::ping::{ping_many, ping_one};
use loads::stream::stream_64;
use loads::{Load, Outcome};
use report::{median, report};
use servers::{
    external, serve_threads, start_cecho, start_echo_server, start_event_loop, start_threads,
};
use system::{listen_drops, raise_nofile, status_field};

type Res<T> = Result<T, Box<dyn Error + Send + Sync>>;

/// Size of one ping-pong message, and of every server's read buffer.
const MSG: usize = 1024;
/// Connections of the second ping-pong load.
const CONNS: usize = 50;
/// Connections opened at once by the burst.
const BURST: usize = 10_000;
/// Bytes pushed through one connection by the stream load.
const STREAM: usize = 64 << 20;
/// Every load stops after this long, finished or not: a hung server costs 5 s, not forever.
const LIMIT: Duration = Duration::from_secs(5);
/// Measured runs per load, after one warm-up.
const RUNS: usize = 3;
/// The slide's async_counter: COROUTINES, N = 5, 10000.
const COROUTINES: usize = 5;
const N: usize = 10_000;
/// At most this many requests per ping-pong run (a bound on count as well as on time).
const MAX_REQUESTS: usize = 2_000_000;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // This same program, started again by `loads::spawn` as a unit or to measure some.
    if args.first().is_some_and(|a| a == "--spawn-child") {
        loads::spawn::spawn_child();
        return ExitCode::SUCCESS;
    }
    if let [flag, kind] = args.as_slice()
        && flag == "--spawn-cost"
    {
        return match loads::spawn::spawn_cost_child(kind) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("echo_bench --spawn-cost {kind}: {e}");
                ExitCode::FAILURE
            }
        };
    }
    if args.iter().any(|a| a == "--serve-threads") {
        // This same program, started again by `start_threads`, as the threads server.
        return match serve_threads() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("threads server: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let opts = match parse_args(&args) {
        Ok(Some(opts)) => opts,
        Ok(None) => {
            println!("{USAGE}\n\n{HELP}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("echo_bench: {e} ({USAGE})");
            return ExitCode::from(2);
        }
    };
    if cfg!(debug_assertions) {
        // `cargo run` without `--release`: this program and the echo_server beside it are
        // debug builds, many times slower than the release builds the table is about.
        eprintln!(
            "echo_bench: warning: a debug build, measuring the debug echo_server; \
             `make bench` runs the release builds"
        );
    }
    match run(&opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("echo_bench: {e}");
            ExitCode::FAILURE
        }
    }
}

struct Opts {
    cecho: Option<String>,
    vs: Vec<SocketAddr>,
    secs: Duration,
    /// The loads to run (all by default), and whether to run async_counter and the spawns.
    loads: Vec<Load>,
    counter: bool,
    spawn: bool,
}

fn parse_args(args: &[String]) -> Result<Option<Opts>, String> {
    let mut opts = Opts {
        cecho: None,
        vs: Vec::new(),
        secs: Duration::from_secs(2),
        loads: Load::ALL.to_vec(),
        counter: true,
        spawn: true,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--cecho" => {
                let path = it.next().ok_or("--cecho needs a PATH")?;
                opts.cecho = Some(path.clone());
            }
            "--vs" => {
                let hp = it.next().ok_or("--vs needs HOST:PORT")?;
                let addrs: Vec<SocketAddr> = hp
                    .to_socket_addrs()
                    .map_err(|e| format!("bad --vs address '{hp}': {e}"))?
                    .collect();
                // Benchmark traffic stays on this machine.
                let addr = addrs
                    .iter()
                    .find(|a| a.ip().is_loopback())
                    .ok_or(format!("--vs address '{hp}' is not a loopback address"))?;
                opts.vs.push(*addr);
            }
            "--secs" => {
                let s = it.next().ok_or("--secs needs a number of seconds")?;
                let secs: f64 = s
                    .parse()
                    .ok()
                    .filter(|v: &f64| *v > 0.0 && *v <= LIMIT.as_secs_f64())
                    .ok_or(format!("bad --secs '{s}': a number of seconds, 0 < S <= 5"))?;
                opts.secs = Duration::from_secs_f64(secs);
            }
            "--only" => {
                let list = it.next().ok_or("--only needs a list of loads")?;
                opts.loads.clear();
                opts.counter = false;
                opts.spawn = false;
                for name in list.split(',') {
                    match Load::ALL.iter().find(|l| l.name() == name) {
                        Some(load) => opts.loads.push(*load),
                        None if name == "counter" => opts.counter = true,
                        None if name == "spawn" => opts.spawn = true,
                        None => {
                            return Err(format!(
                                "bad --only '{name}': one of ping1, ping50, stream, burst, fair, counter, spawn"
                            ));
                        }
                    }
                }
            }
            other => return Err(format!("unknown argument '{other}'")),
        }
    }
    Ok(Some(opts))
}

// ---------------------------------------------------------------------------------------------
// The run

fn run(opts: &Opts) -> Res<()> {
    if opts.loads.contains(&Load::Burst) {
        raise_nofile(BURST as u64 + 1024)?;
    }
    let pool = Arc::new(Pool::new());
    let data = Arc::new(random_bytes(STREAM, 0xD1B5_4A32_D192_ED03));

    // Dropping `servers` (on return, error or panic) stops every server started here.
    let mut servers = Vec::new();
    match &opts.cecho {
        Some(path) => servers.push(start_cecho(path)?),
        None => eprintln!(
            "cecho skipped: no --cecho PATH given (`make bench` builds it from \
             ../shared/bench/cecho.c when that file exists); no ratios"
        ),
    }
    servers.push(start_echo_server()?);
    servers.push(start_event_loop()?);
    servers.push(start_threads()?);
    for &addr in &opts.vs {
        servers.push(external(addr)?);
    }

    for &load in &opts.loads {
        for run in 0..=RUNS {
            let label = if run == 0 {
                "warm-up".to_string()
            } else {
                format!("run {run}/{RUNS}")
            };
            eprint!("{}: {label}:", load.title());
            for server in &mut servers {
                if server.results.gave_up.iter().any(|(l, _, _)| *l == load) {
                    continue;
                }
                eprint!(" {}", server.name);
                let (addr, pid) = (server.addr, server.pid());
                let r = &mut server.results;
                match load {
                    Load::Ping1 => {
                        let secs = if run == 0 { opts.secs / 4 } else { opts.secs };
                        let p = ping_one(addr, secs, &pool).map_err(|e| load_err(load, addr, e))?;
                        if run > 0 {
                            r.ping1.push(p);
                        }
                    }
                    Load::Ping50 => {
                        let secs = if run == 0 { opts.secs / 4 } else { opts.secs };
                        let p =
                            ping_many(addr, secs, &pool).map_err(|e| load_err(load, addr, e))?;
                        if run > 0 {
                            r.ping50.push(p);
                        }
                    }
                    Load::Stream => {
                        match stream_64(addr, &data).map_err(|e| load_err(load, addr, e))? {
                            Outcome::Done(mbs) if run > 0 => r.stream.push(mbs),
                            Outcome::Done(_) => {}
                            Outcome::GaveUp { short, why } => r.gave_up.push((load, short, why)),
                        }
                    }
                    Load::Burst => {
                        let drops_before = listen_drops();
                        let (outcome, threads) =
                            burst(addr, pid, &pool).map_err(|e| load_err(load, addr, e))?;
                        r.burst_threads = r.burst_threads.max(threads);
                        // The warm-up counts too when it gives up: it is the only run then.
                        let counted = run > 0 || matches!(outcome, Outcome::GaveUp { .. });
                        if let (Some(a), Some(b), true) = (drops_before, listen_drops(), counted) {
                            r.burst_drops.push(b.saturating_sub(a) as f64);
                        }
                        match outcome {
                            Outcome::Done(secs) if run > 0 => r.burst.push(secs),
                            Outcome::Done(_) => {}
                            Outcome::GaveUp { short, why } => r.gave_up.push((load, short, why)),
                        }
                    }
                    Load::Fair => {
                        let secs = if run == 0 { opts.secs / 4 } else { opts.secs };
                        match fair(addr, secs, &data, &pool).map_err(|e| load_err(load, addr, e))? {
                            Outcome::Done(f) if run > 0 => r.fair.push(f),
                            Outcome::Done(_) => {}
                            Outcome::GaveUp { short, why } => r.gave_up.push((load, short, why)),
                        }
                    }
                }
            }
            eprintln!();
        }
    }
    for server in &mut servers {
        server.results.peak_rss_kib = server.pid().and_then(|pid| status_field(pid, "VmHWM"));
    }

    let mut counters = Vec::new();
    if opts.counter {
        eprint!("async_counter: warm-up and {RUNS} runs:");
    }
    for (name, f) in [
        (
            tasks_report::TOKIO_CURRENT,
            (|| counter_tasks(false)) as fn() -> Res<f64>,
        ),
        (tasks_report::EVENT_LOOP, counter_event_loop),
        ("tokio multi-thread, 5 tasks", || counter_tasks(true)),
        ("std threads, 5 threads, sched_yield", counter_threads),
    ]
    .into_iter()
    .filter(|_| opts.counter)
    {
        eprint!(" {name}");
        f()?;
        let mut runs = Vec::new();
        for _ in 0..RUNS {
            runs.push(f()?);
        }
        counters.push((name, median(&mut runs)));
    }
    if opts.counter {
        eprintln!();
    }

    let mut spawns = Vec::new();
    if opts.spawn {
        eprint!("start and join N units: warm-up and {RUNS} runs:");
        for kind in &loads::spawn::KINDS {
            eprint!(" {}", kind.name);
            loads::spawn::measure(kind)?;
            let mut runs = Vec::new();
            for _ in 0..RUNS {
                runs.push(loads::spawn::measure(kind)?);
            }
            runs.sort_by_key(|run| run.per_unit);
            spawns.push((kind, runs[RUNS / 2]));
        }
        eprintln!();
    }

    print!("{}", report(opts, &servers, &counters));
    print!("{}", fair_report::fair(opts, &servers));
    print!("{}", tasks_report::spawns(&spawns));
    Ok(())
}

fn load_err(
    load: Load,
    addr: SocketAddr,
    e: Box<dyn Error + Send + Sync>,
) -> Box<dyn Error + Send + Sync> {
    format!("{} on {addr} failed: {e}", load.title()).into()
}
