//! The lecture's table of concurrency solutions, in numbers.
//!
//! Three echo servers run the same algorithm (read up to 1024 bytes, write them all back):
//! the project's `echo_server` (one tokio task per client), a thread-per-connection server on
//! `std::net` written here (the slides' "threads" row), and `cecho`, a single-threaded epoll
//! server in C with no runtime at all (`../shared/bench/cecho.c`, the floor of what the
//! algorithm costs). This program starts each of them on a free port of 127.0.0.1, puts the
//! same loads on them side by side, checks every echoed byte, and prints one table with each
//! figure's ratio to cecho's. It also times the slide's `async_counter` work, which is nothing
//! but task switches.
//!
//!     make bench
//!     cargo bench -p echo_server --bench echo_bench -- [--cecho PATH] [--vs HOST:PORT]... [--secs S]
//!
//! - `--cecho PATH`: start the C server built from `cecho.c` (`make bench` builds it into
//!   `target/cecho` when `../shared/bench/cecho.c` is there); the ratios need it.
//! - `--vs HOST:PORT`: also measure an echo server started by hand (the slide's Python server,
//!   say), on a loopback address only. Its memory is not measured: it is not our child.
//! - `--secs S`: length of each ping-pong run, 2 by default, at most 5.
//! - `--only LOADS`: some of `ping1,ping50,stream,burst,counter` (all by default), to look
//!   closer at one load without waiting for the others.
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

use std::collections::HashSet;
use std::error::Error;
use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, Shutdown, SocketAddr, TcpStream, ToSocketAddrs};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::{Notify, watch};
use tokio::task::JoinSet;

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
/// Listen backlog of the threads server, the same as cecho's (the kernel caps it at
/// net.core.somaxconn). std's `TcpListener::bind` asks for 128, and a burst of 10,000 connects
/// would then wait for SYN retransmits: that would measure the backlog, not threads.
const BACKLOG: u32 = 4096;

const USAGE: &str = "usage: echo_bench [--cecho PATH] [--vs HOST:PORT]... [--secs S] \
                     [--only ping1,ping50,stream,burst,counter]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
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
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("echo_bench: {e} ({USAGE})");
            return ExitCode::from(2);
        }
    };
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
    /// The loads to run (all by default), and whether to run async_counter.
    loads: Vec<Load>,
    counter: bool,
}

