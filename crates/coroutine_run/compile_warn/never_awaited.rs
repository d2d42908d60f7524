//! Compiles, with one warning, on purpose: four futures made and never awaited. Try it:
//! `rustc --edition 2024 never_awaited.rs`. rustc warns only of the first, a future discarded
//! as a statement; the other three compile without a word. The test `tests/never_awaited.rs`
//! checks both. Python warns of all four, but only when the program runs, once each unused
//! coroutine object is collected.

async fn nap(name: &str) {
    println!("  {name} starts");
}

fn main() {
    nap("c"); // warned: "futures do nothing unless you `.await` or poll them"
    let _co = nap("d"); // silent: kept in a variable, never awaited
    let _ = nap("e"); // silent: dropped at once
    vec![nap("f")]; // silent: a Vec is not `#[must_use]`, though what it holds is
    println!("main ends"); // none of nap's bodies ran
}
