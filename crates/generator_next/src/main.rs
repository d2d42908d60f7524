//! Port of `generator_next.py`: calling a generator function runs none of its body; each
//! `next(gen_obj)` runs it until its next `yield`.
//!
//!     cargo run -p generator_next
//!
//! Python → Rust:
//! - a generator → a struct that implements [`Iterator`]: its fields are the state the
//!   generator keeps between `yield`s (here, the loop variable `i`), and `next` is the body
//!   from one `yield` to the next, written out by hand as a state machine;
//! - `gen_obj = gen_numbers()` → a value is made, and nothing is printed yet;
//! - `next(gen_obj)` → [`Iterator::next`]; `StopIteration` at the end → `None`.

const N: u32 = 3;

/// The generator object of `gen_numbers()`: where the loop `for i in range(N)` stands.
struct GenNumbers {
    i: u32,
}

/// `def gen_numbers()`: creates the generator; runs none of its body.
fn gen_numbers() -> GenNumbers {
    GenNumbers { i: 0 }
}

impl Iterator for GenNumbers {
    type Item = u32;

    /// Runs the body of the loop once, up to `yield i`.
    fn next(&mut self) -> Option<u32> {
        if self.i >= N {
            return None; // the loop is over: StopIteration
        }
        let i = self.i;
        self.i += 1;
        println!("Generator generates {i}");
        Some(i) // yield i
    }
}

fn main() {
    common::cli!().no_args();
    let mut gen_obj = gen_numbers();
    println!(
        "Caller creates {}",
        common::pyrepr::generator("gen_numbers", &gen_obj)
    );
    for _ in 0..N {
        let n = gen_obj.next().expect("gen_numbers yields N values");
        println!("Caller gets {n}");
    }
    // let n = gen_obj.next(); // None: Python raises StopIteration
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creating_the_generator_runs_none_of_its_body() {
        // Nothing is printed and nothing advances until `next` is called.
        let gen_obj = gen_numbers();
        assert_eq!(gen_obj.i, 0);
    }

    #[test]
    fn next_after_the_end_is_none() {
        let mut gen_obj = gen_numbers();
        assert_eq!(gen_obj.by_ref().collect::<Vec<_>>(), vec![0, 1, 2]);
        assert_eq!(gen_obj.next(), None);
        assert_eq!(gen_obj.next(), None);
    }
}
