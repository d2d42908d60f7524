//! Port of `http_client.py`: fetching pages with asyncio's streams, so that one thread waits
//! on every server at once; the run takes about as long as the slowest server.
//!
//!     cargo run -p http_client -- --local              # the slide's servers, played locally
//!     cargo run -p http_client -- --local --timeline   # and a chart of the run
//!     cargo run -p http_client                         # the slide's real servers (online)
//!     cargo run -p http_client -- example.org 127.0.0.1:8080 '[::1]:8080'
//!
//! Python → Rust:
//! - `asyncio.open_connection(server, 80)` → [`TcpStream::connect`], split into a reader and a
//!   writer with [`TcpStream::into_split`];
//! - `writer.write(...)` then `await writer.drain()` → `writer.write_all(...).await`, which
//!   returns once all of it is handed to the system;
//! - `await reader.read()` (no size: up to EOF) → `reader.read_to_end(...).await`, after
//!   [`take`](AsyncReadExt::take) has bounded it to `--max-bytes` (see below);
//! - `writer.close()` and `await writer.wait_closed()` → dropping the two halves at the end of
//!   `get_page`;
//! - `asyncio.gather(*coroutines)` → [`futures::future::join_all`]: as in Python, the
//!   coroutines (futures) do nothing until awaited, then all run at once on the one thread;
//! - `asyncio.run(main())` → `#[tokio::main(flavor = "current_thread")]`: one thread, as asyncio's loop has.
//!
//! Beyond the slide: a server that cannot be reached or does not answer within `--timeout`
//! (10 s by default), or whose response is larger than `--max-bytes` (16 MiB by default),
//! gets one error line on stderr and the others still print (Python's `gather` would stop at
//! the first error); the exit code is then 1.

use std::error::Error;
use std::io;
use std::process::ExitCode;
use std::time::Instant;

use common::http::{self, Args, Server};
use futures::future::join_all;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;

const NAME: &str = env!("CARGO_PKG_NAME");

/// `async def get_page(server)`: each `.await` is a point where the thread leaves this fetch
/// and serves the others until the network has something for it.
async fn get_page(server: &Server, max_bytes: u64) -> io::Result<Vec<u8>> {
    let request = http::starts(server); // prints `... starts`
    let (reader, mut writer) = TcpStream::connect(server.addr()).await?.into_split();
    writer.write_all(b"GET / HTTP/1.0\r\n\r\n").await?;
    let mut data = Vec::new();
    // Python's read() would keep whatever a server sends, without end. One byte past the
    // limit is enough to tell that a response is too large: it is read no further.
    let limit = max_bytes.saturating_add(1);
    reader.take(limit).read_to_end(&mut data).await?;
    if data.len() as u64 > max_bytes {
        return Err(http::too_large(max_bytes));
    }
    request.ends(); // prints `... ends`
    Ok(data)
}

/// `async def main()`, run by `asyncio.run(main())`.
#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<ExitCode, Box<dyn Error>> {
    let args = Args::from_cli(&common::cli!(http::USAGE));
    // With --local, the stand-ins start here, on threads of their own.
    let servers = args.servers(NAME)?;
    let start_time = Instant::now();
    // A fetch that takes longer than --timeout is dropped where it waits, and fails.
    let coroutines = servers.iter().map(|server| async {
        timeout(args.timeout, get_page(server, args.max_bytes))
            .await
            .unwrap_or_else(|_| Err(http::timed_out(args.timeout)))
    });
    let results = join_all(coroutines).await; // asyncio.gather(*coroutines)
    let mut ok = true;
    for (server, data) in servers.iter().zip(results) {
        ok &= http::report(NAME, server, data);
    }
    http::elapsed(&args, "main()", start_time);
    Ok(http::exit_code(ok))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use testkit::servers;

    #[tokio::test]
    async fn get_page_returns_the_whole_response() {
        let response = b"HTTP/1.0 200 OK\r\n\r\n".repeat(10_000);
        let (addr, requests) = servers::answering(response.clone()).unwrap();
        let data = get_page(&Server::at(addr), http::DEFAULT_MAX_BYTES)
            .await
            .unwrap();
        assert_eq!(data, response);
        assert_eq!(requests.recv().unwrap(), b"GET / HTTP/1.0\r\n\r\n");
    }

    #[tokio::test]
    async fn a_response_of_max_bytes_is_read_and_one_byte_more_is_not() {
        let response = b"HTTP/1.0 200 OK\r\n\r\n".repeat(5); // 95 bytes
        let (addr, _) = servers::answering(response.clone()).unwrap();
        let data = get_page(&Server::at(addr), 95).await.unwrap();
        assert_eq!(data, response);
        let err = get_page(&Server::at(addr), 94).await.unwrap_err();
        assert_eq!(err.to_string(), "response larger than 94 bytes");
    }

    #[tokio::test]
    async fn an_endless_response_stops_at_max_bytes() {
        let (addr, sent) = servers::endless().unwrap();
        let err = get_page(&Server::at(addr), 1 << 20).await.unwrap_err();
        assert_eq!(err.to_string(), "response larger than 1048576 bytes");
        // The server's writes fail once the connection is dropped: it had sent at least
        // what was read.
        let sent = sent.recv_timeout(Duration::from_secs(60)).unwrap();
        assert!(sent > 1 << 20, "{sent}");
    }

    #[tokio::test]
    async fn a_refused_connection_is_an_error_not_a_panic() {
        let addr = servers::refused().unwrap();
        let err = get_page(&Server::at(addr), http::DEFAULT_MAX_BYTES)
            .await
            .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::ConnectionRefused);
    }
}
