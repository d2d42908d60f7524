//! Slide "Coroutines and the async keyword": calling an `async fn` runs none of its body; it
//! gives a value (Python's coroutine object, Rust's future) that runs only when something
//! drives it. Then the ways to drive one, timed for coroutines that each sleep 0.1 s: one
//! after another takes 0.2 s, together 0.1 s, and a task started before a 0.1 s sleep has
//! done its own sleep by the time it is awaited. Two together likewise: gathered, they are
//! tasks and run while main sleeps; joined, they run only once the join is awaited. And one
//! made and dropped without an await never runs at all.
//!
//!     cargo run -p coroutine_run
//!     python3 crates/coroutine_run/coroutine_run.py     # the same in Python
//!     cargo run -p coroutine_run -- --marks    # also when each nap and sleep ran, on stderr
//!
//! Python → Rust:
//! - `co = nap("a")` → `let co = nap("a")`: a coroutine object, a future, and nothing
//!   printed. What that value is differs, so each program says it on stderr (stdout holds
//!   the lines both print): Python's coroutine object lives on the heap, and `co` refers to
//!   it; Rust's future is a value of a type the compiler made for `nap`
//!   (`coroutine_run::ways::nap::{{closure}}`), as big as what it keeps across its awaits,
//!   and stored in `co` itself, like a number or a struct;
//! - `asyncio.run(co)` → a runtime's [`tokio::runtime::Runtime::block_on`]: make an event
//!   loop, run the coroutine on it to its end;
//! - `await nap("a")` then `await nap("b")` → `nap("a").await` then `nap("b").await`: the
//!   second starts when the first is done;
//! - `asyncio.gather(nap("a"), nap("b"))` → a `tokio::spawn` per coroutine, then awaiting the
//!   tasks' handles in order (`gather` in `src/ways.rs`). gather wraps each coroutine in a task
//!   at once, so it is eager: its coroutines run as soon as main pauses, awaited or not. What
//!   it returns is an `asyncio.Future` of their results;
//! - [`tokio::join!`], [`futures::future::join`] and `join_all` (for a list) differ from
//!   gather. They make no task: they are lazy, futures like any other, and start nothing until
//!   awaited. Then they poll their futures in place, on the one task that awaits them. Awaited
//!   at once, they print what gather prints; kept and awaited later, they do not. Python has
//!   no lazy join: our Python program writes one, a coroutine function that gathers;
//! - `asyncio.create_task(nap("b"))` → [`tokio::spawn`]: the task is handed to the event loop
//!   at once, and its body first runs when the current task next pauses (here, at its sleep),
//!   before anyone awaits it. A bare coroutine or future does nothing until it is awaited;
//! - a coroutine never awaited: Python notices at run time, when the object is collected, and
//!   warns on stderr `RuntimeWarning: coroutine 'nap' was never awaited`, for every one. rustc
//!   notices only a future discarded as a statement, `nap("c");`: futures are `#[must_use]`,
//!   and it warns "futures do nothing unless you `.await` or poll them". A future kept in a
//!   variable (`let _co = nap("d")`), dropped at once (`let _ = nap("e")`) or put in a list
//!   (`vec![nap("f")]`) compiles without a word (`compile_warn/never_awaited.rs`, checked by
//!   `tests/never_awaited.rs`). Dropping one on purpose is `drop(co)`.
//!
//! - `src/ways.rs`: the ways to run a coroutine, timed;
//! - `src/main.rs`: the coroutine as a value, and `asyncio.run`.
//!
//! The elapsed times are printed to a tenth of a second, rounded down, so that the lesson's
//! numbers come out the same on a busy machine: see `common::tenths`.

use std::error::Error;

use common::tenths::tenths;

mod ways;

/// What a future is, as the Rust program tells it on stderr: its type, and its size in bytes.
fn describe<F: Future>(future: &F) -> String {
    format!(
        "a future, a value of type {} and {} bytes, held in the variable itself",
        std::any::type_name_of_val(future),
        std::mem::size_of_val(future)
    )
}

fn main() -> Result<(), Box<dyn Error>> {
    common::marks::only_option(&common::cli!("[--marks]").with_options(&[common::marks::MARKS]));
    let co = ways::nap("a");
    println!(r#"calling nap("a") gives a value, and runs nothing"#);
    eprintln!(r#"note: nap("a") is {}"#, describe(&co));
    println!("run it to its end on an event loop:");
    common::marks::section("run it to its end on an event loop:");
    let started = std::time::Instant::now();
    // `asyncio.run(co)`: an event loop with one thread, and its timer for `sleep`.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    runtime.block_on(co);
    println!("  took {}s", tenths(started.elapsed()));
    // `asyncio.run(the_other_ways())` makes a second event loop; a tokio runtime can simply
    // run another future.
    runtime.block_on(ways::the_other_ways())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_future_is_described_by_its_real_type_and_size() {
        let co = ways::nap("a");
        let said = describe(&co);
        assert!(
            said.contains("coroutine_run::ways::nap::{{closure}}"),
            "{said}"
        );
        let size = format!(" {} bytes", std::mem::size_of_val(&co));
        assert!(said.contains(&size), "{said}");
        // A future that holds more is bigger: its size is that of what it keeps.
        let big = async {
            let buffer = [0u8; 1000];
            tokio::task::yield_now().await;
            buffer.len()
        };
        assert!(std::mem::size_of_val(&big) >= 1000);
    }
}
