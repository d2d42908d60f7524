//! async_counter's unit tests: the total with and without an await between read and write, and
//! the turns the tasks take.

use super::*;
use std::cell::RefCell;
use std::future::{Future, poll_fn};

/// `inc(counter, task)`, noting in `turns` the number `task` once for each increment it makes.
fn recorded<'a>(
    task: usize,
    counter: &'a Cell<u32>,
    turns: &'a RefCell<Vec<usize>>,
) -> impl Future<Output = ()> + 'a {
    let mut coroutine = Box::pin(inc(counter, task));
    poll_fn(move |cx| {
        let before = counter.get();
        let poll = coroutine.as_mut().poll(cx);
        for _ in before..counter.get() {
            turns.borrow_mut().push(task);
        }
        poll
    })
}

fn run_count(await_between: bool) -> u32 {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(count(await_between))
}

#[test]
fn no_update_is_lost_while_nothing_awaits_between_read_and_write() {
    assert_eq!(run_count(false), 50000);
}

#[test]
fn an_await_between_read_and_write_loses_four_updates_in_five() {
    // Each round, the five read the same value before any writes: one update in five is
    // kept, in every run.
    assert_eq!(run_count(true), N);
}

#[test]
fn the_tasks_take_turns() {
    let counter = Cell::new(0);
    let turns = RefCell::new(Vec::new());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(join_all(
        (0..COROUTINES).map(|task| recorded(task, &counter, &turns)),
    ));
    let turns = turns.into_inner();
    assert_eq!(counter.get(), 50000);
    assert_eq!(turns.len(), 50000);
    // Task 1 made its first increment long before task 0 made its last: they interleave,
    // rather than running one after another.
    let first_of_1 = turns.iter().position(|&t| t == 1).unwrap();
    let last_of_0 = turns.iter().rposition(|&t| t == 0).unwrap();
    assert!(first_of_1 < last_of_0, "{first_of_1} {last_of_0}");
    // Each yield hands the thread to the next task: one increment per turn, in order.
    assert_eq!(turns[..10], [0, 1, 2, 3, 4, 0, 1, 2, 3, 4]);
}
