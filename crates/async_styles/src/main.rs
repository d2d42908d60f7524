//! Slide "Asynchronous programming": the five ways it lists to run code outside the current
//! flow, each doing the same small job: get two numbers, each from a slow source that answers
//! after 0.1 s, and print their sum. All five print `3 + 4 = 7`; what differs is how the code
//! says "go on when the answer is in", and what that costs.
//!
//!     cargo run -p async_styles
//!     python3 crates/async_styles/async_styles.py     # the same in Python
//!
//! Python → Rust, style by style, with the price of each:
//! - callbacks: `loop.call_later(delay, callback, n)` → [`call_later`], a task that sleeps and
//!   then calls the closure. Each step that needs an earlier answer nests inside the callback
//!   that delivered it, and the result can only be passed on to yet another callback (here
//!   `done`): nothing is returned to the caller;
//! - futures (promises): `loop.create_future()` with `add_done_callback` → a [`Future`]
//!   chained with [`FutureExt::then`] (the next step gives another future) and
//!   [`FutureExt::map`] (the next step gives a value). The chain is a value that can be passed
//!   around and returned, but every earlier answer a later step needs must be carried along
//!   by hand (`move |b| (a, b)`). Python's futures have only `add_done_callback`, so our
//!   Python program writes `then` and `map_result` on top of it. Rust's futures are also lazy:
//!   the chain does nothing until it is awaited, where an asyncio future's timer is already
//!   running;
//! - coroutines: `async def` / `await` → `async fn` / `.await`. The code reads like the
//!   blocking version, top to bottom, with ordinary variables; the price is the `async`
//!   keyword that spreads to every caller, and a runtime to run it;
//! - event-driven: an `asyncio.Queue` of events and a loop calling a handler for each →
//!   a [`tokio::sync::mpsc`] channel of [`Event`]s and a `while let` loop that `match`es each
//!   to its handler. Sources and handlers know nothing of each other, and events may come in
//!   any order; the price is the flow of the job, cut into handlers, and what they must
//!   remember between events, kept in a state of its own ([`Operands`]);
//! - reactive: async generators chained into a pipeline → a [`futures::Stream`] with
//!   operators: [`StreamExt::then`] (each number after its delay), [`StreamExt::chunks`] (two
//!   at a time), [`StreamExt::for_each`]. The job is a declaration of how values flow; the
//!   price is a vocabulary of operators to learn, and a flow harder to follow in a debugger.
//!
//! Every style runs on one thread, as on asyncio's loop: `#[tokio::main(flavor =
//! "current_thread")]`.

use std::time::Duration;

use futures::FutureExt;
use futures::stream::{self, StreamExt};
use tokio::sync::{mpsc, oneshot};

/// How long the slow source takes to answer.
const DELAY: Duration = Duration::from_millis(100);

fn print_sum(style: &str, a: u32, b: u32) {
    println!("{:<12}{a} + {b} = {}", format!("{style}:"), a + b);
}

// 1. Callbacks.

/// `loop.call_later(delay, callback)`: runs `callback` once `delay` has passed. The callback
/// runs in a task of its own, started now, so it must own what it uses (`'static`); `Send`
/// because `tokio::spawn` asks it of every task, even on a one-thread runtime.
fn call_later(delay: Duration, callback: impl FnOnce() + Send + 'static) {
    tokio::spawn(async move {
        tokio::time::sleep(delay).await;
        callback();
    });
}

/// Asks the slow source for `n`, and says what to do with it once it is in.
fn slow_number_then(n: u32, callback: impl FnOnce(u32) + Send + 'static) {
    call_later(DELAY, move || callback(n));
}

fn with_callbacks(done: impl FnOnce() + Send + 'static) {
    slow_number_then(3, move |a| {
        slow_number_then(4, move |b| {
            print_sum("callbacks", a, b);
            done();
        });
    });
}

// 2. Futures.

/// The slow source, as a future: a value that will hold `n` after [`DELAY`]. Nothing happens
/// until it is polled.
async fn slow_number(n: u32) -> u32 {
    tokio::time::sleep(DELAY).await;
    n
}

