//! A blocking fetch with limits, for async_executor's `get_page`: a blocking socket waits as
//! long as the server lets it, and reads as much as the server sends, so here every wait is
//! bounded by the request's deadline (`--timeout`), the host lookup included (on a thread of
//! its own per request), and the response by `--max-bytes`.

use std::io::{self, Read};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use super::{Args, Server, timed_out, too_large};

/// What bounds one request: its time in all (`--timeout`) and the size of its response
/// (`--max-bytes`).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub timeout: Duration,
    pub max_bytes: u64,
}

impl Limits {
    /// The limits `--timeout` and `--max-bytes` set.
    pub fn of(args: &Args) -> Limits {
        Limits {
            timeout: args.timeout,
            max_bytes: args.max_bytes,
        }
    }
}

/// Connects to the first of the server's addresses that answers before `deadline`; looking
/// up the addresses counts against it too.
pub fn connect(server: &Server, deadline: Instant, timeout: Duration) -> io::Result<TcpStream> {
    let mut error = io::Error::new(io::ErrorKind::NotFound, "no address found");
    for addr in resolve(server, deadline, timeout)? {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(timed_out(timeout));
        }
        match TcpStream::connect_timeout(&addr, left) {
            Ok(s) => return Ok(s),
            Err(e) if e.kind() == io::ErrorKind::TimedOut => error = timed_out(timeout),
            Err(e) => error = e,
        }
    }
    Err(error)
}

/// The server's addresses, looked up before `deadline`.
///
/// The system's resolver (`getaddrinfo`, behind `to_socket_addrs`) takes no timeout: it waits
/// as long as the name servers make it. So the lookup runs on a thread of its own, and this
/// waits for its answer until the deadline only. A lookup still going then is left behind: it
/// ends on its own, or with the program, and its answer is dropped. An IP address needs no
/// lookup, and no thread: it is its own answer.
pub fn resolve(
    server: &Server,
    deadline: Instant,
    timeout: Duration,
) -> io::Result<Vec<SocketAddr>> {
    if let Ok(ip) = server.host.parse::<std::net::IpAddr>() {
        return Ok(vec![SocketAddr::new(ip, server.port)]);
    }
    let host_port = (server.host.clone(), server.port);
    before(deadline, timeout, move || {
        host_port.to_socket_addrs().map(Iterator::collect)
    })
}

/// Runs `lookup` on a thread of its own, and returns its answer if it comes before
/// `deadline`, or the timeout error of a request given `timeout`.
fn before<T: Send + 'static>(
    deadline: Instant,
    timeout: Duration,
    lookup: impl FnOnce() -> io::Result<T> + Send + 'static,
) -> io::Result<T> {
    let (answer, answered) = mpsc::channel();
    thread::Builder::new()
        .name("lookup".to_string())
        .spawn(move || {
            // Nobody receives it once the deadline has passed: that is no error.
            let _ = answer.send(lookup());
        })?;
    match answered.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
        Ok(result) => result,
        Err(RecvTimeoutError::Timeout) => Err(timed_out(timeout)),
        Err(RecvTimeoutError::Disconnected) => {
            Err(io::Error::other("the lookup ended without an answer"))
        }
    }
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
            return Err(timed_out(timeout));
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
                    return Err(too_large(max_bytes));
                }
            }
            // What a read that timed out returns, depending on the system.
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                return Err(timed_out(timeout));
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lookup_that_hangs_is_given_up_at_the_deadline() {
        // A stand-in for a resolver whose name server never answers: it waits until the test
        // is over (when `hold` is dropped), long after the deadline.
        let (hold, held) = mpsc::channel::<()>();
        let timeout = Duration::from_millis(200);
        let err = before(Instant::now() + timeout, timeout, move || {
            let _ = held.recv();
            Ok(vec![SocketAddr::from(([127, 0, 0, 1], 80))])
        })
        .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
        assert_eq!(err.to_string(), "no answer within 0.2 s");
        drop(hold);
    }

    #[test]
    fn a_lookup_gives_its_answer_or_its_error() {
        let later = Instant::now() + Duration::from_secs(30);
        let timeout = Duration::from_secs(30);
        assert_eq!(before(later, timeout, || Ok(7)).unwrap(), 7);
        let err = before(later, timeout, || -> io::Result<()> {
            Err(io::Error::other("no such host"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "no such host");
        let err = before(later, timeout, || -> io::Result<()> {
            panic!("resolver crashed")
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "the lookup ended without an answer");
    }

    #[test]
    fn an_address_resolves_to_itself() {
        let server = Server::at(SocketAddr::from(([127, 0, 0, 1], 8080)));
        let later = Instant::now() + Duration::from_secs(30);
        let addrs = resolve(&server, later, Duration::from_secs(30)).unwrap();
        assert_eq!(addrs, vec![SocketAddr::from(([127, 0, 0, 1], 8080))]);
    }
}
