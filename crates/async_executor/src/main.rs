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
//! - `loop = asyncio.get_event_loop()` → an [`Executor`] for the run, and
//!   `loop.run_in_executor(None, get_page, server)` → `loop_.run_in_executor(get_page,
//!   server)`: [`tokio::task::spawn_blocking`] runs the function on tokio's pool of threads
//!   for blocking work (Python's default thread pool executor) and gives a future of its
//!   result; the work starts at once, awaited or not, and the `starts` lines come in the
//!   slide's order (see [`executor`]);
//! - `asyncio.gather(*futures)` → [`futures::future::join_all`]. Here they match: gather wraps
//!   a coroutine in a task, but what `run_in_executor` gives is already a future, started at
//!   once, and gather only waits for it. `join_all` waits for these futures in the same way;
//! - `asyncio.run(main1())`, `asyncio.run(main2())` → a runtime (event loop) built for each,
//!   with one thread, as asyncio's loop has;
//! - `timeit.default_timer()` → [`Instant::now`].
//!
//! Beyond the slide: each request is bounded ([`common::http::deadline`]). A server that
//! cannot be reached or does not answer within `--timeout` (10 s by default, from looking up
//! its name to the last byte), or whose response is larger than `--max-bytes` (16 MiB by
//! default), gets one error line on stderr, and the others still print (Python's `gather`
//! would stop at the first error); the exit code is then 1. Offline, the slide's servers fail on their lookups: a last line on stderr then says that
//! `--local` plays them on this machine.

use std::error::Error;
use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Instant;

use common::http::deadline::{Limits, connect, read_to_end};
use common::http::{self, Args, Server};
use executor::{Executor, Job};
use futures::future::join_all;

mod executor;
#[cfg(test)]
mod tests;

const NAME: &str = env!("CARGO_PKG_NAME");

/// `def get_page(server)`: an ordinary blocking function, as on the slide. It must not run on
/// the runtime's own thread: while it waits for the network, nothing else could run there.
/// `job` holds the request's limits and where it records itself for `--timeline`.
fn get_page(server: &Server, job: &mut Job) -> io::Result<Vec<u8>> {
    let request = job.starts(server); // prints `... starts`
    let Limits { timeout, max_bytes } = job.limits;
    let deadline = Instant::now() + timeout;
    let mut s = connect(server, deadline, timeout)?; // s.connect((server, 80))
    s.write_all(b"GET / HTTP/1.0\r\n\r\n")?; // s.send(...)
    let data = read_to_end(&mut s, deadline, timeout, max_bytes)?; // s.makefile("rb").read()
    request.ends(); // prints `... ends`
    Ok(data)
}

/// `async def main1()`: one server after another. Returns whether every fetch succeeded.
async fn main1(servers: &[Server], args: &Args) -> bool {
    let start_time = Instant::now();
    let loop_ = Executor::new(args); // loop = asyncio.get_event_loop()
    let mut ok = true;
    for server in servers {
        let data = loop_.run_in_executor(get_page, server).await;
        ok &= http::report(NAME, server, data);
    }
    http::elapsed(args, "main1()", start_time, &loop_.timeline);
    ok
}

/// `async def main2()`: every server at once.
async fn main2(servers: &[Server], args: &Args) -> bool {
    let start_time = Instant::now();
    let loop_ = Executor::new(args);
    let futures: Vec<_> = servers
        .iter()
        .map(|server| loop_.run_in_executor(get_page, server))
        .collect();
    let results = join_all(futures).await; // asyncio.gather(*futures)
    let mut ok = true;
    for (server, data) in servers.iter().zip(results) {
        ok &= http::report(NAME, server, data);
    }
    http::elapsed(args, "main2()", start_time, &loop_.timeline);
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
    Ok(http::exit_on_failure(NAME, &args, ok1 && ok2))
}
