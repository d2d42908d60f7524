//! Gathering what a streaming client has already sent into one write.
//!
//! The slide's loop reads 1024 bytes and writes them back, one write per read. Small writes go
//! out at once, one packet each (TCP_NODELAY, set in `serve_forever`, as asyncio sets it), so
//! without this module 64 MiB echoed 1 KiB per write moved at half the speed of cecho, which
//! lets Nagle's algorithm merge them (README, Performance). A client that waits for its answer
//! has sent nothing more, so it still gets its answer at once: the extra `try_read` that finds
//! nothing is the same "would block" read a plain `read().await` would make next.

use std::io;

use tokio::net::TcpStream;

/// The most bytes gathered into one write when a client streams.
pub const GATHER: usize = 64 * 1024;

/// After a read that filled `data`: reads on, without waiting (`try_read`), what the client
/// has already sent, up to [`GATHER`] bytes in all. Returns them, `data` first, and whether
/// the client has closed its side meanwhile.
pub fn gather(stream: &TcpStream, data: &mut [u8]) -> io::Result<(Vec<u8>, bool)> {
    let mut pending = data.to_vec();
    while pending.len() < GATHER {
        match stream.try_read(data) {
            Ok(0) => return Ok((pending, true)),
            Ok(m) => pending.extend_from_slice(&data[..m]),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => break, // nothing more yet
            Err(e) => return Err(e),
        }
    }
    Ok((pending, false))
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::time::{Duration, Instant};

    use tokio::io::AsyncReadExt;
    use tokio::net::TcpSocket;

    use super::*;

    /// How far ahead the client is: twice the cap, all sent before the server reads.
    const AHEAD: usize = 2 * GATHER;

    /// The longest wait for the client's bytes to reach the server's socket.
    const ARRIVAL: Duration = Duration::from_secs(10);

    #[tokio::test]
    async fn gathers_no_more_than_the_cap_from_a_client_far_ahead() {
        // A listener whose connections can hold all the client sends, unread.
        let socket = TcpSocket::new_v4().unwrap();
        socket.set_recv_buffer_size(4 * AHEAD as u32).unwrap();
        socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let listener = socket.listen(1).unwrap();
        let mut client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (server, _) = listener.accept().await.unwrap();
        let sent: Vec<u8> = (0..AHEAD).map(|i| (i % 251) as u8).collect();
        let sending = sent.clone();
        // A thread of its own: were the socket to take less, the wait below says so.
        let writer = std::thread::spawn(move || client.write_all(&sending).map(|()| client));

        // Wait until every byte sent is in the server's socket, unread.
        let deadline = Instant::now() + ARRIVAL;
        let mut peeked = vec![0u8; AHEAD + 1];
        loop {
            let n = server.peek(&mut peeked).await.unwrap();
            if n == AHEAD {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "only {n} of the {AHEAD} bytes sent reached the server's socket in {ARRIVAL:?}"
            );
        }

        // What the echo loop does: a full read, then gather.
        let mut server = server;
        let mut data = [0u8; 1024];
        server.read_exact(&mut data).await.unwrap();
        let (pending, closed) = gather(&server, &mut data).unwrap();
        assert_eq!(
            pending.len(),
            GATHER,
            "gathered {} bytes with {AHEAD} waiting: the cap is {GATHER}",
            pending.len()
        );
        assert_eq!(pending, sent[..GATHER]);
        assert!(!closed);
        drop(writer.join().unwrap().unwrap());
    }
}
