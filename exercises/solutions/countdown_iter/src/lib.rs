//! A countdown as an `Iterator` written by hand. What a Python generator keeps between two
//! `next()` calls lives here in a field of a struct.

/// Counts down to 1: `Countdown::new(3)` gives 3, 2, 1, then `None` for ever.
pub struct Countdown {
    /// The number the next call to `next` gives; 0 once the countdown is over.
    remaining: u32,
}

impl Countdown {
    pub fn new(from: u32) -> Countdown {
        Countdown { remaining: from }
    }
}

impl Iterator for Countdown {
    type Item = u32;

    /// The next number of the countdown, or `None` once it is over.
    fn next(&mut self) -> Option<u32> {
        if self.remaining == 0 {
            return None; // over: no subtraction, so it stays over
        }
        let number = self.remaining;
        self.remaining -= 1;
        Some(number)
    }
}
