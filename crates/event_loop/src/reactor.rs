//! The reactor: what `selectors.DefaultSelector` is to asyncio's loop, on mio (epoll on
//! Linux), the selector layer tokio itself uses.
//!
//! The lecture says the loop is the caller of every coroutine. What follows is ours, as
//! asyncio and tokio do it: when no coroutine can go on, the loop asks the selector which one
//! can, and waits for the answer: this file. A socket is registered once, for reading and
//! writing; a task whose read or write would block leaves its waker here, for that direction
//! on that socket; the selector's events call those wakers, and the loop polls the tasks again.
//! Several may wait on one socket and direction (two tasks accepting on one listener, say):
//! each leaves its own waker, and an event wakes them all.
//!
//! Readiness is **edge-triggered** (mio registers with `EPOLLET`): an event comes when a socket
//! *becomes* readable or writable, not for as long as it is. So a task may wait only after
//! its read or write returned `WouldBlock`: a task that read part of what arrived and waited
//! for more would never be woken for the rest. [`Source::poll_io`] keeps that rule: it tries
//! the operation first, and leaves the waker only on `WouldBlock`. (A level-triggered
//! selector, as Python's `selectors` with `select` or `poll`, would report a readable socket
//! on every call until it is drained, at the cost of a system call per wait and socket.)
//!
//! One more rule, ours (`budget.rs`): a task that has used up its budget of operations for this
//! poll does not try the next one; it goes to the back of the run queue first.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::io;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use mio::{Events, Interest, Token};

use crate::budget;
use crate::trace::WokenBy;
use crate::wake::{waking, waking_as};

/// The token of the `mio::Waker` that a waker called from another thread signals.
pub(crate) const WAKEUP: Token = Token(usize::MAX);

/// How many events one wait takes at most; more wait for the next turn.
const EVENTS: usize = 1024;

pub(crate) struct Reactor {
    poll: RefCell<mio::Poll>,
    events: RefCell<Events>,
    /// By source: the tasks waiting to read and to write.
    waiting: RefCell<HashMap<Token, Waiting>>,
    /// Tokens are never reused, so an event for a source already gone finds nobody.
    tokens_given: Cell<usize>,
    /// The numbers given to waiting operations, so that each takes back its own waker only.
    waits_given: Cell<u64>,
    /// The tasks that spent their budget, to wake after the selector's events (`budget.rs`),
    /// with who woke them, for `--trace`: themselves.
    deferred: RefCell<Vec<(Waker, WokenBy)>>,
}

/// The waits on one source: for each direction, every operation waiting, by its number.
#[derive(Default)]
struct Waiting {
    read: Vec<(u64, Waker)>,
    write: Vec<(u64, Waker)>,
}

impl Waiting {
    fn of(&mut self, direction: Direction) -> &mut Vec<(u64, Waker)> {
        match direction {
            Direction::Read => &mut self.read,
            Direction::Write => &mut self.write,
        }
    }
}

/// Which way a task waits on a source. Accepting a connection is reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Direction {
    Read,
    Write,
}

impl Reactor {
    /// A reactor, and the `mio::Waker` that interrupts its [`wait`](Reactor::wait).
    pub(crate) fn new() -> io::Result<(Reactor, mio::Waker)> {
        let poll = mio::Poll::new()?;
        let wakeup = mio::Waker::new(poll.registry(), WAKEUP)?;
        let reactor = Reactor {
            poll: RefCell::new(poll),
            events: RefCell::new(Events::with_capacity(EVENTS)),
            waiting: RefCell::default(),
            tokens_given: Cell::new(0),
            waits_given: Cell::new(0),
            deferred: RefCell::default(),
        };
        Ok((reactor, wakeup))
    }

    /// Whether any source is registered: with none, no event can come but the wakeup.
    fn has_sources(&self) -> bool {
        !self.waiting.borrow().is_empty()
    }

    /// Whether a task that spent its budget waits to be woken: the loop must not block.
    pub(crate) fn has_deferred(&self) -> bool {
        !self.deferred.borrow().is_empty()
    }

