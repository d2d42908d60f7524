//! The slide "Awaitables and the await keyword": three kinds of values can follow `await`, a
//! coroutine, a task and a future. They are three different things, and each is awaited the
//! same way, `x.await`.
//!
//!     cargo run -p awaitables
//!     python3 crates/awaitables/awaitables.py     # the same in Python
//!
//! Python → Rust:
//! - a coroutine, `co = hello()` → `let coroutine = hello();` for an `async fn hello()`: a
//!   value, and none of the body has run; `await co` → `coroutine.await` runs it. What the
//!   compiler makes of an `async fn` is a state machine that implements [`Future`];
//!   [`hello_by_hand::Hello`] is that machine for `hello()`, written out (Python's counterpart:
//!   a class whose `__await__` is a generator);
//! - a task, `asyncio.create_task(hello())` → `tokio::spawn(hello())`: the runtime runs it on
//!   its own, awaited or not; `await task` → `task.await` on its [`tokio::task::JoinHandle`],
//!   which waits for its end and gives a `Result`: an error if the task panicked;
//! - a future, `loop.create_future()` → a [`oneshot`] channel: an empty placeholder that runs
//!   nothing by itself, and that somebody else fills. `future.set_result(x)` → `sender.send(x)`,
//!   and `await future` → `receiver.await`.
//!
//! The word "future" means two things here. In Python, an `asyncio.Future` is that placeholder,
//! and a coroutine is something else. In Rust, `Future` is the trait of everything that can be
//! awaited: the coroutine, the `JoinHandle` and the oneshot receiver all implement it.

mod hello_by_hand;

use std::error::Error;
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::time::sleep;

use hello_by_hand::hello_by_hand;

/// async_hello's one second, shortened.
const PAUSE: Duration = Duration::from_millis(100);

/// async_hello's `hello()`: a coroutine function.
async fn hello() {
    println!("hello");
    sleep(PAUSE).await;
    println!("world");
}

/// Fills `placeholder` after running `hello()`: the someone else that calls `set_result`.
async fn hello_then_set(placeholder: oneshot::Sender<u32>) {
    hello().await;
    // Err only if nobody holds the receiver any more: then there is no one to tell.
    let _ = placeholder.send(42);
}

// `asyncio.run(main())` on a current-thread runtime: one thread, as asyncio's loop.
#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn Error>> {
    common::cli!().no_args();

    println!("coroutine: calling hello()");
    let coroutine = hello();
    println!("coroutine: called; none of its body has run yet");
    coroutine.await;
    println!("coroutine: awaited");

    println!("coroutine by hand: calling hello_by_hand()");
    let coroutine = hello_by_hand();
    println!("coroutine by hand: called; none of it has run yet");
    coroutine.await;
    println!("coroutine by hand: awaited");

    let task = tokio::spawn(hello());
    println!("task: hello() wrapped in a task; main does not await it");
    // Main goes on with its own awaits, and only looks now and then whether the task has ended.
    while !task.is_finished() {
        sleep(PAUSE / 4).await;
    }
    println!("task: it ran to its end unawaited; main awaits it now");
    task.await?; // at once: it has ended; an error had it panicked
    println!("task: awaited");

    let (placeholder, future) = oneshot::channel();
    println!("future: an empty one made; nothing will run it");
    tokio::spawn(hello_then_set(placeholder));
    println!("future: another task runs hello(), then puts a result in");
    // Waits until the result is in. An error had the sender been dropped without sending.
    let result = future.await?;
    println!("future: awaited, and it held: {result}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::pin::pin;
    use std::task::Poll;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap()
    }

    #[test]
    fn an_async_fn_runs_nothing_until_awaited() {
        let started = Cell::new(false);
        let coroutine = async { started.set(true) };
        assert!(!started.get());
        runtime().block_on(coroutine);
        assert!(started.get());
    }

    #[test]
    fn the_placeholder_stays_pending_until_another_task_fills_it() {
        runtime().block_on(async {
            let (placeholder, future) = oneshot::channel();
            let mut future = pin!(future);
            // Polled alone, an empty placeholder is not ready, and runs nothing to become so.
            let polled = std::future::poll_fn(|cx| Poll::Ready(future.as_mut().poll(cx))).await;
            assert!(polled.is_pending());
            tokio::spawn(hello_then_set(placeholder));
            assert_eq!(future.await.unwrap(), 42);
        });
    }
}
