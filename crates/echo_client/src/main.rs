//! Port of `echo_client.py`: connects to an echo server, sends one line, and prints what it
//! sent and what came back.
//!
//!     cargo run -p echo_server &                  # or any RFC 862 echo server
//!     cargo run -p echo_client [HOST [PORT]]      # defaults: localhost 7000
//!     cargo run -p echo_client -- --timeout 2     # wait 2 s at most (default 10)
//!
//! Python → Rust:
//! - `reader, writer = await asyncio.open_connection(host, port)` → [`open_connection`]:
//!   [`tokio::net::lookup_host`], then [`TcpStream::connect`] to each address in turn until
//!   one accepts, as asyncio does; one [`TcpStream`] is both reader and writer;
//! - `random.randint(1, 100)` → [`rand::random_range(1..=100)`](rand::random_range);
//! - `writer.write(...)` + `await writer.drain()` → [`AsyncWriteExt::write_all`];
//! - `print("Sent to server: ", text)` → `println!("Sent to server:  {text}")`: `print` puts a
//!   space between its two arguments, hence two spaces after the colon (the slide's page
//!   shows more spaces on its first line, fewer on its second: page layout, not output; its
//!   `slide.txt` has what Python really prints);
//! - `await reader.read(1024)` → [`read_echo`]: TCP may deliver the echo in several pieces,
//!   and one `read` returns only the first, so this reads until every byte sent has come back;
//! - `data.decode("utf-8")` → [`String::from_utf8_lossy`]: bytes that are not UTF-8 are
//!   printed as `�` instead of raising `UnicodeDecodeError`;
//! - `writer.close()` + `await writer.wait_closed()` → [`AsyncWriteExt::shutdown`];
//! - `asyncio.run(echo_client(host, port))` → `#[tokio::main(flavor = "current_thread")]`.
//!
//! Beyond the slide: asyncio would wait for ever for a server that accepts and never answers.
//! Here connecting, then the whole echo, must each be done within `--timeout` (10 s by
//! default), with [`tokio::time::timeout`]; else one error line says what did not come.
//!
//! Exit codes: 0 echoed, 1 cannot connect (refused, host that does not resolve, no answer in
//! time) or the connection failed (no whole echo in time, or an error), 2 bad command line.

use std::error::Error;
use std::io;
use std::process::ExitCode;
use std::time::Duration;

use common::cli::client::Args;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;

const HOST: &str = "localhost";
const PORT: u16 = 7000;

/// `asyncio.open_connection(host, port)`: the first address of `host` that accepts.
async fn open_connection(host: &str, port: u16) -> Result<TcpStream, String> {
    let where_ = common::pyrepr::host_port(host, port);
    let addrs = tokio::net::lookup_host((host, port))
        .await
        .map_err(|e| format!("cannot connect to {where_}: cannot resolve host '{host}': {e}"))?;
    let mut last_error = None;
    for addr in addrs {
        match TcpStream::connect(addr).await {
            Ok(stream) => return Ok(stream),
            Err(e) => last_error = Some(e),
        }
    }
    Err(match last_error {
        Some(e) => format!("cannot connect to {where_}: {e}"),
        None => format!("cannot connect to {where_}: host '{host}' has no address"),
    })
}

/// Reads `len` bytes: the whole echo of what was sent, however TCP splits it. A server that
/// closes before echoing everything is an error that says how much arrived.
async fn read_echo(stream: &mut (impl AsyncRead + Unpin), len: usize) -> io::Result<Vec<u8>> {
    let mut data = vec![0u8; len];
    let mut got = 0;
    while got < len {
        let n = stream.read(&mut data[got..]).await?;
        if n == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("the server closed the connection after echoing {got} of {len} bytes"),
            ));
        }
        got += n;
    }
    Ok(data)
}

/// `async def echo_client(host, port)`, where connecting, then the echo, may each take
/// `limit` at most.
async fn echo_client(host: &str, port: u16, limit: Duration) -> Result<(), Box<dyn Error>> {
    let where_ = common::pyrepr::host_port(host, port);
    let within = format!("within {} s", limit.as_secs_f64());
    // A wait that passes the limit is dropped where it waits, and becomes the error.
    let Ok(connected) = timeout(limit, open_connection(host, port)).await else {
        return Err(format!("cannot connect to {where_}: no answer {within}").into());
    };
    let mut stream = connected?; // refused, or a host that does not resolve
    let failed = |e: io::Error| format!("connection to {where_} failed: {e}");
    let n: u32 = rand::random_range(1..=100);
    let text = format!("Hello, {n} is my lucky number!");
    let echo = async {
        stream.write_all(text.as_bytes()).await?;
        println!("Sent to server:  {text}");
        read_echo(&mut stream, text.len()).await
    };
    let Ok(echoed) = timeout(limit, echo).await else {
        return Err(format!("no echo from {where_} {within}").into());
    };
    let data = echoed.map_err(failed)?; // a reset, or the server closed before the end
    let text = String::from_utf8_lossy(&data);
    println!("Received from server:  {text}");
    stream.shutdown().await.map_err(failed)?;
    Ok(())
}

// `asyncio.run(...)`: one thread runs the coroutine, as asyncio's event loop does.
#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let cli = common::cli!(common::cli::client::USAGE);
    let args = Args::from_cli(&cli, HOST, PORT);
    cli.exit_on_error(echo_client(&args.host, args.port, args.timeout).await)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn reads_an_echo_split_in_pieces() {
        // A reader that hands out the bytes a few at a time, as TCP may.
        let mut reader = pieces(&[b"Hel", b"lo, 3 is ", b"my lucky number!"]);
        let data = read_echo(&mut reader, 28).await.unwrap();
        assert_eq!(data, b"Hello, 3 is my lucky number!");
    }

    #[tokio::test]
    async fn an_echo_cut_short_is_an_error() {
        let mut reader = pieces(&[b"Hello"]);
        let err = read_echo(&mut reader, 28).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof);
        assert!(err.to_string().contains("5 of 28"), "{err}");
    }

    /// The pieces, one per `read`, then end of stream: a chain of byte slices.
    fn pieces(pieces: &[&'static [u8]]) -> impl AsyncRead + Unpin {
        let mut reader: std::pin::Pin<Box<dyn AsyncRead + Send>> = Box::pin(tokio::io::empty());
        for piece in pieces.iter().rev() {
            reader = Box::pin(AsyncReadExt::chain(*piece, reader));
        }
        reader
    }
}
