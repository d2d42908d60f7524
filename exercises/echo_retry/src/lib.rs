//! An echo client that gives up on time and tries again: what echo_client does once, with a
//! time limit on each try and a few tries.

use std::io;
use std::net::SocketAddr;
use std::time::Duration;

// What the solution uses: TcpStream::connect, write_all, read_exact, tokio::time::timeout.
#[allow(unused_imports)]
use tokio::io::{AsyncReadExt, AsyncWriteExt};
#[allow(unused_imports)]
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
    let _ = (addr, line, limit); // remove this line: it only keeps the compiler quiet
    todo!("connect, write_all, read until the whole line came back, within the limit")
}

/// [`echo_once`] up to `policy.tries` times, with `policy.pause` between two tries: the first
/// echo, or the last try's error.
pub async fn echo_retry(addr: SocketAddr, line: &str, policy: Policy) -> io::Result<String> {
    let _ = (addr, line, policy); // remove this line: it only keeps the compiler quiet
    todo!("echo_once in a loop: return the first Ok; pause after each error; the last error")
}
