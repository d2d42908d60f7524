//! Port of `echo_server.py`: an echo server (RFC 862) that serves every client in its own task,
//! all on one event loop.
//!
//!     cargo run -p echo_server [HOST [PORT]]      # defaults: localhost 7000
//!
//! then, in another terminal, `cargo run -p echo_client` (or `nc localhost 7000`). Ctrl-C or
//! SIGTERM stops it: it logs `INFO:root:Server stopped` and exits 0. Port 0 asks the system
//! for a free port; the log line shows the port really bound.
//!
//! Python → Rust:
//! - `asyncio.start_server(handle_client, host, port)` → [`start_server`]: resolve the host
//!   ([`tokio::net::lookup_host`]) and listen on every address it resolves to, as asyncio does
//!   (`localhost` may be both `::1` and `127.0.0.1`), with [`tokio::net::TcpSocket`] so the
//!   listen backlog can be chosen;
//! - `server.serve_forever()` → [`serve_forever`]: a loop on [`TcpListener::accept`] that hands
//!   each connection to [`tokio::spawn`], as asyncio starts one task per client;
//! - `reader, writer` → one [`TcpStream`] that is both; `writer.get_extra_info("peername")` →
//!   the address `accept` returns, printed as Python's tuple by [`common::pyrepr::address`];
//! - `await reader.read(1024)` → [`AsyncReadExt::read`] into a 1024-byte buffer, `0` bytes
//!   meaning end of stream;
//! - `writer.write(data)` + `await writer.drain()` → [`AsyncWriteExt::write_all`], which waits
//!   until the kernel has taken every byte: a client that does not read stops its own task
//!   there, holding at most 64 KiB, instead of making the server buffer without bound. When a
//!   client streams, what has already arrived is gathered into one write (see [`echo`]);
//! - `writer.close()` + `await writer.wait_closed()` → [`AsyncWriteExt::shutdown`], then the
//!   stream is dropped;
//! - `asyncio.run(...)` → `#[tokio::main(flavor = "current_thread")]`: like asyncio's event
//!   loop, one thread runs every task; Ctrl-C, which ends the Python server with a
//!   `KeyboardInterrupt` traceback, is handled here with [`tokio::signal`] and `select!`.
//!
//! One difference from the slide's program: asked for port 0, Python logs `('localhost', 0)`,
//! the port it was given; this server logs the port the system chose, so that a client (or a
//! test) can read it from the log.
//!
//! Exit codes: 0 stopped by SIGINT or SIGTERM, 1 cannot listen (port in use, host that does not
//! resolve), 2 bad command line.

use std::error::Error;
use std::io;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use log::{error, info};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::signal::unix::{SignalKind, signal};
use tokio::task::JoinSet;

const HOST: &str = "localhost";
const PORT: u16 = 7000;

/// How many connections the kernel may hold for us before `accept` takes them. Python's
/// asyncio asks for 100: a burst of 10,000 clients then overflows the queue, and the kernel
/// drops SYNs that clients resend only after a second or more. Linux silently caps this at
/// `net.core.somaxconn` (4096 on current kernels), so asking for more takes whatever the
/// machine allows.
const BACKLOG: u32 = 65_535;

/// How many times to retry when the system picked a free port for the first address, but that
/// port is taken on another one (only with port 0 and a host with several addresses).
const PORT_0_ATTEMPTS: usize = 10;

/// `async def handle_client(reader, writer)`: echoes one client until it closes.
async fn handle_client(mut stream: TcpStream, peer: SocketAddr) {
    let addr = common::pyrepr::address(peer);
    info!("Client connected from {addr}");
    // A client that resets the connection or vanishes ends only its own task: the error is
    // logged with its address, and the server goes on.
    if let Err(e) = echo(&mut stream).await {
        error!("Connection with {addr} failed: {e}");
    }
    info!("Client disconnected from {addr}");
}

/// The most bytes gathered into one write when a client streams (see [`read_ahead`]).
const GATHER: usize = 64 * 1024;

