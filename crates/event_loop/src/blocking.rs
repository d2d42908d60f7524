//! `loop.run_in_executor(None, f)`: a blocking call on a thread of its own, awaited by a task
//! while the loop goes on. The thread wakes the task from outside the loop, through the
//! `mio::Waker` that interrupts the selector.

use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Poll, Waker};

/// Runs `f` on a new thread and gives its result, without blocking the loop. Dropping the
/// future does not stop the thread: a blocking call cannot be cancelled, only forgotten.
///
/// # Errors
/// If the system cannot start a thread.
pub async fn spawn_blocking<T, F>(f: F) -> std::io::Result<T>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    struct Outcome<T> {
        result: Option<T>,
        waker: Option<Waker>,
    }
    let outcome = Arc::new(Mutex::new(Outcome {
        result: None,
        waker: None,
    }));
    let thread_outcome = Arc::clone(&outcome);
    std::thread::Builder::new()
        .name("spawn_blocking".into())
        .spawn(move || {
            let result = f();
            let mut outcome = thread_outcome
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            outcome.result = Some(result);
            if let Some(waker) = outcome.waker.take() {
                waker.wake(); // from this thread: the loop may be waiting in its selector
            }
        })?;
    let result = std::future::poll_fn(|cx| {
        let mut outcome = outcome.lock().unwrap_or_else(PoisonError::into_inner);
        match outcome.result.take() {
            Some(result) => Poll::Ready(result),
            None => {
                outcome.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    })
    .await;
    Ok(result)
}