fn parse_args(args: &[String]) -> Result<Option<Opts>, String> {
    let mut opts = Opts {
        cecho: None,
        vs: Vec::new(),
        secs: Duration::from_secs(2),
        loads: Load::ALL.to_vec(),
        counter: true,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            // `cargo bench` adds `--bench` to the command line of every bench program.
            "--bench" => {}
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
                for name in list.split(',') {
                    match Load::ALL.iter().find(|l| l.name() == name) {
                        Some(load) => opts.loads.push(*load),
                        None if name == "counter" => opts.counter = true,
                        None => {
                            return Err(format!(
                                "bad --only '{name}': one of ping1, ping50, stream, burst, counter"
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
// The servers

/// One server under test. A server this program started is killed when this is dropped, which
/// also happens when a load fails or panics: no server outlives the bench.
struct Server {
    name: String,
    addr: SocketAddr,
    child: Option<Child>,
    /// How the server runs, from its threads when idle (see `flavour`).
    runs_on: String,
    results: Results,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Server {
    fn started(name: &str, child: Child) -> Self {
        Server {
            name: name.to_string(),
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            child: Some(child),
            runs_on: String::new(),
            results: Results::default(),
        }
    }

    fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    fn listening_on(&mut self, port: u16) {
        self.addr.set_port(port);
        self.runs_on = match self.pid() {
            _ if self.name == "threads" => "1 thread per client".to_string(),
            Some(pid) => flavour(pid),
            None => String::new(),
        };
    }
}

/// The project's echo_server, release build, on a port the system picks: its log line
/// `Server started, listening on ('127.0.0.1', PORT)` gives the port really bound.
fn start_echo_server() -> Res<Server> {
    let child = Command::new(env!("CARGO_BIN_EXE_echo_server"))
        .args(["127.0.0.1", "0"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start echo_server: {e}"))?;
    let mut server = Server::started("echo_server", child);
    let stderr = server.child.as_mut().and_then(|c| c.stderr.take());
    let stderr = stderr.ok_or("echo_server: no stderr")?;
    let (tx, rx) = mpsc::channel();
    // The server logs two lines per client; the pipe must be drained or the server would block
    // on its own logging. Anything but INFO (a failed connection, say) is shown.
    thread::spawn(move || {
        let mut tx = Some(tx);
        let mut shown = 0;
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            if let Some(t) = &tx {
                match started_port(&line) {
                    Some(port) => {
                        let _ = t.send(Ok(port));
                        tx = None;
                    }
                    None => {
                        let _ = t.send(Err(line));
                    }
                }
            } else if !line.starts_with("INFO:") && shown < 10 {
                eprintln!("echo_server said: {line}");
                shown += 1;
            }
        }
    });
    let mut said = Vec::new();
    loop {
        match rx.recv_timeout(LIMIT) {
            Ok(Ok(port)) => {
                server.listening_on(port);
                return Ok(server);
            }
            Ok(Err(line)) => said.push(line),
            Err(_) => {
                return Err(format!(
                    "echo_server did not log that it listens; it said: {}",
                    said.join(" | ")
                )
                .into());
            }
        }
    }
}

/// The port in `INFO:root:Server started, listening on ('127.0.0.1', 41234)`.
fn started_port(line: &str) -> Option<u16> {
    let rest = line.split("listening on ").nth(1)?;
    let port = rest.rsplit(", ").next()?.trim_end_matches(')');
    port.parse().ok()
}

/// The threads server: this same program, started again with `--serve-threads`, so that it
/// is a process of its own (its memory can be measured, and its 10,000 sockets do not count
/// against the bench's own open-file limit). It prints its port on stdout.
fn start_threads() -> Res<Server> {
    let child = Command::new(std::env::current_exe()?)
        .arg("--serve-threads")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot start the threads server: {e}"))?;
    let mut server = Server::started("threads", child);
    let stdout = server.child.as_mut().and_then(|c| c.stdout.take());
    let mut line = String::new();
    BufReader::new(stdout.ok_or("threads server: no stdout")?).read_line(&mut line)?;
    let port = line.trim().parse().map_err(|_| {
        format!(
            "the threads server did not print its port: '{}'",
            line.trim()
        )
    })?;
    server.listening_on(port);
    Ok(server)
}

/// cecho, given port 0, listens where the system says and prints nothing: its port is found
/// the way `ss -ltnp` finds it, by matching its socket file descriptors against the kernel's
/// table of listening sockets.
fn start_cecho(path: &str) -> Res<Server> {
    let child = Command::new(path)
        .arg("0")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| {
            // `cargo bench` runs this program in crates/echo_server, not where it was typed.
            let hint = if std::path::Path::new(path).is_relative() {
                " (a relative path is taken from crates/echo_server: give an absolute one)"
            } else {
                ""
            };
            format!("cannot start cecho from '{path}': {e}{hint}")
        })?;
    let mut server = Server::started("cecho", child);
    let pid = server.pid().ok_or("cecho: no pid")?;
    let start = Instant::now();
    loop {
        if let Some(port) = listening_port(pid) {
            server.listening_on(port);
            return Ok(server);
        }
        if let Some(child) = &mut server.child
            && let Ok(Some(status)) = child.try_wait()
        {
            return Err(format!("cecho exited before listening ({status})").into());
        }
        if start.elapsed() > LIMIT {
            return Err("cecho did not listen within 5 s".into());
        }
        // Polling /proc: the process tells us nothing, so there is no event to wait for.
        thread::sleep(Duration::from_millis(10));
    }
}

/// The TCP port process `pid` listens on, from /proc/PID/fd and /proc/PID/net/tcp.
fn listening_port(pid: u32) -> Option<u16> {
    let mut inodes = HashSet::new();
    for entry in fs::read_dir(format!("/proc/{pid}/fd")).ok()?.flatten() {
        if let Ok(target) = fs::read_link(entry.path()) {
            let target = target.to_string_lossy().into_owned();
            if let Some(inode) = target
                .strip_prefix("socket:[")
                .and_then(|t| t.strip_suffix(']'))
            {
                inodes.insert(inode.to_string());
            }
        }
    }
    let table = fs::read_to_string(format!("/proc/{pid}/net/tcp")).ok()?;
    table.lines().skip(1).find_map(|line| {
        // sl local_address rem_address st ... inode; st 0A is LISTEN.
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() > 9 && f[3] == "0A" && inodes.contains(f[9]) {
            u16::from_str_radix(f[1].rsplit(':').next()?, 16).ok()
        } else {
            None
        }
    })
}

/// A server started by hand: it must already accept connections.
fn external(addr: SocketAddr) -> Res<Server> {
    TcpStream::connect_timeout(&addr, LIMIT)
        .map_err(|e| format!("--vs {addr}: no echo server accepts there: {e}"))?;
    Ok(Server {
        name: format!("vs {addr}"),
        addr,
        child: None,
        runs_on: "started by hand".to_string(),
        results: Results::default(),
    })
}

/// `--serve-threads`: the slides' "threads" row. One OS thread per client, blocking reads and
/// writes; the kernel's scheduler does what tokio's does for tasks.
fn serve_threads() -> Res<()> {
    let listener = listen_std()?;
    println!("{}", listener.local_addr()?.port());
    io::stdout().flush()?;
    for stream in listener.incoming() {
        match stream {
            Ok(stream) => {
                let spawned = thread::Builder::new().spawn(move || echo_blocking(stream));
                if let Err(e) = spawned {
                    eprintln!("threads server: cannot start a thread for a client: {e}");
                }
            }
            Err(e) => {
                eprintln!("threads server: accept failed: {e}");
                thread::sleep(Duration::from_millis(100));
            }
        }
    }
    Ok(())
}

/// The echo loop of the threads server: the same algorithm as cecho's and echo_server's.
fn echo_blocking(mut stream: TcpStream) {
    let _ = stream.set_nodelay(true);
    let mut data = [0u8; MSG];
    loop {
        match stream.read(&mut data) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if stream.write_all(&data[..n]).is_err() {
                    break;
                }
            }
        }
    }
}

/// A blocking std listener on 127.0.0.1, port 0, with cecho's backlog. std cannot choose the
/// backlog, tokio's `TcpSocket` can: make the socket with tokio, then hand it to std.
fn listen_std() -> Res<std::net::TcpListener> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()?;
    let listener = rt.block_on(async {
        let socket = tokio::net::TcpSocket::new_v4()?;
        socket.set_reuseaddr(true)?;
        socket.bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))?;
        socket.listen(BACKLOG)?.into_std()
    })?;
    listener.set_nonblocking(false)?;
    Ok(listener)
}

// ---------------------------------------------------------------------------------------------
// The machine

/// How process `pid` runs, from the names of its threads: tokio names its runtime's threads
/// `tokio-rt-worker` (older versions `tokio-runtime-worker`, which the kernel cuts to 15
/// characters); a current-thread runtime runs on the main thread alone, like cecho's loop.
fn flavour(pid: u32) -> String {
    let names: Vec<String> = fs::read_dir(format!("/proc/{pid}/task"))
        .map(|tasks| {
            tasks
                .flatten()
                .filter_map(|t| fs::read_to_string(t.path().join("comm")).ok())
                .map(|n| n.trim().to_string())
                .collect()
        })
        .unwrap_or_default();
    let workers = names.iter().filter(|n| n.starts_with("tokio-r")).count();
    match (workers, names.len()) {
        (0, 1) => "1 thread".to_string(),
        (0, n) => format!("{n} threads"),
        (w, _) => format!("tokio multi-thread, {w} workers"),
    }
}

/// A number field of /proc/PID/status (`VmHWM` in KiB, `Threads`, ...).
fn status_field(pid: u32, field: &str) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|line| {
        let rest = line.strip_prefix(field)?.strip_prefix(':')?;
        rest.split_whitespace().next()?.parse().ok()
    })
}

/// Connection attempts the kernel has dropped because a listen queue was full
/// (`TcpExt: ListenDrops` in /proc/net/netstat, for the whole machine). Each costs its client
/// a SYN retransmit: one second, then 2 more, 4 more...
fn listen_drops() -> Option<u64> {
    let netstat = fs::read_to_string("/proc/net/netstat").ok()?;
    let mut tcp_ext = netstat.lines().filter(|l| l.starts_with("TcpExt:"));
    let (names, values) = (tcp_ext.next()?, tcp_ext.next()?);
    let at = names.split_whitespace().position(|n| n == "ListenDrops")?;
    values.split_whitespace().nth(at)?.parse().ok()
}

/// (soft, hard) limits on open files of this process, from /proc/self/limits.
fn nofile_limits() -> Option<(u64, u64)> {
    let limits = fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    let f: Vec<&str> = line.split_whitespace().collect();
    let parse = |s: &str| {
        if s == "unlimited" {
            Some(u64::MAX)
        } else {
            s.parse().ok()
        }
    };
    Some((parse(f.get(3)?)?, parse(f.get(4)?)?))
}

/// The burst holds 10,000 sockets in this process, and as many in each server it started
/// (they inherit this limit). std has no setrlimit and this workspace forbids `unsafe`, so
/// the soft limit is raised to the hard one with util-linux's `prlimit --pid`, which may
/// change the limits of a process of the same user.
fn raise_nofile(need: u64) -> Res<()> {
    let (soft, hard) = nofile_limits().ok_or("cannot read the open-file limit")?;
    if soft >= need {
        return Ok(());
    }
    let fix = format!(
        "the 10,000-connection burst needs {need} open files, the limit is {soft} (hard {hard}): \
         raise it, e.g. `ulimit -n {need}` (as root for more than the hard limit)"
    );
    if hard < need {
        return Err(fix.into());
    }
    let hard_s = if hard == u64::MAX {
        "unlimited".to_string()
    } else {
        hard.to_string()
    };
    let raised = Command::new("prlimit")
        .arg(format!("--pid={}", std::process::id()))
        .arg(format!("--nofile={hard_s}:{hard_s}"))
        .status();
    match (raised, nofile_limits()) {
        (Ok(s), Some((now, _))) if s.success() && now >= need => {
            eprintln!("open-file limit raised from {soft} to {now}");
            Ok(())
        }
        (Err(e), _) => Err(format!("{fix}; prlimit could not run: {e}").into()),
        _ => Err(format!("{fix}; prlimit could not raise it").into()),
    }
}

fn cpu_model() -> String {
    fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".to_string())
}

// ---------------------------------------------------------------------------------------------
// The data: every message differs from the one before, so a stale or reordered echo is caught.

/// Pseudo-random bytes (xorshift64*): incompressible, repeatable, no dependency.
fn random_bytes(len: usize, mut seed: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        seed ^= seed >> 12;
        seed ^= seed << 25;
        seed ^= seed >> 27;
        out.extend_from_slice(&seed.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes());
    }
    out.truncate(len);
    out
}

