//! The fair load: is a streaming client allowed to stop the others?
//!
//! One client streams: it writes 64 KiB at a time, as fast as the server takes them, and
//! drains the echo. While it streams, for `secs`:
//! - a second client pings: 1 KiB every 10 ms, each echo awaited before the next ping;
//! - every 100 ms, a new client connects, sends 1 KiB and waits for its echo.
//!
//! A fair server answers the pings and the new clients within a few milliseconds, however
//! fast the stream goes. A loop that lets one task run as long as it has data serves the
//! others only when the stream ends. The stream stops at the end of the window whatever the
//! others got, so a starved ping is answered then, and its whole wait is counted.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use super::data::{Pool, mismatch};
use super::{Outcome, too_slow};
use crate::{LIMIT, MSG, Res};

/// Time between two pings.
const PING_EVERY: Duration = Duration::from_millis(10);
/// Time between two new connections.
const CONNECT_EVERY: Duration = Duration::from_millis(100);
/// Size of the stream's writes.
const CHUNK: usize = 64 * 1024;
/// The stream stops after this many bytes even if the window is not over: a bound on count.
const MAX_STREAM: u64 = 64 << 30;

/// What one run of the fair load measured.
#[derive(Clone, Copy)]
pub struct Fair {
    /// The pings' round trips, median and 99th percentile, in µs.
    pub ping_p50_us: f64,
    pub ping_p99_us: f64,
    /// How many pings were answered.
    pub pings: usize,
    /// The slowest new connection: from `connect` to its echo, in µs.
    pub connect_max_us: f64,
    /// How many new connections were made.
    pub connects: usize,
    /// What the stream moved during the window, in MB/s (10^6 bytes per second).
    pub stream_mbs: f64,
}

