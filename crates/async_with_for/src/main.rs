//! `async for` and `async with`, the two things only a coroutine may do besides `await` (slide
//! "Things a coroutine may do"), with the StreamReader and StreamWriter calls they are used with
//! (slide "StreamReader and StreamWriter"): `readline()`, `writelines()`, `drain()`, `close()`.
//! The program takes values from an async generator, then talks to a line echo server that it
//! starts itself on a free port of 127.0.0.1.
//!
//!     cargo run -p async_with_for
//!
//! Python (`async_with_for.py`, beside this crate) → Rust:
//! - an async generator (`async def` with `yield`) → a [`Stream`], here made by
//!   [`futures::stream::unfold`]: a state and an async step that gives the next value and the
//!   next state, or `None` at the end;
//! - `async for n in numbers` → `while let Some(n) = numbers.next().await`
//!   ([`StreamExt::next`]): Rust has no `async for` yet, and this loop is what it would do,
//!   await each next value;
//! - `await reader.readline()` → [`AsyncBufReadExt::read_line`] on a [`BufReader`] (0 bytes read:
//!   the end of the stream); `async for line in reader` → [`AsyncBufReadExt::lines`] and
//!   `while let Some(line) = lines.next_line().await?` (each line without its `\n`);
//! - `writer.writelines(lines)` → `write_all` of each line into a [`BufWriter`], which keeps them
//!   in memory; `await writer.drain()` → [`AsyncWriteExt::flush`], which hands them to the socket
//!   in one write and waits until it has taken them;
//! - `async with Connection(...) as conn:` → [`with_connection`]`(addr, async |conn| { ... })`, a
//!   function that opens the connection, runs the block, and closes the connection however the
//!   block ended; `writer.close()` + `await writer.wait_closed()` → [`AsyncWriteExt::shutdown`];
//! - `asyncio.start_server(...)` and `async with server:` → [`Server::start`] (a
//!   [`TcpListener`] and a task that accepts) and an explicit [`Server::close`]`.await` at the end;
//! - `asyncio.run(main())` → `#[tokio::main(flavor = "current_thread")]`: one thread runs the
//!   program and the server, as asyncio's event loop does.
//!
//! Why Rust has no `async with`: Python's `async with` calls the coroutine `__aexit__` and
//! awaits it. Rust's way to clean up at the end of a block is `Drop`, and `drop` is a plain
//! function: it cannot await. Closing a connection well needs awaits: what sits in the
//! `BufWriter` must still be written (the socket may be full, so that waits), then the end of the
//! stream sent. A dropped `BufWriter` throws its bytes away. So the close is a call to await, and
//! a function that takes the block as an async closure makes sure it is made on every way out.

use std::error::Error;
use std::io;
use std::net::SocketAddr;
use std::pin::pin;
use std::process::ExitCode;
use std::time::Duration;

use futures::stream::{self, Stream, StreamExt};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, BufWriter, Lines};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// What the client sends; the server closes the connection after echoing `bye`.
const LINES: [&str; 3] = ["one\n", "two\n", "bye\n"];

/// `async def countdown(n)`: an async generator of `n`, `n - 1`, ... 1, pausing 0.1 s before
/// each. Making the stream runs none of its code; each `next().await` runs one step.
fn countdown(n: u32) -> impl Stream<Item = u32> {
    stream::unfold(n, |n| async move {
        if n == 0 {
            println!("countdown is done");
            return None; // the end: `async for` stops, as on StopAsyncIteration
        }
        // A plain iterator could not wait here: its `next` must return a value at once.
        tokio::time::sleep(Duration::from_millis(100)).await;
        println!("countdown yields {n}");
        Some((n, n - 1)) // yield n; the state for the next step is n - 1
    })
}

/// The server's side of one connection: each line back as it came, until `bye`.
async fn echo_lines(stream: TcpStream) -> io::Result<()> {
    // Two halves, as asyncio hands the callback a reader and a writer.
    let (reader, mut writer) = stream.into_split();
    let mut reader = BufReader::new(reader);
    let mut line = String::new();
    // while line := await reader.readline():
    while reader.read_line(&mut line).await? > 0 {
        writer.write_all(line.as_bytes()).await?; // writer.write(line); await writer.drain()
        if line == "bye\n" {
            break;
        }
        line.clear(); // read_line appends to what the string holds
    }
    writer.shutdown().await // writer.close(); await writer.wait_closed()
}

/// `asyncio.start_server(echo_lines, "127.0.0.1", 0)`: a listening socket, and a task that
/// accepts each client and starts a task to serve it.
struct Server {
    /// The address the system chose (port 0 asks for any free port).
    addr: SocketAddr,
    accepting: JoinHandle<()>,
}

impl Server {
    async fn start() -> io::Result<Server> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let accepting = tokio::spawn(async move {
            loop {
                match listener.accept().await {
                    Ok((stream, _peer)) => {
                        tokio::spawn(async move {
                            if let Err(e) = echo_lines(stream).await {
                                eprintln!("async_with_for: server: {e}");
                            }
                        });
                    }
                    Err(e) => {
                        eprintln!("async_with_for: server: cannot accept: {e}");
                        break;
                    }
                }
            }
        });
        Ok(Server { addr, accepting })
    }

    /// The end of `async with server`: `server.close()` and `await server.wait_closed()`. The
    /// accepting task is stopped at its next await, and awaiting it waits until it has ended
    /// and dropped the listening socket.
    async fn close(self) {
        self.accepting.abort();
        let _cancelled = self.accepting.await; // Err(JoinError::Cancelled), as asked
    }
}

