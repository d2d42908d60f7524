//! `countdown_iter [FROM]`: prints the countdown from FROM (default 3), one number a line.

use countdown_iter::Countdown;

fn main() {
    let from = match std::env::args().nth(1) {
        None => 3,
        Some(text) => text.parse().unwrap_or_else(|_| {
            eprintln!("countdown_iter: bad FROM {text:?}: want a whole number from 0");
            std::process::exit(2);
        }),
    };
    for number in Countdown::new(from) {
        println!("{number}");
    }
    println!("liftoff");
}