/// Runs the fair load on `addr` for `secs`, the stream cycling through `data`.
pub fn fair(
    addr: SocketAddr,
    secs: Duration,
    data: &Arc<Vec<u8>>,
    pool: &Arc<Pool>,
) -> Res<Outcome<Fair>> {
    let stream = TcpStream::connect_timeout(&addr, LIMIT)?;
    stream.set_read_timeout(Some(LIMIT))?;
    stream.set_write_timeout(Some(LIMIT))?;
    let stop = Arc::new(AtomicBool::new(false));
    let echoed = Arc::new(AtomicU64::new(0));

    let writer = {
        let (mut writer, data, stop) = (stream.try_clone()?, Arc::clone(data), Arc::clone(&stop));
        thread::spawn(move || write_stream(&mut writer, &data, &stop))
    };
    let (flowing, first_echo) = mpsc::channel();
    let reader = {
        let (mut reader, data, echoed) =
            (stream.try_clone()?, Arc::clone(data), Arc::clone(&echoed));
        thread::spawn(move || read_stream(&mut reader, addr, &data, &echoed, flowing))
    };

    // The window opens once the stream's first echo is back: the stream is flowing.
    let started = first_echo.recv_timeout(LIMIT).is_ok();
    let mut others = Vec::new();
    let mut window = (Instant::now(), 0, Instant::now(), 0);
    if started {
        let start = Instant::now();
        let deadline = start + secs;
        let at_start = echoed.load(Ordering::SeqCst);
        let pool_ping = Arc::clone(pool);
        others.push(thread::spawn(move || pinger(addr, deadline, &pool_ping)));
        let pool_connect = Arc::clone(pool);
        others.push(thread::spawn(move || {
            connector(addr, deadline, &pool_connect)
        }));
        // The window's length is the load's pace, not a wait for an event.
        thread::sleep(deadline.saturating_duration_since(Instant::now()));
        window = (
            start,
            at_start,
            Instant::now(),
            echoed.load(Ordering::SeqCst),
        );
    }
    // The stream ends now, whatever the others got: a starved client is answered after it.
    stop.store(true, Ordering::SeqCst);
    let joined: Vec<_> = others.into_iter().map(thread::JoinHandle::join).collect();
    let read = reader
        .join()
        .map_err(|_| "fair load: the stream's reader panicked")?;
    let _ = stream.shutdown(Shutdown::Both);
    let written = writer
        .join()
        .map_err(|_| "fair load: the stream's writer panicked")?;

    // A wrong byte anywhere fails the load; the stream's reader is asked first.
    let read = read?;
    let mut got = Vec::new();
    for result in joined {
        got.push(result.map_err(|_| "fair load: a client thread panicked")??);
    }
    let echoed_in_all = match read {
        Outcome::Done(bytes) => bytes,
        Outcome::GaveUp { short, why } => return Ok(Outcome::GaveUp { short, why }),
    };
    let sent = written?;
    if echoed_in_all != sent {
        return Err(
            format!("fair load's stream: {addr} echoed {echoed_in_all} of {sent} bytes").into(),
        );
    }
    if !started {
        return Ok(too_slow(
            "the stream's first echo took over 5 s".to_string(),
        ));
    }
    let (pings, connects) = match (got.pop(), got.pop()) {
        (Some(Outcome::Done(c)), Some(Outcome::Done(p))) => (p, c),
        (Some(Outcome::GaveUp { short, why }), _) | (_, Some(Outcome::GaveUp { short, why })) => {
            return Ok(Outcome::GaveUp { short, why });
        }
        _ => return Err("fair load: a client thread is missing".into()),
    };
    let (start, at_start, end, at_end) = window;
    let elapsed = end - start;
    let mut pings = pings;
    pings.sort_unstable();
    let pct = |p: usize| {
        let i = (pings.len() * p / 100).min(pings.len().saturating_sub(1));
        pings.get(i).map_or(0.0, |d| d.as_secs_f64() * 1e6)
    };
    Ok(Outcome::Done(Fair {
        ping_p50_us: pct(50),
        ping_p99_us: pct(99),
        pings: pings.len(),
        connect_max_us: connects.iter().max().map_or(0.0, |d| d.as_secs_f64() * 1e6),
        connects: connects.len(),
        stream_mbs: (at_end - at_start) as f64 / elapsed.as_secs_f64() / 1e6,
    }))
}

/// The stream's writer: `data` again and again, 64 KiB at a time, until `stop` (or
/// [`MAX_STREAM`] bytes); then it closes its side. Gives how many bytes it sent.
fn write_stream(stream: &mut TcpStream, data: &[u8], stop: &AtomicBool) -> io::Result<u64> {
    let mut sent = 0u64;
    'stream: loop {
        for chunk in data.chunks(CHUNK) {
            if stop.load(Ordering::SeqCst) || sent >= MAX_STREAM {
                break 'stream;
            }
            stream.write_all(chunk)?;
            sent += chunk.len() as u64;
        }
    }
    stream.shutdown(Shutdown::Write)?;
    Ok(sent)
}

/// The stream's reader: checks every echoed byte against `data` (cycled), counts them in
/// `echoed`, says when the first one is back, and reads until the server closes. Gives how
/// many bytes came back.
fn read_stream(
    stream: &mut TcpStream,
    addr: SocketAddr,
    data: &[u8],
    echoed: &AtomicU64,
    flowing: mpsc::Sender<()>,
) -> Res<Outcome<u64>> {
    let mut buf = vec![0u8; CHUNK];
    let mut at = 0usize; // where in `data` the next echoed byte comes from
    let mut flowing = Some(flowing);
    loop {
        let n = match stream.read(&mut buf) {
            Ok(0) => return Ok(Outcome::Done(echoed.load(Ordering::SeqCst))),
            Ok(n) => n,
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                let mib = echoed.load(Ordering::SeqCst) >> 20;
                return Ok(too_slow(format!(
                    "the stream got no echo for 5 s after {mib} MiB"
                )));
            }
            Err(e) => return Err(e.into()),
        };
        // The echo may straddle the end of `data` and its start again.
        let mut got = &buf[..n];
        while !got.is_empty() {
            let take = got.len().min(data.len() - at);
            if got[..take] != data[at..at + take] {
                let _ = stream.shutdown(Shutdown::Both);
                return Err(mismatch("fair load's stream", addr));
            }
            got = &got[take..];
            at = (at + take) % data.len();
        }
        echoed.fetch_add(n as u64, Ordering::SeqCst);
        if let Some(flowing) = flowing.take() {
            let _ = flowing.send(());
        }
    }
}