struct Pool(Vec<u8>);

impl Pool {
    fn new() -> Self {
        Pool(random_bytes(64 * 1024 + MSG, 0x9E37_79B9_7F4A_7C15))
    }

    /// Message `seq` of connection `conn`: a 1 KiB window of the pool.
    fn message(&self, conn: usize, seq: usize) -> &[u8] {
        let at = (conn.wrapping_mul(7919) + seq.wrapping_mul(131)) % (self.0.len() - MSG);
        &self.0[at..at + MSG]
    }
}

fn mismatch(what: &str, server: SocketAddr) -> Box<dyn Error + Send + Sync> {
    format!("{what}: the bytes echoed by {server} differ from the bytes sent").into()
}

// ---------------------------------------------------------------------------------------------
// The loads

#[derive(Default)]
struct Results {
    ping1: Vec<PingPong>,
    ping50: Vec<PingPong>,
    stream: Vec<f64>,
    burst: Vec<f64>,
    /// Why a load was given up (it did not finish within 5 s).
    gave_up: Vec<(Load, &'static str, String)>,
    /// Peak resident memory (VmHWM, KiB) after the bursts, for a server this program started.
    peak_rss_kib: Option<u64>,
    /// Most threads seen in the server while all the burst's connections were open.
    burst_threads: Option<u64>,
    /// Connection attempts dropped by a full listen queue, in each burst.
    burst_drops: Vec<f64>,
}

#[derive(Clone, Copy)]
struct PingPong {
    rps: f64,
    p50_us: f64,
    p99_us: f64,
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
enum Load {
    Ping1,
    Ping50,
    Stream,
    Burst,
}

impl Load {
    const ALL: [Load; 4] = [Load::Ping1, Load::Ping50, Load::Stream, Load::Burst];

