//! A lazy pipeline: iterator adapters compute nothing until something pulls a value through
//! them, as a Python generator expression does.

/// The squares of the first five even numbers of `source`, in order. Nothing is pulled from
/// `source` before the first value is asked for, and no more than those five need.
pub fn even_squares<I>(source: I) -> impl Iterator<Item = u64>
where
    I: Iterator<Item = u64>,
{
    // Replace these two lines with a chain of adapters on `source`.
    drop(source);
    std::iter::from_fn(|| todo!("the squares of the even numbers of source, five of them"))
}
