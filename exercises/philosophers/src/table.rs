//! The table: its forks, and a record of what each philosopher did with them. You need not
//! change this file; the check reads the record.

use std::sync::Mutex as RecordLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::{Mutex, MutexGuard};

/// Who holds a fork: nobody.
const NOBODY: usize = usize::MAX;

/// A fork, shared by the two philosophers beside it. One holds it at a time.
pub struct Fork {
    /// The fork's number, 0 to seats - 1: philosopher `i` has fork `i` on the left and fork
    /// `i + 1` (or 0, for the last one) on the right.
    pub number: usize,
    lock: Mutex<()>,
    holder: AtomicUsize,
}

/// A fork in a philosopher's hand; dropping it puts the fork back.
pub struct Held<'a> {
    fork: &'a Fork,
    _lock: MutexGuard<'a, ()>,
}

impl Fork {
    /// Waits until the fork is free, then gives it to philosopher `seat`.
    pub async fn take(&self, seat: usize) -> Held<'_> {
        let lock = self.lock.lock().await;
        self.holder.store(seat, Ordering::SeqCst);
        Held {
            fork: self,
            _lock: lock,
        }
    }
}

impl Drop for Held<'_> {
    fn drop(&mut self) {
        self.fork.holder.store(NOBODY, Ordering::SeqCst); // before the lock is let go
    }
}

/// The forks, and the record of each philosopher's meals and mistakes.
pub struct Table {
    forks: Vec<Fork>,
    meals: Vec<AtomicUsize>,
    reaches: AtomicUsize,
    mistakes: RecordLock<Vec<String>>,
}

impl Table {
    pub fn new(seats: usize) -> Table {
        let fork = |number| Fork {
            number,
            lock: Mutex::new(()),
            holder: AtomicUsize::new(NOBODY),
        };
        Table {
            forks: (0..seats).map(fork).collect(),
            meals: (0..seats).map(|_| AtomicUsize::new(0)).collect(),
            reaches: AtomicUsize::new(0),
            mistakes: RecordLock::new(Vec::new()),
        }
    }

    /// The forks of philosopher `seat`: (left, right).
    pub fn forks_of(&self, seat: usize) -> (&Fork, &Fork) {
        (
            &self.forks[seat],
            &self.forks[(seat + 1) % self.forks.len()],
        )
    }

    /// The pause of a philosopher who holds one fork and reaches for the other: the others
    /// run meanwhile. Call it between taking the first fork and the second.
    pub async fn reach(&self, seat: usize) {
        self.reaches.fetch_add(1, Ordering::SeqCst);
        if self.held_by(seat) != 1 {
            let held = self.held_by(seat);
            self.note(format!(
                "philosopher {seat} reached for a fork holding {held} forks"
            ));
        }
        tokio::task::yield_now().await;
    }

    /// Philosopher `seat` eats once: with both forks in hand.
    pub async fn eat(&self, seat: usize) {
        if self.held_by(seat) != 2 {
            let held = self.held_by(seat);
            self.note(format!(
                "philosopher {seat} ate holding {held} of its forks"
            ));
        }
        tokio::task::yield_now().await; // eating takes a while: the others run meanwhile
        tokio::task::yield_now().await;
        self.meals[seat].fetch_add(1, Ordering::SeqCst);
    }

    /// How many meals each philosopher ate.
    pub fn meals(&self) -> Vec<usize> {
        self.meals
            .iter()
            .map(|m| m.load(Ordering::SeqCst))
            .collect()
    }

    /// How many times a philosopher reached for a second fork.
    pub fn reaches(&self) -> usize {
        self.reaches.load(Ordering::SeqCst)
    }

    /// What the philosophers did wrong, in the order it happened.
    pub fn mistakes(&self) -> Vec<String> {
        self.mistakes.lock().expect("the record").clone()
    }

    fn held_by(&self, seat: usize) -> usize {
        let (left, right) = self.forks_of(seat);
        [left, right]
            .iter()
            .filter(|fork| fork.holder.load(Ordering::SeqCst) == seat)
            .count()
    }

    fn note(&self, mistake: String) {
        self.mistakes.lock().expect("the record").push(mistake);
    }
}