    fn name(self) -> &'static str {
        match self {
            Load::Ping1 => "ping1",
            Load::Ping50 => "ping50",
            Load::Stream => "stream",
            Load::Burst => "burst",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Load::Ping1 => "ping-pong, 1 KiB, 1 connection",
            Load::Ping50 => "ping-pong, 1 KiB, 50 connections",
            Load::Stream => "64 MiB through 1 connection",
            Load::Burst => "burst of 10,000 connections",
        }
    }
}

/// What one run gave: a figure, or why it has none. A server too slow to finish in 5 s, or
/// one that drops connections of the burst under overload, is a result too, shown in the table
/// as `short`; a wrong byte ends the bench.
enum Outcome<T> {
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

/// Ping-pong on one connection with a blocking client: send 1 KiB, read the 1 KiB echo,
/// check it, again, for `secs`. The time of each round trip is kept for p50 and p99.
fn ping_one(addr: SocketAddr, secs: Duration, pool: &Pool) -> Res<PingPong> {
    let mut stream = TcpStream::connect_timeout(&addr, LIMIT)?;
    stream.set_nodelay(true)?;
    stream.set_read_timeout(Some(LIMIT))?;
    stream.set_write_timeout(Some(LIMIT))?;
    let mut buf = [0u8; MSG];
    let mut latencies = Vec::with_capacity(1 << 20);
    let start = Instant::now();
    let deadline = start + secs;
    let mut t0 = start;
    while t0 < deadline && latencies.len() < MAX_REQUESTS {
        let msg = pool.message(0, latencies.len());
        stream.write_all(msg)?;
        stream.read_exact(&mut buf)?;
        let t1 = Instant::now();
        latencies.push(ns(t1 - t0));
        if buf[..] != msg[..] {
            return Err(mismatch("ping-pong", addr));
        }
        t0 = t1;
    }
    let elapsed = start.elapsed();
    // Close our side; the server must then close its own, with nothing more to say.
    stream.shutdown(Shutdown::Write)?;
    let mut rest = Vec::new();
    stream.read_to_end(&mut rest)?;
    if !rest.is_empty() {
        return Err(mismatch("ping-pong (bytes after the last echo)", addr));
    }
    Ok(PingPong::from(latencies, elapsed))
}

/// Ping-pong on 50 connections at once, one tokio task each, all on a current-thread runtime.
fn ping_many(addr: SocketAddr, secs: Duration, pool: &Arc<Pool>) -> Res<PingPong> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let mut streams = Vec::with_capacity(CONNS);
        for _ in 0..CONNS {
            let stream =
                tokio::time::timeout(LIMIT, tokio::net::TcpStream::connect(addr)).await??;
            stream.set_nodelay(true)?;
            streams.push(stream);
        }
        let start = Instant::now();
        let deadline = start + secs;
        let mut clients = JoinSet::new();
        for (conn, stream) in streams.into_iter().enumerate() {
            let pool = Arc::clone(pool);
            // One timeout around the whole client, rather than one per request: a server that
            // stops answering ends the run after 5 s more, at no cost per request.
            clients.spawn(tokio::time::timeout(
                secs + LIMIT,
                ping_client(stream, conn, deadline, pool),
            ));
        }
        let mut latencies = Vec::new();
        while let Some(joined) = clients.join_next().await {
            let result = joined?.map_err(|_| format!("ping-pong: {addr} stopped answering"))?;
            latencies.extend(result?);
        }
        Ok(PingPong::from(latencies, start.elapsed()))
    })
}

