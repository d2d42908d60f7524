//! Exercise timeout_fallback: a time limit on a coroutine, with a value to fall back on.

use std::time::Duration;

/// Awaits `source` for `limit` at most. Returns its value if it comes within `limit`;
/// otherwise gives up on `source` at `limit` (it is dropped, and runs no further) and
/// returns `fallback`.
pub async fn value_or_fallback<T>(
    source: impl Future<Output = T>,
    limit: Duration,
    fallback: T,
) -> T {
    // `asyncio.wait_for(source, limit)`: Err once the limit passes, and `source` is dropped.
    match tokio::time::timeout(limit, source).await {
        Ok(value) => value,
        Err(_elapsed) => fallback,
    }
}