/// What `Connection.__aenter__` returns: the reader and the writer of one TCP connection.
struct Connection {
    lines: Lines<BufReader<OwnedReadHalf>>,
    writer: BufWriter<OwnedWriteHalf>,
}

impl Connection {
    /// `asyncio.open_connection(host, port)`.
    async fn open(addr: SocketAddr) -> io::Result<Connection> {
        let (reader, writer) = TcpStream::connect(addr).await?.into_split();
        Ok(Connection {
            lines: BufReader::new(reader).lines(),
            writer: BufWriter::new(writer),
        })
    }

    /// `writer.writelines(lines)`: each line goes into the writer's buffer, and nothing is
    /// sent yet (`write_all` would wait only if the buffer, 8 KiB, filled up).
    async fn writelines(&mut self, lines: &[&str]) -> io::Result<()> {
        for line in lines {
            self.writer.write_all(line.as_bytes()).await?;
        }
        Ok(())
    }

    /// `await writer.drain()`: the buffered lines go to the socket, in one write.
    async fn drain(&mut self) -> io::Result<()> {
        self.writer.flush().await
    }

    /// `writer.close()` + `await writer.wait_closed()`: write what is still buffered, then send
    /// the end of the stream. Dropping the connection afterwards closes the socket.
    async fn close(mut self) -> io::Result<()> {
        self.writer.shutdown().await
    }
}

/// `async with Connection(host, port) as conn: body`: opens the connection, runs `body` on it,
/// and closes it whether `body` succeeded or failed; then returns what `body` returned. As in
/// Python, a failure to close is the error that goes on.
async fn with_connection<T>(
    addr: SocketAddr,
    body: impl AsyncFnOnce(&mut Connection) -> io::Result<T>,
) -> io::Result<T> {
    let mut conn = Connection::open(addr).await?; // __aenter__
    println!("connection opened");
    let result = body(&mut conn).await;
    conn.close().await?; // __aexit__, also after an error in `body`
    println!("connection closed");
    result
}

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
        conn.writelines(&LINES).await?; // three lines handed over, none sent yet
        conn.drain().await?; // wait once, until the socket has taken them
        println!("writelines: {} lines, then one drain", LINES.len());
        // async for line in conn.reader: `None` when the server has closed its side.
        while let Some(line) = conn.lines.next_line().await? {
            println!("echoed: {line}");
        }
        println!("the server closed its side");
        Ok(())
    })
    .await?;
    // Written out where Python's `async with server` ends. Had an error left early (the `?`
    // above), the server would simply be dropped with the runtime when `main` returns.
    server.close().await;
    println!("server closed");
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let cli = common::cli!();
    cli.no_args();
    cli.exit_on_error(run().await)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use tokio::io::AsyncReadExt;

    #[tokio::test(flavor = "current_thread")]
    async fn a_stream_runs_only_when_asked_for_its_next_value() {
        let steps = Cell::new(0);
        let numbers = stream::unfold(0, |n| {
            steps.set(steps.get() + 1);
            async move { (n < 2).then_some((n, n + 1)) }
        });
        let mut numbers = pin!(numbers);
        assert_eq!(steps.get(), 0);
        assert_eq!(numbers.next().await, Some(0));
        assert_eq!(steps.get(), 1);
        assert_eq!(numbers.collect::<Vec<_>>().await, [1]);
        assert_eq!(steps.get(), 3);
    }

    #[tokio::test(flavor = "current_thread")]
    async fn the_connection_is_closed_and_flushed_when_the_block_fails() {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
        let addr = listener.local_addr().unwrap();
        let result = with_connection(addr, async |conn| {
            conn.writelines(&["not drained\n"]).await?;
            Err::<(), _>(io::Error::other("the block failed"))
        })
        .await;
        assert_eq!(result.unwrap_err().to_string(), "the block failed");
        // The close wrote what the block had left in the buffer, then the end of the stream:
        // dropping the connection instead would have thrown the line away.
        let (mut peer, _) = listener.accept().await.unwrap();
        let mut received = String::new();
        peer.read_to_string(&mut received).await.unwrap();
        assert_eq!(received, "not drained\n");
    }

    #[tokio::test(flavor = "current_thread")]
    async fn the_server_echoes_each_line_until_bye() {
        let server = Server::start().await.unwrap();
        let addr = server.addr;
        let mut client = TcpStream::connect(addr).await.unwrap();
        client.write_all(b"a\n\nb\nbye\n").await.unwrap();
        let mut echoed = String::new();
        client.read_to_string(&mut echoed).await.unwrap();
        assert_eq!(echoed, "a\n\nb\nbye\n");
        server.close().await;
        // Closed: the listening socket is gone, and a new client is refused.
        assert!(TcpStream::connect(addr).await.is_err());
    }
}
