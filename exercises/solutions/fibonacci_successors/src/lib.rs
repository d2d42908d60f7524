//! Fibonacci again, without a struct of your own: `std::iter::successors` makes an iterator
//! from a first value and a closure that makes each next value from the one before.

/// The Fibonacci numbers as `u64`: 0, 1, 1, 2, 3, 5, 8, ... The last is the largest that fits
/// in a `u64`, 12200160415121876738; the iterator ends there instead of overflowing.
pub fn fibonacci() -> impl Iterator<Item = u64> {
    // The state is a pair (a, b); each step gives a and moves on to (b, a + b). A sum that does
    // not fit is None (`checked_add`): the step after it is None, and `successors` ends there.
    std::iter::successors(Some((0u64, Some(1u64))), |&(a, b)| {
        let b = b?;
        Some((b, a.checked_add(b)))
    })
    .map(|(a, _)| a)
}
