//! Elapsed time as the timed lessons print it (coroutine_run, async_blocking): seconds to a
//! tenth, rounded down, `0.2` for 0.2 s up to 0.2995 s.
//!
//! Every sleep and tick in those lessons lasts a whole tenth, and a sleep never ends early, so
//! the work itself always counts its full tenths; what a busy machine adds on top (a late
//! wake-up, tens of milliseconds) is dropped unless it reaches 99.5 ms. Rounding to the nearest
//! tenth instead would turn a 0.2 s run into 0.3 as soon as the machine added 50 ms. The
//! milliseconds are rounded first, so that a timer that Python lets fire a nanosecond early
//! does not lose a tenth in the lessons' Python programs, which print the same way.

use std::time::Duration;

/// `elapsed` in seconds to a tenth, rounded down (after rounding to whole milliseconds).
pub fn tenths(elapsed: Duration) -> String {
    let ms = (elapsed.as_secs_f64() * 1000.0).round() as u64;
    format!("{}.{}", ms / 1000, ms % 1000 / 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenths_are_rounded_down_after_whole_milliseconds() {
        let ms = Duration::from_millis;
        assert_eq!(tenths(ms(0)), "0.0");
        assert_eq!(tenths(ms(100)), "0.1");
        assert_eq!(tenths(ms(199)), "0.1");
        assert_eq!(tenths(ms(200)), "0.2");
        assert_eq!(tenths(ms(299)), "0.2");
        assert_eq!(tenths(ms(599)), "0.5");
        assert_eq!(tenths(ms(1050)), "1.0");
        assert_eq!(tenths(ms(1234)), "1.2");
        // A nanosecond short of a tenth is still that tenth.
        assert_eq!(tenths(ms(200) - Duration::from_nanos(1)), "0.2");
        assert_eq!(tenths(ms(600) - Duration::from_nanos(1)), "0.6");
    }
}