/// The loop of `handle_client`: read up to 1024 bytes, write all of them back, until the
/// client closes its side.
async fn echo(stream: &mut TcpStream) -> io::Result<()> {
    let mut data = [0u8; 1024];
    loop {
        let n = stream.read(&mut data).await?; // data = await reader.read(1024)
        if n == 0 {
            break; // end of stream: the client has closed (or half-closed) its side
        }
        if n < data.len() {
            stream.write_all(&data[..n]).await?; // writer.write(data); await writer.drain()
            continue;
        }
        // A full buffer: the client may be ahead of us (it streams). Take what has already
        // arrived too, and send it back in one write.
        let mut pending = data.to_vec();
        let closed = read_ahead(stream, &mut data, &mut pending)?;
        stream.write_all(&pending).await?;
        if closed {
            break;
        }
    }
    stream.shutdown().await
}

/// Reads on, 1024 bytes at a time and without waiting (`try_read`), what the client has
/// already sent, up to [`GATHER`] bytes in `pending`; returns whether the client has closed.
///
/// Why: small writes go out at once, one packet each (TCP_NODELAY, set in `serve_forever`, as
/// asyncio sets it), so 64 MiB echoed 1 KiB per write moved at half the speed of cecho, which
/// lets Nagle's algorithm merge them (README, Performance). A client that waits for its answer
/// has sent nothing more, so it still gets its answer at once: the extra `try_read` that finds
/// nothing is the same "would block" read a plain `read().await` would make next.
fn read_ahead(stream: &TcpStream, data: &mut [u8], pending: &mut Vec<u8>) -> io::Result<bool> {
    while pending.len() < GATHER {
        match stream.try_read(data) {
            Ok(0) => return Ok(true),
            Ok(m) => pending.extend_from_slice(&data[..m]),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => break, // nothing more yet
            Err(e) => return Err(e),
        }
    }
    Ok(false)
}

/// Listens on one address with our backlog. `SO_REUSEADDR`, as asyncio sets it, lets the
/// server restart at once on a port whose old connections are still in TIME_WAIT; it does not
/// let two servers listen on the same port.
fn listen(addr: SocketAddr) -> io::Result<TcpListener> {
    let socket = if addr.is_ipv4() {
        TcpSocket::new_v4()?
    } else {
        TcpSocket::new_v6()?
    };
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(BACKLOG)
}

/// Listens on each of `addrs`, all on one port: when the port asked for is 0, the system picks
/// it for the first address and the others take the same.
fn listen_all(addrs: &[SocketAddr]) -> Result<Vec<TcpListener>, (SocketAddr, io::Error)> {
    let mut listeners = Vec::with_capacity(addrs.len());
    let mut port = addrs.first().map_or(0, SocketAddr::port);
    for &addr in addrs {
        let mut addr = addr;
        addr.set_port(port);
        let listener = listen(addr).map_err(|e| (addr, e))?;
        port = listener.local_addr().map_err(|e| (addr, e))?.port();
        listeners.push(listener);
    }
    Ok(listeners)
}

/// `asyncio.start_server(handle_client, host, port)`, up to the point where it listens.
async fn start_server(host: &str, port: u16) -> Result<Vec<TcpListener>, Box<dyn Error>> {
    let where_ = common::pyrepr::host_port(host, port);
    let mut addrs: Vec<SocketAddr> = Vec::new();
    let resolved = tokio::net::lookup_host((host, port))
        .await
        .map_err(|e| format!("cannot listen on {where_}: cannot resolve host '{host}': {e}"))?;
    for addr in resolved {
        if !addrs.contains(&addr) {
            addrs.push(addr);
        }
    }
    if addrs.is_empty() {
        return Err(format!("cannot listen on {where_}: host '{host}' has no address").into());
    }
    let mut attempts = 0;
    loop {
        attempts += 1;
        match listen_all(&addrs) {
            Ok(listeners) => return Ok(listeners),
            // With port 0, a port free on the first address may be taken on another: try
            // another port.
            Err((_, e))
                if port == 0
                    && e.kind() == io::ErrorKind::AddrInUse
                    && attempts < PORT_0_ATTEMPTS => {}
            Err((addr, e)) => return Err(format!("cannot listen on {where_} ({addr}): {e}").into()),
        }
    }
}

