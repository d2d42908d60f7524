//! `join_all_by_hand`: three "downloads" of 0.3, 0.1 and 0.2 s joined with your join_all.
//! Each says when it ends; the outputs come back in the order given, after about 0.3 s.

use std::time::{Duration, Instant};

use join_all_by_hand::join_all;

async fn download(name: &'static str, millis: u64, start: Instant) -> &'static str {
    tokio::time::sleep(Duration::from_millis(millis)).await;
    println!("{name} done at {:.1}s", start.elapsed().as_secs_f64());
    name
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let start = Instant::now();
    let names = [("a", 300), ("b", 100), ("c", 200)];
    let downloads = names.map(|(name, millis)| download(name, millis, start));
    let outputs = join_all(Vec::from(downloads)).await;
    println!(
        "outputs {outputs:?} after {:.1}s",
        start.elapsed().as_secs_f64()
    );
}
