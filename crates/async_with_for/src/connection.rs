//! `async with Connection(host, port) as conn:` in Rust: a [`Connection`], and
//! [`with_connection`], which runs a block on it and closes it after.
//!
//! StreamWriter → Rust, where they differ:
//! - `writer.writelines(lines)` sends at once what the socket takes, never waits, and keeps
//!   what the socket does not take in the transport's buffer; `await writer.drain()` waits only
//!   while that buffer is too full (past 64 KiB, until it is down to 16 KiB). Rust has no
//!   buffer in between: [`AsyncWriteExt::write_all`] on the socket hands it every byte, and
//!   waits while the socket is full. So `writelines` + `drain` → one `write_all` of the lines
//!   ([`Connection::writelines`]). They differ only when the socket is full: `drain` returns
//!   while up to 64 KiB still wait in Python's buffer, `write_all` once the socket has taken
//!   the last byte. (A [`tokio::io::BufWriter`] would differ more: it keeps small writes in its
//!   buffer, and sends them on `flush` or when the next write would overflow the buffer; what
//!   is still in it when it is dropped is lost.)
//! - `writer.close()` + `await writer.wait_closed()` → [`AsyncWriteExt::shutdown`], then the
//!   drop. `shutdown` sends FIN, a half-close: "I will send no more", and the connection can
//!   still read. The socket itself is closed when both halves are dropped.

use std::io;
use std::net::SocketAddr;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, Lines};
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};

/// What a client says before it closes; the server then closes too.
pub const GOODBYE: &str = "bye\n";

/// What `Connection.__aenter__` returns: the reader and the writer of one TCP connection.
pub struct Connection {
    pub lines: Lines<BufReader<OwnedReadHalf>>,
    pub writer: OwnedWriteHalf,
}

impl Connection {
    /// `asyncio.open_connection(host, port)`.
    pub async fn open(addr: SocketAddr) -> io::Result<Connection> {
        let (reader, writer) = TcpStream::connect(addr).await?.into_split();
        Ok(Connection {
            lines: BufReader::new(reader).lines(),
            writer,
        })
    }

    /// `writer.writelines(lines)` and `await writer.drain()`: the lines, in one write.
    pub async fn writelines(&mut self, lines: &[&str]) -> io::Result<()> {
        self.writer.write_all(lines.concat().as_bytes()).await
    }

    /// `Connection.__aexit__`: say goodbye, send the end of the stream, and (on return, as
    /// `self` is dropped) close the socket. Every step but the last awaits.
    pub async fn close(mut self) -> io::Result<()> {
        self.writer.write_all(GOODBYE.as_bytes()).await?;
        self.writer.shutdown().await
    }
}

/// `async with Connection(host, port) as conn: body`: opens the connection, runs `body` on it,
/// and closes it whether `body` succeeded or failed; then returns what `body` returned. As in
/// Python, a failure to close is the error that goes on.
///
/// Not on every way out: this is plain code after an `await`, and Rust has no async `Drop`.
/// A future that is cancelled (dropped, as `tokio::time::timeout` drops it) runs none of it,
/// and only the synchronous drops of what it holds (see the `cancel` module).
pub async fn with_connection<T>(
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use tokio::io::{AsyncReadExt, BufWriter};
    use tokio::net::TcpListener;
    use tokio::time::timeout;

    /// Every wait on the peer has a bound.
    const BOUND: Duration = Duration::from_secs(10);

    async fn listener() -> (TcpListener, SocketAddr) {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
        let addr = listener.local_addr().unwrap();
        (listener, addr)
    }

    #[tokio::test(flavor = "current_thread")]
    async fn the_connection_is_closed_when_the_block_fails() {
        let (listener, addr) = listener().await;
        let result = with_connection(addr, async |conn| {
            conn.writelines(&["one\n"]).await?;
            Err::<(), _>(io::Error::other("the block failed"))
        })
        .await;
        assert_eq!(result.unwrap_err().to_string(), "the block failed");
        let (mut peer, _) = listener.accept().await.unwrap();
        let mut received = String::new();
        timeout(BOUND, peer.read_to_string(&mut received))
            .await
            .expect("no end of the stream: the connection was not closed")
            .unwrap();
        assert_eq!(received, "one\nbye\n");
    }

    #[tokio::test(flavor = "current_thread")]
    async fn writelines_sends_at_once_with_no_flush() {
        let (listener, addr) = listener().await;
        let mut conn = Connection::open(addr).await.unwrap();
        conn.writelines(&["one\n", "two\n"]).await.unwrap();
        // The connection is still open, and nothing flushed: the peer has the lines already.
        let (mut peer, _) = listener.accept().await.unwrap();
        let mut received = [0; 8];
        timeout(BOUND, peer.read_exact(&mut received))
            .await
            .expect("the lines were not sent before a flush or a close")
            .unwrap();
        assert_eq!(&received, b"one\ntwo\n");
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_dropped_bufwriter_throws_its_bytes_away() {
        let (listener, addr) = listener().await;
        let mut buffered = BufWriter::new(TcpStream::connect(addr).await.unwrap());
        buffered.write_all(b"kept in memory\n").await.unwrap();
        drop(buffered); // no flush: the socket is closed, and the line never sent
        let (mut peer, _) = listener.accept().await.unwrap();
        let mut received = String::new();
        timeout(BOUND, peer.read_to_string(&mut received))
            .await
            .expect("no end of the stream")
            .unwrap();
        assert_eq!(received, "");
    }
}
