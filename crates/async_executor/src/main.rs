//! Port of `async_executor.py`: a blocking function (a page fetch on a plain socket) run from
//! async code without blocking the event loop, by handing it to a pool of threads. `main1`
//! awaits each fetch before it starts the next; `main2` starts them all, then awaits them
//! together, and takes about as long as the slowest one instead of the sum.
//!
//!     cargo run -p async_executor -- --local              # the slide's servers, played locally
//!     cargo run -p async_executor -- --local --timeline   # and a chart of each run
//!     cargo run -p async_executor                         # the slide's real servers (online)
//!     cargo run -p async_executor -- example.org 127.0.0.1:8080 '[::1]:8080'
//!
//! Python → Rust:
//! - `get_page(server)` on a blocking `socket` → the same on [`std::net::TcpStream`]: each
//!   call holds its thread until the whole page is in;
//! - `loop.run_in_executor(None, get_page, server)` → [`tokio::task::spawn_blocking`]: runs the
//!   function on tokio's pool of threads for blocking work (Python's default thread pool
//!   executor) and gives a future of its result; the work starts at once, awaited or not
//!   (here `run_in_executor` also waits, without blocking, until the job has begun, so that
//!   the `starts` lines come in the slide's order);
//! - `asyncio.gather(*futures)` → [`futures::future::join_all`];
//! - `asyncio.run(main1())`, `asyncio.run(main2())` → a runtime (event loop) built for each,
//!   with one thread, as asyncio's loop has;
//! - `timeit.default_timer()` → [`Instant::now`].
//!
//! Beyond the slide: a server that cannot be reached or does not answer within `--timeout`
//! (10 s by default, from looking up its name to the last byte), or whose response is larger
//! than `--max-bytes` (16 MiB by default), gets one error line on stderr and the others still
//! print (Python's `gather` would stop at the first error); the exit code is then 1.

use std::error::Error;
use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Instant;

use common::http::{self, Args, Server};
use deadline::{Limits, connect, read_to_end};
use futures::future::join_all;
use tokio::sync::oneshot;
use tokio::task;

mod deadline;

const NAME: &str = env!("CARGO_PKG_NAME");

/// `def get_page(server)`: an ordinary blocking function, as on the slide. It must not run on
/// the runtime's own thread: while it waits for the network, nothing else could run there.
/// `started` is called once the `starts` line is out (see [`run_in_executor`]).
fn get_page(server: &Server, limits: Limits, started: impl FnOnce()) -> io::Result<Vec<u8>> {
    let request = http::starts(server); // prints `... starts`
    started();
    let Limits { timeout, max_bytes } = limits;
    let deadline = Instant::now() + timeout;
    let mut s = connect(server, deadline, timeout)?; // s.connect((server, 80))
    s.write_all(b"GET / HTTP/1.0\r\n\r\n")?; // s.send(...)
    let data = read_to_end(&mut s, deadline, timeout, max_bytes)?; // s.makefile("rb").read()
    request.ends(); // prints `... ends`
    Ok(data)
}

/// `loop.run_in_executor(None, get_page, server)`: hands get_page to tokio's pool of threads
/// for blocking work, and gives back a future of its result.
///
/// It gives the future back once get_page has begun, as Python's does in effect: its executor
/// starts a worker thread and waits until the thread runs, and the GIL then lets the worker go
/// on to its first blocking call, past its `print`. So the `starts` lines come in the order of
/// the servers, as on the slide. Without the wait, the pool's threads, which truly run in
/// parallel, would print them in whatever order the system schedules them. The wait is a
/// future too: the event loop is not blocked meanwhile.
async fn run_in_executor(
    server: &Server,
    limits: Limits,
) -> impl Future<Output = io::Result<Vec<u8>>> + use<> {
    let server = server.clone(); // the pool thread needs its own copy
    let (begun, has_begun) = oneshot::channel();
    let handle = task::spawn_blocking(move || {
        get_page(&server, limits, || {
            let _ = begun.send(());
        })
    });
    let _ = has_begun.await;
    // A JoinError means get_page panicked: report it as this server's failure.
    async move { handle.await.unwrap_or_else(|e| Err(io::Error::other(e))) }
}

/// `async def main1()`: one server after another. Returns whether every fetch succeeded.
async fn main1(servers: &[Server], args: &Args) -> bool {
    let start_time = Instant::now();
    let mut ok = true;
    for server in servers {
        let future = run_in_executor(server, Limits::of(args)).await;
        let data = future.await; // await loop.run_in_executor(...)
        ok &= http::report(NAME, server, data);
    }
    http::elapsed(args, "main1()", start_time);
    ok
}

