//! Fibonacci again, without a struct of your own: `std::iter::successors` makes an iterator
//! from a first value and a closure that makes each next value from the one before.

/// The Fibonacci numbers as `u64`: 0, 1, 1, 2, 3, 5, 8, ... The last is the largest that fits
/// in a `u64`, 12200160415121876738; the iterator ends there instead of overflowing.
pub fn fibonacci() -> impl Iterator<Item = u64> {
    // Replace this line: std::iter::successors(Some((0, 1)), |&(a, b)| ...).map(...)
    std::iter::from_fn(|| todo!("the Fibonacci numbers with std::iter::successors"))
}
