//! The loop's timers: a deadline, and the waker to call once it has passed.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::{Rc, Weak};
use std::task::Waker;
use std::time::Instant;

use crate::trace::WokenBy;
use crate::wake::waking_as;

/// The timers of one loop, earliest first. A number beside each deadline serves equal
/// deadlines first set, first woken, and lets a dropped [`Timer`] find its own entry.
#[derive(Default)]
pub(crate) struct Timers {
    by_deadline: RefCell<BTreeMap<(Instant, u64), Waker>>,
    set: Cell<u64>,
}

impl Timers {
    /// The earliest deadline, if any.
    pub(crate) fn next_deadline(&self) -> Option<Instant> {
        self.by_deadline
            .borrow()
            .first_key_value()
            .map(|(key, _)| key.0)
    }

    /// Wakes the tasks whose deadline has passed.
    pub(crate) fn wake_due(&self) {
        if self.by_deadline.borrow().is_empty() {
            return; // no clock to read
        }
        let now = Instant::now();
        loop {
            let mut timers = self.by_deadline.borrow_mut();
            let Some(earliest) = timers.first_entry() else {
                return;
            };
            if earliest.key().0 > now {
                return;
            }
            let waker = earliest.remove();
            drop(timers); // the task's waker is called with nothing borrowed
            waking_as(WokenBy::Timer, || waker.wake());
        }
    }
}

/// A timer set on a loop, for [`Sleep`](crate::Sleep): it calls its waker once its deadline
/// has passed, and is removed from the loop when dropped (as asyncio cancels a timer handle).
pub(crate) struct Timer {
    key: (Instant, u64),
    /// Weak: a `Sleep` kept after its loop ended must not keep the loop's timers alive.
    timers: Weak<Timers>,
}

impl Timer {
    pub(crate) fn set(timers: &Rc<Timers>, deadline: Instant, waker: &Waker) -> Timer {
        let key = (deadline, timers.set.get());
        timers.set.set(key.1 + 1);
        timers.by_deadline.borrow_mut().insert(key, waker.clone());
        let timers = Rc::downgrade(timers);
        Timer { key, timers }
    }

    pub(crate) fn deadline(&self) -> Instant {
        self.key.0
    }

    /// Polled again before its deadline (by a `join_all`, say): call the latest waker.
    pub(crate) fn update_waker(&self, waker: &Waker) {
        if let Some(timers) = self.timers.upgrade()
            && let Some(timer) = timers.by_deadline.borrow_mut().get_mut(&self.key)
        {
            timer.clone_from(waker);
        }
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let Some(timers) = self.timers.upgrade() {
            let waker = timers.by_deadline.borrow_mut().remove(&self.key);
            drop(waker); // after the borrow ends
        }
    }
}
