//! `event_loop --trace-io`: one echo exchange on one loop, traced. A server task accepts one
//! connection and echoes it; a client task connects, sends `hello`, and reads until the
//! server's end of stream. Every wait is for a socket: the trace shows the selector (`woken
//! by io`) handing the turn from one task to the other.

use std::net::SocketAddr;

use event_loop::{TcpListener, TcpStream, spawn};

/// The server's side: one connection, one read echoed, then end of stream.
async fn echo_once(listener: TcpListener) -> std::io::Result<()> {
    let (stream, _) = listener.accept().await?;
    let mut data = [0u8; 1024];
    let n = stream.read(&mut data).await?;
    stream.write_all(&data[..n]).await?;
    stream.shutdown().await
}

/// The client's side: `hello`, then everything that comes back until end of stream.
async fn say_hello(addr: SocketAddr) -> std::io::Result<Vec<u8>> {
    let stream = TcpStream::connect(addr).await?;
    stream.write_all(b"hello").await?;
    let mut reply = Vec::new();
    let mut data = [0u8; 1024];
    loop {
        let n = stream.read(&mut data).await?;
        if n == 0 {
            return Ok(reply);
        }
        reply.extend_from_slice(&data[..n]);
    }
}

/// The traced exchange; prints what the client received, as Python prints bytes.
pub async fn exchange() -> std::io::Result<()> {
    let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await?;
    let addr = listener.local_addr()?;
    let server = spawn(echo_once(listener));
    let client = spawn(say_hello(addr));
    let reply = client.await.map_err(std::io::Error::other)??;
    server.await.map_err(std::io::Error::other)??;
    println!("{}", common::pyrepr::bytes(&reply));
    Ok(())
}
