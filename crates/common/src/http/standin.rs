//! Local stand-ins for the web servers of the HTTP slides (`--local`).
//!
//! The classroom and CI machines have no internet, and a server on loopback answers in about
//! 0 ms, so neither would show why fetching pages at once beats fetching them one after the
//! other. The stand-ins are real HTTP/1.0 servers on 127.0.0.1: each reads the request, waits
//! about as long as its real server took on the slide, then sends a response shaped like the
//! real one (same status line, same first 40 bytes, same size) and closes the connection.
//!
//! They run on plain threads, not on a tokio runtime: async_executor creates one runtime for
//! `main1` and another for `main2` (Python's two `asyncio.run` calls), and the servers have to
//! outlive both.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::thread;
use std::time::{Duration, Instant};

/// One stand-in: the host it plays, how long the real one took, and what it answers.
#[derive(Debug, Clone, Copy)]
pub struct StandIn {
    /// The host as the slide names it: `www.hkmu.edu.hk`.
    pub host: &'static str,
    /// About how long the real server took on the slide, from request to response.
    pub latency: Duration,
    /// Builds the response, at the moment of the request (it may carry the current date).
    pub response: fn() -> Vec<u8>,
}

/// The slide's three servers, in the slide's order.
///
/// The latencies add up to about main1's 0.2277 s, and the largest is about the concurrent
/// runs' 0.12 s. In the concurrent runs, every request started before the first ended, and
/// www.hkmu.edu.hk (41 and 46 ms) ended before ole.hkmu.edu.hk (43 to 47 ms). The stand-ins
/// keep both orders with 40 ms to spare: the first answers after 40 ms, and each of the
/// others 40 ms after the one before. So the output is the slide's unless the machine delays
/// one thread by 40 ms or more. With less to spare, a busy machine broke the order now and
/// then: with the real servers' few milliseconds between the first two ends, about once in
/// 300 runs; with 25 ms for async_executor's three pool threads to print their `starts`
/// lines before the first answer came, about once in 60.
pub const SLIDE_SERVERS: [StandIn; 3] = [
    StandIn {
        host: "www.hkmu.edu.hk",
        latency: Duration::from_millis(40),
        response: hkmu_redirect,
    },
    StandIn {
        host: "ole.hkmu.edu.hk",
        latency: Duration::from_millis(80),
        response: domino_redirect,
    },
    StandIn {
        host: "www.google.com",
        latency: Duration::from_millis(120),
        response: google_home,
    },
];

/// A stand-in that has started: the host it plays and where it really listens.
#[derive(Debug, Clone)]
pub struct Running {
    pub host: &'static str,
    pub addr: SocketAddr,
}

/// Starts every stand-in of [`SLIDE_SERVERS`] on a free port of 127.0.0.1. They serve until
/// the process ends.
pub fn start_all() -> io::Result<Vec<Running>> {
    SLIDE_SERVERS.iter().map(|s| s.start()).collect()
}

impl StandIn {
    /// Binds a free port of 127.0.0.1 (port 0: the system picks one) and serves on a
    /// background thread, one more thread per connection so that requests arriving together
    /// are answered together, as a real server would.
    pub fn start(self) -> io::Result<Running> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        thread::Builder::new()
            .name(format!("stand-in {}", self.host))
            .spawn(move || {
                for conn in listener.incoming().flatten() {
                    let accepted = Instant::now();
                    // A connection that goes wrong only loses its own answer.
                    let _ = thread::Builder::new().spawn(move || self.serve(conn, accepted));
                }
            })?;
        Ok(Running {
            host: self.host,
            addr,
        })
    }

    /// Answers the connection `accepted` at that instant, [`StandIn::latency`] after it: the
    /// time the real server took, its network's round trips and its own work. The latency
    /// counts from the accept, so the time this thread takes to start and read the request
    /// is part of it, not added to it.
    fn serve(&self, mut conn: TcpStream, accepted: Instant) -> io::Result<()> {
        // A client that sends nothing must not keep this thread forever.
        conn.set_read_timeout(Some(Duration::from_secs(30)))?;
        read_request(&mut conn)?;
        thread::sleep(self.latency.saturating_sub(accepted.elapsed()));
        conn.write_all(&(self.response)())?;
        // HTTP/1.0 without keep-alive: the end of the response is the end of the connection.
        conn.shutdown(std::net::Shutdown::Write)
    }
}

/// Reads an HTTP request's head, up to the blank line that ends it (or the client's EOF).
pub fn read_request(conn: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut request = Vec::new();
    let mut buf = [0u8; 1024];
    while !request.ends_with(b"\r\n\r\n") && request.len() < 64 * 1024 {
        match conn.read(&mut buf)? {
            0 => break,
            n => request.extend_from_slice(&buf[..n]),
        }
    }
    Ok(request)
}