    /// `selector.select(timeout)`: waits until a source is ready, the wakeup is signalled, or
    /// `timeout` has passed (`None`: no timeout; zero: just look). Then
    /// [`wake_ready`](Reactor::wake_ready) wakes the tasks.
    pub(crate) fn wait(&self, timeout: Option<Duration>) {
        let mut events = self.events.borrow_mut();
        if timeout == Some(Duration::ZERO) && !self.has_sources() {
            events.clear(); // a look at no socket: nothing to find, no system call
            return;
        }
        if let Err(e) = self.poll.borrow_mut().poll(&mut events, timeout) {
            // A signal interrupted the wait: the loop comes back at once. Any other error
            // means the selector itself is broken, and nothing could ever wake the loop.
            assert!(
                e.kind() == io::ErrorKind::Interrupted,
                "event_loop: the selector failed: {e}"
            );
            events.clear();
        }
    }

    /// Wakes the tasks that spent their budget (`budget.rs`). The loop calls it after the
    /// selector and the timers have woken their tasks, which thus go first.
    pub(crate) fn wake_deferred(&self) {
        let deferred = std::mem::take(&mut *self.deferred.borrow_mut());
        for (waker, woken_by) in deferred {
            waking_as(woken_by, || waker.wake());
        }
    }

    /// Wakes the tasks waiting for what the last [`wait`](Reactor::wait) found ready.
    pub(crate) fn wake_ready(&self) {
        let events = self.events.borrow();
        for event in events.iter() {
            let (read, write) = {
                let mut waiting = self.waiting.borrow_mut();
                let Some(waiting) = waiting.get_mut(&event.token()) else {
                    continue; // the wakeup, or a source dropped meanwhile
                };
                // An error or a closed side wakes the waiter too: its read or write will say
                // what happened.
                let failed = event.is_error();
                let read = event.is_readable() || event.is_read_closed() || failed;
                let write = event.is_writable() || event.is_write_closed() || failed;
                // Every waiter of a ready direction: those that find nothing left wait again.
                let read = if read {
                    std::mem::take(&mut waiting.read)
                } else {
                    Vec::new()
                };
                let write = if write {
                    std::mem::take(&mut waiting.write)
                } else {
                    Vec::new()
                };
                (read, write)
            };
            waking_as(WokenBy::Io, || {
                read.into_iter()
                    .chain(write)
                    .for_each(|(_, waker)| waker.wake());
            });
        }
    }
}

/// A socket registered with the reactor of the loop it was made on; deregistered when
/// dropped.
pub(crate) struct Source<S: mio::event::Source> {
    io: S,
    token: Token,
    /// Weak: a socket kept after its loop ended must not keep the reactor alive.
    reactor: Weak<Reactor>,
}

impl<S: mio::event::Source> Source<S> {
    /// Registers `io` with `reactor`, for reading and writing at once: with edge-triggered
    /// readiness it needs no change afterwards.
    pub(crate) fn new(reactor: &Rc<Reactor>, mut io: S) -> io::Result<Source<S>> {
        let token = Token(reactor.tokens_given.get());
        reactor.tokens_given.set(token.0 + 1);
        let both = Interest::READABLE | Interest::WRITABLE;
        reactor
            .poll
            .borrow()
            .registry()
            .register(&mut io, token, both)?;
        reactor
            .waiting
            .borrow_mut()
            .insert(token, Waiting::default());
        let reactor = Rc::downgrade(reactor);
        Ok(Source { io, token, reactor })
    }

    pub(crate) fn io(&self) -> &S {
        &self.io
    }

