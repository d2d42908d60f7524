//! Servers on 127.0.0.1 for the network examples' tests, each showing one behaviour, none of
//! them timed but the dripping one: one that answers at once, one that answers when the test
//! says so, one that holds every answer until all the requests it expects have arrived (only a
//! client that sends them at once gets any answer), one that never answers, one that never
//! stops answering, one that answers a byte every 0.2 s, one that never lets a connection
//! complete, and a port where nothing listens.
//!
//! Each listens on port 0 (a free port the system picks) and serves on its own thread. A thread
//! that waits for a client that never comes stays blocked in `accept` until the test process
//! ends; nothing waits for it, so no test hangs on it.

use std::io::{self, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::Duration;

use common::http::standin::read_request;

/// How long [`hold_until_all`] waits for the last request before it gives up: a bound, so that
/// a client that sends its requests one by one fails the test instead of hanging it.
pub const HOLD_BOUND: Duration = Duration::from_secs(30);

fn listener() -> io::Result<(TcpListener, SocketAddr)> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    Ok((listener, addr))
}

/// A server that answers every request at once with `response`, and sends each request it
/// read to the returned channel.
pub fn answering(response: Vec<u8>) -> io::Result<(SocketAddr, Receiver<Vec<u8>>)> {
    let (listener, addr) = listener()?;
    let (requests, received) = mpsc::channel();
    thread::spawn(move || {
        for mut conn in listener.incoming().flatten() {
            let Ok(request) = read_request(&mut conn) else {
                continue;
            };
            let _ = requests.send(request);
            let _ = conn.write_all(&response);
            // Dropping `conn` closes it: the client reads to its end.
        }
    });
    Ok((addr, received))
}

/// What a server of [`hold_until_all`] did: answered, or gave up waiting (and why).
pub type Outcome = Result<(), String>;

/// `n` servers that each take one request and hold their answer (`response`) until all `n`
/// requests have arrived. Only a client that sends all `n` before it waits for any answer is
/// ever answered.
///
/// The channel receives one message per server: `Ok(())` once it has answered, or `Err` when
/// [`HOLD_BOUND`] passed before the `n` requests were in (the server then closes without an
/// answer).
pub fn hold_until_all(
    n: usize,
    response: Vec<u8>,
) -> io::Result<(Vec<SocketAddr>, Receiver<Outcome>)> {
    let arrived = Arc::new((Mutex::new(0usize), Condvar::new()));
    let (outcomes, received) = mpsc::channel();
    let mut addrs = Vec::new();
    for _ in 0..n {
        let (listener, addr) = listener()?;
        addrs.push(addr);
        let (arrived, outcomes, response) = (arrived.clone(), outcomes.clone(), response.clone());
        thread::spawn(move || {
            let Ok((mut conn, _)) = listener.accept() else {
                return;
            };
            if read_request(&mut conn).is_err() {
                return;
            }
            let (count, all_in) = &*arrived;
            let mut count = count.lock().unwrap_or_else(|e| e.into_inner());
            *count += 1;
            all_in.notify_all();
            let (count, wait) = all_in
                .wait_timeout_while(count, HOLD_BOUND, |count| *count < n)
                .unwrap_or_else(|e| e.into_inner());
            let outcome = if wait.timed_out() {
                Err(format!(
                    "{addr}: only {} of {n} requests arrived together",
                    *count
                ))
            } else {
                drop(count);
                conn.write_all(&response).map_err(|e| e.to_string())
            };
            let _ = outcomes.send(outcome);
        });
    }
    Ok((addrs, received))
}

/// A server that accepts, reads the request, and never answers; it closes its end only when
/// the client has closed its own.
pub fn silent() -> io::Result<SocketAddr> {
    let (listener, addr) = listener()?;
    thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            thread::spawn(move || {
                let mut conn = conn;
                // Reads the request, then waits for the client's EOF: all it ever reads.
                let _ = read_request(&mut conn);
                let _ = io::copy(&mut conn, &mut io::sink());
            });
        }
    });
    Ok(addr)
}

/// A server that reads each request and answers it with `response` when told to: one message
/// on the returned channel lets one answer go. It serves one connection at a time, and stops
/// when the channel is dropped.
pub fn answering_when_told(response: Vec<u8>) -> io::Result<(SocketAddr, Sender<()>)> {
    let (listener, addr) = listener()?;
    let (tell, told) = mpsc::channel();
    thread::spawn(move || {
        for mut conn in listener.incoming().flatten() {
            if read_request(&mut conn).is_err() {
                continue;
            }
            if told.recv().is_err() {
                return;
            }
            let _ = conn.write_all(&response);
        }
    });
    Ok((addr, tell))
}

/// The head [`endless`] sends before its body that never ends.
pub const ENDLESS_HEAD: &[u8] = b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n";

