//! Compiles, with a warning, on purpose: a future made and left unused. Try it:
//! `rustc --edition 2024 never_awaited.rs`. The test `tests/never_awaited.rs` checks that rustc
//! warns that futures do nothing unless awaited. Python warns of the same mistake only when the
//! program runs, and only once the unused coroutine object is collected.

async fn nap(name: &str) {
    println!("  {name} starts");
}

fn main() {
    nap("c"); // made, never awaited: none of nap's body runs
    println!("main ends");
}