async fn ping_client(
    mut stream: tokio::net::TcpStream,
    conn: usize,
    deadline: Instant,
    pool: Arc<Pool>,
) -> Res<Vec<u32>> {
    let addr = stream.peer_addr()?;
    let mut buf = [0u8; MSG];
    let mut latencies = Vec::with_capacity(1 << 16);
    let mut t0 = Instant::now();
    while t0 < deadline && latencies.len() < MAX_REQUESTS / CONNS {
        let msg = pool.message(conn, latencies.len());
        stream.write_all(msg).await?;
        stream.read_exact(&mut buf).await?;
        let t1 = Instant::now();
        latencies.push(ns(t1 - t0));
        if buf[..] != msg[..] {
            return Err(mismatch("ping-pong", addr));
        }
        t0 = t1;
    }
    stream.shutdown().await?;
    let mut rest = Vec::new();
    stream.read_to_end(&mut rest).await?;
    if !rest.is_empty() {
        return Err(mismatch("ping-pong (bytes after the last echo)", addr));
    }
    Ok(latencies)
}

/// 64 MiB through one connection: a writer thread sends it while this thread reads the echo
/// and compares it with what was sent, byte for byte. MB/s = 10^6 bytes per second.
fn stream_64(addr: SocketAddr, data: &Arc<Vec<u8>>) -> Res<Outcome<f64>> {
    let mut stream = TcpStream::connect_timeout(&addr, LIMIT)?;
    stream.set_read_timeout(Some(LIMIT))?;
    stream.set_write_timeout(Some(LIMIT))?;
    let mut writer = stream.try_clone()?;
    let sent = Arc::clone(data);
    let start = Instant::now();
    let sending = thread::spawn(move || -> io::Result<()> {
        for chunk in sent.chunks(64 * 1024) {
            writer.write_all(chunk)?;
        }
        writer.shutdown(Shutdown::Write)
    });
    let mut buf = vec![0u8; 64 * 1024];
    let mut at = 0;
    let outcome = loop {
        if start.elapsed() > LIMIT {
            break too_slow(format!("{} of 64 MiB echoed in 5 s", at >> 20));
        }
        let n = match stream.read(&mut buf) {
            Ok(0) => break Outcome::Done(start.elapsed()),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                break too_slow(format!("no echo for 5 s after {} MiB", at >> 20));
            }
            Err(e) => return Err(e.into()),
        };
        if at + n > data.len() || buf[..n] != data[at..at + n] {
            let _ = stream.shutdown(Shutdown::Both);
            return Err(mismatch("stream", addr));
        }
        at += n;
    };
    // Unblock the writer if we gave up, then collect it.
    let _ = stream.shutdown(Shutdown::Both);
    let written = sending.join().map_err(|_| "stream writer panicked")?;
    match outcome {
        Outcome::Done(elapsed) => {
            written?;
            if at != data.len() {
                return Err(format!(
                    "stream: {addr} closed after echoing {at} of {} bytes",
                    data.len()
                )
                .into());
            }
            Ok(Outcome::Done(
                data.len() as f64 / elapsed.as_secs_f64() / 1e6,
            ))
        }
        Outcome::GaveUp { short, why } => Ok(Outcome::GaveUp { short, why }),
    }
}