    /// Tries `op` on the socket; if it would block, leaves the task's waker for `direction`
    /// and returns `Pending`: the reactor wakes the task when the socket becomes ready. `wait`
    /// is the operation's number among the waiters: given at its first wait, kept after.
    ///
    /// With the task's budget spent, it tries nothing and returns `Pending`: the task is woken
    /// after the selector's next events, behind the tasks they wake (`budget.rs`).
    pub(crate) fn poll_io<R>(
        &self,
        cx: &mut Context<'_>,
        direction: Direction,
        wait: &mut Option<u64>,
        mut op: impl FnMut(&S) -> io::Result<R>,
    ) -> Poll<io::Result<R>> {
        if !budget::has_some()
            && let Some(reactor) = self.reactor.upgrade()
        {
            let me = (cx.waker().clone(), waking());
            reactor.deferred.borrow_mut().push(me);
            return Poll::Pending;
        }
        loop {
            match op(&self.io) {
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                done => {
                    budget::spend();
                    return Poll::Ready(done);
                }
            }
        }
        let Some(reactor) = self.reactor.upgrade() else {
            let gone = "event_loop: a socket used after its loop ended";
            return Poll::Ready(Err(io::Error::other(gone)));
        };
        let mut all = reactor.waiting.borrow_mut();
        if let Some(waiting) = all.get_mut(&self.token) {
            let waiters = waiting.of(direction);
            // Its own entry, if it waits already (polled again before the event); else a new
            // one beside the other waiters', which stay.
            match waiters.iter_mut().find(|(id, _)| Some(*id) == *wait) {
                Some((_, waker)) => waker.clone_from(cx.waker()),
                None => {
                    let id = *wait.get_or_insert_with(|| {
                        let id = reactor.waits_given.get();
                        reactor.waits_given.set(id + 1);
                        id
                    });
                    waiters.push((id, cx.waker().clone()));
                }
            }
        }
        Poll::Pending
    }

    /// [`poll_io`](Source::poll_io) as a future: `op` until it does not block. When it ends
    /// or is dropped (a timeout won the race, say), it takes back the waker it left, and only
    /// that one: no event wakes the task later for an operation it is done with, and a sibling
    /// operation of the same task (in a `join`) keeps its own.
    pub(crate) fn io_op<R, F>(&self, direction: Direction, op: F) -> IoOp<'_, S, F>
    where
        F: FnMut(&S) -> io::Result<R> + Unpin,
    {
        IoOp {
            source: self,
            direction,
            op,
            wait: None,
        }
    }

    /// Takes back the waker that operation `wait` left for `direction`, if it is still there.
    fn take_back(&self, direction: Direction, wait: u64) {
        let Some(reactor) = self.reactor.upgrade() else {
            return;
        };
        let mut all = reactor.waiting.borrow_mut();
        let Some(waiting) = all.get_mut(&self.token) else {
            return;
        };
        let waiters = waiting.of(direction);
        if let Some(at) = waiters.iter().position(|(id, _)| *id == wait) {
            let left = waiters.swap_remove(at);
            drop(all);
            drop(left); // after the borrow ends
        }
    }
}

/// The future of [`Source::io_op`].
pub(crate) struct IoOp<'a, S: mio::event::Source, F> {
    source: &'a Source<S>,
    direction: Direction,
    op: F,
    /// Its number among the waiters, once it has waited.
    wait: Option<u64>,
}

impl<S: mio::event::Source, R, F> Future for IoOp<'_, S, F>
where
    F: FnMut(&S) -> io::Result<R> + Unpin,
{
    type Output = io::Result<R>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<R>> {
        let this = self.get_mut();
        this.source
            .poll_io(cx, this.direction, &mut this.wait, &mut this.op)
    }
}

impl<S: mio::event::Source, F> Drop for IoOp<'_, S, F> {
    fn drop(&mut self) {
        if let Some(wait) = self.wait {
            self.source.take_back(self.direction, wait);
        }
    }
}

impl<S: mio::event::Source> Drop for Source<S> {
    fn drop(&mut self) {
        if let Some(reactor) = self.reactor.upgrade() {
            // Closing the socket removes it from epoll only once no other descriptor refers
            // to it (a `dup`, a child process's copy); and it would stay in `waiting`.
            let _ = reactor.poll.borrow().registry().deregister(&mut self.io);
            let waiting = reactor.waiting.borrow_mut().remove(&self.token);
            drop(waiting); // after the borrow ends
        }
    }
}

/// How many sources a reactor holds, for a test that a dropped socket deregisters.
#[cfg(test)]
pub(crate) fn sources(reactor: &Reactor) -> usize {
    reactor.waiting.borrow().len()
}

/// The selector's own file descriptor (epoll's), for a test that reads what it watches.
#[cfg(test)]
pub(crate) fn selector_fd(reactor: &Reactor) -> std::os::fd::RawFd {
    use std::os::fd::AsRawFd;
    reactor.poll.borrow().as_raw_fd()
}
