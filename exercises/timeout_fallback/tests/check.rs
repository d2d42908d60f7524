//! The check of timeout_fallback, on tokio's paused clock: time passes only when every task
//! waits, and then it jumps to the next timer. No wall clock is read, so a busy machine
//! changes nothing; a source that never answers costs nothing to wait for.

use std::future::pending;
use std::time::Duration;

use testkit::exercise::{BOUND, within};
use timeout_fallback::value_or_fallback;
use tokio::runtime::Builder;
use tokio::time::{Instant, sleep};

const HINT: &str = "await the source only through tokio::time::timeout(limit, source): it \
    gives Ok(value) if source answers in time, Err at the limit (then return the fallback)";

/// Runs `body` on one thread with the clock paused, and returns what it gives with the
/// time it took on that clock.
fn on_paused_clock<T: Send + 'static>(
    body: impl Future<Output = T> + Send + 'static,
) -> (T, Duration) {
    within(BOUND, HINT, || {
        let runtime = Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            .build()
            .unwrap();
        runtime.block_on(async {
            let started = Instant::now();
            let value = body.await;
            (value, started.elapsed())
        })
    })
}

/// A source that answers `value` after `delay`.
async fn answer_after(delay: Duration, value: u32) -> u32 {
    sleep(delay).await;
    value
}

#[test]
fn step1_a_source_in_time_gives_its_value_as_soon_as_it_answers() {
    let source = answer_after(Duration::from_secs(1), 7);
    let (value, took) = on_paused_clock(value_or_fallback(source, Duration::from_secs(5), 0));
    assert_eq!(
        value, 7,
        "a source answering 7 after 1 s, with a limit of 5 s, gave {value}\nhint: when \
         the source answers within the limit, return its value"
    );
    assert_eq!(
        took,
        Duration::from_secs(1),
        "it returned after {took:?} on the clock, not when the source answered (1 s)\nhint: \
         do not sleep until the limit: timeout(limit, source) ends as soon as source does"
    );
}

#[test]
fn step2_a_slow_source_gives_way_to_the_fallback_at_the_limit() {
    let source = answer_after(Duration::from_secs(60), 7);
    let (value, took) = on_paused_clock(value_or_fallback(source, Duration::from_secs(2), 0));
    assert_eq!(
        value, 0,
        "a source answering 7 after 60 s, with a limit of 2 s and a fallback of 0, gave \
         {value}\nhint: when the limit comes first, return the fallback"
    );
    assert_eq!(
        took,
        Duration::from_secs(2),
        "the fallback came after {took:?} on the clock, not at the limit (2 s)\nhint: do not \
         await the source first and look at the time after: timeout(limit, source) gives up \
         at the limit"
    );
}

#[test]
fn step3_a_source_that_never_answers_gives_the_fallback() {
    let (value, took) = on_paused_clock(value_or_fallback(
        pending::<&str>(),
        Duration::from_secs(3),
        "fallback",
    ));
    assert_eq!(value, "fallback", "hint: return the fallback at the limit");
    assert_eq!(
        took,
        Duration::from_secs(3),
        "the fallback came after {took:?}, not at the limit (3 s)\nhint: give up on the \
         source at the limit"
    );
}
