//! A lazy pipeline: iterator adapters compute nothing until something pulls a value through
//! them, as a Python generator expression does.

/// The squares of the first five even numbers of `source`, in order. Nothing is pulled from
/// `source` before the first value is asked for, and no more than those five need.
pub fn even_squares<I>(source: I) -> impl Iterator<Item = u64>
where
    I: Iterator<Item = u64>,
{
    source.filter(|n| n % 2 == 0).map(|n| n * n).take(5)
}
