//! Exercise limited_fetch: http_client's fetches, at most [`AT_ONCE`] at a time.

use std::io;

use futures::future::join_all;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::Semaphore;

/// The most fetches under way at once.
pub const AT_ONCE: usize = 2;

/// http_client's request: connects to `target` (`HOST:PORT`), asks for `/` over HTTP/1.0,
/// and reads the response to its end (the server closes the connection after it).
pub async fn get_page(target: &str) -> io::Result<Vec<u8>> {
    let mut stream = TcpStream::connect(target).await?;
    stream.write_all(b"GET / HTTP/1.0\r\n\r\n").await?;
    let mut page = Vec::new();
    stream.read_to_end(&mut page).await?;
    Ok(page)
}

/// Fetches the page of every target with [`get_page`], all at once as http_client does, but
/// never more than [`AT_ONCE`] at a time: a fetch waits for a place before it connects, and
/// gives its place back when done. Returns the results in the order of `targets`.
pub async fn fetch_all(targets: &[String]) -> Vec<io::Result<Vec<u8>>> {
    // AT_ONCE permits: a fetch holds one from before it connects until it is done.
    let places = Semaphore::new(AT_ONCE);
    let fetches = targets.iter().map(|target| async {
        // Err only if the semaphore were closed, which this one never is.
        let _place = places.acquire().await.map_err(io::Error::other)?;
        get_page(target).await
        // `_place` is dropped here: the permit goes back, and the next fetch waiting starts.
    });
    join_all(fetches).await // asyncio.gather(*coroutines)
}