/// A server that reads each request, answers with [`ENDLESS_HEAD`], then sends `x` without
/// end, until the client goes away. For each connection, the channel then receives how many
/// bytes the server wrote to it: at least as many as the client read.
pub fn endless() -> io::Result<(SocketAddr, Receiver<u64>)> {
    serve_each_and_report(|conn| {
        read_request(conn).ok()?;
        Some(send_without_end(conn))
    })
}

/// A server that serves each connection on a thread of its own with `serve`; what `serve` returns for a connection (nothing when it gave up early) goes to the
/// channel.
fn serve_each_and_report(
    serve: fn(&mut TcpStream) -> Option<u64>,
) -> io::Result<(SocketAddr, Receiver<u64>)> {
    let (listener, addr) = listener()?;
    let (reports, received) = mpsc::channel();
    thread::spawn(move || {
        for mut conn in listener.incoming().flatten() {
            let reports = reports.clone();
            thread::spawn(move || {
                if let Some(report) = serve(&mut conn) {
                    let _ = reports.send(report);
                }
            });
        }
    });
    Ok((addr, received))
}

/// How many bytes of body [`dripping`] sends, one every [`DRIP_INTERVAL`]: 300, a minute's drip.
pub const DRIP_BYTES: u64 = 300;

/// The pause [`dripping`] makes before each byte of its body.
pub const DRIP_INTERVAL: Duration = Duration::from_millis(200);

/// A server that reads each request and answers `HTTP/1.0 200 OK`, then drips its body of
/// [`DRIP_BYTES`] bytes one byte every [`DRIP_INTERVAL`]: a minute for the whole answer, and
/// never a read that waits longer than 0.2 s. Only a time limit on the whole request stops a
/// client early; a limit on each read never fires. For each connection, the channel receives
/// how many body bytes went out before the client went away (or all of them).
pub fn dripping() -> io::Result<(SocketAddr, Receiver<u64>)> {
    serve_each_and_report(|conn| {
        read_request(conn).ok()?;
        conn.write_all(b"HTTP/1.0 200 OK\r\n\r\n").ok()?;
        let mut dripped = 0;
        while dripped < DRIP_BYTES {
            thread::sleep(DRIP_INTERVAL);
            if conn.write_all(b".").is_err() {
                break;
            }
            dripped += 1;
        }
        Some(dripped)
    })
}

/// Writes [`ENDLESS_HEAD`], then `x` until a write fails; returns how many bytes went out.
fn send_without_end(conn: &mut TcpStream) -> u64 {
    if conn.write_all(ENDLESS_HEAD).is_err() {
        return 0;
    }
    let mut sent = ENDLESS_HEAD.len() as u64;
    let body = vec![b'x'; 64 * 1024];
    loop {
        match conn.write(&body) {
            Ok(n) => sent += n as u64,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            // The client has closed or reset the connection.
            Err(_) => return sent,
        }
    }
}

/// An address where a connection never completes: a listener that never accepts, whose queue
/// of connections waiting for `accept` (its backlog) is full. The system drops every further
/// connection request there, and the client's connect waits (and retries) until it gives up.
/// The listener and the connections in its queue stay open until the test process ends.
pub fn never_completing() -> io::Result<SocketAddr> {
    // A backlog of 0: Linux queues one connection, and drops the requests after it. std's
    // `TcpListener::bind` cannot choose the backlog; tokio's `TcpSocket` can, and needs a
    // runtime only while the socket is made.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()?;
    let listener = runtime.block_on(async {
        let socket = tokio::net::TcpSocket::new_v4()?;
        socket.bind(SocketAddr::from(([127, 0, 0, 1], 0)))?;
        socket.listen(0)?.into_std()
    })?;
    let addr = listener.local_addr()?;
    // Fills the queue, until a connection request is dropped: that one's connect times out.
    // (The first fills it; should the system not have counted it yet, the next does.)
    let mut queued = Vec::new();
    loop {
        match TcpStream::connect_timeout(&addr, Duration::from_secs(1)) {
            Ok(conn) => queued.push(conn),
            Err(e) if e.kind() == io::ErrorKind::TimedOut => break,
            Err(e) => return Err(e),
        }
        if queued.len() > 10 {
            return Err(io::Error::other(format!(
                "{addr}: the listen queue takes more than {} connections",
                queued.len()
            )));
        }
    }
    thread::spawn(move || {
        let _kept_open = (listener, queued);
        loop {
            thread::park();
        }
    });
    Ok(addr)
}

/// An address where nothing listens: a port the system just gave out, and freed again.
pub fn refused() -> io::Result<SocketAddr> {
    let (_listener, addr) = listener()?;
    Ok(addr)
}
