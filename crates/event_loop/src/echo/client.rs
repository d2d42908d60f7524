//! `event_loop echo-client [--timeout SECS] [HOST [PORT]]`: echo_client's program (the slides'
//! `echo_client.py`) on this crate's loop: the same lines, errors and exit codes.

use std::error::Error;
use std::io;
use std::time::Duration;

use event_loop::{TcpStream, lookup_host, timeout};

/// `asyncio.open_connection(host, port)`: the first address of `host` that accepts.
async fn open_connection(host: &str, port: u16) -> Result<TcpStream, String> {
    let where_ = common::pyrepr::host_port(host, port);
    let addrs = lookup_host(host, port)
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

/// Reads `len` bytes: the whole echo, however TCP splits it.
async fn read_echo(stream: &TcpStream, len: usize) -> io::Result<Vec<u8>> {
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
pub async fn echo_client(host: &str, port: u16, limit: Duration) -> Result<(), Box<dyn Error>> {
    let where_ = common::pyrepr::host_port(host, port);
    let within = format!("within {} s", limit.as_secs_f64());
    let connecting = timeout(limit, open_connection(host, port)).await;
    let stream =
        connecting.map_err(|_| format!("cannot connect to {where_}: no answer {within}"))??;
    let n: u32 = rand::random_range(1..=100);
    let text = format!("Hello, {n} is my lucky number!");
    let echo = async {
        stream.write_all(text.as_bytes()).await?;
        println!("Sent to server:  {text}");
        read_echo(&stream, text.len()).await
    };
    let data = match timeout(limit, echo).await {
        Err(_) => return Err(format!("no echo from {where_} {within}").into()),
        Ok(echoed) => echoed.map_err(|e| format!("connection to {where_} failed: {e}"))?,
    };
    println!("Received from server:  {}", String::from_utf8_lossy(&data));
    let closed = stream.shutdown().await;
    closed.map_err(|e| format!("connection to {where_} failed: {e}"))?;
    Ok(())
}
