//! How the heartbeat and the worker are put into tasks: each in its own, or both in one.

use std::time::Duration;

use tokio::sync::oneshot;
use tokio::task::JoinError;

use crate::heartbeat::heartbeat;

/// `asyncio.gather(heartbeat(), work)`: the heartbeat and the worker, each a task of its own.
/// The worker is spawned once the heartbeat has ticked once, so that it goes first, as the
/// first task given to `gather` does. Returns the heartbeat's ticks and the worker's output;
/// an error if a task panicked.
pub async fn apart<W>(work: W) -> Result<(Vec<Duration>, W::Output), JoinError>
where
    W: Future + Send + 'static,
    W::Output: Send + 'static,
{
    let (first_tick, first_tick_taken) = oneshot::channel();
    let heartbeat = tokio::spawn(heartbeat(first_tick));
    // An error here means the heartbeat ended without ticking: awaiting it below says why.
    let _ = first_tick_taken.await;
    let worker = tokio::spawn(work);
    let output = worker.await?;
    Ok((heartbeat.await?, output))
}

/// The heartbeat and the worker joined in one task: `join!` polls both from the task it runs
/// in, in turn (`biased;`: the heartbeat first), so while the worker blocks, the heartbeat
/// cannot be polled, on however many threads.
pub async fn together<W>(work: W) -> Result<(Vec<Duration>, W::Output), JoinError>
where
    W: Future + Send + 'static,
    W::Output: Send + 'static,
{
    let (first_tick, _nobody_waits) = oneshot::channel();
    tokio::spawn(async move { tokio::join!(biased; heartbeat(first_tick), work) }).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{WORK, blocks_the_thread, one_thread, two_threads};

    // Each test checks what must hold however busy the machine is: a tick held back by the
    // blocking call cannot come before it returns.

    #[test]
    fn on_one_thread_a_blocking_worker_holds_back_the_heartbeats_own_task() {
        let (ticks, ()) = one_thread()
            .unwrap()
            .block_on(apart(blocks_the_thread()))
            .unwrap();
        // The first tick comes before the worker starts; the next not before it returns.
        assert!(ticks[0] < WORK, "{ticks:?}");
        assert!(ticks[1] >= WORK, "{ticks:?}");
        // The ticks due at 0.1 to 0.4 s are skipped: what is left is the first tick, the
        // late one, and those due at 0.6 and 0.7 s.
        assert!(ticks.len() <= 4, "{ticks:?}");
    }

    #[test]
    fn joined_in_one_task_the_heartbeat_waits_even_on_two_threads() {
        let (ticks, ()) = two_threads()
            .unwrap()
            .block_on(together(blocks_the_thread()))
            .unwrap();
        assert!(ticks[0] < WORK, "{ticks:?}");
        assert!(ticks[1] >= WORK, "{ticks:?}");
    }
}