/// 10,000 connections opened at once, each sending one 1 KiB message and reading its echo.
/// Each stays open until every one has been echoed, so the server holds all 10,000 at the
/// moment its memory and threads are sampled. The time is from the first connect to the last
/// echo; the closing afterwards is not timed.
fn burst(addr: SocketAddr, pid: Option<u32>, pool: &Arc<Pool>) -> Res<(Outcome<f64>, Option<u64>)> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let echoed = Arc::new(AtomicUsize::new(0));
        // Clients whose connection failed (refused, reset, timed out): a server that cannot
        // take the burst is measured, not a reason to stop the bench.
        let failed = Arc::new(AtomicUsize::new(0));
        let first_error: Arc<Mutex<Option<String>>> = Arc::default();
        let wrong_bytes = Arc::new(AtomicUsize::new(0));
        let all_settled = Arc::new(Notify::new());
        let (release, released) = watch::channel(false);
        let mut clients = JoinSet::new();
        let start = Instant::now();
        for conn in 0..BURST {
            let (pool, echoed, failed, first_error, wrong_bytes, all_settled, mut released) = (
                Arc::clone(pool),
                Arc::clone(&echoed),
                Arc::clone(&failed),
                Arc::clone(&first_error),
                Arc::clone(&wrong_bytes),
                Arc::clone(&all_settled),
                released.clone(),
            );
            clients.spawn(async move {
                let result = burst_client(addr, pool.message(conn, 0)).await;
                let settled = |counter: &AtomicUsize| {
                    counter.fetch_add(1, Ordering::SeqCst);
                    let done = echoed.load(Ordering::SeqCst) + failed.load(Ordering::SeqCst);
                    if done == BURST || wrong_bytes.load(Ordering::SeqCst) > 0 {
                        all_settled.notify_one();
                    }
                };
                match result {
                    Ok(Some(mut stream)) => {
                        settled(&echoed);
                        let _ = released.wait_for(|go| *go).await;
                        let _ = stream.shutdown().await;
                        let mut rest = Vec::new();
                        let _ = stream.read_to_end(&mut rest).await;
                    }
                    Ok(None) => settled(&wrong_bytes),
                    Err(e) => {
                        first_error.lock().unwrap().get_or_insert(e.to_string());
                        settled(&failed);
                    }
                }
            });
        }
        let finished = tokio::time::timeout(LIMIT, all_settled.notified()).await;
        let elapsed = start.elapsed();
        if wrong_bytes.load(Ordering::SeqCst) > 0 {
            return Err(mismatch("burst", addr));
        }
        // All connections are open now: the server's threads at this moment.
        let threads = pid.and_then(|pid| status_field(pid, "Threads"));
        let (echoed, failed) = (echoed.load(Ordering::SeqCst), failed.load(Ordering::SeqCst));
        let outcome = match finished {
            Ok(()) if failed == 0 => Outcome::Done(elapsed.as_secs_f64()),
            Ok(()) => Outcome::GaveUp {
                short: "failed",
                why: format!(
                    "{echoed} of {BURST} echoed, {failed} connections failed ({})",
                    first_error.lock().unwrap().take().unwrap_or_default()
                ),
            },
            Err(_) => too_slow(format!(
                "{echoed} of {BURST} echoed in 5 s, {failed} connections failed"
            )),
        };
        // Let every client close, and wait (5 s at most) until the server has closed them too,
        // so the next load finds it idle. Dropping the runtime closes whatever is left.
        let _ = release.send(true);
        let _ = tokio::time::timeout(LIMIT, async {
            while clients.join_next().await.is_some() {}
        })
        .await;
        Ok((outcome, threads))
    })
}

/// One client of the burst: its stream once echoed, `None` if the echo differed.
async fn burst_client(addr: SocketAddr, msg: &[u8]) -> io::Result<Option<tokio::net::TcpStream>> {
    let mut stream = tokio::net::TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    stream.write_all(msg).await?;
    let mut buf = [0u8; MSG];
    stream.read_exact(&mut buf).await?;
    Ok((buf[..] == msg[..]).then_some(stream))
}

// ---------------------------------------------------------------------------------------------
// async_counter: 5 tasks x 10,000 yields, nothing else. Its rate is the cost of a task switch.

async fn inc(counter: Arc<AtomicU64>) {
    for _ in 0..N {
        counter.fetch_add(1, Ordering::Relaxed);
        // `await asyncio.sleep(0)`: let the other tasks run.
        tokio::task::yield_now().await;
    }
}

fn counter_tasks(multi_thread: bool) -> Res<f64> {
    let rt = if multi_thread {
        tokio::runtime::Builder::new_multi_thread().build()?
    } else {
        tokio::runtime::Builder::new_current_thread().build()?
    };
    let counter = Arc::new(AtomicU64::new(0));
    let elapsed = rt.block_on(async {
        let start = Instant::now();
        let mut tasks = JoinSet::new();
        for _ in 0..COROUTINES {
            tasks.spawn(inc(Arc::clone(&counter)));
        }
        while let Some(done) = tasks.join_next().await {
            done?;
        }
        Ok::<_, tokio::task::JoinError>(start.elapsed())
    })?;
    check_counter(&counter)?;
    Ok((COROUTINES * N) as f64 / elapsed.as_secs_f64())
}

