//! The check of unblock_heartbeat. No clock is read: a blocking job counts the heartbeat's
//! ticks that reach it while it runs, and it runs until it has heard three, or gives up.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use testkit::exercise::{BOUND, within};
use tokio::runtime::{Builder, Runtime};
use unblock_heartbeat::run_blocking;

/// The ticks the job waits to hear while it blocks.
const TICKS: usize = 3;
/// How long the job waits for them before it gives up: far longer than three ticks of
/// 10 ms take, however busy the machine.
const GIVE_UP: Duration = Duration::from_secs(10);

const HINT: &str = "in src/lib.rs, replace the todo!(): hand `job` to \
    tokio::task::spawn_blocking(job) and await what it gives (a Result: its Ok is job's value)";

/// One thread runs every task, as asyncio's loop does.
fn one_thread() -> Runtime {
    Builder::new_current_thread().enable_all().build().unwrap()
}

#[test]
fn step2_the_heartbeat_keeps_ticking_while_the_job_blocks() {
    let heard = within(BOUND, HINT, || {
        one_thread().block_on(async {
            let (tick, ticks) = mpsc::channel::<()>();
            let job_runs = Arc::new(AtomicBool::new(false));
            // The heartbeat: every 10 ms, a tick, sent to the job while the job runs.
            let running = Arc::clone(&job_runs);
            let heartbeat = tokio::spawn(async move {
                let mut interval = tokio::time::interval(Duration::from_millis(10));
                loop {
                    interval.tick().await;
                    if running.load(Ordering::SeqCst) && tick.send(()).is_err() {
                        return;
                    }
                }
            });
            // The job blocks its thread until it has heard TICKS ticks.
            let job = move || {
                job_runs.store(true, Ordering::SeqCst);
                let mut heard = 0;
                while heard < TICKS && ticks.recv_timeout(GIVE_UP).is_ok() {
                    heard += 1;
                }
                job_runs.store(false, Ordering::SeqCst);
                heard
            };
            let heard = run_blocking(job).await;
            heartbeat.abort();
            heard
        })
    });
    assert_eq!(
        heard, TICKS,
        "while the job blocked, the heartbeat ticked {heard} times in {GIVE_UP:?}: the job \
         blocked the thread the heartbeat runs on.\nhint: do not call job() in the task: \
         tokio::task::spawn_blocking(job) runs it on another thread"
    );
}

#[test]
fn step1_it_returns_what_the_job_returns() {
    let answer = within(BOUND, HINT, || {
        one_thread().block_on(run_blocking(|| 6 * 7))
    });
    assert_eq!(
        answer, 42,
        "run_blocking(|| 6 * 7) gave {answer}\nhint: return the job's own value"
    );
}
