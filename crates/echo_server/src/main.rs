//! Port of `echo_server.py`: an echo server (RFC 862) that serves every client in its own task,
//! all on one event loop.
//!
//!     cargo run -p echo_server [HOST [PORT]]      # defaults: localhost 7000
//!
//! then, in another terminal, the lesson's own client, `cargo run -p echo_client` (or
//! `nc localhost 7000`, where nc is installed). Ctrl-C or SIGTERM stops it: it logs `INFO:root:Server stopped` and exits 0. Port 0 asks the system
//! for a free port; the log line shows the port really bound.
//!
//! Python → Rust:
//! - `asyncio.start_server(handle_client, host, port)` → [`listen::start_server`], which
//!   listens on every address the host resolves to, as asyncio does, then [`serve_forever`]
//!   on each, which hands every connection to `handle_client` in a task of its own
//!   ([`tokio::spawn`]), as asyncio starts one task per client;
//! - `reader, writer` → one [`TcpStream`] that is both; `writer.get_extra_info("peername")` →
//!   the address `accept` returns, printed as Python's tuple by [`common::pyrepr::address`];
//! - `await reader.read(1024)` → [`AsyncReadExt::read`] into a 1024-byte buffer, `0` bytes
//!   meaning end of stream;
//! - `writer.write(data)` + `await writer.drain()` → [`AsyncWriteExt::write_all`], which waits
//!   until the kernel has taken every byte: a client that does not read stops its own task
//!   there, instead of making the server buffer without bound;
//! - `writer.close()` + `await writer.wait_closed()` → [`AsyncWriteExt::shutdown`], then the
//!   stream is dropped;
//! - `asyncio.run(...)` → `#[tokio::main(flavor = "current_thread")]`: like asyncio's event
//!   loop, one thread runs every task; Ctrl-C, which ends the Python server with a
//!   `KeyboardInterrupt` traceback, is handled here with [`tokio::signal`] and `select!`.
//!
//! What a real server needs beyond the slide is in modules of its own, each saying what the
//! slide's program gets wrong without it: [`listen`] (every address, port 0, the backlog),
//! [`read_ahead`] (one write for what a streaming client has sent), [`accept_error`] (a pause
//! when `accept` fails). Asked for port 0, Python logs `('localhost', 0)`; this server logs the
//! port the system chose, so that a client (or a test) can read it from the log.
//!
//! Exit codes: 0 stopped by SIGINT or SIGTERM, 1 cannot listen (port in use, host that does not
//! resolve), 2 bad command line.

use std::error::Error;
use std::io;
use std::net::SocketAddr;
use std::process::ExitCode;

use log::{error, info};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::signal::unix::{SignalKind, signal};
use tokio::task::JoinSet;

mod accept_error;
mod listen;
mod read_ahead;
#[cfg(test)]
mod tests;

const HOST: &str = "localhost";
const PORT: u16 = 7000;

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
        // A full buffer: the client may be ahead of us. Send back what has arrived in one write.
        let (pending, closed) = read_ahead::gather(stream, &mut data)?;
        stream.write_all(&pending).await?;
        if closed {
            break;
        }
    }
    stream.shutdown().await
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
            Err(e) => accept_error::pause(&listener, e).await,
        }
    }
}

/// `async def echo_server(host, port)`: listens, logs, serves until SIGINT or SIGTERM.
async fn echo_server(host: &str, port: u16) -> Result<(), Box<dyn Error>> {
    // The handlers are installed before the "listening" line is logged: whoever waits for that
    // line and then sends SIGINT reaches the handler, not the default action (death, exit 130).
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;

    let listeners = listen::start_server(host, port).await?;
    // The port really bound, which differs from `port` when it was 0.
    let port = listeners[0].local_addr()?.port();
    let where_ = common::pyrepr::host_port(host, port);
    info!("Server started, listening on {where_}");

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
