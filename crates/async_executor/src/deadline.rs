//! What the Python socket does on its own, plus the limits: a blocking socket waits as long as
//! the server lets it, and reads as much as the server sends, so here every wait is bounded by
//! the request's deadline (`--timeout`), and the response by `--max-bytes`.

use std::io::{self, Read};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

use common::http::{self, Args, Server};

/// What bounds one request: its time in all (`--timeout`) and the size of its response
/// (`--max-bytes`).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub timeout: Duration,
    pub max_bytes: u64,
}

impl Limits {
    pub fn of(args: &Args) -> Limits {
        Limits {
            timeout: args.timeout,
            max_bytes: args.max_bytes,
        }
    }
}

/// Connects to the first of the server's addresses that answers before `deadline`.
/// (Resolving the name is not bounded: the system's resolver has its own timeouts.)
pub fn connect(server: &Server, deadline: Instant, timeout: Duration) -> io::Result<TcpStream> {
    let mut error = io::Error::new(io::ErrorKind::NotFound, "no address found");
    for addr in server.addr().to_socket_addrs()? {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(http::timed_out(timeout));
        }
        match TcpStream::connect_timeout(&addr, left) {
            Ok(s) => return Ok(s),
            Err(e) if e.kind() == io::ErrorKind::TimedOut => error = http::timed_out(timeout),
            Err(e) => error = e,
        }
    }
    Err(error)
}

/// Reads until the server closes the connection (HTTP/1.0: the end of the page), or fails
/// once `deadline` has passed, or as soon as the response is larger than `max_bytes`.
pub fn read_to_end(
    s: &mut TcpStream,
    deadline: Instant,
    timeout: Duration,
    max_bytes: u64,
) -> io::Result<Vec<u8>> {
    let mut data = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(http::timed_out(timeout));
        }
        s.set_read_timeout(Some(left))?;
        // Never more than one byte past the limit: enough to tell a response too large.
        let room = max_bytes.saturating_add(1) - data.len() as u64;
        let want = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        match s.read(&mut buf[..want]) {
            Ok(0) => return Ok(data),
            Ok(n) => {
                data.extend_from_slice(&buf[..n]);
                if data.len() as u64 > max_bytes {
                    return Err(http::too_large(max_bytes));
                }
            }
            // What a read that timed out returns, depending on the system.
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                return Err(http::timed_out(timeout));
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}
