//! Exercise unblock_heartbeat: run a blocking call without blocking the other tasks.

/// Runs `job`, a blocking function, and returns what it returns, without blocking the thread
/// that runs this task: the other tasks on that thread (the heartbeat) must keep running
/// while `job` runs.
///
/// Calling `job()` right here would compile, and block the thread until `job` returns, as
/// `time.sleep` blocks asyncio's loop. Python hands such a call to
/// `loop.run_in_executor(None, job)`; tokio has a pool of threads for blocking work too.
pub async fn run_blocking<T, F>(job: F) -> T
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    let _ = job;
    todo!("hand `job` to another thread, and await its result")
}
