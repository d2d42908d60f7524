//! `async def countdown(n)`: an async generator, as a [`Stream`].

use std::time::Duration;

use futures::stream::{self, Stream};

/// `n`, `n - 1`, ... 1, pausing 0.1 s before each. Making the stream runs none of its code;
/// each `next().await` runs one step.
pub fn countdown(n: u32) -> impl Stream<Item = u32> {
    stream::unfold(n, |n| async move {
        if n == 0 {
            println!("countdown is done");
            return None; // the end: `async for` stops, as on StopAsyncIteration
        }
        // A plain iterator could not wait here: its `next` must return a value at once.
        tokio::time::sleep(Duration::from_millis(100)).await;
        println!("countdown yields {n}");
        Some((n, n - 1)) // yield n; the state for the next step is n - 1
    })
}

#[cfg(test)]
mod tests {
    use futures::StreamExt;
    use futures::stream;
    use std::cell::Cell;
    use std::pin::pin;

    #[tokio::test(flavor = "current_thread")]
    async fn a_stream_runs_only_when_asked_for_its_next_value() {
        let steps = Cell::new(0);
        let numbers = stream::unfold(0, |n| {
            steps.set(steps.get() + 1);
            async move { (n < 2).then_some((n, n + 1)) }
        });
        let mut numbers = pin!(numbers);
        assert_eq!(steps.get(), 0);
        assert_eq!(numbers.next().await, Some(0));
        assert_eq!(steps.get(), 1);
        assert_eq!(numbers.collect::<Vec<_>>().await, [1]);
        assert_eq!(steps.get(), 3);
    }
}
