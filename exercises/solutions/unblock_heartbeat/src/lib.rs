//! Exercise unblock_heartbeat: run a blocking call without blocking the other tasks.

/// Runs `job`, a blocking function, and returns what it returns, without blocking the thread
/// that runs this task: the other tasks on that thread (the heartbeat) must keep running
/// while `job` runs.
pub async fn run_blocking<T, F>(job: F) -> T
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    // `loop.run_in_executor(None, job)`: `job` runs on tokio's pool of threads for blocking
    // work, and this task waits for it without holding its own thread.
    match tokio::task::spawn_blocking(job).await {
        Ok(value) => value,
        // The job panicked: the panic goes on here, as if `job` had been called in place.
        Err(e) => std::panic::resume_unwind(e.into_panic()),
    }
}
