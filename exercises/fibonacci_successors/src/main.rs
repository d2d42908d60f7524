//! `fibonacci_successors [COUNT]`: prints the first COUNT Fibonacci numbers (default 10), or
//! all 94 that fit in a u64 if COUNT is larger.

use fibonacci_successors::fibonacci;

fn main() {
    let count = match std::env::args().nth(1) {
        None => 10,
        Some(text) => text.parse().unwrap_or_else(|_| {
            eprintln!("fibonacci_successors: bad COUNT {text:?}: want a whole number from 0");
            std::process::exit(2);
        }),
    };
    for (i, number) in fibonacci().take(count).enumerate() {
        println!("{i} {number}");
    }
}
