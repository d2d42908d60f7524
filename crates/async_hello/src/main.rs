//! Port of `async_hello.py`: a coroutine prints `hello`, awaits a one-second sleep, and
//! prints `world`; `asyncio.run` makes an event loop and runs the coroutine to its end.
//!
//!     cargo run -p async_hello
//!
//! Python → Rust:
//! - `async def hello()` → `async fn hello()`: calling it makes a future and runs none of its
//!   body, as calling a coroutine function makes a coroutine object;
//! - `await asyncio.sleep(1)` → `tokio::time::sleep(..).await`: the coroutine pauses and
//!   leaves the thread to whatever else the event loop has to run;
//! - `asyncio.run(hello())` → a tokio runtime and [`tokio::runtime::Runtime::block_on`].

use std::error::Error;
use std::time::Duration;

async fn hello() {
    println!("hello");
    tokio::time::sleep(Duration::from_secs(1)).await;
    println!("world");
}

fn main() -> Result<(), Box<dyn Error>> {
    common::cli!().no_args();
    // `asyncio.run(hello())`, written out rather than with `#[tokio::main]` so that the line
    // reads like the slide's: make an event loop, run `hello()` on it to its end. The runtime
    // is a current-thread one, like asyncio's loop: one thread runs every coroutine. It needs
    // its timer enabled for `sleep`.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    runtime.block_on(hello());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn awaiting_the_sleep_leaves_the_thread_to_others() {
        // While hello() sleeps, another future on the same one-thread runtime runs: the
        // sleep pauses hello() alone, not the thread.
        let (started, done) = (Cell::new(false), Cell::new(false));
        let hello_then_done = async {
            started.set(true);
            hello().await; // prints "hello", then pauses at its sleep
            done.set(true);
        };
        let other = async {
            // Give hello() its turn first, whichever of the two is polled first.
            tokio::task::yield_now().await;
            started.get() && !done.get()
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        let ((), ran_while_hello_slept) =
            runtime.block_on(async { tokio::join!(hello_then_done, other) });
        assert!(ran_while_hello_slept);
        assert!(done.get());
    }
}