/// A ping-pong client on its own connection: 1 KiB every 10 ms until `deadline`. Gives each
/// round trip's time.
fn pinger(addr: SocketAddr, deadline: Instant, pool: &Pool) -> Res<Outcome<Vec<Duration>>> {
    let mut stream = connect(addr)?;
    let mut latencies = Vec::new();
    let mut buf = [0u8; MSG];
    let mut next = Instant::now();
    while next < deadline {
        thread::sleep(next.saturating_duration_since(Instant::now()));
        let msg = pool.message(1, latencies.len());
        let t0 = Instant::now();
        stream.write_all(msg)?;
        if let Err(e) = stream.read_exact(&mut buf) {
            return slow_or_err(e, "a ping");
        }
        latencies.push(t0.elapsed());
        if buf[..] != msg[..] {
            return Err(mismatch("fair load's ping", addr));
        }
        // A late echo delays the next ping, which then goes at once: pings do not pile up.
        next = (next + PING_EVERY).max(Instant::now());
    }
    close(stream, addr, "fair load's ping")?;
    Ok(Outcome::Done(latencies))
}

/// A new client every 100 ms until `deadline`, each sending 1 KiB and waiting for its echo.
/// Gives each one's time from `connect` to its echo.
fn connector(addr: SocketAddr, deadline: Instant, pool: &Pool) -> Res<Outcome<Vec<Duration>>> {
    let mut latencies = Vec::new();
    let mut buf = [0u8; MSG];
    let mut next = Instant::now();
    while next < deadline {
        thread::sleep(next.saturating_duration_since(Instant::now()));
        let msg = pool.message(2, latencies.len());
        let t0 = Instant::now();
        let mut stream = connect(addr)?;
        stream.write_all(msg)?;
        if let Err(e) = stream.read_exact(&mut buf) {
            return slow_or_err(e, "a new connection");
        }
        latencies.push(t0.elapsed());
        if buf[..] != msg[..] {
            return Err(mismatch("fair load's new connection", addr));
        }
        close(stream, addr, "fair load's new connection")?;
        next = (next + CONNECT_EVERY).max(Instant::now());
    }
    Ok(Outcome::Done(latencies))
}

fn connect(addr: SocketAddr) -> io::Result<TcpStream> {
    let stream = TcpStream::connect_timeout(&addr, LIMIT)?;
    stream.set_nodelay(true)?;
    stream.set_read_timeout(Some(LIMIT))?;
    stream.set_write_timeout(Some(LIMIT))?;
    Ok(stream)
}

/// Closes our side; the server must then close its own, with nothing more to say.
fn close(mut stream: TcpStream, addr: SocketAddr, what: &str) -> Res<()> {
    stream.shutdown(Shutdown::Write)?;
    let mut rest = Vec::new();
    stream.read_to_end(&mut rest)?;
    if !rest.is_empty() {
        return Err(mismatch(&format!("{what} (bytes after the echo)"), addr));
    }
    Ok(())
}

/// No echo within 5 s is a result (the server gave up on this client), any other error not.
fn slow_or_err<T>(e: io::Error, what: &str) -> Res<Outcome<T>> {
    match e.kind() {
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => {
            Ok(too_slow(format!("{what} got no echo for 5 s")))
        }
        _ => Err(e.into()),
    }
}
