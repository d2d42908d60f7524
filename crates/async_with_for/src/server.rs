//! `asyncio.start_server(echo_lines, "127.0.0.1", 0)`: a line echo server on a free port.

use std::io;
use std::net::SocketAddr;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

use crate::connection::GOODBYE;

/// The server's side of one connection: each line back as it came, until the goodbye.
async fn echo_lines(stream: TcpStream) -> io::Result<()> {
    // Two halves, as asyncio hands the callback a reader and a writer.
    let (reader, mut writer) = stream.into_split();
    let mut reader = BufReader::new(reader);
    let mut line = String::new();
    // while line := await reader.readline():
    while reader.read_line(&mut line).await? > 0 {
        if line == GOODBYE {
            break;
        }
        writer.write_all(line.as_bytes()).await?; // writer.write(line); await writer.drain()
        line.clear(); // read_line appends to what the string holds
    }
    Ok(()) // writer.close(), not awaited: the halves are dropped here, and the socket closed
}

/// A listening socket, and a task that accepts each client and starts a task to serve it.
pub struct Server {
    /// The address the system chose (port 0 asks for any free port).
    pub addr: SocketAddr,
    accepting: JoinHandle<()>,
}

impl Server {
    pub async fn start() -> io::Result<Server> {
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
    pub async fn close(self) {
        self.accepting.abort();
        let _cancelled = self.accepting.await; // Err(JoinError::Cancelled), as asked
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncReadExt;

    #[tokio::test(flavor = "current_thread")]
    async fn the_server_echoes_each_line_until_the_goodbye() {
        let server = Server::start().await.unwrap();
        let addr = server.addr;
        let mut client = TcpStream::connect(addr).await.unwrap();
        client.write_all(b"a\n\nb\nbye\n").await.unwrap();
        let mut echoed = String::new();
        let bound = std::time::Duration::from_secs(10);
        tokio::time::timeout(bound, client.read_to_string(&mut echoed))
            .await
            .expect("the server did not close after the goodbye")
            .unwrap();
        assert_eq!(echoed, "a\n\nb\n");
        server.close().await;
        // Closed: the listening socket is gone, and a new client is refused.
        assert!(TcpStream::connect(addr).await.is_err());
    }
}
