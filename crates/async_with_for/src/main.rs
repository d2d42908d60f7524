//! `async for` and `async with`, the two things only a coroutine may do besides `await` (slide
//! "Things a coroutine may do"), with the StreamReader and StreamWriter calls they are used with
//! (slide "StreamReader and StreamWriter"): `readline()`, `writelines()`, `drain()`, `close()`.
//! The program takes values from an async generator, then talks to a line echo server that it
//! starts itself on a free port of 127.0.0.1. With `--cancel`, it cancels an `async with`
//! block instead, and shows where Rust and Python differ ([`cancel`]).
//!
//!     cargo run -p async_with_for
//!     cargo run -p async_with_for -- --cancel
//!     python3 crates/async_with_for/async_with_for.py [--cancel]     # the same in Python
//!
//! Python (`async_with_for.py`, beside this crate) → Rust:
//! - an async generator (`async def` with `yield`) → a [`Stream`](futures::Stream), here made by
//!   [`futures::stream::unfold`] ([`countdown()`]);
//! - `async for n in numbers` → `while let Some(n) = numbers.next().await`
//!   ([`StreamExt::next`]): Rust has no `async for` yet, and this loop is what it would do,
//!   await each next value;
//! - `await reader.readline()` → `AsyncBufReadExt::read_line` on a `BufReader` (0 bytes read:
//!   the end of the stream); `async for line in reader` → `AsyncBufReadExt::lines` and
//!   `while let Some(line) = lines.next_line().await?` (each line without its `\n`);
//! - `writer.writelines(lines)` + `await writer.drain()` → `write_all` on the socket, and
//!   `writer.close()` + `await writer.wait_closed()` → `shutdown()` (a half-close) then the
//!   drop, which closes the socket: [`connection`] says where they differ;
//! - `async with Connection(...) as conn:` →
//!   [`with_connection(addr, async |conn| { ... })`](with_connection), a function that opens
//!   the connection, runs the block, and closes the connection after it, whether it succeeded
//!   or failed. Not when it is cancelled: see [`cancel`];
//! - `asyncio.start_server(...)` and `async with server:` → [`Server::start`] and an explicit
//!   [`server.close().await`](Server::close) at the end;
//! - `asyncio.run(main())` → `#[tokio::main(flavor = "current_thread")]`: one thread runs the
//!   program and the server, as asyncio's event loop does.
//!
//! Why Rust has no `async with`: Python's `async with` calls the coroutine `__aexit__` and
//! awaits it. Rust's way to clean up at the end of a block is `Drop`, and `drop` is a plain
//! function: it cannot await. Closing a connection well needs awaits (here: say goodbye, which
//! waits while the socket is full, then send the end of the stream). So the close is a call to
//! await, in a function that takes the block as an async closure.

mod cancel;
mod connection;
mod countdown;
mod server;

use std::error::Error;
use std::pin::pin;
use std::process::ExitCode;

use common::cli::Opt;
use futures::StreamExt;

use connection::with_connection;
use countdown::countdown;
use server::Server;

/// What the client sends; each comes back.
const LINES: [&str; 2] = ["one\n", "two\n"];

async fn run() -> Result<(), Box<dyn Error>> {
    let numbers = countdown(3);
    println!("countdown(3) made; none of its code has run yet");
    // `next()` needs the stream pinned: the async step inside may hold references into
    // itself across an await, so it must not move once started.
    let mut numbers = pin!(numbers);
    while let Some(n) = numbers.next().await {
        println!("async for got {n}");
    }

    let server = Server::start().await?;
    with_connection(server.addr, async |conn| {
        conn.writelines(&LINES).await?; // returns once the socket has taken them
        println!("sent {} lines, and drained", LINES.len());
        // async for line in conn.reader, until the last line sent is back.
        while let Some(line) = conn.lines.next_line().await? {
            println!("echoed: {line}");
            if format!("{line}\n") == LINES[LINES.len() - 1] {
                break;
            }
        }
        Ok(())
    })
    .await?;
    // Written out where Python's `async with server` ends. Had an error left early (the `?`
    // above), the server would simply be dropped with the runtime when `main` returns.
    server.close().await;
    println!("server closed");
    Ok(())
}

const CANCEL: Opt = Opt::flag(
    "--cancel",
    "cancel an `async with` block instead, and show what its peer receives",
);

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let cli = common::cli!("[--cancel]").with_options(&[CANCEL]);
    let args = cli.args();
    let walked = cli.walk(&args);
    if let Some(extra) = walked.positional.first() {
        cli.fail(format!("unexpected argument '{extra}'"));
    }
    if walked.flag(CANCEL) {
        cli.exit_on_error(cancel::run().await)
    } else {
        cli.exit_on_error(run().await)
    }
}
