//! An echo client that gives up on time and tries again: what echo_client does once, with a
//! time limit on each try and a few tries.

use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// How hard [`echo_retry`] tries.
#[derive(Clone, Copy, Debug)]
pub struct Policy {
    /// How long one try may take, from connect to the whole echo.
    pub limit: Duration,
    /// How many tries at most (1 = no retry).
    pub tries: u32,
    /// The pause between two tries.
    pub pause: Duration,
}

/// One try: connects to `addr`, sends `line`, and reads until every byte of it has come
/// back; all of it within `limit`. Gives the echo, or an error:
/// - `ErrorKind::TimedOut` when `limit` has passed;
/// - `ErrorKind::UnexpectedEof` when the server closed before the whole echo came;
/// - the connection's own error (such as `ConnectionRefused`) otherwise.
pub async fn echo_once(addr: SocketAddr, line: &str, limit: Duration) -> io::Result<String> {
    let exchange = async {
        let mut stream = TcpStream::connect(addr).await?;
        stream.write_all(line.as_bytes()).await?;
        // The echo may come in pieces: read until as many bytes came back as went out.
        let mut echo = vec![0; line.len()];
        stream.read_exact(&mut echo).await?; // UnexpectedEof if the server closes first
        Ok(String::from_utf8_lossy(&echo).into_owned())
    };
    match tokio::time::timeout(limit, exchange).await {
        Ok(echoed) => echoed,
        Err(_elapsed) => Err(io::Error::new(
            io::ErrorKind::TimedOut,
            format!("no whole echo from {addr} within {limit:?}"),
        )),
    }
}

/// [`echo_once`] up to `policy.tries` times, with `policy.pause` between two tries: the first
/// echo, or the last try's error.
pub async fn echo_retry(addr: SocketAddr, line: &str, policy: Policy) -> io::Result<String> {
    let mut last_error = io::Error::other("no try made: policy.tries is 0");
    for attempt in 1..=policy.tries {
        match echo_once(addr, line, policy.limit).await {
            Ok(echo) => return Ok(echo),
            Err(error) => last_error = error,
        }
        if attempt < policy.tries {
            tokio::time::sleep(policy.pause).await; // no pause after the last try
        }
    }
    Err(last_error)
}
