//! Ping-pong: one 1 KiB message at a time on each connection, over 1 connection and over 50.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::task::JoinSet;

use super::PingPong;
use super::data::{Pool, mismatch};
use super::ns;
use crate::{CONNS, LIMIT, MAX_REQUESTS, MSG, Res};

/// Ping-pong on one connection with a blocking client: send 1 KiB, read the 1 KiB echo,
/// check it, again, for `secs`. The time of each round trip is kept for p50 and p99.
pub fn ping_one(addr: SocketAddr, secs: Duration, pool: &Pool) -> Res<PingPong> {
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
pub fn ping_many(addr: SocketAddr, secs: Duration, pool: &Arc<Pool>) -> Res<PingPong> {
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
