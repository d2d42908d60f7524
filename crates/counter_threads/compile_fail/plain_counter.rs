//! Does not compile, on purpose: five threads share a plain counter, as the threads of
//! `counter_threads.py` would without their lock. Try it: `rustc --edition 2024 plain_counter.rs`.
//! The test `tests/does_not_compile.rs` checks that rustc refuses it with error E0499.

use std::thread;

fn main() {
    let mut counter = 0;
    thread::scope(|s| {
        for _ in 0..5 {
            // Each thread's closure must borrow `counter` mutably to add to it, and Rust lets
            // only one `&mut` to a value exist at a time: the second thread is refused.
            s.spawn(|| {
                for _ in 0..10000 {
                    counter += 1;
                }
            });
        }
    });
    println!("{counter}");
}
