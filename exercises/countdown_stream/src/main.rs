//! `countdown_stream [FROM]`: counts down from FROM (default 3) with your stream, one number
//! each 0.5 s, with the time of each.

use std::time::{Duration, Instant};

use countdown_stream::countdown;
use futures::StreamExt;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let from = match std::env::args().nth(1) {
        None => 3,
        Some(text) => text.parse().unwrap_or_else(|_| {
            eprintln!("countdown_stream: bad FROM {text:?}: want a whole number from 0");
            std::process::exit(2);
        }),
    };
    let start = Instant::now();
    let mut numbers = countdown(from, Duration::from_millis(500));
    while let Some(number) = numbers.next().await {
        println!("{number} at {:.1}s", start.elapsed().as_secs_f64());
    }
    println!("liftoff");
}
