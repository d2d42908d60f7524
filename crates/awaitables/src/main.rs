//! The slide "Awaitables and the await keyword": three kinds of values can follow `await`,
//! and here each is awaited the same way, `x.await`, and prints what async_hello's `hello()`
//! prints.
//!
//!     cargo run -p awaitables
//!
//! Python → Rust:
//! - a coroutine, `co = hello()` → `let coroutine = hello();` for an `async fn hello()`: a
//!   future, and none of the body has run; `await co` → `coroutine.await` runs it;
//! - a task, `asyncio.create_task(hello())` → `tokio::spawn(hello())`: the runtime starts it at
//!   its next turn, awaited or not; `await task` → `task.await` on its
//!   [`tokio::task::JoinHandle`], which gives a `Result`: an error if the task panicked;
//! - a future, `asyncio.Future` (low-level) → a type that implements [`Future`] by hand, with a
//!   `poll` method. In Rust every awaitable is one: an `async fn` is turned by the compiler into
//!   such a type, a state machine, and [`Hello`] below is that machine for `hello()` written
//!   out.
//!
//! [`Hello`] is generator_next's `GenNumbers` again: a function turned into a value that keeps
//! where it stands, resumed from outside. There the caller's `next()` runs it to its next
//! `yield`; here the event loop's `poll` runs it to its next `await`, and `Pending` says "not
//! done, wake me". (awaitables.py makes its future differently: an `asyncio.Future` is a box
//! for a result, filled in by callbacks that the loop calls.)

use std::error::Error;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use tokio::time::{Sleep, sleep};

/// async_hello's one second, shortened.
const PAUSE: Duration = Duration::from_millis(100);

/// async_hello's `hello()`: a coroutine function.
async fn hello() {
    println!("hello");
    sleep(PAUSE).await;
    println!("world");
}

/// `hello()` as the compiler makes it: a value with one state for each place the function can
/// stand, that is before its start, at each `await`, and after its end. Each state keeps what
/// the function needs from there on.
enum Hello {
    /// Made, and nothing run: the body starts at the first poll.
    Start,
    /// Paused at `sleep(PAUSE).await`, keeping the sleep it waits for. (The compiler keeps it in
    /// place inside the state machine; by hand that takes `unsafe` pin code, so it is boxed.)
    Sleeping(Pin<Box<Sleep>>),
    /// Returned.
    Done,
}

/// The coroutine function: makes the state machine, runs nothing.
fn hello_by_hand() -> Hello {
    Hello::Start
}

impl Future for Hello {
    type Output = ();

    /// Runs the body from where it stands to the next `await` that is not ready, or to its end.
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        loop {
            match &mut *self {
                Hello::Start => {
                    println!("hello");
                    *self = Hello::Sleeping(Box::pin(sleep(PAUSE)));
                }
                Hello::Sleeping(sleeping) => {
                    // Not slept enough: return Pending, and stay in this state. The sleep has
                    // handed our waker to tokio's timer, which calls it when the time is up.
                    ready!(sleeping.as_mut().poll(cx));
                    println!("world");
                    *self = Hello::Done;
                }
                // Polled again after its end. (The compiler's machine panics here.)
                Hello::Done => return Poll::Ready(()),
            }
        }
    }
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

    let task = tokio::spawn(hello());
    println!("task: hello() wrapped in a task");
    tokio::task::yield_now().await; // main yields the CPU: the runtime starts the task
    println!("task: started without being awaited; main awaits it now");
    task.await?;
    println!("task: awaited");

    println!("future: making hello() by hand");
    let future = hello_by_hand();
    println!("future: made; none of it has run yet");
    future.await;
    println!("future: awaited");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::future::poll_fn;

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
    fn hello_by_hand_goes_through_its_states() {
        runtime().block_on(async {
            let mut hello = hello_by_hand();
            assert!(matches!(hello, Hello::Start));
            // The first poll runs it to the sleep, and it pauses there.
            let first = poll_fn(|cx| Poll::Ready(Pin::new(&mut hello).poll(cx))).await;
            assert!(first.is_pending());
            assert!(matches!(hello, Hello::Sleeping(_)));
            (&mut hello).await;
            assert!(matches!(hello, Hello::Done));
            // Polled again, it stays done.
            let again = poll_fn(|cx| Poll::Ready(Pin::new(&mut hello).poll(cx))).await;
            assert!(again.is_ready());
        });
    }
}
