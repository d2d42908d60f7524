//! Style 1, callbacks: say what to do with the answer when asking; each next step nests
//! inside the callback that delivered the step before.

use std::time::Duration;

use tokio::sync::oneshot;

use crate::{DELAY, print_sum};

/// `loop.call_later(delay, callback)`: runs `callback` once `delay` has passed. The callback
/// runs in a task of its own, started now, so it must own what it uses (`'static`); `Send`
/// because `tokio::spawn` asks it of every task, even on a one-thread runtime.
pub fn call_later(delay: Duration, callback: impl FnOnce() + Send + 'static) {
    tokio::spawn(async move {
        tokio::time::sleep(delay).await;
        callback();
    });
}

/// Asks the slow source for `n`, and says what to do with it once it is in.
fn slow_number_then(n: u32, callback: impl FnOnce(u32) + Send + 'static) {
    call_later(DELAY, move || callback(n));
}

/// The job: both numbers, then their sum, then `done`.
pub fn with_callbacks(done: Done) {
    slow_number_then(3, move |a| {
        slow_number_then(4, move |b| {
            print_sum("callbacks", a, b);
            done();
        });
    });
}

/// What the last callback calls when the job is finished: `loop.stop`.
pub type Done = Box<dyn FnOnce() + Send>;

/// `job(done=loop.stop)` and `loop.run_forever()`: starts `job` and waits until one of its
/// callbacks calls `done`. A callback that panics ends its task without calling `done`; then
/// `done`, dropped with that task, can never be called, and this says so: an error, not a job
/// taken for finished. (asyncio logs a callback's exception and goes on, so `run_forever`
/// would wait for ever; our Python program stops the loop on it instead.)
pub async fn until_done(job: impl FnOnce(Done)) -> Result<(), &'static str> {
    let (stop, stopped) = oneshot::channel();
    job(Box::new(move || {
        // Nobody waits any more only if the program is ending; then nobody needs to hear.
        let _ = stop.send(());
    }));
    stopped
        .await
        .map_err(|_| "a callback failed before the job was done")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap()
    }

    #[test]
    fn a_job_that_calls_done_is_done() {
        let finished = runtime().block_on(until_done(|done| call_later(DELAY, done)));
        assert_eq!(finished, Ok(()));
    }

    #[test]
    fn a_callback_that_panics_is_an_error_not_the_end_of_the_job() {
        let finished = runtime().block_on(until_done(|done| {
            call_later(DELAY, move || {
                let _never_called = done;
                panic!("a callback fails before calling done (on purpose, in a test)");
            })
        }));
        assert_eq!(finished, Err("a callback failed before the job was done"));
    }
}
