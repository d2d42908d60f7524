//! `--cancel`: the same `async with` block cancelled by a time limit, and what the peer
//! receives. This is where Python and Rust differ, so here the two programs print different
//! lines (`cancel-python.txt` and `cancel-rust.txt` beside this crate).
//!
//! The block sends a line, then waits for an answer that never comes, until a time limit of
//! [`LIMIT`] cancels it:
//!
//! 1. The limit around the whole block. Python's `asyncio.wait_for` cancels a coroutine by
//!    raising `CancelledError` where it waits; the exception goes through `async with`, which
//!    awaits `__aexit__`: the goodbye is sent, the connection closed. `tokio::time::timeout`
//!    cancels a future by dropping it: no code of it runs again, so the close that
//!    [`with_connection`] awaits after the block never runs. Only the synchronous `Drop`s of
//!    what it holds do (there is no async `Drop`): the socket is closed, and the peer sees the
//!    end of the stream, without the goodbye.
//! 2. The limit on the body only, inside an owner that is not cancelled: the owner then closes
//!    as it would after an error. All of the close runs, awaits and all, as in Python; but
//!    only as long as nobody cancels the owner itself.
//! 3. (Rust only) The limit around the whole block again, with a connection whose `Drop` says
//!    goodbye ([`GoodbyeOnDrop`]): it runs whenever the connection is dropped (after a
//!    return, an error, a panic that unwinds, a cancellation; not if the process exits first),
//!    but it cannot wait: it sends what the socket takes at once, and can report a failure
//!    only by printing it. Python has no counterpart to show: there, a
//!    cancellation is an exception, and `__aexit__` runs.

use std::error::Error;
use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio::time::timeout;

use crate::connection::{Connection, GOODBYE, with_connection};

/// The time limit on a block that would wait for ever.
pub const LIMIT: Duration = Duration::from_millis(100);

/// A peer that takes one connection and keeps all it receives, until the end of the stream.
async fn start_peer() -> io::Result<(SocketAddr, JoinHandle<io::Result<String>>)> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
    let addr = listener.local_addr()?;
    let received = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await?;
        let mut all = String::new();
        stream.read_to_string(&mut all).await?;
        Ok(all)
    });
    Ok((addr, received))
}

/// The block: sends a line, then waits for an answer that never comes.
async fn sends_then_waits(conn: &mut Connection) -> io::Result<()> {
    conn.writer.write_all(b"sent\n").await?;
    conn.lines.next_line().await?; // the peer never answers
    Ok(())
}

/// 1: `timeout` around the whole `with_connection`. On time out, its future is dropped.
async fn limit_around_the_block(addr: SocketAddr) -> io::Result<()> {
    // Elapsed becomes an io::Error of kind TimedOut.
    timeout(LIMIT, with_connection(addr, sends_then_waits)).await?
}

/// 2: `timeout` on the body; `with_connection`, the owner, is not cancelled, and closes.
async fn limit_on_the_body(addr: SocketAddr) -> io::Result<()> {
    with_connection(addr, async |conn| {
        timeout(LIMIT, sends_then_waits(conn)).await?
    })
    .await
}

/// A connection that says goodbye when it is dropped, without waiting.
pub struct GoodbyeOnDrop(pub Connection);

impl Drop for GoodbyeOnDrop {
    fn drop(&mut self) {
        // `try_write` writes what the socket takes now, or nothing (`WouldBlock`); it never
        // waits. The socket is then closed as its halves are dropped, right after.
        match self.0.writer.try_write(GOODBYE.as_bytes()) {
            Ok(n) if n == GOODBYE.len() => {}
            Ok(_) => eprintln!("async_with_for: the goodbye was sent only in part"),
            Err(e) => eprintln!("async_with_for: the goodbye was not sent: {e}"),
        }
    }
}

/// 3: `timeout` around the whole block again, on a connection that says goodbye in `Drop`.
async fn limit_around_the_block_goodbye_on_drop(addr: SocketAddr) -> io::Result<()> {
    timeout(LIMIT, async {
        let mut conn = GoodbyeOnDrop(Connection::open(addr).await?);
        println!("connection opened");
        sends_then_waits(&mut conn.0).await
    })
    .await?
}

/// Prints `label`, runs `block` against a new peer, and prints whether it timed out and what
/// the peer received.
async fn cancelled<F: Future<Output = io::Result<()>>>(
    label: &str,
    block: impl FnOnce(SocketAddr) -> F,
) -> Result<(), Box<dyn Error>> {
    println!("{label}");
    let (addr, received) = start_peer().await?;
    match block(addr).await {
        Err(e) if e.kind() == io::ErrorKind::TimedOut => println!("  timed out"),
        other => other?,
    }
    let received = received.await??;
    let lines: Vec<&str> = received.lines().collect();
    let lines = if lines.is_empty() {
        "nothing".to_string()
    } else {
        lines.join(", ")
    };
    println!("  the peer received: {lines}");
    Ok(())
}

pub async fn run() -> Result<(), Box<dyn Error>> {
    let limit = LIMIT.as_secs_f64();
    let around = format!("a {limit} s time limit around the whole async with:");
    cancelled(&around, limit_around_the_block).await?;
    let on_body = format!("a {limit} s time limit on the body only:");
    cancelled(&on_body, limit_on_the_body).await?;
    let on_drop = format!("a {limit} s time limit around the whole block, goodbye in Drop:");
    cancelled(&on_drop, limit_around_the_block_goodbye_on_drop).await
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `block` against a peer, and returns whether it timed out and what the peer got.
    async fn peer_receives<F: Future<Output = io::Result<()>>>(
        block: impl FnOnce(SocketAddr) -> F,
    ) -> (bool, String) {
        let (addr, received) = start_peer().await.unwrap();
        let timed_out = block(addr).await.unwrap_err().kind() == io::ErrorKind::TimedOut;
        let received = timeout(Duration::from_secs(10), received)
            .await
            .expect("the peer saw no end of the stream: the socket was not closed")
            .unwrap()
            .unwrap();
        (timed_out, received)
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_timeout_around_the_block_drops_the_close() {
        let got = peer_receives(limit_around_the_block).await;
        assert_eq!(got, (true, "sent\n".to_string()));
    }

    #[tokio::test(flavor = "current_thread")]
    async fn an_owner_that_is_not_cancelled_still_closes() {
        let got = peer_receives(limit_on_the_body).await;
        assert_eq!(got, (true, "sent\nbye\n".to_string()));
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_goodbye_in_drop_is_sent_when_the_block_is_dropped() {
        let got = peer_receives(limit_around_the_block_goodbye_on_drop).await;
        assert_eq!(got, (true, "sent\nbye\n".to_string()));
    }
}