/// The current date as HTTP writes it: `Fri, 10 Dec 2021 07:54:41 GMT`.
pub fn http_date() -> String {
    chrono::Utc::now()
        .format("%a, %d %b %Y %H:%M:%S GMT")
        .to_string()
}

/// A response of exactly `total` bytes: `head` (status line and headers, each ending in
/// `\r\n`), a `Content-Length` header, the blank line, and a body of `fill` repeated.
fn sized(head: &str, fill: &str, total: usize) -> Vec<u8> {
    // The body's length decides how many digits Content-Length takes, which decides the
    // body's length: try each number of digits until the two agree.
    for digits in 1..=8 {
        let framing = head.len() + "Content-Length: \r\n\r\n".len() + digits;
        let Some(body_len) = total.checked_sub(framing) else {
            break;
        };
        if body_len.to_string().len() == digits {
            let body: String = fill.chars().cycle().take(body_len).collect();
            return format!("{head}Content-Length: {body_len}\r\n\r\n{body}").into_bytes();
        }
    }
    panic!("no response of {total} bytes has the head {head:?}");
}

/// www.hkmu.edu.hk on port 80: 96 bytes, a redirect to its https site.
fn hkmu_redirect() -> Vec<u8> {
    b"HTTP/1.0 302 Found\r\nLocation: https://www.hkmu.edu.hk/\r\n\
      Connection: close\r\nContent-Length: 0\r\n\r\n"
        .to_vec()
}

/// ole.hkmu.edu.hk: 241 bytes, an HTTP/1.1 redirect from a Lotus Domino server.
fn domino_redirect() -> Vec<u8> {
    let head = format!(
        "HTTP/1.1 302 Found\r\nServer: Lotus-Domino\r\nDate: {}\r\n\
         Connection: close\r\nLocation: https://ole.hkmu.edu.hk/\r\n\
         Content-Type: text/html\r\n",
        http_date()
    );
    sized(&head, "<html><body>Moved</body></html>", 241)
}

/// www.google.com: about 51 KB, its home page, with today's date.
fn google_home() -> Vec<u8> {
    let head = format!(
        "HTTP/1.0 200 OK\r\nDate: {}\r\nExpires: -1\r\nCache-Control: private, max-age=0\r\n\
         Content-Type: text/html; charset=ISO-8859-1\r\nServer: gws\r\n",
        http_date()
    );
    sized(
        &head,
        "<div class=\"stand-in\">www.google.com as the slide saw it</div>\n",
        51504,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn responses_are_shaped_like_the_slides() {
        let [hkmu, ole, google] = SLIDE_SERVERS.map(|s| (s.response)());
        assert_eq!(hkmu.len(), 96);
        assert!(hkmu.starts_with(b"HTTP/1.0 302 Found\r\nLocation: https://"));
        assert_eq!(ole.len(), 241);
        assert!(ole.starts_with(b"HTTP/1.1 302 Found\r\nServer: Lotus-Domino"));
        assert_eq!(google.len(), 51504);
        assert!(google.starts_with(b"HTTP/1.0 200 OK\r\nDate: "));
        // The Content-Length a response declares is the size of its body.
        for r in [&ole, &google] {
            let text = String::from_utf8_lossy(r);
            let (head, body) = text.split_once("\r\n\r\n").unwrap();
            let declared = head
                .lines()
                .find_map(|l| l.strip_prefix("Content-Length: "))
                .unwrap();
            assert_eq!(declared.parse::<usize>().unwrap(), body.len());
        }
    }

    #[test]
    fn the_date_is_as_http_writes_it() {
        let date = http_date();
        // `Fri, 10 Dec 2021 07:54:41 GMT`
        assert_eq!(date.len(), 29, "{date}");
        assert!(
            date.ends_with(" GMT") && date.as_bytes()[3] == b',',
            "{date}"
        );
    }

    #[test]
    fn a_stand_in_reads_the_request_and_answers_it() {
        let running = SLIDE_SERVERS[0].start().unwrap();
        let mut conn = TcpStream::connect(running.addr).unwrap();
        conn.write_all(b"GET / HTTP/1.0\r\n\r\n").unwrap();
        let mut answer = Vec::new();
        conn.read_to_end(&mut answer).unwrap();
        assert_eq!(answer, hkmu_redirect());
    }

    #[test]
    fn sizes_that_cannot_be_met_are_refused() {
        let r = std::panic::catch_unwind(|| sized("HTTP/1.0 200 OK\r\n", "x", 10));
        assert!(r.is_err());
        assert_eq!(sized("H\r\n", "ab", 30).len(), 30);
    }
}