/// `async def main2()`: every server at once.
async fn main2(servers: &[Server], args: &Args) -> bool {
    let start_time = Instant::now();
    let mut futures = Vec::new();
    for server in servers {
        futures.push(run_in_executor(server, Limits::of(args)).await); // begun, not awaited
    }
    let results = join_all(futures).await; // asyncio.gather(*futures)
    let mut ok = true;
    for (server, data) in servers.iter().zip(results) {
        ok &= http::report(NAME, server, data);
    }
    http::elapsed(args, "main2()", start_time);
    ok
}

/// `asyncio.run(...)` makes a new event loop each time: so does this.
fn new_event_loop() -> io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
}

fn main() -> Result<ExitCode, Box<dyn Error>> {
    let args = Args::from_cli(&common::cli!(http::USAGE));
    // With --local, the stand-ins start here, on threads of their own that outlive both runs.
    let servers = args.servers(NAME)?;
    let ok1 = new_event_loop()?.block_on(main1(&servers, &args)); // asyncio.run(main1())
    let ok2 = new_event_loop()?.block_on(main2(&servers, &args)); // asyncio.run(main2())
    Ok(http::exit_code(ok1 && ok2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use testkit::servers;

    fn args(servers: &[Server]) -> Args {
        Args {
            local: false,
            timeout: Duration::from_secs(20),
            max_bytes: http::DEFAULT_MAX_BYTES,
            timeline: false,
            servers: servers.to_vec(),
        }
    }

    fn limits(timeout: Duration, max_bytes: u64) -> Limits {
        Limits { timeout, max_bytes }
    }

    #[test]
    fn main2_sends_every_request_before_it_waits_for_any() {
        // Each server holds its answer until all three requests are in: fetched one by one,
        // the first would never be answered.
        let (addrs, outcomes) =
            servers::hold_until_all(3, b"HTTP/1.0 200 OK\r\n\r\nhi".to_vec()).unwrap();
        let servers: Vec<Server> = addrs.into_iter().map(Server::at).collect();
        let ok = new_event_loop()
            .unwrap()
            .block_on(main2(&servers, &args(&servers)));
        assert!(ok);
        for _ in 0..3 {
            let outcome = outcomes.recv_timeout(servers::HOLD_BOUND).unwrap();
            assert_eq!(outcome, Ok(()));
        }
    }

    #[test]
    fn get_page_returns_the_whole_response() {
        let response = b"HTTP/1.0 200 OK\r\n\r\n".repeat(10_000);
        let (addr, requests) = servers::answering(response.clone()).unwrap();
        let data = get_page(&Server::at(addr), Limits::of(&args(&[])), || {}).unwrap();
        assert_eq!(data, response);
        assert_eq!(requests.recv().unwrap(), b"GET / HTTP/1.0\r\n\r\n");
    }

    #[test]
    fn a_response_of_max_bytes_is_read_and_one_byte_more_is_not() {
        let response = b"HTTP/1.0 200 OK\r\n\r\n".repeat(5); // 95 bytes
        let (addr, _) = servers::answering(response.clone()).unwrap();
        let twenty_s = Duration::from_secs(20);
        let data = get_page(&Server::at(addr), limits(twenty_s, 95), || {}).unwrap();
        assert_eq!(data, response);
        let err = get_page(&Server::at(addr), limits(twenty_s, 94), || {}).unwrap_err();
        assert_eq!(err.to_string(), "response larger than 94 bytes");
    }

    #[test]
    fn an_endless_response_stops_at_max_bytes() {
        let (addr, sent) = servers::endless().unwrap();
        let limits = limits(Duration::from_secs(60), 1 << 20);
        let err = get_page(&Server::at(addr), limits, || {}).unwrap_err();
        assert_eq!(err.to_string(), "response larger than 1048576 bytes");
        // The server's writes fail once the connection is dropped: it had sent at least
        // what was read.
        let sent = sent.recv_timeout(Duration::from_secs(60)).unwrap();
        assert!(sent > 1 << 20, "{sent}");
    }

    #[test]
    fn a_silent_server_is_given_up() {
        let addr = servers::silent().unwrap();
        let limits = limits(Duration::from_millis(300), http::DEFAULT_MAX_BYTES);
        let err = get_page(&Server::at(addr), limits, || {}).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
        assert_eq!(err.to_string(), "no answer within 0.3 s");
    }

    #[test]
    fn a_refused_connection_is_an_error_not_a_panic() {
        let addr = servers::refused().unwrap();
        let err = get_page(&Server::at(addr), Limits::of(&args(&[])), || {}).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::ConnectionRefused);
    }
}
