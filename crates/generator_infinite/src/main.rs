//! Port of `generator_infinite.py`: a generator may go on for ever; it is the caller that
//! decides how many values to take, here by leaving its loop with `break`.
//!
//!     cargo run -p generator_infinite
//!
//! Python → Rust:
//! - a generator → a struct that implements [`Iterator`]; the local variables `f0, f1` that the
//!   generator keeps between `yield`s become its fields, and `while True` becomes a `next`
//!   that goes on while the numbers fit in a `u128`. It ends after F(186), the largest that
//!   fits; Python's ints never overflow, so its generator never ends (see [`Fibonacci`]);
//! - `enumerate(fibonacci())` → `fibonacci().enumerate()`, and `break` stops the loop;
//! - `print(fibonacci())` → the generator's text with its real address (`{:p}`);
//! - `list(fibonacci())`, which never ends in Python → `fibonacci().collect::<Vec<_>>()`,
//!   which ends here, with 187 numbers. On an iterator that truly never ends, such as
//!   `std::iter::repeat(1)`, `collect` would run until memory runs out, as `list` does.

/// The generator object of `fibonacci()`: the two numbers it remembers between `yield`s.
///
/// Python's ints grow without bound; a `u128` holds the first 187 Fibonacci numbers (up to
/// F(186)). `None` in `f1` means the next number would not fit: rather than wrap around to
/// wrong numbers, the sequence then ends after the last one that fits.
struct Fibonacci {
    f0: Option<u128>,
    f1: Option<u128>,
}

/// `def fibonacci()`: creates the generator; runs none of its body.
fn fibonacci() -> Fibonacci {
    Fibonacci {
        f0: Some(0),
        f1: Some(1),
    }
}

impl Iterator for Fibonacci {
    type Item = u128;

    /// One turn of `while True`: `yield f0`, then `f0, f1 = f1, f0+f1`.
    fn next(&mut self) -> Option<u128> {
        let f0 = self.f0?;
        self.f0 = self.f1;
        self.f1 = self.f1.and_then(|f1| f0.checked_add(f1));
        Some(f0)
    }
}

fn main() {
    common::cli!().no_args();
    for (i, fib) in fibonacci().enumerate() {
        print!("{i} {fib}, ");
        if i == 10 {
            break;
        }
    }
    println!();
    println!("{}", common::pyrepr::generator("fibonacci", &fibonacci())); // OK
    // println!("{:?}", fibonacci().collect::<Vec<_>>()); // never ends in Python; here, at F(186)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creating_the_generator_runs_none_of_its_body() {
        let gen_obj = fibonacci();
        assert_eq!((gen_obj.f0, gen_obj.f1), (Some(0), Some(1)));
    }

    #[test]
    fn it_stops_only_because_the_caller_stops() {
        // The loop of the slide leaves after 11 values; the generator itself has not ended,
        // it is only paused, and gives the next value when asked.
        let mut gen_obj = fibonacci();
        let mut taken = Vec::new();
        for (i, fib) in gen_obj.by_ref().enumerate() {
            taken.push(fib);
            if i == 10 {
                break;
            }
        }
        assert_eq!(taken, [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55]);
        assert_eq!(gen_obj.next(), Some(89));

        // Asked for far more than 11, it keeps going: each value is the sum of the two before.
        let many: Vec<u128> = fibonacci().take(150).collect();
        assert_eq!(many.len(), 150);
        assert!(many.windows(3).all(|w| w[2] == w[0] + w[1]));
        assert_eq!(many[100], 354_224_848_179_261_915_075);
    }

    #[test]
    fn it_ends_rather_than_overflow_past_what_a_u128_holds() {
        // Python's ints never overflow; here the sequence ends after F(186), the largest
        // Fibonacci number a u128 holds, instead of panicking or wrapping around.
        let mut gen_obj = fibonacci();
        assert_eq!(
            gen_obj.by_ref().last(),
            Some(332_825_110_087_067_562_321_196_029_789_634_457_848)
        );
        assert_eq!(fibonacci().count(), 187);
        assert_eq!(gen_obj.next(), None);
    }
}
