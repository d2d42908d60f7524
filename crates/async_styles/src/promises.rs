//! Style 2, futures (promises): asking gives at once a value that will hold the answer, or the
//! error that came instead; steps are chained onto it, and an error skips every step after it
//! to the end of the chain.

use std::fmt;

use futures::{FutureExt, TryFutureExt};

use crate::{print_sum, slow_number};

/// The error of a slow source that answered nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoAnswer(pub u32);

impl fmt::Display for NoAnswer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no answer for {}", self.0)
    }
}

impl std::error::Error for NoAnswer {}

/// A slow source that can fail: after [`DELAY`](crate::DELAY), `n`, or when `broken`, the error
/// [`NoAnswer`]. Built from [`slow_number`] with a combinator, as `loop.call_later` calls
/// `set_result` or `set_exception` in our Python program.
fn slow_number_or_error(n: u32, broken: bool) -> impl Future<Output = Result<u32, NoAnswer>> {
    slow_number(n).map(move |n| if broken { Err(NoAnswer(n)) } else { Ok(n) })
}

/// The job as one chain, with no `.await` in it: a value built with combinators from the
/// sources' futures (which are `async fn`s, or made from one), returned to the caller to run.
/// [`TryFutureExt::and_then`] is a promise's `then` (the next step gives another future) and
/// [`TryFutureExt::map_ok`] its `map` (the next step gives a value); both run their step only
/// on success, and pass an error on untouched. With `second_broken`, the source of the second
/// number fails, and the chain ends with its error: the sum is never printed.
pub fn with_futures(second_broken: bool) -> impl Future<Output = Result<(), NoAnswer>> {
    slow_number_or_error(3, false)
        .and_then(move |a| slow_number_or_error(4, second_broken).map_ok(move |b| (a, b)))
        .map_ok(|(a, b)| print_sum("futures", a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run<F: Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap()
            .block_on(future)
    }

    #[test]
    fn a_chain_of_futures_does_nothing_until_it_is_run() {
        // Building the chain starts no timer: a tokio timer made outside a runtime would
        // panic, and there is no runtime here. It runs only once a runtime polls it.
        let chain = with_futures(false);
        assert_eq!(run(chain), Ok(()));
    }

    #[test]
    fn an_error_is_passed_on_to_the_end_of_the_chain() {
        assert_eq!(run(with_futures(true)), Err(NoAnswer(4)));
    }
}
