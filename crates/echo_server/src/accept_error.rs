//! What `serve_forever` does when `accept` fails.
//!
//! The slide's program has nothing to do here: asyncio logs the error and pauses on its own.
//! Written in Rust as `listener.accept().await?`, the server would end at the first failure;
//! written as a loop that retries at once, it would spin. Out of file descriptors (`EMFILE`)
//! or memory, the pending connection stays queued, so `accept` fails again at once, for as
//! long as the shortage lasts: a loop without a pause takes a whole core and starves the tasks
//! that could close their connections and end the shortage.

use std::io;
use std::time::Duration;

use log::error;
use tokio::net::TcpListener;

/// How long to wait after a failed `accept` before the next: asyncio's pause, 1 s, is long for
/// a server whose clients come and go in milliseconds; a tenth of that lets the others run.
pub const PAUSE: Duration = Duration::from_millis(100);

/// Logs the failure of `accept` on `listener`, then pauses so that the other tasks run.
pub async fn pause(listener: &TcpListener, e: io::Error) {
    let local = listener.local_addr().map(common::pyrepr::address);
    error!(
        "Cannot accept a connection on {}: {e}",
        local.unwrap_or_default()
    );
    tokio::time::sleep(PAUSE).await;
}