/// No `async` here: the whole job is one value built from combinators, returned to the caller
/// to run.
fn with_futures() -> impl Future<Output = ()> {
    slow_number(3)
        .then(|a| slow_number(4).map(move |b| (a, b)))
        .map(|(a, b)| print_sum("futures", a, b))
}

// 3. Coroutines.

async fn with_coroutines() {
    let a = slow_number(3).await;
    let b = slow_number(4).await;
    print_sum("coroutines", a, b);
}

// 4. Event-driven.

/// What an event source can post.
#[derive(Debug, Clone, Copy)]
enum Event {
    First(u32),
    Second(u32),
}

/// What the handlers remember between events.
#[derive(Debug, Default)]
struct Operands {
    first: Option<u32>,
    second: Option<u32>,
}

/// Prints the sum once both numbers are in; true when the job is finished.
fn print_if_complete(operands: &Operands) -> bool {
    match (operands.first, operands.second) {
        (Some(a), Some(b)) => {
            print_sum("events", a, b);
            true
        }
        _ => false,
    }
}

fn on_first(operands: &mut Operands, n: u32) -> bool {
    operands.first = Some(n);
    print_if_complete(operands)
}

fn on_second(operands: &mut Operands, n: u32) -> bool {
    operands.second = Some(n);
    print_if_complete(operands)
}

/// An event source: posts `event` after [`DELAY`].
fn post_later(events: &mpsc::UnboundedSender<Event>, event: Event) {
    let events = events.clone();
    call_later(DELAY, move || {
        // The loop may have finished already; then nobody needs the event.
        let _ = events.send(event);
    });
}

/// The event loop: takes each event off the channel and hands it to its handler.
async fn dispatch(mut events: mpsc::UnboundedReceiver<Event>) {
    let mut operands = Operands::default();
    while let Some(event) = events.recv().await {
        let finished = match event {
            Event::First(n) => on_first(&mut operands, n),
            Event::Second(n) => on_second(&mut operands, n),
        };
        if finished {
            break;
        }
    }
}

async fn with_events() {
    let (post, events) = mpsc::unbounded_channel();
    post_later(&post, Event::First(3));
    post_later(&post, Event::Second(4));
    dispatch(events).await;
}

// 5. Reactive.

async fn with_streams() {
    stream::iter([3, 4])
        .then(slow_number)
        .chunks(2)
        .for_each(|pair| async move {
            if let [a, b] = pair[..] {
                print_sum("reactive", a, b);
            }
        })
        .await;
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    common::cli!().no_args();
    // `loop.run_forever()` until the last callback calls `loop.stop()`: here the last
    // callback sends on a channel, and main waits for that.
    let (stop, stopped) = oneshot::channel();
    with_callbacks(move || {
        let _ = stop.send(());
    });
    let _ = stopped.await;
    with_futures().await;
    with_coroutines().await;
    with_events().await;
    with_streams().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_handlers_finish_whichever_event_comes_first() {
        let mut operands = Operands::default();
        assert!(!on_second(&mut operands, 4));
        assert!(on_first(&mut operands, 3));
        let mut operands = Operands::default();
        assert!(!on_first(&mut operands, 3));
        assert!(on_second(&mut operands, 4));
    }

    #[test]
    fn the_event_loop_stops_once_the_job_is_done() {
        // Both events already posted, in the other order, and the channel still open: the
        // loop ends because the job is finished, not because the events ran out. With the
        // events already there, it needs no waiting: one poll runs it to its end.
        let (post, events) = mpsc::unbounded_channel();
        post.send(Event::Second(4)).unwrap();
        post.send(Event::First(3)).unwrap();
        assert_eq!(dispatch(events).now_or_never(), Some(()));
    }

    #[test]
    fn a_chain_of_futures_does_nothing_until_it_is_run() {
        // Building the chain starts no timer: a tokio timer made outside a runtime would
        // panic, and there is no runtime here. It runs only once a runtime polls it.
        let chain = with_futures();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        runtime.block_on(chain);
    }
}
