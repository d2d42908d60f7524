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
