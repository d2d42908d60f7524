//! Not the loop itself, but its speed: the map of tasks by number, with a hasher made for
//! task numbers. A plain `HashMap<TaskId, Task>` would do the same work, slower; a reader of
//! the loop can skip this file.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::TaskId;

/// The loop's tasks by number.
pub(crate) type TaskMap<V> = HashMap<TaskId, V, BuildHasherDefault<TaskIdHasher>>;

/// Task numbers are small and consecutive: one multiplication spreads them over the hash
/// table, where the standard hasher (built to resist crafted keys) costs more than the rest of
/// a poll.
#[derive(Default)]
pub(crate) struct TaskIdHasher(u64);

impl Hasher for TaskIdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
