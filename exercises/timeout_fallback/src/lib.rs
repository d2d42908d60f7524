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
    let _ = (source, limit, fallback);
    todo!("await `source` with a time limit, and return `fallback` if the limit comes first")
}
