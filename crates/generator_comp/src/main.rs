//! Port of `generator_comp.py`: a generator comprehension `(2*n for n in range(10))` makes a
//! generator without a `def`; like any generator it computes nothing until its values are
//! taken, here by `list(...)` and by `sum(...)`.
//!
//!     cargo run -p generator_comp
//!
//! Python → Rust:
//! - a generator comprehension → iterator adapters: `(0..10).map(|n| 2 * n)` is a value that
//!   remembers the range and the closure, and calls the closure only when asked for a value;
//! - `print(gen)` → the iterator's text with its real address (`{:p}`);
//! - `list(gen)` → [`Iterator::collect`] into a `Vec`;
//! - `sum(n for n in range(11))` → [`Iterator::sum`].

fn main() {
    common::cli!().no_args();
    // `gen` is a reserved word in Rust 2024 (kept for generator blocks, not yet stable).
    let gen_obj = (0..10).map(|n| 2 * n);
    println!("{}", common::pyrepr::generator("<genexpr>", &gen_obj));
    let list: Vec<u32> = gen_obj.collect();
    println!("{}", common::pyrepr::list(&list));
    let total: u32 = (0..11).sum();
    println!("{total}");
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    #[test]
    fn the_comprehension_is_lazy_until_collected() {
        // The same comprehension, with a closure that counts its calls.
        let calls = Cell::new(0);
        let gen_obj = (0..10).map(|n| {
            calls.set(calls.get() + 1);
            2 * n
        });
        assert_eq!(calls.get(), 0, "making the iterator computes nothing");
        let list: Vec<u32> = gen_obj.collect();
        assert_eq!(calls.get(), 10);
        assert_eq!(list, [0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    }

    #[test]
    fn sum_pulls_the_values_one_by_one() {
        let calls = Cell::new(0);
        let gen_obj = (0..11).inspect(|_| calls.set(calls.get() + 1));
        assert_eq!(calls.get(), 0);
        let total: u32 = gen_obj.sum();
        assert_eq!((total, calls.get()), (55, 11));
    }

    #[test]
    fn taking_part_of_it_computes_only_that_part() {
        let calls = Cell::new(0);
        let mut gen_obj = (0..10).map(|n| {
            calls.set(calls.get() + 1);
            2 * n
        });
        assert_eq!(gen_obj.next(), Some(0));
        assert_eq!(gen_obj.next(), Some(2));
        assert_eq!(calls.get(), 2);
        // Like a generator, once used up it gives nothing more.
        assert_eq!(gen_obj.by_ref().count(), 8);
        assert_eq!(gen_obj.next(), None);
    }
}