/// `server.serve_forever()` on one listening socket: each client gets its own task, so a slow
/// or silent client never holds up `accept` or the others.
async fn serve_forever(listener: TcpListener) {
    loop {
        match listener.accept().await {
            Ok((stream, peer)) => {
                // As asyncio does: small writes go out at once rather than waiting (Nagle's
                // algorithm) for the previous one to be acknowledged.
                let _ = stream.set_nodelay(true);
                tokio::spawn(handle_client(stream, peer));
            }
            Err(e) => {
                // Out of file descriptors or memory: the pending connection stays queued, so
                // retrying at once would spin. Pause briefly and let other tasks close theirs.
                let local = listener.local_addr().map(common::pyrepr::address);
                error!(
                    "Cannot accept a connection on {}: {e}",
                    local.unwrap_or_default()
                );
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}

/// `async def echo_server(host, port)`: listens, logs, serves until SIGINT or SIGTERM.
async fn echo_server(host: &str, port: u16) -> Result<(), Box<dyn Error>> {
    // The handlers are installed before the "listening" line is logged: whoever waits for that
    // line and then sends SIGINT reaches the handler, not the default action (death, exit 130).
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;

    let listeners = start_server(host, port).await?;
    // The port really bound, which differs from `port` when it was 0.
    let port = listeners[0].local_addr()?.port();
    info!(
        "Server started, listening on {}",
        common::pyrepr::host_port(host, port)
    );

    let mut accepting = JoinSet::new();
    for listener in listeners {
        accepting.spawn(serve_forever(listener));
    }
    tokio::select! {
        _ = interrupt.recv() => {}
        _ = terminate.recv() => {}
    }
    // Stop accepting: the listening sockets close with their tasks. Connections still open
    // are closed when the runtime shuts down on return from main.
    accepting.shutdown().await;
    info!("Server stopped");
    Ok(())
}

// One thread, as asyncio's event loop: every task takes turns on it. tokio's default
// multi-thread runtime would start one worker per core that wake one another to share the
// tasks; with 50 clients on 2 cores (`make bench`) that cost 20 times the context switches and
// four times the p99 latency, for fewer requests per second (README, Performance).
#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let cli = common::cli!("[HOST [PORT]]");
    let (host, port) = cli.host_port(HOST, PORT);
    common::logging::init();
    cli.exit_on_error(echo_server(&host, port).await)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn listens_on_every_address_on_one_port() {
        let addrs: Vec<SocketAddr> = vec![
            "127.0.0.1:0".parse().unwrap(),
            "127.0.0.2:0".parse().unwrap(),
        ];
        let listeners = listen_all(&addrs).unwrap();
        let bound: Vec<SocketAddr> = listeners.iter().map(|l| l.local_addr().unwrap()).collect();
        assert_eq!(bound[0].ip(), addrs[0].ip());
        assert_eq!(bound[1].ip(), addrs[1].ip());
        assert_ne!(bound[0].port(), 0);
        assert_eq!(bound[0].port(), bound[1].port());
    }

    #[tokio::test]
    async fn a_port_in_use_names_the_address() {
        let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = taken.local_addr().unwrap().port();
        let err = start_server("127.0.0.1", port)
            .await
            .unwrap_err()
            .to_string();
        assert!(err.contains(&format!("('127.0.0.1', {port})")), "{err}");
        assert!(err.contains("in use"), "{err}");
    }

    #[tokio::test]
    async fn echoes_until_end_of_stream_then_closes() {
        let listener = listen("127.0.0.1:0".parse().unwrap()).unwrap();
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(async move {
            let (mut stream, _) = listener.accept().await.unwrap();
            echo(&mut stream).await
        });
        let mut client = TcpStream::connect(addr).await.unwrap();
        let sent: Vec<u8> = (0..=255u8).cycle().take(5000).collect();
        client.write_all(&sent).await.unwrap();
        client.shutdown().await.unwrap();
        let mut received = Vec::new();
        client.read_to_end(&mut received).await.unwrap();
        assert_eq!(received, sent);
        server.await.unwrap().unwrap();
    }
}
