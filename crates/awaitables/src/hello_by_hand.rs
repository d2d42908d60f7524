//! async_hello's `hello()` as the compiler makes it: what an `async fn` is compiled into.
//!
//! Calling an `async fn` runs none of its body: it returns a value of a type the compiler
//! writes, a state machine with one state for each place the function can stand (before its
//! start, at each `await`, after its end), and a `poll` method that runs it from where it
//! stands to its next `await` that is not ready. [`Hello`] is that machine for `hello()`,
//! written out.
//!
//! It is generator_next's `GenNumbers` again: a function turned into a value that keeps where
//! it stands, resumed from outside. There the caller's `next()` runs it to its next `yield`;
//! here the runtime's `poll` runs it to its next `await`, and `Pending` says "not done, wake
//! me". (Python's counterpart, in awaitables.py, is a class whose `__await__` is a generator.
//! A Python coroutine shares a generator's machinery, a frame that pauses and resumes, but it
//! is a coroutine, not a generator: `inspect.isgenerator(hello())` is `False`.)

use std::pin::Pin;
use std::task::{Context, Poll, ready};

use tokio::time::{Sleep, sleep};

use crate::PAUSE;

/// `hello()` as a value: each state keeps what the function needs from there on.
pub enum Hello {
    /// Made, and nothing run: the body starts at the first poll.
    Start,
    /// Paused at `sleep(PAUSE).await`, keeping the sleep it waits for. (The compiler keeps it in
    /// place inside the state machine; by hand that takes `unsafe` pin code, so it is boxed.)
    Sleeping(Pin<Box<Sleep>>),
    /// Returned.
    Done,
}

/// What calling `hello()` does: makes the state machine, and runs nothing.
pub fn hello_by_hand() -> Hello {
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
                    return Poll::Ready(());
                }
                // Polled again after its end: it stays done. (The compiler's machine panics.)
                Hello::Done => return Poll::Ready(()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::future::poll_fn;

    #[test]
    fn hello_by_hand_goes_through_its_states() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        runtime.block_on(async {
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
