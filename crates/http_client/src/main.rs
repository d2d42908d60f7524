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
//! - `asyncio.gather(*coroutines)` → [`futures::future::join_all`]: all run at once on the one
//!   thread, and the results come back in the servers' order. The two differ. gather wraps each
//!   coroutine in a task, at once. `join_all` makes no task: it is lazy, and polls every future
//!   in place, on the task that awaits it. Awaited at once, as here, they print the same.
//!   (gather's own counterpart, a `tokio::spawn` per coroutine, is in coroutine_run.)
//! - `asyncio.run(main())` → `#[tokio::main(flavor = "current_thread")]`: one thread, as asyncio's loop has.
//!
//! Beyond the slide: a server that cannot be reached or does not answer within `--timeout`
//! (10 s by default), or whose response is larger than `--max-bytes` (16 MiB by default),
//! gets one error line on stderr and the others still print (Python's `gather` would stop at
//! the first error); the exit code is then 1.
//! Offline, the slide's servers fail on their lookups: a last line on stderr then says that
//! `--local` plays them on this machine.

use std::error::Error;
use std::io;
use std::process::ExitCode;
use std::time::Instant;

use common::http::{self, Args, Server, Timeline};
use futures::future::join_all;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;

const NAME: &str = env!("CARGO_PKG_NAME");

/// `async def get_page(server)`: each `.await` is a point where the thread leaves this fetch
/// and serves the others until the network has something for it. The request records itself
/// in `timeline`, for `--timeline`.
async fn get_page(server: &Server, max_bytes: u64, timeline: &Timeline) -> io::Result<Vec<u8>> {
    let request = http::starts(server, timeline); // prints `... starts`
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
    let timeline = Timeline::new();
    // A fetch that takes longer than --timeout is dropped where it waits, and fails.
    let coroutines = servers.iter().map(|server| async {
        let fetch = get_page(server, args.max_bytes, &timeline);
        match timeout(args.timeout, fetch).await {
            Ok(result) => result,
            Err(_elapsed) => Err(http::timed_out(args.timeout)),
        }
    });
    let results = join_all(coroutines).await; // asyncio.gather(*coroutines)
    let mut ok = true;
    for (server, data) in servers.iter().zip(results) {
        ok &= http::report(NAME, server, data);
    }
    http::elapsed(&args, "main()", start_time, &timeline);
    Ok(http::exit_on_failure(NAME, &args, ok))
}

#[cfg(test)]
mod tests;
