//! Port of `generator_loop_list.py`: the usual ways to use a generator. A `for` loop takes its
//! values one at a time, each as soon as it is made; `list(...)` takes them all at once.
//!
//!     cargo run -p generator_loop_list
//!
//! Python → Rust:
//! - a generator → a struct that implements [`Iterator`], its `next` being the body from one
//!   `yield` to the next (the same `gen_numbers` as in generator_next);
//! - `for n in gen_numbers()` → `for n in gen_numbers()`: a `for` loop calls
//!   [`Iterator::next`] until it gets `None`, as Python's calls `next()` until `StopIteration`;
//! - `list(gen_numbers())` → `gen_numbers().collect::<Vec<_>>()`;
//! - `print(..., end="; ")` → `print!` (no newline).

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
        print!("Generator generates {i}; ");
        Some(i) // yield i
    }
}

fn main() {
    common::cli!().no_args();
    for n in gen_numbers() {
        println!("Caller gets {n}");
    }
    let ns: Vec<u32> = gen_numbers().collect();
    println!("Caller gets a list {}", common::pyrepr::list(&ns));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creating_the_generator_runs_none_of_its_body() {
        let gen_obj = gen_numbers();
        assert_eq!(gen_obj.i, 0);
    }

    #[test]
    fn a_loop_takes_one_value_at_a_time() {
        // Each turn of the loop runs the body up to one `yield`, no further: leaving the loop
        // after the value 1 leaves the generator paused before making 2.
        let mut gen_obj = gen_numbers();
        for n in gen_obj.by_ref() {
            if n == 1 {
                break;
            }
        }
        assert_eq!(gen_obj.i, 2);
        assert_eq!(gen_obj.next(), Some(2));
    }

    #[test]
    fn collect_takes_every_value_and_next_after_the_end_is_none() {
        let mut gen_obj = gen_numbers();
        let ns: Vec<u32> = gen_obj.by_ref().collect();
        assert_eq!(ns, vec![0, 1, 2]);
        assert_eq!(common::pyrepr::list(&ns), "[0, 1, 2]");
        assert_eq!(gen_obj.next(), None);
    }
}
