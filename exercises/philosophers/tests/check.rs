//! The check of philosophers: every dinner ends (no deadlock), within a time bound, on one
//! thread and on many; each meal is eaten with both forks, after reaching with one in hand.

use std::time::Duration;

use philosophers::{Table, dinner};

/// How long a dinner may take before the check calls it a deadlock. One takes milliseconds.
const BOUND: Duration = Duration::from_secs(5);

fn runtime(threads: usize) -> tokio::runtime::Runtime {
    let mut builder = if threads == 1 {
        tokio::runtime::Builder::new_current_thread()
    } else {
        let mut builder = tokio::runtime::Builder::new_multi_thread();
        builder.worker_threads(threads);
        builder
    };
    builder.enable_all().build().expect("a tokio runtime")
}

/// `seats` philosophers eating `meals` times each, on `threads` threads, within BOUND.
fn dine(seats: usize, meals: usize, threads: usize) -> std::sync::Arc<Table> {
    let runtime = runtime(threads);
    let ended = runtime.block_on(async { tokio::time::timeout(BOUND, dinner(seats, meals)).await });
    runtime.shutdown_background(); // a deadlocked dinner's tasks are left behind, not waited for
    ended.unwrap_or_else(|_| {
        panic!(
            "{seats} philosophers eating {meals} times each on {threads} thread(s) did not finish \
             within {} s: each holds one fork and waits for the next one's (a deadlock)\n\
             hint: take the lower-numbered fork first (fork.number), then the other: the circle \
             of waits then cannot close",
            BOUND.as_secs()
        )
    })
}

#[test]
fn step1_five_philosophers_finish() {
    let table = dine(5, 10, 1);
    let meals = table.meals();
    assert!(
        meals == [10; 5],
        "the meals eaten were {meals:?}, want 10 each\n\
         hint: dine_once eats exactly once: one call of table.eat(seat)"
    );
}

#[test]
fn step2_each_meal_with_both_forks() {
    let table = dine(5, 10, 1);
    let mistakes = table.mistakes();
    assert!(
        mistakes.is_empty(),
        "{} mistakes, the first: {}\n\
         hint: take one fork, call table.reach(seat), take the other, then eat; keep both \
         `Held` values alive until table.eat(seat) has returned",
        mistakes.len(),
        mistakes.first().map_or("", String::as_str)
    );
}

#[test]
fn step3_reaches_once_per_meal() {
    let table = dine(5, 10, 1);
    let reaches = table.reaches();
    assert!(
        reaches == 50,
        "50 meals, but table.reach was called {reaches} times\n\
         hint: call table.reach(seat) once per meal, between the first fork and the second"
    );
}

#[test]
fn step4_two_and_seven_philosophers() {
    for seats in [2, 7] {
        let table = dine(seats, 10, 1);
        let meals = table.meals();
        assert!(
            meals.iter().all(|&m| m == 10) && table.mistakes().is_empty(),
            "{seats} philosophers ate {meals:?} times, with mistakes {:?}\n\
             hint: use the forks table.forks_of(seat) gives, whatever the number of seats",
            table.mistakes()
        );
    }
}

#[test]
fn step5_on_four_threads() {
    let table = dine(5, 200, 4);
    let meals = table.meals();
    let mistakes = table.mistakes();
    assert!(
        meals == [200; 5] && mistakes.is_empty(),
        "on 4 threads, the philosophers ate {meals:?} times, with {} mistakes: {:?}\n\
         hint: hold both forks while you eat; an order of forks that works on one thread \
         works on many",
        mistakes.len(),
        mistakes.first()
    );
}
