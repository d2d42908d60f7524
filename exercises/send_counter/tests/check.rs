//! The check of send_counter: the tasks run on a multi-thread runtime, and the total is
//! TASKS * N. (Before the fix, this check does not compile: the error is the first hint.)

use send_counter::{N, TASKS, count};
use testkit::exercise::{BOUND, within};
use tokio::runtime::Builder;

#[test]
fn step1_five_tasks_on_two_threads_count_to_50000() {
    let total = within(
        BOUND,
        "count() must return once every task has ended: await each JoinHandle, and do not \
         block a thread while a task holds what another waits for",
        || {
            let runtime = Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            // `count()` itself is spawned: its future must be Send too.
            runtime
                .block_on(async { tokio::spawn(count()).await })
                .unwrap()
        },
    );
    let expected = TASKS as u32 * N;
    assert_eq!(
        total, expected,
        "the tasks counted to {total}, not {expected}: updates were lost between threads.\n\
         hint: add 1 in one step that no other thread can split: AtomicU32::fetch_add, or a \
         Mutex locked around the read and the write, never a load then a store"
    );
}