/// The same with OS threads, `thread::yield_now` (sched_yield) in place of the await.
fn counter_threads() -> Res<f64> {
    let counter = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let threads: Vec<_> = (0..COROUTINES)
        .map(|_| {
            let counter = Arc::clone(&counter);
            thread::spawn(move || {
                for _ in 0..N {
                    counter.fetch_add(1, Ordering::Relaxed);
                    thread::yield_now();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().map_err(|_| "counter thread panicked")?;
    }
    let elapsed = start.elapsed();
    check_counter(&counter)?;
    Ok((COROUTINES * N) as f64 / elapsed.as_secs_f64())
}

fn check_counter(counter: &AtomicU64) -> Res<()> {
    let got = counter.load(Ordering::Relaxed);
    if got != (COROUTINES * N) as u64 {
        return Err(format!("async_counter counted {got}, not {}", COROUTINES * N).into());
    }
    Ok(())
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
            "tokio current-thread, 5 tasks",
            (|| counter_tasks(false)) as fn() -> Res<f64>,
        ),
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

    print!("{}", report(opts, &servers, &counters));
    Ok(())
}

fn load_err(
    load: Load,
    addr: SocketAddr,
    e: Box<dyn Error + Send + Sync>,
) -> Box<dyn Error + Send + Sync> {
    format!("{} on {addr} failed: {e}", load.title()).into()
}

// ---------------------------------------------------------------------------------------------
// The table

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

/// The median run of a ping-pong load, by requests per second.
fn median_ping(v: &[PingPong]) -> Option<PingPong> {
    let mut v = v.to_vec();
    v.sort_by(|a, b| a.rps.total_cmp(&b.rps));
    v.get(v.len() / 2).copied()
}

/// 12345.6 -> "12,346".
fn thousands(x: f64) -> String {
    let digits = format!("{:.0}", x.max(0.0));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn ratio(x: Option<f64>, base: Option<f64>) -> String {
    match (x, base) {
        (Some(x), Some(b)) if b > 0.0 => format!(" {:.2}x", x / b),
        _ => String::new(),
    }
}

struct Row {
    ping1: Option<PingPong>,
    ping50: Option<PingPong>,
    stream: Option<f64>,
    burst: Option<f64>,
    rss_mib: Option<f64>,
}

fn row(s: &Server) -> Row {
    let r = &s.results;
    let some = |v: &[f64]| (!v.is_empty()).then(|| median(&mut v.to_vec()));
    Row {
        ping1: median_ping(&r.ping1),
        ping50: median_ping(&r.ping50),
        stream: some(&r.stream),
        burst: some(&r.burst),
        rss_mib: r.peak_rss_kib.map(|k| k as f64 / 1024.0),
    }
}

fn report(opts: &Opts, servers: &[Server], counters: &[(&str, f64)]) -> String {
    // The cores this process may use: fewer than the machine's under `taskset`.
    let cores = match thread::available_parallelism().map_or(0, |n| n.get()) {
        1 => "1 core".to_string(),
        n => format!("{n} cores"),
    };
    let base = servers.iter().find(|s| s.name == "cecho").map(row);
    let b = |f: fn(&Row) -> Option<f64>| base.as_ref().and_then(f);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\nEcho servers on 127.0.0.1, {cores} ({}), median of {RUNS} runs after a warm-up.",
        cpu_model()
    );
    let _ = writeln!(
        out,
        "Ping-pong runs last {:.1} s; every echoed byte was checked. Ratios are to cecho \
         (higher is better for req/s and MB/s, lower for time and memory).",
        opts.secs.as_secs_f64()
    );
    let _ = writeln!(
        out,
        "Load generator: blocking std threads for 1 conn and the stream; a tokio current-thread \
         runtime for 50 conns and the burst.\n"
    );
    let header = [
        "server",
        "runs on",
        "1 conn req/s",
        "p50/p99 us",
        "50 conns req/s",
        "p50/p99 us",
        "64 MiB MB/s",
        "10k burst s",
        "peak RSS MiB",
        "threads at 10k",
        "SYNs dropped",
    ];
    let mut rows: Vec<Vec<String>> = vec![header.iter().map(|h| h.to_string()).collect()];
    for s in servers {
        let r = row(s);
        let ping = |p: Option<PingPong>, base: Option<f64>| match p {
            Some(p) => (
                format!("{}{}", thousands(p.rps), ratio(Some(p.rps), base)),
                format!("{:.0}/{:.0}", p.p50_us, p.p99_us),
            ),
            None => ("-".to_string(), "-".to_string()),
        };
        let (p1, l1) = ping(r.ping1, b(|r| r.ping1.map(|p| p.rps)));
        let (p50, l50) = ping(r.ping50, b(|r| r.ping50.map(|p| p.rps)));
        let gave_up = |load: Load| {
            s.results
                .gave_up
                .iter()
                .find(|(l, _, _)| *l == load)
                .map(|(_, short, _)| short.to_string())
        };
        // A load given up in any run shows as such: the median of the runs that did finish
        // would flatter the server.
        let stream = match r.stream {
            _ if gave_up(Load::Stream).is_some() => gave_up(Load::Stream).unwrap_or_default(),
            Some(v) => format!("{v:.0}{}", ratio(Some(v), b(|r| r.stream))),
            None => "-".to_string(),
        };
        let burst = match r.burst {
            _ if gave_up(Load::Burst).is_some() => gave_up(Load::Burst).unwrap_or_default(),
            Some(v) => format!("{v:.2}{}", ratio(Some(v), b(|r| r.burst))),
            None => "-".to_string(),
        };
        let rss = match r.rss_mib {
            Some(v) => format!("{v:.1}{}", ratio(Some(v), b(|r| r.rss_mib))),
            None => "n/a".to_string(),
        };
        let threads = s
            .results
            .burst_threads
            .map_or("n/a".to_string(), |t| thousands(t as f64));
        let drops = if s.results.burst_drops.is_empty() {
            "-".to_string()
        } else {
            thousands(median(&mut s.results.burst_drops.clone()))
        };
        rows.push(vec![
            s.name.clone(),
            s.runs_on.clone(),
            p1,
            l1,
            p50,
            l50,
            stream,
            burst,
            rss,
            threads,
            drops,
        ]);
    }
    let widths: Vec<usize> = (0..header.len())
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    for (i, r) in rows.iter().enumerate() {
        let cells: Vec<String> = r
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(c, (cell, w))| {
                if c < 2 {
                    format!("{cell:<w$}")
                } else {
                    format!("{cell:>w$}")
                }
            })
            .collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
        if i == 0 {
            // Markdown: text columns to the left, figures to the right.
            let rule: Vec<String> = widths
                .iter()
                .enumerate()
                .map(|(c, w)| {
                    if c < 2 {
                        "-".repeat(*w)
                    } else {
                        format!("{}:", "-".repeat(w - 1))
                    }
                })
                .collect();
            let _ = writeln!(out, "| {} |", rule.join(" | "));
        }
    }
    let _ = writeln!(
        out,
        "SYNs dropped: connection attempts the kernel dropped on a full listen queue during a \
         burst (whole machine); each costs its client a retransmit 1 s later."
    );
    for s in servers {
        for (load, _, why) in &s.results.gave_up {
            let _ = writeln!(out, "{}: {} given up: {why}", s.name, load.title());
        }
    }

    if !counters.is_empty() {
        let _ = writeln!(
            out,
            "\nasync_counter's work ({COROUTINES} x {N} increments, each followed by a yield), \
         median of {RUNS}:"
        );
        for (name, rate) in counters {
            let _ = writeln!(
                out,
                "  {name:<38} {:>12} yields/s  ({:.0} ns per yield)",
                thousands(*rate),
                1e9 / rate
            );
        }
    }

    if let (Some(base), Some(ours)) = (&base, servers.iter().find(|s| s.name == "echo_server")) {
        let r = row(ours);
        let q = |x: Option<f64>, b: Option<f64>| x.zip(b).map(|(x, b)| x / b);
        let burst_given_up = ours
            .results
            .gave_up
            .iter()
            .any(|(l, _, _)| *l == Load::Burst);
        // (target, figure, met?); no figure when the load was not run.
        let checks = [
            (
                "1 conn req/s >= 0.9x cecho",
                q(r.ping1.map(|p| p.rps), base.ping1.map(|p| p.rps)).map(|q| (q, q >= 0.9)),
            ),
            (
                "50 conns req/s >= 0.9x cecho",
                q(r.ping50.map(|p| p.rps), base.ping50.map(|p| p.rps)).map(|q| (q, q >= 0.9)),
            ),
            (
                "64 MiB MB/s >= 0.9x cecho",
                q(r.stream, base.stream).map(|q| (q, q >= 0.9)),
            ),
            (
                "10k burst time <= 1.5x cecho",
                q(r.burst, base.burst).map(|q| (q, q <= 1.5 && !burst_given_up)),
            ),
        ];
        let _ = writeln!(out, "\nTargets for echo_server:");
        for (what, figure) in checks {
            let line = match figure {
                Some((q, ok)) => format!("{q:>5.2}x  {}", if ok { "met" } else { "MISSED" }),
                None => "  not measured".to_string(),
            };
            let _ = writeln!(out, "  {what:<32} {line}");
        }
        // The peak that matters is the burst's: without it, the figure says little.
        let rss = match r.rss_mib {
            Some(m) if r.burst.is_some() || burst_given_up => {
                format!("{m:>5.1}   {}", if m < 32.0 { "met" } else { "MISSED" })
            }
            _ => "  not measured".to_string(),
        };
        let _ = writeln!(out, "  {:<32} {rss}", "peak RSS < 32 MiB (at 10k conns)");
    }
    out
}
