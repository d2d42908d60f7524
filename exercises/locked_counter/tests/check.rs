//! The check of locked_counter: the five tasks, on one thread, count to TASKS * N.

use locked_counter::{N, TASKS, count};
use testkit::exercise::{BOUND, within};
use tokio::runtime::Builder;

const HINT: &str = "in inc, take the lock with `counter.lock().await`, then read, await \
    next_value and write through the guard; a std::sync::Mutex held across an await blocks \
    the one thread for good: use tokio::sync::Mutex";

#[test]
fn step1_five_tasks_with_an_await_between_read_and_write_count_to_50000() {
    let total = within(BOUND, HINT, || {
        let runtime = Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(count())
    });
    let expected = TASKS as u32 * N;
    assert_eq!(
        total, expected,
        "the tasks counted to {total}, not {expected}: while one awaited next_value, others \
         read the same old value.\nhint: hold the guard of `counter.lock().await` from the \
         read until the write, across the await"
    );
}
