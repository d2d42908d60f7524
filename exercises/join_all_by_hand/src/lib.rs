//! `join_all` (asyncio's `gather`) written by hand: a future that polls many futures and
//! ends when all have, with their outputs in the order the futures were given.

use std::pin::Pin;
use std::task::{Context, Poll};

/// All of `futures` at once; the output is theirs, in their order.
pub fn join_all<F: Future>(futures: Vec<F>) -> JoinAll<F> {
    let outputs = futures.iter().map(|_| None).collect();
    JoinAll {
        futures: futures
            .into_iter()
            .map(|future| Some(Box::pin(future)))
            .collect(),
        outputs,
    }
}

/// The future of [`join_all`].
pub struct JoinAll<F: Future> {
    /// Each future, pinned in a box of its own so that it can be polled; `None` once done.
    futures: Vec<Option<Pin<Box<F>>>>,
    /// Each future's output, once it has one, at the future's place.
    outputs: Vec<Option<F::Output>>,
}

/// The futures are in boxes and the outputs are never pinned: moving a JoinAll moves neither,
/// so it is Unpin whatever `F` is.
impl<F: Future> Unpin for JoinAll<F> {}

impl<F: Future> Future for JoinAll<F> {
    type Output = Vec<F::Output>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Vec<F::Output>> {
        // JoinAll is Unpin (its futures are in boxes): a plain `&mut JoinAll` is safe to take.
        let this = self.get_mut();
        let _ = (&mut this.futures, &mut this.outputs, cx);
        todo!("poll each future not yet done; Ready with every output once all are done")
    }
}
