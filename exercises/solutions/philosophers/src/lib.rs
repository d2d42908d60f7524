//! Dining philosophers, as tokio tasks: each needs the two forks beside it to eat, and shares
//! each fork with a neighbour.

#[path = "../../../philosophers/src/table.rs"]
mod table;

use std::sync::Arc;

pub use table::{Fork, Held, Table};

/// Philosopher `seat` eats once: takes both forks, calling `table.reach(seat)` between the
/// first and the second, then `table.eat(seat)`, then puts the forks back.
pub async fn dine_once(table: &Table, seat: usize) {
    let (left, right) = table.forks_of(seat);
    // Every philosopher takes the lower-numbered fork first. Then the last one, whose right
    // fork is fork 0, waits for fork 0 before taking any: no circle of philosophers each
    // holding one fork and waiting for the next, so no deadlock.
    let (first, second) = if left.number < right.number {
        (left, right)
    } else {
        (right, left)
    };
    let _first = first.take(seat).await;
    table.reach(seat).await;
    let _second = second.take(seat).await;
    table.eat(seat).await;
    // Both forks go back here, as `_first` and `_second` are dropped.
}

/// `seats` philosophers at a round table, each a task eating `meals` times. The table gives
/// the record of what they did.
pub async fn dinner(seats: usize, meals: usize) -> Arc<Table> {
    let table = Arc::new(Table::new(seats));
    let mut tasks = Vec::new();
    for seat in 0..seats {
        let table = Arc::clone(&table);
        tasks.push(tokio::spawn(async move {
            for _ in 0..meals {
                dine_once(&table, seat).await;
            }
        }));
    }
    for task in tasks {
        if let Err(error) = task.await {
            std::panic::resume_unwind(error.into_panic());
        }
    }
    table
}
