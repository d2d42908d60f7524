//! `event_loop_sleep [SECONDS]`: sleeps SECONDS (default 0.5) with your `sleep` on the small
//! loop, then says how long it took and how often the loop polled.

use std::time::{Duration, Instant};

use event_loop_sleep::{mini_loop, sleep};

fn main() {
    let seconds: f64 = match std::env::args().nth(1) {
        None => 0.5,
        Some(text) => match text.parse() {
            Ok(seconds) if (0.0..=3600.0).contains(&seconds) => seconds,
            _ => {
                eprintln!("event_loop_sleep: bad SECONDS {text:?}: want a number from 0 to 3600");
                std::process::exit(2);
            }
        },
    };
    println!("sleeping {seconds} s");
    let start = Instant::now();
    match mini_loop::run(sleep(Duration::from_secs_f64(seconds))) {
        Ok(ran) => println!(
            "woke after {:.2} s: {} polls, {} timers set",
            start.elapsed().as_secs_f64(),
            ran.polls,
            ran.timers_set
        ),
        Err(stuck) => {
            eprintln!("event_loop_sleep: {stuck}");
            std::process::exit(1);
        }
    }
}
