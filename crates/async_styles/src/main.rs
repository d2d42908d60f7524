//! Slide "Asynchronous programming": the five ways it lists to run code outside the current
//! flow, each doing the same small job: get two numbers, each from a slow source that answers
//! after 0.1 s, and print their sum. All five print `3 + 4 = 7`; what differs is how the code
//! says "go on when the answer is in", and what that costs. The futures run once more with a
//! source that fails: that run prints the error, to show where it goes.
//!
//!     cargo run -p async_styles
//!     python3 crates/async_styles/async_styles.py     # the same in Python
//!
//! Python → Rust, style by style, with the price of each:
//! - callbacks: `loop.call_later(delay, callback, n)` → [`callbacks::call_later`], a task that
//!   sleeps and then calls the closure. Each step that needs an earlier answer nests inside the
//!   callback that delivered it, and the result can only be passed on to yet another callback
//!   (here `done`): nothing is returned to the caller. A callback that fails never calls the
//!   next one: [`callbacks::until_done`] reports it rather than take the job for finished;
//! - futures (promises): `loop.create_future()` with `add_done_callback` → a [`Future`] of a
//!   `Result`, chained with [`futures::TryFutureExt::and_then`] (the next step gives another
//!   future) and [`futures::TryFutureExt::map_ok`] (the next step gives a value). The chain is
//!   a value that can be passed around and returned, and an error skips every later step to
//!   the end of the chain, where it is handled once: the second `futures:` line is the chain
//!   whose second source fails. The price: every earlier answer a later step needs must be
//!   carried along by hand (`move |b| (a, b)`). Python's futures have only
//!   `add_done_callback`, so our Python program writes `then` and `map_result` on top of it,
//!   passing on an exception as a promise does. Rust's futures are also lazy: the chain does
//!   nothing until it is awaited, where an asyncio future's timer is already running;
//! - coroutines: `async def` / `await` → `async fn` / `.await`. The code reads like the
//!   blocking version, top to bottom, with ordinary variables; the price is the `async`
//!   keyword that spreads to every caller, and a runtime to run it;
//! - event-driven: an `asyncio.Queue` of events and a loop calling a handler for each → a
//!   [`tokio::sync::mpsc`] channel of [`events::Event`]s and a `while let` loop that `match`es
//!   each to its handler. Sources and handlers know nothing of each other, and events may come
//!   in any order; the price is the flow of the job, cut into handlers, and what they must
//!   remember between events, kept in a state of its own ([`events::Operands`]);
//! - reactive: async generators chained into a pipeline → a [`futures::Stream`] with
//!   operators: [`futures::StreamExt::then`] (each number after its delay),
//!   [`futures::StreamExt::chunks`] (two at a time), [`futures::StreamExt::for_each`]. The job
//!   is a declaration of how values flow; the price is a vocabulary of operators to learn, and
//!   a flow harder to follow in a debugger.
//!
//! Every style runs on one thread, as on asyncio's loop: `#[tokio::main(flavor =
//! "current_thread")]`. One module per style but the coroutines, which need none:
//! `callbacks.rs`, `promises.rs`, `events.rs`, `reactive.rs`.

use std::error::Error;
use std::process::ExitCode;
use std::time::Duration;

mod callbacks;
mod events;
mod promises;
mod reactive;

/// How long the slow source takes to answer.
const DELAY: Duration = Duration::from_millis(100);

fn print_sum(style: &str, a: u32, b: u32) {
    println!("{:<12}{a} + {b} = {}", format!("{style}:"), a + b);
}

/// The slow source, as a future: a value that will hold `n` after [`DELAY`]. Nothing happens
/// until it is polled.
async fn slow_number(n: u32) -> u32 {
    tokio::time::sleep(DELAY).await;
    n
}

// 3. Coroutines: the code reads top to bottom; each await pauses until the answer is in.

async fn with_coroutines() {
    let a = slow_number(3).await;
    let b = slow_number(4).await;
    print_sum("coroutines", a, b);
}

async fn all_five_styles() -> Result<(), Box<dyn Error>> {
    // `loop.run_forever()` until the last callback calls `loop.stop()`, or a callback fails.
    callbacks::until_done(callbacks::with_callbacks).await?;
    // A chain that ends with an error is handled where it ends: here, by printing the error.
    promises::with_futures(false).await?;
    if let Err(error) = promises::with_futures(true).await {
        println!(
            "{:<12}{error}: passed on to the end of the chain",
            "futures:"
        );
    }
    with_coroutines().await;
    events::with_events().await;
    reactive::with_streams().await;
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let cli = common::cli!();
    cli.no_args();
    cli.exit_on_error(all_five_styles().await)
}
