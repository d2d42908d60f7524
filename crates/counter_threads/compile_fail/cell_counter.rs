//! Does not compile, on purpose: five threads share async_counter's counter, a `Cell`, which can
//! be changed through a shared reference because only one thread may ever use it. Try it:
//! `rustc --edition 2024 cell_counter.rs`. The test `tests/does_not_compile.rs` checks that rustc
//! refuses it with error E0277.

use std::cell::Cell;
use std::thread;

fn main() {
    let counter = Cell::new(0);
    thread::scope(|s| {
        for _ in 0..5 {
            // A thread may borrow only what is `Sync`, safe to use from several threads at
            // once; `Cell` is not: `counter.set(counter.get() + 1)` is a read, then a write.
            s.spawn(|| {
                for _ in 0..10000 {
                    counter.set(counter.get() + 1);
                }
            });
        }
    });
    println!("{}", counter.get());
}
